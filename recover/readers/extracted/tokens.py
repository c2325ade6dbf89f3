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

import re
from dataclasses import dataclass
from functools import lru_cache

from recover.printed.confusions import ARROW_AS_LETTERS, RULE_ALONE_AS, TRIANGLE_AS_LETTERS
from recover.printed.glued import UNREAD_ARROW, split_glued, split_glued_dash
from recover.printed.refs import is_ref_like

from .vocab import is_glyph_only, is_missing_token, is_number, is_tail_word, month_of

MONTH, VALUE, GLYPH, WORD, RULE = "month", "value", "glyph", "word", "rule"
DASHES = ("-", "–", "—")


@dataclass(frozen=True)
class Token:
    text: str
    line: int          # 1-based line of the extracted text
    kind: str
    first: bool = False  # the first token of its line (a cell boundary the tool kept)


def _dash_glued(word: str, nxt: str) -> str | None:
    """'100.0%-' before '-' or '12.0%' -> '100.0%': a value glued to the dash that marks the next
    cell missing (split_glued_dash). Only among values (the next word here; the caller checks the
    one before, or that a line starts with a percentage): a '12-' or '20-' ending a line is a
    wrapped '12-month' or 'Target 20-21', 'aged 0- 17' a title's."""
    parts = split_glued_dash(word)
    if len(parts) == 1 or not nxt:
        return None
    after = nxt.rstrip("".join(DASHES)) or nxt      # the next value may be glued to a dash too
    if nxt.lower() != "n/a" and _kind(after) not in (VALUE, GLYPH):
        return None
    return parts[0]


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


# a wrapped ref's line glued to the title's word ('CP3-Number', 'NI14Percentage', '7-QLvisited'):
# pdfplumber joins close characters, and a narrow ref cell's 'CP3-' ends right where the title
# starts; the ref's other fragments ('QL', '(val)') start the next lines
_GLUED_REF = (re.compile(r"^([A-Z]{1,5}\d{1,3}[A-Za-z]?-?)([A-Z][a-z]{2,}.*)$"),
              re.compile(r"^(\d{1,2}-[A-Z]{2})([a-z]{3,}.*)$"))


# a ruled cell's bottom rule OCR read under a row's first word: an underscore run, perhaps with a
# dash or a bar ('EH5-QL_', 'M2_|', 'CP1-NI_—_' in tesseract's plain text of both renderers' scans)
_UNDERLINE = "_—–|"


def _underlined_ref(word: str) -> str:
    """'EH5-QL_' -> 'EH5-QL': the rule's marks off a ref that starts a line; any other word as it is
    (an underscore alone is no rule, and a word that is no ref keeps what OCR gave)."""
    core = word.rstrip(_UNDERLINE)
    return core if core != word and "_" in word[len(core):] and is_ref_like(core) else word


def tokenize_line(line: str, n: int) -> list[Token]:
    words = [p for w in line.split() for p in split_glued(w)]
    if words:
        words[0] = _underlined_ref(words[0])
    glued = next((m for m in (p.match(words[0]) for p in _GLUED_REF) if m), None) if words else None
    if glued:
        words[:1] = [glued.group(1), glued.group(2)]
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
        head = _dash_glued(w, nxt)
        if head and (out[-1].kind in (VALUE, GLYPH) if out else head.endswith("%") or nxt.lower() == "n/a"):
            # the number is one cell, the dash the next one's missing marker (a line may start
            # with it where the tool put the row's values on a line of their own: '35- n/a - n/a')
            out.append(Token(head, n, VALUE, not out))
            words[i] = w[len(head):]
            continue
        kind = _kind(w)
        if w in ARROW_AS_LETTERS and nxt.endswith("%") and _kind(nxt) == VALUE:
            # OCR's reading of the arrow before a change: an arrow of unknown direction
            w, kind = UNREAD_ARROW, GLYPH
        elif w in TRIANGLE_AS_LETTERS and _after_change(out) and _two_values(words, i + 1):
            # OCR's reading of the direction-of-travel triangle after the changes, before the
            # average and maximum: a glyph, so the row's values run on to them (kept as read)
            kind = GLYPH
        out.append(Token(w, n, kind, not out))
        i += 1
    return out


def _after_change(out: list[Token]) -> bool:
    """The last token but ruling marks is a percentage (a % change)."""
    last = next((t for t in reversed(out) if t.kind != RULE), None)
    return last is not None and last.kind == VALUE and last.text.endswith("%")


def _two_values(words: list[str], k: int) -> bool:
    """The next two words but ruling marks are numbers (a 12-month average and maximum)."""
    kinds = [_kind(w) for w in words[k:k + 4] if w]
    return [x for x in kinds if x != RULE][:2] == [VALUE, VALUE]


MISREAD_MAX = 4       # characters of a word OCR made of a month value ('<y/' for 57, 'De' for 53, 'az')


def misread_values(tokens: list[Token]) -> list[Token]:
    """OCR'd text: a short word with two month values or more on each side of it on its line is
    a month value OCR misread ('54 43 51 52 45 47 48 38 <y/ 75 115', '52 53 52 De 55 58', '28 18
    aye 29 19'; tesseract's plain text of both renderers' scans), not the end of the row's values:
    left a word, it cut the row's run in two and the row lost every month after it. Kept as read,
    as a value the row's placement counts and the value parser finds unreadable. Arrows, the
    direction-of-travel triangle, benchmark words, words with a '%' (a tail's damaged change more
    often than a month) and single characters (a ruling line read as 'a' or 'i') stay words."""
    out = list(tokens)
    for k in range(1, len(tokens) - 1):
        t = tokens[k]
        if t.kind != WORD or not misread_shape(t.text):
            continue
        if all(_values_beside(tokens, k, step) >= MISREAD_BESIDE for step in (-1, 1)):
            out[k] = Token(t.text, t.line, VALUE, t.first)
    return out


def misread_shape(text: str) -> bool:
    """Could this word be a month value OCR misread (misread_values)? Not one character: a ruling
    line or its stub reads as one ('l', 'i', 'a'), as often as a value does."""
    return 2 <= len(text) <= MISREAD_MAX and "%" not in text and text not in ARROW_AS_LETTERS and \
        text not in TRIANGLE_AS_LETTERS and not is_tail_word(text)


MISREAD_BESIDE = 2   # month values on each side, on the word's line: a title's '0- 17 a) 2' is no row


def _values_beside(tokens: list[Token], k: int, step: int) -> int:
    """Month values next to token k on its line, going `step` (ruling marks skipped), up to
    MISREAD_BESIDE."""
    n, j = 0, k + step
    while 0 <= j < len(tokens) and tokens[j].line == tokens[k].line and n < MISREAD_BESIDE:
        if tokens[j].kind != RULE:
            if not _month_value(tokens[j]):
                break
            n += 1
        j += step
    return n


def _month_value(t: Token) -> bool:
    """A value a month column prints: unsigned, no arrow (a % change is signed or follows one)."""
    return t.kind == VALUE and is_number(t.text) and t.text[:1] not in "-−–+"


def tokenize(lines: list[str], first_line: int = 1) -> list[Token]:
    """Every token of `lines`, numbered from `first_line`."""
    out: list[Token] = []
    for k, line in enumerate(lines):
        out.extend(tokenize_line(line, first_line + k))
    return out
