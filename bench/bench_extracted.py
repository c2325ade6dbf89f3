"""Text extracted by common tools from the corpus (corpus/extract.py), read by recover and scored
against the cells each source PDF printed. Prints tables, never asserts.

    python bench/bench_extracted.py corpus/full-extracted
    python bench/bench_extracted.py corpus/full-extracted --tools pdftotext-layout,pypdf --show 5
    python bench/bench_extracted.py tests/data/extracted          # the committed samples
    python bench/bench_extracted.py /tmp/check-extracted --truth /tmp/check   # a check set (--salt)
    python bench/bench_extracted.py tests/data/extracted --alone   # each file read on its own

By default a tool's files are read together, as a back-fill reads a folder: the packs' readings
are reconciled across packs, which can hide a pack's own error. --alone reads each file on its own
(the data team checking a new pack), where only the pack's own evidence decides a status.

Table 1: month cells exact % (wrong values with status ok), rows = tool, columns = renderer.
Table 2: every class of bench/measure.py per tool and renderer, with seconds per page of the
source PDF. Table 3 (OCR'd text): the share of printed month values that appear intact in
tesseract's text, and how many of those recover read exactly (definitions: bench/measure.py).
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import (DETAIL, DETAIL_NOTE, Tally, detail_row, golden_pages, golden_printed, intact,  # noqa: E402
                           ocr_page_texts, print_table, read_files, summary, tally_pack, tally_refused)

RENDERERS = ("reportlab", "libreoffice")


def load_sources(folder: Path) -> list[dict]:
    with open(folder / ".meta" / "sources.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def n_pages_of(tool: str, plist: list[dict]) -> int:
    """Pages a file stands for: the PDF's pages, or the OCR'd pages for tesseract's text."""
    if tool.startswith("tesseract"):
        return sum(1 for q in plist if q["layer"] == "image" and q["kind"] in ("table", "dashboard"))
    return len(plist)


def read_alone(files: list[str]) -> tuple[list, list[str], float]:
    """read_files on each file by itself: (packs, errors, seconds) summed over the reads."""
    packs, errors, secs = [], [], 0.0
    for f in files:
        p, e, t = read_files([f], ocr=False, workers=1)
        packs.extend(p)
        errors.extend(e)
        secs += t
    return packs, errors, secs


def run(folder: Path, tools: list[str] | None, holdout: bool | Path, show: int = 0, kind: str = "table",
        group=lambda s: s["renderer"], alone: bool = False) -> dict:
    """{(tool, group(source row)): Tally} for the table cells (kind='table') or the dashboard-only
    cells (kind='dashboard'); by default grouped by renderer. alone: each file read on its own."""
    from bench.measure import dashboard_only
    sources = load_sources(folder)
    printed = golden_printed(holdout)
    pages = golden_pages(holdout)
    by_tool = defaultdict(list)
    for s in sources:
        if tools is None or s["tool"] in tools:
            by_tool[s["tool"]].append(s)
    out: dict[tuple[str, str], Tally] = {}
    for tool, items in sorted(by_tool.items()):
        files = [str(folder / s["file"]) for s in items if (folder / s["file"]).exists()]
        meta = {Path(s["file"]).name: s for s in items}
        packs, errors, secs = read_alone(files) if alone else read_files(files, ocr=False, workers=1)
        read = {p.source: p for p in packs}
        # the tool's read time, shared out by the pages each file stands for
        n_all = sum(n_pages_of(tool, pages.get(s["source"], [])) for s in meta.values()) or 1
        for name, s in sorted(meta.items()):
            cells = printed.get(s["source"], [])
            cells = dashboard_only(cells) if kind == "dashboard" else [c for c in cells if c["kind"] == "table"]
            if not cells:
                continue
            plist = pages.get(s["source"], [])
            ocr_pages = [int(q["page"]) for q in plist if q["layer"] == "image" and q["kind"] in ("table", "dashboard")]
            n_pages = n_pages_of(tool, plist)
            p = read.get(name)
            if p is None:          # the input was refused: every printed cell is lost
                t, exact_by_page = tally_refused(name, cells, n_pages), {}
            else:
                t, exact_by_page = tally_pack(p, cells, by_page=False, n_pages=n_pages)
            t.seconds = secs * n_pages / n_all
            if tool.startswith("tesseract"):
                t.intact, t.intact_recovered = intact(cells, ocr_page_texts(folder / s["file"], ocr_pages),
                                                      exact_by_page)
            out.setdefault((tool, group(s)), Tally()).add(t)
        for e in errors:
            out.setdefault((tool, "errors"), Tally()).errors.append(e)
    return out


def report(res: dict, title: str, show: int) -> None:
    tools = sorted({t for t, r in res if r != "errors"}, key=lambda t: (t.startswith("tesseract"), t))
    print_table(f"{title}: month cells exact % (wrong with status ok)", ["tool", *RENDERERS],
                [[t] + [summary(res.get((t, r))) for r in RENDERERS] for t in tools])
    rows = [detail_row([t, r], res[(t, r)]) for t in tools for r in RENDERERS if (t, r) in res]
    print_table(f"{title}: every class", ["tool", "renderer", *DETAIL], rows,
                "s/page: reading time per page of the source PDF (per OCR'd page for tesseract text); "
                + DETAIL_NOTE)
    ocr = [(t, r) for t in tools for r in RENDERERS if t.startswith("tesseract") and (t, r) in res]
    if ocr:
        print_table(f"{title}: OCR'd text, values intact in tesseract's output", ["tool", "renderer", "printed",
                    "intact", "intact %", "recovered of intact %", "wrong ok"],
                    [[t, r, res[(t, r)].printed, res[(t, r)].intact, res[(t, r)].pct(res[(t, r)].intact),
                      res[(t, r)].pct(res[(t, r)].intact_recovered, res[(t, r)].intact), res[(t, r)].wrong_ok]
                     for t, r in ocr])
    for (t, r), tl in sorted(res.items()):
        for e in tl.errors[:3]:
            print(f"  error ({t}): {e}")
        if show and r != "errors":
            for m in tl.worst_misses(show):
                print(f"  miss {t}/{r}:", *m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a corpus/extract.py output folder")
    ap.add_argument("--tools", help="comma-separated tools (default: all in the folder)")
    ap.add_argument("--holdout", action="store_true", help="score against golden/holdout/")
    ap.add_argument("--truth", type=Path, help="score against the printed cells in this corpus/make.py "
                                               "output folder's .meta/ (the PDFs the text came from)")
    ap.add_argument("--alone", action="store_true", help="read each file on its own (no reconciliation "
                                                         "across packs)")
    ap.add_argument("--show", type=int, default=0, help="print this many misses per tool and renderer, worst first")
    a = ap.parse_args(argv)
    if not (a.folder / ".meta" / "sources.csv").exists():
        print(f"{a.folder}: no .meta/sources.csv (run corpus/extract.py first)")
        return 1
    tools = a.tools.split(",") if a.tools else None
    title = "extracted text, table cells" + (", each file alone" if a.alone else "")
    report(run(a.folder, tools, a.truth or a.holdout, a.show, alone=a.alone), title, a.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
