"""OCR engines for tests: scripted answers instead of tesseract, through the reader's Engine
interface (nothing in the reader is patched)."""
from __future__ import annotations

from recover.readers.ocr.engine import Layout, Read


class ScriptedEngine:
    """Answers each read with the next (text, conf) of a script, and keeps what it was asked."""
    ident = "scripted"

    def __init__(self, script):
        self.script = list(script)
        self.asked: list[tuple[tuple[int, int], Layout, str | None]] = []

    def read(self, img, layout=Layout.LINE, charset=None):
        self.asked.append((img.shape, layout, charset))
        return Read(*self.script.pop(0))

    def orientation(self, img):
        return 0, 0.0
