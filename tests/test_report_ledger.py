"""The report's ledger sheets: the lead schedule, the drill-down and the journal-entry tests."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from fixtures import make_journal, make_ledger
from tests.helpers import IMDI, run_cli


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """IMDi 2023 with the planted journal ledger (3 000 lines): the report and the JSON findings."""
    folder = tmp_path_factory.mktemp("planted")
    columns = make_journal.generate(3000, plant=True)
    ledger = make_journal.write(columns, folder / "ledger.csv")
    report, findings = folder / "audit.xlsx", folder / "findings.json"
    from avstem.cli import main

    assert main(["check", str(IMDI), "--ledger", str(ledger), "--lang", "en", "--report", str(report),
                 "--json", str(findings)]) == 0  # warnings and infos: the run passes
    return columns, load_workbook(report), json.loads(findings.read_text(encoding="utf-8"))


def test_the_lead_schedule_sets_the_ledger_against_the_published_figures(planted):
    _, wb, _ = planted
    ws = wb["Lead schedule"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    r = rows["0670.01"]
    assert ws.cell(row=r, column=3).value == "='Appropriation statement'!$G$6"  # the published figure, live
    assert ws.cell(row=r, column=4).value == 367764135  # the ledger's øre sum, in kroner
    assert ws.cell(row=r, column=5).value == f"=C{r}-D{r}"
    assert ws.cell(row=r, column=1).hyperlink.location == "'Ledger lines'!A4"  # its lines, first block
    salaries = rows["Salaries paid"]
    assert ws.cell(row=salaries, column=1).hyperlink is not None


def test_the_drill_down_holds_the_first_lines_of_each_post(planted):
    columns, wb, _ = planted
    ws = wb["Ledger lines"]
    assert ws["A4"].value.startswith("0670.01")
    first = ws.cell(row=6, column=1).value  # the first line on 0670.01, as numbered in the file
    i = first - 2
    assert (columns["Kapittel"][i], columns["Post"][i]) == ("0670", "01")
    assert [ws.cell(row=6, column=c).value for c in range(2, 9)] == [
        columns["Bilagsnr"][i], columns["Dato"][i], columns["Konto"][i], "0670", "01", columns["Tekst"][i],
        columns["Beløp"][i]]


def test_the_journal_sheet_counts_what_the_findings_name(planted):
    columns, wb, doc = planted
    ws = wb["Journal entries"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(1, 40)}
    r = rows["Vouchers that do not balance"]
    assert ws.cell(row=r, column=1).value == "JE-01" and ws.cell(row=r, column=3).value == 1
    assert ws.cell(row=r, column=4).value == "voucher"  # one voucher: the unit in the singular
    assert ws.cell(row=rows["Clusters just below a limit"], column=4).value == "limit"
    assert ws.cell(row=rows["Unusual account combinations"], column=1).value == "JE-13"
    assert ws.cell(row=r, column=6).value == str(columns["planted"]["unbalanced"][0])
    assert ws.cell(row=rows["Round amounts"], column=3).value == 2  # the planted voucher's two lines
    je = {(f["rule"], f["key"]) for f in doc["findings"] if f["rule"].startswith("JE") and f["severity"] == "warning"}
    assert ("JE-01", "unbalanced") in je and ("JE-07", "round_amounts") in je  # weekend and holiday: one test
    # the 24 planted vouchers just below 500 000 kr are also a Benford spike at 49 in a ledger of 3 000 lines
    assert {("JE-12", "limit_clusters"), ("JE-13", "unusual_combinations"), ("JE-09", "first_two_digits")} <= je
    assert len(je) == 15
    assert any(str(ws.cell(row=r, column=1).value).startswith("Benford's law: First digit") for r in range(1, 60))
    assert len(ws._charts) == 2  # observed against expected, per Benford test


def test_an_lg_finding_links_to_the_lines_behind_it(tmp_path, capsys):
    ledger = make_ledger.write_seeded({"lines": 2000, "set": {"40.Beløp": "999999,00"}}, tmp_path / "l.csv")
    report = tmp_path / "audit.xlsx"
    code, _, _ = run_cli(capsys, "check", IMDI, "--ledger", ledger, "--lang", "en", "--report", report)
    assert code == 1
    wb = load_workbook(report)
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    rule, key = header.index("Rule") + 1, header.index("Key") + 1
    linked = [ws.cell(row=r, column=key) for r in range(2, ws.max_row + 1)
              if str(ws.cell(row=r, column=rule).value).startswith("LG") and ws.cell(row=r, column=key).hyperlink]
    assert linked, "an LG finding on a kapittel/post links to its lines"
    target = linked[0].hyperlink.location
    sheet, cell = target.split("!")
    key_id = linked[0].value.split(" — ")[0]  # the key, then what it names («5700.72 — Arbeidsgivaravgift»)
    assert sheet == "'Ledger lines'" and wb["Ledger lines"][cell].value.startswith(key_id)
