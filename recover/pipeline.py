"""The pipeline, stage by stage:

    ingest (open, fingerprint)
      -> readers (recover.readers.base registry: text layer | OCR | extracted text) -> Grid
      -> page kinds (which pages hold a dataset table, a dashboard, prose)
      -> table (header, rows, values) -> RowRecord + Observation  = PackRead
      -> store (SQLite, idempotent)
      -> identify (every stored row against the register and the values other packs hold)
      -> reconcile -> outputs

Each source is read by the reader of its kind. Pages a reader hands off (the image-only pages of
a PDF) are read by the reader of that input, one job per page in worker processes
(OMP_THREAD_LIMIT=1), so a scanned back-fill keeps every core busy; text-layer pages are read in
this process (milliseconds each).
"""
from __future__ import annotations

import os
import time
import traceback
from collections import Counter
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

from recover.errors import NotAPackError, PartlyReadError, RecoverError, UnexpectedError
from recover.ingest.sources import Source, open_source
from recover.model import Grid, PackRead, PageFailure, PageInfo
from recover.progress import SILENT, Progress
from recover.readers.base import (DEFAULT_DPI, SCANNED_PAGE, TEXT_PAGE, ReadContext, ReadJob, ReadResult,
                                  ReadSettings, worker_setup)
from recover.readers.registry import reader_for
from recover.table.extract import read_tables
from recover.workers import pool
from recover.table.header import find_header

DPI = DEFAULT_DPI          # render resolution for scanned pages (defined with the readers)


def default_workers() -> int:
    """OCR worker processes when none are asked for: one per core."""
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    dpi: int = DPI
    ocr: bool = True
    workers: int = field(default_factory=default_workers)
    cache_dir: str | None = None
    debug_dir: str | None = None
    engine: object | None = None      # an OCR engine for every reader (tests); None: tesseract

    @property
    def key(self) -> str:
        """The user's choices that change what is read. The store skips a pack read with the same
        key by the same code (the code's own version is recover.versions.reading_version)."""
        return f"dpi={self.dpi}:ocr={int(self.ocr)}"

    def context(self) -> ReadContext:
        return ReadContext(ReadSettings(self.dpi, self.ocr, self.cache_dir, self.debug_dir), self.engine)


def read_sources(sources: list[Source], settings: Settings, register=None,
                 progress: Progress = SILENT, pages: dict[str, set[int]] | None = None,
                 ) -> tuple[list[PackRead], list[RecoverError]]:
    """Read every source; the pages handed off by all sources share one worker pool. With a register, the
    rows of all the packs read are identified together (recover.identify.identify_packs); without
    one they come back unidentified, as the store keeps them. pages ({file name: page numbers}) limits
    the handed-off pages read to those listed (a sampled measure of scans); None reads them all."""
    ctx = settings.context()
    first: dict[str, ReadResult] = {}
    errors: list[RecoverError] = []
    spent: dict[str, float] = {}      # seconds spent on each source: its own, not the pool's wall time
    for src in sources:
        t0 = time.perf_counter()
        try:
            first[src.path] = reader_for(src.kind).read(ReadJob(src), ctx)
        except Exception as e:       # one file's failure is reported for it; the others are still read
            errors.append(_as_record(src, e))
            progress.problem(errors[-1])
        spent[src.path] = time.perf_counter() - t0
        if src.path in first:
            if pages is not None:      # pages not listed are not read: neither a table nor prose
                first[src.path] = replace(first[src.path], handoff=tuple(
                    p for p in first[src.path].handoff if p in pages.get(src.name, ())))
            _report_planned(progress, src, first[src.path])
    jobs = [ReadJob(src, SCANNED_PAGE, (page,)) for src in sources if src.path in first
            for page in first[src.path].handoff]
    later: dict[str, list[ReadResult]] = {}
    missing = _engine_missing(jobs, ctx)
    done = [(_not_read(job, missing), 0.0) for job in jobs] if missing else \
        _run_jobs(jobs, ctx, settings.workers, progress)
    for job, (res, seconds) in zip(jobs, done):
        later.setdefault(job.source.path, []).append(res)
        spent[job.source.path] += seconds
    packs = []
    for src in sources:
        if src.path not in first:
            continue
        t0 = time.perf_counter()
        try:
            packs.append(_assemble(src, first[src.path], later.get(src.path, []), spent[src.path], t0))
        except Exception as e:
            errors.append(_as_record(src, e))
            progress.problem(errors[-1])
            continue
        progress.pack_done(src.name, packs[-1].pack, len(packs[-1].rows), len(packs[-1].observations))
    if register is not None:
        from recover.identify import identify_packs
        packs = identify_packs(packs, register)
    return packs, errors


