"""Blocks from text without positions: pdftotext, pdfminer, pypdf, OCR'd plain text.

Such text keeps the reading order along a line but loses the columns, so the charts of one row
come out one after the other: their axes ('Jun-19 ... Jun-20 Jun-19 ... Jun-20', on one line or
on lines of their own), then their value lines ('M1 1660 ... 1171 M2 542 ... 311', or OCR's
'LACL3 | 11 | 10 11 | ...'). So:

  axes     runs of >= min_months consecutive month labels (axis.month_runs); runs with nothing
           between them are one row of charts, left to right;
  values   the tokens right after the row of axes: a label (up to max_label_tokens words that are
           not values), then its values; one such group per axis, in order. A dataset table's
           header goes on with '% change ...' and its rows with titles and more than a row of
           months: neither is a block. A word that names a chart ('LAC7-QL') is a label, never
           junk in a value's place (a chart that lost values stays short, unverified);
  damage   a row of axes OCR damaged past reading is read again from its caption's window
           (window.py);
  context  the text between the previous row of charts and these axes: each 'Benchmarking
           (REF)' box and each title 'REF - ...' goes to the chart of its rank when there are as
           many as charts; otherwise to none (never guessed).

The values are placed by count (align.py): a group with as many values as its axis has months
is verified; any other count leaves the group unverified (unreadable), whatever it holds.
"""
from __future__ import annotations

import re
from itertools import combinations

from recover.printed.cells import month_value_like
from recover.printed.glued import split_glued, split_glued_dash
from recover.printed.confusions import RULE_AS, strip_rule_marks
from recover.printed.months import month_add, parse_month
from recover.printed.refs import is_ref_like
from recover.printed.dashboard import benchmarking_ref, caption_months, titled_ref

from .axis import completed, is_month_like, month_of, month_runs, row_window
from .context import read_context
from .model import Axis, Block, Context, Token
from .settings import DEFAULT, DashboardSettings
from .window import window_axes, window_repaired

_SPLIT = re.compile(r"[\s|]+")
RULE_MARK_CONF = 0.85   # a word OCR glued a rule mark to ('104)'): below count_conf, a sign of OCR
_CAPTIONS = re.compile(r"(?=\bMonthly\s+trend\b)", re.I)
MAX_OFF_BY = 2          # a group off its count lost or gained at most this many values to OCR
_TITLE_START = re.compile(r"(?:^|\s)(?=[^\s(]\S*(?:\s\(\S{1,4}\)?)?\s[-–—]\s)")   # not before a ref's "(val)"


def tokens_of(lines: list[str], first_line: int = 1) -> list[Token]:
    """Every word of the text with its line number; '|' separators and the other marks OCR reads
    a cell's rules as dropped (the word then less sure: RULE_MARK_CONF); a value glued to the dash of
    the empty cell after it ('97-') is two words. A month name and its
    year that OCR split in two words after a month label ('Apr-21 May 21 Jun-21') are one label."""
    out: list[Token] = []
    for n, line in enumerate(lines, start=first_line):
        for t in _SPLIT.split(line):
            bare = strip_rule_marks(t)
            if not bare:
                continue
            if len(out) >= 2 and out[-1].line == n and _split_year(out[-2].text, out[-1].text, bare):
                out[-1] = Token(f"{out[-1].text} {bare}", line=n, conf=RULE_MARK_CONF)
                continue
            conf = 1.0 if bare == t else RULE_MARK_CONF
            cells = _cells_across_rules(bare)
            if cells is not None:
                out += [Token(w, line=n, conf=RULE_MARK_CONF) for w in cells]
                continue
            out += [Token(w, line=n, conf=conf) for w in split_glued_dash(bare)]
    return out


