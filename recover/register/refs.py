"""Indicator refs as printed -> refs of the register.

Packs print refs such as 'M6-QL (val)', 'LAC10 (%)', 'CP2b %', 'EH3a%', 'NI147'. Readers deliver them
damaged in a few systematic ways, each repaired here by a rule rather than by listing damaged forms:

* look-alike letters from other scripts: OCR reads 'CP6B' as Cyrillic 'СРБВ'  -> fold_lookalikes
* vertical fragments: pdfminer gives a narrow ref cell as 'M\\n2-\\nN\\nI'     -> normalise_ref
* glued to the title: 'M2 Number of new referrals ...'                       -> split_glued_ref
* OCR confusions inside Latin text: 'MG-QL', 'LACI0', 'LACL3', 'CP68-NI'     -> skeleton (0/O, 1/I/l/L, 6/G/b, 8/B, 5/S)
* a lost closing parenthesis or suffix: 'CP5-QL (val', 'CP3-QL ('            -> ref_candidates
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:   # pragma: no cover
    from recover.register import Register

# Letters of other scripts that render like a Latin letter or a digit (the Unicode confusables
# idea, cut down to what matters for refs and titles). unicodedata names say what a letter *is*
# (CYRILLIC CAPITAL LETTER VE), not what it looks like (B), hence a table.
_LOOKALIKES = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ї": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q",
    "Ԝ": "W", "Б": "6", "З": "3", "Э": "3", "Ч": "4", "Ь": "b", "Ъ": "b", "Г": "r", "П": "n",
    # Cyrillic small letters
    "а": "a", "в": "B", "е": "e", "ё": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p",
    "с": "c", "т": "T", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԛ": "q",
    "ԝ": "w", "б": "6", "з": "3", "э": "3", "ч": "4", "ь": "b", "ъ": "b", "г": "r", "п": "n",
    "һ": "h", "ԁ": "d", "ɡ": "g",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "α": "a", "ι": "i", "κ": "k",
    "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x", "ϲ": "c", "μ": "u",
    # Latin-ish symbols OCR emits for letters and digits
    "ı": "i", "ℓ": "l", "Ɩ": "l", "ǀ": "l", "０": "0", "Ⅰ": "I", "Ⅼ": "L",
}
_LOOKALIKE_TABLE = str.maketrans({k: v for k, v in _LOOKALIKES.items() if k != v})

# OCR confusion classes inside Latin refs: every member maps to the class's digit.
# Applied to the register's refs and to the printed text alike, so 'MG-QL' and 'M6-QL' meet.
_CONFUSION = str.maketrans({
    "O": "0", "o": "0",
    "I": "1", "l": "1", "i": "1", "|": "1", "!": "1", "L": "1",   # dashboards: 'LACL3' = LAC13
    "G": "6", "b": "6",
    "B": "8",
    "S": "5", "s": "5",
    "Z": "2", "z": "2",
    "g": "9", "q": "9",
})
# Suffixes that tell twins apart ('M6-QL' and 'M6-QL (val)'); a reader may lose them.
TWIN_SUFFIXES = ("(val)", "(%)", "%")
# Suffixes printed on a line of their own when a narrow ref cell wraps at the hyphen ('CP1-' /
# 'NI'); OCR loses such a short blurred line ('-NI' read as nothing at 200 dpi), leaving 'CP1'.
WRAPPED_SUFFIXES = ("-NI", "-QL")

_REF_CHARS = re.compile(r"[^A-Za-z0-9()%\- \n]")
_SPACES = re.compile(r"[ \t]+")
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")

# A title word: a capitalised word of >= 3 letters ('Number', '(Number'), or a lower-case word of
# >= 4 letters. Ref fragments ('LA', 'C1', '(v', 'al', 'QL') are shorter or carry digits.
_TITLE_WORD = re.compile(r"^\(?([A-Z][a-z]{2,}|[a-z]{4,})")
_REF_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z]{0,4}[A-Za-z0-9]{0,5}(-[A-Za-z0-9]{1,3})?\s?(\(\w{0,3}\)?|\(%\)?|\(|%)?$")


def fold_lookalikes(text: str) -> str:
    """NFKC (full-width forms, ligatures), then other scripts' look-alikes -> Latin/digits,
    then accents dropped ('é' -> 'e')."""
    text = unicodedata.normalize("NFKC", text or "").translate(_LOOKALIKE_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_ref(text: str) -> str:
    """A printed ref in its printed spelling, cleaned: look-alikes folded, junk glyphs dropped,
    vertical fragments joined ('LA\\nC1\\n0 \\n(%\\n)' -> 'LAC10 (%)').

    Fragments are joined on line breaks without a space, but a space a fragment itself carries
    is kept: pdfminer keeps the printed space in 'L ' of 'M\\n6-\\nQ\\nL \\n(v\\nal\\n)'."""
    text = _REF_CHARS.sub("", fold_lookalikes(text).replace("\r", "\n"))
    text = "".join(text.split("\n"))
    text = _SPACES.sub(" ", text).strip()
    text = _PAREN_OPEN.sub(" (", text)
    text = _PAREN_CLOSE.sub(")", text)
    return text.strip()


def ref_key(text: str) -> str:
    """Exact identity of a ref: normalised, no spaces, upper case ('CP2b %' -> 'CP2B%')."""
    return normalise_ref(text).replace(" ", "").upper()


def skeleton(text: str) -> str:
    """The ref with OCR confusion classes collapsed and hyphens dropped ('MG-QL' -> 'M6Q1'...).
    Case matters before folding (l is 1, L is not), so fold first and upper-case after."""
    compact = normalise_ref(text).replace(" ", "").replace("-", "")
    return compact.translate(_CONFUSION).upper()


def split_glued_ref(text: str) -> tuple[str, str]:
    """('M2 Number of new ...') -> ('M2', 'Number of new ...'); ('', text) when no ref leads.

    The ref is the run of short fragments before the first title word; it may span line breaks
    (vertical fragments). A '(' glued to the first title word belongs to the ref
    ('CP3-QL (Number of ...' -> 'CP3-QL (')."""
    text = text or ""
    pos = 0
    ref_end = None
    title_start = None
    for m in re.finditer(r"\S+", text):
        tok = fold_lookalikes(m.group())
        if _TITLE_WORD.match(tok):
            if tok.startswith("(") and len(tok) > 1:
                ref_end, title_start = m.start() + 1, m.start() + 1
            else:
                ref_end, title_start = m.start(), m.start()
            break
        pos = m.end()
    if title_start is None:
        return ("", text.strip()) if pos == 0 else _whole_ref_or_title(text)
    ref = normalise_ref(text[:ref_end])
    if not ref:
        return "", text[title_start:].strip()
    if not looks_like_ref(ref):
        return "", text.strip()
    return ref, _collapse(text[title_start:])


def _whole_ref_or_title(text: str) -> tuple[str, str]:
    """A cell without title words: a ref (possibly wrapped inside a narrow cell and joined with
    spaces, 'M8- QL', 'EH4 (va l)'), or an unreadable title."""
    ref = normalise_ref(text)
    if ref and (looks_like_ref(ref) or looks_like_ref(ref.replace(" ", ""))):
        return ref, ""
    return "", text.strip()


def looks_like_ref(ref: str) -> bool:
    compact = ref.replace(" ", "")
    if len(compact) > 14 or not _REF_SHAPE.match(ref):
        return False
    return any(ch.isalpha() for ch in compact) and any(ch.isdigit() for ch in skeleton(ref))


def _collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Scores of ref_candidates; match.py documents how they combine with the title.
EXACT = 1.0            # the printed ref is a register ref
REPAIRED = 0.92        # equal after folding OCR confusion classes (MG-QL -> M6-QL)
PAREN_REPAIRED = 0.9   # a lost ')' or a truncated '(val' restored
SUFFIX_LOST = 0.8      # printed 'M6-QL' may be 'M6-QL (val)', 'CP1' 'CP1-NI', with the suffix lost
AMBIGUOUS = 0.75       # a repair that fits several register refs
SIMILAR_MAX = 0.6      # ceiling for refs that are merely similar (edit distance); never "read"
SIMILAR_FLOOR = 0.5    # below this normalised similarity a ref is not listed at all

_OPEN_TAIL = re.compile(r"\((v(a(l)?)?)?$", re.I)
_PCT_TAIL = re.compile(r"\(%$")


def ref_candidates(text: str, register: "Register") -> list[tuple[str, float]]:
    """Register refs the printed ref may stand for, best first, with a score in 0..1.

    1.0 exact; 0.92 equal after OCR confusion classes; 0.9 a lost ')' restored; 0.8 a twin suffix
    lost; 0.75 when a repair fits several refs; <= 0.6 merely similar (edit distance)."""
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
    sk = skeleton(compact)
    for ref, ref_sk in index.skeletons:
        sim = Levenshtein.normalized_similarity(sk, ref_sk)
        if sim >= SIMILAR_FLOOR:
            put(ref, round(SIMILAR_MAX * sim, 4))
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


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
    return []
