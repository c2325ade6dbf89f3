"""The unruled scan reader's own steps (recover/readers/ocr/unruled.py) on constructed ink words:
where each word is, and what it was read as, is known."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from recover.readers.ocr import pieces, unruled as U  # noqa: E402
from recover.readers.ocr.context import CellRead  # noqa: E402
from recover.readers.ocr.inkwords import InkWord, PageWords  # noqa: E402
from recover.readers.ocr.monthruns import even_runs, run_ends  # noqa: E402

NONE = np.zeros(0, np.int64)


def _w(x0, y0, w, h, turn=0) -> InkWord:
    return InkWord(int(x0), int(y0), int(x0 + w), int(y0 + h), turn, NONE)


def _header(scale: float, drop: float):
    """A header line of 14 month labels (the first without a descender, `drop` glyph heights
    higher than the rest), beside two-line header cells whose upper line's centre sits between
    the labels' centres and the line above. Sizes in units of 300 dpi pixels times `scale`."""
    g = 18 * scale
    step, wid = 130 * scale, 92 * scale
    y = 510 * scale
    labels = [_w(980 * scale + k * step, y + (0 if k else -drop * g), wid, 1.25 * g) for k in range(14)]
    wrapped = [_w(x * scale, y - 0.55 * g, 60 * scale, 1.2 * g) for x in (100, 470, 2830, 3100, 3300)]
    lower = [_w(x * scale, y + 1.0 * g, 60 * scale, 1.2 * g) for x in (2830, 3100, 3300)]
    words = tuple(labels + wrapped + lower)
    return PageWords(words, g), list(range(14))


@pytest.mark.parametrize("scale", (1.0, 2 / 3), ids=["300dpi", "200dpi"])
@pytest.mark.parametrize("drop", (0.2, 0.3))
def test_a_month_label_grouped_with_the_line_above_still_ends_the_run(scale, drop):
    pw, labels = _header(scale, drop)
    lines = U._text_lines(pw)
    k = next(j for j, ln in enumerate(lines) if labels[5] in ln)
    assert labels[0] not in lines[k]           # grouped top down, the first label left its line
    run = run_ends(pw, lines, k, even_runs(pw, lines[k], U.MIN_MONTHS), U.LINE_TOL)
    assert sorted(run) == labels               # ... and is the run's first again; nothing else joins


@pytest.mark.parametrize("scale", (1.0, 2 / 3), ids=["300dpi", "200dpi"])
def test_a_word_off_the_runs_step_or_size_does_not_join_it(scale):
    pw, labels = _header(scale, 0.3)
    g, words = pw.glyph, list(pw.words)
    first = words[0]
    # the same word half a step further left, then twice as wide: neither continues the run
    for moved in (_w(first.x0 - 65 * scale, first.y0, first.w, first.h), _w(first.x0, first.y0, 2 * first.w, first.h)):
        words[0] = moved
        p = PageWords(tuple(words), g)
        lines = U._text_lines(p)
        k = next(j for j, ln in enumerate(lines) if labels[5] in ln)
        assert 0 not in run_ends(p, lines, k, even_runs(p, lines[k], U.MIN_MONTHS), U.LINE_TOL)


@pytest.mark.parametrize("speck", [(6, 4), (12, 3)], ids=["dot", "dash-sized"])
def test_a_word_read_as_nothing_is_left_out_of_the_model(speck):
    """A speck of a hairline row rule under the months, whose ink the cell's reading drops, was a
    word without text under a month label: the model ended the table's body there, and every
    row below it was lost. A word not read yet (a title) is still given to the model."""
    reads = {0: CellRead("", 1.0), 1: CellRead("37", 0.96)}
    pw = PageWords((_w(2650, 880, *speck), _w(1180, 745, 30, 22), _w(200, 700, 300, 22)), 18.0)
    _, index = U._model(pw, reads, None)
    assert sorted(index.values()) == [1, 2]


# The word boxes of a digit whose ink touched its cell's right rule (LibreOffice sets values
# against it), after the rule was taken out, at 200 dpi (the page's glyph height 12 px), from two
# pages of a partial-rules pack: the '3' of M5 (a top and a foot, read '-' and '-') and the '3' of
# LAC12 (val) (a top and a foot, read '9' and '-'), each beside its row's next value.
CUT_TOP_AND_FOOT = [(1216, 1636, 6, 3), (1216, 1645, 6, 3), (1309, 1635, 6, 14)]
CUT_BOWL_AND_FOOT = [(1772, 1809, 6, 8), (1772, 1818, 6, 3), (1865, 1809, 7, 13)]


