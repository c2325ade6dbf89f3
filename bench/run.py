"""Every figure the issues ask for, in one go (`make bench`). Uses corpus/full when it exists
(`make corpus` renders it, ~5 min), otherwise the committed demo set. Prints, never asserts."""
from __future__ import annotations

import os
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
    full = os.path.join(ROOT, "corpus", "full")
    base = full if os.path.isdir(full) else os.path.join(ROOT, "corpus", "demo")
    print(f"corpus: {base}")
    text = variant_dir(base, "text")
    if text:
        step("text layer: accuracy and pages/s", ["bench/bench_corpus.py", text, "--variant", "text", "--workers", "1"])
        step("series after reconciliation, text corpus",
             ["bench/bench_series.py", text, "--out", tempfile.mkdtemp(prefix="bench-series-")])
    for v in ("scan300", "scan200", "mixed"):
        d = variant_dir(base, v)
        if d:
            step(f"{v}: accuracy and s/page through the pipeline", ["bench/bench_corpus.py", d, "--variant", v])
    step("OCR reader alone, with cache speed-up", ["bench/bench_ocr.py", base])
    step("real seed extractions", ["bench/bench_seeds.py"])
    step("confidence calibration with simulated misreads", ["bench/bench_reconcile.py"])


if __name__ == "__main__":
    main()
