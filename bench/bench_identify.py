"""Identification figures: which indicator each printed row was given, against the truth.

Reads a corpus folder once (unidentified), then identifies its rows with the bundled register and
with the alternative register in tests/data (another council's wording, some indicators absent,
some it holds that the packs never print), and prints per register:

    right       rows given their printed indicator (under the alternative register: its entry)
    wrong       rows given another indicator (the error that matters)
    unmatched   rows of an indicator the register holds that went to unmatched.csv
    absent      rows of an indicator the register does not hold (all must be unmatched)
    by          how the right rows were identified (label, label+values, values)
    observations  under a ref the register holds, or of an unmatched row (they go to
                unmatched.csv); 'neither' (an observation with no ref outside unmatched.csv) must be 0

the whole folder first, then each variant (the file name's part after the pack date: text,
lo-fills-scan300, ...).

--with FOLDER adds the text-layer packs of another folder (its scanned pages are not read, files
named as one of the scored folder's are left out), identified together with the scored packs but
not scored: a folder of scans alone is the strict case (an indicator that every scan prints with
the same OCR damage beside a title worded otherwise has no other pack to vouch for its values),
scans among text-layer packs the usual back-fill.

The truth of a row: for PDFs, the printed row (golden printed.csv, or the folder's .meta/printed.csv)
whose month cells line up with the row's box; for the real seeds, golden/real/rows.csv by line number.
A row over no printed row, or over several (a reader that made one row of many), has none: it is
counted as 'rows without truth' and listed, not scored. A record that prints nothing (no ref, no
title, no value: a reader's stray line inside a printed row) has nothing to identify; it is counted
as an 'empty record' and listed, not scored, unless it was given a ref. A record left unmatched that
prints no value and no ref, inside a printed row another record of the file was given rightly (the
wrapped end of a title, or rule glyphs, that a reader made a record of its own), is counted as a
'value-less fragment' of that row and listed, not scored: the printed row was matched.

    python bench/bench_identify.py corpus/full --no-ocr          # every text-layer page
    python bench/bench_identify.py SCANS --workers 2 --cache /tmp/ocr   # a folder of scans
    python bench/bench_identify.py SCANS --with corpus/full   # scans among the text-layer packs
    python bench/bench_identify.py --seeds
"""
from __future__ import annotations

import argparse
import csv
import os
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from recover.cli import StderrProgress  # noqa: E402
from recover.identify import identify_packs  # noqa: E402
from recover.ingest.sources import discover  # noqa: E402
from recover.pipeline import Settings, open_all, read_sources  # noqa: E402
from recover.progress import SILENT, Progress  # noqa: E402
from recover.register import load_register  # noqa: E402
from recover.register.refs import ref_key  # noqa: E402
from recover.testing import line_row_truth, printed_row_boxes, printed_row_truth  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OTHER = os.path.join(ROOT, "tests", "data", "register_other_council.csv")


def read(paths: list[str], settings: Settings, keep: str | None = None, progress: Progress = SILENT,
         leave_out: frozenset[str] = frozenset(), errors_shown: bool = True, refused: list | None = None):
    """The packs of paths, read unidentified. keep: a file the packs are saved to after reading, and
    loaded from when it exists, so a second bench (bench_register_init.py) scores the same read.
    leave_out: file names not to read; errors_shown: print each file that could not be read;
    refused: a list the names of the files given that gave no pack are appended to."""
    files, _, errors = discover(paths)
    files = [f for f in files if os.path.basename(f) not in leave_out]
    if keep and os.path.exists(keep):
        with open(keep, "rb") as f:
            packs = [p for p in pickle.load(f) if p.source not in leave_out]
    else:
        sources, open_errors = open_all(files)
        errors = list(errors) + list(open_errors)
        packs, errs = read_sources(sources, settings, progress=progress)
        for e in (errors + errs) if errors_shown else ():
            print("error:", e.line())
        if keep:
            with open(keep, "wb") as f:
                pickle.dump(packs, f, protocol=pickle.HIGHEST_PROTOCOL)
    if refused is not None:
        got = {p.source for p in packs}
        refused.extend(n for f in files if (n := os.path.basename(f)) not in got)
    return packs


