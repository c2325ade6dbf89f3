"""recover: legacy council committee packs in, confidence-scored time series out."""
__version__ = "0.1.0"
