"""Page images: an image-only PDF page (its embedded scan at native resolution when it holds
just one, else a pdfium render) or an image file (.png/.jpg/.tif, multi-page TIFF included)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from recover.ingest.sources import fingerprint
from recover.readers.base import DEFAULT_DPI

from .deskew import to_gray

MAX_DPI = 400      # finer scans are brought down to 300 dpi: no OCR gain, 2-4x the pixels
# An A0 sheet at 300 dpi is 140 million pixels. A page much larger than any printed pack (a PDF may
# declare 200 x 200 inches: 3.6 GB at 300 dpi) is refused before pdfium allocates it, as the page's
# failure, instead of a MemoryError, or the OOM killer, part way through a run.
MAX_RENDER_PIXELS = 200_000_000


class PageTooLarge(ValueError):
    pass


@dataclass
class PageImage:
    gray: np.ndarray
    dpi: float
    how: str              # embedded | rendered | file


def pdf_page_image(path: str, page_index: int, dpi: int = DEFAULT_DPI) -> PageImage:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[page_index]
        try:
            img = _embedded_scan(page)
            if img is None:
                _check_size(page.get_size(), dpi)
                bmp = page.render(scale=dpi / 72.0, grayscale=True)
                return PageImage(to_gray(bmp.to_numpy()), float(dpi), "rendered")
            return _capped(img)
        finally:
            page.close()
    finally:
        doc.close()


def _check_size(size_pt: tuple[float, float], dpi: float) -> None:
    w, h = (x / 72.0 for x in size_pt)
    pixels = w * dpi * h * dpi
    if pixels > MAX_RENDER_PIXELS:
        raise PageTooLarge(f"the page is {w:.0f} x {h:.0f} inches, {pixels / 1e6:,.0f} million pixels at {dpi:g} dpi "
                           f"(at most {MAX_RENDER_PIXELS / 1e6:,.0f} million; try a lower --dpi)")


def _embedded_scan(page) -> PageImage | None:
    """The page's single full-page image, unscaled, when the page is just that (a scan).
    Anything else (text objects, several images, a rotated placement) is rendered instead."""
    import pypdfium2.raw as raw
    objs = list(page.get_objects(max_depth=2))
    images = [o for o in objs if o.type == raw.FPDF_PAGEOBJ_IMAGE]
    others = [o for o in objs if o.type in (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH,
                                             raw.FPDF_PAGEOBJ_SHADING)]
    if len(images) != 1 or others:
        return None
    obj = images[0]
    m = obj.get_matrix()
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
        return None
    pw, ph = page.get_size()
    if m.a < 0.9 * pw or m.d < 0.9 * ph:
        return None
    try:
        bmp = obj.get_bitmap(render=False)
        arr = bmp.to_numpy()
    except Exception:     # an image filter pdfium cannot hand over raw: render the page instead
        return None
    gray = to_gray(arr)
    if gray.dtype != np.uint8:
        return None
    if gray.max() <= 1:               # 1-bit scans come through as 0/1
        gray = (gray * 255).astype(np.uint8)
    h, w = gray.shape
    dpi_x = w * 72.0 / m.a
    dpi_y = h * 72.0 / m.d
    if abs(dpi_x - dpi_y) > 0.02 * dpi_x:
        return None                   # stretched placement: a render keeps the page's geometry
    rot = page.get_rotation()
    if rot:
        gray = np.ascontiguousarray(np.rot90(gray, k=-(rot // 90)))
    return PageImage(gray, round(dpi_x, 1), "embedded")


def _capped(img: PageImage) -> PageImage:
    if img.dpi <= MAX_DPI:
        return img
    import cv2
    s = 300.0 / img.dpi
    g = cv2.resize(img.gray, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    return PageImage(g, 300.0, img.how)


def image_file_pages(path: str, dpi_hint: float = DEFAULT_DPI) -> list[PageImage]:
    """Every frame of an image file as grey, with the resolution it declares (or dpi_hint)."""
    from PIL import Image, ImageSequence
    out = []
    with Image.open(path) as im:
        for frame in ImageSequence.Iterator(im):
            dpi = frame.info.get("dpi") or im.info.get("dpi")
            g = np.asarray(frame.convert("L"))
            d = float(dpi[0]) if dpi and dpi[0] and 50 <= float(dpi[0]) <= 2400 else float(dpi_hint)
            if max(g.shape) / d > 18:
                d = float(dpi_hint)   # a default 72 dpi tag on a scan: pages are not 1.5 m wide
            out.append(_capped(PageImage(np.ascontiguousarray(g), d, "file")))
    return out


def pdf_page_fingerprint(path: str, page_index: int) -> str:
    """What the page's pixels depend on: the embedded scan's encoded bytes (and placement) for a
    scanned page, else the whole file and the page number. Cheap next to OCR (~ms)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[page_index]
        try:
            objs = list(page.get_objects(max_depth=2))
            images = [o for o in objs if o.type == raw.FPDF_PAGEOBJ_IMAGE]
            if len(images) == 1 and len(objs) == 1:
                h = hashlib.sha256()
                h.update(images[0].get_data(decode_simple=False))
                m = images[0].get_matrix()
                h.update(repr((m.a, m.b, m.c, m.d, m.e, m.f, page.get_size(), page.get_rotation())).encode())
                return "img:" + h.hexdigest()
        finally:
            page.close()
    finally:
        doc.close()
    return f"file:{fingerprint(path)}:{page_index}"
