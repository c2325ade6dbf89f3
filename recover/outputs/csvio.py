"""CSV files written atomically: a temp file in the same folder, flushed, then renamed over the old
one, so a crash leaves either the previous file or the new one, never half of one."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Sequence

from .. import atomic


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    n = 0
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
        n += 1
    write_text(path, buf.getvalue())
    return n


def write_text(path: Path, text: str) -> None:
    """A text file written the same way (recover.atomic): a temp file beside it, renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, text.encode("utf-8"))
