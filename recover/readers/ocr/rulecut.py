"""Taking a table's ruling lines out of the ink without the strokes of the glyphs that touch them.

A rule is painted out with a band around it (grid.lines_mask: its thickness and two pixels each
side, for its antialiased edge and the residual skew). A value printed flush against its cell's
rule, as LibreOffice prints its right-aligned values, has its last stroke inside that band, and
at 200 dpi the scan's blur fuses stroke and rule into one run of ink: the band took the right
stroke of a '0' (read 'c'), the right half of a '3' (read '4'), a trailing '0' altogether ('500'
read '50'). Within the band, the rule is only the pixels of the columns (rows, for a horizontal
rule) that stay inked along it, well past any glyph's height; the band's other ink that joins ink
outside the band is a glyph's and is given back. Ink in the band that joins nothing outside it (a
rule's ragged edge, a broken rule's piece) stays out as before, and so does ink that runs out of
it on both sides (a rule across it, where that rule was not seen)."""
from __future__ import annotations

import cv2
import numpy as np

from .grid import TableGrid

RUN = 0.3               # inches along a rule over which a rule pixel's column stays inked ...
INKED = 0.4             # ... this much of the way (a glyph's stroke beside the rule: its height, 0.25 at most)
PAD = 3                 # pixels outside the band in which a glyph's ink is looked for
GLYPH_PIXELS = 16       # ink given back holds at least this many pixels: a speck where two rules
                        # cross holds 1-4, a digit at 200 dpi 40-60, a dash 15 at 200 dpi (kept out
                        # as before: given back, its end on the rule read as nothing) and 28 at 300


def lines_mask_exact(tables: list[TableGrid], binary: np.ndarray, dpi: float, grow: int = 2,
                     whole: bool = False) -> np.ndarray:
    """The ruling lines of `tables` as pixels to take out of `binary` (ink 255), like
    grid.lines_mask without the glyph strokes inside it. whole: each line across its whole table,
    not only where it was seen (a faint rule breaks into pieces the finder misses)."""
    mask = np.zeros(binary.shape, np.uint8)
    run = max(9, int(round(RUN * dpi)))
    for t in tables:
        x0, y0, x1, y1 = t.bbox
        for ln in t.ys:
            for a, b in ([(x0, x1)] if whole else ln.spans):
                _cut(binary, mask, ln.pos, ln.thick, a, b, grow, run, vertical=False)
        for ln in t.xs:
            for a, b in ([(y0, y1)] if whole else ln.spans):
                _cut(binary, mask, ln.pos, ln.thick, a, b, grow, run, vertical=True)
    return mask


def _cut(binary: np.ndarray, mask: np.ndarray, pos: float, thick: float, a: int, b: int, grow: int,
         run: int, vertical: bool) -> None:
    """Paint one rule's pixels (a stretch a..b along it) into `mask`."""
    img, out = (binary.T, mask.T) if vertical else (binary, mask)
    n_across, n_along = img.shape
    half = int(np.ceil(thick / 2)) + grow
    c = int(round(pos))
    lo, hi = max(0, c - half), min(n_across, c + half + 1)           # the band, across the rule
    s0, s1 = max(0, a - grow), min(n_along, b + grow)                 # along it
    if hi <= lo or s1 <= s0:
        return
    plo, phi = max(0, lo - PAD), min(n_across, hi + PAD)
    strip = img[plo:phi, s0:s1] > 0
    band = np.zeros(strip.shape, bool)
    band[lo - plo:hi - plo] = True
    # how much of a window of `run` pixels along the rule each pixel's line is inked
    k = min(run, strip.shape[1])
    kernel = np.ones((1, k), np.float32) / k
    frac = cv2.filter2D(strip.astype(np.float32), -1, kernel, borderType=cv2.BORDER_REPLICATE)
    rule = band & strip & (frac >= INKED)
    free = (strip & ~rule).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=8)
    if n > 1:
        # a glyph touches the rule from one side; what runs out of the band on both sides
        # crosses it (another rule, where that one was not seen), and a speck is no glyph (the
        # antialiased corner where two rules cross)
        before = set(np.unique(labels[:lo - plo]).tolist())
        after = set(np.unique(labels[hi - plo:]).tolist())
        big = set(np.flatnonzero(stats[:, cv2.CC_STAT_AREA] >= GLYPH_PIXELS).tolist())
        one_side = np.array(sorted(((before ^ after) & big) - {0}), np.int32)
        glyph = np.isin(labels, one_side) & band
    else:
        glyph = np.zeros(strip.shape, bool)
    view = out[lo:hi, s0:s1]
    view[(band & ~glyph)[lo - plo:hi - plo]] = 255
