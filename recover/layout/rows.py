"""Rows of one table: the table's own lines, the lines holding values under the months, the
cut between each pair of them, and the header band above the first cut.

    lines = clip_lines(page_lines, room, ref_room, top, bottom)   # the words inside the table's room
    bands = find_rows(lines, m, run, run_words, turned, sc, space, settings)

A row's values are on one line (>= min_values value-like words under the month labels); its
other text (a wrapped title, stacked names) is above or below them. The cut between two value
lines goes where a ref opens a line, else at the widest vertical gap. Vertical distances are
read in the table's own leading, so one setting serves points and layout text's line numbers.
"""
from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass

from . import vocab
from .header import MonthRun
from .lines import TextLine, phrases
from .settings import LayoutSettings
from .words import Scale, Word


@dataclass(frozen=True)
class RowBand:
    lines: tuple[int, ...]        # indices into TableLayout.lines
    y0: float
    y1: float
    value_line: int | None        # the line holding the row's values (None: a title-only row)
    evidence: str = ""            # how its top was found: ref | gap | header


@dataclass(frozen=True)
class Rows:
    header: RowBand
    rows: tuple[RowBand, ...]
    lead: float                   # the body's leading (vertical distances are read in it)


def find_rows(lines: list[TextLine], m: int, run: MonthRun, run_words: set[int], turned: list[Word],
              sc: Scale, space: float, st: LayoutSettings) -> Rows | None:
    """The header band and the row bands of the table whose month line is lines[m] (None: no
    line below the months holds values)."""
    em = sc.em
    centres = month_centres(run)
    need = min(st.min_values, len(centres))
    under = [under_count(ln, centres, run.step, st.value_reach, run.x0, st.label_gap * space, run_words,
                         st.mark_height * em) for ln in lines]
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
    lead = lead_of(lines, m, end + 1, skip) or em
    opens = ref_opener(lines, m, centres[0], sc, lead, lambda i: under[i][0] > 0)
    # across a wide gap only a row continues the table: a line of several values, or a ref
    # followed by values (the page footer 'Page 4' is one value under the months)
    full = [n >= min(3, len(centres)) for n, _ in under]
    end = min(end, body_end(lines, m, turned, lead, st, full))
    values = [i for i in range(m + 1, end + 1) if under[i][0] >= need]
    if not values:
        return None
    end = last_row_end(lines, values[-1], end, turned, lead, st)
    anchors = [m] + values
    cuts = [cut(lines, a, b, opens, lead, st) for a, b in zip(anchors, anchors[1:])]
    header = _header_band(lines, m, cuts[0], run, run_words, skip, em, st)
    bounds = cuts + [end + 1]
    rows = []
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        for part in split_at_refs(lines, a, b, opens):
            idx = tuple(part)
            v = values[k] if values[k] in idx else None
            rows.append(RowBand(idx, min(lines[i].y0 for i in idx), max(lines[i].y1 for i in idx),
                                v, "ref" if opens(idx[0]) else "gap"))
    return Rows(header, tuple(rows), lead)


def _header_band(lines: list[TextLine], m: int, first_cut: int, run: MonthRun, run_words: set[int],
                 skip, em: float, st: LayoutSettings) -> RowBand:
    """The header band: the month line, the label lines below it down to the first row, and the
    label lines above it while they stay clear of the months (the page's title band above a
    table reaches over them) and no further apart than the header's own leading allows."""
    hlead = lead_of(lines, m, first_cut, skip) or em
    first = m
    while first > 0 and lines[first].y0 - lines[first - 1].y1 <= st.header_gap * hlead and \
            not any(w.x1 > run.x0 and w.x0 < run.x1 for w in lines[first - 1].words if id(w) not in run_words):
        first -= 1
    # a month label of the run on the line above (layout text) is in the header however far
    # the band grew
    while first > 0 and any(id(w) in run_words for w in lines[first - 1].words):
        first -= 1
    return RowBand(tuple(range(first, first_cut)), lines[first].y0, lines[first_cut - 1].y1, m, "header")


# ---------------------------------------------------------------- the table's lines

def room(run: MonthRun, runs: list[MonthRun], lines: list[TextLine]):
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


def clip_lines(lines: list[TextLine], room, ref_room, top: float, bottom: float,
                keep: set[int] = frozenset()) -> list[TextLine]:
    """The lines' words inside the room (refs inside the refs' room; the words in `keep`, the
    run's own labels, inside the room whatever they look like)."""
    out = []
    for ln in lines:
        if ln.y1 < top or ln.y0 >= bottom:
            continue
        # only a word inside one room and not the other needs to be asked whether it is a ref
        ws = tuple(w for w in ln.words
                   if (inside if (inside := _inside(w, room)) == _inside(w, ref_room) else
                       _inside(w, ref_room if id(w) not in keep and vocab.is_ref(w.text) else room)))
        if ws:
            out.append(TextLine(ws, min(w.y0 for w in ws), max(w.y1 for w in ws)))
    return out


def _inside(w: Word, room: tuple[float, float]) -> bool:
    return room[0] <= w.cx < room[1]


def month_centres(run: MonthRun) -> list[float]:
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


