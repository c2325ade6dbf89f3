"""Matching one printed row (or dashboard block) to the register by its label: the printed ref(s),
the printed title(s) and the unit of its values. This is the label part of the identification score;
recover/identify adds the agreement of the row's values with what other packs hold.

Scoring (every figure in 0..1; the constants are named below)::

    R(i)  ref score of indicator i        refs.ref_candidates: 1 exact, .92 OCR-repaired, .9 ')' restored,
                                           .85 a letter read as its second digit ('LACS' LAC9) or a rule
                                           as a letter before the ref ('IEH2'),
                                           .8 twin or wrapped suffix lost, .75 repair fits several, <= .6 similar;
                                           with several ref texts (a dashboard's label and its legend
                                           'Benchmarking (REF)'), the best of them
    T(i)  title score, titles.py          max over i's wordings w (title + aliases) and over the title's
                                           variants q (pieces between junk 'Image:' marks; a dashboard's
                                           chart title and caption each give theirs; each read
                                           respaced when its word spaces were lost) of
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

    ref read  = some R >= .75;  title read = some T >= .5

    twin suffix confirmed: a ref read exactly as i (R(i) = 1) whose twin j (i with a twin suffix,
    R(j) = .8: 'CP5-QL' / 'CP5-QL (val)') is named by both the title's leading word and the values'
    unit, where both contradict i, was printed as j with its suffix on a line of its own that the
    reader did not join (OCR'd text: '(val)' under 'CP5-QL'): R(j) = .95, R(i) = .8. Either piece
    alone leaves the ref as read (a misplaced title line, or a '%' lost, is one piece of damage).

    S(i) = U * P * {  (R + T) / 2      ref read, T(i) >= .6 (the title agrees)
                      .85 * R          ref read, title blank
                      max(.75 * R, (R + T) / 2)
                                       ref read, title damaged or worded otherwise (T(i) >= .3): a clean
                                       ref alone passes ('LAC7-QL' under an OCR-damaged title, a register
                                       that words its titles its own way), a repaired one with some help
                                       from the title
                      .75 * R          ref read, title unreadable (fragments)
                      .5 * max(R, T)   ref read, title foreign to i (>= 4 plain words, T(i) < .3):
                                       ranks candidates, never accepted
                      T                ref missing or unreadable, title read
                      .85 * T          title read, but the printed ref is a clean, ref-shaped text that
                                       names no register indicator (the row prints an indicator the
                                       register does not hold: its title alone must be near exact)
                      .5 * max(R, T)   otherwise
                   }

    accepted when  S(best) >= .70  and  S(best) - S(second) >= .08
              and the unit does not contradict,
              and, when a ref was read, best is what it reads as (R(best) >= .75) and the title
                  does not contradict it: its leading word is not
                  another kind (Number / Percentage / Rate) than best's, and no other indicator j
                  (of a unit the values allow) claims it: U(j) * T(j) >= .75 and >= T(best) + .15;
              and, when the ref was not read but ends in a twin suffix read cleanly ('LACE (val)'),
                  the register holds no twin of best with that suffix (the suffix names the twin).
    near-tie:      when only the margin fails and prev_ref (the row printed above) is given, the
                   register successor of prev_ref wins if it is within the margin of the best and
                   S >= .70; its score is S * .9 (packs print indicators in register order).
    Otherwise ref=None and the candidates are kept.

Near-twins ('M6-QL (val)' Number of referrals ... / 'M6-QL' Percentage of referrals ...) differ in
the leading word and the unit, so L and U keep them apart even when the ref is lost; truncated or
short titles that fit several indicators fail the margin rather than guess.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from recover.register.refs import (SUFFIX_LOST, TWIN_SUFFIXES, looks_like_ref, normalise_ref, ref_candidates, ref_key,
                                   split_glued_ref)
# the title score T(i) and its constants (titles.py), re-exported for the callers of match_row
from recover.register.titles import (CHAR_MIX, COMPLETE_DAMP, COMPLETE_EPS, LEAD_PENALTY, LEADS,  # noqa: F401
                                     PREFIX_BASE, PREFIX_FULL_AT, TitleIndex, Wording, lead_of, norm_title,
                                     title_variants)

if TYPE_CHECKING:   # pragma: no cover
    from recover.register import Indicator, Register

ACCEPT = 0.70
MARGIN = 0.08
REF_READ = 0.75
TITLE_READ = 0.50
AGREE_TITLE = 0.60
UNIT_PENALTY = 0.5
PACK_PENALTY = 0.9
REF_ONLY_BLANK = 0.85
REF_ONLY_UNREADABLE = 0.75
FOREIGN_WORDS = 4
FOREIGN_TITLE = 0.30      # below this a title of plain words says nothing of i's wording
TWIN_CONFIRMED = 0.95     # R of a twin whose lost suffix the title's lead word and the unit confirm
FOREIGN_REF = 0.85        # title-only score factor when the printed ref is clean but not ours
CLAIM_AT = 0.75           # another indicator's title score that contradicts a read ref ...
CLAIM_MARGIN = 0.15       # ... when it is this much better than the ref's own
WEAK = 0.5
ORDER_FACTOR = 0.9


@dataclass(frozen=True)
class Match:
    ref: str | None
    score: float
    why: str
    candidates: tuple[tuple[str, float], ...]


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


def has_words(text: str) -> bool:
    """Some word of two or more letters: a title, not junk glyphs ('|', '-', 'I')."""
    return any(len(t) >= 2 and t.isalpha() for t in norm_title(text).split())


@dataclass(frozen=True)
class Evidence:
    """What the row's label says, scored against the register."""
    ref_text: str                 # the ref texts as read, ' / '-joined (for messages)
    ref_scores: dict              # ref -> R
    title_scores: dict            # ref -> (T, 'title' | 'alias')
    ref_read: bool                # some R >= REF_READ
    title_state: str              # read | blank | unreadable | foreign
    title_lead: str | None = None  # Number / Percentage / Rate, when the title starts with one
    foreign_ref: str = ""         # a clean printed ref that names no register indicator
    twin_note: str = ""           # why the ref was read as its twin (confirm_lost_suffix)
    suffixes: tuple = ()          # twin suffixes the ref texts end in, read cleanly ('(VAL)', '(%)', '%')

    @property
    def mode(self) -> str:
        if self.ref_read and self.title_state == "read":
            return "ref+title"
        if self.ref_read:
            return f"ref only (title {self.title_state})"
        if self.title_state == "read":
            return "title only" + (f" (printed ref {self.foreign_ref} is not in the register)"
                                   if self.foreign_ref else "")
        return "weak"


