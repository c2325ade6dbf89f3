"""A damaged dashboard block's values against what the packs print elsewhere for the same months.

A block read from text without positions (OCR'd text above all) has no confidence per value: a
digit OCR misread ('855' for '33') is placed by count as surely as the rest. The signs that OCR
damaged the block are in its readings: junk in a value's place (an unreadable month), marks of
the cell rules glued to a value (a reading below the count confidence). A dashboard repeats what
the tables print (its own pack's for the latest months, earlier packs' for the older ones), so
each value of a damaged block is checked against the other readings of its indicator and month
(the tables, and the other packs' dashboards, which repeat the same 13-month window a month on):
where there are some and none agrees at printed precision, the value is unreadable, saying so.
A lost leading digit ('7' for '17' in a row of counts that prints 5 and 6 too) looks as plausible
along the row as the truth; only another reading of the month gives it away.
Undamaged blocks are left alone: a revision a dashboard prints is the reconciler's to weigh.
"""
from __future__ import annotations

from dataclasses import replace

from recover.model import Observation, RowRecord
from recover.reconcile.precision import half_unit

from .settings import DEFAULT, DashboardSettings


def damaged_rows(rows: list[RowRecord], observations: list[Observation],
                 settings: DashboardSettings = DEFAULT) -> set[str]:
    """Dashboard rows some of whose readings show OCR damage."""
    dash = {r.row_id for r in rows if r.kind == "dashboard"}
    out = set()
    for o in observations:
        if o.row_id in dash:
            read = o.read_confidence if o.read_confidence is not None else o.confidence
            if o.status == "unreadable" or read < settings.count_conf - 1e-9:
                out.add(o.row_id)
    return out


def against_tables(rows: list[RowRecord], observations: list[Observation], mine: list[Observation],
                   settings: DashboardSettings = DEFAULT) -> list[Observation]:
    """`mine` (identified observations of some packs) with each ok value of a damaged dashboard
    row that every other reading of its (ref, month) among `observations` (a table's, another
    dashboard's) contradicts made unreadable."""
    kind = {r.row_id: r.kind for r in rows}
    damaged = damaged_rows(rows, observations, settings)
    if not damaged:
        return list(mine)
    others: dict[tuple[str, str], list[Observation]] = {}
    for o in observations:
        if o.ref and o.status == "ok" and o.value is not None and kind.get(o.row_id) in ("table", "dashboard"):
            others.setdefault((o.ref, o.month), []).append(o)
    out = []
    for o in mine:
        held = [h for h in others.get((o.ref, o.month), []) if h.row_id != o.row_id] \
            if o.row_id in damaged and o.status == "ok" else []
        if held and o.value is not None and not any(_agrees(o, h) for h in held):
            why = "; ".join(w for w in (o.why, f"OCR-damaged dashboard: {_printed_by(held, kind)}") if w)
            o = replace(o, status="unreadable", value=None, confidence=min(o.confidence, settings.unverified_conf),
                        why=why)
        out.append(o)
    return out


def _printed_by(held: list[Observation], kind: dict[str, str]) -> str:
    by = {k: sorted({h.raw for h in held if kind.get(h.row_id) == k}) for k in ("table", "dashboard")}
    return "; ".join(f"{'the tables' if k == 'table' else 'other dashboards'} print {', '.join(v)}"
                     for k, v in by.items() if v)


def _agrees(o: Observation, h: Observation) -> bool:
    return abs(o.value - h.value) <= max(half_unit(o.decimals), half_unit(h.decimals)) + 1e-9
