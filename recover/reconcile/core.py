"""Reconciliation: one value per (ref, month) from every pack that shows it.

Two passes. The first groups the readings of each cell (printed precision understood) and weighs
them with read confidence and plausibility alone; its choices supply the 'other packs' values that
the arithmetic checks of each row need (months a 7-month pack does not print, alternatives for a
suspect value). The second pass weighs again with the arithmetic verdicts. Reviewer corrections are
laid over the result last. The formula is in confidence.py and docs/confidence.md.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Observation, RowRecord
from ..printed.months import month_add
from . import confidence as cf
from .arith import Verdict, check_row
from .precision import agree, fmt, infer_decimals
from .records import Candidate, Reconciled, ReviewItem, Revision, Seen, SeriesCell
from .register_view import RegisterView

ASSIGNED_NOTE = "row assigned by a person"   # recover.identify marks such readings' why
UNMET_CAP = 0.5              # confidence left when the newest pack's arithmetic rules the value out
NEW_EVIDENCE_AT = cf.OK_AT    # a reading this sure, from a file the reviewer had not seen, reopens a correction


@dataclass(eq=False)
class Reading:
    obs: Observation
    value: float | None
    decimals: int | None
    factor: float = 1.0
    e: float = 0.0
    notes: list[str] = field(default_factory=list)
    needs: object = None          # the failing row checks that blamed this reading (arith.Verdict)

    @property
    def pack(self) -> str:
        return self.obs.pack or ""

    def label(self) -> str:
        return f"{self.pack} {self.obs.source} p.{self.obs.page} ({self.e:.2f})"

    def seen(self) -> Seen:
        return seen(self.obs, self.e)


def seen(o: Observation, confidence: float) -> Seen:
    return Seen(o.pack or "", o.source, o.page, o.box, o.raw, round(confidence, 4), o.method, o.file_hash,
                o.row_id, getattr(o, "lines", "") or "")


@dataclass(eq=False)
class Cluster:
    members: list[Reading]

    @property
    def rep(self) -> Reading:
        return self.members[0]       # most precise, then most confident: members are kept in that order

    @property
    def value(self) -> float | None:
        return self.rep.value

    @property
    def files(self) -> set[str]:
        return {r.obs.file_hash or r.obs.source for r in self.members}

    def group(self) -> cf.Group:
        packs = [r.pack for r in self.members]
        return cf.Group(tuple(r.e for r in self.members), min(packs), max(packs), self.value is not None)


@dataclass(eq=False)
class CellWork:
    ref: str
    month: str
    readings: list[Reading]
    unread: list[Observation] = field(default_factory=list)   # readings too poor to count
    clusters: list[Cluster] = field(default_factory=list)
    weighed: cf.Weighed | None = None
    best: int = -1

    @property
    def unreadable(self) -> int:
        return len(self.unread)

    @property
    def chosen(self) -> Cluster | None:
        return self.clusters[self.best] if self.best >= 0 else None

    @property
    def probability(self) -> float:
        return self.weighed.probability[self.best] if self.best >= 0 else 0.0


# ---- grouping ---------------------------------------------------------------------------------------
def cluster(readings: list[Reading]) -> list[Cluster]:
    """Group readings that could print one true value; missing prints form their own group."""
    numeric = sorted((r for r in readings if r.value is not None),
                     key=lambda r: (-(r.decimals or 0), -r.e))
    out: list[Cluster] = []
    for r in numeric:
        fits = [c for c in out if c.value is not None and
                all(agree(r.value, r.decimals, m.value, m.decimals) for m in c.members)]
        if fits:
            min(fits, key=lambda c: abs(c.value - r.value)).members.append(r)
        else:
            out.append(Cluster([r]))
    missing = [r for r in readings if r.value is None]
    if missing:
        out.append(Cluster(sorted(missing, key=lambda r: -r.e)))
    return out


def weigh_cell(cell: CellWork) -> None:
    for r in cell.readings:
        r.e = cf.effective(r.obs.confidence, r.factor)
    for c in cell.clusters:                # keep rep = most precise, then most confident
        c.members.sort(key=lambda r: (-(r.decimals or 0), -r.e))
    if not cell.clusters:
        cell.best = -1
        return
    cell.weighed = cf.weigh([c.group() for c in cell.clusters])
    p = cell.weighed.probability
    cell.best = max(range(len(p)), key=lambda k: (p[k], cell.clusters[k].value is not None))


# ---- plausibility ---------------------------------------------------------------------------------
def implausible(value: float, decimals: int | None, unit: str) -> str:
    if unit == "percent" and not 0 <= value <= 100:
        return f"{value:g} is not a percentage in 0-100"
    if unit == "count" and (value < 0 or not float(value).is_integer() or (decimals or 0) > 0):
        return f"{value:g} is not a whole count >= 0"
    if unit == "rate" and value < 0:
        return f"{value:g} is a negative rate"
    return ""


def _unit_for(ref: str, view: RegisterView, readings: list[Reading]) -> str:
    unit = view.info(ref)[1]
    if unit:
        return unit
    raws = [r.obs.raw for r in readings if r.value is not None]
    if raws and sum("%" in x for x in raws) * 2 > len(raws):
        return "percent"
    return ""


def _row_precision(observations: list[Observation]) -> dict[str, tuple[int, float]]:
    """(decimals most month values print with, median value) per row of at least 3 values."""
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        if o.value is not None and o.row_id:
            by_row[o.row_id].append(o)
    out = {}
    for rid, obs in by_row.items():
        if len(obs) < 3:
            continue
        counts: dict[int, int] = defaultdict(int)
        for o in obs:
            counts[o.decimals or 0] += 1
        values = sorted(o.value for o in obs)
        out[rid] = (max(counts, key=lambda d: (counts[d], d)), values[len(values) // 2])
    return out


# ---- the whole thing ------------------------------------------------------------------------------
def reconcile_records(observations: Iterable[Observation], rows: Iterable[RowRecord],
                      corrections: Iterable = (), register=None) -> Reconciled:
    view = RegisterView(register)
    observations = [o for o in observations if o.ref]
    rows = [r for r in rows if r.ref]
    cells, units = _build_cells(observations, view)
    for cell in cells.values():
        weigh_cell(cell)                                   # pass 1: read confidence + plausibility
    _apply_arithmetic(cells, rows, units)
    for cell in cells.values():
        weigh_cell(cell)                                   # pass 2: with arithmetic verdicts
    by_corr = {(c.ref, c.month): c for c in corrections}
    return _assemble(cells, units, view, by_corr)


def reconcile(store, register=None) -> Reconciled:
    """Reconcile everything the store holds (observations, rows, corrections)."""
    return reconcile_records(store.observations(), store.rows(), store.corrections(), register)


def _build_cells(observations: list[Observation], view: RegisterView):
    by_cell: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for o in observations:
        by_cell[(o.ref, o.month)].append(o)
    precision = _row_precision(observations)
    cells: dict[tuple[str, str], CellWork] = {}
    units: dict[str, str] = {}
    for (ref, month), obs in sorted(by_cell.items()):
        readings = []
        unread = []
        for o in obs:
            if o.status == "unreadable" or (o.status == "ok" and o.value is None):
                unread.append(o)
                continue
            value = o.value if o.status == "ok" else None
            d = o.decimals if o.decimals is not None else (infer_decimals(value, o.raw) if value is not None else None)
            readings.append(Reading(o, value, d))
        if ref not in units:
            units[ref] = _unit_for(ref, view, readings)
        for r in readings:
            _plausibility(r, units[ref], precision.get(r.obs.row_id))
        cell = CellWork(ref, month, readings, unread)
        for r in readings:
            r.e = cf.effective(r.obs.confidence, r.factor)
        cell.clusters = cluster(readings)
        cells[(ref, month)] = cell
    return cells, units


def _plausibility(r: Reading, unit: str, row: tuple[int, float] | None) -> None:
    if r.value is None:
        return
    why = implausible(r.value, r.decimals, unit)
    if why:
        r.factor *= cf.IMPLAUSIBLE
        r.notes.append(f"implausible: {why}")
    elif row is not None and _lost_point(r.value, r.decimals or 0, *row):
        # '44%' in a row printed with one decimal is the classic lost decimal point of '4.4%'
        r.factor *= cf.SUSPECT
        r.notes.append(f"printed with {r.decimals or 0} decimals, its row with {row[0]}: lost decimal point?")


def _lost_point(value: float, decimals: int, row_decimals: int, median: float) -> bool:
    """Fewer decimals than its row, and putting the point back brings it nearer the row's values."""
    if decimals >= row_decimals or value <= 0 or median <= 0:
        return False
    shifted = value / 10 ** (row_decimals - decimals)
    return abs(math.log(shifted / median)) < abs(math.log(value / median))


