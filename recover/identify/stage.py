"""Identification: which register indicator each printed row is, from all the evidence at once.

The score is documented in docs/confidence.md ('Identification'); in short, for each candidate i

    Z(i) = logit(L(i)) + LLR(i)        S(i) = 1 / (1 + e^-Z(i))

L(i) is the label score (recover/register/match.py: printed ref, title, unit, pack, print order),
clipped to [L_FLOOR, L_CEIL]; LLR(i) is the value agreement (values.py) with what other packs'
anchor rows hold, counted only when they hold at least MIN_OVERLAP of the row's months.

The order of work makes the result independent of the order rows and packs come in:

1. label: every row is matched by its label alone; in each file's tables an indicator is printed
   once, so rows of one file that take the same ref with different values keep it only if one is
   clearly best (Z_MARGIN), unless they are pieces of one printed row (a reader that split a row
   whose cells wrapped: records that overlap on the page, values agreeing wherever both print);
2. anchors: the rows accepted by their label, and rows a person assigned (unmatched.csv), give the
   held values. Rows identified by their values are never anchors, so no row is identified by
   agreement with a row that was itself identified by agreement;
3. values: every row is scored against the anchors of the other packs (never its own pack month);
   a label the values contradict (LLR <= -VETO_LLR) is refused, a row whose values clearly name an
   indicator (CLAIM_LLR) gets it. Values overrule a label only where they contradict it: a row
   whose values agree with its label's indicator and better with another's is unmatched (the
   evidence names two indicators), and a sure label (SURE_READ) overruled leaves the row
   identified at OVERRULED, so its readings go to review unless other packs confirm them (a
   reader that paired a block of refs with the next row's values is overruled row by row).
   Values name a row only where they exclude the neighbouring rows (_doubt): no other indicator's
   values claim it too, and its values one month off are no other indicator's;
4. pieces: a record that prints no label (no ref, no title words), left unidentified, that
   overlaps on the page exactly one row whose label named its ref, and agrees with it wherever both
   print a month (at least once), is a piece of that printed row and takes its ref (a reader that
   lost the row boundaries of an unruled table splits a row whose cells wrapped: the label with the
   last months, and a record with the first months that no other pack may hold enough of);
5. the one-per-file rule again on the result; a row that prints no value conflicts with none (the
   rule settles whose values a ref has, and it has none: the label half of a split row).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from recover.reconcile.precision import agree
from recover.register.match import ACCEPT, Match, combine, confirm_lost_suffix, decide, gather, has_words, unit_factor

from .evidence import Evidence, Reading
from .values import Agreement, HeldValues

L_FLOOR = 0.02          # a label that says nothing of i
L_CEIL = 0.98
MIN_OVERLAP = 3         # months other packs hold before the values take part
MIN_AGREE = 3           # agreeing months before values may name an indicator the label did not
CLAIM_LLR = math.log(1000)   # value evidence that names an indicator on its own
Z_MARGIN = math.log(10)      # the chosen indicator is at least ten times as likely as the next
VETO_LLR = math.log(20)      # values twenty times likelier if the row is not what its label says
UNIQUE_KINDS = ("table",)      # a file's dataset tables print each indicator once
SURE_READ = 0.99             # a printed ref or title that reads as the register's: a sure label ...
OVERRULED = 0.75             # ... that values overrule leaves the row identified at most this surely
LABEL_CANDIDATES = 5         # the label's best candidates that the values are tested against


@dataclass(frozen=True)
class Identification:
    key: str
    ref: str | None
    score: float                                   # S of the chosen (or, unmatched, the best) candidate
    why: str
    candidates: tuple[tuple[str, float], ...]      # best first, with S
    by: str = ""                                   # label | label+values | values | person ('' unmatched)
    agreement: Agreement | None = None             # the values against the chosen (or best) candidate


def logit(p: float) -> float:
    p = min(L_CEIL, max(L_FLOOR, p))
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass
class _Work:
    ev: Evidence
    label: Match
    combined: dict                                 # ref -> label score L
    ident: Identification | None = None
    z: float = 0.0                                 # Z of the identified ref
    tested: frozenset = frozenset()                # the refs its values were tested against
    sure: bool = False                             # its label's ref or title reads as the register's


def identify(evidences, register, assigned: dict | None = None) -> dict[str, Identification]:
    """key -> Identification for every evidence record. assigned: key -> ref a person gave
    (unmatched.csv); such rows keep that ref and count as anchors."""
    assigned = assigned or {}
    work = _labels(list(evidences), register)
    _one_per_file(work, lambda w: w.label.ref, lambda w: logit(w.label.score), _refuse_label)
    anchors = {k: assigned.get(k) or w.label.ref for k, w in work.items()}
    _decide_all(work, register, assigned, anchors)
    # an anchor whose own values refuse or overrule its label held a copy of another row's values
    # (a reader that paired a block of refs with the next row's values): the rows are decided
    # again without such anchors
    kept = {k: ref for k, ref in anchors.items()
            if ref and (k in assigned or work[k].ident.ref == ref)}
    dropped = {ref for k, ref in anchors.items() if ref and k not in kept}
    if dropped:
        _decide_all(work, register, assigned, kept, only=dropped)
    _pieces_take_their_rows_ref(work)
    _one_per_file(work, lambda w: w.ident.ref if w.ident.by != "person" else None,
                  lambda w: w.z, _refuse_final)
    return {k: w.ident for k, w in work.items()}


def _decide_all(work: dict[str, _Work], register, assigned: dict, anchors: dict, only=None) -> None:
    """Step 3 for every row, or (only: refs whose held values changed) for the rows that tested
    one of those refs; the others' evidence is the same."""
    held = HeldValues()
    for k, w in work.items():
        if anchors.get(k):
            held.add(anchors[k], w.ev.pack, w.ev.values)
    for w in work.values():
        if w.ev.key in assigned:
            w.ident = _person(w, assigned[w.ev.key], held)
        elif only is None or w.tested & only:
            w.ident, w.z = _decide(w, register, held)


