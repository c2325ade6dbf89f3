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
    run([str(d / "apr20.pdf"), str(d / "apr20-copy.pdf")], str(out))
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
    run([str(d / "apr20.pdf"), str(d / "apr20-copy.pdf")], str(out))
    again = read_csv(out / "review.csv")
    assert [r["image"] for r in again] == [r["image"] for r in lines]
    assert all((out / r["image"]).exists() for r in again)


DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "printed.csv"


def _outlined(png: Path) -> Image.Image:
    """What the red outline of a crop encloses (the caption's month label above it is red too)."""
    from recover.outputs.crops import CAPTION_PX, LABEL_PX
    img = np.asarray(Image.open(png).convert("RGB"))
    red = (img[:, :, 0] > 180) & (img[:, :, 1] < 60) & (img[:, :, 2] < 60)
    red[: CAPTION_PX + LABEL_PX] = False
    ys, xs = np.nonzero(red)
    return Image.fromarray(img[ys.min() + 3: ys.max() - 2, xs.min() + 3: xs.max() - 2]).convert("L")


@pytest.mark.skipif(not (DEMO / "agenda_2021-02-11_scan200.pdf").exists(), reason="demo corpus missing")
def test_a_crop_of_a_scan_stored_turned_outlines_the_printed_cell(tmp_path):
    """A 200 dpi scan stored a quarter turn round and fed skewed: its boxes are points of the page as
    the reader straightened it. What each crop outlines, read by tesseract on its own, is what the
    generator printed in that cell (golden/printed.csv), so the crop shows the cell."""
    pytesseract = pytest.importorskip("pytesseract")
    from recover.ingest.sources import fingerprint
    from recover.outputs.crops import CropJob, make_crops
    from recover.readers import ocr
    from recover.reconcile.core import seen
    from recover.identify import identify_rows
    from recover.register import load_register
    from recover.table.extract import read_tables
    src, page = "agenda_2021-02-11_scan200.pdf", 9
    path = DEMO / src
    with open(GOLDEN, newline="", encoding="utf-8") as f:
        printed = {(r["ref"], r["month"]): r["printed"] for r in csv.DictReader(f)
                   if r["set"] == "demo" and r["source"] == src and int(r["page"]) == page}
    grids = ocr.read_scanned_page(str(path), page - 1, src)
    table = read_tables(grids, fingerprint(str(path)))
    table_rows, table_obs = identify_rows(table.rows, table.observations, load_register())
    rows = {r.row_id: r for r in table_rows}
    cells = [o for o in table_obs if o.box and any(ch.isdigit() for ch in printed.get((o.ref, o.month), ""))]
    pick = cells[:: max(1, len(cells) // 5)][:5]          # rows from the top to the bottom of the page
    assert len({o.row_id for o in pick}) >= 4
    jobs = [CropJob(seen(o, o.confidence), o.ref, o.month, str(path), rows[o.row_id].box,
                    tuple(sorted((x.month, x.box) for x in table_obs if x.row_id == o.row_id and x.box)))
            for o in pick]
    done, stats = make_crops(jobs, tmp_path)
    assert stats.pages_rendered == 1 and len(done) == len(jobs)
    for i, o in enumerate(pick):
        inside = _outlined(tmp_path / done[i])
        inside = inside.resize((inside.width * 3, inside.height * 3), Image.LANCZOS)
        text = pytesseract.image_to_string(inside, config="--psm 7").strip()
        assert text.replace(",", "") == printed[(o.ref, o.month)].replace(",", ""), (o.ref, o.month, done[i])


SEED = Path(__file__).resolve().parents[1] / "corpus" / "real" / "000_2acbe4883c047f69.txt"


@pytest.mark.skipif(not SEED.exists(), reason="real seed missing")
def test_a_text_input_line_names_its_source_lines_and_shows_them(tmp_path):
    """A real OCR'd extraction (tab-separated): no boxes, so each line says which lines of the file
    its row came from, and its picture is those lines, numbered."""
    out = tmp_path / "out"
    run([str(SEED)], str(out))
    lines = read_csv(out / "review.csv")
    assert lines
    source = SEED.read_text(encoding="utf-8").split("\n")
    for r in lines:
        assert r["source"] == SEED.name and r["where"].startswith("line")
        first = int(r["where"].split()[1].split("-")[0])
        assert r["ref"].split()[0].rstrip("%") in source[first - 1]          # the row's own line
        assert r["image"].endswith(".txt")
        snippet = (out / r["image"]).read_text(encoding="utf-8")
        assert f"{first} | " in snippet and f"[{r['month']}=" in snippet
        if r["current_value"]:
            assert r["current_value"] in source[first - 1].replace("%", " ").split()
