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
           months: neither is a block;
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
from recover.printed.confusions import strip_rule_marks
from recover.printed.months import month_add, parse_month
from recover.printed.refs import is_ref_like
from recover.printed.dashboard import benchmarking_ref, caption_months, titled_ref

from .axis import is_month_like, month_runs
from .context import read_context
from .model import Axis, Block, Context, Token
from .settings import DEFAULT, DashboardSettings

_SPLIT = re.compile(r"[\s|]+")
RULE_MARK_CONF = 0.85   # a word OCR glued a rule mark to ('104)'): below count_conf, a sign of OCR
_CAPTIONS = re.compile(r"(?=\bMonthly\s+trend\b)", re.I)
_TITLE_START = re.compile(r"(?:^|\s)(?=\S+(?:\s\(\S{1,4}\)?)?\s[-–—]\s)")


def tokens_of(lines: list[str], first_line: int = 1) -> list[Token]:
    """Every word of the text with its line number; '|' separators and the other marks OCR reads
    a cell's rules as dropped (the word then less sure: RULE_MARK_CONF)."""
    out = []
    for n, line in enumerate(lines, start=first_line):
        for t in _SPLIT.split(line):
            bare = strip_rule_marks(t)
            if bare:
                out.append(Token(bare, line=n, conf=1.0 if bare == t else RULE_MARK_CONF))
    return out


def find_blocks(lines: list[str], first_line: int = 1, settings: DashboardSettings = DEFAULT) -> list[Block]:
    toks = tokens_of(lines, first_line)
    runs = month_runs(toks, settings)
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
        groups, end = _value_groups(toks, after, [len(ax.months) for _, _, ax in row], settings)
        if groups is None:
            context_from = row[-1][1]      # the next row's text starts after these axes
            continue
        texts = _context_lines(toks, context_from, row[0][0])
        contexts = _contexts(texts, len(row))
        doubt = _lost_group(groups)
        for (_, _, axis), (label, values), ctx in zip(row, groups, contexts):
            blocks.append(Block(axis, label, tuple(values), ctx, False, len(blocks), doubt))
        context_from = end
    blocks += _paired_blocks(toks, settings)
    return sorted(blocks, key=lambda b: (b.axis.labels[0].line or 0))


def _paired_blocks(toks: list[Token], s: DashboardSettings) -> list[Block]:
    """A one-line table read cell by cell, column after column ('M1 Jun-19 1660 Jul-19 1315 ...',
    as pypdf gives a ruled table): each month label followed by its value. The label is the
    words just before the first month; the title the text since the previous block."""
    out, i, since = [], 0, 0
    while i < len(toks) - 1:
        j = i
        months = []
        while j + 1 < len(toks) and (m := parse_month(toks[j].text)) and \
                month_value_like(toks[j + 1].text) and not is_month_like(toks[j + 1].text) and \
                (not months or m == month_add(months[-1], 1)):
            months.append(m)
            j += 2
        if len(months) < s.min_months:
            i += 1
            continue
        a = i
        while a > since and i - a < s.max_label_tokens and not month_value_like(toks[a - 1].text) \
                and not is_month_like(toks[a - 1].text):
            a -= 1
        label = _label(toks[a:i])
        if label is None or not is_ref_like(label.text) or (a > 0 and is_month_like(toks[a - 1].text)):
            i += 1              # a dataset table read column by column: its months and values
            continue            # interleave too, one month off, after a header label
        axis = Axis(tuple(toks[i:j:2]), tuple(months))
        texts = _context_lines(toks, since, a)
        ctx = read_context(texts)
        ctx = Context(ctx.title, ctx.caption, "", ctx.legend_refs, ctx.percent_note, ctx.caption_window, ())
        out.append(Block(axis, label, tuple(toks[i + 1:j:2]), ctx, False))
        i = since = j
    return out


def _only_months(toks: list[Token], a: int, b: int) -> bool:
    return all(is_month_like(t.text) for t in toks[a:b])


def _value_groups(toks: list[Token], start: int, sizes: list[int], s: DashboardSettings):
    """One (label, values) group per axis (sizes: their month counts) from toks[start:], or None
    when the tokens there are no row of chart values. Returns the groups and the index after the
    last value taken.

    The stretch after the axes alternates labels (runs of words that are not values) and values.
    OCR puts junk in a value's place ('m1') and loses labels, so the runs that are labels are the
    ones that cut the stretch into groups of exactly the axes' month counts (junk counting as the
    value it replaced). When exactly one choice does, it is taken; when none or several do, and
    there are as many runs as axes, each run is a label and the groups keep the counts they have
    (align leaves a group whose count does not match unverified); otherwise None."""
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
    choice = _cut_by_counts(runs, len(kinds), sizes)
    if choice is None:
        if len(runs) < len(sizes) or (runs and runs[0][0] != 0):
            return None, start
        choice = runs[:len(sizes)]
    groups, last = [], start
    for k, (a, b) in enumerate(choice):
        stop = choice[k + 1][0] if k + 1 < len(choice) else min(len(kinds), b + sizes[k])
        values = [start + j for j in range(b, stop) if kinds[j] or k + 1 < len(choice)]
        if len(values) < s.min_values or len(values) > s.max_stream_values:
            return None, start
        groups.append((_label(toks[start + a:start + b]), [toks[j] for j in values]))
        last = start + stop
    return groups, last


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


def _cut_by_counts(runs: list[tuple[int, int]], n_tokens: int, sizes: list[int]):
    """The one choice of labels (the first run at the stretch's start, then tails of runs) after
    which each group holds exactly its axis' month count; None when no choice or several do."""
    if not runs or runs[0][0] != 0:
        return None
    # a label may follow junk in the last value's place ('SiS CP2'): any tail of a run may be one
    tails = [(p, b) for a, b in runs[1:] for p in range(a, b)]
    found = []
    for rest in combinations(tails, len(sizes) - 1):
        choice = [runs[0], *rest]
        ends = [c[0] for c in rest] + [choice[-1][1] + sizes[-1]]
        if ends[-1] > n_tokens:
            continue
        if all(e - c[1] == n for c, e, n in zip(choice, ends, sizes)):
            found.append(choice)
            if len(found) > 1:
                return None
    return found[0] if found else None


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
