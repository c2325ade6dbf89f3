"""Rows of cells (from tab-separated, markdown, HTML or layout text) -> tables -> Grids.

A table starts at a header row (>= 5 month labels), possibly with a keyword line above it or a
continuation/sub-label line below it (merged into one header). Every repeated header (page
break) starts a new Grid, as the contract asks. Rows without month values (commentary blocks,
legends, prose) are not table rows.
"""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Grid, GridMeta

from .align import align_row
from .build import RowOut, make_grid
from .header import TextHeader, build_header, count_months, keyword_count
from recover.printed.cells import is_value as is_number
from recover.printed.text import norm


@dataclass
class TextRow:
    cells: list[str]
    line: int
    end: int = 0
    kind: str = "tsv"

    def __post_init__(self) -> None:
        if not self.end:
            self.end = self.line


def _numbers(cells: list[str]) -> int:
    return sum(1 for c in cells if is_number(c))


def _keyword_line(r: TextRow) -> bool:
    return count_months(r.cells) == 0 and keyword_count(r.cells) >= 2 and _numbers(r.cells) <= 2


def _sub_line(r: TextRow) -> bool:
    texts = [norm(c).lower() for c in r.cells if norm(c)]
    if not texts or _numbers(r.cells) > 2:
        return False
    if count_months(r.cells) >= 1:
        return True
    return any(k in t for t in texts for k in ("stat", "neighbour", "england", "region"))


def tables(rows: list[TextRow], source: str, first_page: int = 1, kind_note: str = "tsv"
           ) -> tuple[list[Grid], list[str]]:
    grids: list[Grid] = []
    warnings: list[str] = []
    header: TextHeader | None = None
    body: list[RowOut] = []
    skipped: list[int] = []

    def close() -> None:
        nonlocal body
        if header is not None and body:
            grids.append(make_grid(source, first_page + len(grids), header, body,
                                   meta=GridMeta(source_kind=kind_note)))
        body = []

    i = 0
    while i < len(rows):
        r = rows[i]
        if count_months(r.cells) >= 5 and _numbers(r.cells) <= 3:
            parts = [r]
            # Cell indices of two lines only correspond in cell-separated text, not in layout text.
            if i > 0 and rows[i - 1].end == r.line - 1 and _keyword_line(rows[i - 1]) and r.kind != "layout":
                parts.insert(0, rows[i - 1])
            if (i + 1 < len(rows) and rows[i + 1].line == r.end + 1 and _sub_line(rows[i + 1])
                    and r.kind != "layout"):
                parts.append(rows[i + 1])
                i += 1
            h = build_header([p.cells for p in parts], (parts[0].line, parts[-1].end))
            if h is not None:
                close()
                header = h
                i += 1
                continue
        if header is not None:
            a = align_row(r.cells, header)
            if a is not None:
                body.append(RowOut(a, r.line, r.end))
                i += 1
                continue
        if _numbers(r.cells) >= 3:
            skipped.append(r.line)
        i += 1
    close()
    if skipped:
        warnings.append(f"{len(skipped)} row(s) with numbers outside any table (lines "
                        f"{','.join(map(str, skipped[:10]))})")
    return grids, warnings
