"""Pre-flight for an .xlsx file, before any Excel reader touches it.

An .xlsx workbook is a zip archive of XML parts. No Excel reader stops a zip
bomb (a few hundred kilobytes that inflate to gigabytes), and some readers
quietly accept an old .xls or a CSV file renamed .xlsx. So every workbook
avstem opens passes through :func:`check_xlsx` first: it reads the file's
first bytes and the zip's central directory (no decompression) and refuses

* a file that is not a zip archive: an .xls or an encrypted workbook (both
  OLE2 compound files), a CSV or any other file renamed .xlsx;
* a zip without the parts of a workbook (``[Content_Types].xml``);
* too many members, a member or a total that inflates beyond the limits, or
  a member compressed more than the limit ratio allows.

The sizes checked are the ones :mod:`zipfile` itself enforces while
inflating (it never returns more bytes than the central directory declares),
so a lying header cannot get past them. Then, still before any reader runs,
it refuses

* a part whose XML declares a document type (``<!DOCTYPE``): the Open
  Packaging Conventions allow none, and a DTD is how entity expansion
  ("billion laughs") and external entities (XXE) get in. openpyxl parses
  through defusedxml and python-calamine expands no entity, but neither
  should see one;
* a worksheet larger than the limits in rows or in rows × columns, read
  from its cells, never from the ``<dimension>`` it declares: openpyxl builds
  an object for every cell and row element (a million empty styled rows
  take it 18 s and 570 MB), and python-calamine lays out every cell between
  the first and the last, so one cell at XFD1048576 in a 2 kB file makes it
  allocate 512 GiB and abort the process.

The ledger importer shares this module with its own limits.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass

from ledger.core.errors import InputError
from ledger.core.source import Source, column_letter
from ledger.guards.input_file import input_error, regular_file
from ledger.vocabulary.labels import Msg, Text, msg

_ZIP = b"PK\x03\x04"
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
MIB = 1024 * 1024
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # the largest sheet Excel itself makes


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold; sizes in bytes."""

    file_size: int  # on disk
    members: int  # parts in the zip
    member_size: int  # one part, inflated
    total_size: int  # all parts, inflated
    ratio: int  # inflated / compressed, for parts larger than ``ratio_floor``
    ratio_floor: int = 1 * MIB  # small parts (styles, shared strings) may compress very well
    rows: int = EXCEL_ROWS  # the last row a worksheet may reach
    #: rows × columns a worksheet may span (its last row × its last column): at Excel's
    #: largest row count, 64 columns — 2 GiB of python-calamine's cells
    cells: int = 64 * EXCEL_ROWS


#: An agency's workbook of statements and notes: a few hundred cells per sheet,
#: typically 20–200 kB. The limits leave room for pictures and other sheets;
#: 250 000 cells take openpyxl about 3 s to load.
ACCOUNTS = Limits(file_size=20 * MIB, members=2000, member_size=50 * MIB, total_size=100 * MIB, ratio=100,
                  rows=10_000, cells=250_000)


