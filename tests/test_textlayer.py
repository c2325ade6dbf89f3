import pypdfium2 as pdfium
import pytest

from recover.readers.textlayer import read_page
from recover.table.header import find_header
from tests.pdfs import HEADER, ROWS, table_pdf


@pytest.fixture(scope="module", params=[True, False], ids=["chunked", "glyphs"])
def grid(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("tl") / "t.pdf"
    table_pdf(str(path), chunked_names=request.param)
    doc = pdfium.PdfDocument(str(path))
    page = read_page(doc, 0, "t.pdf")
    doc.close()
    assert len(page.grids) == 1
    return page.grids[0]


def test_cells_land_in_their_columns(grid):
    rows = grid.rows()
    assert [c.text for c in rows[0]] == [" ".join(h.split()) for h in HEADER]
    for expected, row in zip(ROWS, rows[1:]):
        got = [c.text for c in row]
        assert got[5:12] == expected[5:12]
        assert got[0] == expected[0]


def test_rotated_names_rejoined_from_geometry(grid):
    rows = grid.rows()
    assert rows[1][2].text == "Julian Watkins"
    assert rows[1][3].text == "Jacqui Schofield"
    assert rows[2][3].text == "Sarah Ward"


def test_wrapped_title_joined(grid):
    assert grid.rows()[2][1].text == ROWS[1][1]


def test_header_roles_and_pack(grid):
    h = find_header(grid)
    assert h.pack == "2020-04" and h.window == 7
    roles = {c.role for c in h.columns}
    assert {"ref", "indicator", "owner", "reporter", "outcome", "month", "pct_prev", "avg12", "max12"} <= roles


def test_boxes_are_top_left_points(grid):
    cell = grid.rows()[1][5]
    assert cell.box.x0 < cell.box.x1 and cell.box.y0 < cell.box.y1
    assert 100 <= cell.box.y0 <= 171


@pytest.mark.parametrize("turned", [90, -90])
def test_a_sheet_drawn_turned_on_a_portrait_page_is_read_upright(tmp_path, turned):
    path = tmp_path / "turned.pdf"
    table_pdf(str(path), turned=turned)
    doc = pdfium.PdfDocument(str(path))
    (grid,) = read_page(doc, 0, "turned.pdf").grids
    doc.close()
    assert find_header(grid).pack == "2020-04"
    row = [c.text for c in grid.rows()[1]]
    assert row[:4] == ["M1", ROWS[0][1], "Julian Watkins", "Jacqui Schofield"]
    assert row[5:12] == ROWS[0][5:12]
    assert grid.meta.rotated in (90, 270)


@pytest.mark.parametrize("label,cut", [("Sept-18", 6), ("Mar-20", 5)])
def test_a_month_label_its_narrow_cell_wrapped_mid_word_reads_whole(label, cut):
    """A ruled cell narrower than its month label wraps it mid-word ('Sept-1' over '8'): the
    cell's text is the label, so the header keeps that month; other wrapped text keeps its
    space."""
    from recover.readers.textlayer.cells import cell_text
    from recover.readers.textlayer.geometry import Char

    def line(text: str, x: float, y: float) -> list:
        return [Char(ch, x + 4 * i, y, x + 4 * i + 4, y + 6, 0.0, 7.0) for i, ch in enumerate(text)]
    assert cell_text(line(label[:cut], 10, 100) + line(label[cut:], 14, 108)) == label
    assert cell_text(line("Number", 10, 100) + line("of", 10, 108)) == "Number of"
