"""Pictures of the printed cells a reviewer decides, so review.csv can be decided without opening a PDF.

For a PDF or image page (text layer and scans alike) the picture is a PNG cut from the page: the
row's first columns (ref, title), then the cell with up to two months either side of it, the cell
outlined in red, recover's month labels above the months and a caption naming the cell and where
it is. For a text input it is a small text file: the row's lines of the source, numbered.

Boxes are PDF points from the page's top-left corner. For a scan they are points of the page as the
OCR reader straightened it, so the page is straightened again here with the reader's own function
before it is cut (checked by eye on the corpus scans). Each page is rendered once per run, and a
picture's file name is a hash of everything it shows: a re-run that needs the same picture finds it
and renders nothing.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..model import Box
from ..readers.base import DEFAULT_DPI
from ..reconcile.records import Seen

CROP_DIR = "crops"
CROP_DPI = 150            # legible for the packs' 7-9 pt type (a digit ~15 px high), small files
LEFT_PT = 230.0           # the row's first columns shown: ref and the start of the title
NEIGHBOURS = 2            # months shown either side of the cell
MARGIN_PT = 3.0
MAX_BAND_PT = 150.0       # a row taller than this (long commentary) is cut to the cell's own band
GAP_PX = 14               # between the row's first columns and its months
CAPTION_PX = 22
LABEL_PX = 20
VERSION = "1"             # bump when the drawing changes: the file names change with it


@dataclass(frozen=True)
class CropJob:
    """One picture: a reading of a cell, with the row around it."""
    seen: Seen
    ref: str
    month: str
    path: str                                       # the source file on disk
    row_box: Box | None = None                      # the whole printed row
    row_cells: tuple[tuple[str, Box], ...] = ()     # (month, box) of the row's month cells
    dpi: int = DEFAULT_DPI                          # the run's render resolution for scans
    row_text: tuple[tuple[str, str], ...] = ()      # (month, printed text) of the row, for text inputs

    @property
    def is_text(self) -> bool:
        return self.seen.box is None

    def name(self) -> str:
        s = self.seen
        h = hashlib.sha256(repr((VERSION, s.file_hash, s.page, s.method, str(s.box), s.lines, s.raw, self.ref,
                                 self.month, str(self.row_box), [(m, str(b)) for m, b in self.row_cells],
                                 self.dpi, self.row_text, s.source)).encode()).hexdigest()[:16]
        safe = "".join(ch if ch.isalnum() else "-" for ch in self.ref).strip("-")
        return f"{safe}_{self.month}_{h}{'.txt' if self.is_text else '.png'}"


@dataclass
class CropStats:
    made: int = 0
    reused: int = 0
    pages_rendered: int = 0
    missing: list[str] = field(default_factory=list)    # why a picture could not be made

    def render(self) -> str:
        tail = f"; {len(self.missing)} not made ({self.missing[0]})" if self.missing else ""
        return f"{self.made} made, {self.reused} reused, {self.pages_rendered} page(s) rendered{tail}"


def make_crops(jobs: list[CropJob], out_dir) -> tuple[dict[int, str], CropStats]:
    """Write every job's picture into DIR/crops/ (reusing the ones already there) and remove the
    pictures no job needs any more. Returns {index in jobs: path relative to out_dir}."""
    folder = Path(out_dir) / CROP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stats = CropStats()
    done: dict[int, str] = {}
    pages = _Pages()
    order = sorted(range(len(jobs)), key=lambda i: (jobs[i].seen.file_hash, jobs[i].seen.page))
    for i in order:
        job = jobs[i]
        target = folder / job.name()
        if target.exists():
            stats.reused += 1
            done[i] = f"{CROP_DIR}/{target.name}"
            continue
        try:
            if job.is_text:
                data = _snippet(job)
                if data is None:
                    continue
                _write(target, data.encode("utf-8"))
            else:
                page = pages.get(job)
                _write(target, _png(draw(job, *page)))
        except _NoPicture as e:
            stats.missing.append(f"{job.seen.source} p.{job.seen.page}: {e}")
            continue
        except (OSError, ValueError) as e:    # a picture is a convenience: it never stops the outputs
            stats.missing.append(f"{job.seen.source} p.{job.seen.page}: {type(e).__name__}: {e}")
            continue
        stats.made += 1
        done[i] = f"{CROP_DIR}/{target.name}"
    stats.pages_rendered = pages.rendered
    keep = {Path(p).name for p in done.values()}
    for old in folder.iterdir():
        if old.suffix in (".png", ".txt") and old.name not in keep and "_" in old.name:
            old.unlink(missing_ok=True)
    return done, stats


class _NoPicture(Exception):
    pass


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# ---- pages ----------------------------------------------------------------------------------------
class _Pages:
    """The page a job is cut from, as grey pixels and their resolution; the last page is kept, and
    jobs arrive sorted by file and page, so each page is rendered once."""

    def __init__(self):
        self.key = None
        self.page: tuple[np.ndarray, float] | None = None
        self.rendered = 0

    def get(self, job: CropJob) -> tuple[np.ndarray, float]:
        key = (job.seen.file_hash, job.seen.page, job.seen.method == "ocr", job.dpi)
        if key != self.key:
            self.page = load_page(job.path, job.seen.page, job.seen.method, job.dpi)
            self.key = key
            self.rendered += 1
        return self.page


def load_page(path: str, page: int, method: str, dpi: int = DEFAULT_DPI) -> tuple[np.ndarray, float]:
    """Grey pixels of a page (1-based) in the coordinates its boxes use, and their dpi."""
    if not os.path.exists(path):
        raise _NoPicture("the source file is no longer there")
    if method == "ocr":
        return _scan_page(path, page, dpi)
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise _NoPicture(f"cannot open it ({e})") from None
    try:
        if page > len(doc):
            raise _NoPicture("the file has fewer pages now")
        bmp = doc[page - 1].render(scale=CROP_DPI / 72.0, grayscale=True)
        gray = bmp.to_numpy()
        return (gray[:, :, 0] if gray.ndim == 3 else gray).copy(), float(CROP_DPI)
    finally:
        doc.close()


def _scan_page(path: str, page: int, dpi: int) -> tuple[np.ndarray, float]:
    """The scan as the OCR reader saw it: the same image (embedded scan or render), turned and
    deskewed by the reader's own straightening, so its boxes land on the printed cells."""
    try:
        from ..readers.ocr.engine import default_engine
        from ..readers.ocr.render import image_file_pages, pdf_page_image
        from ..readers.ocr.straighten import straighten
        if path.lower().endswith(".pdf"):
            img = pdf_page_image(path, page - 1, dpi)
        else:
            frames = image_file_pages(path, dpi)
            if page > len(frames):
                raise _NoPicture("the file has fewer pages now")
            img = frames[page - 1]
        gray, _ = straighten(img.gray, default_engine())
    except _NoPicture:
        raise
    except Exception as e:     # a file changed or damaged since it was read: say so, keep going
        raise _NoPicture(f"cannot render it ({type(e).__name__}: {e})") from None
    return gray, float(img.dpi)


