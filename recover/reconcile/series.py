"""Reconciliation's results: the series cell of each (ref, month) from its weighed candidates,
revisions, misread notes, reviewer corrections laid over, and the months no pack shows."""
from __future__ import annotations

from collections import defaultdict

from ..model import Observation
from ..printed.months import month_add
from . import confidence as cf
from .precision import agree, fmt, infer_decimals
from .records import Candidate, Reconciled, ReviewItem, Revision, SeriesCell
from .register_view import RegisterView
from .work import CellWork, Cluster, implausible, seen

ASSIGNED_NOTE = "row assigned by a person"   # recover.identify marks such readings' why
UNMET_CAP = 0.5              # confidence left when the newest pack's arithmetic rules the value out
NEW_EVIDENCE_AT = cf.OK_AT    # a reading this sure, from a file the reviewer had not seen, reopens a correction


def _candidates(cell: CellWork) -> tuple[Candidate, ...]:
    p = cell.weighed.probability if cell.weighed else ()
    out = []
    for k in sorted(range(len(cell.clusters)), key=lambda k: -p[k]):
        c = cell.clusters[k]
        out.append(Candidate(c.value, c.rep.decimals, round(p[k], 4),
                             tuple(r.label() for r in c.members), len(c.files),
                             tuple(r.seen() for r in c.members)))
    return tuple(out)


def assemble(cells: dict, units: dict, view: RegisterView, corrections: dict) -> Reconciled:
    out: list[SeriesCell] = []
    revisions: list[Revision] = []
    misreads: list[str] = []
    for key, cell in cells.items():
        title = view.info(cell.ref)[0]
        sc, rev = _series_cell(cell, title, units.get(cell.ref, ""))
        if key in corrections:
            sc = _overlay_correction(sc, cell, corrections[key])
        out.append(sc)
        if rev is not None and sc.status == "ok":
            revisions.append(rev)
        if sc.status == "ok" and cell.chosen is not None:
            misreads.extend(_misread_notes(cell, rev))
    for key, corr in corrections.items():
        if key not in cells:
            title, unit = view.info(corr.ref)
            out.append(SeriesCell(corr.ref, title, unit, corr.month, corr.corrected_value, 1.0, "corrected", 0, (),
                                  f"corrected by reviewer {corr.applied_at[:10]}; no pack shows this month",
                                  decimals=infer_decimals(corr.corrected_value)))
    out.extend(_gaps(out, view, units))
    out.sort(key=lambda c: (c.ref, c.month))
    review = tuple(ReviewItem(c.ref, c.title, c.unit, c.month, c.value, c.confidence, c.candidates, c.reason,
                              c.decimals, c.unreadable, c.short_reason or c.reason, c.row_notes)
                   for c in out if c.status == "review")
    return Reconciled(tuple(out), tuple(sorted(revisions, key=lambda r: (r.ref, r.month))), review,
                      tuple(misreads))


