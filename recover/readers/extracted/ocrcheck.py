"""An OCR'd table's month values against the arithmetic its rows print about themselves.

Tesseract's word confidence says how sure it is of the glyphs, not whether they are the printed
ones: it reads '47%' for '4.7%' (a lost point), '7' for '77' (a digit lost in a shaded cell) or
'1368' for '1358' at 80-90%. The row's own % changes, 12-month average and maximum
(recover/printed/arithmetic.py, through checks.run_checks as the other extracted-text readers use
it) are the evidence that holds: a month a failing check involves becomes unreadable (its text is
kept for the reviewer), since OCR'd text has no second reading to fall back on. When one month
alone explains every failing check (some value of it lets every check hold, and no other month
can: printed.arithmetic.region), only that month is doubted. A row no check confirms (a table
whose tail labels OCR lost included) is not trusted at all. A passing check vouches only for
the months it tested: in every table row, a month outside every passing check (the first of a
14-month window, the five of a 7-month page that only the previous month's change covers, the
months beside a failing change) is kept only when tesseract read it at UNCOVERED or more. (A
chart's one-line table prints no arithmetic, and tesseract reads its right values at 0.5-0.8
as often as its wrong ones, so there its confidence decides nothing; identification and the
pack's tables weigh those values.) A check tests a month
only where it bounds the month's value from both sides and rules out OCR's usual slips of it
(checks.pins: a 12-month maximum does not bound the months below it, and a 12-month average
holds as well for '24' as for the printed '21'), and one on whole numbers holds only as exact counts (_vouches).

Besides the arithmetic: a value printed with another precision than the rest of its row, or a
digit lost or gained where no check covers its month (printed.numbers.odd_in_row), is doubted,
in a dashboard's row too (the one rule that applies to tesseract's plain text of a chart); and every table of a pack ends with the pack month (the one a row
always prints), so a table whose header ends before it lost its last labels to OCR and had its
values placed against the wrong months: none is trusted (pack_month).
"""
from __future__ import annotations

from dataclasses import replace

from recover.model import Grid
from recover.printed.headers import header_months
from recover.printed.months import parse_month
from recover.printed.roles import Role

from recover.printed.numbers import odd_in_row
from recover.printed.text import norm

from .checks import culprit, pins, run_checks, vouches
from .settings import CONF
from .tailroles import header_roles

UNCOVERED = 0.8        # a month no passing check tested keeps tesseract's word only this sure
CHECKED = (Role.PCT_PREV, Role.PCT_YEAR, Role.AVG12, Role.MAX12)


def pack_month(grids: list[Grid]) -> str | None:
    """The month a pack's tables end with: the latest last month of a table's header that at
    least two tables end with (one table's labels may be misread)."""
    ends = [_last_month(g) for g in grids if g.kind == "table"]
    ends = [m for m in ends if m]
    top = max(ends, default=None)
    return top if ends.count(top) >= 2 else None


def doubt_before_pack(grids: list[Grid]) -> list[Grid]:
    """The grids with every month of a table whose header ends before the pack month unreadable:
    every table of a pack ends with it, so such a header lost its last labels to OCR ('Sept 18'
    not read as a label) and its row values were placed against months one or more too early,
    where their arithmetic (the last two months, the last 12) still holds. verify_rows does the
    same for TSV; this is for tesseract's plain text, whose rows are checked as they are placed."""
    pack = pack_month(grids)
    out = []
    for g in grids:
        last = _last_month(g) if g.kind == "table" and pack else None
        if last and last < pack:
            months = {c.col for c in g.cells if c.row == 0 and parse_month(c.text)}
            g = replace(g, cells=tuple(replace(c, conf=min(c.conf, CONF.ambiguous))
                                       if c.row and c.col in months and c.text.strip() else c for c in g.cells))
        out.append(g)
    return out


def _last_month(grid: Grid) -> str | None:
    rows = grid.rows()
    months = [m for c in (rows[0] if rows else []) if (m := parse_month(c.text))]
    return max(months, default=None)


def verify_rows(grid: Grid, pack: str | None = None) -> Grid:
    """`grid` (row 0 its header) with every month cell the row's arithmetic does not vouch for made
    unreadable (see the module's doc)."""
    if grid.kind not in ("table", "dashboard"):
        return grid
    rows = grid.rows()
    if not rows:
        return grid
    header = {c.col: c.text for c in rows[0]}
    # the labels OCR damaged are months too ('Feb19'): the checks need every month of the window
    named = header_months([(c.col, c.text) for c in rows[0]])
    months = sorted(named, key=named.get)
    if len(months) < 2:
        return grid
    last = named[months[-1]]
    tail: dict[str, int] = {}
    for col, role in header_roles(header, last).items():
        if role in CHECKED and role.value not in tail:
            tail[role.value] = col
    doubt: set[tuple[int, int]] = set()
    # a month tesseract gave no word for is a blank print or a word it lost (a shaded cell, faint
    # print), alike in OCR'd words: never sure, and where the row's checks do not all hold, the
    # lost word is the likelier
    unsure: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows[1:], start=1):
        by_col = {c.col: c.text for c in cells}
        texts = [by_col.get(c, "") for c in months]
        tails = {role: by_col.get(col, "") for role, col in tail.items()}
        checks = run_checks(texts, tails, lossy=True) if grid.kind == "table" else []
        failing = [ch for ch in checks if ch.result == "fail"]
        passing = [ch for ch in checks if ch.result == "pass" and vouches(ch, texts, tails)]
        if failing:
            one = culprit(texts, tails, failing)
            cols = {one} if one is not None else {i for ch in failing for i in ch.cells}
            doubt |= {(r, months[i]) for i in cols}
        elif grid.kind == "table" and not passing:
            doubt |= {(r, c) for c in months}
        if grid.kind == "table" and pack and last < pack:
            doubt |= {(r, c) for c in months}
        covered = {i for ch in passing for i in ch.cells if pins(ch, i, texts, tails)}
        confs = {c.col: c.conf for c in cells}
        if grid.kind == "table":
            doubt |= {(r, months[i]) for i in range(len(months))
                      if i not in covered and confs.get(months[i], 0) < UNCOVERED}
        # what a glance along the row gives away: another precision, or a digit lost or gained
        # where no check covers the month (a value merely far off may be the series' own spike)
        doubt |= {(r, months[i]) for i, why in odd_in_row([norm(t) for t in texts]).items()
                  if why == "decimals" or (why in ("digits", "slip") and i not in covered)}
        if grid.kind == "table":
            blanks = {(r, months[i]) for i, t in enumerate(texts) if not t.strip()}
            unsure |= blanks
            if failing or not passing:
                doubt |= blanks
    if grid.kind == "dashboard":
        # a chart prints every month of its window ('-' for none): nothing under a month in OCR'd
        # words is a value OCR lost, never a blank print
        lost = {(c.row, c.col) for c in grid.cells if c.row and c.col in months and not c.text.strip()}
        if lost:
            grid = replace(grid, cells=tuple(replace(c, conf=0.0) if (c.row, c.col) in lost else c
                                             for c in grid.cells))
    if not doubt and not unsure:
        return grid
    cells = tuple(replace(c, conf=min(c.conf, CONF.ambiguous)) if (c.row, c.col) in doubt and
                  (c.text.strip() or (c.row, c.col) in unsure) else
                  replace(c, conf=min(c.conf, UNCOVERED)) if (c.row, c.col) in unsure else c for c in grid.cells)
    return replace(grid, cells=cells)


__all__ = ["verify_rows"]
