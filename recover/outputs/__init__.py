"""The CSV contract (docs/outputs.md documents every file and column).

    write_outputs(reconciled, store, out_dir) -> Written
        saves the series into the store and writes observations.csv, series.csv, series_wide.csv,
        review.csv, revisions.csv, commentary.csv, unmatched.csv and rows.csv, each atomically.
    apply_review(review_csv_path, store) -> ApplyResult   (the review loop; see recover.reconcile.review)
"""
from .files import Written, write_outputs
from ..reconcile.review import ApplyResult, apply_review

__all__ = ["write_outputs", "Written", "apply_review", "ApplyResult"]