def match_row(register: "Register", ref_text, title_text, unit_hint: str | None = None,
              pack: str | None = None, prev_ref: str | None = None) -> Match:
    """ref_text, title_text: a text or a sequence of texts (a dashboard's label and legend ref;
    its chart title and caption)."""
    ev = confirm_lost_suffix(register, gather(register, ref_text, title_text), unit_hint)
    combined = combine(register, ev, unit_hint, pack)
    return decide(register, ev, combined, unit_hint, pack, prev_ref)


def _texts(x) -> list[str]:
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    return [t for t in x if t]


def gather(register: "Register", ref_text, title_text) -> Evidence:
    refs, titles = _texts(ref_text), _texts(title_text)
    pairs = [separate_ref_title(r, titles[0] if titles else "") for r in refs] if refs else \
        [separate_ref_title("", titles[0] if titles else "")]
    ref_texts = [r for r, _ in pairs if r.strip()]
    titles = [pairs[0][1]] + titles[1:] if titles or pairs[0][1] else []
    r_scores: dict[str, float] = {}
    for r in ref_texts:
        for ref, score in ref_candidates(r, register):
            r_scores[ref] = max(score, r_scores.get(ref, 0.0))
    variants: list[str] = []
    for t in titles:
        variants += [v for v in title_variants(t) if v not in variants]
    # a title whose word spaces were lost is read respaced as well (titles.py)
    variants += [r for r in dict.fromkeys(register.title_index.respace(v) for v in variants) if r not in variants]
    t_scores = register.title_index.scores(variants) if variants else {}
    best_t = max((s for s, _ in t_scores.values()), default=0.0)
    if not variants or not any(has_words(v) for v in variants):
        state = "blank"
    elif best_t >= TITLE_READ:
        state = "read"
    else:   # plain words that name no indicator contradict a ref; fragments are just unreadable
        state = "foreign" if _word_count(variants[0]) >= FOREIGN_WORDS else "unreadable"
    ref_read = max(r_scores.values(), default=0.0) >= REF_READ
    foreign = next((r for r in ref_texts if not ref_read and _clean_ref(r)), "")
    return Evidence(" / ".join(ref_texts), r_scores, t_scores, ref_read, state,
                    lead_of(variants[0]) if variants else None, normalise_ref(foreign) if foreign else "",
                    suffixes=tuple(sorted({x for r in ref_texts if (x := _twin_suffix(r))})))


