"""What every step of reading one scanned page shares: the straightened page, its resolution,
the settings and the OCR engine (the page context), and what one cell read gave."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import Engine, Layout, Read
from .ink import NUM_HEIGHT, TEXT_LINE, Ink, gray_crop

NUM_CHARSET = "0123456789.,%-tbcn/a"
TRUNCATED = " …"      # ends a text cell of which only the first lines were read


@dataclass(frozen=True)
class Settings:
    """Every knob that changes what is read (all of it goes into the cache key)."""
    num_height: int = NUM_HEIGHT      # month values and header labels
    extra_height: int = NUM_HEIGHT    # other numbers (% changes, averages, benchmarks): at 32 px
                                      # a '7' read as '1' 7x as often, for 1-3% less time
    line_height: int = 30             # one line of words (names, flags): tesseract's cost grows
                                      # with the image, and words need less than digits
    text_line: int = TEXT_LINE
    num_whitelist: str = NUM_CHARSET
    commentary_lines: int = 1         # long commentary: its first line is kept (marked as cut), the
                                      # rest would cost ~0.07 s per page; the values never depend on it
    outcome_lines: int = 1            # the outcome repeats the register's text: a line identifies it
    retry_below: float = 0.80         # a month read below this confidence is read again


@dataclass(frozen=True)
class OcrPage:
    """One straightened page being read. Every step takes this instead of a handful of loose
    arguments, and reads through `engine` only (tests pass a scripted one)."""
    gray: np.ndarray          # the straightened page, grey
    dpi: float
    settings: Settings
    engine: Engine
    source: str = ""
    page: int = 1
    rules: np.ndarray | None = None   # a ruled table's lines as taken out of its ink (rulecut.py):
                                      # painted white in every crop, beside the glyph strokes kept

    def read(self, ink: Ink, box: tuple[int, int, int, int], height: float,
             layout: Layout = Layout.LINE, charset: str | None = None, sharpen: bool = False,
             with_rules: bool = False) -> Read:
        """OCR of the grey page under `ink` inside `box` (ink crop coordinates), scaled so the
        box is `height` pixels tall. with_rules: the grey as the scan has it beside the ink, the
        rules too (a crop that the ink reaches the cell's side in is then not cleaned)."""
        rules = None if with_rules else self.rules
        return self.engine.read(gray_crop(self.gray, ink, box, height, sharpen=sharpen, rules=rules),
                                layout, charset)


@dataclass(frozen=True)
class CellRead:
    """What one cell read gave."""
    text: str
    conf: float
    cut: bool = False        # only the first lines of the cell were read
    digits: float = 0.0      # a number: how sure the reads are of its digits, a decimal point
                             # aside (0: not sure of them either); the row may give the point back
