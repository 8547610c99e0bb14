"""T — transfer of unused appropriations to next year (R-2, Note B).

Each rule compares Note B with avstem's own computation in
:mod:`rules.transfer`, which takes the post's class from the context
(stikkord) and the limits from the dated parameters: the authorities'
columns (T-01), the maximum (T-02, T-03), the transferable amount (T-04 …
T-06), the stikkord (T-07) and the omdisponeringer of R-110 (T-08 … T-10).
These rules need the context of the appropriations (in the accounts file or
``--context``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ledger.core.accounts import Figure, NoteBRow, PostKey
from ledger.core.facts import INFERRED
from ledger.core.source import Source
from ledger.vocabulary.labels import COLUMNS, THE_CONTEXT, Text, money_text, msg, phrase
from ledger.vocabulary.stikkord import KAN_OVERFORES, parse_stikkord
from rules.catalogue.nb import record
from rules.context import RuleContext
from rules.findings import FigureRef, Kind, MessageId, Severity
from rules.references import BEVR_5, DFO_NOTE_B, R1_99, R2, R110, R115_NOTE_A, R115_NOTE_B
from rules.registry import rule
from rules.subjects import note_b_subject
from rules.tolerance import EXACT, HALF_KRONE
from rules.transfer import (
    ADVANCE_POSTS,
    NONE,
    PERCENTAGE,
    REALLOCATION_FROM,
    REALLOCATION_TO,
    Recomputed,
    Terms,
    authority_terms,
    is_two_year,
    percentage_of,
    pool_of,
    pooled_moves,
    post_class,
    recompute,
    recomputed_figure,
    revenue_left,
    revenue_used,
    signed_sum,
    stated_pooling,
    uses,
)

READING_LABELS = {
    "arets_tildelinger": COLUMNS["allocated"],
    "samlet_tildeling": COLUMNS["allocation"],
}
#: What the class of a post without «kan overføres» reads, and what its percentage maximum reads.
_CLASS = ("transfer.operating.posts", "transfer.operating.excluded_posts")
_PERCENTAGE = ("transfer.operating.rate", "transfer.operating.base")
_TWO_YEAR = ("transfer.kan_overfores.years",)


def _recomputed(ctx: RuleContext, key: PostKey) -> Recomputed:
    return recompute(ctx.accounts, key, ctx.parameter)


def _note_b_rows(ctx: RuleContext) -> list[NoteBRow]:
    """Note B's rows on expense rows of the statement (NB-01 reports the others)."""
    return [row for row in ctx.accounts.note_b.rows if ctx.accounts.appropriation.expense(row.key) is not None]


def _rows(ctx: RuleContext) -> list[tuple[NoteBRow, Recomputed]]:
    return [(row, _recomputed(ctx, row.key)) for row in _note_b_rows(ctx)]


def _ref(name: str, row: NoteBRow) -> FigureRef:
    figure = getattr(row, name)
    return FigureRef(name, figure.value, figure.source)


