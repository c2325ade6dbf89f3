"""Cells of one table: each word of a row band into the column it sits in, then each row's
values inside the month columns placed into the months in order (slots.py).
"""
from __future__ import annotations

import bisect

from . import slots, vocab
from .columns import Column
from .lines import TextLine
from .rows import RowBand
from .settings import LayoutSettings
from .words import Word


def _col_of(columns: list[Column], starts: list[float], w: Word) -> int | None:
    k = bisect.bisect_right(starts, w.cx) - 1
    if k < 0:
        return None
    if w.cx > columns[-1].x1 and k == len(columns) - 1:
        return None
    return k


def _straddles(columns: list[Column], k: int, w: Word, st: LayoutSettings) -> bool:
    c = columns[k]
    over = max(0.0, c.x0 - w.x0) + max(0.0, w.x1 - c.x1)
    return w.width > 0 and over / w.width > st.straddle_frac


def fill_cells(columns, header: RowBand, rows: list[RowBand], lines: list[TextLine], head_turned,
           body_turned, step: float, space: float, st: LayoutSettings):
    starts = [c.x0 for c in columns]
    starts[0] = float("-inf")
    n = len(columns)
    grid: list[list[list[Word]]] = [[[] for _ in range(n)] for _ in range(len(rows) + 1)]
    doubtful: list[set[int]] = [set() for _ in rows]
    for r, band in enumerate([header] + list(rows)):
        below = lines[band.value_line].cy if r and band.value_line is not None else float("inf")
        for i in band.lines:
            for w in lines[i].words:
                k = _col_of(columns, starts, w)
                if k is None:
                    continue
                if lines[i].cy > below and columns[k].month and vocab.parse_month(w.text):
                    # a month label below a row's values is the text under the table (the next
                    # row of charts' caption 'Monthly trend, Jun-19 to Jun-20'), never a value
                    continue
                grid[r][k].append(w)
                if r and _straddles(columns, k, w, st):
                    doubtful[r - 1].add(k)
    for w in head_turned:
        k = _col_of(columns, starts, w)
        if k is not None:
            grid[0][k].append(w)
    row_tops = [b.y0 for b in rows]
    for w in body_turned:
        k = _col_of(columns, starts, w)
        if k is None:
            continue
        r = max(0, bisect.bisect_right(row_tops, w.cy) - 1)
        grid[r + 1][k].append(w)
    _place_months(grid, columns, step, space, doubtful, st)
    cells = tuple(tuple(tuple(ws) for ws in row) for row in grid)
    return cells, [frozenset(d) for d in doubtful]


