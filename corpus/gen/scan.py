"""Image-only (scan300, scan200) and mixed variants of a pack.

Each page is rendered from the text-layer PDF with pdfium, then made to look scanned: a small skew,
paper tone, sensor noise, a slight blur and JPEG artefacts (grayscale, quality ~60-75). About one
dataset page in twenty is stored turned 90 degrees, as landscape pages fed through a portrait scanner
often are. Mixed packs keep the text layer of the prose pages and scan only the dataset/dashboard
pages at 300 dpi. Every other look's scans also lose their background (levels), which partly
erases light-grey and hairline rules. Every choice is seeded by (pack, variant, page).
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageFilter

from .common import rng
from .variants import parse

DPI = {"scan300": 300, "scan200": 200, "mixed": 300}
ORIGINAL = ("scan300", "scan200", "mixed")     # the first corpus' scanned variants, kept byte for byte


def _keys(salt: str) -> tuple:
    return (salt,) if salt else ()       # the first corpus' seeds stay as they were


def page_treatment(pack: str, variant: str, index: int, kind: str, salt: str = "") -> tuple[str, bool, float]:
    """(layer, stored rotated 90 degrees?, skew in degrees) for page `index` (0-based) of a variant."""
    layer = parse(variant).layer
    if layer == "text" or (layer == "mixed" and kind in ("prose", "blank")):
        return "text", False, 0.0
    r = rng("scan", pack, variant, index, *_keys(salt))
    skew = round(r.uniform(-1.5, 1.5), 3)
    rotated = kind in ("table", "dashboard") and r.random() < 0.08
    return "image", rotated, skew


def background_removal(arr: np.ndarray, r, paper: int) -> np.ndarray:
    """A scanner's 'remove background' levels: everything lighter than a threshold becomes paper,
    darker ink is stretched to keep its contrast. Light-grey and hairline rules sit near the
    threshold, so the noise decides pixel by pixel which parts of them survive."""
    t = r.uniform(175.0, 215.0)
    return np.where(arr >= t, float(paper), arr * (paper / t))


def degrade(img: Image.Image, pack: str, variant: str, index: int, skew: float, rotated: bool,
            salt: str = "") -> bytes:
    r = rng("degrade", pack, variant, index, *_keys(salt))
    gen = np.random.default_rng(r.getrandbits(64))
    img = img.convert("L")
    # paper is not pure white; the rotation fills with paper too
    paper = r.randint(236, 248)
    arr = np.asarray(img, dtype=np.float32) * (paper / 255.0)
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=paper)
    arr = np.asarray(img, dtype=np.float32)
    arr += gen.normal(0.0, r.uniform(1.5, 3.0), arr.shape).astype(np.float32)
    # a few specks of dust
    n = int(arr.size * 2e-6)
    ys, xs = gen.integers(0, arr.shape[0], n), gen.integers(0, arr.shape[1], n)
    arr[ys, xs] = gen.uniform(40, 120, n)
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    img = img.filter(ImageFilter.GaussianBlur(r.uniform(0.7, 1.0)))
    if variant not in ORIGINAL:
        # the original ruled scans keep their exact bytes; every other look went through a
        # scanner that drops the background
        arr = background_removal(np.asarray(img, dtype=np.float32), rng("levels", pack, variant, index, *_keys(salt)), paper)
        img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if rotated:
        img = img.transpose(Image.ROTATE_90 if r.random() < 0.5 else Image.ROTATE_270)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=r.randint(60, 68), optimize=True)
    return buf.getvalue()


def variant_pdf(pages, pack: str, variant: str, text_pdf: bytes | None = None, salt: str = "") -> bytes:
    """The scanned variant of a pack laid out as `pages`; text_pdf is the text-layer PDF to scan
    when it was not drawn by render.to_pdf (the LibreOffice renderer)."""
    import pypdfium2 as pdfium

    from .render import to_pdf
    if text_pdf is None:
        text_pdf = to_pdf(pages, f"Children and Families Scrutiny Panel {pack}")
    doc = pdfium.PdfDocument(text_pdf)
    images = {}
    try:
        for i, pg in enumerate(pages):
            layer, rotated, skew = page_treatment(pack, variant, i, pg.kind, salt)
            if layer != "image":
                continue
            page = doc[i]
            bmp = page.render(scale=DPI[parse(variant).layer] / 72.0, grayscale=True)
            images[i] = (degrade(bmp.to_pil(), pack, variant, i, skew, rotated, salt), rotated)
            page.close()
    finally:
        doc.close()
    # scanners do not keep a title or producer worth trusting; keep the metadata empty
    return to_pdf(pages, "", images)
