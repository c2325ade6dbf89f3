"""An OCR'd table's month values against the arithmetic its rows print about themselves.

Tesseract's word confidence says how sure it is of the glyphs, not whether they are the printed
ones: it reads '47%' for '4.7%' (a lost point), '7' for '77' (a digit lost in a shaded cell) or
'1368' for '1358' at 80-90%. The row's own % changes, 12-month average and maximum
(recover/printed/arithmetic.py, through checks.run_checks as the other extracted-text readers use
it) are the evidence that holds: a month a failing check involves becomes unreadable (its text is
kept for the reviewer), since OCR'd text has no second reading to fall back on. Months no check
involves keep tesseract's confidence; a check that passes vouches for nothing it did not test.
"""
from __future__ import annotations

from dataclasses import replace

from recover.model import Grid
from recover.printed.months import parse_month
from recover.printed.roles import Role, change_basis, classify

from .checks import run_checks
from .settings import CONF

CHECKED = (Role.PCT_PREV, Role.PCT_YEAR, Role.AVG12, Role.MAX12)


def verify_rows(grid: Grid) -> Grid:
    """`grid` (row 0 its header) with every month cell a failing check involves made unreadable."""
    if grid.kind != "table":
        return grid
    rows = grid.rows()
    if not rows:
        return grid
    header = {c.col: c.text for c in rows[0]}
    months = sorted((c for c, t in header.items() if parse_month(t)), key=lambda c: parse_month(header[c]))
    if len(months) < 2:
        return grid
    last = parse_month(header[months[-1]])
    tail: dict[str, int] = {}
    for col, text in header.items():
        role = classify(text)
        if role is Role.PCT:
            role = change_basis(text, last)
        if role in CHECKED and role.value not in tail:
            tail[role.value] = col
    if not tail:
        return grid
    doubt: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows[1:], start=1):
        by_col = {c.col: c.text for c in cells}
        checks = run_checks([by_col.get(c, "") for c in months],
                            {role: by_col.get(col, "") for role, col in tail.items()})
        for ch in checks:
            if ch.result == "fail":
                doubt |= {(r, months[i]) for i in ch.cells}
        if not any(ch.result == "pass" for ch in checks):
            doubt |= {(r, c) for c in months}
    if not doubt:
        return grid
    cells = tuple(replace(c, conf=min(c.conf, CONF.ambiguous)) if (c.row, c.col) in doubt and c.text.strip()
                  else c for c in grid.cells)
    return replace(grid, cells=cells)


__all__ = ["verify_rows"]
