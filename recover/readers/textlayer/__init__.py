"""Text-layer reader: a PDF page's characters and ruling lines -> Grid.

The chain is small pure functions, pdfplumber-style, one module per step:
    geometry.py  page -> chars + segments -> ruling lines
    frames.py    ruling lines -> tables (connected line sets) -> cell boxes
    cells.py     chars in a cell box -> its text (rotated names from glyph geometry) -> Grid
    page.py      one page through the steps (rules first: prose pages cost a character count)
    reader.py    the Reader of a whole PDF (recover.readers.base)

Why pdfium and not pdfminer/camelot: pdfium is C and returns each character's box and angle in
microseconds; pdfminer and camelot lattice measured 0.1-0.8 s a page here, too slow for a
back-fill of thousands of pages. Rotated Owner/Reporter names are rebuilt from character geometry
(angle and position), never from drawing order: Excel exports draw them in 2-3 letter chunks in
scrambled order, which is why pdfminer shows 'Ju/lia/n /W/at/ki/ns'.
"""
from .page import TextPage, read_page

__all__ = ["TextPage", "read_page"]