def _cells_across_rules(word: str) -> tuple[str, ...] | None:
    """'313]}-' -> ('313', '-'), '1158]1354' -> ('1158', '1354'): two cells of the one-line table
    that OCR read as one word, the rule between them read as marks; None unless every part is a
    value or a missing marker (a label such as 'LAC9 (val)' is never taken apart here)."""
    if not any(ch in RULE_AS for ch in word.strip(RULE_AS)):
        return None
    parts = split_glued(word)
    if len(parts) < 2 or not all(month_value_like(p) for p in parts):
        return None
    return parts


def _split_year(before: str, name: str, year: str) -> bool:
    m = month_of(before)
    return bool(m) and len(year) == 2 and year.isdigit() and month_of(f"{name}-{year}") == month_add(m, 1)


def find_blocks(lines: list[str], first_line: int = 1, settings: DashboardSettings = DEFAULT) -> list[Block]:
    toks = window_axes(tokens_of(lines, first_line), settings)
    runs = [(a, b, window_repaired(ax)) for a, b, ax in month_runs(toks, settings)]
    blocks: list[Block] = []
    i, context_from = 0, 0
    while i < len(runs):
        row = [runs[i]]
        while i + len(row) < len(runs) and _only_months(toks, row[-1][1], runs[i + len(row)][0]):
            row.append(runs[i + len(row)])
        i += len(row)
        after = row[-1][1]
        while after < len(toks) and is_month_like(toks[after].text):
            after += 1                     # the start of another axis, cut short by OCR's columns
        contexts = _contexts(_context_lines(toks, context_from, row[0][0]), len(row))
        axes = [ax for _, _, ax in row]
        window = row_window(axes, contexts[0].caption_window)
        if window is not None:
            axes = [completed(ax, window) for ax in axes]
        groups, end = _value_groups(toks, after, [len(ax.months) for ax in axes], settings, window is not None)
        if groups is None:
            context_from = row[-1][1]      # the next row's text starts after these axes
            continue
        if window is not None:
            blocks += _one_window_blocks(axes, groups, contexts, len(blocks))
        else:
            doubt = _lost_group(groups)
            for axis, (label, values), ctx in zip(axes, groups, contexts):
                blocks.append(Block(axis, label, tuple(values), ctx, False, len(blocks), doubt))
        context_from = end
    blocks += _paired_blocks(toks, settings)
    return sorted(blocks, key=lambda b: (b.axis.labels[0].line or 0))


def _paired_blocks(toks: list[Token], s: DashboardSettings) -> list[Block]:
    """A one-line table read cell by cell ('M1 Jun-19 1660 Jul-19 1315 ...', as pypdf gives a ruled
    table; 'Mar-20 1198 M1 Apr-20 1147 ...' with the label among the first cells): each month label
    followed by its value (interleaved). The label is the ref among the first cells, or the
    shortest ref the words just before the first month end with; the title the text since the
    previous block. A text that puts two months' labels before their values ('Aug-20 Sep-20 1379
    1373', as pdftotext does) is no such table: pdftotext does not keep such values in print order
    ('Jul-20 ... Mar-21 1379 ... 1779 1244' for LibreOffice's charts), so nothing says which is
    which."""
    out, i, since = [], 0, 0
    while i < len(toks) - 1:
        got = _interleaved(toks, i, s)
        if got is None:
            i += 1
            continue
        labels, values, inner, j = got
        a = i
        while a > since and i - a < s.max_label_tokens and not month_value_like(toks[a - 1].text) \
                and not is_month_like(toks[a - 1].text):
            a -= 1
        # the label is the shortest ref the words end with ('... percentages M3', 'LAC9 (val)')
        label = inner or next((lab for b in range(i - 1, a - 1, -1)
                               if (lab := _label(toks[b:i])) and is_ref_like(lab.text)), None)
        if label is None or (a > 0 and is_month_like(toks[a - 1].text)):
            i += 1              # a dataset table read column by column: its months and values
            continue            # interleave too, one month off, after a header label
        axis = Axis(tuple(labels), tuple(parse_month(t.text) for t in labels))
        ctx = read_context(_context_lines(toks, since, a))
        if not _whole_window(axis, ctx.caption_window, s):
            i += 1              # part of a chart's cells in order, the rest elsewhere: pdftotext
            continue            # put 'Apr-20 17' for Mar-20's 17 beside the next month's label
        ctx = Context(ctx.title, ctx.caption, "", ctx.legend_refs, ctx.percent_note, ctx.caption_window, ())
        out.append(Block(axis, label, tuple(values), ctx, False))
        i = since = j
    return out


