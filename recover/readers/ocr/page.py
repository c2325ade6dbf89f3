"""One page image -> Grid objects: orientation, skew, grid, header first, then cells by role."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from recover.model import Box, Cell, Grid
from recover.table.months import parse_month
from recover.table.values import parse_value

from . import cells as ck
from . import deskew as dk
from .grid import CellBox, TableGrid, find_tables, lines_mask
from .tess import engine

METHOD = "ocr"
NUM_WHITELIST = "0123456789.,%-tbcn/a"
TRUNCATED = " …"      # ends a text cell of which only the first lines were read


@dataclass(frozen=True)
class Settings:
    """Every knob that changes what is read (all of it goes into the cache key)."""
    num_height: int = ck.NUM_HEIGHT   # month values and header labels
    extra_height: int = ck.NUM_HEIGHT # other numbers (% changes, averages, benchmarks): at 32 px
                                      # a '7' read as '1' 7x as often, for 1-3% less time
    line_height: int = 30             # one line of words (names, flags): tesseract's cost grows
                                      # with the image, and words need less than digits
    text_line: int = ck.TEXT_LINE
    num_whitelist: str = NUM_WHITELIST
    commentary_lines: int = 1         # long commentary: its first line is kept (marked as cut), the
                                      # rest would cost ~0.07 s per page; the values never depend on it
    outcome_lines: int = 1            # the outcome repeats the register's text: a line identifies it
    retry_below: float = 0.80         # a month read below this confidence is read again


# header words -> column role; the numeric roles get the digit recipe
_ROLE_WORDS = (   # first match wins: the outcome header mentions 'measures', the % columns a month
    ("ref", re.compile(r"^\W*ref", re.I)),
    ("outcome", re.compile(r"outcome|impact", re.I)),
    ("commentary", re.compile(r"comment", re.I)),
    ("indicator", re.compile(r"indicator|description|^\W*measure\b", re.I)),
    ("owner", re.compile(r"owner|lead", re.I)),
    ("reporter", re.compile(r"report", re.I)),
    ("pct", re.compile(r"%|change", re.I)),
    ("avg", re.compile(r"\bavg|average|mean", re.I)),
    ("max", re.compile(r"\bmax", re.I)),
    ("bench", re.compile(r"\b(sn|eng|england|se|region|stat|neighbour|benchmark|national)\b", re.I)),
    ("target", re.compile(r"target", re.I)),
)
NUMERIC_ROLES = {"month", "pct", "avg", "max", "bench", "target"}


@dataclass
class PageResult:
    grids: list[Grid]
    gray: np.ndarray                      # the straightened page (for debug drawing)
    tables: list[TableGrid] = field(default_factory=list)
    notes: tuple[str, ...] = ()


def straighten(gray: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Undo a quarter turn and the feed skew; say what was done."""
    notes = []
    if dk.looks_turned(gray):
        turn = _turn_needed(gray)
        gray = dk.turn(gray, turn)
        notes.append(f"rotated={turn}")
    gray, skew = dk.deskew(gray)
    if abs(skew) >= 0.05:
        notes.append(f"skew={skew:.2f}")
    return gray, notes


def _turn_needed(gray: np.ndarray) -> int:
    """Clockwise turn (90 or 270) that makes a sideways page upright: a few lines of its text are
    read both ways and the way that reads wins (on the corpus's 19 turned pages: 0.6-0.9 mean
    confidence the right way, under 0.15 the wrong way; ~0.14 s). Tesseract's OSD decides only
    a close vote: on a whole 300 dpi page it costs 0.3-0.6 s."""
    boxes = dk.sideways_text_boxes(gray)
    votes = {}
    for cand in (90, 270):
        confs = [engine().read(dk.turn(gray[y0:y1, x0:x1], cand), 7, None).conf for x0, y0, x1, y1 in boxes]
        votes[cand] = float(np.mean(confs)) if confs else 0.0
    if abs(votes[90] - votes[270]) >= 0.25:
        return max(votes, key=votes.get)
    deg, conf = engine().orientation(dk.lines_removed(gray))
    if deg in (90, 270) and conf >= 1.0:
        return 360 - deg
    return max(votes, key=votes.get)


