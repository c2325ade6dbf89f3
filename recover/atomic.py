"""Files written atomically: a temporary file beside the target, flushed to disk, then renamed over
it, so a crash or a full disk leaves the previous file or the new one, never half of one. The new
file gets the mode any other new file would (0666 less the user's umask): mkstemp alone would make
it private (0600), and outputs are meant to be shared."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def umask_mode() -> int:
    """0o666 less the process's umask, read without changing it where Linux allows."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)       # elsewhere: read it by setting it, and put it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        os.fchmod(fd, umask_mode())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
