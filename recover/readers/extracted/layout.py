"""pdftotext -layout text: columns are runs of spaces. Cells are split on 2+ spaces; a cell holding
several values separated by single spaces ('1354 1323') is split again; wrapped text lines (no
values) are joined to the row above, to the column whose start position is nearest."""
from __future__ import annotations

import re

from .tabular import RawRow
from .text import month_value_like, norm

_GAP = re.compile(r"\S+(?:\s\S+)*")


def _cells(line: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"\S+(?: \S+)*", line):
        text = m.group(0)
        toks = text.split(" ")
        if len(toks) > 1 and all(month_value_like(t) and t for t in toks):
            pos = m.start()
            for t in toks:
                out.append((pos, t))
                pos += len(t) + 1
        else:
            out.append((m.start(), text))
    return out


def _value_count(cells: list[tuple[int, str]]) -> int:
    return sum(1 for _, t in cells if month_value_like(t))


def rows_from_layout(lines: list[str]) -> list[RawRow]:
    rows: list[RawRow] = []
    positions: list[list[int]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip() or "\t" in line:
            continue
        cells = _cells(line)
        if _value_count(cells) >= 3 or sum(1 for _, t in cells if re.match(r"^[A-Z][a-z]{2}-\d{2}$", t)) >= 5:
            rows.append(RawRow([t for _, t in cells], n, kind="layout"))
            positions.append([p for p, _ in cells])
            continue
        if rows and rows[-1].end == n - 1 and len(cells) <= 3:
            # A wrapped line: join each fragment to the nearest column of the row above.
            prev, pos = rows[-1], positions[-1]
            for p, t in cells:
                j = min(range(len(pos)), key=lambda k: abs(pos[k] - p))
                if month_value_like(prev.cells[j]) and prev.cells[j]:
                    continue
                prev.cells[j] = norm(prev.cells[j] + " " + t)
            prev.end = n
    return rows
