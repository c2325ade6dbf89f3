"""Printed values: '1354', '1,576', '19.1%', '31%', '-', 'tbc', 'n/a', '34.00', '↑ 20%'.

The printed precision is kept (decimals) because reconciliation compares a 2019 pack's '19.1%'
with a 2020 pack's '19%'. Anything that is not clearly a number or a missing marker is
'unreadable' — never guessed.
"""
from __future__ import annotations

import re
import unicodedata

from recover.model import Value

MISSING_TOKENS = {"", "-", "–", "—", "tbc", "n/a", "na", "- n/a", "-n/a", "n/a.", "tba", "*"}
_NUMBER = re.compile(r"^([-−–]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)$")


def _is_glyph_junk(ch: str) -> bool:
    """Arrows, triangles, bullets and private-use glyphs that packs print beside numbers."""
    cp = ord(ch)
    if 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp:  # private use (Wingdings arrows after export)
        return True
    if 0x2190 <= cp <= 0x21FF or 0x27A0 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF:
        return True
    if 0x25A0 <= cp <= 0x25FF or 0x2600 <= cp <= 0x26FF or 0x1F300 <= cp <= 0x1FAFF:
        return True
    return unicodedata.category(ch) in ("So", "Co", "Cn") or ch in "•·"


def strip_glyphs(text: str) -> tuple[str, bool]:
    """Remove arrow/bullet glyphs; say whether anything was removed."""
    kept = "".join(ch for ch in text if not _is_glyph_junk(ch))
    return kept, kept != text


def parse_value(text: str) -> Value:
    """Parse one month cell as printed. Whitespace inside numbers ('1 354') is not joined:
    in a month cell that is two tokens and so unreadable."""
    raw = text if text is not None else ""
    cleaned, had_glyph = strip_glyphs(raw)
    t = cleaned.strip().replace("\u00a0", " ")
    if t.lower() in MISSING_TOKENS:
        return Value(raw=raw, value=None, status="missing", conf=0.97 if had_glyph else 1.0)
    m = _NUMBER.match(t.replace(" %", "%"))
    if not m:
        return Value(raw=raw, value=None, status="unreadable", conf=0.0)
    sign, whole, frac, pct = m.groups()
    number = float(whole.replace(",", "") + ("." + frac if frac else ""))
    if sign:
        number = -number
    return Value(
        raw=raw,
        value=number,
        status="ok",
        is_percent=bool(pct),
        decimals=len(frac) if frac else 0,
        conf=0.97 if had_glyph else 1.0,
    )


_LEADING_ARROW_DIGIT = re.compile(r"^[14>»]\s+(?=[-−]?\d)")


def parse_change(text: str) -> Value:
    """A % change cell: arrows glued ('↑ 20%'), or read by OCR as '1'/'4' ('1 20%')."""
    cleaned, had_glyph = strip_glyphs(text or "")
    t = cleaned.strip()
    conf = 0.97 if had_glyph else 1.0
    if _LEADING_ARROW_DIGIT.match(t) and t.endswith("%"):
        t = _LEADING_ARROW_DIGIT.sub("", t)
        conf = 0.8
    v = parse_value(t)
    return Value(raw=text or "", value=v.value, status=v.status, is_percent=v.is_percent,
                 decimals=v.decimals, conf=min(conf, v.conf))
