"""Columns of one table: the header labels chained to the month run, and the boundary between
each pair of neighbouring labels.

A boundary goes in the widest empty strip of the body's horizontal projection between the two
labels' cores (the text under each label), between two month labels halfway between their
centres when no word crosses it, and on a vertical ruling line when the input has one there.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import vocab
from .header import Label, MonthRun
from .settings import LayoutSettings
from .words import Scale, Word


@dataclass(frozen=True)
class Column:
    x0: float
    x1: float
    label: Label | None
    month: str | None = None
    evidence: str = ""            # how its left boundary was found: gap | rule | crowded | edge


def table_labels(labels: list[Label], run: MonthRun, cov, sc: Scale, st: LayoutSettings) -> list[Label]:
    """The labels chained to the month run: neighbours whose gap the body's text fills, or that
    is no wider than table_side_gap, or under which the table's rows print; the run's own
    labels are marked with their months."""
    run_words = {id(w): k for k, p in enumerate(run.labels) for w in p.words}
    marked = []
    for lb in labels:
        ks = {run_words[id(w)] for w in lb.words if id(w) in run_words}
        if ks:
            k = min(ks)
            marked.append(Label(lb.words, lb.x0, lb.y0, lb.x1, lb.y1, run.months[k], True))
        else:
            marked.append(lb)
    first = next(i for i, lb in enumerate(marked) if lb.in_run)
    last = max(i for i, lb in enumerate(marked) if lb.in_run)
    gap = st.table_side_gap * sc.char

    pad = 2 * sc.char

    def joined(a: Label, b: Label, outer: Label) -> bool:
        if b.x0 - a.x1 <= gap or _widest_empty(cov, a.x1, b.x0) <= gap:
            return True
        # or the table's rows print under it
        return any(x0 < outer.x1 + pad and outer.x0 - pad < x1 for x0, x1, n in cov if n > 0)

    a = first
    while a > 0 and joined(marked[a - 1], marked[a], marked[a - 1]):
        a -= 1
    b = last
    while b < len(marked) - 1 and joined(marked[b], marked[b + 1], marked[b + 1]):
        b += 1
    return marked[a:b + 1]


def _widest_empty(cov, lo: float, hi: float) -> float:
    """The widest strip of [lo, hi] that no body word covers."""
    best, x = 0.0, lo
    for a, b, n in cov:
        if n == 0 or b <= x:
            continue
        if a >= hi:
            break
        best = max(best, a - x)
        x = max(x, b)
    return max(best, hi - x)


def coverage(words: list[Word]) -> list[tuple[float, float, int]]:
    """Horizontal projection of the body: (x0, x1, number of words covering it) pieces."""
    ev = []
    for w in words:
        ev.append((w.x0, 1))
        ev.append((w.x1, -1))
    ev.sort()
    out, n, prev = [], 0, None
    for x, d in ev:
        if prev is not None and x > prev:
            out.append((prev, x, n))
        n += d
        prev = x
    return out


def _boundary(cov: list[tuple[float, float, int]], lo: float, hi: float, mid: float) -> tuple[float, str]:
    """Where the boundary between two columns goes inside [lo, hi]: in the strip no body word
    covers that is nearest to `mid` (the midpoint between the two labels' centres, which is the
    boundary itself for columns of equal width: a blank-looking strip inside a column, between
    its left-aligned '-' and its right-aligned numbers, is further from it); when every strip is
    covered, in the least covered one."""
    if hi <= lo:
        return (lo + hi) / 2, "crowded"
    pieces = []
    x = lo
    for a, b, n in cov:
        if b <= lo or a >= hi:
            continue
        a, b = max(a, lo), min(b, hi)
        if a > x:
            pieces.append((x, a, 0))
        pieces.append((a, b, n))
        x = b
    if x < hi:
        pieces.append((x, hi, 0))
    # neighbouring pieces of the same count are one strip
    merged: list[list] = []
    for a, b, n in pieces:
        if merged and merged[-1][2] == n and abs(merged[-1][1] - a) < 1e-9:
            merged[-1][1] = b
        else:
            merged.append([a, b, n])
    least = min(n for _, _, n in merged)

    def dist(p) -> float:
        return max(0.0, p[0] - mid, mid - p[1])

    a, b, _ = min((p for p in merged if p[2] == least), key=lambda p: (dist(p), p[0] - p[1]))
    return (a + b) / 2, "gap" if least == 0 else "crowded"


def _rule_between(rules, lo: float, hi: float, y0: float, y1: float) -> float | None:
    if not rules:
        return None
    _, verticals = rules
    best = None
    for r in verticals:
        if lo < r.pos < hi and r.covers((y0 + y1) / 2):
            if best is None or abs(r.pos - (lo + hi) / 2) < abs(best - (lo + hi) / 2):
                best = r.pos
    return best


def find_columns(labels: list[Label], run: MonthRun, body: list[Word], cov, value_words: list[Word],
             sc: Scale, space: float, st: LayoutSettings, rules, ys: tuple[float, float]) -> list[Column]:
    """One column per label. A table whose first label is a month has a row-label column before
    it (dashboards print 'M1' left of the values, with no header above it)."""
    bounds: list[tuple[float, str]] = []
    spans = _Spans(body)                             # asked once per pair of labels: sorted once
    covered = [(x0, x1) for x0, x1, n in cov if n > 0]
    for a, b in zip(labels, labels[1:]):
        rule = _rule_between(rules, a.cx, b.cx, *ys)
        if rule is not None:
            bounds.append((rule, "rule"))
        elif a.in_run and b.in_run:
            bounds.append(_between_months(a, b, cov))
        else:
            bounds.append(_between(a, b, spans, covered, cov, space, st))
    gap = st.body_side_gap * sc.char
    left = _edge(cov, labels[0].x0, -1, gap)
    right = _edge(cov, labels[-1].x1, 1, gap)
    cols: list[Column] = []
    if labels[0].in_run:
        first = labels[0].cx - run.step / 2
        # the row label: the words just before the first value, or a ref further out (layout
        # text puts the ref at its own character column, far from the values)
        lead = [w for w in value_words if w.x1 <= first and
                (first - 1.5 * run.step < w.x1 or vocab.is_ref(w.text))]
        if lead:
            cols.append(Column(min(w.x0 for w in lead), first, None, None, "edge"))
            left = first
    edges = [(left, "edge")] + bounds + [(right, "edge")]
    for k, lb in enumerate(labels):
        cols.append(Column(edges[k][0], edges[k + 1][0], lb, lb.month, edges[k][1]))
    return cols


def _between_months(a: Label, b: Label, cov) -> tuple[float, str]:
    """Month columns are as wide as each other and their labels are centred: the boundary is
    halfway between the label centres (a right-aligned value and a left-aligned '-' are both
    nearer their own label's centre), when no word crosses it."""
    mid = (a.cx + b.cx) / 2
    for x0, x1, n in cov:
        if x0 < mid < x1 and n > 0:
            return _boundary(cov, a.cx, b.cx, mid)
    return mid, "gap"


class _Spans:
    """The body's words sorted by left edge, for 'the words overlapping [lo, hi]' asked once per
    pair of labels (a word starts at most the widest word's width left of a point it covers)."""

    def __init__(self, words: list[Word]):
        self.spans = sorted(((w.x0, w.x1, w) for w in words), key=lambda s: s[0])
        self.starts = [s[0] for s in self.spans]
        self.widest = max((x1 - x0 for x0, x1, _ in self.spans), default=0.0)

    def overlapping(self, lo: float, hi: float) -> list[tuple[float, float, Word]]:
        k = bisect.bisect_left(self.starts, lo - self.widest - 1e-6)
        out = []
        for s in self.spans[k:]:
            if s[0] >= hi:
                break
            if s[1] > lo:
                out.append(s)
        return out


def _between(a: Label, b: Label, spans: _Spans, covered: list[tuple[float, float]], cov,
             space: float, st: LayoutSettings) -> tuple[float, str]:
    """The boundary between the columns of labels a and b. Each column's core is the body text
    under its label (a text core followed through word-space holes: a sparse table's ragged
    titles). Text left of b's core that is not a's (a value that layout text moved along its
    line, a title's last word) goes to the side of the widest empty strip between the cores:
    cells are padded on both sides, the space between words of one cell is narrower."""
    under = [w for _, _, w in spans.overlapping(a.x0, a.x1)]
    end = max([a.x1] + [w.x1 for w in under])
    texty = sum(1 for w in under if not vocab.is_value(w.text)) * 2 > len(under)
    hole = st.label_gap * space if texty else 0.0
    # `covered`: the body's covered strips, in order and apart; those ending right of `end`
    ends = [x1 for _, x1 in covered]
    first = bisect.bisect_right(ends, end)
    for x0, x1 in covered[first:]:
        if x0 >= b.cx or x0 > end + hole:
            break
        end = max(end, x1)
    start = min([b.x0] + [x0 for x0, _, _ in spans.overlapping(b.x0, b.x1)])
    if end >= start:
        return _boundary(cov, a.cx, b.cx, (a.cx + b.cx) / 2)
    # the empty strips between the two cores; the widest is the boundary
    edges = [end]
    for x0, x1 in covered[bisect.bisect_right(ends, end):]:
        if x0 >= start:
            break
        edges.extend([max(x0, end), min(x1, start)])
    edges.append(start)
    strips = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]
    lo, hi = max(strips, key=lambda g: g[1] - g[0])
    return (lo + hi) / 2, "gap"


def _edge(cov, start: float, side: int, gap: float) -> float:
    """The table's outer edge on one side: from the outer label's edge, follow the body's text
    through gaps no wider than `gap`."""
    pieces = [(a, b) for a, b, n in cov if n > 0]
    edge = start
    if side < 0:
        for a, b in sorted(pieces, key=lambda p: -p[1]):
            if b >= edge - gap:
                edge = min(edge, a)
        return edge
    for a, b in sorted(pieces):
        if a <= edge + gap:
            edge = max(edge, b)
    return edge
