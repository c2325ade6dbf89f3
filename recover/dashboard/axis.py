"""Month axes: runs of consecutive month labels in a sequence of tokens (one text line of a
positioned input, or a stretch of a text stream).

A run ends where the months stop following each other (the next chart's axis starts again:
'... Feb-21 Mar-21 Mar-20 Apr-20 ...', two charts side by side merged on one line) or, when the
tokens have positions, where the gap to the next label is much wider than the run's step. A
label OCR damaged beyond parsing is read from its neighbours (printed.months.repair_sequence) when
  - it has a label's shape between two real ones ('Fsb-20'), or
  - it is up to max_axis_gap words of any shape ('Ape-za', 'une21 ue21', 'jun-22' for Jun-21)
    between two real labels
    exactly that many months apart plus one (the count of words says which months they are), or
  - it ends the run on either side ('pec-20' before 'Jan-21', 'mar-2a' after 'Feb-21') and
    agrees with the month it would be (fits_month).
The axis records which labels were repaired.
"""
from __future__ import annotations

from recover.printed.months import NAMES, label as month_label, looks_damaged, month_add, month_diff, parse_month, \
    repair_sequence

from .model import Axis, Token
from .settings import DEFAULT, DashboardSettings


def is_month_like(text: str) -> bool:
    return month_of(text) is not None or looks_damaged(text)


def month_of(text: str) -> str | None:
    """parse_month, a point OCR left after the year ('Apr-20.') aside."""
    return parse_month(text) or (parse_month(text.rstrip(".")) if text.endswith(".") else None)


def month_runs(tokens: list[Token], settings: DashboardSettings = DEFAULT) -> list[tuple[int, int, Axis]]:
    """(first index, last index + 1, Axis) of every run of at least min_months month labels."""
    out: list[tuple[int, int, Axis]] = []
    start: int | None = None
    last: tuple[int, str] | None = None          # (index, month) of the run's last parsed label

    def close(end: int) -> None:
        if start is not None:
            got = _axis(tokens, start, end, settings)
            if got is not None:
                out.append(got)

    for i, tok in enumerate(tokens):
        m = month_of(tok.text)
        if m is None and not looks_damaged(tok.text) and not _bridged(tokens, i, last, settings):
            close(i)
            start, last = None, None
            continue
        if start is None:
            start, last = i, (i, m) if m else None
            continue
        if m and last and m != month_add(last[1], i - last[0]) and _bridged(tokens, i, last, settings):
            continue                   # a label misread as another month ('jun-22' for Jun-21)
        if _gap_breaks(tokens, start, i, settings) or \
                (m and last and m != month_add(last[1], i - last[0])):
            close(i)
            start, last = i, (i, m) if m else None
            continue
        if m:
            last = (i, m)
    close(len(tokens))
    return _extend_edges(tokens, out)


def _bridged(tokens: list[Token], i: int, last: tuple[int, str] | None, settings: DashboardSettings) -> bool:
    """Token i lies in a gap of at most max_axis_gap words after the run's last label, and the next
    real label is exactly as many months on as words on (token i may be a label misread as another
    month: the next label says so)."""
    if last is None or i - last[0] > settings.max_axis_gap:
        return False
    for j in range(i + 1, min(len(tokens), last[0] + settings.max_axis_gap + 2)):
        m = month_of(tokens[j].text)
        if m is not None:
            return m == month_add(last[1], j - last[0])
    return False