_SUFFIX_KEYS = sorted((ref_key(x) for x in TWIN_SUFFIXES), key=len, reverse=True)


def _twin_suffix(text: str) -> str:
    """The twin suffix a ref text ends in, as a ref key ('LACE (val)' -> '(VAL)'), or ''."""
    key = ref_key(text)
    return next((x for x in _SUFFIX_KEYS if key.endswith(x) and len(key) > len(x)), "")


def suffix_contradicts(register: "Register", ev: Evidence, ref: str) -> str:
    """Why the twin suffix printed after an unread ref contradicts ref ('' when it does not): the
    register holds ref's twin with that suffix. 'LACE (val)' (the '6' damaged) under the title
    'Percentage of adoptions' names LAC6 (val) by its suffix and LAC6 (%) by its title: near-twins
    are told apart by exactly these, so the row is unmatched rather than given either."""
    key = ref_key(ref)
    own = _twin_suffix(ref)
    base = key[:len(key) - len(own)] if own else key
    for x in ev.suffixes:
        if x != own and (twin := register.ref_index.by_key.get(base + x)) is not None:
            return f"the printed suffix {x.lower()} names {twin}, the title {ref}"
    return ""


def confirm_lost_suffix(register: "Register", ev: Evidence, unit_hint: str | None) -> Evidence:
    """The evidence with a read ref's twin made the reading, where the title's leading word and the
    values' unit both name the twin and contradict the ref as printed (the module docstring, 'twin
    suffix confirmed'); otherwise ev unchanged. Twins of the bundled register differ in both
    (Number / Percentage, count / percent), so one piece of evidence is never enough."""
    if not ev.title_lead or unit_hint is None:
        return ev
    leads = register.title_index.leads
    scores, notes = dict(ev.ref_scores), []
    for ref, r in ev.ref_scores.items():
        ind = register.get(ref)
        if r < 1.0 or ev.title_lead in leads.get(ref, ()) or unit_factor(ind.unit, unit_hint) == 1:
            continue
        twins = {ref_key(ref) + ref_key(s) for s in TWIN_SUFFIXES}
        for twin, t in ev.ref_scores.items():
            if ref_key(twin) in twins and abs(t - SUFFIX_LOST) < 1e-9 and ev.title_lead in leads.get(twin, ()) \
                    and unit_factor(register.get(twin).unit, unit_hint) == 1:
                scores[twin], scores[ref] = TWIN_CONFIRMED, SUFFIX_LOST
                notes.append(f"{ref} read as {twin}, its suffix lost: the title counts a {ev.title_lead} "
                             f"and the values are {'percentages' if unit_hint == 'percent' else 'not percentages'}")
    if not notes:
        return ev
    return replace(ev, ref_scores=scores, twin_note="; ".join(notes))


def _clean_ref(text: str) -> bool:
    """Printed plainly (no look-alike letters folded, no junk) in the shape of a ref."""
    t = " ".join(text.split())
    return bool(t) and t.isascii() and normalise_ref(t) == t and looks_like_ref(t.replace(" ", ""))


