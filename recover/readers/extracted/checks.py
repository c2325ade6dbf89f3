"""The arithmetic a row prints about itself, used to verify which value belongs to which month.

A row prints its months plus '% change from previous month', '% change from same month last
year', a 12-month average and a 12-month maximum. Each is a check on the month alignment: a
shifted or misread row fails them. What each figure covers and how a check holds is the one rule
of recover/printed/arithmetic.py, the same that reconciliation applies; here it is asked of every
placement of a row's values. Real packs are sometimes inconsistent, so callers weigh several checks
rather than trusting one.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from recover.model import Value
from recover.printed import arithmetic as ar
from recover.printed.confusions import ARROW_AS_DIGIT, ARROW_GLUED_AS_DIGIT, PERCENT_AS
from recover.printed.numbers import parse_change, parse_value, slip_values, strip_arrow_digit
from recover.printed.text import norm

# Value is frozen: one parse per distinct text (stream readers try many splits of one row); the
# same tail texts are normalised again for every placement of a row's values
parse_value = lru_cache(maxsize=65536)(parse_value)
norm = lru_cache(maxsize=65536)(norm)


@dataclass(frozen=True)
class Check:
    name: str          # pct_prev | pct_year | avg12 | max12
    result: str        # pass | fail | na | weak
    cells: tuple[int, ...]   # month indices (0..W-1) the check involves
    why: str = ""


@lru_cache(maxsize=65536)
def _term(v: Value) -> ar.Term:
    return ar.Term.printed(v.value, v.decimals)


def target_of(kind: str, v: Value) -> ar.Target:
    """The printed summary `v` (an avg12, max12 or % change cell) as what `ar.holds` checks."""
    return ar.Target(kind, v.value, ar.half_unit(v.decimals), v.decimals or 0)


def _months(values: list[Value | None]) -> list[Value | None]:
    return [v if v is not None and v.status == "ok" else None for v in values]


@lru_cache(maxsize=65536)
def change_candidates(text: str, lossy: bool = False) -> tuple[Value, ...]:
    """A printed % change, plus the readings OCR damage allows: '%' read as '9' ('-609' = -60%);
    in OCR'd text (`lossy`) also an arrow read as '7' and glued to the change ('77%' for '→ 7%')."""
    t = norm(text)
    out = []
    v = parse_change(t)
    if v.status != "unreadable":
        out.append(v)
    core, _ = strip_arrow_digit(t)
    core = "".join(ch for ch in core if ch.isdigit() or ch in "-.%")
    core = re.sub(r"^[.\-]+(?=-)|^\.+", "", core)    # '. -53%' (a glyph read as '.')
    bodies = [core]
    if core[:1] in (ARROW_AS_DIGIT if lossy else ARROW_GLUED_AS_DIGIT) and core[1:2].isdigit():
        bodies.append(core[1:])        # arrow read as '1'/'4' and glued: '111%' = '↑ 11%'
    for body in bodies:
        if not body:
            continue
        if body.endswith("%"):
            alt = parse_value(body)
            if alt.status == "ok":
                out.append(alt)
        if "%" in body:
            continue
        for suffix in PERCENT_AS:
            if body.endswith(suffix) and len(body) > len(suffix) and body[-len(suffix) - 1].isdigit():
                alt = parse_value(body[: -len(suffix)] + "%")
                if alt.status == "ok":
                    out.append(alt)
    return tuple(out)


def check_change(name: str, printed: str, prev: Value | None, last: Value | None,
                 idx: tuple[int, ...], lossy: bool = False, signs_lost: bool = False) -> Check:
    """`lossy`: OCR'd text, whose changes come with OCR's damage (change_candidates).
    `signs_lost`: text whose minus signs OCR drops after an arrow (tesseract's plain text: '↓ -57%'
    read '1 57%'): a change that holds but for its sign is weak, neither for the months nor
    against them. (Tesseract's TSV keeps a word's sign with it; its reader blames a failing
    check on the cell that breaks it.)"""
    t = norm(printed)
    if not t:
        return Check(name, "na", idx, "not printed")
    cands = change_candidates(t, lossy)
    missing_printed = any(c.status == "missing" for c in cands) or "n/a" in t.lower()
    if prev is None or last is None or prev.value == 0:
        if missing_printed:
            # Consistent, but weak: packs also print n/a where both months have values.
            return Check(name, "weak", idx, "n/a as expected")
        if prev is not None and last is not None and prev.value == 0 == last.value:
            zero = any(c.status == "ok" and c.is_percent and c.value == 0 for c in cands)
            return Check(name, "pass" if zero else "weak", idx, "0 to 0")
        if prev is None and last is None:
            return Check(name, "na", idx, "no values")
        return Check(name, "fail", idx, f"printed {t} but a month is blank/0")
    # A change is printed with '%': a bare number here is a misread or a shifted cell.
    nums = [c for c in cands if c.status == "ok" and c.is_percent]
    if not nums:
        return Check(name, "fail" if missing_printed else "na", idx, f"printed {t} but both months have values")
    terms = [_term(last), _term(prev)]
    verdicts = [ar.holds(name, terms, target_of(name, c)) for c in nums]
    if all(v is None for v in verdicts):
        return Check(name, "na", idx, "prev near 0")
    if any(verdicts):
        return Check(name, "pass", idx, f"{t}")
    if signs_lost and any(c.value > 0 and ar.holds(name, terms, target_of(name, replace(c, value=-c.value)))
                     for c in nums):
        return Check(name, "weak", idx, f"printed {t}, months give {_change_text(prev, last)}: a sign lost?")
    return Check(name, "fail", idx, f"printed {t}, months give {_change_text(prev, last)}")


