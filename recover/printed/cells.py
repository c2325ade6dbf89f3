"""What a cell of broken text is: a month value, a name, a title or sentence, a glyph.

Readers of text without geometry (extracted text, OCR'd text) align a row to its header by
recognising cell types. These rules tolerate OCR noise (glyph junk, 'Iane White', 'LACI0') but are
strict about what may sit in a month column: arrows and words never do.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .confusions import LETTER_AS_DIGIT
from .glyphs import is_glyph_only, is_junk_char
from .numbers import SIGNS, is_missing, parse_value
from .text import norm

# a number with OCR's letters for digits ('1O4', 'l5'): one short token
_OCR_DIGITS = "\\d" + re.escape("".join(k for k in LETTER_AS_DIGIT if k.isalpha()))
_OCR_NUMBERISH = re.compile(rf"^[{SIGNS}]?[{_OCR_DIGITS}.,]*\d[{_OCR_DIGITS}.,]*%?$")

STOPWORDS = frozenset({"of", "the", "in", "per", "and", "to", "with", "at", "by", "for", "a", "an",
                       "are", "is", "from", "which", "who", "where", "their", "that", "or", "on", "be"})


@lru_cache(maxsize=65536)
def month_value_like(text: str) -> bool:
    """Could this cell be a monthly value as printed ('1354', '19.1%', '-', 'tbc', '')?"""
    t = norm(text)
    if t == "" or is_missing(t):
        return True
    if is_glyph_only(t) or any(is_junk_char(ch) for ch in t):
        return False               # arrows sit beside % changes, never beside a month value
    if parse_value(t).status == "ok":
        return True
    return len(t) <= 10 and " " not in t and bool(_OCR_NUMBERISH.match(t))


@lru_cache(maxsize=65536)
def is_value(text: str) -> bool:
    """A printed number (or '19.1 %'), whitespace aside."""
    return parse_value(norm(text)).status == "ok"


def is_text_like(text: str) -> bool:
    """Non-empty, not a value, not a lone glyph: a label, name or sentence."""
    t = norm(text)
    return bool(t) and not month_value_like(t) and not is_glyph_only(t)


def word_count(text: str) -> int:
    return len(norm(text).split())


@lru_cache(maxsize=65536)
def is_long_text(text: str) -> bool:
    """A title, outcome or commentary: long, or several words with a stop word among them."""
    t = norm(text)
    return len(t) > 40 or (word_count(t) >= 4 and any(w.lower() in STOPWORDS for w in t.split()))


@lru_cache(maxsize=65536)
def is_name_like(text: str) -> bool:
    """'Jane White', 'Iane White strerine Parkin', 'tbc Stuart Webb', '_': an owner/reporter cell."""
    t = norm(text)
    if t == "":
        return True
    if len(t) > 60 or word_count(t) > 10:
        return False
    words = t.split()
    if any(w.lower() in STOPWORDS for w in words):
        return False
    # OCR leaves stray digits in names ('1artin Smith', 'Bullingham 1 Stuart'); numbers are not names.
    if any(sum(ch.isdigit() for ch in w) * 2 >= len(w) and len(w) >= 2 for w in words):
        return False
    return not t.endswith(".") or len(t) <= 3
