"""What OCR really makes of the printed month cells of the corpus scans: the slips the calibration
bench (bench_reconcile.py, through simulate.py) draws its misreads from, instead of from the table
of slips the reconciliation model itself knows how to undo.

For every scanned table page of a corpus folder (golden/pages.csv: layer 'image'), the page is
straightened the way the OCR reader straightens it and read whole by tesseract (TSV words, psm 6:
the "someone already OCR'd it" read, without the reader's per-cell crops, ink checks and second
looks). The words whose centre falls inside a printed month cell's box (golden/printed.csv) are
that cell's plain read. One line per printed cell goes to the output: the printed text, the plain
read, and its confidence (the lowest word confidence, 0-1).

    python bench/measure_confusions.py corpus/full --per-variant 1 --per-file 1   # bench/ocr_confusions.csv
    python bench/measure_confusions.py corpus/demo --out /tmp/demo_confusions.csv  # the demo's three scans

bench/ocr_confusions.csv was made by the first line: the first table page of one file of every look
x renderer x resolution of the full corpus (37 pages, 5,338 cells; half an hour on one core).
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = ("variant", "dpi", "source", "page", "ref", "month", "printed", "plain", "plain_conf")


def golden_rows(stem: str):
    """The rows of golden/<stem>.csv and of its second renderer's golden/<stem>_lo.csv."""
    for path in sorted((ROOT / "golden").glob(f"{stem}*.csv")):
        if path.stem in (stem, f"{stem}_lo"):
            with open(path, newline="", encoding="utf-8") as f:
                yield from csv.DictReader(f)


def scanned_pages(folder: Path, set_: str, per_variant: int = 0, per_file: int = 0) -> list[tuple[str, str, int]]:
    """(variant, source, page) of every scanned table page of the corpus files in the folder; with
    per_variant, of only the first that many files of each variant (look x renderer x resolution),
    with per_file, of only the first that many table pages of each file."""
    present = {p.name for p in folder.glob("*.pdf")}
    pages = sorted({(r["variant"], r["source"], int(r["page"])) for r in golden_rows("pages")
                    if r["set"] == set_ and r["layer"] == "image" and r["kind"] == "table" and r["source"] in present})
    if per_variant:
        files: dict[str, list[str]] = defaultdict(list)
        for variant, source, _ in pages:
            if source not in files[variant]:
                files[variant].append(source)
        keep = {s for v in files.values() for s in v[:per_variant]}
        pages = [p for p in pages if p[1] in keep]
    if per_file:
        seen: dict[str, int] = defaultdict(int)
        kept = []
        for p in pages:
            seen[p[1]] += 1
            if seen[p[1]] <= per_file:
                kept.append(p)
        pages = kept
    return pages


def printed_cells(set_: str) -> dict[tuple[str, int], list[dict]]:
    out: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in golden_rows("printed"):
        if r["set"] == set_ and r["kind"] == "table" and r["box"]:
            out[(r["source"], int(r["page"]))].append(r)
    return out


def measure_page(path: Path, variant: str, page: int, cells: list[dict], dpi: int) -> list[list]:
    import pytesseract

    from recover.readers.ocr import deskew as dk
    from recover.readers.ocr.engine import default_engine
    from recover.readers.ocr.render import pdf_page_image
    from recover.readers.ocr.straighten import straighten
    img = pdf_page_image(str(path), page - 1, dpi)
    gray, _ = straighten(dk.to_gray(img.gray), default_engine())
    d = pytesseract.image_to_data(gray, config="--psm 6", output_type=pytesseract.Output.DICT)
    k = 72.0 / img.dpi
    words = [(t.strip(), float(c), (x + w / 2) * k, (y + h / 2) * k, x * k)
             for t, c, x, y, w, h in zip(d["text"], d["conf"], d["left"], d["top"], d["width"], d["height"])
             if t.strip() and float(c) >= 0]
    out = []
    for p in cells:
        x0, y0, x1, y1 = (float(v) for v in p["box"].split(","))
        inside = sorted((wx, t, c) for t, c, cx, cy, wx in words if x0 <= cx <= x1 and y0 <= cy <= y1)
        plain = " ".join(t for _, t, _ in inside)
        conf = min((c for _, _, c in inside), default=0.0) / 100
        out.append([variant, dpi, path.name, page, p["ref"], p["month"], p["printed"], plain, f"{conf:.3f}"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "ocr_confusions.csv")
    ap.add_argument("--set", default=None, help="golden set of the folder's files (default: demo for corpus/demo, else full)")
    ap.add_argument("--variants", default="", help="only these variants, e.g. scan200,scan300")
    ap.add_argument("--per-variant", type=int, default=0, help="only the first N files of each variant")
    ap.add_argument("--per-file", type=int, default=0, help="only the first N table pages of each file")
    a = ap.parse_args()
    set_ = a.set or ("demo" if a.folder.name == "demo" else "full")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cells = printed_cells(set_)
    rows = []
    only = set(filter(None, a.variants.split(",")))
    for variant, source, page in scanned_pages(a.folder, set_, a.per_variant, a.per_file):
        if only and variant not in only:
            continue
        dpi = 200 if "200" in variant else 300
        got = measure_page(a.folder / source, variant, page, cells.get((source, page), []), dpi)
        rows += got
        wrong = sum(1 for r in got if r[7] != r[6])
        print(f"{source} p{page}: {len(got)} cells, plain read differs in {wrong}", flush=True)
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(rows)
    print(f"{len(rows)} cells -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
