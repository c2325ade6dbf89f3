"""Scanned pages read end to end through the pipeline (ingest -> OCR reader with the real
tesseract -> table stage -> register), every printed month cell compared with golden/printed*.csv,
which comes from the truth that generated the corpus: a 300 and a 200 dpi page of each renderer.
The demo scans are read one page at a time (copied out with the image unchanged); the
LibreOffice pages are committed that way (tests/data/scans/, cut from the corpus scans).
"""
from __future__ import annotations

import os

import pytest

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("cv2")

from recover.pipeline import Settings, open_all, read_sources  # noqa: E402
from recover.readers.ocr.tess import tessdata_path  # noqa: E402
from recover.register import load_register  # noqa: E402
from tests.golden_views import printed_cells  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "corpus", "demo")
SCANS = os.path.join(ROOT, "tests", "data", "scans")     # single pages cut from corpus scans

pytestmark = pytest.mark.skipif(not tessdata_path(), reason="tesseract eng data not installed")

PAGES = [   # (renderer, dpi, set, pack, page of the pack, committed file, page of that file)
    # a 14-month ruled sheet; a 13-month page stored turned
    ("reportlab", 300, "demo", "agenda_2019-07-11_scan300.pdf", 4, "corpus/demo/agenda_2019-07-11_scan300.pdf", 4),
    ("reportlab", 200, "demo", "agenda_2021-02-11_scan200.pdf", 9, "corpus/demo/agenda_2021-02-11_scan200.pdf", 9),
    # LibreOffice: a sheet without borders (turned names, right-aligned values); one with
    # hairline borders the scan all but lost (upright names, faint specks of the rules)
    ("libreoffice", 300, "full", "agenda_2020-02-20_lo-nolines-scan300.pdf", 5,
     "tests/data/scans/agenda_2020-02-20_lo-nolines-scan300.p5.pdf", 1),
    ("libreoffice", 200, "full", "agenda_2021-11-11_lo-hairline-scan200.pdf", 5,
     "tests/data/scans/agenda_2021-11-11_lo-hairline-scan200.p5.pdf", 1),
]


def _one_page(src: str, page: int, out: str) -> None:
    doc = pdfium.PdfDocument(src)
    one = pdfium.PdfDocument.new()
    one.import_pages(doc, [page - 1])
    one.save(out)
    one.close()
    doc.close()


def _printed(name: str, page: int, set_: str) -> dict[tuple[str, str], dict]:
    variant = name.rsplit("_", 1)[1][:-len(".pdf")]
    rows = printed_cells(variant, {name}, set_)
    return {(r["ref"], r["month"]): r for r in rows if int(r["page"]) == page}


@pytest.mark.parametrize("renderer,dpi,set_,name,page,committed,file_page", PAGES,
                         ids=[f"{p[0]}-{p[1]}dpi" for p in PAGES])
def test_a_scanned_page_reads_every_printed_month_cell_exactly(tmp_path, renderer, dpi, set_, name, page,
                                                              committed, file_page):
    path = os.path.join(ROOT, committed)
    if not os.path.exists(path):
        pytest.skip(f"{committed} missing")
    printed = _printed(name, page, set_)
    assert len(printed) >= 50
    single = tmp_path / name
    _one_page(path, file_page, str(single))
    sources, errors = open_all([str(single)])
    packs, errs = read_sources(sources, Settings(dpi=dpi, workers=1), load_register())
    assert not errors and not errs
    (pack,) = packs
    assert [(p.layer, p.kind) for p in pack.pages] == [("image", "dataset")]
    assert pack.method == "ocr"
    # every printed row is matched to its own ref, and no row is left unmatched
    assert sorted(r.ref for r in pack.rows) == sorted({ref for ref, _ in printed})
    got = {(o.ref, o.month): o for o in pack.observations}
    assert set(got) == set(printed)
    for key, p in printed.items():
        o = got[key]
        want = None if p["value"] == "" else float(p["value"])
        assert (" ".join(o.raw.split()), o.status) == (p["printed"], p["status"]), key
        assert (o.value is None and want is None) or abs(o.value - want) < 1e-9, key
        assert o.method == "ocr" and o.box is not None


def test_only_the_listed_scanned_pages_are_read():
    """A sampled measure of scans reads the pages it lists and no others (their cells alone are
    scored): the other scanned pages are neither OCR'd nor called prose."""
    name = "agenda_2019-07-11_scan300.pdf"
    path = os.path.join(DEMO, name)
    if not os.path.exists(path):
        pytest.skip(f"{name} missing")
    sources, errors = open_all([path])
    packs, errs = read_sources(sources, Settings(dpi=300, workers=1), load_register(), pages={name: {4}})
    assert not errors and not errs
    (pack,) = packs
    assert {o.page for o in pack.observations} == {4}
    assert len(pack.observations) >= 50
    kinds = {p.page: p.kind for p in pack.pages}
    assert kinds[4] == "dataset"
    assert {k for p, k in kinds.items() if p != 4} == {"pending"}      # handed off, never read
    # listing no page of a scanned pack reads none of it: no table, so not a pack
    packs, errs = read_sources(sources, Settings(dpi=300, workers=1), load_register(), pages={})
    assert not packs and len(errs) == 1


def test_a_scanned_sheet_whose_filled_cells_leave_specks_reads_every_row(tmp_path):
    """A LibreOffice sheet without borders whose qualitative cells are filled, scanned at 200 dpi:
    the edge of a filled cell on a tall row's first line comes out as a speck that OCR reads as a
    letter ('c') under a month, which ended the table there: 10 of the page's 12 rows were lost.
    Every printed row is now matched to its own ref, and what is not read exactly (a '16.0%' whose
    point the scan lost) is not ok."""
    name = "agenda_2018-05-03_lo-fills-nolines-scan200.pdf"
    printed = _printed(name, 4, "full")
    single = tmp_path / name
    _one_page(os.path.join(SCANS, "agenda_2018-05-03_lo-fills-nolines-scan200.p4.pdf"), 1, str(single))
    sources, errors = open_all([str(single)])
    packs, errs = read_sources(sources, Settings(dpi=200, workers=1), load_register())
    assert not errors and not errs
    (pack,) = packs
    assert {ref for ref, _ in printed} <= {r.ref for r in pack.rows}
    got = {(o.ref, o.month): o for o in pack.observations}
    exact = sum(1 for k, p in printed.items() if k in got and (" ".join(got[k].raw.split()), got[k].status)
                == (p["printed"], p["status"]))
    assert len(printed) >= 150 and exact >= 0.95 * len(printed)
    for key, p in printed.items():
        o = got.get(key)
        if o is not None and o.status == "ok":
            assert o.value == float(p["value"]), key
