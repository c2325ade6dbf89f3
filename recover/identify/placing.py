"""A row's values placed on its months by agreement with what the other readings of those months print.

Some readings keep a row's values in their printed order but not which month each belongs to: a
reading-order text (pdftotext -raw, pypdf, pdfplumber, pdfminer) drops blank cells, so a row of
10 values under 14 month labels could sit in any of 1,001 ways, and its own arithmetic often
cannot tell them apart; an OCR'd chart loses values and keeps no trace of where. Once the packs
are identified, the other readings of the row's indicator (the tables of other packs, which
repeat each month in up to 13 consecutive packs, and the dashboards) say where the values go:
every order-keeping placement of the values on the months is scored by its agreements less twice
the months it puts against a reading. The best needs at least `agree_months` agreements and at most
one month against. A value goes under a month only where every placement scoring within NEAR_BEST
of the best puts it there: moving a gap by one month changes one value's month, so a value between
months nobody else holds, whose gap could lie on either side, is never placed. Values another
reading contradicts stay unreadable; the rest are ok at `conf` (below a clean read's confidence,
their months vouched for by agreement, not by the page); a month no value is pinned to is
unreadable. Nothing is placed when the agreement is not clear.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from math import comb
from typing import Callable

from recover.model import Observation, RowRecord
from recover.printed import arithmetic as ar
from recover.printed.numbers import parse_value

NEAR_BEST = 3          # placements scoring within this of the best are as likely
MAX_PLACEMENTS = 5000  # order-keeping placements scored at most (14 months, 7 values: 3,432)

Others = dict[tuple[str, str], list[Observation]]   # (ref, month) -> ok readings of it


@dataclass(frozen=True)
class Placing:
    agree_months: int      # agreements the placement needs (as many as identification by values asks)
    conf: float            # confidence of a value so placed
    unverified_conf: float  # cap of a placed value another reading contradicts
    what: str              # how the reason names the row's loss ('values lost from the chart')
    blanks_printed: bool = False
    """The months without a value were printed blank (a text that drops blank cells), not lost (OCR):
    a blank where other readings print the month blank agrees, where they print a value it is
    against them (as a value where they print a blank is), and a month every likely placement
    leaves blank is read as printed blank."""
    near_best: float = NEAR_BEST
    """Placements scoring within this of the best are as likely (each month agreeing or against
    counts one; a month against twice)."""
    agreeing_only: bool = False
    """Only a value another reading of its month prints is placed ok; one no other reading holds
    stays unreadable where it was placed (OCR'd values: a misread is as likely there as a value)."""


def readings_by_month(observations: list[Observation], kinds: dict[str, str],
                      of_kinds: tuple[str, ...] = ("table", "dashboard")) -> Others:
    """(ref, month) -> the ok readings with a value and the readings of a printed blank, of rows
    of these kinds."""
    out: Others = {}
    for o in observations:
        if o.ref and kinds.get(o.row_id) in of_kinds and (
                (o.status == "ok" and o.value is not None) or o.status == "missing"):
            out.setdefault((o.ref, o.month), []).append(o)
    return out


def place(months: list[Observation], values: list[Observation], others: Others, how: Placing,
          fits: Callable[[dict[int, Observation]], bool] | None = None) -> list[Observation] | None:
    """`months` (one observation per month of the row's window, in month order) with `values` (the
    readings that hold the row's printed cells, in printed order) placed by agreement; None when
    the agreement is not clear. fits(placement: month index -> value reading) may refuse a
    placement the row's own figures contradict."""
    n, k = len(months), len(values)
    need = min(k, how.agree_months) if how.blanks_printed else how.agree_months
    if k < need or not k <= n or comb(n, k) > MAX_PLACEMENTS:
        return None
    votes = [[_vote(v, at, others, how.blanks_printed) for at in months] for v in values]
    blank = [_blank_vote(at, others) if how.blanks_printed else 0 for at in months]
    scored = []
    for slots in combinations(range(n), k):
        if fits is not None and not fits(dict(zip(slots, values))):
            continue
        vs = [votes[i][m] for i, m in enumerate(slots)]
        agree, against = vs.count(1), vs.count(-1)
        blanks = sum(blank) - sum(blank[m] for m in slots)
        scored.append((agree - 2 * against + blanks, agree, against, slots))
    if not scored:
        return None
    best = max(scored)
    if best[1] < need or best[2] > 1:
        return None
    near = [t[3] for t in scored if t[0] > best[0] - how.near_best]
    pinned = {best[3][i]: i for i in range(k) if all(s[i] == best[3][i] for s in near)}
    empty = {m for m in range(n) if how.blanks_printed and all(m not in s for s in near)}
    agree = sum(1 for m, i in pinned.items() if votes[i][m] == 1)
    # a short row (fewer values than agree_months) must agree at every value, and its printed
    # blanks make up the months
    if agree < need or agree + sum(blank[m] for m in empty) < how.agree_months:
        return None
    left = [values[i].raw.strip() for i in range(k) if best[3][i] not in pinned]
    return [_placed(at, values[pinned[m]] if m in pinned else None, votes[pinned[m]][m] if m in pinned else 0,
                    agree, left, how, m in empty) for m, at in enumerate(months)]


def _placed(at: Observation, src: Observation | None, vote: int, agree: int, left: list[str],
            how: Placing, empty: bool) -> Observation:
    if src is None and empty:
        return replace(at, raw="", value=None, status="missing", confidence=how.conf,
                       why=f"printed blank: {how.what}; the others placed by agreement at {agree} months")
    if src is None:
        unplaced = f"; the values {', '.join(left)} not placed" if left else ""
        return replace(at, raw="", value=None, status="unreadable", confidence=0.0,
                       why=f"a value lost, or one whose month is not known; the others placed by "
                           f"agreement at {agree} months{unplaced}")
    v = parse_value(src.raw.strip())
    # a printed '-' is a value's place in text that keeps blanks apart; in OCR'd text it may be junk
    unconfirmed = how.agreeing_only and vote == 0 and v.status == "ok"
    if vote < 0 or unconfirmed or v.status not in (("ok", "missing") if how.blanks_printed else ("ok",)):
        said = "no other reading of its month confirms it" if unconfirmed else "other readings print otherwise"
        return replace(at, raw=src.raw, value=None, status="unreadable", box=src.box,
                       confidence=min(src.confidence, how.unverified_conf),
                       why=f"placed by agreement at {agree} months; {said}")
    return replace(at, raw=src.raw, value=v.value, decimals=v.decimals, status=v.status, box=src.box,
                   confidence=how.conf,
                   why=f"{how.what}; months placed by agreement with other readings at {agree} months")


def _vote(src: Observation, at: Observation, others: Others, blanks_printed: bool) -> int:
    """+1 when every other reading of `at`'s month prints src's value, -1 when any prints
    otherwise (or, blanks_printed, only blanks are printed there), 0 when there is none (or no value)."""
    v = parse_value(src.raw.strip())
    held = [h for h in others.get((at.ref, at.month), []) if h.row_id != at.row_id]
    if v.status != "ok" or v.value is None:
        return 0
    vals = [h for h in held if h.status == "ok"]
    if not vals:
        return -1 if blanks_printed and held else 0
    return 1 if all(agrees(v.value, v.decimals, h) for h in vals) else -1


def _blank_vote(at: Observation, others: Others) -> int:
    """+1 when the other readings of `at`'s month all print it blank, -1 when they print a value
    (a later pack may fill a month an earlier one left blank, so a blank there is only one month
    against, not twice as a value against another value is)."""
    held = [h for h in others.get((at.ref, at.month), []) if h.row_id != at.row_id]
    if not held:
        return 0
    return 1 if all(h.status == "missing" for h in held) else -1


def agrees(value: float, decimals: int | None, h: Observation) -> bool:
    """Two prints of one figure agree within the coarser one's rounding."""
    return abs(value - h.value) <= max(ar.half_unit(decimals), ar.half_unit(h.decimals)) + 1e-9


# A table row read from text that drops blank cells (RowRecord.blanks_dropped) whose reader could not
# pin all its months: some are unreadable, without a value.
# Its values are the text's own, not OCR's, so an agreement is seldom a coincidence: two months of
# evidence (rather than three) separate a placement from its rivals.
TABLE = Placing(agree_months=6, conf=0.8, unverified_conf=0.3,
                what="the text kept no blank cells of the row", blanks_printed=True, near_best=2)


# A table row of OCR'd text that lost values (tesseract's plain text drops a value or two a line,
# or reads one as junk): its reader kept the values in their printed order but could pin none of
# its months. Its values are OCR's, so the placement needs six agreeing months, as a chart's, and
# a value no other reading of its month holds is not trusted.
LOST = Placing(agree_months=6, conf=0.8, unverified_conf=0.3, what="OCR lost values of the row",
               agreeing_only=True)


def place_lost_rows(rows: list[RowRecord], observations: list[Observation],
                    mine: list[Observation], how: Placing = LOST) -> list[Observation]:
    """`mine` with each table row none of whose months its reader could pin (every month
    unreadable, at least `how.agree_months` values; some may have lost their value) placed by
    agreement with the other readings among `observations`, where its own % changes, average and
    maximum allow. A row that kept a value a month has one placement: agreement then only
    corroborates its months, value by value."""
    kinds = {r.row_id: r.kind for r in rows}
    by_id = {r.row_id: r for r in rows}
    others = None
    placed: dict[tuple[str, str], dict[str, Observation]] = {}
    for key, obs in _table_rows(by_id, mine, blanks_dropped=False).items():
        vals = [o for o in obs if o.raw.strip()]
        if len(vals) < how.agree_months or any(o.status != "unreadable" for o in obs):
            continue
        others = others if others is not None else readings_by_month(observations, kinds)
        got = place(obs, vals, others, how, fits=_own_figures(by_id[key[1]], len(obs)))
        if got is not None:
            placed[key] = {o.month: o for o in got}
    return [placed[(o.source, o.row_id)][o.month] if (o.source, o.row_id) in placed else o for o in mine]


def place_unpinned_rows(rows: list[RowRecord], observations: list[Observation],
                        mine: list[Observation], how: Placing = TABLE) -> list[Observation]:
    """`mine` with the values of each table row whose reader could not pin its months placed by
    agreement with the other readings among `observations` (see the module's docstring), where
    the row's own % changes, 12-month average and maximum do not contradict the placement."""
    kinds = {r.row_id: r.kind for r in rows}
    others = None
    placed: dict[tuple[str, str], dict[str, Observation]] = {}
    for rid, (row, obs, vals) in unpinned_rows(rows, mine).items():
        others = others if others is not None else readings_by_month(observations, kinds)
        got = place(obs, vals, others, how, fits=fits_of(row, obs))
        if got is not None:
            # the months the reader pinned keep its reading
            placed[rid] = {o.month: (obs[m] if pinned(obs[m]) else o) for m, o in enumerate(got)}
    return [placed[(o.source, o.row_id)][o.month] if (o.source, o.row_id) in placed else o for o in mine]


def unpinned_rows(rows: list[RowRecord], mine: list[Observation]
                  ) -> dict[tuple[str, str], tuple[RowRecord, list[Observation], list[Observation]]]:
    """{(source, row_id): (row, its observations in month order, its printed cells in order)} for
    the table rows of text that drops blank cells whose reader could not pin every month. (Two
    files of the same text, two looks of one pack a tool extracts alike, share row ids.)"""
    by_id = {r.row_id: r for r in rows}
    out = {}
    for key, obs in _table_rows(by_id, mine, blanks_dropped=True).items():
        vals = _run(obs)
        row = by_id[key[1]]
        if _unpinned(obs, vals) and obs[-1].month == row.pack:
            out[key] = (row, obs, vals)
    return out


def _table_rows(by_id: dict[str, RowRecord], mine: list[Observation], blanks_dropped: bool
                ) -> dict[tuple[str, str], list[Observation]]:
    """{(source, row_id): its observations in month order} of the identified table rows read from
    text that drops blank cells (or, blanks_dropped=False, from any other reading)."""
    grouped: dict[tuple[str, str], list[Observation]] = {}
    for o in mine:
        r = by_id.get(o.row_id)
        if r is not None and r.kind == "table" and r.blanks_dropped == blanks_dropped and o.ref:
            grouped.setdefault((o.source, o.row_id), []).append(o)
    return {key: sorted(obs, key=lambda o: o.month) for key, obs in grouped.items()}


def _run(obs: list[Observation]) -> list[Observation]:
    """The row's printed month cells in order. Where the months end is the reader's guess: a last
    value printed as a percent after a run of counts (or the other way round) is the row's first
    % change whose arrow the text lost ('633 281% - n/a'), not a month."""
    vals = [o for o in obs if o.raw.strip()]
    pct = [o.raw.strip().endswith("%") for o in vals]
    while len(vals) > 2 and pct[-1] != pct[-2] and len(set(pct[:-1])) == 1:
        vals, pct = vals[:-1], pct[:-1]
    return vals


def _unpinned(obs: list[Observation], vals: list[Observation]) -> bool:
    """Some month unreadable without a value: where the blanks lie between the months the reader
    pinned (ok, or printed missing) is not known."""
    return 0 < len(vals) < len(obs) and any(o.status == "unreadable" and not o.raw.strip() for o in obs)


def pinned(o: Observation) -> bool:
    """The reader placed this month: a value (ok) or a printed blank or '-' (missing)."""
    return o.status in ("ok", "missing")


def fits_of(row: RowRecord, obs: list[Observation]) -> Callable[[dict[int, Observation]], bool]:
    """A placement keeps what the reader pinned in its month (a value, or a blank), and fits the
    row's own figures."""
    kept = {m: o for m, o in enumerate(obs) if pinned(o) and o.raw.strip()}
    blank = [m for m, o in enumerate(obs) if pinned(o) and not o.raw.strip()]
    own = _own_figures(row, len(obs))
    return lambda at: (all(at.get(m) is o for m, o in kept.items()) and not any(m in at for m in blank)
                       and own(at))


def _own_figures(row: RowRecord, n: int) -> Callable[[dict[int, Observation]], bool]:
    """fits(placement): no % change, 12-month average or maximum the row prints fails on it
    (printed.arithmetic.row_holds: a month placed without a value is left out)."""
    targets = [(kind, t) for kind in ar.CHECKS if (t := ar.row_target(row, kind)) is not None]
    # the same few readings are placed thousands of ways: each is parsed once
    terms_of: dict[int, ar.Term | None] = {}

    def term(o: Observation) -> ar.Term | None:
        if id(o) not in terms_of:
            terms_of[id(o)] = _term(o)
        return terms_of[id(o)]

    def fits(at: dict[int, Observation]) -> bool:
        if not targets:
            return True
        terms = {p: x for p, o in at.items() if (x := term(o)) is not None}
        return all(ar.row_holds(kind, n, terms, t) is not False for kind, t in targets)
    return fits


def _term(o: Observation) -> ar.Term | None:
    v = parse_value(o.raw.strip())
    return ar.Term.printed(v.value, v.decimals) if v.status == "ok" and v.value is not None else None
