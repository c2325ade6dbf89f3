"""Months, rounding and seeded randomness shared by the generator modules."""
from __future__ import annotations

import hashlib
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]          # the repository
FIRST_MONTH, LAST_MONTH = "2017-04", "2021-12"      # months the truth covers
FIRST_PACK, LAST_PACK = "2018-04", "2021-12"        # packs the corpus renders
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SEED = "recover-corpus-v1"


def month_add(month: str, k: int) -> str:
    y, m = int(month[:4]), int(month[5:7])
    n = y * 12 + (m - 1) + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def month_diff(a: str, b: str) -> int:
    """Months from b to a (a - b)."""
    return (int(a[:4]) * 12 + int(a[5:7])) - (int(b[:4]) * 12 + int(b[5:7]))


def month_range(first: str, last: str) -> list[str]:
    return [month_add(first, k) for k in range(month_diff(last, first) + 1)]


MONTHS = month_range(FIRST_MONTH, LAST_MONTH)
PACKS = month_range(FIRST_PACK, LAST_PACK)


def label(month: str, style: str = "std") -> str:
    """'Oct-19'; styles seen in real packs: 'Sept-19' and 'Mar20'."""
    y, m = month[2:4], int(month[5:7])
    if style == "sept" and m == 9:
        return f"Sept-{y}"
    if style == "nohyphen":
        return f"{MON[m - 1]}{y}"
    return f"{MON[m - 1]}-{y}"


def long_label(month: str) -> str:
    full = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"]
    return f"{full[int(month[5:7]) - 1]} {month[:4]}"


def era(pack: str) -> int:
    """1: 13-month sheet (2018-04..2019-03); 2: 14 months + Early Help table (2019);
    3: 7-month sheet with commentary (2020-21)."""
    if pack < "2019-04":
        return 1
    if pack < "2020-01":
        return 2
    return 3


def window(pack: str) -> list[str]:
    n = {1: 13, 2: 14, 3: 7}[era(pack)]
    return [month_add(pack, -k) for k in range(n - 1, -1, -1)]


def rng(*keys: object) -> random.Random:
    """A generator seeded by the keys only, so every choice is reproducible on its own."""
    h = hashlib.sha256("|".join([SEED, *map(str, keys)]).encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def round_half_up(x: float, nd: int = 0) -> float:
    """Excel rounds halves away from zero; Python's round() does not."""
    q = Decimal(1).scaleb(-nd)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def fmt_num(x: float, nd: int = 0, sep: bool = False) -> str:
    v = round_half_up(x, nd)
    s = f"{v:,.{nd}f}" if sep else f"{v:.{nd}f}"
    return "0" if s in ("-0", "-0.0") and nd == 0 else s
