"""Value agreement: do a row's values agree with what other packs hold for an indicator?

The held values come from anchor rows (identified by their label alone, or by a person; see
stage.py). For a row x and an indicator i, every month m where x prints a value v and another pack
holds i is a test:

    agree_m   v agrees at printed precision with a value some other pack's anchor row shows for (i, m)
    c(i, v)   the chance that a row which is not i agrees anyway: the share of the months i is held
              at where its held value agrees with v ('1278' in a series of 1100-1600 counts: ~1/50;
              '0' in a series of small counts that is often 0: ~1/3), clipped to [C_MIN, C_MAX]

    q(i, m)   the share of the other packs whose anchor rows show a value v agrees with (each
              pack counts once, its files' rows sharing its weight): 1 when every other pack
              shows the same; small when v agrees only with a copy few packs show

    LLR(i) = sum over agreeing months of     ln(q P_AGREE / c + (1 - q) (1 - P_AGREE) / (1 - c))
           + sum over disagreeing months of  ln((1 - P_AGREE) / (1 - c))

An agreement is only as good as the copy it agrees with: q is the chance that the copy v agrees
with is what i printed for m, and otherwise v disagrees with it. A reader that paired one file's
refs with the next row's values makes anchors that show each indicator's values under the ref
above; a row that agrees with such a copy, where most packs show another value, is not vouched for
by it (the copy is outvoted month after month), while a month revised from one pack to the next
keeps most of its weight.

P_AGREE is the chance that a row of i agrees with what another pack holds for the same month
(revisions, misreads on either side and a held misread make up the rest). LLR is the log of how
much more likely the values are if x is i than if it is not. Readings of x's own pack month (x's
own file, another file of the same pack such as its scan, the pack's dashboard copy of a table
row) are never used: one pack printing a figure twice is not two packs agreeing.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass

from recover.printed.arithmetic import half_unit

from .evidence import Reading

P_AGREE = 0.9
_HALF = {d: half_unit(d) for d in range(8)}


def _half(decimals: int | None) -> float:
    """half_unit (recover.reconcile.precision: printed precision), looked up: it runs millions of times."""
    return _HALF.get(decimals or 0) or half_unit(decimals)
C_MIN = 0.01
C_MAX = 0.95


@dataclass(frozen=True)
class Held:
    """One value an anchor row shows for (ref, month)."""
    value: float
    decimals: int | None
    pack: str


@dataclass(frozen=True)
class Agreement:
    ref: str
    llr: float
    agree: int                    # months that agree
    overlap: int                  # months another pack holds

    def text(self) -> str:
        return f"values agree with {self.ref} at {self.agree} of {self.overlap} months other packs hold"


class HeldValues:
    """What anchor rows show, indexed for the agreement test (built once per identification)."""

    def __init__(self):
        self._cells: dict[tuple[str, str], list[Held]] = defaultdict(list)
        self._by_month: dict[tuple[str, int], set[str]] = defaultdict(set)   # (month, floor) -> refs
        self._reps: dict[str, list[tuple[float, int]]] | None = None
        self._distinct_cache: dict = {}
        self._chance_cache: dict = {}

    def add(self, ref: str, pack: str, values) -> None:
        for r in values:
            self._cells[(ref, r.month)].append(Held(r.value, r.decimals, pack))
            self._by_month[(r.month, math.floor(r.value))].add(ref)
        self._reps = None
        self._distinct_cache = {}
        self._chance_cache = {}

    def __bool__(self) -> bool:
        return bool(self._cells)

    def refs(self) -> set[str]:
        return {ref for ref, _ in self._cells}

    # ---- the test ------------------------------------------------------------------------------
    def candidates(self, values, pack: str, at_least: int = 1) -> set[str]:
        """Refs that another pack holds an agreeing value for at `at_least` of these months."""
        hits: dict[str, int] = defaultdict(int)
        for r in values:
            f = math.floor(r.value)
            found = set()
            for bucket in (f - 1, f, f + 1):
                for ref in self._by_month.get((r.month, bucket), ()):
                    if ref not in found and self._agrees(ref, r, pack):
                        found.add(ref)
            for ref in found:
                hits[ref] += 1
        return {ref for ref, n in hits.items() if n >= at_least}

    def agreement(self, ref: str, values, pack: str) -> Agreement:
        llr, n_agree, overlap = 0.0, 0, 0
        for r in values:
            held = self._distinct(ref, r.month)
            if not held or all(packs.keys() == {pack} for packs in held.values()):
                continue
            overlap += 1
            c = self.chance(ref, r)
            q = self.support(ref, r, pack)
            if q > 0:
                n_agree += 1
                llr += math.log(q * P_AGREE / c + (1 - q) * (1 - P_AGREE) / (1 - c))
            else:
                llr += math.log((1 - P_AGREE) / (1 - c))
        return Agreement(ref, round(llr, 3), n_agree, overlap)

    def support(self, ref: str, r: Reading, pack: str) -> float:
        """q: the share of the packs other than `pack` holding (ref, r.month) whose rows show a
        value r agrees with; a pack whose files show different values shares its weight among them."""
        hu = _half(r.decimals)
        agreeing, total = 0.0, 0.0
        for (v, d), packs in self._distinct(ref, r.month).items():
            w = sum(n for p, n in packs.items() if p != pack)
            total += w
            if w and abs(r.value - v) < hu + _half(d) - 1e-9:
                agreeing += w
        return agreeing / total if total else 0.0

    def _distinct(self, ref: str, month: str) -> dict:
        """(value, decimals) -> {pack: its weight}, for one held cell: each pack weighs 1 in all,
        shared by the rows (its files, a dashboard's copy) that show the cell."""
        key = (ref, month)
        got = self._distinct_cache.get(key)
        if got is None:
            cells = self._cells.get(key, ())
            rows_of = defaultdict(int)
            for h in cells:
                rows_of[h.pack] += 1
            got = {}
            for h in cells:
                packs = got.setdefault((h.value, h.decimals), {})
                packs[h.pack] = packs.get(h.pack, 0.0) + 1.0 / rows_of[h.pack]
            self._distinct_cache[key] = got
        return got

    def _agrees(self, ref: str, r: Reading, pack: str) -> bool:
        hu = _half(r.decimals)
        return any(abs(r.value - v) < hu + _half(d) - 1e-9 and packs.keys() != {pack}
                   for (v, d), packs in self._distinct(ref, r.month).items())

    # ---- chance agreement ---------------------------------------------------------------------
    def chance(self, ref: str, r: Reading) -> float:
        """The share of the months `ref` is held at whose held value agrees with r's value (kept:
        the same month's figure comes back in every pack that prints it)."""
        key = (ref, r.value, r.decimals)
        got = self._chance_cache.get(key)
        if got is None:
            got = self._chance_cache[key] = self._chance(ref, r)
        return got

    def _chance(self, ref: str, r: Reading) -> float:
        reps = self._representatives().get(ref, [])
        if not reps:
            return C_MAX
        reach = half_unit(r.decimals) + 0.5      # no printed precision is coarser than whole units
        lo = bisect.bisect_left(reps, (r.value - reach, -1))
        hi = bisect.bisect_right(reps, (r.value + reach, 99))
        hu = _half(r.decimals)
        hits = {month for v, month in reps[lo:hi] if abs(r.value - v) < hu + _half(self._decimals[ref][(v, month)]) - 1e-9}
        n_months = self._n_months[ref]
        return min(C_MAX, max(C_MIN, len(hits) / n_months))

    def _representatives(self) -> dict[str, list[tuple[float, int]]]:
        """ref -> sorted (value, month number) of every distinct held value."""
        if self._reps is None:
            reps: dict[str, set[tuple[float, int]]] = defaultdict(set)
            decimals: dict[str, dict] = defaultdict(dict)
            months: dict[str, set[str]] = defaultdict(set)
            month_no: dict[str, int] = {}
            for (ref, month), held in self._cells.items():
                k = month_no.setdefault(month, len(month_no))
                months[ref].add(month)
                for h in held:
                    reps[ref].add((h.value, k))
                    d = decimals[ref].get((h.value, k))
                    decimals[ref][(h.value, k)] = h.decimals if d is None else max(d, h.decimals or 0)
            self._reps = {ref: sorted(v) for ref, v in reps.items()}
            self._decimals = decimals
            self._n_months = {ref: len(m) for ref, m in months.items()}
        return self._reps
