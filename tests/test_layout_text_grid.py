"""pdftotext -layout text is laid out on a character grid: a value's position is a whole character,
and the tool re-spaces each line, so a cell's end moves within its column. The row/column model's
check that a value lies near its month's anchor (slots.far_off, made for a scan that split a value
whose point it lost into two words) does not apply to it: LibreOffice's right-aligned marks beside
its numbers in a sparse row ('-', '100.0%', '33.0%') sent the whole row to review."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from recover.readers.extracted.layout import read_layout_text
from tests.test_extracted import month_cells

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [  # (layout text of one page, the PDF and page it was extracted from)
    ("tests/data/layout-text/agenda_2019-05-02_lo-hairline.p6.pdftotext-layout.txt",
     "agenda_2019-05-02_lo-hairline.pdf", 6),
    ("tests/data/extracted/pdftotext-layout/agenda_2019-12-12_lo-ruled.pdftotext-layout.txt",
     "agenda_2019-12-12_lo-ruled.pdf", None),
]


def _printed(source: str, page: int | None, ref: str) -> tuple[int, dict[str, str]]:
    with open(ROOT / "golden" / "printed_lo.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["source"] == source and r["ref"] == ref
                and r["kind"] == "table" and (page is None or int(r["page"]) == page)]
    return int(rows[0]["page"]), {r["month"]: r["printed"] for r in rows if int(r["page"]) == int(rows[0]["page"])}


def _row(grids, ref: str):
    for g in grids:
        for r, row in enumerate(g.rows()):
            if row and row[0].text == ref:
                return g, r
    raise AssertionError(f"{ref} not read")


@pytest.mark.parametrize("path,source,page", SAMPLES, ids=["lo-hairline", "lo-ruled"])
def test_a_sparse_row_of_right_aligned_marks_is_read_sure(path, source, page):
    text = (ROOT / path).read_text(encoding="utf-8")
    grids, _w = read_layout_text(text, source)
    g, r = _row(grids, "CP2b %")
    _, printed = _printed(source, page, "CP2b %")
    got = month_cells(g, r)
    assert {m: got[m][0] or "-" for m in printed} == {m: p for m, p in printed.items()}
    assert all(got[m][1] == 1.0 for m in printed)


def test_the_near_anchor_check_still_doubts_that_row_on_other_inputs():
    """The same words read with the scans' settings: the check fires (this test fails if the grid
    text's settings stop being used, or the check stops firing for scans)."""
    from recover.layout import read_words, words_from_layout_text
    from recover.layout.settings import DEFAULT
    text = (ROOT / SAMPLES[0][0]).read_text(encoding="utf-8")
    words = words_from_layout_text(text.split("\n"), first_line=1)
    got = read_words(words, source=SAMPLES[0][1], page=6, method="extracted-text", box_scale=None,
                     source_kind="layout", settings=DEFAULT)
    g, r = _row(list(got.grids), "CP2b %")
    assert min(c for _t, c in month_cells(g, r).values()) < 1.0
