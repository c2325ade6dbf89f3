"""OCR reader: scanned pages (image-only PDF pages, image files) -> Grid objects.

    read_scanned_page(pdf_path, page_index, source, dpi=DEFAULT_DPI, cache_dir=None, debug_dir=None, engine=None)
    read_image_file(path, source, dpi_hint=DEFAULT_DPI, cache_dir=None, debug_dir=None, engine=None)

Both take plain arguments and return plain frozen records, so the pipeline can run pages in
worker processes (set OMP_THREAD_LIMIT=1 in the worker: one tesseract thread per process was
measured 2x faster than tesseract's own threading on 2 cores). `engine` is any
recover.readers.ocr.engine.Engine; by default the process's tesseract.

Per page (recover/readers/ocr/page.py names the steps): quarter-turn detection (text-blob
aspect; a few text lines read both ways give the direction, tesseract OSD decides only a close
vote), skew removal (Hough on the ruling lines, refined by a least-squares fit), the ruled grid
by morphology, the header row read first to decide which columns hold numbers, then one OCR
call per cell on a tight, rescaled crop (empty cells and lone dashes are decided from the ink,
without OCR). Boxes are PDF points of the straightened page (pixels * 72 / dpi).
"""
from __future__ import annotations

from recover.ingest.sources import fingerprint as file_digest
from recover.model import Grid, PageFailure, PageInfo
from recover.readers.base import DEFAULT_DPI, IMAGE, SCANNED_PAGE, ReadContext, ReadJob, ReadResult, register

from . import cache
from .context import Settings
from .engine import Engine, Layout, Read, default_engine
from .page import PageResult, read_page_image
from .render import image_file_pages, pdf_page_fingerprint, pdf_page_image

__all__ = ["OcrReader", "read_scanned_page", "read_image_file", "read_page_image", "Settings", "Engine",
           "Layout", "Read", "PageResult"]


def read_scanned_page(pdf_path: str, page_index: int, source: str, *, dpi: int = DEFAULT_DPI,
                      cache_dir: str | None = None, debug_dir: str | None = None,
                      settings: Settings | None = None, engine: Engine | None = None) -> list[Grid]:
    """Grids of one page (0-based page_index; Grid.page is 1-based) of an image-only PDF."""
    settings = settings or Settings()
    engine = engine or default_engine()
    k = cache.key("pdf", pdf_page_fingerprint(pdf_path, page_index), dpi, settings, engine.ident, source,
                  page_index)
    hit = cache.load(cache_dir, k)
    if hit is not None and debug_dir is None:
        return hit
    img = pdf_page_image(pdf_path, page_index, dpi)
    res = read_page_image(img.gray, img.dpi, source, page_index + 1, settings,
                          image=img.how, engine=engine)
    cache.store(cache_dir, k, res.grids)
    if debug_dir:
        _debug(debug_dir, source, page_index + 1, res)
    return res.grids


def read_image_file(path: str, source: str, *, dpi_hint: int = DEFAULT_DPI, cache_dir: str | None = None,
                    debug_dir: str | None = None, settings: Settings | None = None,
                    engine: Engine | None = None) -> list[Grid]:
    """Grids of every frame of an image file (.png/.jpg/.tif); frame i is page i+1."""
    settings = settings or Settings()
    engine = engine or default_engine()
    k = cache.key("image", file_digest(path), dpi_hint, settings, engine.ident, source)
    hit = cache.load(cache_dir, k)
    if hit is not None and debug_dir is None:
        return hit
    grids: list[Grid] = []
    for i, img in enumerate(image_file_pages(path, dpi_hint)):
        res = read_page_image(img.gray, img.dpi, source, i + 1, settings, image="file", engine=engine)
        grids.extend(res.grids)
        if debug_dir:
            _debug(debug_dir, source, i + 1, res)
    cache.store(cache_dir, k, grids)
    return grids


def _debug(debug_dir: str, source: str, page: int, res: PageResult) -> None:
    from . import debug
    debug.write(debug_dir, source, page, res.gray, res.dpi, res.grids, res.tables)


@register
class OcrReader:
    """The OCR Reader: image-only pages of a PDF (one job per page, so pages go to worker
    processes) and image files. A page that fails is a PageFailure; the others are still read."""
    name = "ocr"
    inputs = frozenset({SCANNED_PAGE, IMAGE})

    def read(self, job: ReadJob, ctx: ReadContext) -> ReadResult:
        s = ctx.settings
        if job.kind == IMAGE:
            return self._image(job, ctx)
        grids, failures = [], []
        for page in job.pages:
            try:
                grids += read_scanned_page(job.source.path, page - 1, job.source.name, dpi=s.dpi,
                                           cache_dir=s.cache_dir, debug_dir=s.debug_dir, engine=ctx.engine)
            except Exception as e:   # a broken page must not sink the pack: it is reported instead
                failures.append(PageFailure(job.source.name, page, self.name, "ocr-failed", _what(e)))
        return ReadResult(tuple(grids), tuple(failures))

    def _image(self, job: ReadJob, ctx: ReadContext) -> ReadResult:
        s = ctx.settings
        name = job.source.name
        try:
            grids = read_image_file(job.source.path, name, dpi_hint=s.dpi, cache_dir=s.cache_dir,
                                    debug_dir=s.debug_dir, engine=ctx.engine)
        except Exception as e:
            return ReadResult(failures=(PageFailure(name, 1, self.name, "ocr-failed", _what(e)),),
                              pages=(PageInfo(name, 1, "image", "prose", "image file: not read"),))
        info = PageInfo(name, 1, "image", "dataset" if grids else "prose", f"image file: {len(grids)} table(s)")
        return ReadResult(tuple(grids), pages=(info,))


def _what(e: Exception) -> str:
    """The failure of a page in words: numpy's and Python's MemoryError often carry no message."""
    text = str(e) or ("out of memory" if isinstance(e, MemoryError) else "")
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
