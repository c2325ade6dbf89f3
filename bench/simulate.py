"""Realistic read errors, for measuring reconciliation (bench/bench_reconcile.py).

The packs are the corpus truth as a reader that reads everything right would deliver them
(recover.testing.packs_from_printed); this module decides which readings go wrong, and how.

How: the slips are measured, not made up. bench/measure_confusions.py read the corpus scans with
tesseract and kept, for every printed month cell, the printed text, the plain read and its
confidence (bench/ocr_confusions.csv: one file of every look x renderer x resolution of the full
corpus). Every read that came back as a *different number* is a slip: the edit that turned its
printed text into its read (a lost decimal point, a lost first or last digit, '2' read as '7', a
stray digit). A simulated misread makes one such slip, drawn as often as it was measured at
that resolution, on a cell whose text offers it, and carries the confidence tesseract gave the real
one; right reads carry confidences drawn from those tesseract gave the right reads. The
reconciliation's own table of slips (recover.printed.confusions) plays no part: the bench scores
the repair search on slips it was not written from.

How often: the share of misread cells per reading method stays the lab notes' (ErrorModel). The
measurement's plain whole-page read loses and garbles cells on rule lines that the reader's cell
crops never see, so its own rates would overstate the reader's; and a read that leaves no number
is the reader's 'unreadable' (counted by bench_corpus.py), not the wrong value this bench is about.
"""
from __future__ import annotations

import csv
import difflib
import random
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from recover.model import Extra, Observation
from recover.printed.numbers import parse_value
from recover.testing import (PrintedCell, extra, load_printed, load_revisions, load_truth,  # noqa: F401
                             observation, packs_from_printed)

CONFUSIONS_CSV = Path(__file__).resolve().parent / "ocr_confusions.csv"


# ---- measured slips --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slip:
    """One measured misread as an edit: `before` (printed) became `after` (read); `start`/`end` when
    the edit touched the first/last character of the printed text."""
    before: str
    after: str
    start: bool
    end: bool
    conf: float

    def positions(self, text: str) -> list[int]:
        """Where in `text` this slip can happen."""
        if self.start and self.end:
            return [0] if text == self.before else []
        if not self.before:
            return [0] if self.start else [len(text)] if self.end else list(range(1, len(text)))
        found = [i for i in range(len(text) - len(self.before) + 1) if text.startswith(self.before, i)]
        if self.start:
            found = [i for i in found if i == 0]
        if self.end:
            found = [i for i in found if i + len(self.before) == len(text)]
        return found

    def apply(self, text: str, at: int) -> str:
        return text[:at] + self.after + text[at + len(self.before):]


def slip_of(printed: str, read: str, conf: float) -> Slip:
    """The one edit (the span from the first to the last difference) that turns printed into read:
    character by character when the lengths agree ('111' -> '211' is a '1' read as '2'), else
    difflib's alignment ('1348' -> '348' is a lost '1')."""
    if len(printed) == len(read):
        diff = [i for i, (a, b) in enumerate(zip(printed, read)) if a != b]
        i1, i2 = diff[0], diff[-1] + 1
        j1, j2 = i1, i2
    else:
        ops = [op for op in difflib.SequenceMatcher(None, printed, read, autojunk=False).get_opcodes()
               if op[0] != "equal"]
        i1, i2, j1, j2 = ops[0][1], ops[-1][2], ops[0][3], ops[-1][4]
    return Slip(printed[i1:i2], read[j1:j2], i1 == 0, i2 == len(printed), conf)


@dataclass(frozen=True)
class MeasuredReads:
    """Per scan resolution: the slips that gave a wrong number, and the confidences of right reads."""
    slips: dict[int, tuple[Slip, ...]]
    right_conf: dict[int, tuple[float, ...]]
    cells: dict[int, int]

    @classmethod
    def load(cls, path: Path = CONFUSIONS_CSV) -> "MeasuredReads":
        slips: dict[int, list[Slip]] = defaultdict(list)
        right: dict[int, list[float]] = defaultdict(list)
        cells: dict[int, int] = defaultdict(int)
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                dpi, printed, read, conf = int(r["dpi"]), r["printed"], r["plain"], float(r["plain_conf"])
                cells[dpi] += 1
                if read == printed:
                    right[dpi].append(conf)
                elif wrong_number(printed, read):
                    slips[dpi].append(slip_of(printed, read, conf))
        return cls({k: tuple(v) for k, v in slips.items()}, {k: tuple(v) for k, v in right.items()}, dict(cells))

    def pool(self, table: dict, dpi: int) -> tuple:
        return table.get(dpi) or next((v for _, v in sorted(table.items(), key=lambda kv: abs(kv[0] - dpi))), ())


