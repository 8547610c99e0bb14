"""DQ — data quality of a ledger import (the great-expectations suite's results)."""

from __future__ import annotations

from ledger.core.errors import PlacedValueError
from ledger.core.money import parse_amount
from ledger.general_ledger.model import Ledger, QualityResult, field_of
from ledger.vocabulary.labels import msg
from ledger.vocabulary.ledger_fields import LEDGER_FIELDS
from rules.context import RuleContext
from rules.findings import Severity
from rules.references import BEST_3_4_2, BEST_3_5, DFO_KONTOPLAN, R101
from rules.registry import rule


def _report(ctx: RuleContext, *checks: str, message: str = "dq.lines") -> None:
    """One finding per failed expectation: how many lines, the first of them, their values."""
    ledger = ctx.ledger
    for result in ledger.quality:
        if result.check not in checks or result.success:
            continue
        if result.error:
            ctx.add(result.column, "dq.error", location=ledger.info.source(2), column=result.column,
                    error=result.error)
            continue
        _lines(ctx, ledger, result, message)


def _lines(ctx: RuleContext, ledger: Ledger, result: QualityResult, message: str, **params) -> None:
    name = field_of(result.column)
    heading = ledger.info.columns.get(name, name)
    rows = ", ".join(str(r) for r in result.rows) + (" …" if result.unexpected > len(result.rows) else "")
    samples = ", ".join(repr(s) for s in result.samples)
    location = ledger.info.source(result.rows[0], name) if result.rows else ledger.info.source(2, name)
    ctx.add("duplicates" if result.check == "duplicates" else name, message, location=location, count=result.unexpected, column=heading, rows=rows,
            samples=samples, year=ledger.year, **params)


@rule("DQ-01",
      severity=Severity.ERROR, tolerance="none", references=(BEST_3_5, R101), needs="ledger")
def dq01(ctx: RuleContext) -> None:
    """
    What it checks:
        The ledger export has a column for each of account (konto), kapittel,
        post and amount (beløp), recognised by its heading ("Konto", "Kap",
        "Beløp", …) or named in avstem.toml under [ledger.columns].
    Why it matters:
        Without these four nothing can be reconciled: the appropriation
        statement is summed by kapittel/post, the chart-of-accounts statement
        by account, both from the amounts.
    Example:
        An export whose amount column is headed "Saldo i NOK" is not
        recognised: DQ-01 names the missing field; map it with
        `amount = "Saldo i NOK"` under [ledger.columns].
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.5 (reporting by
        kapittel/post and by account); R-101 Statens kontoplan.
    """
    ledger = ctx.ledger
    headings = ", ".join(repr(h) for h in ledger.info.columns.values()) or "–"
    unused = ledger.info.unused
    for result in ledger.result("columns"):
        if not result.success:
            # the headings that fed no field are where a missing field usually is: name them, and the setting
            example = f'{result.column} = "{unused[0]}"' if unused else f'{result.column} = "…"'
            ctx.add(result.column, "dq.column_missing" if unused else "dq.column_missing.all_used",
                    location=ledger.info.source(1), field=LEDGER_FIELDS[result.column], headings=headings,
                    unused=", ".join(repr(h) for h in unused), example=example)


@rule("DQ-02",
      severity=Severity.ERROR, tolerance="none", references=(DFO_KONTOPLAN,), needs="ledger")
def dq02(ctx: RuleContext) -> None:
    """
    What it checks:
        Every account is a four-digit account of the standard kontoplan for
        statlige virksomheter, or a sub-account of up to six digits under one,
        written as text (leading zeros kept).
    Why it matters:
        The chart-of-accounts statement is derived by mapping each account to
        a statement line; an account like "12a4" or "670" cannot be mapped
        and its amount would fall out of the statement.
    Example:
        Line 17 with account "12a4": DQ-02 error naming line 17 and the value.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.5 and DFØ's standard
        kontoplan for statlige virksomheter.
    """
    _report(ctx, "account_format", message="dq.account_format")


@rule("DQ-03",
      severity=Severity.ERROR, tolerance="none", references=(R101, BEST_3_5), needs="ledger")
