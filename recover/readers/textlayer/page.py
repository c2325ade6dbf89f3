"""One page through the steps: rules first (a page without a ruled table or month labels costs only
a character count), then characters, a sheet drawn turned is turned upright, then one Grid per
ruled table, or the row/column model's grids where rules are missing (unruled.py), and the
dashboard model's blocks where the page shows charts (dashboards.py)."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from recover.model import Grid

from .cells import grid_from_frame
from .dashboards import with_dashboards
from .frames import TableFrame, find_tables
from .geometry import Char, merge_rules, page_chars, page_segments
from .unruled import has_month_labels, layout_grids, ruled_tables_complete


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
        if not frames:
            tp = page.get_textpage()
            n = tp.count_chars()
            unruled = want_grids and n > 0 and has_month_labels(tp.get_text_range(0, n))
            tp.close()
            if not unruled:
                return TextPage(index + 1, n, n_images, "", ())
        chars = page_chars(page, height)
        turn = dominant_turn(chars)
        if turn:
            chars = page_chars(page, height, loose_turn=turn)
            chars, segs = upright(chars, segs, turn, width, height)
            frames = find_tables(*merge_rules(segs))
        grids = list(_grids_for(frames, chars, source, index + 1))
        if unruled or not ruled_tables_complete(grids, chars):
            grids = layout_grids(chars, segs, grids, source, index + 1)
        grids = with_dashboards(chars, grids, source, index + 1)
        if turn:
            grids = [replace(g, meta=replace(g.meta, rotated=90 * turn)) for g in grids]
        return TextPage(index + 1, len(chars), n_images, "", tuple(grids))
    finally:
        page.close()


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
