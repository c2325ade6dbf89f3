"""review.csv decidable on its own: where each reading is printed, a picture of the cell, the row around it."""
from __future__ import annotations

import copy
import csv
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from recover.api import run
from recover.model import Box
from tests.pdfs import ROWS, table_pdf


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def disagreeing(tmp_path_factory):
    """One pack drawn twice; the second copy prints M1 Nov-19 as 1823 instead of 1323, and M6-QL (val)
    Oct-19 as 18 instead of 13: two cells nobody can settle without a person."""
    d = tmp_path_factory.mktemp("packs")
    table_pdf(str(d / "apr20.pdf"))
    rows = copy.deepcopy(ROWS)
    rows[0][6] = "1823"
    rows[1][5] = "18"
    table_pdf(str(d / "apr20-copy.pdf"), rows=rows)
    out = d / "out"
    run([str(d / "apr20.pdf"), str(d / "apr20-copy.pdf")], str(out), quiet=True)
    return d, out, read_csv(out / "review.csv")


def _line(lines, ref, month):
    (line,) = [r for r in lines if r["ref"] == ref and r["month"] == month]
    return line


def test_every_line_says_where_its_reading_is_printed(disagreeing):
    _, _, lines = disagreeing
    assert lines
    for r in lines:
        assert r["source"] in ("apr20.pdf", "apr20-copy.pdf") and r["page"] == "1"
        assert r["where"].startswith("box ")
        # every candidate names its file, page and box
        for cand in r["candidates"].split(" | "):
            assert " p.1 box " in cand


def test_the_box_is_the_printed_cell(disagreeing):
    d, _, lines = disagreeing
    r = _line(lines, "M1", "2019-11")
    assert {"1323", "1823"} <= {c.split(" [")[0] for c in r["candidates"].split(" | ")}
    box = Box.parse(r["where"].removeprefix("box "))
    doc = pdfium.PdfDocument(str(d / r["source"]))
    page = doc[int(r["page"]) - 1]
    height = page.get_height()
    text = page.get_textpage().get_text_bounded(box.x0, height - box.y1, box.x1, height - box.y0)
    assert text.strip() == r["current_value"]


def test_the_picture_shows_the_row_and_outlines_the_cell(disagreeing):
    _, out, lines = disagreeing
    r = _line(lines, "M1", "2019-11")
    path = out / r["image"]
    assert path.suffix == ".png" and path.exists()
    img = np.asarray(Image.open(path).convert("RGB"))
    h, w, _ = img.shape
    assert 80 <= h <= 400 and 300 <= w <= 1600          # a legible strip, not a page
    red = (img[:, :, 0] > 180) & (img[:, :, 1] < 60) & (img[:, :, 2] < 60)
    ys, xs = np.nonzero(red[40:])                         # below the caption and the month labels
    assert ys.size
    inside = img[40 + ys.min() + 3: 40 + ys.max() - 2, xs.min() + 3: xs.max() - 2]
    assert (inside.min(axis=2) < 100).sum() > 20          # the printed digits are inside the outline
    left = img[40:, : w // 6]
    assert (left.min(axis=2) < 100).sum() > 50            # and the row's ref/title on the left


def test_the_rows_other_months_and_a_short_reason(disagreeing):
    _, _, lines = disagreeing
    r = _line(lines, "M1", "2019-11")
    assert "[2019-11=" in r["row_months"] and "2019-10=1354" in r["row_months"] and "2020-04=1147" in r["row_months"]
    assert len(r["reason"]) < 200
    assert r["accept"] == "" and r["corrected_value"] == ""


def test_lines_are_ordered_by_source_and_page_then_confidence(disagreeing):
    _, _, lines = disagreeing
    keys = [(r["source"], int(r["page"])) for r in lines]
    assert keys == sorted(keys)


def test_a_rerun_reuses_the_pictures(disagreeing, monkeypatch):
    d, out, lines = disagreeing
    import recover.outputs.crops as crops
    monkeypatch.setattr(crops, "load_page", lambda *a, **k: pytest.fail("a page was rendered again"))
    run([str(d / "apr20.pdf"), str(d / "apr20-copy.pdf")], str(out), quiet=True)
    again = read_csv(out / "review.csv")
    assert [r["image"] for r in again] == [r["image"] for r in lines]
    assert all((out / r["image"]).exists() for r in again)
