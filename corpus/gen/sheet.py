"""A pack's dataset as the council made it: an Excel workbook (openpyxl), printed by LibreOffice.

The workbook is laid out here, and so is where LibreOffice will print every cell: the sheet's
geometry is fully decided by what we write, and LibreOffice turns it into page points by rules that
hold for every sheet (checked by tests/test_corpus_lo.py against the rendered PDFs):

- a column `w` characters wide is round(w * 111) twips (111 twips = the digit width of the default
  font, Calibri 11 -> Carlito 11), so we write widths as whole twips / 111;
- row heights are honoured when they are multiples of 0.75 pt (LibreOffice floors them to that);
- 'fit to 1 page wide' prints at the largest whole percent zoom at which the used columns fit the
  page between the margins (never above 100%);
- manual row breaks start pages; the header row is a print title repeated at the top of each page;
- the sheet starts at the top-left margin.

Everything else (fonts, wrapping, alignment, rotated and stacked names, fills, borders, the PUA
arrow) is left to LibreOffice, the way the real packs were made.
"""
from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .common import label, rng
from .content import Column, PackContent, Row, Table
from .variants import PALETTES, Ink as LookInk, Look

A3L = (1190.55, 841.89)
TWIPS_PER_CHAR = 111          # LibreOffice: the default font's digit width (Carlito 11) in twips
ROW_UNIT = 0.75               # LibreOffice keeps row heights in whole pixels at 96 dpi
LEFT_TEXT = {"-", "tbc", "TBC", "Local", "- n/a", ""}
FONTS = {  # Excel name -> the metric-compatible font LibreOffice uses, for measuring text
    "Arial": ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    "Calibri": ("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
                "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"),
}
LINE_EM = {"Arial": 1.15, "Calibri": 1.22}     # LibreOffice's line height (ascent + descent) per em


@dataclass(frozen=True)
class SheetStyle:
    """What one pack's workbook chose (seeded by the pack): font, sizes, widths, margins."""
    font: str                 # Arial | Calibri
    size: float               # body font size in the sheet
    scale: float              # sheet points per point of the reportlab layout (sets the zoom)
    margins: tuple[float, float, float, float]   # left, right, top, bottom in inches


def style_for(pack: str, salt: str = "") -> SheetStyle:
    """A salt (the holdout) draws from wider ranges than the tuned corpus: other sizes, zooms, margins."""
    r = rng("sheet", pack, *((salt,) if salt else ()))
    font = r.choice(["Arial", "Calibri"])
    if salt:
        scale = round(r.uniform(1.02, 1.55), 3)
        margins = r.choice([(0.3, 0.3, 0.6, 0.6), (0.5, 0.5, 0.5, 0.5), (0.1, 0.1, 0.3, 0.3)])
        return SheetStyle(font, (8.5 if font == "Arial" else 10.0) + r.choice([-0.5, 0.0]), scale, margins)
    scale = round(r.uniform(1.12, 1.4), 3)
    margins = r.choice([(0.25, 0.25, 0.5, 0.5), (0.2, 0.2, 0.4, 0.4), (0.25, 0.25, 0.75, 0.75)])
    return SheetStyle(font, 8.0 if font == "Arial" else 9.0, scale, margins)


# --- measuring text like LibreOffice will lay it out ------------------------------------------

_metrics: dict[str, object] = {}


def _face(font: str, bold: bool):
    key = f"{font}{'-B' if bold else ''}"
    if key not in _metrics:
        from reportlab.pdfbase.ttfonts import TTFont
        path = Path(FONTS[font][1 if bold else 0])
        if not path.exists():
            raise SystemExit(f"missing font {path}: apt-get install -y fonts-liberation2 fonts-crosextra-carlito")
        _metrics[key] = TTFont(key, str(path))
    return _metrics[key]


def text_width(s: str, font: str, size: float, bold: bool = False) -> float:
    face = _face(font, bold).face
    return sum(face.charWidths.get(ord(ch), face.defaultWidth) for ch in s) * size / 1000.0


