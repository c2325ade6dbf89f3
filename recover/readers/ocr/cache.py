"""Per-page result cache: OCR is the slow step, and a re-run over the same packs should cost
almost nothing. The key covers the input bytes, the page, every setting that changes what is
read, the tesseract build, and the source of every recover module this reader imports, followed
through the package (recover.versions): the vocabulary (recover/printed/), the table-stage and
model modules it uses shape its result as much as its own files, so a change to any of them never
serves stale cells."""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

FORMAT = 1


@lru_cache(maxsize=1)
def code_version() -> str:
    from recover.versions import code_hash
    return hashlib.sha256(f"{FORMAT}:{code_hash(('recover.readers.ocr',))}".encode()).hexdigest()[:16]


def key(*parts) -> str:
    h = hashlib.sha256()
    h.update(code_version().encode())
    for p in parts:
        h.update(b"\x00")
        h.update(repr(p).encode())
    return h.hexdigest()[:32]


def load(cache_dir: str | None, k: str):
    if not cache_dir:
        return None
    path = Path(cache_dir, f"{k}.pkl")
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:      # a truncated or foreign file: recompute (and overwrite it)
        return None


def store(cache_dir: str | None, k: str, value) -> None:
    """Atomic write (worker processes may finish the same page at once). Best effort: a cache that
    cannot be written (a full disk, a read-only folder) costs speed on the next run, not this result."""
    if not cache_dir:
        return
    from recover import atomic
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(Path(cache_dir, f"{k}.pkl"), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
