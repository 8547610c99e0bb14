"""The command line a user meets: options given twice, a closed pipe, template --force, config discovery,
--require-all, a mistyped rule id, and the outputs of `avstem ledger` (issue 16)."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from avstem.cli import main
from rules.registry import load_catalogue, nearest_ids
from tests.helpers import IMDI, ROOT


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("option, values", [("--json", ("a.json", "b.json")), ("--lang", ("en", "nb")),
                                            ("--fail-on", ("error", "info")), ("--report", ("a.xlsx", "b.xlsx"))])
def test_an_option_given_twice_is_an_error_not_last_wins(capsys, tmp_path, option, values):
    args = ["check", IMDI]
    for value in values:
        args += [option, tmp_path / value if "." in value else value]
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and f"{option} is given twice; give it once" in err


def test_a_closed_pipe_ends_quietly():
    # `avstem rules | head -1`: no traceback, no «Exception ignored … BrokenPipeError»
    proc = subprocess.run(f"{sys.executable} -m avstem rules | head -1", shell=True, capture_output=True,
                          cwd=ROOT, text=True, timeout=120)
    assert proc.stdout.count("\n") == 1
    assert "Error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_template_does_not_replace_a_workbook_without_force(capsys, tmp_path):
    path = tmp_path / "regnskap.xlsx"
    path.write_bytes(b"a year's work")
    code, _, err = run_cli(capsys, "template", path)
    assert code == 2 and "gi --force" in err and path.read_bytes() == b"a year's work"  # nb: the template's --lang
    code, out, _ = run_cli(capsys, "template", path, "--force")
    assert code == 0 and openpyxl.load_workbook(path).sheetnames


def test_config_beside_the_accounts_is_used_and_named(capsys, tmp_path, imdi_doc):
    from tests.helpers import write_doc

    accounts = write_doc(imdi_doc, tmp_path / "imdi.yaml")
    (tmp_path / "avstem.toml").write_text('[check]\nfail_on = "warning"\nlang = "en"\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", accounts)
    assert code == 1, "the avstem.toml beside the accounts applies --fail-on warning"
    assert f"Settings: {tmp_path / 'avstem.toml'} (found beside the accounts)." in out
    code, out, _ = run_cli(capsys, "check", accounts, "--no-config", "--lang", "en")
    assert code == 0 and "Settings:" not in out


def test_config_in_the_current_folder(capsys, tmp_path, monkeypatch):
    (tmp_path / "avstem.toml").write_text('[check]\nlang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "check", IMDI, "--json", "out.json")
    assert code == 0 and "Settings: avstem.toml (found in the current folder)." in out
    assert json.loads((tmp_path / "out.json").read_text())["config"] == {"path": "avstem.toml", "origin": "cwd",
                                                                              "parameters": []}


def test_require_all_fails_a_run_that_left_rules_out(capsys, tmp_path):
    code, out, _ = run_cli(capsys, "check", IMDI, "--lang", "en", "--require-all", "--json", tmp_path / "a.json",
                           "--junit", tmp_path / "a.xml")
    assert code == 1
    doc = json.loads((tmp_path / "a.json").read_text())
    assert doc["result"] == "not_all_run" and doc["require_all"] is True
    assert {"rule": "PY-01", "needs": ["prior"]} in doc["rules_not_run"]
    junit = (tmp_path / "a.xml").read_text()
    assert 'type="not_run"' in junit and "<skipped" not in junit
    assert "Result: not every rule ran" in out
    # without it the same run passes, the rules not run still named beside the verdict
    code, out, _ = run_cli(capsys, "check", IMDI, "--lang", "en", "--json", "-")
    assert code == 0 and json.loads(out)["result"] == "none.error"


def test_require_all_in_the_config(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_text("[check]\nrequire_all = true\n", encoding="utf-8")
    assert run_cli(capsys, "check", IMDI, "--config", config)[0] == 1
    config.write_text('[check]\nrequire_all = "yes"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", IMDI, "--config", config)
    assert code == 2 and "må være true eller false" in err


@pytest.mark.parametrize("typed, meant", [("T02", "T-02"), ("t-2", "T-02"), ("os1", "OS-01"), ("N8-2", "N8-02")])
def test_a_mistyped_rule_id_gets_a_suggestion(capsys, typed, meant):
    assert nearest_ids(typed, load_catalogue())[0] == meant


def test_explain_suggests(capsys):
    code, _, err = run_cli(capsys, "explain", "T-2x")
    assert code == 2 and "did you mean T-02?" in err


def test_ledger_alone_writes_every_output(capsys, tmp_path, imdi_ledger):
    out = {name: tmp_path / name for name in ("a.xlsx", "a.html", "a.xml", "a.json", "gl.json")}
    code, _, err = run_cli(capsys, "ledger", imdi_ledger, "--lang", "en", "--report", out["a.xlsx"],
                           "--html", out["a.html"], "--junit", out["a.xml"], "--json", out["a.json"],
                           "--gitlab", out["gl.json"])
    assert code == 0, err
    wb = openpyxl.load_workbook(out["a.xlsx"])
    assert "Findings" in wb.sheetnames and "Rules" in wb.sheetnames
    assert "2023" in out["a.html"].read_text(encoding="utf-8")
    assert "testsuite" in out["a.xml"].read_text(encoding="utf-8")
    # the old generator's vouchers do not balance: the journal-entry tests say so, and nothing else does
    issues = json.loads(out["gl.json"].read_text())
    assert issues and {i["check_name"][:3] for i in issues} == {"JE-"}


def test_the_readmes_avstem_toml_runs_as_it_stands(capsys, tmp_path):
    """Copied from the README unchanged (its kontoplan.csv not beside it, no --ledger): not an internal error."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    assert "kontoplan" in block and "[[deviation]]" in block
    config = tmp_path / "avstem.toml"
    config.write_text(block, encoding="utf-8")
    code, out, err = run_cli(capsys, "check", IMDI, "--config", config, "--lang", "en")
    assert code == 0, err
    assert "Settings: " in out and "(named by --config)" in out


