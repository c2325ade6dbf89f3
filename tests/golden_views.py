"""Views of the golden files tests compare with: the hand-read cells of the real seeds, and the
month cells every generated pack prints (golden/printed.csv, from the truth that made the PDFs)."""
from __future__ import annotations

import csv
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CELLS = GOLDEN / "real" / "cells.csv"


def seed_view(seed: str, refs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """{ref: {month: printed}} for one real seed, from the hand-made golden cells."""
    out: dict[str, dict[str, str]] = {r: {} for r in refs}
    with open(CELLS, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["seed"].startswith(seed) and r["ref"] in out and r["status"] == "ok":
                out[r["ref"]][r["month"]] = r["printed"]
    return out


def printed_cells(variant: str, sources: set[str], set_: str) -> list[dict]:
    """The month cells golden/printed.csv (printed_lo.csv: the LibreOffice packs) says the given
    files print (one line per cell)."""
    seen, out = set(), []
    for name in ("printed.csv", "printed_lo.csv"):
        with open(GOLDEN / name, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                key = (r["source"], r["page"], r["ref"], r["month"], r["kind"])
                if r["variant"] == variant and r["source"] in sources and r["set"] == set_ and key not in seen:
                    seen.add(key)
                    out.append(r)
    return out


def printed_by_source(sources: set[str]) -> dict[str, list[dict]]:
    """{PDF file name: the month cells it prints} for the given files, whatever their variant."""
    seen, out = set(), {}
    for name in ("printed.csv", "printed_lo.csv"):
        with open(GOLDEN / name, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                key = (r["source"], r["page"], r["ref"], r["month"], r["kind"])
                if r["source"] in sources and r["set"] != "demo" and key not in seen:
                    seen.add(key)
                    out.setdefault(r["source"], []).append(r)
    return out


def _same(value: float | None, printed: str) -> bool:
    want = float(printed) if printed not in ("", None) else None
    return value == want if value is None or want is None else abs(value - want) < 1e-6


def not_read(observations, printed: list[dict]) -> tuple[list[dict], int]:
    """(printed cells no observation of the same file, page, ref and month gives with the printed
    status and value; how many of them have an observation with status ok and another value)."""
    got: dict[tuple, list] = {}
    for o in observations:
        if o.ref:
            got.setdefault((o.source, int(o.page), o.ref, o.month), []).append(o)
    missed, wrong_ok = [], 0
    for p in printed:
        obs = got.get((p["source"], int(p["page"]), p["ref"], p["month"]), [])
        if any(o.status == p["status"] and _same(o.value, p["value"]) for o in obs):
            continue
        missed.append(p)
        wrong_ok += any(o.status == "ok" and not _same(o.value, p["value"]) for o in obs)
    return missed, wrong_ok


def seed_results(packs) -> dict[str, dict]:
    """Per seed: readable golden cells, exact, wrong with status ok, and the cells not read exactly
    as (ref, month, printed, [(raw, status) of the observations])."""
    got: dict = {}
    for p in packs:
        for o in p.observations:
            if o.ref:
                got.setdefault((p.source, o.ref, o.month), []).append(o)
    out: dict = {}
    with open(CELLS, newline="", encoding="utf-8") as f:
        for g in csv.DictReader(f):
            if g["status"] == "unreadable":
                continue
            s = out.setdefault(g["seed"], {"cells": 0, "exact": 0, "wrong_ok": 0, "failures": []})
            s["cells"] += 1
            obs = got.get((g["seed"], g["ref"], g["month"]), [])
            if any(o.status == g["status"] and _same(o.value, g["value"]) for o in obs):
                s["exact"] += 1
                continue
            s["wrong_ok"] += any(o.status == "ok" and not _same(o.value, g["value"]) for o in obs)
            s["failures"].append((g["ref"], g["month"], g["printed"], [(o.raw, o.status) for o in obs]))
    return out


def read_seed_packs(register=None):
    """The four real seed extractions (corpus/real) through the pipeline, text only."""
    from recover.pipeline import Settings, open_all, read_sources
    seeds = GOLDEN.parent / "corpus" / "real"
    sources, errors = open_all(sorted(str(p) for p in seeds.glob("[0-9]*.txt")))
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1), register)
    return packs, errors + errs


def seed_row_truth():
    """row -> the ref golden/real/rows.csv (read by hand) gives the seed lines the row came from,
    or None when they name none or several."""
    from recover.testing import line_row_truth
    return line_row_truth(GOLDEN / "real" / "rows.csv")
