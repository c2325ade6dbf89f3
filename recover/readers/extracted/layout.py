"""pdftotext -layout text: columns are runs of spaces.

Cells are split on 2+ spaces; a cell holding several values separated by single spaces
('1354 1323') is split again. A blank cell leaves no text, so value cells are placed under the
month labels of the header line by their horizontal position (a blank month becomes an empty
cell). Wrapped text lines (no values) are joined to the row above, to the column whose start
position is nearest.
"""
from __future__ import annotations

import re

from recover.printed.cells import month_value_like
from recover.printed.months import parse_month
from recover.printed.text import norm

from .tabular import TextRow


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
    return sum(1 for _, t in cells if t and month_value_like(t))


def _month_spans(cells: list[tuple[int, str]]) -> list[tuple[int, int]] | None:
    spans = [(p, p + len(t)) for p, t in cells if parse_month(t)]
    return spans if len(spans) >= 5 else None


def _place(cells: list[tuple[int, str]], spans: list[tuple[int, int]]) -> list[str] | None:
    """Text cells left of the months, one cell per month label (blank when nothing sits under
    it), then the rest. None when two values claim one month (columns not trustworthy)."""
    gap = min(b[0] - a[1] for a, b in zip(spans, spans[1:])) if len(spans) > 1 else 2
    lo, hi = spans[0][0] - gap, spans[-1][1] + gap
    centres = [(a + b) / 2 for a, b in spans]
    left, right, months = [], [], [""] * len(spans)
    for p, t in cells:
        c = p + len(t) / 2
        if lo <= c <= hi and month_value_like(t) and t:
            j = min(range(len(centres)), key=lambda k: abs(centres[k] - c))
            if months[j]:
                return None
            months[j] = t
        elif c < lo:
            left.append(t)
        else:
            right.append(t)
    return left + months + right


def rows_from_layout(lines: list[str]) -> list[TextRow]:
    rows: list[TextRow] = []
    positions: list[list[int]] = []
    spans: list[tuple[int, int]] | None = None
    for n, line in enumerate(lines, start=1):
        if not line.strip() or "\t" in line:
            continue
        cells = _cells(line)
        header_spans = _month_spans(cells)
        if header_spans:
            spans = header_spans
            rows.append(TextRow([t for _, t in cells], n, kind="layout"))
            positions.append([p for p, _ in cells])
            continue
        if _value_count(cells) >= 3:
            placed = _place(cells, spans) if spans else None
            rows.append(TextRow(placed or [t for _, t in cells], n, kind="layout"))
            # Text-cell positions, for joining wrapped lines to the right column.
            positions.append([p for p, t in cells if t and not month_value_like(t)])
            continue
        if rows and rows[-1].end == n - 1 and len(cells) <= 3 and positions[-1]:
            # A wrapped line: join each fragment to the nearest text column of the row above.
            prev, pos = rows[-1], positions[-1]
            text_idx = [k for k, t in enumerate(prev.cells) if t and not month_value_like(t)]
            for p, t in cells:
                if not text_idx:
                    break
                j = min(range(min(len(text_idx), len(pos))), key=lambda k: abs(pos[k] - p))
                col = text_idx[j]
                prev.cells[col] = norm(prev.cells[col] + " " + t)
            prev.end = n
    return rows
