"""The ruled grid of a straightened page: lines -> tables -> cells (merged cells kept whole).

Morphological opening with long thin kernels keeps only the ruling lines (text runs are far
shorter than width/40); the lines are then grouped by position, and each pair of neighbouring
lines bounds a row or column band. A cell boundary exists only where a line actually covers
it, so merged header cells ('Benchmarking' over SN/ENG/SE) come out as one cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .labels import components

COVER = 0.6  # share of a cell side a line must cover to count as a boundary


@dataclass
class Line:
    pos: float                       # centre, pixels (y for a horizontal line, x for a vertical)
    thick: float
    spans: list[tuple[int, int]] = field(default_factory=list)   # covered intervals along it

    def covers(self, lo: float, hi: float) -> float:
        """Share of [lo, hi] covered by this line."""
        if hi <= lo:
            return 0.0
        got = 0
        for a, b in self.spans:
            got += max(0, min(b, hi) - max(a, lo))
        return got / (hi - lo)

    @property
    def length(self) -> int:
        return sum(b - a for a, b in self.spans)


@dataclass(frozen=True)
class CellBox:
    r0: int
    c0: int
    r1: int            # inclusive band indices
    c1: int
    x0: int            # interior in pixels (ruling lines excluded)
    y0: int
    x1: int
    y1: int


@dataclass
class TableGrid:
    xs: list[Line]
    ys: list[Line]
    cells: list[CellBox]
    bbox: tuple[int, int, int, int]     # x0, y0, x1, y1 pixels

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@dataclass
class LineMasks:
    horiz: np.ndarray
    vert: np.ndarray


def line_masks(binary: np.ndarray, dpi: float) -> LineMasks:
    """Horizontal and vertical ruling lines of an ink mask (ink = 255)."""
    h, w = binary.shape
    hk = max(20, w // 40)
    vk = max(20, h // 40)
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, hk), np.uint8))
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((vk, 1), np.uint8))
    # bridge small breaks of faint scanned lines
    gap = max(3, int(dpi / 40))
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    return LineMasks(horiz, vert)


def _segments(mask: np.ndarray, horizontal: bool, max_thick: float) -> list[tuple[float, float, int, int]]:
    """(centre, thickness, lo, hi) of every thin line piece in the mask."""
    _, _, st, cent = components(mask)
    out = []
    for (x, y, w, h, area), _c in zip(st[1:], cent[1:]):
        if horizontal:
            thick = area / max(w, 1)
            if thick > max_thick:
                continue               # a filled shape (chart bar), not a rule
            out.append((y + h / 2.0, thick, int(x), int(x + w)))
        else:
            thick = area / max(h, 1)
            if thick > max_thick:
                continue
            out.append((x + w / 2.0, thick, int(y), int(y + h)))
    return out


def _group_lines(segs, tol: float) -> list[Line]:
    """Pieces at (nearly) the same position are one line."""
    lines: list[Line] = []
    for pos, thick, lo, hi in sorted(segs):
        if lines and pos - lines[-1].pos <= tol:
            ln = lines[-1]
            n = len(ln.spans)
            ln.pos = (ln.pos * n + pos) / (n + 1)
            ln.thick = max(ln.thick, thick)
            ln.spans.append((lo, hi))
        else:
            lines.append(Line(pos, thick, [(lo, hi)]))
    for ln in lines:
        ln.spans = _merge_spans(ln.spans)
    return lines


def _merge_spans(spans: list[tuple[int, int]], gap: int = 2) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _merge_close(lines: list[Line], min_gap: float) -> list[Line]:
    """Double borders and a line's two edges become one line."""
    out: list[Line] = []
    for ln in lines:
        if out and ln.pos - out[-1].pos < min_gap:
            prev = out[-1]
            keep = prev if prev.length >= ln.length else ln
            out[-1] = Line(keep.pos, max(prev.thick, ln.thick), _merge_spans(prev.spans + ln.spans))
        else:
            out.append(ln)
    return out


