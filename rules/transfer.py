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

The transfer rules (T) compare Note B with this; the report shows it. The
limits come from the caller, a parameter at a time (``parameter(name)``, the
rule's :meth:`~rules.context.RuleContext.parameter`), so a rule declares
exactly the parameters its posts make this read: the basis reads none, the
class of a post with «kan overføres» none, the class of any other post the
operating posts, a percentage maximum the rate and its base, a two-year
maximum the number of years.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from ledger.core.accounts import Accounts, Figure, PostKey
from ledger.core.source import Source

#: A parameter's value for the accounts' year, by name.
Parameter = Callable[[str], Any]
ZERO = Decimal(0)
Terms = tuple[tuple[int, Figure], ...]  # signed figures whose sum is a column
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
    # The printed figures each amount is computed from, for a report that redoes it:
    terms: dict[str, Terms]  # charged_by_others, additional_revenue, reallocation, savings, basis, maximum
    this_year_figure: Figure | None

    def transferable(self, maximum: Decimal | None = None) -> Decimal:
        cap = self.maximum if maximum is None else maximum
        if cap is None:
            raise ValueError("the maximum is not known")
        return max(ZERO, min(self.basis, cap))


def is_two_year(accounts: Accounts, key: PostKey) -> bool:
    """The post has «kan overføres»: capped at two years' appropriations."""
    return accounts.context is not None and accounts.context.transferable_stikkord(key)


def post_class(accounts: Accounts, key: PostKey, parameter: Parameter) -> str:
    if is_two_year(accounts, key):
        return TWO_YEAR
    first, last = (int(p) for p in parameter("transfer.operating.posts").split("-"))
    excluded = {str(p).zfill(2) for p in parameter("transfer.operating.excluded_posts")}
    if first <= key.post_number <= last and key.post not in excluded:
        return PERCENTAGE
    return NONE


def percentage_of(rate: Decimal, base: Decimal) -> Decimal:
    """The maximum, exactly (to the øre); Note B prints it rounded to whole kroner."""
    exact = (rate * base).quantize(Decimal("0.01"))
    return exact.to_integral_value() if exact == exact.to_integral_value() else exact


def authority_terms(accounts: Accounts, key: PostKey) -> dict[str, Terms]:
    """The columns of Note B that the authorities in the context give, as signed printed figures."""
    statement, context = accounts.appropriation, accounts.context
    terms: dict[str, Terms] = {"charged_by_others": (), "additional_revenue": (), "reallocation": (), "savings": ()}
    if context is not None:
        terms["charged_by_others"] = tuple((-1, a.amount) for a in context.given_authorities if a.key == key)
        for authority in context.revenue_authorities:
            revenue = statement.revenue(authority.revenue) if authority.expense == key else None
            if revenue is not None:  # the merinntekt: regnskap − samlet tildeling
                terms["additional_revenue"] += ((1, revenue.accounts), (-1, revenue.allocation))
        terms["reallocation"] = tuple((1, a.amount) for a in context.reallocations if a.key == key)
        terms["savings"] = tuple((1, a.amount) for a in context.savings if a.key == key)
    return terms


def recompute(accounts: Accounts, key: PostKey, parameter: Parameter) -> Recomputed:
    statement, context = accounts.appropriation, accounts.context
    row = statement.expense(key)
    terms = authority_terms(accounts, key)
    value = {name: signed_sum(t) for name, t in terms.items()}
    # the statement's difference; where it is blank (BR-01 reports that), allocation − accounts
    own = () if row is None else ((1, row.difference),) if not row.difference.blank else (
        (1, row.allocation), (-1, row.accounts))
    terms["basis"] = own + sum((terms[n] for n in value), ())
    basis = signed_sum(terms["basis"])

    note_a = accounts.note_a.row(key)
    this_year_figure = note_a.allocated if note_a else (row.allocation if row else None)
    total_figure = note_a.total if note_a else (row.allocation if row else None)
    this_year = this_year_figure.amount if this_year_figure else ZERO
    kind = post_class(accounts, key, parameter)
    base = base_other = maximum = maximum_other = reading = None
    if kind == PERCENTAGE:
        rate = Decimal(str(parameter("transfer.operating.rate")))
        reading = parameter("transfer.operating.base")
        bases = {"arets_tildelinger": this_year_figure, "samlet_tildeling": total_figure}
        other = next(r for r in READINGS if r != reading)
        base, base_other = bases[reading].amount, bases[other].amount
        maximum, maximum_other = percentage_of(rate, base), percentage_of(rate, base_other)
        rate_figure = Figure(rate, Source("rules/parameters.yaml", path="parameters.transfer.operating.rate"))
        terms["maximum"] = ((1, rate_figure), (1, bases[reading]))
    elif kind == TWO_YEAR:
        post = context.post(key) if context else None
        years = int(parameter("transfer.kan_overfores.years"))
        if years != 2:  # pragma: no cover - the parameter has only ever been 2
            raise NotImplementedError("only a two-year cap is implemented")
        if post is not None and post.prior_appropriation is not None and this_year_figure is not None:
            maximum = this_year + post.prior_appropriation.amount
            terms["maximum"] = ((1, this_year_figure), (1, post.prior_appropriation))
    else:
        maximum = ZERO
    return Recomputed(key, kind, signed_sum(own), value["charged_by_others"],
                      value["additional_revenue"], value["reallocation"], value["savings"], basis, this_year,
                      base, base_other, reading, maximum, maximum_other, terms, this_year_figure)


def signed_sum(terms: Terms) -> Decimal:
    """Σ sign · figure."""
    return sum((sign * figure.amount for sign, figure in terms), ZERO)
