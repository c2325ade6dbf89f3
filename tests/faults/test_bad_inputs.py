"""Every bad input is one line on stderr naming the file, the reason and the fix, with its own exit
code, and the good pack beside it is still read and written."""
from __future__ import annotations

import os
import shutil

import pytest

from recover.errors import ExitCode
from tests.faults import kit

FORMATS = [("PNG", "png"), ("JPEG", "jpg"), ("TIFF", "tif")]


def _run_beside_good(tmp_path, capfd, make_bad) -> tuple[kit.Ran, str]:
    d = tmp_path / "in"
    kit.good_pack(d)
    name = make_bad(d)
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet", "--no-ocr")
    assert kit.sources_written(out) == {"good.pdf"}
    return ran, name


@pytest.mark.parametrize("fmt,ext", FORMATS)
@pytest.mark.parametrize("damage", ["truncated", "scrambled", "headerless"])
def test_a_damaged_image_is_one_line_and_the_rest_is_read(tmp_path, capfd, fmt, ext, damage):
    if (fmt, damage) == ("JPEG", "scrambled"):
        pytest.skip("libjpeg decodes junk inside the entropy-coded data without an error: "
                    "such a JPEG is a legible picture of noise, not a decoding fault")
    make = {"truncated": kit.truncated_image, "scrambled": kit.scrambled_image,
            "headerless": kit.headerless_image}[damage]

    def bad(d):
        make(d / f"scan.{ext}", fmt)
        return f"scan.{ext}"
    ran, name = _run_beside_good(tmp_path, capfd, bad)
    assert ran.code == ExitCode.CORRUPT
    kit.assert_one_line(ran, name, says="the image cannot be decoded")


def test_a_zero_page_pdf_says_it_has_no_pages(tmp_path, capfd):
    import pypdfium2 as pdfium

    def bad(d):
        pdfium.PdfDocument.new().save(str(d / "nopages.pdf"))
        return "nopages.pdf"
    ran, name = _run_beside_good(tmp_path, capfd, bad)
    assert ran.code == ExitCode.EMPTY
    kit.assert_one_line(ran, name, says="the PDF has no pages")


def test_binary_junk_named_txt_is_not_text(tmp_path, capfd):
    def bad(d):
        (d / "notes.txt").write_bytes(os.urandom(2000) + b"\x00" * 50)
        return "notes.txt"
    ran, name = _run_beside_good(tmp_path, capfd, bad)
    assert ran.code == ExitCode.CORRUPT
    kit.assert_one_line(ran, name, says="not a text file")


def test_a_missing_path_is_a_missing_file_not_a_corrupt_one(tmp_path, capfd):
    d = tmp_path / "in"
    kit.good_pack(d)
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d / "good.pdf", tmp_path / "nowhere.pdf", "--out", out, "--quiet")
    assert ran.code == ExitCode.MISSING_FILE
    kit.assert_one_line(ran, "nowhere.pdf", says="no such file")
    assert kit.sources_written(out) == {"good.pdf"}


def test_a_broken_symlink_is_a_missing_file(tmp_path, capfd):
    def bad(d):
        os.symlink(d / "gone.pdf", d / "link.pdf")
        return "link.pdf"
    ran, name = _run_beside_good(tmp_path, capfd, bad)
    assert ran.code == ExitCode.MISSING_FILE
    kit.assert_one_line(ran, name, says="broken symbolic link")


@pytest.mark.parametrize("content", ["empty", "only-unsupported"])
def test_a_folder_with_nothing_to_read_has_its_own_code(tmp_path, capfd, content):
    d = tmp_path / "packs"
    d.mkdir()
    if content == "only-unsupported":
        (d / "minutes.docx").write_bytes(b"PK\x03\x04")
    ran = kit.recover(capfd, "run", d, "--out", tmp_path / "out", "--quiet")
    assert ran.code == ExitCode.NOTHING_TO_READ
    kit.assert_one_line(ran, "packs: nothing to read", says="the folder")


def test_an_empty_folder_beside_a_good_one_is_reported_and_the_good_one_read(tmp_path, capfd):
    good = tmp_path / "good"
    kit.good_pack(good)
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", good, tmp_path / "empty", "--out", out, "--quiet")
    assert ran.code == ExitCode.NOTHING_TO_READ
    kit.assert_one_line(ran, "empty: nothing to read")
    assert kit.sources_written(out) == {"good.pdf"}


def _unreadable_run(tmp_path, capfd, make_bad):
    """chmod 000 stops everyone but root; as root the run is made as 'nobody' in a child process."""
    base = kit.shared_dir() if kit.is_root() else tmp_path
    try:
        d = base / "in"
        kit.good_pack(d)
        d.chmod(0o755)
        name = make_bad(d)
        out = base / "out"
        out.mkdir()
        out.chmod(0o777)
        args = ("run", d, "--out", out, "--quiet")
        ran = kit.recover_as_nobody(*args) if kit.is_root() else kit.recover(capfd, *args)
        return ran, name, kit.sources_written(out)
    finally:
        if kit.is_root():
            shutil.rmtree(base, ignore_errors=True)


def test_an_unreadable_file_is_no_access_and_the_rest_is_read(tmp_path, capfd):
    def bad(d):
        kit.good_pack(d, "locked.pdf")
        (d / "locked.pdf").chmod(0)
        return "locked.pdf"
    ran, name, written = _unreadable_run(tmp_path, capfd, bad)
    assert ran.code == ExitCode.NO_ACCESS, ran
    kit.assert_one_line(ran, name, says="permission denied")
    assert written == {"good.pdf"}


def test_an_unlistable_folder_is_no_access_and_the_rest_is_read(tmp_path, capfd):
    def bad(d):
        (d / "private").mkdir()
        kit.good_pack(d / "private", "hidden.pdf")
        (d / "private").chmod(0)
        return "private"
    ran, name, written = _unreadable_run(tmp_path, capfd, bad)
    assert ran.code == ExitCode.NO_ACCESS, ran
    kit.assert_one_line(ran, name, says="cannot be listed")
    assert written == {"good.pdf"}


def test_a_reader_bug_on_one_file_is_reported_for_it_and_the_rest_is_read(tmp_path, capfd, monkeypatch):
    import recover.readers.extracted as extracted

    def broken(text, source):
        raise KeyError("a state the reader never met")
    monkeypatch.setattr(extracted, "read_text", broken)

    def bad(d):
        (d / "odd.txt").write_text("Ref\tIndicator\tApr-20\nM1\tContacts\t12\n")
        return "odd.txt"
    ran, name = _run_beside_good(tmp_path, capfd, bad)
    assert ran.code == ExitCode.CRASH
    line = kit.assert_one_line(ran, name, says="could not be read: KeyError")
    assert "--debug" in line
    ran = kit.recover(capfd, "--debug", "run", tmp_path / "in", "--out", tmp_path / "out", "--force", "--no-ocr")
    assert "Traceback" in ran.err and "a state the reader never met" in ran.err
