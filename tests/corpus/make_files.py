"""Write the corpus's whole-file cases: workbooks (``workbooks/``) and ledgers (``ledgers/``).

Each file is a case whose bytes are the problem; what avstem must say about
it is in the folder's ``EXPECTED.yaml``, kept by hand. The files are
committed (a few kB each), so the tests need neither this script nor
LibreOffice; run it again after changing a case:

    .venv/bin/python tests/corpus/make_files.py

The old-Excel (.xls) cases are converted by LibreOffice (``soffice``) when
they are missing; LibreOffice stamps the time in them, so committed ones are
kept. Large hostile files (the 2 GiB zip bomb, the
million styled rows) are built at test time instead, in
``tests/test_hostile.py``.
"""

from __future__ import annotations

import gzip
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import BILLION_LAUGHS, XXE, with_doctype, with_parts  # noqa: E402

BOKMAL = ROOT / "fixtures" / "imdi-2023-bokmal.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
HEAD = "Konto;Kapittel;Post;Beløp\n"
LINE = "6300;0670;01;1 000,00\n"


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _ledger_xlsx() -> bytes:
    """A two-line ledger workbook, as openpyxl writes it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Hovedbok"
    sheet.append(["Konto", "Kapittel", "Post", "Beløp"])
    sheet.append(["6300", "0670", "01", 1000])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:  # fixed dates, so that the bytes do not change run to run
        core = archive.read("docProps/core.xml").decode()
    core = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\g<1>2024-01-01T00:00:00Z", core)
    return with_parts(out.getvalue(), {"docProps/core.xml": core.encode()})


def _xls(workbook: bytes, old: Path) -> bytes:
    """The workbook saved by LibreOffice as Excel 97–2003 (.xls). LibreOffice stamps the time in
    it, so a committed file is kept as it is."""
    if old.exists():
        return old.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ledger.xlsx"
        source.write_bytes(workbook)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "xls", "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=180)
        return (Path(tmp) / "ledger.xls").read_bytes()


def _far_cell(workbook: bytes, ref: str) -> bytes:
    """One more cell, far away: what a dense reader lays out up to it."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheet = archive.read(SHEET).decode()
    row = re.sub(r"[A-Z]", "", ref)
    sheet = sheet.replace("</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>')
    return with_parts(workbook, {SHEET: sheet.encode()})


def workbooks() -> dict[str, bytes]:
    bokmal = BOKMAL.read_bytes()
    with zipfile.ZipFile(io.BytesIO(bokmal)) as archive:
        sheet = archive.read(SHEET)
    return {
        "xls-renamed.xlsx": _xls(_ledger_xlsx(), HERE / "workbooks" / "xls-renamed.xlsx"),
        "csv-named.xlsx": (HEAD + LINE).encode(),
        "empty.xlsx": b"",
        "truncated.xlsx": bokmal[:4000],
        "zip-without-workbook.xlsx": _zip({"readme.txt": "not a workbook"}),
        "docx-named.xlsx": _zip({
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                   'package/2006/content-types"/>',
            "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                           '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                           'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                           '</Relationships>',
            "word/document.xml": '<?xml version="1.0"?><document/>'}),
        "billion-laughs.xlsx": with_doctype(bokmal, SHEET, BILLION_LAUGHS, "&lol9;"),
        "xxe.xlsx": with_doctype(bokmal, "xl/workbook.xml", XXE, "&xxe;"),
        "zip-bomb.xlsx": with_parts(bokmal, {SHEET: sheet.replace(b"</sheetData>", b" " * (4 << 20) + b"</sheetData>")}),
        "far-cell.xlsx": _far_cell(bokmal, "XFD1048576"),
        "row-beyond-the-limit.xlsx": _far_cell(bokmal, "C10001"),
        "sheet-not-xml.xlsx": with_parts(bokmal, {SHEET: b"this is not XML"}),
        "sheet-missing.xlsx": with_parts(bokmal, {SHEET: None}),
        "bad-crc.xlsx": _bad_crc(bokmal, "xl/workbook.xml"),
    }


def _bad_crc(workbook: bytes, part: str) -> bytes:
    """The workbook with one byte of ``part`` changed and its checksum left as it was."""
    data = bytearray(with_parts(workbook, {part: zipfile.ZipFile(io.BytesIO(workbook)).read(part)}, stored=part))
    at = data.find(b"<sheets>")
    data[at + 1] ^= 0x20  # <Sheets>: still XML, but not what the checksum covers
    return bytes(data)


def ledgers() -> dict[str, bytes]:
    xlsx = _ledger_xlsx()
    return {
        "utf16.csv": (HEAD + LINE).encode("utf-16"),
        "utf16-without-bom.csv": (HEAD + LINE).encode("utf-16-le"),
        "utf32.csv": (HEAD + LINE).encode("utf-32"),
        "unknown-separator.csv": (HEAD + LINE).replace(";", " ").encode(),
        "ragged-line.csv": (HEAD + LINE + "6300;0670\n" + LINE).encode(),
        "too-many-fields.csv": (HEAD + LINE + "6300;0670;01;5;x\n").encode(),
        "unterminated-quote-at-the-end.csv": (HEAD + LINE + '6300;0670;01;"1').encode(),
        "unterminated-quote-mid-file.csv": (HEAD + LINE + '6300;0670;01;"1 000,00\n' + LINE * 3).encode(),
        "unterminated-quote-in-the-headings.csv": ('"' + HEAD + LINE).encode(),
        "unterminated-quote-mid-line.csv": (HEAD + '6300;"0670;01;5\n' + LINE).encode(),
        "empty.csv": b"",
        "bom-only.csv": b"\xef\xbb\xbf",
        "blank-first-line.csv": ("\n" + HEAD + LINE).encode(),
        "headings-only.csv": HEAD.encode(),
        "headings-only-without-line-break.csv": HEAD.strip().encode(),
        "duplicated-heading.csv": ("Konto;Kapittel;Post;Beløp;Konto\n" + LINE.strip() + ";6300\n").encode(),
        "binary.csv": bytes(range(256)) * 4,
        "gzip.csv": gzip.compress((HEAD + LINE).encode(), mtime=0),
        "nul-in-a-line.csv": (HEAD + "6300;0670;01;1\0\n").encode(),
        "neither-utf8-nor-1252.csv": (HEAD + LINE * 3).encode() + b"6300;0670;01;1\x81\n",
        "first-line-too-long.csv": b"Konto" * 14_000,
        "zip-named.csv": xlsx,
        "xls-renamed.xlsx": _xls(xlsx, HERE / "ledgers" / "xls-renamed.xlsx"),
        "csv-named.xlsx": (HEAD + LINE).encode(),
        "truncated.xlsx": xlsx[:1500],
        "billion-laughs.xlsx": with_doctype(xlsx, SHEET, BILLION_LAUGHS, "&lol9;"),
        "xxe.xlsx": with_doctype(xlsx, "xl/workbook.xml", XXE, "&xxe;"),
        "zip-bomb.xlsx": with_parts(xlsx, {SHEET: zipfile.ZipFile(io.BytesIO(xlsx)).read(SHEET).replace(
            b"</sheetData>", b" " * (4 << 20) + b"</sheetData>")}),
        "far-cell.xlsx": _far_cell(xlsx, "XFD1048576"),
        "row-beyond-excel.xlsx": _far_cell(xlsx, "D50000000"),
        "ledger.ods": b"PK\x03\x04",
    }


def main() -> None:
    for folder, cases in (("workbooks", workbooks()), ("ledgers", ledgers())):
        target = HERE / folder
        target.mkdir(exist_ok=True)
        for name, data in cases.items():
            (target / name).write_bytes(data)
        print(f"{folder}: {len(cases)} files, {sum(map(len, cases.values())) // 1024} KiB")


if __name__ == "__main__":
    main()