def wrap_count(text: str, font: str, size: float, width: float, bold: bool = False) -> int:
    """Lines a wrapped cell needs: word wrap, a word wider than the cell broken between letters."""
    n = 0
    for para in text.split("\n"):
        cur = ""
        lines = 0
        for word in para.split(" "):
            cand = f"{cur} {word}" if cur else word
            if text_width(cand, font, size, bold) <= width:
                cur = cand
                continue
            if cur:
                lines += 1
            cur = ""
            for ch in word:
                if cur and text_width(cur + ch, font, size, bold) > width:
                    lines += 1
                    cur = ch
                else:
                    cur += ch
        n += lines + (1 if cur else 0)
    return max(n, 1)


def up(h: float) -> float:
    return math.ceil(h / ROW_UNIT - 1e-9) * ROW_UNIT


# --- the sheet plan ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SheetCol:
    col: Column
    twips: int

    @property
    def width(self) -> float:          # sheet points
        return self.twips / 20.0

    @property
    def chars(self) -> float:          # what the xlsx says
        return self.twips / TWIPS_PER_CHAR


@dataclass
class SheetPlan:
    """One table as one worksheet: columns, row heights and which data rows go on which page."""
    table: Table
    style: SheetStyle
    look: Look
    ink: LookInk
    cols: list[SheetCol]
    band: list[float]                  # heights of the band rows above the header (page 1 only)
    header: float
    heights: list[float]               # one per table row
    chunks: list[list[int]]            # table row indices per printed page
    first_table: bool

    @property
    def zoom(self) -> float:
        left, right, _, _ = self.style.margins
        avail = A3L[0] - 72.0 * (left + right)
        total = sum(c.width for c in self.cols)
        return min(100, math.floor(100.0 * avail / total + 1e-9)) / 100.0

    def x_edges(self) -> list[float]:
        z, x = self.zoom, 72.0 * self.style.margins[0]
        out = [x]
        for c in self.cols:
            x += c.width * z
            out.append(x)
        return out

    def page_rows(self, n: int) -> list[tuple[int, float, float]]:
        """(table row index, top, bottom) in page points for the n-th printed page (0-based)."""
        z = self.zoom
        y = 72.0 * self.style.margins[2] + z * ((sum(self.band) if n == 0 else 0.0) + self.header)
        out = []
        for i in self.chunks[n]:
            out.append((i, y, y + self.heights[i] * z))
            y += self.heights[i] * z
        return out


PAD = 4.0          # points of a cell's width that LibreOffice keeps free of text (both sides)


def plan_sheet(pc: PackContent, table: Table, look: Look, ink: LookInk, style: SheetStyle,
               first_table: bool, salt: str = "") -> SheetPlan:
    from .render import STACKED_NAME_WIDTH, restyle
    table = restyle(table, look, salt, pc.pack)
    s = style.scale
    cols = []
    for c in table.columns:
        w = STACKED_NAME_WIDTH * 1.08 if (look.names == "stacked" and c.role == "name") else c.width
        cols.append(SheetCol(c, int(round(w * s * 20))))
    f, size = style.font, style.size
    lead = size * LINE_EM[f]
    # header: wrapped bold labels, rotated names
    hh = 2 * lead + 6
    for sc in cols:
        if sc.col.role == "name":
            hh = max(hh, text_width(sc.col.header, f, size, True) + 8)
        else:
            hh = max(hh, wrap_count(sc.col.header, f, size, sc.width - PAD, True) * lead + 6)
    heights = [row_height(r, cols, table, look, style) for r in table.rows]
    band = [up(size * 1.5 + 6), up(size * 1.5 + 6), up(size * 1.3 + 4)]
    zoom = SheetPlan(table, style, look, ink, cols, band, up(hh), heights, [], first_table).zoom
    avail = (A3L[1] - 72.0 * (style.margins[2] + style.margins[3])) / zoom - 2.0
    max_rows = {1: 12, 2: 12, 3: 11}[pc.era]
    chunks: list[list[int]] = [[]]
    y = sum(band) + up(hh)
    for i, h in enumerate(heights):
        if chunks[-1] and (y + h > avail or len(chunks[-1]) >= max_rows):
            chunks.append([])
            y = up(hh)
        chunks[-1].append(i)
        y += h
    return SheetPlan(table, style, look, ink, cols, band, up(hh), heights, chunks, first_table)


