"""The arithmetic a pack row prints about itself, and the one rule for which months it covers.

A row prints, besides its month values, the % change from the previous month (pct_prev), the %
change from the same month a year before (pct_year), the 12-month average (avg12) and the
12-month maximum (max12). The rule, for a row whose latest month (the pack month) is M:

    pct_prev   M against M-1
    pct_year   M against M-12
    avg12      the mean of the months M-11 .. M that print a value (a month printed as missing is
               left out, as a spreadsheet's AVERAGE leaves out a blank); at least MIN_AVERAGED of them
    max12      the largest of the months M-11 .. M that print a value

Every printed figure is a rounding, so each is an interval (19.1 stands for [19.05, 19.15]; a count
of people is exact): a check holds when some true values inside the intervals satisfy it. With
the month values fixed but one, `region` gives the values that one could take for the check to
hold, which is how reconciliation finds the misread value of a row whose check fails; `holds` is
the plain question, which is how the extracted-text reader tells a right placement of a row's
values from a shifted one. Both use this module, so they agree on what a row says. (The reader
sees one row alone, so it leaves a missing month out of the mean as the pack did; reconciliation
takes the months a row prints without a value from the packs before it, and leaves a check out when
no pack shows one: recover/reconcile/arith.py.)

Rounding is monotone, so the printed max12 equals the printed value of the maximum month exactly
when both are printed with the same decimals: that check needs no slack at all.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from recover.model import RowRecord

from .numbers import infer_decimals

CHECKS = ("pct_prev", "pct_year", "avg12", "max12")
WINDOW = 12            # months an average or a maximum covers, ending with the pack month
YEAR = 12              # months back the year-on-year change compares with
MIN_AVERAGED = 6       # months with a value an average needs before it is checked
EPS = 1e-9
Region = tuple[float, float]


def half_unit(decimals: int | None) -> float:
    """Half the last printed digit: how far the true value may be from the print."""
    return 0.5 * 10.0 ** -(decimals or 0)


@dataclass(frozen=True)
class Term:
    """A month value as a check sees it: the print, the half-width of its interval, its decimals."""
    value: float
    h: float
    decimals: int | None = None

    @classmethod
    def printed(cls, value: float, decimals: int | None, exact: bool = False) -> "Term":
        """exact: a count of people, printed without decimals, is the true value itself."""
        return cls(value, 0.0 if exact and not decimals else half_unit(decimals), decimals)


@dataclass(frozen=True)
class Target:
    kind: str                      # pct_prev | pct_year | avg12 | max12
    value: float
    h: float
    decimals: int


def row_target(row: RowRecord, kind: str, min_conf: float = 0.0) -> Target | None:
    """The figure of this kind the row prints, as a check's target (its decimals as printed); None
    when the row prints none, or one read with confidence below `min_conf`."""
    e = row.extra(kind)
    if e is None or e.value is None or e.conf < min_conf:
        return None
    d = infer_decimals(e.value, e.raw)
    return Target(kind, float(e.value), half_unit(d), d)


def month_offsets(kind: str) -> tuple[int, ...]:
    """The rule, as months back from the pack month (0 = the pack month), latest first."""
    if kind == "pct_prev":
        return (0, 1)
    if kind == "pct_year":
        return (0, YEAR)
    return tuple(range(WINDOW))


def positions(kind: str, n_months: int) -> tuple[int, ...]:
    """The rule on a row's month columns 0..n-1 (the last is the pack month), latest first; the
    columns the row prints of the window (all of them for a change, or nothing)."""
    pos = tuple(n_months - 1 - k for k in month_offsets(kind))
    if kind in ("pct_prev", "pct_year"):
        return pos if min(pos) >= 0 else ()
    return tuple(p for p in pos if p >= 0)


# ---- the values of one term that let a check hold (the others fixed) ------------------------------
def _change_region(terms: list[Term], t: Target, i: int) -> Region | None:
    a, b = terms                     # a = the later month, b = the earlier one
    p_lo, p_hi = 1 + (t.value - t.h) / 100, 1 + (t.value + t.h) / 100
    if i == 0:
        if b.value - b.h <= 0:
            return None              # a change from zero is not defined
        return (b.value - b.h) * p_lo - a.h, (b.value + b.h) * p_hi + a.h
    lo = (a.value - a.h) / p_hi - b.h if p_hi > 0 else -math.inf
    hi = (a.value + a.h) / p_lo + b.h if p_lo > 0 else math.inf
    return lo, hi


def _avg_region(terms: list[Term], t: Target, i: int) -> Region:
    n = len(terms)
    o_lo = sum(c.value - c.h for j, c in enumerate(terms) if j != i)
    o_hi = sum(c.value + c.h for j, c in enumerate(terms) if j != i)
    h = terms[i].h
    return n * (t.value - t.h) - o_hi - h, n * (t.value + t.h) - o_lo + h


def _max_region(terms: list[Term], t: Target, i: int) -> Region | None:
    c = terms[i]
    same = all(x.decimals == t.decimals for x in terms)
    th = 0.0 if same else t.h
    others = [x for j, x in enumerate(terms) if j != i]
    hs = [0.0 if same else x.h for x in others]
    o_lo = max((x.value - h for x, h in zip(others, hs)), default=-math.inf)
    o_hi = max((x.value + h for x, h in zip(others, hs)), default=-math.inf)
    h = 0.0 if same else c.h
    if o_lo > t.value + th + EPS:
        return None                  # another month already exceeds the maximum
    if o_hi >= t.value - th - EPS:
        return -math.inf, t.value + th + h
    return t.value - th - h, t.value + th + h


def region(kind: str, terms: list[Term], t: Target, i: int) -> Region | None:
    """The values term i could take for the check to hold, the other terms as printed. Terms are in
    the order of month_offsets (latest first)."""
    if kind in ("pct_prev", "pct_year"):
        return _change_region(terms, t, i)
    if kind == "avg12":
        return _avg_region(terms, t, i)
    return _max_region(terms, t, i)


def inside(v: float, reg: Region | None) -> bool:
    return reg is not None and reg[0] - EPS <= v <= reg[1] + EPS


def holds(kind: str, terms: list[Term], t: Target) -> bool | None:
    """Does the check hold for these terms? None when it is not defined (a change from zero)."""
    reg = region(kind, terms, t, 0)
    if reg is None:
        return None if kind in ("pct_prev", "pct_year") else False
    return inside(terms[0].value, reg)


def bounds_hold(terms: list[Term], t: Target) -> bool:
    """A max12 whose window the row does not print whole only bounds the months it prints."""
    return all(x.value - x.h <= t.value + t.h + EPS for x in terms)


def row_holds(kind: str, n_months: int, terms: dict[int, Term], t: Target) -> bool | None:
    """The check on one row alone, of month columns 0..n_months-1 (the last is the pack month), whose
    columns with a value are `terms` (column -> term): a change needs both its months; an average
    needs a whole window, of which at least MIN_AVERAGED months print a value (a month without one
    is left out, as the pack's spreadsheet leaves a blank out); a maximum over a whole window is
    checked, over a shorter row only bounded (False when a month exceeds it, else None). None when
    the row cannot tell."""
    pos = positions(kind, n_months)
    have = [terms[p] for p in pos if p in terms]
    if kind in ("pct_prev", "pct_year"):
        return holds(kind, have, t) if pos and len(have) == len(pos) else None
    if n_months < WINDOW:
        return None if kind == "avg12" or bounds_hold(have, t) else False
    if kind == "avg12":
        return holds(kind, have, t) if len(have) >= MIN_AVERAGED else None
    return holds(kind, have, t) if have else None
