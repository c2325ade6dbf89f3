"""Reading the words of a cell: one line at full size, wrapped lines as a block, names turned
along a narrow column turned back upright first, refs line by line."""
from __future__ import annotations

import cv2
import numpy as np

from . import glyphs
from .context import CellRead, OcrPage
from .engine import Layout
from .grid import CellBox, TableGrid
from .ink import Ink, median, text_lines

TURNED_DOUBT = 0.8     # a turned name read below this is read the other way too: the wrong way
                       # reads at 0.6-0.75
BLURRED_LINE = 0.5     # a ref line read below this is read again from a sharpened crop


def read_text_cell(ctx: OcrPage, ink: Ink, turn: "Turn | None", max_lines: int,
                   height: int | None = None) -> CellRead:
    """A cell of words: empty, a dash, a flag mark, a turned name, or lines of text."""
    if ink.empty:
        return CellRead("", 1.0)
    if glyphs.is_dash(ink, ctx.dpi):
        return CellRead("-", 0.97)
    mark = glyphs.solid_mark(ink)
    if mark:
        return CellRead(mark, 0.9)
    if turn is not None:
        return read_turned(ctx, ink, max_lines, turn)
    return read_lines(ctx, ink, max_lines, height or ctx.settings.num_height)


class Turn:
    """Which way one column's names are turned, learnt from its first cells: those are read both
    ways, the rest only the way that read better (and the other way only when that reads badly).
    A fixed first try read 'Jane Whitby' as 'Aquym euef' at confidence 0.6-0.75 in packs whose
    names run the other way."""
    LEARN = 2                # cells read both ways before the column's direction is trusted

    def __init__(self) -> None:
        self.score = {cv2.ROTATE_90_CLOCKWISE: 0.0, cv2.ROTATE_90_COUNTERCLOCKWISE: 0.0}
        self.seen = 0

    def order(self) -> list[int] | None:
        """Directions best first, or None while still learning."""
        if self.seen < self.LEARN:
            return None
        return sorted(self.score, key=lambda code: -self.score[code])

    def learn(self, reads: dict[int, CellRead]) -> None:
        if any(r.text for r in reads.values()):
            for code, r in reads.items():
                self.score[code] += r.conf
            self.seen += 1


def rotated_columns(t: TableGrid, inks: dict[CellBox, Ink], dpi: float) -> set[int]:
    """Columns whose cells mostly hold text turned 90 degrees (the Owner/Reporter names)."""
    votes: dict[int, list[bool]] = {}
    for cb, ink in inks.items():
        if cb.c0 != cb.c1 or ink.empty:
            continue
        # turned names are tall; wide ink reads along the row, and says so: without its vote a
        # value column whose only tall ink is a one-digit value (a '5' in two pieces at 200 dpi)
        # was taken for a column of turned names, and every value in it read sideways
        v = False if ink.h < 1.2 * ink.w else glyphs.is_rotated_text(ink, dpi)
        if v is not None:
            votes.setdefault(cb.c0, []).append(v)
    return {c for c, vs in votes.items() if sum(vs) > len(vs) / 2}


def header_turn(turns: dict[int, Turn], cb: CellBox) -> Turn | None:
    """A header cell of a turned column is read both ways on its own: headers are not always
    turned the way the names under them are."""
    return Turn() if cb.c0 in turns else None


def read_turned(ctx: OcrPage, ink: Ink, max_lines: int, turn: Turn) -> CellRead:
    """A name printed along a narrow column, turned back upright before it is read."""
    x0, y0, x1, y1 = ink.box
    ox, oy = ink.origin
    sub = ink.mask[y0:y1, x0:x1]
    gsub = ctx.gray[oy + y0:oy + y1, ox + x0:ox + x1]

    def read(code: int) -> CellRead:
        m, g = cv2.rotate(sub, code), cv2.rotate(gsub, code)
        upright = OcrPage(g, ctx.dpi, ctx.settings, ctx.engine, ctx.source, ctx.page)
        return read_lines(upright, Ink(m, (0, 0, m.shape[1], m.shape[0]), (0, 0)), max_lines,
                          ctx.settings.line_height)

    order = turn.order()
    if order is None:
        reads = {code: read(code) for code in turn.score}
        turn.learn(reads)
        return max(reads.values(), key=lambda r: r.conf)
    best = read(order[0])
    if best.conf < TURNED_DOUBT:
        other = read(order[1])
        best = other if other.conf > best.conf else best
    return best


def read_lines(ctx: OcrPage, ink: Ink, max_lines: int, height: int) -> CellRead:
    """Running text: one line at full size; several lines as a block at a lower scale, which
    is cheaper and plenty for matching titles and keeping commentary."""
    x0, y0, x1, y1 = ink.box
    lines = text_lines(ink.mask[y0:y1, x0:x1], ctx.dpi)
    if not lines:
        return CellRead("", 1.0)
    if len(lines) == 1:
        r = ctx.read(ink, (x0, y0 + lines[0][0], x1, y0 + lines[0][1]), height)
        text = tidy_text(r.text)
        if len(text) == 2 and text[0].lower() == text[1].lower() and glyphs.tall_glyphs(ink) == 1:
            text = text[0]          # one glyph read twice ('Pp' for a lone 'P')
        return CellRead(text, r.conf)
    cut = len(lines) > max_lines
    lines = lines[:max_lines]
    pitch = median([b - a for a, b in lines])
    ly0, ly1 = y0 + lines[0][0], y0 + lines[-1][1]
    target = ctx.settings.text_line * (ly1 - ly0) / max(pitch, 1)
    r = ctx.read(ink, (x0, ly0, x1, ly1), target, Layout.BLOCK)
    return CellRead(tidy_text(" ".join(r.text.split())), r.conf, cut)


_QUOTES = "‘’“”'\""


def tidy_text(text: str) -> str:
    """Drop an unbalanced quote mark at the start (a speck or the cell edge read as '‘')."""
    if text[:1] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
        return text[1:].lstrip()
    return text


def read_line_by_line(ctx: OcrPage, ink: Ink, max_lines: int) -> CellRead:
    """Each wrapped line on its own at full size: for short cells that matter (refs)."""
    if ink.empty:
        return CellRead("", 1.0)
    x0, y0, x1, y1 = ink.box
    parts, confs = [], []
    h = ctx.settings.num_height
    for a, b in text_lines(ink.mask[y0:y1, x0:x1], ctx.dpi)[:max_lines]:
        xs = np.nonzero(ink.mask[y0 + a:y0 + b, x0:x1].any(axis=0))[0]
        box = (x0 + int(xs.min()), y0 + a, x0 + int(xs.max()) + 1, y0 + b)
        r = ctx.read(ink, box, h)
        if r.conf < BLURRED_LINE:
            r2 = ctx.read(ink, box, h, sharpen=True)
            r = r2 if r2.conf > r.conf else r
        if r.text:
            parts.append(r.text)
            confs.append(r.conf)
    return CellRead(" ".join(parts), min(confs) if confs else 0.0)
