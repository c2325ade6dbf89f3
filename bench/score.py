"""Compare what recover read with what the corpus printed (golden/printed.csv).

A printed month cell counts as recovered when an observation from the same file has the same ref,
month, status and value (value compared at the printed precision), and no observation of it holds
another value with status ok. A wrong value with status ok is
the error that matters most: it is counted separately.
"""
from __future__ import annotations

import csv
import gzip
import os
from collections import defaultdict
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_printed(variant: str | None = None, sources: set[str] | None = None,
                 set_: str | None = None) -> list[dict]:
    """Printed month cells, optionally of one variant, of some files, of one set (full | demo)."""
    path = os.path.join(ROOT, "golden", "printed.csv")
    opener = open
    if not os.path.exists(path):
        path += ".gz"
        opener = gzip.open
    with opener(path, "rt", newline="") as f:
        rows = list(csv.DictReader(f))
    if variant:
        rows = [r for r in rows if r["variant"] == variant]
    if sources is not None:
        rows = [r for r in rows if r["source"] in sources]
    if set_ is not None:
        rows = [r for r in rows if r["set"] == set_]
    # the demo set re-renders some packs of the full set under the same file name: count a cell once
    seen, unique = set(), []
    for r in rows:
        key = (r["variant"], r["source"], r["page"], r["ref"], r["month"], r["kind"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


@dataclass
class Score:
    printed: int = 0
    exact: int = 0
    wrong_ok: int = 0
    missing_obs: int = 0
    unreadable: int = 0
    by_source: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.exact / self.printed if self.printed else 0.0

    def render(self, label: str) -> str:
        worst = sorted(self.by_source.items(), key=lambda kv: kv[1][0] / max(kv[1][1], 1))[:3]
        w = ", ".join(f"{s} {a}/{n}" for s, (a, n) in worst)
        return (f"{label}: {self.exact}/{self.printed} printed month cells exact ({100 * self.accuracy:.3f}%), "
                f"wrong with status ok: {self.wrong_ok}, unreadable: {self.unreadable}, "
                f"not found: {self.missing_obs}; worst packs: {w}")


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-6


def score(observations, printed: list[dict]) -> Score:
    """observations: recover.model.Observation (or rows with the same attribute names)."""
    got = {}
    for o in observations:
        if o.ref:
            got.setdefault((o.source, int(o.page), o.ref, o.month), []).append(o)
    s = Score()
    for p in printed:
        s.printed += 1
        key = (p["source"], int(p["page"]), p["ref"], p["month"])
        want_val = float(p["value"]) if p["value"] not in ("", None) else None
        obs = got.get(key, [])
        stat = s.by_source[p["source"]]
        stat[1] += 1
        if not obs:
            s.missing_obs += 1
            s.failures.append((p, None))
            continue
        # a wrong value with status ok is counted even beside a right reading of the same cell:
        # observations.csv holds both
        wrong_ok = any(o.status == "ok" and not _same(o.value, want_val) for o in obs)
        if not wrong_ok and any(o.status == p["status"] and _same(o.value, want_val) for o in obs):
            s.exact += 1
            stat[0] += 1
            continue
        if wrong_ok:
            s.wrong_ok += 1
        if any(o.status == "unreadable" for o in obs):
            s.unreadable += 1
        s.failures.append((p, obs[0]))
    return s
