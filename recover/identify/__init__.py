"""Identification: a printed row or dashboard block becomes an observation under a canonical ref
only here. One evidence score combines the label (printed ref, title, unit, pack: the register
matcher) with the agreement of the values with what other packs hold for the same months
(docs/confidence.md, 'Identification'; the procedure is in stage.py).

For rows read by the table stage:

    packs = identify_packs(packs, register)           # PackReads with refs, scores, reasons
    idents = identify(evidences, register, assigned)  # key -> Identification, for any evidence

For a dashboard block, build its evidence and identify it together with everything else read, so
that its values are compared with what the other packs hold:

    ev = Evidence.block("blk-1", label="LACL3", legend_ref="LAC13", title="Number of current UASC ...",
                        percent_note=False, values=[("2019-06", 11, 0), ...], pack="2020-06", file=hash)
    idents = identify([ev, *(from_row(r, obs_of[r.row_id]) for r in held_rows)], register)
    idents["blk-1"]  -> Identification(ref='LAC13', score=0.99, why=..., candidates=..., by='label+values')
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from recover.model import Observation, PackRead, RowRecord
from recover.reconcile.core import ASSIGNED_NOTE

from .joint import place_jointly
from .placing import place_lost_rows, place_unpinned_rows
from .evidence import Evidence, Reading, from_row, row_order, unit_hint_of
from .stage import Identification, identify
from .values import Agreement, HeldValues

__all__ = ["Evidence", "Reading", "Identification", "Agreement", "HeldValues", "identify",
           "identify_packs", "identify_records", "identify_rows", "apply_identification", "apply_to_records", "from_row", "row_order",
           "unit_hint_of", "match_factor"]


def match_factor(score: float) -> float:
    """A value is only as sure as the identification of its row: a weak one (accepted from 0.70)
    costs up to 10% confidence, so a lone reading from such a row goes to review."""
    return 1.0 if score >= 0.9 else 0.9 + 0.5 * max(0.0, score - 0.7)


def identify_records(rows: list[RowRecord], observations: list[Observation], register,
                     assigned: dict | None = None) -> dict[str, Identification]:
    """row_id -> Identification for stored or freshly read rows (their observations give the values)."""
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_row[o.row_id].append(o)
    return identify([from_row(r, by_row.get(r.row_id, [])) for r in rows], register, assigned)


def identify_packs(packs: list[PackRead], register, assigned: dict | None = None,
                   held: tuple[list[RowRecord], list[Observation]] = ((), ())) -> list[PackRead]:
    """The packs with every row identified, their values compared with each other's and with
    `held` (rows and observations already stored, e.g. for checking a new pack)."""
    rows = [r for p in packs for r in p.rows] + list(held[0])
    obs = [o for p in packs for o in p.observations] + list(held[1])
    idents = identify_records(rows, obs, register, assigned)
    packs = [apply_identification(p, idents, register.digest) for p in packs]
    # an OCR-damaged dashboard's values against the tables, and the rows whose reader could not
    # pin their months placed by the other readings, now that all are under refs
    from recover.dashboard.check import against_tables
    named = [o for p in packs for o in p.observations] + list(held[1])
    checked = [against_tables(rows, named, list(p.observations)) for p in packs]
    # one pass over every pack's rows: the other readings are gathered once, not once a pack
    mine = place_unpinned_rows(rows, named, [o for obs in checked for o in obs])
    mine = place_lost_rows(rows, named, mine)
    # what agreement left unplaced, placed where all the packs printing it agree
    mine = place_jointly(rows, mine + list(held[1]))[:len(mine)]
    out, k = [], 0
    for p, obs in zip(packs, checked):
        out.append(replace(p, observations=tuple(mine[k:k + len(obs)])))
        k += len(obs)
    return out


def apply_identification(pack: PackRead, idents: dict[str, Identification], digest: str) -> PackRead:
    rows, obs = apply_to_records(pack.rows, pack.observations, idents, digest)
    return replace(pack, rows=rows, observations=obs)


def apply_to_records(rows, observations, idents: dict[str, Identification], digest: str):
    """(rows, observations) with each row's identification and its observations under its ref."""
    rows = tuple(identified_row(r, idents.get(r.row_id), digest) for r in rows)
    by_id = {r.row_id: r for r in rows}
    return rows, tuple(identified_observation(o, by_id.get(o.row_id)) for o in observations)


def identify_rows(rows, observations, register, assigned: dict | None = None):
    """identify_records, applied: (rows, observations) identified."""
    idents = identify_records(list(rows), list(observations), register, assigned)
    return apply_to_records(rows, observations, idents, register.digest)


def identified_row(row: RowRecord, ident: Identification | None, digest: str) -> RowRecord:
    if ident is None:
        return row
    return replace(row, ref=ident.ref, match_score=ident.score, match_why=ident.why,
                   candidates=tuple(ident.candidates), identified_by=ident.by, register=digest)


def identified_observation(o: Observation, row: RowRecord | None) -> Observation:
    """An observation under its row's ref; its confidence is the reading's times match_factor."""
    read = o.read_confidence if o.read_confidence is not None else o.confidence
    why = [w for w in o.why.split("; ") if w and not w.startswith(_ROW_NOTES)]
    if row is None or not row.ref:
        return replace(o, ref=None, confidence=read, read_confidence=read, why="; ".join(why))
    if row.identified_by == "person":
        why.append(ASSIGNED_NOTE)
    elif row.match_score < 0.9:
        why.append(f"row identified at {row.match_score:.2f}")
    return replace(o, ref=row.ref, confidence=round(read * match_factor(row.match_score), 4),
                   read_confidence=read, why="; ".join(why))


_ROW_NOTES = (ASSIGNED_NOTE, "row identified at ")
