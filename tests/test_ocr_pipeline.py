"""Scanned pages read end to end through the pipeline (ingest -> OCR reader with the real
tesseract -> table stage -> register), every printed month cell compared with golden/printed.csv,
which comes from the truth that generated the corpus. One page of a pack is copied out of the
committed scan (its embedded image unchanged) so the test reads one page, not the whole pack.
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

pytestmark = pytest.mark.skipif(not tessdata_path(), reason="tesseract eng data not installed")

PAGES = [   # (renderer, dpi, committed file, page): a 14-month sheet; a 13-month page stored turned
    ("reportlab", 300, "demo", "agenda_2019-07-11_scan300.pdf", 4),
    ("reportlab", 200, "demo", "agenda_2021-02-11_scan200.pdf", 9),
]


def _one_page(src: str, page: int, out: str) -> None:
    doc = pdfium.PdfDocument(src)
    one = pdfium.PdfDocument.new()
    one.import_pages(doc, [page - 1])
    one.save(out)
    one.close()
    doc.close()


def _printed(name: str, page: int, set_: str, dpi: int) -> dict[tuple[str, str], dict]:
    rows = printed_cells(f"scan{dpi}", {name}, set_)
    return {(r["ref"], r["month"]): r for r in rows if int(r["page"]) == page}


@pytest.mark.parametrize("renderer,dpi,set_,name,page", PAGES, ids=[f"{p[0]}-{p[1]}dpi" for p in PAGES])
def test_a_scanned_page_reads_every_printed_month_cell_exactly(tmp_path, renderer, dpi, set_, name, page):
    path = os.path.join(DEMO, name)
    if not os.path.exists(path):
        pytest.skip("demo corpus missing")
    printed = _printed(name, page, set_, dpi)
    assert len(printed) >= 50
    single = tmp_path / name
    _one_page(path, page, str(single))
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
