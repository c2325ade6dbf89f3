"""The text-layer Reader: every page of a PDF through its text layer; image-only pages are handed
off to the OCR reader."""
from __future__ import annotations

from recover.ingest.integrity import page_problem, pdf_health
from recover.ingest.sources import open_pdf
from recover.model import PageFailure, PageInfo
from recover.readers.base import PDF, TEXT_PAGE, ReadContext, ReadJob, ReadResult, register

from .page import TextPage, read_page

MIN_CHARS_TEXT_PAGE = 25   # fewer characters than this and the page is treated as an image


@register
class TextLayerReader:
    name = "text-layer"
    inputs = frozenset({PDF})

    def read(self, job: ReadJob, ctx: ReadContext) -> ReadResult:
        doc = open_pdf(job.source)       # a bad PDF is the input's error (RecoverError), not a page's
        health = pdf_health(job.source.path)   # pdfium is silent about damaged streams: a second look
        grids, pages, failures, handoff = [], [], [], []
        try:
            for index in ([p - 1 for p in job.pages] or range(len(doc))):
                try:
                    tp = read_page(doc, index, job.source.name)
                except Exception as e:   # one broken page must not sink the pack
                    failures.append(PageFailure(job.source.name, index + 1, self.name, "reader-failed",
                                                f"{type(e).__name__}: {e}"))
                    continue
                damage = page_problem(health.get(tp.page), tp.n_chars, tp.n_images)
                if damage:               # what could be read of the page is kept; the pack is incomplete
                    failures.append(PageFailure(job.source.name, tp.page, self.name, "damaged", damage))
                info = page_info(job.source.name, tp, ctx)
                pages.append(info)
                grids.extend(tp.grids)
                if info.kind == "pending":
                    handoff.append(tp.page)
                if ctx.settings.debug_dir and tp.grids:
                    _debug_page(doc, index, job.source.name, tp.grids, ctx.settings.debug_dir)
        finally:
            doc.close()
        return ReadResult(tuple(grids), tuple(failures), (), tuple(pages), tuple(handoff))


def page_info(name: str, tp: TextPage, ctx: ReadContext) -> PageInfo:
    """What the page is, as far as its text layer says: text (TEXT_PAGE: whether its tables hold a
    dataset is the table stage's to say), an image page to OCR ('pending'), or blank."""
    if tp.n_chars >= MIN_CHARS_TEXT_PAGE:
        layer = "mixed" if tp.n_images else "text"
        return PageInfo(name, tp.page, layer, TEXT_PAGE, f"{tp.n_chars} characters")
    if tp.n_images:
        if not ctx.settings.ocr:
            return PageInfo(name, tp.page, "image", "blank", "image page; OCR disabled")
        return PageInfo(name, tp.page, "image", "pending",
                        f"no text layer ({tp.n_chars} chars), {tp.n_images} image(s): OCR")
    return PageInfo(name, tp.page, "text", "blank", "no text and no image")


def _debug_page(doc, index: int, name: str, grids, debug_dir: str, dpi: int = 100) -> None:
    """--debug-images for text-layer pages: the same drawing the OCR reader makes for scans."""
    from recover.readers.ocr.debug import write
    bitmap = doc[index].render(scale=dpi / 72, grayscale=True)
    gray = bitmap.to_numpy()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    write(debug_dir, name, index + 1, gray, dpi, list(grids))
