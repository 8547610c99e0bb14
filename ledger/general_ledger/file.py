"""Read a general-ledger or trial-balance export (CSV, xlsx or Parquet) into an engine.

Every value is kept as text — account, kapittel and post keep their leading
zeros, amounts are parsed later by the one money parser — in a table of the
engine (DuckDB by default, :mod:`ledger.general_ledger.duck`; Spark,
:mod:`ledger.general_ledger.spark`) with one column per field found, blank as
``''``, in the file's order: a line's number is its position plus the
heading's line (CSV) or the row it was read from (xlsx). What was detected
(the encoding, the separator, which heading fed which field) is recorded so
the output can report it.

CSV: UTF-8 with or without BOM, or Windows-1252 when the bytes are not
UTF-8 (transcoded to UTF-8 in one streaming pass first: DuckDB reads UTF-8
only, and its encodings extension cannot be installed offline); ``;``, tab,
``,`` or ``|`` as separator, chosen from the header line. The engine reads
the file itself, streaming, on every core. xlsx: read with python-calamine
(never cell by cell through openpyxl), after a zip pre-check of member sizes
and compression ratios, since no Excel reader stops a zip bomb.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from ledger.core.errors import InputError, PlacedValueError
from ledger.core.money import from_excel_number
from ledger.core.source import column_letter
from ledger.forms.workbook.formulas import placeholder_formula
from ledger.guards import csv_preflight as csv_guard
from ledger.guards.input_file import input_error, regular_file
from ledger.guards.xlsx_preflight import Limits, check_xlsx
from ledger.vocabulary.labels import Msg, msg, normalise
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
    """What was read from the file, and how it was read."""

    file: str
    form: str  # csv | xlsx | parquet
    view: str  # the engine's view of the lines: a text column per field found, and idx (the position from 0)
    lines: int
    columns: dict[str, str]  # field -> heading in the file
    missing: tuple[str, ...]  # required fields with no column
    encoding: str | None = None  # CSV: label from ENCODINGS
    separator: str | None = None  # CSV
    sheet: str | None = None  # xlsx
    letters: dict[str, str] = field(default_factory=dict)  # xlsx: field -> column letter
    line: str = "idx + 2"  # SQL: a line's number in the file (the heading is line 1)
    table: object = None  # read_ledger only: the lines as a pyarrow Table (the fields, and ``row``)
    hashed: bool = False  # the view has ``h``: a hash of the duplicate check's columns as written
    unused: tuple[str, ...] = ()  # headings that match no field (DQ-01 names them)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.columns)


def match_columns(file: str, headings: list[str], overrides: dict[str, str] | None, place: str) -> dict[str, int]:
    """Field -> index of its heading. ``overrides`` (from avstem.toml) name a heading per field."""
    seen: dict[str, int] = {}
    for i, heading in enumerate(headings):
        key = normalise(heading)
        if key and key in seen:
            raise InputError(file, place, msg("input.ledger.heading_twice", heading=heading))
        seen[key] = i
    found: dict[str, int] = {}
    for name, heading in (overrides or {}).items():
        if normalise(heading) not in seen:
            raise InputError(file, place, msg("input.ledger.configured_column", heading=heading, field=name,
                                              headings=", ".join(h for h in headings if h)))
        found[name] = seen[normalise(heading)]
    for name, synonyms in SYNONYMS.items():
        if name not in found:
            hit = next((seen[s] for s in synonyms if s in seen and seen[s] not in found.values()), None)
            if hit is not None:
                found[name] = hit
    return found


def read_ledger(path: str, *, columns: dict[str, str] | None = None, sheet: str | None = None,
                progress: Callable[[str], None] | None = None) -> LedgerFile:
    """Read a ledger export into a DuckDB engine of its own and hand its lines back as a pyarrow Table
    (``table``: the fields and ``row``, the line each was read from). For tests and small files: the
    import keeps the lines in its engine (:func:`load_ledger`)."""
    from ledger.general_ledger.duck import DuckDBEngine

    with DuckDBEngine() as engine:
        lf = load_ledger(engine, path, columns=columns, sheet=sheet, progress=progress)
        shown = ", ".join([*lf.fields, f"{lf.line} AS row"])
        return dataclasses.replace(lf, table=engine.arrow(f"SELECT {shown} FROM {lf.view} ORDER BY idx"))


def load_ledger(engine, path: str, *, columns: dict[str, str] | None = None, sheet: str | None = None,
                progress: Callable[[str], None] | None = None) -> LedgerFile:
    """Read a ledger export into ``engine``; raise :class:`InputError` naming file and place if it cannot
    be read."""
    if getattr(engine, "reads_remote", False) and "://" in path:  # Spark: a path only the cluster sees
        return engine.load_remote(path, columns)
    p = Path(path)
    regular_file(path, directory=msg("input.file.directory_not_ledger"))
    try:
        with open(p, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError as exc:
        raise input_error(path, exc) from None
    suffix = p.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(path, None, msg("input.ledger.old_xls"))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(engine, path, columns, sheet)
    if suffix == ".parquet":
        return _read_parquet(engine, path, columns)
    if suffix in (".csv", ".txt", ".tsv", ""):
        if head.startswith(b"PK\x03\x04"):
            raise InputError(path, None, msg("input.ledger.zip_not_csv"))
        return _read_csv(engine, path, head, columns, progress)
    raise InputError(path, None, msg("input.ledger.unknown_format", suffix=suffix))


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


def _read_csv(engine, path: str, head: bytes, overrides, progress) -> LedgerFile:
    csv_guard.check_head(path, head, Path(path).stat().st_size)
    encoding = _sniff_encoding(head)
    first = (head.decode(encoding, errors="replace").splitlines() or [""])[0]
    if not first.strip():
        raise InputError(path, "1", msg("input.csv.first_line_empty"))
    separator = max(SEPARATORS, key=lambda s: (first.count(s), -SEPARATORS.index(s)))
    if first.count(separator) == 0:
        raise InputError(path, "1", msg("input.csv.no_separator"))
    headings = next(csv.reader([first], delimiter=separator))
    found = match_columns(path, headings, overrides, "1")
    names = [f"c{i}" for i in range(len(headings))]
    wanted = {name: names[i] for name, i in found.items()}
    quotes, physical = _scan(path)
    if quotes % 2:  # a literal quote inside a field, or one never closed: the guard tells them apart
        csv_guard.check_quotes(path, encoding, separator)

    from ledger.general_ledger.importer import DUPLICATE_COLUMNS

    hashed = [f for f in DUPLICATE_COLUMNS if f in wanted] if getattr(engine, "hashes_on_load", False) else []

    def attempt(source: str) -> str:
        return engine.load_csv(source, separator=separator, names=names, wanted=wanted, progress=progress,
                               hash_fields=hashed)

    try:
        try:
            view = attempt(_rewritten(engine, path, "cp1252") if encoding == "cp1252" else path)
        except engine.error as exc:
            if "unicode" in str(exc).lower() and encoding != "cp1252":
                if encoding == "utf-8-sig":  # a BOM promised UTF-8: name the byte that is not
                    raise csv_guard.undecodable(path, encoding) from None
                encoding = "cp1252"  # the head was UTF-8, a later byte is not: an 8-bit export
                view = attempt(_rewritten(engine, path, encoding))
            elif "invalid state" in str(exc):  # DuckDB reads one kind of line end per file: make them one
                view = attempt(_rewritten(engine, path, encoding, newlines=True))
            else:
                raise
    except engine.error as exc:
        line, message = _locate_csv_error(path, encoding, separator, len(headings))
        detail = str(exc).splitlines()[0].removeprefix("Invalid Input Error: ")
        raise InputError(path, line, message or msg("input.csv.unreadable", detail=detail)) from None
    except OSError as exc:
        raise InputError(path, None, msg("input.ledger.os_error", detail=str(exc))) from None
    lines = engine.rows(f"SELECT count(*) FROM {view}")[0][0]
    if lines != physical - 1 - csv_guard.trailing_blank_lines(path):  # the heading, the empty lines that end it
        _refuse_inner_blank_line(path, encoding, separator)
    _check_field_lengths(engine, path, view, list(wanted))
    return LedgerFile(path, "csv", view, lines, {n: headings[i] for n, i in found.items()},
                      tuple(f for f in REQUIRED if f not in found), ENCODINGS[encoding], separator,
                      hashed=len(hashed) > 1, unused=_unused(headings, found))


def _check_field_lengths(engine, path: str, view: str, fields: list[str]) -> None:
    """Refuse a value longer than :data:`~ledger.guards.csv_preflight.MAX_FIELD` characters in a field avstem reads,
    naming its first line: the engine reads any length, and the texts are matched, printed and written to reports.
    One pass over the lines, in the engine."""
    if not fields:
        return
    too_long = " OR ".join(f"length({f}) > {csv_guard.MAX_FIELD}" for f in fields)
    first = engine.rows(f"SELECT min(idx) FROM {view} WHERE {too_long}")[0][0]
    if first is not None:
        raise csv_guard.field_too_long(path, int(first) + 2)  # line 1 holds the headings


def _rewritten(engine, path: str, encoding: str, newlines: bool = False) -> str:
    """The file in UTF-8 (transcoded from Windows-1252), or with every line end (CR LF, CR) written as LF,
    in 16 MiB blocks into the engine's temporary directory; a byte that is no Windows-1252 character is an
    input error naming its line."""
    target = os.path.join(engine.temp_directory, f"{engine.name_for('source')}.csv")
    decoder = codecs.getincrementaldecoder(encoding if encoding == "cp1252" else "utf-8")()
    pending = ""  # a CR that ended the last block: it may begin a CR LF
    try:
        with open(path, "rb") as source, open(target, "wb") as out:
            for block in [*iter(lambda: source.read(_BLOCK), b""), None]:
                text = decoder.decode(block if block is not None else b"", final=block is None)
                if newlines:
                    text = pending + text
                    pending = "\r" if text.endswith("\r") and block is not None else ""
                    text = text[:len(text) - len(pending)].replace("\r\n", "\n").replace("\r", "\n")
                out.write(text.encode("utf-8"))
    except UnicodeDecodeError:
        raise csv_guard.undecodable(path, encoding) from None
    return target


_BLOCK = 1 << 24


def _scan(path: str) -> tuple[int, int]:
    """One pass over the bytes: how many ``"`` (an odd count: a quote may be left open) and how many lines
    (line ends, and a last line without one)."""
    quotes = feeds = returns = 0
    last = b""
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):  # bytes.count: a byte at memory speed
            quotes += block.count(b'"')
            feeds += block.count(b"\n")
            if not feeds:
                returns += block.count(b"\r")
            last = block[-1:]
    return quotes, (feeds or returns) + (1 if last not in (b"\n", b"\r", b"") else 0)


def _refuse_inner_blank_line(path: str, encoding: str, separator: str) -> None:
    """An empty line before the last line of the ledger is an input error naming it (the engine skips it,
    and every line number after it would slip). Called only when the engine read fewer lines than the
    file has; a line break inside a quoted field is the other reason, and no error."""
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=separator)
        empty = None
        for row in reader:
            if not row and empty is None:
                empty = reader.line_num
            elif row and empty is not None:
                raise InputError(path, str(empty), msg("input.csv.empty_line"))


def _locate_csv_error(path: str, encoding: str, separator: str, width: int) -> tuple[str | None, Msg | None]:
    """Find the line Arrow refused (it does not say): the first with the wrong number of fields."""
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        reader, n = csv.reader(fh, delimiter=separator), 0
        try:
            for n, row in enumerate(reader, 1):
                if len(row) != width:
                    if not row:
                        return str(n), msg("input.csv.empty_line")
                    return str(n), msg("input.csv.fields", width=width, separator=separator, found=len(row))
        except csv.Error:  # a field beyond the csv module's limit
            raise csv_guard.field_too_long(path, n + 1) from None
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


def _read_xlsx(engine, path: str, overrides, sheet_name: str | None) -> LedgerFile:
    import pyarrow as pa
    from python_calamine import CalamineError, CalamineWorkbook

    check_xlsx(path, LEDGER_LIMITS)
    try:
        book = CalamineWorkbook.from_path(path)
        names = book.sheet_names
        if sheet_name is not None and sheet_name not in names:
            raise InputError(path, None, msg("input.xlsx.no_sheet", sheet=sheet_name, sheets=", ".join(names)))
        sheet = sheet_name or names[0]
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise InputError(path, None, msg("input.xlsx.unreadable", detail=str(exc))) from None
    except Exception as exc:  # calamine raises its own zip/xml error types
        if isinstance(exc, InputError):
            raise
        raise InputError(path, None, msg("input.xlsx.unreadable", detail=f"{type(exc).__name__}: {exc}")) from None
    if not rows:
        raise InputError(path, f"{sheet}!A1", msg("input.xlsx.empty_sheet"))
    placeholder = placeholder_formula(path, sheet)
    if placeholder:  # python-calamine reads a formula's saved value, which here is a placeholder (0)
        raise InputError(path, placeholder, msg("input.ledger.placeholder_formula"))
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
    table = pa.table({**{n: pa.array(v, pa.string()) for n, v in data.items()},
                      "line": pa.array(numbers, pa.int64())})
    view = engine.load_arrow(table)
    return LedgerFile(path, "xlsx", view, len(numbers), {n: headings[i] for n, i in found.items()},
                      tuple(f for f in REQUIRED if f not in found), sheet=sheet,
                      letters={n: column_letter(i + 1) for n, i in found.items()}, line="line",
                      unused=_unused(headings, found))


def _read_parquet(engine, path: str, overrides) -> LedgerFile:
    """A Parquet file whose column names are the headings; values are read as text. Row 1 is its first row."""
    try:
        headings = engine.parquet_columns(path)
        found = match_columns(path, headings, overrides, "columns")
        view = engine.load_parquet(path, {n: headings[i] for n, i in found.items()})
    except engine.error as exc:
        raise InputError(path, None, msg("input.parquet.unreadable", detail=str(exc).splitlines()[0])) from None
    lines = engine.rows(f"SELECT count(*) FROM {view}")[0][0]
    return LedgerFile(path, "parquet", view, lines, {n: headings[i] for n, i in found.items()},
                      tuple(f for f in REQUIRED if f not in found), line="idx + 1",
                      unused=_unused(headings, found))


def _unused(headings: list[str], found: dict[str, int]) -> tuple[str, ...]:
    return tuple(h.strip() for i, h in enumerate(headings) if h and h.strip() and i not in found.values())
