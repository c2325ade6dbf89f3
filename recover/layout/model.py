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
"""
from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field

from . import slots, vocab
from .header import Label, MonthRun, cluster_labels, month_runs
from .lines import TextLine, phrases, space_width, text_lines
from .settings import DEFAULT, LayoutSettings
from .words import Scale, Word, scale_of


@dataclass(frozen=True)
class Column:
    x0: float
    x1: float
    label: Label | None
    month: str | None = None
    evidence: str = ""            # how its left boundary was found: gap | rule | crowded | edge


@dataclass(frozen=True)
class RowBand:
    lines: tuple[int, ...]        # indices into TableLayout.lines
    y0: float
    y1: float
    value_line: int | None        # the line holding the row's values (None: a title-only row)
    evidence: str = ""            # how its top was found: ref | gap | header


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


# ---------------------------------------------------------------- one table

def _room(run: MonthRun, runs: list[MonthRun], lines: list[TextLine]):
    """The horizontal room of a run (up to halfway to a run beside it on the same line), the
    room of its row labels, and the top of the next run below it that shares that room
    (another table: this one ends there). A row label precedes its values, so a ref between
    two runs side by side is the right one's however close it is printed to the left one's
    last value (layout text: '1171    M2        542')."""
    lo, hi = float("-inf"), float("inf")
    ref_lo, ref_hi = float("-inf"), float("inf")
    for o in runs:
        if o is run:
            continue
        if o.line == run.line:
            if o.x1 <= run.x0:
                lo = max(lo, (o.x1 + run.x0) / 2)
                ref_lo = max(ref_lo, o.x1)
            elif o.x0 >= run.x1:
                hi = min(hi, (run.x1 + o.x0) / 2)
                ref_hi = min(ref_hi, run.x1)
    below = float("inf")
    for o in runs:
        if o.line > run.line and o.x0 < hi and o.x1 > lo:
            below = min(below, lines[o.line].y0)
    return (lo, hi), (ref_lo, ref_hi), below


def _clip_lines(lines: list[TextLine], room, ref_room, top: float, bottom: float,
                keep: set[int] = frozenset()) -> list[TextLine]:
    """The lines' words inside the room (refs inside the refs' room; the words in `keep`, the
    run's own labels, inside the room whatever they look like)."""
    out = []
    for ln in lines:
        if ln.y1 < top or ln.y0 >= bottom:
            continue
        ws = tuple(w for w in ln.words
                   if _inside(w, ref_room if id(w) not in keep and vocab.is_ref(w.text) else room))
        if ws:
            out.append(TextLine(ws, min(w.y0 for w in ws), max(w.y1 for w in ws)))
    return out


def _inside(w: Word, room: tuple[float, float]) -> bool:
    return room[0] <= w.cx < room[1]


def _month_centres(run: MonthRun) -> list[float]:
    return [p.cx for p in run.labels]


def _under_months(w: Word, centres: list[float], step: float, reach: float = 0.5) -> int | None:
    """The month label a word sits under: the nearest label centre within `reach` steps (half a
    step in exact geometry, where month columns are equally wide; more for text whose columns
    drift, such as pdftotext -layout's), else None."""
    k = bisect.bisect_left(centres, w.cx)
    best = None
    for j in (k - 1, k):
        if 0 <= j < len(centres) and abs(centres[j] - w.cx) < reach * step:
            if best is None or abs(centres[j] - w.cx) < abs(centres[best] - w.cx):
                best = j
    return best


def _under_count(ln: TextLine, centres: list[float], step: float, reach: float,
                 x0: float, max_gap: float, labels: set[int]) -> tuple[int, int]:
    """(month columns holding a value on this line, other words under the months). A value
    counts within `reach` steps of a label; another word only within half a step, not under the
    first month in a phrase that starts left of the run (`x0`: the text of the column before
    the months ends close to the first month, closer where layout text spreads the labels
    unevenly) and not a month label of the run (`labels`: layout text may print one on a line
    of its own)."""
    cols, other = set(), 0
    before = {id(w) for p in phrases(ln, max_gap) if p.x0 < x0 for w in p.words}
    for w in ln.words:
        if vocab.is_value(w.text):
            k = _under_months(w, centres, step, reach)
            if k is not None:
                cols.add(k)
        elif not vocab.is_glyph_only(w.text) and id(w) not in labels:
            k = _under_months(w, centres, step)
            if k is not None and not (k == 0 and id(w) in before):
                other += 1
    return len(cols), other


