"""Which kind(s) of extraction a text file is: tsv, html, markdown, layout, stream, dashboard."""
from __future__ import annotations

import re

from recover.printed.months import parse_month
from recover.printed.numbers import DASHES, NUMBER

from . import html, markdown
from .dashboard import has_dashboards
from .stream import is_frag, is_values_line

# a value cell of layout text: two or more spaces, then a number or a dash
# (anchored at the start of a run of spaces: tried at every space of a long run, the pattern
# cost time quadratic in the run's length, and layout text lines are mostly spaces)
_SPACED_VALUE = re.compile(rf"(?:(?<=\S)|^)\s{{2,}}(?:{NUMBER}|[{''.join(DASHES)}])(?=\s|$)")
ORDER = ("tsv", "html", "markdown", "layout", "stream", "dashboard")


def detect_kinds(text: str, dashboards: bool = True) -> list[str]:
    """dashboards: read the text's dashboards to say whether it holds some (a reader that reads
    them anyway says so itself: with_dashboards). Every count stops as soon as it decides (the
    tests run on every line of files of thousands of lines)."""
    lines = text.split("\n")
    kinds: set[str] = set()
    tab_rows = [l for l in lines if l.count("\t") >= 4]
    if len(tab_rows) >= 2 and any(sum(1 for c in l.split("\t") if parse_month(c.strip())) >= 5
                                  for l in tab_rows):
        kinds.add("tsv")
    if "<td" in text.lower() and any(html.has_cells(l) for l in lines):
        kinds.add("html")
    if _count(3, (l for l in lines if markdown.is_pipe_row(l))) >= 3:
        kinds.add("markdown")
    spaced = [l for l in lines if "\t" not in l and re.search(r"\S\s{2,}\S", l)]
    if any(sum(1 for t in re.split(r"\s{2,}|\s", l.strip()) if parse_month(t)) >= 5 for l in spaced) \
            and _count(2, (l for l in spaced if len(_SPACED_VALUE.findall(l)) >= 5)) >= 2:
        kinds.add("layout")
    plain = [l for l in lines if "\t" not in l]
    # Rotated cells leave runs of 2-3 letter fragments: several per values line.
    n_frags = sum(1 for l in plain if is_frag(l))
    if n_frags >= 6 and 1 <= _count(n_frags // 3 + 1, (l for l in plain if is_values_line(l))) <= n_frags // 3:
        kinds.add("stream")          # a values line or more, and at least 3 fragments for each
    if dashboards and has_dashboards(text, layout="layout" in kinds):
        kinds.add("dashboard")
    return [k for k in ORDER if k in kinds]


def _count(cap: int, items) -> int:
    """How many items, counted up to cap (where the answer is decided)."""
    n = 0
    for _ in items:
        n += 1
        if n >= cap:
            break
    return n


def with_dashboards(kinds: list[str]) -> list[str]:
    return [k for k in ORDER if k in kinds or k == "dashboard"]


def detect_kind(text: str) -> str:
    """'tsv', 'tsv+html', 'stream', ... ; 'prose' when no table of any kind is found."""
    return "+".join(detect_kinds(text)) or "prose"
