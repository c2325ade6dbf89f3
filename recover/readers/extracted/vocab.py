"""What the stream readers need from the vocabulary of what a pack prints, in one place."""
from __future__ import annotations

from functools import lru_cache

from recover.printed.cells import is_value as is_number
from recover.printed.glyphs import is_glyph_only
from recover.printed.months import month_add, month_diff, months_in_text, parse_month
from recover.printed.numbers import BENCHMARK_WORDS, parse_value
from recover.printed.numbers import is_missing as is_missing_token
from recover.printed.refs import normalise_ref
from recover.printed.text import norm

__all__ = ["is_glyph_only", "is_missing_token", "is_number", "month_add", "month_diff", "month_of", "months_in_text",
           "norm", "normalise_ref", "parse_month", "parse_value"]


# Words a row's tail prints among its values: benchmark columns say 'Local' where no national
# figure exists, the 'Percentage?' column prints 'P'.
_TAIL_WORDS = BENCHMARK_WORDS | {"p"}


def month_of(text: str) -> str | None:
    return parse_month(norm(text))


def is_tail_word(text: str) -> bool:
    return norm(text).lower() in _TAIL_WORDS


@lru_cache(maxsize=65536)
def _best_ref(text: str) -> tuple[str | None, float]:
    from recover.register import load_register
    from recover.register.refs import ref_candidates
    cands = ref_candidates(text, load_register())
    return cands[0] if cands else (None, 0.0)


def ref_score(text: str) -> float:
    """How surely `text` is a ref of the register (1.0 exact, 0.9+ repaired by a known rule)."""
    return _best_ref(text)[1]


def register_position(text: str) -> int | None:
    """Where the register lists the ref `text` names (registers keep the packs' print order)."""
    from recover.register import load_register
    ref = _best_ref(text)[0]
    reg = load_register()
    return next((k for k, i in enumerate(reg.indicators) if i.ref == ref), None) if ref else None


def register_titles(text: str) -> tuple[str, ...]:
    """The register's wordings (title and aliases) of the indicator the ref `text` names."""
    from recover.register import load_register
    ref = _best_ref(text)[0]
    ind = load_register().get(ref) if ref else None
    return (ind.title, *ind.aliases) if ind else ()


def register_section(text: str) -> str:
    """The section the register files the ref `text` names under ('' when it keeps none)."""
    from recover.register import load_register
    ref = _best_ref(text)[0]
    ind = load_register().get(ref) if ref else None
    return ind.section if ind else ""


def register_unit(text: str) -> str | None:
    from recover.register import load_register
    ref = _best_ref(text)[0]
    ind = load_register().get(ref) if ref else None
    return ind.unit if ind else None
