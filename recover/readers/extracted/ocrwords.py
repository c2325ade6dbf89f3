"""OCR'd words with positions (tesseract's TSV): what OCR does to a table, undone before the
row/column model sees the words.

    clean_marks(words)          ruling lines and marks OCR read as text (below)
    repair_month_labels(words)  a header's month labels made whole (below)

Marks. A ruling line comes out as '|' alone or glued to a cell's value ('1441)', '1198]',
'115}Local', its dot as a comma after it: '167,'); the stub of a rule or a cell's shading as punctuation alone (':', '‘', '.'); and
stripes or arrow fragments as a letter or digit half the height of the page's digits ('5', 'F',
'P' over a row's values, tesseract's boxes 12 px high where the digits are 22). Left in, each
joins the cell it falls in ('31% :'), which then reads as nothing. The glued characters come off
by the one rule for glued cells (printed.glued.split_glued); a lone mark is dropped.

Month labels. A table's month run is the model's anchor, and OCR damages it in three ways, seen on every
scanned renderer:
- marks beside a label: a cell's shading or the stub of a ruling line read as a character of its
  own ('Jan-18 y', 'May-18 -', 'Sep-18 7');
- a label split into several words, or damaged beyond parsing ('Mar a 18', 'Jun . 1g', 'Oct 18',
  'Jub18', 'pec-20', 'mar-2a');
- a label lost altogether (its column is still there, between its neighbours).

The run's labels that do parse fix a line of slots (one per month, at an even step); every slot
between them is a month column whatever OCR made of its label, as the OCR reader's own header
treats a misread label inside a run (recover.readers.ocr.header.column_roles). A slot just past
either end is a month only when its words look like a label (printed.months.month_in_cell,
looks_damaged), or when a chart caption above ('Monthly trend, Jun-20 to Jun-21') names a window
that holds the run and that month: every chart shows its caption's whole window, so the pack
month's label OCR read as 'jon-2)' is still Jun-21 (_in_window). The slot's words become one word, the label of its month, with the lowest
confidence of the words it replaces and at most REPAIRED_CONF (a label read back, not read).
Months come from the labels' majority (printed.months.repair_sequence), never from one label.
"""
from __future__ import annotations

import statistics
from dataclasses import replace

from recover.layout import Word
from recover.layout.lines import text_lines
from recover.layout.settings import DEFAULT
from recover.layout.words import scale_of
from recover.printed.cells import is_value
from recover.printed.confusions import ARROW_AS_LETTERS, DIGIT_AS_LETTER, RULE_ALONE_AS, strip_rule_marks
from recover.printed.dashboard import caption_months
from recover.printed.glued import split_glued
from recover.printed.months import (label, looks_damaged, month_add, month_diff, month_in_cell, names_month,
                                    parse_month)

_TO_LETTER = str.maketrans(DIGIT_AS_LETTER)
MIN_LABELS = 3          # labels that parse on one line before its slots are worked out
SLOT_REACH = 0.42       # a word belongs to a slot whose centre is this many steps from its centre
MAX_MONTH_GAP = 12      # neighbouring parsed labels further apart (in months) start another run
STEP_TOL = 0.3          # a label this many steps off the run's line of slots is not one of its labels
CHAIN_TOL = 0.2         # a damaged label past the run's end is this close to its slot (a tail
                        # column's 'from May-20' sits ~0.4 steps past the last month's)
REPAIRED_CONF = 0.5     # a label read back from its neighbours, as the OCR reader marks it
MARK_HEIGHT = 0.7       # a one- or two-character word this much shorter than the page's digits is a mark
FULL_HEIGHT = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZbdfhklt")   # glyphs as tall as a digit
LONE_MARKS = frozenset(RULE_ALONE_AS) - set("".join(ARROW_AS_LETTERS))  # '=' may be an arrow: kept


