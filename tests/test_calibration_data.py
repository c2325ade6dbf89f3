"""The calibration bench's measured slips (bench/ocr_confusions.csv, written by
bench/measure_confusions.py): what tesseract made of each printed month cell of the corpus scans.
Checked here on real tesseract output kept in tests/data/extracted/tesseract-tsv/ (two scanned
packs, one of each renderer, 300 and 200 dpi) and against the golden cells the data claims to be of."""
from __future__ import annotations

import csv
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from recover.printed.numbers import parse_value
from recover.testing import CONFUSION_COLUMNS, plain_reads, tsv_words

ROOT = Path(__file__).resolve().parents[1]
TSV = ROOT / "tests" / "data" / "extracted" / "tesseract-tsv"
COMMITTED = ROOT / "bench" / "ocr_confusions.csv"
SAMPLES = [("agenda_2019-12-12_lo-ruled-scan300", 300), ("agenda_2021-02-11_scan200", 200)]


@lru_cache(maxsize=None)
def golden(name: str) -> tuple[dict, dict]:
    """(source, page) -> printed month cells with a box; (source, page) -> page row (pages*.csv)."""
    cells, pages = defaultdict(list), {}
    for path in sorted((ROOT / "golden").glob("printed*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["set"] == "full" and r["kind"] == "table" and r["box"] and (not name or r["source"] == name):
                    cells[(r["source"], int(r["page"]))].append(r)
    for path in sorted((ROOT / "golden").glob("pages*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["set"] == "full" and (not name or r["source"] == name):
                    pages[(r["source"], int(r["page"]))] = r
    return cells, pages


def upright_table_pages(source: str) -> list[int]:
    _, pages = golden(source)
    return sorted(p for (s, p), r in pages.items() if r["kind"] == "table" and r["layer"] == "image"
                  and r["rotated"] == "0")


@pytest.mark.parametrize("name,dpi", SAMPLES)
def test_plain_reads_of_real_tesseract_output_land_in_their_printed_cells(name, dpi):
    source = f"{name}.pdf"
    cells, _ = golden(source)
    text = (TSV / f"{name}.tesseract-tsv.tsv").read_text(encoding="utf-8")
    pages = upright_table_pages(source)
    assert len(pages) >= 4
    same = total = slips = 0
    for page in pages:
        reads = plain_reads(tsv_words(text, page, dpi), cells[(source, page)])
        assert [c for c, _, _ in reads] == cells[(source, page)]            # one read per printed cell
        assert all(0.0 <= conf <= 1.0 for _, _, conf in reads)
        page_same = sum(plain == c["printed"] for c, plain, _ in reads)
        assert page_same >= 0.3 * len(reads), (page, page_same, len(reads))
        same, total = same + page_same, total + len(reads)
        # a number read as another number: the slips the calibration bench draws its misreads from
        slips += sum(1 for c, plain, _ in reads if plain != c["printed"] and parse_value(plain).value is not None)
        # a cell with nothing read inside it is one OCR lost, at confidence 0
        assert all(conf == 0.0 for _, plain, conf in reads if not plain)
    # the words' pixels at the scan's dpi are the golden boxes' points: most cells read what they print
    assert same >= 0.65 * total, (same, total)
    assert slips >= 1


def test_the_committed_slips_are_of_printed_cells_and_whole_pages():
    with open(COMMITTED, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == CONFUSION_COLUMNS
        rows = list(reader)
    cells, pages = golden("")
    by_page = defaultdict(list)
    for r in rows:
        by_page[(r["source"], int(r["page"]))].append(r)
        assert 0.0 <= float(r["plain_conf"]) <= 1.0
        assert int(r["dpi"]) == (200 if "200" in r["variant"] else 300) and pages[(r["source"], int(r["page"]))][
            "variant"] == r["variant"]
    for key, got in by_page.items():
        printed = {(c["ref"], c["month"]): c["printed"] for c in cells[key]}
        assert {(r["ref"], r["month"]): r["printed"] for r in got} == printed, key     # every cell, as printed
    renderers = {"lo" if "_lo-" in s else "reportlab" for s, _ in by_page}
    assert renderers == {"lo", "reportlab"} and {r["dpi"] for r in rows} == {"200", "300"}
    assert sum(r["plain"] == r["printed"] for r in rows) >= 0.65 * len(rows)


def test_the_script_regenerates_the_data_from_tesseract_output(tmp_path):
    """measure_confusions.py --tsv writes the committed file's shape from the kept TSV output; where it
    measures a page the committed data holds, both are of the same printed cells."""
    out = tmp_path / "slips.csv"
    done = subprocess.run([sys.executable, "bench/measure_confusions.py", "corpus/full", "--tsv", str(TSV),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open(out, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == CONFUSION_COLUMNS
        new = list(reader)
    assert {(r["source"], int(r["page"])) for r in new} == \
        {(f"{n}.pdf", p) for n, _ in SAMPLES for p in upright_table_pages(f"{n}.pdf")}
    with open(COMMITTED, newline="", encoding="utf-8") as f:
        old = list(csv.DictReader(f))
    key = lambda r: (r["source"], r["page"], r["ref"], r["month"], r["printed"])    # noqa: E731
    shared = {(r["source"], r["page"]) for r in old} & {(r["source"], r["page"]) for r in new}
    assert shared
    for page in shared:
        assert sorted(key(r) for r in new if (r["source"], r["page"]) == page) == \
            sorted(key(r) for r in old if (r["source"], r["page"]) == page)
