"""Words of an unruled scan that are pieces of one glyph, taken whole before anything is read.

A digit whose ink touches a ruling line loses the strokes inside the rule's band when the rule is
taken out of the ink, and what is left of it can stand on two text lines of its own (a top and a
foot), each a word too short to be a glyph. Those two words are one glyph where it was printed."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .inkwords import InkWord, PageWords

CUT_GLYPH = 0.3         # below the table stage's unreadable_below: the cell goes to review
PIECE_HEIGHT = 0.75     # glyph heights: a word shorter than this may be a piece of a glyph ...
PIECE_WIDTH = 1.2       # ... when no wider than this (one glyph, not a word of several)
PIECE_OVERLAP = 0.6     # two pieces over this share of the narrower one's columns ...
PIECE_GAP = 0.6         # ... stacked with at most this gap (glyph heights) ...
GLYPH_SPAN = 1.3        # ... that together fit in one glyph's height are one glyph


def join_stacked(pw: PageWords) -> tuple[PageWords, frozenset[int]]:
    """The words of `pw` with the pieces of a glyph that stand one above the other taken whole,
    and the indices of the words so joined. A digit whose ink touches a ruling line loses the
    strokes inside the rule's band when the rule is taken out, and what is left of it stands on
    two lines of its own: LibreOffice prints its values against the right rule of their cell, and
    at 200 dpi the '3' of '3|' came out as a top and a foot read '-' and '-', or '9' and '-'; two
    words too many, which pushed every later value of the row into the next month. Joined, the
    glyph is one word where it was printed; what is read of it is not sure (the strokes the rule
    took are missing), so its read is capped at CUT_GLYPH."""
    g = pw.glyph
    words = list(pw.words)
    small = [i for i, w in enumerate(words) if w.turn == 0 and w.h < PIECE_HEIGHT * g and w.w <= PIECE_WIDTH * g]
    parent = {i: i for i in small}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i
    small.sort(key=lambda i: words[i].x0)
    for k, a in enumerate(small):
        for b in small[k + 1:]:
            wa, wb = words[a], words[b]
            if wb.x0 >= wa.x1:
                break
            over = min(wa.x1, wb.x1) - max(wa.x0, wb.x0)
            gap = max(wa.y0, wb.y0) - min(wa.y1, wb.y1)
            span = max(wa.y1, wb.y1) - min(wa.y0, wb.y0)
            if over >= PIECE_OVERLAP * min(wa.w, wb.w) and 0 <= gap <= PIECE_GAP * g and span <= GLYPH_SPAN * g:
                parent[find(b)] = find(a)
    groups: dict[int, list[int]] = {}
    for i in small:
        groups.setdefault(find(i), []).append(i)
    joined = [ix for ix in groups.values() if len(ix) > 1]
    if not joined:
        return pw, frozenset()
    drop = {i for ix in joined for i in ix[1:]}
    for ix in joined:
        ws = [words[i] for i in ix]
        words[ix[0]] = InkWord(min(w.x0 for w in ws), min(w.y0 for w in ws), max(w.x1 for w in ws),
                               max(w.y1 for w in ws), 0, np.concatenate([w.ids for w in ws]))
    keep = [i for i in range(len(words)) if i not in drop]
    new = {old: k for k, old in enumerate(keep)}
    return replace(pw, words=tuple(words[i] for i in keep)), frozenset(new[ix[0]] for ix in joined)
