"""Readings carry the version of the code that made them: a run after an upgrade reads the stale
packs again and says so, and the OCR cache key covers every module that shapes an OCR result."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

from recover import versions
from recover.errors import ExitCode
from tests.faults import kit


def _loaded_by(module: str) -> set[str]:
    code = f"import sys, {module}; print(' '.join(m for m in sys.modules if m.startswith('recover')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _names(files) -> set[str]:
    return {versions._module_name(f) for f in files}


def test_the_ocr_cache_key_covers_every_module_ocr_runs():
    """What importing the OCR reader loads (table stage, vocabulary, model...) is in its hash; the
    walk also finds what it imports lazily, inside functions, which an import alone does not load."""
    covered = _names(versions.closure(("recover.readers.ocr",)))
    loaded = _loaded_by("recover.readers.ocr")
    packages_only = {m for m in loaded if versions.module_file(m) and versions.module_file(m).name == "__init__.py"
                     and m not in covered}
    assert loaded - covered - packages_only == set()
    # the vocabulary it reads labels and numbers with shapes its cells as much as its own files
    assert {"recover.printed.months", "recover.printed.numbers", "recover.model"} <= covered


def test_the_reading_version_covers_the_readers_and_not_the_later_stages():
    covered = _names(versions.closure(versions.READING, versions.NOT_READING))
    for reader in ("recover.readers.textlayer", "recover.readers.ocr.page", "recover.readers.extracted.stream",
                   "recover.table.extract", "recover.ingest.sources"):
        assert any(m == reader or m.startswith(reader + ".") for m in covered), reader
    assert not any(m.startswith(("recover.reconcile", "recover.outputs", "recover.store")) for m in covered)


def test_a_change_to_a_reading_module_changes_the_version(tmp_path, monkeypatch):
    """Copy the package, change one byte of a module the OCR reader uses, hash both."""
    import shutil
    copy = tmp_path / "recover"
    shutil.copytree(versions.ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(versions, "ROOT", copy)
    versions.code_hash.cache_clear()
    before = versions.code_hash(versions.READING, versions.NOT_READING)
    months = copy / "printed" / "months.py"
    months.write_text(months.read_text() + "\n# changed\n")
    versions.code_hash.cache_clear()
    assert versions.code_hash(versions.READING, versions.NOT_READING) != before
    versions.code_hash.cache_clear()


def test_a_run_after_an_upgrade_reads_stale_packs_again_and_says_so(tmp_path, capfd):
    d = tmp_path / "in"
    kit.good_pack(d)
    kit.good_pack(d, "other.pdf")
    out = tmp_path / "out"
    assert kit.recover(capfd, "run", d, "--out", out, "--quiet").code == ExitCode.OK
    db = sqlite3.connect(out / "recover.sqlite")
    db.execute("UPDATE packs SET reader = '0.0.9+0123456789ab' WHERE source = 'good.pdf'")
    db.commit()
    db.close()
    ran = kit.recover(capfd, "run", d, "--out", out)
    assert ran.code == ExitCode.OK
    assert "1 pack(s) were read by another version of recover: reading them again" in ran.err
    assert "packs read: 1" in ran.out and "another version of recover had read them" in ran.out
    assert "unchanged and skipped: 1" in ran.out
    db = sqlite3.connect(out / "recover.sqlite")
    assert {r[0] for r in db.execute("SELECT reader FROM packs")} == {versions.reading_version()}
    db.close()
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet")
    assert "unchanged and skipped: 2" in ran.out
