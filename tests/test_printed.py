"""recover/printed/: the vocabulary every reader and the table stage share. Each rule is shown on
several inputs of its class (spellings the packs print, damage OCR and extractors do)."""
import pytest

from recover.printed.cells import month_value_like
from recover.printed.confusions import fold_lookalikes, one_slip_variants
from recover.printed.glued import UNREAD_ARROW, split_glued
from recover.printed.months import (is_month_name_only, looks_damaged, month_add, month_in_cell, month_range,
                                    months_in_text, names_month, parse_month, repair_sequence)
from recover.printed.numbers import is_missing, is_number_token, odd_in_row, parse_change, parse_value
from recover.printed.refs import fold_label, is_ref_like, split_glued_ref, starts_like_ref
from recover.printed.roles import Role, change_basis, classify


@pytest.mark.parametrize("text,ym", [
    ("Oct-19", "2019-10"), ("Mar20", "2020-03"), ("Sept-19", "2019-09"), ("Sep 2019", "2019-09"),
    ("0ct-19", "2019-10"), ("Apr-l8", "2018-04"), ("May-2O", "2020-05"),
    ("12-mnth", None), ("M1", None), ("Target 19-20", None), ("", None),
])
def test_parse_month(text, ym):
    assert parse_month(text) == ym


def test_month_arithmetic():
    assert month_add("2019-12", 1) == "2020-01"
    assert month_range("2020-04", 7) == ["2019-10", "2019-11", "2019-12", "2020-01", "2020-02", "2020-03", "2020-04"]
    assert months_in_text("% change from Jul-21") == ["2021-07"]


@pytest.mark.parametrize("labels,at,month", [
    (["Apr-17", "May-17", "Jun-17", "Jul-17", "Aug-10"], 4, "2017-08"),     # a year misread at the end
    (["Oct-19", "Nov-19", "Dec-18", "Jan-20", "Feb-20"], 2, "2019-12"),     # a year misread in the middle
    (["%%%", "Jul-17", "Aug-17", "Sep-17", "Oct-17"], 0, "2017-06"),        # a label OCR could not read
])
def test_repair_sequence_fixes_an_ocr_label(labels, at, month):
    fixed, changed = repair_sequence([parse_month(t) for t in labels])
    assert fixed[at] == month and changed == [at]


def test_repair_sequence_trusts_no_minority():
    parsed = [parse_month(t) for t in ["Apr-17", "May-18", "Jun-19"]]     # no two labels agree
    assert repair_sequence(parsed) == (parsed, [])


@pytest.mark.parametrize("text,value,status,decimals,pct", [
    ("1354", 1354, "ok", 0, False), ("1,576", 1576, "ok", 0, False), ("19.1%", 19.1, "ok", 1, True),
    ("31%", 31, "ok", 0, True), ("34.00", 34, "ok", 2, False), ("-", None, "missing", None, False),
    ("tbc", None, "missing", None, False), ("TBC", None, "missing", None, False), ("n/a", None, "missing", None, False),
    ("", None, "missing", None, False), ("12 3", None, "unreadable", None, False), ("l2", None, "unreadable", None, False),
])
def test_parse_value(text, value, status, decimals, pct):
    v = parse_value(text)
    assert (v.value, v.status, v.decimals, v.is_percent) == (value, status, decimals, pct)


def test_change_cells_strip_arrows():
    assert parse_change("↑ 20%").value == 20
    assert parse_change("\uf0e2 -4%").value == -4
    v = parse_change("1 20%")           # an arrow OCR'd as '1'
    assert v.value == 20 and v.conf < 0.9


# ---- months: every matcher is the one grammar ------------------------------------------------------
@pytest.mark.parametrize("text,label", [("jJun-19", "Jun-19"), ("Commentary (jan-21)", None), ("'Mar-20.", "Mar-20"),
                                        ("pul-20", None)])
def test_a_label_with_stray_characters_is_found_inside_the_cell(text, label):
    assert month_in_cell(text) == label


@pytest.mark.parametrize("text", ["Au6-19", "5ep-18", "N0v-17"])
def test_digits_read_for_the_letters_of_a_month_name(text):
    assert parse_month(text) is not None


