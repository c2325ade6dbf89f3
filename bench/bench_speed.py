"""Reading speed of extracted text: seconds per 100 pages of the source PDF, per tool, on one core.
Prints a table, never asserts.

    python bench/bench_speed.py corpus/full-extracted                    # ~100 pages of every tool
    python bench/bench_speed.py corpus/full-extracted --tools pdftotext-layout --pages 200
    python bench/bench_speed.py corpus/full-extracted --profile 25       # + the 25 costliest functions

For each tool, files are taken in name order, alternating the two renderers, until they stand for
at least --pages pages (the source PDF's pages; for tesseract's text, the pages it OCR'd: see
bench_extracted.n_pages_of). They are read through the whole pipeline (open, file kind, readers,
identification) with one worker, as `recover run` reads them; the register is loaded before the clock
starts. Wall time and this process's CPU time are both printed: on a busy machine the CPU time is
the one to compare. With --profile, each tool's read also runs under cProfile (a separate, slower run) and its
costliest functions by own time are printed.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_extracted import load_sources, n_pages_of  # noqa: E402
from bench.measure import golden_pages, print_table, read_files  # noqa: E402


def pick(items: list[dict], pages: dict, want: int) -> tuple[list[dict], int]:
    """Files of one tool, alternating renderers in name order, until they stand for `want` pages."""
    by_r: dict[str, list[dict]] = {}
    for s in sorted(items, key=lambda s: s["file"]):
        by_r.setdefault(s["renderer"], []).append(s)
    queues = [list(v) for _, v in sorted(by_r.items())]
    out, n = [], 0
    while n < want and any(queues):
        for q in queues:
            if q and n < want:
                s = q.pop(0)
                k = n_pages_of(s["tool"], pages.get(s["source"], []))
                if k:
                    out.append(s)
                    n += k
    return out, n


def profile(files: list[str], top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    read_files(files, ocr=False, workers=1)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a corpus/extract.py output folder")
    ap.add_argument("--tools", help="comma-separated tools (default: all in the folder)")
    ap.add_argument("--pages", type=int, default=100, help="source pages per tool (default 100)")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also profile each tool's read and print its N costliest functions")
    a = ap.parse_args(argv)
    sources = load_sources(a.folder)
    pages = golden_pages(False)
    tools = a.tools.split(",") if a.tools else sorted({s["tool"] for s in sources})
    rows, profiles = [], []
    for tool in tools:
        items = [s for s in sources if s["tool"] == tool and (a.folder / s["file"]).exists()]
        chosen, n = pick(items, pages, a.pages)
        if not chosen:
            continue
        files = [str(a.folder / s["file"]) for s in chosen]
        cpu = time.process_time()
        packs, errors, secs = read_files(files, ocr=False, workers=1)
        cpu = time.process_time() - cpu
        rows.append([tool, len(files), n, f"{secs:.2f}", f"{100 * secs / n:.2f}", f"{100 * cpu / n:.2f}",
                     len(errors)])
        if a.profile:
            profiles.append((tool, profile(files, a.profile)))
    print_table("extracted text: reading speed, one worker", ["tool", "files", "pages", "seconds",
                "s / 100 pages", "cpu s / 100 pages", "errors"], rows,
                "pages: of the source PDF (OCR'd pages for tesseract's text); cpu: this process's CPU time "
                "(the figure to compare on a shared machine)")
    for tool, text in profiles:
        print(f"\n--- {tool}: costliest functions (own time) ---\n{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
