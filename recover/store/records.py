"""The records the store hands out (frozen dataclasses), apart from the SQL that fills them."""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class PackInfo:
    file_hash: str
    source: str
    path: str
    pack: str | None
    window: int
    pages: int
    method: str
    settings_key: str
    read_at: str
    seconds: float


@dataclass(frozen=True)
class Held:
    """How a held reading was made: with which settings, by which version of the code, and the
    pages it could not read (each a dict of the failure's fields)."""
    settings_key: str
    reader: str
    failures: tuple = ()


def failure_dict(f) -> dict:
    """A failure record as stored (JSON): its fields, or its text if it is not a dataclass."""
    import dataclasses
    return dataclasses.asdict(f) if dataclasses.is_dataclass(f) else {"detail": str(f)}


@dataclass(frozen=True)
class Correction:
    """A reviewer's value for one (ref, month). evidence_key lists the readings ("file_hash:value")
    the reviewer saw, so a later run can tell new evidence from old."""
    ref: str
    month: str
    corrected_value: float
    previous_value: float | None
    previous_status: str
    applied_at: str
    reviewer_note: str
    evidence_key: str

    def evidence_hashes(self) -> set[str]:
        return {item.split(":", 1)[0] for item in self.evidence_key.split(";") if item}


@dataclass(frozen=True)
class Assignment:
    """A person's ref for a row no indicator was identified for (recover apply DIR/unmatched.csv).
    The row is named by its file (content hash) and its place in it (row_id), and its fingerprint
    (what it prints) finds it again if a later reading numbers the file's rows differently."""
    file_hash: str
    row_id: str
    fingerprint: str
    ref: str
    assigned_at: str
    note: str = ""
    source: str = ""
    ref_printed: str = ""
    title_printed: str = ""


@dataclass(frozen=True)
class RunInfo:
    started_at: str
    finished_at: str
    inputs: list
    packs_read: int
    packs_skipped: int
    args: dict | list | str


def now_iso() -> str:
    # microseconds keep the order of corrections applied within the same second
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t)) + f".{int(t % 1 * 1e6):06d}"
