"""Every look of both renderers, as text layer and as 300/200 dpi scans, read through the pipeline
and scored against golden/printed*.csv (file, page, ref and month must match). Prints tables,
never asserts.

    python bench/bench_layout.py corpus/full                         # everything (scans: minutes)
    python bench/bench_layout.py corpus/full --layers text           # text layers only (seconds)
    python bench/bench_layout.py corpus/full --looks nolines,hairline --renderers libreoffice
    python bench/bench_layout.py corpus/full-holdout --holdout
    python bench/bench_layout.py /tmp/check --truth /tmp/check     # a folder rendered with --salt
    python bench/bench_layout.py corpus/full --pages bench/scan_sample.csv --cache CACHE   # sampled scans
    python bench/bench_layout.py corpus/full --write-sample 2 > bench/scan_sample.csv       # how it was chosen

--pages reads only the listed pages of the listed PDFs (scans: other pages are not OCR'd) and scores
only their cells; each layer is then read in one pool, and its CPU seconds per page are printed.
--write-sample N lists, per renderer x look x scan dpi, N table pages of N different packs: the
first table page of the group's first PDF, the last of its second, then the middle ones.

Table 1: table month cells exact % (wrong with status ok), rows = look, columns = renderer x layer.
Table 2: every class of bench/measure.py per look, renderer and layer, with seconds per page
(text layers are read on one core; scans with --workers OCR processes).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import (DETAIL, DETAIL_NOTE, Tally, detail_row, env_jobs, golden_pages,  # noqa: E402
                           golden_printed, print_table, read_files, read_page_list, summary, tally_pack,
                           tally_refused)
from gen.variants import LOOKS, parse as parse_variant  # noqa: E402

LAYERS = ("text", "scan300", "scan200", "mixed")
RENDERERS = ("reportlab", "libreoffice")


def corpus_groups(folder: Path, holdout: bool | Path, layers, renderers, looks, per_group: int,
                  only: dict[str, set[int]] | None = None):
    """{(renderer, look, layer): [pdf paths]} of the PDFs present in the folder (only: those listed)."""
    pages = golden_pages(holdout)
    groups = defaultdict(list)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".pdf") or name not in pages or (only is not None and name not in only):
            continue
        v = parse_variant(pages[name][0]["variant"])
        if v.layer in layers and v.renderer in renderers and (looks is None or v.look.name in looks):
            groups[(v.renderer, v.look.name, v.layer)].append(str(folder / name))
    if per_group:
        groups = {k: v[:per_group] for k, v in groups.items()}
    return groups


def read_groups(groups, workers: int, cache: str | None, progress: bool = True):
    """{group: [PackRead]}, text layers on one core (their speed is a figure), scans in workers."""
    out, errors = {}, defaultdict(list)
    for key, files in sorted(groups.items()):
        if progress:
            print(f"  reading {len(files)} PDF(s): {'/'.join(key)}", file=sys.stderr, flush=True)
        scan = key[2] != "text"
        packs, errs, secs = read_files(files, ocr=scan, workers=workers if scan else 1, cache_dir=cache)
        out[key] = (files, packs, secs)
        errors[key] += errs
    return out, errors


def read_layers(groups, workers: int, cache: str | None, only: dict[str, set[int]], progress: bool = True):
    """read_groups for listed pages: each layer's PDFs in one pool (a pool of a few pages would
    mostly measure its own start). Returns the reads and {layer: (pages, wall s, CPU s)}."""
    out, errors, costs = {}, defaultdict(list), {}
    for layer in LAYERS:
        keys = [k for k in sorted(groups) if k[2] == layer]
        files = [f for k in keys for f in groups[k]]
        if not files:
            continue
        n = sum(len(only.get(os.path.basename(f), ())) for f in files)
        if progress:
            print(f"  reading {n} page(s) of {len(files)} PDF(s): {layer}", file=sys.stderr, flush=True)
        cpu: list[float] = []
        packs, errs, secs = read_files(files, ocr=layer != "text", workers=workers if layer != "text" else 1,
                                       cache_dir=cache, pages=only, cpu=cpu)
        costs[layer] = (n, secs, cpu[0])
        by_name = {p.source: p for p in packs}
        for k in keys:
            out[k] = (groups[k], [by_name[n] for f in groups[k] if (n := os.path.basename(f)) in by_name], 0.0)
        errors[(layer,)] += errs
    return out, errors, costs


def write_sample(folder: Path, holdout: bool | Path, layers, renderers, looks, n: int) -> None:
    """Print a page list (source,page) for --pages: see the module's docstring."""
    pages = golden_pages(holdout)
    groups = corpus_groups(folder, holdout, [lay for lay in layers if lay.startswith("scan")], renderers,
                           looks, 0)
    print(f"# {n} table page(s) per renderer x look x scan dpi, of {n} different packs "
          f"(bench/bench_layout.py --write-sample {n})")
    print("source,page")
    for key in sorted(groups, key=lambda k: (k[0], list(LOOKS).index(k[1]), LAYERS.index(k[2]))):
        for i, f in enumerate(groups[key][:n]):
            name = os.path.basename(f)
            tp = sorted(int(r["page"]) for r in pages[name] if r["kind"] == "table")
            if tp:
                at = 0 if i == 0 else len(tp) - 1 if i == 1 else len(tp) // 2
                print(f"{name},{tp[at]}")


