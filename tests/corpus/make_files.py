"""Write the corpus's whole-file cases: workbooks (``workbooks/``) and ledgers (``ledgers/``).

Each file is a case whose bytes are the problem; what avstem must say about
it is in the folder's ``EXPECTED.yaml``, kept by hand. The files are
committed (a few kB each), so the tests need neither this script nor
LibreOffice; run it again after changing a case:

    .venv/bin/python tests/corpus/make_files.py

The old-Excel (.xls) cases, and the workbooks LibreOffice saves again
(``libreoffice-*.xlsx``), are made by LibreOffice (``soffice``) when they
are missing; LibreOffice stamps the time in them, so committed ones are
kept. The placeholder cases (``xlsxwriter-*.xlsx``) are written by
XlsxWriter (a test dependency), as programs that calculate nothing write
formulas: a cached 0 and ``fullCalcOnLoad``. The folder ``read/`` holds the
whole workbooks that must be read (its ``EXPECTED.yaml`` says how). Large hostile files (the 2 GiB zip bomb, the
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

from fixtures.build_workbooks import recalculating_profile  # noqa: E402
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
        **placeholders(),
        **cells(),
    }


# --- formulas whose saved values are placeholders -------------------------------------------------------

#: Totals of the one-sheet workbook written as formulas: (cell, formula, the value it calculates to).
TOTALS = (("C98", "SUM(C96:C97)", 459511218), ("D107", "SUM(D104:D106)", 5126100),
          ("C99", "C98-C94", 459511218), ("C114", "SUM(C113)", 21846954210))


def _xlsxwriter(formulas=TOTALS, values: bool = False, every_figure: bool = False,
                helper: dict[str, object] | None = None) -> bytes:
    """The one-sheet workbook written again by XlsxWriter, ``formulas`` (cell, formula, value) in place of
    their figures: saved with a cached 0 (``values``: with the value each calculates to) and marked
    ``fullCalcOnLoad``, as XlsxWriter writes every workbook. ``every_figure``: every number a formula
    (``=224652734``); ``helper``: a second sheet «Grunnlag» with these cells."""
    import datetime

    import openpyxl
    import xlsxwriter

    source = openpyxl.load_workbook(BOKMAL).active
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"title": "Årsregnskap 2023 for IMDi", "created": datetime.datetime(2024, 1, 1)})
    sheet = book.add_worksheet(source.title)
    for row in source.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            if every_figure and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                sheet.write_formula(cell.coordinate, f"={cell.value}")
            else:
                sheet.write(cell.coordinate, cell.value)
    for ref, formula, value in formulas:
        sheet.write_formula(ref, f"={formula}", None, value if values else 0)
    if helper:
        extra = book.add_worksheet("Grunnlag")
        for ref, value in helper.items():
            extra.write(ref, value)
    book.close()
    return out.getvalue()


def _resaved(name: str, workbook: bytes, old: Path, recalculate: bool = False) -> bytes:
    """The workbook opened and saved by LibreOffice, which keeps the values cached in it (and drops
    ``fullCalcOnLoad``); ``recalculate``: with a profile that recalculates every formula on load.
    LibreOffice stamps the time in the file, so a committed one is kept as it is."""
    if old.exists():
        return old.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in" / name
        source.parent.mkdir()
        source.write_bytes(workbook)
        profile = recalculating_profile(Path(tmp) / "profile") if recalculate else Path(tmp) / "profile"
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=180)
        return (Path(tmp) / name).read_bytes()


def _with_formula(workbook: bytes, ref: str, formula: str, cached: str, calc: str | None = None) -> bytes:
    """The workbook with the number in ``ref`` replaced by ``formula`` saved with the value ``cached``, and
    ``calc`` (attributes) as its calculation properties."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheet = archive.read(SHEET).decode()
        book = archive.read("xl/workbook.xml").decode()
    sheet, n = re.subn(rf'<c r="{ref}"([^>]*)><v>[^<]*</v></c>', rf'<c r="{ref}"\1><f>{formula}</f><v>{cached}</v></c>',
                       sheet)
    assert n == 1, ref
    if calc is not None:
        book, n = re.subn(r"<calcPr[^>]*/>", f"<calcPr calcId=\"191029\" {calc}/>", book)
        assert n == 1
    return with_parts(workbook, {SHEET: sheet.encode(), "xl/workbook.xml": book.encode()})