@rule("T-01",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, DFO_NOTE_B, R2), needs="context")
def t01(ctx: RuleContext) -> None:
    """
    What it checks:
        On every row of Note B, the columns that come from authorities agree
        with the context of the appropriations. "Utgiftsført av andre" is
        minus what others charged under given belastningsfullmakter;
        "Omdisponering" is the decided omdisponeringer plus the pooling of
        an underspend used under «kan nyttes under» (−X on the post that
        gave, +X on the post that used it); "Innsparinger" the decided
        amounts — each exactly. "Merinntekter/mindreinntekter": the revenue
        posts a merinntektsfullmakt pairs with the expense post (one revenue
        post may back several expense posts, one expense post several
        revenue posts: all so joined share one merinntekt, regnskap minus
        samlet tildeling) — the merinntekter Note B uses across the paired
        expense posts add up to no more than that, and a mindreinntekt is
        carried (it reduces the basis). A post without a merinntektsfullmakt
        shows none.
    Why it matters:
        Each column changes the basis for transfer. A merinntekt counted
        twice (the whole merinntekt on each of two paired posts), counted
        without a merinntektsfullmakt, or a given belastningsfullmakt left
        out, transfers money the agency does not have.
    Example:
        IMDi 2023, 0670.01: the merinntektsfullmakt pairs it with 3670.01,
        where regnskap 0 − tildeling 0 = 0, and Note B leaves the column blank
        (0). A Note B showing 500 000 there would be an error; so would
        1 000 000 on each of two expense posts sharing a merinntekt of
        1 000 000, while 600 000 and 400 000 pass.
    Legal basis:
        R-115 (December 2022), the model Note B; DFØ, "Utarbeide note B";
        the annual circular R-2 (merinntekter and mindreinntekter under a
        merinntektsfullmakt count in the basis for transfer).
    """
    accounts = ctx.accounts
    for row in _note_b_rows(ctx):
        terms = authority_terms(accounts, row.key)
        for column in ("charged_by_others", "reallocation", "savings"):
            figure = getattr(row, column)
            if _only_this_column(accounts, row, column, figure):  # nothing to compare it with
                ctx.add(f"note_b.{row.key}.{column}", "t.column_only", kind=Kind.NOTE, severity=Severity.INFO,
                        location=figure.source, actual=figure.amount, subject=note_b_subject(row, column),
                        figures=[FigureRef("reported", figure.value, figure.source)])
                continue
            pooled = column == "reallocation" and row.key in pooled_moves(accounts)
            ctx.compare(f"note_b.{row.key}.{column}", note_b_subject(row, column), figure, signed_sum(terms[column]),
                        EXACT, [FigureRef("reported", figure.value, figure.source)], breach="copy.breach",
                        other=_CONTEXT_AND_POOL if pooled else THE_CONTEXT, computed=("sum", terms[column]))
        _revenue(ctx, row)


def _only_this_column(accounts, row: NoteBRow, column: str, figure) -> bool:
    """Whether the context's only word on this column and post was read off this very figure (inferred where no
    text or stated context says it): comparing the two would prove nothing."""
    items = {"charged_by_others": accounts.context.given_authorities, "reallocation": accounts.context.reallocations,
             "savings": accounts.context.savings}[column]
    own = [item for item in items if item.key == row.key]
    return bool(own) and all(item.origin == INFERRED and item.source.path == figure.source.path for item in own)


_CONTEXT_AND_POOL = msg("t.context_and_pool")


def _revenue(ctx: RuleContext, row: NoteBRow) -> None:
    """Note B's merinntekt on ``row``: none without a merinntektsfullmakt; with one, no more than what the
    paired revenue posts' merinntekt leaves after Note B's use on the other paired expense posts."""
    figure, key = row.additional_revenue, f"note_b.{row.key}.additional_revenue"
    subject = note_b_subject(row, "additional_revenue")
    pool = pool_of(ctx.accounts, row.key)
    if pool is None:
        ctx.compare(key, subject, figure, Decimal(0), EXACT, [FigureRef("reported", figure.value, figure.source)],
                    breach="copy.breach", other=THE_CONTEXT, computed=("sum", ()))
        return
    limit, terms = revenue_left(ctx.accounts, pool, row.key)
    if figure.amount <= limit:  # within what the pool leaves: lawful, recorded for the report
        record(ctx, key, subject, figure, "sum", terms, limit)
        return
    others = [(k, f) for k in pool.expenses if k != row.key for f in (revenue_used(ctx.accounts, k),) if f is not None]
    figures = [FigureRef("reported", figure.value, figure.source)]
    figures += [FigureRef(f"used on {k}", f.value, f.source) for k, f in others]
    figures += [FigureRef(f"{r.key} {c}", getattr(r, c).value, getattr(r, c).source)
                for r in map(ctx.accounts.appropriation.revenue, pool.revenues) for c in ("accounts", "allocation")]
    used = sum((f.amount for _, f in others), Decimal(0))
    shared = msg("t.revenue.shared", used=used, posts=", ".join(str(k) for k, _ in others)) if others else ""
    carried = "" if pool.available >= 0 else msg("t.revenue.carried")
    ctx.compare(key, subject, figure, limit, EXACT, figures, breach="t.revenue.above", computed=("sum", terms),
                revenues=", ".join(map(str, pool.revenues)) or "–", available=money_text(pool.available),
                shared=shared, carried=carried)


