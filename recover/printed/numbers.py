"""The number grammar of a pack, and the tokens it prints where a number is missing.

Packs print '1354', '1,576', '19.1%', '31%', '-0.5', '34.00', and beside % changes an arrow glyph
('↑ 20%'). The printed precision is kept (decimals) because reconciliation compares a 2019 pack's
'19.1%' with a 2020 pack's '19%'. Anything that is not clearly a number or a missing marker is
'unreadable' — never guessed.
"""
from __future__ import annotations

import functools
import re

from recover.model import Value

from .confusions import ARROW_AS, one_slip_variants
from .glyphs import strip_glyphs

SIGNS = "-−–"                      # hyphen, minus sign, en dash: all print a minus
DASHES = ("-", "–", "—")           # a cell holding only a dash: nothing to report
# one printed number: sign, digits (thousands separated by ',' or none), decimals, percent sign
NUMBER = rf"[{SIGNS}]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?%?"
_PARTS = re.compile(rf"^([{SIGNS}]?)(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d+))?(%?)$")
_NUMBER_ONLY = re.compile(rf"^{NUMBER}$")
_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")

# what packs print where a month has no value (lower case; compared after whitespace is normalised)
MISSING_TOKENS = frozenset({"", *DASHES, "tbc", "tbc.", "tba", "n/a", "n/a.", "na", "- n/a", "-n/a", "*"})
# words a benchmark column prints instead of a number ('Local': no national comparator)
BENCHMARK_WORDS = frozenset({"local"})
# an arrow read as a digit or '>' before a % change ('1 20%' for '↑ 20%')
_LEADING_ARROW = re.compile(rf"^[{re.escape(ARROW_AS)}]\s+(?=[-−]?\d)")
GLYPH_CONF = 0.97                  # a value whose arrow/bullet glyph was stripped
ARROW_DIGIT_CONF = 0.8             # a % change whose arrow OCR read as a digit


def is_missing(text: str) -> bool:
    return " ".join((text or "").split()).lower() in MISSING_TOKENS


def is_number_token(text: str) -> bool:
    """One printed number, nothing else (no glyphs, no spaces)."""
    return bool(_NUMBER_ONLY.match(text or ""))


def parse_value(text: str) -> Value:
    """Parse one month cell as printed. Whitespace inside numbers ('1 354') is not joined:
    in a month cell that is two tokens and so unreadable."""
    raw = text if text is not None else ""
    cleaned, had_glyph = strip_glyphs(raw)
    t = cleaned.strip().replace("\u00a0", " ")
    conf = GLYPH_CONF if had_glyph else 1.0
    if t.lower() in MISSING_TOKENS:
        return Value(raw=raw, value=None, status="missing", conf=conf)
    m = _PARTS.match(t.replace(" %", "%"))
    if not m:
        return Value(raw=raw, value=None, status="unreadable", conf=0.0)
    sign, whole, frac, pct = m.groups()
    number = float(whole.replace(",", "") + ("." + frac if frac else ""))
    if sign:
        number = -number
    return Value(raw=raw, value=number, status="ok", is_percent=bool(pct),
                 decimals=len(frac) if frac else 0, conf=conf)


def strip_arrow_digit(text: str) -> tuple[str, bool]:
    """'1 20%' -> ('20%', True): an arrow OCR read as '1', '4' or '>' in front of a change."""
    if _LEADING_ARROW.match(text):
        return _LEADING_ARROW.sub("", text), True
    return text, False


def parse_change(text: str) -> Value:
    """A % change cell: arrows glued ('↑ 20%'), or read by OCR as '1'/'4' ('1 20%')."""
    cleaned, had_glyph = strip_glyphs(text or "")
    t = cleaned.strip()
    conf = GLYPH_CONF if had_glyph else 1.0
    if t.endswith("%"):
        t, arrow = strip_arrow_digit(t)
        conf = ARROW_DIGIT_CONF if arrow else conf
    v = parse_value(t)
    return Value(raw=text or "", value=v.value, status=v.status, is_percent=v.is_percent,
                 decimals=v.decimals, conf=min(conf, v.conf))


def printed_decimals(text: str) -> int | None:
    """Decimals of the first number in the text ('19.10%' -> 2); None when it holds none."""
    m = _FIRST_NUMBER.search(text or "")
    return len(m.group(1) or "") if m else None


def infer_decimals(value: float | None, raw: str = "") -> int:
    """Decimals as printed: from the raw text when it has a number, else from the value."""
    d = printed_decimals(raw)
    if d is not None:
        return d
    if value is None or float(value).is_integer():
        return 0
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1])


