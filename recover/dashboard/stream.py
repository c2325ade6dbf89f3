"""Blocks from text without positions: pdftotext, pdfminer, pypdf, OCR'd plain text.

Such text keeps the reading order along a line but loses the columns, so the charts of one row
come out one after the other: their axes ('Jun-19 ... Jun-20 Jun-19 ... Jun-20', on one line or
on lines of their own), then their value lines ('M1 1660 ... 1171 M2 542 ... 311', or OCR's
'LACL3 | 11 | 10 11 | ...'). So:

  axes     runs of >= min_months consecutive month labels (axis.month_runs); runs with nothing
           between them are one row of charts, left to right;
  values   the tokens right after the row of axes (groups.py): a label (up to max_label_tokens words that are
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

from recover.printed.cells import month_value_like
from recover.printed.glued import split_glued, split_glued_dash
from recover.printed.confusions import RULE_AS, strip_rule_marks
from recover.printed.months import month_add, parse_month
from recover.printed.refs import is_ref_like
from recover.printed.dashboard import benchmarking_ref, caption_months, titled_ref

from .axis import completed, is_month_like, month_of, month_runs, row_window
from .context import read_context
from .groups import label_of as _label, value_groups
from .model import Axis, Block, Context, Token
from .settings import DEFAULT, DashboardSettings
from .window import window_axes, window_repaired

_SPLIT = re.compile(r"[\s|]+")
RULE_MARK_CONF = 0.85   # a word OCR glued a rule mark to ('104)'): below count_conf, a sign of OCR
_CAPTIONS = re.compile(r"(?=\bMonthly\s+trend\b)", re.I)
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
        names = _named_refs(_context_lines(toks, context_from, row[0][0]))
        groups, end, doubt = value_groups(toks, after, [len(ax.months) for ax in axes], settings, window is not None,
                                          names)
        if groups is None:
            context_from = row[-1][1]      # the next row's text starts after these axes
            continue
        if window is not None:
            blocks += _one_window_blocks(axes, groups, contexts, len(blocks), doubt)
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


def _one_window_blocks(axes: list[Axis], groups, contexts: list[Context], order: int, doubt: str = "") -> list[Block]:
    """The blocks of a row whose charts all show one window: which chart a group of values is does
    not decide its months, so a label naming two charts ('EH2 EH3 342 259 ...': OCR lost the
    first chart's values) is the last one's, and the charts after it take the next contexts.
    doubt: why no group's count may place its values (a chart label lost: groups.value_groups)."""
    out, lost = [], 0
    for k, (label, values) in enumerate(groups):
        label, more = _last_named(label)
        lost += more
        at = k + lost
        ctx = contexts[at] if at < len(contexts) else Context(caption=contexts[0].caption,
                                                              caption_window=contexts[0].caption_window)
        out.append(Block(axes[min(at, len(axes) - 1)], label, tuple(values), ctx, False, order + k, doubt))
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


def _context_lines(toks: list[Token], a: int, b: int) -> list[str]:
    lines: dict[int, list[str]] = {}
    for t in toks[a:b]:
        lines.setdefault(t.line, []).append(t.text)
    return [" ".join(ws) for _, ws in sorted(lines.items())]


def _named_refs(texts: list[str]) -> frozenset[str]:
    """The first word, upper case, of every ref the text above a row of charts names in a title
    ('LAC16 - Number of ...') or a 'Benchmarking (REF)' box."""
    out = set()
    for t in texts:
        refs = [r for part in re.split(r"(?=\b[BbE8][ec]n\w{0,3}hm)", t) if (r := benchmarking_ref(part))]
        refs += [r[0] for p in _TITLE_START.split(t) if (r := titled_ref(p.strip()))]
        out |= {r.split()[0].upper() for r in refs if r.split()}
    return frozenset(out)


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