def _table(run: MonthRun, runs: list[MonthRun], page_lines: list[TextLine], turned: list[Word],
           sc: Scale, space: float, st: LayoutSettings, rules) -> TableLayout | None:
    em = sc.em
    (lo, hi), ref_room, below = _room(run, runs, page_lines)
    month_line = page_lines[run.line]
    run_words = {id(w) for p in run.labels for w in p.words}
    lines = _clip_lines(page_lines, (lo, hi), ref_room, float("-inf"), below, run_words)
    m = next((i for i, ln in enumerate(lines) if ln.y0 <= month_line.cy <= ln.y1 and
              any(w in ln.words for w in run.labels[-1].words)), None)
    if m is None:
        return None
    t_words = [w for w in turned if lo <= w.cx < hi and w.cy < below]
    centres = _month_centres(run)
    need = min(st.min_values, len(centres))
    under = [_under_count(ln, centres, run.step, st.value_reach, run.x0, st.label_gap * space, run_words)
             for ln in lines]
    # under the month labels a table's body holds values only: a line with words there that are
    # not values (a chart's title under a dashboard table, prose, the page footer) ends it
    end = m
    for i in range(m + 1, len(lines)):
        values_here, others = under[i]
        if others and others >= values_here:
            break
        end = i

    def skip(i: int) -> bool:
        return i == m or under[i][0] > 0
    # vertical distances are read in the table's own leading: points in a text layer, several
    # lines in pdftotext -layout text (which gives a rotated name's glyphs lines of their own)
    lead = _lead(lines, m, end + 1, skip) or em
    opens = _ref_opener(lines, m, centres[0], sc, lead, lambda i: under[i][0] > 0)
    # across a wide gap only a row continues the table: a line of several values, or a ref
    # followed by values (the page footer 'Page 4' is one value under the months)
    full = [n >= min(3, len(centres)) for n, _ in under]
    end = min(end, _body_end(lines, m, t_words, lead, st, full, opens))
    values = [i for i in range(m + 1, end + 1) if under[i][0] >= need]
    if not values:
        return None
    end = _last_row_end(lines, values[-1], end, t_words, lead, st)
    anchors = [m] + values
    cuts = [_cut(lines, a, b, opens, lead, st) for a, b in zip(anchors, anchors[1:])]
    # the header band: the month line, the label lines below it down to the first row, and the
    # label lines above it while they stay clear of the months (the page's title band above a
    # table reaches over them) and no further apart than the header's own leading allows
    hlead = _lead(lines, m, cuts[0], skip) or em
    first = m
    while first > 0 and lines[first].y0 - lines[first - 1].y1 <= st.header_gap * hlead and \
            not any(w.x1 > run.x0 and w.x0 < run.x1 for w in lines[first - 1].words if id(w) not in run_words):
        first -= 1
    # a month label of the run on the line above (layout text) is in the header however far
    # the band grew
    while first > 0 and any(id(w) in run_words for w in lines[first - 1].words):
        first -= 1
    header_idx = tuple(range(first, cuts[0]))
    header = RowBand(header_idx, lines[first].y0, lines[cuts[0] - 1].y1, m, "header")
    bounds = cuts + [end + 1]
    rows = []
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        for part in _split_at_refs(lines, a, b, opens):
            idx = tuple(part)
            v = values[k] if values[k] in idx else None
            rows.append(RowBand(idx, min(lines[i].y0 for i in idx), max(lines[i].y1 for i in idx),
                                v, "ref" if opens(idx[0]) else "gap"))
    # header labels: the header lines' words, and turned words inside the header band
    head_turned = [w for w in t_words if header.y0 <= w.cy <= header.y1 + 0.5 * em]
    groups = [list(lines[i].words) for i in header_idx] + [[w] for w in head_turned]
    body_lines = [lines[i] for r in rows for i in r.lines]
    # a turned name is centred in its row and may reach below the row's last text line
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
    body_words = [w for ln in body_lines for w in ln.words] + body_turned
    value_words = [w for r in rows if r.value_line is not None for w in lines[r.value_line].words]
    cov = _coverage(body_words)
    owner = {id(w): k for k, p in enumerate(run.labels) for w in p.words}
    labels = _table_labels(cluster_labels(groups, st.label_gap * space, owner), run, cov, sc, st)
    columns = _columns(labels, run, body_words, cov, value_words, sc, space, st, rules,
                       (header.y0, rows[-1].y1))
    cells, doubtful = _cells(columns, header, rows, lines, head_turned, body_turned, run.step, space, st)
    box = (columns[0].x0, header.y0, columns[-1].x1, rows[-1].y1)
    return TableLayout(run, tuple(lines), tuple(labels), tuple(columns), header, tuple(rows),
                       cells, tuple(doubtful), box)


