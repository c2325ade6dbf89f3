"""A text-first run that no cut into as many rows as refs fits: the rows on both sides of a
stretch no row start explains.

pdfminer groups a table's close boxes: a row that prints a value in two of its months only (a
new indicator: '22 25 ↑ 14% - n/a 24 25 - Local Local Local'), or two rows of small counts whose
boxes it interleaved ('9 3 0 19 15 26 14 3 10 5 8 9 3 16 2 7 ...' for two rows' '3 19 15 26 ...'
and '0 3 10 5 8 ...'), leave a stretch of the run where no row of the page's months starts, and
the whole page was left unread for it.

The rows before the stretch are counted from the first ref, the rows after it from the last: the
pairing of either side does not rest on how many rows the stretch holds, only on the tool keeping
the ref column's order (verified as for any text-first page: textfirst.order_checked). The
stretch's own rows are not read. Of the cuts that leave fewest rows in a stretch, the best wins
only by GAP_MARGIN over any that puts its stretch elsewhere (a stretch moved down by a row
shifts every row between the two places onto the next ref); else nothing is read, as before.

The count of each side is what the pairing rests on, so it is checked (uncounted): a row that
may hold two interleaved rows (its tail holds more arrows than a row prints, or it is longer than
the others by a row's months) or only a piece of one (no check that pins a month passes) may put
one row too few or too many on its side, and every row between it and the stretch would take the
next ref's values (pdfminer on a LibreOffice page: 'LAC3' and 'LAC6 (val)' interleaved read as
one row, LAC1-NI given LAC1's values). Those rows keep their values but no ref (identification
may still match them, as any row of a page whose order is not verified); the rows between it
and the page's end are counted from there and keep their refs; beside a stretch, such a row
leaves neither side's count sure, and the page is not read (pdftotext's default order gives a
page's row runs in an order of its own, which a cut around a stretch took for the refs' order:
CP2, CP2-NI and EH4 given other rows' values in two packs). A page cut whole is checked the same
way: two such rows (CP9 read with CP7's values, and a row of dashes and another row's values
made at the table's foot) balance each other in the count, and every row between them took
the next ref's values (pdfminer, a reportlab stacked-hairline page: 63 cells a pack, status ok).
"""
from __future__ import annotations

from statistics import median

from .align import Aligned
from .header import TextHeader as Header
from .placement import MARGIN, MAX_BLANKS, PINNING
from .rowdoubt import MAX_TAIL_GLYPHS
from .textfirst import NEG, Cut, Lattice, cut_rows
from .vocab import is_glyph_only

GAP_MARGIN = 6.0      # three passing checks: a stretch placed elsewhere must score this much worse
MIN_READ_SHARE = 0.5  # the rows read on both sides, of the page's refs


