"""Positioned words: what every input becomes before the layout model sees it.

    Word(text, x0, y0, x1, y1, conf=1.0, turn=0, line=None, chars=())

Coordinates have the origin top-left and y growing down, in the input's own unit: PDF points
for a text layer or OCR words (pixels * 72 / dpi), character columns and line numbers for
pdftotext -layout text. The model never assumes a unit: its tolerances scale with the words'
median height and character width (settings.py).

Builders (words in, nothing else decided):
    words_from_chars(chars)            pdfium glyphs of a text-layer page (readers/textlayer.py)
    words_from_layout_text(lines)      one page of `pdftotext -layout` output
    words_from_tesseract_tsv(text)     tesseract's TSV output (level-5 rows)
"""
from __future__ import annotations

import gc
import math
import re
import statistics
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from .settings import DEFAULT, LayoutSettings


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float = 1.0
    turn: int = 0             # quarter turns of the writing: 0 upright, 1 top-to-bottom, 3 bottom-to-top
    line: int | None = None   # the source text line (extracted text), for provenance
    chars: tuple = ()         # the glyphs it was built from (text layer), for exact cell text

    # The model asks for these thousands of times a page: each is computed once a word and kept in
    # the instance (not a field: equality, hash and repr stay the fields'). Builders that make a
    # page of words at once (make_word) fill them in as they build.
    @cached_property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @cached_property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @cached_property
    def upright(self) -> bool:
        return self.turn in (0, 2)

    @cached_property
    def width(self) -> float:
        return self.x1 - self.x0

    @cached_property
    def height(self) -> float:
        return self.y1 - self.y0


_new = object.__new__


def make_word(text: str, x0: float, y0: float, x1: float, y1: float, conf: float = 1.0, turn: int = 0,
              line: int | None = None, chars: tuple = ()) -> Word:
    """Word(...) with its measures filled in, at half the cost of the frozen dataclass's __init__
    (which sets every field through object.__setattr__): builders make every word of every page."""
    w = _new(Word)
    w.__dict__.update(text=text, x0=x0, y0=y0, x1=x1, y1=y1, conf=conf, turn=turn, line=line, chars=chars,
                      cx=(x0 + x1) / 2, cy=(y0 + y1) / 2, upright=turn in (0, 2), width=x1 - x0, height=y1 - y0)
    return w


