"""Indicator refs as packs print them ('M6-QL (val)', 'LAC10 (%)', 'CP2b %', 'EH3a%', 'NI147') and as
readers deliver them, each kind of damage repaired by a rule rather than by listing damaged forms:

* look-alike letters from other scripts: OCR reads 'CP6B' as Cyrillic 'СРБВ'  -> fold_lookalikes
* vertical fragments: pdfminer gives a narrow ref cell as 'M\\n2-\\nN\\nI'     -> normalise_ref
* glued to the title: 'M2 Number of new referrals ...'                       -> split_glued_ref
* OCR confusions inside Latin text: 'MG-QL', 'LACI0', 'LACL3', 'CP68-NI'     -> skeleton
* an accented letter for a digit after the ref's capitals: 'Mé-QL'          -> fold_ref_glyphs
* a dashboard label's digits read as letters: 'LACL3'                        -> fold_label

Which register ref a printed ref stands for is the register's business (recover/register/refs.py);
this module only says what a ref looks like.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .confusions import LABEL_DIGIT_LETTERS, LETTER_AS_DIGIT, REF_ACCENTED_AS_DIGIT, fold_lookalikes
from .text import norm

_REF_CHARS = re.compile(r"[^A-Za-z0-9()%\- \n]")
_SPACES = re.compile(r"[ \t]+")
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")
_CONFUSION = str.maketrans(LETTER_AS_DIGIT)

# A title word: a capitalised word of >= 3 letters ('Number', '(Number'), or a lower-case word of
# >= 4 letters. Ref fragments ('LA', 'C1', '(v', 'al', 'QL') are shorter or carry digits.
_TITLE_WORD = re.compile(r"^\(?([A-Z][a-z]{2,}|[a-z]{4,})")
# a ref after normalise_ref: letters, digits, one hyphenated suffix, a unit tag
_REF_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z]{0,4}[A-Za-z0-9]{0,5}(-[A-Za-z0-9]{1,3})?\s?(\(\w{0,3}\)?|\(%\)?|\(|%)?$")
# a ref as a cell of broken text may hold it: look-alikes, spaces around the hyphen, a lost ')'
_SCRIPT_LETTER = "A-Za-z\u0400-\u04FF"      # Cyrillic the look-alike table does not fold is kept
_REF_CELL = re.compile(
    rf"^[{_SCRIPT_LETTER}]{{1,6}}\s?\d{{0,3}}[{_SCRIPT_LETTER}]?"           # M2, EH3a, LAC11, NI147, CP6B
    r"(?:\s?[-–]\s?[A-Za-z0-9]{1,3})*"                                       # -NI, -QL
    r"(?:\s*\((?:val|%|v|va)?\)?|\s*\(?%\)?)?$")        # (val) (%) %, and cut: '(va', '('
NOT_REFS = frozenset({"tbc", "tba", "n/a", "local"})
_LABEL_DIGITS = re.compile(rf"^([A-Za-z]+?)([{LABEL_DIGIT_LETTERS}]+)(\d.*)$")
# the accented letter right after a ref's capitals and before what follows a ref's digit (a
# hyphen, a space, a digit, '(' or the end): 'Mé-QL', 'Mé (val)'; 'Renée' is a name
_REF_ACCENTED = re.compile(rf"(?<=[A-Z])([{''.join(REF_ACCENTED_AS_DIGIT)}])(?=[-\s\d(]|$)")


def has_accented_digit(text: str) -> bool:
    """Does the ref hold an accented letter read for its digit ('Mé-QL')?"""
    return bool(_REF_ACCENTED.search(text or ""))


def fold_ref_glyphs(text: str) -> str:
    """'Mé-QL' -> 'M6-QL': REF_ACCENTED_AS_DIGIT read back where a ref's digit stands."""
    return _REF_ACCENTED.sub(lambda m: REF_ACCENTED_AS_DIGIT[m.group(1)], text or "")


def normalise_ref(text: str) -> str:
    """A printed ref in its printed spelling, cleaned: look-alikes folded, junk glyphs dropped,
    vertical fragments joined ('LA\\nC1\\n0 \\n(%\\n)' -> 'LAC10 (%)').

    Fragments are joined on line breaks without a space, but a space a fragment itself carries
    is kept: pdfminer keeps the printed space in 'L ' of 'M\\n6-\\nQ\\nL \\n(v\\nal\\n)'."""
    text = _REF_CHARS.sub("", fold_lookalikes(fold_ref_glyphs(text)).replace("\r", "\n"))
    text = "".join(text.split("\n"))
    text = _SPACES.sub(" ", text).strip()
    text = _PAREN_OPEN.sub(" (", text)
    text = _PAREN_CLOSE.sub(")", text)
    return text.strip()


def ref_key(text: str) -> str:
    """Exact identity of a ref: normalised, no spaces, upper case ('CP2b %' -> 'CP2B%')."""
    return normalise_ref(text).replace(" ", "").upper()


def skeleton(text: str) -> str:
    """The ref with OCR's letter/digit confusions collapsed and hyphens dropped ('MG-QL' -> 'M6Q1').
    Case matters before folding (l is 1, L is not), so fold first and upper-case after."""
    compact = normalise_ref(text).replace(" ", "").replace("-", "")
    return compact.translate(_CONFUSION).upper()


def looks_like_ref(ref: str) -> bool:
    """A normalised ref: the shape, some letter, and a digit once confusions are folded."""
    compact = ref.replace(" ", "")
    if len(compact) > 14 or not _REF_SHAPE.match(ref):
        return False
    return any(ch.isalpha() for ch in compact) and any(ch.isdigit() for ch in skeleton(ref))


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
    return ref, " ".join(text[title_start:].split())


def _whole_ref_or_title(text: str) -> tuple[str, str]:
    """A cell without title words: a ref (possibly wrapped inside a narrow cell and joined with
    spaces, 'M8- QL', 'EH4 (va l)'), or an unreadable title."""
    ref = normalise_ref(text)
    if ref and (looks_like_ref(ref) or looks_like_ref(ref.replace(" ", ""))):
        return ref, ""
    return "", text.strip()


@lru_cache(maxsize=65536)
def is_ref_like(text: str) -> bool:
    """Could this cell of broken text be a ref? 'M2-NI', 'LAC11-QL (%)', 'CP2b %', 'СР БВ'
    (look-alikes), 'LACI0 (%)'."""
    t = fold_lookalikes(fold_ref_glyphs(norm(text)))
    if not t or len(t) > 16 or len(t.split()) > 3 or not t[0].isalpha():
        return False
    if not _REF_CELL.match(t) or t.lower() in NOT_REFS:
        return False
    letters = [c for c in t if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return any(c.isdigit() for c in t) or "-" in t or (len(letters) >= 2 and upper / len(letters) >= 0.75)


def fold_label(label: str) -> str:
    """'LACL3' -> 'LAC13', 'LACI0' -> 'LAC10': letters standing for digits between a dashboard
    label's letters and its digits."""
    m = _LABEL_DIGITS.match(label)
    if not m or len(m.group(1)) < 2:
        return label
    return m.group(1) + m.group(2).translate(_CONFUSION) + m.group(3)


_REF_START = re.compile(r"^[A-Z]{1,4}\d{1,3}")


def starts_like_ref(text: str) -> bool:
    """'M2-NI ...', 'LAC10 (%)': the first cell of a data row, not of a header (and not a month)."""
    from .months import parse_month
    return bool(_REF_START.match(text)) and parse_month(text) is None
