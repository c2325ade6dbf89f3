"""Printed precision: a printed number stands for an interval of true values.

'19.1' (1 decimal) means [19.05, 19.15]; '19' means [18.5, 19.5]. Two readings agree when their
intervals can hold the same true value, so a 2019 pack's 19.1 and a 2020 pack's 19 agree (19 is
19.1 rounded) while 19 and 20 do not. Counts of people are exact integers: no interval.
"""
from __future__ import annotations

from ..printed.arithmetic import half_unit  # noqa: F401  (what a print's interval is: one rule)
from ..printed.numbers import infer_decimals  # noqa: F401

EPS = 1e-9


def unit(decimals: int | None) -> float:
    return 10.0 ** -(decimals or 0)


def interval(value: float, decimals: int | None, exact: bool = False) -> tuple[float, float]:
    h = 0.0 if exact and not decimals else half_unit(decimals)
    return value - h, value + h


def agree(v1: float, d1: int | None, v2: float, d2: int | None) -> bool:
    """Could both prints come from one true value? Same precision: must be equal;
    different precision: the coarser is a rounding of the finer (open intervals overlap)."""
    return abs(v1 - v2) < half_unit(d1) + half_unit(d2) - EPS


def fmt(value: float | None, decimals: int | None = None) -> str:
    if value is None:
        return ""
    d = decimals if decimals is not None else infer_decimals(value)
    return f"{value:.{d}f}"
