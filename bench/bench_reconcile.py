"""Calibration of reconciliation: simulated read errors on the generated corpus, scored against the truth.

    .venv/bin/python bench/bench_reconcile.py [--golden golden] [--seeds 3] [--rate-scale 1.0]

Builds every pack of golden/printed.csv (set 'full') as a reader would deliver it, with misreads
on scanned pages made of the slips tesseract really made on the corpus scans, with the confidences
it gave them (bench/simulate.py, from bench/ocr_confusions.csv), reconciles them all and compares
each cell with golden/truth.csv. Targets: among ok cells wrong <= 0.1%; >= 95% of wrong cells sent
to review. --p-confident lifts a share of the misreads to a high confidence (a stress).
Also prints the revisions found against golden/truth_revisions.csv and the time taken.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recover.reconcile import reconcile_records  # noqa: E402
from recover.reconcile.precision import agree, half_unit  # noqa: E402
from bench.simulate import (ErrorModel, MeasuredReads, load_printed, load_revisions, load_truth,  # noqa: E402
                            simulate_packs)


def is_wrong(cell, truth) -> bool:
    t_value, t_status = truth
    if cell.value is None:
        return t_status == "ok"
    if t_status != "ok" or t_value is None:
        return True
    # the truth may carry more digits than the packs print: compare at the printed precision
    return abs(cell.value - t_value) > half_unit(cell.decimals) + 1e-9


def score(rec, truth: dict, revisions: dict) -> dict:
    s = {"cells": 0, "ok": 0, "missing": 0, "review": 0, "corrected": 0, "wrong": 0, "wrong_ok": 0,
         "wrong_review": 0, "review_right": 0, "no_truth": 0}
    wrong_ok_examples = []
    for c in rec.cells:
        if c.n_sources == 0 and c.status == "missing" and "no pack" in c.reason:
            continue
        t = truth.get((c.ref, c.month))
        if t is None:
            s["no_truth"] += 1
            continue
        s["cells"] += 1
        s[c.status] += 1
        wrong = is_wrong(c, t)
        if wrong:
            s["wrong"] += 1
            if c.status in ("ok", "missing"):
                s["wrong_ok"] += 1
                wrong_ok_examples.append((c, t))
            else:
                s["wrong_review"] += 1
        elif c.status == "review":
            s["review_right"] += 1
    found = {(r.ref, r.month) for r in rec.revisions}
    true_revs = {k for k, (prov, last, final) in revisions.items()}
    shown = {(c.ref, c.month) for c in rec.cells if c.n_sources}
    true_revs &= shown
    s["revisions_true"] = len(true_revs)
    s["revisions_found"] = len(found)
    s["revisions_hit"] = len(found & true_revs)
    s["examples"] = wrong_ok_examples
    return s


def one_file_per_pack(cells, preference: list[str]):
    """Keep, for each pack month, only the file of the most preferred variant it has."""
    have: dict[str, set[str]] = {}
    for c in cells:
        have.setdefault(c.pack, set()).add(c.variant)
    rank = {v: i for i, v in enumerate(preference)}
    keep = {p: min(vs, key=lambda v: rank.get(v, len(rank))) for p, vs in have.items()}
    return [c for c in cells if c.variant == keep[c.pack]]


def run(golden: Path, seed: int, scale: float, p_confident: float | None, only: str = "",
        measured: MeasuredReads | None = None) -> dict:
    cells, rows = load_printed(golden)
    if only:
        cells = one_file_per_pack(cells, only.split(","))
    base = ErrorModel()
    model = replace(base, seed=seed, p_confident=p_confident, p_extra_misread=base.p_extra_misread * scale,
                    p_misread=tuple((m, p * scale) for m, p in base.p_misread))
    packs, n_wrong_reads = simulate_packs(cells, rows, model, measured)
    obs = [o for p in packs for o in p.observations]
    recs = [r for p in packs for r in p.rows]
    t0 = time.perf_counter()
    rec = reconcile_records(obs, recs)
    dt = time.perf_counter() - t0
    s = score(rec, load_truth(golden), load_revisions(golden))
    s.update(packs=len(packs), readings=len(obs), misreads=n_wrong_reads, seconds=dt)
    return s


def report(s: dict, label: str) -> None:
    vouched = s["ok"] + s["missing"]
    wrong_ok_rate = s["wrong_ok"] / vouched if vouched else 0.0
    caught = s["wrong_review"] / s["wrong"] if s["wrong"] else 1.0
    print(f"{label}: {s['packs']} files, {s['readings']} readings, {s['misreads']} simulated misreads, "
          f"reconciled in {s['seconds']:.1f} s")
    print(f"  cells {s['cells']}: ok {s['ok']}, missing {s['missing']}, review {s['review']} "
          f"({s['review'] / max(s['cells'], 1):.2%}; {s['review_right']} of them right)")
    print(f"  wrong cells {s['wrong']}: in review {s['wrong_review']} ({caught:.1%}, target >= 95%), "
          f"vouched-for (ok/missing) {s['wrong_ok']} = {wrong_ok_rate:.3%} of {vouched} (target <= 0.1%)")
    print(f"  revisions: {s['revisions_found']} listed, {s['revisions_hit']} of {s['revisions_true']} true ones")
    for c, t in s["examples"][:8]:
        print(f"    wrong but {c.status}: {c.ref} {c.month} = {c.value} (truth {t[0]}), conf {c.confidence:.3f}; "
              f"{c.reason[:160]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--golden", type=Path, default=ROOT / "golden")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--rate-scale", type=float, default=1.0, help="multiply every misread rate")
    ap.add_argument("--p-confident", type=float, default=None,
                    help="share of misreads lifted to a high confidence (default: the measured confidences)")
    ap.add_argument("--confusions", type=Path, default=ROOT / "bench" / "ocr_confusions.csv",
                    help="measured reads (bench/measure_confusions.py)")
    ap.add_argument("--only", default="", help="one file per pack, by variant preference, e.g. scan200,scan300,mixed,text")
    args = ap.parse_args()
    if not (args.golden / "printed.csv").exists():
        print(f"no {args.golden / 'printed.csv'}: run `python corpus/make.py --golden` first")
        return 1
    measured = MeasuredReads.load(args.confusions)
    print(f"slips measured on real OCR ({args.confusions.name}): " + ", ".join(
        f"{dpi} dpi {len(measured.slips.get(dpi, ()))} wrong numbers in {n} cells"
        for dpi, n in sorted(measured.cells.items())))
    totals: dict = {}
    clean = run(args.golden, 0, 0.0, args.p_confident, args.only, measured)
    report(clean, "no misreads (false alarms only)")
    for seed in range(1, args.seeds + 1):
        s = run(args.golden, seed, args.rate_scale, args.p_confident, args.only, measured)
        report(s, f"seed {seed}")
        for k, v in s.items():
            if isinstance(v, (int, float)):
                totals[k] = totals.get(k, 0) + v
            elif k == "examples":
                totals.setdefault(k, []).extend(v)
    if args.seeds > 1:
        report(totals, f"all {args.seeds} seeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
