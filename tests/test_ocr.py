"""OCR reader: scanned pages -> Grid.

Two kinds of input: a small ruled table drawn here with reportlab and 'scanned' (rendered,
turned by a known angle, blurred, speckled, JPEG-compressed) so every fact about it is known;
and pages of the committed demo corpus (corpus/demo) checked against golden/printed.csv.
Speed is measured by bench/bench_ocr.py, not here.
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")
pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from recover.readers import ocr  # noqa: E402
from recover.readers.ocr import deskew as dk  # noqa: E402
from recover.readers.ocr import glyphs  # noqa: E402
from recover.readers.ocr import grid as gd  # noqa: E402
from recover.readers.ocr import ink as ik  # noqa: E402
from recover.readers.ocr import numbers as nb  # noqa: E402
from recover.readers.ocr import page as pg  # noqa: E402
from recover.readers.ocr import tess  # noqa: E402
from recover.readers.ocr.context import NUM_CHARSET, TRUNCATED, OcrPage, Settings  # noqa: E402
from recover.readers.ocr.engine import default_engine  # noqa: E402
from recover.readers.ocr.straighten import turn_needed  # noqa: E402
from recover.readers.ocr.recipes import read_by_role  # noqa: E402
from recover.readers.ocr.text import read_text_cell  # noqa: E402
from tests.fake_engine import ScriptedEngine  # noqa: E402
from recover.printed.months import parse_month  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"

pytestmark = pytest.mark.skipif(not tess.tessdata_path(), reason="tesseract eng data not installed")

MONTHS = ["Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20", "Mar-20", "Apr-20"]
ROWS = [  # ref, title, owner (printed turned 90 degrees), month values as printed
    ("M1", "Number of contacts received", "Jane Whitby", ["1354", "1,323", "1258", "-", "1129", "1198", "1147"]),
    ("M2", "Number of new referrals", "Sam Smith", ["416", "380", "", "406", "318", "300", "286"]),
    ("M3", "Percentage of contacts that become referrals", "Jane Whitby",
     ["31.4%", "29.0%", "25.5%", "tbc", "28.0%", "7.9%", "25.0%"]),   # a row prints one format (seeds 000-004)
    ("M4", "Number of referrals aged 13+", "Sam Smith", ["5", "0", "2", "1", "-", "5", "19"]),
]
COLS = [("Ref.", 40), ("Indicator", 150), ("Owner", 26)] + [(m, 48) for m in MONTHS] + [("% change", 56)]
ROW_H, HEAD_H, X0, TOP = 64, 30, 40, 70
SKEW = 0.9


def _draw_table(path: Path, name_turn: int = 90) -> None:
    """name_turn 90: names read bottom-to-top (most packs); -90: top-to-bottom."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas
    W, H = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(X0, H - 40, "Apr-20 Monthly dataset")
    xs = [X0]
    for _, w in COLS:
        xs.append(xs[-1] + w)
    ys = [H - TOP, H - TOP - HEAD_H] + [H - TOP - HEAD_H - ROW_H * (k + 1) for k in range(len(ROWS))]
    c.setLineWidth(0.7)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont("Helvetica-Bold", 8)
    for (name, _), x0, x1 in zip(COLS, xs, xs[1:]):
        if name == "Owner":
            c.saveState()
            c.translate((x0 + x1) / 2 + 3, ys[1] + 3)
            c.rotate(90)
            c.drawString(0, 0, name)
            c.restoreState()
        else:
            c.drawString(x0 + 3, ys[1] + 11, name)
    c.setFont("Helvetica", 8)
    for k, (ref, title, owner, vals) in enumerate(ROWS):
        top, bot = ys[k + 1], ys[k + 2]
        c.drawString(xs[0] + 3, top - 14, ref)
        c.drawString(xs[1] + 3, top - 14, title[:34])
        if len(title) > 34:
            c.drawString(xs[1] + 3, top - 24, title[34:].strip())
        c.saveState()
        if name_turn == 90:
            c.translate((xs[2] + xs[3]) / 2 + 3, bot + 4)
        else:
            c.translate((xs[2] + xs[3]) / 2 - 3, top - 4)
        c.rotate(name_turn)
        c.drawString(0, 0, owner)
        c.restoreState()
        for j, v in enumerate(vals):
            if v:
                c.drawRightString(xs[4 + j] - 4, (top + bot) / 2 - 3, v)
        c.drawRightString(xs[-1] - 4, (top + bot) / 2 - 3, "-4%")
    c.save()