def _lead(lines: list[TextLine], a: int, b: int, skip) -> float | None:
    """The leading of the text lines among a..b-1 (lines for which `skip` is false: not the
    month line, not a line of values): the median distance from a line to the nearest such
    line above it that shares a column with it (wrapped text of one cell)."""
    ds = []
    for i in range(a + 1, min(b, len(lines))):
        if skip(i):
            continue
        spans = [(w.x0, w.x1) for w in lines[i].words]
        for j in range(i - 1, max(a, i - 12) - 1, -1):
            if skip(j):
                continue
            if any(x0 < w.x1 and w.x0 < x1 for w in lines[j].words for x0, x1 in spans):
                d = lines[i].y0 - lines[j].y0
                if d > 0:
                    ds.append(d)
                break
    return statistics.median(ds) if ds else None


def _body_end(lines: list[TextLine], m: int, turned: list[Word], lead: float, st: LayoutSettings,
              full: list[bool], opens) -> int:
    """The table's last line: text goes on below the header until a vertical gap wider than
    body_gap leadings (turned names bridge the gaps they cover) that no row follows: the line
    after the gap holds several values under the months, or opens with a ref and is followed by
    such a line before the next wide gap."""
    spans = sorted((w.y0, w.y1) for w in turned)
    wide = st.body_gap * lead
    gaps: list[float] = [0.0] * len(lines)       # gap above each line, bridged by turned words
    reach, k = lines[m].y1, 0
    for i in range(m + 1, len(lines)):
        while k < len(spans) and spans[k][0] <= reach + wide:
            reach = max(reach, spans[k][1])
            k += 1
        gaps[i] = lines[i].y0 - reach
        reach = max(reach, lines[i].y1)

    def row_follows(i: int) -> bool:
        if full[i]:
            return True
        if not opens(i):
            return False
        for j in range(i + 1, len(lines)):
            if gaps[j] > wide:
                return False
            if full[j]:
                return True
        return False

    end = m
    for i in range(m + 1, len(lines)):
        if gaps[i] > wide and not row_follows(i):
            break
        end = i
    return end


def _last_row_end(lines: list[TextLine], last_value: int, end: int, turned: list[Word], lead: float,
                  st: LayoutSettings) -> int:
    """Below its values the last row holds text only (a wrapped title, commentary), no further
    apart than body_gap leadings (turned names bridge the gaps they cover)."""
    spans = sorted((w.y0, w.y1) for w in turned)
    wide = st.body_gap * lead
    reach, k, last = lines[last_value].y1, 0, last_value
    for i in range(last_value + 1, end + 1):
        while k < len(spans) and spans[k][0] <= reach + wide:
            if spans[k][1] > lines[last_value].y0:
                reach = max(reach, spans[k][1])
            k += 1
        if lines[i].y0 - reach > wide:
            break
        last, reach = i, max(reach, lines[i].y1)
    return last


