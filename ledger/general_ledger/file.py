"""Read a general-ledger or trial-balance export (CSV or xlsx) into text columns.

Every value is kept as text — account, kapittel and post keep their leading
zeros, amounts are parsed later by the one money parser — in an Arrow table
with one column per field found, dictionary-encoded (a code per line into the
column's distinct values: :mod:`ledger.general_ledger.coded`), and ``row``, the line (CSV)
or row (xlsx) each value was read from, the header being line 1. What was detected (the
encoding, the separator, which heading fed which field) is recorded so the
output can report it.

CSV: UTF-8 with or without BOM, or Windows-1252 when the bytes are not
UTF-8; ``;``, tab, ``,`` or ``|`` as separator, chosen from the header line.
xlsx: read with python-calamine (never cell by cell through openpyxl), after a
zip pre-check of member sizes and compression ratios, since no Excel reader
stops a zip bomb.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from ledger.core.errors import InputError, PlacedValueError
from ledger.core.money import from_excel_number
from ledger.core.source import column_letter
from ledger.guards import csv_preflight as csv_guard
from ledger.guards.xlsx_preflight import Limits, check_xlsx
from ledger.vocabulary.labels import normalise
from ledger.vocabulary.ledger_fields import LEDGER_FIELDS, REQUIRED

#: Each field's headings as the reader compares them (normalised), in the order it tries them.
SYNONYMS: dict[str, tuple[str, ...]] = {
    name: tuple(dict.fromkeys(normalise(form) for form in heading.forms())) for name, heading in LEDGER_FIELDS.items()}
FIELDS = tuple(LEDGER_FIELDS)
#: Codes printed as numbers in a workbook lose their leading zeros; pad them back.
_CODE_WIDTH = {"chapter": 4, "post": 2}

SEPARATORS = (";", "\t", ",", "|")
ENCODINGS = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}

# xlsx pre-check limits: a real 100 000-line export compresses about 6:1.
MAX_MEMBER_BYTES = 1 << 30
MAX_TOTAL_BYTES = 2 << 30
MAX_RATIO = 100


@dataclass(frozen=True)
class LedgerFile:
    """What was read from the file, as text, and how it was read."""

    file: str
    form: str  # csv | xlsx
    table: object  # pyarrow.Table: one dictionary<int32, string> column per field found, plus int64 ``row``
    columns: dict[str, str]  # field -> heading in the file
    missing: tuple[str, ...]  # required fields with no column
    encoding: str | None = None  # CSV: label from ENCODINGS
    separator: str | None = None  # CSV
    sheet: str | None = None  # xlsx
    letters: dict[str, str] = field(default_factory=dict)  # xlsx: field -> column letter
    unused: tuple[str, ...] = ()  # headings that match no field (DQ-01 names them)

    @property
    def lines(self) -> int:
        return self.table.num_rows


def match_columns(file: str, headings: list[str], overrides: dict[str, str] | None, place: str) -> dict[str, int]:
    """Field -> index of its heading. ``overrides`` (from avstem.toml) name a heading per field."""
    seen: dict[str, int] = {}
    for i, heading in enumerate(headings):
        key = normalise(heading)
        if key and key in seen:
            raise InputError(file, place, f"the heading {heading!r} appears twice")
        seen[key] = i
    found: dict[str, int] = {}
    for name, heading in (overrides or {}).items():
        if normalise(heading) not in seen:
            raise InputError(file, place, f"the configured column {heading!r} for {name} is not a heading of this file "
                                          f"(headings: {', '.join(h for h in headings if h)})")
        found[name] = seen[normalise(heading)]
    for name, synonyms in SYNONYMS.items():
        if name not in found:
            hit = next((seen[s] for s in synonyms if s in seen and seen[s] not in found.values()), None)
            if hit is not None:
                found[name] = hit
    return found


def read_ledger(path: str, *, columns: dict[str, str] | None = None, sheet: str | None = None,
                progress: Callable[[str], None] | None = None) -> LedgerFile:
    """Read a ledger export; raise :class:`InputError` naming file and place if it cannot be read."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, None, "no such file")
    if p.is_dir():
        raise InputError(path, None, "is a directory, not a ledger file")
    with open(p, "rb") as fh:
        head = fh.read(1 << 16)
    suffix = p.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(path, None, "an old .xls workbook or an encrypted xlsx; save it as .xlsx or CSV")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, columns, sheet)
    if suffix in (".csv", ".txt", ".tsv", ""):
        if head.startswith(b"PK\x03\x04"):
            raise InputError(path, None, "is a zip archive (a workbook?), not CSV text; name an .xlsx file .xlsx")
        return _read_csv(path, head, columns, progress)
    raise InputError(path, None, f"unknown ledger format {suffix!r}; avstem reads .csv and .xlsx")


