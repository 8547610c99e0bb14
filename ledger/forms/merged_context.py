"""The context of the appropriations the rules judge by: what is stated, over what the accounts print.

A context section (the YAML form's ``context:``, a workbook's «Kontekst» sheet)
or file (``--context``) states facts; :mod:`ledger.forms.inferred_context`
reads the rest off the accounts. Stated facts win, item by item: a stated
stikkord for a post replaces the stikkord read for it, a stated
belastningsfullmakt, omdisponering or innsparing on a post the one read for
that post, a stated merinntektsfullmakt every pairing read for its expense or
its revenue post. What the statement does not mention stays as read. Every
item keeps its ``origin``, and the facts say which stated value overrode which
inferred one; what neither says (last year's appropriation of a post with «kan
overføres») is a fact of its own, ``missing``.

A stated post that gives last year's appropriation and no stikkord states
only that figure (the stikkord read for it stay); a stated post with neither
states that it has no stikkord.
"""

from __future__ import annotations

from dataclasses import replace

from ledger.core.accounts import (
    Accounts,
    Adjustment,
    AppropriationContext,
    Authority,
    PostContext,
    RevenueAuthority,
)
from ledger.core.facts import CONTEXT, MISSING, Fact
from ledger.forms.inferred_context import NONE, Inferred, infer_context
from ledger.vocabulary.labels import Text, money_text, msg, phrase
from ledger.vocabulary.stikkord import KAN_OVERFORES

AGREES = msg("basis.agrees")
PRIOR_MISSING = msg("basis.prior_missing")


def with_context(accounts: Accounts) -> Accounts:
    """The accounts with the context the rules judge by (never None) and its facts; unchanged if merged."""
    if accounts.context is not None and accounts.context.merged:
        return accounts
    context, facts = merge(accounts.context, infer_context(accounts), accounts)
    others = tuple(f for f in accounts.facts if not f.subject.startswith("context."))
    return replace(accounts, context=context, facts=others + facts)


def merge(stated: AppropriationContext | None, inferred: Inferred,
          accounts: Accounts) -> tuple[AppropriationContext, tuple[Fact, ...]]:
    merger = _Merger(inferred.facts)
    found = inferred.context
    if stated is None:
        stated = AppropriationContext((), (), (), (), (), (), (), accounts.file, found.source)
    posts = merger.posts(stated.posts, found.posts)
    merger.missing(posts)
    received = merger.by_key(stated.received_authorities, found.received_authorities, "received_authority",
                             _authority_value)
    given = merger.by_key(stated.given_authorities, found.given_authorities, "given_authority", _authority_value)
    revenue = merger.revenue(stated.revenue_authorities, found.revenue_authorities)
    reallocations = merger.by_key(stated.reallocations, found.reallocations, "reallocation", _amount_value)
    savings = merger.by_key(stated.savings, found.savings, "savings", _amount_value)
    approved = merger.by_key(stated.approved_overspends, found.approved_overspends, "approved_overspend",
                              _amount_value)
    context = AppropriationContext(posts, received, given, revenue, reallocations, savings, approved,
                                   stated.file, stated.source, merged=True)
    return context, tuple(merger.facts + merger.leftover())


