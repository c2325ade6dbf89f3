"""Which month each value of a row's run belongs to, verified by the row's own arithmetic.

A run from reading-order text is the row's cells in column order with blank cells gone:
months, then the tail (% changes, DoT, 12-month average and max, benchmarks, targets). Two
things are unknown: where the months end, and which months were blank.

- Where the months end: at the first cell a month never prints (an arrow, a signed %, 'n/a',
  a benchmark word). When that boundary leaves exactly W values, it fixes the months (the
  'structure' evidence). Otherwise (no arrows, percentages in both months and changes) the split
  is one of several candidates.
- Which months were blank: with n < W values, every placement of W - n blanks is a candidate
  (up to MAX_BLANKS).

Each candidate aligns the rest as the tail and runs the checks (checks.py). A month cell is
trusted only when every candidate scoring within MARGIN of the best puts the same text in it,
and the best candidate passes a check that pins positions (a % change or the 12-month average)
unless the structure fixed the months. Cells the candidates disagree on are unreadable: a
blank month in reading-order text can sit anywhere the arithmetic does not see.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from math import comb

from recover.printed.confusions import ARROW_AS_DIGIT
from recover.printed.glyphs import is_glyph
from recover.printed.numbers import odd_in_row

from . import align_tail as _align
from .align import Aligned
from .checks import Check, culprit, pins, run_checks, summarise, vouches
from .header import TextHeader as Header
from .settings import CONF
from .tokens import UNREAD_ARROW, misread_shape
from .vocab import is_glyph_only, is_missing_token, is_number, is_tail_word, norm

MAX_BLANKS = 2        # blank months a candidate may assume
MARGIN = 1.5          # candidates this close to the best are rivals
UNPINNED = 0.3        # conf of a month cell the evidence does not fix (unreadable)
DISAGREE = 0.5        # conf of a cell a failing check points at
MAX_STRAY = 2         # numbers of a text line glued before the run (pdfplumber joins columns)
STRAY_COST = 0.5
BLANK_COST = 1.0      # a blank month is the exception: of two splits the checks like equally,
                      # the one that assumes fewer blanks is preferred (it still needs MARGIN)
ARROW_AFTER_COST = 0.2  # an arrow after its change: dearer than the usual one before it
PINNING = ("pct_prev", "pct_year", "avg12")
MAX_LAYOUTS = 400     # placements of a short row tried at most (14 months, 3 values: 364)
ALL_LAYOUTS = 3432    # every placement of any row in 14 months (7 values): text-first rows
_CHECK_ROLES = ("pct_prev", "pct_year", "avg12", "max12")


@dataclass(frozen=True)
class Candidate:
    months: tuple[str, ...]
    n: int                       # run cells taken as months
    tail: tuple                  # align_tail's (cells, confs, notes)
    checks: tuple[Check, ...]
    score: float
    stray: int = 0               # numbers before the months left to the text (commentary's '12')


@lru_cache(maxsize=65536)
def month_like(text: str) -> bool:
    """A cell a month column can print: an unsigned number or a missing marker. Never one with
    an arrow: LibreOffice draws a change's arrow after it, and pypdf glues the two ('0%⇒')."""
    if any(is_glyph(ch) for ch in text):
        return False
    t = norm(text)
    if is_missing_token(t) and "n/a" not in t.lower():
        return True
    return is_number(t) and t[:1] not in "-−–+"


def _boundary(run: list[str]) -> int:
    i = 0
    while i < len(run) and (month_like(run[i]) or _misread(run, i)) and not is_tail_word(run[i]):
        i += 1
    return i


def _misread(run: list[str], i: int) -> bool:
    """A month value OCR misread ('<y/' for 57: tokens.misread_values), between two month values."""
    return 0 < i < len(run) - 1 and misread_shape(run[i]) and not is_number(run[i]) and \
        month_like(run[i - 1]) and month_like(run[i + 1])


