"""Pages whose tables the rules do not separate (no rules, faint or partial ones): read by the
row/column model from their words (recover/layout), the rules there are kept as evidence."""
from __future__ import annotations

from recover.model import Box, Grid
from recover.printed.headers import MIN_MONTHS, header_rows, month_row, month_run
from recover.printed.months import months_in_text
from recover.printed.numbers import parse_value

from .geometry import Char, merge_rules


def has_month_labels(text: str, at_least: int = MIN_MONTHS) -> bool:
    """Could the page hold a table header (a run of month labels)? A cheap test on its text."""
    return len(months_in_text(text)) >= at_least


def ruled_tables_complete(grids: list[Grid], chars: list[Char]) -> bool:
    """Every ruled table with a month header has rows of values, one printed value per month
    cell: its rules separate every cell. Rules between some columns or rows only leave cells
    that hold several values, shaded header cells alone frame a header without rows, and a
    header whose months are not ruled apart is no month header: then the page is read from its
    words instead."""
    found = False
    for g in grids:
        rows = [[(c.col, c.text) for c in r] for r in g.rows()]
        month = month_row(rows)
        if month is None:
            continue
        head, month_cols = set(header_rows(rows, month)), set(month_run(rows[month]))
        values = 0
        for c in g.cells:
            if c.row in head or c.col not in month_cols:
                continue
            v = parse_value(c.text)
            if v.status == "unreadable" and len(c.text.split()) > 1:
                return False
            values += v.status == "ok"
        if not values or _digits_outside_cells(g, chars):
            return False
        found = True
    return found


def _digits_outside_cells(g: Grid, chars: list[Char]) -> bool:
    """Digits inside the table's box that no cell holds: rules drawn round some cells only (a
    coloured fill's outline, a ruled header band) frame a 'table' that misses the rest."""
    box = _grid_box(g)
    if box is None:
        return False
    inside = sum(1 for c in chars if c.text.isdigit() and box.x0 <= c.cx <= box.x1 and box.y0 <= c.cy <= box.y1)
    held = sum(1 for c in g.cells for ch in c.text if ch.isdigit())
    return held < inside


def layout_grids(chars: list[Char], segs, ruled: list[Grid], source: str, page: int) -> list[Grid]:
    """The row/column model's tables, plus the ruled grids it does not cover (a continuation
    table without its header, the key boxes)."""
    from recover.layout import read_words, words_from_chars
    rules = merge_rules(segs) if segs else None
    got = read_words(words_from_chars(chars), source=source, page=page, method="text-layer",
                     rules=rules)
    boxes = [t.box for t in got.layout.tables]
    out = list(got.grids)
    for g in ruled:
        b = _grid_box(g)
        if b is None or not any(_overlap(b, tb) for tb in boxes):
            out.append(g)
    return out


def _grid_box(g: Grid) -> Box | None:
    bs = [c.box for c in g.cells if c.box is not None]
    if not bs:
        return None
    return Box(min(b.x0 for b in bs), min(b.y0 for b in bs), max(b.x1 for b in bs), max(b.y1 for b in bs))


def _overlap(b: Box, t: tuple[float, float, float, float]) -> bool:
    return b.x0 < t[2] and t[0] < b.x1 and b.y0 < t[3] and t[1] < b.y1
