"""Aligned rows -> a frozen Grid (contract: header row first, every cell present, notes as key=value)."""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Cell, Grid

from .align import Aligned
from .header import TextHeader

METHOD = "extracted-text"


@dataclass
class RowOut:
    aligned: Aligned
    line: int
    end: int


def make_grid(source: str, page: int, header: TextHeader, rows: list[RowOut], kind: str = "table",
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


def unreadable_rows(grid: Grid) -> list[str]:
    """One line per data row whose month cells the reader could not place (conf <= 0.3)."""
    out = []
    W = int(grid.note("window") or 0)
    spans = row_lines(grid)
    for r, row in enumerate(grid.rows()):
        if r == 0 or not row:
            continue
        low = [c for c in row if c.conf <= 0.3]
        if W and len(low) >= W:
            why = (grid.note(f"align:{r}") or "").split("; ")
            reason = next((w for w in why if "ambiguous" in w or "unverified" in w), "low confidence")
            a, b = spans.get(r, (0, 0))
            out.append(f"{grid.source} line {a}{'-' + str(b) if b != a else ''} ({row[0].text or '?'}): "
                       f"month cells unreadable: {reason}")
    return out


def row_lines(grid: Grid) -> dict[int, tuple[int, int]]:
    """Grid row -> (first, last) line of the extracted text it came from."""
    v = grid.note("row_lines") or ""
    out = {}
    for part in filter(None, v.split(",")):
        r, _, span = part.partition(":")
        a, _, b = span.partition("-")
        out[int(r)] = (int(a), int(b or a))
    return out
