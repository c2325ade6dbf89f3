"""Every threshold of the table stage (grid -> header -> rows -> readings), in one place.

The numbers are confidences in 0..1 that the table stage multiplies into a reading's confidence or
caps it at (docs/confidence.md, 'From a cell to a reading'). Pass another TableSettings to
read_tables / find_header to tune them; TABLE is what the pipeline uses.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSettings:
    unreadable_below: float = 0.35
    """A reader's cell confidence below this means: do not trust the text. The reading becomes
    'unreadable' (a blank the reader could not place is no evidence of a blank print)."""
    unreadable_cap: float = 0.2
    """The confidence an unreadable reading keeps (it is listed, never used as a value)."""
    repaired_labels: tuple[float, ...] = (1.0, 0.9, 0.6)
    """Header confidence by how many month labels had to be renamed from their neighbours (0, 1,
    2); one OCR-damaged label is common, several mean the repair itself may be wrong."""
    many_repaired: float = 0.3
    """Header confidence when more labels than repaired_labels covers were renamed, or the labels
    are not consecutive and could not be made so."""
    inferred_header: float = 0.9
    """Cap for a header the reader synthesised from another clue (GridMeta.header_inferred)."""
    inherited_header: float = 0.5
    """Cap for months placed by another page's header (a continuation table printed without its
    own): never ok on that evidence alone."""
    pack_hint_conflict: float = 0.3
    """Cap when the header's pack month disagrees with the reader's clue (GridMeta.pack_hint)."""
    unchecked_extra: float = 0.8
    """Extracted text places benchmark and target columns by their look alone and no arithmetic
    confirms them: their values never carry more than this."""
    all_missing: float = 0.9
    """A row whose every cell the reader saw prints a missing marker ('-', 'tbc') is missing
    throughout: its cells the reader could not place get this confidence instead of unreadable."""
    same_column_tol: float = 3.0
    """Points: a continuation table's column left edges must line up this closely with the
    previous page's to inherit its header."""

    def header_conf(self, repaired: int) -> float:
        table = self.repaired_labels
        return table[repaired] if repaired < len(table) else self.many_repaired


TABLE = TableSettings()
