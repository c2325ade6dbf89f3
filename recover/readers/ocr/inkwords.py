"""Words from the ink of a page, without OCR: where the text is, not what it says.

A scan whose ruling lines are faint, partly lost or never printed still shows where every word
sits. The page's ink components (ruling lines already taken out) are grouped into words the
way a reader's eye does it, from gaps alone:

    components -> glyphs (specks, pieces of faint rules and large shapes left out)
               -> runs: glyphs side by side on one line, however far apart
               -> the page's word space: the valley between the gaps inside words and the
                  gaps between them (fonts differ: Calibri's space is 0.23 em, Arial's 0.28)
               -> upright words: runs cut at gaps wider than that
               -> turned words: glyphs joined along the vertical axis, kept when the glyphs
                  stand one per upright word (a name printed up a narrow column); names
                  wrapped upright in 2-3 letter chunks ('Jan' 'e' 'Wh' 'itb' 'y') stay upright
                  words, since each chunk's letters sit side by side

Sizes are measured in units of the page's median glyph height, so one setting serves 200 and
300 dpi. The grouping works on the glyphs' bounding boxes (drawn and labelled once) rather
than on their pixels.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .ink import PageInk


@dataclass(frozen=True)
class WordSettings:
    """Tolerances of the grouping, in glyph heights (the median height of the page's glyphs)."""
    run_gap: float = 0.9
    """Glyphs of one line closer than this are looked at together (word spaces are 0.3-0.5)."""
    space_range: tuple[float, float] = (0.12, 0.5)
    """The page's word space is looked for between these gaps (letters 0-0.15, spaces 0.3-0.5)."""
    space_default: float = 0.3
    space_samples: int = 100
    """... and taken as this when the page has fewer gaps than that to tell."""
    turned_join: float = 0.32
    """Letters of a turned word are at most this far apart along the vertical axis."""
    min_turned_glyphs: int = 3
    """A turned word holds at least this many glyphs (shorter ones cannot tell their axis)."""
    turned_aspect: float = 1.5
    """A turned word is at least this many times taller than it is wide."""
    turned_thickness: float = 2.0
    """... and no wider than this (one line of text on its side)."""
    side_by_side: float = 0.3
    """At most this share of a turned word's glyphs have another beside them (an i-dot, a
    touching pair); upright chunks of 2-3 letters have nearly all."""
    dark: float = 0.78
    """Text has pixels darker than this share of the paper's grey; faint rules do not."""
    dark_sharp: float = 0.70
    sharp_dpi: float = 250
    """... from this many dpi up, this share: a finer scan blurs a stroke less, so text keeps
    darker pixels (under 0.65 of the paper, most glyphs under 0.45: 10 pages of six looks of
    both producers at 300 dpi) and a hairline's darkest, where two cross or a piece thickens,
    stay light (0.75-0.95; LibreOffice's hairlines 0.76-0.78 at the crossings on pages of two
    packs: 0.78 let them through as words, which ended a table's body under its months). At
    200 dpi text's thin strokes reach 0.70 and the one setting stays."""
    remnant: float = 1.3
    """A piece at least this long ..."""
    remnant_aspect: float = 7.0
    """... and this many times longer than thick is a piece of a ruling line, not a glyph."""
    crossing: float = 2.0
    crossing_fill: float = 0.15
    """A piece this many glyph heights long (taller or wider than any glyph) whose ink fills
    less than this share of its box is where two faint rules cross (or meet in a corner): the
    strokes of both, a pixel or two thick, as dark as text where they overlap. Glyphs of that
    size do not exist in a table's text, and a stroke of text fills 0.2 of its box or more."""
    max_glyph: float = 4.0
    """A component taller than this is not text (a chart, a box, a filled cell's edge)."""
    min_glyph_area: float = 0.05
    min_glyph: float = 0.35
    """... and one of less area than this (times the glyph height squared), or shorter than
    this, is a speck or a mark: points, commas and i-dots join their word through the gaps,
    not on their own (a dash is 0.6 glyph heights long)."""
    min_word: float = 0.5
    """A word is at least this long, or a flat stroke (a dash); a lone speck is neither."""
    min_dash: float = 0.3
    """A lone dash is at least this long (0.35-0.6 glyph heights at 200 and 300 dpi)."""


DEFAULT = WordSettings()


@dataclass(frozen=True)
class InkWord:
    x0: int                 # pixels of the straightened page
    y0: int
    x1: int
    y1: int
    turn: int               # 0 upright; 3 reads along the vertical axis (direction unknown here)
    ids: np.ndarray = field(compare=False, repr=False)    # PageInk component ids

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def w(self) -> int:
        return self.x1 - self.x0

    @property
    def h(self) -> int:
        return self.y1 - self.y0


@dataclass(frozen=True)
class PageWords:
    """The words of a page and what was measured on the way (kept for the debug drawing)."""
    words: tuple[InkWord, ...]
    glyph: float                                   # median glyph height, pixels
    space: float = 0.0                             # the word space found, pixels


def glyph_height(pink: PageInk, dpi: float) -> float:
    """Median height of the components that look like letters and digits."""
    st = pink.stats[1:]
    h, w, a = st[:, 3], st[:, 2], st[:, 4]
    lo, hi = dpi * 0.025, dpi * 0.2          # 2-14 pt glyphs
    sel = (h >= lo) & (h <= hi) & (w <= 3 * h) & (a >= 0.1 * h * w)
    return float(np.median(h[sel])) if sel.any() else dpi * 0.08


def find_words(pink: PageInk, dpi: float, gray: np.ndarray | None = None,
               exclude: list[tuple[int, int, int, int]] = (), settings: WordSettings = DEFAULT) -> PageWords:
    """Words of the page ink, but for the ink inside the `exclude` boxes (x0, y0, x1, y1 pixels:
    tables read otherwise). With the grey page, ink no darker than a faint rule is left out."""
    g = glyph_height(pink, dpi)
    faint = _faint(pink, gray, settings, dpi)
    ids, boxes, glyph = _glyphs(pink, dpi, g, exclude, settings, faint)
    if not glyph.any():
        return PageWords((), g)
    shape = pink.labels.shape
    runs = _joined(boxes, shape, int(round(settings.run_gap * g)), horizontal=True)
    space = _word_space(boxes, runs, g, settings)
    hword = _split(boxes, runs, space, axis=0)
    vblob = _joined(boxes, shape, int(round(settings.turned_join * g)), horizontal=False)
    turned = _turned(boxes, glyph, vblob, g, settings)
    words: list[InkWord] = []
    for members in _groups(_split(boxes, vblob, space, axis=1), turned):
        words.append(_word(ids[members], boxes[members], 3))
    for members in _groups(hword, ~turned):
        wd = _word(ids[members], boxes[members], 0)
        # a printed dash is black; a faint speck of that size is what a scan kept of a hairline
        dash = wd.w >= settings.min_dash * g and wd.w >= 1.4 * wd.h and \
            (faint is None or not faint[wd.ids - 1].all())
        if dash or (glyph[members].any() and max(wd.w, wd.h) >= settings.min_word * g):
            words.append(wd)                                  # a speck alone is no word
    words.sort(key=lambda wd: (wd.y0, wd.x0))
    return PageWords(tuple(words), g, space)


def _faint(pink: PageInk, gray: np.ndarray | None, st: WordSettings, dpi: float = 0.0) -> np.ndarray | None:
    """Components without one pixel darker than `dark` of the paper's grey: what a scan keeps
    of a hairline or light-grey rule (text is black: its darkest pixels are under 0.45 of the
    paper in these scans, thin strokes of a digit at 200 dpi under 0.7, a hairline over 0.75)."""
    if gray is None:
        return None
    paper = float(np.median(gray[::8, ::8]))
    share = st.dark_sharp if dpi >= st.sharp_dpi else st.dark
    dark = pink.labels[gray < share * paper]
    return np.bincount(dark.ravel(), minlength=len(pink.stats))[1:] == 0


def _glyphs(pink: PageInk, dpi: float, g: float, exclude, st: WordSettings, faint=None):
    """(component ids, their boxes x0 y0 x1 y1, which are glyphs rather than marks) of the
    components that may be text."""
    ids = np.arange(1, len(pink.stats))
    x, y, w, h, a = (pink.stats[1:, k] for k in range(5))
    keep = (h <= st.max_glyph * g) & (w <= 12 * st.max_glyph * g)
    thin, long = np.minimum(w, h), np.maximum(w, h)
    if faint is not None:        # a faint stroke is a piece of a rule; a faint dot is a blurred point
        keep &= ~(faint & ((long >= 3 * thin) | (long >= st.min_glyph * g)))
    # pieces of ruling lines the line finder missed (faint rules break into dashes): longer
    # than a glyph and far thinner; a dash or a '1' is shorter or thicker
    keep &= ~((long >= st.remnant * g) & (thin * st.remnant_aspect <= long))
    keep &= ~((long >= st.crossing * g) & (a <= st.crossing_fill * w * h))
    cx, cy = pink.cx[1:], pink.cy[1:]
    for rx0, ry0, rx1, ry1 in exclude:
        keep &= ~((cx >= rx0) & (cx < rx1) & (cy >= ry0) & (cy < ry1))
    big = keep & (a >= st.min_glyph_area * g * g) & (long >= st.min_glyph * g)
    sel = big | (keep & (a >= 2))     # marks join their word through the gaps
    boxes = np.stack([x[sel], y[sel], x[sel] + w[sel], y[sel] + h[sel]], axis=1)
    return ids[sel], boxes, big[sel]


def _word(ids: np.ndarray, boxes: np.ndarray, turn: int) -> InkWord:
    return InkWord(int(boxes[:, 0].min()), int(boxes[:, 1].min()), int(boxes[:, 2].max()),
                   int(boxes[:, 3].max()), turn, ids)


def _gaps(boxes: np.ndarray, group: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """(order, gap before each box in that order): boxes sorted by group, then along the axis;
    the gap is from the furthest reach of the group's earlier boxes (inf at a group's start)."""
    order = np.lexsort((boxes[:, axis], group))
    g = group[order]
    lo, hi = boxes[order, axis].astype(np.float64), boxes[order, axis + 2].astype(np.float64)
    big = float(boxes[:, axis + 2].max()) + 1.0
    reach = np.maximum.accumulate(hi + g * big) - g * big     # running max, restarted per group
    gap = np.full(len(order), np.inf)
    same = g[1:] == g[:-1]
    gap[1:][same] = (lo[1:] - reach[:-1])[same]
    return order, gap


def _word_space(boxes: np.ndarray, runs: np.ndarray, g: float, st: WordSettings) -> float:
    """The gap that parts words on this page: the emptiest gap width between the peak of the
    gaps inside words and the peak of the gaps between them (the histogram of a page's gaps
    has both: at 300 dpi letters 1-4 px apart and words 9-11)."""
    _, gap = _gaps(boxes, runs, 0)
    gaps = gap[np.isfinite(gap) & (gap >= 0)].astype(int)
    lo, hi = int(np.floor(st.space_range[0] * g)), int(np.ceil(st.space_range[1] * g))
    if gaps.size < st.space_samples:
        return st.space_default * g
    hist = np.bincount(gaps, minlength=3 * hi + 2)[: 3 * hi + 2].astype(float)
    p1 = int(np.argmax(hist[: max(lo, hi // 2) + 1]))            # letters
    start = p1 + max(2, int(np.ceil(st.space_range[0] * g)))
    # the word spaces' peak is a peak of its own, higher than the gap width before it: the
    # letters' peak falls off slowly where letters are bold (200 dpi headers: gaps of 1-3 px
    # outnumber the word spaces of 5-7), and its tail's first bin is no word space
    rises = [i for i in range(start, len(hist)) if hist[i] > hist[i - 1]]
    if not rises:
        return st.space_default * g
    p2 = max(rises, key=lambda i: hist[i])                       # word spaces
    between = hist[p1 + 1:p2]
    if between.size == 0:
        return st.space_default * g
    low = np.flatnonzero(between == between.min())
    valley = p1 + 1 + int(low[len(low) // 2])        # the middle of the emptiest stretch
    return float(min(max(valley, lo), hi))


def _split(boxes: np.ndarray, group: np.ndarray, space: float, axis: int) -> np.ndarray:
    """Groups cut wherever a gap along the axis is wider than `space`: new group ids."""
    order, gap = _gaps(boxes, group, axis)
    new = np.cumsum(~(gap <= space))          # a group's start (inf) or a wide gap opens one
    out = np.empty(len(order), np.int64)
    out[order] = new
    return out


def _joined(boxes: np.ndarray, shape: tuple[int, int], gap: int, horizontal: bool) -> np.ndarray:
    """Group id of every box: boxes whose gap along one axis is at most about `gap` pixels (and
    that overlap on the other) share a group. Each box is drawn filled, grown by half the gap
    along that axis and rounded inwards on the other (so that lines of text a pixel apart stay
    apart), and labelled once: at full size for lines (they can be a pixel apart), at half size
    for the letters of turned words."""
    s = 1 if horizontal else 2        # lines of text can be a pixel apart: full size for them
    h, w = (shape[0] + s - 1) // s, (shape[1] + s - 1) // s
    mask = np.zeros((h, w), np.uint8)
    grow = (gap + 1) / 2
    lo = np.ceil(boxes[:, :2] / s).astype(int)            # inwards: first and last whole
    hi = np.floor((boxes[:, 2:] - 1) / s).astype(int)     # pixel inside the box
    mid = (boxes[:, :2] + boxes[:, 2:] - 1) // (2 * s)
    lo, hi = np.where(lo > hi, mid, lo), np.where(lo > hi, mid, hi)
    k = 0 if horizontal else 1
    lo[:, k] = np.floor((boxes[:, k] - grow) / s)
    hi[:, k] = np.floor((boxes[:, k + 2] - 1 + grow) / s)
    for (x0, y0), (x1, y1) in zip(lo.tolist(), hi.tolist()):
        cv2.rectangle(mask, (x0, y0), (x1, y1), 255, -1)
    _, labels = cv2.connectedComponents(mask, connectivity=4, ltype=cv2.CV_32S)
    at = np.clip((lo + hi) // 2, 0, [w - 1, h - 1])          # a pixel of each box's own drawing
    return labels[at[:, 1], at[:, 0]].astype(np.int64)


def _groups(group: np.ndarray, where: np.ndarray):
    """Indices of the boxes of each group, for the boxes where `where` holds."""
    idx = np.flatnonzero(where)
    if idx.size == 0:
        return
    order = idx[np.argsort(group[idx], kind="stable")]
    b = group[order]
    starts = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    for s, e in zip(starts, np.r_[starts[1:], b.size]):
        yield order[s:e]


def _turned(boxes: np.ndarray, glyph: np.ndarray, vblob: np.ndarray, g: float,
            st: WordSettings) -> np.ndarray:
    """Which boxes belong to turned words: vertical groups that are tall, one line thick, of
    several glyphs, with few glyphs side by side (an upright word's letters share a line and
    follow each other along it; a turned word's follow each other down the column)."""
    out = np.zeros(len(boxes), bool)
    for m in _groups(vblob, np.ones(len(boxes), bool)):
        big = m[glyph[m]]
        if big.size < st.min_turned_glyphs:
            continue
        bx = boxes[big]
        bw = bx[:, 2].max() - bx[:, 0].min()
        bh = bx[:, 3].max() - bx[:, 1].min()
        if bh < st.turned_aspect * bw or bw > st.turned_thickness * g:
            continue
        if _side_by_side(boxes[big]) <= st.side_by_side:
            out[m] = True
    return out


def _side_by_side(b: np.ndarray) -> float:
    """Share of the boxes with a neighbour beside them: apart along x, overlapping along y by
    half the smaller height."""
    x0, y0, x1, y1 = (b[:, k][:, None] for k in range(4))
    apart = (x1 <= x0.T) | (x1.T <= x0)
    over = np.minimum(y1, y1.T) - np.maximum(y0, y0.T)
    both = apart & (over >= 0.5 * np.minimum(y1 - y0, (y1 - y0).T))
    return float(both.any(axis=1).mean())
