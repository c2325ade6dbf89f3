"""The register of indicators and row matching.

The register is user data: `load_register()` is the one shipped in the package (indicators.csv),
`load_register(path)` a council's own CSV (columns ref,title,unit,aliases; see parse_register).

    reg = load_register()
    reg.get("M6-QL (val)").title
    reg.match("MG-QL (val)", "Number of referrals which are re-referrals ...", unit_hint="number")
    -> Match(ref='M6-QL (val)', score=..., why='ref+title; ref 0.92; title 1.00 (title)', candidates=...)

The scoring is documented in recover/register/match.py.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from recover.csvlines import MalformedCsv, numbered_records
from recover.errors import RegisterFileError
from recover.register.match import Match, TitleIndex, match_row
from recover.register.refs import ref_key, skeleton

UNITS = ("count", "percent", "rate")
SECTIONS = ("MASH", "EH", "CP", "LAC", "EarlyHelp", "Other")
BUNDLED = "bundled register"

__all__ = ["Indicator", "Match", "Register", "load_register", "read_register", "parse_register",
           "resolve_register", "register_csv", "RegisterFileError"]


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

    def __init__(self, indicators: tuple[Indicator, ...], origin: str = ""):
        self.indicators = tuple(indicators)
        self.origin = origin or "register"
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

    @property
    def digest(self) -> str:
        """Content hash (sha256 of the canonical CSV): the store records which register matched
        each row, and a changed register means the stored rows are matched again."""
        if not hasattr(self, "_digest"):
            self._digest = hashlib.sha256(register_csv(self).encode("utf-8")).hexdigest()
        return self._digest

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


REQUIRED_COLUMNS = ("ref", "title", "unit", "aliases")
OPTIONAL_COLUMNS = ("first_seen", "last_seen", "section")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def parse_register(text: str, source: str = "register") -> Register:
    """A register from its CSV text. Columns ref,title,unit,aliases (aliases '|'-separated; unit
    count|percent|rate), optionally first_seen,last_seen (YYYY-MM) and section.

    Every problem is collected and raised at once as RegisterFileError with line numbers: wrong
    columns, an empty ref or title, an unknown unit, a ref given twice (refs that differ only in
    spaces or case are the same ref to the matcher), a malformed month."""
    records = _csv_records(text, source)
    if not records:
        raise RegisterFileError(source, "line 1: the file is empty (expected the header "
                                        f"{','.join(REQUIRED_COLUMNS)})")
    header_line, header = records[0]
    header = [h.strip().lower() for h in header]
    problems = _header_problems(header)
    if problems:
        raise RegisterFileError(source, f"line {header_line}: " + "; ".join(problems))
    rows: list[Indicator] = []
    seen: dict[str, int] = {}
    for line, rec in records[1:]:
        if not any(x.strip() for x in rec):
            continue
        if len(rec) != len(header):
            problems.append(f"line {line}: {len(rec)} fields, the header has {len(header)}")
            continue
        rec = dict(zip(header, (x.strip() for x in rec)))
        bad = []
        ref, title, unit = rec["ref"], " ".join(rec["title"].split()), rec["unit"].lower()
        if not ref:
            bad.append("ref is empty")
        elif ref_key(ref) in seen:
            bad.append(f"ref {ref!r} is already on line {seen[ref_key(ref)]}")
        if not title:
            bad.append("title is empty")
        if unit not in UNITS:
            bad.append(f"unit {rec['unit']!r} is not one of {', '.join(UNITS)}")
        for col in ("first_seen", "last_seen"):
            if rec.get(col) and not _MONTH.match(rec[col]):
                bad.append(f"{col} {rec[col]!r} is not a month (YYYY-MM)")
        if bad:
            problems.append(f"line {line}: " + "; ".join(bad))
            continue
        seen[ref_key(ref)] = line
        aliases = tuple(dict.fromkeys(" ".join(a.split()) for a in rec["aliases"].split("|")
                                      if a.strip() and " ".join(a.split()) != title))
        rows.append(Indicator(ref=ref, title=title, unit=unit, aliases=aliases,
                              first_seen=rec.get("first_seen", ""), last_seen=rec.get("last_seen", ""),
                              section=rec.get("section", "")))
    if problems:
        raise RegisterFileError(source, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
    if not rows:
        raise RegisterFileError(source, f"line {header_line + 1}: no indicators after the header")
    return Register(tuple(rows), origin=source)


def _csv_records(text: str, source: str) -> list[tuple[int, list[str]]]:
    try:
        return numbered_records(io.StringIO(text.lstrip("\ufeff")))
    except MalformedCsv as e:
        raise RegisterFileError(source, f"line {e.stop}: {e}") from None


def _header_problems(header: list[str]) -> list[str]:
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(repr(c) for c in unknown)}")
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        problems.append(f"column(s) given twice: {', '.join(twice)}")
    if problems:
        problems.append(f"expected {','.join(REQUIRED_COLUMNS)} and optionally {','.join(OPTIONAL_COLUMNS)}")
    return problems


def read_register(path: str | os.PathLike) -> Register:
    """A register CSV a person wrote (or `recover register init` proposed)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise RegisterFileError(str(path), f"cannot read the register: {e.strerror or e}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise RegisterFileError(str(path), f"line {line}: not UTF-8 text (save the CSV as UTF-8)") from None
    return parse_register(text, source=str(path))


def load_register(path: str | os.PathLike | None = None) -> Register:
    """The register in use: the file at `path`, or (None) the one shipped in the package."""
    return _bundled() if path is None else read_register(path)


def resolve_register(register) -> Register:
    """What the library accepts as `register=`: a Register, a path to a CSV, or None (bundled)."""
    if register is None or isinstance(register, (str, os.PathLike)):
        return load_register(register)
    if isinstance(register, Register):
        return register
    raise TypeError(f"register must be a Register, a path or None, not {type(register).__name__}")


@lru_cache(maxsize=1)
def _bundled() -> Register:
    text = resources.files("recover.register").joinpath("indicators.csv").read_text(encoding="utf-8")
    return parse_register(text, source=BUNDLED)


def register_csv(register: Register) -> str:
    """The register as CSV (the columns parse_register reads): a template to edit."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    for i in register.indicators:
        w.writerow((i.ref, i.title, i.unit, "|".join(i.aliases), i.first_seen, i.last_seen, i.section))
    return buf.getvalue()
