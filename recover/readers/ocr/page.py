"""One page image -> Grid objects, in named steps around one page context:

    straighten (quarter turn, skew) -> find the ruled tables -> per table: the ink of every
    cell -> the header first (month labels, column roles) -> every other cell by its role
    (numbers, words, turned names) -> assemble the Grid.

A table not ruled all round (faint rules the scan lost, rules between some columns only, or
none) is read by unruled.py from the words found in the ink, through the row/column model.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from recover.model import Grid, GridMeta

from . import deskew as dk
from .assemble import assemble, with_chart_title
from .context import CellRead, OcrPage, Settings
from .engine import Engine, default_engine
from .grid import CellBox, TableGrid, complete_lattice, find_tables
from .header import column_roles, read_header, read_header_cell
from .ink import PageInk, cell_ink_from, median, page_ink
from .inkwords import find_words
from .recipes import read_by_role
from .rulecut import lines_mask_exact
from .straighten import straighten
from .text import Turn, rotated_columns
from .unruled import read_unruled


@dataclass
class PageResult:
    """The grids of a page, and what the finder kept on the way (for debug drawing)."""
    grids: list[Grid]
    gray: np.ndarray                      # the straightened page
    dpi: float
    tables: list[TableGrid] = field(default_factory=list)
    meta: GridMeta = GridMeta()           # what every grid of the page shares (turn, skew, dpi)


def _honour_thread_limit() -> None:
    """Workers that run one page per core set OMP_THREAD_LIMIT=1; OpenCV's own thread pool
    would otherwise oversubscribe the cores the same way tesseract's did."""
    limit = os.environ.get("OMP_THREAD_LIMIT", "")
    if limit.isdigit() and cv2.getNumThreads() != int(limit):
        cv2.setNumThreads(int(limit))


def read_page_image(gray: np.ndarray, dpi: float, source: str, page: int,
                    settings: Settings = Settings(), image: str = "",
                    engine: Engine | None = None) -> PageResult:
    _honour_thread_limit()
    engine = engine or default_engine()
    gray, meta = straighten(dk.to_gray(gray), engine)
    ctx = OcrPage(gray, dpi, settings, engine, source, page)
    binary = dk.ink_mask(gray, max(15, int(dpi / 10) | 1))
    tables = find_tables(gray, dpi, binary)
    lattices = {id(t) for t in tables if complete_lattice(t, dpi)}
    # the page's ink without its rules is labelled only for tables ruled all round (labelling a
    # page costs as much as 20 OCR calls): the others are read from the ink without whole rules
    rules = lines_mask_exact(tables, binary, dpi) if lattices else None
    pink = page_ink(binary, rules) if lattices else None
    grids = []
    meta = replace(meta, image=image, dpi=float(dpi))
    # a table ruled all round is read cell by cell; any other text goes to the row/column
    # model, with the rules that were found as evidence
    ruled = []
    for t in tables:
        g = read_table(replace(ctx, rules=rules), pink, t, meta) if id(t) in lattices else None
        if g is None:                # not ruled all round, or its cells hold no month labels
            continue
        ruled.append(t)
        if g.kind == "dashboard":
            g = with_chart_title(ctx, g, binary, t.bbox, [o.bbox for o in tables])
        grids.append(g)
    if len(ruled) < len(tables) or not tables:
        rest = [t for t in tables if t not in ruled]
        wrules = lines_mask_exact(tables, binary, dpi, whole=True)
        wink = page_ink(binary, wrules)
        pw = find_words(wink, dpi, gray, exclude=[t.bbox for t in ruled])
        rules = ([ln for t in rest for ln in t.ys], [ln for t in rest for ln in t.xs])
        grids += read_unruled(replace(ctx, rules=wrules), wink, pw, meta, rules, binary)
    return PageResult(grids, gray, dpi, tables, meta)


def read_table(ctx: OcrPage, pink: PageInk, t: TableGrid, meta: GridMeta) -> Grid | None:
    """A table ruled all round, cell by cell; None when its cells hold no month labels."""
    owners = _components_by_cell(pink, t)
    inks = {cb: cell_ink_from(pink, (cb.x0, cb.y0, cb.x1, cb.y1), ctx.dpi, ids=owners.get(cb))
            for cb in t.cells}
    if all(i.empty for i in inks.values()):
        return None
    by_row: dict[int, list[CellBox]] = {}
    for cb in t.cells:
        by_row.setdefault(cb.r0, []).append(cb)
    reads: dict[CellBox, CellRead] = {}
    turns = {c: Turn() for c in rotated_columns(t, inks, ctx.dpi)}
    # the header decides how every other cell is read, so it is read first; without month
    # labels in cells of their own the rules do not say where the columns are
    month_row = read_header(ctx, by_row, inks, turns, reads)
    if month_row is None:
        return None
    roles = column_roles(by_row, reads, month_row)
    first_data = (month_row + 1) if month_row is not None else 0
    heights = [inks[cb].h for cb in t.cells if cb.r0 >= first_data and roles.get(cb.c0) == "month"
               and not inks[cb].empty]
    digit_h = median(heights) if heights else 0.0
    for r in sorted(by_row):
        for cb in by_row[r]:
            if cb in reads:
                continue
            if r < first_data:
                reads[cb] = read_header_cell(ctx, inks[cb], turns, cb)
            else:
                reads[cb] = read_by_role(ctx, inks[cb], roles.get(cb.c0, "text"), turns.get(cb.c0), ruled=True,
                                         digit_h=digit_h)
    return assemble(ctx, t, reads, month_row, meta)


def _components_by_cell(pink: PageInk, t: TableGrid) -> dict[CellBox, np.ndarray]:
    """Which ink components fall in which cell, in one vectorised pass (band of each centre
    by binary search on the line positions) instead of a scan of all components per cell."""
    x0, y0, x1, y1 = t.bbox
    sel = np.flatnonzero((pink.cx >= x0) & (pink.cx < x1) & (pink.cy >= y0) & (pink.cy < y1))
    sel = sel[sel > 0]
    xs = np.array([ln.pos for ln in t.xs])
    ys = np.array([ln.pos for ln in t.ys])
    col = np.searchsorted(xs, pink.cx[sel]) - 1
    row = np.searchsorted(ys, pink.cy[sel]) - 1
    ok = (col >= 0) & (col < t.n_cols) & (row >= 0) & (row < t.n_rows)
    sel, col, row = sel[ok], col[ok], row[ok]
    band_cell: dict[tuple[int, int], CellBox] = {}
    for cb in t.cells:
        for r in range(cb.r0, cb.r1 + 1):
            for c in range(cb.c0, cb.c1 + 1):
                band_cell[(r, c)] = cb
    order = np.lexsort((col, row))
    sel, col, row = sel[order], col[order], row[order]
    out: dict[CellBox, list[np.ndarray]] = {}
    if sel.size:
        keys = row * t.n_cols + col
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        ends = np.r_[starts[1:], keys.size]
        for a, b in zip(starts, ends):
            cb = band_cell.get((int(row[a]), int(col[a])))
            if cb is not None:
                out.setdefault(cb, []).append(sel[a:b])
    return {cb: np.concatenate(v) for cb, v in out.items()}
