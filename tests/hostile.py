"""Builders of hostile workbooks, shared by the corpus script and the tests.

Everything is built from an existing workbook's bytes (its parts re-zipped
with fixed dates, so a build is reproducible): a document type with entity
expansion or an external entity in one part, a part replaced or removed, a
zip bomb that inflates to gigabytes but is written in about a second, and a
sheet of a million empty styled rows whose ``<dimension>`` claims two.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

#: Nine levels of ten: ``&lol9;`` is 10^9 "lol"s, 3 GB of text once expanded.
BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + ("" if i == 1 else str(i - 1)) + ";") * 10}">' for i in range(1, 10)) + "]>")
#: An external entity: a parser that resolves it reads a local file into the workbook.
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
_DATE = (2024, 1, 1, 0, 0, 0)


def with_parts(workbook: bytes, parts: dict[str, bytes | None], stored: str | None = None) -> bytes:
    """The workbook re-zipped with ``parts`` replaced (None: removed); ``stored``: a part left uncompressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist() + [n for n in parts if n not in source.namelist()]
        for name in names:
            data = parts[name] if name in parts else source.read(name)
            if data is None:
                continue
            method = zipfile.ZIP_STORED if name == stored else zipfile.ZIP_DEFLATED
            target.writestr(zipfile.ZipInfo(name, _DATE), data, method)
    return out.getvalue()


def with_doctype(workbook: bytes, part: str, doctype: str, reference: str) -> bytes:
    """The workbook with ``doctype`` declared in ``part`` and ``reference`` used in its first text (or its
    first ``name`` attribute)."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        xml = archive.read(part).decode("utf-8")
    declaration = re.match(r"\s*<\?xml[^>]*\?>", xml)
    at = declaration.end() if declaration else 0
    xml = xml[:at] + doctype + xml[at:]
    xml, n = re.subn(r"(<(?:\w+:)?[tv](?:\s[^>]*)?>)", lambda m: m.group(1) + reference, xml, count=1)
    if not n:
        xml = re.sub(r'( name=")', lambda m: m.group(1) + reference, xml, count=1)
    return with_parts(workbook, {part: xml.encode("utf-8")})


def zip_bomb(workbook: bytes, path: Path, part: str = "xl/worksheets/sheet1.xml", gib: int = 2) -> Path:
    """The workbook with ``part`` inflating to ``gib`` GiB of XML (a sheet padded with spaces), about
    2 MB on disk, written without compressing gigabytes: after a full flush deflate starts afresh, so
    one compressed 64 MiB block can be repeated. A valid archive (sizes and checksums true), so a reader
    that opened it would inflate it all."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members.pop(part).decode("utf-8")
    head, tail = xml.split("</sheetData>", 1)
    head, tail = head.encode(), ("</sheetData>" + tail).encode()
    block = b" " * (64 << 20)
    repeats = gib * 16
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * repeats + len(tail)
    entries = [(name, zlib.compress(data, 9)[2:-4], zlib.crc32(data), len(data)) for name, data in members.items()]
    entries.append((part, None, crc, size))
    with open(path, "wb") as fh:
        directory = []
        for name, deflated, crc32, length in entries:
            compressed = len(deflated) if deflated is not None else len(start) + len(middle) * repeats + len(end)
            offset = fh.tell()
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc32, compressed, length,
                                 len(name), 0) + name.encode())
            if deflated is not None:
                fh.write(deflated)
            else:
                fh.write(start)
                for _ in range(repeats):
                    fh.write(middle)
                fh.write(end)
            directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5821, crc32,
                                         compressed, length, len(name), 0, 0, 0, 0, 0, offset) + name.encode())
        at = fh.tell()
        listing = b"".join(directory)
        fh.write(listing)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(listing), at, 0))
    return path


def styled_rows(workbook: bytes, path: Path, rows: int = 1_000_000, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """The workbook with ``rows`` empty styled rows below its data, and a ``<dimension>`` that says the
    sheet ends at D2 (openpyxl's read-only mode would believe it)."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        xml = archive.read(part).decode("utf-8")
    last = max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))
    empty = "".join(f'<row r="{r}"><c r="A{r}" s="1"/></row>' for r in range(last + 1, last + 1 + rows))
    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:D2"/>', xml)
    xml = xml.replace("</sheetData>", empty + "</sheetData>")
    path.write_bytes(with_parts(workbook, {part: xml.encode()}))
    return path
