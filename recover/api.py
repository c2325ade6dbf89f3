"""The library behind the CLI: run (back-fill), check (a new pack against the store), apply (review)."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from recover.errors import ExitCode, PartlyReadError, RecoverError, StoreError
from recover.pipeline import DPI, default_workers
from recover.progress import SILENT, Progress
from recover.versions import reading_version

STORE_NAME = "recover.sqlite"


@dataclass
class RunSummary:
    out_dir: str
    packs_read: int = 0
    packs_skipped: int = 0
    packs_stale: int = 0          # read again because another version of the code made their readings
    cells: int = 0
    cells_ok: int = 0
    review: int = 0
    unmatched: int = 0
    unmatched_noise: int = 0       # unmatched records printing no value and no ref, not listed
    register: str = ""            # which register identified the rows (its file, or 'bundled register')
    reidentified: int = -1        # rows whose ref changed when all rows were identified again; -1: not redone
    errors: list[RecoverError] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    incomplete: int = 0
    seconds: float = 0.0
    pages: int = 0
    reconciled: object = field(default=None, repr=False)   # reconcile.Reconciled of this run
    written: object = field(default=None, repr=False)      # outputs.Written: the review lines, the packs

    @property
    def exit_code(self) -> int:
        """The code of the first bad input in name order (whichever stage found it); PARTLY_READ
        when every input opened but some page could not be read."""
        if self.errors:
            return min(self.errors, key=lambda e: e.source).exit_code
        return ExitCode.PARTLY_READ if self.incomplete else ExitCode.OK

    def render(self) -> str:
        lines = [
            f"packs read: {self.packs_read} ({self.pages} pages)"
            + (f" ({self.packs_stale} again: another version of recover had read them)" if self.packs_stale else "")
            + (f", unchanged and skipped: {self.packs_skipped}" if self.packs_skipped else ""),
            f"series cells: {self.cells} ({self.cells_ok} ok, {self.review} need review)",
            f"unmatched rows: {self.unmatched}" + (
                f" (listed in {os.path.join(self.out_dir, 'unmatched.csv')}: type a ref in its ref column, "
                f"then run 'recover apply {os.path.join(self.out_dir, 'unmatched.csv')}')" if self.unmatched else "")
            + (f"; {self.unmatched_noise} stray record(s) that print no value and no ref not listed"
               if self.unmatched_noise else ""),
            f"register: {self.register}" + (f" (every stored row identified again: {self.reidentified} changed)"
                                             if self.reidentified >= 0 else ""),
            f"outputs: {self.out_dir}/ (series.csv, series_wide.csv, review.csv, observations.csv, revisions.csv, "
            f"rows.csv, commentary.csv, unmatched.csv, packs.csv, report.html, {STORE_NAME})",
            f"time: {self.seconds:.1f} s",
        ]
        for s in self.skipped_files:
            lines.append(f"note: {s}")
        for w in self.warnings:
            lines.append(f"warning: {w}")
        if self.errors:
            # each error was reported once, as it was found (Progress.problem); this only counts them
            lines.append(f"files with errors: {len(self.errors)} (each named on its own 'error:' line)")
        return "\n".join(lines)


def _settings(dpi, ocr, workers, out_dir, debug_dir):
    from recover.pipeline import Settings
    cache = os.path.join(out_dir, ".cache")
    return Settings(dpi=dpi, ocr=ocr, workers=workers or default_workers(), cache_dir=cache,
                    debug_dir=debug_dir)


def as_paths(paths) -> list[str]:
    """One path (str or os.PathLike) or a list of them, as a list of str: a str is one path, never
    its letters."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def resolve_register(register=None):
    """The register to identify with: the bundled one (None), a Register, or the path of a CSV
    (checked line by line: a bad file raises RegisterFileError)."""
    from recover.register import resolve_register as resolve
    return resolve(register)


