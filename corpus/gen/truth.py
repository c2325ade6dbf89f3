"""The exact truth behind the corpus: one value per (indicator, month), anchored on the real seed cells.

Real cells (golden/real/cells.csv, status ok) are copied exactly; every other month is filled by
interpolating between the real anchors plus AR(1) noise, then cheap arithmetic relations are imposed
where they hold in the real packs (percent = (val) / denominator, -NI rate = count per 10,000).
About 2% of cells get a provisional value that the first one or two packs print before the revision.
"""
from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass
from pathlib import Path

from .common import MONTHS, ROOT, month_add, month_diff, rng, round_half_up
from .register import Indicator, load_register

REAL_CELLS = ROOT / "golden" / "real" / "cells.csv"

# percent ref -> (numerator ref, denominator ref); each relation holds in the seed packs
RATIOS = {
    "M3": ("M2", "M1"), "M6-QL": ("M6-QL (val)", "M2"), "EH4-QL": ("EH4 (val)", "EH3"),
    "CP4": ("CP4 (val)", "CP2"), "CP3-QL": ("CP3-QL (val)", "CP2"), "LAC9": ("LAC9 (val)", "LAC1"),
    "LAC10 (%)": ("LAC10-QL", "LAC1"), "LAC6 (%)": ("LAC6 (val)", "LAC3"),
    "LAC12 (%)": ("LAC12 (val)", "LAC3"),
}
# rate ref -> count ref (rate = count * 10,000 / population aged 0-17)
RATES = {"M2-NI": "M2", "CP1-NI": "CP1", "CP6B-NI": "CP6B", "CP2-NI": "CP2", "LAC1-NI": "LAC1"}
QUARTERLY = {"FM011": 30.0, "FM012": 48.0}      # printed only at quarter ends, no real values
WHOLE_PERCENT_FROM = "2020-01"                   # months only ever printed as whole percentages
REVISION_SHARE = 0.028


@dataclass(frozen=True)
class TruthCell:
    value: float | None
    status: str            # ok | missing
    marker: str = ""       # what a missing cell prints: '-', 'tbc' or ''


@dataclass(frozen=True)
class Revision:
    provisional: float
    last_provisional_pack: str
    final: float


@dataclass(frozen=True)
class RealCell:
    status: str
    value: float | None
    printed: str
    seed: str = ""


def load_real(path: Path = REAL_CELLS) -> dict[tuple[str, str], RealCell]:
    out: dict[tuple[str, str], RealCell] = {}
    if not Path(path).exists():
        return out
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["ref"], r["month"])
            if key in out:
                continue
            v = float(r["value"]) if r["status"] == "ok" and r["value"] != "" else None
            out[key] = RealCell(r["status"] if v is not None or r["status"] != "ok" else "missing",
                                v, r["printed"], r["seed"])
    return out


def _quantize(unit: str, month: str, x: float) -> float:
    if unit == "percent":
        x = min(100.0, max(0.0, x))
        return round_half_up(x, 0 if month >= WHOLE_PERCENT_FROM else 1)
    return max(0.0, round_half_up(x, 0))


def _baseline(anchors: dict[str, float]) -> list[float]:
    """Linear interpolation between anchor months, flat beyond the ends."""
    pts = sorted((MONTHS.index(m), v) for m, v in anchors.items())
    # beyond the ends: the median of the nearest anchors, so one odd last value does not persist
    head = statistics.median(v for _, v in pts[:6])
    tail = statistics.median(v for _, v in pts[-6:])
    pts = [(pts[0][0], head)] + pts[1:-1] + [(pts[-1][0], tail)] if len(pts) > 1 else pts
    out = []
    for i in range(len(MONTHS)):
        if i <= pts[0][0]:
            out.append(pts[0][1])
        elif i >= pts[-1][0]:
            out.append(pts[-1][1])
        else:
            for (i0, v0), (i1, v1) in zip(pts, pts[1:]):
                if i0 <= i <= i1:
                    out.append(v0 + (v1 - v0) * (i - i0) / (i1 - i0))
                    break
    return out


