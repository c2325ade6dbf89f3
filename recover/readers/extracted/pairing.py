"""OCR'd text: a row's line of values that its own commentary says is the next row's.

tesseract's plain text (psm 3) gives some rows' cells in an order of their own: a stretch of rows
each printed as [commentary and values][ref and title][names], so each ref's first run of values
after it is the next row's. The row's own arithmetic cannot see that: the whole line moved, its
% changes and 12-month average with it. What can: the commentary printed on the values' lines
restates the indicator they belong to ('The number of children subject to Review Child
Protection Conferences during Dec 19 has reduced by 4%'). Where those lines name the next row's
register title clearly better than the row's own, the pairing is doubted (never swapped: the
months become unreadable, the values are kept for the reviewer). A pack whose commentary does not
restate its titles names neither, and nothing changes.
"""
from __future__ import annotations

import re

from .rows import StreamRow
from .tokens import Token
from .vocab import register_titles

BORROWED = "values-named-by-next-row"   # the note of a row so doubted
NAMED_MIN = 0.6     # share of the next row's title words the values' lines print, at least
MARGIN = 0.3        # ... and this much more than of the row's own title's words
BEFORE = 4          # lines above the values a commentary cell starts on, at most (it wraps 3-4 lines)
_WORD = re.compile(r"[A-Za-z]{4,}")


def doubt_borrowed(tokens: list[Token], rows: list[StreamRow]) -> None:
    """Note BORROWED on each row whose values' lines (and the BEFORE lines above them) name the
    next anchored row's indicator rather than its own."""
    anchored = [r for r in rows if r.anchor is not None]     # the next may have no values left
    ends = [r.run.end for r in anchored if r.run is not None]
    if not ends:
        return
    by_line: dict[int, list[str]] = {}
    for t in tokens[anchored[0].anchor.start:max(ends)]:    # this table's rows, not the whole text
        by_line.setdefault(t.line, []).append(t.text)
    for row, nxt in zip(anchored, anchored[1:]):
        if row.run is None:
            continue
        first, last = tokens[row.run.start].line, tokens[row.run.end - 1].line
        context = {w for n in range(first - BEFORE, last + 1) for w in _words(" ".join(by_line.get(n, ())))}
        own = _named(register_titles(row.anchor.printed), context)
        other = _named(register_titles(nxt.anchor.printed), context)
        if other >= NAMED_MIN and other - own >= MARGIN:
            row.notes.append(BORROWED)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _named(titles: tuple[str, ...], context: set[str]) -> float:
    """The largest share of a title's words that the context prints."""
    shares = [len(ws & context) / len(ws) for t in titles if (ws := _words(t))]
    return max(shares, default=0.0)
