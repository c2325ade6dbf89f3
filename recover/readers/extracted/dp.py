"""The sequence alignment every broken-text row goes through: cells, in order, to the header's
column slots, each slot taking 0..3 cells, at the least cost (costs say what each cell looks like
for each role)."""
from __future__ import annotations

from typing import Callable


def dp_align(cells: list[str], roles: list[str],
             cost: Callable[[str, str], float],
             empty: Callable[[str], float],
             merge: Callable[[list[str], str], float | None],
             overflow: float = 0.7) -> tuple[float, list[list[int]]]:
    """Assign cells, in order, to role slots (0..n cells per slot; extra cells overflow past the
    last slot). Returns (cost, cell indices per slot [+ overflow groups])."""
    n, m = len(cells), len(roles)
    INF = float("inf")
    best = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(m):
        for i in range(n + 1):
            b = best[i][j]
            if b == INF:
                continue
            c = b + empty(roles[j])
            if c < best[i][j + 1]:
                best[i][j + 1], back[i][j + 1] = c, (i, j)
            for k in range(i + 1, min(n, i + 3) + 1):
                group = cells[i:k]
                if k - i == 1:
                    cc = cost(group[0], roles[j])
                else:
                    cc = merge(group, roles[j])
                    if cc is None:
                        continue
                if b + cc < best[k][j + 1]:
                    best[k][j + 1], back[k][j + 1] = b + cc, (i, j)
    # Overflow: remaining cells appended after the last slot.
    total, end_i = INF, 0
    for i in range(n + 1):
        c = best[i][m] + overflow * (n - i)
        if c < total:
            total, end_i = c, i
    groups: list[list[int]] = [[] for _ in range(m)]
    i, j = end_i, m
    while j > 0:
        pi, pj = back[i][j]
        groups[pj] = list(range(pi, i))
        i, j = pi, pj
    groups.extend([[k] for k in range(end_i, n)])
    return total, groups
