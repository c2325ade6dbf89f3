"""Frozen records reconciliation hands to outputs, the review loop and the check."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    """One value some readings of a (ref, month) agree on."""
    value: float | None           # None: the packs print it as missing
    decimals: int | None
    probability: float            # posterior that this is the current true value
    sources: tuple[str, ...]      # "YYYY-MM file.pdf p.3 (0.93)": pack, file, page, effective confidence
    n_packs: int

    def label(self) -> str:
        from .precision import fmt
        v = fmt(self.value, self.decimals) if self.value is not None else "missing"
        return f"{v} [{', '.join(self.sources)}]"


@dataclass(frozen=True)
class SeriesCell:
    ref: str
    title: str
    unit: str
    month: str
    value: float | None
    confidence: float
    status: str                   # ok | review | missing | corrected
    n_sources: int                # files whose reading supports `value`
    sources: tuple[str, ...]
    reason: str
    candidates: tuple[Candidate, ...] = ()
    decimals: int | None = None


@dataclass(frozen=True)
class Revision:
    """A value a later pack changed: not an error, a fact about the data."""
    ref: str
    month: str
    old_value: float
    old_pack: str                 # latest pack that printed the old value
    new_value: float
    new_pack: str                 # first pack that printed the new value
    old_decimals: int | None = None
    new_decimals: int | None = None


@dataclass(frozen=True)
class ReviewItem:
    ref: str
    title: str
    unit: str
    month: str
    current_value: float | None
    confidence: float
    candidates: tuple[Candidate, ...]
    reason: str
    decimals: int | None = None


@dataclass(frozen=True)
class Reconciled:
    cells: tuple[SeriesCell, ...]
    revisions: tuple[Revision, ...]
    review: tuple[ReviewItem, ...]
    misreads: tuple[str, ...] = field(default_factory=tuple)   # readings judged misread, for the log

    @property
    def series(self) -> tuple[SeriesCell, ...]:
        """The same cells (the name the pipeline uses)."""
        return self.cells

    def cell(self, ref: str, month: str) -> SeriesCell | None:
        for c in self.cells:
            if c.ref == ref and c.month == month:
                return c
        return None

    def by_key(self) -> dict[tuple[str, str], SeriesCell]:
        return {(c.ref, c.month): c for c in self.cells}
