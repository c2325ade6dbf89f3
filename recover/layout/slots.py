"""Which month each printed value of a row is in: values placed into month slots, in order.

Column boundaries place every word of an exact geometry. Where positions drift (pdftotext
-layout moves words along a line so they do not collide, OCR boxes wobble) a value near a
boundary can land in its neighbour's month, or two values in one month. A month holds at most one
value and the values of a row keep their order, so a row's values are placed into the month
slots by a small monotone assignment:
  - each slot's anchors come from the rows that print every month (their k-th value is in the
    k-th month): numbers are right-aligned (anchor: their right edge), marks such as '-' and
    'tbc' left-aligned (anchor: their left edge);
  - a row with fewer values than months takes the placement nearest those anchors;
  - when another placement is nearly as near, the row's months are not trusted (doubtful), and
    the table stage marks them unreadable instead of guessing.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from . import vocab
from .words import Word


@dataclass(frozen=True)
class Slots:
    right: tuple[float, ...]      # anchor of a right-aligned number in each month
    left: tuple[float, ...]       # anchor of a left-aligned mark in each month
    step: float


def is_number(w: Word) -> bool:
    return any(ch.isdigit() for ch in w.text)


def slots_from_rows(rows: list[list[Word]], bounds: list[tuple[float, float]], step: float) -> Slots:
    """Anchors from the rows holding exactly one value per month; the column boundaries stand in
    for a month no such row shows."""
    W = len(bounds)
    rights: list[list[float]] = [[] for _ in range(W)]
    lefts: list[list[float]] = [[] for _ in range(W)]
    for toks in rows:
        if len(toks) != W:
            continue
        for k, w in enumerate(toks):
            (rights if is_number(w) else lefts)[k].append(w.x1 if is_number(w) else w.x0)
    r = tuple(statistics.median(v) if v else b[1] for v, b in zip(rights, bounds))
    le = tuple(statistics.median(v) if v else b[0] for v, b in zip(lefts, bounds))
    return Slots(r, le, step)


def place(toks: list[Word], s: Slots, margin: float) -> tuple[list[int] | None, bool]:
    """Slot of each token (None when there are more values than months) and whether another
    placement is within `margin` of the best (the row's placement is then doubtful)."""
    n, W = len(toks), len(s.right)
    if n == 0:
        return [], False
    if n > W:
        return None, True
    INF = float("inf")
    # best[i][k]: cost of placing tokens[:i] with the i-th token (1-based) at slot k-1 or before;
    # second[i][k] the next lowest cost of a placement (>= best[i][k]), so here <= here2 and
    # before <= before2 below
    best = [[INF] * (W + 1) for _ in range(n + 1)]
    second = [[INF] * (W + 1) for _ in range(n + 1)]
    choice: list[list[int]] = [[-1] * (W + 1) for _ in range(n + 1)]
    best[0] = [0.0] * (W + 1)
    cost = [[abs(t.x1 - r) for r in s.right] if is_number(t) else [abs(t.x0 - le) for le in s.left]
            for t in toks]      # a number's right edge from the right anchors, a mark's left edge from the left
    for i in range(1, n + 1):
        b_prev, s_prev, b_row, s_row, ch_row, c_row = best[i - 1], second[i - 1], best[i], second[i], \
            choice[i], cost[i - 1]
        for k in range(i, W + 1):
            # token i-1 at slot k-1, or somewhere before slot k-1 (on a tie, before)
            c = c_row[k - 1]
            here, here2 = b_prev[k - 1] + c, s_prev[k - 1] + c
            before, before2 = b_row[k - 1], s_row[k - 1]
            if before <= here:
                low = before
            else:
                low, ch_row[k] = here, k - 1
            b_row[k] = low
            # the lowest cost above `low`; when there is none, the second lowest of the four
            top = low + 1e-9
            nxt = INF
            seen = False
            for v in (here, here2, before, before2):
                if v > top:
                    seen = True
                    if v < nxt:
                        nxt = v
            s_row[k] = nxt if seen else sorted((here, here2, before, before2))[1]
    slots = [0] * n
    i, k = n, W
    while i > 0:
        c = choice[i][k]
        if c == -1:
            k -= 1
            continue
        slots[i - 1] = c
        i, k = i - 1, c
    return slots, second[n][W] - best[n][W] < margin


def far_off(toks: list[Word], placed: list[int], s: Slots, reach: float) -> bool:
    """Whether a value the placement put into a month lies further than `reach` from that
    month's anchor: its position says it is in another month, so the order alone placed it. A
    row of as many values as months is placed by order whatever their positions (a scan that read
    each of a sparse row's '100.0%' as two words, '100' and '0%', gave 7 values 14 words, one a
    month, each piece a step or more off its month)."""
    for t, k in zip(toks, placed):
        off = abs(t.x1 - s.right[k])
        if not is_number(t):        # a mark ('-') is printed at either end of its cell
            off = min(off, abs(t.x0 - s.left[k]))
        if off > reach:
            return True
    return False


def past_the_months(toks: list[Word], s: Slots) -> list[Word]:
    """The marks among a row's values that start right of where the last month's numbers end: no
    month prints there, whether its marks are left-aligned (reportlab) or right-aligned
    (LibreOffice), so they are the next column's."""
    return [t for t in toks if not is_number(t) and t.x0 > s.right[-1]]


COUNTED_ROWS = 2        # rows of one value per month that may move the month zone off its labels


def counted_zone(rows: list[tuple[list[Word], set[int]]], toks: list[list[Word]], lo: float, hi: float,
                 n: int, step: float):
    """(lo, hi, the counted rows' values) when the values of the rows lie off the month zone
    [lo, hi] their labels give: at least COUNTED_ROWS rows print, on the line of their first value
    in the zone, exactly n values in a row (one per month), ended by a word that is no value (the
    % change's arrow) or by the line's end, and those runs reach past the zone, where the labels
    put a month's value into the next column. None where the labels and the values agree."""
    full = []
    for (words, skip), zone in zip(rows, toks):
        if not zone:
            continue
        first = zone[0]
        line = sorted((w for w in words if w.upright and id(w) not in skip and w.x0 >= first.x0
                       and abs(w.cy - first.cy) < 0.5 * first.height), key=lambda w: w.x0)
        run = []
        for w in line:
            if not vocab.is_value(w.text) or "n/a" in w.text.lower():
                break
            run.append(w)
        if len(run) == n and len(zone) < n and run[-1].cx <= hi + 2 * step:
            full.append(run)
    if len(full) < COUNTED_ROWS:
        return None
    new_lo = min(lo, min(r[0].x0 for r in full))
    new_hi = max(hi, max(r[-1].x1 for r in full))
    return new_lo, new_hi, full


def change_marks(words: list[Word], space: float) -> list[tuple[Word, Word]]:
    """('-', 'n/a') pairs one word space apart: the '- n/a' a % change prints when a month is
    blank. A month never prints 'n/a', so the pair is the change's, whichever column the '-'
    fell in."""
    # each dash against every 'n/a' (not neighbours in a sort by rounded centre: the '/' glyph
    # lifts the box of 'n/a', so the pair can round to different lines)
    dashes = [w for w in words if w.upright and w.text in ("-", "\u2013")]
    nas = [w for w in words if w.upright and w.text.lower() == "n/a"]
    out = []
    for a in dashes:
        b = next((b for b in nas if abs(a.cy - b.cy) < 0.5 * max(a.height, b.height)
                  and 0 <= b.x0 - a.x1 <= 2 * space), None)
        if b is not None:
            out.append((a, b))
    return out


def zone_tokens(words: list[Word], lo: float, hi: float, skip: set[int] = frozenset()) -> list[Word]:
    """The values of a row inside the month zone [lo, hi], left to right ('n/a' - alone or with
    the dash OCR glued to it, '-n/a' - and the words in `skip` are not month values)."""
    return sorted((w for w in words if w.upright and lo <= w.cx <= hi and vocab.is_value(w.text)
                   and "n/a" not in w.text.lower() and id(w) not in skip), key=lambda w: w.x0)
