"""recover: legacy council committee packs in, confidence-scored time series out.

    import recover
    result = recover.run("packs/", out="out")     # see recover/library.py and the README
"""
__version__ = "0.1.0"

_LIBRARY = ("run", "check", "apply", "RunResult", "SeriesRecord", "ReviewRecord", "RevisionRecord")


def __getattr__(name: str):
    # loaded on first use, so that `recover --version` and the CLI's start stay quick
    if name in _LIBRARY:
        from . import library
        return getattr(library, name)
    raise AttributeError(f"module 'recover' has no attribute {name!r}")


__all__ = list(_LIBRARY)
