"""The pipeline, stage by stage:

    ingest (open, fingerprint, classify pages)
      -> readers (text layer | OCR | extracted text) -> Grid
      -> table (header, rows, values) -> RowRecord + Observation  = PackRead
      -> store (SQLite, idempotent)
      -> identify (every stored row against the register and the values other packs hold)
      -> reconcile -> outputs

Text-layer pages are read in this process (milliseconds each). Image pages are OCR'd in worker
processes (one page per task, OMP_THREAD_LIMIT=1) so a scanned back-fill keeps every core busy.
"""
from __future__ import annotations

import os
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from recover.errors import NotAPackError, RecoverError, UnexpectedError
from recover.ingest.sources import Source, open_pdf, open_source
from recover.model import Grid, PackRead, PageInfo
from recover.progress import SILENT, Progress
from recover.table.extract import read_tables

MIN_CHARS_TEXT_PAGE = 25   # fewer characters than this and the page is treated as an image
SETTINGS_VERSION = "2"     # bump when reading changes so stored packs are re-read
DPI = 300                  # render resolution for scanned pages


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

    @property
    def key(self) -> str:
        """Identifies everything that changes what is read (the store skips packs read with it)."""
        return f"v{SETTINGS_VERSION}:dpi={self.dpi}:ocr={int(self.ocr)}"


@dataclass(frozen=True)
class PagePlan:
    """A page's classification plus, for text pages, the grids already read."""
    info: PageInfo
    grids: tuple[Grid, ...] = ()
    ocr: bool = False


def plan_pdf(source: Source, settings: Settings) -> list[PagePlan]:
    from recover.readers.textlayer import read_page
    doc = open_pdf(source)
    plans = []
    try:
        for i in range(len(doc)):
            tp = read_page(doc, i, source.name)
            plan = _classify(source, tp, settings)
            plans.append(plan)
            if settings.debug_dir and plan.grids:
                _debug_text_page(doc, i, source.name, plan.grids, settings.debug_dir)
    finally:
        doc.close()
    return plans


def _debug_text_page(doc, index: int, name: str, grids, debug_dir: str, dpi: int = 100) -> None:
    """--debug-images for text-layer pages: the same drawing the OCR reader makes for scans."""
    from recover.readers.ocr.debug import write
    bitmap = doc[index].render(scale=dpi / 72, grayscale=True)
    gray = bitmap.to_numpy()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    write(debug_dir, name, index + 1, gray, dpi, list(grids))


def _classify(source: Source, tp, settings: Settings) -> PagePlan:
    from recover.table.header import find_header
    if tp.n_chars >= MIN_CHARS_TEXT_PAGE:
        layer = "mixed" if tp.n_images else "text"
        dataset = [g for g in tp.grids if find_header(g) is not None]
        if dataset:
            # a chart's one-line table: a 13-month header and a value row (grid contract rule 1)
            small = [g for g in dataset if find_header(g).window == 13 and g.n_rows <= 3]
            kind = "dashboard" if len(small) == len(dataset) else "dataset"
            small_ids = {id(g) for g in small}
            grids = tuple(replace(g, kind="dashboard") if id(g) in small_ids else g for g in tp.grids)
            why = f"{len(dataset)} ruled table(s) with a month header in the text layer"
            return PagePlan(PageInfo(source.name, tp.page, layer, kind, why), grids)
        why = f"{tp.n_chars} characters, no ruled table with month columns"
        return PagePlan(PageInfo(source.name, tp.page, layer, "prose", why))
    if tp.n_images:
        if not settings.ocr:
            return PagePlan(PageInfo(source.name, tp.page, "image", "blank", "image page; OCR disabled"))
        return PagePlan(PageInfo(source.name, tp.page, "image", "pending",
                                 f"no text layer ({tp.n_chars} chars), {tp.n_images} image(s): OCR"), ocr=True)
    return PagePlan(PageInfo(source.name, tp.page, "text", "blank", "no text and no image"))


def _ocr_page(args) -> tuple[int, list[Grid], str, float]:
    """Worker: OCR one page. Returns (page index, grids, error text, seconds it took)."""
    path, index, name, dpi, cache_dir, debug_dir = args
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    t0 = time.perf_counter()
    try:
        from recover.readers.ocr import read_scanned_page
        return index, read_scanned_page(path, index, name, dpi=dpi, cache_dir=cache_dir,
                                        debug_dir=debug_dir), "", time.perf_counter() - t0
    except Exception as e:  # a broken page must not sink the pack: it is reported instead
        return (index, [], f"page {index + 1} could not be read: OCR failed ({type(e).__name__}: {e})",
                time.perf_counter() - t0)


