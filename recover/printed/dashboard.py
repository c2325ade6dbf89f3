"""What a dashboard block prints around its one-line value table, as every reader sees it.

Above and beside each chart a pack prints a heading (the service area), a caption ('Monthly
trend, Mar-20 to Mar-21'), the indicator title ('CP1 - Number of Section 47 ...', cut with '...'
when long), a legend naming the series ('CP1') and 'Average', a box 'Benchmarking (CP1)' with
'Show values as: Monthly' and the Stat. Neighbour / England / SE region values, and for percent
indicators the note 'All figures shown as percentages' (the values then print without '%').

OCR damages these phrases as it damages everything: the tests here are fuzzy (rapidfuzz on the
letters), and each returns what the phrase says (a ref, two months, a benchmark's role) or
nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .months import months_in_text, parse_month
from .numbers import BENCHMARK_WORDS, is_missing
from .refs import normalise_ref, split_glued_ref
from .roles import Role, classify

PERCENT_NOTE = "all figures shown as percentages"
SHOW_VALUES = "show values as"
AVERAGE = "average"
PHRASE_MIN = 85            # rapidfuzz partial ratio of the letters to a fixed phrase
_LETTERS = re.compile(r"[^a-z ]+")
_BENCHMARKING = re.compile(r"\b[BbE8][ec]n\w{0,3}hm\w{0,6}\s*[(\[{]\s*(.{1,16}?)\s*[)\]}]?\s*$")
_CAPTION = re.compile(r"\b(?:monthly\s+)?trend\b", re.I)
_TITLE_DASH = re.compile(r"^\s*(\S+(?:\s\(\S{1,4}\)?)?)\s+[-–—]\s+(\S.*)$")
BENCHMARK_ROLES = (Role.STAT_NEIGHBOUR, Role.ENGLAND, Role.SE_REGION)


def _letters(text: str) -> str:
    return " ".join(_LETTERS.sub(" ", (text or "").lower()).split())


@lru_cache(maxsize=16384)
def is_percent_note(text: str) -> bool:
    """'All figures shown as percentages' (or OCR's 'Al figures shawn as percentaqes')."""
    t = _letters(text)
    return len(t) >= 20 and fuzz.partial_ratio(PERCENT_NOTE, t) >= PHRASE_MIN


@lru_cache(maxsize=16384)
def is_fixed_text(text: str) -> bool:
    """Legend and box text that names nothing: 'Show values as: Monthly', 'Average'."""
    t = _letters(text)
    if not t:
        return False
    if t == AVERAGE or (len(t) >= 6 and fuzz.ratio(t, AVERAGE) >= PHRASE_MIN):
        return True
    return len(t) >= 10 and fuzz.partial_ratio(SHOW_VALUES, t) >= PHRASE_MIN


def benchmarking_ref(text: str) -> str | None:
    """'Benchmarking (LAC13)' -> 'LAC13'; None when the text is not that box's heading."""
    m = _BENCHMARKING.search(text or "")
    if not m:
        return None
    ref = normalise_ref(m.group(1))
    return ref or None


def caption_months(text: str) -> tuple[str, str] | None:
    """'Monthly trend, Mar-20 to Mar-21' -> ('2020-03', '2021-03'): the window the chart shows."""
    if not _CAPTION.search(text or ""):
        return None
    found = months_in_text(text)
    return (found[0], found[-1]) if len(found) >= 2 else None


_WINDOW_WORDS = re.compile(r"\b(?:monthly|trend|to|from|and)\b", re.I)


def caption_names_more(text: str) -> bool:
    """Whether a chart's caption says more than the window it shows: 'Monthly trend, Mar-20 to
    Mar-21' names no indicator (its text is no title to match against the register), a caption
    with other words ('..., contacts received') may."""
    rest = _IN_TEXT_MONTH.sub(" ", _WINDOW_WORDS.sub(" ", text or ""))
    return len(re.findall(r"[A-Za-z]{3,}", rest)) >= 1


_IN_TEXT_MONTH = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                            r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
                            r"(?:[\s\-–_/'’.:]*\d{2}(?:\d{2})?)?(?![A-Za-z])", re.I)  # a year cut off too


@dataclass(frozen=True)
class Benchmark:
    role: Role                   # stat_neighbour | england | se_region
    name: str                    # as printed
    value: str                   # as printed ('1791', 'Local', '-'), '' when not on the line


def benchmark(text: str) -> Benchmark | None:
    """'Stat. Neighbour 1791' -> Benchmark(STAT_NEIGHBOUR, 'Stat. Neighbour', '1791'); the value
    may be missing (a tool that puts it on a line of its own)."""
    words = (text or "").split()
    if not words or len(words) > 5:
        return None
    last = words[-1]
    has_value = len(words) > 1 and (any(ch.isdigit() for ch in last) or is_missing(last)
                                    or last.lower() in BENCHMARK_WORDS)
    name = " ".join(words[:-1] if has_value else words)
    if parse_month(name) or classify(name) not in BENCHMARK_ROLES:
        return None
    return Benchmark(classify(name), name, last if has_value else "")


def titled_ref(text: str) -> tuple[str, str] | None:
    """'CP1 - Number of Section 47 (S47) ...' -> ('CP1', 'Number of Section 47 (S47) ...'): a chart
    title names its indicator by ref and words. None when the text does not start with a ref."""
    m = _TITLE_DASH.match(text or "")
    if m:
        ref, rest = split_glued_ref(m.group(1))
        if ref and not rest:
            return ref, m.group(2).strip()
    return None


def is_title_like(text: str) -> bool:
    """Words enough to be an indicator's title (a heading such as 'Child Protection' is not)."""
    words = [w for w in _letters(text).split() if len(w) >= 2]
    return len(words) >= 4


__all__ = ["Benchmark", "benchmark", "benchmarking_ref", "caption_months", "caption_names_more", "is_fixed_text",
           "is_percent_note", "is_title_like", "titled_ref"]