@pytest.mark.parametrize("text,ok", [("Mar-", True), ("Sept ", True), ("Mar-20", False), ("Marks", False)])
def test_a_month_name_whose_year_wrapped_away(text, ok):
    assert is_month_name_only(text) is ok


@pytest.mark.parametrize("text,ok", [("pl-20", True), ("pul-20", True), ("Apr-20", True), ("Indicator", False)])
def test_labels_damaged_beyond_parsing_still_look_like_labels(text, ok):
    assert looks_damaged(text) is ok


# ---- numbers and missing tokens: one set for every reader -------------------------------------------
@pytest.mark.parametrize("text", ["-", "–", "tbc", "TBC.", "n/a", "- n/a", "N/A", "tba", "*"])
def test_missing_tokens_agree_between_the_parser_and_the_cell_kinds(text):
    assert is_missing(text) and parse_value(text).status == "missing" and month_value_like(text)


@pytest.mark.parametrize("text,ok", [("1,576", True), ("−4.5%", True), ("1,57", False), ("12.", False), ("↑20%", False)])
def test_a_number_token_is_the_grammar_and_nothing_else(text, ok):
    assert is_number_token(text) is ok


@pytest.mark.parametrize("text,value", [("4 -5%", -5), ("> 12%", 12), ("» -3%", -3)])
def test_arrows_read_as_digits_or_marks_before_a_change(text, value):
    v = parse_change(text)
    assert v.value == value and v.conf < 0.9


# ---- OCR confusions -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,folded", [("СР6В", "CP6B"), ("ЕН3а", "EH3a"), ("Μ2-ΝΙ", "M2-NI"), ("ＬＡＣ１", "LAC1")])
def test_look_alike_scripts_fold_to_latin(text, folded):
    assert fold_lookalikes(text) == folded


@pytest.mark.parametrize("label,folded", [("LACL3", "LAC13"), ("LACI0", "LAC10"), ("LSCB17a", "LSCB17a"), ("CP6B", "CP6B")])
def test_a_dashboard_label_gets_its_digits_back_but_not_letters_refs_print(label, folded):
    assert fold_label(label) == folded


@pytest.mark.parametrize("read,printed", [("38", "88"), ("38", "3.8"), ("38", "318"), ("171", "111"),
                                          ("44%", "4.4%"), ("1,56", "1,576")])
def test_one_slip_variants_undo_a_digit_a_point_or_a_lost_digit(read, printed):
    assert printed in {t for t, _ in one_slip_variants(read)}


# ---- refs -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,ref,title", [
    ("M2 Number of new referrals", "M2", "Number of new referrals"),
    ("CP3-QL (Number of children", "CP3-QL (", "Number of children"),
    ("LAC10 (%) Percentage of", "LAC10 (%)", "Percentage of"),
    ("Number of contacts", "", "Number of contacts"),
])
def test_a_ref_glued_to_its_title_is_split_once_for_every_reader(text, ref, title):
    assert split_glued_ref(text) == (ref, title)


@pytest.mark.parametrize("text,ok", [("CP3-QL (", True), ("CP5-QL (va", True), ("M2 - NI", True), ("СР БВ", True),
                                     ("Mé-QL", True), ("Mé", True),     # a 6 read as 'é'
                                     ("tbc", False), ("Number of", False), ("Renée", False)])
def test_a_ref_cell_may_be_cut_spaced_or_in_look_alikes(text, ok):
    assert is_ref_like(text) is ok


def _register_refs(path=None) -> list[str]:
    from recover.register import load_register
    return [i.ref for i in load_register(path).indicators]


def test_every_ref_of_both_registers_starts_like_a_ref():
    """Refs start with capitals and a digit in this council's register and in another's: the first
    cell of a data row, where a header prints a word."""
    from pathlib import Path
    other = Path(__file__).resolve().parent / "data" / "register_other_council.csv"
    for refs in (_register_refs(), _register_refs(other)):
        assert len(refs) > 40 and all(starts_like_ref(r) for r in refs), [r for r in refs if not starts_like_ref(r)]


@pytest.mark.parametrize("text", ["Ref.", "Indicator", "Apr-17", "MAY18", "m2 Number of", "lac10 (%)", "of 12",
                                  "Target 18-19", "tbc"])