def combine(register: "Register", ev: Evidence, unit_hint: str | None, pack: str | None) -> dict:
    """ref -> S, the formula of the module docstring."""
    out = {}
    for ref in set(ev.ref_scores) | set(ev.title_scores):
        r = ev.ref_scores.get(ref, 0.0)
        t = ev.title_scores.get(ref, (0.0, ""))[0]
        if ev.ref_read:
            if ev.title_state == "blank":
                s = REF_ONLY_BLANK * r
            elif t >= AGREE_TITLE:
                s = (r + t) / 2
            elif t >= FOREIGN_TITLE:
                s = max(REF_ONLY_UNREADABLE * r, (r + t) / 2)
            elif ev.title_state == "unreadable":
                s = REF_ONLY_UNREADABLE * r
            else:
                s = WEAK * max(r, t)   # ranks the candidates only; never reaches ACCEPT
        elif ev.title_state == "read":
            s = t * (FOREIGN_REF if ev.foreign_ref else 1.0)
        else:
            s = WEAK * max(r, t)
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
    if ev.twin_note:
        parts.insert(2, ev.twin_note)

    def refuse(reason: str) -> Match:
        return Match(None, s1, "; ".join(parts + [reason]), candidates)

    if unit_factor(ind.unit, unit_hint) < 1:
        return refuse(f"unit {unit_hint} contradicts {ind.unit}")
    if ev.ref_read and r < REF_READ:
        named = max(ev.ref_scores, key=lambda k: (ev.ref_scores[k], k))
        return refuse(f"ref and title disagree: the ref reads as {named}, the title as {best}")
    if ev.ref_read and ev.title_state in ("read", "foreign"):
        why = title_contradicts(register, ev, best, unit_hint)
        if why:
            return refuse(why)
    if not ev.ref_read and ev.suffixes:
        why = suffix_contradicts(register, ev, best)
        if why:
            return refuse(why)
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


def title_contradicts(register: "Register", ev: Evidence, ref: str, unit_hint: str | None) -> str:
    """Why the printed title contradicts a read ref, or '' when it does not: it starts with another
    kind of figure (Number / Percentage / Rate), or another indicator's wording fits it clearly
    better (CLAIM_AT, CLAIM_MARGIN). A title that fits nothing well (OCR damage, a register that
    words its titles its own way) does not contradict."""
    leads = register.title_index.leads.get(ref, set())
    if ev.title_lead and leads and ev.title_lead not in leads:
        return f"ref and title disagree: the title counts a {ev.title_lead}, {ref} a {'/'.join(sorted(leads))}"
    own = ev.title_scores.get(ref, (0.0, ""))[0]
    for other, (t, _) in ev.title_scores.items():
        if other == ref:
            continue
        claim = t * unit_factor(register.get(other).unit, unit_hint)
        if claim >= CLAIM_AT and claim >= own + CLAIM_MARGIN:
            return f"ref and title disagree: the title reads as {other} ({t:.2f} against {own:.2f})"
    return ""


def _order_tiebreak(register: "Register", prev_ref: str | None, combined: dict, s1: float) -> str | None:
    """Packs print indicators in register order: when the title fits several indicators equally
    (a truncated 'Number of children subject'), the one that follows the row above wins."""
    nxt = register.successor(prev_ref) if prev_ref else None
    if nxt is None or nxt not in combined:
        return None
    s = combined[nxt]
    return nxt if s >= ACCEPT and s1 - s < MARGIN else None


def separate_ref_title(ref_text: str, title_text: str) -> tuple[str, str]:
    """Readers sometimes leave the ref inside the title cell or the title inside the ref cell."""
    if ref_text.strip():
        whole = normalise_ref(ref_text)
        if looks_like_ref(whole.replace(" ", "")):   # the whole ref cell is a ref ('Nil 47' = NI147)
            return whole, title_text
        ref, rest = split_glued_ref(ref_text)
        if rest:   # the ref cell also held the start of the title
            return ref, (rest + " " + title_text).strip()
        return ref_text, title_text
    ref, rest = split_glued_ref(title_text)
    return (ref, rest) if ref else ("", title_text)


def _weak_why(ev: Evidence) -> str:
    if ev.foreign_ref:
        return f"the printed ref {ev.foreign_ref} is not in the register, and the title ({ev.title_state}) names none of its indicators"
    if ev.ref_read:
        return "ref read but the title names no register indicator"
    ref = "unreadable" if ev.ref_text.strip() else "missing"
    return f"nothing to match: ref {ref}, title {ev.title_state}"
