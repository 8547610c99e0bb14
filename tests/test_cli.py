"""The command line contract: exit codes, one-line errors, JSON, catalogue."""

from __future__ import annotations

import json
import subprocess
import sys

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
    (["check", "missing.yaml"], "missing.yaml: no such file"),
    (["check", ROOT / "pyproject.toml"], "unknown accounts format '.toml'"),
    (["check"], "the following arguments are required: ACCOUNTS"),
    (["check", IMDI, "--lang", "de"], "invalid choice: 'de'"),
    (["explain", "ZZ-99"], "unknown rule 'ZZ-99'"),
    (["check", IMDI, "--json", IMDI], "would overwrite an input file"),
    (["check", IMDI, "--json", "/nonexistent/dir/out.json"], "does not exist"),
])
def test_usage_and_input_errors_exit_2_with_one_line(capsys, args, message):
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


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
    assert code == 2 and "[check] fail_om: unknown setting" in err


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
    code, out, _ = run_cli(capsys, "explain", "x-01")
    assert code == 0
    for heading in ("What it checks:", "Why it matters:", "Example:", "Legal basis:", "References:"):
        assert heading in out


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
