"""What a column of a pack's table holds, from its header label: one classifier for every reader
and the table stage.

Header labels come damaged in a few ways, each a class of input rather than one file's spelling:
- a word wrapped inside a narrow cell and rejoined with a space ('Englan d', 'Targe t 17-18',
  'Stat. Neighb our', 'Do T'): adjacent pieces are also tried joined;
- a word cut at a cell edge ('Targ 19-', '% chang from'): a piece of >= 4 letters that starts a
  keyword counts as that keyword;
- OCR letters ('Owner Renorter', 'sam month', 'Neighb0ur'): rapidfuzz similarity >= 85 to a
  keyword of >= 5 letters (or to a two-word phrase).

The first rule of RULES that a label meets decides its role. A % change's basis (previous month or
same month last year) comes from its words, else from the month it names (change_basis).
"""
from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz

from .months import month_add, months_in_text, parse_month


class Role(StrEnum):
    REF = "ref"
    INDICATOR = "indicator"
    OWNER = "owner"
    REPORTER = "reporter"
    NAMES = "names"                     # one column for owner and reporter ('Owner Reporter')
    OUTCOME = "outcome"
    MONTH = "month"
    PCT_PREV = "pct_prev"               # % change from the previous month
    PCT_YEAR = "pct_year"               # % change from the same month a year before
    PCT = "pct_other"                   # a % change whose basis the label does not say
    DOT = "dot"                         # direction-of-travel arrow
    AVG12 = "avg12"
    MAX12 = "max12"
    PERCENTAGE_FLAG = "percentage_flag"  # 'Percentage?': '-' or 'P'
    STAT_NEIGHBOUR = "stat_neighbour"
    ENGLAND = "england"
    SE_REGION = "se_region"
    BENCHMARK = "benchmark"             # 'Benchmarking' over its sub-columns: which one is unknown
    TARGET = "target"
    COMMENTARY = "commentary"
    OTHER = "other"


TEXT_ROLES = frozenset({Role.REF, Role.INDICATOR, Role.OWNER, Role.REPORTER, Role.NAMES, Role.OUTCOME})
CHANGE_ROLES = frozenset({Role.PCT_PREV, Role.PCT_YEAR, Role.PCT})
BENCHMARK_ROLES = frozenset({Role.STAT_NEIGHBOUR, Role.ENGLAND, Role.SE_REGION, Role.BENCHMARK})

FUZZY_MIN = 85          # rapidfuzz ratio for an OCR-damaged keyword (>= FUZZY_LEN letters)
FUZZY_LEN = 5
CUT_MIN = 4             # letters a cut-off word needs to stand for the keyword it starts
# '=' marks a keyword matched only as a whole word (short words: fuzzy or cut matches would be noise)
_RULES: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.COMMENTARY, ("comment",)),
    (Role.OUTCOME, ("outcome", "impact")),
    (Role.INDICATOR, ("indicator", "description")),
    (Role.NAMES, ()),                   # owner and reporter words both present: see _names
    (Role.OWNER, ("owner", "=lead")),
    (Role.REPORTER, ("reporter", "=report")),
    (Role.AVG12, ("average", "=avg", "=mean")),
    (Role.MAX12, ("=max", "=maximum")),
    (Role.DOT, ("=dot", "direction of travel")),
    (Role.STAT_NEIGHBOUR, ("=stat", "neighbour", "neighbours")),
    (Role.ENGLAND, ("england",)),
    (Role.SE_REGION, ("se region", "region")),
    (Role.BENCHMARK, ("benchmark", "benchmarking")),
    (Role.TARGET, ("target",)),
)
_WHOLE_LABEL = {"sn": Role.STAT_NEIGHBOUR, "eng": Role.ENGLAND, "se": Role.SE_REGION,
                "percentage?": Role.PERCENTAGE_FLAG, "percentage": Role.PERCENTAGE_FLAG}
_YEAR_BASIS = ("same month", "prev yr", "=year", "=yr")
_PREV_BASIS = ("previous", "=prev")
_WORD = re.compile(r"[a-z0-9%?]+")


def words_of(label: str) -> tuple[str, ...]:
    return tuple(_WORD.findall((label or "").lower().replace("?", " ?").replace(" ?", "?")))


@lru_cache(maxsize=65536)
def _readings(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The label's words, and the same with each pair of neighbours joined (a wrapped word)."""
    out = [words]
    for i in range(len(words) - 1):
        if words[i].isalpha() and words[i + 1].isalpha():
            out.append(words[:i] + (words[i] + words[i + 1],) + words[i + 2:])
    return tuple(out)


def _word_matches(word: str, key: str) -> bool:
    if key.startswith("="):
        return word == key[1:]
    if word.startswith(key):
        return True
    if len(word) >= CUT_MIN and key.startswith(word):
        return True
    return len(key) >= FUZZY_LEN and fuzz.ratio(word, key) >= FUZZY_MIN


def has_keyword(words: tuple[str, ...], key: str) -> bool:
    """Does the label (its words, or a reading with a wrapped word rejoined) hold the keyword?"""
    parts = key.split()
    for reading in _readings(words):
        for i in range(len(reading) - len(parts) + 1):
            window = reading[i:i + len(parts)]
            if len(parts) == 1:
                if _word_matches(window[0], key):
                    return True
            elif all(_word_matches(w, k) for w, k in zip(window, parts)) or \
                    fuzz.ratio(" ".join(window), key.replace("=", "")) >= FUZZY_MIN:
                return True
    return False


def _any(words: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return any(has_keyword(words, k) for k in keys)


@lru_cache(maxsize=65536)
def classify(label: str) -> Role:
    """The role of a column from its header label ('% change from Jul-21' -> PCT, 'Englan d' ->
    ENGLAND, 'Apr-20' -> MONTH). PCT means the label does not say the basis: see change_basis."""
    text = " ".join((label or "").split())
    if not text:
        return Role.OTHER
    if parse_month(text):
        return Role.MONTH
    words = words_of(text)
    if not words or words[0] == "key":
        return Role.OTHER               # 'Key to direction of travel:': a legend, not a column
    if text.startswith("%") or has_keyword(words, "change"):
        return _change_words(words)
    if words[0].startswith("ref"):
        return Role.REF
    for reading in _readings(words):
        whole = _WHOLE_LABEL.get("".join(reading))
        if whole is not None:
            return whole
    for role, keys in _RULES:
        if role is Role.NAMES:
            if _any(words, ("owner",)) and _any(words, ("reporter", "=report")):
                return Role.NAMES
        elif _any(words, keys):
            return role
    return Role.OTHER


def _change_words(words: tuple[str, ...]) -> Role:
    if _any(words, _YEAR_BASIS):
        return Role.PCT_YEAR
    if _any(words, _PREV_BASIS):
        return Role.PCT_PREV
    return Role.PCT


def change_basis(label: str, last_month: str) -> Role:
    """PCT_PREV or PCT_YEAR from the month a change label names ('% change from Jul-21' in an
    Aug-21 pack is from the previous month); PCT when it names neither."""
    for ym in months_in_text(label):
        if ym == month_add(last_month, -1):
            return Role.PCT_PREV
        if ym == month_add(last_month, -12):
            return Role.PCT_YEAR
    return Role.PCT


def role_of(label: str, last_month: str) -> Role:
    """classify, a % change given its basis from the month it names (change_basis) when its words
    do not say it."""
    role = classify(label)
    return change_basis(label, last_month) if role is Role.PCT else role