@rule("T-02",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_CLASS + _PERCENTAGE, needs="context")
def t02(ctx: RuleContext) -> None:
    """
    What it checks:
        For every Note B row on an operating post (01–29 except 24) without
        «kan overføres», "Maks. overførbart beløp" equals the rate (5 %) of
        the base the parameter transfer.operating.base names — this year's
        allocation (Note A "Årets tildelinger") — within half a krone. A
        maximum that is the rate of the other reading (samlet tildeling,
        which includes last year's transfer) is a warning that states both
        figures and whether the transferable amount changes; any other
        figure is an error.
    Why it matters:
        The limit keeps unused operating money from piling up year after
        year; computed on samlet tildeling it grows with every transfer.
    Example:
        IMDi 2023, 0670.01: Note B prints 18 692 450 = 5 % of 373 849 000
        (samlet tildeling, 10 917 000 of it transferred from 2022); 5 % of
        årets tildelinger 362 932 000 is 18 146 600. The transferable
        6 084 865 is below both, so it is unchanged: a warning.
    Legal basis:
        Bevilgningsreglementet § 5; the annual circular R-2; R-115 (December
        2022), the model Note B's footnote («5 prosent av årets bevilgning på
        driftspostene 01–29, utenom post 24»).
    """
    for row in _note_b_rows(ctx):
        if post_class(ctx.accounts, row.key, ctx.parameter) != PERCENTAGE:
            continue
        computed = _recomputed(ctx, row.key)
        reported = row.maximum
        product = ("product", computed.terms["maximum"])
        diff = reported.amount - computed.maximum
        if HALF_KRONE.allows(diff):
            ctx.compare(f"note_b.{row.key}.maximum", note_b_subject(row, "maximum"), reported, computed.maximum,
                        HALF_KRONE, computed=product)  # records the computation
            continue
        rate = ctx.decimal("transfer.operating.rate")
        params = dict(rate=f"{(rate * 100).normalize():f} %", reading=READING_LABELS[computed.reading],
                      other_reading=READING_LABELS[_other(computed.reading)], base=money_text(computed.base),
                      base_other=money_text(computed.base_other))
        figures = [_ref("maximum", row)]
        if HALF_KRONE.allows(reported.amount - computed.maximum_other):
            new = computed.transferable()
            old = row.transferable.amount
            effect = MessageId("t.effect.unchanged" if new == old else "t.effect.changes")
            ctx.compare(f"note_b.{row.key}.maximum", note_b_subject(row, "maximum"), reported, computed.maximum,
                        HALF_KRONE, figures, breach="t.maximum.other_reading", **params,
                        severity=Severity.WARNING, effect=effect, computed=product,
                        transferable=money_text(old), transferable_new=money_text(new))
        else:
            ctx.compare(f"note_b.{row.key}.maximum", note_b_subject(row, "maximum"), reported, computed.maximum,
                        HALF_KRONE, figures, breach="t.maximum.breach", **params,
                        expected_other=money_text(computed.maximum_other), computed=product)


def _other(reading: str) -> str:
    return "samlet_tildeling" if reading == "arets_tildelinger" else "arets_tildelinger"