def _engine_missing(jobs: list[ReadJob], ctx: ReadContext) -> str:
    """Why the OCR pages cannot be read at all ('' when they can): with the default engine, tesseract
    must be installed. Asked once, so a run without it says so once per pack, not once per page."""
    if not jobs or ctx.engine is not None:
        return ""
    from recover.readers.ocr.tess import missing
    return missing()


def _not_read(job: ReadJob, why: str) -> ReadResult:
    reader = reader_for(job.kind).name
    return ReadResult(failures=tuple(PageFailure(job.source.name, p, reader, "program-missing", why)
                                     for p in job.pages))


def _as_record(src: Source, e: Exception) -> RecoverError:
    if isinstance(e, RecoverError):
        return e
    return UnexpectedError(src.name, e, traceback.format_exc())


def _report_planned(progress: Progress, src: Source, result: ReadResult) -> None:
    pages = page_kinds(result.pages, result.grids)[0]
    # extent is passed only for a text file, so a Progress written before the argument existed keeps
    # working on PDFs and images
    extent = {"extent": result.looked_at} if result.looked_at else {}
    progress.pack_planned(src.name, len(pages), sum(1 for p in pages if p.kind in ("dataset", "dashboard")),
                          len(result.handoff), **extent)


def _read_job(args: tuple[ReadJob, ReadContext]) -> tuple[ReadResult, float]:
    """Worker: one job through the reader of its input, and the seconds it took. A reader reports
    page failures itself; anything it lets escape is reported the same way rather than sinking
    the run."""
    job, ctx = args
    worker_setup()
    t0 = time.perf_counter()
    reader = reader_for(job.kind)
    try:
        res = reader.read(job, ctx)
    except Exception as e:
        res = ReadResult(failures=tuple(PageFailure(job.source.name, p, reader.name, "reader-failed",
                                                    f"{type(e).__name__}: {e}") for p in job.pages))
    return res, time.perf_counter() - t0


def _run_jobs(jobs: list[ReadJob], ctx: ReadContext, workers: int,
              progress: Progress) -> list[tuple[ReadResult, float]]:
    if not jobs:
        return []
    out = []
    if workers <= 1 or len(jobs) == 1:
        for j in jobs:
            out.append(_read_job((j, ctx)))
            progress.page_read(len(out), len(jobs))
        return out
    # workers die with the run (recover.workers): a killed run leaves no OCR process behind
    with pool(workers, worker_setup) as executor:
        try:
            for res in executor.map(_read_job, [(j, ctx) for j in jobs]):
                out.append(res)
                progress.page_read(len(out), len(jobs))
        except BrokenProcessPool:        # a worker was killed (the OOM killer, a crash in C code)
            out += [(_lost(j), 0.0) for j in jobs[len(out):]]
            progress.page_read(len(out), len(jobs))
    return out


def _lost(job: ReadJob) -> ReadResult:
    return ReadResult(failures=tuple(PageFailure(job.source.name, p, reader_for(job.kind).name, "ocr-failed",
                                                 "its worker process died: out of memory, or killed (from a "
                                                 "script: is the run under if __name__ == '__main__'?)")
                                     for p in job.pages))