# ---- 1. labels ----------------------------------------------------------------------------------
def _labels(evidences: list[Evidence], register) -> dict[str, _Work]:
    out: dict[str, _Work] = {}
    prev: dict[tuple[str, str], str | None] = {}
    # packs print indicators in register order: the row above breaks ties between near-identical
    # truncated titles, so each file's rows are matched in print order
    gathered: dict = {}      # the same ref and title are printed by many packs: scored once
    for ev in sorted(evidences, key=lambda e: (e.file, e.kind, e.order, e.key)):
        lab = gathered.get((ev.refs, ev.titles))
        if lab is None:
            lab = gathered[(ev.refs, ev.titles)] = gather(register, ev.refs, ev.titles)
        lab = confirm_lost_suffix(register, lab, ev.unit_hint)
        combined = combine(register, lab, ev.unit_hint, ev.pack)
        m = decide(register, lab, combined, ev.unit_hint, ev.pack, prev.get((ev.file, ev.kind)))
        if m.ref:
            prev[(ev.file, ev.kind)] = m.ref
            combined = {**combined, m.ref: m.score}
        sure = bool(m.ref) and (lab.ref_scores.get(m.ref, 0.0) >= SURE_READ
                                or lab.title_scores.get(m.ref, (0.0, ""))[0] >= SURE_READ)
        out[ev.key] = _Work(ev, m, combined, sure=sure)
    return out


def _refuse_label(w: _Work, why: str) -> None:
    w.label = Match(None, w.label.score, f"{w.label.why}; {why}", w.label.candidates)


def _refuse_final(w: _Work, why: str) -> None:
    i = w.ident
    w.ident = Identification(i.key, None, i.score, f"{i.why}; {why}", i.candidates, "", i.agreement)


def _one_per_file(work: dict[str, _Work], ref_of, z_of, refuse) -> None:
    groups: dict[tuple[str, str], list[_Work]] = defaultdict(list)
    for w in work.values():
        ref = ref_of(w)
        if ref and w.ev.kind in UNIQUE_KINDS and w.ev.file:
            groups[(w.ev.file, ref)].append(w)
    for (_, ref), ws in groups.items():
        ws = [w for w in ws if w.ev.values]      # a row that prints no value claims no values
        if len(ws) < 2 or _same_values(ws) or _pieces_of_one_row(ws):
            continue   # one row printed twice (an appendix repeated, a continuation page, a chart's
                       # copy read as a table row), or read in pieces, is no conflict
        ws.sort(key=lambda w: (-z_of(w), w.ev.key))
        keep = ws[0] if z_of(ws[0]) - z_of(ws[1]) >= Z_MARGIN else None
        for w in ws:
            if w is not keep:
                other = ws[0] if w is not ws[0] else ws[1]
                refuse(w, f"{ref} is also printed by row {other.ev.key} of this file"
                          + (", which fits it better" if keep is not None else "; neither fits it clearly better"))


