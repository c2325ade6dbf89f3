"""The one vocabulary of what a pack prints, shared by every reader and by the table stage.

    text.py        norm: whitespace as extractors leave it
    months.py      month labels in all their spellings and OCR damage; month arithmetic
    numbers.py     the number grammar (separators, %, signs), missing-value tokens, parse_value
    glyphs.py      arrows, bullets, private-use symbol glyphs and what OCR makes of them
    confusions.py  OCR's slips: letters/digits, digits/digits, look-alike scripts, arrows and '%'
                   read as digits
    refs.py        what an indicator ref looks like, and how it comes glued or damaged
    roles.py       column roles from header labels (one classifier, fuzzy, for every reader)
    cells.py       what a cell of broken text is (a value, a name, a title, a glyph)
    glued.py       cells a tool or OCR printed as one word ('115}Local', '1747)', 'T44%'), taken apart
    dashboard.py   what a pack prints around a chart (its caption, percentage note, benchmark box)
    headers.py     what a table's header looks like: the month row, the label rows beside it
    arithmetic.py  what a row's % changes, 12-month average and maximum say about its months, and
                   whether they hold (the extracted-text reader and reconciliation ask the same rule)

Readers find *where* cells are; this package says what the texts in them mean. A new producer or
extraction tool that prints something differently is taught here, once.
"""
from .months import (label, month_add, month_diff, month_in_cell, month_range, months_in_text, parse_month,
                     repair_sequence)
from .numbers import MISSING_TOKENS, is_missing, is_number_token, parse_change, parse_value
from .roles import Role, change_basis, classify
from .text import norm

__all__ = ["MISSING_TOKENS", "Role", "change_basis", "classify", "is_missing", "is_number_token", "label",
           "month_add", "month_diff", "month_in_cell", "month_range", "months_in_text", "norm",
           "parse_change", "parse_month", "parse_value", "repair_sequence"]