@rule("T-03",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_TWO_YEAR + ("appropriation.decision_unit",), needs="context")
def t03(ctx: RuleContext) -> None:
    """
    What it checks:
        For every Note B row on a post with the stikkord «kan overføres»,
        "Maks. overførbart beløp" equals the sum of this year's and last
        year's appropriations for the post (transfers excluded). Where the
        context does not give last year's appropriation the cap is reported
        as not verifiable (info), with the last-year figure the printed
        maximum implies — never guessed; where this year's allocation is in
        whole thousands but the implied last-year appropriation is not
        (appropriations are decided in whole thousands: the parameter
        appropriation.decision_unit), the maximum cannot be a sum of two
        appropriations, which is a warning. A maximum below this year's
        appropriation alone is an error in any case.
    Why it matters:
        «kan overføres» lets unused money follow a multi-year project, but no
        further than two years' appropriations; a wrong cap lets a post
        accumulate without limit. A cap that implies an appropriation of
        97 415 088 kroner was computed from something else — last year's
        transfer or samlet tildeling, say — and may be too high.
    Example:
        IMDi 2023, 0671.45: Note B prints 144 209 088; this year's
        allocation is 46 794 000, so it implies 97 415 088 for 2022 — not
        whole thousands: a warning. 0671.60 likewise implies 11 178 881 684.
        With a last-year appropriation of 97 415 000 in the context the cap
        would be 144 209 000, and the printed maximum an error.
    Legal basis:
        Bevilgningsreglementet § 5; R-2; R-1/99 («ikke … mer enn sum
        bevilgninger for årene …»); R-115 (December 2022), the model Note B
        footnote («summen av bevilgningen de siste to årene»).
    """
    unit = ctx.decimal("appropriation.decision_unit")
    for row in _note_b_rows(ctx):
        if not is_two_year(ctx.accounts, row.key):
            continue
        computed = _recomputed(ctx, row.key)
        reported = row.maximum
        figures = [_ref("maximum", row)]
        key = f"note_b.{row.key}.maximum"
        if reported.amount < computed.this_year:
            ctx.compare(key, note_b_subject(row, "maximum"), reported, computed.this_year, EXACT, figures,
                        breach="t.maximum.two_year_below", this_year=money_text(computed.this_year),
                        computed=("copy", ((1, computed.this_year_figure),)))
        elif computed.maximum is None:
            implied = reported.amount - computed.this_year
            odd = computed.this_year % unit == 0 and implied % unit != 0
            binds = computed.basis > computed.this_year
            ctx.add(key, "t.maximum.two_year_implied" if odd else "t.maximum.two_year_unknown",
                    kind=Kind.BREACH if odd else Kind.NOTE, severity=Severity.WARNING if odd else Severity.INFO,
                    tolerance=EXACT if odd else None, location=reported.source, actual=reported.amount, figures=figures,
                    subject=note_b_subject(row, "maximum"), post=str(row.key),
                    implied=money_text(implied), unit=money_text(unit),
                    this_year=money_text(computed.this_year),
                    bind=MessageId("t.bind.may" if binds else "t.bind.cannot"),
                    transferable=money_text(row.transferable.amount))
        else:
            prior = computed.maximum - computed.this_year
            ctx.compare(key, note_b_subject(row, "maximum"), reported, computed.maximum, EXACT, figures,
                        breach="t.maximum.two_year_breach", this_year=money_text(computed.this_year),
                        prior=money_text(prior), computed=("sum", computed.terms["maximum"]))


@rule("T-04",
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_CLASS, needs="context")
def t04(ctx: RuleContext) -> None:
    """
    What it checks:
        A Note B row whose post can transfer nothing — not an operating post
        (01–29 except 24) and without «kan overføres», e.g. a grant post or
        post 24 — shows neither a maximum nor a transferable amount other
        than 0 (a negative maximum is a sign slip, not a lawful figure).
    Why it matters:
        Unused appropriations lapse at year end unless an exception applies
        (the one-year principle); a transfer on such a post is money the
        agency may not keep.
    Example:
        IMDi 2023 has 1 328 048 unused on 0671.71 (a grant post without
        stikkord) and rightly leaves it out of Note B; a row claiming it
        would be an error.
    Legal basis:
        Bevilgningsreglementet § 5 (the one-year principle and its
        exceptions); R-2; R-115 (December 2022), the model Note B.
    """
    for row in _note_b_rows(ctx):
        if post_class(ctx.accounts, row.key, ctx.parameter) == NONE and (
                row.maximum.amount != 0 or row.transferable.amount != 0):
            ctx.add(f"note_b.{row.key}", "t.no_transfer", location=row.source, post=str(row.key),
                    actual=row.transferable.amount, expected=Decimal(0),
                    figures=[_ref("maximum", row), _ref("transferable", row)])


