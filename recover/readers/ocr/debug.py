"""--debug-images: the straightened page with what the reader saw drawn on it (the detected
ruling lines, every cell box, and the text read, coloured by confidence), so a wrong value can be
traced to a missed line, a bad crop or a misread without re-running anything."""
from __future__ import annotations

import os
import re

import numpy as np

from recover.model import Grid, GridMeta

from .grid import TableGrid

SCALE = 0.5          # half size keeps a 300 dpi A3 page readable and the PNG ~1-2 MB


def _font(size: int):
    from PIL import ImageFont
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Arial.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _colour(conf: float) -> tuple[int, int, int]:
    if conf >= 0.8:
        return (0, 140, 0)
    if conf >= 0.5:
        return (230, 120, 0)
    return (220, 0, 0)


def draw(gray: np.ndarray, dpi: float, grids: list[Grid], tables: list[TableGrid] | None = None):
    """RGB PIL image of the page with grid, cell boxes and read values."""
    from PIL import Image, ImageDraw
    import cv2
    small = cv2.resize(gray, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    img = Image.fromarray(small).convert("RGB")
    # fade the scan so the drawing stands out
    img = Image.blend(img, Image.new("RGB", img.size, (255, 255, 255)), 0.45)
    d = ImageDraw.Draw(img)
    px = dpi / 72.0 * SCALE
    for t in tables or []:
        x0, y0, x1, y1 = (v * SCALE for v in t.bbox)
        for ln in t.ys:
            for a, b in ln.spans:
                d.line([(a * SCALE, ln.pos * SCALE), (b * SCALE, ln.pos * SCALE)], fill=(0, 90, 255), width=1)
        for ln in t.xs:
            for a, b in ln.spans:
                d.line([(ln.pos * SCALE, a * SCALE), (ln.pos * SCALE, b * SCALE)], fill=(0, 90, 255), width=1)
        d.rectangle([x0, y0, x1, y1], outline=(0, 0, 200), width=2)
    size = max(8, int(7 * px))
    font = _font(size)
    small_font = _font(max(7, int(size * 0.7)))
    for g in grids:
        header = g.meta.header_row
        for c in g.cells:
            if c.box is None:
                continue
            b = [c.box.x0 * px, c.box.y0 * px, c.box.x1 * px, c.box.y1 * px]
            col = _colour(c.conf)
            if g.kind == "dashboard":
                d.rectangle(b, outline=(160, 0, 160), width=1)
            else:
                d.rectangle([b[0] + 1, b[1] + 1, b[2] - 1, b[3] - 1], outline=(150, 150, 150), width=1)
            text = f"[{c.text}]" if c.row == header else c.text
            fit = max(3, int((b[2] - b[0] - 4) / (0.6 * size)))     # characters that fit the cell
            if len(text) > fit:
                text = text[:fit - 1] + "…"
            d.text((b[0] + 3, b[1] + 2), text, fill=col, font=font)
            if c.text and c.conf < 1.0:
                d.text((b[0] + 3, b[3] - size * 0.8 - 2), f"{c.conf:.2f}", fill=col, font=small_font)
    # what was read, at the foot of the page (the top holds the pack's own title)
    y = img.size[1] - 6 - size * min(len(grids), 8)
    for g in grids[:8]:
        d.text((6, y), f"{g.kind} {g.n_rows}x{g.n_cols}  " + meta_text(g.meta)[:160], fill=(0, 0, 200),
               font=small_font)
        y += size
    return img


def meta_text(meta: GridMeta) -> str:
    """The reader's facts about a grid that differ from the defaults, as 'key=value' words."""
    keep = ("header_row", "header_inferred", "pack_hint", "title", "rotated", "skew", "dpi", "image")
    words = [f"{k}={getattr(meta, k)}" for k in keep if getattr(meta, k) not in (None, "", 0, 0.0, False)]
    return " ".join(words + list(meta.notes))


def write(debug_dir: str, source: str, page: int, gray, dpi, grids, tables=None) -> str:
    os.makedirs(debug_dir, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.splitext(os.path.basename(source))[0])
    path = os.path.join(debug_dir, f"{stem}_p{page:03d}.png")
    draw(gray, dpi, grids, tables).save(path, optimize=False)
    return path
