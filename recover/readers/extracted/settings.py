"""The confidences the extracted-text reader gives cells it had to place or repair, in one place.

Text without geometry is aligned by what each cell looks like and by the row's own arithmetic
(align*.py, checks.py); each repair or doubt lowers the cell's confidence to one of these figures,
which the table stage then multiplies into the reading (docs/confidence.md, 'From a cell to a
reading'). A month cell at or below `ambiguous` becomes an unreadable reading there.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextConfidence:
    # -- month cells -------------------------------------------------------------------------------
    ambiguous: float = 0.3
    """The placement of a row's values cannot be decided (fewer values than months, rival
    placements the checks cannot tell apart, a value left of the months, a negative 'month'):
    the texts are kept, the months become unreadable."""
    disagree: float = 0.5
    """A check of the row fails: the months it involves (or all, when no check pins the placement)."""
    slip_unpinned: float = 0.8
    """OCR'd plain text: a month no passing check pins against a digit slip (a % change, the
    maximum's own month; a 12-month average does not: extracted/checks.pins). Tesseract misreads
    '21' as '24' at 300 dpi and the plain text carries no word confidence to tell."""
    pinned_failing: float = 0.8
    """The other months of a row whose placement a check pins while another check fails."""
    unverified: float = 0.9
    """All values present and no other placement fits, but no check confirms it."""
    apart_lossy: float = 0.3
    """A month of a row whose values OCR'd text gave apart from its ref, paired by the register's
    order (apart.py): OCR loses refs ('EHla' for EH1a), so the one ref the order leaves for a run
    may be the wrong one, and the run's own arithmetic cannot tell (it checks its own tail): as
    unreadable as an undecidable placement, since the checks that would lift a review cell pass."""
    # -- text cells --------------------------------------------------------------------------------
    ref_split: float = 0.8
    """A ref split off the title it was glued to ('M2 Number of ...')."""
    title_split: float = 0.9
    """The title left after a ref (or junk standing for one) was split off it."""
    junk_ref: float = 0.3
    """Glyph junk standing where an OCR-garbled ref was, split off the title."""
    merged: float = 0.8
    """Cells joined into one column (a wrapped name, overflowing text), or a ref whose look-alike
    letters were folded to Latin."""
    inserted: float = 0.5
    """An empty cell inserted for a column the row printed nothing for (a lost ref, merged names)."""
    # -- tail cells ---------------------------------------------------------------------------------
    tail_empty: float = 0.6
    """A tail column (% change, average, benchmark ...) the row printed nothing for."""
    tail_repaired: float = 0.9
    """A tail cell after a '%' or '-' split off it was moved back, or two pieces were joined."""
    # -- headers ----------------------------------------------------------------------------------
    header_repaired: float = 0.9
    """A month label renamed from its neighbours, a header cell inferred (a blank 'Ref.', an
    inserted ref column), or a whole header synthesised from another clue."""
    # -- pdfminer streams ---------------------------------------------------------------------------
    stream_fragments: float = 0.9
    """A ref or name rejoined from the 2-3 letter fragments a rotated cell comes out as."""
    stream_lost: float = 0.5
    """A ref or reporter name the stream lost."""


CONF = TextConfidence()