def page_kinds(pages: tuple[PageInfo, ...], grids: tuple[Grid, ...]) -> tuple[list[PageInfo], list[Grid]]:
    """Text pages whose tables have a month header hold a dataset; a page whose every such table
    is a dashboard block (recover/dashboard: the reader found a chart's one-line table) is a
    dashboard page. Other pages keep what their reader said. Returns the pages and the grids to read."""
    by_page: dict[int, list[Grid]] = {}
    for g in grids:
        by_page.setdefault(g.page, []).append(g)
    infos, out = [], []
    for info in pages:
        page_grids = by_page.pop(info.page, [])
        if info.kind != TEXT_PAGE:
            infos.append(info)
            out.extend(page_grids)
            continue
        headers = {id(g): find_header(g) for g in page_grids}
        dataset = [g for g in page_grids if headers[id(g)] is not None]
        small = {id(g) for g in dataset if g.kind == "dashboard"}
        if dataset:      # a prose page's ruled tables (a glossary, a key) are not read as data
            out.extend(page_grids)
            kind = "dashboard" if len(small) == len(dataset) else "dataset"
            why = f"{len(dataset)} ruled table(s) with a month header in the text layer"
        else:
            kind, why = "prose", info.why + ", no ruled table with month columns"
        infos.append(replace(info, kind=kind, why=why))
    for rest in by_page.values():
        out.extend(rest)
    return infos, out


def _assemble(src: Source, first: ReadResult, later: list[ReadResult], seconds: float,
              t0: float) -> PackRead:
    """seconds: the time already spent on the source (its first read, its OCR pages); t0: when
    assembling began."""
    pages, grids = page_kinds(first.pages, first.grids)
    failures = list(first.failures)
    warnings = list(first.warnings)
    read_later: dict[int, list[Grid]] = {}
    for res in later:
        failures.extend(res.failures)
        warnings.extend(res.warnings)
        for g in res.grids:
            read_later.setdefault(g.page, []).append(g)
    for i, info in enumerate(pages):
        if info.page not in first.handoff:
            continue
        got = read_later.get(info.page, [])
        pages[i] = replace(info, kind="dataset" if got else "prose",
                           why=info.why + (f"; {len(got)} table(s) found" if got else "; no table found"))
        grids.extend(got)
    warnings.extend(f.line() for f in failures)
    return _pack(src, pages, grids, failures, warnings, seconds, t0, first.looked_at)


def _pack(src: Source, pages: list[PageInfo], grids: list[Grid], failures: list[PageFailure],
          warnings: list[str], seconds: float, t0: float, looked_at: str = "") -> PackRead:
    grids = sorted(grids, key=lambda g: g.page)
    table = read_tables(grids, src.file_hash)
    if not table.headers:
        if failures:     # the table may be on the pages that failed: not "not a pack", and tried again
            raise PartlyReadError.of(src.name, failures, max(len(pages), len({f.page for f in failures})),
                                     kept=False)
        raise NotAPackError(src.name, "no dataset table with month columns found "
                                      f"({looked_at or _pages(len(pages), src.kind)} looked at)")
    pack = max(h.pack for h in table.headers)
    window = Counter(h.window for h in table.headers).most_common(1)[0][0]
    methods = Counter(g.method for g in grids)
    return PackRead(src.name, src.path, src.file_hash, pack, window, tuple(pages),
                    tuple(r if r.pack == pack else replace(r, pack=pack) for r in table.rows),
                    tuple(o if o.pack == pack else replace(o, pack=pack) for o in table.observations),
                    methods.most_common(1)[0][0] if methods else "text-layer",
                    tuple(warnings + list(table.warnings)), round(seconds + time.perf_counter() - t0, 3),
                    tuple(failures))


def _pages(n: int, kind: str) -> str:
    if kind == "image":
        return "the image"
    return f"{n} page{'s' * (n != 1)}"


def open_all(paths: list[str]) -> tuple[list[Source], list[RecoverError]]:
    sources, errors = [], []
    for p in paths:
        try:
            sources.append(open_source(p))
        except RecoverError as e:
            errors.append(e)
        except Exception as e:       # an input that breaks ingest itself: reported for that file
            errors.append(UnexpectedError(os.path.basename(p), e, traceback.format_exc()))
    return sources, errors