def test_header_words_months_and_lowercase_words_do_not_start_like_a_ref(text):
    assert not starts_like_ref(text)


# ---- column roles: one classifier ---------------------------------------------------------------------
@pytest.mark.parametrize("label,role", [
    ("Englan d", Role.ENGLAND), ("Targe t 17-18", Role.TARGET), ("Stat. Neighb our", Role.STAT_NEIGHBOUR),
    ("Do T", Role.DOT), ("Percen tage?", Role.PERCENTAGE_FLAG), ("12-mont h max value", Role.MAX12),
])
def test_a_word_wrapped_inside_a_narrow_header_cell(label, role):
    assert classify(label) is role


@pytest.mark.parametrize("label,role", [
    ("Targ 19-", Role.TARGET), ("m % chang from sam month pre yr", Role.PCT_YEAR), ("Commentary (Jun", Role.COMMENTARY),
    ("% change from prev", Role.PCT_PREV),
])
def test_a_word_cut_at_the_cell_edge(label, role):
    assert classify(label) is role


@pytest.mark.parametrize("label,role", [
    ("Owner Renorter", Role.NAMES), ("Stat. Neighb0ur", Role.STAT_NEIGHBOUR), ("Englamd", Role.ENGLAND),
    ("Indicatar", Role.INDICATOR), ("Reprter", Role.REPORTER),
])
def test_ocr_letters_in_a_header_word(label, role):
    assert classify(label) is role


@pytest.mark.parametrize("label,role", [
    ("Key to direction of travel:", Role.OTHER), ("Apr-20", Role.MONTH), ("", Role.OTHER), ("Ref.", Role.REF),
    ("DoT 12 month average", Role.AVG12), ("Benchmarking (Updated Mar-19)", Role.BENCHMARK), ("SN", Role.STAT_NEIGHBOUR),
    ("SE region", Role.SE_REGION), ("(what impact will monitoring these measures have", Role.OUTCOME),
])
def test_legends_months_and_merged_labels(label, role):
    assert classify(label) is role


@pytest.mark.parametrize("label,pack,role", [
    ("% change from Jul-21", "2021-08", Role.PCT_PREV), ("% change from Aug-20", "2021-08", Role.PCT_YEAR),
    ("% change from Mar-19", "2021-08", Role.PCT),
])
def test_a_change_named_by_its_month_gets_its_basis_from_the_pack_month(label, pack, role):
    assert classify(label) is Role.PCT and change_basis(label, pack) is role


@pytest.mark.parametrize("word,cells", [
    ("1658}", ("1658",)), ("1198]", ("1198",)), ("|19.1%", ("19.1%",)),         # a rule read as a character
    ("1747)", ("1747",)), ("(20.5%", ("20.5%",)), ("-)", ("-",)),              # a bracket only off a value
    ("(CiN)", ("(CiN)",)), ("(val)", ("(val)",)), ("LAC10(%)", ("LAC10(%)",)),  # ... never off a word or ref
    ("115}Local", ("115", "Local")), ("12.3%|tbc", ("12.3%", "tbc")),         # two cells either side of a rule
    ("59%!", ("59%",)), ("-83%!", ("-83%",)), ("Help!", ("Help!",)),          # a rule read as '!': off a value only
])
def test_rule_characters_come_off_a_value_and_split_two_cells(word, cells):
    assert split_glued(word) == cells


@pytest.mark.parametrize("word,cells", [
    ("115Local", ("115", "Local")), ("172tbc", ("172", "tbc")), ("9.5%Local", ("9.5%", "Local")), ("-0.4%n/a", ("-0.4%", "n/a")),
    ("Local", ("Local",)), ("Totals", ("Totals",)), ("M2", ("M2",)),
])
def test_a_value_glued_to_the_next_cells_word_is_two_cells(word, cells):
    assert split_glued(word) == cells


@pytest.mark.parametrize("word,cells", [
    ("T44%", (UNREAD_ARROW, "44%")), ("Tt-5.0%", (UNREAD_ARROW, "-5.0%")), ("L12%", (UNREAD_ARROW, "12%")),
    ("T44", ("T44",)), ("LAC1", ("LAC1",)),                   # no '%': a ref, not an arrow and a change
])
def test_an_arrow_read_as_a_letter_comes_off_its_change(word, cells):
    assert split_glued(word) == cells


