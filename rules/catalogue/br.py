"""BR — Oppstilling av bevilgningsrapportering (the appropriation statement)."""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import (
    EXPENSE_CHAPTERS,
    REVENUE_CHAPTERS,
    AppropriationRow,
    Figure,
    TotalRow,
    chapter_range,
)
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, Text, money_text, msg, phrase, same
from rules.context import REPORTED, Part, RuleContext
from rules.findings import FigureRef, Kind, Severity
from rules.references import BEST_3_5, BEST_3_7_1, R115_APPROPRIATION, XBRL_CALC_1_1
from rules.registry import rule
from rules.subjects import APPROPRIATION, post_subject
from rules.tolerance import EXACT

_COLUMNS = ("allocation", "accounts", "difference")


def total_subject(which: str, column: str) -> Text:
    return phrase(APPROPRIATION, APPROPRIATION_LINES[which], COLUMNS[column])


def _difference_check(ctx: RuleContext, key: str, subject: Text, row: AppropriationRow | TotalRow,
                      sign: int, *, blank_allowed: bool) -> None:
    """difference = sign · (allocation − accounts); the allocation is whole kroner, not rounded."""
    if row.difference.blank and blank_allowed:
        return
    ctx.check_sum(key, subject, row.difference,
                  [(sign, row.allocation, COLUMNS["allocation"]), (-sign, row.accounts, COLUMNS["accounts"])],
                  whole=[row.allocation])


@rule("BR-01",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, XBRL_CALC_1_1))
def br01(ctx: RuleContext) -> None:
    """
    What it checks:
        For every expense row of the appropriation statement, and for the
        "Sum utgiftsført" row, the column "Merutgift (-) og mindreutgift"
        equals "Samlet tildeling" minus "Regnskap". The allocation is whole
        kroner, so only the two rounded figures give a tolerance (±1 kr); a
        blank difference on an expense row is checked as 0.
    Why it matters:
        The difference is what the ministry and Note B read as the unused
        or overspent appropriation; a wrong sign or a typo here carries into
        the transfer of unused appropriations.
    Example:
        IMDi 2023, 0671.21: 32 900 000 − 33 067 594 = −167 594, as printed.
    Legal basis:
        R-115 (December 2022), the model appropriation statement; the
        column is defined as samlet tildeling minus regnskap.
    """
    statement = ctx.accounts.appropriation
    for row in statement.expenses:
        _difference_check(ctx, f"{row.key}.difference", post_subject(row.key, "expense_difference"), row, 1,
                          blank_allowed=False)
    _difference_check(ctx, "appropriation.expense_total.difference",
                      total_subject("expense_total", "expense_difference"), statement.expense_total, 1,
                      blank_allowed=False)


@rule("BR-02",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, XBRL_CALC_1_1))
def br02(ctx: RuleContext) -> None:
    """
    What it checks:
        For every revenue row that prints "Merinntekt og mindreinntekt (-)",
        it equals "Regnskap" minus "Samlet tildeling". Agencies often fill the
        column only on the rows with an allocation; "Sum inntektsført" then
        prints it blank, or as the sum of the filled rows. So a printed total
        is checked against each reading it can stand for — regnskap minus
        samlet tildeling of the whole table, or the sum of the rows that
        print the column — and passes if either holds; where the column is
        filled only in part, an info says which reading held. (BR-04 checks
        the column's sum only where every row prints it.)
    Why it matters:
        Revenue above the allocation may be used under a merinntektsfullmakt;
        the sign convention is the opposite of the expense side and easy to
        get wrong.
    Example:
        A row with tildeling 1 000 000 and regnskap 1 250 000 must show
        250 000; with the other rows blank, the total may print 250 000 (the
        filled rows) or regnskap minus tildeling of the whole table. IMDi
        2023 leaves the column blank, which is not checked.
    Legal basis:
        R-115 (December 2022), the model appropriation statement, revenue part.
    """
    statement = ctx.accounts.appropriation
    for row in statement.revenues:
        _difference_check(ctx, f"{row.key}.difference", post_subject(row.key, "revenue_difference"), row, -1,
                          blank_allowed=True)
    total, rows = statement.revenue_total, statement.summed_revenues()
    key, subject = "appropriation.revenue_total.difference", total_subject("revenue_total", "revenue_difference")
    filled = [row for row in rows if not row.difference.blank]
    if total.difference.blank:
        return
    if not filled or len(filled) == len(rows):
        _difference_check(ctx, key, subject, total, -1, blank_allowed=True)
        return
    whole: list[Part] = [(1, total.accounts, COLUMNS["accounts"]), (-1, total.allocation, COLUMNS["allocation"])]
    parts: list[Part] = [(1, row.difference, same(str(row.key))) for row in filled]
    readings = ((_WHOLE, whole, ctx.sum_tolerance(total.difference, whole, whole=[total.allocation])),
                (_FILLED, parts, ctx.sum_tolerance(total.difference, parts)))
    for reading, terms, tolerance in readings:
        expected = sum((sign * f.amount for sign, f, _ in terms), Decimal(0))
        if tolerance.allows(total.difference.amount - expected):
            ctx.check_sum(key, subject, total.difference, terms, whole=[total.allocation])
            ctx.add(f"{key}.reading", "br.revenue_reading", kind=Kind.NOTE, severity=Severity.INFO,
                    location=total.difference.source, actual=total.difference.amount, expected=expected,
                    figures=[FigureRef("reported", total.difference.value, total.difference.source, REPORTED)],
                    subject=subject, reading=reading, filled=len(filled), rows=len(rows))
            return
    tolerance = readings[0][2]  # judged on the whole table, the reading the model defines
    expected = sum((sign * f.amount for sign, f, _ in whole), Decimal(0))
    other = sum((sign * f.amount for sign, f, _ in parts), Decimal(0))
    ctx.compare(key, subject, total.difference, expected, tolerance,
                [FigureRef("reported", total.difference.value, total.difference.source, REPORTED)]
                + [FigureRef(str(row.key), row.difference.value, row.difference.source) for row in filled],
                breach="br.revenue_total", computed=("sum", [(sign, f) for sign, f, _ in whole]),
                filled=len(filled), rows=len(rows), expected_filled=money_text(other))


