"""A row's title in reading-order text: the words after its ref, up to its names' cell.

The tools give a row's text cells in printed order after its ref (recover/readers/extracted/rows.py):
title, names (rotated or narrow cells: one or two name words a line, whole, reversed or letter by
letter), outcome, then the values. A row whose ref was lost takes its title from its first line.
"""
from __future__ import annotations

import re

from .tokens import RULE, Token
from .vocab import norm

TITLE_START = re.compile(r"^\(?[A-Z][a-z]{2,}")


def starts_title(tokens: list[Token]) -> bool:
    """The tokens start with a title's line: a capitalised word, on a line that is no names'."""
    line = [t.text for t in tokens if t.line == tokens[0].line]
    return bool(TITLE_START.match(tokens[0].text)) and not _name_line(line)


_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+|[a-z]+[A-Z]|[A-Za-z])$")   # 'Jane', 'ybtihW' (reversed), 'J'


def _name_line(words: list[str]) -> bool:
    """A line of a rotated or narrow names cell: one or two name words, or one letter."""
    return 0 < len(words) <= 2 and all(_NAME_WORD.match(w) for w in words)


def title_text(tokens: list[Token], limit: int = 30) -> str:
    """The title: the lines after the ref up to the names (one or two name words a line: whole,
    reversed, or letter by letter, as the tools give rotated cells). What follows the names is
    the outcome."""
    lines: dict[int, list[str]] = {}
    for t in tokens:
        lines.setdefault(t.line, []).append(t.text)
    out: list[str] = []
    for k, (n, words) in enumerate(sorted(lines.items())):
        if k > 0 and _name_line(words):
            break
        glued = next((i for i, w in enumerate(words) if _GLUED_CELLS.search(w)), None)
        if glued is not None:
            # the title's cell ends where the next cells were glued to it; the lines below
            # interleave the same columns
            out.extend(words[:glued])
            break
        out.extend(words)
    return norm(" ".join(out[:limit]))


# a word running into a capitalised one ('JuliJacChildren', 'SteStuWhere'): the stacked name
# cells and the outcome's first word, joined to the title's line without spaces (pdfplumber on
# LibreOffice packs); no title prints such a word
_GLUED_CELLS = re.compile(r"[a-z][A-Z][a-z]")


_TITLE_WORD = re.compile(r"^\(?[A-Za-z][a-z]+[),.]?$|^\(?[A-Z]{2,5}\)?$|^\d+[+)]?$")


def lost_ref_title(tokens: list[Token]) -> str:
    """The title of a row whose ref was lost: the words of the first line of its text that look
    like a title's, up to the first cell border OCR read as punctuation ('... (includes ‘= | D |')."""
    if not tokens:
        return ""
    line = tokens[0].line
    out = []
    for t in tokens:
        if t.line != line:
            break
        if t.kind == RULE or not _TITLE_WORD.match(t.text):
            if out:
                break
            continue
        out.append(t.text)
    return norm(" ".join(out))
