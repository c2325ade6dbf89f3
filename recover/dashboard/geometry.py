"""Blocks from positioned words: a text layer's glyphs, OCR words, pdftotext -layout columns.

Every producer prints the same three things, whatever draws the chart: a run of month labels
(the axis of the one-line table), under it one line of values with a label cell to their left,
and text above. So a block is found from those, never from rules or one renderer's geometry:

  axis       a run of >= min_months consecutive month labels on one text line, with nothing
             else on that line between and just beside its labels (a dataset table's header
             line goes on with '% change', 'avg', 'SN' ...);
  values     the first line below the axis (within value_lines em) with >= min_values
             value-like words under the axis; nothing value-like just right of the last month
             (a dataset row goes on with its % change and average), and no second such line
             right under it (a dataset table has more rows);
  label      the words of the value line left of the first month, within label_reach steps;
  columns    character columns (pdftotext -layout) lay out each line on its own, so a value line
             may drift a cell off its labels: there a value line of exactly one value per month,
             in order and ended by a word that is no value, is placed by count;
  context    the phrases above the axis (up to the block above, or context_lines em) that start
             inside the block's columns: a long title belongs to the block it starts in.

Distances are in the axis' month step and the page's line height, so one setting serves points,
pixels and character columns.
"""
from __future__ import annotations

from dataclasses import dataclass

from recover.layout.lines import TextLine, phrases, space_width, text_lines
from recover.layout.settings import DEFAULT as LAYOUT
from recover.layout.words import Word, scale_of
from recover.model import Box
from recover.printed.cells import is_value, month_value_like

from .axis import month_of, month_runs
from .context import read_context
from .model import Axis, Block, Token
from .settings import DEFAULT, DashboardSettings

PHRASE_GAP = 2.5        # x the page's word space: wider gaps separate phrases on one line
TITLE_INDENT = 3.0      # x the word space: a title may start this far left of the label cell's text


@dataclass(frozen=True)
class Found:
    block: Block
    region: tuple[float, float, float, float]   # the block with its text, in input units
    table: tuple[float, float, float, float]    # the axis, label and values only


def find_blocks(words: list[Word], *, box_scale: float | None = 1.0, char_columns: bool = False,
                settings: DashboardSettings = DEFAULT, layout=None) -> list[Found]:
    """char_columns: the words' positions are character columns that the tool laid out line by line
    (pdftotext -layout), so a value line may run wider or narrower than the month labels above it:
    there a line holding exactly one value per month, in order, is placed by count. layout: the
    row/column model's reading of the same words with its default settings (recover.layout
    .PageLayout), whose scale and text lines are taken instead of being found again."""
    if layout is None:
        sc = scale_of(words)
        lines = text_lines(words, sc.em, LAYOUT)
        space = space_width(lines, sc.char)
    else:
        sc, lines, space = layout.scale, list(layout.lines), layout.space
    tokens = _Tokens(lines, box_scale)
    found: list[Found] = []
    for li, line in enumerate(lines):
        right_of_prev = float("-inf")
        # an axis holds min_months labels that parse (axis._axis): a line with fewer has none
        if sum(1 for w in line.words if month_of(w.text)) < settings.min_months:
            continue
        for a, b, axis in month_runs(tokens[li], settings):
            got = _block(lines, tokens, li, a, b, axis, right_of_prev, sc.em, settings, char_columns)
            if got is None:
                continue
            label, values, vline, left, positioned = got
            step = axis.step
            x1 = axis.labels[-1].x1 + 0.5 * step
            top = _top(found, left, x1, _rows_above(lines, tokens, li, left, x1, settings))
            ctx = read_context(_phrases(lines, top, line.y0, left, x1, space))
            block = Block(axis, label, tuple(values), ctx, positioned, len(found))
            found.append(Found(block, (left, top, x1, lines[vline].y1),
                               (left, line.y0, x1, lines[vline].y1)))
            # the next block's label may sit closer than half a step to this block's last cell
            # (character columns): what this block printed ends where its last word ends
            right_of_prev = max([axis.labels[-1].x1] + [t.x1 for t in values])
    return found


class _Tokens:
    """The tokens of each text line, made when the line is first looked at: most lines of a page
    are never near an axis (a dataset table's page has one month line and no block)."""

    def __init__(self, lines: list[TextLine], box_scale: float | None):
        self._lines, self._scale, self._made = lines, box_scale, {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int) -> list[Token]:
        got = self._made.get(i)
        if got is None:
            got = self._made[i] = [_token(w, self._scale) for w in self._lines[i].words]
        return got


def _token(w: Word, box_scale: float | None) -> Token:
    box = None if box_scale is None else Box(round(w.x0 * box_scale, 1), round(w.y0 * box_scale, 1),
                                              round(w.x1 * box_scale, 1), round(w.y1 * box_scale, 1))
    return Token(w.text, w.x0, w.x1, box, w.line, w.conf)