# --- CSV -----------------------------------------------------------------------


def _sniff_encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


def _read_csv(path: str, head: bytes, overrides, progress) -> LedgerFile:
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    csv_guard.check_head(path, head, Path(path).stat().st_size)
    encoding = _sniff_encoding(head)
    first = (head.decode(encoding, errors="replace").splitlines() or [""])[0]
    if not first.strip():
        raise InputError(path, "1", "the first line must be the column headings; it is empty")
    separator = max(SEPARATORS, key=lambda s: (first.count(s), -SEPARATORS.index(s)))
    if first.count(separator) == 0:
        raise InputError(path, "1", "no column separator (; tab , |) in the heading line")
    headings = next(csv.reader([first], delimiter=separator))
    found = match_columns(path, headings, overrides, "1")
    names = [f"c{i}" for i in range(len(headings))]
    wanted = {name: names[i] for name, i in found.items()}
    csv_guard.check_quotes(path, encoding, separator)
    blank = csv_guard.trailing_blank_lines(path)  # empty lines that end the file are not ledger lines

    def attempt(enc: str, native: bool = True):
        # Arrow reads UTF-8 natively and transcodes anything else through Python's codecs, block by
        # block (slowly): the BOM is part of the heading line, which is skipped, so UTF-8 with BOM
        # is read as UTF-8.
        read = pacsv.ReadOptions(encoding="utf-8" if native and enc == "utf-8-sig" else enc, skip_rows=1,
                                 column_names=names, block_size=1 << 24)
        parse = pacsv.ParseOptions(delimiter=separator, quote_char='"', ignore_empty_lines=False)
        # bytes, not strings: UTF-8 is checked once per distinct value (_as_text), not on every line
        convert = pacsv.ConvertOptions(column_types={n: pa.binary() for n in names},
                                       include_columns=list(wanted.values()) or names[:1],
                                       strings_can_be_null=False, quoted_strings_can_be_null=False)
        # read_csv parses blocks on every core (open_csv, streamed, on one: 1.7× slower at 10^7 lines)
        with _Progressing(path, progress) if progress else contextlib.nullcontext(path) as source:
            table = pacsv.read_csv(source, read, parse, convert)
        if blank:  # before the columns are encoded, so no blank value is left in their dictionaries
            table = table.slice(0, max(table.num_rows - blank, 0))
        return table.num_rows, _as_text([table.column(col) for col in wanted.values()])

    try:
        try:
            n, columns = attempt(encoding)
        except _NotUTF8:
            if encoding == "utf-8-sig":  # a BOM promised UTF-8: let Python's codec name the bad byte
                n, columns = attempt(encoding, native=False)
            else:
                encoding = "cp1252"  # the head was UTF-8, a later byte is not: an 8-bit export
                n, columns = attempt(encoding)
    except pa.ArrowInvalid as exc:
        line, message = _locate_csv_error(path, encoding, separator, len(headings))
        raise InputError(path, line, message or f"cannot be read as CSV: {str(exc).splitlines()[0]}") from None
    except UnicodeDecodeError:
        raise csv_guard.undecodable(path, encoding) from None
    except OSError as exc:
        raise InputError(path, None, f"cannot be read: {exc}") from None
    table = pa.table({**dict(zip(wanted, columns)), "row": np.arange(2, n + 2, dtype=np.int64)})
    return LedgerFile(path, "csv", table, {n: headings[i] for n, i in found.items()},
                      tuple(f for f in REQUIRED if f not in found), ENCODINGS[encoding], separator,
                      unused=_unused(headings, found))


class _NotUTF8(Exception):
    pass