def _extend_edges(tokens: list[Token], runs: list[tuple[int, int, Axis]]) -> list[tuple[int, int, Axis]]:
    """A damaged label just before a run's first label or just after its last one, which agrees
    with the month it would be (fits_month), joins the run, repaired."""
    out = []
    for k, (a, b, ax) in enumerate(runs):
        lo = out[-1][1] if out else 0
        hi = runs[k + 1][0] if k + 1 < len(runs) else len(tokens)
        labels, months, repaired = list(ax.labels), list(ax.months), list(ax.repaired)
        while a - 1 >= lo and month_of(tokens[a - 1].text) is None and \
                fits_month(tokens[a - 1].text, month_add(months[0], -1)):
            a -= 1
            labels.insert(0, tokens[a])
            months.insert(0, month_add(months[0], -1))
            repaired = [0] + [r + 1 for r in repaired]
        while b < hi and month_of(tokens[b].text) is None and fits_month(tokens[b].text, month_add(months[-1], 1)):
            labels.append(tokens[b])
            months.append(month_add(months[-1], 1))
            repaired.append(len(months) - 1)
            b += 1
        out.append((a, b, Axis(tuple(labels), tuple(months), tuple(repaired))))
    return out


def fits_month(text: str, ym: str) -> bool:
    """'pec-20' for Dec-20, 'mar-2a' for Mar-21: a word of a label's shape (three letters, a
    separator or none, two characters of year) with two of the name's three letters in place and
    the year right, or the whole name and one of the year's digits."""
    t = text.strip()
    if not (5 <= len(t) <= 7) or not t[:3].isalpha():
        return False
    name = NAMES[int(ym[5:7]) - 1].lower()
    letters = sum(a == b for a, b in zip(t[:3].lower(), name))
    digits = sum(a == b for a, b in zip(t[-2:], ym[2:4]))
    return (letters >= 2 and digits == 2) or (letters == 3 and digits == 1)


def _gap_breaks(tokens: list[Token], start: int, i: int, settings: DashboardSettings) -> bool:
    """Positioned tokens: the gap before token i is much wider than the run's steps so far."""
    if i - start < 2 or any(tokens[k].cx is None for k in range(start, i + 1)):
        return False
    steps = sorted(tokens[k + 1].cx - tokens[k].cx for k in range(start, i - 1))
    return tokens[i].cx - tokens[i - 1].cx > settings.step_break * steps[len(steps) // 2]


def _axis(tokens: list[Token], a: int, b: int, settings: DashboardSettings) -> tuple[int, int, Axis] | None:
    while a < b and month_of(tokens[a].text) is None:
        a += 1
    while b > a and month_of(tokens[b - 1].text) is None:
        b -= 1
    labels = tokens[a:b]
    parsed = [month_of(t.text) for t in labels]
    if sum(1 for p in parsed if p) < settings.min_months:
        return None
    fixed, changed = repair_sequence(parsed)
    if any(f is None for f in fixed) or any(fixed[k] != month_add(fixed[0], k) for k in range(len(fixed))):
        return None
    return a, b, Axis(tuple(labels), tuple(fixed), tuple(changed))


def row_window(axes: list[Axis], caption: tuple[str, str] | None) -> tuple[str, ...] | None:
    """The months every chart of one row shows, when the row says so: the caption's window (or,
    without a caption, the longest axis, every axis that long showing the same months), and each
    axis OCR cut short a part of it holding the window's first or last month. None otherwise."""
    if not axes:
        return None
    longest = max(len(ax.months) for ax in axes)
    full = {ax.months for ax in axes if len(ax.months) == longest}
    if len(full) != 1:
        return None
    window = next(iter(full))
    if caption is not None:
        n = month_diff(caption[0], caption[1]) + 1
        if n < longest:
            return None
        window = tuple(month_add(caption[0], k) for k in range(n))
    inside = set(window)
    for ax in axes:
        if not set(ax.months) <= inside or (ax.months[0] != window[0] and ax.months[-1] != window[-1]):
            return None
    return window


def completed(ax: Axis, window: tuple[str, ...]) -> Axis:
    """The axis over the whole window, the months OCR lost from it added as repaired labels."""
    if ax.months == window:
        return ax
    own = dict(zip(ax.months, ax.labels))
    line = ax.labels[0].line
    labels = tuple(own.get(m) or Token(month_label(m), line=line, conf=0.0, read_back=True)
                   for m in window)
    repaired = tuple(k for k, m in enumerate(window) if m not in own or ax.months.index(m) in ax.repaired)
    return Axis(labels, window, repaired)