@pytest.mark.parametrize("boxes", [CUT_TOP_AND_FOOT, CUT_BOWL_AND_FOOT], ids=["M5", "LAC12"])
def test_the_pieces_of_a_glyph_the_rule_removal_cut_are_one_word_and_not_sure(boxes):
    pw = PageWords(tuple(_w(*b) for b in boxes), 12.0)
    joined, cut = pieces.join_stacked(pw)
    assert len(joined.words) == 2                 # the glyph where it was printed, and its neighbour
    (i,) = cut
    w = joined.words[i]
    assert (w.x0, w.y0, w.x1, w.y1) == (boxes[0][0], boxes[0][1], boxes[0][0] + 6, boxes[1][1] + boxes[1][3])
    assert joined.words[1 - i] == pw.words[2]     # a whole glyph beside it is left alone


def test_stacked_words_that_are_no_pieces_of_one_glyph_stay_apart():
    g = 12.0
    words = (
        _w(100, 100, 6, 13), _w(100, 116, 6, 13),     # a value wrapped over two lines: two full-height glyphs
        _w(200, 100, 8, 7), _w(200, 117, 8, 7),       # x-height words on two lines of text
        _w(300, 104, 6, 2), _w(310, 100, 7, 13),      # a dash beside a digit
        _w(400, 100, 40, 7), _w(400, 109, 40, 3),     # wider than one glyph
    )
    joined, cut = pieces.join_stacked(PageWords(words, g))
    assert not cut and joined.words == words


def _columns(bounds: dict[int, tuple[int, int]]):
    """A table layout's columns by index (only their bounds matter here), the others empty."""
    from types import SimpleNamespace
    n = max(bounds) + 1
    return SimpleNamespace(columns=[SimpleNamespace(x0=bounds.get(k, (-k - 2, -k - 1))[0],
                                                    x1=bounds.get(k, (-k - 2, -k - 1))[1]) for k in range(n)])


# A value the row's placement took into another month than the one its ink stands in, from two
# packs: at 300 dpi (hairline rules) the last month's '1' of LAC14, when a '-' of the change column
# fell inside the last month's bounds; at 200 dpi (partial rules) the '2' of M5, pushed on by the
# pieces of a cut glyph before it.
@pytest.mark.parametrize("word,bounds,fell,placed", [
    ((3359, 1712, 12, 21), {16: (3099, 3240), 17: (3240, 3393)}, 17, 16),
    ((1309, 1635, 6, 14), {6: (1226, 1319), 7: (1319, 1412)}, 6, 7),
], ids=["300dpi-LAC14", "200dpi-M5"])
def test_a_value_placed_off_the_column_its_ink_stands_in_is_not_sure(word, bounds, fell, placed):
    t = _columns(bounds)
    pw = PageWords((_w(*word),), 12.0)
    reads = {0: CellRead("1", 0.96)}
    assert U._moved(pw, [0], reads, t, placed)
    assert not U._moved(pw, [0], reads, t, fell)
    assert not U._moved(pw, [0], {0: CellRead("-", 0.97)}, t, placed)    # a mark has no digits to move


def _months_then_change(months: list[str]):
    """Layout words of a header whose last month is followed by '% change from previous', wrapped
    and centred over a wider column, its '%' just left of halfway between the two labels' centres;
    three rows of values right-aligned in the months and a change value."""
    from recover.layout import Word

    def line(y, items):
        return [Word(t, x, y, x + 3.0 * len(t), y + 6.0) for x, t in items]
    head = line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * k, m) for k, m in enumerate(months)])
    head += line(42, [(318, "%"), (324, "change")]) + line(50, [(326, "from")]) + line(58, [(322, "previous")])
    rows = []
    for r, y in enumerate((70, 90, 110)):
        rows += line(y, [(10, f"M{r + 1}"), (40, "Contacts")] +
                     [(168 + 30 * k - 6, str(10 + k)) for k in range(len(months))] + [(338, "-8%")])
    return head + rows


@pytest.mark.parametrize("months", [["Nov-18", "Dec-18", "Jan-19", "Feb-19", "Mar-19", "Apr-19"],
                                    ["Jan-21", "Feb-21", "Mar-21", "Apr-21", "May-21", "Jun-21"]])
def test_a_month_columns_header_reads_its_label_whatever_else_falls_in_its_cell(months):
    """The '%' opening the next column's wrapped label can fall in the last month's header cell
    (a reportlab pack's page with fills and no rules): read as one cell, 'Apr-19' and the '%' gave
    '% Apri', the column was no month, and its values were lost on every row. The month label's
    own read (the word read when the run was found) is the header cell's."""
    from recover.layout import find_tables
    words = _months_then_change(months)
    t = find_tables(words).tables[0]
    index = {id(w): i for i, w in enumerate(words)}
    reads = {i: CellRead(w.text, 0.95) for i, w in enumerate(words) if w.text in months}
    last = t.month_cols[-1]
    assert sorted(w.text for w in t.cells[0][last]) == sorted(["%", months[-1]])     # the case
    from recover.readers.ocr.monthruns import month_label_reads
    got = month_label_reads(t, index, reads)
    assert [got[k].text for k in t.month_cols] == months