def _apply_arithmetic(cells: dict, rows: list[RowRecord], units: dict[str, str]) -> None:
    own_by_row: dict[str, dict[str, Reading]] = defaultdict(dict)
    cluster_of: dict[int, tuple[CellWork, Cluster]] = {}
    for cell in cells.values():
        for c in cell.clusters:
            for r in c.members:
                cluster_of[id(r)] = (cell, c)
                if r.value is not None and r.obs.row_id:
                    own_by_row[r.obs.row_id][cell.month] = r

    def alternatives(month: str, key: Reading) -> list[float]:
        cell, mine = cluster_of[id(key)]
        return [c.value for c in cell.clusters if c is not mine and c.value is not None]

    def corroborated(key: Reading) -> bool:
        _, c = cluster_of[id(key)]
        me = key.obs.file_hash or key.obs.source
        return any((m.obs.file_hash or m.obs.source) != me and m.e >= 0.5 for m in c.members)

    gathered: dict[Reading, Verdict] = {}
    for row in rows:
        if not row.extras:
            continue
        own_readings = own_by_row.get(row.row_id, {})
        if not own_readings:
            continue
        own = {m: (r.value, r.decimals, r, r.obs.raw) for m, r in own_readings.items()}
        verdicts, notes = check_row(row, own, units.get(row.ref) == "count",
                                    _borrow(cells, row), alternatives, corroborated)
        for r, v in verdicts.items():
            # the check speaks about the value the pack prints, so every reading of that pack's
            # month with the same value (a dashboard copy of the table, say) shares the verdict
            cell, _ = cluster_of[id(r)]
            for s in cell.readings:
                if s.obs.file_hash == r.obs.file_hash and s.value is not None and \
                        agree(s.value, s.decimals, r.value, r.decimals):
                    gathered.setdefault(s, Verdict()).merge(v)
        for text, suspects in notes:
            for r in suspects:
                r.notes.append(f"arithmetic: {text}")
    for r, v in gathered.items():
        _apply_verdict(r, v)


