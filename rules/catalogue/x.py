"""X — ties between the statements (and the common chapters)."""

from __future__ import annotations

import re

from ledger.core.accounts import Figure, PostKey
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, Text, phrase
from rules.catalogue.notes import tie
from rules.context import Part, RuleContext
from rules.findings import Severity
from rules.lines import line_key, line_label, line_subject
from rules.references import BEST_3_4_2, BEST_3_5, R115_APPROPRIATION, R115_CHART, R115_NOTES, XBRL_CALC_1_1
from rules.registry import rule
from rules.subjects import APPROPRIATION, post_subject
from rules.tolerance import EXACT

_BOTH = (R115_APPROPRIATION, R115_CHART)


def _post_accounts(ctx: RuleContext, key: PostKey, *, revenue: bool) -> tuple[Figure | None, Text]:
    s = ctx.accounts.appropriation
    row = s.revenue(key) if revenue else s.expense(key)
    return (row.accounts if row else None), post_subject(key, "accounts")


def _chart(ctx: RuleContext, line_id: str):
    chart = ctx.accounts.chart
    line = chart.get(line_id)
    return line, (lambda column: line_subject(ctx.accounts, chart, line, column))


def _common_chapter(ctx: RuleContext, key: PostKey, revenue: bool, line_id: str) -> None:
    """A common-chapter post's regnskap equals its account line in the chart statement."""
    figure, row_subject = _post_accounts(ctx, key, revenue=revenue)
    line, subject = _chart(ctx, line_id)
    if figure is None:
        if line["current"].amount != 0:
            ctx.add(str(key), "common_chapter.missing_row", location=line["current"].source, post=str(key),
                    expected=line["current"].amount, actual=None, tolerance=EXACT, subject=subject("current"))
        return
    ctx.check_copy(str(key), row_subject, figure, line["current"], subject("current"))


@rule("X-01",
      severity=Severity.ERROR, tolerance="exact", references=(*_BOTH, BEST_3_4_2))