def _anchor_spread(unit: str, anchors: dict[str, float], base: float) -> float:
    vals = [anchors[m] for m in sorted(anchors)]
    diffs = [abs(b - a) for a, b in zip(vals, vals[1:])]
    typical = statistics.median(diffs) if diffs else 0.1 * base
    if unit == "percent":
        return max(0.8, min(typical, 8.0))
    return max(0.6, min(typical, 0.25 * max(base, 4.0)))


def _generate_series(ind: Indicator, real: dict) -> dict[str, TruthCell]:
    r = rng("series", ind.ref)
    anchors = {m: c.value for (ref, m), c in real.items() if ref == ind.ref and c.status == "ok"}
    missing_real = {m: c for (ref, m), c in real.items() if ref == ind.ref and c.status == "missing"}
    data_from = ind.first_seen if ind.first_seen > "2018-04" else MONTHS[0]
    cells: dict[str, TruthCell] = {}
    if ind.ref in QUARTERLY:
        for m in MONTHS:
            if m in missing_real or m < "2020-06" or int(m[5:7]) % 3 != 0:
                cells[m] = TruthCell(None, "missing", "")
            else:
                cells[m] = TruthCell(_quantize(ind.unit, m, QUARTERLY[ind.ref] * r.uniform(0.75, 1.25)), "ok")
        return cells
    if not anchors:
        marker = statistics.mode([c.printed for c in missing_real.values()] or ["-"])
        marker = marker if marker in ("-", "tbc") else "-"
        return {m: TruthCell(None, "missing", marker) for m in MONTHS}
    base = _baseline(anchors)
    sigma = _anchor_spread(ind.unit, anchors, statistics.mean(anchors.values()))
    e = 0.0
    for i, m in enumerate(MONTHS):
        e = 0.5 * e + r.gauss(0, sigma)
        if m in anchors:
            cells[m] = TruthCell(anchors[m], "ok")
        elif m in missing_real:
            p = missing_real[m].printed
            cells[m] = TruthCell(None, "missing", p if p in ("-", "tbc") else "")
        elif m < data_from:
            cells[m] = TruthCell(None, "missing", "")
        else:
            cells[m] = TruthCell(_quantize(ind.unit, m, base[i] + e), "ok")
    return cells


def _impose_relations(truth: dict, units: dict, real: dict) -> None:
    """Make generated cells obey the arithmetic the real packs show; real cells are never touched."""
    def val(ref, m):
        c = truth.get(ref, {}).get(m)
        return c.value if c and c.status == "ok" else None

    def is_real(ref, m):
        return (ref, m) in real

    for rate, count in RATES.items():
        if rate not in truth or count not in truth:
            continue
        ratios = [val(rate, m) / val(count, m) for m in MONTHS
                  if is_real(rate, m) and is_real(count, m) and val(rate, m) and val(count, m)]
        k = statistics.median(ratios) if ratios else 10000 / 50200
        for m in MONTHS:
            c = val(count, m)
            if not is_real(rate, m) and c is not None and truth[rate][m].status == "ok":
                truth[rate][m] = TruthCell(round_half_up(c * k), "ok")
    for pct, (num, den) in RATIOS.items():
        if pct not in truth or num not in truth or den not in truth:
            continue
        for m in MONTHS:
            n, d, p = val(num, m), val(den, m), val(pct, m)
            if d is None or d <= 0:
                continue
            if not is_real(pct, m) and n is not None and n <= d and p is not None:
                truth[pct][m] = TruthCell(_quantize("percent", m, 100.0 * n / d), "ok")
            elif is_real(pct, m) and not is_real(num, m) and p is not None and n is not None:
                truth[num][m] = TruthCell(round_half_up(p * d / 100.0), "ok")
    # a transfer-in percentage has nothing to divide by when there were no transfer-ins
    if "CP2b %" in truth and "CP2b" in truth:
        for m in MONTHS:
            if val("CP2b", m) == 0 and not is_real("CP2b %", m):
                truth["CP2b %"][m] = TruthCell(None, "missing", "-")


def _sprinkle_missing(truth: dict, real: dict) -> None:
    """A few genuinely unavailable cells besides the real ones: '-' or 'tbc'."""
    for ref, cells in truth.items():
        r = rng("missing", ref)
        for m in MONTHS:
            if (ref, m) in real or cells[m].status != "ok" or m < "2018-01":
                continue
            if r.random() < 0.006:
                cells[m] = TruthCell(None, "missing", "tbc" if r.random() < 0.35 else "-")


