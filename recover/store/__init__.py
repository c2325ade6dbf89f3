"""The SQLite store: every pack read, every observation with its provenance, reviewer corrections.

Packs are keyed by content hash, so re-reading the same file replaces its records (idempotent) and
the pipeline can skip inputs it has already read with the same settings (incremental back-fill).
Corrections, and the refs a person assigned to unmatched rows, live in their own tables and are never
touched by re-reading packs. Every row is kept, identified or not, with what it prints, so a changed
register identifies the stored rows again without reading any file.
The schema is versioned (`PRAGMA user_version`); its migrations are listed in order in schema.py.
"""
from .sqlite import Assignment, Correction, PackInfo, RunInfo, Store, STORE_FILE

__all__ = ["Store", "Assignment", "Correction", "PackInfo", "RunInfo", "STORE_FILE"]
