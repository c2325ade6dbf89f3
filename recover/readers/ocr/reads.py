"""What an OCR engine is asked for and gives back (the types of recover.readers.ocr.engine.Engine,
in a module of their own so that the engines can import them without importing the interface)."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Layout(enum.Enum):
    """How the text of a crop is laid out."""
    LINE = "line"       # one line of text (a value, a label, a name turned upright)
    BLOCK = "block"     # a few wrapped lines (a title, an outcome), read as one block


@dataclass(frozen=True)
class Read:
    text: str           # LINE: spaces normalised; BLOCK: lines joined by '\n'
    conf: float         # 0-1: the lowest word confidence (one bad word makes the cell doubtful)
    digits: float = -1.0   # 0-1: the lowest confidence of its digits, rated one by one (tesseract
                           # rates a word whose point it lost near 0 beside digits it is sure of;
                           # -1: the engine does not say)