# ---- drawing --------------------------------------------------------------------------------------
def _spans(job: CropJob) -> tuple[list[tuple[float, float]], list[tuple[str, Box]]]:
    """The horizontal pieces to show (points) and the month cells inside them."""
    cell = job.seen.box
    cells = sorted(job.row_cells, key=lambda mb: mb[1].x0) or [(job.month, cell)]
    k = next((i for i, (m, _) in enumerate(cells) if m == job.month), None)
    if k is None:
        cells = sorted(cells + [(job.month, cell)], key=lambda mb: mb[1].x0)
        k = next(i for i, (m, _) in enumerate(cells) if m == job.month)
    shown = cells[max(0, k - NEIGHBOURS): k + NEIGHBOURS + 1]
    months = (min(b.x0 for _, b in shown) - MARGIN_PT, max(b.x1 for _, b in shown) + MARGIN_PT)
    row_left = min(job.row_box.x0 if job.row_box else cell.x0, cell.x0) - MARGIN_PT
    left = (row_left, min(row_left + LEFT_PT, months[0]))
    if left[1] >= months[0] - 4 * MARGIN_PT:
        return [(left[0], months[1])], shown          # the first columns run into the months: one piece
    return [left, months], shown


def _band(job: CropJob) -> tuple[float, float]:
    cell = job.seen.box
    y0, y1 = cell.y0, cell.y1
    if job.row_box is not None and job.row_box.y1 - job.row_box.y0 <= MAX_BAND_PT:
        y0, y1 = min(y0, job.row_box.y0), max(y1, job.row_box.y1)
    return y0 - MARGIN_PT, y1 + MARGIN_PT


