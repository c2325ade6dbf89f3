"""Step 3: the characters inside each cell box -> the cell's text (upright lines by baseline,
rotated names by glyph geometry) -> a Grid."""
from __future__ import annotations

import bisect
import math
from dataclasses import replace

from recover.model import Box, Cell, Grid
from recover.printed.months import parse_month

from .frames import TableFrame, cell_boxes
from .geometry import Char


def cell_text(chars: list[Char]) -> str:
    """Upright text: lines by baseline, words by gaps. Rotated text: columns of glyphs by x,
    read in the direction the angle says (bottom-to-top for 90 degrees counter-clockwise)."""
    upright = [c for c in chars if not c.rotated]
    rotated = [c for c in chars if c.rotated]
    parts = []
    if upright:
        parts.append(_upright_text(upright))
    if rotated:
        parts.append(_rotated_text(rotated))
    return _whole_month(" ".join(p.strip() for p in parts if p.strip()))


def _whole_month(text: str) -> str:
    """A month label its narrow cell wrapped mid-word ('Sept-1' over '8') as printed, whole."""
    if " " in text and parse_month(text) is None:
        joined = "".join(text.split())
        if parse_month(joined):
            return joined
    return text


def _upright_text(chars: list[Char]) -> str:
    chars = sorted(chars, key=lambda c: (c.cy, c.x0))
    lines: list[list[Char]] = []
    mean = 0.0
    for c in chars:
        if lines and abs(c.cy - mean) < max(1.5, 0.45 * c.size):
            line = lines[-1]
            line.append(c)
            mean += (c.cy - mean) / len(line)
        else:
            lines.append([c])
            mean = c.cy
    return " ".join(_join_run(sorted(line, key=lambda c: c.x0), horizontal=True) for line in lines)


def _rotated_text(chars: list[Char]) -> str:
    chars = sorted(chars, key=lambda c: c.cx)
    lines: list[list[Char]] = []
    for c in chars:
        if lines and abs(c.cx - sum(x.cx for x in lines[-1]) / len(lines[-1])) < max(1.5, 0.45 * c.size):
            lines[-1].append(c)
        else:
            lines.append([c])
    texts = []
    for line in lines:
        # sin(angle) < 0 (3pi/2 in pdfium's convention): glyphs advance upwards on the page
        upwards = math.sin(line[0].angle) < 0
        ordered = sorted(line, key=lambda c: -c.cy if upwards else c.cy)
        texts.append(_join_run(ordered, horizontal=False))
    if lines and math.sin(lines[0][0].angle) > 0:
        texts.reverse()  # top-to-bottom text stacks its lines right to left
    return " ".join(texts)


def _join_run(chars: list[Char], horizontal: bool) -> str:
    out = []
    prev = None
    for c in chars:
        if prev is not None and c.text != " " and (not out or out[-1] != " "):
            gap = (c.x0 - prev.x1) if horizontal else _vgap(prev, c)
            if gap > 0.22 * max(c.size, 1):
                out.append(" ")
        out.append(c.text)
        prev = c
    return " ".join("".join(out).split())


def _vgap(a: Char, b: Char) -> float:
    return max(b.y0 - a.y1, a.y0 - b.y1)


def grid_from_frame(frame: TableFrame, chars: list[Char], source: str, page: int) -> Grid:
    boxes = cell_boxes(frame)
    row_cells: dict[int, list[tuple[float, int, Box]]] = {}
    for r, c, box in boxes:
        row_cells.setdefault(r, []).append((box.x0, c, box))
    lefts = {r: sorted(v) for r, v in row_cells.items()}
    lefts_x = {r: [x for x, _, _ in v] for r, v in lefts.items()}
    by_cell: dict[tuple[int, int], list[Char]] = {}
    ys = frame.ys
    for ch in chars:
        r = bisect.bisect_right(ys, ch.cy) - 1
        while r >= 0 and r not in lefts:
            r -= 1  # inside a tall merged cell that started above
        if r < 0 or ch.cy > ys[-1]:
            continue
        k = bisect.bisect_right(lefts_x[r], ch.cx) - 1
        if k < 0:
            continue
        _, c, box = lefts[r][k]
        if ch.cx <= box.x1 and box.y0 <= ch.cy <= box.y1:
            by_cell.setdefault((r, c), []).append(ch)
    cells = [Cell(r, c, cell_text(by_cell.get((r, c), [])), box, 1.0) for r, c, box in boxes]
    return _compact(Grid(source, page, "text-layer", tuple(cells)))


def _compact(grid: Grid) -> Grid:
    """Renumber rows so the lower bands of tall merged cells leave no empty rows behind."""
    used = sorted({c.row for c in grid.cells})
    remap = {r: i for i, r in enumerate(used)}
    cells = tuple(Cell(remap[c.row], c.col, c.text, c.box, c.conf) for c in grid.cells)
    return replace(grid, cells=cells)
