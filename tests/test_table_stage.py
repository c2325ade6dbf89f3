"""The shared table stage on hand-made grids: header inheritance, pack-month clues, row identity."""
import pytest

from recover.identify import identify_rows
from recover.model import Box, Cell, Grid, GridMeta
from recover.register import load_register
from recover.table.extract import TableRead
from recover.table.extract import read_tables as read_unidentified
from recover.table.header import find_header


def read_tables(grids, file_hash, register) -> TableRead:
    """The table stage, then identification of its rows (as the pipeline does)."""
    t = read_unidentified(grids, file_hash)
    rows, obs = identify_rows(t.rows, t.observations, register)
    return TableRead(rows, obs, t.headers, t.warnings)

MONTHS = ["Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20", "Mar-20", "Apr-20"]
LATER = ["Feb-21", "Mar-21", "Apr-21", "May-21", "Jun-21", "Jul-21", "Aug-21"]     # another pack's window


def _grid(page: int, header: bool, lefts=None, meta=GridMeta(), months=MONTHS) -> Grid:
    lefts = lefts or [10 + 40 * i for i in range(2 + len(months))]
    rows = []
    if header:
        rows.append(["Ref.", "Indicator"] + months)
    rows.append(["M1", "Number of contacts received (includes contacts that become referrals)",
                 "1354", "1323", "1258", "1419", "1129", "1198", "1147"])
    rows.append(["M2", "Number of new referrals of Children In Need (CiN)",
                 "416", "380", "309", "406", "318", "300", "286"])
    cells = tuple(Cell(r, c, t, Box(lefts[c], 20 * r, lefts[c] + 38, 20 * r + 18))
                  for r, row in enumerate(rows) for c, t in enumerate(row))
    return Grid("t.pdf", page, "text-layer", cells, meta=meta)


@pytest.mark.parametrize("months", [MONTHS, LATER])
def test_continuation_without_header_is_read_but_not_trusted(months):
    t = read_tables([_grid(1, True, months=months), _grid(2, False, months=months)], "h" * 64, load_register())
    page2 = [o for o in t.observations if o.page == 2]
    assert {o.ref for o in page2} == {"M1", "M2"}            # no row lost with the missing header
    assert all(o.confidence <= 0.5 for o in page2)
    assert any("no month header" in w for w in t.warnings)


@pytest.mark.parametrize("shift", [17, -15, 23])
@pytest.mark.parametrize("months", [MONTHS, LATER])
def test_continuation_with_other_columns_is_not_guessed(months, shift):
    shifted = [10 + 40 * i + shift for i in range(9)]
    t = read_tables([_grid(1, True, months=months), _grid(2, False, lefts=shifted, months=months)], "h" * 64,
                    load_register())
    assert not [o for o in t.observations if o.page == 2]
    assert any("not read" in w for w in t.warnings)


@pytest.mark.parametrize("hint,trusted", [("2020-05", False), ("2019-04", False), ("2020-04", True)])
def test_pack_month_clue_that_disagrees_lowers_confidence(hint, trusted):
    t = read_tables([_grid(1, True, meta=GridMeta(pack_hint=hint))], "h" * 64, load_register())
    assert t.observations
    assert all(o.confidence == 1.0 for o in t.observations) if trusted else \
        all(o.confidence <= 0.3 for o in t.observations)


@pytest.mark.parametrize("months", [
    ["Jan-19", "Feb-19", "Mar-19", "Oct-19", "Nov-19", "Dec-19", "Jan-20"],     # two runs, no majority
    ["Apr-17", "Jun-17", "Aug-17", "Oct-17", "Dec-17", "Feb-18", "Apr-18"],     # every other month
])
def test_months_that_cannot_be_made_consecutive_are_not_trusted(months):
    assert find_header(_grid(1, True, months=months)).conf <= 0.3


@pytest.mark.parametrize("n", [2, 3])
def test_row_ids_unique_with_several_grids_on_a_page(n):
    t = read_tables([_grid(3, True) for _ in range(n)], "h" * 64, load_register())
    keys = [(o.row_id, o.month) for o in t.observations]
    assert len(keys) == len(set(keys)) == 14 * n


@pytest.mark.parametrize("row,col,ref,month", [(1, 4, "M1", "2019-12"), (2, 2, "M2", "2019-10"),
                                               (2, 8, "M2", "2020-04")])
def test_a_month_column_without_a_cell_is_unreadable_not_blank(row, col, ref, month):
    g = _grid(1, True)
    cells = tuple(c for c in g.cells if not (c.row == row and c.col == col))   # that cell not found
    t = read_tables([Grid(g.source, 1, "ocr", cells)], "h" * 64, load_register())
    lost = [o for o in t.observations if o.ref == ref and o.month == month]
    assert [o.status for o in lost] == ["unreadable"] and lost[0].confidence <= 0.2
    assert all(o.status != "unreadable" for o in t.observations if (o.ref, o.month) != (ref, month))


@pytest.mark.parametrize("dash", [lambda col: "-" if col % 2 else "",      # dashes in every other cell
                                  lambda col: "-",                          # in every cell
                                  lambda col: "-" if col == 5 else ""])     # one dash, the rest blank
def test_a_row_printing_only_dashes_is_missing_wherever_they_sit(dash):
    g = _grid(1, True)
    cells = tuple(Cell(c.row, c.col, dash(c.col), c.box, 0.3) if c.row == 2 and c.col >= 2
                  else c for c in g.cells)
    t = read_tables([Grid(g.source, 1, "extracted-text", cells)], "h" * 64, load_register())
    m2 = [o for o in t.observations if o.ref == "M2"]
    assert len(m2) == 7 and all(o.status == "missing" for o in m2)


def test_a_month_label_damaged_beyond_parsing_inside_the_run_is_named_by_its_neighbours():
    """OCR of a 200 dpi dashboard read 'Jul-20' as 'pl-20': the months after it were lost."""
    damaged = ["Apr-20", "May-20", "Jun-20", "pl-20", "Aug-20", "Sep-20", "Oct-20"]
    h = find_header(_grid(1, True, months=damaged))
    assert [c.month for c in h.month_columns()] == ["2020-04", "2020-05", "2020-06", "2020-07",
                                                     "2020-08", "2020-09", "2020-10"]
    assert h.pack == "2020-10" and h.conf < 1.0 and "repaired" in h.why
    # a word that is no month label still ends the run
    other = ["Apr-20", "May-20", "Jun-20", "Target 20-21", "Aug-20", "Sep-20", "Oct-20"]
    assert len(find_header(_grid(1, True, months=other)).month_columns()) == 3
    # at either end of the run such a label is a benchmark or average column, never a month
    for months in (["May-20", "Jun-20", "Jul-20", "Aug-20", "Sep-20", "Oct-20", "SN 19"],
                   ["Eng-19", "May-20", "Jun-20", "Jul-20", "Aug-20", "Sep-20", "Oct-20"]):
        h = find_header(_grid(1, True, months=months))
        assert [c.month for c in h.month_columns()] == [f"2020-{m:02d}" for m in range(5, 11)]
        assert h.pack == "2020-10" and h.conf == 1.0
