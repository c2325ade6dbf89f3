"""Step 1 of a text-layer page: characters (boxes, angles) and ruling segments, from pdfium, then
collinear segments merged into ruling lines. Coordinates: PDF points, top-left origin, y down."""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

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
        if ch == "\ufffe" and raw.FPDFText_IsHyphen(tp.raw, i):
            # pdfium marks a printed hyphen that ends a line as a soft one ('6B-' of a ref its
            # cell wrapped as 'CP' / '6B-' / 'NI'); the glyph is on the page, so it is read
            ch = "-"
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
