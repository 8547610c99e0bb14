"""PY — the prior year: comparatives and last year's transfer.

These rules need last year's figures (``avstem check … --prior FILE``):
last year's accounts, or a comparatives file with the prior-year columns
printed in this year's accounts.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import Line, LineTable
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, money_text, msg, normalise, phrase, same
from rules.context import RuleContext
from rules.findings import FigureRef, Kind, Severity
from rules.lines import line_key, line_subject
from rules.references import R2, R110, R115_CHART, R115_NOTE_A, R115_NOTE_B, R115_NOTES
from rules.registry import rule
from rules.subjects import APPROPRIATION, NOTE_A, note_b_subject
from rules.tolerance import EXACT
from rules.transfer import ADVANCE_POSTS

_LAST_YEAR = msg("py.last_year_accounts")


def _match(last: LineTable, line: Line) -> Line | None:
    if line.id is not None:
        return last.get(line.id)
    label = normalise(line.label)
    return next((x for x in last.lines if x.id is None and x.block == line.block and normalise(x.label) == label),
                None)


def _compare_table(ctx: RuleContext, table_id: str) -> None:
    this, last = ctx.accounts.table(table_id), ctx.prior.tables.get(table_id)
    if last is None:
        return
    for line in this.lines:
        if line.role == "memo":
            continue  # årsverk and premium rate are not money and not always restated
        figure = line["prior"]
        match = _match(last, line)
        key = line_key(ctx.accounts, this, line, "prior")
        subject = line_subject(ctx.accounts, this, line, "prior")
        if match is None:
            if figure.amount != 0:
                ctx.add(key, "py.missing_line", location=figure.source, actual=figure.amount, tolerance=EXACT,
                        subject=subject, file=ctx.prior.file)
            continue
        ctx.check_copy(key, subject, figure, match["current"], phrase(_LAST_YEAR, same(str(ctx.prior.year))))


@rule("PY-01",
      severity=Severity.ERROR, tolerance="exact", references=(R115_CHART,), needs="prior")
def py01(ctx: RuleContext) -> None:
    """
    What it checks:
        Every figure in the prior-year column of the chart-of-accounts
        statement is identical to the same line in last year's published
        statement (lines matched by their id; agency-specific lines by their
        label within the block).
    Why it matters:
        The comparative column is last year's published accounts, not a
        new version of them; a difference means last year's figures were
        changed without saying so, or this year's column was mistyped.
    Example:
        IMDi 2023 prints 12 976 155 520 as netto rapportert for 2022; the
        2022 column must hold exactly that.
    Legal basis:
        R-115 (December 2022): comparative figures for the previous year in
        the chart-of-accounts statement (required since R-115 of 2016).
    """
    _compare_table(ctx, "chart")


@rule("PY-02",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTES,), needs="prior")
def py02(ctx: RuleContext) -> None:
    """
    What it checks:
        Every figure in the prior-year column of notes 1–7 is identical to
        the same line of last year's published note.
    Why it matters:
        As for the statement: a note's comparatives are last year's
        published note.
    Example:
        IMDi 2023, note 2, 2022: lønn 174 904 332 must be what the 2022
        accounts published.
    Legal basis:
        R-115 (December 2022): comparative figures «for relevante
        regnskapslinjer i regnskapsoppstillingene og noter».
    """
    for note in ("note1", "note2", "note3", "note4", "note5", "note6", "note7"):
        _compare_table(ctx, note)


@rule("PY-03",
      severity=Severity.ERROR, tolerance="exact", references=(R115_CHART,), needs="prior")
def py03(ctx: RuleContext) -> None:
    """
    What it checks:
        The prior-year figure of every holding reported to the capital
        accounts (the 7xxxxx mellomværende, shares) is identical to the
        holding last year's accounts reported at 31.12.
    Why it matters:
        The change in the balance with the treasury is computed from it; a
        wrong opening balance makes this year's change wrong.
    Example:
        IMDi 2023: 705005 −12 066 773 for 2022, as reported at 31.12.2022.
    Legal basis:
        R-115 (December 2022), the model appropriation statement (holdings
        this year and last year).
    """
    last = {h.account: h for h in ctx.prior.holdings}
    for holding in ctx.accounts.appropriation.holdings:
        key = f"holding.{holding.account}.prior"
        subject = phrase(APPROPRIATION, APPROPRIATION_LINES["holdings"], same(f"{holding.account} {holding.text}"),
                         same(str(ctx.accounts.year - 1)))
        match = last.get(holding.account)
        if match is None:
            if holding.prior.amount != 0:
                ctx.add(key, "py.missing_line", location=holding.prior.source, actual=holding.prior.amount,
                        tolerance=EXACT, subject=subject, file=ctx.prior.file)
            continue
        ctx.check_copy(key, subject, holding.prior, match.current, phrase(_LAST_YEAR, same(str(ctx.prior.year))))


@rule("PY-04",
      severity=Severity.WARNING, tolerance="none", references=(R115_NOTE_A, R2), parameters=("transfer.decision_unit",),
      needs="prior")
def py04(ctx: RuleContext) -> None:
    """
    What it checks:
        Note A's "Overført fra i fjor" for every post against last year's
        Note B "Mulig overførbart beløp" for the same post. The ministry's
        transfer decision binds, not last year's note, so every difference is
        at most a warning naming both figures: more than last year's amount
        (a transfer on a post last year's Note B does not list included), or
        less (a lower decision) — unless it is last year's amount rounded
        down to whole thousands (the parameter transfer.decision_unit),
        which is info. Where last year's Note B is not given, each transfer
        is reported as not verifiable (info).
    Why it matters:
        The transfer is decided by the ministry on the basis of last year's
        Note B; a transfer larger than the note asked for needs a decision
        that says so (the ministry may have corrected the note), and one the
        auditor should see.
    Example:
        IMDi 2023 shows 10 917 000 transferred to 0670.01 and 25 551 000 to
        0671.45; the 2022 Note B is not printed in the 2023 report, so with
        the comparatives file these are not verifiable (info). Against a
        2022 Note B of 10 000 000 on 0670.01 the 10 917 000 is a warning.
    Legal basis:
        R-115 (December 2022), the model Note A («Overført fra i fjor»);
        Bevilgningsreglementet § 5 and the annual circular R-2 (the ministry
        decides the transfer).
    """
    prior = ctx.prior
    for row in ctx.accounts.note_a.rows:
        transferred = row.transferred
        key = f"note_a.{row.key}.transferred"
        subject = phrase(NOTE_A, same(str(row.key)), COLUMNS["transferred"])
        figures = [FigureRef("reported", transferred.value, transferred.source)]
        if prior.transfers is None:
            if transferred.amount != 0:
                ctx.add(key, "py.transfer.unknown", kind=Kind.NOTE, severity=Severity.INFO,
                        location=transferred.source, actual=transferred.amount, figures=figures, subject=subject,
                        file=prior.file)
            continue
        last = prior.transfers.get(row.key)
        allowed = last.amount if last is not None else Decimal(0)
        if last is not None:
            figures.append(FigureRef("last year's Note B", last.value, last.source))
        if transferred.amount > allowed:
            ctx.add(key, "py.transfer.higher", severity=Severity.WARNING, location=transferred.source,
                    actual=transferred.amount, expected=allowed, figures=figures, subject=subject)
        elif transferred.amount < allowed:
            unit = ctx.decimal("transfer.decision_unit")
            if allowed - transferred.amount < unit and transferred.amount % unit == 0:  # rounded down, not cut
                ctx.add(key, "py.transfer.rounded", kind=Kind.NOTE, severity=Severity.INFO,
                        location=transferred.source, actual=transferred.amount, expected=allowed, figures=figures,
                        subject=subject, unit=unit)
            else:
                ctx.add(key, "py.transfer.lower", severity=Severity.WARNING, location=transferred.source,
                        actual=transferred.amount, expected=allowed, figures=figures, subject=subject)


@rule("PY-05",
      severity=Severity.WARNING, tolerance="none", references=(R115_CHART,), needs="prior")
def py05(ctx: RuleContext) -> None:
    """
    What it checks:
        Last year's figures name the same agency (by name or short name,
        compared without case and spacing) as this year's accounts.
    Why it matters:
        Comparing with another agency's accounts proves nothing; after a
        merger or a change of name the comparatives need an explanation.
    Example:
        IMDi 2023 against the IMDi 2022 comparatives: the same agency.
    Legal basis:
        R-115 (December 2022): the comparatives are the agency's own
        figures for the previous year.
    """
    this, last = ctx.accounts.agency, ctx.prior.agency
    names = {normalise(this.name), normalise(this.short_name)}
    if not names & {normalise(last.name), normalise(last.short_name)}:
        ctx.add("prior.agency", "py.agency", location=None, agency=this.name, prior_agency=last.name,
                file=ctx.prior.file)


@rule("PY-06",
      severity=Severity.WARNING, tolerance="exact", references=(R110, R115_NOTE_B), needs="prior")
def py06(ctx: RuleContext) -> None:
    """
    What it checks:
        Where last year's Note B shows an overskridelse of post 01 or 21
        against this year's appropriation (+X in its omdisponering column),
        this year's Note B shows at least X in innsparinger (−) on the same
        post; less is a warning naming both figures. Where last year's Note B
        omdisponering column is not given and this year's Note B shows
        innsparinger, they are reported as not verifiable (info).
    Why it matters:
        The overskridelse spent this year's money last year; the fullmakt
        holds only if it is saved this year. A warning, not an error: a
        decision may spread the innsparing (an overskridelse for investment
        purposes may be saved over the three following years).
    Example:
        Had IMDi's 2022 Note B shown +1 000 000 on 0670.01 «til post 01/21
        fra neste års bevilgning», its 2023 Note B would need −1 000 000 in
        innsparinger on 0670.01; it shows none, so that would be a warning.
    Legal basis:
        R-110 Fullmakter i henhold til bevilgningsreglementet (20.06.2023):
        overskridelse av driftsbevilgninger mot tilsvarende innsparing;
        R-115 (December 2022), the model Note B («Innsparinger (-)»).
    """
    prior, note_b = ctx.prior, ctx.accounts.note_b
    if prior.reallocations is None:
        for row in note_b.rows:
            if row.savings.amount < 0:
                ctx.add(f"note_b.{row.key}.savings", "py.advance.unknown", kind=Kind.NOTE, severity=Severity.INFO,
                        location=row.savings.source, actual=row.savings.amount,
                        figures=[FigureRef("reported", row.savings.value, row.savings.source)],
                        subject=note_b_subject(row, "savings"), file=prior.file)
        return
    for key, advance in prior.reallocations.items():
        if key.post not in ADVANCE_POSTS or advance.amount <= 0:
            continue
        row = note_b.row(key)
        saved = row.savings if row is not None else None
        figures = [FigureRef("last year's omdisponering", advance.value, advance.source)]
        if saved is None:
            ctx.add(f"note_b.{key}.savings", "py.advance.no_row", location=advance.source, actual=None,
                    expected=-advance.amount, figures=figures, tolerance=EXACT, post=str(key),
                    advance=money_text(advance.amount), file=prior.file)
        elif saved.amount > -advance.amount:
            ctx.compare(f"note_b.{key}.savings", note_b_subject(row, "savings"), saved, -advance.amount, EXACT,
                        [FigureRef("reported", saved.value, saved.source)] + figures, breach="py.advance.unsaved",
                        computed=("sum", ((-1, advance),)), advance=money_text(advance.amount), file=prior.file)