def placeholders() -> dict[str, bytes]:
    """Workbooks whose formulas' saved values cannot be trusted: each must be refused naming a cell."""
    bokmal = BOKMAL.read_bytes()
    folder = HERE / "workbooks"
    a_total = _xlsxwriter(TOTALS[:1])
    other_sheet = _xlsxwriter((("C96", "Grunnlag!B2", 224652734),), helper={"A2": "Lønn", "B2": 224652734})
    every_figure = _xlsxwriter((), every_figure=True)
    plain = 'fullCalcOnLoad="0"'
    return {
        "xlsxwriter-a-total.xlsx": a_total,
        "xlsxwriter-totals-with-values.xlsx": _xlsxwriter(values=True),
        "xlsxwriter-every-figure.xlsx": every_figure,
        "xlsxwriter-a-label.xlsx": _xlsxwriter((("A96", '"Utbetalinger til lønn"', 0),)),
        "xlsxwriter-other-sheet.xlsx": other_sheet,
        "libreoffice-resaved-a-total.xlsx": _resaved("libreoffice-resaved-a-total.xlsx", a_total,
                                                     folder / "libreoffice-resaved-a-total.xlsx"),
        "libreoffice-resaved-every-figure.xlsx": _resaved("libreoffice-resaved-every-figure.xlsx", every_figure,
                                                          folder / "libreoffice-resaved-every-figure.xlsx"),
        "libreoffice-resaved-other-sheet.xlsx": _resaved("libreoffice-resaved-other-sheet.xlsx", other_sheet,
                                                         folder / "libreoffice-resaved-other-sheet.xlsx"),
        "full-calc-on-load-true.xlsx": _with_formula(bokmal, "C98", "SUM(C96:C97)", "459511218",
                                                     'fullCalcOnLoad="true"'),
        "manual-calculation-not-on-save.xlsx": _with_formula(bokmal, "C98", "SUM(C96:C97)", "459511218",
                                                             'calcMode="manual" calcOnSave="0"'),
        "stale-last-years-value.xlsx": _with_formula(bokmal, "C98", "SUM(C96:C97)", "440278325", plain),
        "stale-difference.xlsx": _with_formula(bokmal, "C99", "(C98-C94)*1", "1", plain),
    }


def _strict(workbook: bytes) -> bytes:
    """The workbook in Strict Open XML's namespaces (as Excel saves «Strict Open XML Spreadsheet»)."""
    transitional = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
                    b"http://purl.oclc.org/ooxml/officeDocument/relationships"}
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist() if name.endswith((".xml", ".rels"))}
    for name, data in parts.items():
        for old, new in transitional.items():
            data = data.replace(old, new)
        parts[name] = data
    return with_parts(workbook, parts)


def _cell_xml(workbook: bytes, ref: str, xml: str) -> bytes:
    """The workbook with the cell ``ref`` written as ``xml``."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheet = archive.read(SHEET).decode()
    sheet, n = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>', xml, sheet, count=1)
    assert n == 1, ref
    return with_parts(workbook, {SHEET: sheet.encode()})


def cells() -> dict[str, bytes]:
    """Cells no reader of Excel's files reads: each must be refused naming the cell (or the part)."""
    bokmal = BOKMAL.read_bytes()
    return {
        "nan-as-a-number.xlsx": _cell_xml(bokmal, "C96", '<c r="C96" t="n"><v>NaN</v></c>'),
        "infinity-as-a-number.xlsx": _cell_xml(bokmal, "C97", '<c r="C97"><v>-INF</v></c>'),
        "nan-saved-with-a-formula.xlsx": _cell_xml(bokmal, "C98", '<c r="C98"><f>C96/0</f><v>nan</v></c>'),
        "a-cell-of-40000-characters.xlsx": _cell_xml(bokmal, "A96", f'<c r="A96" t="inlineStr"><is><t>{"x" * 40_000}'
                                                                 '</t></is></c>'),
        "strict-open-xml.xlsx": _strict(bokmal),
    }


