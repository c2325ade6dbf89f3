"""Dashboard cells from every kind of input: the dashboard pages' month values that the pack's
tables do not print (only a dashboard reader can give them), read from text layers, 300/200 dpi
scans and the text that tools extracted from them (tesseract's OCR'd text included), scored
against golden/printed*.csv. Prints tables, never asserts.

    python bench/bench_dashboards.py corpus/full [--extracted corpus/full-extracted] [--cache DIR]
    python bench/bench_dashboards.py corpus/full --layers none --tools tesseract-psm6,tesseract-psm3
    python bench/bench_dashboards.py /tmp/x --layers none --truth /tmp/x    # a folder make.py rendered

Rows: the dashboard style - 'polyline' (the first reportlab dashboards: axes, a polyline, the
one-line table) or 'charts' (matplotlib charts with heading, caption, legend, benchmarking box,
percent values without '%', truncated labels); columns: the input kind.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import bench_extracted, bench_layout  # noqa: E402
from bench.measure import DETAIL, DETAIL_NOTE, Tally, detail_row, env_jobs, golden_printed, print_table, summary  # noqa: E402


def style(renderer: str, look: str) -> str:
    return "charts" if renderer == "libreoffice" or look == "charts" else "polyline"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a corpus/make.py output folder")
    ap.add_argument("--extracted", type=Path, help="its corpus/extract.py folder (default: <folder>-extracted)")
    ap.add_argument("--layers", default="text,scan300,scan200,mixed", help="PDF layers to read ('none': none)")
    ap.add_argument("--tools", help="comma-separated extraction tools (default: all in the extracted folder)")
    ap.add_argument("--holdout", action="store_true")
    ap.add_argument("--truth", type=Path, help="score against the printed cells in this corpus/make.py output "
                    "folder's .meta/ (a folder rendered with --packs/--variants, or a check set)")
    ap.add_argument("--workers", type=int, default=env_jobs())
    ap.add_argument("--cache", help="OCR cache folder shared with bench_layout.py (default: none)")
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args(argv)
    truth = a.truth or a.holdout
    printed = golden_printed(truth)
    from bench.measure import dashboard_only
    with_dash = {s for s, cells in printed.items() if dashboard_only(cells)}
    groups = bench_layout.corpus_groups(a.folder, truth, a.layers.split(","), bench_layout.RENDERERS, None, 0)
    groups = {k: [f for f in v if Path(f).name in with_dash] for k, v in groups.items()}
    groups = {k: v for k, v in groups.items() if v}
    res: dict[tuple, Tally] = {}
    if groups:
        read, errors = bench_layout.read_groups(groups, a.workers, a.cache)
        for (r, lk, lay), t in bench_layout.score_groups(read, truth, kind="dashboard").items():
            res.setdefault((r, style(r, lk), lay), Tally()).add(t)
        for k, errs in sorted(errors.items()):
            for e in errs[:2]:
                print(f"  error ({'/'.join(k)}): {e}")
    ext = a.extracted or a.folder.with_name(a.folder.name + "-extracted")
    if (ext / ".meta" / "sources.csv").exists():
        got = bench_extracted.run(ext, a.tools.split(",") if a.tools else None, truth, kind="dashboard",
                                  group=lambda s: (s["renderer"], style(s["renderer"], s["look"])))
        for (tool, key), t in got.items():
            if key != "errors" and t.printed:
                res.setdefault((key[0], key[1], tool), Tally()).add(t)
    else:
        print(f"  ({ext}: no extracted text; run corpus/extract.py for the extracted columns)")
    if not res:
        print("no dashboard cells in these inputs")
        return 1
    rows = sorted({(r, s) for r, s, _ in res})
    kinds = [k for k in ("text", "scan300", "scan200", "mixed") if any(x[2] == k for x in res)]
    kinds += sorted({x[2] for x in res} - set(kinds), key=lambda t: (t.startswith("tesseract"), t))
    print_table("dashboards, dashboard-only month cells exact % (wrong with status ok)",
                ["renderer", "style", *kinds], [[r, s] + [summary(res.get((r, s, k))) for k in kinds] for r, s in rows],
                "text/scan*/mixed: the PDFs; other columns: the text each tool extracted from them")
    print_table("dashboards: every class", ["renderer", "style", "input", *DETAIL],
                [detail_row(list(k), res[k]) for k in sorted(res)], DETAIL_NOTE)
    ocr = [k for k in sorted(res) if k[2].startswith("tesseract")]
    if ocr:
        print_table("dashboards, OCR'd text: values intact in tesseract's output",
                    ["renderer", "style", "tool", "printed", "intact %", "recovered of intact %", "wrong ok"],
                    [[*k, res[k].printed, res[k].pct(res[k].intact), res[k].pct(res[k].intact_recovered, res[k].intact),
                      res[k].wrong_ok] for k in ocr])
    if a.show:
        for k in sorted(res):
            for m in res[k].worst_misses(a.show):
                print(f"  miss {'/'.join(k)}:", *m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
