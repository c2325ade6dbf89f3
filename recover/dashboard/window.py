"""A row of axes OCR damaged past reading, read again from the caption's window (text without
positions: tesseract's plain text above all).

At 200 dpi tesseract's text of a row of charts' month labels keeps too few labels whole for the
runs of axis.py: 'Dec-19 Jan20 Fed-20 Mar-20 For20 May-20 pn-20 h20 Aug 20 Sep.20 Oct-20 Nov-20
Dec 20 Dec-19 an-20 ...' (a label split in two words, its year alone reading as a value; two
damaged labels side by side). Yet every chart of the row shows the window its caption names
('Monthly trend, Dec-19 to Dec-20'), so such a line is a row of axes when

  - the latest caption above it names a window, and the labels of the line that do parse are
    all months of that window, at least min_months of them (but for one a row or so whose year
    OCR misread, 'jun-22' among Jun-20..Jun-21: a label damaged past reading);
  - read left to right they form k ascending runs (each chart's axis starts the window again),
    each of at least MIN_PARSED labels;
  - nothing else stands on the line: every word is a month label, damaged or whole, or a short
    piece of one ('Aug', '20', 'For20': no value of three or more digits), and at least half of
    them look like labels (a chart's label and values never do).

The line's words are then k copies of the window's labels; those whose label did not parse are
read back (Token.read_back, conf 0.0: nothing of them was read) and the axis marks them repaired
(window_repaired). Which month each value is stays decided by count alone (stream.py): the labels'
damage says nothing of the value line, whose groups must still hold exactly as many values as the
window has months to be verified.
"""
from __future__ import annotations

import re

from recover.printed.dashboard import caption_months
from recover.printed.months import label as month_label, month_add, month_diff

from .axis import is_month_like, month_of
from .model import Axis, Token
from .settings import DEFAULT, DashboardSettings

MIN_PARSED = 3          # labels that parse in each chart's stretch of the line
_PIECE = re.compile(r"^\S{1,7}$")      # a piece of a label ('Aug', '20', 'h20', 'Juh20.')
_BIG_VALUE = re.compile(r"^\d{3,}")


def window_axes(toks: list[Token], settings: DashboardSettings = DEFAULT) -> list[Token]:
    """toks with each damaged row of axes (the module docstring) replaced by its window's labels."""
    lines: dict[int, list[int]] = {}
    for i, t in enumerate(toks):
        lines.setdefault(t.line or 0, []).append(i)
    out: list[Token] = []
    window = None
    for n in sorted(lines):
        ts = [toks[i] for i in lines[n]]
        got = _row_of_axes(ts, window, settings)
        if got is not None:
            out += got
        else:
            out += ts
        named = caption_months(" ".join(t.text for t in ts))
        if named is not None:
            window = named
    return out


def _row_of_axes(ts: list[Token], window, settings: DashboardSettings) -> list[Token] | None:
    if window is None:
        return None
    months = [month_add(window[0], k) for k in range(month_diff(window[0], window[1]) + 1)]
    if len(months) < settings.min_months:
        return None
    parsed = [(k, m) for k, t in enumerate(ts) if (m := month_of(t.text))]
    # a label whose year OCR misread ('jun-22' among Jun-20..Jun-21) is one damaged past reading
    off = [m for _, m in parsed if m not in months]
    if len(off) > 1 + len(parsed) // len(months) or any(m[5:] not in {w[5:] for w in months} for m in off):
        return None
    parsed = [(k, m) for k, m in parsed if m in months]
    if len(parsed) < settings.min_months:
        return None
    like = sum(1 for t in ts if is_month_like(t.text))
    if 2 * like < len(ts) or not all(is_month_like(t.text) or (_PIECE.match(t.text) and not _BIG_VALUE.match(t.text))
                                     for t in ts):
        return None
    runs: list[list[str]] = [[]]
    for _, m in parsed:
        if runs[-1] and m <= runs[-1][-1]:
            runs.append([])
        runs[-1].append(m)
    if any(len(r) < MIN_PARSED for r in runs) or len(ts) > 2 * len(runs) * len(months):
        return None
    line = ts[0].line
    out = []
    for r in runs:
        seen = set(r)
        out += [Token(month_label(m), line=line) if m in seen else
                Token(month_label(m), line=line, conf=0.0, read_back=True) for m in months]
    return out


def window_repaired(axis: Axis) -> Axis:
    """The axis with the labels window_axes read back marked repaired."""
    back = tuple(i for i, t in enumerate(axis.labels) if t.read_back)
    if not back:
        return axis
    return Axis(axis.labels, axis.months, tuple(sorted(set(axis.repaired) | set(back))))
