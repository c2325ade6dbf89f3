"""What reconciliation works on: the readings of one (ref, month), grouped into candidate values,
and the plausibility of a value for its unit."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Observation
from . import confidence as cf
from .records import Seen


@dataclass(eq=False)
class Reading:
    obs: Observation
    value: float | None
    decimals: int | None
    factor: float = 1.0
    e: float = 0.0
    notes: list[str] = field(default_factory=list)
    needs: object = None          # the failing row checks that blamed this reading (arith.Verdict)
    stray: bool = False           # printed with more decimals than its row: a digit OCR added?

    @property
    def pack(self) -> str:
        return self.obs.pack or ""

    def label(self) -> str:
        return f"{self.pack} {self.obs.source} p.{self.obs.page} ({self.e:.2f})"

    def seen(self) -> Seen:
        return seen(self.obs, self.e)


def seen(o: Observation, confidence: float) -> Seen:
    return Seen(o.pack or "", o.source, o.page, o.box, o.raw, round(confidence, 4), o.method, o.file_hash,
                o.row_id, getattr(o, "lines", "") or "")


@dataclass(eq=False)
class Cluster:
    members: list[Reading]

    @property
    def rep(self) -> Reading:
        return self.members[0]       # members are kept in rep_order

    @property
    def value(self) -> float | None:
        return self.rep.value

    @property
    def files(self) -> set[str]:
        return {r.obs.file_hash or r.obs.source for r in self.members}

    def group(self) -> cf.Group:
        packs = [r.pack for r in self.members]
        return cf.Group(tuple(r.e for r in self.members), min(packs), max(packs), self.value is not None)


def rep_order(r: Reading) -> tuple:
    """A group's value is its most precise reading, then its most confident; but not one printed
    with more decimals than its row ('61.11%' among '61.1%'s agrees with them, and would win)."""
    return (r.stray, -(r.decimals or 0), -r.e)


@dataclass(eq=False)
class CellWork:
    ref: str
    month: str
    readings: list[Reading]
    unread: list[Observation] = field(default_factory=list)   # readings too poor to count
    clusters: list[Cluster] = field(default_factory=list)
    weighed: cf.Weighed | None = None
    best: int = -1

    @property
    def unreadable(self) -> int:
        return len(self.unread)

    @property
    def chosen(self) -> Cluster | None:
        return self.clusters[self.best] if self.best >= 0 else None

    @property
    def probability(self) -> float:
        return self.weighed.probability[self.best] if self.best >= 0 else 0.0


def implausible(value: float, decimals: int | None, unit: str) -> str:
    if unit == "percent" and not 0 <= value <= 100:
        return f"{value:g} is not a percentage in 0-100"
    if unit == "count" and (value < 0 or not float(value).is_integer() or (decimals or 0) > 0):
        return f"{value:g} is not a whole count >= 0"
    if unit == "rate" and value < 0:
        return f"{value:g} is a negative rate"
    return ""