def _series_cell(cell: CellWork, title: str, unit: str) -> tuple[SeriesCell, Revision | None]:
    chosen = cell.chosen
    unread = tuple(seen(o, o.confidence) for o in sorted(cell.unread, key=lambda o: -o.confidence))
    if chosen is None:
        reason = f"{cell.unreadable} reading(s), none legible"
        return SeriesCell(cell.ref, title, unit, cell.month, None, 0.0, "review", 0, (), reason,
                          unreadable=unread, short_reason=_illegible_text(cell.unread)), None
    conf = round(cell.probability, 4)
    value = chosen.value
    rev_from = cell.weighed.revised_from[cell.best]
    rev = None
    reasons = []
    if rev_from is not None:
        old = cell.clusters[rev_from]
        rev = Revision(cell.ref, cell.month, old.value, old.group().last_pack, value, chosen.group().first_pack,
                       old.rep.decimals, chosen.rep.decimals)
        reasons.append(f"revised: {fmt(old.value, old.rep.decimals)} in {rev.old_pack} -> "
                       f"{fmt(value, chosen.rep.decimals)} from {rev.new_pack}")
    unmet = _unmet_checks(cell, chosen)
    if unmet:
        conf = min(conf, UNMET_CAP)
        reasons.append(unmet)
    bad = implausible(value, chosen.rep.decimals, unit) if value is not None else ""
    if value is None:
        status = "missing" if conf >= cf.OK_AT else "review"
    else:
        status = "ok" if conf >= cf.OK_AT and not bad else "review"
    short = list(reasons) + [_agreement_text(cell, chosen, rev_from, brief=True)]
    reasons.append(_agreement_text(cell, chosen, rev_from))
    assigned = [r.label() for r in chosen.members if ASSIGNED_NOTE in r.obs.why]
    if assigned:
        reasons.append(f"read from a row a person assigned to {cell.ref} (unmatched.csv): {', '.join(assigned)}")
    notes = sorted({n for r in cell.readings for n in r.notes})
    if bad and f"implausible: {bad}" not in notes:
        reasons.append(f"implausible: {bad}")
        short.append(f"implausible: {bad}")
    row_notes: tuple[str, ...] = ()
    if status == "review" or notes and conf < 0.999:
        reasons.extend(notes)
        short.extend(n for n in notes if not n.startswith(ARITH_NOTE))
        row_notes = tuple(n for n in notes if n.startswith(ARITH_NOTE))
        if row_notes:
            short.append(_row_checks_text(row_notes))
    if cell.unreadable:
        reasons.append(f"{cell.unreadable} unreadable reading(s) ignored")
        short.append(f"{cell.unreadable} unreadable reading(s) ignored")
    sources = tuple(r.label() for r in chosen.members)
    return SeriesCell(cell.ref, title, unit, cell.month, value, conf, status, len(chosen.files), sources,
                      "; ".join(x for x in reasons if x), _candidates(cell), chosen.rep.decimals,
                      unread, "; ".join(x for x in short if x), row_notes), rev


def _illegible_text(unread: list[Observation]) -> str:
    """'no legible reading: read '11', reader confidence 0.20': what the reader saw, and why not."""
    best = max(unread, key=lambda o: o.confidence)
    seen = f"read {best.raw.strip()!r}" if best.raw.strip() else "nothing read"
    why = f", {best.why}" if best.why else ""
    more = f" (and {len(unread) - 1} more reading(s))" if len(unread) > 1 else ""
    return f"no legible reading: {seen}{why}{more}"


ARITH_NOTE = "arithmetic: "


CHECK_NAMES = {"avg12": "12-month average", "max12": "12-month maximum", "pct_prev": "% change from the month before",
               "pct_year": "% change from a year before"}


def explain_row_note(note: str) -> str:
    """'arithmetic: 2020-06 pct_prev -4 does not fit; suspect ...' in words a reviewer reads:
    'the 2020-06 pack prints a % change from the month before of -4 that does not fit; suspect ...'."""
    words = note.removeprefix(ARITH_NOTE).split(" ", 3)
    if len(words) == 4 and words[1] in CHECK_NAMES and words[3].startswith("does not fit"):
        pack, check, value, rest = words
        return f"the {pack} pack prints a {CHECK_NAMES[check]} of {value} that {rest}"
    return note.removeprefix(ARITH_NOTE)


def _row_checks_text(row_notes: tuple[str, ...]) -> str:
    """"the 2021-08 pack's 12-month average does not add up": the row-level notes in a few words."""
    checks: dict[str, list[str]] = {}
    for n in row_notes:
        words = n[len(ARITH_NOTE):].split()
        if len(words) >= 2:
            checks.setdefault(words[0], []).append(CHECK_NAMES.get(words[1], words[1]))
    parts = []
    for pack, kinds in sorted(checks.items()):
        kinds = list(dict.fromkeys(kinds))
        verb = "does" if len(kinds) == 1 else "do"
        parts.append(f"the {pack} row's {' and '.join(kinds)} {verb} not add up")
    return "; ".join(parts)


def _unmet_checks(cell: CellWork, chosen: Cluster) -> str:
    """A pack at least as recent as the chosen value whose own row needs a value none of its
    readings gave, and the chosen value does not fit either: that pack may have revised the month."""
    last = chosen.group().last_pack
    for r in cell.readings:
        if r.needs is None or r in chosen.members or r.pack < last:
            continue
        if chosen.value is None or not r.needs.fits(chosen.value):
            return (f"the {r.pack} row's arithmetic fits neither its reading {fmt(r.value, r.decimals)} "
                    f"nor {fmt(chosen.value, chosen.rep.decimals) or 'missing'}: it may print another value")
    return ""


