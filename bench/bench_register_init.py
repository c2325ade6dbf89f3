"""`recover register init` figures: does the proposed register hold exactly one entry per indicator
the packs print, with the right unit?

For each proposed entry, the printed indicators of the rows it was made from (the truth of a row as
in bench_identify.py). Prints the entries proposed and the indicators printed, entries made of more
than one indicator (merged), indicators spread over several entries (split), units that differ from
the bundled register's, and rows that joined no entry.

    python bench/bench_register_init.py corpus/full/text
    python bench/bench_register_init.py --seeds
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.bench_identify import ROOT, box_truth, read, truth_by_line  # noqa: E402
from recover.identify.propose import propose  # noqa: E402
from recover.identify import identify_records  # noqa: E402
from recover.pipeline import Settings  # noqa: E402
from recover.register import load_register  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--seeds", action="store_true")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cache", default=None)
    ap.add_argument("--no-ocr", action="store_true", help="read text layers only")
    ap.add_argument("--keep", default=None, help="packs saved by bench_identify.py --keep (or to save)")
    a = ap.parse_args()
    folder = os.path.join(ROOT, "corpus", "real") if a.seeds else a.folder
    packs = read([folder], Settings(workers=a.workers, cache_dir=a.cache, ocr=not (a.seeds or a.no_ocr)), a.keep)
    truth = truth_by_line() if a.seeds else box_truth(folder)
    rows = [r for p in packs for r in p.rows]
    obs = [o for p in packs for o in p.observations]
    t0 = time.perf_counter()
    proposal = propose(rows, obs)
    secs = time.perf_counter() - t0
    # which entry each row went to: identify the rows with the proposed register, as a run would
    idents = identify_records(rows, obs, proposal.register)
    bundled = load_register()
    printed = {truth(r) for r in rows} - {None}
    made_of: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        t, got = truth(r), idents[r.row_id].ref
        if t and got:
            made_of[got][t] += 1
    merged = {e: dict(c) for e, c in made_of.items() if len(c) > 1}
    spread: dict[str, set] = defaultdict(set)
    for e, c in made_of.items():
        for t in c:
            spread[t].add(e)
    split = {t: sorted(es) for t, es in spread.items() if len(es) > 1}
    units = {i.ref: i.unit for i in proposal.indicators}
    wrong_unit = {e: (units[e], bundled.get(c.most_common(1)[0][0]).unit) for e, c in made_of.items()
                  if bundled.get(c.most_common(1)[0][0]) and units.get(e) != bundled.get(c.most_common(1)[0][0]).unit}
    unplaced = sum(1 for r in rows if idents[r.row_id].ref is None)
    print(f"{folder}: {len(packs)} packs, {len(rows)} rows; proposed {len(proposal.indicators)} entries "
          f"for {len(printed)} printed indicators in {secs:.1f} s")
    print(f"  entries made of one indicator: {sum(1 for c in made_of.values() if len(c) == 1)}, "
          f"merged: {len(merged)}, split indicators: {len(split)}, wrong unit: {len(wrong_unit)}, "
          f"entries no row is identified as: {len(proposal.indicators) - len(made_of)}")
    print(f"  rows identified under the proposal: {len(rows) - unplaced}/{len(rows)}; "
          f"rows the proposal left out: {len(proposal.left_out)}")
    for e, c in merged.items():
        print(f"   merged {e}: {c}")
    for t, es in split.items():
        print(f"   split {t}: {es}")
    for e, (got, want) in wrong_unit.items():
        print(f"   unit {e}: {got}, the bundled register says {want}")
    for x in proposal.left_out[:10]:
        print(f"   left out: {x}")


if __name__ == "__main__":
    main()
