"""The text around a block -> what it says about the block's indicator (model.Context).

The phrases come in reading order from the finder that grouped them (geometry.py: the phrases
that start inside the block's columns above its axis). What each phrase is, is recover/printed/dashboard.py's to say; here they are
only collected: the title that starts with a ref is preferred to one without, the one title naming
the legend's ref wins, otherwise the title closest to the chart, refs in the legend are kept in order, and chart axis numbers are ignored.
"""
from __future__ import annotations

from recover.printed.dashboard import (benchmark, benchmarking_ref, caption_months, is_fixed_text,
                                       is_percent_note, is_title_like, titled_ref)
from recover.printed.refs import is_ref_like, normalise_ref

from .model import Context

_LEGEND_MARKS = "—–-_~=·•"


def legend_name(text: str) -> str | None:
    """'— CP1', 'CP1': the series name beside its line swatch, when it is a ref."""
    t = text.strip().lstrip(_LEGEND_MARKS).strip()
    return t if t and len(t.split()) <= 3 and is_ref_like(t) and not titled_ref(t) else None


def read_context(phrases: list[str]) -> Context:
    titled, plain, legend, benches = [], [], [], []
    caption, heading, window, note = "", "", None, False
    last = None                # what the previous phrase was: a title's second line follows it
    for text in phrases:
        t = " ".join(text.split())
        if not t:
            continue
        kind, last = last, None
        if is_percent_note(t):
            note = True
        elif (ref := benchmarking_ref(t)) is not None:
            legend.append(ref)
        elif (w := caption_months(t)) is not None:
            caption, window = caption or t, window or w
        elif (b := benchmark(t)) is not None:
            benches.append((str(b.role), b.value))
        elif is_fixed_text(t):
            continue
        elif titled_ref(t):
            titled.append(t)
            last = "titled"
        elif (name := legend_name(t)) is not None:
            legend.append(name)
        elif kind == "titled" and not _numeric(t):
            titled[-1] += " " + t      # the title wrapped onto a second line
        elif is_title_like(t):
            plain.append(t)
        elif not (heading or caption or titled or plain) and any(ch.isalpha() for ch in t) and not _numeric(t):
            heading = t            # the service area, printed first
    title = _legend_title(titled, legend) or (titled[-1] if titled else plain[-1] if plain else "")
    return Context(title=title, caption=caption, heading=heading, legend_refs=tuple(dict.fromkeys(legend)),
                   percent_note=note, caption_window=window, benchmarks=tuple(benches))


def _legend_title(titled: list[str], legend: list[str]) -> str | None:
    """Of several titles, the one naming the ref the chart's own legend or 'Benchmarking (REF)' box
    names, when exactly one does: the legend sits inside the chart, while a long title runs on over
    the next chart (or is laid out there, as pdftotext -layout moves a line), so the closest title
    may be the neighbour's."""
    if len(titled) < 2 or not legend:
        return None
    named = {normalise_ref(r) for r in legend}
    agree = [t for t in titled if normalise_ref(titled_ref(t)[0]) in named]
    return agree[0] if len(agree) == 1 else None


def _numeric(text: str) -> bool:
    """Chart axis numbers ('1500', '60.', '3804'): more digits than letters."""
    digits = sum(ch.isdigit() for ch in text)
    return digits >= sum(ch.isalpha() for ch in text)
