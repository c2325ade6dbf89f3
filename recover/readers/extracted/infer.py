"""A header the text lost, rebuilt from what survives of it and from the rows' arithmetic.

OCR of a scanned page often loses the small header row: of 'Apr-17 ... Apr-18' only a label or
two survive, while the rows' values are read. The table's months are then inferred:

- the pack month is the latest month label of the file (one file is one pack), and only when a
  second clue agrees: the same month printed twice (each page's title, the last header label,
  the commentary label), or the month before it next to a '% change from' label. A month shift
  of the whole table would pass every check a row prints, so one clue is not enough;
- the window is the number of months for which the most rows' values pass a check that pins
  positions (a % change or the 12-month average), at least as long as the surviving labels span,
  counted over all the pack's pages that lost their header (they print one table).

A header inferred this way marks its grid (GridMeta.header_inferred): its cells never count as
fully sure.
"""
from __future__ import annotations

from collections import Counter

from recover.printed import arithmetic as ar
from recover.printed.confusions import FROM_AS
from recover.printed.headers import commentary_month
from recover.printed.months import parse_month

from .frames import Frame
from .header import TextHeader as Header
from .placement import PINNING, months_printed, place_run
from .tokens import MONTH, Token
from .vocab import month_add, month_diff, month_of

MIN_W, MAX_W = 5, 15      # month columns a dataset table prints
MIN_ROWS = 2              # rows that must verify the window
WHOLE = 10                # a row with a value for every month outweighs rows that only pass


def page_months(tokens: list[Token], a: int, b: int) -> Counter:
    """Month labels printed as labels: a token that is a label and nothing else. A month inside
    a sentence or a note ('(Updated Mar-19, using 17-18 data)') is not a column's or the pack's."""
    out: Counter = Counter()
    for t in tokens[a:b]:
        if t.kind == MONTH and parse_month(t.text):
            out[month_of(t.text)] += 1
    return out


def infer_pack(tokens: list[Token], a: int, b: int) -> tuple[str | None, str]:
    months = page_months(tokens, a, b)
    named = commentary_months(tokens, a, b)
    # a label far from every other one is OCR noise ('Mar-26' from a smudge), not the pack month
    near = [m for m in months if any(o != m and abs(month_diff(o, m)) <= MAX_W for o in months)]
    if len(named) == 1 and sum(named.values()) >= 2:
        # the commentary column's label names the pack month on every page: a later label is OCR
        # noise ('Nov-55' from a smudge beside 'Sep-50'), as no column prints a later month
        (month, _), = named.items()
        return month, "the commentary label's month"
    if not near:
        return None, "no month label"
    last = max(near)
    if months[last] >= 2:
        return last, "latest label printed twice"
    if named[last]:
        return last, "the commentary label's month"
    if _after_from(tokens, a, b, month_add(last, -1)):
        return last, "'% change from' the month before"
    return None, f"latest label {last} printed once, nothing agrees"


def commentary_months(tokens: list[Token], a: int, b: int) -> Counter:
    """Months the commentary column's label names ('Commentary (Nov-20)'), one count a print."""
    return Counter(m for k in range(a + 1, b)
                   if (m := commentary_month(tokens[k - 1].text, tokens[k].text)))


def _after_from(tokens: list[Token], a: int, b: int, ym: str) -> bool:
    for k in range(a + 1, b):
        if tokens[k].kind == MONTH and month_of(tokens[k].text) == ym and \
                tokens[k - 1].text.lower() in FROM_AS:
            return True
    return False


def window_scores(values: list[list[str]], span: int, header_for, lossy: bool = False) -> dict[int, int]:
    """{months: how well rows verify that window}; `header_for(W)` builds the header. A row that
    prints as many values as the window has months counts WHOLE times a row that only passes
    (a row that lost a value passes its % change check in a window one shorter too). In OCR'd
    text (`lossy`) a row of few values is not placed every way: its values may be any of the
    row's, and trying up to MAX_LAYOUTS placements a row, a window at a time, was most of the
    reading time of tesseract's text."""
    out = {}
    for W in range(max(MIN_W, span), MAX_W + 1):
        header = header_for(W)
        passed = [run for run in values if _verified(run, header, few=not lossy)]
        out[W] = len(passed) + WHOLE * sum(1 for run in passed if months_printed(run) == W)
    return out


