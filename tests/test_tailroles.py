"""Tail columns named by their cells' arithmetic when OCR damaged their header labels
(recover/readers/extracted/tailroles.py).

Real inputs: the committed pdftotext -layout text of four packs (both renderers, ruled and
without lines), whose printed tail labels say each column's role: those labels are replaced by
junk as OCR leaves them, and the roles must come back from the cells; and the committed TSV of a
LibreOffice scan, whose labels OCR damaged ('Dae', 'Ae-month', 'maxvalue')."""
from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from recover.model import Grid
from recover.printed.headers import header_months
from recover.readers.extracted import read_text
from recover.printed.roles import Role
from recover.readers.extracted.tailroles import LABEL, support as _support_of, header_roles, name_tail

DATA = Path(__file__).parent / "data" / "extracted"
GOLDEN = Path(__file__).parents[1] / "golden"
LAYOUT = sorted((DATA / "pdftotext-layout").glob("*.txt"))


def _tables(path: Path) -> list[Grid]:
    grids, _ = read_text(path.read_text(encoding="utf-8"), path.name)
    return [g for g in grids if g.kind == "table" and len(g.rows()) > 4]


def _roles(grid: Grid) -> dict[int, str]:
    rows = grid.rows()
    header = {c.col: c.text for c in rows[0]}
    named = header_months(list(header.items()))
    last = named[max(named, key=named.get)]
    return {c: r.value for c, r in header_roles(header, last).items() if r in LABEL}


def _support(grid: Grid, role: Role, col: int) -> int:
    rows = grid.rows()
    named = header_months([(c.col, c.text) for c in rows[0]])
    return _support_of(rows[1:], sorted(named, key=named.get), role, col)


def _damaged(grid: Grid, cols: set[int]) -> Grid:
    return replace(grid, cells=tuple(replace(c, text="Dae") if c.row == 0 and c.col in cols else c
                                     for c in grid.cells))


@pytest.mark.parametrize("path", LAYOUT, ids=lambda p: p.name.split(".")[0])
def test_damaged_tail_labels_are_named_again_by_the_rows_arithmetic(path):
    named_back = 0
    for grid in _tables(path):
        printed = _roles(grid)
        if not printed:
            continue
        got = _roles(name_tail(_damaged(grid, set(printed))))
        # never another role than the printed label's; and every role whose cells bear it out
        # (its check holds in enough rows: not a column the layout merged with its neighbour)
        # comes back
        assert all(printed[c] == r for c, r in got.items()), (path.name, grid.page, printed, got)
        borne = {c for c, r in printed.items() if _support(grid, Role(r), c)}
        assert borne <= set(got), (grid.page, printed, got)
        named_back += len(got)
    assert named_back >= 4


@pytest.mark.parametrize("path", LAYOUT[:2], ids=lambda p: p.name.split(".")[0])
def test_tail_cells_of_other_rows_name_no_role(path):
    # the same columns with each row's tail taken from another row: no arithmetic holds, so the
    # damaged labels stay unnamed rather than forced
    rng = random.Random(7)
    for grid in _tables(path):
        printed = _roles(grid)
        if not printed:
            continue
        rows = grid.rows()
        order = list(range(1, len(rows)))
        rng.shuffle(order)
        donor = dict(zip(range(1, len(rows)), order))
        text = {(c.row, c.col): c.text for c in grid.cells}
        mixed = tuple(replace(c, text=text[(donor[c.row], c.col)]) if c.row and c.col in printed else c
                      for c in grid.cells)
        got = _roles(name_tail(_damaged(replace(grid, cells=mixed), set(printed))))
        assert not got, (grid.page, got)


def test_printed_tail_labels_are_left_as_they_are():
    for path in LAYOUT:
        for grid in _tables(path):
            out = name_tail(grid)
            assert {c.col: c.text for c in out.rows()[0]}.keys() == {c.col: c.text for c in grid.rows()[0]}.keys()
            assert all(_roles(out)[c] == r for c, r in _roles(grid).items())


def test_an_ocr_damaged_tsv_header_gets_its_checks_and_its_months_back(register):
    """Tesseract's TSV of a LibreOffice scan, read through the pipeline: its pages' average and
    maximum labels are damaged, and without them no month of those pages was trusted (43% of
    the printed cells exact); named by their cells, the rows' checks vouch for their months
    again, and still no value is wrong with status ok."""
    from recover.pipeline import Settings, open_all, read_sources
    path = DATA / "tesseract-tsv" / "agenda_2019-12-12_lo-ruled-scan300.tesseract-tsv.tsv"
    grids, _ = read_text(path.read_text(encoding="utf-8"), path.name)
    notes = [n for g in grids for n in g.meta.notes if n.startswith("tail ")]
    assert any("avg12" in n for n in notes) and any("max12" in n for n in notes), notes
    sources, errors = open_all([str(path)])
    packs, errors = read_sources(sources, Settings(ocr=False, workers=1), register)
    assert not errors
    got = defaultdict(list)
    for o in packs[0].observations:
        got[(o.ref, o.month)].append(o)
    with open(GOLDEN / "printed_lo.csv", newline="", encoding="utf-8") as f:
        cells = [r for r in csv.DictReader(f) if r["source"] == "agenda_2019-12-12_lo-ruled.pdf"
                 and r["kind"] == "table"]
    exact = wrong_ok = 0
    for c in cells:
        want = float(c["value"]) if c["value"] else None
        obs = got[(c["ref"], c["month"])]
        wrong_ok += any(o.status == "ok" and o.value != want for o in obs)
        exact += any(o.status == c["status"] and o.value == want for o in obs)
    assert wrong_ok == 0
    assert exact >= 0.5 * len(cells), (exact, len(cells))
