"""The records that travel between stages.

Data moves one way:  ingest -> readers -> Grid -> table -> RowRecord/Observation -> store -> reconcile -> outputs.
Every record is frozen so a stage can be tested alone and results can be cached or sent to
worker processes without surprises.

Coordinates: PDF points (1/72 inch), origin at the page's top-left corner, y growing downwards.
OCR readers convert pixels to points (x * 72 / dpi) so provenance boxes mean the same thing
whatever read the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field

METHODS = ("text-layer", "ocr", "extracted-text")
OBS_STATUSES = ("ok", "missing", "unreadable")
SERIES_STATUSES = ("ok", "review", "missing", "corrected")


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def __str__(self) -> str:
        return f"{self.x0:.1f},{self.y0:.1f},{self.x1:.1f},{self.y1:.1f}"

    @staticmethod
    def parse(text: str) -> "Box | None":
        if not text:
            return None
        a, b, c, d = (float(v) for v in text.split(","))
        return Box(a, b, c, d)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: "Box") -> "Box":
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True)
class Cell:
    """One cell as a reader saw it. conf is the reader's confidence that `text` is what is printed
    (1.0 for a text layer; tesseract's confidence for OCR; lower for text repaired by rule)."""
    row: int
    col: int
    text: str
    box: Box | None = None
    conf: float = 1.0


@dataclass(frozen=True)
class GridMeta:
    """What a reader knows about a grid besides its cells, typed (docs/readers.md). Everything is
    optional: a reader fills what it knows; the table stage reads header_inferred, pack_hint and
    title; the rest is provenance and what debug drawings and the extracted-text warnings show."""
    header_row: int | None = None        # the row of month labels, when the reader found it (OCR)
    header_inferred: bool = False        # the header was synthesised from another clue (conf <= 0.9)
    pack_hint: str | None = None         # YYYY-MM known from outside the header ('% change from Jul-21')
    title: str = ""                      # a dashboard chart's title ('LAC13 - Number of ...')
    window: int | None = None            # month columns the reader aligned its rows to
    source_kind: str = ""                # extracted text: tsv | markdown | html | layout | pdfminer-stream | dashboard
    blanks_dropped: bool = False         # the text keeps a row's values in order but drops its blank cells
                                         # (reading-order and column-major text): which months the values
                                         # are is the reader's inference, and a later stage may place them
    image: str = ""                      # scans: how the page image was obtained (embedded scan, rendered, file)
    rotated: int = 0                     # degrees (clockwise) the page was turned before reading
    skew: float = 0.0                    # degrees of feed skew removed
    dpi: float | None = None             # scans: the resolution read at
    header_lines: tuple[int, int] | None = None          # extracted text: the header's source lines
    row_lines: tuple[tuple[int, int, int], ...] = ()     # extracted text: (grid row, first line, last line)
    row_notes: tuple[tuple[int, str], ...] = ()          # (grid row, what the reader did to align it)
    label_printed: str = ""              # a dashboard label as printed, before its digits were read back
    labels: tuple[tuple[str, str], ...] = ()   # a dashboard block's other text naming its indicator
                                         # (RowRecord.labels: legend refs, caption, the percent note)
    notes: tuple[str, ...] = ()          # anything else worth keeping for provenance

    def lines_of(self, row: int) -> tuple[int, int] | None:
        """The source lines a grid row came from (extracted text)."""
        return next(((a, b) for r, a, b in self.row_lines if r == row), None)

    def row_note(self, row: int) -> str:
        return next((n for r, n in self.row_notes if r == row), "")


@dataclass(frozen=True)
class Grid:
    """One table (or dashboard block) on one page, as rows and columns of cells.

    This is the single model the readers produce; everything after it is shared.
    `kind` is "table" for a dataset table and "dashboard" for a chart's one-line value table.
    """
    source: str
    page: int
    method: str
    cells: tuple[Cell, ...]
    kind: str = "table"
    meta: GridMeta = GridMeta()

    @property
    def n_rows(self) -> int:
        return 1 + max((c.row for c in self.cells), default=-1)

    @property
    def n_cols(self) -> int:
        return 1 + max((c.col for c in self.cells), default=-1)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by row, each row ordered by column; empty rows kept as []."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out


@dataclass(frozen=True)
class PageInfo:
    """What ingest decided about one page, and why (logged and written to the store)."""
    source: str
    page: int
    layer: str          # text | image | mixed | text-file
    kind: str           # dataset | dashboard | prose | blank
    why: str


@dataclass(frozen=True)
class Value:
    """A printed number parsed from its text. decimals is the printed precision (19.1% -> 1)."""
    raw: str
    value: float | None
    status: str                   # ok | missing | unreadable
    is_percent: bool = False
    decimals: int | None = None
    conf: float = 1.0             # how sure the parse is (glyph junk stripped lowers it)


@dataclass(frozen=True)
class Observation:
    """One month cell read from one pack: the unit of provenance."""
    pack: str                     # YYYY-MM, the latest month the pack shows
    source: str                   # file name
    page: int
    ref: str | None               # canonical ref; None when the row did not match the register
    month: str                    # YYYY-MM
    raw: str
    value: float | None
    status: str                   # ok | missing | unreadable
    confidence: float
    method: str
    box: Box | None = None
    decimals: int | None = None
    row_id: str = ""              # links to RowRecord.row_id
    file_hash: str = ""
    why: str = ""                 # what lowered the confidence, if anything
    lines: str = ""               # "a-b": the lines of a text input the row was read from
    read_confidence: float | None = None   # the reader's confidence before identification (which
                                  # multiplies it by recover.identify.match_factor); None until identified


@dataclass(frozen=True)
class Extra:
    """A non-month value printed in the row: % change, 12-month avg/max, benchmarks, targets."""
    role: str                     # pct_prev | pct_year | avg12 | max12 | stat_neighbour | england | se_region | target | dot | percentage_flag
    label: str                    # header text as printed
    raw: str
    value: float | None
    conf: float = 1.0


@dataclass(frozen=True)
class RowRecord:
    """One indicator row of one pack, with everything it prints besides the month values."""
    row_id: str                   # "<file_hash[:12]>:<page>:<row>"
    pack: str
    source: str
    page: int
    ref: str | None               # canonical ref, set by recover.identify; None while unmatched
    ref_printed: str
    title_printed: str
    match_score: float
    match_why: str
    owner: str = ""
    reporter: str = ""
    outcome: str = ""
    commentary: str = ""
    extras: tuple[Extra, ...] = ()
    candidates: tuple[tuple[str, float], ...] = ()   # best register candidates when unmatched
    confidence: float = 1.0
    method: str = ""
    file_hash: str = ""
    box: Box | None = None        # the whole printed row, ref to last column (None for text inputs)
    lines: str = ""               # "a-b": the lines of a text input the row was read from
    kind: str = "table"           # table | dashboard (a chart's one-line table)
    unit_hint: str = ""           # what its values say: percent | number | '' (mixed or none)
    labels: tuple[tuple[str, str], ...] = ()   # more printed text naming the indicator: ('legend',
                                  # 'LAC13') from 'Benchmarking (LAC13)', ('caption', ...), ('unit_note', 'percent')
    identified_by: str = ""       # label | values | label+values | person; '' while unmatched
    register: str = ""            # content hash of the register that identified it
    blanks_dropped: bool = False  # read from text that drops blank cells (GridMeta.blanks_dropped)

    def extra(self, role: str) -> Extra | None:
        for e in self.extras:
            if e.role == role:
                return e
        return None


@dataclass(frozen=True)
class PageFailure:
    """A page a reader could not read: the pack is incomplete (the other pages still count) and is
    read again on the next run. `kind` says what went wrong; `line()` is the message for people."""
    source: str
    page: int | None              # 1-based; None when the whole input failed inside the reader
    reader: str                   # the reader's name (recover.readers.base)
    kind: str                     # ocr-failed | not-read | reader-failed | damaged (read only in part)
    #                               | program-missing (the OCR engine is not installed)
    detail: str = ""

    def reason(self) -> str:
        what = {"ocr-failed": "OCR failed", "not-read": "not read", "reader-failed": "reader failed",
                "damaged": "damaged content", "program-missing": "not read"}.get(self.kind, self.kind)
        return what + (f" ({self.detail})" if self.detail else "")

    def line(self) -> str:
        where = f"page {self.page}" if self.page is not None else "the file"
        return f"{where} could not be read: {self.reason()}"


@dataclass(frozen=True)
class PackRead:
    """Everything read from one input file."""
    source: str
    path: str
    file_hash: str
    pack: str | None              # YYYY-MM or None when no dataset was found
    window: int                   # number of month columns (7, 13, 14) of the main table
    pages: tuple[PageInfo, ...]
    rows: tuple[RowRecord, ...]
    observations: tuple[Observation, ...]
    method: str
    warnings: tuple[str, ...] = field(default_factory=tuple)   # for people; failures are also listed here
    seconds: float = 0.0
    failures: tuple[PageFailure, ...] = ()                      # for code: a pack with any is incomplete
