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
so a lying header cannot get past them. The ledger importer shares this
module with its own limits.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from ledger.errors import InputError

_ZIP = b"PK\x03\x04"
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold; sizes in bytes."""

    file_size: int  # on disk
    members: int  # parts in the zip
    member_size: int  # one part, inflated
    total_size: int  # all parts, inflated
    ratio: int  # inflated / compressed, for parts larger than ``ratio_floor``
    ratio_floor: int = 1 * MIB  # small parts (styles, shared strings) may compress very well


#: An agency's workbook of statements and notes: a few hundred cells per sheet,
#: typically 20–200 kB. The limits leave room for pictures and other sheets.
ACCOUNTS = Limits(file_size=20 * MIB, members=2000, member_size=50 * MIB, total_size=100 * MIB, ratio=100)


def check_xlsx(path: str, limits: Limits = ACCOUNTS) -> None:
    """Refuse ``path`` unless it is a zip-packaged workbook within ``limits`` (raises InputError)."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if head.startswith(_OLE2):
        raise InputError(path, None, "this is an old Excel 97–2003 (.xls) file or a password-protected workbook; "
                                     "save it as an unprotected .xlsx workbook")
    if not head.startswith(_ZIP):
        what = "an empty file" if not head else "not an .xlsx workbook (an .xlsx file is a zip archive)"
        raise InputError(path, None, f"{what}; save it from Excel or LibreOffice as .xlsx")
    if size > limits.file_size:
        raise InputError(path, None, f"the file is {size / MIB:.1f} MiB, more than the {limits.file_size // MIB} MiB "
                                     "avstem accepts for this kind of workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path, None, f"not a readable .xlsx workbook (a damaged zip archive: {exc})") from None
    if len(members) > limits.members:
        raise InputError(path, None, f"the workbook has {len(members)} parts, more than the limit of {limits.members}")
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names:
        raise InputError(path, None, "a zip archive but not a workbook (it has no [Content_Types].xml)")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.member_size:
            raise InputError(path, member.filename, f"this part inflates to {member.file_size / MIB:.0f} MiB, more "
                                                    f"than the limit of {limits.member_size // MIB} MiB (a zip bomb?)")
        if member.file_size > limits.ratio_floor and member.file_size > limits.ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputError(path, member.filename, f"this part is compressed {ratio}:1, more than the limit of "
                                                    f"{limits.ratio}:1 (a zip bomb?)")
    if total > limits.total_size:
        raise InputError(path, None, f"the workbook inflates to {total / MIB:.0f} MiB, more than the limit of "
                                     f"{limits.total_size // MIB} MiB (a zip bomb?)")
