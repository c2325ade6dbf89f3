"""Aligned rows -> a frozen Grid (contract: header row first, every cell present, notes as key=value)."""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Cell, Grid

from .align import Aligned
from .header import Header

METHOD = "extracted-text"


@dataclass
class RowOut:
    aligned: Aligned
    line: int
    end: int


def make_grid(source: str, page: int, header: Header, rows: list[RowOut], kind: str = "table",
              extra_notes: tuple[str, ...] = ()) -> Grid:
    cells: list[Cell] = []
    for col, (t, c) in enumerate(zip(header.cells, header.confs)):
        cells.append(Cell(row=0, col=col, text=t, box=None, conf=round(c, 3)))
    notes = [*header.notes, *extra_notes]
    if header.lines != (0, 0):
        notes.append(f"header_lines={header.lines[0]}-{header.lines[1]}")
    spans = []
    for r, ro in enumerate(rows, start=1):
        for col, (t, c) in enumerate(zip(ro.aligned.cells, ro.aligned.confs)):
            cells.append(Cell(row=r, col=col, text=t, box=None, conf=round(c, 3)))
        spans.append(f"{r}:{ro.line}" if ro.line == ro.end else f"{r}:{ro.line}-{ro.end}")
        notes.append(f"align:{r}=" + "; ".join(ro.aligned.notes))
    notes.append("row_lines=" + ",".join(spans))
    notes.append(f"window={header.W}")
    return Grid(source=source, page=page, method=METHOD, cells=tuple(cells), kind=kind,
                notes=tuple(notes))


def row_lines(grid: Grid) -> dict[int, tuple[int, int]]:
    """Grid row -> (first, last) line of the extracted text it came from."""
    v = grid.note("row_lines") or ""
    out = {}
    for part in filter(None, v.split(",")):
        r, _, span = part.partition(":")
        a, _, b = span.partition("-")
        out[int(r)] = (int(a), int(b or a))
    return out