def read() -> dict[str, bytes]:
    """Workbooks with formulas whose values can be trusted: each must be read, as the plain one is."""
    bokmal = BOKMAL.read_bytes()
    plain = 'fullCalcOnLoad="0"'
    return {
        "libreoffice-recalculated.xlsx": _resaved("libreoffice-recalculated.xlsx", _xlsxwriter(),
                                                  HERE / "read" / "libreoffice-recalculated.xlsx", recalculate=True),
        "a-total-calculated.xlsx": _with_formula(bokmal, "C98", "SUM(C96:C97)", "459511218", plain),
        "a-formula-not-judged.xlsx": _with_formula(bokmal, "C98", "ROUND(SUM(C96:C97),0)", "459511218", plain),
        "a-sum-in-doubles.xlsx": _with_formula(bokmal, "C98", "SUM(C96:C97)", "459511218.00000006", plain),
    }


def _bad_crc(workbook: bytes, part: str) -> bytes:
    """The workbook with one byte of ``part`` changed and its checksum left as it was."""
    data = bytearray(with_parts(workbook, {part: zipfile.ZipFile(io.BytesIO(workbook)).read(part)}, stored=part))
    at = data.find(b"<sheets>")
    data[at + 1] ^= 0x20  # <Sheets>: still XML, but not what the checksum covers
    return bytes(data)


def _xlsxwriter_ledger(formula: bool = True, at: str = "D3") -> bytes:
    """A ledger written by XlsxWriter whose amount at ``at`` is a formula (saved as a placeholder 0)."""
    import datetime

    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": datetime.datetime(2024, 1, 1)})
    sheet = book.add_worksheet("Hovedbok")
    sheet.write_row(0, 0, ["Konto", "Kapittel", "Post", "Beløp"])
    for row in range(1, 4):
        sheet.write_row(row, 0, ["6300", "0670", "01", 1000])
    if formula:
        sheet.write_formula(at, "=D2*2")
    book.close()
    return out.getvalue()


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
        # formulas whose saved values are placeholders (issue 17, point 1)
        "xlsxwriter-a-formula-amount.xlsx": _xlsxwriter_ledger(),
        "xlsxwriter-a-formula-far-down.xlsx": _xlsxwriter_ledger(at="D4"),
        # amounts ambiguous between the decimal conventions (issue 17, point 12)
        "ambiguous-decimal-point.csv": (HEAD + "6300;0670;01;1234.50\n6300;0670;01;1.234\n").encode(),
        "ambiguous-negative.csv": (HEAD + "6300;0670;01;-1.000\n" + LINE.replace("1 000,00", "1000.5") * 2).encode(),
        "ambiguous-in-parentheses.csv": (HEAD + LINE.replace("1 000,00", "12.75") + "6300;0670;01;(2.500)\n").encode(),
        "ambiguous-millions.csv": (HEAD.replace(";", "\t") + "6300\t0670\t01\t0.5\n" * 3
                                   + "6300\t0670\t01\t1.234.567\n").encode(),
        # a field beyond the longest avstem reads (issue 17, point 8; the large cases are built at test time)
        "a-text-field-of-140-kb.csv": (HEAD.replace("Beløp", "Beløp;Tekst") + LINE.replace("\n", ";x\n") * 2
                                       + "6300;0670;01;5;" + "tekst " * 24_000 + "\n").encode(),
        "an-amount-of-140-kb.csv": (HEAD + LINE + "6300;0670;01;" + "9" * 140_000 + "\n").encode(),
        "a-quoted-field-of-140-kb.csv": (HEAD + LINE + '6300;0670;01;"' + "1" * 140_000 + '"\n' + LINE).encode(),
    }


def main() -> None:
    for folder, cases in (("workbooks", workbooks()), ("ledgers", ledgers()), ("read", read())):
        target = HERE / folder
        target.mkdir(exist_ok=True)
        for name, data in cases.items():
            (target / name).write_bytes(data)
        print(f"{folder}: {len(cases)} files, {sum(map(len, cases.values())) // 1024} KiB")


if __name__ == "__main__":
    main()
