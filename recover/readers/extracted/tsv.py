"""Tab-separated extractions (OCR output, seeds 003 and 000; tables inside an agenda, seed 004)."""
from __future__ import annotations

from . import html
from .tabular import TextRow


def rows_from_tsv(lines: list[str]) -> list[TextRow]:
    """Every line with tab-separated cells (or <td> cells) as a TextRow; 1-based line numbers."""
    out = []
    for n, line in enumerate(lines, start=1):
        if html.has_cells(line):
            out.append(TextRow(html.cells_from_line(line), n, kind="html"))
        elif line.count("\t") >= 2:
            out.append(TextRow(line.split("\t"), n))
    return out
