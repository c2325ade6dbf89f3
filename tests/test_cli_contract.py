"""The command line's contract: usage errors, crashes and --version each end in one line and their
own exit code; the library itself never prints and never imports the command line."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import recover
from recover.cli import main
from recover.errors import ExitCode, RecoverError
from recover.progress import Progress
from tests.pdfs import table_pdf


def test_exit_codes_do_not_collide():
    values = [c.value for c in ExitCode]
    assert len(values) == len(set(values))
    assert ExitCode.OK == 0 and ExitCode.USAGE == 2       # argparse's own code stays the usage code


def test_a_usage_error_has_the_usage_code(capsys):
    assert main(["run", "x.pdf"]) == ExitCode.USAGE       # --out missing
    assert "--out" in capsys.readouterr().err
    assert main(["frobnicate"]) == ExitCode.USAGE


@pytest.mark.parametrize("option,value", [("--workers", "0"), ("--workers", "-1"), ("--workers", "two"),
                                          ("--dpi", "0"), ("--dpi", "-5"), ("--dpi", "100000")])
def test_a_number_out_of_range_is_a_usage_error(tmp_path, capsys, option, value):
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "out"), option, value]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert f"argument {option}" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()                 # refused before anything is made


def test_version(capsys):
    assert main(["--version"]) == ExitCode.OK
    assert capsys.readouterr().out.strip() == f"recover {recover.__version__}"


def _crash(*a, **k):
    raise ValueError("an unexpected state\nover two lines")


def test_a_crash_is_one_line_and_the_crash_code(tmp_path, capsys, monkeypatch):
    import recover.api
    monkeypatch.setattr(recover.api, "run", _crash)
    monkeypatch.delenv("RECOVER_DEBUG", raising=False)
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "out")]) == ExitCode.CRASH
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ValueError: an unexpected state over two lines" in err and "--debug" in err


@pytest.mark.parametrize("how", ["flag-before", "flag-after", "env"])
def test_debug_shows_the_traceback(tmp_path, capsys, monkeypatch, how):
    import recover.api
    monkeypatch.setattr(recover.api, "run", _crash)
    argv = ["run", str(tmp_path), "--out", str(tmp_path / "out")]
    if how == "flag-before":
        argv = ["--debug"] + argv
    elif how == "flag-after":
        argv = argv + ["--debug"]
    else:
        monkeypatch.setenv("RECOVER_DEBUG", "1")
    assert main(argv) == ExitCode.CRASH
    assert "Traceback" in capsys.readouterr().err


def test_the_library_never_imports_the_command_line():
    code = "import sys, recover.api, recover.pipeline; print('recover.cli' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class Recorder(Progress):
    def __init__(self):
        self.events = []

    def planned(self, packs, skipped):
        self.events.append(("planned", packs, skipped))

    def pack_planned(self, name, pages, dataset, ocr, extent=""):
        self.events.append(("pack_planned", name, pages, dataset, ocr) + ((extent,) if extent else ()))

    def pack_done(self, name, pack, rows, cells):
        self.events.append(("pack_done", name, pack))

    def problem(self, error):
        assert isinstance(error, RecoverError)
        self.events.append(("problem", error.source))


def test_the_library_is_silent_and_reports_to_the_progress_it_is_given(tmp_path, capfd):
    from recover.api import run
    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(d / "good.pdf"))
    (d / "empty.pdf").write_bytes(b"")
    rec = Recorder()
    summary = run([str(d)], str(tmp_path / "out"), progress=rec)
    assert capfd.readouterr() == ("", "")
    assert ("problem", "empty.pdf") in rec.events
    assert ("planned", 1, 0) in rec.events
    assert ("pack_planned", "good.pdf", 1, 1, 0) in rec.events
    assert ("pack_done", "good.pdf", "2020-04") in rec.events
    assert [e.source for e in summary.errors] == ["empty.pdf"]
    run([str(d)], str(tmp_path / "out"))                    # no progress given: silent too
    assert capfd.readouterr() == ("", "")


EXTRACTED = os.path.join(os.path.dirname(__file__), "data", "extracted")


def test_a_text_file_s_progress_line_says_how_much_text_not_one_page(tmp_path):
    """A text file is one 'page' in provenance: its progress line says lines (and the pages a tool
    ended with form feeds), for files with and without form feeds and with no table at all."""
    import io
    import shutil
    from recover.api import run
    from recover.cli import StderrProgress
    d = tmp_path / "in"
    d.mkdir()
    paged = d / "paged.txt"      # pdftotext: pages end with form feeds
    shutil.copy(os.path.join(EXTRACTED, "pdftotext-layout", "agenda_2020-07-16_text.pdftotext-layout.txt"), paged)
    flat = d / "flat.txt"        # pypdf: one run of lines
    shutil.copy(os.path.join(EXTRACTED, "pypdf", "agenda_2020-02-20_lo-nolines.pypdf.txt"), flat)
    (d / "minutes.txt").write_text("Minutes of the meeting\nApologies were received.\n", encoding="utf-8")
    stream = io.StringIO()
    run([str(d)], str(tmp_path / "out"), progress=StderrProgress(stream=stream), workers=1)
    said = {line.split("] ")[1].split(":")[0]: line for line in stream.getvalue().splitlines() if "] " in line}
    text = paged.read_text(encoding="utf-8")
    pages = text.rstrip("\n\f").count("\f") + 1
    assert pages > 1
    lines = len(text.rstrip("\n\f").splitlines()) - (pages - 1)    # splitlines() also splits at a form feed
    assert said["paged.txt"].endswith(f"paged.txt: {lines} lines on {pages} pages, a dataset table found")
    flat_lines = len(flat.read_text(encoding="utf-8").splitlines())
    assert said["flat.txt"].endswith(f"flat.txt: {flat_lines} lines, a dataset table found")
    assert said["minutes.txt"].endswith("minutes.txt: 2 lines, no dataset table found")
    assert not any("page(s)" in line for line in said.values())


def test_each_error_is_printed_once(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(d / "good.pdf"))
    (d / "empty.pdf").write_bytes(b"")
    assert main(["run", str(d), "--out", str(tmp_path / "out"), "--quiet"]) == ExitCode.EMPTY
    cap = capsys.readouterr()
    assert (cap.out + cap.err).count("empty.pdf") == 1
    assert "error: empty.pdf: empty file (0 bytes)" in cap.err
    assert main(["check", str(d / "empty.pdf"), "--store", str(tmp_path / "out"), "--quiet"]) == ExitCode.EMPTY
    cap = capsys.readouterr()
    assert (cap.out + cap.err).count("empty.pdf") == 1


def test_every_kind_of_input_recover_reads_is_named_where_it_says_what_it_reads(capsys):
    """The file kinds are defined once (recover.ingest.sources); the messages, --help and the
    README name each of them (a spelling variant aside: .jpeg, .tiff, .htm)."""
    from pathlib import Path

    from recover.errors import READS, NothingToReadError, UnsupportedInputError
    from recover.ingest.sources import IMAGE_EXT, PDF_EXT, TEXT_EXT
    kinds = (set(PDF_EXT) | IMAGE_EXT | TEXT_EXT) - {".jpeg", ".tiff", ".htm"}
    assert main(["run", "--help"]) == 0
    helped = " ".join(capsys.readouterr().out.split())
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert {"." + e for e in re.findall(r"[a-z]+", READS.replace(" and ", " "))} == kinds
    for text in (UnsupportedInputError.hint, NothingToReadError.hint, helped, readme):
        assert all(k in text for k in kinds), text[:200]


def test_a_progress_written_before_extent_existed_still_works_on_pdfs(tmp_path):
    from recover.api import run

    class OldRecorder(Progress):
        def __init__(self):
            self.seen = []

        def pack_planned(self, name, pages, dataset, ocr):      # the signature before 'extent'
            self.seen.append((name, pages, dataset))

    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(d / "a.pdf"))
    table_pdf(str(d / "b.pdf"))
    rec = OldRecorder()
    summary = run([str(d)], str(tmp_path / "out"), progress=rec)
    assert sorted(rec.seen) == [("a.pdf", 1, 1), ("b.pdf", 1, 1)]
    assert not summary.errors
