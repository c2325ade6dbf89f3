"""Cells that come out of a tool or of OCR as one word, and the word taken apart.

    split_glued('1658}')      -> ('1658',)           a ruling line read as a character of the value
    split_glued('115}Local')  -> ('115', 'Local')    two cells either side of a rule
    split_glued('1747)')      -> ('1747',)           a ')' only comes off a number, never off '(CiN)'
    split_glued('115Local')   -> ('115', 'Local')    no space between close characters (pdfplumber,
                                                     pypdf on packs drawn without rules)
    split_glued('T44%')       -> ('•', '44%')        an arrow read as a letter, glued to its change
    split_glued_dash('97-')   -> ('97', '-')         a value and the next month's dash (narrow cells)

The extracted-text tokenizer, the dashboard model and the cleaning of OCR's positioned words
(tesseract TSV) take words apart by these rules. An arrow whose direction is lost is UNREAD_ARROW.
"""
from __future__ import annotations

from functools import lru_cache

from .cells import is_value
from .confusions import ARROW_AS_LETTERS, RULE_AS
from .numbers import BENCHMARK_WORDS, MISSING_TOKENS, is_missing

UNREAD_ARROW = "•"
# characters OCR makes of table rules around a glued value ('1747)', '(1747', '|Local'; a rule
# right after a value as '!': '59%!', '-83%!', '66.0%!' in tesseract's text of both renderers)
_EDGE = "()!" + RULE_AS
# words a cell prints whole that a tool may glue to the value before them
_GLUED_WORDS = tuple(sorted(BENCHMARK_WORDS | {w for w in MISSING_TOKENS if len(w) >= 3 and w[0].isalpha()
                                               and w[-1] != "."}, key=len, reverse=True))


@lru_cache(maxsize=65536)
def split_glued(word: str) -> tuple[str, ...]:
    """`word` as the cells it holds, OCR's rule characters taken out (see the module's doc). A
    word of rule characters only is returned whole (the caller decides what a lone rule is)."""
    out = []
    for part in "".join(" " if ch in RULE_AS else ch for ch in word).split():
        core = part.strip(_EDGE)
        if core and core != part and (is_value(core) or is_missing(core)):
            out.append(core)
        else:
            out.extend(arrow_glued(core) or word_glued(part) or (part,))
    return tuple(out) if out else (word,)


def word_glued(part: str) -> tuple[str, str] | None:
    """'115Local' -> ('115', 'Local'), '172tbc' -> ('172', 'tbc'): a value and the benchmark
    word or missing marker of the next cell, joined by a tool that puts no space between close
    characters (pdfplumber, pypdf on LibreOffice packs drawn without rules)."""
    for w in _GLUED_WORDS:
        head = part[:-len(w)]
        if len(part) > len(w) and part[-len(w):].lower() == w and is_value(head):
            return head, part[-len(w):]
    return None


def arrow_glued(core: str) -> tuple[str, str] | None:
    """'T44%' -> ('•', '44%'): an arrow OCR read as a letter, glued to the change it marks."""
    for k in (2, 1):
        if core[:k] in ARROW_AS_LETTERS and core.endswith("%") and is_value(core[k:]):
            return UNREAD_ARROW, core[k:]
    return None


DASHES = "-\u2013\u2014"          # hyphen, en dash, em dash: what a pack prints for a missing month


@lru_cache(maxsize=65536)
def split_glued_dash(text: str) -> tuple[str, ...]:
    """'97-' -> ('97', '-'), '100.0%--' -> ('100.0%', '--'): a value and the dash of the empty cell
    after it, read as one word. Narrow cells (LibreOffice's) leave no gap between a value and a dash
    printed for a missing month, so pdfplumber, pypdf and tesseract glue them ('1 0 1- n/a',
    '97 99 97- 96'). The head must be a whole value as a month cell prints it (a sign, a glyph
    before it, a '%'); anything else ('12-mnth', 'M2-', a lone '-') is returned as it is. Whether a
    split word sits among values (a '12-' ending a line may be a wrapped '12-month') is the reader's
    to judge."""
    head = text.rstrip(DASHES)
    if not head or head == text or not is_value(head):
        return (text,)
    return head, text[len(head):]
