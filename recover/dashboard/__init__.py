"""The dashboard model: one block per small chart, from whatever read the page.

A dashboard page shows six or so charts side by side; each block is its month axis (the labels of
the one-line table under the chart), the label cell and the values, and the text around it
(heading, caption, title, legend ref, 'Benchmarking (REF)', the note 'All figures shown as
percentages', benchmarks). Readers hand the model tokens:

    positioned words (a text layer, OCR words, pdftotext -layout)   geometry.find_blocks
    text without positions (pdfminer, pypdf, OCR'd plain text)       stream.find_blocks

then align.align puts each value under its month and says how that was verified (positions,
count, or not at all: then the values are unreadable), and grid.to_grid makes the Grid the table
stage reads. Which indicator a block is, is recover/identify's to decide, from all of it (label,
legend, title, percent note, and the values against what other packs hold).

    grids, regions = read_positioned(words, source="pack.pdf", page=10, method="text-layer")
    grids = read_stream(lines, source="pack.txt", page=1, method="extracted-text")
"""
from __future__ import annotations

from recover.model import Box, Grid, GridMeta

from .align import align
from .grid import box_of, to_grid
from .model import Aligned, Axis, Block, Context, Placed, Token
from .settings import DEFAULT, DashboardSettings

__all__ = ["read_positioned", "read_stream", "Aligned", "Axis", "Block", "Context", "Placed", "Token",
           "DashboardSettings", "DEFAULT"]


def read_positioned(words, *, source: str, page: int, method: str, box_scale: float | None = 1.0,
                    blank_is_missing: bool = True, char_columns: bool = False, meta: GridMeta = GridMeta(),
                    settings: DashboardSettings = DEFAULT, layout=None) -> tuple[list[Grid], list[Box]]:
    """Dashboard grids of one page of positioned words (recover.layout.Word), and the region of
    each block (its text included) in PDF points, so the reader can drop what else it found
    there. blank_is_missing: a month with nothing under it printed nothing (True for a text
    layer and layout text; False for OCR, where a value may be lost). char_columns: positions are
    character columns a tool laid out line by line (pdftotext -layout: geometry.find_blocks). layout: the
    row/column model's PageLayout of the same words, when the page was read for tables first."""
    from .geometry import find_blocks
    found = find_blocks(words, box_scale=box_scale, char_columns=char_columns, settings=settings, layout=layout)
    grids = [to_grid(align(f.block, blank_is_missing, settings), source, page, method, meta, settings)
             for f in found]
    scale = box_scale if box_scale is not None else 1.0
    return grids, [box_of(f.region, scale) for f in found]


def read_stream(lines: list[str], *, source: str, page: int, method: str, first_line: int = 1,
                meta: GridMeta = GridMeta(), settings: DashboardSettings = DEFAULT) -> list[Grid]:
    """Dashboard grids of text without positions (lines of one page, numbered from first_line).
    A value may have been lost anywhere, so a month is never taken as blank."""
    from .stream import find_blocks
    return [to_grid(align(b, False, settings), source, page, method, meta, settings)
            for b in find_blocks(lines, first_line, settings)]
