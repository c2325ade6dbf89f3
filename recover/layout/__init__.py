"""The row/column model: positioned words in, tables (Grids) out; ruling lines optional.

One model for every reader that can say where its words are: a text layer's glyphs, a
`pdftotext -layout` page (character columns, line numbers), tesseract TSV words, or words made
from a scan's ink. Columns come from the header's month labels and the other header labels,
their boundaries from the empty strips of the body's horizontal projection; rows from the lines
that hold values under the months, their tops from refs and vertical gaps. See model.py for the
chain, settings.py for every tolerance.

Entry point:

    from recover.layout import Word, read_words
    words = [Word("Apr-18", x0, y0, x1, y1), ...]        # origin top-left, y down, any unit
    result = read_words(words, source="pack.pdf", page=4, method="ocr", box_scale=72 / dpi)
    result.grids       # tuple[Grid]: header row + one row per table row (docs/grid-contract.md)
    result.layout      # PageLayout: lines, month runs, per table its labels, columns, row bands
                       # and the words of every cell (for cell crops and debug drawings)

Word.turn marks sideways writing (1 top-to-bottom, 3 bottom-to-top); Word.conf carries an OCR
engine's confidence (0-1) into the cell's conf; Word.line a text input's line number, which the
Grid reports in GridMeta.row_lines instead of boxes (box_scale=None).
"""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Grid

from .grid import to_grid
from .model import Column, PageLayout, RowBand, TableLayout, find_tables
from .settings import DEFAULT, LayoutSettings
from .words import Word, no_cycle_collection, words_from_chars, words_from_layout_text, words_from_tesseract_tsv

__all__ = ["read_words", "LayoutRead", "Word", "LayoutSettings", "PageLayout", "TableLayout", "Column",
           "RowBand", "find_tables", "words_from_chars", "words_from_layout_text",
           "words_from_tesseract_tsv"]


@dataclass(frozen=True)
class LayoutRead:
    grids: tuple[Grid, ...]
    layout: PageLayout


def read_words(words: list[Word], *, source: str, page: int, method: str,
               box_scale: float | None = 1.0, rules=None, notes: tuple[str, ...] = (),
               source_kind: str = "", settings: LayoutSettings = DEFAULT) -> LayoutRead:
    """Every table on one page of words. `rules` = (horizontal, vertical) ruling lines with
    `.pos` and `.covers(t)` when the input has them (evidence, never required)."""
    with no_cycle_collection():
        layout = find_tables(words, settings, rules)
        grids = tuple(to_grid(t, source, page, method, em=layout.scale.em, box_scale=box_scale,
                              notes=notes + ("layout=words",), source_kind=source_kind,
                              settings=settings)
                      for t in layout.tables)
    return LayoutRead(grids, layout)