def run(paths, out_dir: str, *, dpi: int = DPI, ocr: bool = True, workers: int | None = None,
        debug_dir: str | None = None, force: bool = False, progress: Progress = SILENT,
        register=None) -> RunSummary:
    """Read every input, store it, reconcile and write the outputs. Per-file problems are in
    summary.errors (and reported to progress as they are found); a fault of the run itself (the
    store, the output folder, a bad register file) raises a RecoverError. paths: one path or a
    list; register: None (the bundled register), a Register, or the path of a register CSV. Every
    stored row is identified again (recover.identify) when packs were read or the register changed."""
    from recover.store.faults import guarded, output_folder
    t0 = time.perf_counter()
    paths = as_paths(paths)
    out_dir = os.fspath(out_dir)
    settings = _settings(dpi, ocr, workers, out_dir, debug_dir)
    register = resolve_register(register)
    # the run's own faults (where the outputs go, the store) come first: nothing is read for nothing
    output_folder(out_dir)
    db = os.path.join(out_dir, STORE_NAME)
    store = open_store(db)
    try:
        with guarded(db, out_dir):
            return _run(store, paths, out_dir, settings, register, force, progress, t0)
    finally:
        store.close()


def open_store(db: str, write: bool = True):
    """The store at db, refused with one line if it cannot be used. write=False reads a private
    copy (a check that records nothing works on a store in a read-only folder, and never changes it)."""
    from recover.store import Store
    from recover.store.faults import guarded
    with guarded(db, os.path.dirname(db)):
        return Store(db, verify=True, read_only=not write)


def _one_per_content(sources: list) -> tuple[list, list[str]]:
    """Inputs with the same bytes are one pack (the store keys packs by content hash): read it once,
    under the first name, and say so for each other name instead of letting it vanish from packs.csv."""
    first, kept, notes = {}, [], []
    for s in sources:
        if s.file_hash in first:
            notes.append(f"{s.path}: the same content as {first[s.file_hash].path}; read once, "
                         f"listed as {first[s.file_hash].name}")
        else:
            first[s.file_hash] = s
            kept.append(s)
    return kept, notes


def _run(store, paths, out_dir, settings, register, force, progress, t0) -> RunSummary:
    from recover.ingest.sources import discover
    from recover.pipeline import open_all, read_sources
    files, skipped, errors = discover(paths, exclude=[out_dir])
    summary = RunSummary(os.path.normpath(out_dir), skipped_files=skipped)
    sources, open_errors = open_all(files)
    sources, same = _one_per_content(sources)
    summary.skipped_files.extend(same)
    errors += open_errors
    summary.errors.extend(errors)
    for e in errors:
        progress.problem(e)
    todo = [s for s in sources if force or _why_read(store.held(s.file_hash), settings.key)]
    stale = [s for s in todo if _why_read(store.held(s.file_hash), settings.key) == "stale"]
    summary.packs_skipped = len(sources) - len(todo)
    summary.packs_stale = len(stale)
    if stale:
        progress.note(f"{len(stale)} pack(s) were read by another version of recover: reading them again "
                      f"(now {reading_version()})")
    progress.planned(len(todo), summary.packs_skipped)
    packs, read_errors = read_sources(todo, settings, None, progress)   # identified below, with the store
    summary.errors.extend(read_errors)
    for p in packs:
        failed = {f.line() for f in p.failures}
        summary.warnings.extend(w if w.startswith(p.source) else f"{p.source}: {w}" for w in p.warnings
                                if w not in failed)       # a failed page is told in its pack's error line
        if p.failures:
            # kept (its other pages count) and recorded with its failures: the next run reads it again
            summary.errors.append(PartlyReadError.of(p.source, p.failures, len(p.pages)))
            progress.problem(summary.errors[-1])
            summary.incomplete += 1
        store.upsert_pack(p, settings.key)
    summary.packs_read = len(packs)
    summary.pages = sum(len(p.pages) for p in packs)
    _identify(store, register, summary, changed=bool(packs))
    _reconcile_and_write(store, register, out_dir, summary)
    summary.seconds = time.perf_counter() - t0
    store.record_run(inputs=list(paths), packs_read=summary.packs_read,
                     packs_skipped=summary.packs_skipped, args=settings.key)
    return summary


