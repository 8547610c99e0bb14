"""The Excel audit report: its sheets, findings (against the JSON), coloured
cells and comments, hyperlinks, exact figures, inert input text, safe and
reproducible writing. The formulas are recomputed by LibreOffice in
``test_report_libreoffice.py``."""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from avstem.cli import main
from reports.i18n import label
from reports.xlsx import findings as findings_sheet
from reports.xlsx import recalc, styles
from rules.findings import Severity
from rules.registry import load_catalogue
from tests.helpers import IMDI, ROOT
from tests.report_fixtures import (
    EPOCH,
    ERROR_PATH,
    EXAMPLE_OPTIONS,
    HOSTILE_HEADING,
    HOSTILE_LINE,
    HOSTILE_NAME,
    HOSTILE_POST_TEXT,
    HOSTILE_TOTAL_PATH,
    IMDI_RELATIVE,
    ROUNDING_PATH,
    WARNING_PATH,
    run_check,
)


@pytest.fixture(scope="module")
def seeded(check_outputs):
    """The seeded variant's outputs, in English, and the parsed JSON."""
    out = check_outputs("seeded", "en")
    return out, json.loads(out["json"].read_text(encoding="utf-8")), load_workbook(out["report"])


def _color(cell) -> str:
    return cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else ""


def _findings_rows(wb, lang="en"):
    ws = wb[label("sheet.findings", lang)]
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, (c for c in row))) for row in ws.iter_rows(min_row=2) if row[0].value]


def _cell_at(wb, location: str):
    sheet, coordinate = re.fullmatch(r"'((?:[^']|'')+)'!([A-Z]+\d+)", location).groups()
    return wb[sheet.replace("''", "'")][coordinate]


@pytest.mark.parametrize("lang, names", [
    ("nb", ["Sammendrag", "Funn", "Fakta", "Bevilgningsrapportering", "Note A", "Note B", "Artskontorapportering",
            *(f"Note {n}" for n in range(1, 9)), "Kontrollberegning", "Diagram", "Regler"]),
    ("nn", ["Samandrag", "Funn", "Fakta", "Løyvingsrapportering", "Note A", "Note B", "Artskontorapportering",
            *(f"Note {n}" for n in range(1, 9)), "Kontrollutrekning", "Diagram", "Reglar"]),
    ("en", ["Summary", "Findings", "Facts", "Appropriation statement", "Note A", "Note B", "Chart of accounts",
            *(f"Note {n}" for n in range(1, 9)), "Recalculation", "Chart", "Rules"]),
])
def test_sheets_in_each_language(check_outputs, lang, names):
    out = check_outputs("imdi", lang)
    wb = load_workbook(out["report"])
    assert wb.sheetnames == names
    summary = wb[names[0]]
    assert summary["A1"].value == label("report.title", lang)
    texts = {c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)}
    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    assert any(t.startswith(label("verdict.none.error", lang) + " – ") for t in texts) and str(doc["rules_run"]) in texts
    assert any(t.startswith("fixtures/") or t.endswith("imdi-2023.yaml") for t in texts)
    assert any(re.fullmatch(r"[0-9a-f]{64}", t) for t in texts)
    # every heading of the findings sheet is in the report's language
    header, rows = _findings_rows(wb, lang)
    assert header == [label(f"col.{c}", lang) for c in findings_sheet.COLUMNS]
    assert len(rows) == len(doc["findings"])
    br05 = next(r for r in rows if r[label("col.rule", lang)].value == "BR-05")
    assert br05[label("col.severity", lang)].value == label("info", lang)
    figures = br05[label("col.figures", lang)].value  # the roles of the figures are in the language too
    assert figures.startswith({"nb": "oppgitt: 22 299 256 766", "nn": "oppgitt: 22 299 256 766",
                               "en": "reported: 22,299,256,766"}[lang])
    assert {"nb": "− Sum inntektsført", "nn": "− Sum inntektsført", "en": "− Total revenue"}[lang] in figures


