"""The one tolerance rule for comparing published, rounded figures.

Statements print whole kroner, each figure rounded from øre on its own. A
printed figure v stands for the interval [v − 0.5, v + 0.5] (XBRL
Calculations 1.1, round-to-nearest). A reported total and the n figures it
sums are consistent when their intervals meet, i.e. when

    |total − Σ parts| ≤ (n + 1) / 2.

A figure copied from one place to another is not re-rounded: it must be
identical (``exact``). A figure printed in whole kroner against an exact
amount — the ledger's sum in øre, a maximum computed as a rate of a base —
is that amount rounded when they are at most half a krone apart
(:data:`HALF_KRONE`); such a difference is the printing itself, so it is
recorded with the computation but is no rounding note. A configured cap (``[tolerance] max_abs`` in
avstem.toml) narrows the interval allowance for long sums; it never widens it.
"""

from __future__ import annotations

from decimal import Decimal

from rules.findings import Tolerance

HALF = Decimal("0.5")
EXACT = Tolerance("exact", Decimal(0))
#: A whole-krone figure against the exact amount it was rounded from.
HALF_KRONE = Tolerance("absolute", HALF, notes=False)


def rounded(figures: int, cap: Decimal | None = None) -> Tolerance:
    """Tolerance for an identity among ``figures`` independently rounded figures (the total included)."""
    if figures <= 1:
        return EXACT  # one rounded figure against whole ones: an integer difference must be 0
    amount = HALF * figures
    if cap is not None:
        amount = min(amount, cap)
    return Tolerance("interval", amount, figures)


def interval(parts: int, cap: Decimal | None = None) -> Tolerance:
    """Tolerance for a reported rounded figure against the sum of ``parts`` rounded figures."""
    if parts < 1:
        raise ValueError("an interval sum needs at least one part")
    return rounded(parts + 1, cap)
