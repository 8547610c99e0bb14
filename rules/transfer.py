"""Recompute Note B for one post: what may be transferred to next year.

The computation follows R-2 and the model Note B of R-115, with the limits
taken from the dated parameters (``rules/parameters.yaml``):

* basis = merutgift/mindreutgift (from the appropriation statement)
  − what others charged under given belastningsfullmakter
  + merinntekt/mindreinntekt on a paired revenue post (merinntektsfullmakt)
  + omdisponering + innsparinger (from the context);
* maximum, by the post's class: «kan overføres» — this year's and last
  year's appropriations; operating posts 01–29 except 24 — the rate (5 %)
  of the base the parameter names; any other post — nothing;
* transferable = max(0, min(basis, maximum)).

The transfer rules (T) compare Note B with this; the report shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.model import Accounts, PostKey
from rules.parameters import Parameters

ZERO = Decimal(0)
PERCENTAGE, TWO_YEAR, NONE = "percentage", "two_year", "none"
READINGS = ("arets_tildelinger", "samlet_tildeling")


@dataclass(frozen=True)
class Recomputed:
    key: PostKey
    kind: str  # percentage | two_year | none
    difference: Decimal
    charged_by_others: Decimal
    additional_revenue: Decimal
    reallocation: Decimal
    savings: Decimal
    basis: Decimal
    this_year: Decimal  # årets tildelinger (Note A), the first year of the two-year cap
    base: Decimal | None  # the percentage base on the parameter's reading
    base_other: Decimal | None  # the percentage base on the other reading
    reading: str | None
    maximum: Decimal | None  # None: not verifiable (last year's appropriation unknown)
    maximum_other: Decimal | None  # the percentage maximum on the other reading

    def transferable(self, maximum: Decimal | None = None) -> Decimal:
        cap = self.maximum if maximum is None else maximum
        if cap is None:
            raise ValueError("the maximum is not known")
        return max(ZERO, min(self.basis, cap))


def post_class(accounts: Accounts, key: PostKey, parameters: Parameters) -> str:
    context, year = accounts.context, accounts.year
    if context is not None and context.transferable_stikkord(key):
        return TWO_YEAR
    first, last = (int(p) for p in parameters.value("transfer.operating.posts", year).split("-"))
    excluded = {str(p).zfill(2) for p in parameters.value("transfer.operating.excluded_posts", year)}
    if first <= key.post_number <= last and key.post not in excluded:
        return PERCENTAGE
    return NONE


def percentage_of(rate: Decimal, base: Decimal) -> Decimal:
    """The maximum, exactly; Note B prints it rounded to whole kroner."""
    return rate * base


def recompute(accounts: Accounts, key: PostKey, parameters: Parameters) -> Recomputed:
    statement, context, year = accounts.appropriation, accounts.context, accounts.year
    row = statement.expense(key)
    difference = row.difference.amount if row else ZERO
    charged = additional = reallocation = savings = ZERO
    if context is not None:
        charged = -sum((a.amount.amount for a in context.given_authorities if a.key == key), ZERO)
        for authority in context.revenue_authorities:
            if authority.expense == key:
                revenue = statement.revenue(authority.revenue)
                if revenue is not None:
                    additional += revenue.accounts.amount - revenue.allocation.amount
        reallocation = sum((a.amount.amount for a in context.reallocations if a.key == key), ZERO)
        savings = sum((a.amount.amount for a in context.savings if a.key == key), ZERO)
    basis = difference + charged + additional + reallocation + savings

    note_a = accounts.note_a.row(key)
    this_year = note_a.allocated.amount if note_a else (row.allocation.amount if row else ZERO)
    total = note_a.total.amount if note_a else (row.allocation.amount if row else ZERO)
    kind = post_class(accounts, key, parameters)
    base = base_other = maximum = maximum_other = reading = None
    if kind == PERCENTAGE:
        rate = parameters.decimal("transfer.operating.rate", year)
        reading = parameters.value("transfer.operating.base", year)
        bases = {"arets_tildelinger": this_year, "samlet_tildeling": total}
        other = next(r for r in READINGS if r != reading)
        base, base_other = bases[reading], bases[other]
        maximum, maximum_other = percentage_of(rate, base), percentage_of(rate, base_other)
    elif kind == TWO_YEAR:
        post = context.post(key) if context else None
        years = int(parameters.value("transfer.kan_overfores.years", year))
        if years != 2:  # pragma: no cover - the parameter has only ever been 2
            raise NotImplementedError("only a two-year cap is implemented")
        if post is not None and post.prior_appropriation is not None:
            maximum = this_year + post.prior_appropriation.amount
    else:
        maximum = ZERO
    return Recomputed(key, kind, difference, charged, additional, reallocation, savings, basis, this_year,
                      base, base_other, reading, maximum, maximum_other)