def score_groups(read, holdout: bool | Path, kind: str = "table", only: dict[str, set[int]] | None = None):
    from bench.measure import dashboard_only
    printed = golden_printed(holdout)
    pages = golden_pages(holdout)
    res: dict[tuple, Tally] = {}
    for key, (files, packs, secs) in read.items():
        by_name = {p.source: p for p in packs}
        res.setdefault(key, Tally()).seconds += secs
        for f in files:
            name = os.path.basename(f)
            cells = printed.get(name, [])
            cells = dashboard_only(cells) if kind == "dashboard" else [c for c in cells if c["kind"] == "table"]
            if only is not None:
                cells = [c for c in cells if int(c["page"]) in only.get(name, ())]
            if not cells:
                continue
            n_pages = len(pages.get(name, [])) if only is None else len(only.get(name, ()))
            p = by_name.get(name)
            if p is None:          # the input was refused: every printed cell is lost
                t = tally_refused(name, cells, n_pages)
            else:
                t, _ = tally_pack(p, cells, by_page=True, n_pages=n_pages)
            res.setdefault(key, Tally()).add(t)
    return res


def report(res, errors, title: str, show: int) -> None:
    looks = [lk for lk in LOOKS if any(k[1] == lk for k in res)]
    cols = [(r, lay) for r in RENDERERS for lay in ("text", "scan300", "scan200")
            if any(k[0] == r and k[2] == lay for k in res)]
    print_table(f"{title}: month cells exact % (wrong with status ok)",
                ["look"] + [f"{'rl' if r == 'reportlab' else 'lo'} {lay}" for r, lay in cols],
                [[lk] + [summary(res.get((r, lk, lay))) for r, lay in cols] for lk in looks],
                "rl = reportlab, lo = LibreOffice; '-' = not in this corpus")
    rows = [detail_row(list(k), res[k]) for k in sorted(res, key=lambda k: (k[0], list(LOOKS).index(k[1]),
                                                                          LAYERS.index(k[2])))]
    print_table(f"{title}: every class", ["renderer", "look", "layer", *DETAIL], rows, DETAIL_NOTE)
    for k, errs in sorted(errors.items()):
        for e in errs[:3]:
            print(f"  error ({'/'.join(k)}): {e}")
    if show:
        for k in sorted(res):
            for m in res[k].worst_misses(show):
                print(f"  miss {'/'.join(k)}:", *m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a corpus/make.py output folder")
    ap.add_argument("--layers", default="text,scan300,scan200,mixed")
    ap.add_argument("--renderers", default=",".join(RENDERERS))
    ap.add_argument("--looks", help="comma-separated looks (default: all)")
    ap.add_argument("--per-group", type=int, default=0, help="at most this many PDFs per look/layer")
    ap.add_argument("--holdout", action="store_true", help="score against golden/holdout/")
    ap.add_argument("--truth", type=Path, help="score against the printed cells in this corpus/make.py "
                                               "output folder's .meta/ (a check set rendered with --salt)")
    ap.add_argument("--workers", type=int, default=env_jobs())
    ap.add_argument("--cache", help="OCR cache folder shared between runs (default: none)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--pages", type=Path, help="a CSV of source,page: read and score only those pages")
    ap.add_argument("--write-sample", type=int, metavar="N", help="print a --pages list of N table pages "
                                                                  "per renderer x look x scan dpi, and stop")
    a = ap.parse_args(argv)
    if a.truth:
        a.holdout = a.truth
    looks = a.looks.split(",") if a.looks else None
    if a.write_sample:
        write_sample(a.folder, a.holdout, a.layers.split(","), a.renderers.split(","), looks, a.write_sample)
        return 0
    only = read_page_list(a.pages) if a.pages else None
    groups = corpus_groups(a.folder, a.holdout, a.layers.split(","), a.renderers.split(","), looks,
                           a.per_group, only)
    if not groups:
        print(f"{a.folder}: no PDFs of the chosen layers/renderers/looks")
        return 1
    if only is None:
        read, errors = read_groups(groups, a.workers, a.cache)
        report(score_groups(read, a.holdout), errors, "layout, table cells", a.show)
        return 0
    read, errors, costs = read_layers(groups, a.workers, a.cache, only)
    res = score_groups(read, a.holdout, only=only)
    report(res, errors, f"layout, table cells of the pages in {a.pages.name}", a.show)
    for layer, (n, wall, cpu) in costs.items():
        t = Tally()
        for k, v in res.items():
            if k[2] == layer:
                t.add(v)
        print(f"  {layer}: {n} page(s), {t.pct(t.exact)}% exact, {t.wrong_ok} wrong ok ({t.wrong_sure} sure), "
              f"{t.flagged} flagged, {t.not_found} not found; wall {wall / n:.2f} s/page, CPU {cpu / n:.2f} s/page "
              f"({a.workers} worker(s){', OCR cache' if a.cache else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
