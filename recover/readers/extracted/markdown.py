"""Markdown pipe tables: '| Ref. | Indicator | ... | Apr-20 |' with a '|---|' separator line."""
from __future__ import annotations

import re

from .tabular import TextRow

_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.count("|") >= 3 and (s.startswith("|") or s.endswith("|"))


def split_pipes(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = re.split(r"(?<!\\)\|", s)
    return [p.replace("\\|", "|").strip() for p in parts]


def rows_from_markdown(lines: list[str]) -> list[TextRow]:
    out = []
    for n, line in enumerate(lines, start=1):
        if is_pipe_row(line) and not _SEP.match(line):
            out.append(TextRow(split_pipes(line), n, kind="markdown"))
    return out
