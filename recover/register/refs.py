"""Indicator refs as printed -> refs of the register.

What a printed ref looks like, and the repairs of its damage (look-alike scripts, vertical
fragments, a ref glued to its title, OCR's letter/digit confusions), are in recover/printed/refs.py,
shared with the readers. Here: which register refs a printed ref may stand for, with a score,
including a lost closing parenthesis or suffix ('CP5-QL (val', 'CP3-QL (')  -> ref_candidates.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from recover.printed.confusions import LETTER_SECOND_DIGIT, fold_lookalikes
from recover.printed.refs import (has_accented_digit, looks_like_ref, normalise_ref, ref_key, skeleton,
                                  split_glued_ref)

if TYPE_CHECKING:   # pragma: no cover
    from recover.register import Register

__all__ = ["fold_lookalikes", "looks_like_ref", "normalise_ref", "ref_candidates", "ref_key", "skeleton",
           "split_glued_ref", "TWIN_SUFFIXES", "WRAPPED_SUFFIXES"]

# Suffixes that tell twins apart ('M6-QL' and 'M6-QL (val)'); a reader may lose them.
TWIN_SUFFIXES = ("(val)", "(%)", "%")
# Suffixes printed on a line of their own when a narrow ref cell wraps at the hyphen ('CP1-' /
# 'NI'); OCR loses such a short blurred line ('-NI' read as nothing at 200 dpi), leaving 'CP1'.
WRAPPED_SUFFIXES = ("-NI", "-QL")


# ---------------------------------------------------------------------------------------------
# Scores of ref_candidates; match.py documents how they combine with the title.
EXACT = 1.0            # the printed ref is a register ref
REPAIRED = 0.92        # equal after folding OCR confusion classes (MG-QL -> M6-QL)
PAREN_REPAIRED = 0.9   # a lost ')' or a truncated '(val' restored
SUFFIX_LOST = 0.8      # printed 'M6-QL' may be 'M6-QL (val)', 'CP1' 'CP1-NI', with the suffix lost
RULE_GLUED = 0.85      # a cell's left rule OCR read as a letter before the ref ('IEH2', 'iCP4', 'JEH5-QL')
SECOND_DIGIT = 0.85    # a letter read as the second digit it may stand for ('LACS' LAC9, 'CPZ' CP7)
DOUBLED_STROKE = 0.85  # one stroke read as two look-alikes of '1' ('N1I147', 'N1i147' for NI147)
AMBIGUOUS = 0.75       # a repair that fits several register refs
SIMILAR_MAX = 0.6      # ceiling for refs that are merely similar (edit distance); never "read"
SIMILAR_FLOOR = 0.5    # below this normalised similarity a ref is not listed at all

_RULE_LETTERS = "IilJ|!["   # what OCR reads a ruling line just left of a word as
_OPEN_TAIL = re.compile(r"\((v(a(l)?)?)?$", re.I)
_SHORT_VAL = re.compile(r"\((va|vl|al)\)$", re.I)       # '(val)' with a letter lost: 'EH4 (va )'
# one stroke read as two look-alikes of '1' ('N1I147', 'N1i147' for NI147): a letter beside a digit
_DOUBLED_STROKE = re.compile(r"1[IiLl|]|[IiLl|]1")
_PCT_TAIL = re.compile(r"\(%$")
_LEADING_LETTERS = re.compile(r"^[A-Za-z]+")


def ref_candidates(text: str, register: "Register") -> list[tuple[str, float]]:
    """Register refs the printed ref may stand for, best first, with a score in 0..1.

    1.0 exact; 0.92 equal after OCR confusion classes; 0.9 a lost ')' restored; 0.85 a ruling line
    read as a letter before it ('IEH2'), or a letter read as the second digit it may stand for
    ('LACS' LAC9), or one stroke read as two ('N1I147' NI147); 0.8 a twin suffix lost; 0.75 when a repair fits several
    refs; <= 0.6 merely similar (edit distance)."""
    compact = normalise_ref(text).replace(" ", "")   # case kept: 'b' is a 6, 'B' an 8
    if not compact:
        return []
    scores: dict[str, float] = {}

    def put(ref: str, score: float) -> None:
        if score > scores.get(ref, 0.0):
            scores[ref] = score

    index = register.ref_index

    def lookup(variant: str, exact: float, repaired: float) -> None:
        if variant.upper() in index.by_key:
            put(index.by_key[variant.upper()], exact)
        _put_all(put, index.by_skeleton.get(skeleton(variant), ()), repaired)

    lookup(compact, EXACT, REPAIRED)
    for variant in _paren_repairs(compact):
        lookup(variant, PAREN_REPAIRED, PAREN_REPAIRED - 0.02)
    base = compact.rstrip("(")
    if base != compact:   # 'CP3-QL (' may be 'CP3-QL' and a stray '('
        lookup(base, SUFFIX_LOST, SUFFIX_LOST - 0.02)
    for suffix in TWIN_SUFFIXES:
        lookup(base + suffix, SUFFIX_LOST, SUFFIX_LOST - 0.02)
    if base.endswith("-") or base.upper() in index.by_key:
        # only for a printed hyphen or a twin of a real ref: 'CP3' (Cyrillic 'СРЭ') is no ref,
        # and guessing 'CP3-QL' for it would make it look read
        for suffix in WRAPPED_SUFFIXES:
            lookup(base.rstrip("-") + suffix, SUFFIX_LOST, SUFFIX_LOST - 0.02)
    if not any(v >= EXACT for v in scores.values()):
        for variant in _second_digits(compact):
            lookup(variant, SECOND_DIGIT, SECOND_DIGIT)
    if not any(v >= REPAIRED for v in scores.values()):
        for variant in _single_strokes(compact):
            lookup(variant, DOUBLED_STROKE, DOUBLED_STROKE)
    if compact[0] in _RULE_LETTERS and len(compact) > 2 and not any(v >= REPAIRED for v in scores.values()):
        lookup(compact[1:], RULE_GLUED, RULE_GLUED - 0.02)
    sk = skeleton(compact)
    for ref, ref_sk in index.skeletons:
        sim = Levenshtein.normalized_similarity(sk, ref_sk)
        if sim >= SIMILAR_FLOOR:
            put(ref, round(SIMILAR_MAX * sim, 4))
    if has_accented_digit(text):   # 'Mé-QL' read back as 'M6-QL' is a repair, not a clean read
        scores = {ref: min(score, REPAIRED) for ref, score in scores.items()}
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def _second_digits(compact: str) -> list[str]:
    """The ref with the last of its leading letters read as the second digit that letter may stand
    for, where a ref's digits start ('LACS' -> 'LAC9', 'CPZ-NI' -> 'CP7-NI'); [] when it has none."""
    lead = len(compact) - len(_LEADING_LETTERS.sub("", compact, count=1))
    c = compact[lead - 1] if lead > 1 else ""
    return [compact[:lead - 1] + LETTER_SECOND_DIGIT[c] + compact[lead:]] if c in LETTER_SECOND_DIGIT else []


def _put_all(put, refs: tuple[str, ...], score: float) -> None:
    if len(refs) == 1:
        put(refs[0], score)
    else:
        for ref in refs:
            put(ref, min(score, AMBIGUOUS))


def _paren_repairs(key: str) -> list[str]:
    """'CP5-QL(val' -> 'CP5-QL(val)'; 'CP3-QL(' -> both '(val)' and '(%)' (the title decides)."""
    if key.endswith("("):
        return [key + "val)", key + "%)"]
    if _OPEN_TAIL.search(key):
        return [_OPEN_TAIL.sub("(val)", key)]
    if _PCT_TAIL.search(key):
        return [key + ")"]
    if _SHORT_VAL.search(key):
        return [_SHORT_VAL.sub("(val)", key)]
    return []


def _single_strokes(compact: str) -> list[str]:
    """The ref with one of two adjacent look-alikes of '1' dropped, where one is a letter
    ('N1I147' -> 'NI147' and 'N1147'): OCR read one stroke twice."""
    out = []
    for m in _DOUBLED_STROKE.finditer(compact):
        for k in (m.start(), m.start() + 1):
            v = compact[:k] + compact[k + 1:]
            if v not in out:
                out.append(v)
    return out
