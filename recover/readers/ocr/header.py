"""The header of a table is read first: its month labels decide which columns hold numbers,
and its other labels which role every other column has."""
from __future__ import annotations

from recover.printed.months import month_in_cell, parse_month
from recover.printed.roles import Role, classify

from .context import CellRead, OcrPage
from .grid import CellBox
from .ink import Ink
from .text import Turn, header_turn, read_text_cell

HEADER_ROWS = 5        # the month row is looked for in the first rows of a table
MIN_MONTHS = 3         # labels that parse as months before a row counts as the month row
HEADER_LINES = 4       # lines read of a header cell
LABEL_HEIGHT = 32      # a month label read again at this height when the first read fails
REPAIRED_CONF = 0.85   # a label cleaned or read again is never fully trusted

# column role (recover.printed.roles) -> how its cells are read; the numeric ones get the digit recipe
RECIPES = {Role.MONTH: "month", Role.PCT_PREV: "pct", Role.PCT_YEAR: "pct", Role.PCT: "pct",
           Role.AVG12: "avg", Role.MAX12: "max", Role.STAT_NEIGHBOUR: "bench", Role.ENGLAND: "bench",
           Role.SE_REGION: "bench", Role.BENCHMARK: "bench", Role.TARGET: "target", Role.REF: "ref",
           Role.OUTCOME: "outcome", Role.COMMENTARY: "commentary", Role.INDICATOR: "indicator",
           Role.OWNER: "owner", Role.NAMES: "owner", Role.REPORTER: "reporter"}
NUMERIC_ROLES = {"month", "pct", "avg", "max", "bench", "target"}


def read_header(ctx: OcrPage, by_row: dict[int, list[CellBox]], inks: dict[CellBox, Ink],
                turns: dict[int, Turn], reads: dict[CellBox, CellRead]) -> int | None:
    """Read the first rows until one holds month labels; returns that row (None: no months).
    The cells read are added to `reads`."""
    month_row = None
    for r in sorted(by_row)[:HEADER_ROWS]:
        for cb in by_row[r]:
            reads[cb] = read_header_cell(ctx, inks[cb], turns, cb)
        if sum(1 for cb in by_row[r] if parse_month(reads[cb].text)) >= MIN_MONTHS:
            month_row = r
            break
    if month_row is not None:
        fix_month_labels(ctx, by_row[month_row], reads, inks)
    return month_row


def read_header_cell(ctx: OcrPage, ink: Ink, turns: dict[int, Turn], cb: CellBox) -> CellRead:
    return read_text_cell(ctx, ink, turn=header_turn(turns, cb), max_lines=HEADER_LINES)


def fix_month_labels(ctx: OcrPage, cells: list[CellBox], reads: dict[CellBox, CellRead],
                     inks: dict[CellBox, Ink]) -> None:
    """Month labels decide which columns are read as numbers, so a label that does not parse
    gets cleaned, or read again, before the columns are assigned."""
    cells = sorted(cells, key=lambda c: c.c0)
    ok = [parse_month(reads[cb].text) is not None for cb in cells]
    idx = [i for i, v in enumerate(ok) if v]
    if not idx:
        return
    lo, hi = idx[0], idx[-1]
    for i, cb in enumerate(cells):
        if ok[i] or not (lo - 1 <= i <= hi + 1):
            continue
        rd = reads[cb]
        fixed = month_in_cell(rd.text)
        if fixed is None and not inks[cb].empty:
            r = ctx.read(inks[cb], inks[cb].box, LABEL_HEIGHT)
            fixed = parse_month(r.text) and r.text or month_in_cell(r.text)
            if fixed:
                rd = CellRead(r.text, r.conf)
        if fixed:
            reads[cb] = CellRead(fixed, min(rd.conf, REPAIRED_CONF))


def role_of(text: str) -> str | None:
    """How a column labelled `text` is read; None for plain text (and for a month label)."""
    recipe = RECIPES.get(classify(text))
    return None if recipe == "month" else recipe


def column_roles(by_row: dict[int, list[CellBox]], reads: dict[CellBox, CellRead],
                 month_row: int | None) -> dict[int, str]:
    """Column index -> role, from the month row's labels and the header cells above it."""
    roles: dict[int, str] = {}
    if month_row is None:
        return roles
    for cb in by_row[month_row]:
        text = reads[cb].text
        role = "month" if parse_month(text) else (role_of(text) or "text")
        for c in range(cb.c0, cb.c1 + 1):
            roles[c] = role
    # month columns are consecutive: a label misread inside the run ('pul-20') is still a month
    mcols = [c for c, r in roles.items() if r == "month"]
    if mcols:
        for c in range(min(mcols), max(mcols) + 1):
            roles[c] = "month"
    # header cells merged down from above the month row ('Ref.' over two header rows)
    for r, cbs in by_row.items():
        if r >= month_row:
            continue
        for cb in cbs:
            if cb.r1 >= month_row:
                role = role_of(reads[cb].text)
                if role:
                    for c in range(cb.c0, cb.c1 + 1):
                        roles[c] = role
    return roles
