"""A portfolio run: several accounts in one ``avstem check``, one summary (console, JSON, workbook), a row per
input; last year's figures paired by agency and year; an unreadable file is a row; the worst verdict's exit."""

from __future__ import annotations

import json

import openpyxl

from avstem.cli import main
from avstem.portfolio import Row, expand, is_portfolio, pair, report_names
from tests.helpers import FIXTURES, IMDI

COMPARATIVES = FIXTURES / "imdi-2022-comparatives.yaml"
CONTEXT = FIXTURES / "imdi-2023-context.yaml"
TEXT = FIXTURES / "imdi-2023-annual-report.txt"


def test_a_mix_of_forms_is_one_summary_with_a_row_each(capsys, tmp_path):
    missing = tmp_path / "gone.pdf"
    summary = tmp_path / "out" / "portfolio.xlsx"
    summary.parent.mkdir()
    code = main(["check", str(IMDI), str(FIXTURES / "imdi-2023.xlsx"), str(TEXT), str(COMPARATIVES), str(CONTEXT),
                 str(missing), "--json", str(tmp_path / "portfolio.json"), "--report", str(summary), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 2  # the worst row: a file that cannot be read
    assert "Overall: unreadable" in out and f"{missing}: no such file" in out
    doc = json.loads((tmp_path / "portfolio.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "avstem.portfolio/1"
    assert doc["counts"] == {"pass": 3, "fail": 0, "unreadable": 1}
    rows = {row["file"]: row for row in doc["rows"]}
    assert [row["kind"] for row in doc["rows"]] == ["accounts", "accounts", "accounts", "comparatives", "context",
                                                    "unreadable"]
    for accounts in (IMDI, FIXTURES / "imdi-2023.xlsx", TEXT):
        row = rows[str(accounts)]
        assert (row["short_name"], row["year"], row["verdict"]) == ("IMDi", 2023, "pass")
        assert row["prior"] == str(COMPARATIVES)  # paired by agency and year
        assert {i["role"] for i in row["inputs"]} == {"accounts", "prior"}
        assert all(len(i["sha256"]) == 64 for i in row["inputs"])
        assert row["worst_findings"] and row["worst_findings"][0]["severity"] == "warning"
        assert (row["pages_read"] is not None) == (accounts == TEXT)
        assert (summary.parent / f"portfolio-{accounts.name}.xlsx").is_file()  # its own report beside the summary
    assert rows[str(missing)]["error"].endswith("no such file")
    sheet = openpyxl.load_workbook(summary).active
    assert sheet.cell(1, 1).value == "Agency" and sheet.max_row == 7
    assert sheet.cell(2, 3).value == "no errors"  # what was found, never «pass»/«godkjent» (an approval's word)
    assert all(row["result"] == "none.error" for row in doc["rows"][:3])


def test_the_portfolio_says_what_was_found_not_approved(capsys):
    """Issue 16.8 for the portfolio: each row and the whole run say «ingen feil» / «advarsler funnet», never
    «godkjent», which reads as an auditor's approval."""
    assert main(["check", str(IMDI), str(COMPARATIVES)]) == 0
    out = capsys.readouterr().out
    assert "godkjent" not in out.replace("godkjent avvik", "") and "ingen feil" in out
    assert main(["check", str(IMDI), str(COMPARATIVES), "--fail-on", "warning", "--lang", "nn"]) == 1
    out = capsys.readouterr().out
    assert "godkjent" not in out.replace("godkjent avvik", "") and "åtvaringar funne" in out


def test_the_exit_is_the_worst_verdict(capsys):
    assert main(["check", str(IMDI), str(COMPARATIVES)]) == 0
    assert main(["check", str(IMDI), str(COMPARATIVES), "--fail-on", "warning"]) == 1
    capsys.readouterr()


def test_an_unreadable_file_does_not_end_the_run(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("form: avstem.accounts/1\nagency: [\n", encoding="utf-8")
    code = main(["check", str(broken), str(IMDI), "--json", str(tmp_path / "s.json")])
    capsys.readouterr()
    assert code == 2
    rows = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["rows"]
    assert rows[0]["verdict"] == "unreadable" and rows[0]["error"].startswith(str(broken))
    assert rows[1]["verdict"] == "pass"
    # the row says why in the run's language, naming the file and the line
    assert rows[0]["error"].startswith(f"{broken}:3: ikke gyldig YAML: "), rows[0]["error"]
    for lang, words in (("nn", "ikkje gyldig YAML: "), ("en", "not valid YAML: ")):
        assert main(["check", str(broken), str(IMDI), "--json", str(tmp_path / "s.json"), "--lang", lang]) == 2
        capsys.readouterr()
        row = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["rows"][0]
        assert row["error"].startswith(f"{broken}:3: {words}"), row["error"]


def test_folders_and_globs(tmp_path):
    for name in ("b.yaml", "a.pdf", "c.txt", "notes.md", ".hidden.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert expand([str(tmp_path)]) == [str(tmp_path / n) for n in ("a.pdf", "b.yaml", "c.txt")]
    assert expand([str(tmp_path / "*.yaml")]) == [str(tmp_path / "b.yaml")]
    assert expand([str(tmp_path / "b.yaml"), str(tmp_path)])[0] == str(tmp_path / "b.yaml")
    assert len(expand([str(tmp_path / "b.yaml"), str(tmp_path)])) == 3
    assert expand([str(tmp_path / "*.nothing")]) == [str(tmp_path / "*.nothing")]  # a row saying so
    assert is_portfolio([str(tmp_path)]) and is_portfolio(["a", "b"]) and is_portfolio([str(tmp_path / "*.pdf")])
    assert not is_portfolio([str(IMDI)])


def test_last_years_accounts_are_preferred_to_comparatives():
    rows = [Row("a-2023.yaml", agency="Agency A", short_name="AA", year=2023),
            Row("a-2022-comparatives.yaml", kind="comparatives", agency="Agency A", short_name="AA", year=2022),
            Row("a-2022.pdf", agency="agency a", year=2022),
            Row("b-2023.yaml", agency="Agency B", short_name="BB", year=2023),
            Row("a-2021.yaml", agency="Agency A", year=2021)]
    assert pair(rows) == {0: 2, 2: 4}


def test_report_names_beside_the_summary():
    rows = [Row("x/imdi.yaml"), Row("y/imdi.yaml"), Row("c.yaml", kind="comparatives")]
    assert report_names("out/sum.xlsx", rows) == {0: "out/sum-imdi.yaml.xlsx", 1: "out/sum-imdi.yaml-2.xlsx"}


def test_single_agency_options_are_refused(capsys):
    assert main(["check", str(IMDI), str(TEXT), "--prior", str(COMPARATIVES)]) == 2
    assert "--prior is for one agency's accounts" in capsys.readouterr().err


def test_a_worker_that_dies_is_a_row(monkeypatch):
    from avstem import portfolio

    monkeypatch.setattr(portfolio, "_read", _die_on_second)
    result, _ = portfolio.run([str(IMDI), "second.yaml"], workers=2)
    assert [row.verdict for row in result.rows] == ["pass", "unreadable"]
    assert "arbeidsprosessen ble avsluttet" in result.rows[1].error  # the run's language: nb unless told
    assert result.exit_code == 2


def _die_on_second(path, lang="nb"):
    import os

    from avstem.portfolio import Row

    if path == "second.yaml":
        os._exit(9)
    from ledger.forms.inputs import read_accounts

    accounts = read_accounts(path)
    return Row(path, agency=accounts.agency.name, short_name=accounts.agency.short_name, year=accounts.year), accounts
