"""Rows of text that drops blank cells, placed jointly across the packs that print them.

A quarterly row prints one to three values in a 7-month window ('35' somewhere in Dec-19..Jun-20),
and the text drops its blanks, so the row alone could put them under any month; so could each of
the up to 13 packs that print the same months a month on, and none of them has six months that
other readings pin (recover/identify/placing.py's condition). Together they cannot all be placed
every way: the value a pack prints for a month is the value the next pack prints for it, and a
month one pack prints blank the next prints blank (the pack before Jun-20's prints no 35 at all,
so the 35 is Jun-20's).

Each such row's placements (its values' order kept, the months its reader pinned kept, none its
own % changes, average or maximum contradict, none against a month another reading pins) are kept
only where every other such row of its indicator whose window overlaps it has a placement agreeing
on every shared month, value for value and blank for blank (arc consistency, as a constraint
solver prunes), until nothing changes. A month is placed where every placement left to its row
agrees. Revised or late figures make packs disagree; then some row is left with no placement, and
nothing of that indicator is placed: the solver finds one consistent series or says nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from math import comb

from recover.model import Observation, RowRecord
from recover.printed.numbers import parse_value

from .placing import fits_of, pinned, unpinned_rows

MAX_CANDIDATES = 500   # placements of one row enumerated at most (7 months, 3 values: 35)
CONF = 0.7             # below a placement by six agreeing months (placing.TABLE: 0.8)
WHAT = "the text kept no blank cells of the row; months placed so that every pack printing them agrees"

Key = float | None      # a month as a placement sees it: the value, or None for a blank


@dataclass
class _Row:
    key: tuple[str, str]             # (source, row_id)
    ref: str
    obs: list[Observation]           # month order
    months: list[str]
    cands: list[tuple[Key, ...]]     # one key per month


def place_jointly(rows: list[RowRecord], observations: list[Observation]) -> list[Observation]:
    """`observations` (every pack's, identified) with the months of rows of text that drops blank
    cells that their reader, and placement by agreement, left unpinned placed where every pack
    printing them agrees (see the module's docstring)."""
    todo = unpinned_rows(rows, observations)
    if not todo:
        return observations
    fixed = _pinned_readings(observations)
    by_ref: dict[str, list[_Row]] = {}
    for key, (row, obs, vals) in todo.items():
        ref = obs[0].ref                 # the identified ref (rows may be the records read, before it)
        cands = _candidates(row, ref, obs, vals, fixed)
        if cands is not None:
            by_ref.setdefault(ref, []).append(_Row(key, ref, obs, [o.month for o in obs], cands))
    placed: dict[tuple[str, str, str], Observation] = {}
    for group in by_ref.values():
        if len(group) > 1 and _consistent(group):
            for r in group:
                placed.update(_placed(r))
    return [placed.get((o.source, o.row_id, o.month), o) for o in observations]


def _pinned_readings(observations: list[Observation]) -> dict[tuple[str, str], dict[str, Key]]:
    """(ref, month) -> {row_id: its key} for every reading that pins its month."""
    out: dict[tuple[str, str], dict[str, Key]] = {}
    for o in observations:
        if o.ref and pinned(o):
            out.setdefault((o.ref, o.month), {})[o.row_id] = _key(o.raw)
    return out


def _key(raw: str) -> Key:
    v = parse_value(raw.strip()) if raw.strip() else None
    return round(v.value, 6) if v is not None and v.status == "ok" and v.value is not None else None


def _candidates(row: RowRecord, ref: str, obs: list[Observation], vals: list[Observation],
                fixed: dict) -> list[tuple[Key, ...]] | None:
    n, k = len(obs), len(vals)
    if comb(n, k) > MAX_CANDIDATES:
        return None
    fits = fits_of(row, obs)
    keys = [_key(v.raw) for v in vals]
    out = []
    for slots in combinations(range(n), k):
        if not fits(dict(zip(slots, vals))):
            continue
        cand = [None] * n
        for i, m in enumerate(slots):
            cand[m] = keys[i]
        if all(_allowed(fixed, ref, o.month, row.row_id, cand[m]) for m, o in enumerate(obs)):
            out.append(tuple(cand))
    return out


def _allowed(fixed: dict, ref: str, month: str, rid: str, key: Key) -> bool:
    others = [v for r, v in fixed.get((ref, month), {}).items() if r != rid]
    return all(v == key for v in others)


def _consistent(group: list[_Row]) -> bool:
    """Prune every row's placements to those each overlapping row can agree with, until nothing
    changes; False when some row is left with none (the packs disagree)."""
    changed = True
    while changed:
        changed = False
        for a in group:
            for b in group:
                if a is b:
                    continue
                shared = sorted(set(a.months) & set(b.months))
                if not shared:
                    continue
                ia = [a.months.index(m) for m in shared]
                ib = [b.months.index(m) for m in shared]
                seen = {tuple(c[i] for i in ib) for c in b.cands}
                kept = [c for c in a.cands if tuple(c[i] for i in ia) in seen]
                if len(kept) != len(a.cands):
                    a.cands, changed = kept, True
                if not a.cands:
                    return False
    return True


def _placed(r: _Row) -> dict[tuple[str, str, str], Observation]:
    out = {}
    for m, o in enumerate(r.obs):
        keys = {c[m] for c in r.cands}
        if pinned(o) or len(keys) != 1:
            continue
        key = keys.pop()
        if key is None:
            out[(*r.key, o.month)] = replace(o, raw="", value=None, status="missing", confidence=CONF,
                                            why=f"printed blank: {WHAT}")
            continue
        src = next(v for v in r.obs if v.raw.strip() and _key(v.raw) == key)
        p = parse_value(src.raw.strip())
        out[(*r.key, o.month)] = replace(o, raw=src.raw, value=p.value, decimals=p.decimals, status="ok",
                                        confidence=CONF, why=WHAT)
    return out
