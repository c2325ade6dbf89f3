"""What a table's header looks like in its cells: a row of month labels (MIN_MONTHS or more), the
label rows printed just above or below it, and the run of neighbouring month columns.

Shared by the table stage (which then names every column's role and the pack month) and by
readers that must know whether a table they found has a header at all (the text layer decides by
it whether a ruled table's rules can be trusted). Rows are lists of (column, text).
"""
from __future__ import annotations

from .months import looks_damaged, month_add, parse_month, repair_sequence
from .numbers import parse_change
from .refs import starts_like_ref
from .roles import Role, classify

MIN_MONTHS = 5   # a row with this many month labels is a header (7, 13, 14 in the packs)
_BRACKETS = "()[]{}:;,."  # around a label's month: 'Commentary (Aug-19):'

Row = list[tuple[int, str]]


def is_month_row(texts: list[str]) -> bool:
    return sum(1 for t in texts if parse_month(t)) >= MIN_MONTHS


def month_row(rows: list[Row]) -> int | None:
    """The first row that is a row of month labels."""
    return next((i for i, r in enumerate(rows) if is_month_row([t for _, t in r])), None)


def is_label_row(row: Row) -> bool:
    """A row of labels, not of data: at most one number, and not led by a ref."""
    texts = [t.strip() for _, t in row if t.strip()]
    if not texts:
        return False
    numeric = sum(1 for t in texts if parse_change(t).status == "ok")
    return numeric <= 1 and not starts_like_ref(texts[0])


def header_rows(rows: list[Row], month: int) -> list[int]:
    """The month row plus the label rows just above/below it that carry no data values."""
    block = [month]
    i = month - 1
    while i >= 0 and is_label_row(rows[i]):
        block.insert(0, i)
        i -= 1
    i = month + 1
    while i < len(rows) and rows[i] and is_label_row(rows[i]):
        block.append(i)
        i += 1
    return block


def month_run(row: Row) -> list[int]:
    """Columns of the month labels: the longest run of neighbouring cells that parse as months or
    look like damaged ones (empty cells break a run; column indices need not be consecutive, a key
    table ruled above the header adds boundaries). A damaged label counts only between real ones:
    at an end it may be 'SN 19' or 'Avg 12'."""
    months = {c for c, t in row if parse_month(t)}
    damaged = {c for c, t in row if c not in months and looks_damaged(t)}
    best: list[int] = []
    cur: list[int] = []
    for c, _ in row:
        cur = cur + [c] if c in months or c in damaged else []
        if len(cur) > len(best):
            best = list(cur)
    while best and best[-1] in damaged:
        best.pop()
    while best and best[0] in damaged:
        best.pop(0)
    return best


def header_months(row: Row) -> dict[int, str]:
    """{column: month} of a header row's month run, a label OCR damaged ('Feb19', 'Sept 18') read
    from its neighbours (months.repair_sequence) when the run's labels agree on one sequence of
    consecutive months; otherwise only the labels that parse."""
    texts = dict(row)
    run = month_run(row)
    parsed = [parse_month(texts[c]) for c in run]
    fixed, _ = repair_sequence(parsed)
    if run and all(fixed[i] == month_add(fixed[0], i) for i in range(len(fixed))):
        return dict(zip(run, fixed))
    return {c: m for c, m in zip(run, parsed) if m}


def commentary_month(label: str, after: str) -> str | None:
    """The month a commentary column's label names, given the label's word and the word after it
    ('Commentary' '(Nov-20)', 'Commentary' '(Aug-19):'): the pack's month. The packs that print
    a commentary column say so in its label on every page of the dataset (the seeds do too), where
    OCR keeps it more often than the small month labels of the header."""
    if classify(label.strip(_BRACKETS)) is not Role.COMMENTARY:
        return None
    inner = after.strip(_BRACKETS)
    return parse_month(inner) if after[:1] in "([{" and inner else None