def row_height(row: Row, cols: list[SheetCol], table: Table, look: Look, style: SheetStyle) -> float:
    f, size = style.font, style.size
    lead = size * LINE_EM[f]
    h = 2 * lead + 8
    for sc in cols:
        c = sc.col
        text = ""
        if c.role == "ref":
            text = row.ref_printed
        elif c.key == "title":
            text = row.title
        elif c.key == "outcome":
            text = row.outcome
        elif c.role == "commentary":
            text = row.commentary
        elif c.role == "name":
            who = row.owner if c.key == "owner" else row.reporter
            if look.names == "stacked":
                # LibreOffice breaks a word wider than the cell between letters ('Ju' 'lia' 'n')
                h = max(h, (wrap_count(who, f, size, sc.width - PAD) + 1) * lead + 6)
            else:
                h = max(h, text_width(who, f, size) * 1.06 + 10)
            continue
        if text:
            n = wrap_count(text, f, size, sc.width - PAD - 2)
            h = max(h, (n + (1 if n > 2 else 0)) * lead + 6)
    return up(h)


# --- writing the workbook ---------------------------------------------------------------------

def _hex(rgb) -> str:
    if isinstance(rgb, (int, float)):
        rgb = (rgb, rgb, rgb)
    return "".join(f"{int(round(v * 255)):02X}" for v in rgb)


NUMBER = [
    (re.compile(r"^\d+$"), "0", lambda s: int(s)),
    (re.compile(r"^\d{1,3}(,\d{3})+$"), "#,##0", lambda s: int(s.replace(",", ""))),
    (re.compile(r"^\d+\.(\d+)$"), None, lambda s: float(s)),
    (re.compile(r"^-?\d+(\.(\d+))?%$"), None, lambda s: float(s[:-1]) / 100.0),
]


def as_cell_value(printed: str):
    """(value, number format) that makes LibreOffice print exactly `printed`: numbers stay numbers
    (right-aligned by Excel's General rule), markers and arrows stay text."""
    if printed == "":
        return None, None
    for rx, fmt, conv in NUMBER:
        m = rx.match(printed)
        if not m:
            continue
        if fmt is None:
            if printed.endswith("%"):
                nd = len(printed[:-1].split(".")[1]) if "." in printed else 0
                fmt = "0%" if nd == 0 else "0." + "0" * nd + "%"
            else:
                fmt = "0." + "0" * len(m.group(1))
        return conv(printed), fmt
    return printed, None


