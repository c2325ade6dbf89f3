"""Identification of everything the store holds, and the refs a person assigned.

    identify_store(store, register) -> StoreIdentification

Runs after new packs are stored (and after `recover apply` of unmatched.csv): every stored row,
matched before or not, is identified again with all packs' values and the person's assignments.
Rows keep what they print (ref, title, values), so a changed register re-identifies them without
reading any file again; each row records the content hash of the register that identified it.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from recover.model import Observation, RowRecord

from . import apply_to_records, identify_records


@dataclass(frozen=True)
class StoreIdentification:
    rows: int = 0
    identified: int = 0
    unmatched: int = 0
    assigned: int = 0                              # rows with a person's ref in force
    changed: int = 0                               # rows whose ref is not what it was before
    redone: bool = False                           # False: nothing changed since the last time
    warnings: tuple[str, ...] = field(default_factory=tuple)


def fingerprint(row: RowRecord, observations: list[Observation]) -> str:
    """What a row prints: its ref and title as read and its month cells as read. An assignment
    names its row by (file hash, row id) and finds it again by this if the row ids change."""
    cells = ";".join(f"{o.month}={o.raw}" for o in sorted(observations, key=lambda o: o.month))
    text = "\x1f".join((row.kind, row.ref_printed, row.title_printed, cells))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def resolve_assignments(store, rows: list[RowRecord], by_row: dict, register) -> tuple[dict, list[str]]:
    """row_id -> ref for the assignments in force, and a warning for each that no longer applies."""
    prints: dict[tuple[str, str], list[str]] = defaultdict(list)
    ids = {r.row_id: r for r in rows}
    for r in rows:
        prints[(r.file_hash, fingerprint(r, by_row.get(r.row_id, [])))].append(r.row_id)
    out, warnings = {}, []
    for a in store.assignments():
        row = ids.get(a.row_id)
        if row is not None and row.file_hash == a.file_hash and fingerprint(row, by_row.get(a.row_id, [])) == a.fingerprint:
            target = a.row_id
        else:
            found = prints.get((a.file_hash, a.fingerprint), [])
            target = found[0] if len(found) == 1 else None
        if target is None:
            continue   # the file is not in the store (any more): the assignment waits for it
        if a.ref not in register:
            warnings.append(f"{a.source} {a.row_id}: the ref {a.ref!r} a person assigned is not in the "
                            f"register in use; the row is identified as if unassigned")
            continue
        out[target] = a.ref
    return out, warnings


def identify_store(store, register, *, force: bool = False, changed_packs: bool = True) -> StoreIdentification:
    """Identify every stored row again when packs were stored or assignments made since the last
    time (changed_packs), when the register differs from the one that identified them, or force."""
    if not force and not changed_packs and store.registers_used() <= {register.digest}:
        rows = store.rows()
        unmatched = sum(1 for r in rows if not r.ref)
        return StoreIdentification(len(rows), len(rows) - unmatched, unmatched,
                                   sum(1 for r in rows if r.identified_by == "person"), 0, False)
    rows = store.rows()
    obs = store.observations(unmatched=True)
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in obs:
        by_row[o.row_id].append(o)
    assigned, warnings = resolve_assignments(store, rows, by_row, register)
    idents = identify_records(rows, obs, register, assigned)
    new_rows, new_obs = apply_to_records(rows, obs, idents, register.digest)
    before = {r.row_id: r.ref for r in rows}
    store.save_identification(new_rows, new_obs)
    unmatched = sum(1 for r in new_rows if not r.ref)
    return StoreIdentification(len(new_rows), len(new_rows) - unmatched, unmatched, len(assigned),
                               sum(1 for r in new_rows if r.ref != before.get(r.row_id)), True,
                               tuple(warnings))


def held_for(store, register, exclude: str = "") -> tuple[dict, tuple[list, list]]:
    """What the store holds, for identifying a pack that is not (yet) stored alongside it: the
    assignments in force, and (rows, observations) of every other file."""
    rows = [r for r in store.rows() if r.file_hash != exclude]
    obs = [o for o in store.observations(unmatched=True) if o.file_hash != exclude]
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in obs:
        by_row[o.row_id].append(o)
    assigned, _ = resolve_assignments(store, rows, by_row, register)
    return assigned, (rows, obs)
