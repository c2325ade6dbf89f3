"""The reader protocol (recover/readers/base.py): one interface, a registry, typed failures, the
OCR engine passed in, and room for a reader of a new kind of input."""
from __future__ import annotations

import pytest

from recover.ingest.sources import Source, open_source
from recover.model import METHODS, Cell, Grid, PageFailure, PageInfo
from recover.pipeline import Settings, read_sources
from recover.readers.base import (IMAGE, PDF, REGISTRY, SCANNED_PAGE, TEXT, ReadContext, ReadJob, ReadResult,
                                  Reader, register)
from recover.readers.registry import reader_for, readers


def test_every_input_ingest_finds_has_one_reader_whose_name_is_its_method():
    for kind in (PDF, SCANNED_PAGE, IMAGE, TEXT):
        reader = reader_for(kind)
        assert isinstance(reader, Reader) and reader.name in METHODS
    assert sorted(readers()) == sorted(METHODS)


class Broken:
    """An OCR engine that fails on every read (a corrupt tessdata, a crashed process)."""
    ident = "broken"

    def read(self, img, layout=None, charset=None):
        raise MemoryError("simulated")

    def orientation(self, img):
        raise MemoryError("simulated")


@pytest.fixture()
def scanned(pack_with_a_scanned_page):
    return open_source(pack_with_a_scanned_page)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_the_engine_cannot_read_is_a_typed_failure_and_the_others_are_read(scanned, register, workers):
    packs, errors = read_sources([scanned], Settings(workers=workers, engine=Broken()), register)
    assert not errors
    (pack,) = packs
    (failure,) = pack.failures
    assert (failure.page, failure.reader, failure.kind) == (2, "ocr", "ocr-failed")
    assert "MemoryError" in failure.detail and failure.line() in pack.warnings
    assert pack.pack == "2020-04" and len(pack.rows) == 3          # page 1, the text layer, still counts


class Dies:
    """An OCR engine whose process dies mid-read (the OOM killer, a crash in C code)."""
    ident = "dies"

    def read(self, img, layout=None, charset=None):
        import os
        os._exit(3)

    def orientation(self, img):
        import os
        os._exit(3)


def test_a_worker_that_dies_loses_its_pages_as_failures_never_as_a_refusal(pack_with_a_scanned_page, register):
    """Two scanned pages in a pool of two, both workers killed: the pack with a text page keeps it
    and lists the lost page; the scan-only pack is 'could not be read' (read again next run), not
    'no dataset table' (a refusal, which is not retried)."""
    from pathlib import Path

    from recover.errors import ExitCode
    scan_only = open_source(str(Path(pack_with_a_scanned_page).parent / "scan.pdf"))
    packs, errors = read_sources([open_source(pack_with_a_scanned_page), scan_only],
                                 Settings(workers=2, engine=Dies()), register)
    (pack,) = packs
    assert [(f.page, f.kind) for f in pack.failures] == [(2, "ocr-failed")]
    assert "worker process died" in pack.failures[0].detail and len(pack.rows) == 3
    (error,) = errors
    assert error.exit_code == ExitCode.PARTLY_READ and error.source == "scan.pdf"
    assert "worker process died" in error.line() and "no dataset table with month columns" not in error.line()


def test_without_ocr_an_image_page_is_listed_not_failed(scanned, register):
    packs, _ = read_sources([scanned], Settings(workers=1, ocr=False), register)
    assert not packs[0].failures
    assert [(p.page, p.layer, p.kind) for p in packs[0].pages] == [(1, "text", "dataset"), (2, "image", "blank")]


def test_the_text_layer_hands_image_pages_to_another_reader(scanned):
    res = reader_for(PDF).read(ReadJob(scanned), ReadContext())
    assert res.handoff == (2,) and [p.kind for p in res.pages] == ["text", "pending"]
    assert all(g.page == 1 for g in res.grids)