def write_sheet(ws, pc: PackContent, sp: SheetPlan) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.pagebreak import Break
    from openpyxl.worksheet.page import PageMargins

    from .render import edges, fill_of

    st, f, size = sp.ink, sp.style.font, sp.style.size
    table = sp.table
    for j, sc in enumerate(sp.cols, start=1):
        ws.column_dimensions[ws.cell(1, j).column_letter].width = sc.chars
    body = Font(name=f, size=size)
    bold = Font(name=f, size=size, bold=True)
    idx = {sc.col.key: j for j, sc in enumerate(sp.cols, start=1)}
    months = [k for k in idx if k.startswith("m") and k[1:].isdigit()]

    def side(e: str, edge_set: str):
        if e not in edge_set or st.rules == "none":
            return Side()
        if st.rules == "hairline":
            return Side(style="hair", color=_hex(st.gray))
        return Side(style="thin", color="000000")

    def border(edge_set: str) -> Border:
        return Border(left=side("l", edge_set), right=side("r", edge_set), top=side("t", edge_set),
                      bottom=side("b", edge_set))

    # band: the sheet's own title block, printed on its first page only
    for k, h in enumerate(sp.band, start=1):
        ws.row_dimensions[k].height = h
    sub = table.title if table.kind == "earlyhelp" else f"{label(pc.pack)} Monthly dataset"
    ws.cell(1, 1, "Children and Families").font = Font(name=f, size=size + 2, bold=True)
    ws.cell(2, 1, sub).font = Font(name=f, size=size + 1, bold=True)
    q = idx[months[0]]
    ws.cell(1, q, "Qualitative measures:").font = body
    for k, (word, grey, rag) in enumerate((("Positive", 0.8, "green"), ("Similar", 0.9, "amber"),
                                           ("Negative", 0.65, "red"))):
        c = ws.cell(2, q + k, word)
        c.font = body
        fill = PALETTES[st.palette][rag] if st.fills else grey
        c.fill = PatternFill("solid", fgColor=_hex(fill))
        c.border = border("ltrb" if st.rules != "none" else "")
    a = pc.arrows
    kcol = idx[months[min(4, len(months) - 3)]]
    ws.cell(1, kcol, "Key to direction of travel:").font = body
    ws.cell(3, kcol, f"Increase 10% or more {a['up']}    Similar {a['similar']}    "
                     f"Decrease 10% or more {a['down']}").font = body
    if pc.era <= 2 and "sn" in idx:
        ws.cell(1, idx["sn"], "Benchmarking").font = bold
        ws.cell(2, idx["sn"], f"(Updated Mar-{pc.pack[2:4]}, using {int(pc.pack[2:4]) - 2}-"
                              f"{int(pc.pack[2:4]) - 1} data)").font = body
    if sp.first_table:
        last = len(sp.cols)
        for k, text in ((1, f"Agenda Item {pc.agenda_item}"), (2, "Appendix 1")):
            c = ws.cell(k, last, text)
            c.font = bold
            c.alignment = Alignment(horizontal="right")

    hr = len(sp.band) + 1
    ws.row_dimensions[hr].height = sp.header
    for j, sc in enumerate(sp.cols):
        c = ws.cell(hr, j + 1, sc.col.header)
        c.font = bold
        rot = 90 if sc.col.role == "name" else 0
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center", text_rotation=rot)
        if st.header_fill is not None:
            c.fill = PatternFill("solid", fgColor=_hex(st.header_fill))
        c.border = border(edges(st, table, j, True, False))

    r = hr + 1
    for n, chunk in enumerate(sp.chunks):
        for k, i in enumerate(chunk):
            row = table.rows[i]
            ws.row_dimensions[r].height = sp.heights[i]
            _write_row(ws, r, pc, sp, row, k == len(chunk) - 1, body, border, fill_of, edges)
            r += 1
        if n < len(sp.chunks) - 1:
            ws.row_breaks.append(Break(id=r - 1))

    ws.print_title_rows = f"{hr}:{hr}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    left, right, top, bottom = sp.style.margins
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom, header=0, footer=0)
    ws.sheet_view.showGridLines = False


def _write_row(ws, r: int, pc: PackContent, sp: SheetPlan, row: Row, last: bool, body, border, fill_of,
               edges) -> None:
    from openpyxl.styles import Alignment, PatternFill
    table, st = sp.table, sp.ink
    mcells = iter(row.cells)
    for j, sc in enumerate(sp.cols):
        c = sc.col
        cell = ws.cell(r, j + 1)
        cell.font = body
        cell.border = border(edges(st, table, j, False, last))
        fill = fill_of(st, table, row, c)
        if fill is not None:
            cell.fill = PatternFill("solid", fgColor=_hex(fill))
        if c.role in ("ref", "text", "commentary"):
            text = {"ref": row.ref_printed, "title": row.title, "outcome": row.outcome}.get(
                c.key if c.role != "ref" else "ref", row.commentary)
            cell.value = text or None
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        elif c.role == "name":
            cell.value = row.owner if c.key == "owner" else row.reporter
            if sp.look.names == "stacked":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center",
                                           text_rotation=90)
        else:
            printed = next(mcells).printed if c.role == "month" else row.extras.get(c.key, "")
            value, fmt = as_cell_value(printed)
            cell.value = value
            if fmt:
                cell.number_format = fmt
            if c.key in ("dot", "pflag"):
                cell.alignment = Alignment(horizontal="center", vertical="center")
            elif isinstance(value, str) and printed not in LEFT_TEXT:
                cell.alignment = Alignment(horizontal="right", vertical="center")
            else:
                cell.alignment = Alignment(vertical="center")


