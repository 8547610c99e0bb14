"""Recompute Note B for one post: what may be transferred to next year.

The computation follows R-2 and the model Note B of R-115, with the limits
taken from the dated parameters (``rules/parameters.yaml``):

* basis = merutgift/mindreutgift (from the appropriation statement)
  − what others charged under given belastningsfullmakter
  + merinntekt/mindreinntekt under a merinntektsfullmakt (see
  :func:`revenue_pools`: a revenue post may back several expense posts)
  + omdisponering (from the context, and the pooling of an underspend used
  under «kan nyttes under», see :func:`pooled_moves`) + innsparinger;
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

Two authorities are shared between posts, and the same krone must be
counted once: a merinntektsfullmakt pairs revenue and expense posts many to
many (the merinntekt of the revenue posts is one sum the expense posts
share), and «kan nyttes under» lets one post's underspend cover another
post's merutgift (the kroner used there cannot also be transferred from the
first post: Note B pools them, −X on the one row and +X on the other).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from ledger.core.accounts import Accounts, AppropriationRow, Figure, PostKey
from ledger.core.facts import INFERRED
from ledger.core.source import Source
from ledger.vocabulary.stikkord import KAN_NYTTES_UNDER, OVERSLAGSBEVILGNING, Stikkord, names_kan_nyttes_under

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
    pooled: Decimal = ZERO  # the part of the reallocation that pools «kan nyttes under» (− given, + received)

    def transferable(self, maximum: Decimal | None = None) -> Decimal:
        cap = self.maximum if maximum is None else maximum
        if cap is None:
            raise ValueError("the maximum is not known")
        return max(ZERO, min(self.basis, cap))


def stikkord_of(accounts: Accounts, key: PostKey) -> tuple[Stikkord, ...]:
    """The post's stikkord in the context; an underpost has its post's."""
    context = accounts.context
    if context is None:
        return ()
    return context.stikkord(key) or (context.stikkord(key.net) if key.is_underpost else ())


def is_two_year(accounts: Accounts, key: PostKey) -> bool:
    """The post has «kan overføres»: capped at two years' appropriations."""
    return accounts.context is not None and accounts.context.transferable_stikkord(key)


def is_estimated(accounts: Accounts, key: PostKey) -> bool:
    """The post is an «overslagsbevilgning»: an estimate for rights-based spending, which may be exceeded."""
    return any(s.kind == OVERSLAGSBEVILGNING for s in stikkord_of(accounts, key))


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


def counted_expenses(accounts: Accounts) -> tuple[AppropriationRow, ...]:
    """The expense rows a sum over posts counts: a net post where printed, its underposts only where the net
    post is not (a post 24 and its underposts 24.01 … are one amount printed twice)."""
    return accounts.appropriation.summed_expenses()


def overspend(row: AppropriationRow) -> Decimal:
    """The merutgift, from the figures (regnskap − samlet tildeling; BR-01 checks the printed difference)."""
    return row.accounts.amount - row.allocation.amount


# --- merinntektsfullmakter shared by several posts ------------------------------


@dataclass(frozen=True)
class RevenuePool:
    """Expense and revenue posts joined by merinntektsfullmakter.

    A budget may pair one revenue post with several expense posts and one
    expense post with several revenue posts; all the posts so joined share
    one merinntekt: the revenue posts' regnskap − samlet tildeling (a
    mindreinntekt is negative and reduces it).
    """

    expenses: tuple[PostKey, ...]
    revenues: tuple[PostKey, ...]  # the paired revenue posts the statement has a row for
    terms: Terms  # + regnskap, − samlet tildeling of each of those rows

    @property
    def available(self) -> Decimal:
        return signed_sum(self.terms)

    @property
    def shared(self) -> bool:
        return len(self.expenses) > 1