def _whole_window(axis: Axis, caption: tuple[str, str] | None, s: DashboardSettings) -> bool:
    """A table read cell by cell is taken only whole: the caption's window, or without a caption at
    least paired_months months."""
    if caption is not None:
        return (axis.months[0], axis.last) == caption
    return len(axis.months) >= s.paired_months


def _interleaved(toks: list[Token], i: int, s: DashboardSettings):
    """(month label tokens, value tokens, a ref among the first cells or None, index after) of the
    one-line table read cell by cell from toks[i], or None: consecutive month labels, each followed
    by its value; one ref may stand after the first label or its value."""
    if parse_month(toks[i].text) is None:
        return None
    labels, values, inner, j = [], [], None, i
    while j < len(toks):
        if inner is None and not labels[1:] and is_ref_like(toks[j].text) and parse_month(toks[j].text) is None \
                and not month_value_like(toks[j].text) and j > i:
            inner, j = _label([toks[j]]), j + 1
            continue
        m = parse_month(toks[j].text)
        if m is None or (labels and m != month_add(parse_month(labels[-1].text), 1)) or len(values) != len(labels):
            break
        k = j + 1
        if inner is None and not labels and k < len(toks) and is_ref_like(toks[k].text) \
                and not month_value_like(toks[k].text) and parse_month(toks[k].text) is None:
            inner, k = _label([toks[k]]), k + 1
        if k >= len(toks) or not month_value_like(toks[k].text) or is_month_like(toks[k].text):
            break
        labels.append(toks[j])
        values.append(toks[k])
        j = k + 1
    if len(labels) < s.min_months:
        return None
    return labels, values, inner, j


def _only_months(toks: list[Token], a: int, b: int) -> bool:
    return all(is_month_like(t.text) for t in toks[a:b])


def _value_groups(toks: list[Token], start: int, sizes: list[int], s: DashboardSettings, one_window: bool = False):
    """One (label, values) group per axis (sizes: their month counts) from toks[start:], or None
    when the tokens there are no row of chart values. Returns the groups and the index after the
    last value taken.

    The stretch after the axes alternates labels (runs of words that are not values) and values.
    OCR puts junk in a value's place ('m1') and loses labels, so the runs that are labels are the
    ones that cut the stretch into groups of exactly the axes' month counts (junk counting as the
    value it replaced). When exactly one choice does, it is taken; when none does, the one choice
    that leaves the fewest groups off their count, each by at most MAX_OFF_BY values (those stay
    unverified); when none or several do, and
    there are as many runs as axes, each run is a label and the groups keep the counts they have
    (align leaves a group whose count does not match unverified); otherwise None. one_window: the
    row's charts all show one window, so fewer groups than axes may be cut (a chart whose values
    OCR lost), when nothing value-like is left after them."""
    end = start
    while end < len(toks) and not is_month_like(toks[end].text):
        end += 1
    kinds = [month_value_like(t.text) for t in toks[start:end]]
    runs = _label_runs(kinds)
    if not runs and not kinds:
        return None, start
    if any(b - a > s.max_label_tokens for a, b in runs[:len(sizes)]):
        runs = [r for r in runs if r[1] - r[0] <= s.max_label_tokens] if runs[0][1] - runs[0][0] <= s.max_label_tokens \
            else []
    named = [j for j in range(len(kinds)) if _names_a_chart(toks[start + j].text)]
    # the first chart's label OCR lost altogether ('1222 1232 ... EH3 213 ...'): an empty label,
    # taken only where the counts cut the stretch (the block is then named by its context or values)
    cuts = runs if runs and runs[0][0] == 0 else [(0, 0), *runs]
    got = _cut_by_counts(cuts, len(kinds), sizes, named=named)
    for k in range(len(sizes) - 1, 0, -1) if got is None and one_window else ():
        # charts whose values OCR lost: fewer groups, with nothing value-like left after them
        fewer = _cut_by_counts(cuts, len(kinds), sizes[:k], named=named)
        if fewer is not None and not any(kinds[fewer[-1][1] + sizes[k - 1]:]):
            got, sizes = fewer, sizes[:k]
            break
    if got is None:
        got = _cut_by_counts(cuts, len(kinds), sizes, len(sizes), named)
    choice = got
    if choice is None:
        if len(runs) < len(sizes) or (runs and runs[0][0] != 0):
            return None, start
        choice = runs[:len(sizes)]
    groups, last = [], start
    for k, (a, b) in enumerate(choice):
        stop = choice[k + 1][0] if k + 1 < len(choice) else _group_end(b, len(kinds), sizes[k], named)
        # junk in a value's place counts as that value, in the last group too when it fills its count
        if k + 1 == len(choice):
            stop = _line_end(toks, start, b, stop, kinds)
        whole = k + 1 < len(choice) or (got is not None and stop - b == sizes[k])
        values = [start + j for j in range(b, stop) if kinds[j] or whole]
        real = sum(kinds[j - start] for j in values)
        if real < max(s.min_values, len(values) / 2) or len(values) > s.max_stream_values:
            return None, start
        groups.append((_label(toks[start + a:start + b]), [toks[j] for j in values]))
        last = start + stop
    return groups, last


