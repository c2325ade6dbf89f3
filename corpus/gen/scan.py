"""Image-only (scan300, scan200) and mixed variants of a pack."""
from __future__ import annotations

from .common import rng


def page_treatment(pack: str, variant: str, index: int, kind: str) -> tuple[str, bool, float]:
    """(layer, stored rotated 90 degrees?, skew in degrees) for page `index` of a variant."""
    if variant == "text" or (variant == "mixed" and kind in ("prose", "blank")):
        return "text", False, 0.0
    r = rng("scan", pack, variant, index)
    skew = round(r.uniform(-1.5, 1.5), 3)
    rotated = kind in ("table", "dashboard") and r.random() < 0.05
    return "image", rotated, skew


def variant_pdf(pages, pack: str, variant: str) -> bytes:
    raise NotImplementedError("scan variants come in step (b)")
