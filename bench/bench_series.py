"""Series after reconciliation on the real pipeline: run recover over a corpus folder, then compare series.csv
with golden/truth.csv. A series cell is right when its value equals the truth at the precision it was
printed (2020+ packs print whole percentages), or both are missing. The cells scored are the truth's
(indicator, month) cells that the files given print (golden/printed*.csv): one series.csv lacks (a refused
file's, say) counts as not in the series, never out of the count.

    python bench/bench_series.py corpus/full/text --out /tmp/series-text
"""
from __future__ import annotations

import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.measure import golden_printed  # noqa: E402
from recover.api import run  # noqa: E402
from recover.ingest.sources import discover  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _round_half_away(x: float, d: int) -> float:
    q = 10 ** d
    return (int(abs(x) * q + 0.5) / q) * (1 if x >= 0 else -1)


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--show", type=int, default=15)
    a = ap.parse_args()
    summary = run(a.folders, a.out, force=False)
    print(summary.render())
    with open(os.path.join(ROOT, "golden", "truth.csv"), newline="") as f:
        truth = {(r["ref"], r["month"]): r for r in csv.DictReader(f)}
    with open(os.path.join(a.out, "series.csv"), newline="") as f:
        series = {(s["ref"], s["month"]): s for s in csv.DictReader(f)}
    files, _, _ = discover(a.folders)
    cells = golden_printed()
    printed = {(c["ref"], c["month"]) for f in files for c in cells.get(os.path.basename(f), [])}
    n = right = wrong_ok = wrong_review = ok = 0
    wrong, lost = [], []
    for key in sorted(printed):
        t = truth.get(key)
        if t is None:
            continue
        n += 1
        s = series.get(key)
        if s is None:
            lost.append(key)
            continue
        if s["status"] in ("ok", "corrected"):
            ok += 1
        if s["value"] == "" or t["value"] == "":
            good = s["value"] == "" and t["value"] == ""
        else:
            v = float(s["value"])
            good = abs(_round_half_away(float(t["value"]), _decimals(s["value"])) - v) < 1e-6
        if good:
            right += 1
        else:
            wrong.append((s, t))
            if s["status"] in ("ok", "corrected", "missing"):
                wrong_ok += 1
            else:
                wrong_review += 1
    print(f"series cells: {n}; exactly right: {right} ({100 * right / max(n, 1):.3f}%); "
          f"status ok: {ok}; wrong with status ok/missing: {wrong_ok} ({100 * wrong_ok / max(ok, 1):.3f}% of ok); "
          f"wrong sent to review: {wrong_review} of {len(wrong)}; not in the series: {len(lost)}")
    if lost:
        print("   not in the series:", ", ".join(f"{r} {m}" for r, m in lost[: a.show]))
    for s, t in wrong[: a.show]:
        print(f"   {s['ref']} {s['month']}: series {s['value']!r} ({s['status']}, {s['confidence']}) "
              f"truth {t['value']!r}; {s.get('reason', '')[:120]}")


if __name__ == "__main__":
    main()
