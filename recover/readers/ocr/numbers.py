"""Reading a value cell: empty cells and dashes from the ink, numbers by OCR checked against
the ink, and read again in other ways when doubtful. A read the ink contradicts (a lost decimal
point, an invented digit, a dropped minus, the wrong width) is never confident; agreement
between looks is what earns a high confidence."""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from recover.printed.numbers import parse_value

from . import glyphs
from .context import CellRead, OcrPage
from .engine import Layout
from .ink import Ink, median, text_lines
from .text import read_text_cell


def read_change(ctx: OcrPage, ink: Ink) -> CellRead:
    """'↑ 16%': the arrow from its shape, the number by OCR (digits only)."""
    mark = glyphs.leading_mark(ink)
    if mark is None:
        return read_number(ctx, ink, None, retry=False)
    symbol, box = mark
    x0, y0, x1, y1 = box
    sub = ink.mask[y0:y1, x0:x1]
    rows = np.flatnonzero(sub.any(axis=1))
    rest = Ink(ink.mask, (x0, y0 + int(rows[0]), x1, y0 + int(rows[-1]) + 1), ink.origin)
    r = read_number(ctx, rest, ctx.settings.num_whitelist, retry=False, height=ctx.settings.extra_height)
    conf = r.conf
    if symbol == "↓" and r.text[:1].isdigit():
        # the key says '↓' is a fall of 10% or more: a minus glued to the digit was lost
        conf = min(conf, 0.5)
    return CellRead(f"{symbol} {r.text}".strip(), conf)


def read_number(ctx: OcrPage, ink: Ink, whitelist: str | None, retry: bool,
                height: int | None = None, ruled: bool = False, digit_h: float = 0.0) -> CellRead:
    """A value cell: decided from the ink when empty or a dash; otherwise read, and read again
    in other ways when the first read is doubtful (low confidence, not a value, or missing a
    decimal point the ink shows). Agreement between reads is what earns a high confidence,
    except where the ink shows the reads share one confusion (a '7' read '1' on every look).
    ruled: `ink` is the interior of a ruled cell, whose rules were taken out of the ink;
    digit_h: the height of the table's month values (their median ink height, pixels)."""
    glued = ruled and at_rule(ink, ctx.dpi)
    r = _read_number(ctx, ink, whitelist, retry, height, glued)
    if glued and retry and digit_h and ink.h < FRAGMENT * digit_h and r.conf > NO_AGREEMENT \
            and any(ch.isdigit() for ch in r.text):
        # the rule took part of the glyph with it: what is left reads as another digit as
        # readily as its own ('3' kept as its upper left, read '4' by two looks of three)
        return replace(r, conf=NO_AGREEMENT, digits=0.0)
    cap = SHARED_CONFUSION if retry else DOUBTFUL
    if r.conf > cap and glyphs.one_has_a_bar(ink, r.text):
        return CellRead(r.text, cap)
    return r


AT_RULE_ALONE = 0.95     # a month value at its cell's rule is kept on one look only when read this
                        # surely (the misreads measured at 0.82-0.93, the cells read right at 0.96)
FRAGMENT = 0.8          # a value at a rule this much shorter than the table's others is what is
                        # left of it (the rule's removal took the rest: 7 px of a 12-13 px digit)
SHARED_CONFUSION = 0.3   # a month value every look agrees on but the ink contradicts: below the
                         # table stage's unreadable_below, so the cell goes to review (as NO_AGREEMENT)
DOUBTFUL = 0.5           # other cells (changes, benchmarks) keep a doubtful value, as elsewhere here


def at_rule(ink: Ink, dpi: float) -> bool:
    """The ink runs into a side rule of its cell (a right-aligned value printed flush against the
    border, as LibreOffice's are): taking the rule out of the scan took the strokes it touched
    with it, or left a piece of the rule on them ('3' kept as its left half, read '4'; a '0'
    whose right stroke thinned, read '9' by one look at 0.93 and '0' by two). Such a value is
    kept on one look only when that look is all but certain (AT_RULE_ALONE)."""
    if ink.empty:
        return False
    near = max(2, round(dpi / 100))
    x0, _, x1, _ = ink.box
    return x1 >= ink.mask.shape[1] - near or x0 < near


