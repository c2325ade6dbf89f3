"""One cell's significant ink, and the grey crop that goes to OCR.

Tesseract is good at a tight, single, well-sized line of text and bad at everything around it:
it invents characters from scan speckle and ruling-line remnants, and drops decimal points at
native size. So each cell is first reduced to its significant ink (speckle and line remnants
removed, the glyphs that belong together kept), and what is read is the grey page under that
ink, cropped tight, rescaled to a fixed text height, with the speckle painted out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .labels import components

PAD = 10                 # white border around an OCR crop (tesseract needs some margin)
NUM_HEIGHT = 40          # target ink height of a one-line cell (measured best for digits)
TEXT_LINE = 14           # target ink height of a line of running text (cheap; enough to match titles)


@dataclass
class Ink:
    mask: np.ndarray                     # cleaned ink of the cell interior (255 = ink)
    box: tuple[int, int, int, int] | None   # x0, y0, x1, y1 of the ink inside the crop
    origin: tuple[int, int]              # crop origin on the page (x, y)
    _cc: tuple | None = field(default=None, repr=False, compare=False)

    def cc(self) -> tuple[int, np.ndarray]:
        """(count incl. background, stats) of the components inside the ink box, computed once:
        the dash, point, minus and glyph checks all look at the same pieces."""
        if self._cc is None:
            x0, y0, x1, y1 = self.box
            n, _, st, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(self.mask[y0:y1, x0:x1]),
                                                           connectivity=8)
            self._cc = (n, st)
        return self._cc

    @property
    def empty(self) -> bool:
        return self.box is None

    @property
    def w(self) -> int:
        return 0 if self.box is None else self.box[2] - self.box[0]

    @property
    def h(self) -> int:
        return 0 if self.box is None else self.box[3] - self.box[1]


@dataclass
class PageInk:
    """Connected components of a page's ink with the ruling lines taken out, computed once:
    one labelling pass over the page is far cheaper than one per cell."""
    labels: np.ndarray
    stats: np.ndarray         # cv2 stats rows (x, y, w, h, area); row 0 = background
    cx: np.ndarray            # component centres
    cy: np.ndarray
    _lut: np.ndarray | None = None

    def lut(self) -> np.ndarray:
        """A zeroed label -> 0/255 table, reused cell after cell (callers reset what they set)."""
        if self._lut is None:
            self._lut = np.zeros(len(self.stats), np.uint8)
        return self._lut


def page_ink(binary: np.ndarray, lines: np.ndarray | None = None) -> PageInk:
    ink = binary if lines is None else cv2.bitwise_and(binary, cv2.bitwise_not(lines))
    _, labels, st, cent = components(ink)
    return PageInk(labels, st, cent[:, 0], cent[:, 1])


def cell_ink(binary: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> Ink:
    """Significant ink inside one cell interior (labels just this crop)."""
    x0, y0, x1, y1 = box
    pi = page_ink(np.ascontiguousarray(binary[y0:y1, x0:x1]))
    return cell_ink_from(pi, (0, 0, x1 - x0, y1 - y0), dpi, offset=(x0, y0))


def cell_ink_from(pi: PageInk, box: tuple[int, int, int, int], dpi: float,
                  offset: tuple[int, int] = (0, 0), ids: np.ndarray | None = None) -> Ink:
    """Significant ink of a cell interior, from the page's components: speckle and ruling
    remnants removed, small marks kept only beside real glyphs. Ink.origin is in page pixels
    (offset added when `pi` covers a crop of the page)."""
    x0, y0, x1, y1 = box
    m = max(1, int(round(dpi / 150)))       # stay clear of the ruling line's antialiased edge
    x0, y0, x1, y1 = x0 + m, y0 + m, x1 - m, y1 - m
    origin = (x0 + offset[0], y0 + offset[1])
    if x1 - x0 < 3 or y1 - y0 < 3:
        return Ink(np.zeros((1, 1), np.uint8), None, origin)
    st = pi.stats
    if ids is None:
        ids = np.flatnonzero((pi.cx >= x0) & (pi.cx < x1) & (pi.cy >= y0) & (pi.cy < y1))
    else:       # candidates found by the caller: keep those whose centre is in the interior
        ids = ids[(pi.cx[ids] >= x0) & (pi.cx[ids] < x1) & (pi.cy[ids] >= y0) & (pi.cy[ids] < y1)]
    ids = ids[ids > 0]
    h, w = y1 - y0, x1 - x0
    if ids.size == 0:
        return Ink(np.zeros((h, w), np.uint8), None, origin)
    cx = st[ids, 0] - x0
    cy = st[ids, 1] - y0
    cw, ch, area = st[ids, 2], st[ids, 3], st[ids, 4]
    scale = (dpi / 300.0) ** 2
    big = area >= max(6, 14 * scale)
    # ruling remnants: thin and long, along a crop edge or across most of the cell
    thin_px = max(2, dpi / 100)
    edge = (cx <= 0) | (cy <= 0) | (cx + cw >= w) | (cy + ch >= h)
    thin = ((ch <= thin_px) & (cw > 0.5 * w)) | ((cw <= thin_px) & (ch > 0.5 * h))
    line_like = (edge & thin) | ((ch <= thin_px) & (cw > 0.8 * w)) | ((cw <= thin_px) & (ch > 0.8 * h))
    big &= ~line_like
    if not big.any():
        return Ink(np.zeros((h, w), np.uint8), None, origin)
    local = np.stack([cx, cy, cw, ch, area], axis=1)
    big = _main_cluster(big, local, dpi)
    keep = big.copy()
    # small pieces count only right beside real glyphs (decimal points, i-dots, commas); a
    # point sits up to half a glyph height from its neighbours ('7.9' in a proportional font)
    small = (area > max(1, 4 * scale)) & ~big & ~line_like
    if small.any():
        reach = max(2.0, 0.45 * median(ch[big]))
        k = np.flatnonzero(small)[:, None]          # small pieces against every glyph at once
        dx = np.maximum(0, np.maximum(cx[big] - (cx[k] + cw[k]), cx[k] - (cx[big] + cw[big])))
        dy = np.maximum(0, np.maximum(cy[big] - (cy[k] + ch[k]), cy[k] - (cy[big] + ch[big])))
        keep[k[:, 0]] |= (np.hypot(dx, dy) <= reach).any(axis=1)
    kept = ids[keep]
    crop = pi.labels[y0:y1, x0:x1]
    lut = pi.lut()
    lut[kept] = 255
    clean = lut[crop]
    lut[kept] = 0
    return Ink(clean, _ink_box(clean, cx[keep], cy[keep], cw[keep], ch[keep]), origin)


def _ink_box(clean: np.ndarray, x: np.ndarray, y: np.ndarray, w: np.ndarray, h: np.ndarray):
    """Bounds of the kept ink: from the components' own boxes when they lie inside the crop (a
    scan of the crop's pixels costs more than everything else here), else from the pixels."""
    h_, w_ = clean.shape
    if x.size and x.min() >= 0 and y.min() >= 0 and (x + w).max() <= w_ and (y + h).max() <= h_:
        return int(x.min()), int(y.min()), int((x + w).max()), int((y + h).max())
    ys, xs = np.nonzero(clean)
    if ys.size == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _main_cluster(big: np.ndarray, st: np.ndarray, dpi: float) -> np.ndarray:
    """The glyphs that belong together: grown from the largest piece by neighbourhood. A
    speck far from the text is noise even when it is as large as a decimal point; a far piece
    as large as a real glyph (another line of text) is kept. st rows: x, y, w, h, area."""
    idx = np.flatnonzero(big)
    if len(idx) == 1:
        return big
    x0 = st[idx, 0].astype(np.float64)
    y0 = st[idx, 1].astype(np.float64)
    x1 = x0 + st[idx, 2]
    y1 = y0 + st[idx, 3]
    area = st[idx, 4]
    hmax = float((y1 - y0)[np.argsort(area)[-3:]].max())
    gap = max(dpi / 30, 1.2 * hmax)
    # neighbours of every piece at once, then grown from the seed a ring at a time
    dx = np.maximum(0, np.maximum(x0[None, :] - x1[:, None], x0[:, None] - x1[None, :]))
    dy = np.maximum(0, np.maximum(y0[None, :] - y1[:, None], y0[:, None] - y1[None, :]))
    near = (dx <= gap) & (dy <= gap * 0.8)
    member = np.zeros(len(idx), bool)
    ring = member.copy()
    ring[int(np.argmax(area))] = True
    while ring.any():
        member |= ring
        ring = near[ring].any(axis=0) & ~member
    h = y1 - y0
    member |= (area >= 0.4 * area.max()) & (area >= 60 * (dpi / 300.0) ** 2) & (h >= 0.5 * hmax)
    out = np.zeros_like(big)
    out[idx[member]] = True
    return out