@lru_cache(maxsize=65536)
def _merge(group: tuple[str, ...], role: str) -> float | None:
    cost = _align._tail_merge(list(group), role)
    if cost is None and len(group) == 2 and _align._tail_class(norm(group[0])) == "pct" \
            and is_glyph_only(norm(group[1])):
        # LibreOffice draws a change's arrow after its number: reading order gives '-2% ⇒'
        return ARROW_AFTER_COST + _align._tail_cost(norm(group[0]), role)
    return cost


def align_tail(cells: list[str], roles: list[str]) -> tuple[list[str], list[float], list[str]]:
    """align.align_tail for cells already in one run: the same costs, merges cached."""
    cells, notes = _align.repair_tail(cells)
    while cells and not cells[-1]:
        cells.pop()
    _, groups = _align.dp_align(cells, roles, _align._tail_cost,
                                lambda r: _align._TAIL_EMPTY[_align._ROLE_GROUP.get(r, "other")],
                                lambda g, r: _merge(tuple(g), r), overflow=0.5)
    out, confs = [], []
    for g in groups:
        out.append(" ".join(cells[k] for k in g if cells[k]))
        confs.append(0.6 if not g else 1.0 if len(g) == 1 and not notes else 0.9)
    return out, confs, notes


@lru_cache(maxsize=65536)
def _aligned_tail(cells: tuple[str, ...], roles: tuple) -> tuple[tuple, tuple, tuple]:
    """align_tail, cached: the starts of a row that starts late share the tail after its months."""
    out, confs, notes = align_tail(list(cells), list(roles))
    return tuple(out), tuple(confs), tuple(notes)


def tail_fit(cells: list[str], roles: list[str]) -> float:
    """How badly `cells` fit the tail columns (align.py's costs; 0 is a perfect fit)."""
    cells, _ = _align.repair_tail(cells)
    cost, _ = _align.dp_align(cells, roles, _align._tail_cost,
                              lambda r: _align._TAIL_EMPTY[_align._ROLE_GROUP.get(r, "other")],
                              lambda g, r: _merge(tuple(g), r), overflow=0.5)
    return cost


def _score(checks) -> float:
    return sum(2.0 if c.result == "pass" else -3.0 if c.result == "fail" else 0.0 for c in checks)