def clean_marks(words: list[Word]) -> list[Word]:
    """`words` of one page without the rules and marks OCR read as text (see the module's doc)."""
    out: list[Word] = []
    for w in words:
        parts = [p for p in split_glued(w.text) if p.strip("|")]
        if not parts:
            continue
        if len(parts) == 1:
            # '167,': a rule's dot read as a comma after the value (printed.confusions)
            bare = strip_rule_marks(parts[0])
            text = bare if bare != parts[0] and is_value(bare) else parts[0]
            out.append(w if text == w.text else replace(w, text=text))
            continue
        # '115}Local': the box shared out by characters, left to right
        per = w.width / max(sum(len(p) for p in parts), 1)
        x = w.x0
        for p in parts:
            out.append(replace(w, text=p, x0=x, x1=x + per * len(p)))
            x += per * len(p)
    digits = [w.height for w in out if w.upright and _figures(w.text)]
    if not digits:
        return out
    tall = statistics.median(digits)
    return [w for w in out if not _is_mark(w, tall)]


def _names(text: str, ym: str) -> bool:
    """'mar-2a' names March: the word starts with the month's name (OCR's digits for letters
    folded back) and goes on with a separator or digits, as a label does."""
    head = text[:3].translate(_TO_LETTER).lower()
    return head == label(ym)[:3].lower() and len(text) >= 5 and not text[3:4].isalpha()


def _in_window(want: str, start: str, first: int, last: int, window) -> bool:
    """A slot just past a run's end is a month whatever OCR made of its label ('May-21 jon-2)')
    when the run lies under a chart caption naming a window ('Monthly trend, Jun-20 to Jun-21')
    that holds the run and that month: every chart shows its caption's whole window."""
    if window is None:
        return False
    lo, hi = window
    return lo <= month_add(start, first) and month_add(start, last) <= hi and lo <= want <= hi


def _figures(text: str) -> bool:
    """A printed number of two or more digits ('1354', '19.1%'): the page's digit height."""
    core = text.strip("%-").replace(".", "").replace(",", "")
    return len(core) >= 2 and core.isdigit()


def _is_mark(w: Word, tall: float) -> bool:
    t = w.text
    if all(ch in LONE_MARKS for ch in t):
        return True
    return w.upright and len(t) <= 2 and all(ch in FULL_HEIGHT for ch in t) and w.height < MARK_HEIGHT * tall


def _chain(slots: dict[int, list[Word]], start: str, end: int, way: int) -> int:
    """The run's end moved past the slots beyond it whose words, centred on the slot, name its month though
    OCR damaged them (printed.months.names_month: 'sepao.', 'Novo', 'Ane20'), one slot of other
    words between two such allowed ('May-20 Jun-20 ind Ane20 sepao.': 'ind' is Jul-20's)."""
    def names(k: int) -> bool:
        got = sorted(slots.get(k, []), key=lambda w: w.x0)
        text = "".join(w.text for w in got)
        want = month_add(start, k)
        parsed = month_of(text)
        return bool(got) and (parsed == want if parsed else names_month(text, want))
    while True:
        if names(end + way):
            end += way
        elif names(end + 2 * way):
            end += 2 * way
        else:
            return end


def month_of(text: str) -> str | None:
    """The month of one OCR'd word: a whole label, or one with a stray character beside it."""
    return parse_month(text) or (parse_month(month_in_cell(text, stray=1) or "") if text else None)


def repair_month_labels(words: list[Word]) -> list[Word]:
    """`words` of one page with every month run's labels made whole (see the module's doc)."""
    if not words:
        return words
    lines = text_lines(words, scale_of(words).em, DEFAULT)
    drop: set[int] = set()
    add: list[Word] = []
    window = None                      # the window the latest chart caption above names
    for ln in sorted(lines, key=lambda ln: ln.y0):
        if any(w.text.lower().startswith("trend") for w in ln.words):
            window = caption_months(" ".join(w.text for w in ln.words)) or window
        for run in _runs(list(ln.words)):
            d, a = _repair_run(run, list(ln.words), window)
            drop |= d
            add.extend(a)
    if not drop and not add:
        return words
    return [w for w in words if id(w) not in drop] + add


