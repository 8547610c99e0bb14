"""Whether the values a workbook saved with its formulas can be trusted.

A figure read from a formula cell is the value the program that saved the
workbook calculated. Some programs calculate nothing: openpyxl saves a
formula without a value (:class:`~ledger.forms.workbook.grid.Uncached`);
XlsxWriter, and any program that leaves calculation to Excel, saves a
placeholder (0) and marks the workbook ``fullCalcOnLoad``; a workbook set to
calculate by hand and not on saving keeps whatever values it last had; and a
program that opens such a file without calculating (LibreOffice does, for a
file that says Excel wrote it) saves the placeholders again, unmarked. So:

* a workbook marked ``fullCalcOnLoad``, or calculated by hand and not on
  saving, has no trustworthy formula value;
* otherwise the simple formulas — numbers and references combined by
  ``+ - * /``, parentheses and ``SUM`` — are calculated here from the values
  they refer to (exactly, in Decimal) and compared with the values saved:
  one that disagrees shows that the workbook was saved without calculating,
  and then no formula value in it can be trusted.

Reading a formula cell of such a workbook is an input error naming the cell
and saying how to repair the file; the cells that hold plain values are read
as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ledger.core.money import ORE, format_amount
from ledger.core.source import Source
from ledger.vocabulary.labels import Msg, msg

#: A saved value within this of the calculated one agrees (Excel calculates in doubles).
_ABSOLUTE = Decimal("0.005")
_RELATIVE = Decimal("1e-12")
#: Cells a SUM may cover before the check gives up on it (a whole column is no statement's sum).
_MAX_RANGE = 10_000

_TOKEN = re.compile(r"""\s*(?:
    (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<ref>(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?
           \$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[0-9]{1,7})
           (?::\$?(?P<col2>[A-Za-z]{1,3})\$?(?P<row2>[0-9]{1,7}))?)
  | (?P<sum>SUM\s*\()
  | (?P<op>[-+*/(),;])
)""", re.VERBOSE | re.IGNORECASE)


class _Unsupported(Exception):
    """A formula outside the simple ones this module calculates: not judged."""


@dataclass(frozen=True)
class Distrust:
    """Why no formula value of a workbook can be trusted, and where that shows."""

    why: "str | Msg"
    source: Source | None = None  # the formula proven stale, when that is the reason


def flagged(calc: dict[str, str]) -> Distrust | None:
    """From the workbook's calculation properties (``<calcPr>``)."""
    if calc.get("fullCalcOnLoad", "").lower() in ("1", "true"):
        return Distrust(msg("input.workbook.full_calc_on_load"))
    if calc.get("calcMode") == "manual" and calc.get("calcOnSave", "").lower() in ("0", "false"):
        return Distrust(msg("input.workbook.manual_calculation"))
    return None


def stale(file: str, formulas: dict[str, dict[tuple[int, int], str]],
          values: dict[str, dict[tuple[int, int], object]]) -> Distrust | None:
    """The first simple formula whose saved value is not what it calculates to, as a :class:`Distrust`.

    ``formulas``: by sheet, the formula text of each formula cell; ``values``: by sheet, every cell's value as
    saved (a formula's the value saved with it).
    """
    from ledger.core.source import column_letter

    for sheet, cells in formulas.items():
        for (row, col), formula in sorted(cells.items()):
            saved = values.get(sheet, {}).get((row, col))
            if isinstance(saved, bool) or not isinstance(saved, (int, float)):
                continue
            try:
                computed = _Formula(formula, sheet, values).value()
            except (_Unsupported, InvalidOperation, ZeroDivisionError, RecursionError):
                continue
            saved_value = _number(saved)
            if abs(computed - saved_value) > _ABSOLUTE + _RELATIVE * abs(computed):
                place = Source(file, sheet=sheet, cell=f"{column_letter(col)}{row}")
                return Distrust(msg("input.workbook.stale_formula", place=place.place, formula=formula,
                                    computed=_shown(computed), saved=_shown(saved_value)), place)
    return None


def _shown(value: Decimal) -> str:
    """An amount as the refusals print numbers: spaces between thousands, a decimal point only for øre."""
    return format_amount(value.quantize(ORE), "en").replace(",", " ")


def _number(value: int | float) -> Decimal:
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


class _Formula:
    """A recursive-descent calculation of one simple formula over the saved values."""

    def __init__(self, text: str, sheet: str, values: dict[str, dict[tuple[int, int], object]]) -> None:
        self.tokens = self._tokenise(text)
        self.at = 0
        self.sheet, self.values = sheet, values

    @staticmethod
    def _tokenise(text: str) -> list[tuple[str, re.Match]]:
        out, at, text = [], 0, text.strip()
        while at < len(text):
            match = _TOKEN.match(text, at)
            if match is None or match.end() == at:
                raise _Unsupported()
            kind = match.lastgroup if match.lastgroup in ("number", "sum", "op") else "ref"
            out.append((kind, match))
            at = match.end()
        return out

    def value(self) -> Decimal:
        result = self._sum()
        if self.at != len(self.tokens):
            raise _Unsupported()
        return result

    def _peek(self) -> str | None:
        if self.at >= len(self.tokens):
            return None
        kind, match = self.tokens[self.at]
        return match.group("op") if kind == "op" else kind

    def _take(self) -> tuple[str, re.Match]:
        if self.at >= len(self.tokens):
            raise _Unsupported()
        self.at += 1
        return self.tokens[self.at - 1]

    def _sum(self) -> Decimal:
        result = self._product()
        while self._peek() in ("+", "-"):
            op = self._take()[1].group("op")
            right = self._product()
            result = result + right if op == "+" else result - right
        return result

    def _product(self) -> Decimal:
        result = self._factor()
        while self._peek() in ("*", "/"):
            op = self._take()[1].group("op")
            right = self._factor()
            result = result * right if op == "*" else result / right
        return result

    def _factor(self) -> Decimal:
        kind, match = self._take()
        if kind == "op" and match.group("op") in "+-":
            value = self._factor()
            return -value if match.group("op") == "-" else value
        if kind == "op" and match.group("op") == "(":
            value = self._sum()
            if self._peek() != ")":
                raise _Unsupported()
            self._take()
            return value
        if kind == "number":
            return Decimal(match.group("number"))
        if kind == "ref" and match.group("col2") is None:
            return self._cell(match)
        if kind == "sum":
            return self._sum_function()
        raise _Unsupported()

    def _sum_function(self) -> Decimal:
        total = Decimal(0)
        if self._peek() == ")":
            self._take()
            return total
        while True:
            kind, match = self.tokens[self.at] if self.at < len(self.tokens) else (None, None)
            if kind == "ref" and self.at + 1 < len(self.tokens) and self._after_ref_ends_argument():
                self.at += 1
                total += sum((self._value(v) for v in self._range(match)), Decimal(0))
            else:
                total += self._sum()
            separator = self._peek()
            if separator == ")":
                self._take()
                return total
            if separator not in (",", ";"):
                raise _Unsupported()
            self._take()

    def _after_ref_ends_argument(self) -> bool:
        kind, match = self.tokens[self.at + 1]
        return kind == "op" and match.group("op") in (",", ";", ")")

    def _sheet_of(self, match: re.Match) -> dict[tuple[int, int], object]:
        name = match.group("sheet")
        if name is None:
            return self.values.get(self.sheet, {})
        name = name[1:-1].replace("''", "'") if name.startswith("'") else name
        if name not in self.values:
            raise _Unsupported()
        return self.values[name]

    def _range(self, match: re.Match) -> list[object]:
        cells = self._sheet_of(match)
        col1, row1 = _column(match.group("col")), int(match.group("row"))
        col2 = _column(match.group("col2")) if match.group("col2") else col1
        row2 = int(match.group("row2")) if match.group("row2") else row1
        rows, cols = range(min(row1, row2), max(row1, row2) + 1), range(min(col1, col2), max(col1, col2) + 1)
        if len(rows) * len(cols) > _MAX_RANGE:
            raise _Unsupported()
        return [cells.get((r, c)) for r in rows for c in cols]

    @staticmethod
    def _value(value: object) -> Decimal:
        """A cell as SUM counts it: numbers; text, blanks and truth values count nothing."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return Decimal(0)
        return _number(value)

    def _cell(self, match: re.Match) -> Decimal:
        value = self._sheet_of(match).get((int(match.group("row")), _column(match.group("col"))))  # (row, column)
        if value is None:
            return Decimal(0)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Unsupported()  # text in arithmetic: Excel's own rules, not judged here
        return _number(value)


def _column(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>\s*<(?:\w+:)?f[\s>/]')


def placeholder_formula(path: str, sheet: str) -> str | None:
    """For a workbook that marks its formulas' values as placeholders (:func:`flagged`): the first formula cell of
    ``sheet`` (``Sheet!A1``); None otherwise. Reads the
    calculation properties, and only then the sheet's XML, in blocks: a ledger's sheet may be a gigabyte."""
    import zipfile

    from defusedxml.ElementTree import iterparse

    from ledger.guards.xlsx_preflight import sheet_parts, workbook_part

    with zipfile.ZipFile(path) as archive:
        calc: dict[str, str] = {}
        with archive.open(workbook_part(archive)) as fh:
            for _, element in iterparse(fh, events=("end",)):
                if element.tag.endswith("}calcPr"):
                    calc = dict(element.attrib)
        if flagged(calc) is None:
            return None
        part = dict(sheet_parts(archive)).get(sheet)
        if part is None or part not in archive.NameToInfo:
            return None
        tail = b""
        with archive.open(part) as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                text = tail + block
                found = _FORMULA_CELL.search(text)
                if found:
                    return f"{sheet}!{found.group(1).decode()}"
                tail = text[-512:]  # a cell cut by the block's end is whole in the next search
    return None