def _ref_opener(lines: list[TextLine], m: int, first_month_x: float, sc: Scale, lead: float, values_on):
    """A test for 'line i opens a row with its ref': its first word is a ref and starts where the
    table's left column starts (a title line beginning 'CPP and ...' is no ref), and it does not
    continue a ref that a narrow column wrapped ('M2-' over 'NI', 'FM' over '011')."""
    starts = [ln.words[0].x0 for ln in lines[m + 1:]]
    left = min(starts) if starts else 0.0

    def in_ref_column(w: Word) -> bool:
        return w.cx < first_month_x and w.x0 <= left + 2 * sc.char

    opener = [False] * len(lines)
    cell = None                     # the text of the ref cell being read, line by line
    last = 0.0                      # bottom of its last line
    for i in range(m + 1, len(lines)):
        w = lines[i].words[0]
        if not in_ref_column(w):
            if values_on(i):        # a row's values: its ref cell has been read
                cell = None
            continue
        t = w.text
        close = lines[i].y0 - last < max(0.5 * sc.em, 1.5 * lead - sc.em)
        last = lines[i].y1
        # a ref cut short ('M2-', 'FM') goes on on the next line of its column, however far
        # layout text puts it; a complete-looking one only on the next line of its cell
        unfinished = cell is not None and (vocab.is_ref_head(cell) or not any(c.isdigit() for c in cell))
        if unfinished or (cell is not None and close and vocab.is_ref(cell + t)):
            cell += t
        elif vocab.is_ref(t) or vocab.is_ref_head(t):
            opener[i], cell = True, t
        elif cell is not None:
            cell += " " + t
    return lambda i: opener[i]


def _split_at_refs(lines: list[TextLine], a: int, b: int, opens) -> list[list[int]]:
    """Lines a..b-1 hold one row's values at most; a further line opening with a ref starts a row
    of its own (an indicator that prints no month at all)."""
    parts = [[a]]
    for i in range(a + 1, b):
        if opens(i):
            parts.append([i])
        else:
            parts[-1].append(i)
    return parts


def _cut(lines: list[TextLine], a: int, b: int, opens, lead: float, st: LayoutSettings) -> int:
    """Index of the first line of the row whose values are on line b (a: the previous anchor).
    A row's text is top-aligned or centred, its values anywhere in its height: the cut is the
    line that opens with a ref, else the widest vertical gap between a and b."""
    best, best_score = b, float("-inf")
    ref_seen = False
    for j in range(a + 1, b + 1):
        gap = lines[j].y0 - max(ln.y1 for ln in lines[a:j])
        # only the first ref: a ref wrapped in a narrow column ('M2-' over 'NI') opens one row
        ref = not ref_seen and opens(j)
        ref_seen = ref_seen or ref
        score = gap / lead + (st.ref_weight if ref else 0.0)
        if score > best_score:
            best, best_score = j, score
    return best


# ---------------------------------------------------------------- labels and columns

def _table_labels(labels: list[Label], run: MonthRun, cov, sc: Scale, st: LayoutSettings) -> list[Label]:
    """The labels chained to the month run: neighbours whose gap the body's text fills, or that
    is no wider than table_side_gap, or under which the table's rows print; the run's own
    labels are marked with their months."""
    run_words = {id(w): k for k, p in enumerate(run.labels) for w in p.words}
    marked = []
    for lb in labels:
        ks = {run_words[id(w)] for w in lb.words if id(w) in run_words}
        if ks:
            k = min(ks)
            marked.append(Label(lb.words, lb.x0, lb.y0, lb.x1, lb.y1, run.months[k], True))
        else:
            marked.append(lb)
    first = next(i for i, lb in enumerate(marked) if lb.in_run)
    last = max(i for i, lb in enumerate(marked) if lb.in_run)
    gap = st.table_side_gap * sc.char

    pad = 2 * sc.char

    def joined(a: Label, b: Label, outer: Label) -> bool:
        if b.x0 - a.x1 <= gap or _widest_empty(cov, a.x1, b.x0) <= gap:
            return True
        # or the table's rows print under it
        return any(x0 < outer.x1 + pad and outer.x0 - pad < x1 for x0, x1, n in cov if n > 0)

    a = first
    while a > 0 and joined(marked[a - 1], marked[a], marked[a - 1]):
        a -= 1
    b = last
    while b < len(marked) - 1 and joined(marked[b], marked[b + 1], marked[b + 1]):
        b += 1
    return marked[a:b + 1]


