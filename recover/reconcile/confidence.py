"""The one confidence formula (docs/confidence.md explains it with worked examples).

Step 1, each reading i gets an effective confidence e_i from its read confidence c_i:

    odds_i = c_i / (1 - c_i)                      with c_i clipped to [0.01, 0.99]
             x 1 / (1 - q), at most CONFIRM_MAX (20), when the arithmetic checks of its own row hold;
                             q is the share of the OCR slips this printed number could suffer (a
                             confused digit 8/3, 1/7, ..., a lost decimal point, a lost digit) that
                             would have broken those checks
             x CONTRA (0.02) when a check of its row fails and this reading is the culprit
             x SUSPECT (0.25) when a check fails and it is one of several possible culprits
             x IMPLAUSIBLE (0.01) for a percentage outside 0-100, a negative or fractional count
    e_i = odds_i / (1 + odds_i)

Step 2, readings of one (ref, month) are grouped into candidate values (printed precision
understood: 19.1 and 19 agree). For each candidate k, the hypothesis "k is the current true value"
is weighed against the others by the likelihood of all the readings:

    L(k)      = prod_{i in k} e_i  *  prod_{j not in k} (1 - e_j)  *  prod_{other candidates m} RHO^(n_m - 1)
    L(k <- m) = PI_REV * prod_{i in k or m} e_i * prod_{j in neither} (1 - e_j) * prod_{others} RHO^(n - 1)
                (a revision: every pack showing m is older than every pack showing k)
    L(none)   = prod_j (1 - e_j) * prod_m RHO^(n_m - 1)

RHO (0.25) is the chance that two misreads of one printed number give the same wrong value;
PI_REV (0.05) the prior chance that a later pack revised the month.

    confidence(k) = (L(k) + sum_m L(k <- m)) / (sum over all hypotheses)

A single reading gets confidence e_i; agreeing readings push it towards 1; a confident disagreeing
reading pulls it down unless it is explained as an earlier value that a later pack revised.
The cell is `ok` when confidence >= OK_AT and the value is plausible; otherwise `review`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

C_MIN, C_MAX = 0.01, 0.99
CONFIRM_MAX, CONTRA, SUSPECT, IMPLAUSIBLE = 20.0, 0.02, 0.25, 0.01
RHO = 0.25
PI_REV = 0.05
OK_AT = 0.95
E_MIN, E_MAX = 1e-4, 0.9999


def effective(c: float, factor: float = 1.0) -> float:
    c = min(max(c, C_MIN), C_MAX)
    odds = c / (1.0 - c) * factor
    return min(max(odds / (1.0 + odds), E_MIN), E_MAX)


@dataclass(frozen=True)
class Group:
    """A candidate value as the formula sees it."""
    es: tuple[float, ...]         # effective confidences of the readings that agree on it
    first_pack: str
    last_pack: str
    numeric: bool                 # False for 'printed as missing'


@dataclass(frozen=True)
class Weighed:
    probability: tuple[float, ...]        # per group: confidence that it is the current value
    revised_from: tuple[int | None, ...]  # per group: most likely earlier group it revised, if any


def _logsumexp(xs: list[float]) -> float:
    m = max(xs)
    return m + math.log(sum(math.exp(x - m) for x in xs))


def weigh(groups: list[Group]) -> Weighed:
    a = [sum(math.log(e) for e in g.es) for g in groups]                 # all right
    b = [sum(math.log1p(-e) for e in g.es) for g in groups]              # all wrong
    r = [(len(g.es) - 1) * math.log(RHO) for g in groups]                # coincident misreads
    wrong = [b[k] + r[k] for k in range(len(groups))]
    base = sum(wrong)                                                    # L(none)
    per: list[list[float]] = []
    best_rev: list[int | None] = []
    for k, g in enumerate(groups):
        terms = [base - wrong[k] + a[k]]
        rev, rev_l = None, -math.inf
        for m, h in enumerate(groups):
            if m == k or not (g.numeric and h.numeric) or not h.last_pack < g.first_pack:
                continue
            lr = math.log(PI_REV) + base - wrong[k] - wrong[m] + a[k] + a[m]
            terms.append(lr)
            if lr > rev_l:
                rev, rev_l = m, lr
        per.append(terms)
        # a revision is named only when it explains the older value better than a misread does
        best_rev.append(rev if rev is not None and rev_l > terms[0] else None)
    z = _logsumexp([base] + [t for terms in per for t in terms])
    probs = tuple(math.exp(_logsumexp(terms) - z) for terms in per)
    return Weighed(probs, tuple(best_rev))