def read_sources(sources: list[Source], settings: Settings, register=None,
                 progress: Progress = SILENT) -> tuple[list[PackRead], list[RecoverError]]:
    """Read every source; OCR pages of all sources share one worker pool. With a register, the
    rows of all the packs read are identified together (recover.identify.identify_packs); without
    one they come back unidentified, as the store keeps them."""
    plans: dict[str, list[PagePlan]] = {}
    errors: list[RecoverError] = []
    spent: dict[str, float] = {}      # seconds spent on each source: its own, not the pool's wall time
    extra_grids: dict[str, list[Grid]] = {}
    warnings: dict[str, list[str]] = {}
    for src in sources:
        t0 = time.perf_counter()
        try:
            plans[src.path], extra_grids[src.path], warnings[src.path] = _plan_source(src, settings)
        except Exception as e:       # one file's failure is reported for it; the others are still read
            errors.append(_as_record(src, e))
            progress.problem(errors[-1])
        spent[src.path] = time.perf_counter() - t0
        if src.path in plans:
            got = plans[src.path]
            progress.pack_planned(src.name, len(got), sum(1 for p in got if p.info.kind in ("dataset", "dashboard")),
                                  sum(1 for p in got if p.ocr))
    jobs = [(src.path, p.info.page - 1, src.name, settings.dpi, settings.cache_dir, settings.debug_dir)
            for src in sources for p in plans.get(src.path, []) if p.ocr]
    ocr_out: dict[tuple[str, int], tuple[list[Grid], str]] = {}
    for (path, index, *_), (i, grids, err, seconds) in zip(jobs, _run_jobs(jobs, settings.workers, progress)):
        ocr_out[(path, i)] = (grids, err)
        spent[path] += seconds
    packs = []
    for src in sources:
        if src.path not in plans:
            continue
        t0 = time.perf_counter()
        try:
            packs.append(_assemble(src, plans[src.path], extra_grids[src.path], warnings[src.path],
                                   ocr_out, spent[src.path], t0))
        except Exception as e:
            errors.append(_as_record(src, e))
            progress.problem(errors[-1])
            continue
        progress.pack_done(src.name, packs[-1].pack, len(packs[-1].rows), len(packs[-1].observations))
    if register is not None:
        from recover.identify import identify_packs
        packs = identify_packs(packs, register)
    return packs, errors


def _as_record(src: Source, e: Exception) -> RecoverError:
    if isinstance(e, RecoverError):
        return e
    return UnexpectedError(src.name, e, traceback.format_exc())


def _plan_source(src: Source, settings: Settings):
    if src.kind == "pdf":
        return plan_pdf(src, settings), [], []
    if src.kind == "text":
        from recover.readers.extracted import read_text_file
        grids, warns = read_text_file(src.path, src.name)
        info = PageInfo(src.name, 1, "text-file", "dataset" if grids else "prose",
                        f"extracted text: {len(grids)} table(s) found")
        return [PagePlan(info)], list(grids), list(warns)
    from recover.readers.ocr import read_image_file
    grids = read_image_file(src.path, src.name, dpi_hint=settings.dpi, cache_dir=settings.cache_dir,
                            debug_dir=settings.debug_dir)
    info = PageInfo(src.name, 1, "image", "dataset" if grids else "prose", f"image file: {len(grids)} table(s)")
    return [PagePlan(info)], list(grids), []


def _run_jobs(jobs, workers: int, progress: Progress):
    if not jobs:
        return []
    if workers <= 1 or len(jobs) == 1:
        out = []
        for j in jobs:
            out.append(_ocr_page(j))
            progress.page_read(len(out), len(jobs))
        return out
    with ProcessPoolExecutor(max_workers=workers) as pool:
        out = []
        for res in pool.map(_ocr_page, jobs):
            out.append(res)
            progress.page_read(len(out), len(jobs))
        return out


def _assemble(src: Source, plans: list[PagePlan], extra: list[Grid], warns: list[str],
              ocr_out: dict, seconds: float, t0: float) -> PackRead:
    """seconds: the time already spent on the source (planning, its OCR pages); t0: when assembling began."""
    grids: list[Grid] = list(extra)
    pages = []
    warnings = list(warns)
    methods = Counter()
    for p in plans:
        info = p.info
        page_grids = list(p.grids)
        if p.ocr:
            got, err = ocr_out.get((src.path, info.page - 1), ([], f"page {info.page} could not be read: not OCR'd"))
            page_grids = got
            kind = "dataset" if got else "prose"
            info = replace(info, kind=kind, why=info.why + (f"; {len(got)} table(s) found" if got else "; no table found"))
            if err:
                warnings.append(err)
        pages.append(info)
        grids.extend(page_grids)
    for g in grids:
        methods[g.method] += 1
    table = read_tables(grids, src.file_hash)
    if not table.headers:
        raise NotAPackError(src.name, "no dataset table with month columns found "
                                      f"({len(pages)} page(s) looked at)")
    pack = max(h.pack for h in table.headers)
    window = Counter(h.window for h in table.headers).most_common(1)[0][0]
    rows = tuple(replace(r, pack=pack) for r in table.rows)
    obs = tuple(replace(o, pack=pack) for o in table.observations)
    method = methods.most_common(1)[0][0] if methods else "text-layer"
    return PackRead(src.name, src.path, src.file_hash, pack, window, tuple(pages), rows, obs, method,
                    tuple(warnings + list(table.warnings)), round(seconds + time.perf_counter() - t0, 3))


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
