"""The SQLite store: every pack read, every observation with its provenance, reviewer corrections.

Packs are keyed by content hash, so re-reading the same file replaces its records (idempotent) and
the pipeline can skip inputs it has already read with the same settings (incremental back-fill).
Corrections live in their own table and are never touched by re-reading packs.
The schema is versioned (`PRAGMA user_version`); its migrations are listed in order in schema.py.
"""
from .sqlite import Correction, PackInfo, RunInfo, Store, STORE_FILE

__all__ = ["Store", "Correction", "PackInfo", "RunInfo", "STORE_FILE"]
