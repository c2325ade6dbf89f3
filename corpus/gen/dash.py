"""Dashboards as the real packs show them: six small charts a page, each drawn by a plotting library
(matplotlib), with what surrounds a chart on a real dashboard:

- above it a heading (the service area), a caption and the indicator title, sometimes cut with '...';
- beside it a legend naming the series and 'Average', and a box 'Benchmarking (REF)' with
  'Show values as: Monthly' and the Stat. Neighbour / England / SE region values; for percent
  indicators the note 'All figures shown as percentages', and then the values print WITHOUT '%';
- under it a one-line table: 13 month labels above a label (the ref, truncated when the label cell
  is too narrow: 'LAC11-QL (%' for 'LAC11-QL (%)') and the 13 values.

The chart itself is a picture (PNG, as charts pasted into packs are); everything else is text. The
same DashSpec feeds the reportlab page (render_dash_page) and the LibreOffice sheet (sheet.py).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from .common import label, month_add, rng
from .content import MonthCell, PackContent

HEADINGS = {"MASH": "Front Door (MASH)", "EH": "Assessment and Child in Need", "CP": "Child Protection",
            "LAC": "Children Looked After", "EarlyHelp": "Early Help", "Other": "Other services"}
LABEL_CHARS = 10        # a label longer than this is cut by its cell


@dataclass(frozen=True)
class DashSpec:
    ref: str
    heading: str
    caption: str
    title: str                      # as printed (may end with '...')
    label: str                      # as printed (may be truncated)
    month_labels: tuple[str, ...]
    cells: tuple[MonthCell, ...]    # printed without '%' when percent
    values: tuple[float | None, ...]
    average: float | None
    bench: tuple[tuple[str, str], ...]   # (name, printed value)
    percent: bool


def _no_pct(mc: MonthCell) -> MonthCell:
    return MonthCell(mc.month, mc.printed.replace("%", ""), mc.value, mc.status)


def specs(pc: PackContent) -> list[DashSpec]:
    """The blocks of a dashboard pack's plotting-library dashboards."""
    pack = pc.pack
    months = [month_add(pack, -k) for k in range(12, -1, -1)]
    rows = {r.ind.ref: r for t in pc.tables for r in t.rows}
    out = []
    for ch in pc.charts:
        r = rng("dash", pack, ch.ref)
        percent = ch.unit == "percent"
        cells = tuple(_no_pct(c) for c in ch.cells) if percent else ch.cells
        known = [v for v in ch.values if v is not None]
        title = f"{ch.ref} - {ch.title}"
        if len(title) > 58 and r.random() < 0.6:
            title = title[:55].rstrip() + "..."
        lab = ch.ref if len(ch.ref) <= LABEL_CHARS else ch.ref[:LABEL_CHARS + 1].rstrip()
        row = rows.get(ch.ref)
        bench = []
        for name, key in (("Stat. Neighbour", "sn"), ("England", "eng"), ("SE region", "se")):
            v = row.extras.get(key, "") if row else ""
            bench.append((name, v.replace("%", "") if percent else v))
        out.append(DashSpec(ch.ref, HEADINGS.get(ch.section, "Other services"),
                            f"Monthly trend, {label(months[0])} to {label(months[-1])}", title, lab,
                            tuple(label(m) for m in months), cells, ch.values,
                            sum(known) / len(known) if known else None, tuple(bench), percent))
    return out


