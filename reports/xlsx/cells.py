"""Every value enters the workbook through :class:`Sheet`; :class:`CellMap`
knows which cell shows which figure of the accounts.

Text is always stored as text: a label that came from the input and starts
with ``=``, ``+``, ``-`` or ``@`` stays an inert string (its cell type is set
to string explicitly, and Excel's quote prefix is set so that editing the
cell does not turn it into a formula either). Only :meth:`Sheet.formula`
writes formulas, and only avstem builds them.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from reports.safe_text import visible
from reports.xlsx import styles

_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_TEXT = 32767
_LINE_HEIGHT = 15.0  # points per line of 11-point text
_CHARS_PER_UNIT = 1.15  # Calibri 11 fits about this many characters of text per unit of column width


def clean_text(value: str) -> str:
    return visible(value)[:_MAX_TEXT]  # what XML 1.0 cannot hold, and Excel refuses, as [U+XXXX]


class Sheet:
    """A worksheet being written, with widths that follow what was written."""

    def __init__(self, ws: Worksheet, lang: str) -> None:
        self.ws, self.lang = ws, lang
        self._widths: dict[int, float] = {}
        self._wrapped: list[tuple[Cell, int]] = []  # (cell, number of columns it spans)

    @property
    def title(self) -> str:
        return self.ws.title

    # -- values -----------------------------------------------------------------
    def text(self, row: int, col: int, value: str, *, font=None, fill=None, wrap: bool = False, span: int = 1,
             fit: bool = True, indent: bool = False) -> Cell:
        value = clean_text(value)
        cell = self.ws.cell(row=row, column=col)
        cell.value = value
        cell.data_type = "s"  # never a formula or an error code, whatever the text starts with
        if value.startswith(_RISKY_START):
            cell.quotePrefix = True
        self._style(cell, font, fill)
        if span > 1:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + span - 1)
        if wrap or span > 1:
            cell.alignment = styles.WRAP if not indent else styles.WRAP_INDENT
            self._wrapped.append((cell, span))
        else:
            cell.alignment = styles.TOP if not indent else styles.TOP_INDENT
        if fit and span == 1:
            bold = 1.1 if font is not None and font.b else 1.0
            longest = max((len(line) for line in value.splitlines()), default=0)
            self._grow(col, longest * bold + (4 if indent else 2))
        return cell

    def amount(self, row: int, col: int, value: Decimal | None, *, font=None, fill=None, signed: bool = False) -> Cell:
        cell = self.ws.cell(row=row, column=col)
        cell.value = value  # a Decimal: openpyxl writes the number; avstem never makes a float
        cell.number_format = styles.amount_format(self.lang, value, signed=signed)
        self._style(cell, font, fill)
        cell.alignment = styles.TOP
        if value is not None:
            self._grow(col, len(f"{value:,}") + 3)
        return cell

    def number(self, row: int, col: int, value: Decimal | int, number_format: str, *, font=None, fill=None) -> Cell:
        cell = self.ws.cell(row=row, column=col, value=value)
        cell.number_format = number_format
        self._style(cell, font, fill)
        cell.alignment = styles.TOP
        self._grow(col, len(str(value)) + 3)
        return cell

    def formula(self, row: int, col: int, formula: str, *, font=None, fill=None, width: int = 17,
                signed: bool = False) -> Cell:
        """A live formula built by avstem (never from input text)."""
        assert formula.startswith("="), formula
        cell = self.ws.cell(row=row, column=col, value=formula)
        cell.number_format = styles.amount_format(self.lang, signed=signed)
        self._style(cell, font, fill)
        cell.alignment = styles.TOP
        self._grow(col, width)
        return cell

    def header(self, row: int, labels: list[str], col: int = 1, *, right: tuple[int, ...] = ()) -> None:
        """A row of column headings; the columns in ``right`` hold numbers and align right."""
        for i, label in enumerate(labels):
            cell = self.text(row, col + i, label, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, fit=False)
            cell.alignment = styles.HEADER_RIGHT if col + i in right else styles.HEADER_ALIGN
            self._grow(col + i, min(max((len(word) for word in label.split()), default=0) * 1.1 + 2, 40))
            self._wrapped.append((cell, 1))

    # -- decoration -------------------------------------------------------------
    @staticmethod
    def link(cell: Cell, location: str) -> None:
        """A hyperlink to a place in this workbook (``'Sheet'!C5``)."""
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location)
        cell.font = styles.LINK_FONT

    @staticmethod
    def url(cell: Cell, url: str) -> None:
        cell.hyperlink = Hyperlink(ref=cell.coordinate, target=url)
        cell.font = styles.LINK_FONT

    @staticmethod
    def comment(cell: Cell, text: str) -> None:
        text = clean_text(text)
        lines = sum(max(1, math.ceil(len(p) / 48)) for p in text.splitlines()) or 1
        cell.comment = Comment(visible(text), "avstem", height=min(60 + 15 * lines, 400), width=360)

    def min_width(self, col: int, width: float) -> None:
        self._grow(col, width)

    def finish(self, caps: dict[int, float] | None = None, minimum: float = 6) -> None:
        """Set the column widths (capped where a column wraps) and the heights of wrapped rows."""
        caps = caps or {}
        for col, width in self._widths.items():
            cap = caps.get(col, 60)
            self.ws.column_dimensions[get_column_letter(col)].width = round(max(minimum, min(width, cap)), 1)
        heights: dict[int, float] = {}
        for cell, span in self._wrapped:
            width = sum(self._width(cell.column + i) for i in range(span))
            text = str(cell.value or "")
            bold = 1.1 if cell.font is not None and cell.font.b else 1.0
            per_line = max(width - 1, 1) * _CHARS_PER_UNIT
            lines = sum(max(1, math.ceil(len(p) * bold / per_line)) for p in text.splitlines() or [""])
            heights[cell.row] = max(heights.get(cell.row, _LINE_HEIGHT), lines * _LINE_HEIGHT + 2)
        for row, height in heights.items():
            if height > _LINE_HEIGHT + 2:
                self.ws.row_dimensions[row].height = height

    # -- internals -------------------------------------------------------------
    def _width(self, col: int) -> float:
        width = self.ws.column_dimensions[get_column_letter(col)].width
        return width if width else 8.43

    def _grow(self, col: int, width: float) -> None:
        self._widths[col] = max(self._widths.get(col, 0), width)

    @staticmethod
    def _style(cell: Cell, font, fill) -> None:
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill


class CellMap:
    """Where the accounts sheets show each figure, row and table, by source path.

    Paths are the logical paths every :class:`~ledger.core.source.Source` carries
    (``appropriation.expenses[1].difference``). A path not shown itself
    resolves to the nearest enclosing row or table.
    """

    def __init__(self, file: str | None = None) -> None:
        self._cells: dict[str, tuple[str, str]] = {}
        #: The input the sheets show. A figure read from another one (last year's accounts under --prior) has
        #: the same paths but is not on these sheets: ``exact``/``nearest`` given its file resolve it to None.
        self.file = str(file) if file is not None else None

    def add(self, path: str | None, sheet: str, coordinate: str) -> None:
        if path and path not in self._cells:
            self._cells[path] = (sheet, coordinate)

    def _elsewhere(self, file: str | None) -> bool:
        return file is not None and self.file is not None and str(file) != self.file

    def exact(self, path: str | None, file: str | None = None) -> tuple[str, str] | None:
        return self._cells.get(path) if path and not self._elsewhere(file) else None

    def nearest(self, path: str | None, file: str | None = None) -> tuple[str, str] | None:
        if self._elsewhere(file):
            return None
        while path:
            if path in self._cells:
                return self._cells[path]
            path = _parent(path)
        return None

    @staticmethod
    def location(place: tuple[str, str]) -> str:
        """``'Sheet'!C5`` for a hyperlink or for display."""
        return f"{quote_sheetname(place[0])}!{place[1]}"

    @staticmethod
    def reference(place: tuple[str, str]) -> str:
        """``'Sheet'!$C$5`` for a formula."""
        column, row = re.match(r"([A-Z]+)(\d+)", place[1]).groups()
        return f"{quote_sheetname(place[0])}!${column}${row}"


_LAST = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


def _parent(path: str) -> str:
    return _LAST.sub("", path) if _LAST.search(path) else ""
