"""MV — Mellomværende med statskassen (the balance with the treasury)."""

from __future__ import annotations

from ledger.vocabulary.labels import APPROPRIATION_LINES, phrase, same
from rules.catalogue.br import SIGN_WORDS
from rules.context import REPORTED, RuleContext
from rules.findings import FigureRef, Severity
from rules.lines import check_table_sum, line_key, line_subject
from rules.references import BEST_3_7_1, R115_APPROPRIATION, R115_CHART, XBRL_CALC_1_1
from rules.registry import rule
from rules.tolerance import EXACT


@rule("MV-01",
      severity=Severity.ERROR, tolerance="interval", references=(R115_CHART, XBRL_CALC_1_1))
def mv01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum mellomværende med statskassen" equals the signed sum of its lines
        (receivables positive, liabilities negative), both years.
    Why it matters:
        The balance is what the agency owes the treasury or is owed by it at
        year end; it carries into next year's opening balance.
    Example:
        IMDi 2023: 179 406 − 8 812 314 − 70 917 − 5 075 542 − 50 175 =
        −13 829 542. For 2022 the lines sum to −12 066 772 against a printed
        −12 066 773 (info).
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement;
        bestemmelsene punkt 3.7.1.
    """
    check_table_sum(ctx, ctx.accounts.chart, "balance_total")


@rule("MV-02",
      severity=Severity.ERROR, tolerance="exact", references=(R115_APPROPRIATION, R115_CHART, BEST_3_7_1))
def mv02(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum mellomværende med statskassen" in the chart-of-accounts statement
        is identical to the 7xxxxx holding reported to the capital accounts at
        31.12. in the appropriation statement, this year and last year. The
        agency must report exactly one 7xxxxx holding.
    Why it matters:
        Both are the one balance recorded in the state's capital accounts;
        the chart-of-accounts statement specifies it line by line.
    Example:
        IMDi 2023: −13 829 542 (2023) and −12 066 773 (2022) in both places.
    Legal basis:
        R-115 (December 2022), both model statements; bestemmelsene punkt 3.7.1.
    """
    chart = ctx.accounts.chart
    total = chart.get("balance_total")
    holdings = [h for h in ctx.accounts.appropriation.holdings if h.is_balance]
    if len(holdings) != 1:
        ctx.add("holding.7xxxxx", "holding.count", location=ctx.accounts.appropriation.source, tolerance=EXACT,
                count=len(holdings))
        return
    holding = holdings[0]
    for column in ("current", "prior"):
        ctx.check_copy(line_key(ctx.accounts, chart, total, column),
                       line_subject(ctx.accounts, chart, total, column), total[column], getattr(holding, column),
                       phrase(APPROPRIATION_LINES["holdings"], same(holding.account),
                              same(str(ctx.accounts.column_year(column)))))


#: The sign each line of the mellomværende takes: receivables (+), liabilities (−). The lines for salary
#: (negative net, salary overpaid) and for bank differences may take either, and are not here.
BALANCE_SIGNS = {
    "receivables_employees": 1, "cash": 1, "bank_outside_norges_bank": 1,
    "tax_withholding": -1, "public_charges": -1, "pension_premium": -1, "advance_payments": -1,
}


@rule("MV-03",
      severity=Severity.WARNING, tolerance="none", references=(R115_CHART, BEST_3_7_1))
def mv03(ctx: RuleContext) -> None:
    """
    What it checks:
        In the overview of the mellomværende med statskassen, both years,
        each receivable (fordringer på ansatte, kontanter, bankkontoer
        utenfor Norges Bank) is zero or positive and each liability
        (skyldig skattetrekk, skyldige offentlige avgifter, avsatt
        pensjonspremie, mottatte forskuddsbetalinger) zero or negative. The
        salary line and the bank differences may take either sign.
    Why it matters:
        The balance is a signed sum; a liability printed positive still adds
        up when the total is printed from the same wrong figures, but turns a
        debt to the treasury into a claim on it.
    Example:
        IMDi 2023: fordringar på tilsette 179 406, skuldig skattetrekk
        −8 812 314; the latter printed as 8 812 314 would be a warning.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement
        (mellomværende: eiendeler positive, gjeld negative); bestemmelsene
        punkt 3.7.1.
    """
    chart = ctx.accounts.chart
    for line_id, sign in BALANCE_SIGNS.items():
        line = chart.get(line_id)
        if line is None:
            continue
        for column in ("current", "prior"):
            figure = line[column]
            if sign * figure.amount < 0:
                ctx.add(line_key(ctx.accounts, chart, line, column), "sign.expected", location=figure.source,
                        actual=figure.amount, subject=line_subject(ctx.accounts, chart, line, column),
                        figures=[FigureRef("reported", figure.value, figure.source, REPORTED)],
                        expected_sign=SIGN_WORDS[sign])