def test_a_ledger_without_the_ledger_extra_says_what_to_install(capsys, monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pandas" else real(name, *a))
    ledger = tmp_path / "hovedbok.csv"
    ledger.write_text("Konto;Beløp\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", IMDI, "--ledger", ledger)
    assert code == 2 and "(pandas er ikke installert): pip install 'avstem[ledger]'" in err and err.count("\n") == 1


def test_the_light_install_declares_the_ledger_stack_as_an_extra():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(project["dependencies"])
    for heavy in ("pandas", "numpy", "pyarrow", "great-expectations", "python-calamine"):
        assert heavy not in base and any(d.startswith(heavy) for d in project["optional-dependencies"]["ledger"])
    assert "pdfplumber" not in base and any(d.startswith("pdfplumber") for d in project["optional-dependencies"]["pdf"])
    assert "avstem[ledger,pdf]" in project["optional-dependencies"]["test"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert "pip install -e ." in first and "[test]" not in first and "avstem check fixtures/imdi-2023.yaml" in first


def test_config_beside_the_ledger_is_named_so(capsys, tmp_path, imdi_ledger):
    import shutil

    ledger = tmp_path / "hovedbok.csv"
    shutil.copyfile(imdi_ledger, ledger)
    (tmp_path / "avstem.toml").write_text('[check]\nlang = "en"\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "ledger", ledger)
    assert code == 0 and "(found beside the ledger)." in out + err


def test_a_mistyped_label_in_the_workbook_gets_a_suggestion(capsys, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(ROOT / "fixtures" / "imdi-2023.xlsx", data_only=True)  # the values, as saved
    cell = next(c for row in wb["Løyving"].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.strip() == "Sum inntektsført")
    cell.value = "Sum inntekstført"
    wb.save(tmp_path / "typo.xlsx")
    code, _, err = run_cli(capsys, "check", tmp_path / "typo.xlsx")
    assert code == 2 and f"Løyving!{cell.coordinate}: 'Sum inntekstført' er ikke en linje" in err
    assert "(mente du 'Sum inntektsført'?)" in err


def test_a_mistyped_line_id_in_the_yaml_gets_a_suggestion(capsys, tmp_path):
    text = (ROOT / IMDI).read_text(encoding="utf-8").replace("id: operating_expenses_total,",
                                                              "id: operating_expense_total,")
    (tmp_path / "typo.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", tmp_path / "typo.yaml")
    assert code == 2 and "(mente du 'operating_expenses_total'?)" in err