def _read_number(ctx: OcrPage, ink: Ink, whitelist: str | None, retry: bool,
                 height: int | None = None, glued: bool = False) -> CellRead:
    if ink.empty:
        return CellRead("", 1.0)
    if glyphs.is_dash(ink, ctx.dpi):
        return CellRead("-", 0.97)
    lines = text_lines(ink.mask[:, ink.box[0]:ink.box[2]], ctx.dpi)
    if len(lines) > 1:
        # a wrapped value ('n/a' under a note): read as text, the table stage will judge it
        r = read_text_cell(ctx, ink, turn=None, max_lines=3)
        # a number is printed on one line: one read from two is a value and a piece of something
        # else (a rule's remnant, a neighbour's line; '29.0%' read '200%' over a rule)
        number = retry and parse_value(r.text).status == "ok"
        return CellRead(r.text, min(r.conf, NO_AGREEMENT if number else 0.6))
    marks = glyphs.punctuation(ink)
    # a point glued to a digit, or lost between two: a read without one is not the value
    fused = marks == (0, 0) and (glyphs.fused_point_suspect(ink) or glyphs.wide_pitch_suspect(ink))
    widths = glyphs.tall_glyph_widths(ink)
    h = height or ctx.settings.num_height
    looks = [   # best first (measured on the corpus); the binarised crop is worst and left out
        dict(height=h, sharpen=True),
        dict(height=h + 16),
        dict(height=h - 8),
    ]
    if glued and retry:
        # a value at its rule, looked at with the rule left in, when no two looks read it alike:
        # a lone glyph taken clean out of its cell is read as nothing as often as right ('0' at
        # 300 dpi), beside the rule it is not
        looks.append(dict(height=h, sharpen=True, with_rules=True))
    minus = glyphs.starts_with_minus(ink)
    reads: list[CellRead] = []
    for k, look in enumerate(looks if retry else looks[:2]):
        if look.get("with_rules") and _two_alike(reads):
            break
        r = ctx.read(ink, ink.box, layout=Layout.LINE, charset=whitelist, **look)
        rd = CellRead(*_tidy_value(r.text, r.conf), digits=max(r.conf, r.digits))
        if minus and rd.text[:1].isdigit():
            rd = CellRead("-" + rd.text, min(rd.conf, 0.8))   # the ink shows the sign OCR dropped
        reads.append(rd)
        good = plausible(rd.text, marks, widths, (ink.w, ink.h), fused)
        if k == 0 and good and rd.conf >= (AT_RULE_ALONE if glued and retry else ctx.settings.retry_below):
            if "1" not in rd.text or rd.conf >= DOUBTFUL_ONE:
                return replace(rd, digits=rd.conf)
            # one look reads a '7' as '1' in some faces ('75%' as '15%' at 0.81-0.86): a second decides
        elif k == 0 and not retry:
            break
        agree = [x for x in reads if x.text == rd.text]
        if k > 0 and good and len(agree) >= 2:
            conf = _agreed(agree, reads, retry)
            if retry and not glued and conf < UNSURE_AGREEMENT and len(agree) == len(reads) \
                    and min(x.digits for x in agree) >= DIGITS_SURE:
                # every look read it alike, each rating every digit surely: the word's low
                # rating is not the glyphs' (a '1' beside a '1', a fill behind the value)
                conf = SURE_DIGITS_AGREED
            # a read without a point: how sure the looks were of its digits, each look's rating
            # of them and not of the word (rated near 0 where the point was lost), as where the
            # ink refuses it (_digits_agreed); the row may give the point back
            digits = conf if _points(rd.text) else max(conf, _digits_of(agree, reads, retry))
            disputed = [x for x in reads if _only_punctuation_differs(x.text, rd.text)]
            if disputed:
                conf = min(conf, 0.5)       # one look saw a point the others did not: 8.8% or 88%?
                if any(_points(x.text) > _points(rd.text) for x in disputed):
                    # the reads agree on a value without the point one look saw: the scan loses
                    # faint points far more often than OCR invents one, and the value without it is
                    # 10x off, so it is no value to keep as read ('34.7%' agreed as '347%')
                    conf = min(conf, LOST_POINT_DOUBT)
            return CellRead(rd.text, conf, digits=digits)
    if not retry and parse_value(reads[0].text).status == "unreadable" and reads[0].text.isalpha():
        return reads[0]           # a word in a benchmark/target column ('Local', 'TBC'): as read
    good = [x for x in reads if plausible(x.text, marks, widths, (ink.w, ink.h), fused)]
    if good:
        best = max(good, key=lambda x: x.conf)
        # a month value that no two looks read alike is no value to keep as read: the looks that
        # disagree on it are 10x off ('94.0%' read '940%') as often as a digit off, and other packs
        # or the reviewer give it; other cells (changes, benchmarks) are read once or twice anyway
        return CellRead(best.text, min(best.conf, NO_AGREEMENT if retry else 0.5))
    best = max(reads, key=lambda x: x.conf)
    return CellRead(best.text, min(best.conf, 0.3), digits=_digits_agreed(reads, widths, ink, retry))