def _change_text(prev: Value, last: Value) -> str:
    return f"{(last.value / prev.value - 1) * 100:.0f}%"


def _window(kind: str, months: list[Value | None]) -> tuple[tuple[int, ...], dict[int, Value]]:
    pos = ar.positions(kind, len(months))
    return tuple(sorted(pos)), {i: months[i] for i in sorted(pos) if months[i] is not None}


def check_avg(printed: str, months: list[Value | None], W: int) -> Check:
    v = parse_value(norm(printed))
    if v.status != "ok":
        return Check("avg12", "na", (), "not printed")
    span, vals = _window("avg12", months)
    ok = ar.row_holds("avg12", W, {i: _term(m) for i, m in vals.items()}, target_of("avg12", v))
    if ok is None:
        return Check("avg12", "na", (), "window < 12" if W < ar.WINDOW else "too few values")
    if ok:
        return Check("avg12", "pass", span, norm(printed))
    return Check("avg12", "fail", span, f"printed {norm(printed)}")


def check_max(printed: str, months: list[Value | None], W: int) -> Check:
    v = parse_value(norm(printed))
    if v.status != "ok":
        return Check("max12", "na", (), "not printed")
    span, vals = _window("max12", months)
    if not vals:
        return Check("max12", "na", (), "no values")
    t = target_of("max12", v)
    ok = ar.row_holds("max12", W, {i: _term(m) for i, m in vals.items()}, t)
    over = tuple(i for i, m in vals.items() if not ar.bounds_hold([_term(m)], t))
    if W >= ar.WINDOW:
        if ok:
            return Check("max12", "pass", span, norm(printed))
        top = max(m.value for m in vals.values())
        return Check("max12", "fail", over or span, f"printed {norm(printed)}, months max {top:g}")
    # Window shorter than a year: the printed max only bounds the visible months.
    if ok is False:
        return Check("max12", "fail", over, f"printed {norm(printed)} < month value")
    return Check("max12", "weak", (), norm(printed))


def run_checks(month_texts: list[str], tail: dict[str, str], lossy: bool = False,
               signs_lost: bool = False) -> list[Check]:
    """All checks for one row; `tail` maps a role (pct_prev, pct_year, avg12, max12) to its text.
    `lossy`, `signs_lost`: OCR'd text (check_change)."""
    return list(_run_checks(tuple(month_texts), tuple(sorted(tail.items())), lossy, signs_lost))


@lru_cache(maxsize=65536)
def _value(text: str) -> Value:
    return parse_value(norm(text))


@lru_cache(maxsize=65536)
def _run_checks(month_texts: tuple[str, ...], tail_items: tuple[tuple[str, str], ...], lossy: bool = False,
                signs_lost: bool = False) -> tuple[Check, ...]:
    # readers try many placements of one row's values: the same months and tail recur, and so
    # do the few months each check reads (the last two, a year back, the last 12) across them
    tail = dict(tail_items)
    W = len(month_texts)
    out = []
    if W >= 2 and "pct_prev" in tail:
        out.append(_change_check("pct_prev", tail["pct_prev"], month_texts[-2], month_texts[-1], (W - 2, W - 1),
                                 lossy, signs_lost))
    if W >= ar.YEAR + 1 and "pct_year" in tail:
        out.append(_change_check("pct_year", tail["pct_year"], month_texts[-13], month_texts[-1], (W - 13, W - 1),
                                 lossy, signs_lost))
    for kind in ("avg12", "max12"):
        if kind in tail:
            out.append(_window_check(kind, tail[kind], month_texts[-ar.WINDOW:], W))
    return tuple(out)


@lru_cache(maxsize=65536)
def _change_check(name: str, printed: str, prev: str, last: str, idx: tuple[int, ...], lossy: bool = False,
                  signs_lost: bool = False) -> Check:
    a, b = _months([_value(prev), _value(last)])
    return check_change(name, printed, a, b, idx, lossy, signs_lost)


@lru_cache(maxsize=65536)
def _window_check(kind: str, printed: str, window: tuple[str, ...], W: int) -> Check:
    """avg12 / max12 of a row of W months whose last months are `window` (the months before it
    are never read: blanks stand in for them)."""
    months = [None] * (W - len(window)) + _months([_value(t) for t in window])
    return check_avg(printed, months, W) if kind == "avg12" else check_max(printed, months, W)


