"""Reconciliation: one value per (ref, month) from every pack that shows it.

Two passes. The first groups the readings of each cell (printed precision understood) and weighs
them with read confidence and plausibility alone; its choices supply the 'other packs' values that
the arithmetic checks of each row need (months a 7-month pack does not print, alternatives for a
suspect value). The second pass weighs again with the arithmetic verdicts. Reviewer corrections are
laid over the result last. The formula is in confidence.py and docs/confidence.md; what a cell's
work holds is work.py; turning weighed cells into series cells, revisions and review items is
series.py.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable

from ..model import Observation, RowRecord
from . import confidence as cf
from .arith import Verdict, check_row
from .precision import agree, infer_decimals
from .records import Reconciled
from .register_view import RegisterView
from .series import ASSIGNED_NOTE, assemble, explain_row_note
from .work import CellWork, Cluster, Reading, implausible, rep_order, seen

__all__ = ["ASSIGNED_NOTE", "reconcile", "reconcile_records", "cluster", "weigh_cell", "implausible", "explain_row_note", "seen",
           "CellWork", "Cluster", "Reading"]

# ---- grouping ---------------------------------------------------------------------------------------
def cluster(readings: list[Reading]) -> list[Cluster]:
    """Group readings that could print one true value; missing prints form their own group."""
    numeric = sorted((r for r in readings if r.value is not None), key=rep_order)
    out: list[Cluster] = []
    for r in numeric:
        fits = [c for c in out if c.value is not None and
                all(agree(r.value, r.decimals, m.value, m.decimals) for m in c.members)]
        if fits:
            min(fits, key=lambda c: abs(c.value - r.value)).members.append(r)
        else:
            out.append(Cluster([r]))
    missing = [r for r in readings if r.value is None]
    if missing:
        out.append(Cluster(sorted(missing, key=lambda r: -r.e)))
    return out


def weigh_cell(cell: CellWork) -> None:
    for r in cell.readings:
        r.e = cf.effective(r.obs.confidence, r.factor)
    for c in cell.clusters:                # keep rep = most precise, then most confident
        c.members.sort(key=rep_order)
    if not cell.clusters:
        cell.best = -1
        return
    cell.weighed = cf.weigh([c.group() for c in cell.clusters])
    p = cell.weighed.probability
    cell.best = max(range(len(p)), key=lambda k: (p[k], cell.clusters[k].value is not None))


def _unit_for(ref: str, view: RegisterView, readings: list[Reading]) -> str:
    unit = view.info(ref)[1]
    if unit:
        return unit
    raws = [r.obs.raw for r in readings if r.value is not None]
    if raws and sum("%" in x for x in raws) * 2 > len(raws):
        return "percent"
    return ""


def _row_precision(observations: list[Observation]) -> dict[str, tuple[int, float]]:
    """(decimals most month values print with, median value) per row of at least 3 values."""
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        if o.value is not None and o.row_id:
            by_row[o.row_id].append(o)
    out = {}
    for rid, obs in by_row.items():
        if len(obs) < 3:
            continue
        counts: dict[int, int] = defaultdict(int)
        for o in obs:
            counts[o.decimals or 0] += 1
        values = sorted(o.value for o in obs)
        out[rid] = (max(counts, key=lambda d: (counts[d], d)), values[len(values) // 2])
    return out


# ---- the whole thing ------------------------------------------------------------------------------
def reconcile_records(observations: Iterable[Observation], rows: Iterable[RowRecord],
                      corrections: Iterable = (), register=None) -> Reconciled:
    view = RegisterView(register)
    observations = [o for o in observations if o.ref]
    rows = [r for r in rows if r.ref]
    cells, units = _build_cells(observations, view)
    for cell in cells.values():
        weigh_cell(cell)                                   # pass 1: read confidence + plausibility
    _apply_arithmetic(cells, rows, units)
    for cell in cells.values():
        weigh_cell(cell)                                   # pass 2: with arithmetic verdicts
    by_corr = {(c.ref, c.month): c for c in corrections}
    return assemble(cells, units, view, by_corr)


def reconcile(store, register=None) -> Reconciled:
    """Reconcile everything the store holds (observations, rows, corrections)."""
    return reconcile_records(store.observations(), store.rows(), store.corrections(), register)


def _build_cells(observations: list[Observation], view: RegisterView):
    by_cell: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for o in observations:
        by_cell[(o.ref, o.month)].append(o)
    precision = _row_precision(observations)
    cells: dict[tuple[str, str], CellWork] = {}
    units: dict[str, str] = {}
    for (ref, month), obs in sorted(by_cell.items()):
        readings = []
        unread = []
        for o in obs:
            if o.status == "unreadable" or (o.status == "ok" and o.value is None):
                unread.append(o)
                continue
            value = o.value if o.status == "ok" else None
            d = o.decimals if o.decimals is not None else (infer_decimals(value, o.raw) if value is not None else None)
            readings.append(Reading(o, value, d))
        if ref not in units:
            units[ref] = _unit_for(ref, view, readings)
        for r in readings:
            _plausibility(r, units[ref], precision.get(r.obs.row_id))
        cell = CellWork(ref, month, readings, unread)
        for r in readings:
            r.e = cf.effective(r.obs.confidence, r.factor)
        cell.clusters = cluster(readings)
        cells[(ref, month)] = cell
    return cells, units


def _plausibility(r: Reading, unit: str, row: tuple[int, float] | None) -> None:
    if r.value is None:
        return
    why = implausible(r.value, r.decimals, unit)
    if why:
        r.factor *= cf.IMPLAUSIBLE
        r.notes.append(f"implausible: {why}")
    elif row is not None and _lost_point(r.value, r.decimals or 0, *row):
        # '44%' in a row printed with one decimal is the classic lost decimal point of '4.4%'
        r.factor *= cf.SUSPECT
        r.notes.append(f"printed with {r.decimals or 0} decimals, its row with {row[0]}: lost decimal point?")
    elif row is not None and (r.decimals or 0) > row[0]:
        # '61.11%' in a row printed with one decimal: a digit OCR added (a rule, a speck)
        r.factor *= cf.SUSPECT
        r.stray = True
        r.notes.append(f"printed with {r.decimals} decimals, its row with {row[0]}: a stray digit?")


def _lost_point(value: float, decimals: int, row_decimals: int, median: float) -> bool:
    """Fewer decimals than its row, and putting the point back brings it nearer the row's values."""
    if decimals >= row_decimals or value <= 0 or median <= 0:
        return False
    shifted = value / 10 ** (row_decimals - decimals)
    return abs(math.log(shifted / median)) < abs(math.log(value / median))


