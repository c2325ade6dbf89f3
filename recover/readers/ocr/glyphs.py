"""Looking at one cell's glyphs before (and instead of) OCR.

Tesseract returns nothing for a lone '-', reads arrows and triangles as letters ('T', 'A',
'v'), and drops points and minus signs. Empty cells, dashes, arrows, triangles and bullets are
decided here from the shape of the ink; the ink also checks what tesseract says about a value
(points and commas seen, full-height glyphs counted and measured, a leading minus).
"""
from __future__ import annotations

import cv2
import numpy as np

from .ink import Ink, median

def is_dash(ink: Ink, dpi: float) -> bool:
    """A lone dash/en-dash: one flat stroke. Tesseract returns nothing for it, so decide here."""
    if ink.empty:
        return False
    sub = ink.mask[ink.box[1]:ink.box[3], ink.box[0]:ink.box[2]]
    n, st = ink.cc()
    if n != 2:
        return False
    # specks glued to the stroke make it look taller: measure it after a small opening
    opened = cv2.morphologyEx(sub, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    if opened.any():
        ys, xs = np.nonzero(opened)
        h = int(ys.max() - ys.min() + 1)
        fill = float((opened > 0).sum()) / (h * int(xs.max() - xs.min() + 1))
        w = ink.w
    else:
        h, w, fill = ink.h, ink.w, float((sub > 0).sum()) / max(1, ink.h * ink.w)
    return h <= max(3, dpi * 0.03) and w >= 1.1 * h and dpi * 0.02 <= w <= dpi * 0.15 and fill >= 0.6


def is_rotated_text(ink: Ink, dpi: float) -> bool | None:
    """True when the ink reads along the vertical axis (a name turned 90 degrees), False when
    it reads along the horizontal; None when one glyph cannot tell."""
    if ink.empty:
        return None
    sub = ink.mask[ink.box[1]:ink.box[3], ink.box[0]:ink.box[2]]
    k = max(3, int(dpi / 50))
    nh = _count(cv2.morphologyEx(sub, cv2.MORPH_CLOSE, np.ones((1, k), np.uint8)))
    nv = _count(cv2.morphologyEx(sub, cv2.MORPH_CLOSE, np.ones((k, 1), np.uint8)))
    if ink.h > 2.5 * ink.w and ink.h > dpi * 0.2:
        return True
    if ink.w > 2.5 * ink.h and ink.w > dpi * 0.2:
        return False
    if nh == nv:
        return None
    return nv < nh


def _count(mask: np.ndarray) -> int:
    n, _, st, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return int((st[1:, cv2.CC_STAT_AREA] >= 4).sum())


def punctuation(ink: Ink) -> tuple[int, int] | None:
    """(points, commas) seen in the ink of a one-line value: small blobs at the baseline
    (a comma reaches below it). Tesseract drops decimal points at small sizes ('4.4%' -> '44%'),
    so a read that disagrees with this count is not trusted. None when the line is unclear."""
    if ink.empty:
        return None
    n, st = ink.cc()
    if n < 2:
        return None
    comps = st[1:]
    hs = comps[:, cv2.CC_STAT_HEIGHT]
    big_h = float(hs.max())
    if big_h < 6:
        return None
    tall = comps[hs >= 0.6 * big_h]
    base = median(tall[:, cv2.CC_STAT_TOP] + tall[:, cv2.CC_STAT_HEIGHT])
    # the text's own height (digits), not a comma's tail
    cap = median(tall[:, cv2.CC_STAT_HEIGHT])
    spans = [(int(t[0]), int(t[0] + t[2])) for t in tall]
    points = commas = 0
    for x, y, w, h, a in comps:
        if h > 0.45 * cap or w > 0.3 * cap:
            continue
        if any(a0 < x + w / 2 < a1 for a0, a1 in spans):
            continue                 # inside a glyph's columns: a piece the scan broke off it
            # (the foot of a '%' slash), not a point: points stand between glyphs
        bottom = y + h
        if y + h / 2 < base - 0.3 * cap:
            continue                 # high up: not a point or comma (speck, i-dot)
        if bottom - base >= 0.08 * cap and h >= 0.28 * cap:
            commas += 1
        elif abs(bottom - base) <= 0.12 * cap:
            points += 1
    return points, commas


def tall_glyphs(ink: Ink) -> int:
    """How many separate full-height glyphs the ink holds (digits, the slash of a '%').
    Glyphs fuse at low resolution but never split, so a read with fewer characters than this
    has dropped one ('38' read '3')."""
    return len(tall_glyph_widths(ink))


def tall_glyph_widths(ink: Ink) -> list[int]:
    """Widths of the separate full-height glyphs, left to right."""
    return [int(s[2]) for s in tall_pieces(ink)]


def tall_pieces(ink: Ink) -> list[list[int]]:
    """The separate full-height glyphs (x, y, w, h, area inside the ink box), left to right."""
    if ink.empty:
        return []
    H = ink.box[3] - ink.box[1]
    return [s for s in glyph_pieces(ink) if s[3] >= 0.75 * H and s[4] >= 0.05 * H * H]


STACKED_OVERLAP = 0.6   # two short pieces, one above the other, sharing this much of the narrower's width ...
STACKED_WIDTH = 0.5     # ... and each at least this wide against the other, are one glyph


def glyph_pieces(ink: Ink) -> list[list[int]]:
    """The ink's components (x, y, w, h, area; left to right), a glyph the scan broke across
    its height taken whole: at 200 dpi a thin stroke of a '9', '5' or '3' breaks, and its two
    pieces (10 and 3 px of a 15 px digit) are no full-height glyph, so a read of '1309' held
    more digits than the glyphs seen and was taken for an invented one, however many reads
    agreed. Only short pieces stacked over the same columns join: a point beside or under a
    digit is far narrower, the circles of a '%' stand apart, a '%' slash is whole."""
    n, st = ink.cc()
    H = ink.box[3] - ink.box[1]
    pieces = sorted(st[1:].tolist(), key=lambda s: s[0])
    out: list[list[int]] = []
    for s in pieces:
        j = next((k for k, o in enumerate(out) if _stacked(o, s, H)), None)
        if j is None:
            out.append(list(s))
            continue
        o = out[j]
        x0, y0 = min(o[0], s[0]), min(o[1], s[1])
        x1, y1 = max(o[0] + o[2], s[0] + s[2]), max(o[1] + o[3], s[1] + s[3])
        out[j] = [x0, y0, x1 - x0, y1 - y0, o[4] + s[4]]
    return sorted(out, key=lambda s: s[0])


def _stacked(a, b, H: int) -> bool:
    if a[3] >= 0.75 * H or b[3] >= 0.75 * H:
        return False
    over = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    narrow, wide = min(a[2], b[2]), max(a[2], b[2])
    apart = max(a[1], b[1]) - min(a[1] + a[3], b[1] + b[3])      # the vertical gap between them
    return narrow >= STACKED_WIDTH * wide and over >= STACKED_OVERLAP * narrow and apart <= 0.2 * H


def fused_point_suspect(ink: Ink) -> bool:
    """A full-height glyph much wider than the cell's other digits: at 200 dpi a decimal point
    fuses with the digit before it ('8.8%' has pieces 12, 8 and 13 px wide), and tesseract then
    reads '88%'. Digits are tabular in these fonts, so one digit is never 1.35x another
    (narrow '1's aside, which are not compared)."""
    if ink.empty:
        return False
    x0, y0, x1, y1 = ink.box
    sub = ink.mask[y0:y1, x0:x1]
    n, st = ink.cc()
    H = y1 - y0
    comps = sorted((s for s in st[1:] if s[3] >= 0.75 * H), key=lambda s: s[0])
    if len(comps) < 3:
        return False
    # the last piece may be a '%'; a '1' is narrow, or one stem with a flag and a foot
    digits = [s[2] for s in comps[:-1] if s[2] >= 0.45 * H and not is_one(sub, s)]
    if len(digits) < 2:
        return False
    return max(digits) >= 1.35 * min(digits)


ONE_STEM = 0.25         # a '1' is one upright stem this thin (x its height) ...
ONE_BAND = (0.35, 0.8)  # ... in these rows (between its flag and its foot) ...
ONE_DRIFT = 0.06        # ... whose centre moves no more than this (x its height; a '7' slants)
ONE_FOOT = 0.75         # ... on a foot this wide (x its width)


def is_one(sub: np.ndarray, s) -> bool:
    """A full-height piece that is one straight upright stem between its flag and its foot: a
    '1', however wide these make it (Calibri's and Times' '1' are as wide as a narrow digit at
    200 dpi; Arial's is a bare stem, narrow enough to be left out anyway). A '7' slants and ends
    in a narrow stroke; other digits have two strokes or a bar somewhere in those rows."""
    x, y, w, h = (int(v) for v in s[:4])
    rows = sub[y + int(np.ceil(ONE_BAND[0] * h)):y + int(ONE_BAND[1] * h), x:x + w] > 0
    if rows.shape[0] < 3 or not rows.any(axis=1).all():
        return False
    first = rows.argmax(axis=1)
    last = w - 1 - rows[:, ::-1].argmax(axis=1)
    centre = (first + last) / 2
    if (last - first + 1).max() > max(3, ONE_STEM * h) or np.ptp(centre) > max(1.0, ONE_DRIFT * h):
        return False
    # and it stands on a foot as wide as itself: a small '7' can look upright in those rows, but
    # ends in a narrow stroke (a '1' without a foot is narrow, and never counted as a digit)
    foot = sub[y + h - 2:y + h, x:x + w] > 0
    cols = np.flatnonzero(foot.any(axis=0))
    return bool(cols.size and cols[-1] - cols[0] + 1 >= ONE_FOOT * w)


POINT_PITCH = 0.95      # digit centres this far apart (x the digit height) hold a point between them
PAIR_WIDTH = 0.95       # a piece wider than this (x the digit height) is two digits that touch
HALF_DIGIT = 0.3        # half a digit's ink width (x the digit height)


def wide_pitch_suspect(ink: Ink) -> bool:
    """Two neighbouring digits whose centres stand further apart than one digit's advance: the
    point between them was lost ('8.8%' read '88%', '1.4' read '14'). Digits are tabular in
    these faces, so their centres step by one advance (0.77-0.87 x the digit height in Arial,
    Calibri and DejaVu; measured 0.65-0.89 on scans at 200 dpi) and a point adds 0.38-0.42 more
    (measured 1.03-1.21; a 200 dpi scan's blur adds a pixel or two to the height, and a lost point
    measured 0.96 in DejaVu Sans Condensed). A centre sits mid-advance whatever the glyph's ink,
    so a '1', whose ink leaves wide gaps beside it, steps like any digit: gaps between inks said a
    point was lost in '21' and '215' and missed the one in '1.4'. The slash of a '%' is not
    compared; in a piece of digits that touch ('3%' fused at 200 dpi) the first and last digit's
    centres are taken half a digit in from its edges. (A bold face's wider digits, 0.92, come
    close to the threshold.)"""
    if ink.empty:
        return False
    H = ink.h
    comps = glyph_pieces(ink)
    tall = sorted((s for s in comps if s[3] >= 0.75 * H), key=lambda s: s[0])
    if len(tall) < 2:
        return False
    small = [s for s in comps if s[3] < 0.75 * H]
    height = median([s[3] for s in tall])

    def slash(t) -> bool:      # the slash of a '%' amid its circles
        return any(min(t[0] + t[2], s[0] + s[2]) - max(t[0], s[0]) > 0.3 * s[2] for s in small)

    def centre(t, first: bool) -> float:
        # a piece wider than a digit holds several that touch ('3%' fused): the centre of its
        # first (or last) digit is half a digit's ink in from its edge
        if t[2] <= PAIR_WIDTH * height:
            return t[0] + t[2] / 2
        return t[0] + HALF_DIGIT * height if first else t[0] + t[2] - HALF_DIGIT * height
    for a, b in zip(tall, tall[1:]):
        if slash(a) or slash(b):
            continue
        if any(a[0] + a[2] <= s[0] + s[2] / 2 <= b[0] for s in small):
            continue                     # something between them (a point seen, a comma)
        if (centre(b, True) - centre(a, False)) / height >= POINT_PITCH:
            return True
    return False


def solid_mark(ink: Ink) -> str | None:
    """A lone filled triangle or bullet (the direction-of-travel '▲'/'▼', a '•' flag): tesseract
    reads them as 'A', 'v', 'te'; their shape says which they are."""
    if ink.empty:
        return None
    x0, y0, x1, y1 = ink.box
    sub = ink.mask[y0:y1, x0:x1]
    n, st = ink.cc()
    h, w = y1 - y0, x1 - x0
    if n != 2 or h < 5 or not 0.6 <= w / h <= 1.7:
        return None
    fill = float((sub > 0).sum()) / (h * w)
    # a solid shape has no hole: filling it changes nothing
    filled = sub.copy()
    cnts, _ = cv2.findContours(sub, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(filled, cnts, -1, 255, -1)
    if (filled > 0).sum() > 1.1 * (sub > 0).sum():
        return None
    # symmetric about the vertical axis (a 'P' whose bowl filled in at 200 dpi is not)
    xs = np.nonzero(sub)[1]
    if abs(xs.mean() - (w - 1) / 2) > 0.08 * w:
        return None
    if fill >= 0.68 and 0.75 <= w / h <= 1.3:
        return "•"
    if 0.35 <= fill <= 0.65:
        widths = (sub > 0).sum(axis=1)
        k = max(1, h // 3)
        top, bottom = widths[:k].mean(), widths[-k:].mean()

        def centred(rows: np.ndarray) -> bool:     # a triangle's tip is in the middle
            cols = np.nonzero(rows)[1]
            return cols.size > 0 and abs(cols.mean() - (w - 1) / 2) <= 0.12 * w
        if bottom > 1.8 * top and centred(sub[:k]):
            return "▲"
        if top > 1.8 * bottom and centred(sub[-k:]):
            return "▼"
    return None


def starts_with_minus(ink: Ink) -> bool:
    """The leftmost glyph is a short flat bar at mid-height: a minus sign (which tesseract
    sometimes drops: '-8%' read '8%')."""
    if ink.empty:
        return False
    x0, y0, x1, y1 = ink.box
    sub = ink.mask[y0:y1, x0:x1]
    n, st = ink.cc()
    if n < 3:
        return False
    H = y1 - y0
    first = st[1 + int(np.argmin(st[1:, 0]))]
    x, y, w, h, _ = first
    mid = y + h / 2
    if h <= 0.35 * H and h <= w <= 0.8 * H and 0.3 * H <= mid <= 0.75 * H:
        return True
    # a minus glued to the digit after it (200 dpi, or blur): the glyph starts with a run of
    # columns holding only a thin bar at mid-height, longer than any digit's own serif or bar
    run, top, bot = 0, H, 0
    for cx in range(x, x + w):
        rows = np.flatnonzero(sub[:, cx])
        if rows.size == 0 or rows[-1] - rows[0] + 1 > 0.3 * H:
            break
        run += 1
        top, bot = min(top, rows[0]), max(bot, rows[-1])
    return bool(run >= 0.3 * H and run < w and 0.35 * H <= (top + bot) / 2 <= 0.65 * H)


def leading_mark(ink: Ink) -> tuple[str, tuple[int, int, int, int]] | None:
    """A direction arrow (or dash) printed before a % change, set off by a space: '↑ 16%',
    '⇒ -5%', '- n/a'. Tesseract reads these glyphs as 'T', 'L', '+'; their shape is
    unambiguous, so they are classified here and only the rest goes to OCR.
    Returns (symbol, box of the rest in crop coordinates) or None."""
    if ink.empty:
        return None
    x0, y0, x1, y1 = ink.box
    sub = ink.mask[y0:y1, x0:x1]
    H = y1 - y0
    cols = sub.any(axis=0)
    # the first run of inked columns, and the blank gap after it
    xs = np.flatnonzero(cols)
    first_end = xs[0]
    while first_end + 1 < len(cols) and cols[first_end + 1]:
        first_end += 1
    rest = xs[xs > first_end]
    gap = int(rest[0] - first_end - 1) if rest.size else 0
    if rest.size == 0 or gap < max(2.0, 0.25 * H):
        return None
    mark = sub[:, xs[0]:first_end + 1]
    rows = np.flatnonzero(mark.any(axis=1))
    mark = mark[rows[0]:rows[-1] + 1]
    mh, mw = mark.shape
    rest_box = (x0 + int(rest[0]), y0, x1, y1)
    if mh <= max(3, 0.3 * H) and mw >= 1.3 * mh:
        return "-", rest_box
    if mh >= 1.4 * mw and mh >= 0.5 * H:
        # an arrow is set off by a word space (0.45-0.65 of the digit height, against 0.05-0.25
        # between digits) and has its wide head at one end over a stem half as wide or less
        if gap < 0.35 * H:
            return None
        widths = (mark > 0).sum(axis=1)
        head_rows = np.flatnonzero(widths >= 0.75 * mw)
        if head_rows.size < 2:
            return None
        if head_rows.max() < mh / 2 and np.median(widths[mh // 2:]) <= 0.6 * mw:
            return "↑", rest_box
        if head_rows.min() >= mh / 2 and np.median(widths[: mh // 2]) <= 0.6 * mw:
            return "↓", rest_box
        return None
    if mw >= 1.3 * mh:
        # shaft height over head height: '→' 0.33-0.50, '⇒' 0.62-0.86 (its two strokes,
        # blurred into one thick bar at 200 dpi), measured on the corpus at 200 and 300 dpi
        ext = np.array([_extent(mark[:, c]) for c in range(mw)])
        shaft = float(np.median(ext[: max(1, mw // 2)]))
        head = float(ext[-max(1, mw // 3):].max())
        return ("⇒" if shaft >= 0.56 * head else "→"), rest_box
    return None


def _extent(col: np.ndarray) -> int:
    rows = np.flatnonzero(col)
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


SEVEN_BAR_ROWS = 0.12   # the top of a digit looked at: this share of its height (at least 2 rows)
SEVEN_BAR = 0.75        # a top that spans this much of the glyph's width is a '7''s bar ...
SEVEN_FOOT = 0.5        # ... over a foot no wider than this share of it


def one_has_a_bar(ink: Ink, text: str) -> bool:
    """A '1' read on a glyph whose top is a bar across its whole width: the shape of a '7'.
    Tesseract reads the '7' of some faces as '1' at 0.8-0.9 on every look (LibreOffice's sans
    at 300 dpi: '72%' read '12%', '75' read '15'); a '1' tops out in a flag a third of its
    width (with or without a foot), a '7' in a bar across all of it, over a narrow foot. Only
    where the cell's full-height glyphs stand one to a digit ('%' last), so each '1' has its own."""
    if ink.empty or "1" not in text:
        return False
    digits = [ch for ch in text if ch.isdigit()]
    tall = tall_pieces(ink)
    if text.endswith("%") and len(tall) == len(digits) + 1:
        tall = tall[:-1]             # the '%' sign's slash
    if len(tall) != len(digits):
        return False
    x0, y0 = ink.box[0], ink.box[1]
    for ch, (x, y, w, h, _) in zip(digits, tall):
        if ch != "1" or w < 3:
            continue
        glyph = ink.mask[y0 + y:y0 + y + h, x0 + x:x0 + x + w]
        k = max(2, round(SEVEN_BAR_ROWS * h))
        # a '1''s flag blurs into a bar at 200 dpi, but then its foot is as wide: a '7' ends in
        # the narrow foot of its stroke
        if glyph[:k].any(axis=0).mean() >= SEVEN_BAR and glyph[-k:].any(axis=0).mean() <= SEVEN_FOOT:
            return True
    return False
