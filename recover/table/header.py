"""Header: find the month columns, derive the pack month and window, give every column a role."""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Grid
from recover.printed.headers import MIN_MONTHS, header_rows, is_month_row, month_row, month_run
from recover.printed.months import month_add, parse_month, repair_sequence
from recover.printed.roles import Role, role_of
from recover.table.settings import TABLE, TableSettings

__all__ = ["Column", "Header", "find_header", "is_month_row", "MIN_MONTHS"]


@dataclass(frozen=True)
class Column:
    col: int
    role: Role         # recover.printed.roles (NAMES is read as OWNER, BENCHMARK as OTHER here)
    label: str
    month: str | None = None


@dataclass(frozen=True)
class Header:
    rows: tuple[int, ...]          # grid rows that make up the header block
    columns: tuple[Column, ...]
    pack: str                      # latest month column
    window: int
    conf: float                    # < 1 when month labels had to be repaired or were inferred
    why: str = ""

    def month_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role is Role.MONTH]

    def by_role(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def col(self, role: str) -> int | None:
        cols = self.by_role(role)
        return cols[0].col if cols else None


def find_header(grid: Grid, settings: TableSettings = TABLE) -> Header | None:
    rows = [[(c.col, c.text) for c in r] for r in grid.rows()]
    month = month_row(rows)
    if month is None:
        return None
    block = header_rows(rows, month)
    labels: dict[int, list[str]] = {}
    for i in block:
        for col, text in rows[i]:
            if text.strip():
                labels.setdefault(col, []).append(text.strip())
    month_cells = {col: parse_month(text) for col, text in rows[month] if parse_month(text)}
    # month columns are one run of neighbouring cells; a stray label elsewhere is not one
    run = month_run(rows[month])
    parsed = [month_cells.get(c) for c in run]
    fixed, changed = repair_sequence(parsed)
    # one OCR-damaged label is common; several relabelled columns mean the repair itself may be wrong
    conf = settings.header_conf(len(changed))
    why = f"month labels repaired at columns {[run[i] for i in changed]}" if changed else ""
    if any(fixed[i] != month_add(fixed[0], i) for i in range(len(fixed))):
        conf, why = settings.many_repaired, "month labels are not consecutive and could not be repaired"
    if grid.meta.header_inferred:
        conf = min(conf, settings.inferred_header)
        why = (why + "; " if why else "") + "header inferred by the reader"
    pack = fixed[-1]
    columns = []
    for col in sorted(set(labels) | set(run)):
        label = " ".join(labels.get(col, []))
        if col in run:
            columns.append(Column(col, Role.MONTH, label, fixed[run.index(col)]))
        else:
            columns.append(Column(col, _role(label, pack), label))
    return Header(tuple(block), tuple(columns), pack, len(run), conf, why)


def _role(label: str, pack: str) -> Role:
    role = role_of(label, pack)
    if role is Role.NAMES:
        return Role.OWNER            # one column for both names: the row keeps them as printed
    if role in (Role.BENCHMARK, Role.MONTH):
        return Role.OTHER            # a month label outside the run, a group heading: not a value column
    return role