def _widest_empty(cov, lo: float, hi: float) -> float:
    """The widest strip of [lo, hi] that no body word covers."""
    best, x = 0.0, lo
    for a, b, n in cov:
        if n == 0 or b <= x:
            continue
        if a >= hi:
            break
        best = max(best, a - x)
        x = max(x, b)
    return max(best, hi - x)


def _coverage(words: list[Word]) -> list[tuple[float, float, int]]:
    """Horizontal projection of the body: (x0, x1, number of words covering it) pieces."""
    ev = []
    for w in words:
        ev.append((w.x0, 1))
        ev.append((w.x1, -1))
    ev.sort()
    out, n, prev = [], 0, None
    for x, d in ev:
        if prev is not None and x > prev:
            out.append((prev, x, n))
        n += d
        prev = x
    return out


def _boundary(cov: list[tuple[float, float, int]], lo: float, hi: float, mid: float) -> tuple[float, str]:
    """Where the boundary between two columns goes inside [lo, hi]: in the strip no body word
    covers that is nearest to `mid` (the midpoint between the two labels' centres, which is the
    boundary itself for columns of equal width: a blank-looking strip inside a column, between
    its left-aligned '-' and its right-aligned numbers, is further from it); when every strip is
    covered, in the least covered one."""
    if hi <= lo:
        return (lo + hi) / 2, "crowded"
    pieces = []
    x = lo
    for a, b, n in cov:
        if b <= lo or a >= hi:
            continue
        a, b = max(a, lo), min(b, hi)
        if a > x:
            pieces.append((x, a, 0))
        pieces.append((a, b, n))
        x = b
    if x < hi:
        pieces.append((x, hi, 0))
    # neighbouring pieces of the same count are one strip
    merged: list[list] = []
    for a, b, n in pieces:
        if merged and merged[-1][2] == n and abs(merged[-1][1] - a) < 1e-9:
            merged[-1][1] = b
        else:
            merged.append([a, b, n])
    least = min(n for _, _, n in merged)

    def dist(p) -> float:
        return max(0.0, p[0] - mid, mid - p[1])

    a, b, _ = min((p for p in merged if p[2] == least), key=lambda p: (dist(p), p[0] - p[1]))
    return (a + b) / 2, "gap" if least == 0 else "crowded"


def _rule_between(rules, lo: float, hi: float, y0: float, y1: float) -> float | None:
    if not rules:
        return None
    _, verticals = rules
    best = None
    for r in verticals:
        if lo < r.pos < hi and r.covers((y0 + y1) / 2):
            if best is None or abs(r.pos - (lo + hi) / 2) < abs(best - (lo + hi) / 2):
                best = r.pos
    return best


def _columns(labels: list[Label], run: MonthRun, body: list[Word], cov, value_words: list[Word],
             sc: Scale, space: float, st: LayoutSettings, rules, ys: tuple[float, float]) -> list[Column]:
    """One column per label. A table whose first label is a month has a row-label column before
    it (dashboards print 'M1' left of the values, with no header above it)."""
    bounds: list[tuple[float, str]] = []
    for a, b in zip(labels, labels[1:]):
        rule = _rule_between(rules, a.cx, b.cx, *ys)
        if rule is not None:
            bounds.append((rule, "rule"))
        elif a.in_run and b.in_run:
            bounds.append(_between_months(a, b, cov))
        else:
            bounds.append(_between(a, b, body, cov, space, st))
    gap = st.body_side_gap * sc.char
    left = _edge(cov, labels[0].x0, -1, gap)
    right = _edge(cov, labels[-1].x1, 1, gap)
    cols: list[Column] = []
    if labels[0].in_run:
        first = labels[0].cx - run.step / 2
        # the row label: the words just before the first value, or a ref further out (layout
        # text puts the ref at its own character column, far from the values)
        lead = [w for w in value_words if w.x1 <= first and
                (first - 1.5 * run.step < w.x1 or vocab.is_ref(w.text))]
        if lead:
            cols.append(Column(min(w.x0 for w in lead), first, None, None, "edge"))
            left = first
    edges = [(left, "edge")] + bounds + [(right, "edge")]
    for k, lb in enumerate(labels):
        cols.append(Column(edges[k][0], edges[k + 1][0], lb, lb.month, edges[k][1]))
    return cols


