"""Tables whose text columns come before their values (pdfminer's layout analysis groups a
table's text boxes column by column; each row's values then follow row by row as one long run).

    refs, titles, names, outcomes, header labels ...   then
    1358 1378 ... 1441 -18% 6% ▲ 1418 1754 - 1743 1392 ... 1344 281 309 ... 226 ↓ -14% ...

- The rows are the refs found in the text part, in the order the tool gave them.
- The long run is cut into that many rows where the row's arithmetic says a row starts: a
  row start is scored by the checks of the W values from it against the tail after them, and
  the cut that maximises the total wins (dynamic programming). A row whose start another cut
  explains almost as well is unreadable.
- Pairing the k-th ref with the k-th row rests on the tool keeping the ref column's order. That
  is verified, not assumed: the refs must come in the register's print order (a tool that
  scrambled boxes puts 'M2' before 'M1') and each row's values must have its indicator's unit
  (a percentage row prints '%'). A page that fails either keeps its values but no refs: its rows
  go to identification as unmatched, never under a guessed ref.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .header import TextHeader as Header
from .placement import MARGIN, PINNING, candidates, month_like, tail_fit
from .rows import Anchor, Run
from .tokens import RULE, Token
from .vocab import register_position, register_section, register_unit

MIN_TAIL = 2          # tail cells a row prints at least (the two % changes)
MAX_TAIL = 24         # and at most (arrows, changes, DoT, average, max, flag, benchmarks, targets)
MAX_BLANKS = 2
MIN_SHORT = 6         # months a row that starts late (a new indicator) prints at least to be cut:
                      # as many as the 12-month average is checked on, which pins where it starts
SCORED_TAIL = 8       # tail cells a start's score looks at: the changes, DoT, average, max
UNIT_COST = 1.0
SIZE_RATIO = 10.0
NEG = float("-inf")


@dataclass(frozen=True)
class Cut:
    start: int        # index in the value list
    end: int
    rivals: tuple[int, ...] = ()   # other starts of this row a cut within MARGIN of the best has

    @property
    def sure(self) -> bool:
        return not self.rivals


def value_tokens(tokens: list[Token], runs: list[Run]) -> list[Token]:
    return [t for r in runs for t in tokens[r.start:r.end] if t.kind != RULE]


def _start_score(values: list[str], s: int, header: Header, late: bool = False) -> float:
    """How well a row starting at s fits: the best candidate's check score (NEG if none)."""
    W = header.W
    prefix = _month_prefix(values, s)
    if prefix < min_months(W, late):
        return NEG
    # a row of fewer values than months less MAX_BLANKS is scored with its blanks before or
    # after its values only (a new indicator's first months, an indicator no longer reported)
    short = prefix < W - MAX_BLANKS
    seg = values[s: s + (prefix if short else W) + SCORED_TAIL]
    cands, _ = candidates(seg, header, blanks=MAX_BLANKS if short else 0, interior=False, few=short,
                          text_first=True)
    if short:
        # such a start is one only where a check that pins months passes and none fails: a start
        # inside a longer row leaves that row's earlier months out of its 12-month average, and a
        # block of benchmarks (a stacked look prints every row's together) passes no check
        cands = [c for c in cands if any(k.result == "pass" and k.name in PINNING for k in c.checks)
                 and not any(k.result == "fail" for k in c.checks)]
    return max((c.score for c in cands), default=NEG)


def min_months(W: int, late: bool = False) -> int:
    """Values a row start prints at least before its tail: a month or two may be blank, and a
    long window's row may start late (a new indicator) with MIN_SHORT months or more."""
    return min(W - MAX_BLANKS, MIN_SHORT) if late else W - MAX_BLANKS


def cut_rows(values: list[str], n: int, header: Header, late: bool = False) -> list[Cut] | None:
    """The best cut of `values` into n rows, or None when no cut fits. A cut's score is the sum
    of its rows' start scores less the cost of fitting what lies between one row's months and
    the next row's start to the tail columns (a month taken as the previous row's tail is a
    number where the commentary or a target should be)."""
    L, W = len(values), header.W
    if n == 0 or L < n * (min_months(W, late) + MIN_TAIL):
        return None
    dp = Lattice(values, n, header, late)
    fwd, back, score, tail, lo, hi = dp.fwd, dp.back, dp.score, dp.tail, dp.lo, dp.hi
    end = {s: fwd[n - 1][s] - tail(s, L) for s in range(L)
           if fwd[n - 1][s] > NEG and lo <= L - s <= hi}
    if not end:
        return None
    last = max(end, key=end.get)
    starts = [last]
    for k in range(n - 1, 0, -1):
        starts.insert(0, back[k][starts[0]])
    sure = _sure_starts(fwd, score, tail, starts, end[last], L, lo, hi)
    return [Cut(s, e, r) for s, e, r in zip(starts, starts[1:] + [L], sure)]


