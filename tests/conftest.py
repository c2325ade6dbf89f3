"""Fixtures shared by the test modules."""
from __future__ import annotations

import pytest

from recover.register import load_register


@pytest.fixture(scope="session")
def register():
    """The bundled register of indicators."""
    return load_register()


@pytest.fixture()
def blank_scan_page(tmp_path) -> str:
    """A one-page PDF holding only a white scanned image (no text layer): what an image page of a
    pack looks like to the readers before OCR."""
    from PIL import Image
    path = tmp_path / "scan.pdf"
    Image.new("L", (850, 1100), 255).save(path)
    return str(path)
