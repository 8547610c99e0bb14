"""The command line contract: exit codes, one-line errors, JSON, catalogue."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from avstem.cli import main
from rules.registry import load_catalogue
from tests.helpers import IMDI, ROOT, edited, write_doc


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_imdi_passes(capsys):
    code, out, err = run_cli(capsys, "check", IMDI, "--lang", "en")
    assert code == 0, err
    assert "77 rules run: 0 errors, 6 warnings, 12 notes." in out
    not_run = next(line for line in out.splitlines() if line.startswith("Not run (input not given): "))
    for group in ("PY-01, PY-02, PY-03, PY-04, PY-05, PY-06: --prior", "DV-01: accepted deviations in avstem.toml"):
        assert group in not_run
    assert "Result: no errors – 0 errors, 6 warnings, 12 notes, 42 rules not run (--fail-on error)." in out and err == ""


def test_console_names_rule_key_location_figures_and_tolerance(capsys):
    code, out, _ = run_cli(capsys, "check", IMDI, "--lang", "en")
    block = out[out.index("BR-05"):].split("\n\n")[0]
    assert "appropriation.net_reported" in block
    assert f"{IMDI}:47" in block
    assert "expected 22,299,256,765 · actual 22,299,256,766 · difference +1 · tolerance ±1.5" in block


def test_findings_are_sorted_worst_first(capsys, imdi_doc, tmp_path):
    doc = edited(imdi_doc, set={"appropriation.expenses[1].difference": "-167 694",
                                "notes.note2.lines[1].prior": "25 653 694"})
    code, out, _ = run_cli(capsys, "check", write_doc(doc, tmp_path / "a.yaml"), "--lang", "en", "--json", "-")
    assert code == 1
    severities = [f["severity"] for f in json.loads(out)["findings"]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error" and "warning" in severities


def test_fail_on_warning(capsys, imdi_doc, tmp_path):
    doc = write_doc(edited(imdi_doc, set={"notes.note2.lines[1].prior": "25 653 694"}), tmp_path / "a.yaml")
    assert run_cli(capsys, "check", doc)[0] == 1  # N2-01 error: the sum no longer adds up
    doc = write_doc(edited(imdi_doc, set={"notes.note2.lines[1].prior": "25 653 694",
                                          "notes.note2.lines[0].prior": "174 904 232"}), tmp_path / "b.yaml")
    assert run_cli(capsys, "check", doc)[0] == 0  # X-03 and IMDi's own warnings
    assert run_cli(capsys, "check", doc, "--fail-on", "warning")[0] == 1
    assert run_cli(capsys, "check", IMDI, "--fail-on", "info")[0] == 1


def test_json_document(capsys, tmp_path):
    out_file = tmp_path / "findings.json"
    code, _, _ = run_cli(capsys, "check", IMDI, "--json", out_file)
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert code == 0
    assert doc["schema"] == "avstem.findings/1" and doc["year"] == 2023
    assert doc["agency"] == "Integrerings- og mangfaldsdirektoratet"
    assert doc["verdict"] == "pass" and doc["counts"] == {"error": 0, "warning": 6, "info": 12, "accepted": 0}
    assert doc["rules_run"] == 77
    finding = next(f for f in doc["findings"] if f["rule"] == "BR-05")
    from reports.json_report import FINDING_FIELDS
    assert tuple(finding) == FINDING_FIELDS
    for field in ("rule", "severity", "key", "expected", "actual", "difference", "tolerance", "location",
                  "message", "reference"):
        assert field in finding
    assert finding["expected"] == "22299256765" and finding["tolerance"] == "1.5"
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file is renamed into place"


def test_json_to_stdout_keeps_stdout_pure(capsys):
    code, out, err = run_cli(capsys, "check", IMDI, "--json", "-")
    json.loads(out)
    assert "Verdict" in err or "Resultat" in err


@pytest.mark.parametrize("args, message", [
    (["check", "missing.yaml"], "missing.yaml: filen finnes ikke"),  # the user's language: nb by default
    (["check", ROOT / "pyproject.toml"], "ukjent regnskapsformat '.toml'"),
    (["check"], "the following arguments are required: ACCOUNTS"),
    (["check", IMDI, "--lang", "de"], "invalid choice: 'de'"),
    (["explain", "ZZ-99"], "unknown rule 'ZZ-99'"),
    (["check", IMDI, "--json", IMDI], "ville overskrevet en inndatafil"),
    (["check", IMDI, "--json", "/nonexistent/dir/out.json", "--lang", "en"], "does not exist"),
])
def test_usage_and_input_errors_exit_2_with_one_line(capsys, args, message):
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _one_line(capsys, *args) -> str:
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, out + err
    return err.strip()


def test_input_errors_are_said_in_the_users_language(capsys, tmp_path):
    """A file avstem cannot read: one line, file and place first, the problem in nb (the default), nn or en."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("form: avstem.accounts/1\nagency: [\n", encoding="utf-8")
    (tmp_path / "settings").mkdir()
    config = tmp_path / "settings" / "avstem.toml"  # not beside the inputs, where a run would find it
    config.write_text('[check]\nfail_om = "error"\n', encoding="utf-8")
    workbook = tmp_path / "blank.xlsx"
    book = openpyxl.Workbook()
    book.active.title, book.active["A1"] = "Ark1", "Budsjett 2023"
    book.save(workbook)
    expected = {
        "nb": (f"avstem: {broken}:3: ikke gyldig YAML: ",
               f"avstem: {config}:[check] fail_om: ukjent innstilling; kjente: fail_on, lang, require_all",
               f"avstem: {workbook}: ingen ark har tittelen 'Oppstilling av bevilgningsrapportering' eller "
               "'Oppstilling av løyvingsrapportering' (og 11 til); ark som ble lest: Ark1"),
        "nn": (f"avstem: {broken}:3: ikkje gyldig YAML: ",
               f"avstem: {config}:[check] fail_om: ukjend innstilling; kjende: fail_on, lang, require_all",
               f"avstem: {workbook}: ingen ark har tittelen 'Oppstilling av bevilgningsrapportering' eller "
               "'Oppstilling av løyvingsrapportering' (og 11 til); ark som vart lesne: Ark1"),
        "en": (f"avstem: {broken}:3: not valid YAML: ",
               f"avstem: {config}:[check] fail_om: unknown setting; known: fail_on, lang, require_all",
               f"avstem: {workbook}: no sheet has the title 'Oppstilling av bevilgningsrapportering' or "
               "'Oppstilling av løyvingsrapportering' (and 11 more); sheets read: Ark1"),
    }
    for lang, (yaml_error, config_error, workbook_error) in expected.items():
        told = ("--lang", lang) if lang != "nb" else ()
        assert _one_line(capsys, "check", broken, *told).startswith(yaml_error)
        assert _one_line(capsys, "check", IMDI, "--config", config, *told) == config_error
        assert _one_line(capsys, "check", workbook, *told) == workbook_error


def test_no_rule_ran_is_exit_2(capsys, monkeypatch):
    import avstem.pipeline as pipeline
    from rules.engine import RunResult

    monkeypatch.setattr(pipeline, "run", lambda accounts, settings, **inputs: RunResult((), (), ()))
    code, _, err = run_cli(capsys, "check", IMDI)
    assert code == 2 and "ingen regel ble kjørt" in err  # the user's language: nb unless --lang says otherwise
    code, _, err = run_cli(capsys, "check", IMDI, "--lang", "nn")
    assert code == 2 and "ingen regel vart køyrd" in err
    code, _, err = run_cli(capsys, "check", IMDI, "--lang", "en")
    assert code == 2 and "no rule ran" in err


def test_config_file(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_text('[check]\nfail_on = "info"\nlang = "en"\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", IMDI, "--config", config)
    assert code == 1 and "Result: warnings found – " in out
    config.write_text("[check]\nfail_om = 'info'\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", IMDI, "--config", config)
    assert code == 2 and "[check] fail_om: ukjent innstilling" in err


def test_tolerance_cap_turns_long_rounding_into_errors(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_text("[tolerance]\nmax_abs = 0\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", IMDI, "--config", config, "--lang", "en")
    assert code == 1 and "9 errors, 7 warnings, 2 notes" in out


def test_rules_and_explain(capsys):
    code, out, _ = run_cli(capsys, "rules", "--json")
    catalogue = json.loads(out)
    assert code == 0 and len(catalogue) == len(load_catalogue())
    assert all(r["references"] and r["doc"]["legal_basis"] for r in catalogue)
    code, out, _ = run_cli(capsys, "explain", "x-01", "--lang", "en")
    assert code == 0
    for heading in ("What it checks:", "Why it matters:", "Example:", "Legal basis:", "References:"):
        assert heading in out


@pytest.mark.parametrize("lang, headings, words", [
    ("nb", ("Hva regelen kontrollerer:", "Hvorfor det er viktig:", "Eksempel:", "Rettslig grunnlag:",
            "Referanser:", "Alvorlighet: feil", "Parametere"), ("overføres", "bevilgning")),
    ("nn", ("Kva regelen kontrollerer:", "Kvifor det er viktig:", "Døme:", "Rettsleg grunnlag:",
            "Referansar:", "Alvorsgrad: feil", "Parametrar"), ("overførast", "løyving")),
    ("en", ("What it checks:", "Why it matters:", "Example:", "Legal basis:", "References:",
            "Severity: error", "Parameters"), ("transfer", "appropriation")),
])
def test_explain_in_the_users_language(capsys, lang, headings, words):
    """Every section of `avstem explain` in the language asked for (nb by default), parameters included."""
    code, out, _ = run_cli(capsys, "explain", "T-02", "--lang", lang)
    assert code == 0
    for text in headings + words:
        assert text in out, (lang, text, out)
    if lang == "nb":
        assert run_cli(capsys, "explain", "T-02")[1] == out
    if lang != "en":  # no English sentence left in the rule's own sections
        assert "What it checks" not in out and " the " not in out.split(headings[4])[0]


def test_console_script_runs_without_great_expectations():
    code = ("import sys; from avstem.cli import main; rc = main(['check', %r]); "
            "assert 'great_expectations' not in sys.modules and 'pandas' not in sys.modules; sys.exit(rc)") % str(IMDI)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_docs_rules_md_is_up_to_date(capsys):
    code, out, _ = run_cli(capsys, "rules", "--markdown")
    assert code == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == out, \
        "regenerate it: avstem rules --markdown > docs/rules.md"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_rule_explains_itself_in_every_language(capsys, lang):
    """`avstem explain` of every rule, its parameters included, in each language: no text missing anywhere."""
    for rule_id in load_catalogue():
        code, out, err = run_cli(capsys, "explain", rule_id, "--lang", lang)
        assert code == 0 and rule_id in out, (rule_id, err)
