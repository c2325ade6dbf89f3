"""Positioned text - pdftotext -layout text and tesseract's TSV - read page by page by the
row/column model (recover/layout).

Layout text keeps each word at a character column and each text line on a line of its own, so
its words are positioned words like a text layer's, in other units (one column per character,
one unit per line). Pages are separated by form feeds; Grids carry the source lines of every
row in their `row_lines` note instead of boxes.
"""
from __future__ import annotations

from recover.model import Grid


def read_layout_text(text: str, source: str, first_page: int = 1,
                     layouts: dict | None = None) -> tuple[list[Grid], list[str]]:
    """`text` with its form feeds kept (one page each); line numbers count from the file's top.
    layouts: a dict filled with {a page's first line: the model's PageLayout of it}, so that the
    dashboard pass reads the same pages without finding their lines again."""
    from recover.layout import read_words, words_from_layout_text   # the model imports this package's vocabulary
    from recover.layout.settings import GRID_TEXT

    from .tailroles import name_tail
    grids: list[Grid] = []
    line = 1
    for k, page in enumerate(text.split("\f")):
        lines = page.split("\n")
        words = words_from_layout_text(lines, first_line=line)
        if words:
            got = read_words(words, source=source, page=first_page + len(grids), method="extracted-text",
                             box_scale=None, source_kind="layout", notes=(f"text_page={k + 1}",),
                             settings=GRID_TEXT)
            grids.extend(name_tail(g) for g in got.grids)
            if layouts is not None:
                layouts[line] = got.layout
        line += len(lines) - 1
    return grids, []


def read_tesseract_tsv(text: str, source: str, first_page: int = 1) -> tuple[list[Grid], list[str]]:
    """Every page of a tesseract TSV extraction (its words' confidences carried to the cells)."""
    from recover.layout import read_words, words_from_tesseract_tsv

    from .ocrcheck import pack_month, verify_rows
    from .ocrwords import clean_marks, repair_month_labels
    from .tailroles import name_tail
    grids: list[Grid] = []
    for page, words in sorted(words_from_tesseract_tsv(text).items()):
        words = repair_month_labels(clean_marks(words))
        got = read_words(words, source=source, page=first_page + len(grids), method="extracted-text",
                         box_scale=None, source_kind="tesseract-tsv", notes=(f"ocr_page={page}",))
        grids.extend(got.grids)
    grids = [name_tail(g) for g in grids]
    pack = pack_month(grids)
    return [verify_rows(g, pack) for g in grids], []

