"""The OCR engine behind the scanned-page reader, as an interface.

The reader finds the structure of a page itself (lines, cells, ink) and asks an engine only to
read one small, tight crop at a time: a line of words, one value, a few wrapped lines. That is
all an engine has to do, so tesseract (recover.readers.ocr.tess) is one implementation among
possible others, and tests answer the reads from a script instead of patching the reader.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from .reads import Layout, Read

__all__ = ["Engine", "Layout", "Read", "default_engine"]


@runtime_checkable
class Engine(Protocol):
    """What the reader needs from an OCR engine.

    ident names the engine and its build (it goes into cache keys: another build may read the
    same crop differently); it must be cheap, without starting the engine.
    """
    ident: str

    def read(self, img: np.ndarray, layout: Layout = Layout.LINE, charset: str | None = None) -> Read:
        """Text of a grey crop (dark text on white, uint8), optionally limited to `charset`."""
        ...

    def orientation(self, img: np.ndarray) -> tuple[int, float]:
        """(degrees the content is turned clockwise, as tesseract's orient_deg; confidence).
        Asked only when reading a few lines both ways leaves the direction of a page in doubt."""
        ...


def default_engine() -> Engine:
    """The process's tesseract (created on first use, so worker processes each get their own)."""
    from .tess import process_tesseract
    return process_tesseract()