def x01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Netto rapportert til bevilgningsregnskapet" is identical in the
        appropriation statement and in the chart-of-accounts statement.
    Why it matters:
        Both statements show the same reported transactions, grouped by
        kapittel/post and by account; the principle note of every agency
        says so in these words ("Sumlinjen Netto rapportert til
        bevilgningsregnskapet er lik i begge oppstillingene").
    Example:
        IMDi 2023: 22 299 256 766 in both statements.
    Legal basis:
        R-115 (December 2022), the model principle note; bestemmelsene punkt
        3.4.2.
    """
    line, subject = _chart(ctx, "net_reported")
    ctx.check_copy("net_reported", subject("current"), line["current"], ctx.accounts.appropriation.net_reported,
                   phrase(APPROPRIATION, APPROPRIATION_LINES["net_reported"]))


@rule("X-02",
      severity=Severity.ERROR, tolerance="exact", references=(*_BOTH, BEST_3_5))
def x02(ctx: RuleContext) -> None:
    """
    What it checks:
        The regnskap of kap. 5700 post 72 (arbeidsgiveravgift, revenue) in the
        appropriation statement is identical to the chart-of-accounts line
        "Arbeidsgiveravgift konto 1986 (ref. kap. 5700, inntekt)"; if the
        agency reports konto 1986 but has no 5700.72 row, that is a finding.
    Why it matters:
        Employer's national insurance is booked on konto 1986 and reported on
        kap. 5700 post 72: the same transactions, shown twice.
    Example:
        IMDi 2023: 27 123 142 in both places.
    Legal basis:
        R-115 (December 2022), both model statements; bestemmelsene punkt 3.5.
    """
    _common_chapter(ctx, PostKey("5700", "72"), True, "employer_tax_1986")


@rule("X-03",
      severity=Severity.WARNING, tolerance="exact", references=(R115_CHART, R115_NOTES))
def x03(ctx: RuleContext) -> None:
    """
    What it checks:
        "Arbeidsgiveravgift konto 1986" in the chart-of-accounts statement
        equals "Arbeidsgiveravgift" in note 2, both years.
    Why it matters:
        Note 2's employer's national insurance is normally exactly what was
        booked on konto 1986. A warning, not an error: an agency that pays
        arbeidsgiveravgift on other payments than salaries (fees, grants)
        legitimately has more on konto 1986 than in note 2, and should say so
        in a note.
    Example:
        IMDi 2023: 27 123 142 (2022: 25 653 594) in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 2.
    """
    chart, note = ctx.accounts.chart, ctx.accounts.notes["note2"]
    line, tax = chart.get("employer_tax_1986"), note.get("employer_tax")
    for column in ("current", "prior"):
        ctx.check_copy(line_key(ctx.accounts, chart, line, column), line_subject(ctx.accounts, chart, line, column),
                       line[column], tax[column], line_subject(ctx.accounts, note, tax, column))


@rule("X-04",
      severity=Severity.ERROR, tolerance="exact", references=(*_BOTH, BEST_3_5))
def x04(ctx: RuleContext) -> None:
    """
    What it checks:
        The regnskap of kap. 1633 post 01 (nettoordning for merverdiavgift,
        an expense) is identical to the chart-of-accounts line
        "Nettoføringsordning for merverdiavgift konto 1987 (ref. kap. 1633,
        utgift)".
    Why it matters:
        VAT under the net scheme is booked on konto 1987 and reported on
        kap. 1633 post 01; the figure is the same transactions shown twice.
    Example:
        IMDi 2023: 46 295 177 in both places.
    Legal basis:
        R-115 (December 2022), both model statements; bestemmelsene punkt 3.5.
    """
    _common_chapter(ctx, PostKey("1633", "01"), False, "vat_1987")


@rule("X-05",
      severity=Severity.ERROR, tolerance="interval", references=(*_BOTH, R115_NOTES, XBRL_CALC_1_1))
def x05(ctx: RuleContext) -> None:
    """
    What it checks:
        The regnskap of kap. 5309 post 29 (tilfeldige inntekter) equals
        "Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)" plus the
        lines of note 6 reported on statskonto 5309xx (or naming «kap. 5309»;
        X-08 ties the lines naming other revenue posts).
    Why it matters:
        Kap. 5309 collects the group life insurance the agency charges its
        employees and the revenue it collects on behalf of the state; both are
        shown in the chart-of-accounts statement and must add up to the post.
    Example:
        IMDi 2023: 424 902 + 27 420 370 = 27 845 272 against a printed
        27 845 273 (a one-krone rounding difference, info).
    Legal basis:
        R-115 (December 2022), both model statements and note 6.
    """
    figure, subject = _post_accounts(ctx, PostKey("5309", "29"), revenue=True)
    chart, note6 = ctx.accounts.chart, ctx.accounts.notes["note6"]
    group_life = chart.get("group_life_1985")
    parts: list[Part] = [(1, group_life["current"], line_label(chart, group_life))]
    parts += [(1, line["current"], line_label(note6, line)) for line in note6.lines
              if line.role == "detail" and (key := named_revenue_post(line)) is not None and key.chapter == "5309"]
    if figure is None:
        if any(f.amount != 0 for _, f, _ in parts):
            ctx.add("5309.29", "common_chapter.missing_row", location=group_life["current"].source, post="5309.29",
                    expected=sum(f.amount for _, f, _ in parts), actual=None,
                    tolerance=ctx.sum_tolerance(None, parts), subject=subject)
        return
    ctx.check_sum("5309.29", subject, figure, parts)


def _cross_total(ctx: RuleContext, key: str, subject: Text, reported: Figure, lines: tuple[str, ...]) -> None:
    chart = ctx.accounts.chart
    parts: list[Part] = []
    for line_id in lines:
        line = chart.get(line_id)
        if line is None:  # a block of zeros left out (its sum is optional): it adds nothing
            continue
        parts.append((1, line["current"], line_label(chart, line)))
    ctx.check_sum(key, subject, reported, parts)


@rule("X-06",
      severity=Severity.WARNING, tolerance="interval", references=(*_BOTH, XBRL_CALC_1_1))
def x06(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum utgiftsført" (regnskap) equals sum utbetalinger til drift + sum
        investerings- og finansutgifter + sum tilskuddsforvaltning + konto
        1987 from the chart-of-accounts statement.
    Why it matters:
        Both are the agency's gross payments, grouped two ways. A warning,
        not an error: revenue booked on an expense post (a refund, say) moves
        an amount between the two sides without changing netto rapportert.
    Example:
        IMDi 2023: 459 511 218 + 1 464 575 + 21 846 954 210 + 46 295 177
        = 22 354 225 180, as printed.
    Legal basis:
        R-115 (December 2022), both model statements.
    """
    s = ctx.accounts.appropriation
    _cross_total(ctx, "appropriation.expense_total.accounts",
                 phrase(APPROPRIATION, APPROPRIATION_LINES["expense_total"], COLUMNS["accounts"]),
                 s.expense_total.accounts,
                 ("operating_expenses_total", "investment_expenses_total", "grants_total", "vat_1987"))