def _tail_map(cells: list[str], roles: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for t, r in zip(cells, roles):
        if r in _CHECK_ROLES and r not in out:
            out[r] = t
    return out


def _layouts(values: list[str], W: int, interior: bool = True) -> list[tuple[str, ...]]:
    """Every placement of the values, in order, into W month slots (blanks elsewhere); without
    `interior`, only blanks before or after the values."""
    n = len(values)
    if n == W:
        return [tuple(values)]
    if not interior:
        return [tuple([""] * k + list(values) + [""] * (W - n - k)) for k in range(W - n + 1)]
    out = []
    for filled in combinations(range(W), n):
        row = [""] * W
        for slot, v in zip(filled, values):
            row[slot] = v
        out.append(tuple(row))
    return out


def candidates(run: list[str], header: Header, strays: int = 0, blanks: int = MAX_BLANKS,
               interior: bool = True, lossy: bool = False, few: bool = False,
               layouts: int = MAX_LAYOUTS, text_first: bool = False) -> tuple[list[Candidate], bool]:
    """All candidates, and whether the structure alone fixed where the months end. `strays`:
    how many leading cells may be numbers of a text line rather than months. In `lossy` text
    (OCR) the digit before the first % change may be its arrow ('↓ -33%' read '4 -33%'): both
    readings are candidates and the checks choose. `few`: a row printing fewer values than
    months less MAX_BLANKS (a new indicator's first months) is placed every way too (up to
    `layouts` placements); `text_first`: such a row's last values may be its tail's unsigned
    changes ('633 281% - n/a'), so fewer months are tried too."""
    out: list[Candidate] = []
    fixed_any = False
    runs = [run] + ([r for r in [_arrow_read_as_digit(run, header.W)] if r] if lossy else [])
    for r in runs:
        for s in range(0, min(strays, MAX_STRAY) + 1):
            if s and not month_like(r[s - 1]):
                break
            cands, fixed = _candidates_from(r[s:], header, s, blanks, interior, few, lossy, layouts,
                                            text_first)
            out.extend(cands)
            fixed_any = fixed_any or (fixed and s == 0)
    return out, fixed_any


def months_printed(run: list[str]) -> int:
    """How many values a run prints before its first tail cell (an arrow OCR read as a digit
    before the first change is not a month)."""
    return _boundary(_arrow_read_as_digit(run) or run)


def _arrow_read_as_digit(run: list[str], W: int | None = None) -> list[str] | None:
    """The run with each lone '1'/'4'/'7' right before a % change from the last month on read as
    that change's arrow ('↓ -5% ↓ -39%' read '↓ -5% 4 -39%'), or None when there is none. The
    last month is the last month-like value, or the window's last (`W`) where the first change is
    unsigned and reads as a month too ('171 7 2% 7 -1%' for '171 → 2% → -1%')."""
    b = _boundary(run)
    out = list(run)
    for k in range(max(min(b, W or b) - 1, 0), len(run) - 1):
        if norm(run[k]) in ARROW_AS_DIGIT and norm(run[k + 1]).endswith("%"):
            out[k] = UNREAD_ARROW
    return out if out != run else None


def _candidates_from(run: list[str], header: Header, stray: int, blanks: int, interior: bool,
                     few: bool = False, lossy: bool = False, layouts: int = MAX_LAYOUTS,
                     text_first: bool = False) -> tuple[list[Candidate], bool]:
    W, roles = header.W, header.tail_roles
    b = _boundary(run)
    fixed = b == W and (b == len(run) or is_glyph_only(run[b]) or not month_like(run[b]))
    if fixed:
        counts = [W]
    elif b < W:
        # text that keeps every printed value (not OCR): however few, these are all the row's
        # values, and the checks say which placements hold
        counts = [b] if W - b <= MAX_BLANKS or (few and b >= 1 and interior and comb(W, b) <= layouts) else []
        if few and (text_first or not interior) and W - b > MAX_BLANKS:
            # the last values may be the tail's unsigned changes ('633 281% - n/a'), as where the
            # months end is unknown; without `interior`, blanks before or after the values only
            counts = [n for n in range(b, b - blanks - 1, -1)
                      if n > 0 and (not interior or comb(W, n) <= layouts)]
    else:
        counts = [n for n in range(W, W - blanks - 1, -1) if n > 0]
    out: list[Candidate] = []
    for n in counts:
        t = _aligned_tail(tuple(run[n:]), tuple(roles))
        tail = (list(t[0]), list(t[1]), list(t[2]))
        tmap = _tail_map(tail[0], roles)
        for months in _layouts(run[:n], W, interior):
            checks = tuple(run_checks(list(months), tmap, lossy, signs_lost=lossy))
            score = _score(checks) - STRAY_COST * stray - BLANK_COST * (W - n)
            out.append(Candidate(months, n, tail, checks, score, stray))
    return out, fixed


def place_run(run: list[str], header: Header, strays: int = 0, lossy: bool = False,
              few: bool | None = None, text_first: bool = False) -> Aligned:
    """Month cells (text, conf) and tail cells for one row's run of values. `lossy`: the text
    may have lost printed values (OCR), so fewer values than months are not blank months.
    `few` (default: not lossy): a row printing few values is placed every way (candidates).
    `text_first`: a row cut from a text-first run, placed every way however few its values."""
    W = header.W
    cands, fixed = candidates(run, header, strays, lossy=lossy, few=not lossy if few is None else few,
                              text_first=text_first, layouts=ALL_LAYOUTS if text_first else MAX_LAYOUTS)
    notes: list[str] = []
    if not cands:
        b = min(_boundary(run), W)
        notes.append(f"values:{b}/{W} too-few unreadable")
        months = tuple(([""] * W + run[:b])[-W:])
        tail = align_tail(run[b:], header.tail_roles)
        confs = [UNPINNED] * W
        checks = run_checks(list(months), _tail_map(tail[0], header.tail_roles), lossy, signs_lost=lossy) \
            if lossy else []
        if lossy and b >= 2:
            # the values that survive end with the pack month: a passing % change pins the two
            # months it names
            c = Candidate(months, b, tail, tuple(checks), 0.0)
            confs = _lost_confs(c, [1.0] * W, notes, _tail_map(tail[0], header.tail_roles))
        return Aligned(list(months) + tail[0], confs + tail[1], notes, list(checks))
    best = max(cands, key=lambda c: c.score)
    near = [c for c in cands if best.score - c.score < MARGIN]
    confs = _confs(best, near, fixed, notes, lossy, _tail_map(list(best.tail[0]), header.tail_roles))
    if lossy and best.n < W:
        confs = _lost_confs(best, confs, notes, _tail_map(list(best.tail[0]), header.tail_roles))
    elif lossy and header.window_unread:
        confs = _unchecked_confs(best, confs, notes)
    if lossy:
        confs = _slip_confs(best, header, confs, notes)
        confs = _implausible(best, confs, notes)
    notes.extend(best.tail[2])
    if best.stray:
        notes.append(f"dropped-before-months:{best.stray}")
    notes.append(("structure " if fixed else "") + summarise(list(best.checks)))
    return Aligned(list(best.months) + list(best.tail[0]), confs + list(best.tail[1]), notes,
                   list(best.checks))


def _slip_confs(best: Candidate, header: Header, confs: list[float], notes: list[str]) -> list[float]:
    """OCR'd text: a month no passing check pins against OCR's usual slips (checks.pins: a 12-month
    average holds as well for '24' as for the printed '21') rests on tesseract's digits alone, and
    plain text gives no word confidence to weigh them by: its value is kept as read at
    CONF.slip_unpinned. The checks still vouch for where the row's values sit."""
    tmap = _tail_map(list(best.tail[0]), header.tail_roles)
    months = list(best.months)
    pinned = {i for c in best.checks if c.result == "pass" for i in c.cells if pins(c, i, months, tmap)}
    loose = [i for i, m in enumerate(months) if m and i not in pinned and confs[i] > CONF.slip_unpinned]
    if loose:
        notes.append(f"months {loose}: no check rules out a digit slip")
    return [min(c, CONF.slip_unpinned) if i in loose else c for i, c in enumerate(confs)]


def _implausible(best: Candidate, confs: list[float], notes: list[str]) -> list[float]:
    """OCR damage the checks do not see (printed.numbers.odd_in_row): a value without the
    decimals the row's other values print ('921%' among '91.3%'), or one far off the row's median
    ('71' among '171 172') in a month no passing % change or 12-month average covers (a dropped
    digit)."""
    covered = {i for c in best.checks if c.result == "pass" and c.name in PINNING for i in c.cells}
    out = list(confs)
    odd = odd_in_row([norm(m) for m in best.months])
    for i, why in odd.items():
        if (why == "decimals" or i not in covered) and out[i] > UNPINNED:
            out[i] = UNPINNED
            notes.append(f"month {i}: {'decimals' if why == 'decimals' else 'far-from-row'} unverified")
    first = next((i for i, m in enumerate(best.months) if m), None)
    if first is not None and first in odd and first not in covered and best.n == len(best.months) \
            and norm(best.months[first]).isdigit():
        # the run's first value may be no month at all: a bare number OCR made of the text before
        # the values (a rotated name column: '2 = 109 77 28' for '109 98 77 28' that lost the 98),
        # which makes a row that lost a value look whole; its count then places nothing
        out = [c if i in covered else min(c, UNPINNED) for i, c in enumerate(out)]
        notes.append("odd-first-value months no check pins unverified")
    return out


def _lost_confs(best: Candidate, confs: list[float], notes: list[str], tail: dict[str, str]) -> list[float]:
    """A value the text lost still counts in the printed 12-month average, so no layout of the
    values read is known; only cells a passing % change names are (the last month and the one
    it is compared with), and only a change that holds with counts taken as exact (ocrcheck's
    rule: '15 16' passes a '0%' read from '↑ 100%' only within the rounding of counts, which
    counts do not have)."""
    months = list(best.months)
    passes = Counter(i for c in best.checks if c.result == "pass" and c.name in ("pct_prev", "pct_year")
                     and vouches(c, months, tail) for i in c.cells)
    # a change vouches for where its two months are, and for their values only as far as a digit
    # misread within its rounding would fail it ('97 102' for '98 102' passes +4%); a row of three
    # values or more is also looked along (odd_in_row), but one of two has nothing else to go on:
    # its values are sure only where two changes vouch for them
    need = 2 if best.n < 3 else 1
    keep = {i for i, n in passes.items() if n >= need}
    if _arrow_as_last_month(best):
        # the row's last value may be the first change's arrow OCR read as a digit ('... 1 4
        # -75%'): every placement then hangs on a month that is not one, and a change that
        # holds for it is a coincidence (a 0% change between two equal small counts)
        keep = set()
    notes.append(f"values-lost:{len(best.months) - best.n} only {sorted(keep)} pinned")
    return [c if i in keep else min(c, UNPINNED) for i, c in enumerate(confs)]


def _arrow_as_last_month(best: Candidate) -> bool:
    """The last month is a lone arrow digit right before a % change (confusions.ARROW_AS_DIGIT)."""
    first = norm(best.tail[0][0]) if best.tail[0] else ""
    last = norm(best.months[-1])
    return len(last) == 1 and last in ARROW_AS_DIGIT and first.endswith("%")


def _unchecked_confs(best: Candidate, confs: list[float], notes: list[str]) -> list[float]:
    """OCR'd text under a header rebuilt from the rows' arithmetic whose length no read header and
    no surviving label gives (infer.py, TextHeader.window_unread): a month no passing % change or
    12-month average covers rests on that length, which the arithmetic chose, and a row that lost
    a value verifies a window one shorter too (its values then sit a month late). The checks that
    pass are anchored at the pack month, so the months they cover hold."""
    keep = {i for c in best.checks if c.result == "pass" and c.name in PINNING for i in c.cells}
    if len(keep) < len(confs):
        notes.append(f"unchecked months unverified: only {sorted(keep)} pinned")
    return [c if i in keep else min(c, UNPINNED) for i, c in enumerate(confs)]


def _confs(best: Candidate, near: list[Candidate], fixed: bool, notes: list[str], lossy: bool = False,
           tail: dict[str, str] | None = None) -> list[float]:
    W = len(best.months)
    agreed = [all(c.months[i] == best.months[i] for c in near) for i in range(W)]
    pinned = any(c.result == "pass" and c.name in PINNING for c in best.checks)
    fails = [c for c in best.checks if c.result == "fail"]
    passes = [c for c in best.checks if c.result == "pass"]
    filled = [m for m in best.months if m and any(ch.isdigit() for ch in m)]
    if 0 < sum(m.endswith("%") for m in filled) < len(filled):
        # a row prints its months in one unit: percentages among counts are another column's
        notes.append("months-mix-units unverified")
        return [UNPINNED] * W
    if len(fails) >= max(1, len(passes)):
        # nothing the row prints agrees with these months: a misplaced run, not a misprint
        notes.append("checks-fail unverified")
        return [UNPINNED] * W
    if lossy and not pinned and not passes:
        # the split rests on the row's look alone, which OCR damage can fake
        notes.append(f"values:{best.n}/{W} no check unverified")
        return [UNPINNED] * W
    if not fixed and not pinned:
        notes.append(f"values:{best.n}/{W} split unverified")
        return [UNPINNED] * W
    if best.stray and not pinned:
        notes.append("stray-number-dropped unverified")
        return [UNPINNED] * W
    base = 1.0 if passes else 0.9
    confs = [base if ok else UNPINNED for ok in agreed]
    one = culprit(list(best.months), tail, fails) if lossy and fails else None
    if one is not None:
        # OCR'd text: one month alone explains every failing check (its own value fails them, a
        # value of it would let each hold): that month is misread, the others stand
        confs[one] = UNPINNED
        notes.append(f"month {one}: the value every failing check blames unverified")
    for c in fails if one is None else ():
        for i in c.cells:
            confs[i] = min(confs[i], DISAGREE)
    if fails:
        confs = [min(x, 0.8) for x in confs]
        notes.append("checks-disagree")
    if not all(agreed):
        notes.append(f"values:{best.n}/{W} {W - sum(agreed)} month(s) unplaced")
    return confs