def _honour_thread_limit() -> None:
    """Workers that run one page per core set OMP_THREAD_LIMIT=1; OpenCV's own thread pool
    would otherwise oversubscribe the cores the same way tesseract's did."""
    limit = os.environ.get("OMP_THREAD_LIMIT", "")
    if limit.isdigit() and cv2.getNumThreads() != int(limit):
        cv2.setNumThreads(int(limit))


def read_page_image(gray: np.ndarray, dpi: float, source: str, page: int,
                    settings: Settings = Settings(), extra_notes: tuple[str, ...] = ()) -> PageResult:
    _honour_thread_limit()
    gray = dk.to_gray(gray)
    gray, notes = straighten(gray)
    binary = dk.ink_mask(gray, max(15, int(dpi / 10) | 1))
    tables = find_tables(gray, dpi, binary)
    pink = ck.page_ink(binary, lines_mask(tables, binary.shape))
    grids = []
    base_notes = tuple(extra_notes) + tuple(notes) + (f"dpi={dpi:.0f}",)
    for t in tables:
        g = read_table(gray, pink, t, dpi, source, page, settings, base_notes)
        if g is not None:
            if g.kind == "dashboard":
                g = _with_chart_title(g, gray, binary, t, tables, dpi, settings)
            grids.append(g)
    return PageResult(grids, gray, tables, base_notes)


def _longest_run_start(on: np.ndarray) -> int:
    """Start index of the longest run of True (the axis line, not specks above it)."""
    best, best_len, start = 0, 0, None
    for i, v in enumerate(np.append(on, False)):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start > best_len:
                best, best_len = start, i - start
            start = None
    return best