# ---- the truth of a row -------------------------------------------------------------------------
def box_truth(folder: str | None):
    """Rows of a corpus folder: by its .meta/printed.csv, else golden/printed.csv."""
    path = os.path.join(folder, ".meta", "printed.csv") if folder else ""
    return printed_row_truth(Path(path if os.path.exists(path) else os.path.join(ROOT, "golden", "printed.csv")))


def truth_by_line():
    """Rows of the real seeds: by the lines golden/real/rows.csv (read by hand) gives a ref."""
    return line_row_truth(Path(ROOT, "golden", "real", "rows.csv"))


def rows_printed(folder: str | None, seeds: bool) -> Counter:
    """{file name: the rows and blocks it prints} by the same truth as box_truth / truth_by_line: what
    a refused file takes from the count of rows right."""
    if seeds:
        with open(os.path.join(ROOT, "golden", "real", "rows.csv"), newline="", encoding="utf-8") as f:
            return Counter(seed for seed, _ in {(r["seed"], r["ref"]) for r in csv.DictReader(f)})
    path = os.path.join(folder, ".meta", "printed.csv") if folder else ""
    boxes = printed_row_boxes(Path(path if os.path.exists(path) else os.path.join(ROOT, "golden", "printed.csv")))
    out: Counter = Counter()
    for (source, _), refs in boxes.items():
        out[source] += len(refs)
    return out


# ---- scoring ----------------------------------------------------------------------------------
def variant_of(source: str) -> str:
    """'agenda_2019-06-13_lo-fills-scan300.pdf' -> 'lo-fills-scan300'; a name without a date part
    ('2021-03 ... .txt', a seed) counts as its own kind of input, by extension."""
    stem, ext = os.path.splitext(source)
    parts = stem.split("_")
    if len(parts) >= 3 and parts[1][:4].isdigit():
        return "_".join(parts[2:])
    return ext.lstrip(".") or "file"


def score(packs, register, truth, show: int, context=()) -> tuple[dict[str, Counter], list[str]]:
    """Per variant: rows right / WRONG / unmatched (of indicators the register holds), rows of
    indicators it lacks, how the right rows were identified, and every observation checked: under a
    ref the register holds, or of an unmatched row (unmatched.csv), never neither. context: packs
    identified together with `packs`, not scored."""
    keys = {ref_key(i.ref): i.ref for i in register}
    held = set(keys.values())
    stats: dict[str, Counter] = defaultdict(Counter)
    notes = []
    for p in identify_packs(list(packs) + list(context), register)[:len(packs)]:
        st = stats[variant_of(p.source)]
        ref_of = {r.row_id: r.ref for r in p.rows}
        for o in p.observations:
            if o.row_id in ref_of and o.ref == ref_of[o.row_id] and (o.ref is None or o.ref in held):
                st["obs ref" if o.ref else "obs unmatched"] += 1
            else:
                st["obs WITHOUT REF"] += 1
                notes.append(f"WRONG observation {p.source} p{o.page} {o.month} ref {o.ref!r} row {o.row_id}")
        printing = {o.row_id for o in p.observations if o.status == "ok"}
        matched = {ref_key(t) for r in p.rows if r.ref and (t := truth(r)) and keys.get(ref_key(t)) == r.ref}
        for r in p.rows:
            t = truth(r)
            if r.ref is None and not (r.ref_printed.strip() or r.title_printed.strip() or r.row_id in printing):
                st["empty"] += 1     # no ref, no title, no value: a reader's stray record, nothing to identify
                notes.append(f"empty record {p.source} p{r.page} {r.box or r.lines} (truth {t})")
                continue
            if t is None:
                st["no truth"] += 1
                notes.append(f"no truth {p.source} p{r.page} {r.ref_printed[:20]!r} {r.box or r.lines} -> {r.ref}")
                continue
            want = keys.get(ref_key(t))
            if want is None:
                st["absent->unmatched" if r.ref is None else "absent->WRONG"] += 1
                if r.ref is not None:
                    notes.append(f"WRONG {p.source} p{r.page} {t} (absent) -> {r.ref}: {r.match_why}")
            elif r.ref is None and not r.ref_printed.strip() and r.row_id not in printing and ref_key(t) in matched:
                st["fragment"] += 1   # the printed row's values and label are another record's, rightly matched
                notes.append(f"value-less fragment {p.source} p{r.page} {r.box or r.lines} of {t} "
                             f"(title {r.title_printed[:20]!r})")
            elif r.ref is None:
                st["unmatched"] += 1
                notes.append(f"unmatched {p.source} p{r.page} {t} {r.ref_printed!r}: {r.match_why}")
            elif r.ref == want:
                st["right"] += 1
                st[f"by {r.identified_by}"] += 1
            else:
                st["WRONG"] += 1
                notes.append(f"WRONG {p.source} p{r.page} {t} -> {r.ref}: {r.match_why}")
    notes.sort(key=lambda n: (not n.startswith("WRONG"), n.startswith(("no truth", "empty record", "value-less"))))
    return dict(stats), notes[:show]