def text_lines(mask: np.ndarray, dpi: float) -> list[tuple[int, int]]:
    """Row bands holding text lines (y0, y1) in a cleaned ink mask."""
    prof = (mask > 0).sum(axis=1)
    on = prof > 0
    lines = []
    y = 0
    n = len(on)
    while y < n:
        if on[y]:
            s = y
            while y < n and on[y]:
                y += 1
            lines.append([s, y])
        else:
            y += 1
    # a gap of a pixel or two inside a line (between a comma and the next row) is not a new line
    gap = max(1, int(dpi / 150))
    merged: list[list[int]] = []
    for a, b in lines:
        if merged and a - merged[-1][1] <= gap:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    split: list[tuple[int, int]] = []
    for a, b in merged:
        split.extend(_split_stacked(prof, a, b))
    # specks that make a "line" of their own are dropped
    tall = max((b - a for a, b in split), default=0)
    return [(a, b) for a, b in split if b - a >= max(2, 0.25 * tall)]


def _split_stacked(prof: np.ndarray, a: int, b: int) -> list[tuple[int, int]]:
    """A band that holds two lines whose descenders and ascenders touch (a blurred scan with
    tight line spacing) is cut in the middle of the sparse rows between two dense x-height
    zones. One line has a single dense zone; a sparse gap of a row or two ('=') is no line gap."""
    seg = prof[a:b]
    top = seg.max() if seg.size else 0
    if b - a < 8 or top == 0:
        return [(a, b)]
    dense = np.flatnonzero(seg >= 0.5 * top)
    sparse = seg <= 0.12 * top
    i = int(dense[0])
    while i < dense[-1]:
        if sparse[i]:
            j = i
            while sparse[j]:
                j += 1
            if j - i >= max(3, 0.08 * (b - a)):
                cut = a + (i + j) // 2
                return [(a, cut)] + _split_stacked(prof, cut, b)
            i = j
        i += 1
    return [(a, b)]