@rule("T-05",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_CLASS + _PERCENTAGE + _TWO_YEAR, needs="context")
def t05(ctx: RuleContext) -> None:
    """
    What it checks:
        For every Note B row, avstem recomputes the transferable amount
        independently — the basis from the appropriation statement and the
        context, the maximum from the parameters, max(0, min(basis,
        maximum)) — and compares it with "Mulig overførbart beløp". More than
        the recomputed amount is an error. An underspend that another post
        used under «kan nyttes under» is taken out of the basis of the post
        that gave it: the same kroner cannot both cover the other post's
        merutgift and be transferred, and the finding says how much was
        used where. Less than the recomputed amount is lawful (an agency may
        ask for less, often rounded down to whole thousands): an info
        naming both figures. This rule alone judges a transferable amount
        below what may be transferred; NB-04 judges it against Note B's own
        columns only when it is above them. Where the two-year cap is not
        verifiable, Note B's own maximum is used (see T-03).
    Why it matters:
        This is the amount the agency asks its ministry to transfer; it must
        follow from the accounts and the rules, not only from Note B's own
        columns (which NB-04 checks).
    Example:
        IMDi 2023: 0670.01 recomputes to min(6 084 865, 18 146 600) =
        6 084 865; 0671.45 to 12 500 936; 0671.60 to 284 551 099 — all as
        printed. Had 0671.71 «kan nyttes under post 72» and «kan overføres»,
        1 000 000 of its 1 328 048 underspend would cover 0671.72's
        merutgift, and a Note B transferring all of 1 328 048 from 0671.71
        would be an error (at most 328 048).
    Legal basis:
        Bevilgningsreglementet § 5; R-2; R-115 (December 2022), the model
        Note B.
    """
    found = uses(ctx.accounts)
    for row, computed in _rows(ctx):
        maximum = computed.maximum if computed.maximum is not None else row.maximum.amount
        expected = computed.transferable(maximum)
        reported = row.transferable
        # the recomputed basis and maximum are intermediate results: the report shows their values
        basis = recomputed_figure(row.key, "basis", computed.basis)
        cap = row.maximum if computed.maximum is None else recomputed_figure(row.key, "maximum", computed.maximum)
        capped = ("capped", ((1, basis), (1, cap)))
        diff = reported.amount - expected
        figures = [_ref("transferable", row), _ref("basis", row), _ref("maximum", row)]
        params = dict(basis=money_text(computed.basis), maximum=money_text(maximum))
        key, subject = f"note_b.{row.key}.transferable", note_b_subject(row, "transferable")
        if HALF_KRONE.allows(diff):
            ctx.compare(key, subject, reported, expected, HALF_KRONE, computed=capped)  # records the computation
        elif diff > 0:
            given = [u for u in found if u.donor == row.key]
            if given:
                params["used"] = money_text(sum((u.amount for u in given), Decimal(0)))
                params["targets"] = phrase(*(msg("post_amount", post=str(u.target), amount=u.amount) for u in given),
                                           sep=", ")
            ctx.compare(key, subject, reported, expected, HALF_KRONE, figures, computed=capped, **params,
                        breach="t.transferable.above_used" if given else "t.transferable.above")
        else:
            # lawful (an agency may ask for less): a note naming both figures, not a breach
            below = ctx.compare(key, subject, reported, expected, HALF_KRONE, figures, breach="t.transferable.below",
                                severity=Severity.INFO, computed=capped, **params)
            ctx.findings[ctx.findings.index(below)] = replace(below, kind=Kind.NOTE, tolerance=None)


@rule("T-06",
      severity=Severity.WARNING, tolerance="none", references=(R115_NOTE_B, DFO_NOTE_B, R2),
      parameters=_CLASS + _PERCENTAGE + _TWO_YEAR, needs="context")
def t06(ctx: RuleContext) -> None:
    """
    What it checks:
        Every expense post that can transfer (an operating post, or one with
        «kan overføres») and has a positive basis for transfer has a row in
        Note B.
    Why it matters:
        DFØ lets an agency leave out the lines where there is no basis for
        transfer; a line with a basis that is left out hides a possible
        transfer from the ministry, and leaves the note incomplete.
    Example:
        IMDi 2023: 0670.01, 0671.45 and 0671.60 have a basis and are in Note
        B; 0671.21 has «kan overføres» but a merutgift (no basis), and
        0671.71 has a basis but cannot transfer — neither needs a row.
    Legal basis:
        R-115 (December 2022), the model Note B; DFØ, "Utarbeide note B"
        (lines without a basis for transfer may be left out).
    """
    for row in ctx.accounts.appropriation.expenses:
        if ctx.accounts.note_b.row(row.key) is not None:
            continue
        computed = _recomputed(ctx, row.key)
        if computed.kind == NONE or computed.basis <= 0:
            continue
        maximum = computed.maximum
        ctx.add(f"note_b.{row.key}", "t.missing_row", location=row.difference.source, post=str(row.key),
                basis=money_text(computed.basis),
                up_to=money_text(computed.transferable()) if maximum is not None else money_text(computed.basis))


