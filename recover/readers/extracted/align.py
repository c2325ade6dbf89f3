"""Re-align a data row of broken text to its header's columns (grid contract rule 2).

A row is read as three parts: text cells (ref, title, owner, reporter, outcome), a run of month
values, and a tail (% changes, DoT, 12-month avg/max, benchmarks, targets, commentary).
- The text part is matched to the header's text columns by a small sequence alignment: a lost
  ref or a merged Owner+Reporter cell becomes an inserted empty cell (conf < 1), a ref glued to
  its title is split off.
- The month run is located by cell type, and verified with the arithmetic the row prints about
  itself (checks.py). Candidates that disagree with the checks lose; a row with fewer values
  than months, or checks that cannot tell two placements apart, gets month conf <= 0.3.
- The tail is aligned the same way (arrow glyphs split from their numbers are re-joined,
  '%' or '-' split into the neighbouring cell moved back).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from recover.printed.cells import is_long_text, is_name_like, month_value_like
from recover.printed.cells import is_value as is_number
from recover.printed.confusions import ARROW_AS_DIGIT, fold_lookalikes
from recover.printed.glyphs import is_glyph_only, is_junk_char
from recover.printed.numbers import is_missing as is_missing_token
from recover.printed.refs import is_ref_like, split_glued_ref
from recover.printed.roles import Role
from recover.printed.text import norm

from .checks import Check, run_checks, summarise
from .header import TextHeader

AMBIGUOUS = 0.3
DISAGREE = 0.5


@dataclass
class Aligned:
    cells: list[str]
    confs: list[float]
    notes: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


# ----------------------------------------------------------------------------- sequence DP

def dp_align(cells: list[str], roles: list[str],
             cost: Callable[[str, str], float],
             empty: Callable[[str], float],
             merge: Callable[[list[str], str], float | None],
             overflow: float = 0.7) -> tuple[float, list[list[int]]]:
    """Assign cells, in order, to role slots (0..n cells per slot; extra cells overflow past the
    last slot). Returns (cost, cell indices per slot [+ overflow groups])."""
    n, m = len(cells), len(roles)
    INF = float("inf")
    best = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(m):
        for i in range(n + 1):
            b = best[i][j]
            if b == INF:
                continue
            c = b + empty(roles[j])
            if c < best[i][j + 1]:
                best[i][j + 1], back[i][j + 1] = c, (i, j)
            for k in range(i + 1, min(n, i + 3) + 1):
                group = cells[i:k]
                if k - i == 1:
                    cc = cost(group[0], roles[j])
                else:
                    cc = merge(group, roles[j])
                    if cc is None:
                        continue
                if b + cc < best[k][j + 1]:
                    best[k][j + 1], back[k][j + 1] = b + cc, (i, j)
    # Overflow: remaining cells appended after the last slot.
    total, end_i = INF, 0
    for i in range(n + 1):
        c = best[i][m] + overflow * (n - i)
        if c < total:
            total, end_i = c, i
    groups: list[list[int]] = [[] for _ in range(m)]
    i, j = end_i, m
    while j > 0:
        pi, pj = back[i][j]
        groups[pj] = list(range(pi, i))
        i, j = pi, pj
    groups.extend([[k] for k in range(end_i, n)])
    return total, groups


# ----------------------------------------------------------------------------- text part

@lru_cache(maxsize=65536)
def _text_cost(t: str, role: str) -> float:
    ref, name, long_ = is_ref_like(t), is_name_like(t), is_long_text(t)
    if role == "ref":
        if ref:
            return 0.0
        if not t:
            return 0.2
        return 0.3 if all(is_junk_char(ch) for ch in norm(t).replace(" ", "")) else 4.0
    if role == "indicator":
        return 0.0 if long_ else (3.0 if ref else (0.5 if t and not name else 2.0))
    if role in ("owner", "reporter", "names"):
        if not t:
            return 0.3
        return 2.0 if ref and not name else (0.0 if name else 4.0)
    if role == "outcome":
        return 0.0 if long_ else (1.0 if not t else 3.0)
    return 1.0


_TEXT_EMPTY = {"ref": 1.0, "indicator": 5.0, "owner": 1.2, "reporter": 1.0, "names": 1.5,
               "outcome": 2.5, "other": 0.4}


def _text_merge(group: list[str], role: str) -> float | None:
    joined = " ".join(norm(g) for g in group if norm(g))
    if role in ("names",) and all(is_name_like(g) for g in group):
        return 0.6 * (len(group) - 1)
    return 1.6 * (len(group) - 1) + _text_cost(joined, role)


_IMAGE = re.compile(r"Image:\s*")


def clean_text_cell(t: str) -> str:
    """'Number of new ChildImage: Stress of...' -> 'Number of new Child': a document converter's
    image alt text is dropped; when it is all the cell holds, it is kept once ('Image: X Image: X')."""
    t = norm(t)
    if "Image:" in t:
        before = norm(t.split("Image:", 1)[0])
        if before:
            return before          # what follows is the converter's OCR of an image: junk
        parts = [norm(p) for p in _IMAGE.split(t) if norm(p)]
        seen: list[str] = []
        for p in parts:
            if p not in seen:
                seen.append(p)
        t = " ".join(seen)
    return t


def _junk_ref(t: str) -> tuple[str, str] | None:
    """'হ Looked after Children rate...' -> ('হ', 'Looked after ...'): an OCR-garbled ref glued to
    the title as glyph junk."""
    head, _, rest = norm(t).partition(" ")
    if head and rest and all(is_junk_char(ch) for ch in head) and len(rest.split()) >= 3:
        return head, rest
    return None


def _glued_ref(t: str) -> tuple[str, str] | None:
    ref, title = split_glued_ref(norm(t))
    return (ref, title) if ref and title else None


def align_text(cells: list[str], roles: list[str]) -> tuple[list[str], list[float], list[str], float]:
    cells = [clean_text_cell(c) for c in cells]
    notes: list[str] = []
    split_conf: dict[int, float] = {}
    # a ref glued to its title, then junk standing where the ref was: each split is tried only
    # while the first cell still does not look like a ref
    for split, note, conf in ((_glued_ref, "ref-split-from-title", {0: 0.8, 1: 0.9}),
                              (_junk_ref, "junk-ref-split-from-title", {0: 0.3, 1: 0.9})):
        if roles and roles[0] == "ref" and cells and not is_ref_like(cells[0]):
            parts = split(cells[0])
            if parts:
                cells = [parts[0], parts[1]] + cells[1:]
                notes.append(note)
                split_conf = conf
    cost, groups = dp_align(cells, roles, _text_cost, lambda r: _TEXT_EMPTY.get(r, 0.4), _text_merge,
                            overflow=3.0)
    out, confs = [], []
    for j, g in enumerate(groups):
        if j >= len(roles):
            # Extra text cells beyond the header's text columns: fold into the last one.
            out[-1] = norm(out[-1] + " " + cells[g[0]])
            confs[-1] = min(confs[-1], 0.8)
            notes.append("text-overflow-merged")
            continue
        if not g:
            out.append("")
            confs.append(0.5)
            notes.append(f"inserted-empty:{roles[j]}")
        elif len(g) == 1:
            out.append(cells[g[0]])
            confs.append(split_conf.get(g[0], 1.0))
        else:
            out.append(" ".join(cells[k] for k in g if cells[k]))
            confs.append(0.8)
            notes.append(f"merged:{roles[j]}")
    if out and roles and roles[0] == "ref" and out[0] != fold_lookalikes(out[0]):
        out[0] = fold_lookalikes(out[0])
        confs[0] = min(confs[0], 0.8)
        notes.append("ref-homoglyphs-folded")
    return out, confs, notes, cost


# ----------------------------------------------------------------------------- tail part

@lru_cache(maxsize=65536)
def _tail_class(t: str) -> str:
    t = norm(t)
    if not t:
        return "empty"
    if is_glyph_only(t):
        return "glyph"
    low = t.lower()
    if is_junk_char(t[0]) and any(ch.isdigit() for ch in t) and len(t) <= 12:
        return "pct"          # an arrow glued to a number: a change (or DoT glued to an average)
    if "%" in t or "n/a" in low or _ARROW_DIGIT_BEFORE_NUMBER.match(t):
        return "pct"
    if is_number(t) or re.match(r"^\S{0,3}\s*[-−]?[\d,.]+%?$", t):
        return "num"
    if len(t) > 30:
        return "long"
    if len(t) <= 2:
        return "junk"
    return "word"


_ARROW_DIGIT_BEFORE_NUMBER = re.compile(rf"^[{ARROW_AS_DIGIT}]\s+[-−]?\d")
_TAIL_COST = {
    "pct": {"pct": 0.0, "num": 0.8, "empty": 0.6, "glyph": 1.2, "junk": 1.5, "word": 3.0, "long": 5.0},
    "dot": {"empty": 0.0, "glyph": 0.0, "junk": 0.2, "num": 1.0, "pct": 1.5, "word": 1.5, "long": 3.0},
    "stat": {"num": 0.0, "pct": 0.3, "empty": 0.8, "glyph": 2.0, "junk": 2.0, "word": 2.5, "long": 5.0},
    "bench": {"word": 0.0, "num": 0.0, "pct": 0.0, "empty": 0.3, "junk": 0.5, "glyph": 1.0, "long": 4.0},
    "target": {"num": 0.0, "pct": 0.0, "empty": 0.0, "word": 0.5, "junk": 0.5, "glyph": 0.8, "long": 3.0},
    "comment": {"long": 0.0, "empty": 0.0, "word": 0.5, "junk": 1.0, "num": 1.5, "pct": 1.5, "glyph": 1.0},
    "other": {"empty": 0.0, "glyph": 0.1, "junk": 0.3, "num": 0.6, "pct": 0.8, "word": 0.5, "long": 2.0},
}
_ROLE_GROUP = {Role.PCT_PREV: "pct", Role.PCT_YEAR: "pct", Role.DOT: "dot", Role.PERCENTAGE_FLAG: "dot",
               Role.AVG12: "stat", Role.MAX12: "stat", Role.STAT_NEIGHBOUR: "bench", Role.BENCHMARK: "bench",
               Role.ENGLAND: "bench", Role.SE_REGION: "bench", Role.TARGET: "target",
               Role.COMMENTARY: "comment", Role.OTHER: "other"}
_TAIL_EMPTY = {"pct": 1.0, "dot": 0.3, "stat": 2.0, "bench": 0.6, "target": 0.2, "comment": 0.2,
               "other": 0.3}


@lru_cache(maxsize=65536)
def _tail_cost(t: str, role: str) -> float:
    g = _ROLE_GROUP.get(role, "other")
    if g == "bench" and norm(t).lower() in ("local", "-", "tbc"):
        return 0.0
    if role == Role.PERCENTAGE_FLAG and norm(t).upper() in ("-", "P", "Р"):   # what 'Percentage?' prints
        return 0.0
    return _TAIL_COST[g][_tail_class(t)]


def _tail_merge(group: list[str], role: str) -> float | None:
    filled = [g for g in group if norm(g)]
    if len(filled) <= 1:
        # Extra empty cells (an OCR column with nothing in it) fold into their neighbour.
        return 0.4 * (len(group) - 1) + _tail_cost(filled[0] if filled else "", role)
    if len(group) != 2:
        return None
    a, b = norm(group[0]), norm(group[1])
    ca, cb = _tail_class(a), _tail_class(b)
    if ca == "glyph" and cb in ("pct", "num", "empty"):
        return 0.1 + _tail_cost(b, role)
    if a in ("-", "–") and b.lower() == "n/a":
        return 0.1 + _tail_cost("- n/a", role)
    return None


def repair_tail(cells: list[str]) -> tuple[list[str], list[str]]:
    """Undo OCR splits in % cells: '-100' + '% - n/a' -> '-100%' + '- n/a'; '↓ -' + '50%' ->
    '↓' + '-50%'; '-609' + '6 4 -679' -> '-60%' + '4 -679' ('%' read as '9' and '6')."""
    c = [norm(x) for x in cells]
    notes: list[str] = []
    for i in range(len(c) - 1):
        a, b = c[i], c[i + 1]
        if b.startswith("%") and re.search(r"\d$", a):
            c[i], c[i + 1] = a + "%", b[1:].strip()
            notes.append("pct-sign-moved-back")
            continue
        m = re.match(r"^(.*?)\s*[-−–][:.]?$", a)
        # Only an arrow cell ending in a minus, next to a bare percentage ('¥ -' + '41%').
        if m and m.group(1) and re.match(r"^\d[\d.]*%$", b) and not re.search(r"\d", a):
            c[i], c[i + 1] = m.group(1).strip(), "-" + b
            notes.append("minus-moved-forward")
            continue
        m = re.match(r"^(.*?[-−]?\d+)9$", a)
        if m and re.match(r"^[56](\s|$)", b):
            c[i], c[i + 1] = m.group(1) + "%", b[1:].strip()
            notes.append("pct-read-as-9")
    return c, notes


def _is_dot_junk(t: str) -> bool:
    """A DoT arrow OCR'd as a lone digit or letter ('5', '1', 'A') between % change and average."""
    t = norm(t)
    return 0 < len(t) <= 2 and "%" not in t


