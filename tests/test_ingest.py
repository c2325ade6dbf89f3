"""Bad inputs stop at ingest with one line naming the file and the reason."""
import pytest

from recover.errors import (CorruptInputError, EmptyInputError, EncryptedPdfError,
                            UnsupportedInputError)
from recover.ingest.sources import discover, open_pdf, open_source
from tests.pdfs import table_pdf


def test_encrypted_pdf_names_the_fix(tmp_path):
    p = tmp_path / "locked.pdf"
    table_pdf(str(p), encrypt="secret")
    with pytest.raises(EncryptedPdfError) as e:
        open_pdf(open_source(str(p)))
    assert "locked.pdf" in e.value.line() and "qpdf --decrypt" in e.value.line()
    assert "\n" not in e.value.line()


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    table_pdf(str(p))
    data = p.read_bytes()
    p.write_bytes(data[:200] + b"\x00garbage" * 50)
    with pytest.raises(CorruptInputError) as e:
        open_pdf(open_source(str(p)))
    assert e.value.exit_code != 0 and "broken.pdf" in e.value.line()


def test_not_a_pdf_at_all(tmp_path):
    p = tmp_path / "fake.pdf"
    p.write_text("hello, I am a text file")
    with pytest.raises(CorruptInputError):
        open_source(str(p))


def test_empty_file(tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        open_source(str(p))


def test_unsupported_type(tmp_path):
    p = tmp_path / "pack.docx"
    p.write_bytes(b"PK...")
    with pytest.raises(UnsupportedInputError):
        open_source(str(p))


def test_folders_expand_and_unreadable_files_are_listed(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.docx").write_bytes(b"x")
    files, skipped, problems = discover([str(tmp_path)])
    assert [f.split("/")[-1] for f in files] == ["a.pdf"]
    assert len(skipped) == 1 and "notes.docx" in skipped[0] and problems == []