@contextmanager
def no_cycle_collection():
    """Python's cycle collector paused while a page's words and their model are built: a page
    makes tens of thousands of small objects and no reference cycle, and each collection the
    allocations trigger walks every object the process holds (a pack's pages read so far, the
    register). Reference counting frees what dies; collection resumes, as it was, on leaving."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(frozen=True)
class Scale:
    em: float      # median height of an upright word
    char: float    # median width of one character


def scale_of(words: list[Word]) -> Scale:
    up = [w for w in words if w.upright and w.text.strip()]
    if not up:
        return Scale(1.0, 1.0)
    em = statistics.median(w.height for w in up) or 1.0
    char = statistics.median(w.width / max(len(w.text), 1) for w in up) or 1.0
    return Scale(em, char)


# ---------------------------------------------------------------- text layer (pdfium glyphs)

def words_from_chars(chars, settings: LayoutSettings = DEFAULT) -> list[Word]:
    """Glyphs -> words. Upright glyphs: lines by vertical centre, words split at spaces and at
    gaps wider than `word_gap` x font size. Turned glyphs (rotated Owner/Reporter names): columns
    of glyphs by horizontal centre, split the same way along the writing direction, so drawing
    order never matters (exporters draw rotated names in scrambled 2-3 letter chunks)."""
    with no_cycle_collection():
        return _chars_words(chars, settings)


def _chars_words(chars, settings: LayoutSettings) -> list[Word]:
    upright = [c for c in chars if not c.rotated]
    turned = [c for c in chars if c.rotated]
    out: list[Word] = []
    for line in _glyph_lines(upright, key=lambda c: c.cy):
        line.sort(key=lambda c: c.x0)
        out.extend(_split(line, lambda a, b: b.x0 - a.x1, 0, settings))
    for upwards in (True, False):      # pdfium's 3pi/2: glyphs advance up the page
        same = [c for c in turned if (math.sin(c.angle) < 0) == upwards]
        for col in _glyph_lines(same, key=lambda c: c.cx):
            col.sort(key=lambda c: -c.cy if upwards else c.cy)
            gap = (lambda a, b: a.y0 - b.y1) if upwards else (lambda a, b: b.y0 - a.y1)
            out.extend(_split(col, gap, 3 if upwards else 1, settings))
    return out


def _glyph_lines(chars, key) -> list[list]:
    """Greedy clustering by `key` (vertical centre for upright glyphs), running mean per line."""
    chars = sorted(chars, key=key)
    lines: list[list] = []
    mean = 0.0
    for c in chars:
        k = key(c)
        if lines and abs(k - mean) < max(1.5, 0.45 * c.size):
            lines[-1].append(c)
            mean += (k - mean) / len(lines[-1])
        else:
            lines.append([c])
            mean = k
    return lines


def _split(run: list, gap, turn: int, settings: LayoutSettings) -> list[Word]:
    words: list[Word] = []
    cur: list = []
    for c in run:
        if c.text.isspace():
            if cur:
                words.append(_word(cur, turn))
            cur = []
            continue
        if cur and gap(cur[-1], c) > _word_gap(cur[-1], c, settings) * max(c.size, 1.0):
            words.append(_word(cur, turn))
            cur = []
        cur.append(c)
    if cur:
        words.append(_word(cur, turn))
    return words


def _word_gap(a, b, settings: LayoutSettings) -> float:
    """The gap (x font size) that ends a word between glyphs a and b. A number never ends in a
    dash and never runs on into letters, so a dash or a letter after a number's last glyph (a
    digit, or the '%' of a percentage) with any visible gap is the next cell's mark ('-', 'tbc'
    left-aligned in the column after a right-aligned value, drawn closer than a word space
    when the columns are narrow)."""
    if (a.text[-1:].isdigit() or a.text == "%") and (b.text in ("-", "\u2013") or b.text.isalpha()):
        return settings.mark_gap
    return settings.word_gap


def _word(chars: list, turn: int) -> Word:
    return make_word("".join(c.text for c in chars), min(c.x0 for c in chars), min(c.y0 for c in chars),
                     max(c.x1 for c in chars), max(c.y1 for c in chars), 1.0, turn, None, tuple(chars))


# ---------------------------------------------------------------- pdftotext -layout

def words_from_layout_text(lines: list[str], first_line: int = 1) -> list[Word]:
    """One page of `pdftotext -layout` text: every run of non-space characters is a word at its
    character column (x) and line number (y, one unit per line)."""
    with no_cycle_collection():
        return list(_layout_words(tuple(lines), first_line))


@lru_cache(maxsize=32)
def _layout_words(lines: tuple[str, ...], first_line: int) -> tuple[Word, ...]:
    # the table pass and then the dashboard pass ask for every page of a file (a pack's pages fit)
    out = []
    for n, line in enumerate(lines, start=first_line):
        for m in _RUN.finditer(line):
            i, j = m.span()
            out.append(make_word(m.group(), float(i), float(n), float(j), float(n + 1), 1.0, 0, n))
    return tuple(out)


_RUN = re.compile(r"\S+")


# ---------------------------------------------------------------- tesseract TSV

TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")


def is_tesseract_tsv(text: str) -> bool:
    head = text.lstrip("\ufeff").split("\n", 1)[0].strip().split("\t")
    return tuple(head[:len(TSV_COLUMNS)]) == TSV_COLUMNS


def words_from_tesseract_tsv(text: str) -> dict[int, list[Word]]:
    """Tesseract TSV -> words per page number. Boxes stay in the image's pixels (the scale is
    relative), levelled when the scan was fed crooked (see `_level`); conf is tesseract's 0-100
    mapped to 0-1; `line` is the TSV line number."""
    with no_cycle_collection():
        return _tsv_words(text)


def _tsv_words(text: str) -> dict[int, list[Word]]:
    # each word is made once, where it ends up: boxes are read, the page's slope found from
    # them, then the words built levelled
    pages: dict[int, list[tuple]] = {}
    for n, row in enumerate(text.split("\n"), start=1):
        parts = row.rstrip("\r").split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        word = "\t".join(parts[11:]).strip()
        if not word:
            continue
        try:
            left, top, w, h, conf = float(parts[6]), float(parts[7]), float(parts[8]), float(parts[9]), \
                float(parts[10])
        except ValueError:
            continue
        page = int(parts[1]) if parts[1].isdigit() else 1
        # tesseract keeps sideways words upright in its boxes: a tall narrow box of several
        # letters is a turned word (names written up the page)
        turn = 3 if h > 2.5 * w and len(word) >= 3 else 0
        pages.setdefault(page, []).append(
            _Box(word, left, top, left + w, top + h, max(0.0, min(1.0, conf / 100)), turn, n, tuple(parts[2:5])))
    return {page: _level(_upright_page(got)) for page, got in pages.items()}


SIDEWAYS_SHARE = 0.6    # of a page's words of 3+ characters turned: the page was scanned on its side


def _upright_page(got: list[_Box]) -> list[_Box]:
    """A page scanned on its side: tesseract finds the text's orientation and reads it, but its
    boxes stay in the image's frame, so nearly every word is a tall narrow box and a text line runs
    down (or up) the image. When most words of three characters or more are so turned, the page's
    boxes are turned back a quarter turn, the way its lines read (along a tesseract line the words
    go down the image: a clockwise quarter turn; up: counter-clockwise), and the words are upright.
    A page with some turned words (names written up a table's column) is left as it is."""
    long = [b for b in got if len(b.text) >= 3]
    if not long or sum(b.turn != 0 for b in long) < SIDEWAYS_SHARE * len(long):
        return got
    runs: dict[tuple, list[_Box]] = {}
    for b in got:
        runs.setdefault(b.key, []).append(b)
    down = sum((ws[-1].y0 > ws[0].y0) - (ws[-1].y0 < ws[0].y0) for ws in runs.values() if len(ws) >= 2)
    if down == 0:
        return got
    if down > 0:           # reads down the image: x' = y, y' = -x
        turned = [b._replace(x0=b.y0, x1=b.y1, y0=-b.x1, y1=-b.x0) for b in got]
    else:
        turned = [b._replace(x0=-b.y1, x1=-b.y0, y0=b.x0, y1=b.x1) for b in got]
    # a word written sideways on the turned page (a name up a column) is now the tall one
    return [b._replace(turn=3 if b.y1 - b.y0 > 2.5 * (b.x1 - b.x0) and len(b.text) >= 3 else 0) for b in turned]


class _Box(NamedTuple):
    """One TSV word before it is levelled: its box, and tesseract's (block, paragraph, line)."""
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float
    turn: int
    line: int
    key: tuple

    @property
    def upright(self) -> bool:
        return self.turn in (0, 2)


# a tesseract text line this long (in median word heights) and of this many words tells the slope
SLOPE_MIN_WORDS = 5
SLOPE_MIN_SPAN = 20
SLOPE_MIN_LINES = 3
MAX_SLOPE = math.tan(math.radians(5))     # beyond this it is not a feed skew
MIN_SLOPE = 0.001                         # below this (a pixel in 1000) nothing moves lines


def _level(got: list[_Box]) -> list[Word]:
    """A scan fed crooked (0.5-2 degrees) leaves tesseract's words on sloping lines: across an
    A3 table a header line drifts by several text lines, so its month labels no longer share a
    line. Tesseract follows the slope in its own line segmentation (block, paragraph, line), so
    the median slope of its long lines is the page's skew; every box is turned back by it
    (a shear, exact enough for a few degrees)."""
    slope = _page_slope(got)
    if slope is None:
        return [make_word(b.text, b.x0, b.y0, b.x1, b.y1, b.conf, b.turn, b.line) for b in got]
    out = []
    for b in got:
        dx, dy = slope * ((b.y0 + b.y1) / 2), slope * ((b.x0 + b.x1) / 2)
        out.append(make_word(b.text, b.x0 + dx, b.y0 - dy, b.x1 + dx, b.y1 - dy, b.conf, b.turn, b.line))
    return out


def _page_slope(got: list[_Box]) -> float | None:
    by_line: dict[tuple, list[_Box]] = {}
    for b in got:
        if b.upright:
            by_line.setdefault(b.key, []).append(b)
    heights = [b.y1 - b.y0 for b in got if b.upright]
    if not heights:
        return None
    em = statistics.median(heights)
    slopes = []
    for ws in by_line.values():
        xs, ys = [(b.x0 + b.x1) / 2 for b in ws], [b.y1 for b in ws]     # baselines: y1 ignores descenders' boxes
        if len(ws) < SLOPE_MIN_WORDS or max(xs) - min(xs) < SLOPE_MIN_SPAN * em:
            continue
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx)
    if len(slopes) < SLOPE_MIN_LINES:
        return None
    slope = statistics.median(slopes)
    return slope if MIN_SLOPE <= abs(slope) <= MAX_SLOPE else None
