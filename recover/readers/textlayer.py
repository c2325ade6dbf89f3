"""Text-layer reader: a PDF page's characters and ruling lines -> Grid.

The chain is small pure functions, pdfplumber-style:
    page -> chars + segments -> ruling lines -> tables (connected line sets) -> cells -> Grid

Why pdfium and not pdfminer/camelot: pdfium is C and returns each character's box and angle in
microseconds; pdfminer and camelot lattice measured 0.1-0.8 s a page here, too slow for a
back-fill of thousands of pages. Rotated Owner/Reporter names are rebuilt from character geometry
(angle and position), never from drawing order: Excel exports draw them in 2-3 letter chunks in
scrambled order, which is why pdfminer shows 'Ju/lia/n /W/at/ki/ns'.
"""
from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from recover.model import Box, Cell, Grid

LINE_TOL = 1.5        # points: two rules closer than this are the same rule
THIN = 2.5            # points: a filled rectangle thinner than this is a rule


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    angle: float      # radians, as pdfium reports (0 upright; ~pi/2 or ~3pi/2 rotated)
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def rotated(self) -> bool:
        return abs(math.sin(self.angle)) > 0.7


@dataclass(frozen=True)
class Rule:
    """A merged horizontal or vertical ruling line: pos is y (horizontal) or x (vertical),
    spans the covered intervals along the line."""
    horizontal: bool
    pos: float
    spans: tuple[tuple[float, float], ...]

    @property
    def start(self) -> float:
        return self.spans[0][0]

    @property
    def end(self) -> float:
        return self.spans[-1][1]

    def covers(self, t: float, tol: float = LINE_TOL) -> bool:
        return any(a - tol <= t <= b + tol for a, b in self.spans)


# ---------------------------------------------------------------- page -> chars, segments

def page_chars(page: pdfium.PdfPage, height: float, loose_turn: int = 0) -> list[Char]:
    """Characters with boxes in top-left coordinates. Glyphs in the page's main direction
    (`loose_turn` quarter turns; 0 = upright) use pdfium's loose box (font advance: adjacent letters
    touch, spaces show as gaps); glyphs turned against it (the narrow Owner/Reporter names) use the
    tight ink box, because exporters give those glyphs advances that do not match their place."""
    tp = page.get_textpage()
    n = tp.count_chars()
    text = tp.get_text_range(0, n) if n else ""
    out = []
    l, b, r, t = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(l), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t))
    for i in range(min(n, len(text))):
        ch = text[i]
        if ch in "\r\n\x00\ufffe":
            continue
        angle = raw.FPDFText_GetCharAngle(tp.raw, i)
        size = raw.FPDFText_GetFontSize(tp.raw, i)
        quarter = round((angle % (2 * math.pi)) / (math.pi / 2)) % 4
        if quarter != loose_turn and not (loose_turn == 0 and quarter == 2):
            if not raw.FPDFText_GetCharBox(tp.raw, i, *refs):
                continue
            x0, x1, top, bottom = l.value, r.value, t.value, b.value
        else:
            if not raw.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(_RECT)):
                continue
            x0, x1, top, bottom = _RECT.left, _RECT.right, _RECT.top, _RECT.bottom
        y0, y1 = height - top, height - bottom
        out.append(Char(ch, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), angle, size))
    tp.close()
    return out


_RECT = raw.FS_RECTF()


def page_segments(page: pdfium.PdfPage, height: float) -> list[tuple[float, float, float, float]]:
    """Straight horizontal/vertical segments from vector paths, in top-left coordinates.
    Thin filled rectangles (how some exporters draw borders) count as segments too."""
    segs = []
    for obj in page.get_objects(max_depth=3):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if w <= THIN and h > THIN:
            x = (left + right) / 2
            segs.append((x, height - top, x, height - bottom))
            continue
        if h <= THIN and w > THIN:
            y = height - (top + bottom) / 2
            segs.append((left, y, right, y))
            continue
        segs.extend(_path_segments(obj, height))
    return segs