def under_count(ln: TextLine, centres: list[float], step: float, reach: float,
                 x0: float, max_gap: float, labels: set[int], mark: float = 0.0) -> tuple[int, int]:
    """(month columns holding a value on this line, other words under the months). A value
    counts within `reach` steps of a label; another word only within half a step, not under the
    first month in a phrase that starts left of the run (`x0`: the text of the column before
    the months ends close to the first month, closer where layout text spreads the labels
    unevenly), not a month label of the run (`labels`: layout text may print one on a line
    of its own) and not a mark shorter than `mark` (no line of text is that low)."""
    cols, other = set(), 0
    before: set[int] | None = None      # the words of phrases starting left of x0, when asked
    # a word further than `reach` steps (and half a step) from every label centre counts for
    # nothing: most of a line (titles, commentary) is not asked what it is
    far = max(reach, 0.5) * step
    lo, hi = centres[0] - far, centres[-1] + far
    for w in ln.words:
        if not lo < w.cx < hi or id(w) in labels:  # labels: a piece of a wrapped month label ('8' under 'Sept-1')
            continue
        if vocab.is_value(w.text):
            k = _under_months(w, centres, step, reach)
            if k is not None:
                cols.add(k)
        elif not vocab.is_glyph_only(w.text) and w.height >= mark and not _lone_letter(w.text):
            k = _under_months(w, centres, step)
            if k == 0 and before is None:
                before = {id(x) for p in phrases(ln, max_gap) if p.x0 < x0 for x in p.words}
            if k is not None and not (k == 0 and id(w) in before):
                other += 1
    return len(cols), other


def _lone_letter(text: str) -> bool:
    """One letter alone ('c'): what OCR reads a speck as (the edge of a filled cell, a rule's
    stub at 200 dpi), not prose; a word not read yet ('') still counts as one."""
    t = vocab.norm(text)
    return len(t) == 1 and t.isalpha()


# ---------------------------------------------------------------- row bands

def lead_of(lines: list[TextLine], a: int, b: int, skip) -> float | None:
    """The leading of the text lines among a..b-1 (lines for which `skip` is false: not the
    month line, not a line of values): the median distance from a line to the nearest such
    line above it that shares a column with it (wrapped text of one cell)."""
    ds = []
    reach: dict[int, tuple[list[float], list[float]]] = {}
    for i in range(a + 1, min(b, len(lines))):
        if skip(i):
            continue
        spans = [(w.x0, w.x1) for w in lines[i].words]
        for j in range(i - 1, max(a, i - 12) - 1, -1):
            if skip(j):
                continue
            if j not in reach:
                reach[j] = _reach(lines[j])
            if _overlaps(spans, *reach[j]):
                d = lines[i].y0 - lines[j].y0
                if d > 0:
                    ds.append(d)
                break
    return statistics.median(ds) if ds else None


def _reach(line: TextLine) -> tuple[list[float], list[float]]:
    """A line's word starts in order, and the furthest right any word up to each one ends."""
    ws = sorted(line.words, key=lambda w: w.x0)
    ends, far = [], float("-inf")
    for w in ws:
        far = max(far, w.x1)
        ends.append(far)
    return [w.x0 for w in ws], ends


def _overlaps(spans: list[tuple[float, float]], starts: list[float], ends: list[float]) -> bool:
    """Some span (x0, x1) overlaps some word of a line (x0 < w.x1 and w.x0 < x1), the line given by
    _reach: of the words starting left of x1, the furthest reaching ends right of x0."""
    for x0, x1 in spans:
        k = bisect.bisect_left(starts, x1)
        if k and ends[k - 1] > x0:
            return True
    return False


def body_end(lines: list[TextLine], m: int, turned: list[Word], lead: float, st: LayoutSettings,
              full: list[bool]) -> int:
    """The table's last line: text goes on below the header until a vertical gap wider than
    body_gap leadings (turned names bridge the gaps they cover) that no row follows: the line
    after the gap holds several values under the months, or is followed by such a line before
    the next wide gap (a row whose values sit low in a tall cell, whether or not its ref was
    read as one: a 200 dpi scan reads 'LAC' over '6 (val)' as 'C'; the page footer 'Page 4' is
    one value under the months, a caption no values at all)."""
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


def last_row_end(lines: list[TextLine], last_value: int, end: int, turned: list[Word], lead: float,
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


def ref_opener(lines: list[TextLine], m: int, first_month_x: float, sc: Scale, lead: float, values_on):
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
        # a piece that makes the cell a ref, or a ref's head, continues it ('LAC1' + '0-' of a
        # 'LAC10-QL' wrapped three letters a line)
        if unfinished or (cell is not None and close and (vocab.is_ref(cell + t) or vocab.is_ref_head(cell + t))):
            cell += t
        elif vocab.is_ref(t) or vocab.is_ref_head(t):
            opener[i], cell = True, t
        elif cell is not None:
            cell += " " + t
    return lambda i: opener[i]


def split_at_refs(lines: list[TextLine], a: int, b: int, opens) -> list[list[int]]:
    """Lines a..b-1 hold one row's values at most; a further line opening with a ref starts a row
    of its own (an indicator that prints no month at all)."""
    parts = [[a]]
    for i in range(a + 1, b):
        if opens(i):
            parts.append([i])
        else:
            parts[-1].append(i)
    return parts


def cut(lines: list[TextLine], a: int, b: int, opens, lead: float, st: LayoutSettings) -> int:
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
