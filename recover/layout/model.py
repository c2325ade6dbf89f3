"""The row/column model: positioned words -> tables of cells, without needing ruling lines.

    page = find_tables(words)                   # PageLayout: every intermediate kept
    for t in page.tables: t.columns, t.rows, t.cells

The chain (each step a small function of the previous one's output):
    words -> text lines -> month runs (a table's header line)
          -> per run: the table's lines (words inside the room the run has on the page)
          -> value lines (>= 3 value-like words under the month labels: one per data row)
          -> row cuts (one between each pair of anchor lines: the header's month line, then each
             value line; the cut goes where a ref opens a line, else at the widest vertical gap)
          -> header labels (header words clustered by line and horizontal overlap)
          -> columns (one per label; the boundary between two labels is the widest empty strip
             of the body's horizontal projection between them, or a ruling line when one is there)
          -> cells (each word in the row band and column it sits in)

Ruling lines are optional evidence (`rules`): a vertical rule crossing the table between two
labels is taken as their boundary. Nothing else depends on them.

Where each step lives: header.py (month runs, labels), rows.py (the table's lines, row bands),
columns.py (labels chained to the run, boundaries), cells.py (words into cells, values into
months); this module chains them per table and keeps every intermediate.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .cells import fill_cells
from .columns import Column, coverage, find_columns, table_labels
from .header import Label, MonthRun, cluster_labels, month_runs
from .lines import TextLine, space_width, text_lines
from .rows import RowBand, clip_lines, find_rows, room
from .settings import DEFAULT, LayoutSettings
from .words import Scale, Word, scale_of

__all__ = ["Column", "RowBand", "TableLayout", "PageLayout", "find_tables"]


@dataclass(frozen=True)
class TableLayout:
    """One table: everything the model decided, for the Grid and for a debug drawing."""
    run: MonthRun
    lines: tuple[TextLine, ...]   # the table's own text lines (words inside its room only)
    labels: tuple[Label, ...]
    columns: tuple[Column, ...]
    header: RowBand
    rows: tuple[RowBand, ...]
    cells: tuple[tuple[tuple[Word, ...], ...], ...]   # [row][col]; row 0 is the header
    doubtful: tuple[frozenset[int], ...] = ()         # per data row: columns whose words straddle
    box: tuple[float, float, float, float] = (0, 0, 0, 0)
    notes: tuple[str, ...] = ()

    @property
    def month_cols(self) -> list[int]:
        return [k for k, c in enumerate(self.columns) if c.month or (c.label and c.label.in_run)]


@dataclass(frozen=True)
class PageLayout:
    scale: Scale
    space: float
    lines: tuple[TextLine, ...]
    runs: tuple[MonthRun, ...]
    tables: tuple[TableLayout, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def find_tables(words: list[Word], settings: LayoutSettings = DEFAULT,
                rules: tuple[list, list] | None = None) -> PageLayout:
    """Tables of one page. `rules` = (horizontal, vertical) ruling lines, each with .pos and
    .covers(t) (readers/textlayer.Rule), when the input has them."""
    sc = scale_of(words)
    lines = text_lines(words, sc.em, settings)
    space = space_width(lines, sc.char)
    runs = month_runs(lines, settings.label_gap * space, settings)
    turned = [w for w in words if not w.upright and w.text.strip()]
    tables = []
    for run in runs:
        t = _table(run, runs, lines, turned, sc, space, settings, rules)
        if t is not None:
            tables.append(t)
    return PageLayout(sc, space, tuple(lines), tuple(runs), tuple(tables))


def _table(run: MonthRun, runs: list[MonthRun], page_lines: list[TextLine], turned: list[Word],
           sc: Scale, space: float, st: LayoutSettings, rules) -> TableLayout | None:
    em = sc.em
    (lo, hi), ref_room, below = room(run, runs, page_lines)
    month_line = page_lines[run.line]
    run_words = {id(w) for p in run.labels for w in p.words}
    lines = clip_lines(page_lines, (lo, hi), ref_room, float("-inf"), below, run_words)
    # the month line among the table's lines: the one holding the run's last label printed on
    # it (a label may be on the line above, or wrapped over the lines around it)
    on_line = next(p for p in reversed(run.labels) if any(w in month_line.words for w in p.words))
    m = next((i for i, ln in enumerate(lines) if ln.y0 <= month_line.cy <= ln.y1 and
              any(w in ln.words for w in on_line.words)), None)
    if m is None:
        return None
    t_words = [w for w in turned if lo <= w.cx < hi and w.cy < below]
    found = find_rows(lines, m, run, run_words, t_words, sc, space, st)
    if found is None:
        return None
    header = found.header
    # header labels: the header lines' words, and turned words inside the header band
    head_turned = [w for w in t_words if header.y0 <= w.cy <= header.y1 + 0.5 * em]
    groups = [list(lines[i].words) for i in header.lines] + [[w] for w in head_turned]
    rows, body_turned = _turned_in_body(list(found.rows), t_words, head_turned, found.lead, em, st)
    body_lines = [lines[i] for r in rows for i in r.lines]
    body_words = [w for ln in body_lines for w in ln.words] + body_turned
    value_words = [w for r in rows if r.value_line is not None for w in lines[r.value_line].words]
    cov = coverage(body_words)
    owner = {id(w): k for k, p in enumerate(run.labels) for w in p.words}
    labels = table_labels(cluster_labels(groups, st.label_gap * space, owner), run, cov, sc, st)
    columns = find_columns(labels, run, body_words, cov, value_words, sc, space, st, rules,
                           (header.y0, rows[-1].y1))
    cells, doubtful = fill_cells(columns, header, rows, lines, head_turned, body_turned, run.step, space, st)
    box = (columns[0].x0, header.y0, columns[-1].x1, rows[-1].y1)
    return TableLayout(run, tuple(lines), tuple(labels), tuple(columns), header, tuple(rows),
                       cells, tuple(doubtful), box)


def _turned_in_body(rows: list[RowBand], t_words: list[Word], head_turned: list[Word], lead: float,
                    em: float, st: LayoutSettings) -> tuple[list[RowBand], list[Word]]:
    """The turned words of the body, and the rows with the last one grown down to them: a turned
    name is centred in its row and may reach below the row's last text line."""
    body_turned, reach = [], rows[-1].y1
    for w in sorted(t_words, key=lambda w: w.y0):
        if w in head_turned or w.cy < rows[0].y0 - 0.5 * em:
            continue
        if w.y0 > reach + st.body_gap * lead:
            break
        body_turned.append(w)
        if w.y0 > rows[-1].y1:
            reach = max(reach, w.y1)
    if body_turned:
        last = rows[-1]
        rows[-1] = RowBand(last.lines, last.y0, max([last.y1] + [w.y1 for w in body_turned]),
                           last.value_line, last.evidence)
    return rows, body_turned