_KAP_POST = re.compile(r"kap(?:ittel|\.)?\s*(\d{3,4}),?\s*post\s*(\d{1,2})", re.IGNORECASE)


@rule("T-07",
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTE_B, R115_NOTE_A, BEVR_5), needs="context")
def t07(ctx: RuleContext) -> None:
    """
    What it checks:
        The stikkord column of every Note B row names the keywords the
        context gives the post: a keyword the context does not give is an
        error; a column that prints only some of them (a post «kan
        overføres, kan nyttes under post 70» shown as «kan overføres», or a
        blank column) is a warning. The posts Note B's text part lists under
        «kan overføres» are the posts the context gives that stikkord (a
        difference is a warning).
    Why it matters:
        «kan overføres» decides whether a post is capped at 5 % or at two
        years' appropriations; a stikkord claimed in the note but not given by
        Stortinget inflates the maximum. One left out claims nothing, but
        leaves the reader without the authority the figures rest on.
    Example:
        IMDi 2023: Note B marks 0671.45 and 0671.60 «kan overførast» and its
        text names kap. 671 post 21, 45 and 60 — as the context says. Note B
        marking 0670.01 «kan overførast» would be an error; 0671.60 printed
        «kan overførast» when the post also «kan nyttast under post 62», a
        warning.
    Legal basis:
        Bevilgningsreglementet § 5 (stikkord «kan overføres»); R-115
        (December 2022), the model Note B and its text part.
    """
    context = ctx.accounts.context
    for row in ctx.accounts.note_b.rows:
        try:
            printed = parse_stikkord(row.stikkord)
        except ValueError as exc:
            ctx.add(f"note_b.{row.key}.stikkord", "t.stikkord.unknown", location=row.source, post=str(row.key),
                    text=row.stikkord, reason=str(exc))
            continue
        given = context.stikkord(row.key)
        if set(printed) < set(given):  # one of two printed: incomplete, nothing claimed that is not given
            ctx.add(f"note_b.{row.key}.stikkord", "t.stikkord.partial", severity=Severity.WARNING,
                    location=row.source, post=str(row.key), printed=_stikkord_text(printed),
                    given=_stikkord_text(given))
        elif set(printed) != set(given):
            ctx.add(f"note_b.{row.key}.stikkord", "t.stikkord.column", location=row.source, post=str(row.key),
                    printed=_stikkord_text(printed), given=_stikkord_text(given))
    listed = _posts_listed_under_kan_overfores(ctx)
    if listed is None:
        return
    expected = {p.key for p in context.posts if any(s.kind == KAN_OVERFORES for s in p.stikkord)}
    if listed != expected:
        ctx.add("note_b.text.stikkord", "t.stikkord.text", severity=Severity.WARNING, location=ctx.accounts.note_b.source,
                text_posts=", ".join(sorted(map(str, listed))) or "–",
                context_posts=", ".join(sorted(map(str, expected))) or "–")


def _stikkord_text(stikkord) -> Text:
    if not stikkord:
        return msg("word.none")
    return Text(*(", ".join(s.label(lang) for s in stikkord) for lang in ("nb", "nn", "en")))


def _posts_listed_under_kan_overfores(ctx: RuleContext) -> set[PostKey] | None:
    for text in ctx.accounts.note_b.texts:
        heading = text.heading.casefold()
        if "stikkord" in heading and "overf" in heading:
            return {PostKey.parse(c, p) for c, p in _KAP_POST.findall(text.text)}
    return None



# --- omdisponering: post 01 to 45, and post 01/21 against next year's appropriation --------


def _moved(ctx: RuleContext, row: NoteBRow) -> tuple[Decimal, Terms]:
    """Note B's omdisponering on ``row`` less the pooling of «kan nyttes under» (recomputed, or stated in
    the context), with its terms."""
    pooled = pooled_moves(ctx.accounts).get(row.key, Decimal(0))
    terms: Terms = ((1, row.reallocation),)
    if pooled:
        terms += ((-1, recomputed_figure(row.key, "pooled", pooled)),)
    terms += tuple((-1, figure) for figure in stated_pooling(ctx.accounts, row.key))
    return signed_sum(terms), terms