_WHOLE = msg("br.reading.whole")
_FILLED = msg("br.reading.filled")


def _column_sums(ctx: RuleContext, rows: tuple[AppropriationRow, ...], total: TotalRow, which: str,
                 difference_column: str, *, partial_difference: bool = False) -> None:
    """Each column's total against the sum of its rows. ``partial_difference``: a difference column that
    rows may leave blank is summed only where every row prints it (BR-02 judges a partly filled one)."""
    for column in _COLUMNS:
        reported: Figure = getattr(total, column)
        figures = [getattr(row, column) for row in rows]
        if reported.blank and all(f.blank for f in figures):
            continue  # a column the statement does not fill
        if column == "difference" and partial_difference and any(f.blank for f in figures):
            continue  # filled in part: the total stands for the filled rows or the whole table (BR-02)
        label = difference_column if column == "difference" else column
        ctx.check_sum(f"appropriation.{which}.{column}", total_subject(which, label),
                      reported, [(1, f, same(str(row.key))) for row, f in zip(rows, figures)],
                      exact=column == "allocation")  # allocations are whole kroner, not rounded


@rule("BR-03",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, XBRL_CALC_1_1))
def br03(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum utgiftsført" equals the sum of the expense rows in each of the
        three columns (samlet tildeling, regnskap, merutgift/mindreutgift).
        Allocations are whole kroner, so their column must add up exactly.
    Why it matters:
        The total is what the ministry compares with its own figures and what
        "Netto rapportert" is built from.
    Example:
        IMDi 2023: the 14 rows of regnskap sum to 22 354 225 180, as printed.
    Legal basis:
        R-115 (December 2022), the model appropriation statement.
    """
    s = ctx.accounts.appropriation
    # a net post printed above its underposts is one amount printed twice: counted once
    _column_sums(ctx, s.summed_expenses(), s.expense_total, "expense_total", "expense_difference")


@rule("BR-04",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, XBRL_CALC_1_1))
def br04(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum inntektsført" equals the sum of the revenue rows in each column
        the statement fills; the "Merinntekt og mindreinntekt (-)" column
        only where every row prints it (a column filled in part is BR-02's:
        its total may stand for the filled rows or the whole table).
    Why it matters:
        Revenue is netted against expenses in "Netto rapportert"; a wrong
        total misstates what the agency reported to statsregnskapet.
    Example:
        IMDi 2023: 0 + 27 845 273 + 27 123 142 = 54 968 415, as printed.
    Legal basis:
        R-115 (December 2022), the model appropriation statement.
    """
    s = ctx.accounts.appropriation
    _column_sums(ctx, s.summed_revenues(), s.revenue_total, "revenue_total", "revenue_difference", partial_difference=True)


@rule("BR-05",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, XBRL_CALC_1_1))
def br05(ctx: RuleContext) -> None:
    """
    What it checks:
        "Netto rapportert til bevilgningsregnskapet" equals "Sum utgiftsført"
        minus "Sum inntektsført", regnskap column.
    Why it matters:
        Netto rapportert is the one figure that must be identical in both
        statements and that the capital accounts balance against.
    Example:
        IMDi 2023: 22 354 225 180 − 54 968 415 = 22 299 256 765; printed
        22 299 256 766 — a one-krone rounding difference (info).
    Legal basis:
        R-115 (December 2022), the model appropriation statement.
    """
    s = ctx.accounts.appropriation
    ctx.check_sum("appropriation.net_reported", phrase(APPROPRIATION, APPROPRIATION_LINES["net_reported"]),
                  s.net_reported,
                  [(1, s.expense_total.accounts, APPROPRIATION_LINES["expense_total"]),
                   (-1, s.revenue_total.accounts, APPROPRIATION_LINES["revenue_total"])])