def test_summary_counts_rules_inputs_and_run(seeded):
    out, doc, wb = seeded
    ws = wb["Summary"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    pairs: dict = {}
    for row in values:
        if row[0] is not None:
            pairs.setdefault(row[0], row[1])
    assert pairs["Verdict"].startswith("errors found – 3 errors, ") and pairs["Fails on"] == "ERROR"
    assert (pairs["ERROR"], pairs["WARNING"], pairs["INFO"]) == tuple(doc["counts"].values())[:3]
    assert pairs["ERROR"] == 3
    assert pairs["avstem version"] == doc["avstem"] and pairs["Rule catalogue version"] == doc["catalogue"]
    assert pairs["Time of run (UTC)"] == "2024-03-15 00:00:00" or doc["generated_at"].startswith(
        pairs["Time of run (UTC)"].replace(" ", "T"))
    assert pairs["SHA-256"] == doc["inputs"][0]["sha256"]
    rules = {row[0]: row for row in values if row[0] and re.fullmatch(r"[A-Z0-9]{1,2}-\d\d", str(row[0]))}
    assert len(rules) == len(load_catalogue())
    assert rules["BR-01"][3:5] == ["fail", 1]
    assert rules["X-03"][3:5] == ["warning", 1]
    assert rules["BR-05"][3:5] == ["rounding only", 1]
    assert rules["BR-02"][3:5] == ["pass", 0]


def test_findings_sheet_holds_the_json_findings(seeded):
    out, doc, wb = seeded
    header, rows = _findings_rows(wb)
    assert len(rows) == len(doc["findings"]) > 10
    by_label = {label(f"col.{c}", "en"): c for c in findings_sheet.COLUMNS}
    for row, finding in zip(rows, doc["findings"]):
        cells = {by_label[h]: cell.value for h, cell in row.items()}
        for field in ("rule", "title", "location", "path", "message", "reference"):
            assert cells[field] == finding[field], field
        assert cells["key"] == finding["key"] or cells["key"].startswith(finding["key"] + " — "), cells["key"]
        for field in ("expected", "actual", "difference", "tolerance"):
            value = cells[field]
            assert (None if value is None else Decimal(str(value))) == (
                None if finding[field] is None else Decimal(finding[field])), field
        assert cells["severity"] == label(finding["severity"], "en")
        assert cells["kind"] == label(f"kind.{finding['kind']}", "en")
        for figure in finding["figures"]:
            assert figure["path"] in cells["figures"]
    ws = wb["Findings"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    assert ws["A2"].fill.fgColor.rgb == styles.SEVERITY_FILL[Severity.ERROR].fgColor.rgb


@pytest.mark.parametrize("lang, expected", [
    ("nb", {"chart.operating_expenses_total[2022]": "Sum utbetalinger til drift",
            "appropriation.net_reported": "Netto rapportert til bevilgningsregnskapet",
            "0671.21": "Spesielle driftsutgifter, kunnskapsutvikling",
            "note_b.0670.01.maximum": "Driftsutgifter – Maks. overførbart beløp",
            "period_end": "De siste dagene av året", "first_digit": "Første siffer"}),
    ("nn", {"chart.operating_expenses_total[2022]": "Sum utbetalingar til drift",
            "appropriation.net_reported": "Netto rapportert til løyvingsrekneskapen"}),
    ("en", {"chart.operating_expenses_total[2022]": "Total operating payments",
            "appropriation.net_reported": "Net reported to the appropriation accounts",
            "period_end": "The last days of the year"}),
])
def test_findings_key_shows_what_it_names_in_the_report_language(check_outputs, lang, expected):
    """The key column: the stable id and, beside it, the line's label in the report's language (issue 16, 7)."""
    wb = load_workbook(check_outputs("examples", lang)["report"])
    header, rows = _findings_rows(wb, lang)
    keys = [row[label("col.key", lang)].value for row in rows]
    for key, name in expected.items():
        assert f"{key} — {name}" in keys, (key, [k for k in keys if k.startswith(key)])
    assert all(" — " in k for k in keys if not k.startswith(("705005", "text.", "opening"))), keys


def test_failing_figures_are_coloured_with_comments(seeded):
    out, doc, wb = seeded
    cells = {f["path"]: _cell_at(wb, row["Cell in this report"].value)
             for f, row in zip(doc["findings"], _findings_rows(wb)[1])}
    error, warning, rounding = cells[ERROR_PATH], cells[WARNING_PATH], cells[ROUNDING_PATH]
    assert _color(error) == styles.SEVERITY_FILL[Severity.ERROR].fgColor.rgb
    assert _color(warning) == styles.SEVERITY_FILL[Severity.WARNING].fgColor.rgb
    assert _color(rounding) == styles.SEVERITY_FILL[Severity.INFO].fgColor.rgb
    assert error.value == -167694 and error.parent.title == "Appropriation statement"
    assert "BR-01 ERROR (breach)" in error.comment.text and "difference -100" in error.comment.text
    assert "X-03 WARNING" in warning.comment.text
    assert "BR-05 INFO (rounding)" in rounding.comment.text and "±1.5" in rounding.comment.text
    hostile_total = cells[HOSTILE_TOTAL_PATH]
    assert hostile_total.parent.title == "Note 6" and "N6-01" in hostile_total.comment.text
    # a figure without a finding is neither filled nor commented
    untouched = wb["Appropriation statement"]["F6"]
    assert untouched.value == 373849000 and _color(untouched) == "" and untouched.comment is None


def test_every_finding_links_to_its_cell(seeded):
    out, doc, wb = seeded
    for finding, row in zip(doc["findings"], _findings_rows(wb)[1]):
        link = row["Cell in this report"]
        assert link.hyperlink is not None and link.hyperlink.location == link.value
        cell = _cell_at(wb, link.hyperlink.location)
        if finding["actual"] is not None:
            assert Decimal(str(cell.value)) == Decimal(finding["actual"]), finding["key"]


def test_figures_are_the_decimals_read(seeded, imdi):
    out, doc, wb = seeded
    ws = wb["Note 2"]
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                found.setdefault(Decimal(str(cell.value)), cell)
    premium = found[Decimal("10.3")]  # printed "10,3": a figure with decimals keeps them
    assert premium.number_format.endswith("#,##0.0")
    assert Decimal("190561676") in found and found[Decimal("190561676")].number_format == "#,##0"


def test_recalculation_sheet_has_every_computation_as_a_formula(seeded):
    out, doc, wb = seeded
    ws = wb["Recalculation"]
    rows = list(ws.iter_rows(min_row=recalc.HEADER_ROW + 1, values_only=True))
    col = {name: i for i, name in enumerate(recalc.COLUMNS)}
    assert len(rows) > 150
    sheets = set(wb.sheetnames[3:-3])  # the accounts sheets
    for row in rows:
        formula = row[col["excel"]]
        assert formula.startswith("="), row
        for sheet in re.findall(r"'((?:[^']|'')+)'!", formula):
            assert sheet in sheets
    by_key = {(r[col["rule"]], r[col["key"]]): r for r in rows}
    br01 = by_key[("BR-01", "0671.21.difference")]
    assert br01[col["excel"]] == "='Appropriation statement'!$F$7-'Appropriation statement'!$G$7"
    assert br01[col["avstem"]] == -167594 and br01[col["finding"]] == "ERROR (breach)"
    transferable = by_key[("NB-04", "note_b.0670.01.transferable")]
    assert transferable[col["excel"]] == "=MAX(0,MIN('Note B'!$J$6,'Note B'!$K$6))"
    assert by_key[("NA-02", "note_a.0671.45.total")][col["excel"]] == "='Appropriation statement'!$F$8"


def test_input_text_is_inert(seeded):
    out, doc, wb = seeded
    assert wb["Summary"]["B4"].value == HOSTILE_NAME and wb["Summary"]["B4"].data_type == "s"
    texts = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.setdefault(cell.value, cell)
    for hostile in (HOSTILE_NAME, HOSTILE_LINE, HOSTILE_POST_TEXT, HOSTILE_HEADING):
        cell = texts[hostile]
        assert cell.data_type == "s" and cell.quotePrefix, hostile
    assert "Stikkordet[U+0001]«kan overførast»" in texts  # the control character is shown, not fatal
    # the finding whose input text begins with "=" carries it as text
    n6 = next(row for row in _findings_rows(wb)[1] if row["Rule"].value == "N6-01")
    assert HOSTILE_LINE in n6["Figures"].value and n6["Figures"].data_type == "s"
    # in the file itself: formulas only on the recalculation and chart sheets, none holding input text
    with zipfile.ZipFile(out["report"]) as z:
        sheet_files = {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")}
    formula_sheets = {n for n, xml in sheet_files.items() if "<f>" in xml}
    assert len(formula_sheets) == 2
    assert all("HYPERLINK" not in re.sub(r"<is>.*?</is>", "", xml) for xml in sheet_files.values())


def test_report_is_reproducible(check_outputs, tmp_path, monkeypatch):
    first = check_outputs("imdi", "nb")["report"]  # made earlier in the session, the same way
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(ROOT)
    second = run_check(tmp_path, Path(IMDI_RELATIVE), "nb")["report"]
    assert first.read_bytes() == second.read_bytes()
    wb = load_workbook(first)
    assert wb.properties.created.isoformat() == wb.properties.modified.isoformat() == "2024-03-15T00:00:00"
    with zipfile.ZipFile(first) as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 3, 15, 0, 0, 0)}


def test_console_output_is_unchanged_by_the_outputs(tmp_path, capsys):
    main(["check", str(IMDI), "--lang", "en"])
    plain = capsys.readouterr()
    run_check(tmp_path, IMDI, "en")
    with_outputs = capsys.readouterr()
    assert with_outputs == plain


@pytest.mark.parametrize("args, message", [
    (["--report", IMDI], "--report would overwrite an input file"),
    (["--junit", IMDI], "--junit would overwrite an input file"),
    (["--report", "audit.xls"], "give the file name the ending .xlsx"),
    (["--report", "-"], "--report needs a file name"),
    (["--junit", "-"], "--junit needs a file name"),
    (["--report", "/nonexistent/dir/a.xlsx"], "does not exist"),
    (["--report", "same.xlsx", "--json", "same.xlsx"], "name the same file"),
])
def test_report_usage_errors(capsys, args, message):
    code = main(["check", str(IMDI), *map(str, args), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_a_failed_write_leaves_no_report(tmp_path, capsys, monkeypatch):
    import avstem.output as output

    target = tmp_path / "audit.xlsx"

    def broken(fh_data):  # the disk fills up half-way through
        raise OSError(28, "No space left on device")

    real_fdopen = output.os.fdopen

    class Full:
        def __init__(self, fd, mode):
            self.fh = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            broken(data)

    monkeypatch.setattr(output.os, "fdopen", Full)
    code = main(["check", str(IMDI), "--report", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and "kan ikke skrive filen: No space left on device" in err and str(target) in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_leaves_no_report(tmp_path, capsys, monkeypatch):
    import reports.xlsx as xlsx

    target = tmp_path / "audit.xlsx"
    target.write_bytes(b"the previous report")
    monkeypatch.setattr(xlsx, "build", lambda outcome, lang: 1 / 0)
    code = main(["check", str(IMDI), "--report", str(target), "--json", str(tmp_path / "f.json")])
    assert code == 3 and "internal error" in capsys.readouterr().err
    assert target.read_bytes() == b"the previous report" and sorted(p.name for p in tmp_path.iterdir()) == [
        "audit.xlsx"]


def test_check_without_report_does_not_load_openpyxl():
    import subprocess
    import sys

    code = ("import sys; from avstem.cli import main; rc = main(['check', %r]); "
            "assert 'openpyxl' not in sys.modules; sys.exit(rc)") % str(IMDI)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_examples_are_up_to_date(check_outputs):
    """docs/examples holds what make_examples.py writes today (cell by cell)."""
    import runpy

    examples = runpy.run_path(str(ROOT / "docs" / "examples" / "make_examples.py"))
    assert examples["OPTIONS"] == EXAMPLE_OPTIONS
    for lang in ("nb", "nn", "en"):
        out = check_outputs("examples", lang)  # as make_examples.py runs it: with --prior, a ledger, a deviation
        doc = json.loads(out["json"].read_text(encoding="utf-8"))
        assert doc["verdict"] == "pass" and doc["counts"]["accepted"] == 1
        assert not {"PY-01", "LG-01", "DQ-01", "DV-01"} & set(doc["rules_skipped"])
        fresh = out["report"]
        shipped = ROOT / "docs" / "examples" / f"imdi-2023-audit-{lang}.xlsx"
        assert _contents(load_workbook(shipped)) == _contents(load_workbook(fresh)), \
            f"regenerate: .venv/bin/python docs/examples/make_examples.py --png ({lang})"


def _contents(wb) -> dict:
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_sheet_text_never_becomes_a_formula_or_an_error():
    from openpyxl import Workbook

    from reports.xlsx.cells import Sheet

    sheet = Sheet(Workbook().active, "nb")
    for i, text in enumerate(["=1+1", "+1", "-1", "@A1", "#N/A", "=", "\t=1", "plain"], start=1):
        cell = sheet.text(i, 1, text)
        assert cell.value == text and cell.data_type == "s"
        assert bool(cell.quotePrefix) == (text[0] in "=+-@\t")


def test_cell_map_resolves_the_nearest_row_or_table():
    from reports.xlsx.cells import CellMap

    cells = CellMap()
    cells.add("notes.note2", "Note 2", "A1")
    cells.add("notes.note2.lines[5]", "Note 2", "A11")
    cells.add("notes.note2.lines[5].prior", "Note 2", "D11")
    assert cells.nearest("notes.note2.lines[5].prior") == ("Note 2", "D11")
    assert cells.nearest("notes.note2.lines[5].current") == ("Note 2", "A11")
    assert cells.nearest("notes.note2.texts[0]") == ("Note 2", "A1")
    assert cells.nearest("note_b.rows[0]") is None and cells.exact("notes.note2.lines[5].current") is None
    assert CellMap.reference(("Note 2", "D11")) == "'Note 2'!$D$11"
    assert CellMap.location(("O'Brien", "B2")) == "'O''Brien'!B2"

