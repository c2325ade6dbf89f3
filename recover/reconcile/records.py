"""Frozen records reconciliation hands to outputs, the review loop and the check."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Box


@dataclass(frozen=True)
class Seen:
    """One reading behind a candidate value: where it is printed and how sure its reading is."""
    pack: str
    source: str
    page: int
    box: Box | None               # the cell on the page (PDF points, top-left origin)
    raw: str                      # the cell text as read
    confidence: float             # effective confidence in reconciliation (read confidence for unreadable)
    method: str
    file_hash: str = ""
    row_id: str = ""
    lines: str = ""               # "a-b": the lines of a text input the row came from

    @property
    def where(self) -> str:
        """'box x0,y0,x1,y1' or 'lines a-b': enough to find the cell without recover."""
        if self.box is not None:
            return f"box {self.box}"
        if not self.lines:
            return ""
        first, _, last = self.lines.partition("-")
        return f"line {first}" if last in ("", first) else f"lines {self.lines}"

    def label(self) -> str:
        where = f" {self.where}" if self.where else ""
        return f"{self.pack} {self.source} p.{self.page}{where} ({self.confidence:.2f})"


@dataclass(frozen=True)
class Candidate:
    """One value some readings of a (ref, month) agree on."""
    value: float | None           # None: the packs print it as missing
    decimals: int | None
    probability: float            # posterior that this is the current true value
    sources: tuple[str, ...]      # "YYYY-MM file.pdf p.3 (0.93)": pack, file, page, effective confidence
    n_packs: int
    readings: tuple[Seen, ...] = ()   # the same readings with their boxes (empty for a correction)

    @property
    def text(self) -> str:
        from .precision import fmt
        return fmt(self.value, self.decimals) if self.value is not None else "missing"

    def label(self) -> str:
        """'value [where, ...]' with every reading's box or lines when known."""
        where = [r.label() for r in self.readings] or list(self.sources)
        return f"{self.text} [{', '.join(where)}]"


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
    unreadable: tuple[Seen, ...] = ()  # readings too poor to count (listed so a person can look)
    short_reason: str = ""            # the cell's own reason, without the row-level checks
    row_notes: tuple[str, ...] = ()   # row-level explanations (arithmetic checks of the row)


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
    unreadable: tuple[Seen, ...] = ()
    short_reason: str = ""
    row_notes: tuple[str, ...] = ()

    def readings(self) -> list[Seen]:
        """Every reading of the cell, the leading candidate's first, unreadable ones last."""
        return [r for c in self.candidates for r in c.readings] + list(self.unreadable)

    @property
    def primary(self) -> Seen | None:
        """The reading a reviewer should look at first: the leading value's most confident one."""
        seen = self.readings()
        return seen[0] if seen else None


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
