"""HTML table cells in extracted text: whole <tr> tables, or one row printed as <td> cells inside
a tab-separated file (seed 000), with the converter's 'Image: ...' alt text in front and the same
cells repeated as tabs after it."""
from __future__ import annotations

import html as _html
import re

from recover.printed.text import norm

from .tabular import TextRow

_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.I | re.S)


def cell_text(fragment: str) -> str:
    return norm(_html.unescape(_TAG.sub(" ", fragment)))


def has_cells(line: str) -> bool:
    return bool(_CELL.search(line))


def cells_from_line(line: str) -> list[str]:
    """A line holding <td> cells -> cells, keeping text before the first cell as a cell and
    dropping a tab-separated copy of the same cells after the last one."""
    first = _CELL.search(line)
    tds = [cell_text(m.group(1)) for m in _CELL.finditer(line)]
    prefix = [norm(p) for p in line[: first.start()].split("\t") if norm(p)] if first else []
    last_end = [m.end() for m in _CELL.finditer(line)][-1] if tds else 0
    suffix = [norm(p) for p in line[last_end:].split("\t")]
    while suffix and not suffix[0]:
        suffix.pop(0)
    while suffix and not suffix[-1]:
        suffix.pop()
    tail = [t for t in tds]
    while tail and not tail[-1]:
        tail.pop()
    if suffix and (suffix == tail[-len(suffix):] or _same_values(suffix, tail)):
        suffix = []
    return prefix + tds + suffix


def _same_values(a: list[str], b: list[str]) -> bool:
    na = [x for x in a if x]
    nb = [x for x in b if x]
    return len(na) >= 3 and na == nb[-len(na):]


def rows_from_html(text: str, first_line: int = 1) -> list[TextRow]:
    """<tr> rows of an HTML document (line numbers of the row's start)."""
    out = []
    for m in _ROW.finditer(text):
        line = first_line + text.count("\n", 0, m.start())
        end = first_line + text.count("\n", 0, m.end())
        cells = [cell_text(c.group(1)) for c in _CELL.finditer(m.group(1))]
        if cells:
            out.append(TextRow(cells, line, end, kind="html"))
    return out
