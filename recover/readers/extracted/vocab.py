"""What the stream readers need from the vocabulary of what a pack prints, in one place."""
from __future__ import annotations

from recover.table.months import month_add, month_diff, months_in_text, parse_month
from recover.table.values import parse_value

from recover.register.refs import normalise_ref

from .text import is_glyph_only, is_missing_token, is_number, month_of, norm

__all__ = ["is_glyph_only", "is_missing_token", "is_number", "month_add", "month_diff", "month_of", "months_in_text",
           "norm", "normalise_ref", "parse_month", "parse_value"]


# Words a row's tail prints among its values: benchmark columns say 'Local' where no national
# figure exists, the 'Percentage?' column prints 'P'.
_TAIL_WORDS = frozenset({"local", "p"})


def is_tail_word(text: str) -> bool:
    return norm(text).lower() in _TAIL_WORDS


def ref_score(text: str) -> float:
    """How surely `text` is a ref of the register (1.0 exact, 0.9+ repaired by a known rule)."""
    from recover.register import load_register
    from recover.register.refs import ref_candidates
    cands = ref_candidates(text, load_register())
    return cands[0][1] if cands else 0.0
