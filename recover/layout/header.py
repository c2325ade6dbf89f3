"""The header band: month runs on a text line, and the header labels that name the columns.

A table announces itself by a run of month labels on one text line, evenly spaced. The run's
neighbours on that line and on the lines just above it (wrapped labels such as '% change from
previous month', turned labels such as 'Owner') are the other columns' labels. Several runs on
one line are several tables side by side (dashboards).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from . import vocab
from .lines import Phrase, TextLine, phrases
from .settings import LayoutSettings
from .words import Word


@dataclass(frozen=True)
class MonthRun:
    line: int                       # index of the month line in the page's lines
    labels: tuple[Phrase, ...]      # left to right, damaged labels included
    months: tuple[str | None, ...]  # parsed month of each label (None: damaged)
    step: float                     # median distance between neighbouring label centres

    @property
    def x0(self) -> float:
        return self.labels[0].x0

    @property
    def x1(self) -> float:
        return self.labels[-1].x1


@dataclass(frozen=True)
class Label:
    """One column's printed header: its words (upright lines and turned words) and extent."""
    words: tuple[Word, ...]
    x0: float
    y0: float
    x1: float
    y1: float
    month: str | None = None        # set for the labels of the month run
    in_run: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def label_phrases(line: TextLine, max_gap: float) -> list[Phrase]:
    """Phrases of a header line; a phrase made of several month labels only ('Mar19 Apr-19'
    when layout text leaves one space between narrow columns) is split back into its words."""
    out = []
    for p in phrases(line, max_gap):
        if len(p.words) > 1 and vocab.parse_month(p.text) is None and \
                sum(1 for w in p.words if vocab.parse_month(w.text)) >= 2:
            out.extend(Phrase((w,)) for w in p.words)
        else:
            out.append(p)
    return out


def month_runs(lines: list[TextLine], max_gap: float, settings: LayoutSettings) -> list[MonthRun]:
    runs = []
    for i, ln in enumerate(lines):
        if len(ln.words) < settings.min_months:
            continue
        ps = _split_run_ends(label_phrases(ln, max_gap))
        months = [vocab.parse_month(p.text) for p in ps]
        if sum(1 for m in months if m) < settings.min_months:
            continue
        runs.extend(_runs_on_line(i, ps, months, settings))
    return [_with_first_month_nearby(r, lines, settings) for r in runs]


def _split_run_ends(ps: list[Phrase]) -> list[Phrase]:
    """A month label joined by one space to the text of the column before it ('measures Nov-18'
    in layout text, when the next label is 'Dec-18') is a label of its own."""
    out = []
    for k, p in enumerate(ps):
        if len(p.words) > 1 and k + 1 < len(ps) and vocab.parse_month(p.text) is None:
            last, nxt = vocab.parse_month(p.words[-1].text), vocab.parse_month(ps[k + 1].text)
            if last and nxt and vocab.month_add(last, 1) == nxt:
                out.extend([Phrase(p.words[:-1]), Phrase(p.words[-1:])])
                continue
        out.append(p)
    return out


def _with_first_month_nearby(run: MonthRun, lines: list[TextLine], settings: LayoutSettings) -> MonthRun:
    """The month before the run's first, printed on the text line just above or below it, left
    of the run within the run's spacing: layout text puts a label whose baseline differs a
    little on a line of its own ('... of our Sept-17' over 'Oct-17  Nov-17 ...')."""
    first, want = run.labels[0], vocab.month_add(run.months[0], -1) if run.months[0] else None
    if want is None:
        return run
    ln = lines[run.line]
    for j in (run.line - 1, run.line + 1):
        if not 0 <= j < len(lines):
            continue
        other = lines[j]
        if max(other.y0 - ln.y1, ln.y0 - other.y1) > 0.5 * (ln.y1 - ln.y0):
            continue
        for w in other.words:
            if w.x1 <= first.x0 and first.cx - w.cx <= settings.month_step_join * run.step and \
                    vocab.parse_month(w.text) == want:
                return MonthRun(run.line, (Phrase((w,)),) + run.labels, (want,) + run.months, run.step)
    return run


def _runs_on_line(i: int, ps: list[Phrase], months: list, settings: LayoutSettings) -> list[MonthRun]:
    idx = [k for k, m in enumerate(months) if m]
    steps = [ps[b].cx - ps[a].cx for a, b in zip(idx, idx[1:])
             if vocab.month_add(months[a], 1) == months[b]]
    if not steps:
        return []
    step = statistics.median(steps)
    out: list[MonthRun] = []
    cur = [idx[0]]
    for a, b in zip(idx, idx[1:]):
        d = ps[b].cx - ps[a].cx
        gaps = b - a              # phrases between two month labels are damaged labels
        if d <= settings.month_step_break * step * gaps and abs(d / gaps - step) <= 0.5 * step and \
                vocab.month_add(months[a], gaps) == months[b] or (gaps == 1 and d <= settings.month_step_break * step) \
                or (gaps == 1 and d <= settings.month_step_join * step and vocab.month_add(months[a], 1) == months[b]):
            cur.extend(range(a + 1, b + 1))
        else:
            out.append(cur)
            cur = [b]
    out.append(cur)
    runs = []
    for r in out:
        if sum(1 for k in r if months[k]) >= settings.min_months:
            runs.append(MonthRun(i, tuple(ps[k] for k in r), tuple(months[k] for k in r), step))
    return runs


def cluster_labels(groups: list[list[Word]], max_gap: float, owner: dict[int, int] | None = None) -> list[Label]:
    """Header words (grouped by text line; a turned word is a group of its own) -> labels: words
    of one line no further apart than `max_gap`, then pieces of several lines that
    overlap horizontally, are one label (a wrapped header is centred in its column). A word
    overlapping two labels that do not overlap each other is a group caption: left out."""
    owner = owner or {}             # id(word) -> the month label it belongs to
    pieces: list[list[Word]] = []
    for ws in groups:
        ws = sorted(ws, key=lambda w: w.x0)
        line_pieces: list[list[Word]] = []
        for w in ws:
            # a label of the month run is a column of its own however close its neighbours
            # (layout text leaves one space between narrow columns: 'Aug-18 Sept-18',
            # 'measures Nov-18')
            if line_pieces and w.upright and w.x0 - line_pieces[-1][-1].x1 <= max_gap and \
                    owner.get(id(w)) == owner.get(id(line_pieces[-1][-1])):
                line_pieces[-1].append(w)
            else:
                line_pieces.append([w])
        pieces.extend(line_pieces)
    boxes = [(min(w.x0 for w in p), max(w.x1 for w in p), p) for p in pieces]
    boxes.sort(key=lambda b: b[1] - b[0])           # narrow first: captions are the wide ones
    labels: list[list] = []                         # [x0, x1, words]
    for x0, x1, p in boxes:
        hit = [lb for lb in labels if x0 < lb[1] and lb[0] < x1]
        if len(hit) >= 2:
            continue                                # a caption over several columns
        if hit:
            lb = hit[0]
            lb[0], lb[1] = min(lb[0], x0), max(lb[1], x1)
            lb[2].extend(p)
        else:
            labels.append([x0, x1, list(p)])
    out = [Label(tuple(ws), x0, min(w.y0 for w in ws), x1, max(w.y1 for w in ws)) for x0, x1, ws in labels]
    out.sort(key=lambda lb: lb.x0)
    return out