def align_tail(cells: list[str], roles: list[str], drop_junk: bool = False
               ) -> tuple[list[str], list[float], list[str]]:
    cells, notes = repair_tail(cells)
    if drop_junk:
        # Only where the DoT glyph sits: right after the two % change cells.
        if (len(cells) > 3 and _is_dot_junk(cells[2]) and is_number(cells[3])
                and all(_tail_class(c) == "pct" for c in cells[:2])):
            notes.append(f"dot-junk-dropped:{cells[2]}")
            cells = cells[:2] + cells[3:]
        else:
            return [], [], ["no-junk"]
    while cells and not cells[-1]:
        cells.pop()
    _, groups = dp_align(cells, roles, _tail_cost, lambda r: _TAIL_EMPTY[_ROLE_GROUP.get(r, "other")],
                         _tail_merge, overflow=0.5)
    out, confs = [], []
    for j, g in enumerate(groups):
        if not g:
            out.append("")
            confs.append(0.6)
        elif len(g) == 1:
            out.append(cells[g[0]])
            confs.append(0.9 if notes else 1.0)
        else:
            out.append(" ".join(cells[k] for k in g if cells[k]))
            confs.append(0.9)
    if any(len(g) > 1 for g in groups):
        notes.append("tail-cells-merged")
    return out, confs, notes


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
        return [1.0 if passes else 0.9] * W
    # All values are present and no other placement fits: a failing check points at a misread
    # value or a pack inconsistency in the cells it involves, which lose confidence most.
    confs = [0.8 if pinned else DISAGREE] * W
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
        return [""] * W, [0.9] * W, [], ["no-month-values-printed"]
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
