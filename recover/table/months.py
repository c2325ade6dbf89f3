"""Month labels as packs print them: 'Oct-19', 'Mar20', 'Sept-19', 'Sep 2019', 'October 2019'.

OCR adds its own spellings ('0ct-19', 'Mar-2O', 'Apr-10' for 'Apr-18' in seed 003), so a label is
parsed by rule: a month-name prefix (with common OCR confusions folded) and a 2- or 4-digit year.
"""
from __future__ import annotations

import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Digits OCR puts where letters belong (and back) in month labels only.
_LETTERISH = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b"})
_DIGITISH = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "S": "5", "s": "5", "B": "8", "z": "2", "Z": "2"})

_LABEL = re.compile(
    r"^\s*([A-Za-z015]{3})[A-Za-z]{0,6}\.?[\s\-–_/'’.]*([0-9OolIiSsBzZ]{2}(?:[0-9OolIiSsBzZ]{2})?)\s*$"
)
_IN_TEXT = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-–/'’]*((?:19|20)?\d{2})\b",
    re.IGNORECASE,
)


def parse_month(text: str) -> str | None:
    """'Oct-19' -> '2019-10'; None when the text is not a month label on its own."""
    m = _LABEL.match(text or "")
    if not m:
        return None
    name = m.group(1).lower().translate(_LETTERISH)
    month = _MONTHS.get(name)
    if month is None:
        return None
    year_txt = m.group(2).translate(_DIGITISH)
    if not year_txt.isdigit():
        return None
    year = int(year_txt)
    if year < 100:
        year += 2000
    if not 2000 <= year <= 2099:
        return None
    return f"{year:04d}-{month:02d}"


def months_in_text(text: str) -> list[str]:
    """Every month label inside a longer text ('% change from Jul-21' -> ['2021-07'])."""
    out = []
    for m in _IN_TEXT.finditer(text or ""):
        year = int(m.group(2))
        if year < 100:
            year += 2000
        out.append(f"{year:04d}-{_MONTHS[m.group(1).lower()[:3]]:02d}")
    return out


def month_add(ym: str, k: int) -> str:
    y, m = int(ym[:4]), int(ym[5:7])
    n = y * 12 + (m - 1) + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def month_diff(a: str, b: str) -> int:
    """Months from a to b (b - a)."""
    return (int(b[:4]) * 12 + int(b[5:7])) - (int(a[:4]) * 12 + int(a[5:7]))


def month_range(last: str, n: int) -> list[str]:
    """The n months ending with `last`, oldest first."""
    return [month_add(last, k) for k in range(-(n - 1), 1)]


def label(ym: str) -> str:
    """'2019-10' -> 'Oct-19' (the packs' own spelling)."""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[int(ym[5:7]) - 1]}-{ym[2:4]}"


def repair_sequence(parsed: list[str | None]) -> tuple[list[str | None], list[int]]:
    """Month columns are consecutive: fill or fix labels that disagree with their neighbours.

    Returns the repaired list and the indices that were changed (so the caller can lower
    confidence). A label is trusted when the majority of the sequence agrees with it.
    """
    known = [(i, m) for i, m in enumerate(parsed) if m]
    if len(known) < 2:
        return list(parsed), []
    votes: dict[str, int] = {}
    for i, m in known:
        start = month_add(m, -i)
        votes[start] = votes.get(start, 0) + 1
    start, count = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    if count < max(2, len(known) // 2 + 1):
        return list(parsed), []
    fixed = [month_add(start, i) for i in range(len(parsed))]
    changed = [i for i, (a, b) in enumerate(zip(parsed, fixed)) if a != b]
    return fixed, changed
