"""Words -> text lines and phrases (the first two steps of the layout model)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from .settings import LayoutSettings
from .words import Word


@dataclass(frozen=True)
class TextLine:
    """Upright words sharing a vertical centre, left to right. A line crosses the whole page:
    which table (and which column) each word belongs to is decided later."""
    words: tuple[Word, ...]
    y0: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Phrase:
    """Neighbouring words of one line no further apart than a word space: one printed label."""
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def text_lines(words: list[Word], em: float, settings: LayoutSettings) -> list[TextLine]:
    """Greedy clustering of upright words by vertical centre (running mean per line)."""
    tol = settings.line_tol * em
    ws = sorted(((w.cy, w) for w in words if w.upright), key=lambda p: p[0])
    groups: list[list[Word]] = []
    mean = 0.0
    for cy, w in ws:
        if groups and abs(cy - mean) < tol:
            groups[-1].append(w)
            mean += (cy - mean) / len(groups[-1])
        else:
            groups.append([w])
            mean = cy
    out = []
    for g in groups:
        g.sort(key=lambda w: w.x0)
        out.append(TextLine(tuple(g), min(w.y0 for w in g), max(w.y1 for w in g)))
    return out


def space_width(lines: list[TextLine], char: float) -> float:
    """The page's word space: the median gap between neighbouring words closer than two
    characters. A text layer's space is about half a character; layout text's is one column."""
    gaps = []
    for ln in lines:
        for a, b in zip(ln.words, ln.words[1:]):
            g = b.x0 - a.x1
            if 0 <= g < 2 * char:
                gaps.append(g)
    return statistics.median(gaps) if gaps else 0.6 * char


def phrases(line: TextLine, max_gap: float) -> list[Phrase]:
    out: list[list[Word]] = []
    for w in line.words:
        if out and w.x0 - out[-1][-1].x1 <= max_gap:
            out[-1].append(w)
        else:
            out.append([w])
    return [Phrase(tuple(p)) for p in out]