@rule("X-07",
      severity=Severity.WARNING, tolerance="interval", references=(*_BOTH, XBRL_CALC_1_1))
def x07(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum inntektsført" (regnskap) equals sum innbetalinger fra drift +
        sum investerings- og finansinntekter + sum innkrevingsvirksomhet +
        konto 1985 + konto 1986 from the chart-of-accounts statement.
    Why it matters:
        Both are the agency's gross receipts, grouped two ways; see X-06 for
        why this is a warning.
    Example:
        IMDi 2023: 0 + 0 + 27 420 370 + 424 902 + 27 123 142 = 54 968 414
        against a printed 54 968 415 (a one-krone rounding difference, info).
    Legal basis:
        R-115 (December 2022), both model statements.
    """
    s = ctx.accounts.appropriation
    _cross_total(ctx, "appropriation.revenue_total.accounts",
                 phrase(APPROPRIATION, APPROPRIATION_LINES["revenue_total"], COLUMNS["accounts"]),
                 s.revenue_total.accounts,
                 ("operating_income_total", "investment_income_total", "collection_total", "group_life_1985",
                  "employer_tax_1986"))


#: A revenue chapter and post a note 6 line names in its label: «(kap. 5578, post 70)», «kap. 5578 post 70».
_NAMED_POST = re.compile(r"kap(?:ittel|\.)?\s*(\d{4}),?\s*post\s*(\d{1,2})\b", re.IGNORECASE)


def named_revenue_post(line) -> PostKey | None:
    """The revenue post a note 6 line names: its statskonto (six digits: kapittel and post) or a
    «kap. NNNN, post NN» in its label."""
    if line.statskonto:
        return PostKey.parse(line.statskonto[:4], line.statskonto[4:])
    match = _NAMED_POST.search(line.label)
    return PostKey.parse(*match.groups()) if match else None


@rule("X-08",
      severity=Severity.ERROR, tolerance="interval", references=(*_BOTH, R115_NOTES, XBRL_CALC_1_1))
def x08(ctx: RuleContext) -> None:
    """
    What it checks:
        Every note 6 line that names a statskonto («statskonto 557870») or a
        revenue chapter and post («kap. 5578, post 70») ties to that revenue
        row's regnskap in the appropriation statement: the lines naming the
        same post add up to it. Kap. 5309 is X-05's (with konto 1985); a
        named post without a revenue row is an error.
    Why it matters:
        Collecting agencies print their levies and fees here, each on the
        statskonto it was reported on; a levy line that differs from what
        was reported to statsregnskapet misstates the collection, and a
        difference of 10 000 kr would otherwise pass unnoticed.
    Example:
        IMDi 2023's one note 6 line names statskonto 530929 (kap. 5309, X-05).
        An agency printing «Sektoravgift (kap. 5578, post 70) 12 500 000»
        must show 12 500 000 as regnskap on 5578.70.
    Legal basis:
        R-115 (December 2022), both model statements and note 6
        (innkrevingsvirksomhet reported on the revenue chapters).
    """
    note6 = ctx.accounts.notes["note6"]
    named: dict[PostKey, list[Part]] = {}
    for line in note6.lines:
        key = named_revenue_post(line) if line.role == "detail" else None
        if key is not None and key.chapter != "5309":
            named.setdefault(key, []).append((1, line["current"], line_subject(ctx.accounts, note6, line, "current")))
    for key, parts in named.items():
        figure, subject = _post_accounts(ctx, key, revenue=True)
        if figure is None:
            first = parts[0][1]
            ctx.add(str(key), "common_chapter.missing_row", location=first.source, post=str(key),
                    expected=sum(f.amount for _, f, _ in parts), actual=None,
                    tolerance=ctx.sum_tolerance(None, parts), subject=parts[0][2])
            continue
        tie(ctx, str(key), subject, figure, parts)