def workbook(pc: PackContent, plans: list[SheetPlan], dash: "DashPlan | None" = None) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for sp in plans:
        ws = wb.create_sheet("Early Help" if sp.table.kind == "earlyhelp" else "Dataset")
        write_sheet(ws, pc, sp)
    if dash is not None:
        write_dash(wb.create_sheet("Dashboard"), pc, dash)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- the dashboard sheet ----------------------------------------------------------------------

@dataclass
class DashPlan:
    """The dashboards as one worksheet: three blocks across, two block rows per printed page.
    Each block is 14 columns (label + 13 months); the chart picture covers its first 10 columns,
    the legend and benchmarking box the last 4."""
    specs: list
    style: SheetStyle
    ink: LookInk
    col_twips: list[int]
    heights: list[float]              # every sheet row, top to bottom
    page_first_row: list[int]         # 0-based sheet row that starts each printed page
    blocks: list[tuple[int, int, int]]   # (spec index, first column 0-based, first row 0-based)

    BLOCK_ROWS = ("heading", "caption", "title") + ("chart",) * 12 + ("months", "values", "gap")

    @property
    def zoom(self) -> float:
        left, right, _, _ = self.style.margins
        avail = A3L[0] - 72.0 * (left + right)
        total = sum(self.col_twips) / 20.0
        return min(100, math.floor(100.0 * avail / total + 1e-9)) / 100.0

    def cell_box(self, col: int, row: int) -> tuple[int, tuple[float, float, float, float]]:
        """(printed page 0-based, box in page points) of a sheet cell."""
        z = self.zoom
        page = max(k for k, r0 in enumerate(self.page_first_row) if r0 <= row)
        x = 72.0 * self.style.margins[0] + z * sum(self.col_twips[:col]) / 20.0
        y = 72.0 * self.style.margins[2] + z * sum(self.heights[self.page_first_row[page]:row])
        return page, (x, y, x + z * self.col_twips[col] / 20.0, y + z * self.heights[row])


def plan_dash(pc: PackContent, dspecs: list, style: SheetStyle, ink: LookInk) -> DashPlan:
    s = style.scale
    label_tw = int(round(46 * s * 20))      # room for the longest printed label ('LAC11-QL (%')
    month_tw = int(round(26.5 * s * 20))
    gap_tw = int(round(14 * s * 20))
    cols: list[int] = []
    for b in range(3):
        cols += [label_tw] + [month_tw] * 13
        if b < 2:
            cols.append(gap_tw)
    kinds = {"heading": 15.0, "caption": 12.0, "title": 13.5, "chart": 15.0, "months": 12.75,
             "values": 13.5, "gap": 9.0}
    heights = [up(24.0 * s)]              # the sheet title row
    page_first_row, blocks = [0], []
    for k in range(0, len(dspecs), 3):
        block_row = k // 3
        if block_row and block_row % 2 == 0:
            page_first_row.append(len(heights))
            heights.append(up(24.0 * s))  # each page repeats a title row of its own
        r0 = len(heights)
        heights += [up(kinds[kind] * s) for kind in DashPlan.BLOCK_ROWS]
        for b in range(3):
            if k + b < len(dspecs):
                blocks.append((k + b, b * 15, r0))
    return DashPlan(dspecs, style, ink, cols, heights, page_first_row, blocks)