def _agreement_text(cell: CellWork, chosen: Cluster, rev_from: int | None, brief: bool = False) -> str:
    """How the readings stand; brief leaves out where the disagreeing ones are (the candidates say)."""
    n = len(chosen.files)
    what = "missing" if chosen.value is None else fmt(chosen.value, chosen.rep.decimals)
    text = f"{what}: {n} file(s) agree" if n > 1 else f"{what}: one reading ({chosen.rep.e:.2f})"
    if brief and n == 1 and chosen.rep.obs.why:
        text += f" ({chosen.rep.obs.why})"          # what lowered the reader's confidence
    others = [c for k, c in enumerate(cell.clusters) if c is not chosen and k != rev_from]
    if others and brief:
        text += "; disagreeing: " + ", ".join(
            f"{'missing' if c.value is None else fmt(c.value, c.rep.decimals)} ({len(c.files)} file(s))"
            for c in others)
    elif others:
        text += "; disagreeing: " + ", ".join(
            f"{'missing' if c.value is None else fmt(c.value, c.rep.decimals)} "
            f"({', '.join(r.label() for r in c.members)})" for c in others)
    return text


def _misread_notes(cell: CellWork, rev: Revision | None) -> list[str]:
    out = []
    for c in cell.clusters:
        if c is cell.chosen or c.value is None:
            continue
        if rev is not None and c.value == rev.old_value:
            continue
        for r in c.members:
            out.append(f"{cell.ref} {cell.month}: {r.label()} read {fmt(r.value, r.decimals)}, "
                       f"kept {fmt(cell.chosen.value, cell.chosen.rep.decimals)}")
    return out


def _overlay_correction(sc: SeriesCell, cell: CellWork, corr) -> SeriesCell:
    seen = corr.evidence_hashes()
    d = infer_decimals(corr.corrected_value)
    fresh = [r for r in cell.readings if r.value is not None and (r.obs.file_hash or r.obs.source) not in seen
             and r.e >= NEW_EVIDENCE_AT and not agree(r.value, r.decimals, corr.corrected_value, d)]
    mine = Candidate(corr.corrected_value, d, 1.0, (f"correction {corr.applied_at[:19]}",), 0)
    note = f" ({corr.reviewer_note})" if corr.reviewer_note else ""
    if fresh:
        why = "; ".join(f"{fmt(r.value, r.decimals)} from {r.label()}" for r in fresh)
        return SeriesCell(sc.ref, sc.title, sc.unit, sc.month, corr.corrected_value, sc.confidence, "review",
                          sc.n_sources, sc.sources,
                          f"new evidence disagrees with the correction {fmt(corr.corrected_value, d)} "
                          f"made {corr.applied_at[:10]}{note}: {why}",
                          (mine,) + sc.candidates, d, sc.unreadable)
    return SeriesCell(sc.ref, sc.title, sc.unit, sc.month, corr.corrected_value, 1.0, "corrected",
                      sc.n_sources, sc.sources,
                      f"corrected by reviewer {corr.applied_at[:10]}{note}; was "
                      f"{fmt(corr.previous_value) or 'empty'} ({corr.previous_status})",
                      (mine,) + sc.candidates, d, sc.unreadable)


def _gaps(cells: list[SeriesCell], view: RegisterView, units: dict) -> list[SeriesCell]:
    """Months inside an indicator's span that no pack shows: listed as missing, not left out."""
    months: dict[str, set[str]] = defaultdict(set)
    for c in cells:
        months[c.ref].add(c.month)
    out = []
    for ref, have in months.items():
        m, last = min(have), max(have)
        while m < last:
            m = month_add(m, 1)
            if m not in have:
                out.append(SeriesCell(ref, view.info(ref)[0], units.get(ref, ""), m, None, 0.0, "missing", 0, (),
                                      "no pack read shows this month"))
    return out
