"""OS — overspending (merutgift) on the agency's expense posts.

A merutgift is a breach of the appropriation unless something explains it:
a received belastningsfullmakt, a common chapter without an allocation of
its own, a merinntekt under a merinntektsfullmakt, an underspend on a post
whose appropriation «kan nyttes under» this one, or an approved
overskridelse. These rules need the context of the appropriations.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import AppropriationRow, PostKey
from ledger.vocabulary.labels import Text, money_text
from ledger.vocabulary.stikkord import KAN_NYTTES_UNDER
from rules.context import RuleContext
from rules.findings import FigureRef, Kind, Severity
from rules.references import BEVR_11, R2, R115_APPROPRIATION, R115_NOTE_B
from rules.registry import rule

ZERO = Decimal(0)


def _explanations(ctx: RuleContext, row: AppropriationRow) -> list[tuple[Text, Decimal | None]]:
    """What explains a merutgift on ``row``: (label, amount covered; None = all of it)."""
    context, key = ctx.accounts.context, row.key
    found: list[tuple[Text, Decimal | None]] = []
    common = ctx.parameter("appropriation.common_expense_chapters")
    if key.chapter in common and row.allocation.amount == 0:
        found.append((Text(f"fellesutgiftskapittel {key.chapter} uten egen tildeling",
                           f"felles utgiftskapittel {key.chapter} utan eiga tildeling",
                           f"common expense chapter {key.chapter} without an allocation of its own"), None))
    for authority in context.received_authorities:
        if authority.key == key:
            found.append(_covering(authority.amount.amount,
                                   f"mottatt belastningsfullmakt fra {authority.counterpart}",
                                   f"motteken belastningsfullmakt frå {authority.counterpart}",
                                   f"received charging authority from {authority.counterpart}"))
    for authority in context.revenue_authorities:
        if authority.expense == key:
            revenue = ctx.accounts.appropriation.revenue(authority.revenue)
            extra = (revenue.accounts.amount - revenue.allocation.amount) if revenue else ZERO
            if extra > 0:
                found.append(_covering(extra, f"merinntekt på {authority.revenue} iht. merinntektsfullmakt",
                                       f"meirinntekt på {authority.revenue} i samsvar med meirinntektsfullmakt",
                                       f"revenue above allocation on {authority.revenue} under an "
                                       "additional-revenue authority"))
    for post in context.posts:
        for stikkord in post.stikkord:
            if stikkord.kind == KAN_NYTTES_UNDER and _names(stikkord, post.key, key):
                donor = ctx.accounts.appropriation.expense(post.key)
                spare = donor.difference.amount if donor else ZERO
                if spare > 0:
                    found.append(_covering(spare, f"mindreutgift på {post.key}, som kan nyttes under {key}",
                                           f"mindreutgift på {post.key}, som kan nyttast under {key}",
                                           f"underspend on {post.key}, which may be used under {key}"))
    for approval in context.approved_overspends:
        if approval.key == key:
            decision = f" {approval.decision}" if approval.decision else ""
            found.append(_covering(approval.amount.amount, f"samtykke til overskridelse{decision}",
                                   f"samtykke til overskriding{decision}", f"approved overspend{decision}"))
    return found


def _covering(amount: Decimal, nb: str, nn: str, en: str) -> tuple[Text, Decimal]:
    """An explanation that covers ``amount``, named in each language with the amount."""
    figure = money_text(amount)
    return Text(f"{nb} ({figure('nb')})", f"{nn} ({figure('nn')})", f"{en} ({figure('en')})"), amount


def _names(stikkord, own: PostKey, key: PostKey) -> bool:
    """Whether «kan nyttes under» on post ``own`` names ``key`` (a whole chapter names each of its posts)."""
    return any(chapter == key.chapter and post in (None, key.post) for chapter, post in stikkord.targets_of(own.chapter))


def _join(labels: list[Text]) -> Text:
    return Text(*("; ".join(label(lang) for label in labels) for lang in ("nb", "nn", "en")))


@rule("OS-01", Text("Merutgift som ikke er forklart", "Meirutgift som ikkje er forklart",
                    "Overspend that nothing explains"),
      severity=Severity.WARNING, tolerance="none", references=(BEVR_11, R2, R115_APPROPRIATION, R115_NOTE_B),
      parameters=("appropriation.common_expense_chapters",), needs="context")
def os01(ctx: RuleContext) -> None:
    """
    What it checks:
        Every expense row with a merutgift (a negative difference): is it
        explained by a received belastningsfullmakt, a common chapter without
        an allocation (kap. 1633), a merinntekt under a merinntektsfullmakt,
        an underspend on a post that «kan nyttes under» this one, or an
        approved overskridelse in the context? An explained merutgift is an
        info finding naming the explanation; the part nothing explains is a
        warning with its amount.
    Why it matters:
        Spending more than Stortinget appropriated is a breach of the
        appropriation rules unless an authority allows it; the ministry and
        Riksrevisjonen ask for each one. It is a warning, not an error: the
        accounts report what happened, and R-2 settles the overspend against
        next year's appropriation.
    Example:
        IMDi 2023: 0400.23 (−300 000, a received belastningsfullmakt of
        300 000 from Justis- og beredskapsdepartementet) and 1633.01
        (−46 295 177, the common VAT chapter) are explained; 0671.21
        (−167 594), 0671.62 (−301 889) and 0671.72 (−1 000 000) are not.
    Legal basis:
        Bevilgningsreglementet § 11 (an appropriation may not be exceeded
        without authority) and § 5; R-2; R-115 (December 2022), the model
        principle note and Note B (received belastningsfullmakter).
    """
    for row in ctx.accounts.appropriation.expenses:
        # from the figures, not the printed difference, which BR-01 checks (it may be blank)
        overspend = row.accounts.amount - row.allocation.amount
        if overspend <= 0:
            continue
        explanations = _explanations(ctx, row)
        full = any(amount is None for _, amount in explanations)
        covered = overspend if full else min(overspend, sum((a for _, a in explanations), ZERO))
        figures = [FigureRef("reported", row.difference.value, row.difference.source)]
        labels = [label for label, _ in explanations]
        if covered >= overspend:
            ctx.add(str(row.key), "os.explained", kind=Kind.EXPLAINED, severity=Severity.INFO,
                    location=row.difference.source, actual=row.difference.amount, figures=figures,
                    post=str(row.key), amount=money_text(overspend), explanations=_join(labels))
        else:
            ctx.add(str(row.key), "os.unexplained", location=row.difference.source, actual=row.difference.amount,
                    expected=-covered, figures=figures, post=str(row.key), amount=money_text(overspend - covered),
                    total=money_text(overspend),
                    partial=_join(labels) if labels else Text("ingenting", "ingenting", "nothing"))


@rule("OS-02", Text("Fullmaktene i konteksten gjelder poster i oppstillingen",
                    "Fullmaktene i konteksten gjeld postar i oppstillinga",
                    "The context's authorities concern posts in the statement"),
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
                    what=Text(*_WHAT[what]))
    for authority in context.revenue_authorities:
        if statement.revenue(authority.revenue) is None:
            ctx.add(f"context.{authority.revenue}", "os.context_unknown_post", location=authority.source,
                    post=str(authority.revenue), what=Text(*_WHAT["revenue_post"]))


_WHAT = {
    "received": ("en mottatt belastningsfullmakt", "ei motteken belastningsfullmakt", "a received charging authority"),
    "given": ("en avgitt belastningsfullmakt", "ei avgitt belastningsfullmakt", "a given charging authority"),
    "revenue_authority": ("en merinntektsfullmakt", "ei meirinntektsfullmakt", "an additional-revenue authority"),
    "revenue_post": ("inntektsposten i en merinntektsfullmakt", "inntektsposten i ei meirinntektsfullmakt",
                     "the revenue post of an additional-revenue authority"),
    "adjustment": ("et vedtak om omdisponering, innsparing eller overskridelse",
                   "eit vedtak om omdisponering, innsparing eller overskriding",
                   "a decision on reallocation, savings or overspending"),
}