def revenue_pools(accounts: Accounts) -> tuple[RevenuePool, ...]:
    """The merinntektsfullmakter of the context as pools of connected posts, in the context's order."""
    context, statement = accounts.context, accounts.appropriation
    if context is None:
        return ()
    parent: dict[tuple[str, PostKey], tuple[str, PostKey]] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for authority in context.revenue_authorities:
        parent[find(("e", authority.expense))] = find(("r", authority.revenue))
    groups: dict[tuple[str, PostKey], list[tuple[str, PostKey]]] = {}
    for node in parent:  # insertion order: the context's
        groups.setdefault(find(node), []).append(node)
    pools = []
    for nodes in groups.values():
        expenses = tuple(k for side, k in nodes if side == "e")
        rows = [statement.revenue(k) for side, k in nodes if side == "r"]
        rows = [r for r in rows if r is not None]
        terms = tuple(t for r in rows for t in ((1, r.accounts), (-1, r.allocation)))
        pools.append(RevenuePool(expenses, tuple(r.key for r in rows), terms))
    return tuple(pools)


def pool_of(accounts: Accounts, key: PostKey) -> RevenuePool | None:
    return next((p for p in revenue_pools(accounts) if key in p.expenses), None)


def revenue_used(accounts: Accounts, key: PostKey) -> Figure | None:
    """The merinntekt Note B uses on the post (None: the post has no row in Note B)."""
    row = accounts.note_b.row(key)
    return row.additional_revenue if row is not None else None


def revenue_left(accounts: Accounts, pool: RevenuePool, key: PostKey) -> tuple[Decimal, Terms]:
    """What the pool's merinntekt leaves for ``key``: the revenue posts' merinntekt less what Note B uses on
    the pool's other expense posts; with the terms it is computed from."""
    others = tuple((-1, f) for k in pool.expenses if k != key
                   for f in (revenue_used(accounts, k),) if f is not None)
    terms = pool.terms + others
    return signed_sum(terms), terms


# --- «kan nyttes under»: one underspend, used once ------------------------------------


@dataclass(frozen=True)
class Use:
    """An underspend on ``donor`` used under «kan nyttes under» to cover a merutgift on ``target``."""

    donor: PostKey
    target: PostKey
    amount: Decimal


def links(accounts: Accounts) -> tuple[tuple[PostKey, PostKey], ...]:
    """(donor, target) for every expense post the context's «kan nyttes under» names (a whole chapter
    names each of its posts), in the context's order."""
    context = accounts.context
    if context is None:
        return ()
    rows = counted_expenses(accounts)
    out: list[tuple[PostKey, PostKey]] = []
    for post in context.posts:
        for stikkord in post.stikkord:
            if stikkord.kind != KAN_NYTTES_UNDER:
                continue
            for chapter, target_post in stikkord.targets_of(post.key.chapter):
                out += [(post.key, row.key) for row in rows if row.key.chapter == chapter
                        and target_post in (None, row.key.post) and row.key != post.key
                        and (post.key, row.key) not in out]
    return tuple(out)


def covered_otherwise(accounts: Accounts, row: AppropriationRow) -> Decimal | None:
    """What covers a merutgift on ``row`` before any other post's underspend: received belastnings-
    fullmakter, the merinntekt left to it, approved overskridelser and decided omdisponeringer in the
    context. None: all of it (an overslagsbevilgning)."""
    context, key = accounts.context, row.key
    if is_estimated(accounts, key):
        return None
    cover = sum((a.amount.amount for a in context.received_authorities if a.key == key), ZERO)
    cover += sum((a.amount.amount for a in context.approved_overspends if a.key == key), ZERO)
    cover += sum((a.amount.amount for a in context.reallocations if a.key == key and a.amount.amount > 0), ZERO)
    pool = pool_of(accounts, key)
    if pool is not None:
        cover += max(ZERO, revenue_left(accounts, pool, key)[0])
    return cover


def uses(accounts: Accounts) -> tuple[Use, ...]:
    """How the merutgifter that «kan nyttes under» covers are covered, post by post.

    Each target's merutgift, less what covers it otherwise, is taken from its
    donors' underspend (after what others charged under given
    belastningsfullmakter), in the order the context names them; a donor's
    underspend is used once.
    """
    pairs = links(accounts)
    if not pairs:
        return ()
    spare = _spare(accounts, pairs)
    out: list[Use] = []
    for row in counted_expenses(accounts):
        donors = [d for d, t in pairs if t == row.key]
        need = overspend(row)
        if not donors or need <= 0:
            continue
        cover = covered_otherwise(accounts, row)
        if cover is None:
            continue
        need -= cover
        for donor in donors:
            amount = min(need, spare[donor])
            if amount > 0:
                out.append(Use(donor, row.key, amount))
                spare[donor] -= amount
                need -= amount
    return tuple(out)


