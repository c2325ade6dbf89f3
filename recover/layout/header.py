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
        ps, months = _with_wrapped_labels(lines, i, ps, months, settings)
        runs.extend(_runs_on_line(i, ps, months, settings))
    return [_with_first_month_nearby(r, lines, settings) for r in runs]


def _split_run_ends(ps: list[Phrase]) -> list[Phrase]:
    """A month label joined by one space to the text of the column before it ('measures Nov-18'
    in layout text, when the next label is 'Dec-18'), or to the text of the column after it
    ('Sept-19 previous', after 'Aug-19'), is a label of its own."""
    out: list[Phrase] = []
    for k, p in enumerate(ps):
        if len(p.words) > 1 and vocab.parse_month(p.text) is None:
            nxt = vocab.parse_month(ps[k + 1].text) if k + 1 < len(ps) else None
            last = vocab.parse_month(p.words[-1].text)
            if last and nxt and vocab.month_add(last, 1) == nxt:
                out.extend([Phrase(p.words[:-1]), Phrase(p.words[-1:])])
                continue
            prev = vocab.parse_month(out[-1].text) if out else None
            first = vocab.parse_month(p.words[0].text)
            if first and prev and vocab.month_add(prev, 1) == first:
                out.extend([Phrase(p.words[:1]), Phrase(p.words[1:])])
                continue
        out.append(p)
    return out


@dataclass(frozen=True)
class WrappedLabel(Phrase):
    """A month label that its narrow header cell wrapped ('Sept-1' over '8'): its pieces, top to
    bottom, on the lines above and below the month line."""

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


def _with_wrapped_labels(lines: list[TextLine], i: int, ps: list[Phrase], months: list,
                         settings: LayoutSettings):
    """The month labels that their cells wrapped ('Sept-1' over '8'; a cell narrower than the
    label wraps it mid-word): where the line's months skip one (a step twice the usual between
    'Aug-18' and 'Oct-18' with nothing or an unreadable piece between, or one step before the
    first label or after the last with nothing printed there), the words stacked in that place
    on the month line and the lines just above and below it, read top to bottom without a
    space, may spell the missing month. They are its label."""
    idx = [k for k, m in enumerate(months) if m]
    steps = [ps[b].cx - ps[a].cx for a, b in zip(idx, idx[1:]) if vocab.month_add(months[a], 1) == months[b]]
    if not steps:
        return ps, months
    step = statistics.median(steps)
    places = []                       # (first phrase replaced, phrases replaced, x0, x1, month)
    for a, b in zip(idx, idx[1:]):
        # between the two labels, however far apart layout text spread them
        if b - a <= 2 and vocab.month_add(months[a], 2) == months[b] and \
                ps[b].cx - ps[a].cx <= settings.month_step_join * 2 * step:
            places.append((a + 1, b - a - 1, ps[a].x1, ps[b].x0, vocab.month_add(months[a], 1)))
    for k, d in ((idx[0], -1), (idx[-1], 1)):
        x = ps[k].cx + d * step
        if not any(abs(p.cx - x) < 0.5 * step for p in ps):
            places.append((k + (d > 0), 0, x - 0.5 * step, x + 0.5 * step, vocab.month_add(months[k], d)))
    for k, n, x0, x1, want in sorted(places, key=lambda p: -p[0]):
        label = _stacked_label(lines, i, x0, x1, want)
        if label is not None:
            ps = ps[:k] + [label] + ps[k + n:]
            months = months[:k] + [want] + months[k + n:]
    return ps, months


def _stacked_label(lines: list[TextLine], i: int, x0: float, x1: float, want: str) -> WrappedLabel | None:
    """The words centred between x0 and x1 on line i and the lines next to it (no further from
    it than its height) that spell the month `want`, top to bottom; some of them off line i."""
    ln = lines[i]
    h = ln.y1 - ln.y0
    near = [j for j in range(max(0, i - 2), min(len(lines), i + 3)) if
            j == i or max(lines[j].y0 - ln.y1, ln.y0 - lines[j].y1) <= h]
    words = [w for j in near for w in lines[j].words if x0 < w.cx < x1]
    if len(words) < 2 or all(w in ln.words for w in words):
        return None
    label = WrappedLabel(tuple(words))
    return label if vocab.parse_month(label.text) == want else None


def _with_first_month_nearby(run: MonthRun, lines: list[TextLine], settings: LayoutSettings) -> MonthRun:
    """The months just before the run's first and after its last, printed on the text line just
    above or below it, outside the run within the run's spacing: layout text puts a label whose
    baseline differs a little on a line of its own ('... of our Sept-17' over 'Oct-17  Nov-17
    ...'; 'Jul-19' with 'Aug-19 Sept-19' on the line under it)."""
    ln = lines[run.line]
    near = [lines[j] for j in (run.line - 1, run.line + 1) if 0 <= j < len(lines) and
            max(lines[j].y0 - ln.y1, ln.y0 - lines[j].y1) <= 0.5 * (ln.y1 - ln.y0)]
    labels, months = list(run.labels), list(run.months)
    while months[0]:
        w = _month_beside(near, labels[0], vocab.month_add(months[0], -1), -1, run.step, settings) or \
            _month_across(ln, near, labels[0], vocab.month_add(months[0], -1), -1)
        if w is None:
            break
        labels.insert(0, Phrase((w,)))
        months.insert(0, vocab.parse_month(w.text))
    while months[-1]:
        w = _month_beside(near, labels[-1], vocab.month_add(months[-1], 1), 1, run.step, settings) or \
            _month_across(ln, near, labels[-1], vocab.month_add(months[-1], 1), 1)
        if w is None:
            break
        labels.append(Phrase((w,)))
        months.append(vocab.parse_month(w.text))
    if len(labels) == len(run.labels):
        return run
    return MonthRun(run.line, tuple(labels), tuple(months), run.step)


def _month_beside(near: list[TextLine], end: Phrase, want: str, side: int, step: float,
                  settings: LayoutSettings) -> Word | None:
    for other in near:
        for w in other.words:
            beside = w.x1 <= end.x0 if side < 0 else w.x0 >= end.x1
            if beside and abs(w.cx - end.cx) <= settings.month_step_join * step and \
                    vocab.parse_month(w.text) == want:
                return w
    return None


def _month_across(ln: TextLine, near: list[TextLine], end: Phrase, want: str, side: int) -> Word | None:
    """The next month printed on the line just above or below, further out than the run's step,
    with nothing printed between it and the run's end on either line: layout text lays out each
    line on its own, so a header whose labels sit at two baselines comes out in two pieces whose
    columns do not line up ('... have on Apr-17 ... Dec-17' over 'Jan-18 Feb-18 ...' far right)."""
    for other in near:
        ws = [w for w in other.words if (w.x0 >= end.x1 if side > 0 else w.x1 <= end.x0)]
        if not ws:
            continue
        w = min(ws, key=lambda w: w.x0) if side > 0 else max(ws, key=lambda w: w.x1)
        a, b = (end.x1, w.x0) if side > 0 else (w.x1, end.x0)
        if vocab.parse_month(w.text) == want and \
                not any(x.x1 > a and x.x0 < b for x in ln.words + other.words if x is not w):
            return w
    return None


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
                or (gaps == 1 and d <= settings.month_step_spread * step and vocab.month_add(months[a], 1) == months[b]):
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
