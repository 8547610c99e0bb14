"""T — transfer of unused appropriations to next year (R-2, Note B).

Each rule compares Note B with avstem's own computation in
:mod:`rules.transfer`, which takes the post's class from the context
(stikkord) and the limits from the dated parameters. These rules need the
context of the appropriations (in the accounts file or ``--context``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ledger.core.accounts import Figure, NoteBRow, PostKey
from ledger.core.source import Source
from ledger.vocabulary.labels import COLUMNS, THE_CONTEXT, Text, money_text
from ledger.vocabulary.stikkord import KAN_OVERFORES, parse_stikkord
from rules.context import RuleContext
from rules.findings import FigureRef, Kind, MessageId, Severity
from rules.references import BEVR_5, DFO_NOTE_B, R2, R115_NOTE_A, R115_NOTE_B
from rules.registry import rule
from rules.subjects import note_b_subject
from rules.tolerance import EXACT, HALF_KRONE
from rules.transfer import (
    NONE,
    PERCENTAGE,
    Recomputed,
    authority_terms,
    is_two_year,
    post_class,
    recompute,
    signed_sum,
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


@rule("T-01", Text("Note B-kolonnene stemmer med fullmaktene", "Note B-kolonnane stemmer med fullmaktene",
                   "Note B's columns agree with the authorities"),
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, DFO_NOTE_B, R2), needs="context")
def t01(ctx: RuleContext) -> None:
    """
    What it checks:
        On every row of Note B, the columns that come from authorities equal
        what the context of the appropriations says: "Utgiftsført av andre"
        is minus what others charged under given belastningsfullmakter;
        "Merinntekter/mindreinntekter" is the merinntekt (regnskap minus
        samlet tildeling) of the revenue post paired by a merinntektsfullmakt;
        "Omdisponering" and "Innsparinger" are the decided amounts.
    Why it matters:
        Each column changes the basis for transfer. A merinntekt counted
        without a merinntektsfullmakt, or a given belastningsfullmakt left
        out, transfers money the agency does not have.
    Example:
        IMDi 2023, 0670.01: the merinntektsfullmakt pairs it with 3670.01,
        where regnskap 0 − tildeling 0 = 0, and Note B leaves the column blank
        (0). A Note B showing 500 000 there would be an error.
    Legal basis:
        R-115 (December 2022), the model Note B; DFØ, "Utarbeide note B";
        the annual circular R-2.
    """
    for row in _note_b_rows(ctx):
        terms = authority_terms(ctx.accounts, row.key)
        for column in ("charged_by_others", "additional_revenue", "reallocation", "savings"):
            figure = getattr(row, column)
            ctx.compare(f"note_b.{row.key}.{column}", note_b_subject(row, column), figure, signed_sum(terms[column]),
                        EXACT, [FigureRef("reported", figure.value, figure.source)], breach="copy.breach",
                        other=THE_CONTEXT, computed=("sum", terms[column]))


@rule("T-02", Text("Maks. overførbart på driftsposter (5 %)", "Maks. beløp som kan overførast på driftspostar (5 %)",
                   "Maximum transferable on operating posts (5 %)"),
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


@rule("T-03", Text("Maks. overførbart på poster med «kan overføres»",
                   "Maks. beløp som kan overførast på postar med «kan overførast»",
                   "Maximum transferable on posts with «kan overføres»"),
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_TWO_YEAR, needs="context")
def t03(ctx: RuleContext) -> None:
    """
    What it checks:
        For every Note B row on a post with the stikkord «kan overføres»,
        "Maks. overførbart beløp" equals the sum of this year's and last
        year's appropriations for the post (transfers excluded). Where the
        context does not give last year's appropriation the cap is reported
        as not verifiable (info), with the last-year figure the printed
        maximum implies — never guessed. A maximum below this year's
        appropriation alone is an error in any case.
    Why it matters:
        «kan overføres» lets unused money follow a multi-year project, but no
        further than two years' appropriations; a wrong cap lets a post
        accumulate without limit.
    Example:
        IMDi 2023, 0671.45: Note B prints 144 209 088; this year's
        allocation is 46 794 000, so it implies 97 415 088 for 2022, which
        the accounts do not state: not verifiable (info). The transferable
        12 500 936 is below this year's allocation, so the cap cannot bind.
    Legal basis:
        Bevilgningsreglementet § 5; R-2; R-1/99 («ikke … mer enn sum
        bevilgninger for årene …»); R-115 (December 2022), the model Note B
        footnote («summen av bevilgningen de siste to årene»).
    """
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
            binds = computed.basis > computed.this_year
            ctx.add(key, "t.maximum.two_year_unknown", kind=Kind.NOTE, severity=Severity.INFO,
                    location=reported.source, actual=reported.amount, figures=figures,
                    subject=note_b_subject(row, "maximum"), post=str(row.key),
                    implied=money_text(reported.amount - computed.this_year),
                    this_year=money_text(computed.this_year),
                    bind=MessageId("t.bind.may" if binds else "t.bind.cannot"),
                    transferable=money_text(row.transferable.amount))
        else:
            prior = computed.maximum - computed.this_year
            ctx.compare(key, note_b_subject(row, "maximum"), reported, computed.maximum, EXACT, figures,
                        breach="t.maximum.two_year_breach", this_year=money_text(computed.this_year),
                        prior=money_text(prior), computed=("sum", computed.terms["maximum"]))


@rule("T-04", Text("Note B har ikke rader for poster som ikke kan overføres",
                   "Note B har ikkje rader for postar som ikkje kan overførast",
                   "Note B has no rows for posts that cannot transfer"),
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_CLASS, needs="context")
def t04(ctx: RuleContext) -> None:
    """
    What it checks:
        A Note B row whose post can transfer nothing — not an operating post
        (01–29 except 24) and without «kan overføres», e.g. a grant post or
        post 24 — shows neither a maximum nor a transferable amount above 0.
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
                row.maximum.amount > 0 or row.transferable.amount > 0):
            ctx.add(f"note_b.{row.key}", "t.no_transfer", location=row.source, post=str(row.key),
                    actual=row.transferable.amount, expected=Decimal(0),
                    figures=[_ref("maximum", row), _ref("transferable", row)])


