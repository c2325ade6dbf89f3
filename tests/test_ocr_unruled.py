"""The unruled scan reader's own steps (recover/readers/ocr/unruled.py) on constructed ink words:
where each word is, and what it was read as, is known."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from recover.readers.ocr import unruled as U  # noqa: E402
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