def _between_months(a: Label, b: Label, cov) -> tuple[float, str]:
    """Month columns are as wide as each other and their labels are centred: the boundary is
    halfway between the label centres (a right-aligned value and a left-aligned '-' are both
    nearer their own label's centre), when no word crosses it."""
    mid = (a.cx + b.cx) / 2
    for x0, x1, n in cov:
        if x0 < mid < x1 and n > 0:
            return _boundary(cov, a.cx, b.cx, mid)
    return mid, "gap"


def _between(a: Label, b: Label, body: list[Word], cov, space: float, st: LayoutSettings) -> tuple[float, str]:
    """The boundary between the columns of labels a and b. Each column's core is the body text
    under its label (a text core followed through word-space holes: a sparse table's ragged
    titles). Text left of b's core that is not a's (a value that layout text moved along its
    line, a title's last word) goes to the side of the widest empty strip between the cores:
    cells are padded on both sides, the space between words of one cell is narrower."""
    under = [w for w in body if w.x1 > a.x0 and w.x0 < a.x1]
    end = max([a.x1] + [w.x1 for w in under])
    texty = sum(1 for w in under if not vocab.is_value(w.text)) * 2 > len(under)
    covered = [(x0, x1) for x0, x1, n in cov if n > 0]
    hole = st.label_gap * space if texty else 0.0
    for x0, x1 in covered:
        if x1 <= end or x0 >= b.cx:
            continue
        if x0 <= end + hole:
            end = max(end, x1)
    start = min([b.x0] + [w.x0 for w in body if w.x1 > b.x0 and w.x0 < b.x1])
    if end >= start:
        return _boundary(cov, a.cx, b.cx, (a.cx + b.cx) / 2)
    # the empty strips between the two cores; the widest is the boundary
    edges = [end]
    for x0, x1 in covered:
        if x1 <= end or x0 >= start:
            continue
        edges.extend([max(x0, end), min(x1, start)])
    edges.append(start)
    strips = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]
    lo, hi = max(strips, key=lambda g: g[1] - g[0])
    return (lo + hi) / 2, "gap"


def _edge(cov, start: float, side: int, gap: float) -> float:
    """The table's outer edge on one side: from the outer label's edge, follow the body's text
    through gaps no wider than `gap`."""
    pieces = [(a, b) for a, b, n in cov if n > 0]
    edge = start
    if side < 0:
        for a, b in sorted(pieces, key=lambda p: -p[1]):
            if b >= edge - gap:
                edge = min(edge, a)
        return edge
    for a, b in sorted(pieces):
        if a <= edge + gap:
            edge = max(edge, b)
    return edge


# ---------------------------------------------------------------- cells

def _col_of(columns: list[Column], starts: list[float], w: Word) -> int | None:
    k = bisect.bisect_right(starts, w.cx) - 1
    if k < 0:
        return None
    if w.cx > columns[-1].x1 and k == len(columns) - 1:
        return None
    return k


def _straddles(columns: list[Column], k: int, w: Word, st: LayoutSettings) -> bool:
    c = columns[k]
    over = max(0.0, c.x0 - w.x0) + max(0.0, w.x1 - c.x1)
    return w.width > 0 and over / w.width > st.straddle_frac


def _cells(columns, header: RowBand, rows: list[RowBand], lines: list[TextLine], head_turned,
           body_turned, step: float, space: float, st: LayoutSettings):
    starts = [c.x0 for c in columns]
    starts[0] = float("-inf")
    n = len(columns)
    grid: list[list[list[Word]]] = [[[] for _ in range(n)] for _ in range(len(rows) + 1)]
    doubtful: list[set[int]] = [set() for _ in rows]
    for r, band in enumerate([header] + list(rows)):
        for i in band.lines:
            for w in lines[i].words:
                k = _col_of(columns, starts, w)
                if k is None:
                    continue
                grid[r][k].append(w)
                if r and _straddles(columns, k, w, st):
                    doubtful[r - 1].add(k)
    for w in head_turned:
        k = _col_of(columns, starts, w)
        if k is not None:
            grid[0][k].append(w)
    row_tops = [b.y0 for b in rows]
    for w in body_turned:
        k = _col_of(columns, starts, w)
        if k is None:
            continue
        r = max(0, bisect.bisect_right(row_tops, w.cy) - 1)
        grid[r + 1][k].append(w)
    _place_months(grid, columns, step, space, doubtful, st)
    cells = tuple(tuple(tuple(ws) for ws in row) for row in grid)
    return cells, [frozenset(d) for d in doubtful]