def _scan(gray: np.ndarray, angle: float, seed: int = 1) -> np.ndarray:
    """What a scanner does to a page: a turn, paper tone, blur, sensor noise, dust, JPEG."""
    rng = np.random.default_rng(seed)
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255).astype(np.float32)
    out = out * (242 / 255.0)
    out = cv2.GaussianBlur(out, (3, 3), 0.7)
    out += rng.normal(0, 4, out.shape).astype(np.float32)
    dust = rng.random(out.shape) < 2e-5
    out[dust] = 60
    ok, buf = cv2.imencode(".jpg", np.clip(out, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 70])
    return cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    """(scanned grey page at 300 dpi, path of an image-only PDF holding it)."""
    d = tmp_path_factory.mktemp("ocr")
    pdf = d / "table.pdf"
    _draw_table(pdf)
    doc = pdfium.PdfDocument(str(pdf))
    gray = doc[0].render(scale=300 / 72, grayscale=True).to_numpy()
    doc.close()
    gray = dk.to_gray(gray)
    scanned = _scan(gray, SKEW)
    from PIL import Image
    img_pdf = d / "scan.pdf"
    Image.fromarray(scanned).save(img_pdf, "PDF", resolution=300)
    return scanned, img_pdf


@pytest.fixture(scope="module")
def grids(scan):
    return ocr.read_scanned_page(str(scan[1]), 0, "scan.pdf")


def _table(grids):
    tables = [g for g in grids if g.kind == "table"]
    assert len(tables) == 1
    return tables[0]


def _by_header(grid):
    """{(ref, month label): cell} using the header row's month labels."""
    rows = grid.rows()
    hr = grid.meta.header_row
    labels = {c.col: c.text for c in rows[hr]}
    out = {}
    for r in rows[hr + 1:]:
        ref = next(c.text for c in r if c.col == 0)
        for c in r:
            out[(ref, labels.get(c.col, ""))] = c
    return out


# --- geometry ------------------------------------------------------------------------------

def test_deskew_recovers_known_angle(scan):
    assert dk.estimate_skew(scan[0]) == pytest.approx(SKEW, abs=0.05)
    turned_back = dk.rotate(scan[0], -1.7)
    assert dk.estimate_skew(turned_back) == pytest.approx(SKEW - 1.7, abs=0.05)


def test_grid_finds_every_row_and_column(scan):
    straight, _ = dk.deskew(scan[0])
    tables = gd.find_tables(straight, 300)
    assert len(tables) == 1
    t = tables[0]
    assert (t.n_rows, t.n_cols) == (1 + len(ROWS), len(COLS))
    assert len(t.cells) == t.n_rows * t.n_cols


def test_page_turned_90_degrees_is_detected(scan):
    assert not dk.looks_turned(scan[0])
    assert dk.looks_turned(cv2.rotate(scan[0], cv2.ROTATE_90_CLOCKWISE))
    assert dk.looks_turned(cv2.rotate(scan[0], cv2.ROTATE_90_COUNTERCLOCKWISE))