def _why_read(held, settings_key: str) -> str:
    """Why a source must be read: "" (the store's reading is current), "new", "settings" (read with
    other settings), "stale" (read by another version of the code), "incomplete" (pages failed)."""
    if held is None:
        return "new"
    if held.settings_key.removesuffix(":incomplete") != settings_key:     # ':incomplete': how older stores said it
        return "settings"
    if held.reader != reading_version():
        return "stale"
    if held.failures or held.settings_key.endswith(":incomplete"):
        return "incomplete"
    return ""


def _identify(store, register, summary: RunSummary, changed: bool) -> None:
    """Every stored row against the register and the values all stored packs hold."""
    from recover.identify.persist import identify_store
    result = identify_store(store, register, changed_packs=changed)
    summary.warnings.extend(result.warnings)
    summary.register = register.origin
    if result.redone and not changed:
        summary.reidentified = result.changed


def _reconcile_and_write(store, register, out_dir: str, summary: RunSummary) -> None:
    from recover.outputs import write_outputs
    from recover.reconcile import reconcile
    store.save_register(register)
    rec = reconcile(store, register)
    written = write_outputs(rec, store, out_dir)
    if written.crops is not None and written.crops.missing:
        summary.warnings.append(f"{len(written.crops.missing)} review picture(s) could not be made, "
                                f"e.g. {written.crops.missing[0]}; review.csv still says where each cell is")
    summary.cells = len(rec.series)
    summary.cells_ok = sum(1 for c in rec.series if c.status in ("ok", "corrected"))
    summary.review = sum(1 for c in rec.series if c.status == "review")
    from recover.identify.unmatched import unmatched_rows
    listed, _, summary.unmatched_noise = unmatched_rows(store)
    summary.unmatched = len(listed)
    summary.reconciled, summary.written = rec, written


def check(pack_path: str, store_dir: str, *, dpi: int = DPI, progress: Progress = SILENT,
          record: bool = False, register=None) -> tuple[str, int]:
    """The check as the CLI prints it: (text, exit code)."""
    report = check_report(pack_path, store_dir, dpi=dpi, progress=progress, record=record, register=register)
    return report.render(), (ExitCode.NEEDS_PERSON if report.needs_person else ExitCode.OK)


def check_report(pack_path, store_dir, *, dpi: int = DPI, progress: Progress = SILENT, record: bool = False,
                 register=None):
    """Read one new pack and compare it with what the store in store_dir holds (recover.compare.CheckReport).
    The pack's rows are identified with the values the store holds (and its person's assignments);
    record=True also stores the pack and identifies the store again."""
    from recover.compare import check_pack
    from recover.errors import NotAPackError
    from recover.identify import identify_packs
    from recover.identify.persist import held_for, identify_store
    from recover.pipeline import open_all, read_sources
    from recover.store.faults import guarded
    pack_path, store_dir = os.fspath(pack_path), os.fspath(store_dir)
    db = os.path.join(store_dir, STORE_NAME)
    if not os.path.exists(db):
        raise StoreError(store_dir, f"no store found ({STORE_NAME})",
                         hint=f"run 'recover run PACKS --out {store_dir}' first")
    register = resolve_register(register)
    if record:                       # only a check that records writes to the store's folder
        from recover.store.faults import output_folder
        output_folder(store_dir, fix="without --record, check only reads the store")
    store = open_store(db, write=record)    # a store that cannot be used is refused before the pack is read
    try:
        sources, errors = open_all([pack_path])
        if errors:
            raise errors[0]
        settings = _settings(dpi, True, None, store_dir, None)
        progress.planned(1, 0)
        packs, errors = read_sources(sources, settings, None, progress)
        if errors:
            raise errors[0]
        if not packs:
            raise NotAPackError(os.path.basename(pack_path), "nothing read")
        with guarded(db, store_dir):
            assigned, held = held_for(store, register, exclude=packs[0].file_hash)
            pack = identify_packs(packs, register, assigned, held)[0]
            report = check_pack(pack, store, register, record=record, settings_key=settings.key)
            if record:
                identify_store(store, register)
            return report
    finally:
        store.close()


