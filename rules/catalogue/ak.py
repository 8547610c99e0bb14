"""AK — Oppstilling av artskontorapporteringen (the chart-of-accounts statement).

Each rule checks one sum or net of the statement, in both year columns. The
sums themselves are defined once, in :data:`ledger.vocabulary.layout.CHART`.
"""

from __future__ import annotations

from ledger.vocabulary.labels import Text
from ledger.vocabulary.layout import CHART
from rules.context import RuleContext
from rules.findings import Severity
from rules.lines import check_table_sum
from rules.references import R115_CHART, XBRL_CALC_1_1
from rules.registry import rule

_REFS = (R115_CHART, XBRL_CALC_1_1)


def _sum(ctx: RuleContext, total: str) -> None:
    check_table_sum(ctx, ctx.accounts.chart, total)


def _title(line_id: str) -> Text:
    """A rule that checks one line of the statement is titled as the line."""
    return CHART.line(line_id).label


@rule("AK-01",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum innbetalinger fra drift" equals the sum of the operating income
        lines (gebyrer, tilskudd og overføringer, salgs- og leieinnbetalinger,
        andre innbetalinger, and any agency-specific line), both years.
    Why it matters:
        Operating income is netted against operating expenses; a wrong total
        misstates netto rapporterte driftsutgifter.
    Example:
        IMDi 2023: all four lines are 0 and so is the total.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "operating_income_total")


@rule("AK-02",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak02(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum utbetalinger til drift" equals utbetalinger til lønn plus andre
        utbetalinger til drift, both years.
    Why it matters:
        It is the agency's operating cost as reported to statsregnskapet.
    Example:
        IMDi 2023: 224 652 734 + 234 858 484 = 459 511 218.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "operating_expenses_total")


@rule("AK-03",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak03(ctx: RuleContext) -> None:
    """
    What it checks:
        "Netto rapporterte driftsutgifter" equals sum utbetalinger til drift
        minus sum innbetalinger fra drift, both years.
    Why it matters:
        It is one of the five parts of netto rapportert.
    Example:
        IMDi 2023: 459 511 218 − 0 = 459 511 218.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "net_operating")


@rule("AK-04",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak04(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum investerings- og finansinntekter" equals the sum of its lines
        (innbetaling av finansinntekter and any agency-specific line), both years.
    Why it matters:
        The total enters netto rapporterte investerings- og finansutgifter.
    Example:
        IMDi 2023: innbetaling av finansinntekter 0, and the sum 0.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "investment_income_total")


@rule("AK-05",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak05(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum investerings- og finansutgifter" equals utbetaling til
        investeringer plus kjøp av aksjer plus finansutgifter, both years.
    Why it matters:
        Investments are what the agency bought for lasting use; a wrong total
        misstates them against notes 4 and 5.
    Example:
        IMDi 2023: 1 451 091 + 0 + 13 485 = 1 464 576; printed 1 464 575,
        a one-krone rounding difference (info).
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "investment_expenses_total")


@rule("AK-06",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak06(ctx: RuleContext) -> None:
    """
    What it checks:
        "Netto rapporterte investerings- og finansutgifter" equals the sum of
        investment and financial expenses minus the sum of investment and
        financial income, both years.
    Why it matters:
        It is one of the five parts of netto rapportert.
    Example:
        IMDi 2023: 1 464 575 − 0 = 1 464 575.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "net_investment")


@rule("AK-07",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak07(ctx: RuleContext) -> None:
    """
    What it checks:
        The total of "Innkrevingsvirksomhet og andre overføringer til staten"
        equals the sum of its lines, both years.
    Why it matters:
        Taxes, duties and repayments collected are deducted in netto
        rapportert; they are revenue of the state, not of the agency.
    Example:
        IMDi 2023: 27 420 370 = 27 420 370.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "collection_total")


@rule("AK-08",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak08(ctx: RuleContext) -> None:
    """
    What it checks:
        The total of "Tilskuddsforvaltning og andre overføringer fra staten"
        equals the sum of its lines, both years.
    Why it matters:
        For a grant-managing agency like IMDi this is almost all of what it
        spends.
    Example:
        IMDi 2023: 21 846 954 210 = 21 846 954 210.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "grants_total")


@rule("AK-09",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak09(ctx: RuleContext) -> None:
    """
    What it checks:
        "Netto rapporterte utgifter på felleskapitler" equals konto 1987
        (nettoføring av merverdiavgift, an expense on kap. 1633) minus konto
        1985 (gruppelivsforsikring, revenue on kap. 5309) minus konto 1986
        (arbeidsgiveravgift, revenue on kap. 5700), both years. The three
        lines are printed as positive figures; their sign comes from the
        "(ref. kap. …, inntekt/utgift)" in the label.
    Why it matters:
        The common chapters are where the statement meets chapters the agency
        does not own; the signs are easy to get wrong.
    Example:
        IMDi 2023: 46 295 177 − 424 902 − 27 123 142 = 18 747 133.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "common_chapters_net")


@rule("AK-10",
      severity=Severity.ERROR, tolerance="interval", references=_REFS)
def ak10(ctx: RuleContext) -> None:
    """
    What it checks:
        "Netto rapportert til bevilgningsregnskapet" in the chart-of-accounts
        statement equals netto driftsutgifter plus netto investerings- og
        finansutgifter minus innkrevingsvirksomhet plus tilskuddsforvaltning
        plus netto felleskapitler, both years.
    Why it matters:
        It must equal the same line of the appropriation statement; it is
        the sum the two statements agree on.
    Example:
        IMDi 2023: 459 511 218 + 1 464 575 − 27 420 370 + 21 846 954 210 +
        18 747 133 = 22 299 256 766 (printed …766); 2022 computes to
        12 976 155 521 against a printed …520 (info).
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement.
    """
    _sum(ctx, "net_reported")
