"""Arithmetic a row prints about itself, used to verify which value belongs to which month.

A row prints its months plus '% change from previous month', '% change from same month last
year', a 12-month average and a 12-month maximum. Each is a check on the month alignment: a
shifted or misread row fails them. Printed values are rounded and real packs are sometimes
inconsistent, so every comparison uses the interval the printed precision allows, and callers
weigh several checks rather than trusting one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from recover.model import Value
from recover.printed.confusions import ARROW_AS_DIGIT, PERCENT_AS
from recover.printed.numbers import parse_change, parse_value, strip_arrow_digit
from recover.printed.text import norm

# Value is frozen: one parse per distinct text (stream readers try many splits of one row)
parse_value = lru_cache(maxsize=65536)(parse_value)


@dataclass(frozen=True)
class Check:
    name: str          # pct_prev | pct_year | avg12 | max12
    result: str        # pass | fail | na | weak
    cells: tuple[int, ...]   # month indices (0..W-1) the check involves
    why: str = ""


def _interval(v: Value) -> tuple[float, float]:
    h = 0.5 * 10 ** -(v.decimals or 0)
    return v.value - h, v.value + h


def _months(values: list[Value | None]) -> list[Value | None]:
    return [v if v is not None and v.status == "ok" else None for v in values]


@lru_cache(maxsize=65536)
def change_candidates(text: str) -> tuple[Value, ...]:
    """A printed % change, plus the readings OCR damage allows: '%' read as '9' ('-609' = -60%)."""
    t = norm(text)
    out = []
    v = parse_change(t)
    if v.status != "unreadable":
        out.append(v)
    core, _ = strip_arrow_digit(t)
    core = "".join(ch for ch in core if ch.isdigit() or ch in "-.%")
    core = re.sub(r"^[.\-]+(?=-)|^\.+", "", core)    # '. -53%' (a glyph read as '.')
    bodies = [core]
    if core[:1] in ARROW_AS_DIGIT and core[1:2].isdigit():
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


def _change_range(prev: Value, last: Value) -> tuple[float, float] | None:
    plo, phi = _interval(prev)
    llo, lhi = _interval(last)
    if plo <= 0 <= phi or prev.value == 0:
        return None
    vals = [(l / p - 1) * 100 for p in (plo, phi) for l in (llo, lhi)]
    return min(vals), max(vals)


def check_change(name: str, printed: str, prev: Value | None, last: Value | None,
                 idx: tuple[int, ...]) -> Check:
    t = norm(printed)
    if not t:
        return Check(name, "na", idx, "not printed")
    cands = change_candidates(t)
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
    rng = _change_range(prev, last)
    if rng is None:
        return Check(name, "na", idx, "prev near 0")
    lo, hi = rng
    # A change is printed with '%': a bare number here is a misread or a shifted cell.
    nums = [c for c in cands if c.status == "ok" and c.is_percent]
    if not nums:
        return Check(name, "fail" if missing_printed else "na", idx, f"printed {t} but both months have values")
    for c in nums:
        tol = 0.5 * 10 ** -(c.decimals or 0) + 0.01
        if lo - tol <= c.value <= hi + tol:
            return Check(name, "pass", idx, f"{t}")
    return Check(name, "fail", idx, f"printed {t}, months give {lo:.0f}..{hi:.0f}")


def check_avg(printed: str, months: list[Value | None], W: int) -> Check:
    t = norm(printed)
    v = parse_value(t)
    if v.status != "ok":
        return Check("avg12", "na", (), "not printed")
    if W < 12:
        return Check("avg12", "na", (), "window < 12")
    tol = 0.5 * 10 ** -(v.decimals or 0) + 1e-6
    spans = [(W - 12, W)]
    if W >= 13:
        spans.append((W - 13, W))
    for a, b in spans:
        vals = [m for m in months[a:b] if m is not None]
        if len(vals) < 6:
            continue
        lo = sum(_interval(m)[0] for m in vals) / len(vals)
        hi = sum(_interval(m)[1] for m in vals) / len(vals)
        if lo - tol <= v.value <= hi + tol:
            return Check("avg12", "pass", tuple(range(a, b)), t)
    if all(len([m for m in months[a:b] if m is not None]) < 6 for a, b in spans):
        return Check("avg12", "na", (), "too few values")
    return Check("avg12", "fail", tuple(range(W - 12, W)), f"printed {t}")


def check_max(printed: str, months: list[Value | None], W: int) -> Check:
    t = norm(printed)
    v = parse_value(t)
    if v.status != "ok":
        return Check("max12", "na", (), "not printed")
    tol = 0.5 * 10 ** -(v.decimals or 0) + 1e-6
    span = range(max(0, W - 12), W)
    vals = [(i, months[i]) for i in span if months[i] is not None]
    if not vals:
        return Check("max12", "na", (), "no values")
    top = max(m.value for _, m in vals)
    over = tuple(i for i, m in vals if m.value > v.value + tol)
    if W >= 12:
        alts = [top]
        if W >= 13:
            alts.append(max((m.value for m in months[W - 13:] if m is not None), default=top))
        if any(abs(a - v.value) <= tol for a in alts):
            return Check("max12", "pass", tuple(span), t)
        return Check("max12", "fail", over or tuple(span), f"printed {t}, months max {top:g}")
    # Window shorter than a year: the printed max only bounds the visible months.
    if over:
        return Check("max12", "fail", over, f"printed {t} < month value")
    return Check("max12", "weak", (), t)


def run_checks(month_texts: list[str], tail: dict[str, str]) -> list[Check]:
    """All checks for one row; `tail` maps a role (pct_prev, pct_year, avg12, max12) to its text."""
    W = len(month_texts)
    months = _months([parse_value(norm(t)) for t in month_texts])
    out = []
    if W >= 2 and "pct_prev" in tail:
        out.append(check_change("pct_prev", tail["pct_prev"], months[-2], months[-1], (W - 2, W - 1)))
    if W >= 13 and "pct_year" in tail:
        out.append(check_change("pct_year", tail["pct_year"], months[-13], months[-1], (W - 13, W - 1)))
    if "avg12" in tail:
        out.append(check_avg(tail["avg12"], months, W))
    if "max12" in tail:
        out.append(check_max(tail["max12"], months, W))
    return out


def summarise(checks: list[Check]) -> str:
    return " ".join(f"{c.name}={c.result}" for c in checks if c.result != "na") or "no-checks"