def apply(review_csv: str, store_dir: str | None = None, register=None) -> str:
    """Store a person's decisions and rewrite the outputs; the text the CLI prints."""
    result, summary = apply_result(review_csv, store_dir, register=register)
    return (f"{result}\nseries rewritten in {summary.out_dir}/: {summary.cells_ok} ok, {summary.review} need review"
            f", {summary.unmatched} unmatched row(s)")


def apply_result(review_csv, store_dir=None, register=None):
    """(result, RunSummary of the rewritten outputs). The file is review.csv (corrected values:
    ApplyResult) or unmatched.csv (refs for rows no indicator was identified for: AssignResult),
    told apart by its columns. A malformed file raises ReviewFileError listing every bad line, and
    nothing is changed."""
    from recover.identify.unmatched import apply_unmatched
    from recover.outputs import apply_review
    from recover.store.faults import guarded
    register = resolve_register(register)
    review_csv = os.fspath(review_csv)
    store_dir = os.fspath(store_dir) if store_dir else os.path.dirname(os.path.abspath(review_csv))
    db = os.path.join(store_dir, STORE_NAME)
    if not os.path.exists(db):
        raise StoreError(review_csv, f"no store next to it ({db})", hint="pass --store DIR")
    from recover.store.faults import output_folder
    output_folder(store_dir, fix="copy the folder where you may write, and apply there")   # apply rewrites it
    store = open_store(db)
    try:
        with guarded(db, store_dir):
            summary = RunSummary(store_dir)
            if _is_unmatched_file(review_csv):
                result = apply_unmatched(review_csv, store, register)
                _identify(store, register, summary, changed=bool(result.assigned))
            else:
                result = apply_review(review_csv, store)
                _identify(store, register, summary, changed=False)
            _reconcile_and_write(store, register, store_dir, summary)
    finally:
        store.close()
    return result, summary


def _is_unmatched_file(path: str) -> bool:
    import csv
    from recover.identify.unmatched import is_unmatched_file
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False          # apply_review reports what is wrong with it
    return is_unmatched_file(header)


@dataclass
class ProposalSummary:
    out_file: str
    packs_read: int = 0
    proposal: object = None            # recover.identify.propose.Proposal
    errors: list[RecoverError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return min(self.errors, key=lambda e: e.source).exit_code
        return ExitCode.OK

    def render(self) -> str:
        p = self.proposal
        lines = [f"packs read: {self.packs_read}",
                 f"indicators proposed: {len(p.indicators)} ({p.placed} of {p.rows} rows placed) -> {self.out_file}"]
        lines += [f"note: {m}" for m in p.merged]
        if p.left_out:
            lines.append(f"rows that joined no indicator: {len(p.left_out)}")
            lines += [f"  {x}" for x in p.left_out]
        lines.append(f"edit it (refs, titles, units, aliases), then pass it: recover run PACKS --out DIR "
                     f"--register {self.out_file}")
        return "\n".join(lines)


def propose_register(paths, out_file, *, ocr: bool = True, workers: int | None = None, dpi: int = DPI,
                     progress: Progress = SILENT) -> ProposalSummary:
    """Read the packs and write a proposed register CSV to out_file (recover.identify.propose)."""
    from recover.ingest.sources import discover
    from recover.identify.propose import propose
    from recover.outputs.csvio import write_text
    from recover.pipeline import Settings, open_all, read_sources
    from recover.register import register_csv
    out_file = os.fspath(out_file)
    files, _, errors = discover(as_paths(paths))
    sources, open_errors = open_all(files)
    summary = ProposalSummary(out_file, errors=list(errors) + list(open_errors))
    for e in summary.errors:
        progress.problem(e)
    progress.planned(len(sources), 0)
    packs, read_errors = read_sources(sources, Settings(dpi=dpi, ocr=ocr, workers=workers or default_workers()),
                                      None, progress)
    summary.errors.extend(read_errors)
    summary.packs_read = len(packs)
    summary.proposal = propose([r for p in packs for r in p.rows], [o for p in packs for o in p.observations])
    write_text(out_file, register_csv(summary.proposal.register))
    return summary