def _omdisponeringer(ctx: RuleContext) -> dict[str, tuple[list[NoteBRow], NoteBRow | None]]:
    """By chapter: Note B's post 45 rows that receive an omdisponering, and the chapter's post 01 row."""
    rows = _note_b_rows(ctx)
    out: dict[str, tuple[list[NoteBRow], NoteBRow | None]] = {}
    for row in rows:
        if row.key.post == REALLOCATION_TO and _moved(ctx, row)[0] > 0:
            giver = next((r for r in rows if r.key.chapter == row.key.chapter and r.key.post == REALLOCATION_FROM
                          and not r.key.is_underpost), None)
            out.setdefault(row.key.chapter, ([], giver))[0].append(row)
    for row in rows:  # a post 01 that gives to no post 45
        if row.key.post == REALLOCATION_FROM and _moved(ctx, row)[0] < 0 and row.key.chapter not in out:
            out[row.key.chapter] = ([], row)
    return out


def _this_year(ctx: RuleContext, key: PostKey) -> Figure | None:
    """The post's appropriation for the year: Note A «Årets tildelinger», else the statement's allocation."""
    row = ctx.accounts.note_a.row(key)
    if row is not None:
        return row.allocated
    expense = ctx.accounts.appropriation.expense(key)
    return expense.allocation if expense is not None else None


def _rate_figure(name: str, rate: Decimal) -> Figure:
    return Figure(rate, Source("rules/parameters.yaml", path=f"parameters.{name}"))


@rule("T-08",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, R1_99, R110), needs="context")
def t08(ctx: RuleContext) -> None:
    """
    What it checks:
        Where Note B's omdisponering column adds +X to post 45 of a chapter
        (an omdisponering from post 01), post 01 of the same chapter shows
        −X in the same column; and a −X on post 01 goes to post 45 of its
        chapter. The pooling of an underspend used under «kan nyttes under»
        is not an omdisponering and is left out (T-01 checks it).
    Why it matters:
        An omdisponering moves unused operating money to investment; it adds
        to post 45's basis for transfer only because post 01 gives up as
        much. Without the −X on post 01, the same kroner are transferred
        twice: once from post 01 (up to 5 %) and once from post 45.
    Example:
        A chapter 0670 with 2 000 000 moved to 0670.45 must show −2 000 000
        on 0670.01 in Note B; IMDi 2023 has no omdisponering, so there is
        nothing to check.
    Legal basis:
        R-1/99: «Forutsetningen for at det kan innarbeides tillegg under post
        45 er selvsagt at post 01 viser tilsvarende innsparing»; R-110 (the
        fullmakt to omdisponere from post 01 to 45); R-115 (December 2022),
        the model Note B.
    """
    for chapter, (receivers, giver) in _omdisponeringer(ctx).items():
        terms: Terms = tuple(t for r in receivers for t in _moved(ctx, r)[1])
        moved = signed_sum(terms)
        names = ", ".join(str(r.key) for r in receivers) or f"{chapter}.{REALLOCATION_TO}"
        if giver is None:
            first = receivers[0]
            ctx.add(f"note_b.{first.key}.reallocation", "t.reallocation.no_giver", location=first.reallocation.source,
                    actual=moved, figures=[_ref("reallocation", r) for r in receivers], tolerance=EXACT,
                    post=names, moved=money_text(moved), giver=f"{chapter}.{REALLOCATION_FROM}")
            continue
        given, given_terms = _moved(ctx, giver)
        figure = giver.reallocation if given == giver.reallocation.amount else Figure(given, giver.reallocation.source)
        ctx.compare(f"note_b.{giver.key}.reallocation", note_b_subject(giver, "reallocation"), figure, -moved, EXACT,
                    [_ref("reallocation", giver)] + [_ref("reallocation", r) for r in receivers],
                    breach="t.reallocation.unmatched", computed=("sum", tuple((-s, f) for s, f in terms)),
                    receivers=names, moved=money_text(moved))


@rule("T-09",
      severity=Severity.ERROR, tolerance="exact", references=(R110, R115_NOTE_B),
      parameters=("transfer.reallocation.rate",), needs="context")
