"""Views of the hand-read golden cells that several tests build packs from."""
from __future__ import annotations

import csv
from pathlib import Path

CELLS = Path(__file__).resolve().parents[1] / "golden" / "real" / "cells.csv"


def seed_view(seed: str, refs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """{ref: {month: printed}} for one real seed, from the hand-made golden cells."""
    out: dict[str, dict[str, str]] = {r: {} for r in refs}
    with open(CELLS, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["seed"].startswith(seed) and r["ref"] in out and r["status"] == "ok":
                out[r["ref"]][r["month"]] = r["printed"]
    return out
