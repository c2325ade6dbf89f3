"""What the stream readers need from the vocabulary of what a pack prints, in one place."""
from __future__ import annotations

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


def ref_score(text: str) -> float:
    """How surely `text` is a ref of the register (1.0 exact, 0.9+ repaired by a known rule)."""
    from recover.register import load_register
    from recover.register.refs import ref_candidates
    cands = ref_candidates(text, load_register())
    return cands[0][1] if cands else 0.0
