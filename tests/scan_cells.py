"""Committed crops of scanned month cells (tests/data/scans: the straightened page's grey under a
cell with a MARGIN px margin, and the cell's ink as the reader kept it), as an OCR page context and
the cell's ink, for the tests that read them with the real engine."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from recover.readers.ocr.context import OcrPage, Settings
from recover.readers.ocr.engine import default_engine
from recover.readers.ocr.ink import Ink

SCANS = Path(__file__).parent / "data" / "scans"
MARGIN = 4


def load_cell(name: str, dpi: int = 200) -> tuple[OcrPage, Ink]:
    gray = cv2.imread(str(SCANS / f"{name}-gray.png"), cv2.IMREAD_GRAYSCALE)
    mask = cv2.imread(str(SCANS / f"{name}-ink.png"), cv2.IMREAD_GRAYSCALE)
    mask = np.where(mask > 0, 255, 0).astype(np.uint8)
    ys, xs = np.nonzero(mask)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return OcrPage(gray, dpi, Settings(), default_engine()), Ink(mask, box, (MARGIN, MARGIN))
