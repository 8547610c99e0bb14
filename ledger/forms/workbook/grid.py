"""One worksheet as a grid of cells, merged cells resolved.

A merged range shows its value once, in its top-left cell (the anchor); the
grid answers for every cell of the range with the anchor, so a heading
merged over two columns heads both and a chapter code merged down eight
rows belongs to each of them. A cell remembers its anchor's coordinate,
which is where its value is and what a finding names.

Values are the cached values Excel or LibreOffice saved. A formula saved
without one (a program that does not calculate, such as openpyxl, wrote the
file) is an :class:`Uncached` value: reading it is an input error.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Iterator

from ledger.core.accounts import Figure
from ledger.core.errors import InputError, PlacedValueError, reason
from ledger.core.money import from_excel_number, parse_amount
from ledger.core.source import Source, column_letter
from ledger.vocabulary.labels import Msg, msg

#: Larger merged ranges keep only their anchor (a whole sheet merged is not a layout).
_MAX_MERGED_AREA = 10_000


@dataclass(frozen=True, slots=True)
class Uncached:
    """A formula the file holds no calculated value for, or none that can be trusted (``why``: the reason, with
    the value ``saved``; see :mod:`ledger.forms.workbook.formulas`)."""

    formula: str
    why: str = ""
    saved: object = None


@dataclass(frozen=True, slots=True)
class Cell:
    """A non-empty cell: its anchor's row and column, the columns it spans, its value."""

    row: int
    col: int
    last_col: int
    value: object

    @property
    def coordinate(self) -> str:
        return f"{column_letter(self.col)}{self.row}"


def coordinate(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


class Grid:
    """The non-empty cells of one worksheet, by row."""

    def __init__(self, file: str, name: str, values: dict[tuple[int, int], object],
                 merged: list[tuple[int, int, int, int]]) -> None:
        self.file, self.name = file, name
        # row -> {column: Cell}; a merged cell appears in every row and column it covers
        self._rows: dict[int, dict[int, Cell]] = {}
        covered: set[tuple[int, int]] = set()
        for min_row, min_col, max_row, max_col in merged:
            value = values.get((min_row, min_col))
            if value is None or (max_row - min_row + 1) * (max_col - min_col + 1) > _MAX_MERGED_AREA:
                continue
            cell = Cell(min_row, min_col, max_col, value)
            for r in range(min_row, max_row + 1):
                row = self._rows.setdefault(r, {})
                for c in range(min_col, max_col + 1):
                    row[c] = cell
                    covered.add((r, c))
        for (r, c), value in values.items():
            if value is not None and (r, c) not in covered:
                self._rows.setdefault(r, {})[c] = Cell(r, c, c, value)

    # -- reading ------------------------------------------------------------------
    def rows(self, first: int = 1, last: int | None = None) -> Iterator[int]:
        """Row numbers with content, in order, between ``first`` and ``last``."""
        return (r for r in sorted(self._rows) if r >= first and (last is None or r <= last))

    def cells(self, row: int) -> list[Cell]:
        """The distinct cells of a row, left to right (a merged cell once)."""
        seen, out = set(), []
        for c in sorted(self._rows.get(row, {})):
            cell = self._rows[row][c]
            if id(cell) not in seen:
                seen.add(id(cell))
                out.append(cell)
        return out

    def at(self, row: int, col: int) -> Cell | None:
        return self._rows.get(row, {}).get(col)

    def in_span(self, row: int, first: int, last: int) -> list[Cell]:
        """The distinct cells of ``row`` that lie in columns ``first``…``last``."""
        out: list[Cell] = []
        for c in range(first, last + 1):
            cell = self.at(row, c)
            if cell is not None and cell not in out:
                out.append(cell)
        return out

    # -- places -------------------------------------------------------------------
    def source(self, row: int, col: int, path: str | None = None) -> Source:
        return Source(self.file, sheet=self.name, cell=coordinate(row, col), path=path)

    def place(self, row: int, col: int) -> str:
        return self.source(row, col).place

    def error(self, row: int, col: int, message: "str | Msg") -> InputError:
        return InputError(self.file, self.place(row, col), message)

    # -- values -------------------------------------------------------------------
    def check_calculated(self, cell: Cell) -> None:
        if isinstance(cell.value, Uncached):
            formula = f" ={cell.value.formula}" if cell.value.formula else ""  # the formula as written
            if cell.value.why:
                saved = as_text(cell.value.saved) if cell.value.saved is not None else None
                which = "input.workbook.formula_distrusted" if saved is None else "input.workbook.formula_distrusted_saved"
                raise self.error(cell.row, cell.col, msg(which, formula=formula, saved=saved, why=cell.value.why))
            raise self.error(cell.row, cell.col, msg("input.workbook.formula_uncalculated", formula=formula))

    def text(self, cell: Cell | None) -> str:
        """A cell as printed text, whitespace and line breaks collapsed ('' for no cell)."""
        if cell is None:
            return ""
        self.check_calculated(cell)
        return as_text(cell.value)

    def figure(self, cell: Cell | None, row: int, col: int, path: str) -> Figure:
        """The amount in ``cell`` (None: blank, placed at ``row``/``col``), converted once."""
        if cell is None:
            return Figure(None, self.source(row, col, path))
        self.check_calculated(cell)
        source = self.source(cell.row, cell.col, path)
        value = cell.value
        try:
            if isinstance(value, str):
                return Figure(parse_amount(value), source)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise PlacedValueError(msg("input.workbook.not_amount", value=as_text(value)))
            return Figure(from_excel_number(value), source)
        except PlacedValueError as exc:
            raise self.error(cell.row, cell.col, msg("input.workbook.bad_figure", detail=reason(exc))) from None


def as_text(value: object) -> str:
    """The printed form of a cell value: text collapsed, whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%d.%m.%Y")
    return str(value)


def is_text(cell: Cell | None) -> bool:
    """A cell holding words (not a number, not a figure typed as text)."""
    if cell is None or not isinstance(cell.value, str) or not cell.value.strip():
        return False
    try:
        parse_amount(cell.value)
    except PlacedValueError:
        return True
    return False