@rule("T-05", Text("Mulig overførbart beløp etter R-2", "Mogleg beløp som kan overførast etter R-2",
                   "Transferable amount under R-2"),
      severity=Severity.ERROR, tolerance="absolute", references=(R115_NOTE_B, R2, BEVR_5),
      parameters=_CLASS + _PERCENTAGE + _TWO_YEAR, needs="context")
def t05(ctx: RuleContext) -> None:
    """
    What it checks:
        For every Note B row, avstem recomputes the transferable amount
        independently — the basis from the appropriation statement and the
        context, the maximum from the parameters, max(0, min(basis,
        maximum)) — and compares it with "Mulig overførbart beløp". More than
        the recomputed amount is an error; less is a warning. Where the
        two-year cap is not verifiable, Note B's own maximum is used and the
        finding says so (see T-03).
    Why it matters:
        This is the amount the agency asks its ministry to transfer; it must
        follow from the accounts and the rules, not only from Note B's own
        columns (which NB-04 checks).
    Example:
        IMDi 2023: 0670.01 recomputes to min(6 084 865, 18 146 600) =
        6 084 865; 0671.45 to 12 500 936; 0671.60 to 284 551 099 — all as
        printed.
    Legal basis:
        Bevilgningsreglementet § 5; R-2; R-115 (December 2022), the model
        Note B.
    """
    for row, computed in _rows(ctx):
        maximum = computed.maximum if computed.maximum is not None else row.maximum.amount
        expected = computed.transferable(maximum)
        reported = row.transferable
        # the recomputed basis and maximum are intermediate results: the report shows their values
        basis = Figure(computed.basis, Source("recomputed", path=f"recomputed.{row.key}.basis"))
        cap = row.maximum if computed.maximum is None else Figure(
            computed.maximum, Source("recomputed", path=f"recomputed.{row.key}.maximum"))
        capped = ("capped", ((1, basis), (1, cap)))
        diff = reported.amount - expected
        figures = [_ref("transferable", row), _ref("basis", row), _ref("maximum", row)]
        params = dict(basis=money_text(computed.basis), maximum=money_text(maximum))
        if HALF_KRONE.allows(diff):
            ctx.compare(f"note_b.{row.key}.transferable", note_b_subject(row, "transferable"), reported, expected,
                        HALF_KRONE, computed=capped)  # records the computation
        elif diff > 0:
            ctx.compare(f"note_b.{row.key}.transferable", note_b_subject(row, "transferable"), reported, expected,
                        HALF_KRONE, figures, breach="t.transferable.above", computed=capped, **params)
        else:
            ctx.compare(f"note_b.{row.key}.transferable", note_b_subject(row, "transferable"), reported, expected,
                        HALF_KRONE, figures, breach="t.transferable.below", severity=Severity.WARNING,
                        computed=capped, **params)


@rule("T-06", Text("Poster med grunnlag for overføring står i note B",
                   "Postar med grunnlag for overføring står i note B",
                   "Posts with a basis for transfer are in Note B"),
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


@rule("T-07", Text("Stikkord i note B stemmer med bevilgningen", "Stikkord i note B stemmer med løyvinga",
                   "Stikkord in Note B agree with the appropriation"),
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTE_B, R115_NOTE_A, BEVR_5), needs="context")
def t07(ctx: RuleContext) -> None:
    """
    What it checks:
        The stikkord column of every Note B row names the same keywords the
        context gives the post (a contradiction is an error), and the posts
        Note B's text part lists under «kan overføres» are the posts the
        context gives that stikkord (a difference is a warning).
    Why it matters:
        «kan overføres» decides whether a post is capped at 5 % or at two
        years' appropriations; a stikkord claimed in the note but not given by
        Stortinget inflates the maximum.
    Example:
        IMDi 2023: Note B marks 0671.45 and 0671.60 «kan overførast» and its
        text names kap. 671 post 21, 45 and 60 — as the context says.
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
        if set(printed) != set(given):
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
        return Text("ingen", "ingen", "none")
    return Text(*(", ".join(s.label(lang) for s in stikkord) for lang in ("nb", "nn", "en")))


def _posts_listed_under_kan_overfores(ctx: RuleContext) -> set[PostKey] | None:
    for text in ctx.accounts.note_b.texts:
        heading = text.heading.casefold()
        if "stikkord" in heading and "overf" in heading:
            return {PostKey.parse(c, p) for c, p in _KAP_POST.findall(text.text)}
    return None