class Lattice:
    """The row starts of a run and what they cost: score[s] (a row starting at s), tail(p, s)
    (what lies between the months of a row starting at p and the next row's start s), and the
    forward pass fwd[k][s] (the best cut of rows 0..k with row k starting at s; back[k][s] the
    start of row k-1 on it)."""

    def __init__(self, values: list[str], n: int, header: Header, late: bool = False):
        L, W = len(values), header.W
        self.L = L
        self.score = score = [_start_score(values, s, header, late) for s in range(L)]
        self.months = months = [min(W, _month_prefix(values, s)) for s in range(L)]
        self.lo, self.hi = lo, hi = min_months(W, late) + MIN_TAIL, W + MAX_TAIL
        roles = tuple(header.tail_roles)
        units = [row_unit(values[s: s + months[s]]) for s in range(L)]
        sizes = [typical(values[s: s + months[s]]) for s in range(L)]
        memo: dict[tuple[int, int], float] = {}
        counted: dict[int, list[int]] = {}

        def misfit(p: int, s: int) -> int:
            # misfits of values[p + months[p]: s], counted once per row start p
            first = p + months[p]
            if s <= first:
                return 0
            cum = counted.get(p)
            if cum is None:
                cum = counted[p] = [0]
                for c in values[first: min(L, p + hi)]:
                    cum.append(cum[-1] + misfits((c,), units[p], sizes[p]))
            return cum[s - first]

        def tail(p: int, s: int) -> float:
            # the same (p, s) is asked once per row count and again by _sure_starts: cost it once
            got = memo.get((p, s))
            if got is None:
                cells = tuple(values[p + months[p]: s])
                got = memo[(p, s)] = _tail_cost(cells, roles) + UNIT_COST * misfit(p, s)
            return got

        self.tail = tail
        self.fwd = fwd = [[NEG] * L for _ in range(n)]
        self.back = back = [[-1] * L for _ in range(n)]
        if not L:
            return
        fwd[0][0] = score[0]
        for k in range(1, n):
            for s in range(L):
                if score[s] == NEG:
                    continue
                for p in range(max(0, s - hi), s - lo + 1):
                    if fwd[k - 1][p] == NEG:
                        continue
                    v = fwd[k - 1][p] + score[s] - tail(p, s)
                    if v > fwd[k][s]:
                        fwd[k][s], back[k][s] = v, p


def _month_prefix(values: list[str], s: int) -> int:
    b = 0
    while s + b < len(values) and month_like(values[s + b]):
        b += 1
    return b


