"""Month axes: runs of consecutive month labels in a sequence of tokens (one text line of a
positioned input, or a stretch of a text stream).

A run ends where the months stop following each other (the next chart's axis starts again:
'... Feb-21 Mar-21 Mar-20 Apr-20 ...', two charts side by side merged on one line) or, when the
tokens have positions, where the gap to the next label is much wider than the run's step. A
label OCR damaged beyond parsing ('Fsb-20') is kept between real ones and read from its
neighbours (printed.months.repair_sequence); the axis records which labels were repaired.
"""
from __future__ import annotations

from recover.printed.months import looks_damaged, month_add, parse_month, repair_sequence

from .model import Axis, Token
from .settings import DEFAULT, DashboardSettings


def is_month_like(text: str) -> bool:
    return parse_month(text) is not None or looks_damaged(text)


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
        m = parse_month(tok.text)
        if m is None and not looks_damaged(tok.text):
            close(i)
            start, last = None, None
            continue
        if start is None:
            start, last = i, (i, m) if m else None
            continue
        if _gap_breaks(tokens, start, i, settings) or \
                (m and last and m != month_add(last[1], i - last[0])):
            close(i)
            start, last = i, (i, m) if m else None
            continue
        if m:
            last = (i, m)
    close(len(tokens))
    return out


def _gap_breaks(tokens: list[Token], start: int, i: int, settings: DashboardSettings) -> bool:
    """Positioned tokens: the gap before token i is much wider than the run's steps so far."""
    if i - start < 2 or any(tokens[k].cx is None for k in range(start, i + 1)):
        return False
    steps = sorted(tokens[k + 1].cx - tokens[k].cx for k in range(start, i - 1))
    return tokens[i].cx - tokens[i - 1].cx > settings.step_break * steps[len(steps) // 2]


def _axis(tokens: list[Token], a: int, b: int, settings: DashboardSettings) -> tuple[int, int, Axis] | None:
    while a < b and parse_month(tokens[a].text) is None:
        a += 1
    while b > a and parse_month(tokens[b - 1].text) is None:
        b -= 1
    labels = tokens[a:b]
    parsed = [parse_month(t.text) for t in labels]
    if sum(1 for p in parsed if p) < settings.min_months:
        return None
    fixed, changed = repair_sequence(parsed)
    if any(f is None for f in fixed) or any(fixed[k] != month_add(fixed[0], k) for k in range(len(fixed))):
        return None
    return a, b, Axis(tuple(labels), tuple(fixed), tuple(changed))