def _path_segments(obj, height: float) -> list[tuple[float, float, float, float]]:
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj.raw, ctypes.byref(m))
    n = raw.FPDFPath_CountSegments(obj.raw)
    pts: list[tuple[float, float]] = []
    out = []
    start = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px = m.a * x.value + m.c * y.value + m.e
        py = height - (m.b * x.value + m.d * y.value + m.f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not pts:
            pts = [(px, py)]
            start = (px, py)
        else:
            out.append((*pts[-1], px, py))
            pts.append((px, py))
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            out.append((px, py, *start))
    return [s for s in out if abs(s[0] - s[2]) < 0.5 or abs(s[1] - s[3]) < 0.5]


# ---------------------------------------------------------------- segments -> rules

def merge_rules(segs) -> tuple[list[Rule], list[Rule]]:
    """Collinear segments -> one Rule per line position, keeping the covered intervals."""
    horiz: dict[float, list[tuple[float, float]]] = {}
    vert: dict[float, list[tuple[float, float]]] = {}
    for x0, y0, x1, y1 in segs:
        if abs(y0 - y1) < 0.5 and abs(x1 - x0) > 1:
            _add(horiz, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
        elif abs(x0 - x1) < 0.5 and abs(y1 - y0) > 1:
            _add(vert, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return _rules(horiz, True), _rules(vert, False)


def _add(d: dict, pos: float, a: float, b: float) -> None:
    d.setdefault(round(pos / LINE_TOL), []).append((pos, a, b))


def _rules(d: dict, horizontal: bool) -> list[Rule]:
    keys = sorted(d)
    groups: list[list] = []
    for k in keys:  # neighbouring buckets are the same line
        if groups and k - groups[-1][0] <= 1:
            groups[-1][1].extend(d[k])
            groups[-1][0] = k
        else:
            groups.append([k, list(d[k])])
    out = []
    for _, items in groups:
        pos = sum(p for p, _, _ in items) / len(items)
        spans = sorted((a, b) for _, a, b in items)
        merged = [list(spans[0])]
        for a, b in spans[1:]:
            if a <= merged[-1][1] + LINE_TOL:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        out.append(Rule(horizontal, pos, tuple((a, b) for a, b in merged)))
    return out


# ---------------------------------------------------------------- rules -> tables -> cells

@dataclass(frozen=True)
class TableFrame:
    ys: tuple[float, ...]          # row boundaries (top to bottom)
    xs: tuple[float, ...]          # column boundaries (left to right)
    verticals: tuple[Rule, ...]
    horizontals: tuple[Rule, ...]

    @property
    def box(self) -> Box:
        return Box(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def find_tables(horiz: list[Rule], vert: list[Rule]) -> list[TableFrame]:
    """Group rules into tables: line pieces that cross or touch belong together. Pieces, not whole
    rules: dashboard tables side by side share their rules' y positions but not their pieces."""
    hs = [Rule(True, r.pos, (sp,)) for r in horiz for sp in r.spans]
    vs = [Rule(False, r.pos, (sp,)) for r in vert for sp in r.spans]
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs, start=len(hs)):
            if h.covers(v.pos) and v.covers(h.pos):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(hs + vs):
        groups.setdefault(find(i), []).append(rule)
    frames = []
    for members in groups.values():
        h_rules = _rejoin([r for r in members if r.horizontal])
        v_rules = _rejoin([r for r in members if not r.horizontal])
        if len(h_rules) >= 2 and len(v_rules) >= 2:
            frames.append(TableFrame(tuple(r.pos for r in h_rules), tuple(r.pos for r in v_rules),
                                     tuple(v_rules), tuple(h_rules)))
    frames.sort(key=lambda f: (f.ys[0], f.xs[0]))
    return frames


def _rejoin(pieces: list[Rule]) -> list[Rule]:
    """Pieces of one table at the same position are one rule again (with its gaps kept)."""
    by_pos: dict[float, list[tuple[float, float]]] = {}
    for r in pieces:
        by_pos.setdefault(r.pos, []).extend(r.spans)
    return [Rule(pieces[0].horizontal, pos, tuple(sorted(sp))) for pos, sp in sorted(by_pos.items())]


def cell_boxes(frame: TableFrame) -> list[tuple[int, int, Box]]:
    """(row, col, box) for every cell; merged cells (no rule between) span several columns
    or rows and take the index of their top-left column/row."""
    out = []
    ys, xs = frame.ys, frame.xs
    for r in range(len(ys) - 1):
        if _covered_by_cell_above(frame, r):
            continue
        mid_y = (ys[r] + ys[r + 1]) / 2
        bounds = [c for c, v in enumerate(frame.verticals) if v.covers(mid_y, tol=0)]
        for a, b in zip(bounds, bounds[1:]):
            r_end = _row_span_end(frame, r, xs[a], xs[b])
            out.append((r, a, Box(xs[a], ys[r], xs[b], ys[r_end])))
    return out


def _covered_by_cell_above(frame: TableFrame, r: int) -> bool:
    """A band with no horizontal rule at its top across its whole width is the lower part of
    taller cells handled by _row_span_end — but only when the rule is missing everywhere."""
    if r == 0:
        return False
    top = frame.horizontals[r]
    return not any(b - a > 2 for a, b in top.spans)


def _row_span_end(frame: TableFrame, r: int, x0: float, x1: float) -> int:
    mid_x = (x0 + x1) / 2
    end = r + 1
    while end < len(frame.ys) - 1 and not frame.horizontals[end].covers(mid_x, tol=0):
        end += 1
    return end


# ---------------------------------------------------------------- chars -> cell text

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
    return " ".join(p.strip() for p in parts if p.strip())


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
    return Grid(grid.source, grid.page, grid.method, cells, grid.kind, grid.notes)


# ---------------------------------------------------------------- page entry point

@dataclass(frozen=True)
class TextPage:
    """What the text layer says about one page; ingest uses it to classify the page."""
    page: int
    n_chars: int
    n_images: int
    text: str          # kept empty unless a caller needs it (prose pages are not decoded)
    grids: tuple[Grid, ...]


def read_page(doc: pdfium.PdfDocument, index: int, source: str, *, want_grids: bool = True) -> TextPage:
    """Rules first: a complete ruled table is read cell by cell from its rules. A page whose
    table has no rules, faint or partial ones (or none that hold a month header) is read by the
    row/column model from its words (recover/layout), with whatever rules there are as evidence.
    A page without month labels (agenda, minutes, glossary) costs only a text count."""
    page = doc[index]
    try:
        # content coordinates, before /Rotate: chars and paths are reported in this space
        left, bottom, right, top = page.get_bbox()
        width, height = right - left, top
        n_images = sum(1 for o in page.get_objects(max_depth=2) if o.type == raw.FPDF_PAGEOBJ_IMAGE)
        frames, segs = [], []
        if want_grids:
            segs = page_segments(page, height)
            frames = find_tables(*merge_rules(segs))
        unruled = False
        if want_grids and not frames:
            tp = page.get_textpage()
            n = tp.count_chars()
            unruled = n > 0 and has_month_labels(tp.get_text_range(0, n))
            tp.close()
            if not unruled:
                return TextPage(index + 1, n, n_images, "", ())
        elif not frames:
            tp = page.get_textpage()
            n = tp.count_chars()
            tp.close()
            return TextPage(index + 1, n, n_images, "", ())
        chars = page_chars(page, height)
        turn = dominant_turn(chars)
        if turn:
            chars = page_chars(page, height, loose_turn=turn)
            chars, segs = upright(chars, segs, turn, width, height)
            frames = find_tables(*merge_rules(segs))
        grids = list(_grids_for(frames, chars, source, index + 1))
        if unruled or not _ruled_tables_complete(grids, chars):
            grids = _layout_grids(chars, segs, grids, source, index + 1)
        if turn:
            grids = [replace(g, notes=g.notes + (f"rotated={90 * turn}",)) for g in grids]
        return TextPage(index + 1, len(chars), n_images, "", tuple(grids))
    finally:
        page.close()


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-\u2013/'\u2019]?"
                         r"(?:20)?\d{2}\b", re.IGNORECASE)


def has_month_labels(text: str, at_least: int = 5) -> bool:
    """Could the page hold a table header (a run of month labels)? A cheap test on its text."""
    return sum(1 for _ in itertools.islice(_MONTH_WORD.finditer(text), at_least)) >= at_least


def _ruled_tables_complete(grids: list[Grid], chars: list[Char]) -> bool:
    """Every ruled table with a month header has rows of values, one printed value per month
    cell: its rules separate every cell. Rules between some columns or rows only leave cells
    that hold several values, shaded header cells alone frame a header without rows, and a
    header whose months are not ruled apart is no month header: then the page is read from its
    words instead."""
    from recover.table.header import find_header
    from recover.table.values import parse_value
    found = False
    for g in grids:
        h = find_header(g)
        if h is None:
            continue
        month_cols = {c.col for c in h.month_columns()}
        values = 0
        for c in g.cells:
            if c.row in h.rows or c.col not in month_cols:
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


def _layout_grids(chars: list[Char], segs, ruled: list[Grid], source: str, page: int) -> list[Grid]:
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


def dominant_turn(chars: list[Char]) -> int:
    """Quarter turns (0-3) of most of the page's text. Some exporters draw a landscape sheet turned
    on a portrait page (and /Rotate it back for display): then the table's ordinary text is the
    'rotated' text, and the page must be turned upright before cells are read."""
    votes = Counter(round((c.angle % (2 * math.pi)) / (math.pi / 2)) % 4 for c in chars if c.text.strip())
    return votes.most_common(1)[0][0] if votes else 0


def upright(chars: list[Char], segs, turn: int, width: float, height: float):
    """Turn chars and segments so that text at `turn` quarter turns reads left to right."""
    def move(x: float, y: float) -> tuple[float, float]:
        if turn == 3:                   # reads bottom to top: turn the page clockwise
            return height - y, x
        if turn == 1:                   # reads top to bottom: turn it counter-clockwise
            return y, width - x
        return width - x, height - y    # upside down
    out = []
    for c in chars:
        (ax, ay), (bx, by) = move(c.x0, c.y0), move(c.x1, c.y1)
        angle = (c.angle - turn * math.pi / 2) % (2 * math.pi)
        out.append(Char(c.text, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), angle, c.size))
    moved = [(*move(x0, y0), *move(x1, y1)) for x0, y0, x1, y1 in segs]
    return out, moved


def _grids_for(frames: list[TableFrame], chars: list[Char], source: str, page: int) -> list[Grid]:
    out = []
    for f in frames:
        b = f.box
        inside = [c for c in chars if b.x0 <= c.cx <= b.x1 and b.y0 <= c.cy <= b.y1]
        if not inside:
            continue
        out.append(grid_from_frame(f, inside, source, page))
    return out
