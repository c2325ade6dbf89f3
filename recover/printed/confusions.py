"""What OCR (and some PDF exports) put in place of what was printed. One table per kind of slip;
every reader and the reconciliation's repair search use these, so a newly seen confusion is added
once, here.

- letters read for digits and back ('LACI0', 'Mar-2O', '0ct-19', 'MG-QL')  -> LETTER_DIGIT
  (and a second digit for some: 'LACS' for LAC9, 'CPZ' for CP7)          -> LETTER_SECOND_DIGIT
- digits read for other digits (8/3, 1/7, 5/6, ...)                       -> DIGIT_DIGIT
- letters of other scripts that look Latin ('СР6В' for 'CP6B')             -> LOOKALIKES
- an accented letter read for a ref's digit ('Mé-QL' for 'M6-QL')           -> REF_ACCENTED_AS_DIGIT
- an arrow read as a digit or as '>' ('↑ 20%' read '1 20%', '4 -5%', '7 0%')  -> ARROW_AS
- a '%' read as '9', '96', '99' or '39' ('-609' for '-60%')                 -> PERCENT_AS
- ruling lines read as '|', '}', ']' or punctuation alone                   -> RULE_AS, RULE_ALONE_AS
"""
from __future__ import annotations

import unicodedata

# (letter, digit) pairs OCR swaps inside refs, month labels and numbers. Order matters only for
# reading a digit back as a letter (DIGIT_AS_LETTER): the first lower-case letter of a digit wins.
LETTER_DIGIT = (
    ("O", "0"), ("o", "0"),
    ("l", "1"), ("I", "1"), ("i", "1"), ("L", "1"), ("|", "1"), ("!", "1"),
    ("G", "6"), ("b", "6"),
    ("B", "8"),
    ("S", "5"), ("s", "5"),
    ("Z", "2"), ("z", "2"),
    ("g", "9"), ("q", "9"),
)
LETTER_AS_DIGIT = dict(LETTER_DIGIT)
# a second digit some of those letters stand for in a blurred ref ('LACS' for LAC9 and 'CPZ' for CP7
# at 200 dpi): read only where the first (LETTER_DIGIT) names no ref, or beside it
LETTER_SECOND_DIGIT = {"S": "9", "Z": "7", "z": "7"}
DIGIT_AS_LETTER: dict[str, str] = {}
for _letter, _digit in LETTER_DIGIT:
    if _letter.isalpha():
        DIGIT_AS_LETTER.setdefault(_digit, _letter.lower())
# the letters a dashboard label's digits come back as ('LACL3', 'LACI0'); B, G, b, g, q are left to
# the register's matching, because refs print them as letters too ('LSCB17a', 'CP6B')
LABEL_DIGIT_LETTERS = "lLIiOoSZ"


def prints_digit(text: str) -> bool:
    """Does `text` print a digit, as every register ref does, OCR's letters for digits counted
    past the first character ('EHla' for EH1a, 'LACl3'); whether it is a ref is the register's to say."""
    return any(ch.isdigit() or (k and ch in LABEL_DIGIT_LETTERS) for k, ch in enumerate(text))

# An accented letter tesseract reads for a digit right after a ref's capitals: the '6' of 'M6-QL'
# comes back as 'é' in LibreOffice's scans at 200 dpi (rows of several packs, plain text and the
# page reader's words). fold_lookalikes would drop the accent and leave 'Me-QL', no ref at all, so
# refs read it back first (printed/refs.fold_ref_glyphs), and the register scores it as a repair.
REF_ACCENTED_AS_DIGIT = {"é": "6"}

# digits OCR confuses with other digits (both directions listed), for the repair search
DIGIT_DIGIT = {"3": "85", "8": "3609", "7": "1", "1": "74", "6": "58", "5": "63", "0": "86", "9": "8",
               "4": "1", "2": "7"}