def _clip(lines: list[Line], lo: int, hi: int, lo2: int, hi2: int, slack: int) -> list[Line]:
    """Lines whose position is within [lo, hi], with spans cut to [lo2, hi2]."""
    out = []
    for ln in lines:
        if lo - slack <= ln.pos <= hi + slack:
            spans = [(max(a, lo2), min(b, hi2)) for a, b in ln.spans if b > lo2 and a < hi2]
            if spans:
                out.append(Line(ln.pos, ln.thick, spans))
    return out


def find_tables(gray: np.ndarray, dpi: float, binary: np.ndarray | None = None) -> list[TableGrid]:
    """Tables on a straightened page. Above ~250 dpi the lines are looked for at half size
    (4x fewer pixels for the morphology and component passes; a line is still 1-2 px thick)."""
    from .deskew import ink_mask
    if dpi >= 250:
        s = 0.5
        small = cv2.resize(gray, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        b = ink_mask(small, max(15, int(dpi * s / 10) | 1))
        tables = tables_from_masks(line_masks(b, dpi * s), dpi * s)
        return [_scaled(t, 1 / s, gray.shape) for t in tables]
    if binary is None:
        binary = ink_mask(gray, max(15, int(dpi / 10) | 1))
    return tables_from_masks(line_masks(binary, dpi), dpi)


def _scaled(t: "TableGrid", k: float, shape) -> "TableGrid":
    def sl(ln: Line) -> Line:
        return Line(ln.pos * k + (k - 1) / 2, ln.thick * k, [(int(a * k), int(b * k)) for a, b in ln.spans])
    xs = [sl(ln) for ln in t.xs]
    ys = [sl(ln) for ln in t.ys]
    x0, y0, x1, y1 = t.bbox
    bbox = (int(x0 * k), int(y0 * k), min(shape[1], int(x1 * k)), min(shape[0], int(y1 * k)))
    return _cells(ys, xs, bbox)


def tables_from_masks(masks: LineMasks, dpi: float) -> list[TableGrid]:
    max_thick = max(4.0, dpi * 0.06)
    tol = max(3.0, dpi / 60)
    hlines = _group_lines(_segments(masks.horiz, True, max_thick), tol)
    vlines = _group_lines(_segments(masks.vert, False, max_thick), tol)
    both = cv2.bitwise_or(masks.horiz, masks.vert)
    both = cv2.dilate(both, np.ones((5, 5), np.uint8))
    _, _, st, _ = components(both)
    min_cell = dpi * 0.06
    tables = []
    for x, y, w, h, _a in st[1:]:
        if w < dpi * 0.5 or h < dpi * 0.15:
            continue
        slack = 4
        hs = _clip(hlines, y, y + h, x, x + w, slack)
        vs = _clip(vlines, x, x + w, y, y + h, slack)
        hs = [ln for ln in hs if ln.length >= min_cell]
        vs = [ln for ln in vs if ln.length >= min_cell]
        hs = _merge_close(hs, min_cell)
        vs = _merge_close(vs, min_cell)
        if len(hs) < 2 or len(vs) < 2:
            continue
        tables.append(_cells(hs, vs, (int(x), int(y), int(x + w), int(y + h))))
    return reading_order(tables)


def reading_order(tables: list[TableGrid]) -> list[TableGrid]:
    """Top to bottom by bands, left to right inside a band: dashboard blocks side by side are
    one band even when skew leaves their tops a few pixels apart."""
    rest = sorted(tables, key=lambda t: t.bbox[1])
    out: list[TableGrid] = []
    while rest:
        first = rest[0]
        y0, y1 = first.bbox[1], first.bbox[3]
        band = [t for t in rest if min(y1, t.bbox[3]) - max(y0, t.bbox[1]) > 0.5 * min(y1 - y0, t.bbox[3] - t.bbox[1])]
        out.extend(sorted(band, key=lambda t: t.bbox[0]))
        rest = [t for t in rest if t not in band]
    return out


def _cells(ys: list[Line], xs: list[Line], bbox) -> TableGrid:
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(nr):
        top, bot = ys[i].pos, ys[i + 1].pos
        for j in range(nc):
            left, right = xs[j].pos, xs[j + 1].pos
            if j + 1 < nc and xs[j + 1].covers(top, bot) < COVER:
                union(i * nc + j, i * nc + j + 1)
            if i + 1 < nr and ys[i + 1].covers(left, right) < COVER:
                union(i * nc + j, (i + 1) * nc + j)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i in range(nr):
        for j in range(nc):
            groups.setdefault(find(i * nc + j), []).append((i, j))
    cells = []
    for members in groups.values():
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members)
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members)
        x0 = int(np.ceil(xs[c0].pos + xs[c0].thick / 2))
        x1 = int(np.floor(xs[c1 + 1].pos - xs[c1 + 1].thick / 2))
        y0 = int(np.ceil(ys[r0].pos + ys[r0].thick / 2))
        y1 = int(np.floor(ys[r1 + 1].pos - ys[r1 + 1].thick / 2))
        if x1 - x0 < 3 or y1 - y0 < 3:
            continue
        cells.append(CellBox(r0, c0, r1, c1, x0, y0, x1, y1))
    cells.sort(key=lambda c: (c.r0, c.c0))
    return TableGrid(xs=xs, ys=ys, cells=cells, bbox=bbox)