def shared_window(pages: list[dict[int, int]]) -> int | None:
    """The window the pages of one pack verify together. A pack's dataset pages print one table
    in the same months; a page whose rows lost values can verify a shorter window on its own
    (a passing % change holds for any window that ends with the pack month)."""
    total: Counter = Counter()
    for scores in pages:
        total.update(scores)
    best = max(total.values(), default=0)
    if best < MIN_ROWS:
        return None
    return min(w for w, s in total.items() if s == best)


def infer_window(scores: dict[int, int], shared: Counter | None = None) -> tuple[int | None, str]:
    """The window for one page: of the pack's tables' windows (`shared`: window -> pages) the one
    this page's rows verify best, when its surviving labels allow one (a page whose rows all
    lost a value verifies no window of the table's length; then the commonest); else its own."""
    usable = [w for w in (shared or {}) if w in scores]
    if usable:
        W = max(usable, key=lambda w: (scores[w], shared[w], -w))
        return W, f"the pack's {W} months (score {scores[W]} here)"
    best = max(scores.values(), default=0)
    if best < MIN_ROWS:
        return None, "too few rows verify any window"
    # a longer window only adds blank months to the same rows: the shortest that explains wins
    W = min(w for w, s in scores.items() if s == best)
    return W, f"rows verify {W} months (score {best})"


def _verified(run: list[str], header: Header, few: bool = True) -> bool:
    placed = place_run(run, header, few=few)
    passes = [c for c in placed.checks if c.result == "pass" and c.name in PINNING]
    fails = [c for c in placed.checks if c.result == "fail"]
    return bool(passes) and not fails and max(placed.confs[:header.W]) > 0.3


def year_bound(values: list[list[str]], header: Header) -> bool:
    """Do the rows' own checks give the window's first month? A window one longer than a year
    starts with the month a % change from the same month last year compares the pack month with:
    where MIN_ROWS rows print a value for every month and pass that check on their first value,
    the window's length is read from the rows as surely as from a label (a window of any other
    length has no first month a check names)."""
    if header.W != ar.YEAR + 1:
        return False
    n = 0
    for run in values:
        if months_printed(run) != header.W:
            continue
        checks = place_run(run, header).checks
        n += any(c.name == "pct_year" and c.result == "pass" and 0 in c.cells for c in checks)
        if n >= MIN_ROWS:
            return True
    return False


def inferred_frame(pack: str, W: int, at: int) -> Frame:
    from recover.printed.months import label, month_range
    months = tuple(month_range(pack, W))
    return Frame(at, at, months, tuple(label(m) for m in months))


def label_span(tokens: list[Token], a: int, b: int, pack: str) -> int:
    """Months from the earliest surviving column label to the pack month (MIN_W without one)."""
    return surviving_span(tokens, a, b, pack) or MIN_W


def surviving_span(tokens: list[Token], a: int, b: int, pack: str) -> int | None:
    """Months from the earliest surviving column label to the pack month, None without a label. A
    label after 'from' names a change's month ('% change from Jan-20', the same month a year
    before), not a column; so does one after a later month on its line."""
    named = {month_of(tokens[k].text) for k in range(a + 1, b)
             if tokens[k].kind == MONTH and tokens[k - 1].text.lower() in FROM_AS} | _out_of_order(tokens, a, b)
    months = [m for m in page_months(tokens, a, b) if month_diff(m, pack) < MAX_W and m not in named]
    return month_diff(min(months), pack) + 1 if months else None


def _out_of_order(tokens: list[Token], a: int, b: int) -> set[str]:
    """Labels printed after a later month on their line: a header's month columns run left to
    right in time, so a month after a later one names a change's month ('Mar-20 Apr-19' under a
    wrapped '% change from' whose 'from' OCR put on the line above), not a column."""
    out: set[str] = set()
    line, latest = None, ""
    for t in tokens[a:b]:
        if t.line != line:
            line, latest = t.line, ""
        if t.kind == MONTH and (m := month_of(t.text)):
            if m < latest:
                out.add(m)
            latest = max(latest, m)
    return out


__all__ = ["infer_pack", "infer_window", "inferred_frame", "label_span", "shared_window", "window_scores",
           "surviving_span", "year_bound"]