def write_dash(ws, pc: PackContent, dp: DashPlan) -> None:
    from openpyxl.drawing.image import Image as XLImage
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.pagebreak import Break

    from .dash import chart_png

    st, f, size = dp.ink, dp.style.font, dp.style.size
    for j, tw in enumerate(dp.col_twips, start=1):
        ws.column_dimensions[get_column_letter(j)].width = tw / TWIPS_PER_CHAR
    for i, h in enumerate(dp.heights, start=1):
        ws.row_dimensions[i].height = h
    body, small = Font(name=f, size=size), Font(name=f, size=size - 1)
    bold = Font(name=f, size=size, bold=True)
    thin = Side(style="hair", color=_hex(st.gray)) if st.rules == "hairline" else Side(style="thin")
    box = Border() if st.rules == "none" else Border(left=thin, right=thin, top=thin, bottom=thin)
    for r0 in dp.page_first_row:
        ws.cell(r0 + 1, 1, f"Children and Families performance dashboard \u2013 {label(pc.pack)}").font = \
            Font(name=f, size=size + 4, bold=True)
    for k, c0, r0 in dp.blocks:
        d = dp.specs[k]
        R, C = r0 + 1, c0 + 1                       # openpyxl is 1-based
        ws.cell(R, C, d.heading).font = Font(name=f, size=size + 1, bold=True)
        ws.cell(R + 1, C, d.caption).font = small
        ws.cell(R + 2, C, d.title).font = bold
        chart_rows = DashPlan.BLOCK_ROWS.count("chart")
        w_pt = (dp.col_twips[c0] + 9 * dp.col_twips[c0 + 1]) / 20.0
        h_pt = sum(dp.heights[r0 + 3:r0 + 3 + chart_rows]) - 3
        img = XLImage(io.BytesIO(chart_png(d.values, d.average, d.month_labels, d.percent, w_pt, h_pt)))
        img.width, img.height = w_pt * 96 / 72, h_pt * 96 / 72
        ws.add_image(img, f"{get_column_letter(C)}{R + 3}")
        lc = C + 10
        swatch = (("1F4E79", d.ref), ("C55A11", "Average"))
        for n, (colour, text) in enumerate(swatch):
            ws.cell(R + 3 + n, lc).fill = PatternFill("solid", fgColor=colour)
            ws.cell(R + 3 + n, lc + 1, text).font = small
        lines = [(f"Benchmarking ({d.ref})", "", bold), ("Show values as: Monthly", "", small)] + \
            [(name, v, small) for name, v in d.bench]
        for n, (name, v, font) in enumerate(lines):
            rr = R + 6 + n
            c = ws.cell(rr, lc, name)
            c.font = font
            c.alignment = Alignment(shrink_to_fit=True)
            ws.merge_cells(start_row=rr, start_column=lc, end_row=rr, end_column=lc + (3 if not v else 2))
            if v:
                value, fmt = as_cell_value(v)
                c = ws.cell(rr, lc + 3, value)
                c.font = small
                if fmt:
                    c.number_format = fmt
                c.alignment = Alignment(horizontal="right")
            for j in range(4):
                e = "".join(x for x, on in (("t", n == 0), ("b", n == len(lines) - 1), ("l", j == 0),
                                            ("r", j == 3)) if on)
                if st.rules != "none":
                    ws.cell(rr, lc + j).border = Border(left=thin if "l" in e else Side(),
                                                        right=thin if "r" in e else Side(),
                                                        top=thin if "t" in e else Side(),
                                                        bottom=thin if "b" in e else Side())
        if d.percent:
            # merged and wrapped: text running past the sheet's last column would widen the print
            # range that 'fit to width' scales, and move every cell
            rr = R + 6 + len(lines) + 1
            ws.merge_cells(start_row=rr, start_column=lc, end_row=rr + 1, end_column=lc + 3)
            c = ws.cell(rr, lc, "All figures shown as percentages")
            c.font = small
            c.alignment = Alignment(wrap_text=True, vertical="top")
        mr = R + 3 + chart_rows
        ws.cell(mr, C).border = box
        lab = ws.cell(mr + 1, C, d.label)
        lab.font, lab.border = body, box
        for j, (ml, mc) in enumerate(zip(d.month_labels, d.cells), start=1):
            c = ws.cell(mr, C + j, ml)
            c.font, c.border = small, box
            c.alignment = Alignment(horizontal="center")
            value, fmt = as_cell_value(mc.printed)
            c = ws.cell(mr + 1, C + j, value)
            c.font, c.border = body, box
            if fmt:
                c.number_format = fmt
    for r0 in dp.page_first_row[1:]:
        ws.row_breaks.append(Break(id=r0))
    # a print area of exactly the blocks' columns: 'fit to width' then scales these columns only
    ws.print_area = f"A1:{get_column_letter(len(dp.col_twips))}{len(dp.heights)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    left, right, top, bottom = dp.style.margins
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom, header=0, footer=0)
    ws.sheet_view.showGridLines = False