@pytest.mark.parametrize("word", ["|", "}", "]["])
def test_a_word_of_rule_characters_only_is_left_to_the_caller(word):
    assert split_glued(word) == (word,)


@pytest.mark.parametrize("text,ym,names", [
    ("sepao.", "2020-09", True), ("octeza", "2020-10", True), ("Novo", "2020-11", True),   # the name survives
    ("mar-2a", "2021-03", True), ("Juli", "2018-07", True),
    ("Ane20", "2020-08", True), ("ay20", "2020-06", True),                                 # the year survives
    ("ind", "2020-07", False), ("from", "2020-10", False), ("12-mnth", "2020-12", False),  # neither
    ("Commentary", "2020-12", False), ("SN", "2020-01", False), ("Ane20", "2021-08", False),
])
def test_a_damaged_label_names_the_month_of_its_slot(text, ym, names):
    assert names_month(text, ym) is names


@pytest.mark.parametrize("row,odd", [
    ("92.1% 91.3% 88.1% 921% 86.7% 89.5%", {3: "decimals"}),      # a lost point
    ("28.1% 26.0% 29.904 27.2% 30.1%", {2: "decimals"}),           # '%' read as '04'
    ("71 75 7 72 74 70", {2: "digits"}),                           # a digit lost
    ("170 173 1733 168 171", {2: "digits"}),                       # a digit gained
    ("41 45 10 47 44", {2: "far"}),                                # a misread digit, or a spike
    ("41 45 12 47 44", {2: "slip"}),                               # 4 read as 1 gives 42: in range
    ("75 77 16 81 74", {2: "slip"}),                               # 7 read as 1
    ("19 7 16 13 21 23 16", {1: "dip"}),                           # a digit lost the median hides
    ("14% 5% 12% 19% 22% 9% 11%", {1: "dip"}),                     # the same among percentages
    ("6 15 17 14", {0: "dip"}),                                    # at the row's edge
    ("9 12 9 13 18 8 9", {}),                                      # a count that dips
    ("99 100 98 97", {}),                                          # another digit count, same size
    ("1354 1402 1376 - 1390", {}),                                 # a dash is no value
    ("0 1 6 1 0 0 1", {}),                                         # small counts vary this much
    ("19.1% 4.2%", {}),                                            # too few to say
])
def test_odd_values_in_a_row(row, odd):
    texts = ["" if t == "-" else t for t in row.split()]
    assert odd_in_row(texts) == odd


@pytest.mark.parametrize("text, parts", [("97-", ("97", "-")), ("1-", ("1", "-")), ("12.5%–", ("12.5%", "–")),
                                         ("-5", ("-5",)), ("12-mnth", ("12-mnth",)), ("20-", ("20", "-")),
                                         ("-", ("-",)), ("M2-", ("M2-",)), ("100.0%--", ("100.0%", "--")),
                                         ("1,354-", ("1,354", "-")), ("-12%-", ("-12%", "-")), ("12.-", ("12.-",)),
                                         ("n/a-", ("n/a-",))])
def test_a_value_glued_to_a_missing_month_s_dash_is_split(text, parts):
    from recover.printed.glued import split_glued_dash
    assert split_glued_dash(text) == parts


def test_a_damaged_label_in_a_header_run_is_its_neighbours_month():
    from recover.printed.headers import header_months
    row = [(0, "Ref."), (1, "Jan-19"), (2, "Fcb-19"), (3, "Mar-19"), (4, "Apr-19"), (5, "May-19"), (6, "Avg")]
    assert header_months(row) == {1: "2019-01", 2: "2019-02", 3: "2019-03", 4: "2019-04", 5: "2019-05"}
    # labels that agree on no one sequence are taken as they parse, the damaged one left out
    row = [(1, "Jan-19"), (2, "Fcb-19"), (3, "Jun-19"), (4, "Feb-20"), (5, "Oct-18")]
    assert header_months(row) == {1: "2019-01", 3: "2019-06", 4: "2020-02", 5: "2018-10"}