def _place_months(grid, columns: list[Column], step: float, space: float, doubtful: list[set[int]],
                  st: LayoutSettings) -> None:
    """Each row's values inside the month columns, placed into the months in order (slots.py)."""
    month_idx = [k for k, c in enumerate(columns) if c.label is not None and c.label.in_run]
    if not month_idx:
        return
    lo, hi = columns[month_idx[0]].x0, columns[month_idx[-1]].x1
    bounds = [(columns[k].x0, columns[k].x1) for k in month_idx]
    row_toks, row_words = [], []
    if month_idx[0] > 0:                    # the header's label lines too ('experiences of')
        for r in range(len(grid)):
            _text_back(grid[r], month_idx[0], st.label_gap * space)
    for r in range(1, len(grid)):
        words = [w for ws in grid[r] for w in ws]
        marks = slots.change_marks(words, space)
        for dash, na in marks:              # the pair goes where its 'n/a' is
            for k, ws in enumerate(grid[r]):
                if na in ws and dash not in ws:
                    for other in grid[r]:
                        if dash in other:
                            other.remove(dash)
                    ws.insert(ws.index(na), dash)
        skip = {id(d) for d, _ in marks}
        row_words.append((words, skip))
        row_toks.append(slots.zone_tokens(words, lo, hi, skip))
    anchors = slots.slots_from_rows(row_toks, bounds, step)
    counted = slots.counted_zone(row_words, row_toks, lo, hi, len(month_idx), step)
    if counted is not None:
        # the values lie off their labels (layout text lays out the header line on its own): the
        # rows that print one value per month say where each month's values are
        lo, hi, full = counted
        row_toks = [slots.zone_tokens(words, lo, hi, skip) for words, skip in row_words]
        anchors = slots.slots_from_rows(full, bounds, step)
    after = month_idx[-1] + 1 if month_idx[-1] + 1 < len(columns) else None
    past = [slots.past_the_months(toks, anchors) for toks in row_toks]
    if any(past):
        # a mark that starts right of where the last month's numbers end is the next column's
        # (the '-' of a change's '- n/a' whose 'n/a' OCR did not read as such); the rows that
        # counted it as a month value gave the last month's marks a wrong anchor
        out_ids = {id(w) for out in past for w in out}
        row_toks = [[w for w in toks if id(w) not in out_ids] for toks in row_toks]
        anchors = slots.slots_from_rows([[w for w in ws if id(w) not in out_ids]
                                         for ws in (row_toks if counted is None else full)], bounds, step)
        for r, out in enumerate(past, start=1):
            for w in out:
                for k in month_idx:
                    if after is not None and any(o is w for o in grid[r][k]):
                        grid[r][k] = [o for o in grid[r][k] if o is not w]
                        grid[r][after].append(w)
    for r, toks in enumerate(row_toks, start=1):
        drifted = None
        if after is not None and len(toks) < len(month_idx):
            drifted = _drifted_in(grid[r][after], anchors.right[-1], step)
            if drifted is not None and drifted in toks:
                drifted = None              # already inside a zone the counted rows widened
            if drifted is not None:
                toks = toks + [drifted]
        placed, doubt = slots.place(toks, anchors, st.slot_margin * step)
        if placed is not None and st.slot_reach is not None and \
                slots.far_off(toks, placed, anchors, st.slot_reach * step):
            doubt = True
        if month_idx[0] > 0 and len(toks) < len(month_idx) and \
                _value_ends_text(grid[r][month_idx[0] - 1], toks, lo, step):
            doubt = True
        if placed is None:                 # more values than months: left where they fell
            doubtful[r - 1] |= set(month_idx)
            continue
        if drifted is not None:
            grid[r][after].remove(drifted)
        ids = {id(w) for w in toks}
        # (a zone the counted rows widened reaches past the month columns)
        for k in (month_idx if counted is None else range(len(columns))):
            grid[r][k] = [w for w in grid[r][k] if id(w) not in ids]
        for w, j in zip(toks, placed):
            grid[r][month_idx[j]].append(w)
        doubtful[r - 1] -= set(month_idx)
        if doubt:
            doubtful[r - 1] |= set(month_idx)


def _drifted_in(cell: list[Word], last_anchor: float, step: float) -> Word | None:
    """The last month's value that layout text pushed past the months' edge into the next
    column: the first word of that column's cell, a number ending within half a step of where
    the last month's numbers end, with the column's own text after it on its line ('3  ↑ 200%'
    where '↑ 200%' is the change). Alone in the cell it could be the change's own value."""
    ws = sorted((w for w in cell if w.upright), key=lambda w: w.x0)
    if len(ws) < 2:
        return None
    w, rest = ws[0], ws[1:]
    if not (vocab.is_value(w.text) and slots.is_number(w)) or abs(w.x1 - last_anchor) > 0.5 * step:
        return None
    if not any(abs(o.cy - w.cy) < 0.5 * w.height for o in rest):
        return None
    return w


def _value_ends_text(cell: list[Word], toks: list[Word], lo: float, step: float) -> bool:
    """A number ending the text of the column before the months, on the line of the row's
    values and within two steps of the first month ('... receive the help 24.2%  22.6% ...'),
    in a row with fewer values than months: layout text may have pushed the first month's
    value out of its column, so which month each value is in is not known."""
    ys = [w.cy for w in toks]
    for w in cell:
        if not (w.upright and vocab.is_value(w.text) and slots.is_number(w)) or lo - w.x1 > 2 * step:
            continue
        on_line = [o for o in cell if abs(o.cy - w.cy) < 0.5 * w.height]
        if max(o.x1 for o in on_line) == w.x1 and any(abs(y - w.cy) < 0.5 * w.height for y in ys):
            return True
    return False


def _text_back(row: list[list[Word]], k: int, max_gap: float) -> None:
    """Words of text in month column k that go on a phrase of column k-1 on their line (layout
    text spreads a wrapped line of the column before the months into the first month's room)
    are column k-1's: a month prints values only."""
    for w in sorted(row[k], key=lambda w: w.x0):
        if vocab.is_value(w.text) or vocab.is_glyph_only(w.text) or vocab.parse_month(w.text):
            continue
        prev = [p for p in row[k - 1] if abs(p.cy - w.cy) < 0.5 * w.height and p.x1 <= w.x0]
        if prev and w.x0 - max(p.x1 for p in prev) <= max_gap:
            row[k].remove(w)
            row[k - 1].append(w)