class _Merger:
    def __init__(self, inferred: tuple[Fact, ...]) -> None:
        self.inferred = {f.subject: f for f in inferred}
        self.used: set[str] = set()
        self.facts: list[Fact] = []

    def _take(self, subject: str) -> Fact | None:
        """The inferred fact on ``subject``, now accounted for."""
        fact = self.inferred.get(subject)
        if fact is not None:
            self.used.add(subject)
        return fact

    def _stated(self, subject: str, value, source, replaced: list[Fact], compared=None) -> None:
        """A stated fact; ``replaced`` the inferred ones it stands for, compared by ``compared`` (the value).
        ``also`` names the places the accounts print what it replaced or confirms."""
        shown = _text(value if compared is None else compared)
        differing = [f for f in replaced if _text(f.value) != shown]
        overrides = None
        if differing:
            overrides = Text(*("; ".join(f.shown("value", lang) or "" for f in differing)
                               for lang in ("nb", "nn", "en")))
        basis = AGREES if replaced and not differing else ""
        places = tuple(dict.fromkeys(p for f in replaced for p in (f.source, *f.also) if p is not None))
        self.facts.append(Fact(subject, value, CONTEXT, source, basis, overrides, places))

    def _inferred(self, subject: str) -> None:
        fact = self._take(subject)
        if fact is not None:
            self.facts.append(fact)

    def leftover(self) -> list[Fact]:
        """Inferred facts about items no merged item carries (a column's claim not taken, «none»)."""
        return [f for s, f in self.inferred.items() if s not in self.used]

    # -- posts: stikkord and last year's appropriation -------------------------------------------
    def posts(self, stated: tuple[PostContext, ...], found: tuple[PostContext, ...]) -> tuple[PostContext, ...]:
        by_key = {p.key: p for p in found}
        out: list[PostContext] = []
        for post in stated:
            subject = f"context.stikkord[{post.key}]"
            read = by_key.pop(post.key, None)
            says_stikkord = bool(post.stikkord) or post.prior_appropriation is None
            if says_stikkord:
                replaced = [f for f in (self._take(subject),) if f is not None]
                value = _stikkord_value(post.stikkord) if post.stikkord else NONE
                self._stated(subject, value, post.source, replaced)
                stikkord = post.stikkord
            else:
                self._inferred(subject)
                stikkord = read.stikkord if read is not None else ()
            if post.prior_appropriation is not None:
                self.facts.append(Fact(f"context.prior_appropriation[{post.key}]",
                                       money_text(post.prior_appropriation.amount), CONTEXT,
                                       post.prior_appropriation.source))
            out.append(replace(post, stikkord=stikkord, origin=CONTEXT))
        for post in found:
            if post.key in by_key:
                self._inferred(f"context.stikkord[{post.key}]")
                out.append(post)
        return tuple(out)

    def missing(self, posts: tuple[PostContext, ...]) -> None:
        for post in posts:
            if post.prior_appropriation is None and any(s.kind == KAN_OVERFORES for s in post.stikkord):
                self.facts.append(Fact(f"context.prior_appropriation[{post.key}]", None, MISSING, None,
                                       PRIOR_MISSING))

    # -- items on one post ---------------------------------------------------------------------------
    def by_key(self, stated, found, name: str, value_of):
        """Stated items, then the inferred ones on posts no stated item names."""
        keys = {item.key for item in stated}
        kind_none = self.inferred.get(f"context.{name}s") if name.endswith("authority") else None
        out = list(stated)
        for item in stated:
            subject = f"context.{name}[{item.key}]"
            replaced = [f for f in (self._take(subject),) if f is not None]
            if not replaced and kind_none is not None:  # the text said there are none
                replaced = [kind_none]
                self.used.add(kind_none.subject)
            self._stated(subject, value_of(item), item.source, replaced)
        for item in found:
            if item.key not in keys:
                out.append(item)
                self._inferred(f"context.{name}[{item.key}]")
        return tuple(out)

    def revenue(self, stated: tuple[RevenueAuthority, ...],
                found: tuple[RevenueAuthority, ...]) -> tuple[RevenueAuthority, ...]:
        """Stated pairings; an inferred one stays where no stated pairing names its expense or revenue post."""
        named = {a.expense for a in stated} | {a.revenue for a in stated}
        kept = [a for a in found if a.expense not in named and a.revenue not in named]
        dropped = [a for a in found if a not in kept]
        kind_none = self.inferred.get("context.revenue_authorities")
        for a in stated:
            subject = f"context.revenue_authority[{a.expense}/{a.revenue}]"
            replaced = [f for f in (self._take(f"context.revenue_authority[{d.expense}/{d.revenue}]")
                                    for d in dropped if a.expense in (d.expense,) or a.revenue in (d.revenue,))
                        if f is not None]
            if not replaced and kind_none is not None:
                replaced = [kind_none]
                self.used.add(kind_none.subject)
            pair = f"{a.expense} ↔ {a.revenue}"
            self._stated(subject, pair + (f" ({a.decision})" if a.decision else ""), a.source, replaced, pair)
        for a in kept:
            self._inferred(f"context.revenue_authority[{a.expense}/{a.revenue}]")
        for a in dropped:  # overridden by a stated pairing of one of its posts
            self.used.add(f"context.revenue_authority[{a.expense}/{a.revenue}]")
        return (*stated, *kept)


def _text(value) -> str | None:
    return value if value is None or isinstance(value, str) else value("nb")


def _stikkord_value(items) -> Text:
    return Text(*(", ".join(s.label(lang) for s in items) for lang in ("nb", "nn", "en")))


def _authority_value(item: Authority) -> Text:
    amount = money_text(item.amount.value) if item.amount.value is not None else msg("basis.amount_unknown")
    return phrase(amount, item.counterpart, sep=", ") if item.counterpart else amount


def _amount_value(item: Adjustment) -> Text:
    text = money_text(item.amount.amount, signed=True)
    return phrase(text, item.decision, sep=", ") if item.decision else text