def _same_values(ws: list[_Work]) -> bool:
    """The rows are copies of one printed row: each pair prints no month differently and either
    prints the same months or shares at least MIN_AGREE of them (a table row and a chart's copy of
    it that a reader took for a table row print 7 and 13 months)."""
    for k, a in enumerate(ws):
        for b in ws[k + 1:]:
            n = _agreeing_months(a.ev, b.ev)
            same_months = {r.month for r in a.ev.values} == {r.month for r in b.ev.values}
            if n is None or not (same_months or n >= MIN_AGREE):
                return False
    return True


def _pieces_of_one_row(ws: list[_Work]) -> bool:
    """The records are pieces of one printed row: on one page of the file, each overlapping the
    next from the top (a row box covers the whole printed row, so the boxes of two printed rows
    never overlap), and no two of them print different values for a month. A reader that loses a
    table's row boundaries splits a row whose cells wrapped onto a second line into one record with
    the ref and the top line's cells and one with the rest."""
    if any(w.ev.span is None for w in ws) or len({w.ev.order[:1] for w in ws}) > 1:
        return False
    ordered = sorted(ws, key=lambda w: w.ev.span)
    bottom = ordered[0].ev.span[1]
    for w in ordered[1:]:
        if w.ev.span[0] >= bottom:
            return False
        bottom = max(bottom, w.ev.span[1])
    seen: dict[str, Reading] = {}
    for w in ws:
        for r in w.ev.values:
            f = seen.setdefault(r.month, r)
            if not agree(f.value, f.decimals, r.value, r.decimals):
                return False
    return True


# ---- 3. values ----------------------------------------------------------------------------------
def _decide(w: _Work, register, held: HeldValues) -> tuple[Identification, float]:
    """The identification of one row and the Z of its ref (the module docstring's step 3)."""
    ev, lab = w.ev, w.label
    label_refs = sorted(w.combined, key=lambda r: (-w.combined[r], r))[:LABEL_CANDIDATES]
    refs = set(label_refs) | held.candidates(ev.values, ev.pack, at_least=MIN_AGREE)
    w.tested = frozenset(refs)
    agreements = {ref: held.agreement(ref, ev.values, ev.pack) for ref in refs} if held else {}
    counted = {ref: a for ref, a in agreements.items() if a.overlap >= MIN_OVERLAP}
    z = {ref: logit(w.combined.get(ref, 0.0)) + (counted[ref].llr if ref in counted else 0.0)
         for ref in refs}

    def claims(ref: str) -> bool:
        a = counted.get(ref)
        return a is not None and a.llr >= CLAIM_LLR and a.agree >= MIN_AGREE and \
            unit_factor(register.get(ref).unit, ev.unit_hint) == 1

    def result(ref, zed, why, by, a):
        return Identification(ev.key, ref, round(sigmoid(zed), 4), why, cands, by, a), zed

    ranked = sorted(z, key=lambda r: (-z[r], r))
    cands = tuple((r, round(sigmoid(z[r]), 4)) for r in ranked[:3])
    if not counted:                      # nobody else holds these months: the label decides
        ident = Identification(ev.key, lab.ref, lab.score, lab.why, lab.candidates or cands,
                               "label" if lab.ref else "", None)
        return ident, logit(lab.score)
    best = ranked[0]
    if lab.ref:
        x = lab.ref
        a = counted.get(x)
        if best != x and claims(best) and z[best] - z.get(x, -math.inf) >= Z_MARGIN:
            if a is not None and a.llr > -VETO_LLR:
                return result(None, z[best], f"{lab.why}; {a.text()}, but {counted[best].text()}: the "
                              f"label and the values name two indicators", "", counted[best])
            doubt = _doubt(best, ev, held, counted, claims, register)
            if doubt:
                return result(None, z[best], f"{lab.why}; {counted[best].text()}, but {doubt}", "", counted[best])
            zed = min(z[best], logit(OVERRULED)) if w.sure else z[best]
            return result(best, zed, f"{counted[best].text()}; the label read {x} ({lab.why})",
                          "values", counted[best])
        if a is None:
            return result(x, z.get(x, logit(lab.score)), lab.why, "label", None)
        if a.llr <= -VETO_LLR:
            return result(None, z[x], f"{lab.why}; but {a.text()}", "", a)
        by = "label+values" if a.agree >= MIN_AGREE and a.llr > 0 else "label"
        return result(x, z[x], f"{lab.why}; {a.text()}", by, a)
    second = z[ranked[1]] if len(ranked) > 1 else -math.inf
    a = counted.get(best)
    if claims(best) and sigmoid(z[best]) >= ACCEPT and z[best] - second >= Z_MARGIN:
        doubt = _doubt(best, ev, held, counted, claims, register)
        if not doubt:
            return result(best, z[best], f"{a.text()}; the label named none ({lab.why})", "values", a)
        return result(None, z[best], f"{lab.why}; {a.text()}, but {doubt}", "", a)
    return result(None, z[best], f"{lab.why}; {_value_reason(best, a, ranked, z, counted)}", "", a)


