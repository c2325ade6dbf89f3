"""The last step of a table: the cells read become a Grid (rows and columns renumbered to the
bands that hold something, boxes in PDF points), and a dashboard block gets its chart title."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from recover.model import Box, Cell, Grid, GridMeta
from recover.printed.months import parse_month

from .context import CellRead, OcrPage
from .grid import CellBox, TableGrid
from .ink import Ink, text_lines
from .rowcheck import doubt_odd_values

METHOD = "ocr"
DASHBOARD_MONTHS = 6          # month labels a chart's value table shows at least
TITLE_BAND = 0.45             # inches above a chart's plot searched for its title
TITLE_GAP = 0.03              # inches between the title band and the plot
MIN_AXIS = 0.5                # inches of vertical ink that make a plot's y axis


def assemble(ctx: OcrPage, t: TableGrid, reads: dict[CellBox, CellRead], month_row: int | None,
             meta: GridMeta) -> Grid:
    k = 72.0 / ctx.dpi
    used_rows = sorted({anchor_row(cb, month_row) for cb in reads})
    used_cols = sorted({cb.c0 for cb in reads})
    rmap = {r: i for i, r in enumerate(used_rows)}
    cmap = {c: i for i, c in enumerate(used_cols)}
    out = []
    digits = {}
    for cb, rd in reads.items():
        box = Box(round((cb.x0) * k, 1), round(cb.y0 * k, 1), round(cb.x1 * k, 1), round(cb.y1 * k, 1))
        out.append(Cell(row=rmap[anchor_row(cb, month_row)], col=cmap[cb.c0], text=rd.text, box=box,
                        conf=round(float(rd.conf), 3)))
        digits[(out[-1].row, out[-1].col)] = rd.digits
    out.sort(key=lambda c: (c.row, c.col))
    kind = "dashboard" if is_dashboard(out, rmap.get(month_row)) else "table"
    grid = Grid(source=ctx.source, page=ctx.page, method=METHOD, cells=tuple(out), kind=kind,
                meta=replace(meta, header_row=rmap[month_row] if month_row is not None else None))
    return doubt_odd_values(grid, digits)


def is_dashboard(cells: list[Cell], header_row: int | None) -> bool:
    """A chart's value table: a month-label header over a single row of a label and values, and
    nothing else (a dataset table always has its Indicator/Owner/... columns)."""
    if header_row is None:
        return False
    rows = {c.row for c in cells}
    if rows != {header_row, header_row + 1}:
        return False
    head = [c for c in cells if c.row == header_row and c.col > 0 and c.text.strip()]
    months = sum(1 for c in head if parse_month(c.text))
    return months >= DASHBOARD_MONTHS and months >= len(head) - 1


def anchor_row(cb: CellBox, month_row: int | None) -> int:
    """Header cells merged down into the month-label row belong to that row (so 'Ref.' and
    'Apr-17' sit in one header row, as the table stage expects)."""
    if month_row is not None and cb.r0 < month_row <= cb.r1:
        return month_row
    return cb.r0


def with_chart_title(ctx: OcrPage, g: Grid, binary: np.ndarray, bbox: tuple[int, int, int, int],
                     others: list[tuple[int, int, int, int]]) -> Grid:
    """A dashboard's chart title ('LAC13 - Number of ...') sits just above its plot; it is kept
    as the grid's title because the one-line table's own label is often garbled ('LACL3'). bbox: the
    block's table (pixels); others: the page's other tables (the plot ends at one above)."""
    dpi = ctx.dpi
    x0, y0, x1, _ = bbox
    top = 0
    for o in others:
        ox0, _, ox1, oy1 = o
        if o != bbox and oy1 <= y0 and min(x1, ox1) - max(x0, ox0) > 0.5 * (x1 - x0):
            top = max(top, oy1)
    region = binary[top:y0, x0:x1]
    if region.size == 0:
        return g
    # the plot's y axis: the longest vertical run of ink in the left part of the block
    left = region[:, : max(1, (x1 - x0) // 4)]
    counts = (left > 0).sum(axis=0)
    ax = int(np.argmax(counts))
    if counts[ax] < dpi * MIN_AXIS:
        return g
    col = left[:, max(0, ax - 1):ax + 2].any(axis=1)
    plot_top = _longest_run_start(col)
    band_top = max(0, plot_top - int(dpi * TITLE_BAND))
    band = region[band_top:max(band_top + 1, plot_top - int(dpi * TITLE_GAP))]
    parts = []
    for a, b in text_lines(band, dpi)[:2]:
        xs = np.nonzero(band[a:b].any(axis=0))[0]
        if xs.size == 0:
            continue
        ink = Ink(band, (int(xs.min()), a, int(xs.max()) + 1, b), (x0, top + band_top))
        r = ctx.read(ink, ink.box, ctx.settings.num_height * 0.8)
        if r.text:
            parts.append(r.text)
    if not parts:
        return g
    return replace(g, meta=replace(g.meta, title=" ".join(parts)))


def _longest_run_start(on: np.ndarray) -> int:
    """Start index of the longest run of True (the axis line, not specks above it)."""
    best, best_len, start = 0, 0, None
    for i, v in enumerate(np.append(on, False)):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start > best_len:
                best, best_len = start, i - start
            start = None
    return best
