"""The benches' scoring: a wrong value with status ok is never hidden by a right reading of the
same printed cell (observations.csv holds both, and a user of the series sees the wrong one)."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import classify  # noqa: E402
from bench.score import score  # noqa: E402


def _obs(value, status="ok", confidence=0.99, ref="M1", month="2019-04"):
    return SimpleNamespace(source="p.pdf", page=3, ref=ref, month=month, value=value,
                           status=status, confidence=confidence, raw=str(value))


# two printed cells of different kinds: a count and a percentage
CELLS = [{"source": "p.pdf", "page": "3", "ref": "M1", "month": "2019-04", "value": "23", "status": "ok"},
         {"source": "p.pdf", "page": "3", "ref": "M1", "month": "2019-04", "value": "41.5", "status": "ok"}]


@pytest.mark.parametrize("cell", CELLS)
def test_a_wrong_ok_copy_beside_a_right_one_is_wrong(cell):
    right = _obs(float(cell["value"]))
    wrong = _obs(float(cell["value"]) + 1)
    assert classify(cell, [right]) == "exact"
    assert classify(cell, [right, wrong]) == "wrong_sure"
    assert classify(cell, [right, _obs(float(cell["value"]) + 1, confidence=0.6)]) == "wrong_ok"
    s = score([right, wrong], [cell])
    assert (s.exact, s.wrong_ok) == (0, 1)
    assert (score([right], [cell]).exact, score([right], [cell]).wrong_ok) == (1, 0)


@pytest.mark.parametrize("cell", CELLS)
def test_a_wrong_copy_in_review_does_not_spoil_a_right_one(cell):
    right = _obs(float(cell["value"]))
    doubted = _obs(float(cell["value"]) + 1, status="unreadable", confidence=0.3)
    assert classify(cell, [right, doubted]) == "exact"
    assert score([doubted, right], [cell]).exact == 1


@pytest.mark.parametrize("name", ["agenda_2019-06-13_text.pdf", "agenda_2018-05-03_lo-fills-nolines.pdf"])
def test_a_refused_input_s_printed_cells_are_missed_and_listed(name):
    """A file the tool refused reads nothing: each table cell it printed counts as not found and is
    listed among the misses (a list of misses compared between commits must not lose them)."""
    from bench.bench_layout import score_groups
    from bench.measure import golden_printed
    cells = [c for c in golden_printed()[name] if c["kind"] == "table"]
    assert cells
    key = ("reportlab", "ruled", "text")
    t = score_groups({key: ([f"in/{name}"], [], 0.0)}, False)[key]
    assert (t.inputs, t.printed, t.not_found, t.exact) == (1, len(cells), len(cells), 0)
    assert len(t.misses) == len(cells) and {m[0] for m in t.misses} == {name}
    assert all(m[5] == "not_found" and m[6] == "the input was refused" for m in t.misses)


@pytest.mark.parametrize("name", ["agenda_2019-06-13_text.pdf", "agenda_2018-05-03_lo-fills-nolines.pdf"])
def test_the_misses_shown_put_a_wrong_value_with_status_ok_first(name):
    """--show prints the first misses: a wrong value with status ok, the defect to see first, is listed
    before the cells merely not found, wherever it stands in the pack."""
    from bench.measure import golden_printed, tally_pack
    cells = [c for c in golden_printed()[name] if c["kind"] == "table" and c["value"] not in ("", None)]
    assert len(cells) > 3
    # every cell read right except: the first two not found, the last one wrong with status ok
    obs = [SimpleNamespace(**{**vars(_obs(float(c["value"]), ref=c["ref"], month=c["month"])), "page": 0})
           for c in cells[2:-1]]
    last = cells[-1]
    obs.append(SimpleNamespace(**{**vars(_obs(float(last["value"]) + 1, ref=last["ref"], month=last["month"])),
                                  "page": 0}))
    t, _ = tally_pack(SimpleNamespace(source=name, observations=obs, rows=[]), cells, by_page=False, n_pages=1)
    assert (t.not_found, t.wrong_ok) == (2, 1)
    shown = t.worst_misses(2)
    assert [m[5] for m in shown] == ["wrong_sure", "not_found"]
    assert (shown[0][2], shown[0][3]) == (last["ref"], last["month"])