def _doubt(best: str, ev: Evidence, held: HeldValues, counted: dict, claims, register) -> str:
    """Why values that name `best` do not exclude the neighbouring rows ('' when they do): another
    indicator's values claim the row as well, or the row's values are another indicator's one
    month off (a reader that put a row's values one month column over, or paired them with the
    next row's months)."""
    for ref, a in sorted(counted.items()):
        if ref != best and claims(ref):
            return f"{a.text()} as well"
    for step, side in ((1, "a month later"), (-1, "a month earlier")):
        moved = _moved(ev.values, step)
        for ref in sorted(held.candidates(moved, ev.pack, at_least=MIN_AGREE) - {best}):
            a = held.agreement(ref, moved, ev.pack)
            if a.llr >= CLAIM_LLR and a.agree >= MIN_AGREE and \
                    unit_factor(register.get(ref).unit, ev.unit_hint) == 1:
                return f"read {side} they agree with {ref} at {a.agree} of {a.overlap} months"
    return ""


def _moved(values, step: int) -> tuple[Reading, ...]:
    """The readings with every month moved `step` months on."""
    out = []
    for r in values:
        y, m = int(r.month[:4]), int(r.month[5:7]) - 1 + step
        out.append(Reading(f"{y + m // 12:04d}-{m % 12 + 1:02d}", r.value, r.decimals))
    return tuple(out)


def _value_reason(best: str, a: Agreement | None, ranked, z, counted) -> str:
    if a is None:
        return f"other packs hold too few of its months for {best}"
    if len(ranked) > 1 and ranked[1] in counted and z[best] - z[ranked[1]] < Z_MARGIN:
        return f"{a.text()}, and with {ranked[1]} at {counted[ranked[1]].agree} of {counted[ranked[1]].overlap}"
    return a.text()


def _person(w: _Work, ref: str, held: HeldValues) -> Identification:
    a = held.agreement(ref, w.ev.values, w.ev.pack) if held else None
    why = "assigned by a person (unmatched.csv)"
    if a is not None and a.overlap:
        why += f"; {a.text()}"
    return Identification(w.ev.key, ref, 1.0, why, ((ref, 1.0),), "person", a)


def _overlap(a: Evidence, b: Evidence) -> bool:
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


def _agreeing_months(a: Evidence, b: Evidence) -> int | None:
    """Months both print that agree; None when some month is printed differently."""
    theirs = {r.month: r for r in b.values}
    n = 0
    for r in a.values:
        t = theirs.get(r.month)
        if t is not None:
            if not agree(t.value, t.decimals, r.value, r.decimals):
                return None
            n += 1
    return n


# ---- 4. pieces ----------------------------------------------------------------------------------
def _pieces_take_their_rows_ref(work: dict[str, _Work]) -> None:
    """The module docstring's step 4. A row box covers the whole printed row, so the records of two
    printed rows never overlap: an unlabelled record overlapping a labelled one is part of it."""
    by_grid: dict[tuple, list[_Work]] = defaultdict(list)
    for w in work.values():
        if w.ev.span is not None and w.ev.kind in UNIQUE_KINDS and w.ev.file:
            by_grid[(w.ev.file, w.ev.order[:2])].append(w)
    found = []                     # decided from step 3's result only, then applied: no piece vouches for another
    for ws in by_grid.values():
        for w in ws:
            if w.ident.ref or not w.ev.values or _labelled(w.ev):
                continue
            over = [o for o in ws if o is not w and _overlap(w.ev, o.ev)]
            named = [o for o in over if o.ident.ref and o.ident.by in ("label", "label+values")]
            if len(named) != 1 or any(o.ident.ref not in (None, named[0].ident.ref) for o in over):
                continue
            row = named[0]
            n = _agreeing_months(w.ev, row.ev)
            if not n:
                continue
            found.append((w, row, n))
    for w, row, n in found:
        i = row.ident
        w.ident = Identification(w.ev.key, i.ref, i.score,
                                 f"a piece of row {row.ev.key} ({i.ref}), which it overlaps on the page, "
                                 f"agreeing at the {n} month(s) both print; {w.ident.why}",
                                 ((i.ref, i.score),), i.by, w.ident.agreement)
        w.z = row.z


def _labelled(ev: Evidence) -> bool:
    return any(t.strip() for t in ev.refs) or any(has_words(t) for t in ev.titles)
