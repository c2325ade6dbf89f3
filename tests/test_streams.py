"""Reading-order text (pdftotext -raw, pypdf, pdfplumber): tables rebuilt from typed tokens, month
cells verified by the row's arithmetic. Fixtures in tests/data/streams/ are the tools' own output
on the first dataset page of corpus packs (see the README there); truth is golden/printed.csv."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from recover.readers.extracted import read_text
from recover.readers.extracted.frames import Frame, find_frames, make_header, tail_roles
from recover.printed.months import label, month_range, parse_month
from recover.readers.extracted.header import TextHeader as Header
from recover.readers.extracted.placement import place_run
from recover.readers.extracted.settings import CONF
from recover.readers.extracted.rows import find_anchors
from recover.readers.extracted.titles import title_text
from recover.readers.extracted.tokens import tokenize
from recover.register import load_register
from recover.pipeline import Settings, open_all, read_sources

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "streams"
ROW_MAJOR = ("pdftotext-raw", "pypdf", "pdfplumber")
PACKS = ("agenda_2018-05-03_text", "agenda_2019-10-17_text", "agenda_2021-08-26_text")


@lru_cache(maxsize=None)
def printed(source: str) -> dict[tuple[str, str], dict]:
    with (ROOT / "golden" / "printed.csv").open(newline="") as f:
        return {(r["ref"], r["month"]): r for r in csv.DictReader(f)
                if r["source"] == source and r["kind"] == "table" and r["set"] == "full"}


@lru_cache(maxsize=None)
def observations(tool: str, pack: str):
    sources, errors = open_all([str(DATA / tool / f"{pack}.txt")])
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1), load_register())
    assert not errors and not errs
    return packs[0].observations


def _same(obs, gold: dict) -> bool:
    want = float(gold["value"]) if gold["value"] else None
    if obs.status != gold["status"]:
        return False
    return (obs.value is None and want is None) or (
        obs.value is not None and want is not None and abs(obs.value - want) < 1e-9)


@pytest.mark.parametrize("tool", ROW_MAJOR)
@pytest.mark.parametrize("pack", PACKS)
def test_row_major_page_read_exactly_or_marked_unreadable(tool, pack):
    gold = printed(f"{pack}.pdf")
    obs = observations(tool, pack)
    assert obs and all(o.ref for o in obs)
    exact = wrong = 0
    for o in obs:
        g = gold.get((o.ref, o.month))
        assert g is not None, f"{o.ref} {o.month}: not a printed cell"
        if _same(o, g):
            exact += 1
        elif o.status != "unreadable":
            wrong += 1
    assert wrong == 0
    assert exact >= 0.95 * len(obs)
    # every row of the page was found: all its refs carry observations
    page = {g["page"] for (ref, _), g in gold.items() if ref == obs[0].ref}
    refs_on_page = {ref for (ref, _), g in gold.items() if g["page"] in page}
    assert refs_on_page <= {o.ref for o in obs}


def _tokens(text: str):
    return tokenize(text.split("\n"))


@pytest.mark.parametrize("text,ref", [
    # pdftotext -raw and pdfminer: a narrow ref cell's fragments each on a line of their own
    ("M2-\nNI\nNumber of new referrals of Children in", "M2-NI"),
    ("LAC\n11-\nQL (\n%)\nPercentage of Looked after Children aged", "LAC11-QL (%)"),
    # pdfplumber: the fragments start the title's next lines
    ("M8- Percentage of referrals dealt with by\nQL MASH where time from referral received /", "M8-QL"),
    ("CP6 Rate of children with Child Protection Plan\nB-N (CPP) per 10,000 (0-17 year olds) at end\n"
     "I of period", "CP6B-NI"),
    # a twin's suffix wrapped under the first title line, the title's own '(' after it
    ("LAC12 Number of Special Guardianship Orders (SGOs)\n(val) (E43, E44) ybtihW", "LAC12 (val)"),
])
def test_wrapped_ref_cells_are_joined(text, ref):
    toks = _tokens(text)
    (a,) = find_anchors(toks, 0, len(toks))
    assert a.printed == ref
    title = title_text([t for k, t in enumerate(toks) if k >= a.end and k not in a.elsewhere])
    assert title.split()[0][0].isupper() and "(val)" not in title and "NI" not in title.split()


@pytest.mark.parametrize("text,ref", [
    # a 'chunk' pack's names come one letter a line; 'M' 'S' must not become M5, nor 'M' 'I' M1
    ("M5 Number of children receiving Universal Help\ny\nt\nM\nS\nJ\na\n1 2 0 3", "M5"),
    ("LAC1 Number of Looked after Children\ny\na\nr\nr\nu\nM\nI\nJ\n4 5 6 7", "LAC1"),
])
def test_rotated_name_letters_are_never_a_ref(text, ref):
    toks = _tokens(text)
    assert [a.printed for a in find_anchors(toks, 0, len(toks))] == [ref]


@pytest.mark.parametrize("labels,last,want", [
    ("% change from previous month % change from same month prev yr Do T 12 month average "
     "12-mnth max value Percen tage? Stat. Neighb our Englan d SE region Targe t 17-18 Targe t 18-19", "2018-04",
     ["pct_prev", "pct_year", "dot", "avg12", "max12", "percentage", "sn", "eng", "se", "target", "target"]),
    # a 7-month pack names its changes by month and prints no DoT column
    ("% change from Mar- 20 % change from Apr- 19 12-mnth avg 12-mnth max. Stat. Neighb our Englan d "
     "SE region Targe t 19-20 Commen tary", "2020-04",
     ["pct_prev", "pct_year", "avg12", "max12", "sn", "eng", "se", "target", "commentary"]),
])
def test_header_tail_from_wrapped_labels(labels, last, want):
    roles, _ = tail_roles(labels.split(), last)
    assert roles == want


def _header(W: int, last: str, tail: list[str]) -> Header:
    from recover.printed.months import label, month_range
    months = month_range(last, W)
    return Header(cells=["Ref.", "Indicator", *[label(m) for m in months], *tail], confs=[1.0] * (2 + W + len(tail)),
                  m0=2, months=months, roles=["ref", "indicator"] + ["month"] * W + tail)


TAIL13 = ["pct_prev", "pct_year", "dot", "avg12", "max12"]


@pytest.mark.parametrize("run", [
    "244 333 307 299 246 281 309 257 194 302 229 270 245 → -9% → 0% 273 333",     # seed 003 M2
    "546 536 526 515 514 523 517 528 519 517 518 522 521 → 0% → -5% 521 536",     # seed 003 LAC1
    "50 68 62 60 49 56 62 52 39 61 46 54 49 ↓ -9% → -2% 55 68",                    # seed 003 M2-NI
])
def test_full_run_fixed_by_the_arrow_and_checked(run):
    run = run.split()
    a = place_run(run, _header(13, "2018-04", TAIL13))
    assert a.cells[:13] == run[:13] and a.confs[:13] == [1.0] * 13


@pytest.mark.parametrize("blanks,values,tail", [
    # EH14b, seed 004's shape: two leading blanks in 14 months; reading order loses them.
    (2, "22 25 36 74 43 89 56 166 560 104 110 165", "↑ 50%|- n/a|121|560"),
    # another row of that shape
    (2, "95 39 44 52 47 50 38 45 49 53 40 31", "↓ -23%|- n/a|49|95"),
])
def test_blank_months_are_placed_only_where_the_arithmetic_agrees(blanks, values, tail):
    read = values.split()
    change, *rest = tail.split("|")
    run = [*read, *change.split(), *rest]
    a = place_run(run, _header(14, "2019-06", TAIL13))
    months, confs = a.cells[:14], a.confs[:14]
    for text, conf, want in zip(months, confs, [""] * blanks + read):
        assert conf <= 0.3 or text == want
    # the average and maximum pin where the values start: they are placed, not only refused
    assert sum(c > 0.3 for c in confs) >= len(read)


@pytest.mark.parametrize("run", [
    # M3 prints percentages and its changes without arrows: the changes are month-like tokens
    "19.1% 20.7% 22.6% 20.1% 19.5% 20.7% 22.4% 21.2% 19.5% 21.3% 17.5% 19.6% 14.9% -24% -22% ▼ 20.0% 22.6%",
    # seed 003's CP5-QL and single-assessment rows
    "33.3% 19.2% 39.5% 18.2% 28.2% 7.1% 47.7% 24.0% 27.8% 25.5% 4.2% 19.2% 8.7% -55% -74% ▼ 22.4% 47.7%",
    "7.3% 7.3% 11.6% 10.1% 2.6% 7.3% 8.6% 7.4% 10.9% 10.6% 6.1% 8.1% 4.7% -42% -36% ▲ 7.9% 11.6%",
])
def test_percent_months_without_arrows_split_by_the_checks(run):
    run = run.split()
    a = place_run(run, _header(13, "2018-04", TAIL13))
    assert a.cells[:13] == run[:13] and min(a.confs[:13]) == 1.0


@pytest.mark.parametrize("row", [
    "M1 Number of contacts received (includes\ncontacts that become referrals)\n"
    "There is an effective front door This compares with a 12\n"
    "1278 1605 1357 1491 1259 1358 1378 1215 997 1421 1309 1376 1649 ↑ 20% ↑ 29% ▲ 1368 1649\n",
    "M2 Number of new referrals of Children In Need\n"
    "Referrals are accepted appropriately, down from 3\n"
    "244 333 307 299 246 281 309 257 194 302 229 270 245 → -9% → 0% ▼ 273 333\n",
])
def test_number_ending_a_commentary_line_is_not_a_month(row):
    # pdfplumber merges the commentary column into the row's lines: '... with a 12' / '16.3% ...'
    text = ("Apr-17 May-17 Jun-17 Jul-17 Aug-17 Sep-17 Oct-17 Nov-17 Dec-17 Jan-18 Feb-18 Mar-18 Apr-18\n"
            "% change from previous month % change from same month prev yr DoT 12 month average 12-mnth max\n"
            + row)
    grids, _ = read_text(text, "s.txt")
    (g,) = grids
    cells = [c for c in g.rows()[1]]
    assert [c.text for c in cells[2:15]] == row.split("\n")[-2].split()[:13]
    assert all(c.conf == 1.0 for c in cells[2:15])
    assert "dropped-before-months:1" in g.meta.row_note(1)


@pytest.mark.parametrize("text,first,n", [
    ("Ref.\nIndicator\nApr-17\nMay-17\nJun-17\nJul-17\nAug-17\nSep-17\n% change\nfrom", "2017-04", 6),
    ("Ref.\nIndicator\nOwner\nOct-19\nNov-19\nDec-19\nJan-20\nFeb-20\nMar-20\nApr-20\n12-mnth\navg",
     "2019-10", 7),
])
def test_month_run_in_header_found_among_wrapped_labels(text, first, n):
    toks = _tokens(text)
    (f,) = find_frames(toks)
    assert f.months[0] == first and len(f.months) == n


# ----------------------------------------------------------------------------- text-first pages

TEXT_FIRST = [("pdfminer", "agenda_2018-05-03_text"), ("pdfminer", "agenda_2019-10-17_text"),
              ("pdfminer-V", "agenda_2018-05-03_text"), ("pdfminer-V", "agenda_2021-08-26_text")]


@pytest.mark.parametrize("tool,pack", TEXT_FIRST)
def test_text_first_page_cut_into_rows_exactly_or_unreadable(tool, pack):
    # pdfminer gives refs, titles, names and outcomes first, then every row's values as one run
    # (with -V the refs come after the values)
    gold = printed(f"{pack}.pdf")
    obs = observations(tool, pack)
    read = [o for o in obs if o.ref]
    assert read
    wrong = [o for o in read if not _same(o, gold[(o.ref, o.month)]) and o.status != "unreadable"]
    assert not wrong
    # 7-month pages have one pinning check (the % change from the previous month): fewer rows sure
    assert sum(_same(o, gold[(o.ref, o.month)]) for o in read) >= 0.7 * len(read)


@pytest.mark.parametrize("pack", ["agenda_2018-05-03_text", "agenda_2019-10-17_text"])
def test_refs_out_of_print_order_leave_rows_unidentified(pack):
    # pdfminer's layout analysis can put a ref glued to its title before another ref's box
    # ('M2 Number of ...' before 'M1'): the k-th ref is then not the k-th row's
    text = (DATA / "pdfminer" / f"{pack}.txt").read_text(encoding="utf-8")
    swapped = text.replace("\nM1\n", "\nTMP\n").replace("\nM2\n", "\nM1\n").replace("\nTMP\n", "\nM2\n")
    assert swapped != text
    grids, warnings = read_text(swapped, "s.txt")
    assert any("print order" in w for w in warnings)
    (g,) = grids
    assert all(not row[0].text for row in g.rows()[1:])


LONG_ROWS = [
    "1358 1378 1215 997 1421 1309 1376 1649 1554 1433 1494 1754 1441 -18% 6% ▲ 1418 1754 - 1743 1392",
    "281 309 257 194 302 229 270 245 270 215 255 262 226 ↓ -14% ↓ -20% ▼ 253 309 - 245 356 412",
    "20.7% 22.4% 21.2% 19.5% 21.3% 17.5% 19.6% 14.9% 17.4% 15.0% 17.1% 14.9% 15.7% → 5% ↓ -24% ▼ "
    "18.0% 22.4% P Local Local Local"]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2)])
def test_long_run_cut_where_the_arithmetic_says_rows_start(order):
    from recover.readers.extracted.textfirst import cut_rows
    rows = [LONG_ROWS[k] for k in order]
    values = " ".join(rows).split()
    header = _header(13, "2018-09", TAIL13 + ["percentage", "sn", "eng", "se", "target"])
    cuts = cut_rows(values, len(rows), header)
    lengths = [len(r.split()) for r in rows]
    assert [c.start for c in cuts] == [sum(lengths[:k]) for k in range(len(rows))]
    assert all(c.sure for c in cuts)


# ----------------------------------------------------------------------------- OCR'd text and broken headers

@pytest.mark.parametrize("line,want", [
    # tesseract --psm 6 on two scanned packs: rules read as '}' ']' ')' '|', glued to the cells
    ("support and action. 1278 1605 1743 1392 1658} 1306] 1566] 1344",
     ["1743", "1392", "1658", "1306", "1566", "1344"]),
    ("1432 1747) 1791) 1726) = 1472 1306 | are regularly", ["1432", "1747", "1791", "1726", "1472", "1306"]),
    ("95 101 82 75 61 T 31% tT 40% 91 115}Local |Local", ["95", "101", "82", "75", "61", "•", "31%", "•", "40%",
                                                         "91", "115", "Local", "Local"]),
])
def test_ocr_rule_characters_and_arrow_letters(line, want):
    from recover.readers.extracted.tokens import RULE, WORD
    toks = [t for t in _tokens(line) if t.kind != RULE]
    vals = [t.text for t in toks if t.kind != WORD or t.text == "Local"]
    assert vals[-len(want):] == want


@pytest.mark.parametrize("text", [
    "Aug-18 Monthly dataset\nAug-17\nthe safety of children\nSep-17 Oct-17\nand families address\n"
    "Nov-17\nDec-17\nJan-18\nFeb-18\nMar-18\nApr-18\nMay-18\nJun-18\nJul-18\n% change\nfrom\nAug-18\n",
    "Jun-19 Monthly dataset\nJun-18\nchildren and families\nJul-18\nAug-18 Sep-18\nreceive the help\n"
    "Oct-18\nNov-18\nDec-18\nJan-19\nFeb-19\nMar-19\nApr-19\nMay-19\n% change\nfrom\nJun-19\n",
])
def test_header_broken_into_pieces_is_made_whole(text):
    # pdftotext's block order (LibreOffice packs): 'Feb-18 ... Jul-18' in one block, the first
    # and last labels each alone elsewhere; read alone the run would make a 6-month table
    from recover.readers.extracted.frames import complete_frames
    toks = _tokens(text)
    frames = complete_frames(toks, find_frames(toks), 0, len(toks))
    assert [len(f.months) for f in frames] == [13]


@pytest.mark.parametrize("pages,pack", [
    # a benchmarking note names a later month on every page; the title names the pack month
    ("\n".join(["Jan-19 Monthly dataset (Updated Mar-19, using 17-18 data)", "Feb-18 Apr-18"] * 2), "2019-01"),
    ("\n".join(["Jun-19 Monthly dataset (Updated Sep-19, using 18-19 data)", "Jul-18 Dec-18"] * 2), "2019-06"),
    # the month printed once, and '% change from' the month before it
    ("Jan-20 Monthly dataset\nSep-19 from Dec-19", "2020-01"),
    ("Aug-21 Monthly dataset\nFeb-21 Mar-21 % change from Jul-21", "2021-08"),
    # printed once with nothing agreeing: no pack month
    ("Jan-20 Monthly dataset\nSep-19", None),
    ("Aug-21 Monthly dataset\nFeb-21 Mar-21 % change from Jun-21", None),
])
def test_pack_month_needs_a_second_clue_and_ignores_notes(pages, pack):
    from recover.readers.extracted.infer import infer_pack
    toks = _tokens(pages)
    assert infer_pack(toks, 0, len(toks))[0] == pack


@pytest.mark.parametrize("values,tail,lost", [
    ("244 333 307 299 246 281 309 257 194 302 229 270 245", "→ -9% → 0% 273 333", 5),
    ("546 536 526 515 514 523 517 528 519 517 518 522 521", "→ 0% → -5% 521 536", 7),
])
def test_lossy_row_keeps_only_what_a_change_pins(values, tail, lost):
    # OCR lost one value of 13: the printed average still counts it, so only the months the
    # passing % change names are trusted
    read = values.split()
    run = read[:lost] + read[lost + 1:] + tail.split()
    a = place_run(run, _header(13, "2018-04", TAIL13), lossy=True)
    trusted = [i for i, c in enumerate(a.confs[:13]) if c > 0.3]
    assert trusted and set(trusted) <= {0, 11, 12}
    assert a.cells[12] == read[12] and a.cells[11] == read[11]


@pytest.mark.parametrize("table,chart,n", [
    ("Dec-19 Jan-20 Feb-20 Mar-20 Apr-20 May-20 Jun-20 from\n",
     "Jun-19 Jul-19 Aug-19 Sep-19 Oct-19 Nov-19 Dec-19 Jan-20 Feb-20 Mar-20 Apr-20 May-20 Jun-20\n", 7),
    ("Feb-21 Mar-21 Apr-21 May-21 Jun-21 Jul-21 Aug-21 from\n",
     " ".join(label(m) for m in month_range("2021-09", 13)) + "\n", 7),
])
def test_month_labels_far_from_a_header_do_not_extend_it(table, chart, n):
    # pdfplumber keeps no page breaks: a dashboard's 13 labels later in the file overlap a
    # 7-month table's months but belong to a chart, not to the table's header
    from recover.readers.extracted.frames import complete_frames
    toks = _tokens(table + "M1 Number of contacts 1 2 3 4 5 6 7\n" * 60 + chart)
    frames = complete_frames(toks, find_frames(toks)[:1], 0, len(toks))
    assert [len(f.months) for f in frames] == [n]


@pytest.mark.parametrize("tool,kind", [("tesseract-tsv", True), ("pdftotext-raw", False), ("pypdf", False)])
def test_tab_separated_records_are_not_read_in_reading_order(tool, kind):
    # tesseract's TSV gives one word a line with its box: its numbers are not rows of values
    from recover.readers.extracted import _fields_by_tabs
    for path in sorted((ROOT / "tests" / "data" / "extracted" / tool).iterdir())[:2]:
        assert _fields_by_tabs(path.read_text(encoding="utf-8").split("\n")) is kind


# tesseract --psm 3 on two scanned packs (2019-07 reportlab, 2019-12 LibreOffice): the second
# arrow read as '1' or '4' between the two % changes
@pytest.mark.parametrize("values,tail,last,want", [
    ("23.1% 10.1% 7.6% 22.7% 31.3% 24.1% 16.3% 16.5% 23.3% 19.2% 29.6% 21.7% 27.0% 18.2%",
     "4 -33% t 80% 21.5% 31.3% P Local Local Local", "2019-06", "18.2%"),
    ("28.5% 26.6% 26.6% 15.8% 24.2% 34.7% 29.7% 30.3% 14.1% 21.0% 21.4% 7.5% 20.0% 23.0%",
     "T 15% 1 -14% ¥ 22.4% 34.7% P 28.6% 28.2% 30.1%", "2019-11", "23.0%"),
])
def test_ocr_arrow_read_as_a_digit_before_a_change(values, tail, last, want):
    run = [t.text for t in _tokens(values + " " + tail) if t.kind != "rule"]
    a = place_run(run, _header(14, last, TAIL13), lossy=True)
    assert a.cells[:14] == values.split() and a.cells[13] == want
    # placed and not doubted (a month no check pins against a digit slip is capped there)
    assert all(c >= CONF.slip_unpinned for c in a.confs[:14]), a.notes


def _inferred(header: Header) -> Header:
    header.inferred = header.window_unread = True
    return header


@pytest.mark.parametrize("values,tail,roles,doubted", [
    # tesseract --psm 3 of a 7-month reportlab table: '7' for '17' between '19' and '16' (the
    # row's median, 16, does not show it; the '6' the change pins is kept)
    ("19 7 16 13 21 23 6", "• -74% • -60% 16 24", TAIL13, {1}),
    # the same slip in a row of percentages, at the row's edge ('5%' for '15%' before '14% 12%')
    ("5% 14% 12% 19% 22% 9% 11%", "• 22% • -8% 15% 22%", TAIL13, {0}),
    # a count that dips ('9' among '12 13') is no lost digit
    ("9 12 9 13 18 8 9", "• 13% • -31% 14 24", TAIL13, set()),
])
def test_ocr_a_digit_lost_where_no_check_covers_the_month_is_doubted(values, tail, roles, doubted):
    W = len(values.split())
    a = place_run(values.split() + tail.split(), _header(W, "2020-01", roles), lossy=True)
    assert a.cells[:W] == values.split()
    assert {i for i, c in enumerate(a.confs[:W]) if c <= 0.3} == doubted, a.notes
    assert place_run(values.split() + tail.split(), _header(W, "2020-01", roles)).confs[:W] == [1.0] * W


@pytest.mark.parametrize("values,tail,roles,pinned", [
    # a 7-month row under a header rebuilt from the pack month and the rows' arithmetic: the
    # change pins the last two months, the window's length the rest (a row that lost its blank
    # month's dash verifies a window one shorter, its values a month late)
    ("59% 73% 78% 83% 89% 88%", "• -1% 38% 65% 89%", TAIL13, {4, 5}),
    # a 13-month row printing no average: the changes pin their months, nothing else does
    ("244 333 307 299 246 281 309 257 194 302 229 270 245", "→ -9% → 0%", ["pct_prev", "pct_year"], {0, 11, 12}),
])
def test_ocr_months_an_inferred_window_alone_places_are_not_sure(values, tail, roles, pinned):
    W = len(values.split())
    run = values.split() + tail.split()
    a = place_run(run, _inferred(_header(W, "2020-01", roles)), lossy=True)
    assert a.cells[:W] == values.split()
    assert {i for i, c in enumerate(a.confs[:W]) if c > 0.3} == pinned, a.notes
    # under a read header every month is kept (capped where no check rules out a digit slip)
    assert all(c >= CONF.slip_unpinned for c in place_run(run, _header(W, "2020-01", roles), lossy=True).confs[:W])


@pytest.mark.parametrize("tool,name,unread", [
    ("tesseract-psm3", "agenda_2021-02-11_scan200", False),        # the pack's read headers print 7 months
    ("tesseract-psm6", "agenda_2020-02-20_lo-nolines-scan200", False),
    ("tesseract-psm6", "agenda_2021-02-11_scan200", True),         # no header read: 6 months chosen by the rows
    # no header read, but some pages' labels reach back to the window's first month: the pack's
    # pages print one table, so those labels give every page's window
    ("tesseract-psm6", "agenda_2019-12-12_lo-ruled-scan300", False),
])
def test_ocr_pages_that_lost_their_header_doubt_what_only_the_window_s_length_places(tool, name, unread):
    from recover.readers.extracted import read_text
    path = ROOT / "tests" / "data" / "extracted" / tool / f"{name}.{tool}.txt"
    grids = [g for g in read_text(path.read_text(encoding="utf-8"), path.name)[0]
             if g.kind == "table" and g.meta.header_inferred]
    assert grids
    doubted = [g.page for g in grids if any("unchecked months unverified" in n for _, n in g.meta.row_notes)]
    assert bool(doubted) is unread, doubted


@pytest.mark.parametrize("word,want", [("T44%)", ["•", "44%"]), ("tT40%", ["•", "40%"]),
                                       ("+-1%", ["•", "-1%"]), ("L-14%", ["•", "-14%"]),
                                       ("Local", ["Local"]), ("(CiN)", ["(CiN)"])])
def test_ocr_arrow_letters_glued_to_a_change(word, want):
    assert [t.text for t in _tokens(word)] == want


@pytest.mark.parametrize("values,bad", [
    # a lost decimal point (2019-07 reportlab scan) and a lost leading digit (2021-01 reportlab scan)
    ("92.1% 91.3% 88.1% 91.0% 86.7% 89.5% 90.7% 88.4% 86.8% 86.4% 87.7%".replace("92.1%", "921%"), 0),
    ("171 168 170 171 173 168 167".replace("171", "71", 1), 0),
])
def test_ocr_value_the_checks_miss_is_not_sure(values, bad):
    run = values.split() + ["•", "1%", "•", "2%"]
    W = len(values.split())
    a = place_run(run, _header(W, "2019-06", ["pct_prev", "pct_year"]), lossy=True)
    assert a.confs[bad] <= 0.3 and any("unverified" in n for n in a.notes)


@pytest.mark.parametrize("pack,months", [("agenda_2019-07-11_scan300", 14),
                                         ("agenda_2019-12-12_lo-ruled-scan300", 14)])
def test_ocr_pages_read_in_the_pack_tables_months(pack, months):
    # OCR loses header labels page by page: every page of the pack reads the table's months
    from recover.readers.extracted.ordered import read_ordered
    for tool in ("tesseract-psm3", "tesseract-psm6"):
        path = ROOT / "tests" / "data" / "extracted" / tool / f"{pack}.{tool}.txt"
        grids, _ = read_ordered(path.read_text(encoding="utf-8"), path.name)
        assert grids and {g.meta.window for g in grids} == {months}, (tool, [g.meta.window for g in grids])


@pytest.mark.parametrize("values,tail,last", [
    # pdftotext -raw on two LibreOffice packs: the previous month's change prints its arrow after
    # the number, the year's change before it
    ("1620 1871 1598 1715 1463 1704 1572 1747 1660 1315 1210 1158 1354 1323",
     "-2% ⇒ ↓ -29% 1485 1747 - 1141 1067 1484 1306 1566", "2019-11"),
    ("14.5% 12.8% 12.0% 16.7% 25.8% 33.9% 31.0% 29.9% 32.7% 36.3% 40.7% 43.9% 31.0% 29.0%",
     "-6% ⇒ ↑ 127% 30.2% 43.9% P Local Local Local", "2019-11"),
])
def test_arrow_drawn_after_its_change(values, tail, last):
    run = [t.text for t in _tokens(values + " " + tail)]
    header = make_header(Frame(0, 0, tuple(month_range(last, 14)), tuple(month_range(last, 14))), [])
    a = place_run(run, header)
    assert a.cells[:14] == values.split() and all(c >= 0.9 for c in a.confs[:14]), a.notes
    assert a.cells[14].startswith(tail.split()[0])


@pytest.mark.parametrize("word,want", [("44%Local", ["44%", "Local"]), ("115Local", ["115", "Local"]),
                                       ("Local", ["Local"]), ("xLocal", ["xLocal"])])
def test_value_glued_to_a_benchmark_word(word, want):
    # pdfplumber and pypdf on LibreOffice packs without rules put no space between close cells
    assert [t.text for t in _tokens(word)] == want


def test_ocr_header_takes_a_longer_header_only_when_its_rows_print_that_many():
    # a pack may print a 7-month dataset and a 14-month Early Help table, both ending with the
    # pack month: a header OCR cut short follows whichever its rows' value counts say
    from recover.readers.extracted.ordered import _frames, _pack_months
    months14 = " ".join(label(m) for m in month_range("2021-01", 14))
    row7 = "| Number of things | 11 12 13 14 15 16 17 • 6% • 3% 14 17 |"
    row14 = "| Number of things | " + " ".join(str(20 + k) for k in range(14)) + " • 3% • 8% 27 33 |"
    for cut, row, want in ((" ".join(months14.split()[-5:]), row7, 7),
                           (" ".join(months14.split()[-7:]), row14, 14)):
        pages = ["Jul-20 Aug-20 Sep-20 Oct-20 Nov-20 Dec-20 Jan-21\n" + (row7 + "\n") * 3,
                 months14 + "\n" + (row14 + "\n") * 3,
                 cut + "\n" + (row + "\n") * 3]
        toks = _tokens("\n".join(pages))
        lines = [0, 4, 8, 12]
        ranges = [(next(i for i, t in enumerate(toks) if t.line > lines[k]),
                   next((i for i, t in enumerate(toks) if t.line > lines[k + 1]), len(toks))) for k in range(3)]
        frames = [_frames(toks, a, b) for a, b in ranges]
        got = _pack_months(toks, frames[2], frames, ranges[2][1])
        assert [len(f.months) for f in got] == [want]


@pytest.mark.parametrize("text,refs", [
    # pdftotext -raw on two LibreOffice packs whose titles and names are drawn apart ('stacked'):
    # a ref alone on its line, its months on the next
    ("M1\n1259 1358 1378 1215 997 1421 1309 1376 1649 1554 1433 1494 1754 17% 39% ▲ 1412 1754 - 1743\n"
     "M2 Number of new referrals of Children In Need (CiN)\n246 281 309 257 194 302 229 270 245 270 215 255 262 3% 7%\n"
     "M3\n19.5% 20.7% 22.4% 21.2% 19.5% 21.3% 17.5% 19.6% 14.9% 17.4% 15.0% 17.1% 14.9% ↓ -13% ↓ -24% 18.5%\n",
     ["M1", "M2", "M3"]),
    ("M1\n1215 997 1421 1309 1376 1649 1554 1433 1494 1754 1441 1620 1871 15% 54% ▼ 1493 1871 - 1743\n"
     "M2 Number of new referrals of Children In Need (CiN)\n257 194 302 229 270 245 270 215 255 262 226 235 240 → 2%\n"
     "EH1a\n35 18 33 23 24 19 20 37 21 37 19 42 18 -57% -49% ▲ 26 42 - 119 119 128\n", ["M1", "M2", "EH1a"]),
])
def test_ref_on_a_line_of_its_own_above_its_values(text, refs):
    toks = _tokens(text)
    assert [a.printed for a in find_anchors(toks, 0, len(toks))] == refs
    # a ref followed by a line of prose that starts with a number is no row
    prose = _tokens("M1\n12 cases were reviewed in the last quarter\n")
    assert find_anchors(prose, 0, len(prose)) == []


@pytest.mark.parametrize("line,want", [
    # pypdf and pdfplumber on LibreOffice packs: a value glued to the dash or marker of the next
    # (missing) month
    ("100.0% 100.0%- - 33.0% 100.0%- 100.0%- - n/a", ["100.0%", "100.0%", "-", "-", "33.0%", "100.0%", "-",
                                                   "100.0%", "-", "- n/a"]),
    ("306 313- 549 479", ["306", "313", "-", "549", "479"]),
    ("0 0- n/a ↓ -31%- n/a 13", ["0", "0", "- n/a", "↓", "-31%", "- n/a", "13"]),
    ("171 172 172tbc tbc 167", ["171", "172", "172", "tbc", "tbc", "167"]),
    # a dash ending a line, or before a word, is a wrapped label's ('12-' / 'month', 'Target 20-')
    ("Target 20-", ["Target", "20-"]), ("aged 0- 17 years", ["aged", "0-", "17", "years"]),
])
def test_value_glued_to_the_next_cells_missing_marker(line, want):
    assert [t.text for t in _tokens(line)] == want


_HEADER = ("Ref. Indicator\nOwner\nReporter\n" + " ".join(label(m) for m in month_range("2019-06", 14)) +
           " DoT England Commentary (Jun-19):\n")


def _apart_page(rows: str, block: str) -> str:
    return _HEADER + rows + block


# pypdf on a LibreOffice pack: the wrapped ref 'CP3-QL' / '(val)' comes among the titles, its
# row's names and values without it
_PYPDF_ROWS = (
    "CP2b %\nPhil Bellingham\nStuart Webber\n100.0% 100.0% - - 33.0% 100.0% - - 100.0% 100.0% 100.0% - "
    "100.0% - - n/a - n/a 88.8% 100.0% P 87.3% 79.8% 51.4%\n"
    "Phil Bellingham\nStuart Webber\n41 26 25 21 7 27 26 15 15 22 31 21 26 32 ↑ 23% ↑ 23% ▲ 22 32 - Local Local Local\n"
    "CP3-QL\nPhil Bellingham\nStuart Webber\n83.7% 74.3% 96.2% 72.4% 35.0% 67.5% 70.3% 60.0% 68.2% 59.5% 83.8% "
    "45.7% 47.3% 45.1% -5%⇒ ↓ -39% ▲ 62.6% 96.2% P 56.8% 82.3% 77.9%\n")
_PYPDF_BLOCK = ("Percentage of transfer-ins where child\nbecame subject to a CP Plan during\nperiod\n"
                "CP3-QL \n(val)\nNumber of children subject to Initial \nChild Protection Conferences (ICPCs) \n"
                "which were held within timescales \n(excludes transfer-ins)\n")
# pdftotext -raw on another LibreOffice pack: 'LAC6' / '(val)' apart, the title kept with the row
_RAW_ROWS = (
    "LAC3\nJane\nWhitby\nMary\nHartley\n16 15 27 16 17 17 15 11 24 11 16 14 19 17 ↓ -11% ↑ 13% ▲ 17 27 - Local Local Local\n"
    "Number of adoptions (E11, E12)\nJane\nWhitby\nMartin\nSmythe\n5 3 4 6 5 3 2 2 10 3 4 1 2 0 ↓ -100% ↓ -100% 4 10 - 3 2 3\n"
    "LAC6 (%)\nJane\nWhitby\nMartin\nSmythe\n31.3% 20.0% 14.8% 37.5% 29.4% 17.6% 13.3% 18.2% 41.7% 27.3% 25.0% 7.1% "
    "10.5% 0.0% ↓ -100% ↓ -100% ▲ 20.2% 41.7% P 26.4% 17.9% 20.0%\n")
_RAW_BLOCK = "LAC6\n(val)\nChildren who are being\nadopted will receive timely\nand effective support.\n"


@pytest.mark.parametrize("rows,block,ref,first,title", [
    (_PYPDF_ROWS, _PYPDF_BLOCK, "CP3-QL (val)", "41", "Number of children subject"),
    (_RAW_ROWS, _RAW_BLOCK, "LAC6 (val)", "5", "Number of adoptions (E11, E12)"),
])
def test_ref_drawn_apart_from_its_row_paired_by_the_registers_order(rows, block, ref, first, title):
    grids, _ = read_text(_apart_page(rows, block), "x")
    (g,) = grids
    got = {r[0].text: r for r in g.rows()[1:]}
    assert ref in got and got[ref][2].text == first and got[ref][1].text.startswith(title)
    assert got[ref][0].conf < 1.0           # paired by order, not by place
    # a second ref without values that also fits the gap: the run is nobody's
    other = {"CP3-QL (val)": "CP2b %\n", "LAC6 (val)": "LAC6 (%)\n"}[ref]
    grids, warnings = read_text(_apart_page(rows.replace(other, "", 1), block), "x")
    assert all(ref not in (r[0].text for r in g.rows()) for g in grids)


def test_title_ends_where_the_name_cells_were_glued_to_it():
    # pdfplumber on LibreOffice packs with stacked names: 'Juli' 'Jac' and the outcome's first
    # word joined to the title's line
    toks = _tokens("Number of Single Assessments (SA) JuliJacChildren receive a comprehensive\n"
                   "completed a qui assessment of their needs; with strengths")
    assert title_text(toks) == "Number of Single Assessments (SA)"
    toks = _tokens("Number of new referrals of Children In Need (CiN)\nybtihW")
    assert title_text(toks) == "Number of new referrals of Children In Need (CiN)"


def test_page_of_refs_drawn_apart_is_still_row_major():
    # pdftotext -raw on a LibreOffice page where most refs wrap and are drawn apart: few refs
    # have a run of their own, but every row still prints one run, and several runs in a gap
    # between two known rows go to the refs the register lists there, in order
    rows = ("LAC3\nJane\nWhitby\n16 15 27 16 17 17 15 11 24 11 16 14 19 17 ↓ -11% ↑ 13% ▲ 17 27 - Local Local Local\n"
            "Jane\nWhitby\n5 3 4 6 5 3 2 2 10 3 4 1 2 0 ↓ -100% ↓ -100% 4 10 - 3 2 3\n"
            "Jane\nWhitby\n31.3% 20.0% 14.8% 37.5% 29.4% 17.6% 13.3% 18.2% 41.7% 27.3% 25.0% 7.1% "
            "10.5% 0.0% ↓ -100% ↓ -100% ▲ 20.2% 41.7% P 26.4% 17.9% 20.0%\n"
            "Jane\nWhitby\n3 2 5 2 4 6 7 4 2 0 0 3 4 3 ↓ -25% ↑ 50% 3 7 - Local Local Local\n"
            "LAC7-QL Jane\nWhitby\n79.0% 83.0% 79.0% 79.0% 76.0% 80.0% 75.0% 80.0% 82.0% 77.0% 74.0% 76.0% 77.4% "
            "83.8% 8%\n⇒ 1%\n⇒ ▼ 78.3% 83.8% P 83.5% 84.2% 69.7%\n")
    block = ("LAC6\n(val)\nNumber of adoptions\nLAC6\n(%)\nPercentage of adoptions\n"
             "LAC12\n(val)\nNumber of Special\nGuardianship Orders\n")
    grids, _ = read_text(_apart_page(rows, block), "x")
    (g,) = grids
    got = {r[0].text: r[2].text for r in g.rows()[1:]}
    assert got == {"LAC3": "16", "LAC6 (val)": "5", "LAC6 (%)": "31.3%", "LAC12 (val)": "3", "LAC7-QL": "79.0%"}


@pytest.mark.parametrize("text,ref", [
    # pdfplumber on LibreOffice packs: a narrow ref cell's first line glued to the title's word
    ("CP3-Number of children subject to Initial Child\nQL Protection Conferences (ICPCs) which\n"
     "(val) were held within timescales", "CP3-QL (val)"),
    ("EH4-Percentage of Single Assessments (SA)\nQL completed within 45 working days", "EH4-QL"),
    ("NI14Percentage of Care Leavers in contact and\n7 in suitable accommodation", "NI147"),
    ("LAC Percentage of Looked after Children\n7-QLvisited within timescales", "LAC7-QL"),
])
def test_ref_glued_to_its_title_is_split_off(text, ref):
    toks = _tokens(text)
    (a,) = find_anchors(toks, 0, len(toks))
    assert a.printed == ref
    assert _tokens("Self-Harm and UK-Based services")[0].text == "Self-Harm"


@pytest.mark.parametrize("values,tail", [
    # pypdf on two LibreOffice packs: a row that left one month blank, its unsigned change glued
    # to the arrow drawn after it - no month prints an arrow, so the change is not a 14th month
    ("2 0 3 2 3 0 2 5 5 8 6 6 6", "0%⇒ - n/a ▼ 4 8 - Local Local Local"),
    ("17.4% 15.0% 17.1% 14.9% 15.7% 14.5% 12.8% 12.0% 16.7% 25.8% 33.9% 31.0% 29.9%", "9%⇒ ↑ 118% ▼ 21.4% 33.9% P"),
])
def test_change_glued_to_its_arrow_is_no_month(values, tail):
    run = [t.text for t in _tokens(values + " " + tail)]
    header = make_header(Frame(0, 0, tuple(month_range("2019-10", 14)), tuple(month_range("2019-10", 14))), [])
    a = place_run(run, header)
    assert tail.split()[0] not in a.cells[:14]
    assert not all(c >= 0.9 for c in a.confs[:14])


@pytest.mark.parametrize("values,tail,last,want", [
    # two LibreOffice packs (pypdf): a new indicator's first two months; the change from the
    # previous month pins them to the last two months, every earlier month is blank
    ("22 25", "↑ 14%- n/a 24 25 - Local Local Local", "2018-08", ["22", "25"]),
    ("1999 1967", "-2%- n/a 1983 1999 - 1894 1880 2952", "2018-08", ["1999", "1967"]),
])
def test_new_indicators_first_months_placed_by_the_change(values, tail, last, want):
    run = [t.text for t in _tokens(values + " " + tail)]
    header = make_header(Frame(0, 0, tuple(month_range(last, 13)), tuple(month_range(last, 13))), [])
    a = place_run(run, header)
    assert a.cells[:13] == [""] * 11 + want and all(c >= 0.9 for c in a.confs[:13]), a.notes
    # one value and no change to pin it: nowhere sure
    a = place_run([t.text for t in _tokens("1999 - n/a - n/a 1999 1999 - Local")], header)
    assert all(c <= 0.3 for c in a.confs[:13])


def test_text_first_row_short_of_values_is_unsure_where_no_check_sees():
    # pdfminer on two packs of a 14-month table: a row cut two values late lost its first
    # months to the row before; the 12-month average and the changes do not see month 0
    from recover.readers.extracted.rowdoubt import seen_by_checks
    header = make_header(Frame(0, 0, tuple(month_range("2019-07", 14)), tuple(month_range("2019-07", 14))), [])
    run = [t.text for t in _tokens("6 5 8 7 5 5 8 8 9 12 14 12 ↓ -14% ↑ 140% ▼ 8 14 - 8 9 7")]
    p = place_run(run, header)
    confs = seen_by_checks(p, list(p.confs[:14]))
    assert confs[0] <= 0.3
    full = place_run([t.text for t in _tokens("7 5 6 5 8 7 5 5 8 8 9 12 14 12 ↓ -14% ↑ 140% ▼ 8 14 - 8 9 7")], header)
    assert all(c >= 0.9 for c in full.confs[:14]), full.notes


@pytest.mark.parametrize("pack", ["agenda_2019-01-24_stacked-hairline", "agenda_2019-04-25_stacked-hairline"])
def test_text_first_rows_that_start_late_are_cut_and_sure_where_their_change_pins_them(pack):
    # pdfminer -V on the Early Help page of two reportlab stacked-hairline packs of a 13-month
    # table: EH14b and CIN5 print from Jul-18 only (6 and 9 values), which no cut into rows of 11
    # values or more fits, so the page was not read; a stacked look also prints every row's
    # benchmarks as one block, which a row that starts late must not be taken for
    gold = printed(f"{pack}.pdf")
    read = [o for o in observations("pdfminer-V", pack) if o.ref]
    assert not [o for o in read if o.status != "unreadable" and not _same(o, gold[(o.ref, o.month)])]
    assert len(read) == 12 * 13 and sum(_same(o, gold[(o.ref, o.month)]) for o in read) >= 0.65 * len(read)
    for ref in ("EH14b", "CIN5"):
        # blank months may sit anywhere: only the two months the % change names are sure
        sure = sorted(o.month for o in read if o.ref == ref and o.status == "ok")
        assert sure == sorted(m for r, m in gold if r == ref)[-2:]


@pytest.mark.parametrize("path,swapped", [
    # pdfminer -V, a 2020-09 reportlab pack (its CP table page and the dashboard page of CP1 and
    # CP6B): CP1's ref took CP6B's row and CP6B CP1's (both counts, each row's own arithmetic
    # passing); read alone, 14 cells were sure and wrong
    ("streams/pdfminer-V/agenda_2020-10-01_text.txt", {"CP1", "CP1-NI", "CP6B"}),
    # a 2020-06 pack whose charts agree with every row they print: nothing is unpaired
    ("extracted/pdfminer-V/agenda_2020-07-16_text.pdfminer-V.txt", set()),
])
def test_text_first_rows_their_refs_charts_contradict_are_left_unidentified(path, swapped):
    text = (ROOT / "tests" / "data" / path).read_text(encoding="utf-8")
    source = Path(path).name.split(".")[0] + ".pdf"
    gold = printed(source)
    grids, warnings = read_text(text, "s.txt")
    unpaired = [w for w in warnings if "dashboard chart prints other values" in w]
    assert len(unpaired) == (1 if swapped else 0)
    if not swapped:
        return
    assert all(ref in unpaired[0] for ref in swapped)
    # read through the pipeline alone: no sure value on the table page is wrong, and the rows
    # left unidentified give none under a ref
    sure = [o for o in observations("pdfminer-V", "agenda_2020-10-01_text") if o.ref and o.status == "ok"
            and o.confidence >= 0.95 and gold.get((o.ref, o.month), {}).get("page") == "5"]
    assert sure and not [o for o in sure if not _same(o, gold[(o.ref, o.month)])]
    assert not swapped & {o.ref for o in sure}


@pytest.mark.parametrize("pack,share", [("agenda_2019-10-17_text", 0.9), ("agenda_2021-02-11_text", 0.6)])
def test_text_first_values_before_the_header_that_names_them_are_read(pack, share):
    # pdfminer -V on a page of a 14-month and of a 7-month reportlab pack: every row's values, then
    # the refs and titles, then the month labels; nothing followed the header, so nothing was read
    text = (DATA / "pdfminer-V" / f"{pack}.txt").read_text(encoding="utf-8")
    from recover.readers.extracted.rows import runs_in
    tokens = tokenize(text.split("\n"))
    frame = find_frames(tokens)[0]
    runs = runs_in(tokens, 0, len(tokens))
    assert runs and all(r.start < frame.start for r in runs)
    gold = printed(f"{pack}.pdf")
    read = [o for o in observations("pdfminer-V", pack) if o.ref]
    assert not [o for o in read if o.status != "unreadable" and not _same(o, gold[(o.ref, o.month)])]
    assert read and sum(_same(o, gold[(o.ref, o.month)]) for o in read) >= share * len(read)


def test_two_rows_values_back_to_back_are_two_runs():
    # pypdf on LibreOffice packs whose wrapped refs were drawn apart: two rows' value lines
    # with nothing between them; a line holding only a row's tail continues the row before
    from recover.readers.extracted.rows import runs_in, split_rows
    text = ("83.0% 79.0% 79.0% 76.0% 80.0% 75.0% 80.0% 82.0% 77.0% 74.0% 76.0% 77.4% 83.8% 83.4% 0%⇒ 6%⇒ 78.6% 83.8% P\n"
            "488 479 473 466 462 458 462 453 465 469 464 485 474 484 2%⇒ 1%⇒ ▼ 467.92 485.00 - Local Local Local\n"
            "79.0% 83.0% 79.0% 79.0% 76.0% 80.0% 75.0% 80.0% 82.0% 77.0% 74.0% 76.0% 77.4% 83.8% 8%\n"
            "⇒ 1%\n⇒ ▼ 78.3% 83.8% P 83.5% 84.2% 69.7%\n")
    toks = _tokens(text)
    (run,) = runs_in(toks, 0, len(toks))
    parts = split_rows(toks, run, 15)
    assert [toks[p.start].line for p in parts] == [1, 2, 3]
    assert toks[parts[-1].end - 1].text == "69.7%"


@pytest.mark.parametrize("tool,pack,printed_csv", [
    # the Early Help table of two packs (reportlab: its page alone; LibreOffice: the whole file)
    # prints M5, which the register files with the MASH rows, between EH1b and EH14b
    ("streams/pdfminer", "agenda_2019-09-05_text", "printed.csv"),
    ("extracted/pdfminer", "agenda_2019-12-12_lo-ruled.pdfminer", "printed_lo.csv"),
])
def test_ref_of_another_section_between_two_of_one_keeps_the_page_paired(tool, pack, printed_csv):
    text = (ROOT / "tests" / "data" / tool / f"{pack}.txt").read_text(encoding="utf-8")
    refs = ["EH1a", "EH1c", "EH1b", "M5", "EH14b", "CIN5"]
    grids, warnings = read_text(text, "s.txt")
    (g,) = [g for g in grids if [row[0].text for row in g.rows()[1:]] == refs]
    source = pack.split(".")[0] + ".pdf"
    with (ROOT / "golden" / printed_csv).open(newline="") as f:
        gold = {(r["ref"], r["month"]): r for r in csv.DictReader(f) if r["source"] == source and r["kind"] == "table"}
    months = [c.text for c in g.rows()[0][2:16]]
    sure = wrong = 0
    for row in g.rows()[1:]:
        for label_, cell in zip(months, row[2:16]):
            want = gold[(row[0].text, parse_month(label_))]
            if cell.conf >= 0.8:
                sure += 1
                wrong += cell.text != want["printed"]
    assert wrong == 0 and sure >= 60
    # the refs on both sides of it still vouch for the tool's order: two of them swapped are not paired
    swapped = text.replace("\nEH1c\n", "\nTMP\n").replace("\nEH1a\n", "\nEH1c\n").replace("\nTMP\n", "\nEH1a\n")
    grids, warnings = read_text(swapped, "s.txt")
    assert any("print order" in w for w in warnings)
    assert not any("EH1a" in [row[0].text for row in g.rows()[1:]] for g in grids)


@pytest.mark.parametrize("last,rows,blank", [
    # pdfminer on two packs' Early Help table: M5 left a month blank, so its cut may start a cell
    # early, at the row before's last benchmark (294); every check passes either way
    ("2019-12", ["67 88 94 329 519 124 176 223 226 218 224 230 264 279 ⇒ 6% ↑ 217% ▲ 242 519 - 172 196 294",
                 "3 2 3 0 2 5 5 8 6 6 6 6 5 ↓ -17% ↑ 150% ▼ 5 8 - Local Local Local"], 6),
    ("2019-11", ["66 67 88 94 329 519 124 176 223 226 218 224 230 264 ↑ 15% ↑ 294% ▲ 226 519 - 172 196 294",
                 "0 3 2 3 0 2 5 5 8 6 6 6 6 ⇒ 0% ↑ 100% ▼ 4 8 - Local Local Local"], 7),
])
def test_text_first_row_whose_rival_start_is_unsure_is_unsure_there(last, rows, blank):
    from recover.readers.extracted.rowdoubt import rival_confs
    from recover.readers.extracted.textfirst import cut_rows
    header = _header(14, last, TAIL13 + ["percentage", "sn", "eng", "se", "target"])
    values = " ".join(rows).split()
    cuts = cut_rows(values, 2, header)
    placed = place_run(values[cuts[1].start:cuts[1].end], header)
    confs = rival_confs(values, cuts[1], placed, header)
    # the month left blank holds a value only in the earlier start's reading: never sure
    assert confs[blank] <= 0.3
    # the change from the previous month pins the month before the last either way
    assert confs[12] >= 0.8


@pytest.mark.parametrize("last,rows", [
    # pdfminer on two packs' LAC14 row (counts of 0-2) after a row of counts: a start one value
    # later is a rival (the first '0' could close the row before), but a '0' fits this row as
    # well as a benchmark of the row before, so the rival's unsure blank month is no doubt of ours
    ("2018-04", ["11 10 11 10 12 13 12 12 14 14 14 14 13 → -7% ↑ 18% 12 14",
                 "0 0 0 0 1 1 0 0 2 0 0 1 0 ↓ -100% - n/a 0 2"]),
    ("2019-01", ["14 14 14 13 13 13 15 12 13 12 12 13 12 -8% -14% ▲ 13 15",
                 "0 0 1 0 0 0 1 0 1 0 0 1 0 ↓ -100% - n/a ▲ 0 1"]),
])
def test_text_first_rival_start_whose_first_value_fits_the_row_doubts_only_where_it_differs(last, rows):
    from recover.readers.extracted.rowdoubt import rival_confs
    from recover.readers.extracted.textfirst import Cut
    header = _header(13, last, TAIL13 + ["percentage", "sn", "eng", "se", "target"])
    values = " ".join(rows).split()
    start = len(rows[0].split())
    cut = Cut(start, len(values), rivals=(start + 1,))
    placed = place_run(values[start:], header)
    rival = place_run(values[start + 1:], header)
    confs = rival_confs(values, cut, placed, header)
    differ = [i for i in range(13) if rival.cells[i] != placed.cells[i]]
    assert differ and all(confs[i] <= 0.3 for i in differ)
    assert all(confs[i] >= 0.8 for i in range(13) if i not in differ)


@pytest.mark.parametrize("path,printed_csv,n", [
    # pdftotext's default order on two packs: each row's cells together, but none beside its ref
    # (a 7-month reportlab page alone; a LibreOffice file whose Early Help and EH3 pages are so,
    # beside two pages read as one block before)
    ("streams/pdftotext/agenda_2021-06-03_text.txt", "printed.csv", 1),
    ("extracted/pdftotext/agenda_2020-02-20_lo-nolines.pdftotext.txt", "printed_lo.csv", 4),
])
def test_page_whose_row_runs_no_ref_claims_is_read_as_one_block(path, printed_csv, n):
    text = (ROOT / "tests" / "data" / path).read_text(encoding="utf-8")
    source = Path(path).name.split(".")[0] + ".pdf"
    with (ROOT / "golden" / printed_csv).open(newline="") as f:
        gold = [r for r in csv.DictReader(f) if r["source"] == source and r["kind"] == "table"]
    printed_rows = {}
    for r in gold:
        printed_rows.setdefault((r["page"], r["ref"]), {})[r["month"]] = r["printed"]
    grids, _ = read_text(text, "s.txt")
    read = [g for g in grids if g.kind == "table"]
    # (a page whose run holds a stretch no row start explains is read around it: one more)
    assert len(read) >= n
    sure_rows = 0
    for g in read:
        months = [parse_month(c.text) for c in g.rows()[0][2:2 + g.meta.window]]
        for row in g.rows()[1:]:
            sure = {m: c.text for m, c in zip(months, row[2:]) if c.conf >= 0.8}
            if not sure:
                continue
            sure_rows += 1
            # the refs are not the tool's order: a row keeps a ref only where the refs turned back
            # (textfirst.print_order) give the register's order, and what it then holds for sure
            # is that ref's printed values; else it stays unidentified, holding one printed row's
            if row[0].text:
                assert any(all(p.get(m) == v for m, v in sure.items())
                           for (_, ref), p in printed_rows.items() if ref == row[0].text), (row[0].text, sure)
            assert any(all(p.get(m) == v for m, v in sure.items()) for p in printed_rows.values()), sure
    assert sure_rows >= 3


@pytest.mark.parametrize("pack,ref", [
    # pdftotext's default order on two packs gives a table's refs one under another as a block;
    # the last of them is followed, many lines later, by whichever row's values the tool gave
    # next (EH4 (val)'s under CP6B, a percentage row's under LAC16)
    ("agenda_2020-11-19_text", "CP6B"),
    ("agenda_2019-01-24_stacked-hairline", "LAC16"),
])
def test_last_of_a_block_of_refs_takes_no_run_by_place(pack, ref):
    text = (DATA / "pdftotext" / f"{pack}.txt").read_text(encoding="utf-8")
    gold = printed(f"{pack}.pdf")
    grids, _ = read_text(text, "s.txt")
    held = [row for g in grids for row in g.rows()[1:] if row[0].text == ref]
    assert all(not c.text or c.conf < 0.8 for row in held for c in row[2:])
    for g in grids:
        months = [parse_month(c.text) for c in g.rows()[0][2:]]
        for row in g.rows()[1:]:
            for m, c in zip(months, row[2:]):
                if row[0].text and m and c.conf >= 0.8 and (row[0].text, m) in gold:
                    assert c.text == gold[(row[0].text, m)]["printed"], (row[0].text, m)


def _read_sample(path: str, printed_csv: str):
    """A committed sample (tests/data/PATH, named after its source PDF) read, and that PDF's
    printed table cells {(ref, month): printed} from golden/PRINTED_CSV."""
    text = (ROOT / "tests" / "data" / path).read_text(encoding="utf-8")
    source = Path(path).name.split(".")[0] + ".pdf"
    with (ROOT / "golden" / printed_csv).open(newline="") as f:
        gold = {(r["ref"], r["month"]): r["printed"] for r in csv.DictReader(f)
                if r["source"] == source and r["kind"] == "table" and r["set"] == "full"}
    grids, _ = read_text(text, "s.txt")
    return grids, gold


@pytest.mark.parametrize("path,printed_csv,ref", [
    # pdftotext's default order on three packs of both renderers gives a ref, then the table's
    # header cells (the text columns' labels, month labels, a commentary label), then another
    # row's values: LAC16 before 'Indicator' / 'Ref.' / 'Reporter', CP6B-NI before the month
    # labels its own values are scattered among, FM012 before 'Commentary (Sep-21)'
    ("extracted/pdftotext/agenda_2020-07-16_text.pdftotext.txt", "printed.csv", "LAC16"),
    ("streams/pdftotext/agenda_2021-04-15_text.txt", "printed.csv", "CP6B-NI"),
    ("streams/pdftotext/agenda_2021-10-28_lo-stacked-hairline.txt", "printed_lo.csv", "FM012"),
])
def test_ref_with_the_header_before_its_run_takes_no_run_by_place(path, printed_csv, ref):
    grids, gold = _read_sample(path, printed_csv)
    right = 0
    for g in grids:
        months = [parse_month(c.text) for c in g.rows()[0][2:]]
        for row in g.rows()[1:]:
            sure = [(m, c.text) for m, c in zip(months, row[2:]) if m and c.conf >= 0.8]
            assert row[0].text != ref or not sure, sure
            for m, v in sure:
                if row[0].text and (row[0].text, m) in gold:
                    assert v == gold[(row[0].text, m)], (row[0].text, m)
                    right += 1


@pytest.mark.parametrize("label,after,want", [
    ("Commentary", "(Nov-20)", "2020-11"),       # tesseract --psm 6 of a LibreOffice pack
    ("Commentary", "(Aug-19):", "2019-08"),      # the label's colon kept
    ("Commentary", "(jul-19):", "2019-07"),      # a capital read small
    ("Comment", "[Mar-21]", "2021-03"),
    ("Commentary", "Nov-20", None),              # a month after the word, not the label's own
    ("Target", "(Nov-20)", None),
    ("Commentary", "(during)", None),
])
def test_the_commentary_label_names_the_pack_month(label, after, want):
    from recover.printed.headers import commentary_month
    assert commentary_month(label, after) == want


@pytest.mark.parametrize("tool,name,pack", [
    ("tesseract-psm6", "agenda_2019-12-12_lo-ruled-scan300", "2019-11"),
    ("tesseract-psm3", "agenda_2021-02-11_scan200", "2021-01"),
    ("tesseract-psm3", "agenda_2019-07-11_scan300", "2019-06"),
])
def test_ocr_pack_month_from_the_commentary_label_where_the_header_lost_its_labels(tool, name, pack):
    """OCR loses a header's small month labels: with one label of the pack month left in the whole
    text (the first page's title), the commentary column's label on every page names it."""
    from recover.readers.extracted.infer import infer_pack
    from recover.readers.extracted.tokens import MONTH
    text = (ROOT / "tests" / "data" / "extracted" / tool / f"{name}.{tool}.txt").read_text(encoding="utf-8")
    toks = _tokens(text.replace("\f", "\n"))
    title = next(t for t in toks if t.kind == MONTH and parse_month(t.text) == pack)
    lost = [t for t in toks if t.kind != MONTH or t is title]
    assert infer_pack(lost, 0, len(lost)) == (pack, "the commentary label's month")
    # without the commentary labels, one label is no pack month
    bare = [t for t in lost if not t.text.lower().startswith("comment")]
    assert infer_pack(bare, 0, len(bare))[0] is None


_YEAR_ROWS = (  # tesseract --psm 6 of a 13-month reportlab table (2019-01) and seed 003
    "302 229 270 245 270 215 255 262 226 235 240 192 286 T 49% > -5% 244 286",
    "244 333 307 299 246 281 309 257 194 302 229 270 245 → -9% → 0% 273 333",
)


@pytest.mark.parametrize("rows,W,bound", [
    (_YEAR_ROWS, 13, True),
    (_YEAR_ROWS[:1], 13, False),                  # one row is no length
    (_YEAR_ROWS, 14, False),                      # a window whose first month no check names
    (_YEAR_ROWS, 12, False),
])
def test_ocr_rows_whose_year_change_names_their_first_value_give_the_window(rows, W, bound):
    from recover.readers.extracted.infer import year_bound
    runs = [[t.text for t in _tokens(r) if t.kind != "rule"] for r in rows]
    assert year_bound(runs, _header(W, "2019-01", TAIL13)) is bound


@pytest.mark.parametrize("values,tail,whole", [
    # tesseract --psm 6, 2018-09 LibreOffice: a row of small counts that prints all 13 months,
    # and the same row with a month lost
    ("1 1 7 1 9 1 1 1 0 7 0 3 2", "33% 100% 3 9", True),
    ("1 1 7 1 9 1 1 0 7 0 3 2", "33% 100% 3 9", False),
    # seed 003's M2: all 13 months; lost values
    ("244 333 307 299 246 281 309 257 194 302 229 270 245", "→ -9% → 0% 273 333", True),
    ("244 333 307 246 281 309 257 194 302 229 270 245", "→ -9% → 0% 273 333", False),
])
def test_a_row_that_prints_a_year_of_values_verifies_a_guessed_window_itself(values, tail, whole):
    from recover.readers.extracted.rowdoubt import pinned_in_guessed_window
    run = [t.text for t in _tokens(values + " " + tail) if t.kind != "rule"]
    placed = place_run(run, _header(13, "2018-08", TAIL13), lossy=True)
    confs = pinned_in_guessed_window(placed, list(placed.confs[:13]))
    sure = {i for i, c in enumerate(confs) if c > 0.3}
    if whole:
        assert confs == placed.confs[:13] and len(sure) >= 11
    else:
        assert sure <= {11, 12}, (confs, placed.notes)     # what the change from last month pins


@pytest.mark.parametrize("values,tail,last", [
    # tesseract --psm 6 of reportlab packs: the '→' of a change under 10% read as '7', glued
    # after an unsigned change too (2018-04, 13 months; 2021-12 and 2020-04, 7 months)
    ("88.1% 88.1% 86.8% 90.4% 92.1% 91.3% 88.1% 91.0% 86.7% 89.5% 90.7% 88.4% 86.8%",
     "7 -2% 7 -1% 89.2% 92.1%", "2018-04"),
    ("173 173 172 171 170 168 170 171 173 168 167 168 171", "7 2% 7 -1% 170.17 173.00", "2018-04"),
    ("284 271 243 278 253 276 271", "7 -2% 1 24% 259 285", "2021-12"),
    ("31% 29% 25% 29% 28% 25% 25%", "7 0% 4 -19% 31% 44%", "2020-04"),
])
def test_ocr_similar_arrow_read_as_a_seven(values, tail, last):
    W = len(values.split())
    run = [t.text for t in _tokens(values + " " + tail) if t.kind != "rule"]
    a = place_run(run, _header(W, last, TAIL13), lossy=True)
    assert a.cells[:W] == values.split() and all(c >= CONF.slip_unpinned for c in a.confs[:W]), a.notes


@pytest.mark.parametrize("values,tail,pinned", [
    # tesseract --psm 6, 2020-11 LibreOffice: a digit of the rotated names column before CP9's
    # values, which lost its 98 ('2 109 77 28 77 62 56' for '109 98 77 28 77 62 56')
    ("2 109 77 28 77 62 56", "J -10% 1 -59% 88 133", {5, 6}),
    # the same in a row of counts a year long (a '3' before M2's values, 245 lost)
    ("3 244 333 307 299 246 281 309 257 194 302 229 270", "→ 10% → 0% 273 333", {11, 12}),
])
def test_ocr_odd_first_value_may_be_no_month(values, tail, pinned):
    W = len(values.split())
    run = [t.text for t in _tokens(values + " " + tail) if t.kind != "rule"]
    a = place_run(run, _header(W, "2020-11", TAIL13), lossy=True)
    assert {i for i, c in enumerate(a.confs[:W]) if c > 0.3} <= pinned, a.notes
    # a row of percentages whose first month lost a digit ('5%' for '15%') keeps the rest
    b = place_run("5% 14% 12% 19% 22% 9% 11% • 22% • -8% 15% 22%".split(), _header(7, "2020-01", TAIL13),
                  lossy=True)
    assert [i for i, c in enumerate(b.confs[:7]) if c <= 0.3] == [0]


@pytest.mark.parametrize("values,tail,W,sure", [
    # tesseract --psm 6, 2020-11 LibreOffice: LAC1-NI kept two of its 7 months, '97 102' for
    # '98 102': +4% holds for both within rounding, and two values give nothing else to go on
    ("97 102", "> 4% > 2% 97 102", 7, set()),
    ("56 62", "• 11% • -8% 58 66", 7, set()),
    # three values or more: the change pins its months, the row's look doubts the odd value
    ("56 62 60", "• -3% • -8% 58 66", 7, {5, 6}),
    ("244 333 307 299 246 281 309 257 194 302 270 245", "→ -9% → 0% 273 333", 13, {11, 12}),
])
def test_ocr_a_row_left_with_two_values_keeps_only_what_two_changes_vouch_for(values, tail, W, sure):
    run = [t.text for t in _tokens(values + " " + tail) if t.kind != "rule"]
    a = place_run(run, _header(W, "2020-11", TAIL13), lossy=True)
    assert {i for i, c in enumerate(a.confs[:W]) if c > 0.3} == sure, a.notes


@pytest.mark.parametrize("text,refs", [
    # tesseract --psm 6 of a reportlab pack (2021-12): a line of the narrow ref cell left empty,
    # led by a rule OCR read as '=', between 'LAC' '10 (' and '%)'
    ("LAC Percentage of Looked after Children with w > Children have good quality care plans\n"
     "10 ( an authorised CLA plan 2 which they have contributed\n= y wes t Hie\n"
     "%) 8 & meet their needs. 95% 96% 94% 95% 95% 94% 98% 4 4% + 2% 95% 98% Local", ["LAC10 (%)"]),
    # the same pack in tesseract --psm 3, which kept no such line
    ("LAC Percentage of Looked after Children with w > Children have good quality care plans\n"
     "10 ( an authorised CLA plan 2 Fs which they have contributed\n"
     "%) 8 & meet their needs. 95% 96% 94% 95% 95% 94% 98% 4 4% + 2% 95% 98% Local", ["LAC10 (%)"]),
    ("LAC Number of Looked after Children aged 16+ or\n11- = open Care Leavers with an\n= |\n"
     "QL Pathway Plan 97% 97% 99% 97% 97% 96% 95% → -1% → -2% 97% 99%", ["LAC11-QL"]),
])
def test_ocr_ref_wrapped_around_a_line_its_cell_left_empty(text, refs):
    toks = _tokens(text)
    assert [a.printed for a in find_anchors(toks, 0, len(toks))] == refs


@pytest.mark.parametrize("header,pack,span", [
    # tesseract --psm 6 of reportlab and LibreOffice packs: a wrapped '% change from' label whose
    # month OCR put after the last column's on the next line names no column
    ("Dec-19 Feb-20 from from en a Commentary (Apr-20)\nMar-20 Apr-19", "2020-04", 5),
    ("May-20 Aug-20 Sep-20 % change from | % change from\nOct-20 Nov-19", "2020-11", 7),
    ("Dec-19 Feb-20 Mar-20 Apr-20", "2020-04", 5),
])
def test_ocr_a_label_after_a_later_month_is_no_column(header, pack, span):
    from recover.readers.extracted.infer import surviving_span
    toks = _tokens(header)
    assert surviving_span(toks, 0, len(toks), pack) == span


@pytest.mark.parametrize("printed,prev,last,lossy,want", [
    # tesseract's plain text drops the minus after an arrow ('↓ -57%' read '1 57%'): weak there,
    # still a failure in a text layer's text
    ("57%", "100", "43", True, "weak"),
    ("• 6%", "50", "47", True, "weak"),
    ("57%", "100", "43", False, "fail"),
    ("57%", "100", "60", True, "fail"),          # a change that holds for neither sign
    # the arrow read as '7' and glued to the change ('→ 7%' read '77%'), OCR'd text only
    ("77%", "100", "107", True, "pass"),
    ("75%", "20", "21", True, "pass"),
    ("77%", "100", "107", False, "fail"),
])
def test_ocr_change_damage_read_only_in_ocr_text(printed, prev, last, lossy, want):
    from recover.printed.numbers import parse_value
    from recover.readers.extracted.checks import check_change
    got = check_change("pct_prev", printed, parse_value(prev), parse_value(last), (0, 1), lossy, signs_lost=lossy)
    assert got.result == want


def test_ocr_tsv_keeps_a_change_that_fails_by_its_sign_a_failure():
    # tesseract's TSV keeps a word's minus with it: a sign that disagrees is a misread or a
    # shifted cell, which its reader blames on the cell that breaks the check
    from recover.printed.numbers import parse_value
    from recover.readers.extracted.checks import check_change
    for printed, prev, last in (("57%", "100", "43"), ("6%", "50", "47")):
        assert check_change("pct_prev", printed, parse_value(prev), parse_value(last), (0, 1), True).result == "fail"


@pytest.mark.parametrize("path,printed_csv,ref", [
    # pdfminer on a page of two packs of both renderers gives the first month's boxes of close rows
    # interleaved ('1 9 3 5 6' for LAC2's '1 5 6' and the next rows' first values; '8 5 6' for
    # CP2-NI's '8 6' and CP4 (val)'s '5'): the rows after come short of values, and the row cut
    # before them passes its checks on the last months with its first months a value off
    ("streams/pdfminer/agenda_2021-02-11_text.txt", "printed.csv", "LAC2"),
    ("streams/pdfminer/agenda_2021-07-08_lo-charts.txt", "printed_lo.csv", "CP2-NI"),
])
def test_text_first_row_beside_one_short_of_values_is_unsure_where_no_check_sees(path, printed_csv, ref):
    grids, gold = _read_sample(path, printed_csv)
    held = right = 0
    for g in grids:
        months = [parse_month(c.text) for c in g.rows()[0][2:]]
        for row in g.rows()[1:]:
            held += row[0].text == ref
            for m, c in zip(months, row[2:]):
                if row[0].text and m and c.conf >= 0.8 and (row[0].text, m) in gold:
                    assert c.text == gold[(row[0].text, m)], (row[0].text, m)
                    right += 1
    assert held and right >= 20


@pytest.mark.parametrize("path,rows", [
    # pdftotext -raw on a page of two LibreOffice packs: each row's values on a line of their own,
    # one block broken only by the refs printed on one line (the wrapped ones come later, with
    # the titles); the block was taken for one text-first run and not read
    ("streams/pdftotext-raw/agenda_2019-10-17_lo-stacked-hairline.txt", 11),
    ("streams/pdftotext-raw/agenda_2021-05-20_lo-stacked.txt", 8),
])
def test_block_of_value_lines_broken_by_one_line_refs_is_read_row_major(path, rows):
    grids, gold = _read_sample(path, "printed_lo.csv")
    held = set()
    for g in grids:
        months = [parse_month(c.text) for c in g.rows()[0][2:]]
        for row in g.rows()[1:]:
            for m, c in zip(months, row[2:]):
                if row[0].text and m and c.conf >= 0.8 and (row[0].text, m) in gold:
                    assert c.text == gold[(row[0].text, m)], (row[0].text, m)
                    held.add(row[0].text)
    assert len(held) >= rows, held


@pytest.mark.parametrize("pack", ["agenda_2021-11-11_lo-hairline", "agenda_2021-04-15_lo-charts"])
def test_run_of_missing_markers_is_paired_with_its_ref_drawn_apart(pack):
    # pypdf on the last table page of two LibreOffice packs: LSCB17a's wrapped ref is drawn apart
    # and its run prints no value ('- - - ... - n/a - n/a - -'): no unit contradicts the ref the
    # register's order puts there
    text = (DATA / "pypdf" / f"{pack}.txt").read_text(encoding="utf-8")
    with (ROOT / "golden" / "printed_lo.csv").open(newline="") as f:
        gold = {(r["ref"], r["month"]): r["printed"] for r in csv.DictReader(f)
                if r["source"] == f"{pack}.pdf" and r["kind"] == "table" and r["set"] == "full"}
    grids, _ = read_text(text, "s.txt")
    held = set()
    for g in grids:
        if g.kind != "table":
            continue
        months = [parse_month(c.text) for c in g.rows()[0][2:]]
        for row in g.rows()[1:]:
            for m, c in zip(months, row[2:]):
                if row[0].text and m and c.conf >= 0.8 and (row[0].text, m) in gold:
                    assert c.text == gold[(row[0].text, m)], (row[0].text, m)
                    held.add((row[0].text, m))
    assert sum(1 for r, _ in held if r == "LSCB17a") == 7


# ----------------------------------------------------------------------------- a stretch no row start explains

GAPPED = [
    # pdfminer, the Early Help table of both producers: a new indicator prints two months' values
    # ('22 25 ↑ 14% - n/a 24 25 - Local Local Local'), too few for any row start of 13 months
    ("agenda_2018-09-06_text", "printed.csv", 5, ["EH14b", "CIN5"], []),
    ("agenda_2018-09-06_lo-ruled", "printed_lo.csv", 5, ["EH14b", "CIN5"], []),
]


@pytest.mark.parametrize("pack", ["agenda_2018-05-03_lo-nolines", "agenda_2018-10-25_lo-ruled"])
def test_a_stretch_beside_a_row_that_may_be_two_leaves_the_page_unread(pack):
    # pdfminer on LibreOffice pages of small counts: close rows' boxes interleaved, two rows read
    # as one beside the stretch (its tail holds both rows' arrows): neither side's count is sure
    text = (DATA / "pdfminer" / f"{pack}.txt").read_text(encoding="utf-8")
    grids, warnings = read_text(text, "s.txt")
    assert any("could not be cut into" in w for w in warnings)
    assert not [g for g in grids if g.kind == "table"]


def _page_gold(printed_csv: str, source: str, page: int) -> dict[tuple[str, str], dict]:
    with (ROOT / "golden" / printed_csv).open(newline="") as f:
        return {(r["ref"], r["month"]): r for r in csv.DictReader(f)
                if r["source"] == source and r["kind"] == "table" and r["set"] == "full" and int(r["page"]) == page}


def _sure_and_wrong(g, gold: dict) -> tuple[int, int]:
    months = [c.text for c in g.rows()[0][2:2 + len(g.rows()[0])] if parse_month(c.text)]
    sure = wrong = 0
    for row in g.rows()[1:]:
        if not row[0].text:
            continue
        for label_, cell in zip(months, row[2:2 + len(months)]):
            want = gold[(row[0].text, parse_month(label_))]
            if cell.conf >= 0.8:
                sure += 1
                wrong += cell.text != want["printed"]
    return sure, wrong


@pytest.mark.parametrize("pack,printed_csv,page,lost,unsure", GAPPED)
def test_rows_on_both_sides_of_a_stretch_no_row_start_explains(pack, printed_csv, page, lost, unsure):
    # the rows before it are counted from the first ref, the rows after it from the last; the
    # stretch's rows are not read (the page was left unread before)
    text = (DATA / "pdfminer" / f"{pack}.txt").read_text(encoding="utf-8")
    grids, warnings = read_text(text, "s.txt")
    (said,) = [w for w in warnings if "could not be cut from the run" in w]
    assert said.split("the values of ")[1].split(" could not")[0] == ", ".join(lost)
    doubted = [w for w in warnings if "is in doubt" in w]
    assert [w.split("rows around ")[1].split(" is in doubt")[0] for w in doubted] == ([", ".join(unsure)] if unsure else [])
    gold = _page_gold(printed_csv, f"{pack}.pdf", page)
    page_refs = list(dict.fromkeys(ref for ref, _ in gold))
    (g,) = [g for g in grids if g.kind == "table"]
    assert [row[0].text for row in g.rows()[1:]] == ["" if r in unsure else r for r in page_refs if r not in lost]
    sure, wrong = _sure_and_wrong(g, gold)
    assert wrong == 0 and sure >= 0.7 * 13 * (len(page_refs) - len(lost) - len(unsure))


@pytest.mark.parametrize("pack,printed_csv", [("agenda_2018-09-06_text", "printed.csv"),
                                              ("agenda_2018-09-06_lo-ruled", "printed_lo.csv")])
def test_a_section_the_register_files_last_may_open_the_page(pack, printed_csv):
    # the Early Help table prints EH1b, EH14b, CIN5 (which the register files after every other
    # section) before EH2 ... EH3e%: each section's refs together, in the register's order
    text = (DATA / "pdfminer" / f"{pack}.txt").read_text(encoding="utf-8")
    grids, warnings = read_text(text, "s.txt")
    assert not any("print order" in w for w in warnings)
    (g,) = [g for g in grids if g.kind == "table"]
    assert "EH2" in [row[0].text for row in g.rows()[1:]]

    def swap(a: str, b: str) -> str:
        return text.replace(f"\n{a}\n", "\nTMP\n").replace(f"\n{b}\n", f"\n{a}\n").replace("\nTMP\n", f"\n{b}\n")
    # two refs of one section swapped, or a ref of one section's block put into the other's
    for a, b in (("EH3a%", "EH3b%"), ("EH14b", "EH2"), ("CIN5", "EH3")):
        grids, warnings = read_text(swap(a, b), "s.txt")
        assert any("print order" in w for w in warnings), (a, b)
        assert not any(row[0].text for g in grids if g.kind == "table" for row in g.rows()[1:])
