"""Every benchmark, in one go (`make bench`). Prints figures, never asserts.

Uses corpus/full (and corpus/full-extracted) when `make corpus` has made them, otherwise the
committed demo set and the committed extraction samples (tests/data/extracted).

    python bench/run.py                  # everything on corpus/full (the scans take a while)
    python bench/run.py --quick          # text layers and extracted text only
    python bench/run.py --holdout        # the holdout's summary tables only (corpus/full-holdout)
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = sys.executable


def variant_dir(base: str, variant: str) -> str | None:
    """A folder holding only one variant's PDFs (links), so each bench reads what it scores."""
    files = sorted(n for n in os.listdir(base) if n.endswith(f"_{variant}.pdf"))
    if not files:
        return None
    d = tempfile.mkdtemp(prefix=f"bench-{variant}-")
    for n in files:
        os.symlink(os.path.join(base, n), os.path.join(d, n))
    return d


def step(title: str, args: list[str]) -> None:
    print(f"\n== {title}\n$ {' '.join(args)}", flush=True)
    subprocess.run([PY] + args, cwd=ROOT, check=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="no scans: text layers and extracted text only")
    ap.add_argument("--holdout", action="store_true", help="only the holdout's summary tables")
    a = ap.parse_args()
    full = os.path.join(ROOT, "corpus", "full")
    if a.holdout:
        hold = full + "-holdout"
        if not os.path.isdir(hold):
            print("no corpus/full-holdout: run `make corpus` first")
            return
        layers = "text" if a.quick else "text,scan300,scan200"
        step("holdout: layout", ["bench/bench_layout.py", hold, "--holdout", "--layers", layers])
        if os.path.isdir(hold + "-extracted"):
            step("holdout: extracted text", ["bench/bench_extracted.py", hold + "-extracted", "--holdout"])
        return
    base = full if os.path.isdir(full) else os.path.join(ROOT, "corpus", "demo")
    extracted = full + "-extracted" if os.path.isdir(full + "-extracted") else \
        os.path.join(ROOT, "tests", "data", "extracted")
    print(f"corpus: {base}\nextracted text: {extracted}")
    cache = tempfile.mkdtemp(prefix="bench-ocr-cache-")
    try:
        text = variant_dir(base, "text")
        if text:
            step("ruled text layer: accuracy and pages/s", ["bench/bench_corpus.py", text, "--variant", "text",
                                                            "--workers", "1"])
            step("series after reconciliation, ruled text corpus",
                 ["bench/bench_series.py", text, "--out", tempfile.mkdtemp(prefix="bench-series-")])
        layers = "text" if a.quick else "text,scan300,scan200,mixed"
        if base == full:
            step("layout: every look x renderer x layer", ["bench/bench_layout.py", base, "--layers", layers,
                                                           "--cache", cache])
            step("dashboards: every style x input", ["bench/bench_dashboards.py", base, "--layers", layers,
                                                     "--extracted", extracted, "--cache", cache])
        step("extracted text: every tool x renderer", ["bench/bench_extracted.py", extracted])
        step("extracted text: seconds per 100 pages per tool", ["bench/bench_speed.py", extracted])
        if not a.quick:
            for v in ("scan300", "scan200", "mixed"):
                d = variant_dir(base, v)
                if d:
                    step(f"ruled {v}: accuracy and s/page through the pipeline",
                         ["bench/bench_corpus.py", d, "--variant", v])
            step("OCR reader alone, with cache speed-up", ["bench/bench_ocr.py", base])
        step("real seed extractions", ["bench/bench_seeds.py"])
        step("confidence calibration with simulated misreads", ["bench/bench_reconcile.py"])
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
