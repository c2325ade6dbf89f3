"""The records of the dashboard model: what one block of a dashboard prints, as any reader saw it.

A block is one small chart's evidence: its month axis (the labels of the one-line table), the
label cell and values under it, and the text around it (heading, caption, title, legend ref,
'Benchmarking (REF)', the percent note, benchmarks). Readers turn their input into tokens (text
with a position when they know one) and the finder (geometry.py) groups the tokens
into blocks; align.py puts each value under its month, saying how that was verified.
"""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Box


@dataclass(frozen=True)
class Token:
    """One printed word or value. x0/x1: its horizontal extent in the input's own unit (None when
    the input has no positions); box: where it is in PDF points (None for text inputs); line:
    the source text line (text inputs); conf: how sure the reader is of the text; read_back: a
    month label not read from the input but put back for the month it stands for (the window a
    caption names, the months an axis lost), its text the label's own."""
    text: str
    x0: float | None = None
    x1: float | None = None
    box: Box | None = None
    line: int | None = None
    conf: float = 1.0
    read_back: bool = False

    @property
    def cx(self) -> float | None:
        return None if self.x0 is None or self.x1 is None else (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Axis:
    """The month labels of a block's one-line table, left to right."""
    labels: tuple[Token, ...]
    months: tuple[str, ...]          # consecutive YYYY-MM, repaired where a label was damaged
    repaired: tuple[int, ...] = ()   # indices of labels read from their neighbours ('Fsb-20')

    @property
    def step(self) -> float | None:
        xs = [t.cx for t in self.labels]
        if len(xs) < 2 or any(x is None for x in xs):
            return None
        steps = sorted(b - a for a, b in zip(xs, xs[1:]))
        return steps[len(steps) // 2]

    @property
    def last(self) -> str:
        return self.months[-1]


@dataclass(frozen=True)
class Context:
    """What the text around a block says about its indicator."""
    title: str = ""                          # 'CP1 - Number of Section 47 ...' as printed
    caption: str = ""                        # 'Monthly trend, Mar-20 to Mar-21'
    heading: str = ""                        # the service area ('Child Protection')
    legend_refs: tuple[str, ...] = ()        # 'Benchmarking (CP1)', the series' legend name
    percent_note: bool = False               # 'All figures shown as percentages'
    caption_window: tuple[str, str] | None = None   # the months the caption names
    benchmarks: tuple[tuple[str, str], ...] = ()    # (role, printed value)

    def labels(self) -> tuple[tuple[str, str], ...]:
        """RowRecord.labels: ('title_ref', the ref the title starts with), ('legend', ref),
        ('caption', text) or ('window', text) for a caption naming only the months shown,
        ('unit_note', 'percent'), ..."""
        from recover.printed.dashboard import caption_names_more, titled_ref
        named = titled_ref(self.title)
        out = [("title_ref", named[0])] if named else []
        out += [("legend", r) for r in self.legend_refs]
        if self.caption:
            # a caption that only names the window is kept, but as no title of the indicator
            out.append(("caption" if caption_names_more(self.caption) else "window", self.caption))
        if self.heading:
            out.append(("heading", self.heading))
        if self.percent_note:
            out.append(("unit_note", "percent"))
        out += [(f"benchmark:{role}", v) for role, v in self.benchmarks]
        return tuple(out)


@dataclass(frozen=True)
class Block:
    """One chart's one-line table and what surrounds it, before alignment."""
    axis: Axis
    label: Token | None              # the label cell ('LAC13', 'LACL3', junk, or nothing)
    values: tuple[Token, ...]        # value-like tokens in print order (junk in their place kept)
    context: Context = Context()
    positioned: bool = False         # tokens carry positions the aligner may use
    order: int = 0                   # print order on its page
    doubt: str = ""                  # why the finder cannot vouch for which chart the values are


@dataclass(frozen=True)
class Placed:
    """A value (or its absence) under one month, and how sure its month is."""
    month: str
    text: str                        # as printed; '' when nothing was found there
    conf: float
    box: Box | None = None
    line: int | None = None


@dataclass(frozen=True)
class Aligned:
    block: Block
    cells: tuple[Placed, ...]        # one per axis month, oldest first
    how: str                         # 'positions' | 'count' | 'unverified: ...'
    verified: bool