def _spare(accounts: Accounts, pairs) -> dict[PostKey, Decimal]:
    """Each donor's underspend left after what others charged under given belastningsfullmakter."""
    context, statement = accounts.context, accounts.appropriation
    spare: dict[PostKey, Decimal] = {}
    for donor, _ in pairs:
        row = statement.expense(donor)
        charged = sum((a.amount.amount for a in context.given_authorities if a.key == donor), ZERO)
        spare[donor] = max(ZERO, -overspend(row) - charged) if row is not None else ZERO
    return spare


def _most_pooled(accounts: Accounts, donor: PostKey, target: PostKey) -> Decimal:
    """The most «kan nyttes under» may cover of ``target``'s merutgift from ``donor``: all the merutgift the
    fixed covers leave (received authorities, approved overskridelser, decided omdisponeringer), up to the
    donor's underspend. The merinntekt is no fixed cover: an agency may keep it for the other posts it backs
    and cover the merutgift from the underspend first."""
    context, row = accounts.context, accounts.appropriation.expense(target)
    if row is None:
        return ZERO
    fixed = sum((a.amount.amount for a in context.received_authorities if a.key == target), ZERO)
    fixed += sum((a.amount.amount for a in context.approved_overspends if a.key == target), ZERO)
    fixed += sum((a.amount.amount for a in context.reallocations if a.key == target and a.amount.amount > 0), ZERO)
    return max(ZERO, min(overspend(row) - fixed, _spare(accounts, ((donor, target),))[donor]))


def pooled_moves(accounts: Accounts) -> dict[PostKey, Decimal]:
    """What Note B's omdisponering column must carry for «kan nyttes under»: −X on each donor, +X on each
    target.

    Where several donors (or targets) are joined, the split between them is
    the agency's: Note B's own split is taken when it moves the same total
    (what its column shows beyond the context's omdisponeringer), else the
    split of :func:`uses`.
    """
    found = uses(accounts)
    moves: dict[PostKey, Decimal] = {}
    for use in found:
        moves[use.donor] = moves.get(use.donor, ZERO) - use.amount
        moves[use.target] = moves.get(use.target, ZERO) + use.amount
    for side in (lambda u: u.donor, lambda u: u.target):
        keys = list(dict.fromkeys(side(u) for u in found))
        if len(keys) < 2:
            continue
        printed = {k: _printed_move(accounts, k) for k in keys}
        if all(v is not None for v in printed.values()) and \
                sum(printed.values(), ZERO) == sum((moves[k] for k in keys), ZERO):
            moves.update(printed)
    # one donor and one target: the agency may cover more of the merutgift from the underspend than the
    # merinntekt leaves (the order of the covers is its choice); Note B's pooling stands where it is lawful
    pairs = links(accounts)
    for donor, target in pairs:
        if [d for d, t in pairs if t == target] != [donor] or [t for d, t in pairs if d == donor] != [target]:
            continue
        given, taken = _printed_move(accounts, donor), _printed_move(accounts, target)
        if given is not None and taken is not None and given == -taken and \
                moves.get(target, ZERO) < taken <= _most_pooled(accounts, donor, target):
            moves[donor], moves[target] = given, taken
    return moves


def _printed_move(accounts: Accounts, key: PostKey) -> Decimal | None:
    """Note B's omdisponering on ``key`` beyond the context's (None: no row)."""
    row = accounts.note_b.row(key)
    if row is None:
        return None
    stated = sum((a.amount.amount for a in accounts.context.reallocations if a.key == key and a.origin != INFERRED),
                 ZERO)  # an inferred one is this very column
    return row.reallocation.amount - stated


