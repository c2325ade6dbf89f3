"""Matching one table row (printed ref, printed title, unit of its values) to the register.

Scoring (every figure in 0..1; the constants are named below)::

    R(i)  ref score of indicator i        refs.ref_candidates: 1 exact, .92 OCR-repaired, .9 ')' restored,
                                           .8 twin or wrapped suffix lost, .75 repair fits several, <= .6 similar
    T(i)  title score of indicator i      max over i's wordings w (title + aliases) and over the title's
                                           variants q (pieces between junk 'Image:' marks) of
                                               L * max( F(q, w),  D * F(q, w[:len q]) * (.75 + .25 * min(1, len q / 40)) )
                                           F = .5 * char ratio (rapidfuzz) + .5 * IDF-weighted token F1
                                               (rare words such as 'started', '10', 'EXCLUDING' weigh most);
                                           the second term reads q as a truncated prefix of w (a prefix of
                                               40+ characters says as much as a whole title);
                                           D = .9 when some wording read whole explains q as well (within .01)
                                               - an exact 'Number of Single Assessments (SA) completed' is EH3,
                                               not a cut-off EH4 (val);
                                           L = .6 when the leading words disagree (Number / Percentage / Rate)
    U(i)  unit factor                     1, or .5 when unit_hint contradicts i's unit (percent vs count/rate)
    P(i)  pack factor                     1, or .9 when the pack month lies outside i's first..last seen

    S(i) = U * P * {  (R + T) / 2      ref read (best R >= .75) and title readable (best T >= .5)
                      .85 * R          ref read, title blank
                      .75 * R          ref read, title unreadable (a clean ref alone still passes)
                      T                ref missing or unreadable, title readable
                      .5 * max(R, T)   otherwise, e.g. ref read but the title is 'foreign' (>= 4 plain
                                       words that name no indicator): ranks candidates, never accepted
                   }

    accepted when  S(best) >= .70  and  S(best) - S(second) >= .08
              and, when both ref and title were read, they agree: R(best) >= .75 and T(best) >= .6
              and the unit does not contradict.
    near-tie:      when only the margin fails and prev_ref (the row printed above) is given, the
                   register successor of prev_ref wins if it is within the margin of the best and
                   S >= .70; its score is S * .9 (packs print indicators in register order).
    Otherwise ref=None and the candidates are kept (the pipeline writes them to unmatched.csv).

Near-twins ('M6-QL (val)' Number of referrals ... / 'M6-QL' Percentage of referrals ...) differ in
the leading word and the unit, so L and U keep them apart even when the ref is lost; truncated or
short titles that fit several indicators fail the margin rather than guess.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from recover.register.refs import fold_lookalikes, ref_candidates, split_glued_ref

if TYPE_CHECKING:   # pragma: no cover
    from recover.register import Indicator, Register

ACCEPT = 0.70
MARGIN = 0.08
REF_READ = 0.75
TITLE_READ = 0.50
AGREE_TITLE = 0.60
LEAD_PENALTY = 0.6
UNIT_PENALTY = 0.5
PACK_PENALTY = 0.9
REF_ONLY_BLANK = 0.85
REF_ONLY_UNREADABLE = 0.75
FOREIGN_WORDS = 4
WEAK = 0.5
PREFIX_BASE = 0.75
PREFIX_FULL_AT = 40       # characters: a prefix this long says as much as a whole title
ORDER_FACTOR = 0.9
CHAR_MIX = 0.5
COMPLETE_EPS = 0.01
COMPLETE_DAMP = 0.9

LEADS = ("number", "percentage", "rate")
_TAGS = re.compile(r"<[^>]*>")
_JUNK_MARK = re.compile(r"Image:\s*", re.I)   # alt text of pictures an extractor put in the cell
_NON_WORD = re.compile(r"[^a-z0-9%+]+")


@dataclass(frozen=True)
class Match:
    ref: str | None
    score: float
    why: str
    candidates: tuple[tuple[str, float], ...]


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


# ---------------------------------------------------------------------------------------------
# The row matcher

def unit_factor(unit: str, unit_hint: str | None) -> float:
    if unit_hint == "percent" and unit != "percent":
        return UNIT_PENALTY
    if unit_hint == "number" and unit == "percent":
        return UNIT_PENALTY
    return 1.0


def pack_factor(ind: "Indicator", pack: str | None) -> float:
    if not pack or not ind.first_seen or not ind.last_seen:
        return 1.0
    return 1.0 if ind.first_seen <= pack[:7] <= ind.last_seen else PACK_PENALTY


def _word_count(norm: str) -> int:
    return sum(1 for t in norm.split() if len(t) >= 3 and t.isalpha())


def _has_words(text: str) -> bool:
    return any(len(t) >= 2 and t.isalpha() for t in norm_title(text).split())


@dataclass(frozen=True)
class Evidence:
    """What the row says, scored against the register."""
    ref_text: str
    ref_scores: dict              # ref -> R
    title_scores: dict            # ref -> (T, 'title' | 'alias')
    ref_read: bool                # some R >= REF_READ
    title_state: str              # read | blank | unreadable | foreign

    @property
    def mode(self) -> str:
        if self.ref_read and self.title_state == "read":
            return "ref+title"
        if self.ref_read and self.title_state != "foreign":
            return f"ref only (title {self.title_state})"
        if self.title_state == "read":
            return "title only"
        return "weak"


def match_row(register: "Register", ref_text: str, title_text: str,
              unit_hint: str | None = None, pack: str | None = None,
              prev_ref: str | None = None) -> Match:
    ev = gather(register, ref_text, title_text)
    combined = combine(register, ev, unit_hint, pack)
    return decide(register, ev, combined, unit_hint, pack, prev_ref)


def gather(register: "Register", ref_text: str, title_text: str) -> Evidence:
    ref_text, title_text = _separate(ref_text or "", title_text or "")
    r_scores = dict(ref_candidates(ref_text, register)) if ref_text.strip() else {}
    variants = title_variants(title_text)
    t_scores = register.title_index.scores(variants) if variants else {}
    best_t = max((s for s, _ in t_scores.values()), default=0.0)
    if not variants or not _has_words(title_text):
        state = "blank"
    elif best_t >= TITLE_READ:
        state = "read"
    else:   # plain words that name no indicator contradict a ref; fragments are just unreadable
        state = "foreign" if _word_count(variants[0]) >= FOREIGN_WORDS else "unreadable"
    ref_read = max(r_scores.values(), default=0.0) >= REF_READ
    return Evidence(ref_text, r_scores, t_scores, ref_read, state)


def combine(register: "Register", ev: Evidence, unit_hint: str | None, pack: str | None) -> dict:
    """ref -> S, the formula of the module docstring."""
    mode = ev.mode
    only_ref = REF_ONLY_BLANK if ev.title_state == "blank" else REF_ONLY_UNREADABLE
    out = {}
    for ref in set(ev.ref_scores) | set(ev.title_scores):
        r = ev.ref_scores.get(ref, 0.0)
        t = ev.title_scores.get(ref, (0.0, ""))[0]
        if mode == "ref+title":
            s = (r + t) / 2
        elif mode.startswith("ref only"):
            s = only_ref * r
        elif mode == "title only":
            s = t
        else:
            s = WEAK * max(r, t)   # ranks the candidates only; never reaches ACCEPT
        ind = register.get(ref)
        out[ref] = round(s * unit_factor(ind.unit, unit_hint) * pack_factor(ind, pack), 4)
    return out


def decide(register: "Register", ev: Evidence, combined: dict, unit_hint: str | None,
           pack: str | None, prev_ref: str | None) -> Match:
    candidates = tuple(sorted(combined.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
    if ev.mode == "weak" or not candidates:
        return Match(None, 0.0, _weak_why(ev), candidates)
    best, s1 = candidates[0]
    s2 = candidates[1][1] if len(candidates) > 1 else 0.0
    ind = register.get(best)
    r = ev.ref_scores.get(best, 0.0)
    t, wording = ev.title_scores.get(best, (0.0, ""))
    parts = [ev.mode, f"ref {r:.2f}" if ev.ref_text.strip() else "no ref",
             f"title {t:.2f} ({wording})" if wording else f"title {ev.title_state}"]

    def refuse(reason: str) -> Match:
        return Match(None, s1, "; ".join(parts + [reason]), candidates)

    if unit_factor(ind.unit, unit_hint) < 1:
        return refuse(f"unit {unit_hint} contradicts {ind.unit}")
    if ev.mode == "ref+title" and (r < REF_READ or t < AGREE_TITLE):
        return refuse("ref and title disagree")
    if s1 < ACCEPT:
        return refuse(f"score {s1:.2f} < {ACCEPT}")
    if s1 - s2 < MARGIN:
        nxt = _order_tiebreak(register, prev_ref, combined, s1)
        if nxt is None:
            return refuse(f"margin {s1 - s2:.2f} to {candidates[1][0]}")
        tied = ", ".join(ref for ref, _ in candidates)
        return Match(nxt, round(combined[nxt] * ORDER_FACTOR, 4),
                     f"{ev.mode}; near-tie ({tied}) broken by print order after {prev_ref}", candidates)
    if pack_factor(ind, pack) < 1:
        parts.append(f"pack {pack} outside {ind.first_seen}..{ind.last_seen}")
    return Match(best, s1, "; ".join(parts), candidates)


def _order_tiebreak(register: "Register", prev_ref: str | None, combined: dict, s1: float) -> str | None:
    """Packs print indicators in register order: when the title fits several indicators equally
    (a truncated 'Number of children subject'), the one that follows the row above wins."""
    nxt = register.successor(prev_ref) if prev_ref else None
    if nxt is None or nxt not in combined:
        return None
    s = combined[nxt]
    return nxt if s >= ACCEPT and s1 - s < MARGIN else None


def _separate(ref_text: str, title_text: str) -> tuple[str, str]:
    """Readers sometimes leave the ref inside the title cell or the title inside the ref cell."""
    if ref_text.strip():
        ref, rest = split_glued_ref(ref_text)
        if rest:   # the ref cell also held the start of the title
            return ref, (rest + " " + title_text).strip()
        return ref_text, title_text
    ref, rest = split_glued_ref(title_text)
    return (ref, rest) if ref else ("", title_text)


def _weak_why(ev: Evidence) -> str:
    if ev.ref_read:
        return "ref read but the title names no register indicator"
    ref = "unreadable" if ev.ref_text.strip() else "missing"
    return f"nothing to match: ref {ref}, title {ev.title_state}"
