"""Header: find the month columns, derive the pack month and window, give every column a role."""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Grid
from recover.printed.months import looks_damaged, month_add, parse_month, repair_sequence
from recover.printed.numbers import parse_change
from recover.printed.refs import starts_like_ref
from recover.printed.roles import Role, change_basis, classify

MIN_MONTHS = 5   # a row with this many month labels is a header (7, 13, 14 in the packs)


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


def is_month_row(texts: list[str]) -> bool:
    return sum(1 for t in texts if parse_month(t)) >= MIN_MONTHS


def find_header(grid: Grid) -> Header | None:
    rows = grid.rows()
    month_row = next((i for i, r in enumerate(rows) if is_month_row([c.text for c in r])), None)
    if month_row is None:
        return None
    block = _header_block(rows, month_row)
    labels: dict[int, list[str]] = {}
    for i in block:
        for c in rows[i]:
            if c.text.strip():
                labels.setdefault(c.col, []).append(c.text.strip())
    month_cells = {c.col: parse_month(c.text) for c in rows[month_row] if parse_month(c.text)}
    damaged = {c.col for c in rows[month_row] if c.col not in month_cells and looks_damaged(c.text)}
    # month columns are one run of neighbouring cells; a stray label elsewhere is not one
    run = _longest_run([c.col for c in rows[month_row]], month_cells, damaged)
    while run and run[-1] in damaged:      # a damaged label counts only between real ones:
        run.pop()                          # at an end it may be 'SN 19' or 'Avg 12'
    while run and run[0] in damaged:
        run.pop(0)
    parsed = [month_cells.get(c) for c in run]
    fixed, changed = repair_sequence(parsed)
    # one OCR-damaged label is common; several relabelled columns mean the repair itself may be wrong
    conf = {0: 1.0, 1: 0.9, 2: 0.6}.get(len(changed), 0.3)
    why = f"month labels repaired at columns {[run[i] for i in changed]}" if changed else ""
    if any(fixed[i] != month_add(fixed[0], i) for i in range(len(fixed))):
        conf, why = 0.3, "month labels are not consecutive and could not be repaired"
    if grid.note("header") == "inferred":
        conf = min(conf, 0.9)
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


def _header_block(rows, month_row: int) -> list[int]:
    """The month row plus the label rows just above/below it that carry no data values."""
    block = [month_row]
    i = month_row - 1
    while i >= 0 and _is_label_row(rows[i]):
        block.insert(0, i)
        i -= 1
    i = month_row + 1
    while i < len(rows) and _is_label_row(rows[i]) and rows[i]:
        block.append(i)
        i += 1
    return block


def _is_label_row(row) -> bool:
    texts = [c.text.strip() for c in row if c.text.strip()]
    if not texts:
        return False
    numeric = sum(1 for t in texts if parse_change(t).status == "ok")
    return numeric <= 1 and not starts_like_ref(texts[0])


def _longest_run(cols_in_row: list[int], month_cells: dict, damaged: set[int] = frozenset()) -> list[int]:
    """Longest run of month labels in neighbouring cells of the row (empty cells break a run).
    Column indices need not be consecutive: a key table ruled above the header adds boundaries."""
    best: list[int] = []
    cur: list[int] = []
    for c in cols_in_row:
        cur = cur + [c] if c in month_cells or c in damaged else []
        if len(cur) > len(best):
            best = list(cur)
    return best


def _role(label: str, pack: str) -> Role:
    role = classify(label)
    if role is Role.PCT:
        return change_basis(label, pack)
    if role is Role.NAMES:
        return Role.OWNER            # one column for both names: the row keeps them as printed
    if role in (Role.BENCHMARK, Role.MONTH):
        return Role.OTHER            # a month label outside the run, a group heading: not a value column
    return role
