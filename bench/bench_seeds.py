"""The four real seed extractions read through the whole pipeline, scored against
golden/real/cells.csv (written by careful reading). Prints accuracy, wrong-with-ok and what failed."""
from __future__ import annotations

import csv
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from recover.pipeline import Settings, open_all, read_sources  # noqa: E402
from recover.register import load_register  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seed_dir() -> str:
    return os.path.join(ROOT, "corpus", "real")


def golden_cells() -> list[dict]:
    with open(os.path.join(ROOT, "golden", "real", "cells.csv"), newline="") as f:
        return list(csv.DictReader(f))


def read_seeds():
    d = seed_dir()
    files = sorted(os.path.join(d, n) for n in os.listdir(d) if n[:3].isdigit() and n.endswith(".txt"))
    sources, errors = open_all(files)
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1), load_register())
    return packs, errors + errs


def score_seeds(packs) -> dict:
    """Per seed: readable golden cells, exact, wrong with status ok, listed as unreadable."""
    got: dict = {}
    for p in packs:
        for o in p.observations:
            if o.ref:
                got.setdefault((p.source, o.ref, o.month), []).append(o)
    out: dict = {}
    for g in golden_cells():
        if g["status"] == "unreadable":
            continue
        s = out.setdefault(g["seed"], {"cells": 0, "exact": 0, "wrong_ok": 0, "unreadable": 0, "failures": []})
        s["cells"] += 1
        want = float(g["value"]) if g["value"] else None
        obs = got.get((g["seed"], g["ref"], g["month"]), [])
        if any(o.status == g["status"] and (o.value == want or (o.value is not None and want is not None and abs(o.value - want) < 1e-9)) for o in obs):
            s["exact"] += 1
            continue
        if any(o.status == "ok" and o.value != want for o in obs):
            s["wrong_ok"] += 1
        if any(o.status == "unreadable" for o in obs):
            s["unreadable"] += 1
        s["failures"].append((g["ref"], g["month"], g["printed"], [(o.raw, o.status) for o in obs]))
    return out


def main() -> None:
    t0 = time.perf_counter()
    packs, errors = read_seeds()
    secs = time.perf_counter() - t0
    for e in errors:
        print("error:", e.line())
    res = score_seeds(packs)
    tot = sum(s["cells"] for s in res.values())
    ex = sum(s["exact"] for s in res.values())
    wr = sum(s["wrong_ok"] for s in res.values())
    for seed, s in sorted(res.items()):
        print(f"{seed}: {s['exact']}/{s['cells']} readable month cells exact "
              f"({100 * s['exact'] / s['cells']:.2f}%), wrong with status ok: {s['wrong_ok']}, "
              f"marked unreadable: {s['unreadable']}")
        for f in s["failures"][:8]:
            print("   not exact:", f)
    print(f"ALL seeds: {ex}/{tot} ({100 * ex / max(tot, 1):.2f}%), wrong with status ok: {wr}, {secs:.2f} s")


if __name__ == "__main__":
    main()
