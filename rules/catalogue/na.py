"""NA — Note A, forklaring av samlet tildeling."""

from __future__ import annotations

from ledger.vocabulary.labels import COLUMNS, WORKBOOK_LABELS, phrase, same
from rules.context import RuleContext
from rules.findings import Severity
from rules.references import R115_NOTE_A, R115_SAMLET_TILDELING
from rules.registry import rule
from rules.subjects import NOTE_A, note_key, post_subject


@rule("NA-01",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_A, R115_SAMLET_TILDELING))
def na01(ctx: RuleContext) -> None:
    """
    What it checks:
        On every row of Note A (and its total, if printed), "Samlet
        tildeling" equals "Overført fra i fjor" plus "Årets tildelinger",
        exactly: allocations and transfers are whole kroner, not rounded.
    Why it matters:
        Samlet tildeling is the appropriation the statement measures the
        accounts against; it must be explained by what was transferred from
        last year and what was allotted this year.
    Example:
        IMDi 2023, 0670.01: 10 917 000 + 362 932 000 = 373 849 000.
    Legal basis:
        R-115 (December 2022) punkt 4.6.2 (samlet tildeling) and the model
        Note A.
    """
    note = ctx.accounts.note_a
    for row in (*note.rows, *([note.total] if note.total else [])):
        ctx.check_sum(f"note_a.{note_key(row)}.total", phrase(NOTE_A, same(note_key(row)), COLUMNS["allocation"]),
                      row.total, [(1, row.transferred, COLUMNS["transferred"]),
                                  (1, row.allocated, COLUMNS["allocated"])], exact=True)


@rule("NA-02",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_A, R115_SAMLET_TILDELING))
def na02(ctx: RuleContext) -> None:
    """
    What it checks:
        For every kapittel/post in Note A, "Samlet tildeling" is identical to
        the same post's "Samlet tildeling" in the appropriation statement.
    Why it matters:
        Note A explains the statement's column; a figure that differs means
        one of them is not the allocation the agency received.
    Example:
        IMDi 2023, 0671.45: 72 345 000 in Note A and in the statement.
    Legal basis:
        R-115 (December 2022), the model Note A.
    """
    statement = ctx.accounts.appropriation
    for row in ctx.accounts.note_a.rows:
        expense = statement.expense(row.key)
        if expense is not None:
            ctx.check_copy(f"note_a.{row.key}.total", phrase(NOTE_A, same(str(row.key)), COLUMNS["allocation"]),
                           row.total, expense.allocation, post_subject(row.key, "allocation"))


@rule("NA-03",
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTE_A,))
def na03(ctx: RuleContext) -> None:
    """
    What it checks:
        Every expense row with a samlet tildeling other than zero has a row
        in Note A, and every row of Note A is an expense row of the statement.
    Why it matters:
        An allocation without its explanation, or an explanation of an
        allocation the statement does not show, leaves the reader unable to
        tell what the agency was given.
    Example:
        IMDi 2023: the twelve posts with a tildeling are in Note A; 0400.23
        (a received belastningsfullmakt) and 1633.01 have none and are not.
    Legal basis:
        R-115 (December 2022), the model Note A; DFØ: received and given
        belastningsfullmakter are not shown in Note A.
    """
    statement, note = ctx.accounts.appropriation, ctx.accounts.note_a
    for row in statement.expenses:
        if row.allocation.amount != 0 and note.row(row.key) is None:
            ctx.add(f"{row.key}", "note_a.missing_row", location=row.allocation.source, post=str(row.key),
                    actual=row.allocation.amount)
    for row in note.rows:
        if statement.expense(row.key) is None:
            ctx.add(f"note_a.{row.key}", "note_a.unknown_row", location=row.source, post=str(row.key))


@rule("NA-04",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_A,))
def na04(ctx: RuleContext) -> None:
    """
    What it checks:
        Where Note A prints a total row, each of its three columns equals the
        sum of the rows.
    Why it matters:
        The total is compared with the statement's "Sum utgiftsført"; a wrong
        total hides a missing or extra row.
    Example:
        IMDi 2023 prints no total row, so there is nothing to check; an agency
        that prints one with the rows 10 917 000 and 25 551 000 transferred
        must show 36 468 000.
    Legal basis:
        R-115 (December 2022), the model Note A.
    """
    note = ctx.accounts.note_a
    if note.total is None:
        return
    rows = note.summed_rows()  # a net post listed above its underposts counts once
    for column in ("transferred", "allocated", "total"):
        ctx.check_sum(f"note_a.total.{column}", phrase(NOTE_A, WORKBOOK_LABELS["total"], COLUMNS[
            "allocation" if column == "total" else column]), getattr(note.total, column),
            [(1, getattr(row, column), same(str(row.key))) for row in rows], exact=True)