def _runs(ws: list[Word]) -> list[list[tuple[Word, str]]]:
    """The parsed labels of a line, split into runs of months going up at an even step."""
    labelled = [(w, m) for w in ws if (m := month_of(w.text))]
    if len(labelled) < 2:
        return []
    runs: list[list[tuple[Word, str]]] = [[labelled[0]]]
    for prev, cur in zip(labelled, labelled[1:]):
        gap = month_diff(prev[1], cur[1])
        if 1 <= gap <= MAX_MONTH_GAP:
            runs[-1].append(cur)
        else:
            runs.append([cur])
    # two labels a month apart may start a run whose other labels OCR damaged (_repair_run)
    return [r for r in runs if len(r) >= MIN_LABELS or (len(r) == 2 and month_diff(r[0][1], r[1][1]) == 1)]


def _repair_run(run: list[tuple[Word, str]], line: list[Word], window=None) -> tuple[set[int], list[Word]]:
    # months by the majority: slot k of the run is month_add(start, k)
    steps = [(b.cx - a.cx) / month_diff(ma, mb) for (a, ma), (b, mb) in zip(run, run[1:])]
    step = statistics.median(steps)
    if step <= 0:
        return set(), []
    first_w = run[0][0]
    origin = statistics.median(w.cx - round((w.cx - first_w.cx) / step) * step for w, _ in run)
    # a label off the line of slots (a month named in another header, 'from Dec-19') is not the run's
    run = [(w, m) for w, m in run if abs((w.cx - origin) / step - round((w.cx - origin) / step)) <= STEP_TOL]
    votes: dict[str, int] = {}
    for w, m in run:
        k = round((w.cx - origin) / step)
        votes[month_add(m, -k)] = votes.get(month_add(m, -k), 0) + 1
    if not votes:
        return set(), []
    start, count = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    if count < max(2, len(run) // 2 + 1):
        return set(), []
    first = round((run[0][0].cx - origin) / step)
    last = round((run[-1][0].cx - origin) / step)
    slots: dict[int, list[Word]] = {}
    on_slot: dict[int, list[Word]] = {}
    for w in line:
        k = (w.cx - origin) / step
        if abs(k - round(k)) <= SLOT_REACH:
            slots.setdefault(round(k), []).append(w)
        if abs(k - round(k)) <= CHAIN_TOL:
            on_slot.setdefault(round(k), []).append(w)
    first, last = _chain(on_slot, start, first, -1), _chain(on_slot, start, last, 1)
    if max(count, last - first + 1) < MIN_LABELS or count < min(MIN_LABELS, len(run)):
        return set(), []
    # a ruling line between two labels read as a mark of its own ('Aug-21 = Sep-21'; '=' is
    # kept elsewhere, where it may be an arrow) would break the run's even step
    drop: set[int] = {id(w) for w in line if first < (w.cx - origin) / step < last
                      and abs((w.cx - origin) / step - round((w.cx - origin) / step)) > SLOT_REACH
                      and all(ch in RULE_ALONE_AS for ch in w.text)}
    add: list[Word] = []
    for k in range(first - 1, last + 2):
        got = sorted(slots.get(k, []), key=lambda w: w.x0)
        want = month_add(start, k)
        whole = [w for w in got if parse_month(w.text) == want]
        if whole and len(got) == 1:
            continue
        text = "".join(w.text for w in got)
        inside = first <= k <= last
        if not got:
            if not inside:
                continue
            # a label lost altogether: its column stands between its neighbours
            y0, y1 = statistics.median(w.y0 for w, _ in run), statistics.median(w.y1 for w, _ in run)
            x = origin + k * step
            half = statistics.median(w.width for w, _ in run) / 2
            add.append(Word(label(want), x - half, y0, x + half, y1, REPAIRED_CONF, 0, None))
            continue
        if not inside and not (month_of(text) or looks_damaged(text) or _names(text, want)
                               or _in_window(want, start, first, last, window)):
            continue
        conf = min(min(w.conf for w in got), 1.0 if whole else REPAIRED_CONF)
        drop |= {id(w) for w in got}
        add.append(Word(label(want), got[0].x0, min(w.y0 for w in got), got[-1].x1,
                        max(w.y1 for w in got), conf, 0, got[0].line))
    return drop, add
