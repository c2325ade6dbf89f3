"""Lay a PackContent out as the council's PDF (Excel sheet exported to PDF, inside an agenda) and
record where every month cell was printed.

Layout is computed first (pages with their printed cells and boxes), then drawn; drawing a page can
be replaced by an image of it (scan variants), so every variant shares one layout and one set of
printed boxes. Coordinates recorded are PDF points, origin top-left, y down.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from typing import Callable

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as rl_canvas

from . import fonts, prose
from .common import label, rng
from .content import Column, Dashboard, PackContent, Row, Table
from .variants import LOOKS, PALETTES, RULED_INK, Ink as LookInk, Look, ink_for

A4 = (595.28, 841.89)
A3L = (1190.55, 841.89)
MARGIN = 28.0
BOTTOM = 34.0
LINE = 0.5


@dataclass(frozen=True)
class PrintedCell:
    page: int
    kind: str            # table | dashboard
    ref: str
    month: str
    printed: str
    value: str
    status: str
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class PrintedRow:
    page: int
    ref: str
    ref_printed: str
    title: str
    owner: str
    reporter: str
    pct_prev: str
    pct_year: str
    avg12: str
    max12: str
    commentary: str


@dataclass
class Page:
    kind: str                         # prose | table | dashboard | blank
    size: tuple[float, float]
    draw: Callable                    # draw(canvas, page_height)
    cells: list[PrintedCell] = field(default_factory=list)
    rows: list[PrintedRow] = field(default_factory=list)


# --- text helpers -----------------------------------------------------------------------------

def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Word wrap like Excel's wrap text; a word wider than the cell is broken between characters."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split(" "):
            cand = f"{cur} {word}" if cur else word
            if fonts.width(cand, font, size) <= width:
                cur = cand
                continue
            if cur:
                lines.append(cur)
            cur = ""
            for ch in word:
                if cur and fonts.width(cur + ch, font, size) > width:
                    lines.append(cur)
                    cur = ch
                else:
                    cur += ch
        lines.append(cur)
    return [ln for ln in lines if ln != ""] or [""]


def char_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """A narrow cell breaks anywhere (seed 001's refs: 'LA' 'C1' '2 ' '(v' 'al' ')')."""
    lines, cur = [], ""
    for ch in text:
        if cur and fonts.width(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + [cur]


class Ink:
    """Drawing in top-left coordinates on a reportlab canvas."""

    def __init__(self, c: rl_canvas.Canvas, height: float):
        self.c, self.h = c, height

    def text(self, x: float, y_base: float, s: str, font="TXT", size=7.0) -> None:
        if s == "":
            return
        self.c.setFont(font, size)
        self.c.drawString(x, self.h - y_base, s)

    def text_right(self, x1: float, y_base: float, s: str, font="TXT", size=7.0) -> None:
        self.text(x1 - fonts.width(s, font, size), y_base, s, font, size)

    def text_center(self, cx: float, y_base: float, s: str, font="TXT", size=7.0) -> None:
        self.text(cx - fonts.width(s, font, size) / 2, y_base, s, font, size)

    def rect(self, x0, y0, x1, y1, fill=None) -> None:
        c = self.c
        c.setLineWidth(LINE)
        if fill is not None:
            c.setFillGray(fill)
            c.rect(x0, self.h - y1, x1 - x0, y1 - y0, stroke=1, fill=1)
            c.setFillGray(0)
        else:
            c.rect(x0, self.h - y1, x1 - x0, y1 - y0, stroke=1, fill=0)

    def line(self, x0, y0, x1, y1, width=LINE) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, self.h - y0, x1, self.h - y1)

    def frame(self, st: LookInk, x0, y0, x1, y1, fill=None, edges: str = "ltrb") -> None:
        """A cell drawn in a pack's look: its fill (a grey level or an RGB colour), then the
        edges the look rules ('l', 't', 'r', 'b'). The original ruled look is exactly rect()."""
        if st is RULED_INK:
            self.rect(x0, y0, x1, y1, fill=fill)
            return
        c = self.c
        if fill is not None:
            if isinstance(fill, tuple):
                c.setFillColorRGB(*fill)
            else:
                c.setFillGray(fill)
            c.rect(x0, self.h - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
            c.setFillGray(0)
        if st.rules == "none" or not edges:
            return
        c.setStrokeGray(st.gray)
        c.setLineWidth(st.width)
        for e, (xa, ya, xb, yb) in (("t", (x0, y0, x1, y0)), ("b", (x0, y1, x1, y1)),
                                    ("l", (x0, y0, x0, y1)), ("r", (x1, y0, x1, y1))):
            if e in edges:
                c.line(xa, self.h - ya, xb, self.h - yb)
        c.setStrokeGray(0)


# --- rotated names ----------------------------------------------------------------------------

def name_chunks(name: str, size: float) -> list[str]:
    """2-3 letter runs no wider than ~1.25 em, the way seed 001's names come apart."""
    out, cur = [], ""
    for ch in name:
        if cur and fonts.width(cur + ch, "NAMES", size) > 1.25 * size:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    return out + [cur]


def scrambled(spans: list[tuple[float, float]], key: str) -> list[int]:
    """A drawing order in which no two chunks drawn one after the other overlap once pdfminer
    inflates them (spans: each chunk's extent along the name, as pdfminer will see it);
    otherwise pdfminer would join them into one line."""
    n = len(spans)
    r = rng("scramble", key)

    def apart(a: int, b: int) -> bool:
        return spans[a][1] <= spans[b][0] or spans[b][1] <= spans[a][0]

    def extend(order: list[int], left: set[int]) -> list[int] | None:
        if not left:
            return order
        cands = sorted(left)
        r.shuffle(cands)
        for k in cands:
            if not order or apart(order[-1], k):
                got = extend(order + [k], left - {k})
                if got:
                    return got
        return None

    return extend([], set(range(n))) or list(range(n))


def draw_name(ink: Ink, name: str, x0: float, y0: float, x1: float, y1: float, size: float,
              style: str, key: str) -> None:
    c = ink.c
    cx = (x0 + x1) / 2
    cy_pdf = ink.h - (y0 + y1) / 2
    if style == "glyph":
        # LibreOffice-like: one text object per glyph, reading bottom to top
        total = fonts.width(name, "TXT", size)
        pos = 0.0
        for ch in name:
            t = c.beginText()
            t.setFont("TXT", size)
            t.setTextTransform(0, 1, -1, 0, cx + 0.26 * size, cy_pdf - total / 2 + pos)
            t.textOut(ch)
            c.drawText(t)
            pos += fonts.width(ch, "TXT", size)
        return
    # Excel-like: short runs drawn out of order, reading top to bottom
    parts = name_chunks(name, size)
    total = fonts.width(name, "NAMES", size)
    starts, spans, pos = [], [], 0.0
    for p in parts:
        starts.append(pos)
        q, end = pos, pos
        for ch in p:
            end = max(end, q + fonts.INFLATE * fonts.width(ch, "NAMES", size))
            q += fonts.width(ch, "NAMES", size)
        spans.append((pos, end))
        pos += fonts.width(p, "NAMES", size)
    for i in scrambled(spans, key):
        t = c.beginText()
        t.setFont("NAMES", size)
        q = starts[i]
        for ch in parts[i]:
            t.setTextTransform(0, -1, 1, 0, cx - 0.26 * size, cy_pdf + total / 2 - q)
            t.textOut(ch)
            q += fonts.width(ch, "NAMES", size)
        c.drawText(t)


def draw_rotated_label(ink: Ink, s: str, x0, y0, x1, y1, size: float) -> None:
    c = ink.c
    t = c.beginText()
    t.setFont("TXTB", size)
    w = fonts.width(s, "TXTB", size)
    t.setTextTransform(0, 1, -1, 0, (x0 + x1) / 2 + 0.3 * size, ink.h - (y0 + y1) / 2 - w / 2)
    t.textOut(s)
    c.drawText(t)


# --- dataset tables ---------------------------------------------------------------------------

LEFT_TEXT = {"-", "tbc", "TBC", "Local", "- n/a", ""}


def _cell_lines(col: Column, row: Row, table: Table) -> list[str]:
    size = table.font_size
    pad = 2 * 2
    if col.role == "ref":
        fn = char_wrap if table.narrow_ref else wrap
        return fn(row.ref_printed, "TXT", size, col.width - pad)
    if col.key == "title":
        return wrap(row.title, "TXT", size, col.width - pad)
    if col.key == "outcome":
        return wrap(row.outcome, "TXT", size, col.width - pad)
    if col.role == "commentary":
        return wrap(row.commentary, "TXT", size, col.width - pad) if row.commentary else []
    return []


NAME_PAD = 1.0      # stacked names: the cell's inner padding each side


def stacked_lines(who: str, col: Column, size: float) -> list[str]:
    """A name wrapped upright in a column narrower than one word: 'Jul' 'ian' 'Wa' 'tki' 'ns'."""
    return wrap(who, "TXT", size, col.width - 2 * NAME_PAD)


def row_height(table: Table, row: Row, look: Look = LOOKS["ruled"]) -> float:
    size = table.font_size
    lead = size * 1.18
    h = 22.0
    for col in table.columns:
        if col.role in ("ref", "text", "commentary"):
            h = max(h, len(_cell_lines(col, row, table)) * lead + 5)
        elif col.role == "name":
            who = row.owner if col.key == "owner" else row.reporter
            if look.names == "stacked":
                h = max(h, len(stacked_lines(who, col, size)) * lead + 5)
            else:
                h = max(h, fonts.width(who, "NAMES", size) + 8)
    return h


STACKED_NAME_WIDTH = 12.0   # points: two or three letters of a 6-7 pt font


def restyle(table: Table, look: Look, salt: str = "", pack: str = "") -> Table:
    """The table as a look draws it: stacked names get very narrow name columns, and the flexible
    text columns take the room they leave. A salt (the holdout) also redraws every fixed column
    0.85-1.15x as wide and the font half a point larger or smaller."""
    if salt:
        r = rng("widths", salt, pack, table.kind)
        cols = [replace(c, width=c.width * r.uniform(0.85, 1.15)) if c.key not in ("title", "outcome", "commentary")
                else c for c in table.columns]
        spare = sum(c.width for c in table.columns) - sum(c.width for c in cols)
        flex = [k for k, c in enumerate(cols) if c.key in ("title", "outcome", "commentary")]
        tot = sum(cols[k].width for k in flex)
        cols = [replace(c, width=c.width + spare * c.width / tot) if k in flex else c for k, c in enumerate(cols)]
        table = replace(table, columns=cols, font_size=table.font_size + r.choice([-0.5, 0.0, 0.5]))
    if look.names != "stacked":
        return table
    cols = list(table.columns)
    spare = sum(c.width - STACKED_NAME_WIDTH for c in cols if c.role == "name")
    flex = [k for k, c in enumerate(cols) if c.key in ("title", "outcome", "commentary")]
    tot = sum(cols[k].width for k in flex)
    out = []
    for k, c in enumerate(cols):
        if c.role == "name":
            c = replace(c, width=STACKED_NAME_WIDTH)
        elif k in flex:
            c = replace(c, width=c.width + spare * c.width / tot)
        out.append(c)
    return replace(table, columns=out)


def _group(col: Column) -> str:
    return {"ref": "id", "text": "id", "name": "id"}.get(col.role, col.role)


def edges(st: LookInk, table: Table, j: int, header: bool, last: bool) -> str:
    """Which edges of column j's cell a look rules (l, t, r, b)."""
    if st.rules in ("all", "hairline"):
        return "ltrb"
    if st.rules == "none":
        return ""
    cols = table.columns
    g = _group(cols[j])
    left = j == 0 or _group(cols[j - 1]) != g
    right = j == len(cols) - 1 or _group(cols[j + 1]) != g
    outer = ("l" if left else "") + ("r" if right else "")
    if st.rules == "partial-groups":
        # row rules everywhere; column rules only where one group of columns meets the next
        return "tb" + outer
    # partial-columns: rules around each value column only, no row rules inside the body
    vert = "lr" if cols[j].role in ("month", "extra") else outer
    return vert + ("tb" if header else "b" if last else "")


def rag(row: Row, change: str) -> str | None:
    """Red/amber/green of a qualitative cell from its % change (amber when within 10%); whether
    up is good is a property of the indicator."""
    m = re.search(r"(-?\d+)%", change)
    if not m:
        return None
    p = int(m.group(1))
    if abs(p) < 10:
        return "amber"
    up_is_good = rng("polarity", row.ind.ref).random() < 0.5
    return "green" if (p > 0) == up_is_good else "red"


def header_height(table: Table) -> float:
    size = table.font_size
    h = 20.0
    for col in table.columns:
        if col.role == "name":
            h = max(h, fonts.width(col.header, "TXTB", size) + 8)
        else:
            h = max(h, len(wrap(col.header, "TXTB", size, col.width - 4)) * size * 1.15 + 6)
    return h


def _col_x(table: Table) -> list[tuple[float, float]]:
    xs, x = [], MARGIN
    for col in table.columns:
        xs.append((x, x + col.width))
        x += col.width
    return xs


def band_height(era: int) -> float:
    return {1: 48.0, 2: 54.0, 3: 42.0}[era]


def draw_band(ink: Ink, pc: PackContent, table: Table, first: bool, item: int, st: LookInk = RULED_INK) -> None:
    a = pc.arrows
    ink.text(MARGIN, MARGIN + 10, "Children and Families", "TXTB", 10)
    sub = table.title if table.kind == "earlyhelp" else f"{label(pc.pack)} Monthly dataset"
    ink.text(MARGIN, MARGIN + 24, sub, "TXTB", 9)
    x = MARGIN + 260
    ink.text(x, MARGIN + 10, "Qualitative measures:", "TXT", 7.5)
    for k, (word, gray) in enumerate((("Positive", 0.8), ("Similar", 0.9), ("Negative", 0.65))):
        fill = PALETTES[st.palette][("green", "amber", "red")[k]] if st.fills else gray
        ink.frame(st, x + k * 58, MARGIN + 15, x + k * 58 + 54, MARGIN + 27, fill=fill)
        ink.text(x + k * 58 + 4, MARGIN + 24, word, "TXT", 7)
    x2 = x + 200
    ink.text(x2, MARGIN + 10, "Key to direction of travel:", "TXT", 7.5)
    ink.text(x2, MARGIN + 24, f"Increase 10% or more {a['up']}    Similar {a['similar']}    "
                              f"Decrease 10% or more {a['down']}", "TXT", 7.5)
    if pc.era <= 2:
        ink.text(x2 + 260, MARGIN + 10, "Benchmarking", "TXTB", 7.5)
        ink.text(x2 + 260, MARGIN + 20, f"(Updated Mar-{pc.pack[2:4]}, using {int(pc.pack[2:4]) - 2}-"
                                        f"{int(pc.pack[2:4]) - 1} data)", "TXT", 7)
    if first:
        ink.text_right(A3L[0] - MARGIN, MARGIN + 10, f"Agenda Item {item}", "TXTB", 9)
        ink.text_right(A3L[0] - MARGIN, MARGIN + 22, "Appendix 1", "TXTB", 9)


def draw_header(ink: Ink, table: Table, top: float, h: float, st: LookInk = RULED_INK) -> None:
    size = table.font_size
    for j, (col, (x0, x1)) in enumerate(zip(table.columns, _col_x(table))):
        ink.frame(st, x0, top, x1, top + h, fill=st.header_fill, edges=edges(st, table, j, True, False))
        if col.role == "name":
            draw_rotated_label(ink, col.header, x0, top, x1, top + h, size)
            continue
        lines = wrap(col.header, "TXTB", size, col.width - 4)
        y = top + (h - len(lines) * size * 1.15) / 2 + size
        for ln in lines:
            ink.text_center((x0 + x1) / 2, y, ln, "TXTB", size)
            y += size * 1.15


def layout_table(pc: PackContent, table: Table, first_page_no: int, pages_out: list[Page],
                 look: Look = LOOKS["ruled"], st: LookInk = RULED_INK, salt: str = "") -> None:
    table = restyle(table, look, salt, pc.pack)
    size = table.font_size
    lead = size * 1.18
    hh = header_height(table)
    top0 = MARGIN + band_height(pc.era)
    heights = [row_height(table, r, look) for r in table.rows]
    max_rows = {1: 12, 2: 12, 3: 11}[pc.era]
    chunks: list[list[int]] = [[]]
    y = top0 + hh
    for i, h in enumerate(heights):
        if chunks[-1] and (y + h > A3L[1] - BOTTOM or len(chunks[-1]) >= max_rows):
            chunks.append([])
            y = top0 + hh
        chunks[-1].append(i)
        y += h
    xs = _col_x(table)
    for n, idx in enumerate(chunks):
        page_no = first_page_no + len(pages_out)
        page = Page("table", A3L, None)
        placed = []
        y = top0 + hh
        for i in idx:
            placed.append((table.rows[i], y, y + heights[i]))
            y += heights[i]
        for row, y0, y1 in placed:
            mcells = iter(row.cells)
            for col, (x0, x1) in zip(table.columns, xs):
                if col.role == "month":
                    mc = next(mcells)
                    page.cells.append(PrintedCell(page_no, "table", row.ind.ref, mc.month, mc.printed,
                                                  mc.value, mc.status, (x0, y0, x1, y1)))
            ex = row.extras
            page.rows.append(PrintedRow(page_no, row.ind.ref, row.ref_printed, row.title, row.owner,
                                        row.reporter, ex.get("pct_prev", ""), ex.get("pct_year", ""),
                                        ex.get("avg12", ""), ex.get("max12", ""), row.commentary))
        first = n == 0 and table.kind == "main"

        def draw(c, H, placed=placed, first=first, page_no=page_no):
            ink = Ink(c, H)
            draw_band(ink, pc, table, first, pc.agenda_item, st)
            draw_header(ink, table, top0, hh, st)
            for k, (row, y0, y1) in enumerate(placed):
                draw_row(ink, pc, table, row, y0, y1, xs, lead, look, st, k == len(placed) - 1)
            footer(ink, A3L, page_no)

        page.draw = draw
        pages_out.append(page)


def fill_of(st: LookInk, table: Table, row: Row, col: Column):
    """The RAG colour of a qualitative cell (the latest month, the % changes, DoT), if the look fills."""
    if not st.fills:
        return None
    last_month = [c.key for c in table.columns if c.role == "month"][-1]
    key = "pct_prev" if col.key in (last_month, "dot") else col.key
    if key not in ("pct_prev", "pct_year"):
        return None
    colour = rag(row, row.extras.get(key, ""))
    return PALETTES[st.palette][colour] if colour else None


def draw_row(ink: Ink, pc: PackContent, table: Table, row: Row, y0: float, y1: float,
             xs: list[tuple[float, float]], lead: float, look: Look = LOOKS["ruled"],
             st: LookInk = RULED_INK, last: bool = False) -> None:
    size = table.font_size
    mcells = iter(row.cells)
    mid = (y0 + y1) / 2 + size * 0.35
    for j, (col, (x0, x1)) in enumerate(zip(table.columns, xs)):
        ink.frame(st, x0, y0, x1, y1, fill=fill_of(st, table, row, col), edges=edges(st, table, j, False, last))
        if col.role in ("ref", "text", "commentary"):
            y = y0 + 2 + size
            for ln in _cell_lines(col, row, table):
                ink.text(x0 + 2, y, ln, "TXT", size)
                y += lead
        elif col.role == "name":
            who = row.owner if col.key == "owner" else row.reporter
            if look.names == "stacked":
                y = y0 + 2 + size
                for ln in stacked_lines(who, col, size):
                    ink.text(x0 + NAME_PAD, y, ln, "TXT", size)
                    y += lead
            else:
                draw_name(ink, who, x0, y0, x1, y1, size, pc.name_style, f"{pc.pack}|{row.ind.ref}|{col.key}")
        elif col.role == "month":
            s = next(mcells).printed
            if s in LEFT_TEXT:
                ink.text(x0 + 2, mid, s, "TXT", size)
            else:
                ink.text_right(x1 - 2, mid, s, "TXT", size)
        else:
            s = row.extras.get(col.key, "")
            if col.key in ("dot", "pflag"):
                ink.text_center((x0 + x1) / 2, mid, s, "TXT", size)
            elif s in LEFT_TEXT:
                ink.text(x0 + 2, mid, s, "TXT", size)
            else:
                ink.text_right(x1 - 2, mid, s, "TXT", size)


def footer(ink: Ink, size: tuple[float, float], page_no: int) -> None:
    ink.text_center(size[0] / 2, size[1] - 16, f"Page {page_no}", "TXT", 8)


# --- dashboards -------------------------------------------------------------------------------

def layout_dashboards(pc: PackContent, first_page_no: int, pages_out: list[Page], st: LookInk = RULED_INK) -> None:
    per_page, ncol = 6, 3
    gap = 18.0
    w = (A3L[0] - 2 * MARGIN - (ncol - 1) * gap) / ncol
    h = (A3L[1] - MARGIN - BOTTOM - 40 - gap) / 2
    for start in range(0, len(pc.dashboards), per_page):
        group = pc.dashboards[start:start + per_page]
        page_no = first_page_no + len(pages_out)
        page = Page("dashboard", A3L, None)
        boxes = []
        for k, d in enumerate(group):
            x0 = MARGIN + (k % ncol) * (w + gap)
            y0 = MARGIN + 40 + (k // ncol) * (h + gap)
            cw = w / 14
            ty0 = y0 + h - 30
            cells = []
            for j, mc in enumerate(d.cells):
                bx = (x0 + (j + 1) * cw, ty0 + 15, x0 + (j + 2) * cw, ty0 + 30)
                cells.append((mc, bx))
                page.cells.append(PrintedCell(page_no, "dashboard", d.ref, mc.month, mc.printed, mc.value,
                                              mc.status, bx))
            boxes.append((d, x0, y0, cw, ty0, cells))

        def draw(c, H, boxes=boxes, page_no=page_no):
            ink = Ink(c, H)
            ink.text(MARGIN, MARGIN + 14, f"Children and Families performance dashboard \u2013 {label(pc.pack)}",
                     "TXTB", 12)
            for d, x0, y0, cw, ty0, cells in boxes:
                draw_chart(ink, d, x0, y0, w, ty0, cw, cells, st)
            footer(ink, A3L, page_no)

        page.draw = draw
        pages_out.append(page)


def draw_chart(ink: Ink, d: Dashboard, x0: float, y0: float, w: float, ty0: float, cw: float, cells,
               st: LookInk = RULED_INK) -> None:
    lines = wrap(f"{d.ref} - {d.title}", "TXTB", 8, w)[:2]
    for k, ln in enumerate(lines):
        ink.text(x0, y0 + 9 + k * 10, ln, "TXTB", 8)
    px0, px1 = x0 + 30, x0 + w - 6
    py0, py1 = y0 + 30, ty0 - 8
    ink.line(px0, py1, px1, py1)              # x axis
    ink.line(px0, py0, px0, py1)              # y axis
    vals = [v for v in d.values if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    if hi == lo:
        hi = lo + 1
    ink.text_right(px0 - 3, py0 + 3, f"{hi:g}", "TXT", 6)
    ink.text_right(px0 - 3, py1, f"{lo:g}", "TXT", 6)
    pts = []
    for j, v in enumerate(d.values):
        x = px0 + (j + 0.5) * (px1 - px0) / len(d.values)
        ink.line(x, py1, x, py1 + 2)
        if v is not None:
            pts.append((x, py1 - (v - lo) / (hi - lo) * (py1 - py0 - 6)))
    c = ink.c
    c.setLineWidth(1.2)
    for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
        c.line(xa, ink.h - ya, xb, ink.h - yb)
    for xa, ya in pts:
        c.circle(xa, ink.h - ya, 1.6, stroke=1, fill=1)
    # the one-line table under the chart: month labels above a label + values row
    ink.frame(st, x0, ty0, x0 + cw, ty0 + 15)
    ink.frame(st, x0, ty0 + 15, x0 + cw, ty0 + 30)
    lsize = min(5.5, 5.5 * (cw - 3) / max(fonts.width(d.label, "TXT", 5.5), 1e-6))
    ink.text(x0 + 1.5, ty0 + 26, d.label, "TXT", lsize)
    for mc, (bx0, by0, bx1, by1) in cells:
        ink.frame(st, bx0, ty0, bx1, ty0 + 15)
        ink.text_center((bx0 + bx1) / 2, ty0 + 10, label(mc.month), "TXT", 5.2)
        ink.frame(st, bx0, by0, bx1, by1)
        if mc.printed:
            ink.text_right(bx1 - 1.5, by0 + 10.5, mc.printed, "TXT", 5.5)


# --- prose pages ------------------------------------------------------------------------------

STYLE = {"h1": ("TXTB", 14, 10), "h2": ("TXTB", 11, 6), "p": ("TXT", 10.5, 6), "item": ("TXT", 10.5, 6)}


def layout_prose(blocks: list[prose.Block], first_page_no: int, pages_out: list[Page]) -> None:
    left, width = 62.0, A4[0] - 2 * 62.0
    pages: list[list[tuple[str, float, float, str]]] = [[]]
    y = 70.0
    for style, text in blocks:
        font, size, space = STYLE[style]
        indent = 18.0 if style == "item" else 0.0
        for ln in wrap(text, font, size, width - indent):
            if y + size * 1.3 > A4[1] - 60:
                pages.append([])
                y = 70.0
            y += size * 1.3
            pages[-1].append((font, size, left + indent, y, ln))
        y += space
    for lines in pages:
        page_no = first_page_no + len(pages_out)

        def draw(c, H, lines=lines, page_no=page_no):
            ink = Ink(c, H)
            for font, size, x, yb, ln in lines:
                ink.text(x, yb, ln, font, size)
            footer(ink, A4, page_no)

        pages_out.append(Page("prose", A4, draw))


def layout_blank(first_page_no: int, pages_out: list[Page]) -> None:
    page_no = first_page_no + len(pages_out)

    def draw(c, H):
        ink = Ink(c, H)
        ink.text_center(A4[0] / 2, A4[1] / 2, "This page is intentionally left blank", "TXT", 11)

    pages_out.append(Page("blank", A4, draw))


# --- the pack ---------------------------------------------------------------------------------

def layout_pack(pc: PackContent, look: str = "ruled", salt: str = "") -> list[Page]:
    """The pages of a pack drawn in one look (variants.LOOKS); 'ruled' is the original corpus.
    A salt (the holdout) changes the look's seeded choices, column widths and font size."""
    fonts.register()
    lk = LOOKS[look]
    st = RULED_INK if look == "ruled" and not salt else ink_for(lk, pc.pack, salt)
    pages: list[Page] = []
    has_eh = any(t.kind == "earlyhelp" for t in pc.tables)
    layout_prose(prose.agenda(pc.pack, pc.meeting, pc.agenda_item), 1, pages)
    layout_prose(prose.minutes(pc.pack), 1, pages)
    layout_prose(prose.report(pc.pack, pc.agenda_item, has_eh, bool(pc.dashboards)), 1, pages)
    for t in pc.tables:
        layout_table(pc, t, 1, pages, lk, st, salt)
    if pc.dashboards and lk.charts:
        from .dash import layout_chart_pages, specs
        layout_chart_pages(pc, specs(pc), 1, pages, st)
    elif pc.dashboards:
        layout_dashboards(pc, 1, pages, st)
    if pc.blank_page:
        layout_blank(1, pages)
    layout_prose(prose.glossary(pc.pack), 1, pages)
    return pages


def to_pdf(pages: list[Page], title: str, images: dict[int, tuple[bytes, bool]] | None = None) -> bytes:
    """Draw the pages; images maps a 0-based page index to (JPEG bytes, rotated_90) and replaces
    the drawing of that page by a full-page image (scanned page)."""
    fonts.register()
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=pages[0].size, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setCreator("Microsoft Excel")
    for i, p in enumerate(pages):
        w, h = p.size
        if images and i in images:
            jpeg, rotated = images[i]
            if rotated:
                w, h = h, w
            c.setPageSize((w, h))
            c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, w, h)
        else:
            c.setPageSize((w, h))
            p.draw(c, h)
        c.showPage()
    c.save()
    return buf.getvalue()
