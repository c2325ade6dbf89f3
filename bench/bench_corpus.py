"""Accuracy and speed through the pipeline: read a corpus folder through the pipeline and score every printed month cell
against golden/printed.csv. Prints accuracy, wrong values with status ok, and pages per second
(start-up excluded: imports and the register are loaded before the clock starts).

    python bench/bench_corpus.py corpus/full/text --variant text
    python bench/bench_corpus.py corpus/full/scan300 --variant scan300 --workers 2
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.score import load_printed, score  # noqa: E402
from recover.ingest.sources import discover  # noqa: E402
from recover.pipeline import Settings, open_all, read_sources  # noqa: E402
from recover.register import load_register  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--variant", required=True)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--cache", default=None, help="OCR cache folder (default: none, cold run)")
    ap.add_argument("--show", type=int, default=10, help="failures to print")
    a = ap.parse_args()
    register = load_register()
    files, _, problems = discover([a.folder])
    files = [f for f in files if f.endswith(".pdf")]
    t0 = time.perf_counter()
    sources, errors = open_all(files)
    errors = list(problems) + list(errors)
    packs, errs = read_sources(sources, Settings(dpi=a.dpi, workers=a.workers, cache_dir=a.cache), register)
    secs = time.perf_counter() - t0
    pages = sum(len(p.pages) for p in packs)
    data_pages = sum(1 for p in packs for i in p.pages if i.kind in ("dataset", "dashboard"))
    for e in errors + errs:
        print("error:", e.line())
    # every file given counts: a refused file's printed cells are all missed, not out of the count
    printed = load_printed(a.variant, {os.path.basename(f) for f in files})
    obs = [o for p in packs for o in p.observations]
    s = score(obs, printed)
    print(s.render(f"{a.variant} ({len(packs)} packs)"))
    print(f"pages: {pages} ({data_pages} with a dataset) in {secs:.2f} s = {pages / secs:.1f} pages/s, "
          f"{secs / max(data_pages, 1):.3f} s per dataset page, workers={a.workers}")
    unmatched = sum(1 for p in packs for r in p.rows if not r.ref)
    print(f"rows: {sum(len(p.rows) for p in packs)}, unmatched: {unmatched}")
    for p, o in s.failures[: a.show]:
        got = f"{o.raw!r} {o.status} {o.value} conf={o.confidence}" if o else "no observation"
        print(f"   {p['source']} p{p['page']} {p['ref']} {p['month']}: printed {p['printed']!r} -> {got}")


if __name__ == "__main__":
    main()