# what an arrow beside a % change comes out as when OCR does not drop it ('→' of a change under
# 10% comes out as '7': '286 7 -5%', '25% 7 0%' in tesseract's plain text of reportlab packs at
# 200 and 300 dpi)
ARROW_AS = "147>»"
# An arrow OCR read as letters, seen only right before the change it marks ('↑ 20%' -> 'Tt 20%',
# '↓ -14%' -> 'L -14%', '⇒ 0%' -> '= 0%'; LibreOffice's '↓' -> 'JL -60%', 'Lt -1%' in psm 3 and 6
# text of two packs' scans)
ARROW_AS_LETTERS = frozenset({"T", "t", "Tt", "tT", "TT", "L", "J", "JL", "Lt", "f", ">", "»", "=", "=>", "->",
                              "+"})
ARROW_AS_DIGIT = "147"
# the direction-of-travel triangle (▲ ▼, printed between a row's % changes and its 12-month
# average) as tesseract reads it: 'A' for ▲; 'V', 'W', 'VW', 'Y', 'v' for ▼ (plain text of psm 3
# and 6 of both renderers' scans: '-38% W 14.5% 41.7%', '44% A 134 234'); seen only there
TRIANGLE_AS_LETTERS = frozenset({"A", "V", "W", "VW", "Y", "v"})
# the arrow digits seen glued to the change's own digits ('111%' for '↑ 11%'); a '7' is read as an
# arrow only apart from them
ARROW_GLUED_AS_DIGIT = "14"
# what OCR makes of a table's ruling lines: characters glued to the cells beside them
# ('1658}', '115}Local', '|Local'), or tokens of punctuation alone ('|', '=', '‘=', ':')
RULE_AS = "|}{[]"
RULE_ALONE_AS = frozenset("|=_~:;'‘’\"`,.!¦") | frozenset(RULE_AS)
# what the word 'from' of a '% change from Jul-21' label comes out as
FROM_AS = ("from", "frm", "fron")
# what a '%' sign comes out as when OCR reads it as digits ('-609' = '-60%')
PERCENT_AS = ("9", "39", "96", "99")

# Letters of other scripts that render like a Latin letter or a digit (the Unicode confusables
# idea, cut down to what matters for refs, names and titles). unicodedata names say what a letter
# *is* (CYRILLIC CAPITAL LETTER VE), not what it looks like (B), hence a table.
LOOKALIKES = {
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
_LOOKALIKE_TABLE = str.maketrans({k: v for k, v in LOOKALIKES.items() if k != v})


def fold_lookalikes(text: str) -> str:
    """NFKC (full-width forms, ligatures), then other scripts' look-alikes -> Latin/digits,
    then accents dropped ('é' -> 'e')."""
    text = unicodedata.normalize("NFKC", text or "").translate(_LOOKALIKE_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def one_slip_variants(text: str) -> list[tuple[str, float]]:
    """Texts the printed number may really have been, undoing one OCR slip, with a weight: a
    confused digit (DIGIT_DIGIT) or a lost decimal point weighs 1; a lost digit could have been any
    of ten, so each of those guesses weighs a tenth. `text` holds only digits and '.-%,'."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    out = [(text[:i] + alt + text[i + 1:], 1.0) for i in digits for alt in DIGIT_DIGIT.get(text[i], "")]
    if "." not in text:
        out += [(text[:i] + "." + text[i:], 1.0) for i in digits[1:]]
    out += [(text[:i] + d + text[i:], 0.1) for i in range(len(text) + 1) for d in "0123456789"]
    return out


RULE_MARKS = "|!}{[]_"
"""What OCR reads a cell's ruling line as, glued to the word beside it ('104)', '}|', '[70',
'1373!', a rule under the word: 'Apr-20_', 'Jul-20_')."""


def strip_rule_marks(token: str) -> str:
    """'104)' -> '104', '}' -> '', 'LAC9 (val)' unchanged: ruling-line marks at a word's edges, and
    a closing bracket the word never opened. Commas at the end too ('383,': a rule's dot)."""
    t = token.strip(RULE_MARKS)
    while t.endswith(",") or (t.endswith(")") and t.count("(") < t.count(")")):
        t = t[:-1].rstrip(RULE_MARKS)
    return t