def t09(ctx: RuleContext) -> None:
    """
    What it checks:
        The omdisponering Note B shows on post 45 of a chapter (from post 01)
        is at most the delegated share (the parameter
        transfer.reallocation.rate, 5 %) of post 01's appropriation for the
        year (Note A "Årets tildelinger").
    Why it matters:
        The ministry may let an agency move operating money to investment
        only within the limit R-110 delegates; above it the omdisponering
        needs Stortinget's decision, and the transfer it adds to post 45 is
        money the agency may not keep.
    Example:
        IMDi 2023's post 01 (0670.01) has 362 932 000 for the year, so up to
        18 146 600 could be moved to a post 45 of chapter 0670; 20 000 000
        would be an error. IMDi moved nothing.
    Legal basis:
        R-110 Fullmakter i henhold til bevilgningsreglementet (20.06.2023):
        omdisponering fra post 01 til post 45; R-115 (December 2022), the
        model Note B.
    """
    rate = ctx.decimal("transfer.reallocation.rate")
    for chapter, (receivers, giver) in _omdisponeringer(ctx).items():
        if not receivers:
            continue
        source = PostKey(chapter, REALLOCATION_FROM)
        base = _this_year(ctx, source)
        if base is None:
            continue
        limit = percentage_of(rate, base.amount)
        row = receivers[0]
        moved, _ = _moved(ctx, row)
        if moved > limit:
            figure = row.reallocation if moved == row.reallocation.amount else Figure(moved, row.reallocation.source)
            ctx.compare(f"note_b.{row.key}.reallocation", note_b_subject(row, "reallocation"), figure, limit, EXACT,
                        [_ref("reallocation", row), FigureRef(f"{source} allocated", base.value, base.source)],
                        breach="t.reallocation.limit", rate=_percent(rate), giver=str(source),
                        base=money_text(base.amount),
                        computed=("product", ((1, _rate_figure("transfer.reallocation.rate", rate)), (1, base))))


@rule("T-10",
      severity=Severity.ERROR, tolerance="exact", references=(R110, R115_NOTE_B),
      parameters=("transfer.advance.rate",), needs="context")
def t10(ctx: RuleContext) -> None:
    """
    What it checks:
        Where Note B's omdisponering column adds +X to post 01 or 21 (an
        overskridelse against next year's appropriation, saved as next
        year's innsparing), X is at most the delegated share (the parameter
        transfer.advance.rate, 5 %) of the post's appropriation for the year
        (Note A "Årets tildelinger"). The pooling of «kan nyttes under» is
        left out.
    Why it matters:
        The overskridelse spends next year's money this year; the limit
        keeps the advance small enough to be saved the year after. Above it
        the agency has spent money it had no authority to spend.
    Example:
        IMDi 2023, 0671.21: 32 900 000 for the year, so an overskridelse of
        up to 1 645 000 against next year's appropriation is within the
        limit; 2 000 000 would be an error. IMDi shows none.
    Legal basis:
        R-110 Fullmakter i henhold til bevilgningsreglementet (20.06.2023):
        overskridelse av driftsbevilgninger mot tilsvarende innsparing;
        R-115 (December 2022), the model Note B («til post 01/21 fra neste
        års bevilgning»).
    """
    rate = ctx.decimal("transfer.advance.rate")
    for row in _note_b_rows(ctx):
        if row.key.post not in ADVANCE_POSTS:
            continue
        moved, _ = _moved(ctx, row)
        base = _this_year(ctx, row.key)
        if moved <= 0 or base is None:
            continue
        limit = percentage_of(rate, base.amount)
        if moved > limit:
            figure = row.reallocation if moved == row.reallocation.amount else Figure(moved, row.reallocation.source)
            ctx.compare(f"note_b.{row.key}.reallocation", note_b_subject(row, "reallocation"), figure, limit, EXACT,
                        [_ref("reallocation", row), FigureRef("allocated", base.value, base.source)],
                        breach="t.advance.limit", rate=_percent(rate), post=str(row.key),
                        base=money_text(base.amount),
                        computed=("product", ((1, _rate_figure("transfer.advance.rate", rate)), (1, base))))


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %"