def _place_months(grid, columns: list[Column], step: float, space: float, doubtful: list[set[int]],
                  st: LayoutSettings) -> None:
    """Each row's values inside the month columns, placed into the months in order (slots.py)."""
    month_idx = [k for k, c in enumerate(columns) if c.label is not None and c.label.in_run]
    if not month_idx:
        return
    lo, hi = columns[month_idx[0]].x0, columns[month_idx[-1]].x1
    bounds = [(columns[k].x0, columns[k].x1) for k in month_idx]
    row_toks = []
    if month_idx[0] > 0:                    # the header's label lines too ('experiences of')
        for r in range(len(grid)):
            _text_back(grid[r], month_idx[0], st.label_gap * space)
    for r in range(1, len(grid)):
        words = [w for ws in grid[r] for w in ws]
        marks = slots.change_marks(words, space)
        for dash, na in marks:              # the pair goes where its 'n/a' is
            for k, ws in enumerate(grid[r]):
                if na in ws and dash not in ws:
                    for other in grid[r]:
                        if dash in other:
                            other.remove(dash)
                    ws.insert(ws.index(na), dash)
        row_toks.append(slots.zone_tokens(words, lo, hi, {id(d) for d, _ in marks}))
    anchors = slots.slots_from_rows(row_toks, bounds, step)
    after = month_idx[-1] + 1 if month_idx[-1] + 1 < len(columns) else None
    for r, toks in enumerate(row_toks, start=1):
        drifted = None
        if after is not None and len(toks) < len(month_idx):
            drifted = _drifted_in(grid[r][after], anchors.right[-1], step)
            if drifted is not None:
                toks = toks + [drifted]
        placed, doubt = slots.place(toks, anchors, st.slot_margin * step)
        if placed is None:                 # more values than months: left where they fell
            doubtful[r - 1] |= set(month_idx)
            continue
        if drifted is not None:
            grid[r][after].remove(drifted)
        ids = {id(w) for w in toks}
        for k in month_idx:
            grid[r][k] = [w for w in grid[r][k] if id(w) not in ids]
        for w, j in zip(toks, placed):
            grid[r][month_idx[j]].append(w)
        doubtful[r - 1] -= set(month_idx)
        if doubt:
            doubtful[r - 1] |= set(month_idx)


def _drifted_in(cell: list[Word], last_anchor: float, step: float) -> Word | None:
    """The last month's value that layout text pushed past the months' edge into the next
    column: the first word of that column's cell, a number ending within half a step of where
    the last month's numbers end, with the column's own text after it on its line ('3  ↑ 200%'
    where '↑ 200%' is the change). Alone in the cell it could be the change's own value."""
    ws = sorted((w for w in cell if w.upright), key=lambda w: w.x0)
    if len(ws) < 2:
        return None
    w, rest = ws[0], ws[1:]
    if not (vocab.is_value(w.text) and slots.is_number(w)) or abs(w.x1 - last_anchor) > 0.5 * step:
        return None
    if not any(abs(o.cy - w.cy) < 0.5 * w.height for o in rest):
        return None
    return w


def _text_back(row: list[list[Word]], k: int, max_gap: float) -> None:
    """Words of text in month column k that go on a phrase of column k-1 on their line (layout
    text spreads a wrapped line of the column before the months into the first month's room)
    are column k-1's: a month prints values only."""
    for w in sorted(row[k], key=lambda w: w.x0):
        if vocab.is_value(w.text) or vocab.is_glyph_only(w.text) or vocab.parse_month(w.text):
            continue
        prev = [p for p in row[k - 1] if abs(p.cy - w.cy) < 0.5 * w.height and p.x1 <= w.x0]
        if prev and w.x0 - max(p.x1 for p in prev) <= max_gap:
            row[k].remove(w)
            row[k - 1].append(w)