def check_xlsx(path: str, limits: Limits = ACCOUNTS) -> None:
    """Refuse ``path`` unless it is a zip-packaged workbook within ``limits`` (raises InputError)."""
    size = regular_file(path).st_size
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise input_error(path, exc) from None
    if head.startswith(_OLE2):
        raise InputError(path, None, msg("input.xlsx.old_or_protected"))
    if not head.startswith(_ZIP):
        raise InputError(path, None, msg("input.xlsx.empty_file") if not head else msg("input.xlsx.not_zip"))
    if size > limits.file_size:
        raise InputError(path, None, msg("input.xlsx.file_too_large", size=_mib(size), limit=limits.file_size // MIB))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(path, None, msg("input.xlsx.damaged_zip", detail=str(exc))) from None
    if len(members) > limits.members:
        raise InputError(path, None, msg("input.xlsx.too_many_parts", count=len(members), limit=limits.members))
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names:
        raise InputError(path, None, msg("input.xlsx.no_content_types"))
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.member_size:
            raise InputError(path, member.filename, msg("input.xlsx.part_too_large", size=f"{member.file_size / MIB:.0f}",
                                                        limit=limits.member_size // MIB))
        if member.file_size > limits.ratio_floor and member.file_size > limits.ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputError(path, member.filename, msg("input.xlsx.ratio", ratio=ratio, limit=limits.ratio))
    if total > limits.total_size:
        raise InputError(path, None, msg("input.xlsx.total_too_large", size=f"{total / MIB:.0f}",
                                         limit=limits.total_size // MIB))
    try:
        with zipfile.ZipFile(path) as archive:
            for member in members:
                _check_prolog(path, archive, member)
            sheets = sheet_parts(archive)
            if not sheets and _strict(archive):
                raise InputError(path, workbook_part(archive), msg("input.xlsx.strict"))
            if not sheets:
                raise InputError(path, None, msg("input.xlsx.no_worksheet"))
            for name, part in sheets:
                if part not in archive.NameToInfo:
                    raise InputError(path, part or None, msg("input.xlsx.sheet_part_missing", sheet=name))
                _check_extent(path, archive, name, part, limits)
    except InputError:
        raise
    except Exception as exc:  # a damaged part: a property of the file
        raise InputError(path, None, msg("input.xlsx.damaged", detail=f"{type(exc).__name__}: {exc}")) from None


def _mib(size: int) -> Text:
    """A size in MiB with one decimal, as each language writes it (``20.4``, ``20,4``)."""
    english = f"{size / MIB:.1f}"
    norwegian = english.replace(".", ",")
    return Text(norwegian, norwegian, english)


# --- XML without a document type ---------------------------------------------------------------

_PROLOG_BYTES = 16 * 1024  # an XML declaration and a comment or two; real parts need ~100 bytes
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)


def _check_prolog(path: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a part whose XML prolog declares a document type (any part: a reader may parse any as XML)."""
    with archive.open(member) as fh:
        head = fh.read(_PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    elif head.startswith((b"<\0", b"\0<")):
        text = head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    rest = text[_PROLOG.match(text).end():]
    if rest.startswith("<!DOCTYPE"):
        raise InputError(path, member.filename, msg("input.xlsx.doctype"))
    if not rest and len(head) == _PROLOG_BYTES:
        raise InputError(path, member.filename, msg("input.xlsx.long_prolog", kib=_PROLOG_BYTES // 1024))


# --- the worksheets and how far they reach -------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _parse(archive: zipfile.ZipFile, part: str) -> list:
    """The elements of a part, parsed through defusedxml (after :func:`_check_prolog` has refused any DTD)."""
    from defusedxml.ElementTree import iterparse

    if part not in archive.NameToInfo:
        return []
    with archive.open(part) as fh:
        return [element for _, element in iterparse(fh, events=("end",))]


def workbook_part(archive: zipfile.ZipFile) -> str:
    """The path of the workbook part (``xl/workbook.xml``), from the package's relationships."""
    return next((e.get("Target") for e in _parse(archive, "_rels/.rels")
                 if e.tag == f"{_PKG_REL}Relationship" and e.get("Type", "").endswith("/officeDocument")),
                "xl/workbook.xml").lstrip("/")


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) for every worksheet, from the workbook's relationships."""
    import posixpath

    def parse(part: str):
        return _parse(archive, part)

    book = workbook_part(archive)
    folder, base = posixpath.split(book)
    targets = {}
    for e in parse(posixpath.join(folder, "_rels", base + ".rels")):
        if e.tag == f"{_PKG_REL}Relationship":
            target = e.get("Target", "")
            targets[e.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                    else posixpath.normpath(posixpath.join(folder, target)))
    return [(e.get("name") or "", targets.get(e.get(f"{_REL}id"), ""))
            for e in parse(book) if e.tag == f"{_MAIN}sheet"]


_STRICT = b"http://purl.oclc.org/ooxml/"


def _strict(archive: zipfile.ZipFile) -> bool:
    """Whether the package is Strict Open XML (ISO/IEC 29500 Strict): its parts name purl.oclc.org namespaces,
    which no transitional reader (openpyxl, python-calamine) knows."""
    for part in ("_rels/.rels", workbook_part(archive)):
        if part in archive.NameToInfo:
            with archive.open(part) as fh:
                if _STRICT in fh.read(64 * 1024):
                    return True
    return False


def _at_most(limit: str, first: str, other: str) -> str:
    """A regex for the numerals up to ``limit`` (no leading zeros), decimal (``first``/``other``, the
    lowest character allowed first and later, are '1'/'0') or column letters ('A'/'A'); a longer
    numeral is always the larger one."""
    n, top = len(limit), "9" if other == "0" else "Z"
    out = [f"[{first}-{top}][{other}-{top}]{{0,{n - 2}}}"] if n > 1 else []
    for i, ch in enumerate(limit):
        low = first if i == 0 else other
        if ch > low:
            out.append(f"{limit[:i]}[{low}-{chr(ord(ch) - 1)}][{other}-{top}]{{{n - i - 1}}}")
    return "(?:" + "|".join(out + [limit]) + ")"


def _tiers(limits: Limits) -> list[tuple[int, int]]:
    """(rows, columns) boxes within the cell limit for the quick check, the tallest first: a sheet
    inside any of them is within the limits (a wide export is proved in a second pass, not walked)."""
    first = max(1, limits.cells // limits.rows)
    return [(limits.rows, first)] + [(min(limits.rows, limits.cells // cols), cols) for cols in (256, 1024)
                                     if cols > first and limits.cells // cols > 0]


@functools.lru_cache(maxsize=16)
def _unusual(rows: int, cols: int) -> tuple[re.Pattern[bytes], ...]:
    """What in a worksheet's XML the quick check cannot vouch for: a cell or row element whose first
    attribute is not a plain reference inside the box, or a prefixed one (each its own search: one
    pattern of alternatives is three times slower)."""
    row = _at_most(str(rows), "1", "0")
    col = _at_most(column_letter(cols), "A", "A")
    return (re.compile(rf'<c(?=[\s/>])(?! r="{col}{row}")'.encode()),
            re.compile(rf'<row(?=[\s/>])(?! r="{row}")'.encode()),
            re.compile(rb":(?:c|row)[\s/>]"))


_CHUNK = 16 * MIB
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_PLAIN_REF = re.compile(rb'<(?:c r="[A-Z]{1,3}|row r=")[0-9]{1,7}"')


def _check_extent(path: str, archive: zipfile.ZipFile, sheet: str, part: str, limits: Limits) -> None:
    """Refuse a worksheet that reaches beyond ``limits``. A quick pass over the XML proves most sheets
    within a box of the limits (every cell and row carries a plain reference inside it); a sheet with
    a reference outside goes to the next box, and a sheet the quick pass cannot read, or in no box,
    is walked element by element, as the readers place them."""
    for rows, cols in _tiers(limits):
        outside = _outside(archive, part, _unusual(rows, cols))
        if outside is None:
            return
        if not _PLAIN_REF.match(outside):  # not a reference too far, but a shape the quick pass cannot read
            break
    _walk_extent(path, archive, sheet, part, limits)


def _outside(archive: zipfile.ZipFile, part: str, unusual: tuple[re.Pattern[bytes], ...]) -> bytes | None:
    """The first element the patterns find (its first 40 bytes), or None."""
    with archive.open(part) as fh:
        tail = b""
        while True:
            block = fh.read(_CHUNK)
            data = tail + block
            cut = data.rfind(b">") + 1 if block else len(data)  # a tag is never split between passes
            for pattern in unusual:
                found = pattern.search(data, 0, cut)
                if found:
                    return data[found.start():found.start() + 40]
            tail = data[cut:]
            if not block:
                return None


def _walk_extent(path: str, archive: zipfile.ZipFile, sheet: str, part: str, limits: Limits) -> None:
    """Place every row and cell as openpyxl and python-calamine do (its reference, or the one after the
    previous) and stop at the first beyond the limits."""
    from defusedxml.ElementTree import iterparse

    def refuse(row: int, col: int, problem: Msg) -> InputError:
        place = Source(path, sheet=sheet, cell=f"{column_letter(max(col, 1))}{max(row, 1)}").place
        return InputError(path, place, msg("input.xlsx.beyond_limits", problem=problem, rows=_n(limits.rows),
                                           cells=_n(limits.cells)))

    row = col = max_row = max_col = elements = in_row = 0
    holder = None  # the element the rows hang from, emptied as each row is done
    with archive.open(part) as fh:
        for event, element in iterparse(fh, events=("start", "end")):
            local = element.tag.rpartition("}")[2]
            if event == "end":
                if local == "row" and holder is not None:
                    holder.clear()
                continue
            if local == "sheetData":
                holder = element
                continue
            if local == "row":
                r = element.get("r")
                if r is not None and not (r.isascii() and r.isdigit()):
                    raise refuse(row + 1, 1, msg("input.xlsx.row_not_number", row=r))
                row, col, in_row = (int(r) if r is not None else row + 1), 0, 0
                cell_row = row
            elif local == "c":
                ref = element.get("r")
                if ref is None:
                    col, cell_row = col + 1, row
                else:
                    m = _CELL_REF.fullmatch(ref)
                    if not m:
                        raise refuse(row, col + 1, msg("input.xlsx.bad_reference", ref=ref))
                    col = 0
                    for ch in m.group(1):
                        col = col * 26 + ord(ch) - 64
                    cell_row = int(m.group(2))
                in_row += 1
                if col > EXCEL_COLUMNS or in_row > EXCEL_COLUMNS:
                    raise refuse(cell_row, min(col, EXCEL_COLUMNS), msg("input.xlsx.too_many_columns"))
            else:
                continue
            elements += 1
            max_row, max_col = max(max_row, row, cell_row), max(max_col, col)
            if max_row > limits.rows or max_row * max(max_col, 1) > limits.cells or elements > limits.cells:
                raise refuse(cell_row, col, msg("input.xlsx.reach", row=_n(max_row),
                                                column=column_letter(max(max_col, 1)), count=_n(elements)))


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")
