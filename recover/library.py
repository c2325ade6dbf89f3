"""recover as a library, for notebooks and scripts (the CLI is a thin layer over recover.api).

    import recover
    result = recover.run("packs/", out="out")          # a file, a folder, or a list of them
    result.series, result.review, result.revisions, result.packs   # records, as in the CSV files
    frames = result.to_pandas()                         # DataFrames (pip install 'recover[pandas]')
    report = recover.check("new.pdf", store="out")       # recover.compare.CheckReport
    applied = recover.apply("out/review.csv")            # recover.reconcile.review.ApplyResult

The library never prints; pass progress= (recover.progress) to hear about a long run.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields

from .outputs.packs import PackSummary
from .progress import SILENT


@dataclass(frozen=True)
class SeriesRecord:
    """One indicator and month of series.csv."""
    ref: str
    title: str
    unit: str
    month: str
    value: float | None
    confidence: float
    status: str                   # ok | review | missing | corrected
    n_sources: int
    sources: str
    reason: str


@dataclass(frozen=True)
class ReviewRecord:
    """One line of review.csv (image is relative to the output folder)."""
    source: str
    page: int | None
    where: str
    ref: str
    title: str
    unit: str
    month: str
    current_value: float | None
    confidence: float
    reason: str
    row_months: str
    image: str
    candidates: str
    other_images: str
    row_reason: str


@dataclass(frozen=True)
class RevisionRecord:
    """One line of revisions.csv."""
    ref: str
    month: str
    old_value: float
    old_pack: str
    new_value: float
    new_pack: str


@dataclass(frozen=True)
class RunResult:
    out: str                                   # the output folder
    series: tuple[SeriesRecord, ...]
    review: tuple[ReviewRecord, ...]
    revisions: tuple[RevisionRecord, ...]
    packs: tuple[PackSummary, ...]
    summary: object                            # recover.api.RunSummary: errors, warnings, exit_code

    @property
    def errors(self) -> list:
        return self.summary.errors

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code

    def to_pandas(self, name: str | None = None):
        """The records as pandas DataFrames: a dict of series, review, revisions and packs, or the
        one named. Needs pandas (an optional extra: pip install 'recover[pandas]')."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("RunResult.to_pandas() needs pandas: pip install 'recover[pandas]'") from None
        tables = {"series": (self.series, SeriesRecord), "review": (self.review, ReviewRecord),
                  "revisions": (self.revisions, RevisionRecord), "packs": (self.packs, PackSummary)}
        if name is not None and name not in tables:
            raise KeyError(f"{name!r}: one of {', '.join(tables)}")

        def frame(records, kind):
            return pd.DataFrame([asdict(r) for r in records], columns=[f.name for f in fields(kind)])
        if name is not None:
            return frame(*tables[name])
        return {k: frame(*v) for k, v in tables.items()}


def run(paths, out: str | os.PathLike = "out", *, register=None, dpi: int | None = None, ocr: bool = True,
        workers: int | None = None, force: bool = False, debug_images: str | None = None,
        progress=SILENT) -> RunResult:
    """Read packs (one path or a list: files or folders), store them in out/recover.sqlite, write
    the outputs into out/, and return them as records. register: None for the bundled register,
    a Register, or the path of a register CSV. Bad inputs are in result.errors; the others are read."""
    from . import api
    kwargs = {} if dpi is None else {"dpi": dpi}
    summary = api.run(api.as_paths(paths), os.fspath(out), ocr=ocr, workers=workers, debug_dir=debug_images,
                      force=force, progress=progress, register=register, **kwargs)
    return result_of(summary)


def check(pack, store: str | os.PathLike = "out", *, register=None, record: bool = False, dpi: int | None = None,
          progress=SILENT):
    """Compare one new pack with what the store in `store` holds; returns a CheckReport
    (report.needs_person, report.render(), report.to_dict())."""
    from . import api
    kwargs = {} if dpi is None else {"dpi": dpi}
    return api.check_report(pack, store, record=record, register=register, progress=progress, **kwargs)


def apply(review_csv, store: str | os.PathLike | None = None, *, register=None):
    """Store the corrections typed (or accepted) in review_csv and rewrite the outputs."""
    from . import api
    result, _ = api.apply_result(review_csv, store, register=register)
    return result


def result_of(summary) -> RunResult:
    rec, written = summary.reconciled, summary.written
    series = tuple(SeriesRecord(c.ref, c.title, c.unit, c.month, c.value, round(c.confidence, 4), c.status,
                                c.n_sources, "; ".join(c.sources), c.reason) for c in rec.cells)
    review = tuple(_review_record(line) for line in written.queue)
    revisions = tuple(RevisionRecord(r.ref, r.month, r.old_value, r.old_pack, r.new_value, r.new_pack)
                      for r in rec.revisions)
    return RunResult(summary.out_dir, series, review, revisions, tuple(written.packs), summary)


def _review_record(line) -> ReviewRecord:
    it = line.item
    return ReviewRecord(line.source, int(line.page) if line.page else None, line.where, it.ref, it.title, it.unit,
                        it.month, it.current_value, round(it.confidence, 4), it.short_reason or it.reason,
                        line.row_months, line.image, line.candidates_text(), " | ".join(line.other_images),
                        line.row_reason)


__all__ = ["run", "check", "apply", "RunResult", "SeriesRecord", "ReviewRecord", "RevisionRecord",
           "PackSummary"]