def dq03(ctx: RuleContext) -> None:
    """
    What it checks:
        Every kapittel is four digits and every post two, as text with their
        leading zeros ("0670", "01").
    Why it matters:
        A spreadsheet that turned "0670" into 670 or "01" into 1 splits one
        statskonto in two and the appropriation statement no longer
        reconciles; the import must catch it at the line where it happened.
    Example:
        Line 40 with post "1": DQ-03 error naming line 40 and the value "1".
    Legal basis:
        R-101 Statens kontoplan (kapittel and post); bestemmelsene punkt 3.5.
    """
    _report(ctx, "chapter_format", "post_format", message="dq.key_format")


@rule("DQ-04",
      severity=Severity.ERROR, tolerance="none", references=(BEST_3_4_2,), needs="ledger")
def dq04(ctx: RuleContext) -> None:
    """
    What it checks:
        Every line has an amount in kroner and øre that the money parser
        reads: Norwegian or machine conventions (space or dot thousands
        separators, decimal comma or point), at most two decimals.
    Why it matters:
        An amount that is not read is an amount missing from every sum: the
        statements derived from the ledger would be wrong by it.
    Example:
        Line 23 with "1.234,567" (three decimals): DQ-04 error naming line
        23, the value and why it was refused.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.4.2 (fullstendighet:
        all reported expenses and revenues).
    """
    ledger = ctx.ledger
    for result in ledger.result("amount_parses"):
        if not result.success:
            why = msg("dq.amount.blank")
            if result.samples:
                try:
                    parse_amount(result.samples[0])
                except PlacedValueError as exc:
                    why = exc.message  # the grammar's reason, said in the report's language
            _lines(ctx, ledger, result, "dq.amount", why=why)


@rule("DQ-05",
      severity=Severity.ERROR, tolerance="none", references=(BEST_3_4_2,), needs="ledger")
def dq05(ctx: RuleContext) -> None:
    """
    What it checks:
        Every date (dd.mm.yyyy or yyyy-mm-dd) falls in the fiscal year and
        every period is that year's (month 00 for opening balances to 13
        for closing entries). The year is the accounts' year, or given with
        --year, or else the year most dates fall in (then said to be
        inferred).
    Why it matters:
        The annual accounts cover the calendar year (bestemmelsene 3.4.2); a
        posting dated in another year belongs to another year's accounts.
    Example:
        Line 61 dated 31.12.2022 in the 2023 ledger: DQ-05 error naming line
        61 and the date.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.4.2 (the accounts
        follow the calendar year).
    """
    _report(ctx, "in_year", message="dq.in_year")


@rule("DQ-06",
      severity=Severity.ERROR, tolerance="none", references=(BEST_3_5, BEST_3_4_2), needs="ledger")
def dq06(ctx: RuleContext) -> None:
    """
    What it checks:
        Every line has an account, and every line on an account reported to
        the appropriation accounts (any account but the mellomværende and
        the unreported balance accounts) has a kapittel and a post.
    Why it matters:
        A reported transaction without kapittel/post cannot appear in the
        appropriation statement: the two statements would then disagree. It
        is reported here, never silently dropped (LG-06 shows its amount).
    Example:
        Line 40 on account 6300 with an empty post: DQ-06 error naming line 40.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.5 (reporting by
        kapittel/post) and 3.4.2 (fullstendighet).
    """
    _report(ctx, "empty_key", message="dq.empty_key")


@rule("DQ-07",
      severity=Severity.WARNING, tolerance="none", references=(BEST_3_4_2,), needs="ledger")
def dq07(ctx: RuleContext) -> None:
    """
    What it checks:
        No two lines are identical in every column read (voucher, date,
        period, account, kapittel, post, department, text and amount).
    Why it matters:
        An export run twice over the same period, or a voucher posted twice,
        doubles amounts. A warning, not an error: a voucher may legitimately
        hold two identical lines; look at the lines named.
    Example:
        Line 12 repeated as line 1002: DQ-07 warning naming both lines.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.4.2 (the accounts show
        each transaction once).
    """
    _report(ctx, "duplicates", message="dq.duplicates")