def draw(job: CropJob, gray: np.ndarray, dpi: float):
    """The picture of one job as a PIL image (RGB)."""
    from PIL import Image, ImageDraw
    scale = min(1.0, CROP_DPI / dpi)          # never enlarge a coarse scan: it would only blur
    px = dpi / 72.0
    spans, shown = _spans(job)
    y0, y1 = _band(job)
    h, w = gray.shape[:2]

    def cut(x0: float, x1: float) -> Image.Image:
        a, b = max(0, int(x0 * px)), min(w, int(np.ceil(x1 * px)))
        c, d = max(0, int(y0 * px)), min(h, int(np.ceil(y1 * px)))
        if b <= a or d <= c:
            raise _NoPicture(f"box {job.seen.box} lies outside the page")
        piece = Image.fromarray(np.ascontiguousarray(gray[c:d, a:b]))
        if scale < 1.0:
            piece = piece.resize((max(1, round(piece.width * scale)), max(1, round(piece.height * scale))),
                                 Image.LANCZOS)
        return piece

    pieces = [cut(a, b) for a, b in spans]
    width = sum(p.width for p in pieces) + GAP_PX * (len(pieces) - 1)
    top = CAPTION_PX + LABEL_PX
    out = Image.new("RGB", (max(width, 360), top + max(p.height for p in pieces)), "white")
    pen = ImageDraw.Draw(out)
    font = _font(13)
    x = 0
    s = scale * px                                  # points -> pixels of the picture
    for (a, b), piece in zip(spans, pieces):
        out.paste(piece.convert("RGB"), (x, top))
        for month, box in job.row_cells or shown:
            if box.x0 < a - MARGIN_PT or box.x1 > b + MARGIN_PT:
                continue                            # labels only over months shown whole
            bx0, bx1 = x + (box.x0 - a) * s, x + (box.x1 - a) * s
            target = month == job.month
            label = _month_label(month)
            tw = pen.textlength(label, font=font)
            pen.text(((bx0 + bx1 - tw) / 2, CAPTION_PX + 2), label, fill=(200, 0, 0) if target else (90, 90, 90),
                     font=font)
            if target:
                by0, by1 = top + (box.y0 - y0) * s, top + (box.y1 - y0) * s
                pen.rectangle((bx0 - 1, by0 - 1, bx1 + 1, by1 + 1), outline=(220, 0, 0), width=2)
        x += piece.width
        if x < width:
            for yy in range(top, out.height, 6):           # a dotted cut between the two pieces
                pen.line((x + GAP_PX // 2, yy, x + GAP_PX // 2, yy + 2), fill=(150, 150, 150))
            x += GAP_PX
    seen = job.seen
    pen.text((4, 3), f"{job.ref}  {job.month}  ·  {seen.source} p.{seen.page}  ·  read {seen.raw or 'nothing'!r}",
             fill=(0, 0, 0), font=font)
    return out


def _month_label(month: str) -> str:
    import calendar
    y, m = month.split("-")
    return f"{calendar.month_abbr[int(m)]}-{y[2:]}"


_FONTS: dict[int, object] = {}


def _font(size: int):
    from PIL import ImageFont
    if size not in _FONTS:
        _FONTS[size] = ImageFont.load_default(size=size)
    return _FONTS[size]


def _png(img) -> bytes:
    import io
    from PIL import Image
    buf = io.BytesIO()
    # a 64-colour palette keeps grey type and the red outline, at a third of the size
    img.convert("P", palette=Image.ADAPTIVE, colors=64).save(buf, format="PNG")
    return buf.getvalue()


# ---- text inputs ----------------------------------------------------------------------------------
SNIPPET_CONTEXT = 1       # lines shown before and after the row


def _snippet(job: CropJob) -> str | None:
    """The row's lines of a text input, numbered, the line holding the cell's text marked '>>'."""
    seen = job.seen
    if not seen.lines:
        return None
    a, _, b = seen.lines.partition("-")
    first, last = int(a), int(b or a)
    try:
        raw = Path(job.path).read_bytes()
    except OSError:
        raise _NoPicture("the source file is no longer there") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lo, hi = max(1, first - SNIPPET_CONTEXT), min(len(lines), last + SNIPPET_CONTEXT)
    mark = _cell_line(lines, first, last, seen.raw)
    months = "  ".join(f"[{m}={t}]" if m == job.month else f"{m}={t}" for m, t in job.row_text)
    head = [f"{seen.source}, lines {seen.lines}: the row of {job.ref} (table {seen.page}); the cell is {job.month}",
            f"recover read the row as: {months}" if months else "",
            ""]
    width = len(str(hi))
    body = [f"{'>>' if n == mark else '  '} {n:>{width}} | {lines[n - 1].rstrip()}" for n in range(lo, hi + 1)]
    return "\n".join([h for h in head if h is not None] + body) + "\n"


def _cell_line(lines: list[str], first: int, last: int, raw: str) -> int | None:
    """The one line of the row whose words include the cell's text, when exactly one does."""
    token = raw.strip()
    if not token:
        return None
    hits = [n for n in range(first, min(last, len(lines)) + 1)
            if token in lines[n - 1].replace("\t", " ").split()]
    return hits[0] if len(hits) == 1 else None
