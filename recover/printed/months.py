"""Month labels as packs print them: 'Oct-19', 'Mar20', 'Sept-19', 'Sep 2019', 'October 2019', and
as OCR damages them ('0ct-19', 'Mar-2O', 'jJun-19', 'pul-20').

One grammar: a month name (its first three letters decide; OCR's digits for letters folded back),
optional further letters and a point, separators, and a 2- or 4-digit year. Every matcher below is
built from these pieces:
    parse_month        the whole cell is a label                       'Oct-19' -> '2019-10'
    months_in_text     labels inside a longer text                     '% change from Jul-21'
    month_in_cell      a label with at most two stray characters       'jJun-19' -> 'Jun-19'
    is_month_name_only a name whose year wrapped into the next cell    'Mar-'
    looks_damaged      a label damaged beyond parsing                  'pl-20', 'pul-20'
"""
from __future__ import annotations

import re
from functools import lru_cache

from .confusions import DIGIT_AS_LETTER, LETTER_AS_DIGIT

NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NUMBER_OF = {n.lower(): i + 1 for i, n in enumerate(NAMES)}
_NAME = "(?:" + "|".join(n.lower() for n in NAMES) + ")"
SEPARATORS = r"\s\-–_/'’.:"              # OCR reads a hyphen as ':' too ('Dec:20', 'Nov:20')
_SEP = f"[{SEPARATORS}]"
_NAME_TAIL = r"[A-Za-z]{0,6}\.?"             # 'Sept', 'October', 'Sept.'
_FOR_LETTER = "".join(DIGIT_AS_LETTER)       # digits OCR puts where a letter of the name belongs
_FOR_DIGIT = "".join(LETTER_AS_DIGIT)        # letters OCR puts where a digit of the year belongs
_TO_LETTER = str.maketrans(DIGIT_AS_LETTER)
_TO_DIGIT = str.maketrans(LETTER_AS_DIGIT)

_WHOLE = re.compile(
    rf"^\s*([A-Za-z{_FOR_LETTER}]{{3}}){_NAME_TAIL}{_SEP}*"
    rf"([0-9{re.escape(_FOR_DIGIT)}]{{2}}(?:[0-9{re.escape(_FOR_DIGIT)}]{{2}})?)\s*$")
_IN_TEXT = re.compile(rf"\b({_NAME})[a-z]*\.?{_SEP}*(\d{{2}}(?:\d{{2}})?)\b", re.I)
_IN_CELL = re.compile(rf"{_NAME}{_NAME_TAIL}{_SEP}*\d{{2}}(?:\d{{2}})?", re.I)
_FULL_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
# a short word, one separator and a two-digit year: a label OCR damaged beyond parsing
_DAMAGED = re.compile(rf"^\W{{0,2}}[A-Za-z]{{1,5}}\.?\s?{_SEP}\s?\d{{2}}$")


def _ym(year: int, month: int) -> str | None:
    if year < 100:
        year += 2000
    return f"{year:04d}-{month:02d}" if 2000 <= year <= 2099 else None


@lru_cache(maxsize=65536)
def parse_month(text: str) -> str | None:
    """'Oct-19' -> '2019-10'; None when the text is not a month label on its own."""
    m = _WHOLE.match(text or "")
    if not m:
        return None
    month = _NUMBER_OF.get(m.group(1).lower().translate(_TO_LETTER))
    year = m.group(2).translate(_TO_DIGIT)
    if month is None or not year.isdigit():
        return None
    return _ym(int(year), month)


def months_in_text(text: str) -> list[str]:
    """Every month label inside a longer text ('% change from Jul-21' -> ['2021-07'])."""
    out = []
    for m in _IN_TEXT.finditer(text or ""):
        ym = _ym(int(m.group(2)), _NUMBER_OF[m.group(1).lower()])
        if ym:
            out.append(ym)
    return out


def month_in_cell(text: str, stray: int = 2) -> str | None:
    """'jJun-19' (a bold J's descender read as an extra 'j') -> 'Jun-19': the label inside a cell
    with at most `stray` other characters around it, capitalised; None when there is none."""
    m = _IN_CELL.search(text or "")
    if not m or len((text or "").replace(" ", "")) - len(m.group(0).replace(" ", "")) > stray:
        return None
    label = m.group(0)
    label = label[0].upper() + label[1:]
    return label if parse_month(label) else None


def is_month_name_only(text: str) -> bool:
    """'Mar-': a month name whose year was printed in the next cell."""
    t = (text or "").strip().rstrip(" -–_/'’.").strip().lower()
    return len(t) >= 3 and any(full.startswith(t) for full in _FULL_NAMES)


def looks_damaged(text: str) -> bool:
    """'pl-20', 'pul-20' for 'Jul-20': could be a month label OCR damaged beyond parsing (or
    'SN 19', 'Avg 12': callers only trust it between two real labels)."""
    return bool(_DAMAGED.match((text or "").strip()))


def names_month(text: str, ym: str) -> bool:
    """Whether an OCR'd word could be month `ym`'s label damaged beyond parsing, when a header's
    slots say which month belongs where: it starts with the month's name, digits OCR reads for
    its letters folded back ('sepao.' Sep-20, 'octeza' Oct-20, 'Novo' Nov-20, 'mar-2a' Mar-20),
    or ends with the year's two digits after a word no longer than a name ('Ane20' Aug-20). Only
    meaningful at the slot a run of real labels puts `ym` in."""
    t = (text or "").strip(" .,:;'’‘\"|!_-")
    if not 3 <= len(t) <= 9:
        return False
    if t[:3].translate(_TO_LETTER).lower() == NAMES[int(ym[5:7]) - 1].lower():
        return True
    return t.endswith(ym[2:4]) and 2 <= len(t) - 2 <= 5 and t[:-2].rstrip(" -–_/'’.:").isalpha()


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
    return f"{NAMES[int(ym[5:7]) - 1]}-{ym[2:4]}"


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
