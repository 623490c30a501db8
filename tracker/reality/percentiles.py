"""Percentiles by linear interpolation between the closest ranks (numpy's default method)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def percentile(values: Sequence[Fraction | int], q: int) -> Fraction:
    """The q-th percentile (0–100) of `values`, exactly.

    With the values sorted as x[0..n-1], the rank is h = (n − 1) × q / 100; the result is
    x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]).
    """
    if not values:
        raise ValueError("a percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(Fraction(v) for v in values)
    rank = Fraction((len(ordered) - 1) * q, 100)
    below = int(rank)
    if below + 1 >= len(ordered):
        return ordered[below]
    return ordered[below] + (rank - below) * (ordered[below + 1] - ordered[below])
