"""A scanned table's month values read along their row: what the glyph checks of one cell cannot
see, the row gives away. A pack's row prints its months in one number format, and a scan loses
faint decimal points far more often than OCR invents one, so:

- a value read with fewer decimals than the row's most precise value (its month values, and the
  12-month maximum of a row of percentages, which is one of them) lost its point: '347%' in a row
  that reads '14.1%' (the point of '34.7%' blurred into the fill of its cell at 200 dpi, and every
  look agreed on '347%'); a 12-month figure read with a space where its point stood ('43 9%')
  says the precision as well as one read with the point;
- in a row of percentages whose values the cell checks mostly doubted, read without a point, a
  value of the same form is no surer: the same face, fill and blur lost its point too ('570%'
  among thirteen values of a row read without their points, each caught by its own glyphs but
  this one).

- a % change printed 'n/a' where the row's latest month holds a value says the month it compares
  with printed nothing or 0 (a change from 0 has no value): a number read there that is not 0 is
  a misread ('9' for the 0 of LAC6 (val) a month before, at 300 dpi, whose '- n/a' the scan kept).

Such a value is no value to keep as read: it goes to review with its text kept for the reviewer.
Unless the row gives its point back: a percentage read without the point its row's precision
calls for (the decimals of the row's month values, 12-month average or maximum, the one number
format a pack prints a row in), whose digits the looks that read it were sure of ('610%' agreed
by every look, in a row that prints '66.0%' and a maximum of '90.0%'), is that value with the
point where the precision puts it ('61.0%'), below a clean read's confidence (RESTORED): what was
in doubt was the point, and the row says where it goes. Only that cell is changed; a point-less
value whose digits were not sure stays in review, and so does one the row cannot place a point
in (a row whose every value lost its point says nothing of its precision)."""
from __future__ import annotations

import re
from dataclasses import replace

from recover.model import Cell, Grid
from recover.printed.months import month_add, parse_month
from recover.printed.numbers import parse_value
from recover.printed.roles import Role, classify
from recover.printed.text import norm

ODD_IN_ROW = 0.3        # below the table stage's unreadable_below: the cell goes to review
UNSURE = 0.35           # a cell read below this is doubted by its own checks (unreadable_below)
RESTORE_SURE = 0.8      # digits read at least this surely (numbers.py: CellRead.digits) ...
RESTORED = 0.6          # ... take the row's point back at this confidence (below a clean read)
MOSTLY_DOUBTED = 2 / 3  # a row whose month values the cell checks doubted this much or more ...
MIN_VALUES = 3          # ... of at least this many, says nothing good of the rest of the same form


def doubt_odd_values(grid: Grid, digits: dict[tuple[int, int], float] | None = None) -> Grid:
    """`grid` with every month value its row gives away capped at ODD_IN_ROW, or given back the
    point its row's precision calls for when `digits` ({(row, col): how sure the reads were of
    the cell's digits}) says the digits were sure."""
    head = grid.meta.header_row
    if grid.kind != "table" or head is None:
        return grid
    rows = grid.rows()
    if head >= len(rows):
        return grid
    months = [c.col for c in rows[head] if parse_month(c.text)]
    if len(months) < MIN_VALUES:
        return grid
    maxima = [c.col for c in rows[head] if classify(c.text) in (Role.MAX12, Role.AVG12)]
    labels = [parse_month(c.text) for c in rows[head] if parse_month(c.text)]
    # the month each change compares the latest month with, as an index into `months`
    back = {role: labels.index(month_add(labels[-1], -k)) for role, k in ((Role.PCT_PREV, 1), (Role.PCT_YEAR, 12))
            if month_add(labels[-1], -k) in labels}
    changes = [(c.col, back[role]) for c in rows[head] for role in [classify(c.text)] if role in back]
    doubt: set[tuple[int, int]] = set()
    points: dict[tuple[int, int], str] = {}
    for r in range(head + 1, len(rows)):
        by_col = {c.col: c for c in rows[r]}
        cells = [by_col.get(c) for c in months]
        odd, most = _odd(cells, [by_col[c] for c in maxima if c in by_col])
        na = _before_na(cells, [(by_col.get(c), i) for c, i in changes])
        doubt |= {(r, months[i]) for i in odd | na}
        for i in odd - na:
            sure = (digits or {}).get((r, months[i]), 0.0) >= RESTORE_SURE
            text = _with_point(norm(cells[i].text), most) if sure else None
            if text:
                points[(r, months[i])] = text
    if not doubt:
        return grid
    return replace(grid, cells=tuple(_doubted(c, points.get((c.row, c.col))) if (c.row, c.col) in doubt
                                     else c for c in grid.cells))


