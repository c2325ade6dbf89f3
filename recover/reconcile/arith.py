"""Arithmetic checks from a row's own printed figures, across packs.

What each figure covers (pct_prev, pct_year, avg12, max12 over the 12 months ending with the pack
month) and when a check holds are the one rule of recover/printed/arithmetic.py, which the
extracted-text reader's alignment uses too. Here the months a row does not print with a value are
taken from the packs up to it (the value as it was known then), and a check that needs a month
nobody shows is left out. A check that holds confirms the values it pins down; a check that fails
points at the misread, by finding the value whose replacement with another pack's reading (or,
failing that, the only reading no other pack backs) makes it hold.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import RowRecord
from ..printed.months import month_add
from ..printed.numbers import slip_values
from ..printed.arithmetic import (CHECKS, EPS, Region, Target, half_unit, holds, inside, month_offsets, region,
                                  row_target)

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
        weighted = slip_values(raw, weighted=True)
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
        return all(inside(value, reg) for _, reg in self.needs)


# ---- applying the checks to one row ------------------------------------------------------------
Lookup = Callable[[str], "tuple[float, int | None] | None"]


def _months(kind: str, pack: str) -> list[str]:
    return [month_add(pack, -k) for k in month_offsets(kind)]


def check_row(row: RowRecord, own: dict[str, tuple[float, int | None, object]], exact: bool,
              borrowed: Lookup, alternatives: Callable[[str, object], list[float]],
              corroborated: Callable[[object], bool]) -> tuple[dict[object, Verdict], list[tuple[str, list]]]:
    """Verdicts for this row's own readings and a note per failing check.

    own: month -> (value, decimals, reading key, raw) of the row's readings with a value;
    borrowed(month): the value the packs up to this one show for a month this row does not print
    with a value (a check that needs a month nobody shows is left out); alternatives(month, key):
    other packs' values for that month;
    corroborated(key): another file backs this reading. Notes are (text, keys of the suspects)."""
    verdicts: dict[object, Verdict] = {}
    notes: list[tuple[str, list]] = []
    if not row.pack:
        return verdicts, notes
    for kind in CHECKS:
        t = row_target(row, kind, MIN_EXTRA_CONF)
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
    """The terms of one check, or None when a month it needs is not known."""
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


def _blame(kind, cells, t, verdicts, alternatives, corroborated, row) -> str:
    regions = [region(kind, cells, t, i) if c.own else None for i, c in enumerate(cells)]
    # 1. another pack's reading of that month makes the row add up
    culprits = [c for c, reg in zip(cells, regions)
                if reg is not None and any(inside(a, reg) for a in alternatives(c.month, c.key))]
    if not culprits:
        # 2. undoing one OCR slip in exactly one value makes it add up
        culprits = [c for c, reg in zip(cells, regions)
                    if reg is not None and not corroborated(c.key) and any(inside(a, reg) for a in slip_values(c.raw))]
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
