"""The tail of a row (% changes, DoT, 12-month avg/max, benchmarks, targets, commentary) aligned to
the header's tail columns; arrow glyphs split from their numbers are re-joined, '%' or '-' split
into the neighbouring cell moved back."""
from __future__ import annotations

import re
from functools import lru_cache

from recover.printed.cells import is_value as is_number
from recover.printed.confusions import ARROW_AS_DIGIT
from recover.printed.glyphs import is_glyph_only, is_junk_char
from recover.printed.roles import Role
from recover.printed.text import norm

from .dp import dp_align
from .settings import CONF


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
            confs.append(CONF.tail_empty)
        elif len(g) == 1:
            out.append(cells[g[0]])
            confs.append(CONF.tail_repaired if notes else 1.0)
        else:
            out.append(" ".join(cells[k] for k in g if cells[k]))
            confs.append(CONF.tail_repaired)
    if any(len(g) > 1 for g in groups):
        notes.append("tail-cells-merged")
    return out, confs, notes
