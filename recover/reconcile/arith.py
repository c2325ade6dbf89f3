"""Arithmetic checks from a row's own printed figures.

A pack row prints, besides its month values, the % change from the previous month (pct_prev), from
the same month a year earlier (pct_year), the 12-month average (avg12) and the 12-month maximum
(max12), all over the 12 months ending with the pack month. Each is a constraint on the month values,
checked with interval arithmetic (every printed figure is a rounding). A check that holds confirms the
values it pins down; a check that fails points at the misread, by finding the value whose replacement
with another pack's reading (or, failing that, the only reading no other pack backs) makes it hold.

Rounding is monotone, so the printed max12 equals the printed value of the maximum month exactly when
both are printed with the same decimals: that check needs no slack at all.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Callable

from ..model import RowRecord
from ..printed.confusions import one_slip_variants
from ..printed.months import month_add
from ..printed.numbers import plain_number
from .precision import EPS, half_unit, infer_decimals

MIN_EXTRA_CONF = 0.6  # a check printed so badly it is unsure is not used


@dataclass
class Cellv:
    """A month value as a check sees it: centre and half-width of its interval."""
    month: str
    value: float
    decimals: int | None
    h: float
    own: bool                      # read from this row (else borrowed from another pack)
    key: object = None             # the reading it came from, for verdicts
    raw: str = ""


@dataclass
class Verdict:
    passed: list[tuple[str, "Region"]] = field(default_factory=list)   # checks that hold, with the
    contra: list[str] = field(default_factory=list)                     # values each would accept
    suspect: list[str] = field(default_factory=list)
    needs: list[tuple[str, "Region"]] = field(default_factory=list)     # failing checks: values they need

    def pass_share(self, raw: str) -> float | None:
        """If this reading were an OCR slip, the (weighted) share of the values it could have been
        that would also satisfy the checks that hold: small means the checks vouch for it.
        None when no check holds or the text offers no repair."""
        if not self.passed:
            return None
        weighted = repairs(raw, weighted=True)
        total = sum(w for _, w in weighted)
        if not total:
            return None
        lo = max(reg[0] for _, reg in self.passed) - EPS
        hi = min(reg[1] for _, reg in self.passed) + EPS
        ok = sum(w for v, w in weighted if lo <= v <= hi)
        return ok / total

    def merge(self, other: "Verdict") -> None:
        self.passed += other.passed
        self.contra += other.contra
        self.suspect += other.suspect
        self.needs += other.needs

    def fits(self, value: float) -> bool:
        """Would the failing checks accept this value for the month?"""
        return all(_inside(value, reg) for _, reg in self.needs)


@dataclass(frozen=True)
class Target:
    kind: str                      # pct_prev | pct_year | avg12 | max12
    value: float
    h: float
    decimals: int


def _target(row: RowRecord, role: str) -> Target | None:
    e = row.extra(role)
    if e is None or e.value is None or e.conf < MIN_EXTRA_CONF:
        return None
    d = infer_decimals(e.value, e.raw)
    return Target(role, float(e.value), half_unit(d), d)


# ---- the region of values of one cell that lets a check hold (others fixed) -------------------
Region = tuple[float, float]


def _pct_region(cells: list[Cellv], t: Target, i: int) -> Region | None:
    a, b = cells                     # a = later month, b = earlier month
    p_lo, p_hi = 1 + (t.value - t.h) / 100, 1 + (t.value + t.h) / 100
    if i == 0:
        if b.value - b.h <= 0:
            return None
        return (b.value - b.h) * p_lo - a.h, (b.value + b.h) * p_hi + a.h
    lo = (a.value - a.h) / p_hi - b.h if p_hi > 0 else -math.inf
    hi = (a.value + a.h) / p_lo + b.h if p_lo > 0 else math.inf
    return lo, hi


def _avg_region(cells: list[Cellv], t: Target, i: int) -> Region:
    n = len(cells)
    o_lo = sum(c.value - c.h for j, c in enumerate(cells) if j != i)
    o_hi = sum(c.value + c.h for j, c in enumerate(cells) if j != i)
    h = cells[i].h
    return n * (t.value - t.h) - o_hi - h, n * (t.value + t.h) - o_lo + h


def _max_region(cells: list[Cellv], t: Target, i: int) -> Region | None:
    c = cells[i]
    same = all(x.decimals == t.decimals for x in cells)
    th = 0.0 if same else t.h
    others = [x for j, x in enumerate(cells) if j != i]
    hs = [0.0 if same else x.h for x in others]
    o_lo = max((x.value - h for x, h in zip(others, hs)), default=-math.inf)
    o_hi = max((x.value + h for x, h in zip(others, hs)), default=-math.inf)
    h = 0.0 if same else c.h
    if o_lo > t.value + th + EPS:
        return None                  # another month already exceeds the maximum
    if o_hi >= t.value - th - EPS:
        return -math.inf, t.value + th + h
    return t.value - th - h, t.value + th + h


def region(kind: str, cells: list[Cellv], t: Target, i: int) -> Region | None:
    if kind in ("pct_prev", "pct_year"):
        return _pct_region(cells, t, i)
    if kind == "avg12":
        return _avg_region(cells, t, i)
    return _max_region(cells, t, i)


def _inside(v: float, reg: Region | None) -> bool:
    return reg is not None and reg[0] - EPS <= v <= reg[1] + EPS


def holds(kind: str, cells: list[Cellv], t: Target) -> bool | None:
    reg = region(kind, cells, t, 0)
    if reg is None:
        if kind in ("pct_prev", "pct_year"):
            return None              # % change from zero: not defined
        return False
    return _inside(cells[0].value, reg)


# ---- applying the checks to one row ------------------------------------------------------------
Lookup = Callable[[str], "tuple[float, int | None] | None"]


def _months(kind: str, pack: str) -> list[str]:
    if kind == "pct_prev":
        return [pack, month_add(pack, -1)]
    if kind == "pct_year":
        return [pack, month_add(pack, -12)]
    return [month_add(pack, -k) for k in range(12)]


def check_row(row: RowRecord, own: dict[str, tuple[float, int | None, object]], exact: bool,
              borrowed: Lookup, alternatives: Callable[[str, object], list[float]],
              corroborated: Callable[[object], bool]) -> tuple[dict[object, Verdict], list[tuple[str, list]]]:
    """Verdicts for this row's own readings and a note per failing check.

    own: month -> (value, decimals, reading key); borrowed(month): a value another pack shows for a
    month this row does not print; alternatives(month, key): other packs' values for that month;
    corroborated(key): another file backs this reading. Notes are (text, keys of the suspects)."""
    verdicts: dict[object, Verdict] = {}
    notes: list[tuple[str, list]] = []
    if not row.pack:
        return verdicts, notes
    for kind in ("pct_prev", "pct_year", "avg12", "max12"):
        t = _target(row, kind)
        if t is None:
            continue
        cells = _cells(_months(kind, row.pack), own, exact, borrowed)
        if cells is None or not any(c.own for c in cells):
            continue
        ok = holds(kind, cells, t)
        if ok is None:
            continue
        if ok:
            _confirm(kind, cells, t, verdicts)
        else:
            notes.append(_blame(kind, cells, t, verdicts, alternatives, corroborated, row))
    return verdicts, notes


def _cells(months: list[str], own, exact: bool, borrowed: Lookup) -> list[Cellv] | None:
    out = []
    for m in months:
        if m in own:
            v, d, key, raw = own[m]
            out.append(Cellv(m, v, d, 0.0 if exact and not d else half_unit(d), True, key, raw))
            continue
        b = borrowed(m)
        if b is None:
            return None
        v, d = b
        out.append(Cellv(m, v, d, 0.0 if exact and not d else half_unit(d), False))
    return out


def _confirm(kind: str, cells: list[Cellv], t: Target, verdicts: dict) -> None:
    for i, c in enumerate(cells):
        if c.own:
            reg = region(kind, cells, t, i)
            if reg is not None:
                verdicts.setdefault(c.key, Verdict()).passed.append((kind, reg))


def _digits_only(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isdigit() or ch in ".-%,")


@functools.lru_cache(maxsize=65536)
def repairs(raw: str, weighted: bool = False) -> tuple:
    """Numbers the printed text may really have been, undoing one OCR slip (printed.confusions:
    a confused digit, a lost decimal point, a lost digit). weighted=True gives (value, weight)."""
    out = []
    for v, w in one_slip_variants(_digits_only(raw)):
        number = plain_number(v)
        if number is not None:
            out.append((number, w) if weighted else number)
    return tuple(out)


def _blame(kind, cells, t, verdicts, alternatives, corroborated, row) -> str:
    regions = [region(kind, cells, t, i) if c.own else None for i, c in enumerate(cells)]
    # 1. another pack's reading of that month makes the row add up
    culprits = [c for c, reg in zip(cells, regions)
                if reg is not None and any(_inside(a, reg) for a in alternatives(c.month, c.key))]
    if not culprits:
        # 2. undoing one OCR slip in exactly one value makes it add up
        culprits = [c for c, reg in zip(cells, regions)
                    if reg is not None and not corroborated(c.key) and any(_inside(a, reg) for a in repairs(c.raw))]
    if not culprits:
        # 3. the values no other pack backs and that could make it add up
        culprits = [c for c, reg in zip(cells, regions) if reg is not None and not corroborated(c.key)]
    if len(culprits) == 1:
        v = verdicts.setdefault(culprits[0].key, Verdict())
        v.contra.append(kind)
        v.needs.append((kind, regions[cells.index(culprits[0])]))
    else:
        for c in culprits:
            verdicts.setdefault(c.key, Verdict()).suspect.append(kind)
    who = ", ".join(f"{c.month}={c.value:g}" for c in culprits) or "the printed figure itself"
    return f"{row.pack} {kind} {t.value:g} does not fit; suspect {who}", [c.key for c in culprits]
