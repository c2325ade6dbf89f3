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

With --tsv FOLDER the words come from tesseract TSV files already made (`<name>.tesseract-tsv.tsv`,
as corpus/extract.py writes them: the scan as stored, psm 3) instead of a new read; only upright
pages are measured then (a turned page's words are in the turned image's frame):

    python bench/measure_confusions.py corpus/full --tsv corpus/full-extracted/tesseract-tsv --out /tmp/tsv.csv
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

from recover.testing import CONFUSION_COLUMNS as COLUMNS, ocr_words, plain_reads, tsv_words  # noqa: E402


def golden_rows(stem: str):
    """The rows of golden/<stem>.csv and of its second renderer's golden/<stem>_lo.csv."""
    for path in sorted((ROOT / "golden").glob(f"{stem}*.csv")):
        if path.stem in (stem, f"{stem}_lo"):
            with open(path, newline="", encoding="utf-8") as f:
                yield from csv.DictReader(f)


def scanned_pages(present: set[str], set_: str, per_variant: int = 0, per_file: int = 0,
                  upright: bool = False) -> list[tuple[str, str, int]]:
    """(variant, source, page) of every scanned table page of the named corpus files (upright only:
    of those not stored turned); with per_variant, of only the first that many files of each variant
    (look x renderer x resolution), with per_file, of only the first that many table pages of each file."""
    pages = sorted({(r["variant"], r["source"], int(r["page"])) for r in golden_rows("pages")
                    if r["set"] == set_ and r["layer"] == "image" and r["kind"] == "table" and r["source"] in present
                    and not (upright and r["rotated"] != "0")})
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


def page_words(path: Path, page: int, dpi: int):
    """Tesseract's words (psm 6) of a page straightened the way the OCR reader straightens it."""
    import pytesseract

    from recover.readers.ocr import deskew as dk
    from recover.readers.ocr.engine import default_engine
    from recover.readers.ocr.render import pdf_page_image
    from recover.readers.ocr.straighten import straighten
    img = pdf_page_image(str(path), page - 1, dpi)
    gray, _ = straighten(dk.to_gray(img.gray), default_engine())
    d = pytesseract.image_to_data(gray, config="--psm 6", output_type=pytesseract.Output.DICT)
    return ocr_words(d["text"], d["conf"], d["left"], d["top"], d["width"], d["height"], dpi=img.dpi)


def rows_of(words, variant: str, dpi: int, source: str, page: int, cells: list[dict]) -> list[list]:
    return [[variant, dpi, source, page, c["ref"], c["month"], c["printed"], plain, f"{conf:.3f}"]
            for c, plain, conf in plain_reads(words, cells)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "ocr_confusions.csv")
    ap.add_argument("--set", default=None, help="golden set of the folder's files (default: demo for corpus/demo, else full)")
    ap.add_argument("--variants", default="", help="only these variants, e.g. scan200,scan300")
    ap.add_argument("--per-variant", type=int, default=0, help="only the first N files of each variant")
    ap.add_argument("--per-file", type=int, default=0, help="only the first N table pages of each file")
    ap.add_argument("--tsv", type=Path, default=None,
                    help="read the words from the tesseract TSV files in this folder instead of running tesseract")
    a = ap.parse_args()
    set_ = a.set or ("demo" if a.folder.name == "demo" else "full")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cells = printed_cells(set_)
    rows = []
    only = set(filter(None, a.variants.split(",")))
    suffix = ".tesseract-tsv.tsv"
    if a.tsv:
        present = {p.name[:-len(suffix)] + ".pdf" for p in a.tsv.glob(f"*{suffix}")}
    else:
        present = {p.name for p in a.folder.glob("*.pdf")}
    for variant, source, page in scanned_pages(present, set_, a.per_variant, a.per_file, upright=bool(a.tsv)):
        if only and variant not in only:
            continue
        dpi = 200 if "200" in variant else 300
        if a.tsv:
            tsv = (a.tsv / (source[:-4] + suffix)).read_text(encoding="utf-8")
            words = tsv_words(tsv, page, dpi)
        else:
            words = page_words(a.folder / source, page, dpi)
        got = rows_of(words, variant, dpi, source, page, cells.get((source, page), []))
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