def _doubted(c: Cell, restored: str | None) -> Cell:
    if restored:
        return replace(c, text=restored, conf=RESTORED)
    return replace(c, conf=min(c.conf, ODD_IN_ROW))


def _with_point(text: str, decimals: int) -> str | None:
    """A percentage read without its point ('610%'), with the point `decimals` digits from the
    end ('61.0%'); None for anything else."""
    m = re.fullmatch(r"(-?)(\d+)%", text)
    if not m or decimals < 1 or len(m.group(2)) <= decimals:
        return None
    d = m.group(2)
    return f"{m.group(1)}{d[:-decimals]}.{d[-decimals:]}%"


def _odd(cells: list[Cell | None], maxima: list[Cell]) -> tuple[set[int], int]:
    """Indices of the row's month cells its other values give away (the module's doc), and the
    row's precision (the most decimals its months, or a percentage row's 12-month average and
    maximum, print)."""
    texts = [norm(c.text) if c is not None else "" for c in cells]
    vals = {i: v for i, t in enumerate(texts) if t for v in [parse_value(t)] if v.status == "ok"}
    out: set[int] = set()
    percent = vals and all(v.is_percent for v in vals.values())
    seen = [texts[i] for i in vals] + [t for c in maxima if percent
                                       for t in [_spaced_point(norm(c.text))] if parse_value(t).is_percent]
    most = max((_decimals(t) for t in seen), default=0)
    out |= {i for i in vals if _decimals(texts[i]) < most and _digits(texts[i]) > most}
    doubted = [i for i in vals if cells[i].conf < UNSURE]
    if len(vals) >= MIN_VALUES and len(doubted) >= MOSTLY_DOUBTED * len(vals):
        forms = {f for i in doubted for f in [_form(texts[i])] if _pointless(f)}
        out |= {i for i in vals if _form(texts[i]) in forms}
    return out, most


def _before_na(cells: list[Cell | None], changes: list[tuple[Cell | None, int]]) -> set[int]:
    """Indices of the month cells a change printed 'n/a' gives away: the month it compares the
    latest with, read as a number other than 0 while the latest month holds a value."""
    latest = parse_value(norm(cells[-1].text)) if cells[-1] is not None else None
    if latest is None or latest.status != "ok":
        return set()
    out = set()
    for change, i in changes:
        if change is None or "n/a" not in norm(change.text).lower() or cells[i] is None:
            continue
        v = parse_value(norm(cells[i].text))
        if v.status == "ok" and v.value != 0:
            out.add(i)
    return out


def _pointless(form: tuple[int, int, bool]) -> bool:
    """A percentage of three digits or more without a point: what '57.0%' comes out as when its
    point is lost (a count has no point to lose, and a row of counts varies as printed)."""
    digits, decimals, percent = form
    return percent and not decimals and digits >= 3


def _spaced_point(text: str) -> str:
    """A 12-month figure of a row of percentages read with a space where its point was ('43 9%':
    the faint point lost, the gap it stood in kept) as the percentage it prints ('43.9%'); other
    text as it is. Only its decimals are used: what the row's precision is. A lone '1' before the
    space says nothing: its narrow glyph leaves a gap after it in any number ('1 00%')."""
    m = re.fullmatch(r"(-?\d+) (\d{1,2}%)", text)
    return f"{m.group(1)}.{m.group(2)}" if m and m.group(1).lstrip("-") != "1" else text


def _decimals(text: str) -> int:
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _form(text: str) -> tuple[int, int, bool]:
    """What a misreading keeps of a value: its digits, decimals and '%' ('570%' as '480%')."""
    return _digits(text), _decimals(text), text.endswith("%")
