"""A scanned table whose ruling lines are lost, faint or never printed, read like a text page
without lines: the words found in the ink go to the one row/column model (recover.layout),
with whatever ruling lines survive as evidence, and its cells are then read the way the ruled
path reads its cells.

    ink words (inkwords.py, no OCR)
      -> the header first: text lines of five or more words, top down, are read word by word
         until one holds month labels (the lines of a table's body below it are skipped)
      -> the month cells' words are read as numbers (the model tells value lines from the
         others by them, and the cells reuse the reads)
      -> recover.layout.find_tables: columns, rows and the words of every cell
      -> every other cell read from its own ink by the role its header gives it -> Grid
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

import numpy as np

from recover.layout import TableLayout, Word, find_tables
from recover.layout.settings import DEFAULT as LAYOUT
from recover.layout.vocab import is_value
from recover.model import Grid, GridMeta
from recover.printed.months import parse_month

from .assemble import assemble, with_chart_title
from .context import CellRead, OcrPage
from .grid import CellBox, Line
from .header import LABEL_HEIGHT, column_roles, fix_month_labels, read_header_cell
from .ink import Ink, PageInk, cell_ink_from
from .inkwords import InkWord, PageWords
from .monthruns import even_runs, label_slots, month_label_reads, run_ends
from .numbers import read_number
from .pieces import CUT_GLYPH, join_stacked
from .recipes import read_by_role
from .text import Turn, read_line_by_line, rotated_columns

MIN_MONTHS = 5          # month labels on one text line that make it a table's header line
LINE_TOL = 0.45         # words whose centres are this many glyph heights apart share a line
BODY_GAP = 3.5          # glyph heights: a wider vertical gap ends a table's body ...
ROW_GAP = 8.0           # ... unless a line of ROW_VALUES words under the months follows within this
ROW_VALUES = 3
UNDER = 0.6             # a word is under a month label when its centre is this many steps away
LEFT_WHERE_FELL = 0.8   # a month value the row's placement left in the column its word fell in
SAME_VALUE_GAP = 1.0    # glyph heights: words of one cell closer than this are pieces of one value
UNREAD = "\u2022"       # the text given to a word the model needs but that is not read yet
                        # (a turned name): not a month, a value or a ref


@dataclass(frozen=True)
class _Rule:
    """A surviving ruling line as the layout model takes it (pos, covers)."""
    pos: float
    spans: tuple[tuple[float, float], ...]

    def covers(self, t: float) -> bool:
        return any(a <= t <= b for a, b in self.spans)


def read_unruled(ctx: OcrPage, pink: PageInk, pw: PageWords, meta: GridMeta,
                 rules: tuple[list[Line], list[Line]] = ([], []), binary: np.ndarray | None = None) -> list[Grid]:
    """Grids of the tables that the words of `pw` hold (binary: the page's ink, where a
    dashboard block's chart title is looked for)."""
    if not pw.words:
        return []
    pw, cut = join_stacked(pw)
    reads: dict[int, CellRead] = {}            # word index -> what it read
    lines = _text_lines(pw)
    months = _month_lines(ctx, pink, pw, lines, reads)
    if not months:
        return []
    _read_values(ctx, pink, pw, lines, months, reads, cut)
    hs = [_Rule(ln.pos, tuple(ln.spans)) for ln in rules[0]]
    vs = [_Rule(ln.pos, tuple(ln.spans)) for ln in rules[1]]
    page, index = _model(pw, reads, (hs, vs) if (hs or vs) else None)
    # a row starts at its ref: the first column's words are read, and the model asked again
    if _read_refs(ctx, pink, pw, page, index, reads):
        page, index = _model(pw, reads, (hs, vs) if (hs or vs) else None)
    grids = []
    boxes = [_pixels(t.box) for t in page.tables]
    for t, box in zip(page.tables, boxes):
        g = _read_table(ctx, pink, pw, t, index, reads, meta, cut)
        if g is not None and g.kind == "dashboard" and binary is not None:
            g = with_chart_title(ctx, g, binary, box, boxes)
        if g is not None:
            grids.append(g)
    return grids


def _pixels(box) -> tuple[int, int, int, int]:
    return int(box[0]), int(box[1]), int(np.ceil(box[2])), int(np.ceil(box[3]))


# ---------------------------------------------------------------- the header first

def _text_lines(pw: PageWords) -> list[list[int]]:
    """Indices of the upright words of each text line, top to bottom, left to right."""
    tol = LINE_TOL * pw.glyph
    order = sorted((i for i, w in enumerate(pw.words) if w.turn == 0), key=lambda i: pw.words[i].cy)
    out: list[list[int]] = []
    mean = 0.0
    for i in order:
        cy = pw.words[i].cy
        if out and abs(cy - mean) < tol:
            out[-1].append(i)
            mean += (cy - mean) / len(out[-1])
        else:
            out.append([i])
            mean = cy
    for ln in out:
        ln.sort(key=lambda i: pw.words[i].x0)
    return out


@dataclass(frozen=True)
class _MonthLine:
    line: int                   # index into the text lines
    centres: tuple[float, ...]  # x centres of its month labels, left to right
    step: float
    bottom: int                 # last text line of the table's body (y order)
    size: float = 0.0           # median height of its month labels, pixels


def _pad(dpi: float) -> int:
    """Room around a word's or cell's ink: the crop for OCR takes a margin and a dilation
    around the ink, and must find the same ink mask there (a tight box gave '73' as '13')."""
    return max(4, int(round(dpi / 40)))


def _word_ink(ctx: OcrPage, pink: PageInk, w: InkWord) -> Ink:
    pad = _pad(ctx.dpi)
    return cell_ink_from(pink, (w.x0 - pad, w.y0 - pad, w.x1 + pad, w.y1 + pad), ctx.dpi, ids=w.ids)


def _month_lines(ctx: OcrPage, pink: PageInk, pw: PageWords, lines: list[list[int]],
                 reads: dict[int, CellRead]) -> list[_MonthLine]:
    """Lines of month labels, found top down. Only a line with runs of evenly spaced words
    of one size is read (word by word); a line whose words stand under the labels of a month
    line above it is a body line of that table, and is read only when a gap parts it from the
    lines above (the next band of a dashboard page)."""
    found: list[_MonthLine] = []
    for k, ln in enumerate(lines):
        run = even_runs(pw, ln, MIN_MONTHS)
        if len(run) < MIN_MONTHS:
            continue
        run = run_ends(pw, lines, k, run, LINE_TOL)
        above = next((m for m in reversed(found) if m.line < k), None)
        if above is not None and _under(pw, ln, above) >= 3 and k <= above.bottom:
            continue
        for i in run:
            if i not in reads:
                ink = _word_ink(ctx, pink, pw.words[i])
                if not ink.empty:
                    r = ctx.read(ink, ink.box, LABEL_HEIGHT)
                    reads[i] = CellRead(r.text, r.conf)
        labels = [i for i in run if i in reads and parse_month(reads[i].text)]
        if len(labels) < MIN_MONTHS:
            continue
        step = float(np.median(np.diff([pw.words[i].cx for i in labels])))
        centres = tuple(pw.words[i].cx for i in label_slots(pw, run, labels, step))
        size = float(np.median([pw.words[i].y1 - pw.words[i].y0 for i in labels]))
        m = _MonthLine(k, centres, step, k, size)
        found.append(replace(m, bottom=_body_end(pw, lines, k, m)))
    return found


def _under(pw: PageWords, ln: list[int], m: "_MonthLine") -> int:
    """How many words of the line stand under month labels of m."""
    n = 0
    for i in ln:
        cx = pw.words[i].cx
        k = bisect.bisect_left(m.centres, cx)
        if any(abs(m.centres[c] - cx) <= UNDER * m.step for c in (k - 1, k) if 0 <= c < len(m.centres)):
            n += 1
    return n


def _body_end(pw: PageWords, lines: list[list[int]], k: int, m: "_MonthLine") -> int:
    """The last text line of the body under line k: text lines follow each other with no
    vertical gap wider than BODY_GAP glyph heights (turned names bridge the gaps they cover),
    or no wider than ROW_GAP when a row follows the gap (its values under the month labels: a
    row that its wrapped text or names made taller parts the text lines of its neighbours more
    widely, and the rows of a table line up under its labels; the next dashboard's band is
    further below). ROW_GAP counts in the height of the table's own month labels when they are
    taller than the page's median glyph: that median falls on a page of long lowercase commentary
    (11 px against 13 px at 200 dpi on two pages of one pack), the gaps between its rows do not."""
    gap = BODY_GAP * pw.glyph
    row_gap = ROW_GAP * max(pw.glyph, m.size)
    reach = max(pw.words[i].y1 for i in lines[k])
    turned = sorted((w.y0, w.y1) for w in pw.words if w.turn)
    end, t = k, 0
    for j in range(k + 1, len(lines)):
        while t < len(turned) and turned[t][0] <= reach + gap:
            reach = max(reach, turned[t][1])
            t += 1
        top = min(pw.words[i].y0 for i in lines[j])
        if top - reach > gap and (top - reach > row_gap or not _row_below(pw, lines, j, m, top)):
            break
        end, reach = j, max(reach, max(pw.words[i].y1 for i in lines[j]))
    return end


def _row_below(pw: PageWords, lines: list[list[int]], j: int, m: "_MonthLine", top: float) -> bool:
    """Line j opens a row: it, or a line of the band of closely spaced lines it starts, holds
    several words under the month labels (the row's values; its ref, its title wrapped over a few
    lines and its outcome may come first: a producer that sets values at the foot of their cell
    prints them at the bottom of a row that tall, further below its first line than ROW_GAP)."""
    gap = BODY_GAP * pw.glyph
    reach = top
    for i in range(j, len(lines)):
        if min(pw.words[w].y0 for w in lines[i]) - reach > gap:
            return False
        if _under(pw, lines[i], m) >= ROW_VALUES:
            return True
        reach = max(reach, max(pw.words[w].y1 for w in lines[i]))
    return False


def _read_values(ctx: OcrPage, pink: PageInk, pw: PageWords, lines: list[list[int]],
                 months: list[_MonthLine], reads: dict[int, CellRead], cut: frozenset[int] = frozenset()) -> None:
    """The words under the month labels of each body: read as month values (a glyph in pieces,
    `cut`, is never a sure one)."""
    s = ctx.settings
    for m in months:
        for j in range(m.line + 1, m.bottom + 1):
            for i in lines[j]:
                if i not in reads and _under(pw, [i], m):
                    r = read_number(ctx, _word_ink(ctx, pink, pw.words[i]), s.num_whitelist, retry=True)
                    reads[i] = CellRead(r.text, min(r.conf, CUT_GLYPH)) if i in cut else r


def _model(pw: PageWords, reads: dict[int, CellRead], rules):
    # a word read as nothing (no ink the cell's reading keeps: a scan's speck of a hairline row
    # rule, a few pixels tall) is no word: under the months it ended the table's body there
    kept = [i for i in range(len(pw.words)) if not _read_as_nothing(reads.get(i))]
    words = [_layout_word(pw.words[i], reads.get(i)) for i in kept]
    return find_tables(words, rules=rules), {id(lw): i for i, lw in zip(kept, words)}


def _read_as_nothing(r: CellRead | None) -> bool:
    return r is not None and not r.text.strip()


def _read_refs(ctx: OcrPage, pink: PageInk, pw: PageWords, page, index: dict[int, int],
               reads: dict[int, CellRead]) -> bool:
    """Read the words of each table's first column below its header (the refs); True when
    any was read."""
    got = False
    for t in page.tables:
        below = t.lines[t.header.value_line].y1 if t.header.value_line is not None else t.header.y0
        first = [w for r in range(len(t.cells)) for w in t.cells[r][0] if r or w.y0 >= below]
        # the first column's words of the table's lines that no row holds yet: a row starts at
        # its ref, so a ref left unread leaves its row, and every row after it, unfound
        edge = t.columns[1].x0 if len(t.columns) > 1 else t.columns[0].x1
        first += [w for ln in t.lines for w in ln.words if w.y0 >= below and w.x1 <= edge]
        for w in first:
            i = index.get(id(w))
            # the first row's ref may sit so close under the header that it was taken for
            # a wrapped header line: the words below the month line are read too
            if i is not None and i not in reads and pw.words[i].turn == 0:
                reads[i] = read_line_by_line(ctx, _word_ink(ctx, pink, pw.words[i]), max_lines=1)
                got = True
    return got


def _layout_word(w: InkWord, read: CellRead | None) -> Word:
    text = read.text if read is not None else (UNREAD if w.turn else "")
    return Word(text, float(w.x0), float(w.y0), float(w.x1), float(w.y1),
                read.conf if read is not None else 1.0, w.turn)


# ---------------------------------------------------------------- one table

def _read_table(ctx: OcrPage, pink: PageInk, pw: PageWords, t: TableLayout, index: dict[int, int],
                word_reads: dict[int, CellRead], meta: GridMeta, cut: frozenset[int] = frozenset()) -> Grid | None:
    bands = [t.header] + list(t.rows)
    boxes: dict[CellBox, list[int]] = {}
    for r, band in enumerate(bands):
        for c, col in enumerate(t.columns):
            ws = [index[id(w)] for w in t.cells[r][c] if id(w) in index]
            cb = CellBox(r, c, r, c, int(col.x0), int(band.y0), int(np.ceil(col.x1)), int(np.ceil(band.y1)))
            boxes[cb] = ws
    inside = _components_in(pink, t, bands)
    none = np.zeros(0, np.int64)
    inks = {cb: _cell_ink(ctx, pink, pw, cb, ws, inside.get((cb.r0, cb.c0), none)) for cb, ws in boxes.items()}
    if all(i.empty for i in inks.values()):
        return None
    by_row: dict[int, list[CellBox]] = {}
    for cb in boxes:
        by_row.setdefault(cb.r0, []).append(cb)
    turns = {c: Turn() for c in rotated_columns(None, inks, ctx.dpi)}
    reads: dict[CellBox, CellRead] = {}

    def reuse(cb: CellBox) -> CellRead | None:
        ws = boxes[cb]
        return word_reads.get(ws[0]) if len(ws) == 1 else None
    reuse_roles = ("month", "ref")

    labels = month_label_reads(t, index, word_reads)
    for cb in by_row[0]:
        reads[cb] = reuse(cb) or labels.get(cb.c0) or read_header_cell(ctx, inks[cb], turns, cb)
    fix_month_labels(ctx, by_row[0], reads, inks)
    roles = column_roles(by_row, reads, 0)
    month_cols = frozenset(t.month_cols)
    values = {(cb.r0, cb.c0): _value_words(pw, boxes[cb], word_reads) for cb in boxes if cb.c0 in month_cols}
    for r in sorted(by_row)[1:]:
        for cb in by_row[r]:
            role = roles.get(cb.c0, "text")
            got = reuse(cb) if role in reuse_roles else None
            reads[cb] = got or read_by_role(ctx, inks[cb], role, turns.get(cb.c0))
            if role == "month":
                cap = _placement_cap(r, cb.c0, t, month_cols, values)
                if _moved(pw, boxes[cb], word_reads, t, cb.c0):
                    cap = min(cap, LAYOUT.ambiguous_conf)
                if cut.intersection(boxes[cb]):
                    cap = min(cap, CUT_GLYPH)       # a glyph in pieces, whatever its cell read
                if cap < reads[cb].conf:
                    reads[cb] = CellRead(reads[cb].text, cap, reads[cb].cut)
    return assemble(ctx, None, reads, 0, replace(meta, notes=meta.notes + ("layout=words",)))


def _value_words(pw: PageWords, ws: list[int], reads: dict[int, CellRead]) -> tuple[int, int]:
    """(value words, values) of a cell: words read as values, and their runs. The ink words of
    one value part at its point ('17' '.' '4%'), or where a faint point was lost ('10' '1%'),
    with less than a glyph's height between them; two values of neighbouring months stand a
    column gap apart."""
    xs = sorted((pw.words[i].x0, pw.words[i].x1) for i in ws if i in reads and is_value(reads[i].text))
    runs = sum(1 for k in range(1, len(xs)) if xs[k][0] - xs[k - 1][1] > SAME_VALUE_GAP * pw.glyph)
    return len(xs), (runs + 1) if xs else 0


def _placement_cap(r: int, c: int, t: TableLayout, month_cols: frozenset[int],
                   values: dict[tuple[int, int], tuple[int, int]]) -> float:
    """What a month cell's confidence may be, by how surely the geometry placed its words:
    - a month prints one value: a cell holding two is unplaced (a neighbour's value came in);
    - a row the model could not place into its months with as many value words as months or
      fewer (another placement was nearly as near) leaves every month unplaced, as on a text
      layer;
    - a row with more value words than months (a value in pieces: '17' '4%' of '17.4%', or '10'
      '1%' of '10.1%' whose point the scan lost) was left where its words fell: a cell holding
      one value was placed by its column's bounds, so it is not sure (0.8, as a column a word
      straddles), and its read says what the pieces are ('101%' is no value the ink allows)."""
    if values.get((r, c), (0, 0))[1] >= 2:
        return LAYOUT.ambiguous_conf
    if r < 1 or r - 1 >= len(t.doubtful) or not t.doubtful[r - 1] & month_cols:
        return 1.0
    if sum(values.get((r, k), (0, 0))[0] for k in month_cols) <= len(month_cols):
        return LAYOUT.ambiguous_conf
    return LEFT_WHERE_FELL


def _moved(pw: PageWords, ws: list[int], reads: dict[int, CellRead], t: TableLayout, c: int) -> bool:
    """A value the row's placement took out of the column its ink stands in. The placement keeps
    a row's values in order, one to a month, and that moves a value whose neighbour was lost or is
    something else (a dash of the next column that fell inside the last month's bounds, two pieces
    of a glyph the rule removal cut) into the next month along, every later one with it. A scan's
    ink stands where it was printed, so a value so moved is not placed: it goes to review."""
    starts = [col.x0 for col in t.columns]
    for i in ws:
        if i in reads and is_value(reads[i].text) and any(ch.isdigit() for ch in reads[i].text):
            k = bisect.bisect_right(starts, pw.words[i].cx) - 1
            if 0 <= k < len(t.columns) and k != c and pw.words[i].cx <= t.columns[-1].x1:
                return True
    return False


def _cell_ink(ctx: OcrPage, pink: PageInk, pw: PageWords, cb: CellBox, ws: list[int],
              inside: np.ndarray) -> Ink:
    """The ink of a cell: its words' components and every other component whose centre is in
    the cell (points, commas, a '%' in pieces: marks that no word holds), inside a box that
    holds them all."""
    words = [pw.words[i] for i in ws]
    if not words and inside.size == 0:
        return Ink(np.zeros((1, 1), np.uint8), None, (cb.x0, cb.y0))
    pad = _pad(ctx.dpi)
    box = (min([cb.x0] + [w.x0 - pad for w in words]), min([cb.y0] + [w.y0 - pad for w in words]),
           max([cb.x1] + [w.x1 + pad for w in words]), max([cb.y1] + [w.y1 + pad for w in words]))
    return cell_ink_from(pink, box, ctx.dpi, ids=np.concatenate([inside] + [w.ids for w in words]))


def _components_in(pink: PageInk, t: TableLayout, bands) -> dict[tuple[int, int], np.ndarray]:
    """Component ids by (row, column) of the table, by centre (one vectorised pass)."""
    x0, y0, x1, y1 = t.box
    sel = np.flatnonzero((pink.cx >= x0) & (pink.cx < x1) & (pink.cy >= y0) & (pink.cy <= y1))
    sel = sel[sel > 0]
    starts = np.array([c.x0 for c in t.columns])
    col = np.searchsorted(starts, pink.cx[sel], side="right") - 1
    tops = np.array([b.y0 for b in bands])
    bottoms = np.array([b.y1 for b in bands])
    row = np.searchsorted(tops, pink.cy[sel], side="right") - 1
    ok = (col >= 0) & (row >= 0)
    ok[ok] &= pink.cy[sel[ok]] <= bottoms[row[ok]]
    out: dict[tuple[int, int], list[int]] = {}
    for i, r, c in zip(sel[ok].tolist(), row[ok].tolist(), col[ok].tolist()):
        out.setdefault((r, c), []).append(i)
    return {k: np.array(v, np.int64) for k, v in out.items()}
