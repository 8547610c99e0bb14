"""NB — Note B, brukte fullmakter og beregning av mulig overførbart beløp.

The column arithmetic of Note B. Whether the maximum and the transferable
amount follow R-2 is the T family's business.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import Figure, NoteBRow
from ledger.vocabulary.labels import COLUMNS, Text, phrase, same
from rules.context import REPORTED, RuleContext
from rules.findings import Computation, FigureRef, Severity, Tolerance
from rules.references import DFO_NOTE_B, R115_NOTE_B
from rules.registry import rule
from rules.subjects import NOTE_B, note_b_subject, note_key, post_subject
from rules.tolerance import EXACT


def record(ctx: RuleContext, key: str, subject: Text, reported: Figure, form: str, terms, expected: Decimal,
           tolerance: Tolerance = EXACT) -> None:
    """Record how a limit was computed where the reported figure keeps within it (a check ``compare`` would
    call a breach at any difference), so the report redoes the arithmetic for every row, pass or fail."""
    ctx.computations.append(Computation(
        ctx.rule.id, key, subject, FigureRef("reported", reported.value, reported.source), form,
        tuple((sign, FigureRef("term", f.value, f.source)) for sign, f in terms), expected, tolerance))


def _all_rows(ctx: RuleContext) -> tuple[NoteBRow, ...]:
    note = ctx.accounts.note_b
    return (*note.rows, *([note.total] if note.total else []))


@rule("NB-01",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, DFO_NOTE_B))
def nb01(ctx: RuleContext) -> None:
    """
    What it checks:
        Every row of Note B is an expense row of the appropriation statement,
        and its "Merutgift (-) / mindreutgift" is identical to that row's
        difference in the statement.
    Why it matters:
        Note B starts from the statement's difference; a different starting
        figure makes the whole transfer computation wrong.
    Example:
        IMDi 2023, 0671.60: 284 551 099 in Note B and in the statement.
    Legal basis:
        R-115 (December 2022), the model Note B; DFØ, "Utarbeide note B":
        the note starts from the lines of the appropriation statement.
    """
    statement = ctx.accounts.appropriation
    for row in ctx.accounts.note_b.rows:
        expense = statement.expense(row.key)
        if expense is None:
            ctx.add(f"note_b.{row.key}", "note_b.unknown_row", location=row.source, tolerance=EXACT,
                    post=str(row.key))
            continue
        ctx.check_copy(f"note_b.{row.key}.difference", note_b_subject(row, "expense_difference"), row.difference,
                       expense.difference, post_subject(row.key, "expense_difference"))


@rule("NB-02",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B,))
def nb02(ctx: RuleContext) -> None:
    """
    What it checks:
        On every row of Note B, "Merutgift (-) / mindreutgift etter avgitte
        belastningsfullmakter" equals "Merutgift (-) / mindreutgift" plus
        "Utgiftsført av andre iht. avgitte belastningsfullmakter (-)".
    Why it matters:
        What others spent on the agency's post under a given belastningsfullmakt
        is not in the agency's regnskap but uses its allocation; leaving it out
        overstates what may be transferred. Note B is arithmetic on printed
        figures, so it must hold exactly.
    Example:
        IMDi 2023, 0670.01: 6 084 865 + (blank) = 6 084 865.
    Legal basis:
        R-115 (December 2022), the model Note B.
    """
    for row in _all_rows(ctx):
        ctx.check_sum(f"note_b.{note_key(row)}.after_charged", note_b_subject(row, "after_charged"), row.after_charged,
                      [(1, row.difference, COLUMNS["expense_difference"]),
                       (1, row.charged_by_others, COLUMNS["charged_by_others"])], exact=True)


@rule("NB-03",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, DFO_NOTE_B))
def nb03(ctx: RuleContext) -> None:
    """
    What it checks:
        On every row of Note B, "Sum grunnlag for overføring" equals the
        difference after given belastningsfullmakter, plus merinntekter
        under a merinntektsfullmakt, plus omdisponering, plus innsparinger (-).
    Why it matters:
        The basis is what the transfer is computed from; each column is an
        authority the agency used and must be counted once.
    Example:
        IMDi 2023, 0671.45: 12 500 936 + 0 + 0 + 0 = 12 500 936.
    Legal basis:
        R-115 (December 2022), the model Note B; DFØ, "Utarbeide note B".
    """
    for row in _all_rows(ctx):
        ctx.check_sum(f"note_b.{note_key(row)}.basis", note_b_subject(row, "basis"), row.basis,
                      [(1, row.after_charged, COLUMNS["after_charged"]),
                       (1, row.additional_revenue, COLUMNS["additional_revenue"]),
                       (1, row.reallocation, COLUMNS["reallocation"]),
                       (1, row.savings, COLUMNS["savings"])], exact=True)


@rule("NB-04",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B, DFO_NOTE_B))
def nb04(ctx: RuleContext) -> None:
    """
    What it checks:
        On every row of Note B, "Mulig overførbart beløp" is at most the
        basis for transfer capped at "Maks. overførbart beløp", and not
        below zero: 0 ≤ transferable ≤ max(0, min(basis, maximum)). Less
        than that is lawful — an agency may ask for less, often rounded down
        to the thousand — and is T-05's to note (info, with both figures),
        not this rule's.
    Why it matters:
        This is the amount the agency tells its ministry it may carry over;
        more than the basis or the maximum is money the agency cannot have,
        and a negative amount is no transfer at all.
    Example:
        IMDi 2023, 0670.01: min(6 084 865, 18 692 450) = 6 084 865, as
        printed; 6 084 000 (rounded down) would pass, 6 084 965 would not.
    Legal basis:
        R-115 (December 2022), the model Note B and its footnote; Rundskriv R-2.
    """
    for row in ctx.accounts.note_b.rows:
        caps = [row.basis] if row.maximum.blank else [row.basis, row.maximum]
        cap = max(Decimal(0), min(f.amount for f in caps))
        reported = row.transferable.amount
        expected = cap if reported > cap else Decimal(0) if reported < 0 else None
        key, subject = f"note_b.{note_key(row)}.transferable", note_b_subject(row, "transferable")
        if expected is None:  # within the cap: lawful, recorded for the report
            record(ctx, key, subject, row.transferable, "capped", [(1, f) for f in caps], cap)
            continue
        computed = ("capped", [(1, f) for f in caps]) if expected == cap else ("sum", [])
        ctx.compare(key, subject, row.transferable, expected, EXACT,
                    [FigureRef("reported", row.transferable.value, row.transferable.source, REPORTED),
                     FigureRef("basis", row.basis.value, row.basis.source, COLUMNS["basis"]),
                     FigureRef("maximum", row.maximum.value, row.maximum.source, COLUMNS["maximum"])],
                    breach="transferable.breach" if expected == cap else "transferable.negative", computed=computed)


@rule("NB-05",
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTE_B,))
def nb05(ctx: RuleContext) -> None:
    """
    What it checks:
        "Utgiftsført av andre iht. avgitte belastningsfullmakter (-)" and
        "Innsparinger (-)" are zero or negative on every row.
    Why it matters:
        Both reduce the basis for transfer; a positive figure adds money that
        was spent by others or saved for next year's budget.
    Example:
        A given belastningsfullmakt of 250 000 used by another agency is
        entered as −250 000, not 250 000.
    Legal basis:
        R-115 (December 2022), the model Note B (column headings marked "(-)").
    """
    for row in _all_rows(ctx):
        for column in ("charged_by_others", "savings"):
            figure = getattr(row, column)
            if figure.amount > 0:
                ctx.add(f"note_b.{note_key(row)}.{column}", "sign.positive", location=figure.source,
                        actual=figure.amount, subject=note_b_subject(row, column))


@rule("NB-06",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_B,))
def nb06(ctx: RuleContext) -> None:
    """
    What it checks:
        Where Note B prints a total row, each amount column equals the sum of
        the rows.
    Why it matters:
        The total transferable amount is quoted in the management comments and
        in the letter to the ministry.
    Example:
        IMDi 2023 prints no total row; its rows' transferable amounts sum to
        303 136 900, which its management comments quote as "303,1 mill.".
    Legal basis:
        R-115 (December 2022), the model Note B.
    """
    note = ctx.accounts.note_b
    if note.total is None:
        return
    for column in NoteBRow.AMOUNT_COLUMNS:
        label = "expense_difference" if column == "difference" else column
        ctx.check_sum(f"note_b.total.{column}", phrase(NOTE_B, same("total"), COLUMNS[label]),
                      getattr(note.total, column), [(1, getattr(r, column), same(str(r.key))) for r in note.rows],
                      exact=True)