def typical(months: list[str]) -> float | None:
    vals = sorted(v for v in (_number(m) for m in months) if v is not None)
    return vals[len(vals) // 2] if vals else None


def _number(text: str) -> float | None:
    try:
        return float(text.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def misfits(cells: tuple[str, ...], unit: str | None, size: float | None) -> int:
    """Plain numbers of the tail (averages, maxima, benchmarks, targets) print in the row's unit
    and near its size: a '%' among a count row's, a count among a percentage row's, or a number
    SIZE_RATIO times larger or smaller than the row's months belongs to another row."""
    plain = [c for c in cells if month_like(c) and any(ch.isdigit() for ch in c)]
    bad = 0
    for c in plain:
        if unit is not None and c.endswith("%") != (unit == "percent"):
            bad += 1
        elif size is not None and (v := _number(c)) is not None and \
                max(v, size) / max(min(v, size), 1.0) > SIZE_RATIO:
            bad += 1
    return bad


@lru_cache(maxsize=65536)
def _tail_cost(cells: tuple[str, ...], roles: tuple[str, ...]) -> float:
    return tail_fit(list(cells), list(roles))


def _sure_starts(fwd, score, tail, starts: list[int], total: float, L: int, lo: int, hi: int
                 ) -> list[tuple[int, ...]]:
    """Per row, the other starts that cuts within MARGIN of the best give it."""
    n = len(starts)
    # bwd[k][s]: best of rows k..n-1 given row k starts at s (row k's start score excluded)
    bwd = [[NEG] * L for _ in range(n)]
    for s in range(L):
        if score[s] > NEG and lo <= L - s <= hi:
            bwd[n - 1][s] = -tail(s, L)
    for k in range(n - 2, -1, -1):
        for s in range(L):
            if score[s] == NEG:
                continue
            best = max((score[q] + bwd[k + 1][q] - tail(s, q)
                        for q in range(s + lo, min(L, s + hi + 1)) if bwd[k + 1][q] > NEG), default=NEG)
            bwd[k][s] = best
    out = []
    for k, s0 in enumerate(starts):
        rivals = [s for s in range(L) if s != s0 and fwd[k][s] > NEG and bwd[k][s] > NEG
                  and fwd[k][s] + bwd[k][s] > total - MARGIN]
        out.append(tuple(rivals))
    return out


def print_order(anchors: list[Anchor]) -> list[Anchor]:
    """The refs in the order the table prints them. poppler's default reading order (pdftotext
    without -layout or -raw) makes a block of each run of refs printed close together (rows of
    one-line titles), reads each block top-down, and gives the ref column's blocks bottom-up
    ('M5 EH2 EH5-QL M4 M6-QL ... M2 M1'), while the month columns' values still come top-down.
    Turned back, the refs are either the tool's order reversed (a block a ref) or its runs of
    rising register positions taken in reverse; either is taken only where it lists the refs in
    strictly the register's order (a page of refs the register files in two sections, the Early
    Help table's, may pass order_checked turned either way: 'M5 EH1b' read as a block puts M5
    above EH1b), and the tool's order is kept otherwise (order_checked leaves the page unpaired)."""
    if len(anchors) < 3 or order_checked(anchors, [])[0]:
        return anchors
    pos = [register_position(a.printed) for a in anchors]
    if any(p is None for p in pos):
        return anchors
    if all(q < p for p, q in zip(pos, pos[1:])):
        return anchors[::-1]
    blocks: list[list[int]] = [[0]]
    for k in range(1, len(anchors)):
        if pos[k] > pos[k - 1]:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    turned = [k for block in reversed(blocks) for k in block]
    if all(pos[a] < pos[b] for a, b in zip(turned, turned[1:])):
        return [anchors[k] for k in turned]
    return anchors


def order_checked(anchors: list[Anchor], units: list[str | None]) -> tuple[bool, str]:
    """Can the k-th ref be paired with the k-th row? (register print order, units agree)"""
    pos = [register_position(a.printed) for a in anchors]
    if any(p is None for p in pos):
        return False, "refs not in the register's print order"
    sections = [register_section(a.printed) for a in anchors]
    # a ref the register files under another section than the refs on both sides of it is an
    # indicator this pack prints in another table (M5 among the Early Help rows): its place in
    # the register says nothing of the tool's order, the refs around it still do
    kept = [(sections[k], p) for k, p in enumerate(pos) if not _moved(sections, k)]
    # a register lists a section added later after the others (the Early Help table's EH1b,
    # EH14b, CIN5 first on its page, filed after every other section): each section's refs
    # come together, in its order
    blocks: list[list[int]] = []
    seen: list[str] = []
    for section, p in kept:
        if not seen or seen[-1] != section:
            if section in seen:
                return False, "refs not in the register's print order"
            seen.append(section)
            blocks.append([])
        blocks[-1].append(p)
    if any(b <= a for block in blocks for a, b in zip(block, block[1:])):
        return False, "refs not in the register's print order"
    for a, unit in zip(anchors, units):
        want = register_unit(a.printed)
        if unit is not None and want is not None and (unit == "percent") != (want == "percent"):
            return False, f"{a.printed}: values' unit disagrees with the register"
    return True, ""


def _moved(sections: list[str], k: int) -> bool:
    return 0 < k < len(sections) - 1 and sections[k - 1] == sections[k + 1] != sections[k]


def row_unit(months: list[str]) -> str | None:
    vals = [m for m in months if m and any(ch.isdigit() for ch in m)]
    if not vals:
        return None
    pct = sum(m.endswith("%") for m in vals)
    return "percent" if pct * 2 > len(vals) else "number" if pct == 0 else None
