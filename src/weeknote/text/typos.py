"""How far apart two words are, in edits: for a tag or a section name typed one letter off.

Pure and cheap to import (it imports nothing): `weeknote bullet` may use it on its short path.
"""

from __future__ import annotations


def distance(a: str, b: str, limit: int) -> int:
    """The Damerau-Levenshtein distance (optimal string alignment: a swap of two neighbouring
    letters is one edit) between ``a`` and ``b``, or ``limit + 1`` once it is over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)
