"""What a cell of extracted text looks like: a month value, a ref, a name, prose, an arrow.

Readers of broken text have no geometry, so alignment rests on recognising cell types. These
rules are deliberately tolerant of OCR noise (glyph junk, 'Iane White', 'LACI0') but strict about
what may sit in a month column: arrows and words never do.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from recover.table.months import parse_month
from recover.table.values import MISSING_TOKENS, parse_value, strip_glyphs

_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Whitespace normalised (wrapped lines joined by a space), no other change."""
    return _WS.sub(" ", (text or "").replace("\u00a0", " ")).strip()


@lru_cache(maxsize=65536)
def is_junk_char(ch: str) -> bool:
    """Arrow/bullet glyphs plus the stray punctuation OCR makes of them ('>', '·', '¥', '÷')."""
    if ch in "><»«·•¥÷©®¬¦|~^`´¨°†‡§¶¤":
        return True
    kept, removed = strip_glyphs(ch)
    if removed:
        return True
    cat = unicodedata.category(ch)
    # Letters from scripts the packs never use are glyph junk after OCR/PDF export.
    if cat.startswith("L") and ord(ch) > 0x24F and not 0x400 <= ord(ch) <= 0x4FF:
        return True
    return False


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


_OCR_NUMBERISH = re.compile(r"^[-−–]?[\dOoIlSB.,]*\d[\dOoIlSB.,]*%?$")


def is_missing_token(text: str) -> bool:
    t = norm(text).lower()
    return t in MISSING_TOKENS or t in {"tbc.", "n/a", "- n/a", "-n/a", "nil"}


@lru_cache(maxsize=65536)
def month_value_like(text: str) -> bool:
    """Could this cell be a monthly value as printed ('1354', '19.1%', '-', 'tbc', '')?"""
    t = norm(text)
    if t == "":
        return True
    if is_missing_token(t):
        return True
    if is_glyph_only(t) or any(is_junk_char(ch) for ch in t):
        # Arrows sit beside % changes, never beside a month value.
        return False
    v = parse_value(t)
    if v.status == "ok":
        return True
    # OCR: letters for digits ('1O4'), but one token only and short.
    return len(t) <= 10 and " " not in t and bool(_OCR_NUMBERISH.match(t))


@lru_cache(maxsize=65536)
def is_number(text: str) -> bool:
    return parse_value(norm(text)).status == "ok"


def is_text_like(text: str) -> bool:
    """Non-empty, not a value, not a lone glyph: a label, name or sentence."""
    t = norm(text)
    return bool(t) and not month_value_like(t) and not is_glyph_only(t)


_STOPWORDS = {"of", "the", "in", "per", "and", "to", "with", "at", "by", "for", "a", "an",
              "are", "is", "from", "which", "who", "where", "their", "that", "or", "on", "be"}


def word_count(text: str) -> int:
    return len(norm(text).split())


@lru_cache(maxsize=65536)
def is_long_text(text: str) -> bool:
    t = norm(text)
    return len(t) > 40 or (word_count(t) >= 4 and any(w.lower() in _STOPWORDS for w in t.split()))


@lru_cache(maxsize=65536)
def is_name_like(text: str) -> bool:
    """'Jane White', 'Iane White strerine Parkin', 'tbc Stuart Webb', '_': an owner/reporter cell."""
    t = norm(text)
    if t == "":
        return True
    if len(t) > 60 or word_count(t) > 10:
        return False
    words = t.split()
    if any(w.lower() in _STOPWORDS for w in words):
        return False
    # OCR leaves stray digits in names ('1artin Smith', 'Bullingham 1 Stuart'); numbers are not names.
    if any(sum(ch.isdigit() for ch in w) * 2 >= len(w) and len(w) >= 2 for w in words):
        return False
    return not t.endswith(".") or len(t) <= 3


_REF_CORE = (
    r"[A-Za-z\u0400-\u04FF]{1,6}\s?\d{0,3}[A-Za-z\u0400-\u04FF]?"          # M2, EH3a, LAC11, NI147, CP6B
    r"(?:\s?[-–]\s?[A-Za-z0-9]{1,3})*"                          # -NI, -QL
    r"(?:\s*\((?:val|%|v|va)\)?|\s*\(?%\)?|\s*\(val)?"          # (val) (%) %
)
_REF = re.compile(rf"^{_REF_CORE}$")
# A ref glued to the title that follows it: 'M2 Number of ...', 'CP3-QL (Number of ...'.
_GLUED = re.compile(
    r"^(?P<ref>[A-Z][A-Za-z]{0,4}\d{1,3}[A-Za-z]?(?:-[A-Z0-9]{1,3})*(?:\s\((?:val|%)\))?"
    r"|[A-Z][A-Z0-9]{0,4}-[A-Z]{2}(?:\s\((?:val|%)\))?)"
    r"\s+(?P<title>\(?[A-Z][a-z].*)$"
)


# Cyrillic capitals OCR returns for Latin ones in refs ('СР6В' for 'CP6B').
_HOMOGLYPHS = str.maketrans({"А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
                             "Р": "P", "С": "C", "Т": "T", "Х": "X", "Б": "6", "З": "3", "І": "I",
                             "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x"})


def fold_homoglyphs(text: str) -> str:
    return (text or "").translate(_HOMOGLYPHS)


@lru_cache(maxsize=65536)
def is_ref_like(text: str) -> bool:
    """'M2-NI', 'LAC11-QL (%)', 'CP2b %', 'СР БВ' (Cyrillic look-alikes), 'LACI0 (%)'."""
    t = fold_homoglyphs(norm(text))
    if not t or len(t) > 16 or word_count(t) > 3:
        return False
    if not (t[0].isalpha()):
        return False
    if not _REF.match(t):
        return False
    has_digit = any(c.isdigit() for c in t)
    letters = [c for c in t if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if t.lower() in {"tbc", "tba", "n/a", "local"}:
        return False
    return has_digit or "-" in t or (letters and upper / len(letters) >= 0.75 and len(letters) >= 2)


def split_glued_ref(text: str) -> tuple[str, str] | None:
    """'M2 Number of new referrals' -> ('M2', 'Number of new referrals'); None when not glued."""
    m = _GLUED.match(norm(text))
    if not m:
        return None
    ref = m.group("ref")
    if not (any(c.isdigit() for c in ref) or "-" in ref):
        return None
    return ref, m.group("title")


def month_of(text: str) -> str | None:
    return parse_month(norm(text))


def arrow_prefix_split(text: str) -> tuple[str, str]:
    """'↑ 20%' -> ('↑', '20%'): leading glyph junk and the rest."""
    t = norm(text)
    i = 0
    while i < len(t) and (is_junk_char(t[i]) or t[i] == " "):
        i += 1
    return t[:i].strip(), t[i:].strip()
