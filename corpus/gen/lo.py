"""The second renderer: each pack's dataset written as an xlsx workbook and printed to PDF by
LibreOffice headless (Debian libreoffice-calc), inside the same agenda pages as the reportlab packs.

    pages = layout_lo_pack(pc, look)        # pages with printed cells/boxes, no LibreOffice needed
    pdf = lo_pdf(pc, look, pages)           # the agenda PDF (runs soffice)

Prose pages (agenda, minutes, report, blank, glossary) are drawn by reportlab as in the first
renderer; the sheets' pages come from LibreOffice; pypdf puts them in agenda order. The PDF's
dates and ids are fixed afterwards so a pack renders to the same bytes every time.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import prose
from .content import PackContent
from .render import A3L, Page, PrintedCell, PrintedRow, layout_blank, layout_prose, to_pdf
from .sheet import DashPlan, SheetPlan, plan_dash, plan_sheet, style_for, workbook
from .variants import LOOKS, RULED_INK, ink_for

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# a symbol font holding the Wingdings 'similar' arrow at U+F0E8, as the council's Excel had it
WINGDINGS_FAMILY = "Wingdings"


def plans_for(pc: PackContent, look: str, salt: str = "") -> list[SheetPlan]:
    lk = LOOKS[look]
    st = ink_for(lk, pc.pack, salt) if look != "ruled" or salt else RULED_INK
    style = style_for(pc.pack, salt)
    return [plan_sheet(pc, t, lk, st, style, k == 0, salt) for k, t in enumerate(pc.tables)]


def dash_plan(pc: PackContent, look: str, salt: str = "") -> DashPlan | None:
    """LibreOffice packs always draw their dashboards with the plotting library's charts."""
    if not pc.dashboards:
        return None
    from .dash import specs
    lk = LOOKS[look]
    st = ink_for(lk, pc.pack, salt) if look != "ruled" or salt else RULED_INK
    return plan_dash(pc, specs(pc), style_for(pc.pack, salt), st)


def dash_pages(dp: DashPlan, first_page_no: int, pages_out: list[Page]) -> None:
    base = first_page_no + len(pages_out)
    pages = [Page("dashboard", A3L, None) for _ in dp.page_first_row]
    months_row = DashPlan.BLOCK_ROWS.index("values")
    for k, c0, r0 in dp.blocks:
        d = dp.specs[k]
        for j, mc in enumerate(d.cells, start=1):
            n, box = dp.cell_box(c0 + j, r0 + months_row)
            pages[n].cells.append(PrintedCell(base + n, "dashboard", d.ref, mc.month, mc.printed, mc.value,
                                              mc.status, box))
    pages_out.extend(pages)


def sheet_pages(pc: PackContent, sp: SheetPlan, first_page_no: int, pages_out: list[Page]) -> None:
    """Page records (printed cells with their boxes, printed rows) of one sheet, as LibreOffice
    prints it; drawing is LibreOffice's."""
    xs = sp.x_edges()
    for n in range(len(sp.chunks)):
        page_no = first_page_no + len(pages_out)
        page = Page("table", A3L, None)
        for i, y0, y1 in sp.page_rows(n):
            row = sp.table.rows[i]
            mcells = iter(row.cells)
            for j, sc in enumerate(sp.cols):
                if sc.col.role == "month":
                    mc = next(mcells)
                    page.cells.append(PrintedCell(page_no, "table", row.ind.ref, mc.month, mc.printed, mc.value,
                                                  mc.status, (xs[j], y0, xs[j + 1], y1)))
            ex = row.extras
            page.rows.append(PrintedRow(page_no, row.ind.ref, row.ref_printed, row.title, row.owner, row.reporter,
                                        ex.get("pct_prev", ""), ex.get("pct_year", ""), ex.get("avg12", ""),
                                        ex.get("max12", ""), row.commentary))
        pages_out.append(page)


def layout_lo_pack(pc: PackContent, look: str = "ruled", salt: str = "") -> list[Page]:
    """The pages of a LibreOffice-rendered pack, in agenda order, with what each prints."""
    from . import fonts
    fonts.register()
    pages: list[Page] = []
    has_eh = any(t.kind == "earlyhelp" for t in pc.tables)
    layout_prose(prose.agenda(pc.pack, pc.meeting, pc.agenda_item), 1, pages)
    layout_prose(prose.minutes(pc.pack), 1, pages)
    layout_prose(prose.report(pc.pack, pc.agenda_item, has_eh, bool(pc.dashboards)), 1, pages)
    for sp in plans_for(pc, look, salt):
        sheet_pages(pc, sp, 1, pages)
    dp = dash_plan(pc, look, salt)
    if dp is not None:
        dash_pages(dp, 1, pages)
    if pc.blank_page:
        layout_blank(1, pages)
    layout_prose(prose.glossary(pc.pack), 1, pages)
    return pages


# --- LibreOffice --------------------------------------------------------------------------------

