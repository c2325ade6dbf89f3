"""Every tolerance of the dashboard model, in one place.

Positioned inputs (a text layer, OCR words, pdftotext -layout columns) measure distances in the
block's own month step (the distance between neighbouring month labels of its axis) and in the
page's text-line height (em), so one setting serves points, pixels and character columns.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardSettings:
    # --- the month axis ----------------------------------------------------------------------
    min_months: int = 6
    """A run of at least this many consecutive month labels is a block's axis (charts print 13;
    fewer than 6 is a table's header fragment or a caption)."""

    step_break: float = 1.7
    """Positioned: a gap between neighbouring month labels wider than this x the run's median step
    ends the run (blocks side by side on one line)."""

    max_axis_gap: int = 2
    """Words of any shape a run of month labels may hold between two real labels, when the months
    of those two are exactly that many apart plus one ('Mar-21 Ape-za May-21': OCR damaged one)."""

    # --- the value line ------------------------------------------------------------------------
    value_lines: float = 4.0
    """Positioned: the value line is the first line below the axis within this x em."""

    min_values: int = 3
    """A value line holds at least this many values under the axis."""

    label_reach: float = 2.8
    """Positioned: the label sits left of the first month, within this x step of its centre
    (a label cell is 1-2 month cells wide)."""

    place_tol: float = 0.55
    """Positioned: a value belongs to the month whose label centre is within this x step (values
    are right-aligned in their cells, labels centred)."""

    max_lost_share: float = 0.34
    """Positioned OCR words: a block that lost more than this share of its values to OCR is
    unverified (the line's segmentation failed; what it kept beside the gaps is no reading to vouch
    for: '7' for '17' in a line that lost 5 of 11)."""

    column_drift: float = 1.5
    """Character columns (pdftotext -layout lays out each line on its own): a value line's first
    value may start this many steps left of the first month label's centre ('EH3   -      549' with
    the '-' of a missing first month a step and more left of 'Sep-19')."""

    side_clear: float = 1.2
    """Positioned: nothing value-like right of the last month within this x step (a dataset
    table goes on with % change, average and max columns)."""

    # --- text without positions ----------------------------------------------------------------
    max_label_tokens: int = 3
    """Stream: a chart's label is at most this many words ('LAC9 (val)', 'LAC11-QL (%'); a dataset
    table's header or row goes on with '% change from previous month' or the indicator's title."""

    paired_months: int = 13
    """Stream, a one-line table read cell by cell ('Mar-20 1198 Apr-20 1147 ...'): without a caption
    naming its window, it is read only when it holds this many months (a chart's window). A part
    of one in order with the rest elsewhere is how pdftotext scatters a chart's cells, and there a
    value can sit beside the next month's label ('Apr-20 17' for Mar-20's 17)."""

    max_stream_values: int = 16
    """Stream: a chart's group holds at most this many values (13 months, a lost label's
    neighbour at most); a dataset row goes on with % changes, average, max and benchmarks."""

    # --- confidence ----------------------------------------------------------------------------
    unverified_conf: float = 0.3
    """Values whose month could not be verified (grid contract: <= 0.3, read as unreadable)."""

    count_conf: float = 0.9
    """Values placed by count alone (as many as months, no positions): nothing but their number
    says which month each is."""

    folded_label_conf: float = 0.8
    """A label whose letters were read back as digits ('LACL3' -> 'LAC13')."""

    corroborated_conf: float = 0.8
    """A value OCR read doubtfully (its looks disagreed) that every other reading of its month
    prints alike: ok, below a clean read."""

    agree_months: int = 6
    """A chart whose text lost one value is placed only where at least this many of its months
    agree with other readings of them (as many as identification by values asks)."""

    repaired_axis_conf: float = 0.9
    """A value under a month label that was repaired from its neighbours ('Fsb-20')."""


DEFAULT = DashboardSettings()
