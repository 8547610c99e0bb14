"""Helpers for rules over line tables (the chart-of-accounts statement, notes 1–8).

Keys and subjects of line-table findings are made here, so every rule names
a line the same way: ``chart.net_reported[2022]``, ``note8.total[reported]``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from ledger.core.accounts import Accounts, Figure, Line, LineTable
from ledger.vocabulary.labels import COLUMNS, LANGUAGES, NOT_PRINTED, WORKBOOK_LABELS, Msg, Text, msg, phrase, same
from ledger.vocabulary.layout import SumDef
from rules.context import Part, RuleContext


def column_key(accounts: Accounts, column: str) -> str:
    """``2023``/``2022`` for the year columns, the column id otherwise."""
    return str(accounts.column_year(column)) if column in ("current", "prior") else column


def column_label(accounts: Accounts, column: str) -> Text:
    if column in ("current", "prior"):
        return same(str(accounts.column_year(column)))
    return COLUMNS[column]


def line_label(table: LineTable, line: Line) -> "Text | Msg":
    """The line's label; a total printed as a bare «Sum» (note 8 has five) named by its block: «Sum omløpsmidler»."""
    if not line.id:
        return same(line.label)
    definition = table.layout.line(line.id)
    if definition.role != "total" or definition.label != WORKBOOK_LABELS["total"]:
        return definition.label
    heading = table.layout.block(definition.block).heading
    if heading is None:
        return msg("line.grand_total")
    return msg("line.block_total", block=Text(*(_lower_first(heading(lang)) for lang in LANGUAGES)))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def line_key(accounts: Accounts, table: LineTable, line: Line, column: str) -> str:
    name = line.id or re.sub(r"\W+", "_", line.label.strip()).strip("_").lower()
    return f"{table.layout.id}.{name}[{column_key(accounts, column)}]"


def line_subject(accounts: Accounts, table: LineTable, line: Line, column: str) -> Text:
    return phrase(table.layout.title, line_label(table, line), column_label(accounts, column))


def sum_parts(table: LineTable, definition: SumDef, column: str) -> list[Part]:
    """The printed parts of a layout sum, with the signs the layout gives them."""
    return [(sign, line[column], line_label(table, line))
            for sign, line in definition.terms(table.lines, table.layout.sums)]


def check_table_sum(ctx: RuleContext, table: LineTable, total_id: str, columns: Iterable[str] | None = None) -> None:
    """Check one layout sum in every column (or the given ones)."""
    total = table.get(total_id)
    if total is None:  # an optional total not printed: nothing to check
        return
    definition = table.layout.sum_for(total_id)
    for column in columns or table.layout.columns:
        parts = sum_parts(table, definition, column)
        if not parts:  # a subtotal printed without its detail lines
            continue
        ctx.check_sum(line_key(ctx.accounts, table, total, column),
                      line_subject(ctx.accounts, table, total, column), total[column], parts)


def check_tie(ctx: RuleContext, table: LineTable, line_id: str, other: LineTable, other_id: str,
              columns: Iterable[str] = ("current", "prior")) -> None:
    """A note figure and the statement line it explains must be identical. A statement line the agency left
    out stands for zero (agencies leave out the optional lines that are zero): the note's figure is tied to
    0 there, or a note total whose line was dropped would be checked by nothing."""
    line, other_line = table.get(line_id), other.get(other_id)
    if line is None:
        return  # required lines are enforced by the reader; optional ones may be absent
    if other_line is None:
        subject = phrase(phrase(other.layout.title, other.layout.line(other_id).label), NOT_PRINTED, sep=" ")
        for column in columns:
            ctx.check_copy(line_key(ctx.accounts, table, line, column),
                           line_subject(ctx.accounts, table, line, column), line[column],
                           Figure(Decimal(0), other.source), subject)
        return
    for column in columns:
        ctx.check_copy(line_key(ctx.accounts, table, line, column),
                       line_subject(ctx.accounts, table, line, column),
                       line[column], other_line[column],
                       line_subject(ctx.accounts, other, other_line, column))