def render(label: str, stats: Counter) -> str:
    rows = stats["right"] + stats["WRONG"] + stats["unmatched"] + stats["not read"]
    wrong = stats["WRONG"] + stats["absent->WRONG"]
    by = ", ".join(f"{k[3:]} {v}" for k, v in sorted(stats.items()) if k.startswith("by "))
    absent = stats["absent->unmatched"] + stats["absent->WRONG"]
    text = (f"{label}: {stats['right']}/{rows} rows right ({100 * stats['right'] / max(rows, 1):.2f}%), "
            f"wrong {wrong}, unmatched {stats['unmatched']}")
    if stats["not read"]:
        text += f", not read (their files refused) {stats['not read']}"
    if absent:
        text += f"; rows of indicators it lacks: {stats['absent->unmatched']}/{absent} unmatched"
    text += f" [by {by}]" + (f"; rows without truth {stats['no truth']}" if stats["no truth"] else "")
    text += f"; empty records {stats['empty']}" if stats["empty"] else ""
    text += f"; value-less fragments of matched rows {stats['fragment']}" if stats["fragment"] else ""
    return text + (f"; observations under a ref {stats['obs ref']}, of unmatched rows {stats['obs unmatched']}, "
                   f"neither {stats['obs WITHOUT REF']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--seeds", action="store_true", help="the four real seeds (corpus/real)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cache", default=None, help="OCR cache folder")
    ap.add_argument("--show", type=int, default=8, help="failures to print")
    ap.add_argument("--no-ocr", action="store_true", help="read text layers only (scanned pages fail)")
    ap.add_argument("--keep", default=None, help="save the packs read here, or load them if it exists")
    ap.add_argument("--with", dest="context", default=None,
                    help="a folder whose text-layer packs are identified with the folder's, not scored")
    ap.add_argument("--with-keep", default=None, help="as --keep, for the --with packs")
    ap.add_argument("--progress", action="store_true", help="per pack and per OCR page progress on stderr")
    a = ap.parse_args()
    if not a.folder and not a.seeds:
        ap.error("give a corpus folder or --seeds")
    folder = os.path.join(ROOT, "corpus", "real") if a.seeds else a.folder
    t0 = time.perf_counter()
    progress = StderrProgress() if a.progress else SILENT
    refused: list[str] = []
    packs = read([folder], Settings(workers=a.workers, cache_dir=a.cache, ocr=not (a.seeds or a.no_ocr)), a.keep,
                 progress, refused=refused)
    printed_rows = rows_printed(folder, a.seeds)
    read_s = time.perf_counter() - t0
    truth = truth_by_line() if a.seeds else box_truth(folder)
    print(f"{folder}: {len(packs)} packs, {sum(len(p.rows) for p in packs)} rows read in {read_s:.1f} s")
    context = []
    if a.context:
        context = read([a.context], Settings(workers=a.workers, ocr=False), a.with_keep, progress,
                       frozenset(p.source for p in packs), errors_shown=False)   # its scans: no text layer
        print(f"with {a.context}: {len(context)} text-layer packs, identified with these, not scored")
    for name, register in (("bundled register", load_register()), ("alternative register", load_register(OTHER))):
        t0 = time.perf_counter()
        per_variant, notes = score(packs, register, truth, a.show, context)
        for name_ in refused:     # a refused file's printed rows were never read: none of them is right
            per_variant.setdefault(variant_of(name_), Counter())["not read"] += printed_rows[name_]
        total = sum(per_variant.values(), Counter())
        print(render(name, total) + f" ({time.perf_counter() - t0:.1f} s)")
        if len(per_variant) > 1:
            for variant, stats in sorted(per_variant.items()):
                print(f"  {render(variant, stats)}")
        for n in notes:
            print("   ", n)


if __name__ == "__main__":
    main()