@rule("BR-06",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, BEST_3_7_1))
def br06(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum rapportert" equals "Netto rapportert til bevilgningsregnskapet"
        plus every capital-account line (Norges Bank KK innbetalinger and
        utbetalinger, endring i mellomværende med statskassen).
    Why it matters:
        Under the group account scheme every krone the agency spends or
        receives passes through its settlement accounts; the statement proves
        it by showing that the capital accounts offset netto rapportert.
    Example:
        IMDi 2023: 22 299 256 766 + 43 190 863 − 22 340 684 860 − 1 762 769 = 0.
    Legal basis:
        R-115 (December 2022), the model appropriation statement; bestemmelsene
        punkt 3.7.1 (statens konsernkontoordning).
    """
    s = ctx.accounts.appropriation
    parts = [(1, s.net_reported, APPROPRIATION_LINES["net_reported"])]
    parts += [(1, line.amount, same(f"{line.account} {line.text}")) for line in s.capital_lines]
    ctx.check_sum("appropriation.sum_reported", phrase(APPROPRIATION, APPROPRIATION_LINES["sum_reported"]),
                  s.sum_reported, parts)


@rule("BR-07",
      severity=Severity.ERROR, tolerance="exact", references=(R115_APPROPRIATION, BEST_3_5))
def br07(ctx: RuleContext) -> None:
    """
    What it checks:
        The printed "Sum rapportert" is exactly 0.
    Why it matters:
        A non-zero sum means that what was reported to the appropriation
        accounts and to the capital accounts does not balance: something was
        reported on one side only.
    Example:
        IMDi 2023 prints 0; a statement printing 100 here has reported 100 kr
        more on one side than the other.
    Legal basis:
        R-115 (December 2022), the model appropriation statement; bestemmelsene
        punkt 3.5 (reporting to statsregnskapet).
    """
    s = ctx.accounts.appropriation
    ctx.compare("appropriation.sum_reported.zero", phrase(APPROPRIATION, APPROPRIATION_LINES["sum_reported"]),
                s.sum_reported, Decimal(0), EXACT, breach="zero.breach")


@rule("BR-08",
      severity=Severity.ERROR, tolerance="interval", references=(R115_APPROPRIATION, XBRL_CALC_1_1))
def br08(ctx: RuleContext) -> None:
    """
    What it checks:
        For every holding reported to the capital accounts (31.12.), the
        "Endring" column equals this year's balance minus last year's.
    Why it matters:
        The change is what enters the capital accounts above; a wrong change
        breaks the balance of the whole statement.
    Example:
        IMDi 2023, 705005: −13 829 542 − (−12 066 773) = −1 762 769.
    Legal basis:
        R-115 (December 2022), the model appropriation statement, holdings part.
    """
    year = ctx.accounts.year
    for h in ctx.accounts.appropriation.holdings:
        ctx.check_sum(f"holding.{h.account}.change", phrase(APPROPRIATION, same(f"{h.account} {h.text}"), COLUMNS["change"]),
                      h.change, [(1, h.current, same(str(year))), (-1, h.prior, same(str(year - 1)))])


@rule("BR-09",
      severity=Severity.ERROR, tolerance="exact", references=(R115_APPROPRIATION, BEST_3_7_1))
def br09(ctx: RuleContext) -> None:
    """
    What it checks:
        The capital-account line "Endring i mellomværende med statskassen"
        (a 7xxxxx account) equals the "Endring" of the same account among the
        holdings at 31.12.; each such line has its holding and each 7xxxxx
        holding has its capital-account line.
    Why it matters:
        It is one figure printed twice; if they differ, one of them is not
        what was reported to the capital accounts.
    Example:
        IMDi 2023: 705005 −1 762 769 in both places.
    Legal basis:
        R-115 (December 2022), the model appropriation statement.
    """
    s = ctx.accounts.appropriation
    holdings = {h.account: h for h in s.holdings if h.is_balance}
    changes = {c.account: c for c in s.capital_lines if c.is_balance_change}
    for account, line in changes.items():
        holding = holdings.get(account)
        if holding is None:
            ctx.add(f"capital.{account}", "holding.missing", location=line.source, tolerance=EXACT, account=account)
            continue
        ctx.check_copy(f"capital.{account}", phrase(APPROPRIATION, same(f"{account} {line.text}")), line.amount,
                       holding.change, phrase(APPROPRIATION_LINES["holdings"], same(account), COLUMNS["change"]))
    for account, holding in holdings.items():
        if account not in changes:
            ctx.add(f"holding.{account}", "capital_line.missing", location=holding.source, tolerance=EXACT,
                    account=account)


@rule("BR-10",
      severity=Severity.WARNING, tolerance="none", references=(R115_APPROPRIATION,))
def br10(ctx: RuleContext) -> None:
    """
    What it checks:
        Expense rows use expense chapters (0001–2999) and revenue rows use
        revenue chapters (3000–5999), as the state's chart of accounts numbers
        them.
    Why it matters:
        A row in the wrong part of the statement changes sum utgiftsført,
        sum inntektsført and every check built on them.
    Example:
        IMDi 2023: expense rows 0400–1633, revenue rows 3670, 5309, 5700.
    Legal basis:
        R-115 (December 2022), the model appropriation statement; the chapter
        ranges of the state budget (statsbudsjettets kontoplan, R-101).
    """
    s = ctx.accounts.appropriation
    for row in s.expenses:
        if not row.key.is_expense:
            ctx.add(f"{row.key}", "chapter.expense_range", location=row.source, post=str(row.key),
                    chapters=chapter_range(EXPENSE_CHAPTERS))
    for row in s.revenues:
        if not row.key.is_revenue:
            ctx.add(f"{row.key}", "chapter.revenue_range", location=row.source, post=str(row.key),
                    chapters=chapter_range(REVENUE_CHAPTERS))


#: The settlement accounts with Norges Bank, by the word their text begins with: payments in are entered
#: positive, payments out negative (the model statement's «(+)» and «(−)»).
_SETTLEMENT_SIGNS = (("innbetal", 1), ("utbetal", -1))


@rule("BR-11",
      severity=Severity.WARNING, tolerance="none", references=(R115_APPROPRIATION, BEST_3_7_1))
def br11(ctx: RuleContext) -> None:
    """
    What it checks:
        Among the capital accounts, a Norges Bank KK line for innbetalinger
        is zero or positive and one for utbetalinger zero or negative (the
        line's text says which; the change in mellomværende may take either
        sign).
    Why it matters:
        A settlement line with the wrong sign still lets "Sum rapportert"
        come to 0 when another line is wrong by the same amount; the signs
        are what the cash identity (netto rapportert = utbetalinger −
        innbetalinger − endring i mellomværende) rests on. A warning: the
        sum itself is BR-06's.
    Example:
        IMDi 2023: 60088701 innbetalingar 43 190 863 and 60088702
        utbetalingar −22 340 684 860; utbetalingar printed as a positive
        figure would be a warning.
    Legal basis:
        R-115 (December 2022), the model appropriation statement
        (kapitalkontoer); bestemmelsene punkt 3.7.1 (the group account
        scheme).
    """
    for line in ctx.accounts.appropriation.capital_lines:
        if line.is_balance_change:
            continue
        text = line.text.casefold()
        sign = next((sign for word, sign in _SETTLEMENT_SIGNS if word in text), 0)
        if sign * line.amount.amount < 0:
            ctx.add(f"capital.{line.account}.sign", "sign.expected", location=line.amount.source,
                    actual=line.amount.amount, subject=phrase(APPROPRIATION, same(f"{line.account} {line.text}")),
                    figures=[FigureRef("reported", line.amount.value, line.amount.source, REPORTED)],
                    expected_sign=SIGN_WORDS[sign])


#: How a sign is named in a message.
SIGN_WORDS = {1: msg("sign.zero_or_positive"), -1: msg("sign.zero_or_negative")}
