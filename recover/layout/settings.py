"""Every tolerance of the layout model, in one place (pdfplumber's TableSettings is the model).

Distances are relative to the input's own scale, so one setting serves a text layer (points),
pdftotext -layout text (character columns and line numbers) and OCR words (pixels):
  em    the median height of the page's upright words (a text line's height)
  char  the median width of one character of those words
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class LayoutSettings:
    # --- words -------------------------------------------------------------------------------
    word_gap: float = 0.22
    """Text layer: a gap between two glyphs wider than this x font size ends a word."""

    mark_gap: float = 0.08
    """Text layer: a dash this far (x font size) after a digit starts a word of its own (a
    number never ends in a dash; glyphs of one word touch)."""

    line_tol: float = 0.45
    """Upright words whose vertical centres differ by less than this x em share a text line."""

    # --- header ------------------------------------------------------------------------------
    min_months: int = 5
    """A text line with at least this many month labels in a row is a table's header line."""

    label_gap: float = 1.6
    """Words of one header label on one line are at most this x the page's word space apart
    ('Sep 2019', 'Commentary (May-19):'); neighbouring labels are further apart."""

    month_step_break: float = 1.8
    """A step between neighbouring month labels longer than this x the run's median step ends the
    run: dashboards print several one-line tables side by side on the same text line."""

    month_step_join: float = 2.6
    """A month label printed on the line above or below the run's first or last is the run's
    up to this x the median step from it (layout text spreads the labels over the columns'
    widths: the first month of a wide first column sits further out)."""

    month_step_spread: float = 5.0
    """Consecutive months with nothing between them stay one run up to this x the median step:
    layout text spreads a header whose cells wrap unevenly (an unwrapped label sits several
    steps from a wrapped neighbour). Side-by-side charts repeat their months, never continue
    them."""

    header_gap: float = 1.6
    """The header band grows up from its month line through text lines at most this many of the
    header's own leadings apart."""

    table_side_gap: float = 25.0
    """A header label further than this x char from its neighbour is not part of the table."""

    # --- columns -----------------------------------------------------------------------------
    body_side_gap: float = 3.0
    """Body text left or right of the outer header labels belongs to the table while it is no
    further than this x char from the table's other text (a dashboard's row label)."""

    # --- rows --------------------------------------------------------------------------------
    min_values: int = 1
    """A text line with at least this many value-like words under month labels holds a row's
    values (a new indicator may print one month only)."""

    value_reach: float = 0.75
    """A value belongs under the nearest month label within this many label steps (rows are
    found from these lines; which month a value is in is decided by the column boundaries)."""

    mark_height: float = 0.6
    """A word under the months that is no value ends a table's body only when it is at least
    this x em tall: text that ends a table (a chart's title, prose, a footer) is, a lowercase
    word's x-height is 0.7 em; a shorter word is a mark, such as the piece of a fill's edge that
    a scan keeps where a dark fill meets a lighter one (0.4 em), read as 'a'."""

    body_gap: float = 3.5
    """Below the last row, a vertical gap wider than this x em ends the table (page footers)."""

    first_row_gap: float = 6.0
    """Between the header and the first row, a vertical gap wider than this x em means the words
    above it are not in the table."""

    ref_weight: float = 4.0
    """Row boundaries: a line that opens with a ref counts this many em of gap."""

    # --- confidence --------------------------------------------------------------------------
    ambiguous_conf: float = 0.3
    """Month cells whose placement the geometry could not decide (grid contract: <= 0.3)."""

    slot_margin: float = 0.25
    """A row's values whose second-best placement into the months is within this many label
    steps of the best are doubtful (slots.py)."""

    slot_reach: float | None = 0.5
    """A row's values of which one is placed further than this many label steps from its month's
    anchor are doubtful: the geometry puts that value in another month (slots.far_off). None for
    text laid out on a character grid (pdftotext -layout), whose positions are whole characters
    re-spaced by the tool, so a cell's end moves within its column (LibreOffice's right-aligned
    marks beside its numbers); the split value the check guards against is a scan's."""

    straddle_frac: float = 0.25
    """A word with more than this share of its width across a column boundary straddles it."""


DEFAULT = LayoutSettings()
GRID_TEXT = replace(DEFAULT, slot_reach=None)   # text on a character grid (pdftotext -layout)