class _Progressing(io.FileIO):
    """The file as Arrow reads it, a block at a time, saying how far it got."""

    def __init__(self, path: str, say: Callable[[str], None]):
        super().__init__(path, "r")
        self._say, self._size = say, max(os.fstat(self.fileno()).st_size, 1)

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self._say(f"read {100 * self.tell() // self._size} % of the file")
        return data


def _as_text(columns: list) -> list:
    """Columns read as bytes, dictionary-encoded (a code per line into the distinct values, see
    :mod:`ledger.general_ledger.coded`), their distinct values checked to be UTF-8 and typed as strings. Two
    columns at a time: Arrow's kernels run outside the GIL."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(column):
        encoded = pc.dictionary_encode(column).combine_chunks()
        try:
            values = encoded.dictionary.cast(pa.string())  # validates the UTF-8 of each distinct value
        except pa.ArrowInvalid:
            raise _NotUTF8() from None
        return pa.DictionaryArray.from_arrays(encoded.indices, values)

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(text, columns))


def _locate_csv_error(path: str, encoding: str, separator: str, width: int) -> tuple[str | None, str | None]:
    """Find the line Arrow refused (it does not say): the first with the wrong number of fields."""
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter=separator), 1):
            if len(row) != width:
                if not row:
                    return str(n), "an empty line inside the ledger"
                return str(n), f"expected {width} fields separated by {separator!r}, found {len(row)}"
    return None, None


# --- xlsx ----------------------------------------------------------------------


#: A ledger export may be large (a 10^6-line sheet is ~60 MB zipped, ~500 MB of XML).
LEDGER_LIMITS = Limits(file_size=MAX_TOTAL_BYTES, members=2000, member_size=MAX_MEMBER_BYTES,
                       total_size=MAX_TOTAL_BYTES, ratio=MAX_RATIO)


def _cell_text(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if name == "amount":
            try:
                return format(from_excel_number(value), "f")
            except PlacedValueError:
                return repr(value)  # left for the quality suite to report as an amount that does not parse
        if isinstance(value, int) or value.is_integer():  # a code stored as a number: back to text, zeros restored
            return str(int(value)).zfill(_CODE_WIDTH.get(name, 0))
        return repr(value)
    return str(value)


def _read_xlsx(path: str, overrides, sheet_name: str | None) -> LedgerFile:
    import pyarrow as pa
    from python_calamine import CalamineError, CalamineWorkbook

    check_xlsx(path, LEDGER_LIMITS)
    try:
        book = CalamineWorkbook.from_path(path)
        names = book.sheet_names
        if sheet_name is not None and sheet_name not in names:
            raise InputError(path, None, f"has no sheet {sheet_name!r} (sheets: {', '.join(names)})")
        sheet = sheet_name or names[0]
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise InputError(path, None, f"is not a readable xlsx workbook: {exc}") from None
    except Exception as exc:  # calamine raises its own zip/xml error types
        if isinstance(exc, InputError):
            raise
        raise InputError(path, None, f"is not a readable xlsx workbook: {type(exc).__name__}: {exc}") from None
    if not rows:
        raise InputError(path, f"{sheet}!A1", "the sheet is empty; the first row must be the column headings")
    headings = [str(h).strip() if h is not None else "" for h in rows[0]]
    found = match_columns(path, headings, overrides, f"{sheet}!1:1")
    data: dict[str, list[str]] = {name: [] for name in found}
    numbers: list[int] = []
    for r, row in enumerate(rows[1:], 2):
        if all(v in ("", None) for v in row):
            continue  # an empty row: nothing to read, the numbering goes on
        numbers.append(r)
        for name, i in found.items():
            value = row[i] if i < len(row) else ""
            data[name].append(_cell_text(name, value).strip())
    table = pa.table({**{n: pa.array(v, pa.string()).dictionary_encode() for n, v in data.items()},
                      "row": pa.array(numbers, pa.int64())})
    return LedgerFile(path, "xlsx", table, {n: headings[i] for n, i in found.items()},
                      tuple(f for f in REQUIRED if f not in found), sheet=sheet,
                      letters={n: column_letter(i + 1) for n, i in found.items()}, unused=_unused(headings, found))


def _unused(headings: list[str], found: dict[str, int]) -> tuple[str, ...]:
    return tuple(h.strip() for i, h in enumerate(headings) if h and h.strip() and i not in found.values())
