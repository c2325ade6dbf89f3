"""Tail columns whose header label OCR damaged, named by what their cells do in every row.

A table's tail prints, beside the months, '% change from previous month', '% change from same
month prev. yr', the 12-month average and the 12-month maximum. OCR reads those wrapped header
labels in pieces or beyond any keyword ('Dae' for '12 month average', 'Ae-month' or 'maxvalue' for
'12-month max value', 'previous month' without its '% change from'), on every scanned renderer;
without the roles no row of the page has a check, and every month of it is unreadable
(ocrcheck.verify_rows). The cells say what the label lost: the column whose value is the
12-month average of the row's months, row after row, is the average. So each role the labels do
not name is tried on every tail column the labels leave unnamed, with the row's own checks
(checks.run_checks, the same rule the rows are verified by); a column takes the role when the
check holds in at least MIN_ROWS rows and in at least MIN_SHARE of the rows where it can be
decided, best-supported pairs first, one role per column. The label is rewritten to the role's
own words at header_repaired confidence, and GridMeta.notes says so: the table stage and
reconciliation then read the column as they read a printed one, and each row is still checked
on its own.
"""
from __future__ import annotations

from dataclasses import replace

from recover.model import Grid
from recover.printed.headers import header_months
from recover.printed.roles import Role, role_of

from .checks import run_checks
from .settings import CONF

MIN_ROWS = 3        # rows whose check holds before a column is given a role by its cells
MIN_SHARE = 0.6     # of the rows where the check passes or fails
LABEL = {Role.PCT_PREV: "% change from previous month", Role.PCT_YEAR: "% change from same month prev. yr",
         Role.AVG12: "12 month average", Role.MAX12: "12-month max value"}
UNNAMED = frozenset({Role.OTHER, Role.PCT})   # labels that leave a column free to take a role


def header_roles(header: dict[int, str], last: str) -> dict[int, Role]:
    """{col: role} of a header row (printed.roles.role_of)."""
    return {col: role_of(text, last) for col, text in header.items()}


def name_tail(grid: Grid) -> Grid:
    """`grid` with the tail roles its labels lost named from its rows' arithmetic (module doc)."""
    rows = grid.rows()
    if grid.kind != "table" or len(rows) < MIN_ROWS + 1:
        return grid
    header = {c.col: c.text for c in rows[0]}
    named = header_months(list(header.items()))
    months = sorted(named, key=named.get)
    if len(months) < 2:
        return grid
    roles = header_roles(header, named[months[-1]])
    missing = [r for r in LABEL if r not in roles.values()]
    free = [c for c in sorted(header) if c > months[-1] and roles[c] in UNNAMED and c not in named]
    if not missing or not free:
        return grid
    ranked = sorted(((p, role, col) for role in missing for col in free
                      for p in [support(rows[1:], months, role, col)] if p), reverse=True)
    given: dict[int, Role] = {}
    for _, role, col in ranked:
        if role not in given.values() and col not in given:
            given[col] = role
    if not given:
        return grid
    cells = tuple(replace(c, text=LABEL[given[c.col]], conf=min(c.conf, CONF.header_repaired))
                  if c.row == 0 and c.col in given else c for c in grid.cells)
    notes = tuple(f"tail {role.value} from arithmetic: col {col} ('{header[col]}')" for col, role in given.items())
    return replace(grid, cells=cells, meta=replace(grid.meta, notes=grid.meta.notes + notes))


def support(rows, months: list[int], role: Role, col: int) -> int:
    """Rows whose check of `role` holds with column `col` as its printed figure; 0 when that is
    fewer than MIN_ROWS or less than MIN_SHARE of the rows it decides."""
    passed = failed = 0
    for cells in rows:
        by_col = {c.col: c.text for c in cells}
        if not by_col.get(col, "").strip():
            continue
        checks = run_checks([by_col.get(m, "") for m in months], {role.value: by_col[col]}, lossy=True)
        passed += sum(ch.result == "pass" for ch in checks)
        failed += sum(ch.result == "fail" for ch in checks)
    decided = passed + failed
    return passed if passed >= MIN_ROWS and passed >= MIN_SHARE * decided else 0


__all__ = ["name_tail", "support"]