def _two_alike(reads: list[CellRead]) -> bool:
    """Two of the reads give the same text, something and not nothing."""
    texts = [x.text for x in reads if x.text]
    return len(set(texts)) < len(texts)


def _agreed(agree: list[CellRead], reads: list[CellRead], retry: bool) -> float:
    """The confidence of a value that the looks in `agree` read alike (of all `reads`)."""
    conf = max(x.conf for x in agree)
    if retry and conf < UNSURE_AGREEMENT:
        conf = min(conf, NO_AGREEMENT)   # looks each unsure of the glyphs agree on a slip as
                                         # readily ('35' for 39, '26' for 20 at 0.45-0.61)
    if len(agree) < len(reads):
        conf = min(conf, 0.75)      # another look read something else
    return conf


def _digits_agreed(reads: list[CellRead], widths: list[int], ink: Ink, retry: bool) -> float:
    """How sure looks that agree are of the digits of a read the ink refuses for its point alone
    (a point seen, or glued to a digit, that every look lost: '610%' for 61.0%); 0 otherwise."""
    if not retry:
        return 0.0
    best = 0.0
    for rd in reads:
        agree = [x for x in reads if x.text == rd.text]
        if len(agree) >= 2 and "." not in rd.text and plausible(rd.text, None, widths, (ink.w, ink.h)):
            best = max(best, _digits_of(agree, reads, retry))
    return best


def _digits_of(agree: list[CellRead], reads: list[CellRead], retry: bool) -> float:
    """How sure the looks in `agree`, which read alike, were of the digits: each look's own
    rating of them, not of the word its lost point made odd (agreed as `_agreed` agrees)."""
    return _agreed([replace(x, conf=x.digits) for x in agree], reads, retry)


UNSURE_AGREEMENT = 0.65   # a month value whose agreeing looks all read it below this is no sure one:
                          # the wrong values with status ok of the full 200 dpi scan bench that no
                          # glyph check caught were agreed at 0.39-0.61
DOUBTFUL_ONE = 0.9     # below this a single read with a '1' in it is looked at twice
DIGITS_SURE = 0.9      # looks that all read a value alike, each rating every digit this surely ...
SURE_DIGITS_AGREED = 0.6   # ... keep it at this, below a clean read, however they rated the word
                           # (not at a rule, where what the rule left of a glyph reads as another)

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
        if others and w >= TOUCHING * median(others):
            return True
    return False


LOST_POINT_DOUBT = 0.3   # below the table stage's unreadable_below: the cell goes to review
NO_AGREEMENT = 0.3       # the same, for a month value no two looks read alike


def _points(text: str) -> int:
    return text.count(".") + text.count(",")


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


def plausible(text: str, marks: tuple[int, int] | None, widths: list[int] = (),
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