def stated_pooling(accounts: Accounts, key: PostKey) -> tuple[Figure, ...]:
    """The context's reallocations on ``key`` decided under «kan nyttes under»: an agency may state the
    pooling of an underspend among its reallocations (covered_otherwise then counts it, and uses() finds
    nothing left to pool), but it is no omdisponering for T-08 … T-10."""
    context = accounts.context
    if context is None:
        return ()
    return tuple(a.amount for a in context.reallocations
                 if a.key == key and a.origin != INFERRED and names_kan_nyttes_under(a.decision or ""))


def recomputed_figure(key: PostKey, what: str, value: Decimal) -> Figure:
    """An intermediate result as a term: the report shows its value (no sheet holds it)."""
    return Figure(value, Source("recomputed", path=f"recomputed.{key}.{what}"))


def authority_terms(accounts: Accounts, key: PostKey) -> dict[str, Terms]:
    """The columns of Note B that the authorities give, as signed figures: what others charged under given
    belastningsfullmakter, the merinntekt (a pool's whole merinntekt where the post is its only expense post;
    where several share it, Note B's own split, which T-01 checks in total), the omdisponeringer of the
    context and the pooling of «kan nyttes under», the innsparinger."""
    context = accounts.context
    terms: dict[str, Terms] = {"charged_by_others": (), "additional_revenue": (), "reallocation": (), "savings": ()}
    if context is None:
        return terms
    terms["charged_by_others"] = tuple((-1, a.amount) for a in context.given_authorities if a.key == key)
    pool = pool_of(accounts, key)
    if pool is not None and not pool.shared:
        terms["additional_revenue"] = pool.terms
    elif pool is not None:
        used = revenue_used(accounts, key)
        terms["additional_revenue"] = ((1, used),) if used is not None else ()
    terms["reallocation"] = tuple((1, a.amount) for a in context.reallocations if a.key == key)
    pooled = pooled_moves(accounts).get(key, ZERO)
    if pooled:
        terms["reallocation"] += ((1, recomputed_figure(key, "pooled", pooled)),)
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
    pooled = pooled_moves(accounts).get(key, ZERO) if context is not None else ZERO
    return Recomputed(key, kind, signed_sum(own), value["charged_by_others"],
                      value["additional_revenue"], value["reallocation"], value["savings"], basis, this_year,
                      base, base_other, reading, maximum, maximum_other, terms, this_year_figure, pooled)


def signed_sum(terms: Terms) -> Decimal:
    """Σ sign · figure."""
    return sum((sign * figure.amount for sign, figure in terms), ZERO)


# --- omdisponering: from post 01 to post 45, or to post 01/21 from next year's appropriation ----------

#: Note B's column «Omdisponering fra post 01 til 45 eller til post 01/21 fra neste års bevilgning»: the
#: post that gives, the post it gives to (same chapter), and the posts that may be exceeded against next
#: year's appropriation (an overskridelse saved in next year's innsparinger).
REALLOCATION_FROM, REALLOCATION_TO = "01", "45"
ADVANCE_POSTS = ("01", "21")


def printed_reallocation(accounts: Accounts, key: PostKey) -> Figure | None:
    """Note B's omdisponering on ``key`` less the pooling of «kan nyttes under» (None: no row)."""
    row = accounts.note_b.row(key)
    if row is None:
        return None
    pooled = pooled_moves(accounts).get(key, ZERO) if accounts.context is not None else ZERO
    if not pooled:
        return row.reallocation
    return Figure(row.reallocation.amount - pooled, row.reallocation.source)


def reallocated_to(accounts: Accounts, key: PostKey) -> tuple[Decimal, str]:
    """An omdisponering to ``key`` and where it was read: the context's decisions where it states any for the
    post; else Note B's column (less any pooling of «kan nyttes under») on a post it may move money to — post
    45 (from post 01) or post 01/21 (an overskridelse against next year's appropriation)."""
    stated = [a.amount.amount for a in accounts.context.reallocations if a.key == key and a.origin != INFERRED]
    if stated:
        return max(ZERO, sum(stated, ZERO)), "context"
    if key.post != REALLOCATION_TO and key.post not in ADVANCE_POSTS:
        return ZERO, ""
    printed = printed_reallocation(accounts, key)
    return (max(ZERO, printed.amount), "note_b") if printed is not None else (ZERO, "")
