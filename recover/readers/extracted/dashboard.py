"""Dashboard pages of extracted text, through the dashboard model (recover/dashboard).

A dashboard page shows a small chart per indicator with a one-line table under it: 13 month
labels, then a label (often OCR-garbled: 'LACL3' for 'LAC13') and 13 values, e.g.

    Apr-17 May-17 Jun-17 ... Apr-18
    LACL3 | 11 | 10 11 | 10 12 13 12 | 12 14 14 | 14 14 13

pdftotext -layout text keeps the columns, so its pages go to the model as positioned words (each
value placed under its month label; tesseract's TSV goes to the row/column model before this, in
readers/extracted/__init__.py, dashboards included); any other text
goes to the model's stream finder (values placed by count: a row that lost a value, or gained
junk, stays unverified and is unreadable, never shifted onto the wrong months). A page that
prints a dataset table's header ('Ref.' and 'Indicator') is no dashboard page.
"""
from __future__ import annotations

import re

from recover.dashboard import read_positioned, read_stream
from recover.layout import words_from_layout_text
from recover.model import Grid
from recover.printed.months import parse_month

from .build import METHOD

MIN_MONTHS = 6          # month labels a page needs before it is searched for blocks
_DATASET_HEADER = re.compile(r"\bRef\b\.?.{0,80}\bIndicator\b", re.S)


def pages_of(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each form-feed page; a page starts on the line its form feed
    opens, as the file's lines count."""
    out, first = [], 1
    for page in text.replace("\r\n", "\n").replace("\r", "\n").split("\f"):
        lines = page.split("\n")
        out.append((first, lines))
        first += len(lines) - 1
    return out


def might_hold_blocks(lines: list[str]) -> bool:
    return sum(1 for ln in lines for t in ln.split() if parse_month(t.strip("|"))) >= MIN_MONTHS


def read_dashboards(text: str, source: str, first_page: int = 1, *, layout: bool = False,
                    layouts: dict | None = None) -> tuple[list[Grid], list[str]]:
    """The dashboard grids of an extracted text; layout: the text keeps its columns (pdftotext
    -layout), so the values are placed by position. layouts: {a page's first line: PageLayout}
    of the pages the row/column model has read (layout.read_layout_text), whose lines are reused."""
    grids: list[Grid] = []
    for first, lines in pages_of(text):
        if not might_hold_blocks(lines):
            continue
        page = first_page + len(grids)
        if layout:
            words = words_from_layout_text(lines, first)
            found, _ = read_positioned(words, source=source, page=page, method=METHOD, box_scale=None,
                                       char_columns=True, layout=(layouts or {}).get(first))
        else:
            found = read_stream(lines, source=source, page=page, method=METHOD, first_line=first)
        grids += found
    return grids, _orphans(text, grids)


_VALUE_LINE = re.compile(r"^\s*[A-Za-z][\w()%-]{1,12}\s*[:|]?(?:[\s|]+[-\d.,%]+){6,}[\s|]*$")


def _orphans(text: str, grids: list[Grid]) -> list[str]:
    """Lines of pages without a dataset table that look like a chart's label and values but belong
    to no block (no month labels above them): said, not placed on months nothing verifies."""
    used = {n for g in grids for _, a, b in g.meta.row_lines for n in range(a, b + 1)}
    out = []
    for first, lines in pages_of(text):
        if _DATASET_HEADER.search("\n".join(lines)):
            continue
        out += [f"line {n}: a label and values with no month labels above them: not read as a dashboard"
                for n, line in enumerate(lines, start=first) if n not in used and _VALUE_LINE.match(line)]
    return out


def has_dashboards(text: str, layout: bool = False) -> bool:
    return bool(read_dashboards(text, "", layout=layout)[0])