def _apply_verdict(r: Reading, v) -> None:
    # a check that fails and blames this reading outweighs checks that hold: errors elsewhere in
    # the row can make a check hold by chance, they rarely make one fail at exactly this value
    share = v.pass_share(r.obs.raw) if not (v.contra or v.suspect) else None
    if share is not None:
        # the likelihood ratio of 'the row adds up' for a right reading against a slipped one
        r.factor *= 1.0 / max(share, 1.0 / cf.CONFIRM_MAX)
    if v.contra:
        r.factor *= cf.CONTRA
        r.needs = v
    elif v.suspect:
        r.factor *= cf.SUSPECT


def _borrow(cells: dict, row: RowRecord):
    """A month this row does not print, as the packs up to this one showed it."""
    def borrowed(month: str):
        cell = cells.get((row.ref, month))
        if cell is None or cell.chosen is None:
            return None
        older = sorted((r for r in cell.readings if r.value is not None and r.pack <= row.pack),
                       key=lambda r: (r.pack, r.e), reverse=True)
        chosen = cell.chosen
        for r in older:
            if r in chosen.members or r.e >= 0.8:
                return r.value, r.decimals
        if chosen.value is not None and cell.probability >= 0.5:
            return chosen.value, chosen.rep.decimals
        return None
    return borrowed


# ---- results ------------------------------------------------------------------------------------
def _candidates(cell: CellWork) -> tuple[Candidate, ...]:
    p = cell.weighed.probability if cell.weighed else ()
    out = []
    for k in sorted(range(len(cell.clusters)), key=lambda k: -p[k]):
        c = cell.clusters[k]
        out.append(Candidate(c.value, c.rep.decimals, round(p[k], 4),
                             tuple(r.label() for r in c.members), len(c.files),
                             tuple(r.seen() for r in c.members)))
    return tuple(out)


def _assemble(cells: dict, units: dict, view: RegisterView, corrections: dict) -> Reconciled:
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
