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
    them anyway says so itself: with_dashboards)."""
    lines = text.split("\n")
    kinds: set[str] = set()
    tab_rows = [l for l in lines if l.count("\t") >= 4]
    if len(tab_rows) >= 2 and any(sum(1 for c in l.split("\t") if parse_month(c.strip())) >= 5
                                  for l in tab_rows):
        kinds.add("tsv")
    if sum(1 for l in lines if html.has_cells(l)) >= 1 and "<td" in text.lower():
        kinds.add("html")
    if sum(1 for l in lines if markdown.is_pipe_row(l)) >= 3:
        kinds.add("markdown")
    spaced = [l for l in lines if "\t" not in l and re.search(r"\S\s{2,}\S", l)]
    if any(sum(1 for t in re.split(r"\s{2,}|\s", l.strip()) if parse_month(t)) >= 5 for l in spaced) \
            and sum(1 for l in spaced if len(_SPACED_VALUE.findall(l)) >= 5) >= 2:
        kinds.add("layout")
    plain = [l for l in lines if "\t" not in l]
    n_values = sum(1 for l in plain if is_values_line(l))
    n_frags = sum(1 for l in plain if is_frag(l))
    # Rotated cells leave runs of 2-3 letter fragments: several per values line.
    if n_values >= 1 and n_frags >= max(6, 3 * n_values):
        kinds.add("stream")
    if dashboards and has_dashboards(text, layout="layout" in kinds):
        kinds.add("dashboard")
    return [k for k in ORDER if k in kinds]


def with_dashboards(kinds: list[str]) -> list[str]:
    return [k for k in ORDER if k in kinds or k == "dashboard"]


def detect_kind(text: str) -> str:
    """'tsv', 'tsv+html', 'stream', ... ; 'prose' when no table of any kind is found."""
    return "+".join(detect_kinds(text)) or "prose"
