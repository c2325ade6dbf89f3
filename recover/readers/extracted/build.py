"""Aligned rows -> a frozen Grid (contract: header row first, every cell present, what was done in
GridMeta)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from recover.model import Cell, Grid, GridMeta

from .align import AMBIGUOUS, Aligned
from .header import TextHeader

METHOD = "extracted-text"


@dataclass
class RowOut:
    aligned: Aligned
    line: int
    end: int


def make_grid(source: str, page: int, header: TextHeader, rows: list[RowOut], kind: str = "table",
              meta: GridMeta = GridMeta()) -> Grid:
    cells: list[Cell] = []
    for col, (t, c) in enumerate(zip(header.cells, header.confs)):
        cells.append(Cell(row=0, col=col, text=t, box=None, conf=round(c, 3)))
    for r, ro in enumerate(rows, start=1):
        for col, (t, c) in enumerate(zip(ro.aligned.cells, ro.aligned.confs)):
            cells.append(Cell(row=r, col=col, text=t, box=None, conf=round(c, 3)))
    meta = replace(meta, header_inferred=header.inferred, window=header.W, notes=tuple(header.notes) + meta.notes,
                   header_lines=header.lines if header.lines != (0, 0) else None,
                   row_lines=tuple((r, ro.line, ro.end) for r, ro in enumerate(rows, start=1)),
                   row_notes=tuple((r, "; ".join(ro.aligned.notes)) for r, ro in enumerate(rows, start=1)))
    return Grid(source=source, page=page, method=METHOD, cells=tuple(cells), kind=kind, meta=meta)


def unreadable_rows(grid: Grid) -> list[str]:
    """One line per data row whose month cells the reader could not place (conf <= AMBIGUOUS)."""
    out = []
    W = grid.meta.window or 0
    for r, row in enumerate(grid.rows()):
        if r == 0 or not row:
            continue
        low = [c for c in row if c.conf <= AMBIGUOUS]
        if W and len(low) >= W:
            why = grid.meta.row_note(r).split("; ")
            reason = next((w for w in why if "ambiguous" in w or "unverified" in w), "low confidence")
            a, b = grid.meta.lines_of(r) or (0, 0)
            out.append(f"{grid.source} line {a}{'-' + str(b) if b != a else ''} ({row[0].text or '?'}): "
                       f"month cells unreadable: {reason}")
    return out


READING_ORDER = "reading-order"


def order_grid(source: str, page: int, header: TextHeader, rows: list[RowOut], layout: str) -> Grid | None:
    """The Grid of a page of reading-order text (ordered.py, columns.py), None without rows."""
    if not rows:
        return None
    return make_grid(source, page, header, rows,
                     meta=GridMeta(source_kind=READING_ORDER, blanks_dropped=True, notes=(f"layout={layout}",)))