def _line_end(toks: list[Token], start: int, b: int, stop: int, kinds: list[bool]) -> int:
    """The last group's end, short of words after its last value that stand on a later line: what
    follows a chart's values ('This page is intentionally left blank') is no junk in a value's
    place, and counting it would make a group that lost a value look whole."""
    real = [j for j in range(b, stop) if kinds[j]]
    if not real:
        return stop
    line = toks[start + real[-1]].line
    j = real[-1] + 1
    while j < stop and toks[start + j].line == line:
        j += 1
    return j


def _label_runs(kinds: list[bool]) -> list[tuple[int, int]]:
    """(first, last + 1) of every run of tokens that are not values."""
    runs, a = [], None
    for j, v in enumerate(kinds + [True]):
        if not v and a is None:
            a = j
        elif v and a is not None:
            runs.append((a, j))
            a = None
    return runs


_CHART_LABEL = re.compile(r"^[A-Za-z]{2,}\d")


def _names_a_chart(text: str) -> bool:
    """'LAC7-QL', 'cP9', 'EH1a': letters then a digit, a chart's label (the next chart's, when it
    follows a group's values), never junk OCR made of a value ('m1', 'ral', 'SiS', 'Zit)')."""
    return bool(_CHART_LABEL.match(text)) and not month_value_like(text)


def _group_end(b: int, n_tokens: int, size: int, named: list[int]) -> int:
    """The end of the last group, whose label ends at b: its axis' count of words on, or the
    next word that names a chart (the next chart's label: its values are not this one's), or
    the stretch's end."""
    return min([n_tokens, b + size] + [j for j in named if j >= b][:1])


def _cut_by_counts(runs: list[tuple[int, int]], n_tokens: int, sizes: list[int], max_off: int = 0,
                   named: list[int] = ()):
    """The one choice of labels (the first run at the stretch's start, then tails of runs) after
    which each group holds exactly its axis' month count, or, when none does, the one after which
    all groups but at most max_off do, those within MAX_OFF_BY values of it (a chart that lost a
    value beside charts that did not; not a chart's values run on into the next title); None
    when no choice or several equally good ones do."""
    if not runs or runs[0][0] != 0:
        return None
    # a label may follow junk in the last value's place ('SiS CP2'): any tail of a run may be one
    tails = [(p, b) for a, b in runs[1:] for p in range(a, b)]
    best: dict[int, list] = {}
    for rest in combinations(tails, len(sizes) - 1):
        choice = [runs[0], *rest]
        ends = [c[0] for c in rest] + [_group_end(choice[-1][1], n_tokens, sizes[-1], named)]
        counts = [e - c[1] for c, e in zip(choice, ends)]
        if min(counts) < 1 or any(c[1] <= j < e for c, e in zip(choice, ends) for j in named):
            continue           # a word that names a chart taken for junk in a value's place
        off = sum(c != n for c, n in zip(counts, sizes))
        if off <= max_off and all(abs(c - n) <= MAX_OFF_BY for c, n in zip(counts, sizes)):
            best.setdefault(off, []).append(choice)
    for off in sorted(best):
        return best[off][0] if len(best[off]) == 1 else None
    return None


