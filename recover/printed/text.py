"""Whitespace as packs and extractors leave it: wrapped lines, no-break spaces, runs of blanks."""
from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Whitespace normalised (wrapped lines joined by a space, no-break spaces as spaces), no other
    change: what a cell prints, as one line."""
    return _WS.sub(" ", (text or "").replace("\u00a0", " ")).strip()