def cut_around_gap(values: list[str], n: int, header: Header, late: bool = False) -> list[Cut | None] | None:
    """Cuts of the rows before and after one stretch (None for each row the stretch holds), or
    None when no such cut is sure."""
    L, W = len(values), header.W
    if n < 3 or L < W:
        return None
    dp = Lattice(values, n, header, late)
    fwd, score, tail, lo, hi = dp.fwd, dp.score, dp.tail, dp.lo, dp.hi
    # pre[k][e]: the best cut of rows 0..k with row k's tail ending at e
    pre = [[NEG] * (L + 1) for _ in range(n)]
    for k in range(n):
        for p in range(L):
            if fwd[k][p] == NEG:
                continue
            for e in range(p + lo, min(L, p + hi) + 1):
                v = fwd[k][p] - tail(p, e)
                if v > pre[k][e]:
                    pre[k][e] = v
    # suf[k][g]: the best cut of rows k..n-1 with row k starting at g, the last ending at L
    suf = [[NEG] * L for _ in range(n)]
    for s in range(L):
        if score[s] > NEG and lo <= L - s <= hi:
            suf[n - 1][s] = score[s] - tail(s, L)
    for k in range(n - 2, -1, -1):
        for s in range(L):
            if score[s] == NEG:
                continue
            best = max((suf[k + 1][q] - tail(s, q) for q in range(s + lo, min(L, s + hi) + 1)
                        if q < L and suf[k + 1][q] > NEG), default=NEG)
            if best > NEG:
                suf[k][s] = score[s] + best

    def pre_at(kp: int, e: int) -> float:
        return (0.0 if e == 0 else NEG) if kp < 0 else pre[kp][e]

    def suf_at(kn: int, g: int) -> float:
        return (0.0 if g == L else NEG) if kn >= n else suf[kn][g] if g < L else NEG

    results = {}        # (last row before, first row after) -> (total, e, g)
    for j in range(1, n):
        if n - j < max(2, MIN_READ_SHARE * n):
            break
        for kp in range(-1, n - j):
            kn = kp + j + 1
            best = (NEG, -1, -1)
            # the stretch holds j rows' values: at least a value for each
            run_best, run_e = NEG, -1
            for g in range(0, L + 1):
                e = g - j
                if e >= 0 and pre_at(kp, e) > run_best:
                    run_best, run_e = pre_at(kp, e), e
                if run_best == NEG:
                    continue
                v = run_best + suf_at(kn, g)
                if v > best[0]:
                    best = (v, run_e, g)
            if best[0] > NEG:
                results[(kp, kn)] = best
        if results:
            break
    if not results:
        return None
    ranked = sorted(results.items(), key=lambda kv: -kv[1][0])
    (kp, kn), (total, e, g) = ranked[0]
    if len(ranked) > 1 and total - ranked[1][1][0] < GAP_MARGIN:
        return None
    j = kn - kp - 1
    before = cut_rows(values[:e], kp + 1, header, late) if kp >= 0 else []
    after = cut_rows(values[g:], n - kn, header, late) if kn < n else []
    if before is None or after is None:
        return None
    after = [Cut(c.start + g, c.end + g, tuple(r + g for r in c.rivals)) for c in after]
    if after:
        # where the stretch ends is where the first row after it starts: other ends the
        # cut explains almost as well are that row's rival starts
        rivals = _other_ends(pre_at, suf_at, kp, kn, j, g, total, L)
        first = after[0]
        after[0] = Cut(first.start, first.end, tuple(sorted(set(first.rivals) | rivals)))
    return [*before, *([None] * j), *after]


def _other_ends(pre_at, suf_at, kp: int, kn: int, j: int, g: int, total: float, L: int) -> set[int]:
    out: set[int] = set()
    run_best = NEG
    for h in range(0, L):
        e = h - j
        if e >= 0:
            run_best = max(run_best, pre_at(kp, e))
        if h != g and run_best > NEG and run_best + suf_at(kn, h) > total - MARGIN:
            out.add(h)
    return out


def uncounted(texts: list[str], cuts: list[Cut | None], placed: list[Aligned | None], header: Header
              ) -> set[int]:
    """The rows whose pairing does not hold. A row that may not stand for one row of the table
    (two rows interleaved, or a piece of one: one_row) or a stretch not cut puts the count of the
    rows after it in doubt, and the count of the rows before it read from the page's end: between
    the first and the last of them, the rows may each have taken the next ref's values. (One such
    row alone leaves both counts whole: the table's other rows say where it is.)"""
    read = [c for c in cuts if c is not None]
    if not read:
        return set()
    usual = median(c.end - c.start for c in read)

    def one_row(c: Cut, p: Aligned) -> bool:
        seg = texts[c.start:c.end]
        return sum(1 for t in seg if is_glyph_only(t)) <= MAX_TAIL_GLYPHS \
            and c.end - c.start <= usual + header.W - MAX_BLANKS \
            and any(k.result == "pass" and k.name in PINNING for k in p.checks)

    doubt = [k for k, (c, p) in enumerate(zip(cuts, placed)) if c is None or not one_row(c, p)]
    if len(doubt) < 2:
        return set()
    return {k for k in range(doubt[0], doubt[-1] + 1) if cuts[k] is not None}


__all__ = ["cut_around_gap", "uncounted", "GAP_MARGIN"]