def test_a_turned_page_without_ruling_lines_is_turned_the_right_way():
    """A prose page has no long lines to take out before the text blobs are looked at."""
    page = np.full((1100, 1500), 255, np.uint8)
    words = ["The number of referrals during the month", "has increased by 12% compared with",
             "the same month last year and remains", "in line with statistical neighbours"]
    for k in range(16):
        cv2.putText(page, words[k % 4], (60, 70 + 62 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 0, 2)
    for stored, undo in ((cv2.ROTATE_90_CLOCKWISE, 270), (cv2.ROTATE_90_COUNTERCLOCKWISE, 90)):
        sideways = cv2.rotate(page, stored)
        assert dk.looks_turned(sideways)
        assert turn_needed(sideways, default_engine()) == undo


# --- cells ---------------------------------------------------------------------------------

def _blank(h=60, w=120):
    return np.zeros((h, w), np.uint8)


@pytest.mark.parametrize("speck,dash,bar", [((10, 30), (28, 32, 60, 72), (20, 60)),     # a short dash mid-cell
                                            ((50, 100), (26, 29, 40, 58), (18, 40))])   # a longer, thinner one
def test_dash_and_empty_are_decided_from_the_ink(speck, dash, bar):
    empty = _blank()
    empty[speck] = 255                       # one speck of dust is not ink
    assert ik.cell_ink(empty, (0, 0, 120, 60), 300).empty
    drawn = _blank()
    y0, y1, x0, x1 = dash
    drawn[y0:y1, x0:x1] = 255
    ink = ik.cell_ink(drawn, (0, 0, 120, 60), 300)
    assert not ink.empty and glyphs.is_dash(ink, 300)
    seven = _blank()
    top, left = bar
    seven[top:top + 3, left:left + 15] = 255            # a '7': its bar is flat but it has a stem
    for k in range(18):
        seven[top + 2 + k, left + 12 - k // 3:left + 15 - k // 3] = 255
    assert not glyphs.is_dash(ik.cell_ink(seven, (0, 0, 120, 60), 300), 300)


@pytest.mark.parametrize("text", ["7.9%", "31.0%", "12.5", "0.8%"])
def test_decimal_point_is_kept_and_counted(text):
    img = np.full((60, 200), 255, np.uint8)
    cv2.putText(img, text, (20, 42), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    ink = ik.cell_ink(dk.ink_mask(img, 31), (0, 0, 200, 60), 300)
    assert glyphs.punctuation(ink) == (1, 0)


def test_scanned_table_reads_dash_empty_and_values(grids):
    cells = _by_header(_table(grids))
    assert cells[("M1", "Jan-20")].text == "-"
    assert cells[("M2", "Dec-19")].text == ""
    assert cells[("M2", "Dec-19")].conf == 1.0
    assert cells[("M3", "Jan-20")].text == "tbc"


def test_month_cells_of_generated_scan_read_exactly(grids):
    g = _table(grids)
    hr = g.meta.header_row
    assert [c.text for c in g.rows()[hr][3:3 + len(MONTHS)]] == MONTHS
    cells = _by_header(g)
    for ref, _, _, vals in ROWS:
        for label, printed in zip(MONTHS, vals):
            cell = cells[(ref, label)]
            assert cell.text == printed, (ref, label)
            assert cell.conf >= 0.8 or printed == ""
    assert abs(g.meta.skew - SKEW) < 0.1


def test_rotated_owner_names_read_back(grids):
    g = _table(grids)
    rows = g.rows()
    hr = g.meta.header_row
    assert rows[hr][2].text == "Owner"
    owners = [next(c.text for c in r if c.col == 2) for r in rows[hr + 1:]]
    assert owners == [o for _, _, o, _ in ROWS]


def test_names_turned_the_other_way_read_back(tmp_path):
    """Some packs print the names top-to-bottom: the column learns its direction from its first
    cells instead of taking the first direction that reads at all."""
    pdf = tmp_path / "other_way.pdf"
    _draw_table(pdf, name_turn=-90)
    doc = pdfium.PdfDocument(str(pdf))
    gray = dk.to_gray(doc[0].render(scale=300 / 72, grayscale=True).to_numpy())
    doc.close()
    res = pg.read_page_image(_scan(gray, -0.4, seed=3), 300, "other_way.pdf", 1)
    g = _table(res.grids)
    hr = g.meta.header_row
    owners = [next(c.text for c in r if c.col == 2) for r in g.rows()[hr + 1:]]
    assert owners == [o for _, _, o, _ in ROWS]


def test_boxes_are_points_of_the_page(grids):
    g = _table(grids)
    ref = next(c for c in g.cells if c.text == "M1")
    # drawn at x 40..80 pt, the first data row under a 30 pt header starting 70 pt from the top
    assert ref.box.x0 == pytest.approx(X0, abs=3) and ref.box.x1 == pytest.approx(X0 + 40, abs=3)
    assert ref.box.y0 == pytest.approx(TOP + HEAD_H, abs=4)


def test_two_touching_lines_are_two_lines():
    """A blurred scan with tight spacing joins a line's descenders to the next line's ascenders;
    read as one line at one line's height the block came back empty."""
    mask = _blank(40, 120)
    mask[2:6, 10:110:3] = 255        # ascenders
    mask[6:16, 10:110] = 255         # x-height zone of line 1
    mask[16:21, 12:110:9] = 255      # a few descenders reaching down ...
    mask[21:24, 12:110:9] = 255      # ... into the next line's ascenders
    mask[24:34, 10:100] = 255        # line 2
    (a1, b1), (a2, b2) = ik.text_lines(mask, 300)
    assert a1 == 2 and 16 <= b1 <= a2 <= 24 and b2 == 34
    one = _blank(40, 120)
    one[2:6, 10:110:3] = 255
    one[6:16, 10:110] = 255
    one[16:21, 12:110:9] = 255
    assert ik.text_lines(one, 300) == [(2, 21)]


def test_text_read_only_in_part_says_so():
    img = np.full((130, 520), 255, np.uint8)
    for k, words in enumerate(["The rate has gone up", "compared with last", "year and the average"]):
        cv2.putText(img, words, (10, 35 + 40 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    ink = ik.cell_ink(dk.ink_mask(img, 31), (0, 0, 520, 130), 300)
    ctx = _page(img)
    first = read_by_role(ctx, ink, "commentary", None)
    assert first.text.endswith(TRUNCATED) and "rate" in first.text and "year" not in first.text
    whole = read_by_role(ctx, ink, "indicator", None)
    assert not whole.text.endswith(TRUNCATED) and "year" in whole.text
    # a header or a wrapped value is read for the stage after, which wants no marker
    head = read_text_cell(ctx, ink, turn=None, max_lines=1)
    assert head.cut and not head.text.endswith(TRUNCATED)


def _page(img, engine=None, dpi=300):
    return OcrPage(img, dpi, Settings(), engine or default_engine())


def _number_ink(text="88%"):
    img = np.full((60, 160), 255, np.uint8)
    cv2.putText(img, text, (20, 42), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    return img, ik.cell_ink(dk.ink_mask(img, 31), (0, 0, 160, 60), 300)


def test_a_look_that_sees_a_point_the_others_missed_makes_the_value_doubtful():
    """At 200 dpi a point fuses into the digit before it or fades: two looks read '88%', one
    '8.8%'. The majority is kept as read, but below what the table stage keeps as a value (the
    value without the point would be 10x off); looks that agree on the point against one that
    lost it keep a doubtful value."""
    from recover.table.settings import TableSettings
    for lost, seen in (("88%", "8.8%"), ("347%", "34.7%")):
        img, ink = _number_ink(lost)       # drawn without the point: the scan lost it
        eng = ScriptedEngine([(lost, 0.70), (seen, 0.88), (lost, 0.93)])
        r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
        assert r.text == lost and r.conf < TableSettings().unreadable_below
        eng = ScriptedEngine([(seen, 0.70), (lost, 0.88), (seen, 0.93)])
        r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
        assert r.text == seen and TableSettings().unreadable_below <= r.conf <= 0.5
    img, ink = _number_ink()
    eng = ScriptedEngine([("88%", 0.70), ("8.8%", 0.88), ("88%", 0.93)])
    r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
    assert [charset for _, _, charset in eng.asked] == [NUM_CHARSET] * 3
    r = nb.read_number(_page(img, ScriptedEngine([("88%", 0.70), ("88%", 0.93)])), ink, NUM_CHARSET, retry=True)
    assert r.text == "88%" and r.conf > 0.8


def test_a_digit_the_ink_has_no_room_for_is_not_plausible():
    """Widths of the full-height pieces measured on corpus scans (digit height 22-23 px)."""
    assert not nb.plausible("719%", None, [14, 14, 23], (56, 23))       # '79%' with a '1' invented
    assert nb.plausible("79%", None, [14, 14, 23], (56, 23))
    assert nb.plausible("1649", None, [12, 28, 14], (60, 22))           # '64' touch: one piece
    assert nb.plausible("100%", None, [13, 13, 36], (67, 22))           # '0%' touch
    # a piece too wide for one digit holds a glued point unless touching digits explain it
    assert not nb.plausible("88%", (0, 0), [11, 9, 14], (37, 14), fused=True)
    assert nb.plausible("100%", (0, 0), [8, 19, 14], (45, 15), fused=True)
    # the point itself read as a '1' is no pair of touching digits ('8.8%' read '818%')
    for widths in ([12, 8, 13], [13, 8, 13]):
        assert not nb.plausible("818%", (0, 0), widths, (40, 14), fused=True)


@pytest.mark.parametrize("drawn,doubtful,second", [("88%", "18%", "78%"), ("47%", "41%", "47%")])
def test_a_confident_month_read_with_a_doubtful_one_gets_a_second_look(drawn, doubtful, second):
    img, ink = _number_ink(drawn)
    eng = ScriptedEngine([(doubtful, 0.85), (second, 0.93), (second, 0.9)])
    r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
    assert r.text == second and r.conf <= 0.75          # the looks disagreed: never confident
    eng = ScriptedEngine([(drawn, 0.85)])
    assert nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True).conf == 0.85
    assert not eng.script                               # one look was enough


def test_sixteen_bit_labels_fall_back_to_32_bits_on_a_noisy_page():
    from recover.readers.ocr.labels import components
    rng = np.random.default_rng(0)
    noisy = np.zeros((600, 600), np.uint8)
    noisy[::2, ::2] = (rng.random((300, 300)) < 0.9) * 255      # ~81,000 separate specks
    n, labels, _, _ = components(noisy)
    assert n == 1 + int((noisy > 0).sum()) and labels.dtype == np.int32
    small = np.zeros((50, 50), np.uint8)
    small[10:20, 10:20] = 255
    n, labels, stats, _ = components(small)
    assert n == 2 and labels.dtype == np.uint16 and tuple(stats[1][:4]) == (10, 10, 10, 10)


def test_grey_median_by_counting_is_numpys_median():
    rng = np.random.default_rng(2)
    for n in (1, 2, 3, 10, 11, 999, 1000):
        a = rng.integers(0, 256, n).astype(np.uint8)
        assert ik._median_u8(a) == float(np.median(a))


@pytest.mark.parametrize("text", ["12.3%", "1649"])
def test_pytesseract_fallback_reads_like_tesserocr(text):
    pytest.importorskip("pytesseract")
    img = np.full((60, 200), 255, np.uint8)
    cv2.putText(img, text, (10, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    slow = tess.Tesseract(backend="pytesseract")
    assert slow.ident.startswith("pytesseract-")
    assert slow.read(img, charset=NUM_CHARSET).text == default_engine().read(img, charset=NUM_CHARSET).text == text


# --- inputs, cache, debug -----------------------------------------------------------------

def test_image_file_and_turned_page_read_the_same(scan, grids, tmp_path):
    from PIL import Image
    turned = cv2.rotate(scan[0], cv2.ROTATE_90_COUNTERCLOCKWISE)
    path = tmp_path / "turned.png"
    Image.fromarray(turned).save(path, dpi=(300, 300))
    got = ocr.read_image_file(str(path), "turned.png")
    g = _table(got)
    assert g.meta.rotated == 90
    assert g.page == 1
    want = {k: c.text for k, c in _by_header(_table(grids)).items()}
    assert {k: c.text for k, c in _by_header(g).items()} == want


class _Refusing:
    """The same engine build as the real one, that must not be asked anything."""
    ident = default_engine().ident

    def read(self, *a, **k):
        raise AssertionError("the page was read again")

    orientation = read


def test_second_read_comes_from_the_cache(scan, tmp_path):
    cache = tmp_path / "cache"
    first = ocr.read_scanned_page(str(scan[1]), 0, "scan.pdf", cache_dir=str(cache))
    assert list(cache.glob("*.pkl"))
    again = ocr.read_scanned_page(str(scan[1]), 0, "scan.pdf", cache_dir=str(cache), engine=_Refusing())
    assert again == first
    # another setting is another key
    with pytest.raises(AssertionError):
        ocr.read_scanned_page(str(scan[1]), 0, "scan.pdf", cache_dir=str(cache),
                              settings=Settings(num_height=36), engine=_Refusing())


def test_debug_image_is_written(scan, tmp_path):
    ocr.read_scanned_page(str(scan[1]), 0, "scan.pdf", debug_dir=str(tmp_path))
    out = list(tmp_path.glob("scan_p001.png"))
    assert len(out) == 1
    img = cv2.imread(str(out[0]))
    assert img is not None and img.shape[1] > 1000


# --- the demo corpus ----------------------------------------------------------------------

def _printed(source: str, page: int) -> dict[tuple[str, str], str]:
    with open(ROOT / "golden" / "printed.csv", newline="") as f:
        return {(r["ref"], r["month"]): r["printed"] for r in csv.DictReader(f)
                if r["set"] == "demo" and r["source"] == source and int(r["page"]) == page}


def _read_vs_printed(grids, printed):
    """Rows paired with the printed refs in print order (the register is not used here);
    months from the header labels."""
    got = {}
    refs = list(dict.fromkeys(ref for ref, _ in printed))
    data = []
    for g in grids:
        rows = g.rows()
        hr = g.meta.header_row
        months = {c.col: parse_month(c.text) for c in rows[hr]}
        data += [(r, months) for r in rows[hr + 1:] if r and r[0].text]
    assert len(data) == len(refs)
    for ref, (r, months) in zip(refs, data):
        for c in r:
            if months.get(c.col):
                got[(ref, months[c.col])] = c.text
    return got


@pytest.mark.skipif(not (DEMO / "agenda_2021-02-11_scan200.pdf").exists(), reason="demo corpus missing")
def test_demo_page_stored_turned_at_200dpi_reads_every_month_cell():
    src = "agenda_2021-02-11_scan200.pdf"
    printed = _printed(src, 9)
    assert printed
    grids = ocr.read_scanned_page(str(DEMO / src), 8, src)
    assert all(g.meta.rotated in (90, 270) for g in grids)
    got = _read_vs_printed(grids, printed)
    assert {k: got.get(k) for k in printed} == printed


@pytest.mark.skipif(not (DEMO / "agenda_2020-07-16_text.pdf").exists(), reason="demo corpus missing")
def test_dashboard_blocks_become_dashboard_grids():
    """A dashboard page of the demo's text pack, rendered as a 200 dpi image."""
    src = "agenda_2020-07-16_text.pdf"
    with open(ROOT / "golden" / "pages.csv", newline="") as f:
        page = next(int(r["page"]) for r in csv.DictReader(f)
                    if r["set"] == "demo" and r["source"] == src and r["kind"] == "dashboard")
    doc = pdfium.PdfDocument(str(DEMO / src))
    gray = dk.to_gray(doc[page - 1].render(scale=200 / 72, grayscale=True).to_numpy())
    doc.close()
    res = pg.read_page_image(_scan(gray, -0.6), 200, src, page)
    assert res.grids and all(g.kind == "dashboard" for g in res.grids)
    printed = _printed(src, page)
    got = _read_vs_printed(res.grids, printed)
    assert {k: got.get(k) for k in printed} == printed
    # the chart titles carry the refs that the tiny label cells garble ('Ml' for 'M1')
    refs = list(dict.fromkeys(ref for ref, _ in printed))
    assert [(g.meta.title or "?").split()[0].rstrip(":-") for g in res.grids] == refs


@pytest.mark.parametrize("drawn,reads", [("88%", ("88%", "89%", "38%")), ("47%", ("41%", "47%", "17%"))])
def test_a_month_value_no_two_looks_read_alike_goes_to_review(drawn, reads):
    """Agreement between looks is what earns a month value its place: when no two of them read
    it alike, the best read is kept for the reviewer, below what the table stage keeps as a
    value. A cell read once or twice (a % change, a benchmark) keeps a doubtful value."""
    from recover.table.settings import TableSettings
    img, ink = _number_ink(drawn)
    eng = ScriptedEngine([(reads[0], 0.6), (reads[1], 0.8), (reads[2], 0.7)])
    r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
    assert r.text == reads[1] and r.conf < TableSettings().unreadable_below
    eng = ScriptedEngine([(reads[0], 0.6), (reads[1], 0.8)])
    r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=False)
    assert TableSettings().unreadable_below <= r.conf <= 0.5


@pytest.mark.parametrize("lines,want_doubt", [(("200%", "|"), True), (("1359", "-"), True), (("n/a", "note"), False)])
def test_a_number_read_from_two_lines_of_ink_is_no_month_value(lines, want_doubt):
    """A month value is printed on one line. Ink of two lines read as a number is a value with
    a piece of something else (a faint rule's remnant, a neighbour's line): it goes to review.
    Two lines that read as a word ('n/a' over a note) keep a doubtful reading for the table stage."""
    from recover.table.settings import TableSettings
    img = np.full((110, 200), 255, np.uint8)
    cv2.putText(img, "29.0%", (20, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.putText(img, "note", (20, 90), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    ink = ik.cell_ink(dk.ink_mask(img, 31), (0, 0, 200, 110), 300)
    eng = ScriptedEngine([(t, 0.9) for t in lines] * 3)
    r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
    assert (r.conf < TableSettings().unreadable_below) == want_doubt, r
    assert r.conf <= 0.6


@pytest.mark.parametrize("text,slip,confs", [("39", "35", (0.54, 0.52)), ("20", "26", (0.45, 0.41))],
                         ids=["CP4-fills", "CP1-NI-stacked"])
def test_looks_each_unsure_of_the_glyphs_that_agree_make_no_sure_month_value(text, slip, confs):
    """Two LibreOffice packs at 200 dpi: '39' read '35' and '20' read '26' by the looks after
    the first, each below 0.65: agreement between unsure looks is how those slips came out with
    status ok. Agreement of a sure look still counts."""
    from recover.table.settings import TableSettings
    img, ink = _number_ink(text)
    eng = ScriptedEngine([(slip, 0.5), (slip, confs[0]), (slip, confs[1])])
    r = nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True)
    assert r.text == slip and r.conf < TableSettings().unreadable_below
    eng = ScriptedEngine([(text, 0.5), (text, 0.9), (text, 0.6)])
    assert nb.read_number(_page(img, eng), ink, NUM_CHARSET, retry=True).conf == 0.9


SKEWED = [  # (committed scan, page of it, pack file, page of the pack): the generator's skew is in golden/
    ("tests/data/scans/agenda_2020-02-20_lo-nolines-scan300.p5.pdf", 1, "agenda_2020-02-20_lo-nolines-scan300.pdf", 5, 300),
    ("tests/data/scans/agenda_2021-11-11_lo-hairline-scan200.p5.pdf", 1, "agenda_2021-11-11_lo-hairline-scan200.pdf", 5, 200),
    ("corpus/demo/agenda_2019-07-11_scan300.pdf", 4, "agenda_2019-07-11_scan300.pdf", 4, 300),
    ("corpus/demo/agenda_2021-02-11_scan200.pdf", 9, "agenda_2021-02-11_scan200.pdf", 9, 200),
]


@pytest.mark.parametrize("path,page,name,pack_page,dpi", SKEWED, ids=["lo-nolines-300", "lo-hairline-200",
                                                                     "ruled-300", "ruled-turned-200"])
def test_the_skew_of_a_scanned_table_page_is_the_one_it_was_scanned_with(path, page, name, pack_page, dpi):
    """Rules the scan kept whole measure the skew finely, and are used; a page without them (no
    borders; hairlines the scan broke up) is measured on its lines of text. The rules' measure
    was 0.38 degrees off on the borderless page and 0.11 on the hairline one: across a table
    4,000 pixels wide a row's values then drift by more than a line of text."""
    from recover.readers.ocr.render import pdf_page_image
    truth = {}
    for f in ("pages.csv", "pages_lo.csv"):
        with open(ROOT / "golden" / f, newline="") as fh:
            truth.update({(r["source"], int(r["page"])): r for r in csv.DictReader(fh)})
    want = truth[(name, pack_page)]
    gray = dk.to_gray(pdf_page_image(str(ROOT / path), page - 1, dpi).gray)
    if want["rotated"] == "1":
        gray = dk.turn(gray, turn_needed(gray, default_engine()))
    assert dk.estimate_skew(gray) == pytest.approx(float(want["skew_deg"]), abs=0.03)