@lru_cache(maxsize=256)
def chart_png(values: tuple, average: float | None, month_labels: tuple, percent: bool,
              width_pt: float, height_pt: float, dpi: int = 160) -> bytes:
    """The chart picture: the series with markers, a dashed average line, month ticks, a y axis."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 5.5, "svg.hashsalt": "recover"})
    fig = plt.figure(figsize=(width_pt / 72.0, height_pt / 72.0), dpi=dpi)
    ax = fig.add_axes((0.11, 0.2, 0.86, 0.74))
    xs = [i for i, v in enumerate(values) if v is not None]
    ys = [v for v in values if v is not None]
    ax.plot(xs, ys, color="#1f4e79", linewidth=1.2, marker="o", markersize=2.2)
    if average is not None:
        ax.axhline(average, color="#c55a11", linewidth=0.9, linestyle="--")
    ax.set_xticks(range(len(month_labels)))
    ax.set_xticklabels(month_labels, rotation=90)
    ax.tick_params(length=2, pad=1)
    ax.grid(axis="y", linewidth=0.3, color="#bbbbbb")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if percent:
        ax.set_ylim(bottom=0)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    # a 64-colour palette keeps a pack's two dozen charts small
    from PIL import Image
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB").quantize(64, dither=Image.Dither.NONE)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


# --- the reportlab dashboard page -------------------------------------------------------------

def layout_chart_pages(pc: PackContent, dspecs: list[DashSpec], first_page_no: int, pages_out: list,
                       st) -> None:
    """Dashboard pages drawn by reportlab around matplotlib pictures; the one-line tables' value
    cells are recorded with their boxes."""
    from reportlab.lib.utils import ImageReader

    from .render import A3L, BOTTOM, MARGIN, Ink, Page, PrintedCell, footer
    per_page, ncol, gap = 6, 3, 16.0
    w = (A3L[0] - 2 * MARGIN - (ncol - 1) * gap) / ncol
    h = (A3L[1] - MARGIN - BOTTOM - 30 - gap) / 2
    for start in range(0, len(dspecs), per_page):
        group = dspecs[start:start + per_page]
        page_no = first_page_no + len(pages_out)
        page = Page("dashboard", A3L, None)
        blocks = []
        for k, d in enumerate(group):
            x0 = MARGIN + (k % ncol) * (w + gap)
            y0 = MARGIN + 30 + (k // ncol) * (h + gap)
            cw = w / 14.0
            ty0 = y0 + h - 26
            cells = []
            for j, mc in enumerate(d.cells):
                bx = (x0 + (j + 1) * cw, ty0 + 13, x0 + (j + 2) * cw, ty0 + 26)
                cells.append((mc, bx))
                page.cells.append(PrintedCell(page_no, "dashboard", d.ref, mc.month, mc.printed, mc.value,
                                              mc.status, bx))
            blocks.append((d, x0, y0, cw, ty0, cells))

        def draw(c, H, blocks=blocks, page_no=page_no):
            ink = Ink(c, H)
            ink.text(MARGIN, MARGIN + 14, f"Children and Families performance dashboard \u2013 {label(pc.pack)}",
                     "TXTB", 12)
            for d, x0, y0, cw, ty0, cells in blocks:
                ink.text(x0, y0 + 8, d.heading, "TXTB", 8.5)
                ink.text(x0, y0 + 17, d.caption, "TXT", 6.5)
                ink.text(x0, y0 + 27, d.title, "TXTB", 7)
                chart_w, chart_h = w * 0.68, ty0 - (y0 + 32) - 4
                png = chart_png(d.values, d.average, d.month_labels, d.percent, chart_w, chart_h)
                c.drawImage(ImageReader(io.BytesIO(png)), x0, H - (y0 + 32 + chart_h), chart_w, chart_h)
                lx = x0 + chart_w + 6
                ly = y0 + 40
                c.setStrokeColorRGB(0.12, 0.31, 0.47)
                ink.line(lx, ly - 2, lx + 10, ly - 2, 1.2)
                ink.text(lx + 13, ly, d.ref, "TXT", 6.5)
                c.setStrokeColorRGB(0.77, 0.35, 0.07)
                c.setDash(2, 1)
                ink.line(lx, ly + 8, lx + 10, ly + 8, 0.9)
                c.setDash()
                c.setStrokeGray(0)
                ink.text(lx + 13, ly + 10, "Average", "TXT", 6.5)
                by = ly + 22
                ink.frame(st, lx - 2, by - 8, x0 + w, by + 46)
                ink.text(lx, by, f"Benchmarking ({d.ref})", "TXTB", 6.5)
                ink.text(lx, by + 9, "Show values as: Monthly", "TXT", 6)
                for n, (name, v) in enumerate(d.bench):
                    ink.text(lx, by + 18 + 9 * n, name, "TXT", 6)
                    ink.text_right(x0 + w - 2, by + 18 + 9 * n, v, "TXT", 6)
                if d.percent:
                    ink.text(lx, by + 56, "All figures shown as percentages", "TXT", 5.5)
                ink.frame(st, x0, ty0, x0 + cw, ty0 + 13)
                ink.frame(st, x0, ty0 + 13, x0 + cw, ty0 + 26)
                from . import fonts
                size = min(5.5, 5.5 * (cw - 2.5) / max(fonts.width(d.label, "TXT", 5.5), 1e-6))
                ink.text(x0 + 1.2, ty0 + 22.5, d.label, "TXT", size)
                for mc, (bx0, by0, bx1, by1) in cells:
                    ink.frame(st, bx0, ty0, bx1, ty0 + 13)
                    ink.text_center((bx0 + bx1) / 2, ty0 + 9, label(mc.month), "TXT", 4.8)
                    ink.frame(st, bx0, by0, bx1, by1)
                    if mc.printed:
                        ink.text_right(bx1 - 1.2, by0 + 9.5, mc.printed, "TXT", 5.3)
            footer(ink, A3L, page_no)

        page.draw = draw
        pages_out.append(page)