def _block(lines: list[TextLine], tokens, li: int, a: int, b: int, axis: Axis, right_of_prev: float,
           em: float, s: DashboardSettings, char_columns: bool = False):
    step = axis.step
    if not step or step <= 0:
        return None
    first, last = axis.labels[0], axis.labels[-1]
    row = tokens[li]
    beside = [t for k, t in enumerate(row) if not a <= k < b and
              first.x0 - 0.5 * step < t.cx < last.cx + s.side_clear * step]
    if beside:
        return None                     # a header line: the months are not alone on it
    lo, hi = first.cx - s.place_tol * step, last.cx + s.place_tol * step
    vline = _value_line(lines, tokens, li, lo, hi, em, s)
    if vline is None:
        return None
    vrow = tokens[vline]
    left = max(first.cx - s.label_reach * step, right_of_prev)
    run = _one_per_month(vrow, left, first.cx - s.column_drift * step, len(axis.months)) if char_columns else None
    if run is not None:
        label = [t for t in vrow if left <= t.cx < run[0].cx and not month_value_like(t.text)]
        x0 = min([t.x0 for t in label] + [first.x0 - 0.5 * step])
        return _join(label), run, vline, max(left, x0), False
    if any(hi < t.cx <= last.cx + s.side_clear * step and is_value(t.text) for t in vrow):
        return None                     # the row goes on: a dataset row's % change, average ...
    nxt = _value_line(lines, tokens, vline, lo, hi, em, s)
    if nxt is not None and _under(tokens[nxt], lo, hi) >= len(axis.months) // 2:
        return None                     # another row of values under the same months: a table
    label = [t for t in vrow if left <= t.cx < lo]
    while len(label) > 1 and is_value(label[0].text):
        label.pop(0)                    # a chart's axis number printed on the label's line
    values = [t for t in vrow if lo <= t.cx <= hi]
    x0 = min([t.x0 for t in label] + [first.x0 - 0.5 * step])
    return _join(label), values, vline, max(left, x0), True


def _one_per_month(vrow: list[Token], left: float, lo: float, n: int) -> list[Token] | None:
    """Character columns: the words of the value line after its label (the first value at or right
    of lo: column_drift steps left of the first month) when they are exactly n values in a row, ended
    by the line's end or by a word that is no value (the next chart's label). A dataset row goes on with % changes and averages; a chart that
    lost a value, or a line with a blank month, is not n values: both are left to positions."""
    row = sorted((t for t in vrow if t.cx >= left), key=lambda t: t.x0)
    start = next((k for k, t in enumerate(row) if t.cx >= lo and month_value_like(t.text)), None)
    if start is None or any(month_value_like(t.text) for t in row[:start]):
        return None
    end = start
    while end < len(row) and month_value_like(row[end].text):
        end += 1
    return row[start:end] if end - start == n else None


def _value_line(lines, tokens, li: int, lo: float, hi: float, em: float, s: DashboardSettings):
    y = lines[li].cy
    for k in range(li + 1, len(lines)):
        if lines[k].cy - y > s.value_lines * em:
            return None
        if _under(tokens[k], lo, hi) >= s.min_values:
            return k
    return None


def _under(row: list[Token], lo: float, hi: float) -> int:
    return sum(1 for t in row if lo <= t.cx <= hi and month_value_like(t.text))


def _join(toks: list[Token]) -> Token | None:
    if not toks:
        return None
    boxes = [t.box for t in toks if t.box is not None]
    box = None
    for bx in boxes:
        box = bx if box is None else box.union(bx)
    return Token(" ".join(t.text for t in toks), toks[0].x0, toks[-1].x1, box, toks[0].line,
                 min(t.conf for t in toks))


def _rows_above(lines, tokens, li: int, x0: float, x1: float, s: DashboardSettings) -> float:
    """The bottom of the nearest line above holding a row of values in these columns (a table
    above the dashboard), or the page top."""
    for k in range(li - 1, -1, -1):
        if _under(tokens[k], x0, x1) >= s.min_values:
            return lines[k].y1
    return float("-inf")


def _top(found: list[Found], x0: float, x1: float, floor: float) -> float:
    """The bottom of the nearest block above whose columns overlap these."""
    top = floor
    for f in found:
        fx0, _, fx1, fy1 = f.region
        if min(x1, fx1) - max(x0, fx0) > 0 and fy1 > top:
            top = fy1
    return top


def _phrases(lines: list[TextLine], top: float, bottom: float, x0: float, x1: float,
             space: float) -> list[str]:
    """The text above a block, in its own columns: a title that runs on over the next chart
    (or under the next chart's title, as an overflowing spreadsheet cell prints) is cut where
    that chart begins."""
    out = []
    for ln in lines:
        if top < ln.cy < bottom:
            mine = tuple(w for w in ln.words if x0 - TITLE_INDENT * space <= w.x0 < x1)
            if mine:
                out += [p.text for p in phrases(TextLine(mine, ln.y0, ln.y1), PHRASE_GAP * space)]
    return out