def plain_number(text: str) -> float | None:
    """A number with its thousands separators ignored ('1,5766' -> 15766.0): how the repair
    search reads the texts a slip may have come from."""
    v = parse_value((text or "").replace(",", ""))
    return v.value if v.status == "ok" else None


OUTLIER = 2.5         # times off its row's median a month value may be before a digit lost or gained is suspected
OUTLIER_FLOOR = 10    # below this median, counts vary by more than that as printed (0, 1, 6)


def odd_in_row(texts: list[str]) -> dict[int, str]:
    """What OCR does to a row's month values that a glance along the row gives away (a pack's
    row prints one unit, one precision and one order of magnitude), by index into `texts`:
    'decimals'  printed with other decimals than most of the row's values ('921%' among '91.3%',
                '29.904' for '29.9%' whose '%' came out as '04');
    'far'       more than OUTLIER times off the row's median ('12' among '41 45 47'): a digit
                misread, or a real spike; the caller keeps a far value that the row's own
                arithmetic covers;
    'slip'      far, with the median's digit count, and one confused digit away from a value
                inside the range of the row's other values ('16' among '75 77 81 74': 1 for 7):
                OCR's usual slip explains it better than a spike does;
    'digits'    far, and with more or fewer digits than the median ('7' among '71 75 72', '1733'
                among '170 173 168'): a digit lost or gained, which a series rarely does in one
                month;
    'dip'       not far off the median, but with more or fewer digits than the values on both
                sides of it (two on one side at the row's edge), which agree, and more than DIP
                times off the nearer of them ('19 7 16' for '19 17 16' in a row whose median is 16):
                the same lost or gained digit, where the row's values spread too widely for the
                median to show it ('9' among '12 13' is a count that dipped, not a lost digit).
    Fewer than three values say nothing."""
    from statistics import median
    vals = [(i, v) for i, t in enumerate(texts) if t
            for v in [parse_value(t)] if v.status == "ok" and v.value is not None]
    if len(vals) < 3:
        return {}
    counts: dict[int | None, int] = {}
    for i, _ in vals:
        d = printed_decimals(texts[i])
        counts[d] = counts.get(d, 0) + 1
    decimals = max(counts, key=lambda d: (counts[d], -list(counts).index(d)))
    med = median(v.value for _, v in vals)
    out: dict[int, str] = {}
    for i, v in vals:
        if printed_decimals(texts[i]) != decimals:
            out[i] = "decimals"
        elif med >= OUTLIER_FLOOR and not med / OUTLIER <= v.value <= med * OUTLIER:
            out[i] = "digits" if _digits(v.value) != _digits(med) else \
                "slip" if _slip_back(texts[i], [w.value for j, w in vals if j != i]) else "far"
    for k, (i, v) in enumerate(vals):
        if i not in out and _dips(v.value, _beside([w for _, w in vals], k)):
            out[i] = "dip"
    return out


DIP = 2.0             # times off the nearer neighbour a value with another digit count must be to be a 'dip'


def _beside(vals: list, k: int) -> list[float]:
    """The values either side of position k (the two after or before it at a row's edge)."""
    if 0 < k < len(vals) - 1:
        return [vals[k - 1].value, vals[k + 1].value]
    return [w.value for w in (vals[1:3] if k == 0 else vals[-3:-1])]


def _dips(x: float, beside: list[float]) -> bool:
    if len(beside) < 2 or len({_digits(b) for b in beside}) != 1 or _digits(x) == _digits(beside[0]):
        return False
    near = min(beside, key=lambda b: abs(b - x))
    lo, hi = sorted((abs(x), abs(near)))
    return hi > DIP * lo


def _slip_back(text: str, others: list[float]) -> bool:
    """Does one confused digit (slip_values at full weight) bring the value inside the range of
    the row's other values?"""
    lo, hi = min(others), max(others)
    return any(lo <= a <= hi for a, w in slip_values(text, weighted=True) if w >= 1.0)


def _digits(x: float) -> int:
    return len(str(int(abs(x))))


@functools.lru_cache(maxsize=65536)
def slip_values(raw: str, weighted: bool = False) -> tuple:
    """Numbers the printed text may really have been, undoing one OCR slip (confusions.py: a
    confused digit, a lost decimal point, a lost digit). weighted=True gives (value, weight), the
    weight as one_slip_variants gives it (a lost digit, one of ten guesses, weighs a tenth)."""
    out = []
    for v, w in one_slip_variants("".join(ch for ch in raw if ch.isdigit() or ch in ".-%,")):
        number = plain_number(v)
        if number is not None:
            out.append((number, w) if weighted else number)
    return tuple(out)