def require_soffice() -> str:
    if not SOFFICE:
        raise SystemExit("LibreOffice is needed for the lo-* variants: "
                         "apt-get install -y --no-install-recommends libreoffice-calc "
                         "fonts-liberation2 fonts-crosextra-carlito (make corpus does it)")
    return SOFFICE


def _wingdings(folder: Path) -> Path:
    """A one-glyph symbol font named Wingdings: the right arrow at U+F0E8, as Excel's Wingdings
    arrow is stored in the packs (pdfminer then gives U+F0E8, as the real exports do)."""
    path = folder / "wingdings-arrow.ttf"
    if path.exists():
        return path
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    src = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    f = TTFont(src)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[0x20, 0x2192])
    sub.subset(f)
    glyph = f.getBestCmap()[0x2192]
    for t in f["cmap"].tables:
        if t.isUnicode():
            t.cmap = {0x20: t.cmap.get(0x20, "space"), 0xF0E8: glyph}
    for rec in f["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = WINGDINGS_FAMILY
        elif rec.nameID == 6:
            rec.string = WINGDINGS_FAMILY
    f.save(str(path))
    return path


_profile: Path | None = None


def _profile_dir() -> Path:
    """One LibreOffice user profile per process (two soffice processes cannot share one), with a
    fontconfig file that adds the Wingdings arrow font to the system fonts."""
    global _profile
    if _profile is None:
        import atexit
        from multiprocessing import util
        _profile = Path(tempfile.mkdtemp(prefix="recover-lo-"))
        # removed at exit: atexit in the main process, Finalize in pool workers (which skip atexit)
        atexit.register(shutil.rmtree, _profile, True)
        util.Finalize(None, shutil.rmtree, args=(str(_profile), True), exitpriority=10)
        fonts = _profile / "fonts"
        fonts.mkdir()
        _wingdings(fonts)
        (_profile / "fonts.conf").write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f'  <dir>{fonts}</dir>\n  <cachedir>{_profile / "fc-cache"}</cachedir>\n</fontconfig>\n')
    return _profile


def convert(xlsx: bytes, timeout: float = 180.0) -> bytes:
    """xlsx -> PDF with LibreOffice headless (all sheets, in order)."""
    exe = require_soffice()
    prof = _profile_dir()
    with tempfile.TemporaryDirectory(dir=prof) as d:
        src = Path(d, "pack.xlsx")
        src.write_bytes(xlsx)
        env = dict(os.environ, FONTCONFIG_FILE=str(prof / "fonts.conf"), SAL_USE_VCLPLUGIN="svp")
        cmd = [exe, f"-env:UserInstallation=file://{prof / 'user'}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", d, str(src)]
        p = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout)
        out = Path(d, "pack.pdf")
        if p.returncode != 0 or not out.exists():
            raise RuntimeError(f"LibreOffice failed ({p.returncode}): {p.stderr.decode(errors='replace')[-400:]}")
        return out.read_bytes()


def merge(parts: list[tuple[bytes, list[int]]], title: str) -> bytes:
    """Pages taken in order from several PDFs, with fixed metadata and id (deterministic bytes)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject
    w = PdfWriter()
    readers: dict[int, PdfReader] = {}
    for pdf, idx in parts:
        rd = readers.setdefault(id(pdf), PdfReader(io.BytesIO(pdf)))
        for i in idx:
            w.add_page(rd.pages[i])
    w.add_metadata({"/Title": title, "/Producer": "LibreOffice 7.4", "/Creator": "Calc"})
    w.compress_identical_objects()
    fixed = ByteStringObject(b"recover-corpus-lo")
    w._ID = ArrayObject([fixed, fixed])
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def lo_pdf(pc: PackContent, look: str, pages: list[Page], salt: str = "") -> bytes:
    """The agenda PDF: reportlab prose pages around the LibreOffice sheet pages."""
    plans = plans_for(pc, look, salt)
    dp = dash_plan(pc, look, salt)
    sheet_pdf = convert(workbook(pc, plans, dp))
    from pypdf import PdfReader
    n_sheet = len(PdfReader(io.BytesIO(sheet_pdf)).pages)
    want = sum(len(sp.chunks) for sp in plans) + (len(dp.page_first_row) if dp else 0)
    if n_sheet != want:
        raise RuntimeError(f"{pc.pack}: LibreOffice printed {n_sheet} sheet pages, the plan has {want}")
    own = [i for i, p in enumerate(pages) if p.draw is not None]
    prose_pdf = to_pdf([pages[i] for i in own], f"Children and Families Scrutiny Panel {pc.pack}")
    parts, k_prose, k_sheet = [], 0, 0
    for p in pages:
        if p.draw is not None:
            parts.append((prose_pdf, [k_prose]))
            k_prose += 1
        else:
            parts.append((sheet_pdf, [k_sheet]))
            k_sheet += 1
    return merge(parts, f"Children and Families Scrutiny Panel {pc.pack}")