def _with_chart_title(g: Grid, gray, binary, t: TableGrid, tables, dpi, settings: Settings) -> Grid:
    """A dashboard's chart title ('LAC13 - Number of ...') sits just above its plot; it is kept
    as a note because the one-line table's own label is often garbled ('LACL3')."""
    x0, y0, x1, _ = t.bbox
    top = 0
    for o in tables:
        ox0, _, ox1, oy1 = o.bbox
        if o is not t and oy1 <= y0 and min(x1, ox1) - max(x0, ox0) > 0.5 * (x1 - x0):
            top = max(top, oy1)
    region = binary[top:y0, x0:x1]
    if region.size == 0:
        return g
    # the plot's y axis: the longest vertical run of ink in the left part of the block
    left = region[:, : max(1, (x1 - x0) // 4)]
    counts = (left > 0).sum(axis=0)
    ax = int(np.argmax(counts))
    if counts[ax] < dpi * 0.5:
        return g
    col = left[:, max(0, ax - 1):ax + 2].any(axis=1)
    plot_top = _longest_run_start(col)
    band_top = max(0, plot_top - int(dpi * 0.45))
    band = region[band_top:max(band_top + 1, plot_top - int(dpi * 0.03))]
    parts = []
    for a, b in ck.text_lines(band, dpi)[:2]:
        xs = np.nonzero(band[a:b].any(axis=0))[0]
        if xs.size == 0:
            continue
        ink = ck.Ink(band, (int(xs.min()), a, int(xs.max()) + 1, b), (x0, top + band_top))
        r = engine().read(ck.gray_crop(gray, ink, ink.box, settings.num_height * 0.8), 7, None)
        if r.text:
            parts.append(r.text)
    if not parts:
        return g
    return Grid(g.source, g.page, g.method, g.cells, g.kind, g.notes + ("title=" + " ".join(parts),))


# --- one table -----------------------------------------------------------------------------

@dataclass
class _Read:
    text: str
    conf: float
    cut: bool = False        # only the first lines of the cell were read


def read_table(gray, pink: ck.PageInk, t: TableGrid, dpi, source, page, settings: Settings,
               notes: tuple[str, ...]) -> Grid | None:
    owners = _components_by_cell(pink, t)
    inks = {cb: ck.cell_ink_from(pink, (cb.x0, cb.y0, cb.x1, cb.y1), dpi, ids=owners.get(cb))
            for cb in t.cells}
    if all(i.empty for i in inks.values()):
        return None
    by_row: dict[int, list[CellBox]] = {}
    for cb in t.cells:
        by_row.setdefault(cb.r0, []).append(cb)
    rows = sorted(by_row)
    reads: dict[CellBox, _Read] = {}
    turns = {c: _Turn() for c in _rotated_columns(t, inks, dpi)}
    # the header decides how every other cell is read, so it is read first
    month_row = None
    for r in rows[:5]:
        for cb in by_row[r]:
            reads[cb] = _read_text_cell(gray, inks[cb], dpi, settings, turn=_header_turn(turns, cb), max_lines=4)
        if sum(1 for cb in by_row[r] if parse_month(reads[cb].text)) >= 3:
            month_row = r
            break
    if month_row is not None:
        _fix_month_labels(gray, by_row[month_row], reads, inks, dpi, settings)
    roles = _column_roles(t, by_row, reads, month_row)
    first_data = (month_row + 1) if month_row is not None else 0
    for r in rows:
        if r < first_data:
            for cb in by_row[r]:
                if cb not in reads:
                    reads[cb] = _read_text_cell(gray, inks[cb], dpi, settings, turn=_header_turn(turns, cb),
                                                max_lines=4)
            continue
        for cb in by_row[r]:
            if cb in reads:
                continue
            role = roles.get(cb.c0, "text")
            reads[cb] = _read_by_role(gray, inks[cb], dpi, settings, role, turns.get(cb.c0))
    return _assemble(t, reads, month_row, dpi, source, page, notes)


_MONTH_IN = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[\s\-\u2013/']*\d{2}(?:\d{2})?",
                       re.I)


def _clean_month_label(text: str) -> str | None:
    """'jJun-19' (a bold J's descender read as an extra 'j') -> 'Jun-19': a month label with at
    most two stray characters around it."""
    m = _MONTH_IN.search(text)
    if not m or len(text.replace(" ", "")) - len(m.group(0).replace(" ", "")) > 2:
        return None
    label = m.group(0)
    label = label[0].upper() + label[1:]
    return label if parse_month(label) else None


def _fix_month_labels(gray, cells: list[CellBox], reads, inks, dpi, settings: Settings) -> None:
    """Month labels decide which columns are read as numbers, so a label that does not parse
    gets cleaned, or read again, before the columns are assigned."""
    cells = sorted(cells, key=lambda c: c.c0)
    ok = [parse_month(reads[cb].text) is not None for cb in cells]
    idx = [i for i, v in enumerate(ok) if v]
    if not idx:
        return
    lo, hi = idx[0], idx[-1]
    for i, cb in enumerate(cells):
        if ok[i] or not (lo - 1 <= i <= hi + 1):
            continue
        rd = reads[cb]
        fixed = _clean_month_label(rd.text)
        if fixed is None and not inks[cb].empty:
            r = engine().read(ck.gray_crop(gray, inks[cb], inks[cb].box, 32), 7, None)
            fixed = parse_month(r.text) and r.text or _clean_month_label(r.text)
            if fixed:
                rd = _Read(r.text, r.conf)
        if fixed:
            reads[cb] = _Read(fixed, min(rd.conf, 0.85))


def _components_by_cell(pink: ck.PageInk, t: TableGrid) -> dict[CellBox, np.ndarray]:
    """Which ink components fall in which cell, in one vectorised pass (band of each centre
    by binary search on the line positions) instead of a scan of all components per cell."""
    x0, y0, x1, y1 = t.bbox
    sel = np.flatnonzero((pink.cx >= x0) & (pink.cx < x1) & (pink.cy >= y0) & (pink.cy < y1))
    sel = sel[sel > 0]
    xs = np.array([ln.pos for ln in t.xs])
    ys = np.array([ln.pos for ln in t.ys])
    col = np.searchsorted(xs, pink.cx[sel]) - 1
    row = np.searchsorted(ys, pink.cy[sel]) - 1
    ok = (col >= 0) & (col < t.n_cols) & (row >= 0) & (row < t.n_rows)
    sel, col, row = sel[ok], col[ok], row[ok]
    band_cell: dict[tuple[int, int], CellBox] = {}
    for cb in t.cells:
        for r in range(cb.r0, cb.r1 + 1):
            for c in range(cb.c0, cb.c1 + 1):
                band_cell[(r, c)] = cb
    order = np.lexsort((col, row))
    sel, col, row = sel[order], col[order], row[order]
    out: dict[CellBox, list[np.ndarray]] = {}
    if sel.size:
        keys = row * t.n_cols + col
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        ends = np.r_[starts[1:], keys.size]
        for a, b in zip(starts, ends):
            cb = band_cell.get((int(row[a]), int(col[a])))
            if cb is not None:
                out.setdefault(cb, []).append(sel[a:b])
    return {cb: np.concatenate(v) for cb, v in out.items()}


def _rotated_columns(t: TableGrid, inks, dpi) -> set[int]:
    """Columns whose cells mostly hold text turned 90 degrees (the Owner/Reporter names)."""
    votes: dict[int, list[bool]] = {}
    for cb, ink in inks.items():
        if cb.c0 != cb.c1 or ink.empty or ink.h < 1.2 * ink.w:
            continue              # turned names are tall; wide ink reads along the row
        v = ck.is_rotated_text(ink, dpi)
        if v is not None:
            votes.setdefault(cb.c0, []).append(v)
    return {c for c, vs in votes.items() if sum(vs) > len(vs) / 2}


def _column_roles(t: TableGrid, by_row, reads, month_row) -> dict[int, str]:
    roles: dict[int, str] = {}
    if month_row is None:
        return roles
    for cb in by_row[month_row]:
        text = reads[cb].text
        if parse_month(text):
            role = "month"
        else:
            role = "text"
            for name, rx in _ROLE_WORDS:
                if rx.search(text):
                    role = name
                    break
        for c in range(cb.c0, cb.c1 + 1):
            roles[c] = role
    # month columns are consecutive: a label misread inside the run ('pul-20') is still a month
    mcols = [c for c, r in roles.items() if r == "month"]
    if mcols:
        for c in range(min(mcols), max(mcols) + 1):
            roles[c] = "month"
    # header cells merged down from above the month row ('Ref.' over two header rows)
    for r, cbs in by_row.items():
        if r >= month_row:
            continue
        for cb in cbs:
            if cb.r1 >= month_row:
                text = reads[cb].text
                for name, rx in _ROLE_WORDS:
                    if rx.search(text):
                        for c in range(cb.c0, cb.c1 + 1):
                            roles[c] = name
                        break
    return roles


def _read_by_role(gray, ink, dpi, settings: Settings, role: str, turn: "_Turn | None") -> _Read:
    if role == "pct":
        return _read_change(gray, ink, dpi, settings)
    if role in NUMERIC_ROLES:
        if role == "month":
            return _read_number(gray, ink, dpi, settings, settings.num_whitelist, retry=True)
        return _read_number(gray, ink, dpi, settings, None, retry=False, height=settings.extra_height)
    if role == "ref":
        # the ref is the register's strongest key: each wrapped line ('M6-' / 'QL (' / 'val)')
        # is read on its own at full size
        return _read_line_by_line(gray, ink, dpi, settings, max_lines=4)
    lines = {"commentary": settings.commentary_lines, "outcome": settings.outcome_lines}.get(role, 6)
    r = _read_text_cell(gray, ink, dpi, settings, turn=turn, max_lines=lines, height=settings.line_height)
    # text a person reads (title, outcome, commentary) says when it is only the first lines
    return _Read(r.text + TRUNCATED, r.conf) if r.cut and r.text else r


def _read_change(gray, ink: ck.Ink, dpi, settings: Settings) -> _Read:
    """'↑ 16%': the arrow from its shape, the number by OCR (digits only)."""
    mark = ck.leading_mark(ink)
    if mark is None:
        return _read_number(gray, ink, dpi, settings, None, retry=False)
    symbol, box = mark
    x0, y0, x1, y1 = box
    sub = ink.mask[y0:y1, x0:x1]
    rows = np.flatnonzero(sub.any(axis=1))
    rest = ck.Ink(ink.mask, (x0, y0 + int(rows[0]), x1, y0 + int(rows[-1]) + 1), ink.origin)
    r = _read_number(gray, rest, dpi, settings, settings.num_whitelist, retry=False,
                     height=settings.extra_height)
    conf = r.conf
    if symbol == "↓" and r.text[:1].isdigit():
        # the key says '↓' is a fall of 10% or more: a minus glued to the digit was lost
        conf = min(conf, 0.5)
    return _Read(f"{symbol} {r.text}".strip(), conf)


def _read_number(gray, ink: ck.Ink, dpi, settings: Settings, whitelist, retry: bool,
                 height: int | None = None) -> _Read:
    """A value cell: decided from the ink when empty or a dash; otherwise read, and read again
    in other ways when the first read is doubtful (low confidence, not a value, or missing a
    decimal point the ink shows). Agreement between reads is what earns a high confidence."""
    if ink.empty:
        return _Read("", 1.0)
    if ck.is_dash(ink, dpi):
        return _Read("-", 0.97)
    lines = ck.text_lines(ink.mask[:, ink.box[0]:ink.box[2]], dpi)
    if len(lines) > 1:
        # a wrapped value ('n/a' under a note): read as text, the table stage will judge it
        r = _read_text_cell(gray, ink, dpi, settings, turn=None, max_lines=3)
        return _Read(r.text, min(r.conf, 0.6))
    eng = engine()
    marks = ck.punctuation(ink)
    fused = marks == (0, 0) and ck.fused_point_suspect(ink)    # a point glued to a digit?
    widths = ck.tall_glyph_widths(ink)
    h = height or settings.num_height
    looks = [   # best first (measured on the corpus); the binarised crop is worst and left out
        lambda: ck.gray_crop(gray, ink, ink.box, h, sharpen=True),
        lambda: ck.gray_crop(gray, ink, ink.box, h + 16),
        lambda: ck.gray_crop(gray, ink, ink.box, h - 8),
    ]
    minus = ck.starts_with_minus(ink)
    reads: list[_Read] = []
    for k, look in enumerate(looks if retry else looks[:2]):
        r = eng.read(look(), 7, whitelist)
        rd = _Read(*_tidy_value(r.text, r.conf))
        if minus and rd.text[:1].isdigit():
            rd = _Read("-" + rd.text, min(rd.conf, 0.8))   # the ink shows the sign OCR dropped
        reads.append(rd)
        good = _plausible(rd.text, marks, widths, (ink.w, ink.h), fused)
        if k == 0 and good and rd.conf >= settings.retry_below:
            if "1" not in rd.text or rd.conf >= DOUBTFUL_ONE:
                return rd
            # one look reads a '7' as '1' in some faces ('75%' as '15%' at 0.81-0.86): a second decides
        elif k == 0 and not retry:
            break
        agree = [x for x in reads if x.text == rd.text]
        if k > 0 and good and len(agree) >= 2:
            conf = max(x.conf for x in agree)
            if len(agree) < len(reads):
                conf = min(conf, 0.75)      # another look read something else
            if any(_only_punctuation_differs(x.text, rd.text) for x in reads):
                conf = min(conf, 0.5)       # one look saw a point the others did not: 8.8% or 88%?
            return _Read(rd.text, conf)
    if not retry and parse_value(reads[0].text).status == "unreadable" and reads[0].text.isalpha():
        return reads[0]           # a word in a benchmark/target column ('Local', 'TBC'): as read
    good = [x for x in reads if _plausible(x.text, marks, widths, (ink.w, ink.h), fused)]
    if good:
        best = max(good, key=lambda x: x.conf)
        return _Read(best.text, min(best.conf, 0.5))
    best = max(reads, key=lambda x: x.conf)
    return _Read(best.text, min(best.conf, 0.3))


DOUBTFUL_ONE = 0.9     # below this a single read with a '1' in it is looked at twice

DIGIT_WIDTH = 0.64     # a digit's ink width over the digit height (0.61-0.78 measured on the corpus)
PERCENT_WIDTH = 1.0    # the '%' sign's (measured 1.0 at 200 and 300 dpi)


def _digit_room(text: str, widths: list[int], height: int) -> tuple[int, int]:
    """(how many digits the full-height pieces can hold, how many pieces hold digits). A piece
    holds as many digits as its width allows (touching digits fuse into one piece, never the
    reverse); a percentage's last piece is its '%' sign, with a digit glued to it when wide."""
    if not widths or height <= 0:
        return 0, 0
    digit = DIGIT_WIDTH * height
    ws, percent = _split_percent(text, widths)
    room = max(0, round((percent - PERCENT_WIDTH * height) / digit)) if percent is not None else 0
    room += sum(max(1, round(w / digit)) for w in ws)
    return room, len(ws)


def _split_percent(text: str, widths: list[int]) -> tuple[list[int], int | None]:
    """(widths of the digit pieces, width of the '%' piece): a percentage's last piece is its sign."""
    if text.endswith("%") and widths:
        return list(widths[:-1]), widths[-1]
    return list(widths), None


TOUCHING = 1.8   # a piece this much wider than the cell's other digits holds two of them;
                 # a digit with a glued point measures 1.4-1.6 (the digit-height rule of
                 # _digit_room is too generous to tell them apart)


def _touching_digits(text: str, widths: list[int]) -> bool:
    """Some full-height piece is wide enough, next to the cell's other digit pieces, to be two
    digits that touch ('64' in '1649'), not a digit with a point glued to it ('8.' in '8.8%')."""
    ws, _ = _split_percent(text, widths)
    for i, w in enumerate(ws):
        others = ws[:i] + ws[i + 1:]
        if others and w >= TOUCHING * float(np.median(others)):
            return True
    return False


def _only_punctuation_differs(a: str, b: str) -> bool:
    """'8.8%' against '88%': the same characters but for a decimal point or comma."""
    return a != b and a.replace(".", "").replace(",", "") == b.replace(".", "").replace(",", "")


_STRAY = re.compile(r"^[.,']+|[.,'\-]+$")


def _tidy_value(text: str, conf: float) -> tuple[str, float]:
    """Drop punctuation no printed value starts or ends with (scan specks read as '.' or ',')."""
    t = text.strip()
    cut = _STRAY.sub("", t)
    if cut != t and cut and parse_value(cut).status != "unreadable":
        return cut, min(conf, 0.9)
    return t, conf


# advance of each character in units of the digit height (DejaVu, Arial and Calibri agree
# within ~10%): the ink width of a read has to fit the text read
_UNITS = {".": 0.35, ",": 0.35, "%": 1.25, "-": 0.55, "/": 0.5, "t": 0.5, "n": 0.8, "a": 0.8, "b": 0.8, "c": 0.7}


def _width_fits(text: str, ink_w: int, ink_h: int) -> bool:
    """'72%' read '712%', '38' read '3': the ink is too narrow or too wide for the text.
    Correct reads measured 0.63-0.90 (ink width / height / units) on the corpus."""
    units = sum(_UNITS.get(ch, 0.85) for ch in text)
    if not units or not ink_h:
        return True
    ratio = ink_w / (ink_h * units)
    return ratio <= 1.05 and (ratio >= 0.55 or len(text) < 2)


def _plausible(text: str, marks: tuple[int, int] | None, widths: list[int] = (),
               size: tuple[int, int] | None = None, fused: bool = False) -> bool:
    """A value as printed, not missing a point or comma the ink shows, not fewer characters
    than the separate full-height glyphs seen (widths), not more digits than they can hold, and
    as wide as the ink. fused: one glyph is too wide for a digit; it holds a point ('8.' read
    '8') unless touching digits explain it ('1649' in three pieces)."""
    v = parse_value(text)
    if v.status == "unreadable":
        return False
    glyphs = len(widths)
    if glyphs and sum(ch.isalnum() or ch in "%/" for ch in text) < glyphs:
        return False
    if size and v.status == "ok" and not _width_fits(text, *size):
        return False
    digits = sum(ch.isdigit() for ch in text)
    room, pieces = _digit_room(text, widths, size[1] if size else 0)
    if v.status == "ok" and pieces and digits > room:
        return False                 # '79%' read '719%': a digit invented
    tp, tc = text.count("."), text.count(",")
    if fused and tp + tc == 0 and not (digits > pieces and _touching_digits(text, widths)):
        return False                 # no touching digits explain the wide glyph: a point does
    if marks is None:
        return True
    p, c = marks
    if p + c > tp + tc:
        return False
    if p + c == tp + tc and (p, c) != (tp, tc):
        return False
    return True


def _read_text_cell(gray, ink: ck.Ink, dpi, settings: Settings, turn: "_Turn | None", max_lines: int,
                    height: int | None = None) -> _Read:
    if ink.empty:
        return _Read("", 1.0)
    if ck.is_dash(ink, dpi):
        return _Read("-", 0.97)
    mark = ck.solid_mark(ink)
    if mark:
        return _Read(mark, 0.9)
    if turn is not None:
        return _read_turned(gray, ink, dpi, settings, max_lines, turn)
    return _read_lines(gray, ink, dpi, settings, max_lines, height or settings.num_height)


class _Turn:
    """Which way one column's names are turned, learnt from its first cells: those are read both
    ways, the rest only the way that read better (and the other way only when that reads badly).
    A fixed first try read 'Jane Whitby' as 'Aquym euef' at confidence 0.6-0.75 in packs whose
    names run the other way."""
    LEARN = 2                # cells read both ways before the column's direction is trusted

    def __init__(self) -> None:
        self.score = {cv2.ROTATE_90_CLOCKWISE: 0.0, cv2.ROTATE_90_COUNTERCLOCKWISE: 0.0}
        self.seen = 0

    def order(self) -> list[int] | None:
        """Directions best first, or None while still learning."""
        if self.seen < self.LEARN:
            return None
        return sorted(self.score, key=lambda code: -self.score[code])

    def learn(self, reads: dict[int, "_Read"]) -> None:
        if any(r.text for r in reads.values()):
            for code, r in reads.items():
                self.score[code] += r.conf
            self.seen += 1


def _header_turn(turns: dict[int, _Turn], cb: CellBox) -> _Turn | None:
    """A header cell of a turned column is read both ways on its own: headers are not always
    turned the way the names under them are."""
    return _Turn() if cb.c0 in turns else None


def _read_turned(gray, ink: ck.Ink, dpi, settings: Settings, max_lines: int, turn: _Turn) -> _Read:
    """A name printed along a narrow column, turned back upright before it is read."""
    x0, y0, x1, y1 = ink.box
    ox, oy = ink.origin
    sub = ink.mask[y0:y1, x0:x1]
    gsub = gray[oy + y0:oy + y1, ox + x0:ox + x1]

    def read(code: int) -> _Read:
        m, g = cv2.rotate(sub, code), cv2.rotate(gsub, code)
        return _read_lines(g, ck.Ink(m, (0, 0, m.shape[1], m.shape[0]), (0, 0)), dpi, settings, max_lines,
                           settings.line_height)

    order = turn.order()
    if order is None:
        reads = {code: read(code) for code in turn.score}
        turn.learn(reads)
        return max(reads.values(), key=lambda r: r.conf)
    best = read(order[0])
    if best.conf < 0.8:      # the wrong way can read at 0.6-0.75
        other = read(order[1])
        best = other if other.conf > best.conf else best
    return best


def _read_lines(gray, ink: ck.Ink, dpi, settings: Settings, max_lines: int, height: int) -> _Read:
    """Running text: one line at full size (psm 7); several lines as a block at a lower scale
    (psm 6), which is cheaper and plenty for matching titles and keeping commentary."""
    x0, y0, x1, y1 = ink.box
    lines = ck.text_lines(ink.mask[y0:y1, x0:x1], dpi)
    if not lines:
        return _Read("", 1.0)
    eng = engine()
    if len(lines) == 1:
        img = ck.gray_crop(gray, ink, (x0, y0 + lines[0][0], x1, y0 + lines[0][1]), height)
        r = eng.read(img, 7, None)
        text = _tidy_text(r.text)
        if len(text) == 2 and text[0].lower() == text[1].lower() and ck.tall_glyphs(ink) == 1:
            text = text[0]          # one glyph read twice ('Pp' for a lone 'P')
        return _Read(text, r.conf)
    cut = len(lines) > max_lines
    lines = lines[:max_lines]
    pitch = np.median([b - a for a, b in lines])
    ly0, ly1 = y0 + lines[0][0], y0 + lines[-1][1]
    target = settings.text_line * (ly1 - ly0) / max(pitch, 1)
    r = eng.read(ck.gray_crop(gray, ink, (x0, ly0, x1, ly1), target), 6, None)
    return _Read(_tidy_text(" ".join(r.text.split())), r.conf, cut)


_QUOTES = "‘’“”'\""


def _tidy_text(text: str) -> str:
    """Drop an unbalanced quote mark at the start (a speck or the cell edge read as '‘')."""
    if text[:1] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
        return text[1:].lstrip()
    return text


def _read_line_by_line(gray, ink: ck.Ink, dpi, settings: Settings, max_lines: int) -> _Read:
    """Each wrapped line on its own at full size: for short cells that matter (refs)."""
    if ink.empty:
        return _Read("", 1.0)
    x0, y0, x1, y1 = ink.box
    parts, confs = [], []
    for a, b in ck.text_lines(ink.mask[y0:y1, x0:x1], dpi)[:max_lines]:
        xs = np.nonzero(ink.mask[y0 + a:y0 + b, x0:x1].any(axis=0))[0]
        box = (x0 + int(xs.min()), y0 + a, x0 + int(xs.max()) + 1, y0 + b)
        r = engine().read(ck.gray_crop(gray, ink, box, settings.num_height), 7, None)
        if r.conf < 0.5:      # a blurred line: the sharpened crop reads what the plain one lost
            r2 = engine().read(ck.gray_crop(gray, ink, box, settings.num_height, sharpen=True), 7, None)
            r = r2 if r2.conf > r.conf else r
        if r.text:
            parts.append(r.text)
            confs.append(r.conf)
    return _Read(" ".join(parts), min(confs) if confs else 0.0)


def _assemble(t: TableGrid, reads, month_row, dpi, source, page, notes) -> Grid:
    k = 72.0 / dpi
    used_rows = sorted({_anchor_row(cb, month_row) for cb in reads})
    used_cols = sorted({cb.c0 for cb in reads})
    rmap = {r: i for i, r in enumerate(used_rows)}
    cmap = {c: i for i, c in enumerate(used_cols)}
    out = []
    for cb, rd in reads.items():
        box = Box(round((cb.x0) * k, 1), round(cb.y0 * k, 1), round(cb.x1 * k, 1), round(cb.y1 * k, 1))
        out.append(Cell(row=rmap[_anchor_row(cb, month_row)], col=cmap[cb.c0], text=rd.text, box=box,
                        conf=round(float(rd.conf), 3)))
    out.sort(key=lambda c: (c.row, c.col))
    extra = []
    if month_row is not None:
        extra.append(f"header_row={rmap[month_row]}")
    kind = "dashboard" if _is_dashboard(out, rmap.get(month_row)) else "table"
    return Grid(source=source, page=page, method=METHOD, cells=tuple(out), kind=kind,
                notes=tuple(notes) + tuple(extra))


def _is_dashboard(cells: list[Cell], header_row: int | None) -> bool:
    """A chart's value table: a month-label header over a single row of a label and values, and
    nothing else (a dataset table always has its Indicator/Owner/... columns)."""
    if header_row is None:
        return False
    rows = {c.row for c in cells}
    if rows != {header_row, header_row + 1}:
        return False
    head = [c for c in cells if c.row == header_row and c.col > 0 and c.text.strip()]
    months = sum(1 for c in head if parse_month(c.text))
    return months >= 6 and months >= len(head) - 1


def _anchor_row(cb: CellBox, month_row) -> int:
    """Header cells merged down into the month-label row belong to that row (so 'Ref.' and
    'Apr-17' sit in one header row, as the table stage expects)."""
    if month_row is not None and cb.r0 < month_row <= cb.r1:
        return month_row
    return cb.r0
