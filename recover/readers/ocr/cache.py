"""Per-page result cache: OCR is the slow step, and a re-run over the same packs should cost
almost nothing. The key covers the input bytes, the page, every setting that changes what is
read, the tesseract build, and the source of what the reading depends on: this package, the
vocabulary it reads labels with (recover/printed/) and the records it stores (recover/model.py), so
a code change never serves stale cells."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

FORMAT = 1


@lru_cache(maxsize=1)
def code_version() -> str:
    h = hashlib.sha256(str(FORMAT).encode())
    here = Path(__file__).resolve().parent
    package = here.parents[1]
    for p in sorted(here.glob("*.py")) + sorted((package / "printed").glob("*.py")) + [package / "model.py"]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


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
    """Atomic write: worker processes may finish the same page at once."""
    if not cache_dir:
        return
    os.makedirs(cache_dir, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".pkl")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, Path(cache_dir, f"{k}.pkl"))
    except Exception:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