def wrong_number(printed: str, read: str) -> bool:
    """The read is a number, and not the printed one ('61.1' for '61.1%' is the right number)."""
    a, b = parse_value(printed), parse_value(read)
    return a.value is not None and b.value is not None and a.value != b.value


# ---- the error model -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ErrorModel:
    """Shares of misread cells per reading method (and scan resolution: the lab notes measured 84-86%
    of cells exact at 200 dpi, ~99-100% at 300 dpi). p_confident, when set, lifts that share of
    misreads to a high confidence (a stress: tesseract sure of a wrong number); None keeps the
    measured confidences."""
    p_misread: tuple[tuple[str, float], ...] = (("ocr", 0.03), ("ocr@200", 0.12), ("extracted-text", 0.01),
                                               ("text-layer", 0.0005))
    p_confident: float | None = None
    p_extra_misread: float = 0.01      # % changes / avg / max misread too
    seed: int = 7

    def rate(self, method: str, variant: str = "") -> float:
        rates = dict(self.p_misread)
        if method == "ocr" and "200" in variant and "ocr@200" in rates:
            return rates["ocr@200"]
        return rates.get(method, 0.03)


def dpi_of(variant: str) -> int:
    return 200 if "200" in (variant or "") else 300


class Simulator:
    """Readings with measured slips; counts the misreads it made."""

    def __init__(self, model: ErrorModel, measured: MeasuredReads):
        self.model, self.measured = model, measured
        self.rng = random.Random(model.seed)
        self.misreads = 0

    def misread(self, text: str, dpi: int) -> tuple[str, float] | None:
        """A measured slip made on `text` that leaves a different number: (read, confidence)."""
        pool = self.measured.pool(self.measured.slips, dpi)
        for _ in range(40):
            if not pool:
                return None
            slip = self.rng.choice(pool)
            at = slip.positions(text)
            if at:
                read = slip.apply(text, self.rng.choice(at))
                if wrong_number(text, read):
                    return read, slip.conf
        return None

    def confidence(self, method: str, dpi: int, wrong: bool, slip_conf: float | None) -> float:
        rng, p_conf = self.rng, self.model.p_confident
        if method == "extracted-text":
            return 0.9     # text extracted by someone else's OCR carries no confidence: every cell alike
        if wrong and p_conf is not None and rng.random() < p_conf:
            return rng.uniform(0.85, 0.98)
        if method == "text-layer":
            return 1.0 if not wrong else rng.uniform(0.5, 0.9)
        if wrong:
            return slip_conf if slip_conf is not None else 0.5
        right = self.measured.pool(self.measured.right_conf, dpi)
        return rng.choice(right) if right else 0.9

    def reading(self, cell: PrintedCell, row_id: str) -> Observation:
        dpi = dpi_of(cell.variant)
        got = self.misread(cell.printed, dpi) if self.rng.random() < self.model.rate(cell.method, cell.variant) \
            else None
        self.misreads += got is not None
        conf = self.confidence(cell.method, dpi, got is not None, got[1] if got else None)
        return observation(cell, row_id, conf, got[0] if got else None)

    def extra_reading(self, e: Extra, method: str) -> Extra:
        dpi = 300      # an Extra does not say its page's resolution: the 300 dpi slips
        got = None
        if self.rng.random() < self.model.p_extra_misread * (1 if method == "ocr" else 0.3):
            got = self.misread(e.raw, dpi)
        conf = self.confidence(method, dpi, got is not None, got[1] if got else None)
        if got is None:
            return replace(e, conf=conf)
        return replace(extra(e.role, got[0]), label=e.label, conf=conf)


def simulate_packs(cells: list[PrintedCell], rows: dict[tuple[str, int, str], dict[str, str]],
                   model: ErrorModel, measured: MeasuredReads | None = None):
    """PackRead records as readers would deliver them; returns them and the number of misreads made."""
    sim = Simulator(model, measured or MeasuredReads.load())
    packs = packs_from_printed(cells, rows, reading=sim.reading, extra_reading=sim.extra_reading)
    return packs, sim.misreads
