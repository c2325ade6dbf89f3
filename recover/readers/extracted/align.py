"""Re-align a data row of broken text to its header's columns (grid contract rule 2).

A row is read as three parts: text cells (align_text.py), a run of month values (here), and a
tail (align_tail.py). The month run is located by cell type, and verified with the arithmetic the
row prints about itself (checks.py). Candidates that disagree with the checks lose; a row with
fewer values than months, or checks that cannot tell two placements apart, gets month conf <= 0.3.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from recover.printed.cells import is_value as is_number
from recover.printed.cells import month_value_like
from recover.printed.numbers import is_missing as is_missing_token
from recover.printed.text import norm

from .align_tail import align_tail
from .align_text import align_text
from .checks import Check, run_checks, summarise
from .header import TextHeader
from .settings import CONF

AMBIGUOUS = CONF.ambiguous
DISAGREE = CONF.disagree


@dataclass
class Aligned:
    cells: list[str]
    confs: list[float]
    notes: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)



# ----------------------------------------------------------------------------- month run

@dataclass
class _Candidate:
    s: int                  # first month cell in the raw row
    n: int                  # number of value cells in the run (<= W)
    k: int                  # month index of the first value (n < W: placement)
    text: tuple
    tail: tuple
    checks: list[Check]
    score: float
    months: list[str]
    run: int = 0            # length of the maximal value-like run the months came from
    strict: bool = False    # the run alone does not fix the placement
    dropped_left: bool = False   # non-empty value cells of the run were left to the text part
    odd: bool = False            # a negative or 'n/a' among the months


def _value_runs(cells: list[str]) -> list[tuple[int, int]]:
    runs, i = [], 0
    while i < len(cells):
        if month_value_like(cells[i]):
            j = i
            while j < len(cells) and month_value_like(cells[j]):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _tail_map(tail_cells: list[str], roles: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for t, r in zip(tail_cells, roles):
        if r in ("pct_prev", "pct_year", "avg12", "max12") and r not in out:
            out[r] = t
    return out


def _passes(checks: list[Check]) -> int:
    return sum(1 for c in checks if c.result == "pass")


def _fails(checks: list[Check]) -> int:
    return sum(1 for c in checks if c.result == "fail")


def _is_negative(t: str) -> bool:
    return bool(re.match(r"^[-−–]\s*\d", norm(t)))


_PINNING = ("pct_prev", "pct_year", "avg12")


def _change_like(t: str, months: list[str]) -> bool:
    """A cell that can only be a % change: 'n/a', '- n/a', a signed %, or a % after count months."""
    t = norm(t).lower()
    if "n/a" in t:
        return True
    if re.match(r"^[-−+]\s*\d[\d.]*\s*%$", t):
        return True
    return t.endswith("%") and not any(norm(m).endswith("%") for m in months)


def _score(checks: list[Check]) -> float:
    return sum(2.0 if c.result == "pass" else -3.0 if c.result == "fail" else 0.0 for c in checks)


def _candidates(cells: list[str], header: TextHeader) -> list[_Candidate]:
    W = header.W
    text_roles = header.text_roles
    tail_roles = header.tail_roles
    out: list[_Candidate] = []
    for a, b in _value_runs(cells):
        L = b - a
        numbers = sum(1 for x in cells[a:b] if is_number(x) or is_missing_token(x))
        if numbers < min(3, W):
            continue
        if a == 0 and len(text_roles) > 1:
            continue
        placements: list[tuple[int, int, int]] = []
        if L >= W:
            placements = [(s, W, 0) for s in range(a, b - W + 1)]
        else:
            placements = [(a, L, k) for k in range(0, W - L + 1)]
        for s, n, k in placements:
            text = align_text(cells[:s], text_roles)
            months = [""] * k + cells[s:s + n] + [""] * (W - k - n)
            tail = align_tail(cells[s + n:], tail_roles)
            checks = run_checks(months, _tail_map(tail[0], tail_roles))
            alt = align_tail(cells[s + n:], tail_roles, drop_junk=True)
            if "no-junk" not in alt[2]:
                ch = run_checks(months, _tail_map(alt[0], tail_roles))
                # Dropping a cell must explain more, not just hide evidence.
                if _passes(ch) > _passes(checks) and _fails(ch) <= _fails(checks):
                    tail, checks = alt, ch
            score = -text[3] + _score(checks)
            # Months print counts and rates: never negative, never a change's 'n/a'.
            odd = sum(1 for x in months if _is_negative(x) or "n/a" in x.lower())
            score -= 2.0 * odd
            if s > 0 and is_number(cells[s - 1]) and n == W:
                score -= 2.0     # a value left out before the months: unlikely
            if cells[s] == "" and n == W:
                score -= 0.3
            after = cells[s + n] if s + n < len(cells) else ""
            extra_left, extra_right = s - a, b - (s + n)
            strict = (extra_left > 0 or (extra_right > 0 and not _change_like(after, months))
                      or odd > 0)
            dropped = any(cells[i] for i in range(a, s))
            out.append(_Candidate(s, n, k, text, tail, checks, score, months, L, strict, dropped,
                                  odd > 0))
    return out


def align_row(cells: list[str], header: TextHeader) -> Aligned | None:
    """Align one data row to `header`; None when the row holds no month values at all."""
    cells = [norm(c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    cands = _candidates(cells, header)
    if not cands:
        return None
    cands.sort(key=lambda c: -c.score)
    best = cands[0]
    W = header.W
    rivals = [c for c in cands[1:] if c.months != best.months and best.score - c.score < 1.5]
    others = [c for c in cands if c is not best and c.months != best.months and c.run == best.run]
    month_notes: list[str] = []
    mconf = _month_confs(best, W, rivals, month_notes, others)
    if best.n < W and max(mconf) <= AMBIGUOUS:
        # Undecidable placement: values in reading order against the latest months (text only).
        right = [c for c in cands if c.s == best.s and c.n == best.n and c.k == W - best.n]
        best = right[0] if right else best
    text_cells, text_confs, text_notes, _ = best.text
    tail_cells, tail_confs, tail_notes = best.tail
    notes = list(text_notes) + list(tail_notes) + month_notes
    if best.s != header.m0:
        notes.append(f"months-at-raw-col-{best.s}")
    notes.append(summarise(best.checks))
    return Aligned(cells=text_cells + best.months + tail_cells,
                   confs=text_confs + mconf + tail_confs,
                   notes=notes, checks=best.checks)


def _passed(c: _Candidate, name: str) -> bool:
    return any(k.name == name and k.result == "pass" for k in c.checks)


def _month_confs(best: _Candidate, W: int, rivals: list[_Candidate], notes: list[str],
                 others: list[_Candidate] = ()) -> list[float]:
    """Month cell confidences; `others` are the other placements of the same value run (a check
    only pins the placement if they fail it)."""
    if best.n < W:
        # Which month lost its value cannot be told: sums and maxima do not see positions.
        notes.append(f"fewer-values:{best.n}/{W} ambiguous")
        return [AMBIGUOUS] * W
    if best.dropped_left:
        # A value left of the months would have to be text: more likely a split or repeated
        # cell inside the run, whose position no check can fix.
        notes.append("value-cell-before-months ambiguous")
        return [AMBIGUOUS] * W
    if rivals:
        notes.append("placement-ambiguous")
        return [AMBIGUOUS] * W
    fails = [c for c in best.checks if c.result == "fail"]
    if best.odd:
        notes.append("change-like-value-in-months ambiguous")
        return [AMBIGUOUS] * W
    pinned = [c for c in best.checks if c.result == "pass" and c.name in _PINNING
              and not any(_passed(o, c.name) for o in others)]
    if best.strict and (not pinned or fails):
        # More value-like cells than months (a split or duplicated cell, a change that looks
        # like a value) or a negative 'month': the placement must be pinned by a check.
        notes.append(f"run-{best.run}-cells-for-{W}-months unverified")
        return [AMBIGUOUS] * W
    passes = [c for c in best.checks if c.result == "pass"]
    if not fails:
        return [1.0 if passes else CONF.unverified] * W
    # All values are present and no other placement fits: a failing check points at a misread
    # value or a pack inconsistency in the cells it involves, which lose confidence most.
    confs = [CONF.pinned_failing if pinned else DISAGREE] * W
    for c in fails:
        for i in c.cells:
            confs[i] = DISAGREE
    notes.append("checks-disagree")
    return confs


def place_values(values: list[str], W: int, tail_cells: list[str], tail_roles: list[str],
                 split_known: bool = True) -> tuple[list[str], list[float], list[Check], list[str]]:
    """Month cells for a row whose value run is known (stream rows): n == W is direct, n != W
    is undecidable (conf <= 0.3). `split_known` False means the end of the month values was
    guessed from token counts, so a check must confirm it."""
    tmap = _tail_map(tail_cells, tail_roles)
    n = len(values)
    odd = [v for v in values if _is_negative(v) or "n/a" in v.lower()]
    if odd:
        months = (values + [""] * W)[:W]
        return months, [AMBIGUOUS] * W, run_checks(months, tmap), ["change-like-value-in-months ambiguous"]
    if n == 0:
        return [""] * W, [CONF.unverified] * W, [], ["no-month-values-printed"]
    if n > W:
        months = values[-W:]
        return months, [AMBIGUOUS] * W, run_checks(months, tmap), [f"more-values:{n}/{W} ambiguous"]
    cands = []
    for k in range(0, W - n + 1):
        months = [""] * k + list(values) + [""] * (W - k - n)
        checks = run_checks(months, tmap)
        cands.append((_score(checks) + (0.01 * k), k, months, checks))
    cands.sort(key=lambda c: -c[0])
    score, k, months, checks = cands[0]
    best = _Candidate(0, n, k, (), (), checks, score, months)
    rivals = [_Candidate(0, n, c[1], (), (), c[3], c[0], c[2]) for c in cands[1:]
              if cands[0][0] - c[0] < 1.5]
    notes: list[str] = []
    confs = _month_confs(best, W, rivals, notes)
    if not split_known and not any(c.result == "pass" and c.name in _PINNING for c in checks):
        notes.append("values-split-guessed unverified")
        confs = [min(c, AMBIGUOUS) for c in confs]
    if n < W and max(confs) <= AMBIGUOUS:
        # Undecidable: keep the values in reading order against the latest months (the pack
        # month is the one a row always prints), as text only - conf marks them unreadable.
        k = W - n
        months = [""] * k + list(values)
        checks = run_checks(months, tmap)
    if n < W:
        notes.append(f"placed-at-month-{k}")
    notes.append(summarise(checks))
    return months, confs, checks, notes
