"""Small PDFs drawn for unit tests (the realistic packs come from corpus/make.py), and the text a PDF
prints inside given boxes (to check a generated pack against its golden cells)."""
from __future__ import annotations

import random

from reportlab.lib.pagesizes import A3, landscape
from reportlab.pdfgen import canvas

HEADER = ["Ref.", "Indicator", "Owner", "Reporter", "Outcome",
          "Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20", "Mar-20", "Apr-20",
          "% change from Mar-20", "12-mnth avg", "12-mnth max."]
WIDTHS = [55, 170, 30, 30, 150] + [42] * 7 + [60, 50, 50]
ROWS = [
    ["M1", "Number of contacts received (includes contacts that become referrals)", "Julian Watkins",
     "Jacqui Schofield", "There is an effective front door", "1354", "1323", "1258", "1419", "1129",
     "1198", "1147", "↑ -4%", "1,291", "1535"],
    ["M6-QL (val)", "Number of referrals which are re-referrals within one year of a closure assessment",
     "Julian Watkins", "Sarah Ward", "The service is effective", "13", "23", "-", "tbc", "12", "17", "10",
     "-41%", "17", "32"],
    ["M6-QL", "Percentage of referrals which are re-referrals within one year of a closure assessment",
     "Julian Watkins", "Sarah Ward", "The service is effective", "3%", "6%", "2%", "4%", "4%", "6%", "3%",
     "-50%", "4%", "6%"],
]


def _wrap(c, text, width, font, size):
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = (cur + " " + w).strip()
        if c.stringWidth(trial, font, size) > width - 4 and cur:
            lines.append(cur)
            cur = w
        else:
            cur = trial
    return lines + ([cur] if cur else [])


def table_pdf(path: str, rows=ROWS, header=HEADER, chunked_names: bool = True, encrypt: str | None = None,
              pages: int = 1, turned: int = 0, rules: bool = True, fills: bool = False) -> None:
    """A ruled KPI table like an Excel export: rotated names drawn in scrambled 2-letter chunks.
    turned=90/-90 draws the landscape sheet turned on a portrait page, as some exporters do;
    rules=False leaves the borders off (only whitespace separates the cells); fills=True shades
    the header band and fills the last month's cells, as red/amber/green packs do."""
    W, H = landscape(A3)
    c = canvas.Canvas(path, pagesize=(H, W) if turned else (W, H), encrypt=encrypt)
    font = "Helvetica"
    for _ in range(pages):
        if turned:
            c.translate(H, 0) if turned == 90 else c.translate(0, W)
            c.rotate(turned)
        xs = [30]
        for w in WIDTHS:
            xs.append(xs[-1] + w)
        ys = [60, 100] + [100 + 70 * (i + 1) for i in range(len(rows))]
        if fills:
            c.setFillGray(0.85)
            c.rect(xs[0], H - ys[1], xs[-1] - xs[0], ys[1] - ys[0], stroke=0, fill=1)
            last = 5 + sum(1 for h in header if h[:3] in ("Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr")) - 1
            for i in range(len(rows)):
                c.setFillColorRGB(*((1.0, 0.8, 0.8), (0.8, 0.93, 0.8))[i % 2])
                c.rect(xs[last], H - ys[i + 2], xs[last + 1] - xs[last], ys[i + 2] - ys[i + 1], stroke=0, fill=1)
            c.setFillGray(0)
        c.setLineWidth(0.5)
        for y in ys if rules else ():
            c.line(xs[0], H - y, xs[-1], H - y)
        for x in xs if rules else ():
            c.line(x, H - ys[0], x, H - ys[-1])
        c.setFont(font, 6)
        for j, t in enumerate(header):
            for k, line in enumerate(_wrap(c, t, WIDTHS[j], font, 6)):
                c.drawString(xs[j] + 2, H - ys[0] - 9 - 7 * k, line)
        for i, row in enumerate(rows):
            top, bottom = ys[i + 1], ys[i + 2]
            for j, t in enumerate(row):
                if j in (2, 3):
                    _rotated(c, t, xs[j] + 18, H - bottom + 4, font, 6, chunked_names, seed=i * 7 + j)
                    continue
                for k, line in enumerate(_wrap(c, t, WIDTHS[j], font, 6)):
                    c.drawString(xs[j] + 2, H - top - 9 - 7 * k, line)
        c.showPage()
    c.save()


def _rotated(c, text, x, y, font, size, chunked, seed):
    if chunked:
        pieces, k = [], 0
        rnd = random.Random(seed)
        while k < len(text):
            n = rnd.choice((2, 3))
            pieces.append((k, text[k:k + n]))
            k += n
        rnd.shuffle(pieces)
    else:
        pieces = list(enumerate(text))
    for start, piece in pieces:
        adv = c.stringWidth(text[:start], font, size)
        c.saveState()
        c.translate(x, y + adv)
        c.rotate(90)
        c.setFont(font, size)
        c.drawString(0, 0, piece)
        c.restoreState()


def prose_pdf(path: str, pages: int = 2) -> None:
    c = canvas.Canvas(path)
    for p in range(pages):
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, f"Children and Families Scrutiny Panel - agenda page {p + 1}")
        c.drawString(72, 740, "Members are required to disclose any interests. Minutes of the meeting.")
        c.showPage()
    c.save()


def text_in_boxes(pdf, rows):
    """(row, text) for each row (a golden cell: page, box "x0,y0,x1,y1" from the top-left in points):
    the text the PDF's text layer holds inside the box, shrunk by 0.3 pt so a neighbour's edge stays out."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = {}
        for r in rows:
            p = int(r["page"])
            if p not in pages:
                page = doc[p - 1]
                pages[p] = (page.get_textpage(), page.get_height())
            tp, h = pages[p]
            x0, y0, x1, y1 = map(float, r["box"].split(","))
            yield r, tp.get_text_bounded(left=x0 + 0.3, bottom=h - y1 + 0.3, right=x1 - 0.3, top=h - y0 - 0.3)
    finally:
        doc.close()
