"""OS — overspending (merutgift) on the agency's expense posts.

A merutgift is a breach of the appropriation unless something explains it:
the stikkord «overslagsbevilgning», a received belastningsfullmakt, a common
chapter without an allocation of its own, a merinntekt under a
merinntektsfullmakt (what the shared merinntekt leaves after Note B's use on
the other paired posts), an underspend on a post whose appropriation «kan
nyttes under» this one (each underspend used once), an omdisponering to the
post (post 45 from post 01; post 01/21 against next year's appropriation),
or an approved overskridelse. These rules need the context of the
appropriations.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import AppropriationRow
from ledger.vocabulary.labels import Msg, Text, money_text, msg, phrase
from ledger.vocabulary.stikkord import LABELS, OVERSLAGSBEVILGNING
from rules.context import RuleContext
from rules.findings import FigureRef, Kind, Severity
from rules.references import BEVR_11, R2, R110, R115_APPROPRIATION, R115_NOTE_B
from rules.registry import rule
from rules.transfer import (
    REALLOCATION_TO,
    counted_expenses,
    is_estimated,
    overspend,
    pool_of,
    reallocated_to,
    revenue_left,
    uses,
)

ZERO = Decimal(0)


def _explanations(ctx: RuleContext, row: AppropriationRow) -> list[tuple[Msg, Decimal | None]]:
    """What explains a merutgift on ``row``: (label, amount covered; None = all of it)."""
    accounts, key = ctx.accounts, row.key
    context = accounts.context
    found: list[tuple[Msg, Decimal | None]] = []
    common = ctx.parameter("appropriation.common_expense_chapters")
    if key.chapter in common and row.allocation.amount == 0:
        found.append((msg("os.why.common_chapter", chapter=key.chapter), None))
    if is_estimated(accounts, key):
        name = LABELS[OVERSLAGSBEVILGNING]  # a term of the budget: in English as printed in Norwegian
        found.append((msg("os.why.estimated", stikkord=Text(name.nb, name.nn, name.nb)), None))
    for authority in context.received_authorities:
        if authority.key == key:
            found.append(_covering(authority.amount.amount, msg("os.why.received", counterpart=authority.counterpart)))
    pool = pool_of(accounts, key)
    if pool is not None:
        left, _ = revenue_left(accounts, pool, key)
        if left > 0:
            shared = msg("os.why.revenue_shared") if pool.shared else ""
            found.append(_covering(left, msg("os.why.revenue", posts=", ".join(map(str, pool.revenues)),
                                             shared=shared)))
    for use in uses(accounts):
        if use.target == key:
            found.append(_covering(use.amount, msg("os.why.pool", donor=str(use.donor), post=str(key))))
    moved, where = reallocated_to(accounts, key)
    if moved > 0:
        kind = "reallocation" if key.post == REALLOCATION_TO else "advance"
        found.append(_covering(moved, msg(f"os.why.{kind}.{where}")))
    for approval in context.approved_overspends:
        if approval.key == key:
            decision = f" {approval.decision}" if approval.decision else ""
            found.append(_covering(approval.amount.amount, msg("os.why.approved", decision=decision)))
    return found


def _covering(amount: Decimal, what: Msg) -> tuple[Msg, Decimal]:
    """An explanation that covers ``amount``, named with the amount."""
    return msg("os.why.covering", what=what, amount=amount), amount


@rule("OS-01",
      severity=Severity.WARNING, tolerance="none",
      references=(BEVR_11, R2, R110, R115_APPROPRIATION, R115_NOTE_B),
      parameters=("appropriation.common_expense_chapters",), needs="context")
def os01(ctx: RuleContext) -> None:
    """
    What it checks:
        Every expense row with a merutgift (regnskap above samlet tildeling;
        a net post where it is printed with its underposts, not both): is
        it explained? By the stikkord «overslagsbevilgning» (all of it), a
        common chapter without an allocation (kap. 1633; all of it), or, up
        to their amounts: a received belastningsfullmakt; the merinntekt of
        the revenue posts paired by a merinntektsfullmakt, less what Note B
        uses of it on the other paired posts; an underspend on a post that
        «kan nyttes under» this one, each underspend used once; an
        omdisponering to the post (post 45 from post 01, or post 01/21
        against next year's appropriation: Note B's omdisponering column, or
        the context's decisions); an approved overskridelse in the context.
        An explained merutgift is an info finding naming the explanations;
        the part nothing explains is a warning with its amount.
    Why it matters:
        Spending more than Stortinget appropriated is a breach of the
        appropriation rules unless an authority allows it; the ministry and
        Riksrevisjonen ask for each one. It is a warning, not an error: the
        accounts report what happened, and R-2 settles the overspend against
        next year's appropriation. An overslagsbevilgning (stipends, trygd,
        loans: rights-based spending) is an estimate Stortinget lets the
        agency exceed, so its merutgift is explained, not a warning.
    Example:
        IMDi 2023: 0400.23 (−300 000, a received belastningsfullmakt of
        300 000 from Justis- og beredskapsdepartementet) and 1633.01
        (−46 295 177, the common VAT chapter) are explained; 0671.21
        (−167 594), 0671.62 (−301 889) and 0671.72 (−1 000 000) are not.
        Had 0671.72 the stikkord «overslagsbevilgning», its −1 000 000 would
        be explained (info).
    Legal basis:
        Bevilgningsreglementet § 11 (an appropriation may not be exceeded
        without authority) and § 5; R-2; R-110 (omdisponering from post 01 to
        45, overskridelse against next year's appropriation); R-115 (December
        2022), the model principle note and Note B (received
        belastningsfullmakter, the omdisponering column).
    """
    rows = counted_expenses(ctx.accounts)
    # underposts printed without their net post: the appropriation is the net post's, so an underpost below
    # its budget (24.01's income short) is no merutgift while the net post is within its appropriation
    nets: dict = {}
    for row in rows:
        if row.key.is_underpost:
            nets[row.key.net] = nets.get(row.key.net, ZERO) + overspend(row)
    for row in rows:
        # from the figures, not the printed difference, which BR-01 checks (it may be blank)
        amount = overspend(row)
        if amount <= 0 or (row.key.is_underpost and nets[row.key.net] <= 0):
            continue
        explanations = _explanations(ctx, row)
        full = any(covers is None for _, covers in explanations)
        covered = amount if full else min(amount, sum((a for _, a in explanations), ZERO))
        figures = [FigureRef("reported", row.difference.value, row.difference.source)]
        labels = [label for label, _ in explanations]
        if covered >= amount:
            ctx.add(str(row.key), "os.explained", kind=Kind.EXPLAINED, severity=Severity.INFO,
                    location=row.difference.source, actual=row.difference.amount, figures=figures,
                    post=str(row.key), amount=money_text(amount), explanations=phrase(*labels, sep="; "))
        else:
            ctx.add(str(row.key), "os.unexplained", location=row.difference.source, actual=row.difference.amount,
                    expected=-covered, figures=figures, post=str(row.key), amount=money_text(amount - covered),
                    total=money_text(amount),
                    partial=phrase(*labels, sep="; ") if labels else msg("word.nothing"))


@rule("OS-02",
      severity=Severity.WARNING, tolerance="none", references=(R115_NOTE_B,), needs="context")
def os02(ctx: RuleContext) -> None:
    """
    What it checks:
        Every received or given belastningsfullmakt, merinntektsfullmakt,
        omdisponering, innsparing and approved overskridelse in the context
        names a post that has a row in the appropriation statement (the
        revenue post of a merinntektsfullmakt among the revenue rows).
    Why it matters:
        An authority for a post the statement does not show is either a
        typo in the context or a post missing from the statement; either
        way the explanations above would not find it.
    Example:
        IMDi 2023: the received belastningsfullmakt names 0400.23, which is a
        row of the statement; a context naming 0400.21 instead would be
        flagged.
    Legal basis:
        R-115 (December 2022), the model appropriation statement (received
        belastningsfullmakter are reported in the regnskap column) and
        Note B.
    """
    context, statement = ctx.accounts.context, ctx.accounts.appropriation
    entries = [(a.key, a.source, "received") for a in context.received_authorities]
    entries += [(a.key, a.source, "given") for a in context.given_authorities]
    entries += [(a.expense, a.source, "revenue_authority") for a in context.revenue_authorities]
    entries += [(a.key, a.source, "adjustment") for a in (*context.reallocations, *context.savings,
                                                            *context.approved_overspends)]
    for key, source, what in entries:
        if statement.expense(key) is None:
            ctx.add(f"context.{key}", "os.context_unknown_post", location=source, post=str(key),
                    what=msg(f"os.what.{what}"))
    for authority in context.revenue_authorities:
        if statement.revenue(authority.revenue) is None:
            ctx.add(f"context.{authority.revenue}", "os.context_unknown_post", location=authority.source,
                    post=str(authority.revenue), what=msg("os.what.revenue_post"))

