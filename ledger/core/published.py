"""What a published annual report prints beyond the statements: its key figures and the figures its text quotes.

The readers of the report (``ledger/forms/published/``) fill it, and so may the YAML form's optional
``key_figures:`` section; the KF rules compare it with the accounts. A figure the reader restored (a sign the
extraction lost, which the statement's arithmetic proves) is listed too, so every output says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from ledger.core.accounts import Figure
from ledger.core.source import Source

#: The key figures avstem recomputes, by id (the KF rules and the YAML form's ``key_figures:`` use these ids).
KEY_FIGURE_IDS = ("employees", "fte_agreed", "fte_performed", "allocation_total", "utilisation",
                  "operating_expenses", "salary_share", "salary_per_fte", "consultant_share")


@dataclass(frozen=True)
class KeyFigure:
    """One row of the key-figure table: its label as printed, its unit, a figure per year."""

    id: str | None  # one of KEY_FIGURE_IDS, None for a row avstem does not recompute
    label: str
    unit: str  # "count", "kroner", "1000 kroner", "percent"
    values: Mapping[int, Figure]
    source: Source


@dataclass(frozen=True)
class KeyFigures:
    title: str
    figures: tuple[KeyFigure, ...]
    source: Source

    def get(self, figure_id: str) -> KeyFigure | None:
        return next((f for f in self.figures if f.id == figure_id), None)


@dataclass(frozen=True)
class Quote:
    """A figure the text quotes: «vel 22,8 mrd. kroner», «2 prosent», «228 årsverk».

    ``value`` is the figure in its unit (kroner, percent or årsverk); ``step`` the rounding the text uses
    (0,1 mrd. kroner is 100 000 000); ``qualifier`` the word that bends the interval («vel»: at or above,
    «i underkant av»: below, «om lag»: either side); ``topic`` the words that say what it is about
    (``ledger/vocabulary/quoted.py``), ``year`` a year the sentence names other than the accounts'.
    """

    sentence: str
    printed: str
    value: Decimal
    unit: str  # "kroner", "percent", "fte"
    step: Decimal
    qualifier: str  # "", "over", "under", "about"
    topic: str | None
    year: int | None
    source: Source


@dataclass(frozen=True)
class Restoration:
    """A figure read otherwise than the extracted text prints it, with the arithmetic that proves it."""

    table: str  # the layout id: chart, note2, …
    line_id: str | None
    label: str
    column: str
    printed: Decimal | None
    read: Decimal | None
    kind: str  # "sign": a lost minus; "confirmed sign": printed unsigned, subtracted as the total proves
    total_label: str
    total: Figure
    source: Source


@dataclass(frozen=True)
class Published:
    key_figures: KeyFigures | None = None
    quotes: tuple[Quote, ...] = ()
    restorations: tuple[Restoration, ...] = ()
    pages: str = ""  # the part of the report read: «118–129 of 150», or the lines of a text