def _apply_arithmetic(cells: dict, rows: list[RowRecord], units: dict[str, str]) -> None:
    own_by_row: dict[str, dict[str, Reading]] = defaultdict(dict)
    cluster_of: dict[int, tuple[CellWork, Cluster]] = {}
    for cell in cells.values():
        for c in cell.clusters:
            for r in c.members:
                cluster_of[id(r)] = (cell, c)
                if r.value is not None and r.obs.row_id:
                    own_by_row[r.obs.row_id][cell.month] = r

    def alternatives(month: str, key: Reading) -> list[float]:
        cell, mine = cluster_of[id(key)]
        return [c.value for c in cell.clusters if c is not mine and c.value is not None]

    def corroborated(key: Reading) -> bool:
        _, c = cluster_of[id(key)]
        me = key.obs.file_hash or key.obs.source
        return any((m.obs.file_hash or m.obs.source) != me and m.e >= 0.5 for m in c.members)

    gathered: dict[Reading, Verdict] = {}
    for row in rows:
        if not row.extras:
            continue
        own_readings = own_by_row.get(row.row_id, {})
        if not own_readings:
            continue
        own = {m: (r.value, r.decimals, r, r.obs.raw) for m, r in own_readings.items()}
        verdicts, notes = check_row(row, own, units.get(row.ref) == "count",
                                    _borrow(cells, row), alternatives, corroborated)
        for r, v in verdicts.items():
            # the check speaks about the value the pack prints, so every reading of that pack's
            # month with the same value (a dashboard copy of the table, say) shares the verdict
            cell, _ = cluster_of[id(r)]
            for s in cell.readings:
                if s.obs.file_hash == r.obs.file_hash and s.value is not None and \
                        agree(s.value, s.decimals, r.value, r.decimals):
                    gathered.setdefault(s, Verdict()).merge(v)
        for text, suspects in notes:
            for r in suspects:
                r.notes.append(f"arithmetic: {text}")
    for r, v in gathered.items():
        _apply_verdict(r, v)


def _apply_verdict(r: Reading, v) -> None:
    # a check that fails and blames this reading outweighs checks that hold: errors elsewhere in
    # the row can make a check hold by chance, they rarely make one fail at exactly this value
    share = v.pass_share(r.obs.raw) if not (v.contra or v.suspect) else None
    if share is not None:
        # the likelihood ratio of 'the row adds up' for a right reading against a slipped one
        r.factor *= 1.0 / max(share, 1.0 / cf.CONFIRM_MAX)
    if v.contra:
        r.factor *= cf.CONTRA
        r.needs = v
    elif v.suspect:
        r.factor *= cf.SUSPECT


def _borrow(cells: dict, row: RowRecord):
    """A month this row does not print, as the packs up to this one showed it."""
    def borrowed(month: str):
        cell = cells.get((row.ref, month))
        if cell is None or cell.chosen is None:
            return None
        older = sorted((r for r in cell.readings if r.value is not None and r.pack <= row.pack),
                       key=lambda r: (r.pack, r.e), reverse=True)
        chosen = cell.chosen
        for r in older:
            if r in chosen.members or r.e >= 0.8:
                return r.value, r.decimals
        if chosen.value is not None and cell.probability >= 0.5:
            return chosen.value, chosen.rep.decimals
        return None
    return borrowed


