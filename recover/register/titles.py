"""The title part of the label score, T(i) in match.py's formula: a printed title normalised and
read against every wording (title and aliases) of the register, whole or as a truncated prefix.

    F(q, w) = CHAR_MIX * char ratio (rapidfuzz) + (1 - CHAR_MIX) * IDF-weighted token F1
    T(i)    = max over wordings w of i and title variants q of  L * max( F(q, w),  D * F(q, w[:len q]) * K )
    K       = PREFIX_BASE + (1 - PREFIX_BASE) * min(1, len q / PREFIX_FULL_AT): a truncated title says
              less than a whole one, until it is PREFIX_FULL_AT characters long
    L = LEAD_PENALTY when the leading words (Number / Percentage / Rate) disagree, else 1
    D = COMPLETE_DAMP when some wording read whole explains q as well (within COMPLETE_EPS), else 1

A title whose word spaces were lost ('Percentage oftransfer-inswhere childbecame subject toaCPPlan',
as a text layer or OCR may print it) is also read respaced: each word the register never prints
that splits wholly into words it does print ('oftransfer' -> 'of transfer', 'toacpplan' -> 'to a cp
plan') is split, in the fewest pieces (TitleIndex.respace). The register's vocabulary decides, not
a dictionary: a word is split only into words some indicator's wording uses.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from recover.register.refs import fold_lookalikes

if TYPE_CHECKING:   # pragma: no cover
    from recover.register import Indicator

LEAD_PENALTY = 0.6
PREFIX_BASE = 0.75
PREFIX_FULL_AT = 40       # characters: a prefix this long says as much as a whole title
GLUED_MIN = 4             # shorter unknown words are not read as glued ones ('cs', 'na')
CHAR_MIX = 0.5
COMPLETE_EPS = 0.01
COMPLETE_DAMP = 0.9

LEADS = ("number", "percentage", "rate")
_TAGS = re.compile(r"<[^>]*>")
_JUNK_MARK = re.compile(r"Image:\s*", re.I)   # alt text of pictures an extractor put in the cell
_NON_WORD = re.compile(r"[^a-z0-9%+]+")


@dataclass(frozen=True)
class Wording:
    ref: str
    text: str
    tokens: frozenset
    lead: str | None
    alias: bool


# ---------------------------------------------------------------------------------------------
# Title text

def title_variants(text: str) -> list[str]:
    """Normalised readings of a printed title: the whole cell, and each piece between junk marks
    ('Image: Number of children subjectImage: ...'); repeated pieces count once."""
    text = _TAGS.sub(" ", fold_lookalikes(text or ""))
    pieces = [norm_title(p) for p in _JUNK_MARK.split(text)]
    pieces = [p for i, p in enumerate(pieces) if p and p not in pieces[:i]]
    if not pieces:
        return []
    whole = " ".join(pieces)
    return [whole] + [p for p in pieces if p != whole] if len(pieces) > 1 else [whole]


def norm_title(text: str) -> str:
    """Lower case, words and numbers only ('re- referral' == 're-referral'); glyphs of other
    scripts left after folding are junk; leading one-letter junk is dropped."""
    text = fold_lookalikes(text).lower()
    text = "".join(ch if ch.isascii() else " " for ch in text)
    tokens = _NON_WORD.sub(" ", text).split()
    while tokens and len(tokens[0]) == 1 and not tokens[0].isdigit():
        tokens.pop(0)
    return " ".join(tokens)


def lead_of(norm: str) -> str | None:
    first = norm.split(" ", 1)[0] if norm else ""
    if first in LEADS:
        return first
    if len(first) >= 4:
        for lead in LEADS:
            if fuzz.ratio(first, lead) >= 80:
                return lead
    return None


# ---------------------------------------------------------------------------------------------
# Title index

class TitleIndex:
    """Normalised wordings and token weights, computed once per register."""

    def __init__(self, indicators: "tuple[Indicator, ...]"):
        wordings = []
        for ind in indicators:
            for k, text in enumerate((ind.title,) + tuple(ind.aliases)):
                norm = norm_title(text)
                if norm:
                    wordings.append(Wording(ind.ref, norm, frozenset(norm.split()), lead_of(norm), k > 0))
        self.wordings = tuple(wordings)
        df: dict[str, int] = {}
        for ind in indicators:
            toks = set()
            for w in self.wordings:
                if w.ref == ind.ref:
                    toks |= w.tokens
            for t in toks:
                df[t] = df.get(t, 0) + 1
        n = len(indicators)
        # rare words ('started', '10', 'EXCLUDING') tell near-identical wordings apart
        self.weight = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unknown_weight = sorted(self.weight.values())[len(self.weight) // 2] if df else 1.0
        self.masses = {w: self._mass(w.tokens) for w in self.wordings}
        self.vocabulary = frozenset().union(*(w.tokens for w in self.wordings))
        self._longest = max((len(t) for t in self.vocabulary), default=0)
        self._splits: dict[str, str | None] = {}
        self.leads: dict[str, set] = {}      # ref -> leading words of its wordings
        for w in self.wordings:
            if w.lead:
                self.leads.setdefault(w.ref, set()).add(w.lead)

    def _w(self, tok: str) -> float:
        return self.weight.get(tok, self.unknown_weight)

    def _mass(self, tokens) -> float:
        return sum(self._w(t) for t in tokens)

    def _token_f1(self, q: frozenset, q_mass: float, w: frozenset, w_mass: float | None = None) -> float:
        common = self._mass(q & w)
        if common == 0:
            return 0.0
        p = common / q_mass
        r = common / (self._mass(w) if w_mass is None else w_mass)
        return 2 * p * r / (p + r)

    def score_one(self, q: str, q_tokens: frozenset, q_mass: float, q_lead: str | None,
                  w: Wording) -> tuple[float, float]:
        """(read as the whole title, read as a truncated prefix), each with the lead factor."""
        full = CHAR_MIX * fuzz.ratio(q, w.text) / 100 + \
            (1 - CHAR_MIX) * self._token_f1(q_tokens, q_mass, w.tokens, self.masses[w])
        pre = 0.0
        if len(q) < len(w.text):
            wp = w.text[:len(q)]
            pre = CHAR_MIX * fuzz.ratio(q, wp) / 100 + \
                (1 - CHAR_MIX) * self._token_f1(q_tokens, q_mass, frozenset(wp.split()))
            pre *= PREFIX_BASE + (1 - PREFIX_BASE) * min(1.0, len(q) / PREFIX_FULL_AT)
        lead = LEAD_PENALTY if q_lead and w.lead and q_lead != w.lead else 1.0
        return full * lead, pre * lead

    def respace(self, q: str) -> str:
        """q with each glued word split into the register's words (the module docstring); q itself
        when no word of it is glued."""
        return " ".join(self._split(t) or t for t in q.split())

    def _split(self, token: str) -> str | None:
        """A word the register never prints, split wholly into words it does print, in the fewest
        pieces; None when it is a known word, too short, or does not split so."""
        if token in self._splits:
            return self._splits[token]
        out = None
        if token not in self.vocabulary and len(token) >= GLUED_MIN and any(c.isalpha() for c in token):
            n = len(token)
            best: list[tuple[int, int] | None] = [None] * (n + 1)   # (pieces, start of the last) to cover token[:i]
            best[0] = (0, 0)
            for i in range(1, n + 1):
                for j in range(max(0, i - self._longest), i):
                    if best[j] is not None and token[j:i] in self.vocabulary and \
                            (best[i] is None or best[j][0] + 1 < best[i][0]):
                        best[i] = (best[j][0] + 1, j)
            if best[n] is not None and best[n][0] > 1:
                pieces, i = [], n
                while i > 0:
                    j = best[i][1]
                    pieces.append(token[j:i])
                    i = j
                out = " ".join(reversed(pieces))
        self._splits[token] = out
        return out

    def scores(self, variants: list[str]) -> dict[str, tuple[float, str]]:
        """ref -> (T, which wording gave it). A title that one wording explains in full is not
        also read as a truncation of another at full strength (COMPLETE_DAMP)."""
        out: dict[str, tuple[float, str]] = {}
        for q in variants:
            q_tokens = frozenset(q.split())
            q_mass, q_lead = self._mass(q_tokens), lead_of(q)
            scored = [(w, *self.score_one(q, q_tokens, q_mass, q_lead, w)) for w in self.wordings]
            best_full = max(f for _, f, _ in scored)
            for w, full, pre in scored:
                # a truncation reading that explains the title no better than a whole wording does
                if best_full >= pre - COMPLETE_EPS:
                    pre *= COMPLETE_DAMP
                s = max(full, pre)
                if s > out.get(w.ref, (-1.0, ""))[0]:
                    out[w.ref] = (s, "alias" if w.alias else "title")
        return out
