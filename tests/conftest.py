"""Fixtures shared by the test modules."""
from __future__ import annotations

import pytest

from recover.register import load_register


@pytest.fixture(scope="session")
def register():
    """The bundled register of indicators."""
    return load_register()


@pytest.fixture()
def pack_with_a_scanned_page(tmp_path) -> str:
    """A PDF whose page 1 is a KPI table in its text layer and page 2 a scan of the same table (an
    image, no text layer): a pack partly scanned, as the mixed packs are."""
    import pypdfium2 as pdfium

    from tests.pdfs import table_pdf
    table_pdf(str(tmp_path / "t.pdf"))
    doc = pdfium.PdfDocument(str(tmp_path / "t.pdf"))
    doc[0].render(scale=150 / 72, grayscale=True).to_pil().save(tmp_path / "scan.pdf")
    doc.import_pages(pdfium.PdfDocument(str(tmp_path / "scan.pdf")))
    doc.save(str(tmp_path / "pack.pdf"))
    return str(tmp_path / "pack.pdf")