def gray_crop(gray: np.ndarray, ink: Ink, box: tuple[int, int, int, int], target_h: float,
              sharpen: bool = False, rules: np.ndarray | None = None) -> np.ndarray:
    """The grey page under the cleaned ink in `box` (crop coords): speckle and line remnants
    painted white, scaled so the box height is target_h, with a white border. Grey keeps the
    antialiasing that a binarised crop loses (measured: binarised crops misread 5-10x more).
    sharpen: an unsharp mask after scaling, which separates digits that blur together at
    200 dpi ('38' read '3'); measured never worse than the plain crop on month cells.
    rules: the page's ruling lines as taken out of the ink (255), painted white too: the soft
    edge kept around a glyph that touches a rule would keep a strip of the rule with it."""
    ox, oy = ink.origin
    x0, y0, x1, y1 = box
    m = 2
    sub = gray[max(0, oy + y0 - m):oy + y1 + m, max(0, ox + x0 - m):ox + x1 + m].copy()
    keep = ink.mask[max(0, y0 - m):y1 + m, max(0, x0 - m):x1 + m]
    if rules is not None and keep.shape != sub.shape:
        keep = _beside(ink.mask, (oy + y0 - m, ox + x0 - m), ink.origin, sub.shape)
    keep = cv2.dilate(keep, np.ones((3, 3), np.uint8))
    if keep.shape == sub.shape:
        # shaded header cells: lift the cell's own background to white first, or the grey halo
        # kept around each glyph becomes a frame that tesseract's threshold reads as ink
        paper = keep == 0
        bg = sub[paper]
        level = _median_u8(bg) if bg.size else 255.0
        if level < 250:
            sub = np.clip(sub.astype(np.float32) * (255.0 / max(level, 1.0)), 0, 255).astype(np.uint8)
        sub[paper] = 255            # drop speckle and line remnants, keep glyph edges soft
        if rules is not None:
            sub[rules[max(0, oy + y0 - m):oy + y1 + m, max(0, ox + x0 - m):ox + x1 + m] > 0] = 255
    h = max(1, y1 - y0)
    s = target_h / h
    if abs(s - 1) > 0.05:
        interp = cv2.INTER_CUBIC if s > 1 else cv2.INTER_AREA
        sub = cv2.resize(sub, None, fx=s, fy=s, interpolation=interp)
    if sharpen:
        soft = cv2.GaussianBlur(sub, (0, 0), 2)
        sub = cv2.addWeighted(sub, 1.8, soft, -0.8, 0)
    return cv2.copyMakeBorder(sub, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)


def _beside(mask: np.ndarray, top_left: tuple[int, int], origin: tuple[int, int],
            shape: tuple[int, int]) -> np.ndarray:
    """The part of an ink mask (page position `origin`) under a crop of `shape` at page position
    `top_left` (row, column), nothing where the mask does not reach: a crop's margin that runs
    past its cell's interior, onto the rule, holds no ink of the cell."""
    out = np.zeros(shape, np.uint8)
    r0, c0 = max(0, top_left[0]), max(0, top_left[1])
    ox, oy = origin
    a0, a1 = max(r0, oy), min(r0 + shape[0], oy + mask.shape[0])      # page rows both cover
    b0, b1 = max(c0, ox), min(c0 + shape[1], ox + mask.shape[1])      # page columns
    if a1 > a0 and b1 > b0:
        out[a0 - r0:a1 - r0, b0 - c0:b1 - c0] = mask[a0 - oy:a1 - oy, b0 - ox:b1 - ox]
    return out


def _median_u8(a: np.ndarray) -> float:
    """np.median of grey levels by counting (5-10x cheaper on a cell's few thousand pixels)."""
    cum = np.cumsum(np.bincount(a.ravel(), minlength=256))
    n = int(cum[-1])
    lo = int(np.searchsorted(cum, (n - 1) // 2, side="right"))
    hi = int(np.searchsorted(cum, n // 2, side="right"))
    return (lo + hi) / 2.0


def median(values) -> float:
    """np.median of a few numbers (a cell's glyph heights, its lines' pitches), the same value
    without numpy's machinery (6 us a call against 0.5, measured; it is asked for most cells)."""
    v = sorted(values.tolist() if isinstance(values, np.ndarray) else values)
    m = len(v) // 2
    return float(v[m]) if len(v) % 2 else (v[m - 1] + v[m]) / 2.0
