"""A pack read only in part (a damaged content stream, a cut scan, a page OCR could not read) is one
line naming the file and the pages, exit 13, kept with what was read, and read again next run."""
from __future__ import annotations

import csv
import sqlite3

import pytest

from recover.errors import ExitCode
from recover.ingest.integrity import PageHealth, page_problem, pdf_health
from tests.faults import kit


def _obs(out, source):
    with open(out / "observations.csv", newline="") as f:
        return [r for r in csv.DictReader(f) if r["source"] == source]


@pytest.mark.parametrize("ascii85", [True, False], ids=["a85+flate", "flate"])
@pytest.mark.parametrize("how,says", [("junk", "is damaged"), ("cut", "ends early")])
def test_a_damaged_content_stream_is_reported_kept_and_read_again(tmp_path, capfd, ascii85, how, says):
    d = tmp_path / "in"
    kit.good_pack(d)
    kit.damaged_table_pdf(d / "damaged.pdf", how, ascii85)
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--no-ocr")
    assert ran.code == ExitCode.PARTLY_READ
    line = kit.assert_one_line(ran, "damaged.pdf", says="1 of 1 page(s) could not be read (page 1: damaged content")
    assert says in line and "download or export it again" in line
    assert kit.sources_written(out) >= {"good.pdf"}
    db = sqlite3.connect(out / "recover.sqlite")
    (failures,) = db.execute("SELECT failures FROM packs WHERE source='damaged.pdf'").fetchone() or ("",)
    db.close()
    kept = len(_obs(out, "damaged.pdf"))
    assert 0 < kept < len(_obs(out, "good.pdf"))          # what pdfium could decode, and only that
    assert '"kind": "damaged"' in failures                # stored as incomplete
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--no-ocr")
    assert ran.code == ExitCode.PARTLY_READ and "unchanged and skipped: 1" in ran.out   # good.pdf only


def test_a_cut_scan_inside_a_pdf_is_damage(tmp_path):
    p = kit.scanned_pdf_with_cut_image(tmp_path / "scan.pdf")
    assert pdf_health(str(p))[1].damage == "an image ends early (JPEG data cut short)"


def test_sound_pdfs_have_no_damage(tmp_path):
    """The second look must not cry wolf: the corpus packs of every look, and the unit-test tables."""
    from tests.pdfs import prose_pdf, table_pdf
    table_pdf(str(tmp_path / "t.pdf"), pages=2)
    prose_pdf(str(tmp_path / "p.pdf"))
    packs = sorted((kit.ROOT / "corpus" / "demo").glob("*.pdf")) + [tmp_path / "t.pdf", tmp_path / "p.pdf"]
    for p in packs:
        assert not [h for h in pdf_health(str(p)).values() if h.damage], p


def test_what_pdfium_found_is_compared_with_what_the_page_holds():
    assert page_problem(PageHealth(shows_text=True), n_chars=0, n_images=0) == \
        "its content shows text, but none could be extracted"
    assert page_problem(PageHealth(draws_images=1), n_chars=0, n_images=0) == \
        "it draws 1 image(s), but none could be decoded"
    assert page_problem(PageHealth(shows_text=True, draws_images=1), n_chars=900, n_images=1) == ""
    assert page_problem(None, 0, 0) == ""                  # no second opinion: nothing claimed


def test_an_ocr_memory_error_on_the_only_table_page_is_partly_read_not_not_a_pack(tmp_path, capfd, monkeypatch):
    """The page failure is not dropped when the pack has no header elsewhere; nothing is stored, so
    the next run reads it again."""
    import recover.readers.ocr as ocr

    def out_of_memory(*a, **k):
        raise MemoryError("cannot allocate 1.2 GiB for the page image")
    monkeypatch.setattr(ocr, "read_scanned_page", out_of_memory)
    d = tmp_path / "in"
    kit.good_pack(d)
    from PIL import Image
    Image.new("L", (850, 1100), 255).save(d / "scan.pdf")       # an image-only page
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--workers", "1")
    assert ran.code == ExitCode.PARTLY_READ
    line = kit.assert_one_line(ran, "scan.pdf", says="page 1: OCR failed (MemoryError: cannot allocate")
    assert "hold no dataset table" in line and "no dataset table with month columns found" not in line
    assert kit.sources_written(out) == {"good.pdf"}
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--workers", "1")
    assert ran.code == ExitCode.PARTLY_READ and "unchanged and skipped: 1" in ran.out
