"""The README's tables of errors and exit codes are the ones recover has: every code of the enum once,
and the errors the library reports for bad inputs (made here) each in the row of the code it exits with."""
from __future__ import annotations

import re

import pytest

from recover.errors import ExitCode, RecoverError
from tests.faults import kit
from tests.pdfs import prose_pdf, table_pdf


def _section() -> str:
    text = (kit.ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Common errors and fixes")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _table(first_header: str) -> list[list[str]]:
    lines = _section().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[at + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def _messages(cell: str) -> list[str]:
    """The messages of a row as fragments to look for in a reason: the file name in front and what
    '(...)' or '...' stand for left out."""
    out = []
    for shown in re.findall(r"`([^`]+)`", cell):
        shown = re.sub(r"^\S+: ", "", shown)                # X.pdf: / OUT/recover.sqlite: / packs:
        shown = re.split(r" ?\(\.\.\.|\.\.\.", shown)[0].strip()
        if shown:
            out.append(shown)
    return out


def _digits(text: str) -> str:
    return re.sub(r"\d+", "0", text)          # the README's page 7 of 9 stands for any page


def _code_of(reason: str) -> list[int]:
    """The codes of the rows whose message fits the reason best (the longest fragment found)."""
    found = [(max((len(m) for m in _messages(cell) if _digits(m) in _digits(reason)), default=0), int(code))
             for cell, code, _ in _table("message (after `error: `)")]
    best = max(n for n, _ in found)
    return [code for n, code in found if n == best and n]


def test_the_readme_lists_every_exit_code_once():
    codes = [int(row[0]) for row in _table("code")]
    assert codes == sorted(c.value for c in ExitCode)


def test_the_readme_error_table_names_only_real_codes():
    valid = {c.value for c in ExitCode}
    for cell, code, fix in _table("message (after `error: `)"):
        assert int(code) in valid and _messages(cell) and fix, cell


def _bad_inputs(d):
    import pypdfium2 as pdfium
    d.mkdir()
    table_pdf(str(d / "good.pdf"))
    table_pdf(str(d / "locked.pdf"), encrypt="pw")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 300)
    (d / "fake.pdf").write_text("hello, I am a text file")
    (d / "empty.pdf").write_bytes(b"")
    pdfium.PdfDocument.new().save(str(d / "nopages.pdf"))
    prose_pdf(str(d / "minutes.pdf"))
    kit.truncated_image(d / "scan.png", "PNG")
    (d / "notes.txt").write_bytes(bytes(range(256)) * 8)
    kit.damaged_table_pdf(d / "damaged.pdf", "junk")
    (d / "pack.docx").write_bytes(b"PK\x03\x04")


def test_every_error_of_a_run_is_in_the_readme_with_its_code(tmp_path):
    from recover.api import run
    d = tmp_path / "in"
    _bad_inputs(d)
    (tmp_path / "empty").mkdir()
    summary = run([str(d), str(d / "pack.docx"), str(tmp_path / "nowhere.pdf"), str(tmp_path / "empty")],
                  str(tmp_path / "out"), ocr=False)
    seen = {e.source.rsplit("/", 1)[-1]: e for e in summary.errors}
    assert set(seen) >= {"locked.pdf", "broken.pdf", "fake.pdf", "empty.pdf", "nopages.pdf", "minutes.pdf",
                         "scan.png", "notes.txt", "damaged.pdf", "empty", "pack.docx", "nowhere.pdf"}
    for name, e in seen.items():
        assert _code_of(e.reason) == [e.exit_code], (name, e.line())


def _fault(fn) -> RecoverError:
    with pytest.raises(RecoverError) as caught:
        fn()
    return caught.value


def test_every_fault_of_the_run_is_in_the_readme_with_its_code(tmp_path):
    from recover.api import run
    table_pdf(str(tmp_path / "good.pdf"))
    (tmp_path / "a-file").write_text("x")
    store = tmp_path / "junk"
    store.mkdir()
    (store / "recover.sqlite").write_bytes(b"these are not the bytes of a database\n" * 200)
    faults = [_fault(lambda: run([str(tmp_path / "good.pdf")], str(tmp_path / "a-file"))),
              _fault(lambda: run([str(tmp_path / "good.pdf")], str(tmp_path / "a-file" / "out"))),
              _fault(lambda: run([str(tmp_path / "good.pdf")], str(store)))]
    for e in faults:
        assert _code_of(e.reason) == [e.exit_code], e.line()
