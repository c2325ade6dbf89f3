"""What the layout model needs to know about what a pack prints, in one small place.

The model finds structure from geometry; it only needs to tell a month label, a printed value and
a ref from other words. Those rules belong to the shared vocabulary of printed things, so this
module only forwards to it (and is the one import to change when that vocabulary moves).
"""
from __future__ import annotations

from functools import lru_cache

from recover.printed.cells import month_value_like  # noqa: F401
from recover.printed.glyphs import is_glyph_only  # noqa: F401
from recover.printed.months import month_add, parse_month  # noqa: F401
from recover.printed.refs import fold_ref_glyphs, is_ref_like, skeleton  # noqa: F401
from recover.printed.text import norm  # noqa: F401


@lru_cache(maxsize=65536)
def is_value(text: str) -> bool:
    """A printed month value or missing marker ('1354', '19.1%', '-', 'tbc'); not an empty word."""
    t = norm(text)
    return bool(t) and month_value_like(t) and not is_glyph_only(t)


@lru_cache(maxsize=65536)
def is_ref(text: str) -> bool:
    return is_ref_like(text) and parse_month(text) is None and not is_value(text)


@lru_cache(maxsize=65536)
def is_ref_head(text: str) -> bool:
    """The first line of a ref wrapped in a narrow column: 'M2-' (of 'M2-NI'), 'LAC10' ..., also
    with its last digit read as the letter it looks like ('EHS-' of 'EH5-QL' in a 200 dpi scan,
    'CPZ-', 'Mé-'), as the register's ref repair reads the whole ref later."""
    t = fold_ref_glyphs(norm(text))
    if len(t) < 2 or not t.endswith("-") or not is_ref(t[:-1]):
        return False
    head = t[:-1]
    return any(c.isdigit() for c in t) or (len(head) >= 3 and head[:-1].isalpha()
                                            and skeleton(head[-1]).isdigit())
