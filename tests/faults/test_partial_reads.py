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


@pytest.mark.parametrize("part,says", [("program", "its embedded program is damaged"),
                                       ("map", "its map to Unicode is damaged")])
def test_a_damaged_font_is_reported_and_read_again(tmp_path, capfd, part, says):
    """pdfium extracts a page whose font is damaged without a word (its text as glyph numbers, or
    no text at all): the pages that use the font are reported, and the pack is read again next run."""
    d = tmp_path / "in"
    kit.good_pack(d)
    kit.damaged_font_pdf(kit.ROOT / "corpus" / "demo" / "agenda_2020-07-16_text.pdf", d / "font.pdf", part)
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--no-ocr")
    assert ran.code == ExitCode.PARTLY_READ
    line = kit.assert_one_line(ran, "font.pdf", says="2 of 2 page(s) could not be read (pages 1-2: damaged content (a font (DejaVuSansCondensed): ")
    assert says in line and "download or export it again" in line
    assert kit.sources_written(out) >= {"good.pdf"}
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--no-ocr")
    assert ran.code == ExitCode.PARTLY_READ and "unchanged and skipped: 1" in ran.out


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


def test_pages_failing_for_one_reason_are_told_once():
    from recover.errors import PartlyReadError
    from recover.model import PageFailure
    font = [PageFailure("a.pdf", p, "text-layer", "damaged", "a font (Carlito): its map to Unicode is damaged")
            for p in (1, 2, 3, 5, 6, 9)]
    ocr = [PageFailure("a.pdf", 4, "ocr", "ocr-failed", "MemoryError: x")]
    line = PartlyReadError.of("a.pdf", font + ocr, pages=9).line()
    assert "7 of 9 page(s) could not be read (pages 1-3, 5-6, 9: damaged content (a font (Carlito)" in line
    assert "; page 4: OCR failed (MemoryError: x)" in line and line.count("Carlito") == 1


def test_a_page_too_large_to_render_is_its_failure_not_a_memory_error(tmp_path, capfd):
    """A PDF may declare a 200 x 200 inch page (3.6 GB at 300 dpi): refused before pdfium allocates
    it, as that page's failure."""
    from PIL import Image
    from reportlab.pdfgen import canvas
    d = tmp_path / "in"
    kit.good_pack(d)
    Image.new("L", (200, 200), 128).save(tmp_path / "grey.png")
    c = canvas.Canvas(str(d / "poster.pdf"), pagesize=(14400, 14400))
    for at in (100, 5000):                      # two images: the page is rendered, not its one scan taken
        c.drawImage(str(tmp_path / "grey.png"), at, at, 2000, 2000)
    c.showPage()
    c.save()
    ran = kit.recover(capfd, "run", d, "--out", tmp_path / "out", "--quiet", "--workers", "1")
    assert ran.code == ExitCode.PARTLY_READ
    line = kit.assert_one_line(ran, "poster.pdf", says="page 1: OCR failed (PageTooLarge: the page is 200 x 200 inches")
    assert "try a lower --dpi" in line
    assert kit.sources_written(tmp_path / "out") == {"good.pdf"}


@pytest.mark.parametrize("gone", ["data", "program"])
def test_a_run_without_tesseract_is_exit_9_once_a_pack_with_the_install_line(tmp_path, capfd, monkeypatch, gone):
    """Without tesseract's data, or (without the tesserocr wheel) its program, no scanned page is
    tried: each scanned pack is one line saying what to install, exit 9; it is read again next run."""
    import shutil

    import recover.readers.ocr.tess as tess
    if gone == "data":
        monkeypatch.setattr(tess, "TESSDATA_CANDIDATES", ())
    else:
        which = shutil.which
        monkeypatch.setattr(tess, "_available_backend", lambda: "pytesseract")
        monkeypatch.setattr(tess.shutil, "which", lambda name, *a, **k: None if name == "tesseract" else which(name, *a, **k))
    d = tmp_path / "in"
    kit.good_pack(d)
    scans = sorted((kit.ROOT / "tests" / "data" / "scans").glob("*.pdf"))
    assert len(scans) >= 2
    for s in scans:
        shutil.copy(s, d / s.name)
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--workers", "1")
    assert ran.code == ExitCode.MISSING_PROGRAM
    for s in scans:
        line = kit.assert_one_line(ran, s.name, says="1 of 1 page(s) need OCR, not read: ")
        assert "sudo apt-get install -y tesseract-ocr tesseract-ocr-eng" in line
    assert kit.sources_written(out) == {"good.pdf"}
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--workers", "1")
    assert ran.code == ExitCode.MISSING_PROGRAM and "unchanged and skipped: 1" in ran.out
