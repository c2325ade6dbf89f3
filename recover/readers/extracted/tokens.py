"""Reading-order text as a sequence of typed tokens (one cell of the printed table each).

Extraction tools that keep no columns (pdftotext default and -raw, pypdf, pdfplumber, pdfminer)
give a table's cells as words, one cell per line or several per line. Geometry is gone, so the
readers of such text rest on what each token is:

    month    a month label ('Apr-17', 'Sept-19', 'Mar20')
    value    a number or missing marker as a month cell prints it ('1354', '19.1%', '-', 'tbc')
    glyph    a lone arrow, triangle, bullet or private-use symbol (the DoT column)
    word     anything else (titles, names, outcomes, commentary, header labels, 'Local')

A cell printed as two words stays two tokens ('↑ 20%' is '↑' and '20%'): the tail aligner decides
whether an arrow belongs to the change after it or is the DoT cell before an average. Only
'- n/a' is rejoined, since a lone '-' is a missing month.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from recover.printed.confusions import ARROW_AS_LETTERS, RULE_ALONE_AS, RULE_AS
from recover.printed.numbers import BENCHMARK_WORDS

from .vocab import is_glyph_only, is_missing_token, is_number, month_of, norm

MONTH, VALUE, GLYPH, WORD, RULE = "month", "value", "glyph", "word", "rule"
# characters OCR makes of table rules split glued cells ('115}Local', '1747)', '|Local')
_EDGE = "()" + RULE_AS
UNREAD_ARROW = "•"
DASHES = ("-", "–", "—")


@dataclass(frozen=True)
class Token:
    text: str
    line: int          # 1-based line of the extracted text
    kind: str
    first: bool = False  # the first token of its line (a cell boundary the tool kept)


@lru_cache(maxsize=65536)
def _pieces(word: str) -> tuple[str, ...]:
    """A word with OCR's rule characters taken out: '1658}' -> '1658', '115}Local' -> '115',
    'Local'; a ')' or '(' only comes off a number ('1747)'), never off '(val)' or '(CiN)'."""
    out = []
    for part in "".join(" " if ch in RULE_AS else ch for ch in word).split():
        core = part.strip(_EDGE)
        if core and core != part and (is_number(core) or is_missing_token(core)):
            out.append(core)
        else:
            out.extend(_arrow_glued(core) or _word_glued(part) or (part,))
    return tuple(out) if out else (word,)


def _word_glued(part: str) -> tuple[str, str] | None:
    """'115Local' -> ('115', 'Local'): a value and the benchmark word of the next cell, joined
    by a tool that puts no space between close characters (pdfplumber, pypdf on LibreOffice
    packs drawn without rules)."""
    for w in BENCHMARK_WORDS:
        head = part[:-len(w)]
        if len(part) > len(w) and part[-len(w):].lower() == w and is_number(head):
            return head, part[-len(w):]
    return None


def _arrow_glued(core: str) -> tuple[str, str] | None:
    """'T44%' -> ('•', '44%'): an arrow OCR read as a letter, glued to the change it marks."""
    for k in (2, 1):
        if core[:k] in ARROW_AS_LETTERS and core.endswith("%") and is_number(core[k:]):
            return UNREAD_ARROW, core[k:]
    return None


def _is_rule(text: str) -> bool:
    """Punctuation only ('|', '=', '‘=', ':'): a ruling line OCR read as text."""
    return all(ch in RULE_ALONE_AS for ch in text)


@lru_cache(maxsize=65536)
def _kind(text: str) -> str:
    if month_of(text):
        return MONTH
    if is_number(text) or is_missing_token(text):
        return VALUE
    if _is_rule(text):
        return RULE
    if is_glyph_only(text):
        return GLYPH
    return WORD


def tokenize_line(line: str, n: int) -> list[Token]:
    words = [p for w in line.split() for p in _pieces(w)]
    out: list[Token] = []
    i = 0
    while i < len(words):
        w = words[i]
        if not w:
            i += 1
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in DASHES and nxt.lower() == "n/a":
            out.append(Token("- n/a", n, VALUE, not out))
            i += 2
            continue
        kind = _kind(w)
        if w in ARROW_AS_LETTERS and nxt.endswith("%") and _kind(nxt) == VALUE:
            # OCR's reading of the arrow before a change: an arrow of unknown direction
            w, kind = UNREAD_ARROW, GLYPH
        out.append(Token(w, n, kind, not out))
        i += 1
    return out


def tokenize(lines: list[str], first_line: int = 1) -> list[Token]:
    """Every token of `lines`, numbered from `first_line`."""
    out: list[Token] = []
    for k, line in enumerate(lines):
        out.extend(tokenize_line(line, first_line + k))
    return out