def _one_window_blocks(axes: list[Axis], groups, contexts: list[Context], order: int) -> list[Block]:
    """The blocks of a row whose charts all show one window: which chart a group of values is does
    not decide its months, so a label naming two charts ('EH2 EH3 342 259 ...': OCR lost the
    first chart's values) is the last one's, and the charts after it take the next contexts."""
    out, lost = [], 0
    for k, (label, values) in enumerate(groups):
        label, more = _last_named(label)
        lost += more
        at = k + lost
        ctx = contexts[at] if at < len(contexts) else Context(caption=contexts[0].caption,
                                                              caption_window=contexts[0].caption_window)
        out.append(Block(axes[min(at, len(axes) - 1)], label, tuple(values), ctx, False, order + k))
    return out


def _last_named(label: Token | None) -> tuple[Token | None, int]:
    """('EH2 EH3') -> ('EH3', 1): the label's words from its last ref on, and how many refs before
    it name charts whose values were lost."""
    if label is None:
        return None, 0
    words = label.text.split()
    refs = [i for i, w in enumerate(words) if is_ref_like(w)]
    if len(refs) < 2:
        return label, 0
    return Token(" ".join(words[refs[-1]:]), line=label.line, conf=label.conf), len(refs) - 1


def _lost_group(groups) -> str:
    """Two refs in one label ('EH2 EH3 342 259 ...'): the first chart's values were lost, so which
    chart each group of the row belongs to is not known."""
    for label, _ in groups:
        if label is not None and sum(1 for w in label.text.split() if is_ref_like(w)) > 1:
            return f"label '{label.text}' names two charts: a chart's values were lost"
    return ""


def _label(toks: list[Token]) -> Token | None:
    if not toks:
        return None
    return Token(" ".join(t.text for t in toks), line=toks[0].line, conf=min(t.conf for t in toks))


def _context_lines(toks: list[Token], a: int, b: int) -> list[str]:
    lines: dict[int, list[str]] = {}
    for t in toks[a:b]:
        lines.setdefault(t.line, []).append(t.text)
    return [" ".join(ws) for _, ws in sorted(lines.items())]


def _contexts(texts: list[str], n: int) -> list[Context]:
    """The context of each of n charts side by side, from the text before their axes."""
    boxes, titles, caption = [], [], ""
    for t in texts:
        boxes += [r for part in re.split(r"(?=\b[BbE8][ec]n\w{0,3}hm)", t) if (r := benchmarking_ref(part))]
        parts = [p.strip() for p in _TITLE_START.split(t) if p.strip()]
        named = [p for p in parts if titled_ref(p)]
        if named and len(named) == len(parts):
            titles += named
        if not caption and caption_months(t):
            caption = next(p.strip() for p in _CAPTIONS.split(t) if p.strip())     # one chart's copy
    out = []
    for k in range(n):
        phrases = ([titles[k]] if len(titles) == n else []) + \
                  ([f"Benchmarking ({boxes[k]})"] if len(boxes) == n else [])
        ctx = read_context(phrases)
        # the caption names the window every chart of the row shows; the percent note's chart is
        # not known without positions
        out.append(Context(ctx.title, caption, "", ctx.legend_refs, False, caption_months(caption) if caption
                           else None, ()))
    return out
