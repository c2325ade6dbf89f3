"""The canonical register of indicators (indicators.csv, shipped in the package) and row matching.

    reg = load_register()
    reg.get("M6-QL (val)").title
    reg.match("MG-QL (val)", "Number of referrals which are re-referrals ...", unit_hint="number")
    -> Match(ref='M6-QL (val)', score=..., why='ref+title; ref 0.92; title 1.00 (title)', candidates=...)

The scoring is documented in recover/register/match.py.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from recover.register.match import Match, TitleIndex, match_row
from recover.register.refs import ref_key, skeleton

UNITS = ("count", "percent", "rate")
SECTIONS = ("MASH", "EH", "CP", "LAC", "EarlyHelp", "Other")

__all__ = ["Indicator", "Match", "Register", "load_register", "parse_register"]


@dataclass(frozen=True)
class Indicator:
    ref: str
    title: str
    unit: str                      # count | percent | rate
    aliases: tuple[str, ...]
    first_seen: str                # YYYY-MM: first pack month judged to print it
    last_seen: str
    section: str


@dataclass(frozen=True)
class RefIndex:
    by_key: dict                   # ref_key -> ref
    by_skeleton: dict              # skeleton -> (ref, ...); several when OCR classes collide
    skeletons: tuple               # ((ref, skeleton), ...) for edit-distance candidates


class Register:
    """The indicators plus the indexes the matcher needs, built once."""

    def __init__(self, indicators: tuple[Indicator, ...]):
        self.indicators = tuple(indicators)
        self._by_ref = {i.ref: i for i in self.indicators}
        self._position = {i.ref: k for k, i in enumerate(self.indicators)}
        if len(self._by_ref) != len(self.indicators):
            raise ValueError("duplicate ref in the register")
        by_skeleton: dict[str, tuple[str, ...]] = {}
        for i in self.indicators:
            sk = skeleton(i.ref)
            by_skeleton[sk] = by_skeleton.get(sk, ()) + (i.ref,)
        self.ref_index = RefIndex(
            by_key={ref_key(i.ref): i.ref for i in self.indicators},
            by_skeleton=by_skeleton,
            skeletons=tuple((i.ref, skeleton(i.ref)) for i in self.indicators),
        )
        self.title_index = TitleIndex(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __iter__(self):
        return iter(self.indicators)

    def __contains__(self, ref: object) -> bool:
        return ref in self._by_ref

    def get(self, ref: str) -> Indicator | None:
        return self._by_ref.get(ref)

    def successor(self, ref: str) -> str | None:
        """The indicator printed after `ref` in a pack (the CSV keeps print order)."""
        pos = self._position.get(ref)
        if pos is None or pos + 1 >= len(self.indicators):
            return None
        return self.indicators[pos + 1].ref

    def match(self, ref_text: str, title_text: str, unit_hint: str | None = None,
              pack: str | None = None, prev_ref: str | None = None) -> Match:
        """Match one printed row; see recover.register.match for the scoring.

        unit_hint: 'percent' when the row's values print '%', 'number' when not, None if unknown.
        pack: YYYY-MM of the pack. prev_ref: the ref matched for the row printed just above in
        the same table (optional; breaks near-ties by print order)."""
        return match_row(self, ref_text, title_text, unit_hint=unit_hint, pack=pack, prev_ref=prev_ref)


def parse_register(text: str) -> Register:
    rows = []
    for rec in csv.DictReader(io.StringIO(text)):
        ind = Indicator(
            ref=rec["ref"].strip(), title=rec["title"].strip(), unit=rec["unit"].strip(),
            aliases=tuple(a.strip() for a in (rec.get("aliases") or "").split("|") if a.strip()),
            first_seen=rec.get("first_seen", "").strip(), last_seen=rec.get("last_seen", "").strip(),
            section=rec.get("section", "").strip(),
        )
        if ind.unit not in UNITS:
            raise ValueError(f"{ind.ref}: unit {ind.unit!r} not in {UNITS}")
        rows.append(ind)
    return Register(tuple(rows))


@lru_cache(maxsize=1)
def load_register() -> Register:
    text = resources.files("recover.register").joinpath("indicators.csv").read_text(encoding="utf-8")
    return parse_register(text)
