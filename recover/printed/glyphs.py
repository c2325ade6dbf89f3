"""Glyphs that are not text: arrows, triangles, bullets, private-use symbol fonts, and the stray
punctuation OCR makes of them.

Packs print a direction-of-travel arrow beside % changes (a Wingdings glyph, which PDF export leaves
as a private-use code point such as U+F0E8), and red/amber/green bullets. Text extractors pass them
on as those code points; OCR turns them into '>', '»', '·', '¥', '÷' or a digit (see confusions.py).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .text import norm

# punctuation OCR returns for an arrow or bullet it cannot read
OCR_GLYPH_PUNCTUATION = "><»«·•¥÷©®¬¦|~^`´¨°†‡§¶¤"
# the range of private-use code points symbol fonts land in after PDF export
PRIVATE_USE = (0xE000, 0xF8FF)
_ARROW_BLOCKS = ((0x2190, 0x21FF), (0x27A0, 0x27BF), (0x2B00, 0x2BFF))
_SHAPE_BLOCKS = ((0x25A0, 0x25FF), (0x2600, 0x26FF), (0x1F300, 0x1FAFF))
_CYRILLIC = (0x400, 0x4FF)


def is_private_use(ch: str) -> bool:
    cp = ord(ch)
    return PRIVATE_USE[0] <= cp <= PRIVATE_USE[1] or cp >= 0xF0000


@lru_cache(maxsize=65536)
def is_glyph(ch: str) -> bool:
    """An arrow, triangle, bullet or private-use symbol printed beside a number."""
    if is_private_use(ch):
        return True
    cp = ord(ch)
    if any(a <= cp <= b for a, b in _ARROW_BLOCKS + _SHAPE_BLOCKS):
        return True
    return unicodedata.category(ch) in ("So", "Co", "Cn") or ch in "•·"


def strip_glyphs(text: str) -> tuple[str, bool]:
    """Remove arrow/bullet glyphs; say whether anything was removed."""
    kept = "".join(ch for ch in text if not is_glyph(ch))
    return kept, kept != text


@lru_cache(maxsize=65536)
def is_junk_char(ch: str) -> bool:
    """A glyph, the punctuation OCR makes of one, or a letter of a script the packs never use
    (Latin and Cyrillic look-alikes are kept: confusions.fold_lookalikes turns those back)."""
    if ch in OCR_GLYPH_PUNCTUATION or is_glyph(ch):
        return True
    cp = ord(ch)
    return unicodedata.category(ch).startswith("L") and cp > 0x24F and not _CYRILLIC[0] <= cp <= _CYRILLIC[1]


def strip_junk(text: str) -> str:
    return norm("".join(" " if is_junk_char(c) else c for c in text or ""))


@lru_cache(maxsize=65536)
def is_glyph_only(text: str) -> bool:
    """A cell holding only an arrow/bullet (or OCR's rendering of one): never a value."""
    t = norm(text)
    if not t or len(t) > 12:       # an arrow cell is a glyph or two, never a sentence
        return False
    core = strip_junk(t).replace(".", "").replace(",", "").replace(":", "").strip()
    return core == ""