MAX_ROW = 2.5    # inches: a ruled row taller than this holds several indicators (no rules between them)


def complete_lattice(t: TableGrid, dpi: float, single: float = 0.8) -> bool:
    """Every cell below the header is ruled all round: rows and columns are then what the lines
    say. A rule the scan partly lost merges cells across it; a table with rules only between
    some columns, or none between its rows, merges them too (or makes rows of a whole column).
    The header is the first row whose cells mostly span one column each (merged labels such as
    'Benchmarking' sit above it)."""
    by_row: dict[int, list[CellBox]] = {}
    for cb in t.cells:
        by_row.setdefault(cb.r0, []).append(cb)
    head = next((r for r in sorted(by_row)
                 if sum(cb.c0 == cb.c1 for cb in by_row[r]) >= single * t.n_cols), None)
    if head is None or head >= t.n_rows - 1:
        return False
    body = [cb for cb in t.cells if cb.r0 > head]
    if any(t.ys[r + 1].pos - t.ys[r].pos > MAX_ROW * dpi for r in range(head + 1, t.n_rows)):
        return False
    return bool(body) and all(cb.r0 == cb.r1 and cb.c0 == cb.c1 for cb in body) and \
        len(body) == (t.n_rows - 1 - head) * t.n_cols


def lines_mask(tables: list[TableGrid], shape: tuple[int, int], grow: int = 2, whole: bool = False) -> np.ndarray:
    """The detected ruling lines painted at full resolution (to take them out of the ink).
    whole: each line painted across its whole table, not only where it was seen (a faint rule
    breaks into pieces the finder misses; they would be read as glyphs)."""
    mask = np.zeros(shape, np.uint8)
    for t in tables:
        x0, y0, x1, y1 = t.bbox
        for ln in t.ys:
            half = int(np.ceil(ln.thick / 2)) + grow
            y = int(round(ln.pos))
            for a, b in ([(x0, x1)] if whole else ln.spans):
                mask[max(0, y - half):y + half + 1, max(0, a - grow):b + grow] = 255
        for ln in t.xs:
            half = int(np.ceil(ln.thick / 2)) + grow
            x = int(round(ln.pos))
            for a, b in ([(y0, y1)] if whole else ln.spans):
                mask[max(0, a - grow):b + grow, max(0, x - half):x + half + 1] = 255
    return mask