def summarise(checks: list[Check]) -> str:
    return " ".join(f"{c.name}={c.result}" for c in checks if c.result != "na") or "no-checks"


def targets(kind: str, text: str) -> list[Value]:
    """The readings of a printed summary cell a check may be against (an OCR'd % change may have
    several: change_candidates)."""
    if kind in ("pct_prev", "pct_year"):
        return [v for v in change_candidates(norm(text), True) if v.status == "ok" and v.is_percent]
    v = _value(text)
    return [v] if v.status == "ok" else []


def pins(check: Check, i: int, month_texts: list[str], tail: dict[str, str]) -> bool:
    """Does a passing check fix month i's value, OCR's usual slips included? It must bound the
    value from both sides (a 12-month maximum holds for any month below it) and rule out every
    reading one confused digit or lost point away (printed.numbers.slip_values at full weight): a
    12-month average spreads its rounding over twelve months, so it holds as well for '24' as for
    the printed '21' and vouches for where a row's values sit, not for their last digits; a % change
    or the maximum's own month leaves no room for a slip."""
    v = _value(month_texts[i])
    if v.status != "ok":
        return False
    have = {j: x for j in ar.positions(check.name, len(month_texts)) for x in [_value(month_texts[j])]
            if x.status == "ok"}
    order = list(have)
    if i not in have:
        return False
    terms = [ar.Term.printed(have[j].value, have[j].decimals) for j in order]
    k = order.index(i)
    slips = [a for a, w in slip_values(norm(month_texts[i]), weighted=True) if w >= 1.0]
    for t in targets(check.name, tail.get(check.name, "")):
        g = ar.region(check.name, terms, target_of(check.name, t), k)
        if g is None or not (math.isfinite(g[0]) and math.isfinite(g[1])) or not ar.inside(v.value, g):
            continue
        if not any(ar.inside(a, g) for a in slips):
            return True
    return False


def culprit(month_texts: list[str], tail: dict[str, str], failing) -> int | None:
    """The one month whose misread explains every failing check of a row (OCR'd text): some value of it lets every
    check of the row hold (printed.arithmetic.region, the others as printed), and no other month
    can. None when no single month, or more than one, would do."""
    W = len(month_texts)
    values = [ok_value(t) for t in month_texts]
    suspects = set.intersection(*(set(ch.cells) for ch in failing))
    found = [i for i in sorted(suspects) if (values[i] is not None or _value(month_texts[i]).status == "unreadable")
             and _fits(i, values, tail, W)]
    return found[0] if len(found) == 1 else None


def _fits(i: int, values: list, tail: dict[str, str], W: int) -> bool:
    """Does some value of month i let every check of the row hold, and not the one read? A month
    OCR read as junk ('S77,' for 577) has no value read: some value letting every check hold is
    enough (each check then has every month but that one as printed)."""
    lo, hi = -math.inf, math.inf
    read = values[i]
    if read is None:
        decimals = Counter(v.decimals for v in values if v is not None).most_common(1)
        values = list(values)
        values[i] = Value("", 0.0, "ok", decimals=decimals[0][0] if decimals else 0)
    for kind, text in tail.items():
        cols = ar.positions(kind, W)
        if i not in cols:
            continue
        have = [c for c in cols if values[c] is not None]
        if kind in ("pct_prev", "pct_year") and len(have) < 2:
            continue
        terms = [ar.Term.printed(values[c].value, values[c].decimals) for c in have]
        k = have.index(i)
        regions = [ar.region(kind, terms, target_of(kind, t), k) for t in targets(kind, text)]
        regions = [g for g in regions if g is not None]
        if not regions:
            continue
        lo = max(lo, min(g[0] for g in regions))
        hi = min(hi, max(g[1] for g in regions))
    return lo <= hi and (read is None or not ar.inside(read.value, (lo, hi)))


def ok_value(text: str) -> Value | None:
    """The printed number a cell's text reads as, None when it reads as none."""
    v = _value(text)
    return v if v.status == "ok" else None


def vouches(check, month_texts: list[str], tail: dict[str, str]) -> bool:
    """A passing check vouches for its months only if it still holds with whole numbers taken
    as exact counts. Every printed number stands for the interval its rounding covers, and for
    counts of a few that is wide: a change from 1 to 2 passes a printed '200%' (1 to 3), since
    0.5..1.5 times three covers 2. A count of people prints no rounding, so a row of whole
    numbers is checked again without it (percentages and decimals keep their intervals: they
    were rounded)."""
    have = {i: v for i in check.cells for v in [ok_value(month_texts[i])] if v is not None}
    if not have or any(v.is_percent or v.decimals for v in have.values()):
        return True
    order = [i for i in ar.positions(check.name, len(month_texts)) if i in have]
    terms = [ar.Term.printed(have[i].value, have[i].decimals, exact=True) for i in order]
    printed = targets(check.name, tail.get(check.name, ""))
    return any(ar.holds(check.name, terms, target_of(check.name, t)) for t in printed)