@pytest.fixture()
def csv_reader():
    """A fourth reader, for an input kind the built-in readers do not read: what a newcomer writes
    (docs/readers.md). It reads 'ref,month,value' lines into a one-row-per-line Grid."""
    @register
    class CsvReader:
        name = "test-csv"
        inputs = frozenset({"test-csv"})

        def read(self, job: ReadJob, ctx: ReadContext) -> ReadResult:
            lines = [ln.split(",") for ln in open(job.source.path, encoding="utf-8").read().split("\n") if ln]
            months = list(dict.fromkeys(m for _, m, _ in lines))     # in the order printed
            refs = sorted({r for r, _, _ in lines})
            cells = [Cell(0, 0, "Ref.")] + [Cell(0, 1 + i, m) for i, m in enumerate(months)]
            for r, ref in enumerate(refs, start=1):
                cells.append(Cell(r, 0, ref))
                cells += [Cell(r, 1 + months.index(m), v) for rr, m, v in lines if rr == ref]
            grid = Grid(job.source.name, 1, self.name, tuple(cells))
            return ReadResult((grid,), pages=(PageInfo(job.source.name, 1, "text-file", "dataset", "csv"),))
    yield CsvReader
    del REGISTRY["test-csv"]


def test_a_fourth_reader_plugs_in_through_the_registry(tmp_path, csv_reader, register):
    months = ["Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20"]
    path = tmp_path / "values.csv"
    path.write_text("".join(f"M1,{m},{100 + i}\n" for i, m in enumerate(months)), encoding="utf-8")
    src = Source(str(path), "values.csv", "test-csv", "0" * 64, path.stat().st_size)
    (pack,), errors = read_sources([src], Settings(workers=1), register)
    assert not errors and pack.pack == "2020-02" and pack.method == "test-csv"
    assert [(o.ref, o.month, o.value) for o in pack.observations][:2] == [("M1", "2019-10", 100.0),
                                                                          ("M1", "2019-11", 101.0)]


def test_page_failures_say_what_and_where():
    assert PageFailure("a.pdf", 7, "ocr", "ocr-failed", "MemoryError: x").line() == \
        "page 7 could not be read: OCR failed (MemoryError: x)"
    assert PageFailure("a.txt", None, "extracted-text", "reader-failed").line() == \
        "the file could not be read: reader failed"


def _tsv(pages: dict[int, list[str]]) -> str:
    head = "\t".join(("level", "page_num", "block_num", "par_num", "line_num", "word_num",
                      "left", "top", "width", "height", "conf", "text"))
    rows = [f"5\t{p}\t1\t1\t1\t{k}\t{100 * k}\t100\t80\t20\t96\t{w}"
            for p, ws in pages.items() for k, w in enumerate(ws, start=1)]
    return "\n".join([head, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"] + rows) + "\n"


MINUTES = "Minutes of the meeting\nApologies were received from two members.\nThe panel noted the report.\n"


@pytest.mark.parametrize("name,text,said", [
    ("minutes.txt", MINUTES, "3 lines"),
    ("agenda.txt", MINUTES + "\f" + MINUTES + "\fItem 4: any other business\n", "7 lines on 3 pages"),
    ("notes.md", "# Notes\n\nNothing to report this month.\n", "3 lines"),
    ("letter.tsv", _tsv({1: ["Dear", "Chair,", "thank", "you"], 2: ["Yours", "sincerely"]}),
     "6 words on 2 pages of tesseract TSV"),
])
def test_a_text_file_without_a_table_is_refused_in_its_own_terms(tmp_path, register, name, text, said):
    """A text file is one 'page' in provenance: the refusal says how much text was read."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    packs, errors = read_sources([open_source(str(path))], Settings(workers=1), register)
    assert not packs and len(errors) == 1
    line = errors[0].line()
    assert f"no dataset table with month columns found ({said} looked at)" in line
    assert "page(s)" not in line


def test_a_pdf_without_a_table_is_still_refused_by_its_pages(tmp_path, register):
    from reportlab.pdfgen import canvas
    for n in (1, 3):
        path = tmp_path / f"letter{n}.pdf"
        c = canvas.Canvas(str(path))
        for k in range(n):
            c.drawString(72, 720, f"Page {k + 1}: minutes of the meeting, nothing tabled.")
            c.showPage()
        c.save()
        packs, errors = read_sources([open_source(str(path))], Settings(workers=1), register)
        assert not packs and f"({n} page{'s' * (n > 1)} looked at)" in errors[0].line()
