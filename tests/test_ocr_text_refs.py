"""OCR'd plain text (tesseract's own text of scanned packs): refs OCR damaged, the rows the
register's order pairs with values given apart from their ref, and headers that lost their last
label. Real tesseract output of corpus scans (tests/data/extracted/tesseract-psm*,
tests/data/ocr-text), scored against the cells the PDFs printed."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from recover.printed.confusions import prints_digit
from recover.readers.extracted import read_text
from recover.readers.extracted.settings import CONF
from recover.register import load_register
from recover.register.refs import ref_candidates

ROOT = Path(__file__).resolve().parents[1]
EXTRACTED = ROOT / "tests" / "data" / "extracted"


@lru_cache(maxsize=None)
def printed(source: str) -> dict[tuple[str, str], str]:
    """{(ref, month): the printed text} of the table cells of one corpus PDF (either renderer)."""
    out = {}
    for name in ("printed.csv", "printed_lo.csv"):
        with (ROOT / "golden" / name).open(newline="") as f:
            out.update({(r["ref"], r["month"]): r["printed"] for r in csv.DictReader(f)
                        if r["source"] == source and r["kind"] == "table" and r["set"] == "full"})
    return out


def rows_of(text: str, name: str) -> list[tuple[str, list[tuple[str, str, float]], str]]:
    """(printed ref, [(month, text, conf)], row notes) of every table row read from the text."""
    from recover.printed.months import parse_month
    out = []
    for g in read_text(text, name)[0]:
        if g.kind != "table":
            continue
        rows = g.rows()
        months = [parse_month(c.text) for c in rows[0]]
        for r, row in enumerate(rows[1:], start=1):
            cells = [(m, c.text, c.conf) for m, c in zip(months, row) if m]
            out.append((row[0].text, cells, g.meta.row_note(r)))
    return out


def sample(tool: str, stem: str) -> tuple[str, str]:
    path = EXTRACTED / tool / f"{stem}.{tool}.txt"
    return path.read_text(encoding="utf-8"), path.name


def one_row(tool: str, stem: str, ref: str):
    """(cells, notes) of the one row of `ref` read from a committed sample, and the cells the PDF printed."""
    text, name = sample(tool, stem)
    row = [(cells, notes) for r, cells, notes in rows_of(text, name) if r == ref]
    assert len(row) == 1
    return (*row[0], printed(f"{stem}.pdf"))


@pytest.mark.parametrize("text,digit", [("EHla", True), ("LACl3", True), ("M2-Nl", True), ("EH1a", True),
                                        ("lan", False), ("Ju", False), ("Sean", False)])
def test_a_letter_ocr_reads_for_a_digit_counts_as_the_digit_a_ref_prints(text, digit):
    # past the first character only ('lan' of a stacked 'Ju' 'lia' 'n' prints none); whether a
    # text that passes is a ref is the register's to say (tests/test_streams.py: name chunks)
    assert prints_digit(text) is digit


@pytest.mark.parametrize("tool,stem", [("tesseract-psm3", "agenda_2019-07-11_scan300"),
                                       ("tesseract-psm6", "agenda_2019-07-11_scan300")])
def test_a_ref_read_with_a_letter_for_its_digit_anchors_its_row(tool, stem):
    """tesseract reads EH1a as 'EHla' on both modes' text of this scan: the row is EH1a's, and
    no other row takes its values (before, M5 took them, paired by the register's order)."""
    text, name = sample(tool, stem)
    gold = printed(f"{stem}.pdf")
    rows = rows_of(text, name)
    eh = [cells for ref, cells, _ in rows if ref == "EHla"]
    assert eh, "EH1a's row is not anchored"
    reg = load_register()
    for ref, cells, _ in rows:
        cands = ref_candidates(ref, reg) if ref else []
        if not cands:
            continue          # a row whose ref OCR lost goes to unmatched, not under a ref
        canon = cands[0][0]
        for month, value, conf in cells:
            if conf >= 0.9 and value:
                assert value == gold.get((canon, month)), (ref, month, value)


@pytest.mark.parametrize("tool,stem,ref", [("tesseract-psm3", "agenda_2019-07-11_scan300", "EHla"),
                                           ("tesseract-psm3", "agenda_2020-02-20_lo-nolines-scan200", "EH3a%")])
def test_rows_the_register_order_pairs_in_ocr_text_are_unreadable(tool, stem, ref):
    """A ref OCR left nothing of ('Ehxa' for EH1a) leaves its values without a ref, and the one ref
    the register's order leaves between the neighbours (M5, whose own values OCR damaged) is not
    theirs. The run's own arithmetic passes (it checks its own tail), so nothing else would
    doubt it: such rows are unreadable in OCR'd text. Both renderers' scans."""
    text, name = sample(tool, stem)
    garbled = "\n".join("Ehxa" + line[len(ref):] if line.startswith(ref + " ") else line
                        for line in text.split("\n"))
    assert garbled != text
    paired = [(r, cells) for r, cells, notes in rows_of(garbled, name) if "paired by the register" in notes]
    assert paired, "no row paired by order: the test no longer tests the rule"
    for r, cells in paired:
        assert all(conf <= CONF.apart_lossy for _, _, conf in cells), r


def _months_of_short_tables(text: str, name: str) -> tuple[list[float], list[float]]:
    """Confidences of the month cells of tables whose header ends before the pack month, and of
    the others."""
    from recover.printed.months import parse_month
    from recover.readers.extracted.ocrcheck import pack_month
    grids = [g for g in read_text(text, name)[0] if g.kind == "table"]
    pack = pack_month(grids)
    short, other = [], []
    for g in grids:
        rows = g.rows()
        cols = {c.col: parse_month(c.text) for c in rows[0] if parse_month(c.text)}
        into = short if max(cols.values()) < pack else other
        into.extend(c.conf for row in rows[1:] for c in row if c.col in cols and c.text.strip())
    return short, other


@pytest.mark.parametrize("path,damage", [
    # tesseract read this page's last label 'Sept 18' (no hyphen): the header ends Aug-18
    ("ocr-text/agenda_2018-10-25_lo-ruled-scan300.tesseract-psm6.txt", None),
    # the same damage made on one page of another pack's psm 3 text
    ("extracted/tesseract-psm3/agenda_2019-07-11_scan300.tesseract-psm3.txt",
     ("| Apr-19 May-19 | Jun-19 revious", "| Apr-19 May-19 | Jun 19 revious")),
])
def test_a_table_whose_header_ends_before_the_pack_month_is_unreadable(path, damage):
    """Every table of a pack ends with the pack month: a header that ends a month early lost its
    last label to OCR, and the rows were placed a month early, where their % change, average and
    maximum still hold (CP7 read 39 for Sep-17, printed 48: its Oct-17 value)."""
    p = ROOT / "tests" / "data" / path
    text = p.read_text(encoding="utf-8")
    if damage:
        assert damage[0] in text
        text = text.replace(*damage)
    short, other = _months_of_short_tables(text, p.name)
    assert short and other
    assert max(short) <= CONF.ambiguous
    # the pack's other tables are still read (above the refusal, not necessarily sure: a month
    # no check pins against a digit slip is capped below sure)
    assert sum(c > CONF.ambiguous for c in other) > len(other) / 4


@pytest.mark.parametrize("line,glyph", [
    ("111 4 -44% T44%) A 134 234 - 228", "A"),          # ▲ read 'A'
    ("5.0% J -38%| J -83%| W 14.5% 41.7% P", "W"),      # ▼ read 'W'
    ("100] = -1%) =4% VW 98) 102 = Local", "VW"),
])
def test_the_direction_triangle_ocr_read_as_a_letter_is_a_glyph(line, glyph):
    from recover.readers.extracted.tokens import tokenize_line
    assert [t.kind for t in tokenize_line(line, 1) if t.text == glyph] == ["glyph"]


def test_a_capital_a_of_the_commentary_stays_a_word():
    from recover.readers.extracted.tokens import tokenize_line
    toks = tokenize_line("increased by 33%. A 12 month average of 8.7%.", 1)
    assert [t.kind for t in toks if t.text == "A"] == ["word"]


@pytest.mark.parametrize("stem,ref", [("agenda_2019-07-11_scan300", "EH4 (val)"),           # '44% A 134 234'
                                      ("agenda_2019-12-12_lo-ruled-scan300", "LAC6 (%)")])   # '-83% W 14.5% 41.7%'
def test_a_rows_average_and_maximum_after_a_triangle_ocr_read_as_a_letter_check_its_months(stem, ref):
    """tesseract --psm 3 reads the direction-of-travel triangle between a row's % changes and its
    12-month average as a letter; the row's values must run on to the average and the maximum,
    whose checks then hold (before, the row ended at the letter and every month was unreadable)."""
    text, name = sample("tesseract-psm3", stem)
    gold = printed(f"{stem}.pdf")
    row = [cells for r, cells, _ in rows_of(text, name) if r == ref]
    assert len(row) == 1
    for month, value, conf in row[0]:
        assert value == gold[(ref, month)] and conf > CONF.ambiguous, (month, value, conf)


@pytest.mark.parametrize("line,arrow", [
    ("270 215 255 262 226 JL -14% J -20% 253 309", "JL"),          # 2018-10-25 LibreOffice, psm 6
    ("11.4% 14.6% 7.1% Lt -51% T 15% 13.5% 27.0%", "Lt"),
])
def test_libreoffices_down_arrow_ocr_read_as_two_letters_is_an_arrow(line, arrow):
    from recover.printed.glued import UNREAD_ARROW
    from recover.readers.extracted.tokens import tokenize_line
    toks = tokenize_line(line, 1)
    assert arrow not in [t.text for t in toks] and UNREAD_ARROW in [t.text for t in toks]


@pytest.mark.parametrize("tool,ref", [("tesseract-psm3", "M4"),     # '5 2 JL -60%| J -60%| 6 9'
                                      ("tesseract-psm6", "EH3")])   # '549 479 JL -13%| T 160% 289) 549'
def test_a_row_whose_first_change_follows_an_arrow_read_jl_is_checked(tool, ref):
    """Before, 'JL' was a word: the row's run ended at it, no check was found and every month
    was unreadable (LibreOffice 2019-12-12 scan, both modes). Now its changes are checked and
    pin their months; what the row keeps is right (psm 6 lost a month's '-': the months its
    checks do not pin stay unplaced)."""
    cells, notes, gold = one_row(tool, "agenda_2019-12-12_lo-ruled-scan300", ref)
    assert "pct_prev=pass" in notes
    kept = [(m, v) for m, v, conf in cells if conf > CONF.ambiguous]
    assert len(kept) >= 3 and all(v == gold[(ref, m)] for m, v in kept)


@pytest.mark.parametrize("tool,stem,ref", [
    ("tesseract-psm3", "agenda_2019-12-12_lo-ruled-scan300", "LAC1"),
    ("tesseract-psm6", "agenda_2019-07-11_scan300", "LAC7-QL"),
])
def test_a_change_with_a_rule_read_as_an_exclamation_mark_after_it_is_checked(tool, stem, ref):
    """tesseract reads the rule after a % change as '!' glued to it ('T 59%!'): before, the word
    was no value, the row's run ended at it and every month was unreadable (both renderers and
    modes); now the change and what follows are checked and the months read."""
    text, name = sample(tool, stem)
    gold = printed(f"{stem}.pdf")
    row = [cells for r, cells, _ in rows_of(text, name) if r == ref]
    assert len(row) == 1
    for month, value, conf in row[0]:
        assert value == gold[(ref, month)] and conf > CONF.ambiguous, (month, value, conf)


@pytest.mark.parametrize("tool,stem,ref,junk", [
    ("tesseract-psm3", "agenda_2019-07-11_scan300", "M2-NI", "<y/"),           # '48 38 <y/ 75 115' (57)
    ("tesseract-psm3", "agenda_2019-07-11_scan300", "CP6B-NI", "De"),          # '53 52 De 55 58' (53)
    ("tesseract-psm3", "agenda_2019-12-12_lo-ruled-scan300", "CP5-QL (val)", "i)"),
    ("tesseract-psm6", "agenda_2019-07-11_scan300", "CP4 (val)", "aye"),
    ("tesseract-psm6", "agenda_2019-12-12_lo-ruled-scan300", "EH4 (val)", "asia"),
])
def test_a_month_value_ocr_misread_as_a_word_keeps_its_place_in_the_row(tool, stem, ref, junk):
    """A short word between two month values is a value OCR misread: the row's values run on
    past it (before, the run ended there and the row lost every month after it), the word stays
    in its month as read, where the value parser finds it unreadable, and the months around it
    are the printed ones."""
    from recover.printed.numbers import parse_value
    text, name = sample(tool, stem)
    gold = printed(f"{stem}.pdf")
    row = [cells for r, cells, _ in rows_of(text, name) if r == ref]
    assert len(row) == 1
    cells = row[0]
    assert junk in [v for _, v, _ in cells] and parse_value(junk).status == "unreadable"
    kept = [(m, v) for m, v, conf in cells if conf > CONF.ambiguous and parse_value(v).status == "ok"]
    assert len(kept) >= 11 and all(v == gold[(ref, m)] for m, v in kept), cells



def test_a_lone_arrow_digit_ending_a_row_that_lost_values_vouches_for_no_month():
    """OCR reads the first change's arrow as '1', '4' or '7' ('... 3 4 1 4 -75%'). In a row that
    lost values, a placement ending on that digit hangs on a month that is not one, and a change
    holding for it is a coincidence (LAC6's '0%' between two equal small counts): no month of
    such a row is kept. Rows of both renderers, psm 3 and psm 6."""
    seen = set()
    for tool in ("tesseract-psm3", "tesseract-psm6"):
        for path in sorted((EXTRACTED / tool).glob("*.txt")):
            for ref, cells, notes in rows_of(path.read_text(encoding="utf-8"), path.name):
                last = cells[-1][1].strip() if cells else ""
                if "values-lost" in notes and len(last) == 1 and last in "147":
                    seen.add((tool, "lo-" in path.name))
                    assert all(conf <= CONF.ambiguous for _, _, conf in cells), (path.name, ref, cells)
    assert len(seen) >= 3, seen


@pytest.mark.parametrize("word,ref", [("EH5-QL_", "EH5-QL"), ("M2_|", "M2"), ("CP1-NI_—_", "CP1-NI"),
                                      ("LAC10_", "LAC10"),
                                      ("EH5-QL", "EH5-QL"),                       # nothing under it
                                      ("Local_", "Local_"), ("_", "_")])          # no ref: kept as OCR gave it
def test_a_ruled_cell_s_bottom_rule_read_under_a_ref_is_no_part_of_it(word, ref):
    from recover.readers.extracted.tokens import tokenize_line
    assert tokenize_line(f"{word} Number of contacts", 1)[0].text == ref


@pytest.mark.parametrize("name,source", [
    ("agenda_2020-01-16_scan300.tesseract-psm6.txt", "agenda_2020-01-16_text.pdf"),           # 'LAC7-QL__|'
    ("agenda_2020-01-16_lo-ruled-scan300.tesseract-psm3.txt", "agenda_2020-01-16_lo-ruled.pdf"),  # 'LAC7-QL_'
])
def test_a_row_whose_ref_ocr_read_with_its_cell_s_bottom_rule_is_under_that_ref(name, source):
    """tesseract reads the rule under a ruled ref cell as underscores glued to the ref ('LAC7-QL_',
    'LAC7-QL__|'; both renderers, psm 3 and 6): the word was no ref, and the row came out under an
    empty ref. Read without the rule's marks, the row is LAC7-QL's, and what it keeps surely is
    what the pack printed (the scan prints its text layer's cells)."""
    path = ROOT / "tests" / "data" / "ocr-text" / name
    text = path.read_text(encoding="utf-8")
    assert "\nLAC7-QL_" in text
    gold = printed(source)
    row = [cells for r, cells, _ in rows_of(text, name) if r == "LAC7-QL"]
    assert len(row) == 1 and len(row[0]) >= 11
    assert all(v == gold[("LAC7-QL", m)] for m, v, conf in row[0] if conf > CONF.ambiguous)


@pytest.mark.parametrize("tool,stem,ref", [
    ("tesseract-psm3", "agenda_2019-07-11_scan300", "LAC13"),               # '= 2 13 13 15 12 ...'
    ("tesseract-psm6", "agenda_2019-07-11_scan300", "M8-QL"),
    ("tesseract-psm3", "agenda_2019-12-12_lo-ruled-scan300", "LAC12 (%)"),  # '= 2 12.5% 23.5% ...'
    ("tesseract-psm6", "agenda_2019-12-12_lo-ruled-scan300", "EH2"),
])
def test_a_number_ocr_made_of_the_marks_before_a_row_s_values_is_no_month(tool, stem, ref):
    """tesseract reads the rule and the specks of the narrow name columns before a row's values as
    a number ('= 2 13 13 15 ...'; both renderers, psm 3 and 6): the run held one value more than
    the months, foreign to the row, and every placement either took it for the first month or
    pushed the last month into the tail, so the checks failed and the row was unreadable. The run
    without it is placed too: its checks hold, and the row reads as printed."""
    cells, notes, gold = one_row(tool, stem, ref)
    assert "dropped-before-months:1" in notes
    kept = [(m, v) for m, v, conf in cells if conf > CONF.ambiguous]
    assert len(kept) == len(cells) >= 13 and all(v == gold[(ref, m)] for m, v in kept)


@pytest.mark.parametrize("name,source,borrowed", [
    # psm 3 gave this page's rows from CP5-QL (val) on as [commentary and values][ref and title]
    ("agenda_2020-01-16_scan300.tesseract-psm3.txt", "agenda_2020-01-16_text.pdf", {"CP5-QL": "CP9", "CP7": "LAC1"}),
])
def test_a_row_whose_values_lines_name_the_next_row_s_indicator_is_unreadable(name, source, borrowed):
    """tesseract's plain text gives some rows' values before their ref, so each ref takes the next
    row's line of values whole, and that row's own % changes and average hold for it (CP7 took
    LAC1's 485 475 472 ..., kept at confidence 1.0 where a change pinned them). The commentary on those lines restates
    the indicator they belong to ('The number of children subject to Review Child Protection
    Conferences ...'): where it names the next row's title rather than the row's own, the row's
    months are unreadable, its values kept for the reviewer."""
    text = (ROOT / "tests" / "data" / "ocr-text" / name).read_text(encoding="utf-8")
    gold = printed(source)
    for ref, nxt in borrowed.items():
        (cells, notes), = [(c, n) for r, c, n in rows_of(text, name) if r == ref]
        assert sum(v == gold.get((nxt, m)) for m, v, _ in cells) >= 10        # the next row's, as printed
        assert "values-named-by-next-row" in notes
        assert all(conf <= CONF.ambiguous for _, _, conf in cells)


def test_rows_whose_values_are_their_own_are_never_doubted_for_their_commentary():
    """The committed samples of both renderers, psm 3 and 6: no row's values lines name the next
    row's indicator better than its own, so none is doubted."""
    for tool in ("tesseract-psm3", "tesseract-psm6"):
        for path in sorted((EXTRACTED / tool).glob("*.txt")):
            rows = rows_of(path.read_text(encoding="utf-8"), path.name)
            assert len(rows) > 5 and not [r for r, _, n in rows if "values-named-by-next-row" in n], path.name
