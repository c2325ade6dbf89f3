"""Reconciliation: series across packs, revisions, confidence, and the review loop.

    reconcile(store, register) -> Reconciled          everything the store holds
    reconcile_records(observations, rows, corrections, register) -> Reconciled   same, from records
    apply_review(review_csv_path, store) -> ApplyResult   reviewer corrections, all or nothing
"""
from .core import reconcile, reconcile_records
from .records import Candidate, Reconciled, ReviewItem, Revision, SeriesCell
from .review import ApplyResult, apply_review

__all__ = ["reconcile", "reconcile_records", "Reconciled", "SeriesCell", "Revision", "ReviewItem",
           "Candidate", "apply_review", "ApplyResult"]
