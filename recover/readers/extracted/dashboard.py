"""Dashboard pages: a small chart per indicator with a one-line table under it, e.g.

    Apr-17 May-17 Jun-17 ... Apr-18
    LACL3 | 11 | 10 11 | 10 12 13 12 | 12 14 14 | 14 14 13

A label (often OCR-garbled: 'LACL3' for 'LAC13') and 13 monthly values, some separated by '|'.
The chart's first value is sometimes lost; values are then aligned to the LAST months (the
pack month is always shown) and the lost first cell is marked (empty, conf <= 0.3).
"""
from __future__ import annotations

import re

from recover.model import Cell, Grid, GridMeta
from recover.printed.months import parse_month, repair_sequence
from recover.printed.numbers import DASHES, is_number_token
from recover.printed.refs import fold_label

from .build import METHOD
from .settings import CONF

WINDOW = 13
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]{1,7}(?:-[A-Za-z]{2})?(?:\s?\((?:val|%)\))?)\s*[:|]?\s+(.*)$")


def parse_dashboard_line(line: str) -> tuple[str, list[str]] | None:
    """'LACL3 | 11 | 10 11 | ...' -> ('LACL3', ['11', '10', '11', ...]); None if not one."""
    m = _LABEL.match(line.replace("\t", " "))
    if not m:
        return None
    label = m.group(1)
    if parse_month(label) or label.lower() in ("page", "item", "appendix", "total"):
        return None
    toks = [t for t in re.split(r"[\s|]+", m.group(2).strip()) if t]
    if len(toks) < 6 or not all(is_number_token(t) or t in DASHES for t in toks):
        return None
    return label, toks


def _month_line(line: str) -> list[str] | None:
    toks = [t for t in re.split(r"[\s|]+", line.strip()) if t]
    ms = [parse_month(t) for t in toks]
    if len(toks) >= 6 and sum(1 for x in ms if x) >= len(toks) - 1:
        return toks
    return None


def read_dashboards(lines: list[str], source: str, first_page: int = 1) -> tuple[list[Grid], list[str]]:
    grids: list[Grid] = []
    warnings: list[str] = []
    for n, line in enumerate(lines, start=1):
        got = parse_dashboard_line(line)
        if not got:
            continue
        label, vals = got
        labels = None
        for k in (-1, -2, -3, 1, 2):
            j = n - 1 + k
            if 0 <= j < len(lines) and (lab := _month_line(lines[j])):
                labels = lab
                break
        grids.append(_grid(label, vals, labels, n, source, first_page + len(grids)))
    return grids, warnings


def _grid(label: str, vals: list[str], labels: list[str] | None, line: int, source: str,
          page: int) -> Grid:
    W = WINDOW if labels is None else max(WINDOW, len(labels)) if len(labels) >= WINDOW else len(labels)
    notes: list[str] = []
    cells: list[Cell] = []
    row = 0
    if labels is not None:
        parsed, changed = repair_sequence([parse_month(t) for t in labels[-W:]])
        cells.append(Cell(0, 0, "", None, 1.0))
        for i, t in enumerate(labels[-W:]):
            cells.append(Cell(0, 1 + i, t, None, CONF.header_repaired if i in changed else 1.0))
        row = 1
    else:
        notes.append(f"no month labels: the values are the last {W} months of the pack")
    folded = fold_label(label)
    lab_conf = 1.0 if folded == label else CONF.label_folded
    cells.append(Cell(row, 0, folded, None, lab_conf))
    n = len(vals)
    why: list[str] = []
    if n > W:
        why.append(f"more-values:{n}/{W} ambiguous")
        placed = vals[-W:]
        confs = [CONF.ambiguous] * W
    else:
        lost = W - n
        placed = [""] * lost + vals
        # One lost first value is the known failure; more lost values make the right-alignment
        # itself less certain.
        vconf = CONF.dashboard_values if lost == 0 else CONF.dashboard_lost_one if lost == 1 else \
            CONF.dashboard_lost_more
        confs = [CONF.dashboard_lost_cell] * lost + [vconf] * n
        if lost:
            why.append(f"aligned-to-last-{n}-months lost_first={lost}")
    for i, (t, c) in enumerate(zip(placed, confs)):
        cells.append(Cell(row, 1 + i, t, None, c))
    meta = GridMeta(source_kind="dashboard", window=W, row_lines=((row, line, line),),
                    header_lines=(line, line) if labels is not None else None,
                    label_printed=label if folded != label else "",
                    row_notes=((row, "; ".join(why) or "all-values-present"),), notes=tuple(notes))
    return Grid(source=source, page=page, method=METHOD, cells=tuple(cells), kind="dashboard", meta=meta)
