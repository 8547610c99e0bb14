"""The agency's own workbook: found by title, heading and label; every figure at its cell.

The fixtures are IMDi 2023 as an agency keeps it (``fixtures/imdi-2023.xlsx``:
Nynorsk as printed, one statement per sheet, merged cells, figures typed as
text, formula totals) and on one sheet in Bokmål (``imdi-2023-bokmal.xlsx``),
both built by ``fixtures/build_workbooks.py`` from ``fixtures/imdi-2023.yaml``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from avstem.pipeline import CheckRequest, check, sha256_of
from ledger.core.accounts import PostKey
from ledger.core.errors import InputError
from ledger.forms.inputs import read_prior
from ledger.forms.workbook import read_workbook
from reports.i18n import render_message
from tests.helpers import BOKMAL, IMDI, IMDI_XLSX, ROOT, assert_same_model, cell_of, run_cli


@pytest.fixture(scope="module")
def imdi_xlsx():
    return read_workbook(str(IMDI_XLSX))


@pytest.fixture(scope="module")
def raw():
    """The agency-style fixture as stored: values and formulas (not the cached values)."""
    return openpyxl.load_workbook(IMDI_XLSX)


def _signature(path):
    """What a finding says, without where it was read: rule, key, figures, path, message."""
    outcome = check(CheckRequest(str(path)))
    return [(f.rule, f.severity.label, f.kind.value, f.key, f.expected, f.actual, f.difference,
             f.tolerance, f.location.path if f.location else None, render_message(f, "en"))
            for f in outcome.findings], outcome


# --- the same accounts, the same findings ---------------------------------------------------------


@pytest.mark.parametrize("workbook", [IMDI_XLSX, BOKMAL], ids=["one-sheet-per-statement-nn", "one-sheet-nb"])
def test_findings_are_the_same_as_from_the_yaml(workbook):
    expected, _ = _signature(IMDI)
    got, outcome = _signature(workbook)
    assert got == expected
    assert len(got) == 18
    for finding in outcome.findings:  # every location is a cell of the workbook
        assert re.fullmatch(re.escape(str(workbook)) + r":('[^']+'|\w+)![A-Z]+\d+", str(finding.location)), \
            str(finding.location)


def test_the_agency_workbook_reads_as_exactly_the_published_accounts(imdi, imdi_xlsx):
    assert_same_model(imdi, imdi_xlsx)


def test_locations_print_as_file_sheet_and_cell(capsys):
    code, out, err = run_cli(capsys, "check", IMDI_XLSX, "--lang", "en")
    assert code == 0, err
    assert f"{IMDI_XLSX}:Løyving!I30 (appropriation.net_reported)" in out
    assert f"{IMDI_XLSX}:'Note B'!J5 (note_b.rows[0].maximum)" in out


# --- the quirks of a real workbook ----------------------------------------------------------------


def test_nynorsk_labels_with_footnote_stars_are_known_lines(imdi_xlsx):
    line = imdi_xlsx.chart.get("pension_premium")
    assert line.label == "Avsett pensjonspremie til Statens pensjonskasse****"
    assert imdi_xlsx.notes["note2"].get("pension").label == "Pensjonsutgifter*"
    assert imdi_xlsx.notes["note7"].get("municipalities").label == "Tilskot til kommunar post 60-85"


def test_a_label_merged_down_over_two_rows_is_one_line(imdi_xlsx, raw):
    line = imdi_xlsx.chart.get("pension_premium")
    label_row = int(line.source.cell[1:])
    assert f"A{label_row}:A{label_row + 1}" in {str(r) for r in raw["Artskonto"].merged_cells.ranges}
    assert line["current"].value == -5075542 and line["current"].source.cell == f"C{label_row + 1}"


def test_merged_headings_head_every_column_they_span(imdi_xlsx, raw):
    # «Samla tildeling**» is merged over G and H; the figures stand in G
    assert "G3:H3" in {str(r) for r in raw["Løyving"].merged_cells.ranges}
    assert imdi_xlsx.appropriation.expenses[0].allocation.source.cell == "G4"
    assert raw["Løyving"]["G3"].value == "Samla\ntildeling**"  # a line break and footnote stars
    assert raw["Løyving"]["I3"].value == "Rekneskap\n2023"
    assert imdi_xlsx.appropriation.expenses[0].accounts.source.cell == "I4"
    # Note B's headings are merged down over two rows, with line breaks and hyphens inside
    assert imdi_xlsx.note_b.rows[0].maximum.source.cell == "J5"


def test_a_chapter_merged_down_over_its_posts_belongs_to_each(imdi_xlsx, raw):
    keys = [str(r.key) for r in imdi_xlsx.appropriation.expenses]
    assert keys[1:10] == [f"0671.{p}" for p in ("21", "45", "60", "61", "62", "70", "71", "72", "73")]
    assert raw["Løyving"]["B6"].value is None  # only the first row of the merged range holds the code


def test_codes_typed_as_numbers_keep_their_leading_zeros(imdi_xlsx, raw):
    assert raw["Løyving"]["B4"].value == 670 and raw["Løyving"]["D4"].value == 1
    assert str(imdi_xlsx.appropriation.expenses[0].key) == "0670.01"
    assert raw["Løyving"][imdi_xlsx.appropriation.holdings[0].source.cell].value == 705005
    assert imdi_xlsx.appropriation.holdings[0].account == "705005"


def test_figures_typed_as_text_with_spaces(imdi_xlsx, raw):
    figure = imdi_xlsx.appropriation.expenses[1].difference
    assert raw["Løyving"][figure.source.cell].value == "-167 594" and figure.value == -167594
    figure = imdi_xlsx.appropriation.expenses[5].difference  # no-break spaces
    assert raw["Løyving"][figure.source.cell].value == "-301\u00a0889" and figure.value == -301889
    rate = imdi_xlsx.notes["note2"].get("premium_rate")["current"]
    assert raw["Note 2"][rate.source.cell].value == "10,30" and rate.value == Decimal("10.3")


def test_formula_totals_are_read_from_their_cached_values(imdi_xlsx, raw):
    total = imdi_xlsx.appropriation.expense_total.accounts
    assert raw["Løyving"][total.source.cell].value == "=SUM(I4:I17)"
    assert total.value == 22354225180
    assert raw["Note 3"][imdi_xlsx.notes["note3"].get("total")["current"].source.cell].value.startswith("=SUM(")


def test_spacer_rows_and_columns_are_skipped(imdi_xlsx, raw):
    sheet = raw["Løyving"]
    assert all(sheet.cell(r, 1).value is None for r in range(1, sheet.max_row + 1))  # column A is a spacer
    assert imdi_xlsx.appropriation.expense_total.source.cell == "B18"


def test_repeated_heading_rows_inside_a_table(imdi_xlsx):
    note4 = imdi_xlsx.notes["note4"]  # IMDi prints the year headings again above «Utbetaling av finansutgifter»
    assert [line.id for line in note4.lines] == ["income_total", "interest_expense", "fx_loss",
                                                 "other_financial_expense", "expense_total"]
    assert imdi_xlsx.chart.get("balance_total").note == "8"  # the balance's own heading row has no «Note»


def test_agency_specific_lines_are_extra_lines_of_their_block(imdi_xlsx):
    line = imdi_xlsx.notes["note6"].lines[0]
    assert line.extra and line.block == "collection" and line.statskonto == "530929"
    assert line["current"].source.cell == "B4"


def test_note_b_explanations_and_footnotes(imdi, imdi_xlsx):
    assert imdi_xlsx.note_b.texts == imdi.note_b.texts  # «Heading: text» in one cell
    assert read_workbook(str(BOKMAL)).note_b.texts[1].heading == "Stikkordet «kan overføres»"  # two cells
    assert imdi_xlsx.note_b.footnotes == imdi.note_b.footnotes


def test_the_one_sheet_layout_finds_every_statement_on_one_sheet():
    accounts = read_workbook(str(BOKMAL))
    assert {accounts.appropriation.source.sheet, accounts.note8.table.source.sheet,
            accounts.context.source.sheet} == {"Årsregnskap"}
    assert accounts.agency.language == "nb"
    assert accounts.chart.get("salaries").label == "Utbetalinger til lønn"


def test_last_years_accounts_may_be_a_workbook():
    prior = read_prior(IMDI_XLSX, 2024)
    assert prior.year == 2023 and prior.transfers[PostKey("0670", "01")].value == 6084865


# --- bad workbooks: exit 2, one line naming the file and the cell -----------------------------------


def _edit(tmp_path, source, change, name="edited.xlsx"):
    book = openpyxl.load_workbook(source)
    change(book)
    path = tmp_path / name
    book.save(path)
    return path


def _expect_exit_2(capsys, path, *fragments):
    """``avstem check PATH`` refuses the file in one line naming it and ``fragments`` (in English: these tests are
    about the place and the reason; the user's language is test_cli.py's)."""
    digest = sha256_of(str(path))
    code, out, err = run_cli(capsys, "check", path, "--lang", "en")  # the fragments are English: about the place
    assert code == 2, out + err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert f"avstem: {path}" in err, err
    for fragment in fragments:
        assert fragment in err, err
    assert sha256_of(str(path)) == digest  # the input is never modified
    return err


def test_a_formula_without_a_calculated_value_names_its_cell(capsys, tmp_path):
    # openpyxl keeps the formulas but not their values, like any program that does not calculate
    path = _edit(tmp_path, IMDI_XLSX, lambda book: None)
    _expect_exit_2(capsys, path, "Løyving!G18:", "=SUM(G4:G17)", "has no calculated value")


def test_a_formula_with_an_empty_text_result_is_a_blank(tmp_path):
    path = _edit(tmp_path, BOKMAL, lambda book: book.active.cell(1, 20, '=""'))
    with zipfile.ZipFile(path) as archive:  # save it the way Excel does: an empty text result
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, n = re.subn(r'<c r="T1"><f>""</f><v\s*/></c>', '<c r="T1" t="str"><f>""</f><v></v></c>', sheet)
    assert n == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_workbook(str(path)).agency.short_name == "IMDi"


def test_a_missing_statement(capsys, tmp_path):
    path = _edit(tmp_path, IMDI_XLSX, lambda book: book.remove(book["Note A"]), "no-note-a.xlsx")
    with pytest.raises(InputError, match="no sheet has the title 'Note A Forklaring av samlet tildeling"):
        # (the formulas lost their values too; the missing statement is found first)
        read_workbook(str(path))
    path = _edit(tmp_path, BOKMAL, lambda book: _clear(book.active, "Note 4 Finansinntekter og finansutgifter"))
    _expect_exit_2(capsys, path, "no sheet has the title 'Note 4 Finansinntekter og finansutgifter'")


def _clear(sheet, text):
    sheet[cell_of(sheet, text)] = None


def test_a_duplicated_row(capsys, tmp_path):
    def duplicate(book):
        sheet = book.active
        row = sheet[cell_of(sheet, "Andre utbetalinger til drift")].row
        for col in range(1, 5):
            sheet.cell(row, col).value = sheet.cell(row - 1, col).value
    path = _edit(tmp_path, BOKMAL, duplicate)
    _expect_exit_2(capsys, path, "Årsregnskap!A97:", "'Utbetalinger til lønn' appears twice (also at A96)")


def test_a_duplicated_kapittel_post(capsys, tmp_path):
    def duplicate(book):
        sheet = book.active
        sheet[cell_of(sheet, "0670 01")].offset(1, 0).value = "0670 01"
    path = _edit(tmp_path, BOKMAL, duplicate)
    _expect_exit_2(capsys, path, "Årsregnskap!A56:", "kapittel/post 0670.01 appears twice (also at A55)")


def test_a_figure_that_is_not_a_number(capsys, tmp_path):
    def spoil(book):
        sheet = book.active
        sheet[cell_of(sheet, "Utbetalinger til lønn")].offset(0, 2).value = "224 652 73x"
    path = _edit(tmp_path, BOKMAL, spoil)
    _expect_exit_2(capsys, path, "Årsregnskap!C96:", "not an amount", "224 652 73x")


def test_a_line_outside_any_block_names_its_cell(capsys, tmp_path):
    def add(book):
        sheet = book.active
        cell = sheet[cell_of(sheet, "Netto rapportert til bevilgningsregnskapet", nth=2)]  # the chart's
        sheet.insert_rows(cell.row + 1)
        sheet.cell(cell.row + 1, 1, "Diverse korreksjoner")
        sheet.cell(cell.row + 1, 3, 1000)
    path = _edit(tmp_path, BOKMAL, add)
    _expect_exit_2(capsys, path, "'Diverse korreksjoner' is not a line of", "outside any block")


def _relabel(old, new):
    def change(book):
        sheet = book.active
        sheet[cell_of(sheet, old)] = new
    return change


def test_a_misspelt_label_is_named_at_its_cell_with_the_label_it_likely_means(capsys, tmp_path):
    # an optional total misspelt would be read as an extra line of its block, and counted twice in the net
    path = _edit(tmp_path, BOKMAL, _relabel("Sum utbetalinger til drift", "Sum utbetalinger til drif"))
    _expect_exit_2(capsys, path, "Årsregnskap!A98: Oppstilling av artskontorapporteringen: 'Sum utbetalinger til "
                   "drif' is not a line avstem knows, and the line 'Sum utbetalinger til drift' is not printed: did "
                   "you mean «Sum utbetalinger til drift»?")
    for lang, words in (("nb", "mente du «Sum utbetalinger til drift»?"),
                        ("nn", "meinte du «Sum utbetalinger til drift»?")):
        code, _, err = run_cli(capsys, "check", path, "--lang", lang)
        assert code == 2 and f"{path}:Årsregnskap!A98: " in err and words in err, err
    # a required total misspelt: named where it is, not only where it was expected
    path = _edit(tmp_path, BOKMAL, _relabel("Sum andre utbetalinger til drift", "Sum andre utbetalinger til drif"))
    _expect_exit_2(capsys, path, "Årsregnskap!A173:", "'Sum andre utbetalinger til drif' is not a line avstem knows",
                   "did you mean «Sum andre utbetalinger til drift»?")
    # a net misspelt, where no extra line may stand: the same, not «outside any block»
    path = _edit(tmp_path, BOKMAL, _relabel("Netto rapporterte driftsutgifter", "Netto raporterte driftsutgifter"))
    _expect_exit_2(capsys, path, "Årsregnskap!A99:", "did you mean «Netto rapporterte driftsutgifter»?")


def test_a_label_close_to_no_line_gets_no_suggestion(capsys, tmp_path):
    # a required line whose label is nothing like it: the line is missing, named where it was expected
    path = _edit(tmp_path, BOKMAL, _relabel("Sum andre utbetalinger til drift", "Noe helt annet"))
    err = _expect_exit_2(capsys, path, "Årsregnskap!A173: Note 3 Andre utbetalinger til drift: the required line "
                         "'Sum andre utbetalinger til drift' is missing (expected below 'Øvrige driftsutgifter')")
    assert "did you mean" not in err
    # an optional total replaced by another text is an extra line, as before (and not a misspelling of anything)
    path = _edit(tmp_path, BOKMAL, _relabel("Sum utbetalinger til drift", "Helt annen tekst her"))
    line = next(line for line in read_workbook(str(path)).chart.lines if line.id is None)
    assert (line.label, line.source.place) == ("Helt annen tekst her", "Årsregnskap!A98")
    # a line of its own that comes near another's label is not taken for a misspelling of it
    from ledger.forms.workbook.lines import NEAR, closeness
    from ledger.vocabulary.layout import CHART

    assert closeness("Sum utbetalinger til drif", CHART.line("operating_expenses_total")) > NEAR
    assert closeness("Innbetalinger til lønn", CHART.line("salaries")) < NEAR
    assert closeness("Utbetaling til kjøp av aksjar 5, 8 del B", CHART.line("shares")) == 0  # its note run in


def test_a_line_inside_a_block_is_read_as_an_extra_line(tmp_path):
    def add(book):
        sheet = book.active
        row = sheet[cell_of(sheet, "Differanser på bank og uidentifiserte innbetalinger")].row
        sheet.insert_rows(row + 1)
        sheet.cell(row + 1, 1, "Annen gjeld til statskassen**")
        sheet.cell(row + 1, 3, -1000)
    accounts = read_workbook(str(_edit(tmp_path, BOKMAL, add)))
    line = next(line for line in accounts.chart.lines if line.extra)
    assert (line.block, line.label, line["current"].value, line["prior"].blank) == \
        ("balance", "Annen gjeld til statskassen**", -1000, True)


def test_a_column_for_another_year(capsys, tmp_path):
    def spoil(book):
        sheet = book.active
        sheet[cell_of(sheet, "Regnskap 2023")] = "Regnskap 2022"
    path = _edit(tmp_path, BOKMAL, spoil)
    # the statements contradict themselves: both places are named
    _expect_exit_2(capsys, path, "Årsregnskap!G14:", "the heading 'Regnskap 2022' says 2022, but the title "
                   "'Oppstilling av bevilgningsrapportering 31.12.2023' (Årsregnskap!A12) says 2023")


def test_hidden_sheets_are_not_read(tmp_path):
    def hide(book):
        old = book.create_sheet("Gammal")
        old["A1"] = "Note A Forklaring av samlet tildeling utgifter"
        old.sheet_state = "hidden"
    assert read_workbook(str(_edit(tmp_path, BOKMAL, hide))).note_a.rows


# --- not a workbook at all --------------------------------------------------------------------------


@pytest.mark.parametrize("content, message", [
    (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504, "old Excel 97–2003 (.xls) file or a password-protected"),
    ("Konto;Beløp\n1920;100,00\n".encode(), "not an .xlsx workbook"),
    (b"", "an empty file"),
    (b"PK\x03\x04 truncated", "damaged zip archive"),
])
def test_files_that_are_not_workbooks_are_refused_before_opening(capsys, tmp_path, content, message):
    path = tmp_path / "accounts.xlsx"
    path.write_bytes(content)
    _expect_exit_2(capsys, path, message)


def test_a_zip_without_a_workbook_inside(capsys, tmp_path):
    path = tmp_path / "accounts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _expect_exit_2(capsys, path, "a zip archive but not a workbook")


@pytest.mark.parametrize("size, message", [
    (2 * 1024 * 1024, "compressed"),  # 2 MiB of zeros: about 1000:1
    (60 * 1024 * 1024, "inflates to 60 MiB"),
])
def test_zip_bombs_are_refused_before_any_xml_is_parsed(capsys, tmp_path, size, message):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)
    err = _expect_exit_2(capsys, path, message, "zip bomb")
    assert "xl/worksheets/sheet1.xml" in err


def test_a_statement_found_twice(capsys, tmp_path):
    def copy(book):
        book.create_sheet("Kopi")["B2"] = "Note 3 Andre utbetalinger til drift"
    path = _edit(tmp_path, BOKMAL, copy)
    _expect_exit_2(capsys, path, "Kopi!B2: the title 'Note 3 Andre utbetalinger til drift' appears twice "
                                 "(also at Årsregnskap!A")


def test_a_macro_enabled_workbook_is_read_too(tmp_path):
    path = tmp_path / "imdi.xlsm"
    path.write_bytes(BOKMAL.read_bytes())
    assert read_workbook(str(path)).agency.year == 2023


def test_checking_a_yaml_file_never_loads_openpyxl():
    code = ("import sys; from avstem.cli import main; rc = main(['check', %r]); "
            "assert 'openpyxl' not in sys.modules; sys.exit(rc)") % str(IMDI)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_year_columns_headed_by_the_accounts_and_the_year(tmp_path):
    def retitle(book):
        sheet = book.active
        row = sheet[cell_of(sheet, "Oppstilling av artskontorapporteringen 31.12.2023")].row + 2  # its heading row
        assert [sheet.cell(row, c).value for c in (2, 3, 4)] == ["Note", "2023", "2022"]
        sheet.cell(row, 3).value, sheet.cell(row, 4).value = "Regnskap 2023", "Regnskap\n2022"
    accounts = read_workbook(str(_edit(tmp_path, BOKMAL, retitle)))
    assert accounts.chart.get("salaries")["prior"].value == 209331558


@pytest.mark.parametrize("label, sign", [("Refusjon konto 1988 (ref. kap. 5309, inntekt)", -1),
                                         ("Konto 1989 (ref. kap. 1633, utgift)", 1), ("Konto 1989", None)])
def test_an_extra_line_on_the_common_chapters_takes_its_sign_from_its_label(tmp_path, label, sign):
    def add(book):
        sheet = book.active
        row = sheet[cell_of(sheet, "Arbeidsgiveravgift konto 1986 (ref. kap. 5700, inntekt)")].row
        sheet.insert_rows(row + 1)
        sheet.cell(row + 1, 1, label)
        sheet.cell(row + 1, 3, 100)
    path = str(_edit(tmp_path, BOKMAL, add))
    if sign is None:
        with pytest.raises(InputError, match="must say in its label whether it is «inntekt» or «utgift»"):
            read_workbook(path)
        return
    line = next(line for line in read_workbook(path).chart.lines if line.extra)
    assert (line.block, line.sign) == ("common_chapters", sign)