def build_truth(inds: list[Indicator] | None = None, real: dict | None = None) -> dict[str, dict[str, TruthCell]]:
    inds = inds if inds is not None else load_register()
    real = real if real is not None else load_real()
    truth = {ind.ref: _generate_series(ind, real) for ind in inds}
    _impose_relations(truth, {i.ref: i.unit for i in inds}, real)
    _sprinkle_missing(truth, real)
    return truth


def seed_packs(real: dict) -> set[str]:
    """The pack month of each seed = the latest month it prints."""
    return {max(m for (_, m), c in real.items() if getattr(c, "seed", None) == s)
            for s in {getattr(c, "seed", None) for c in real.values()}} if real else set()


def build_revisions(truth: dict, inds: list[Indicator], real: dict) -> dict[tuple[str, str], Revision]:
    """A seed pack must print its real value, so no provisional window may contain a seed pack
    that prints the cell; later packs print the (real) final value."""
    units = {i.ref: i.unit for i in inds}
    seeds = seed_packs(real)
    out = {}
    for ref, cells in truth.items():
        for m in MONTHS:
            c = cells[m]
            if c.status != "ok" or m < "2018-03":
                continue
            r = rng("revision", ref, m)
            if r.random() >= REVISION_SHARE:
                continue
            k = 1 if r.random() < 0.6 else 2
            last = month_add(m, k - 1)
            if last > MONTHS[-1] or any(m <= p <= last for p in seeds):
                continue
            if units[ref] == "percent":
                step = r.choice([-1, 1]) * r.uniform(1.0, 4.0)
                prov = _quantize("percent", m, c.value + step)
                if round_half_up(prov) == round_half_up(c.value):
                    prov = _quantize("percent", m, c.value + (2.0 if c.value < 50 else -2.0))
            else:
                step = max(1.0, abs(c.value) * r.uniform(0.03, 0.15))
                prov = max(0.0, round_half_up(c.value + r.choice([-1, 1]) * step))
                if prov == c.value:
                    prov = c.value + 1
            out[(ref, m)] = Revision(prov, last, c.value)
    return out


class Truth:
    """The truth plus the view of it a given pack had (provisional values before revision)."""

    def __init__(self, inds: list[Indicator] | None = None, real: dict | None = None):
        self.inds = inds if inds is not None else load_register()
        self.real = real if real is not None else load_real()
        self.cells = build_truth(self.inds, self.real)
        self.revisions = build_revisions(self.cells, self.inds, self.real)
        self.by_ref = {i.ref: i for i in self.inds}

    def in_pack(self, ref: str, month: str, pack: str) -> TruthCell:
        if month < MONTHS[0]:
            return TruthCell(None, "missing", "")
        c = self.cells[ref][month]
        rev = self.revisions.get((ref, month))
        if rev and pack <= rev.last_provisional_pack:
            return TruthCell(rev.provisional, "ok")
        return c

    def level(self, ref: str) -> float:
        vals = [c.value for c in self.cells[ref].values() if c.status == "ok"]
        return statistics.mean(vals) if vals else 0.0

    def write(self, golden: Path) -> None:
        golden.mkdir(parents=True, exist_ok=True)
        with open(golden / "truth.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["ref", "month", "value", "status", "marker"])
            for ind in self.inds:
                for m in MONTHS:
                    c = self.cells[ind.ref][m]
                    w.writerow([ind.ref, m, fmt_truth(ind.unit, c.value), c.status, c.marker])
        with open(golden / "truth_revisions.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["ref", "month", "provisional_value", "last_provisional_pack", "final_value"])
            for (ref, m), rv in sorted(self.revisions.items(), key=lambda kv: (kv[0][1], kv[0][0])):
                u = self.by_ref[ref].unit
                w.writerow([ref, m, fmt_truth(u, rv.provisional), rv.last_provisional_pack,
                            fmt_truth(u, rv.final)])


def fmt_truth(unit: str, v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:.1f}" if unit == "percent" else str(int(v))


def month_gap(a: str, b: str) -> int:
    return month_diff(a, b)
