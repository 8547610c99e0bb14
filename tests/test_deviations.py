"""Accepted deviations in avstem.toml: shown with their reason, not counted, never stale."""

from __future__ import annotations

import json

import pytest

from avstem.cli import main
from rules.registry import load_catalogue
from tests.helpers import IMDI

ENTRY = '''[[deviation]]
rule = "{rule}"
key = "{key}"
year = {year}
reason = "Dekkes inn ved innsparing i 2024 (brev fra AID 12.02.2024)"
approved_by = "Økonomidirektør"
date = 2024-02-14
'''


def _config(tmp_path, *entries, extra=""):
    path = tmp_path / "avstem.toml"
    path.write_text(extra + "\n".join(ENTRY.format(**e) for e in entries), encoding="utf-8")
    return path


def test_an_accepted_finding_is_shown_and_not_counted(capsys, tmp_path):
    config = _config(tmp_path, *({"rule": "OS-01", "key": k, "year": 2023} for k in ("0671.21", "0671.62", "0671.72")),
                     {"rule": "T-02", "key": "note_b.0670.01.maximum", "year": 2023},
                     *({"rule": "T-03", "key": f"note_b.{k}.maximum", "year": 2023} for k in ("0671.45", "0671.60")),
                     extra='[check]\nfail_on = "warning"\n')
    code = main(["check", str(IMDI), "--config", str(config), "--json", "-", "--lang", "en"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert code == 0, "every warning is accepted, so --fail-on warning passes"
    assert doc["counts"] == {"error": 0, "warning": 0, "info": 12, "accepted": 6}
    accepted = [f for f in doc["findings"] if f["accepted"]]
    assert {f["key"] for f in accepted} == {"0671.21", "0671.62", "0671.72", "note_b.0670.01.maximum",
                                            "note_b.0671.45.maximum", "note_b.0671.60.maximum"}
    assert accepted[0]["accepted"]["approved_by"] == "Økonomidirektør"
    assert accepted[0]["accepted"]["location"].startswith(str(config) + ":")
    assert "Accepted deviation: Dekkes inn ved innsparing i 2024" in err
    assert "6 findings are accepted deviations" in err


def test_a_stale_entry_is_a_warning(capsys, tmp_path):
    config = _config(tmp_path, {"rule": "OS-01", "key": "0671.73", "year": 2023})
    code = main(["check", str(IMDI), "--config", str(config), "--json", "-"])
    doc = json.loads(capsys.readouterr().out)
    stale = [f for f in doc["findings"] if f["rule"] == "DV-01"]
    assert code == 0 and len(stale) == 1 and stale[0]["severity"] == "warning"
    assert stale[0]["location"] == f"{config}:1"


@pytest.mark.parametrize("text, message", [
    (ENTRY.format(rule="ZZ-01", key="x", year=2023), "1 ([[deviation]] #1): unknown rule 'ZZ-01'"),
    (ENTRY.format(rule="OS-01", key="x", year='"2023"'), "year must be a number"),
    (ENTRY.format(rule="OS-01", key="x", year=2023).replace("approved_by", "approver"), "unknown key(s) approver"),
    (ENTRY.format(rule="OS-01", key="x", year=2023).replace('reason = "Dekkes', '#'), "missing reason"),
    (ENTRY.format(rule="OS-01", key="", year=2023), "key must be non-empty text"),
    (ENTRY.format(rule="OS-01", key="x", year=2023).replace("2024-02-14", '"14.02.2024"'), "date must be a date"),
    ("[deviation]\nrule = 'OS-01'\n", "write each accepted deviation as a [[deviation]] table"),
    ("deviation = [5]\n", "write each accepted deviation as a [[deviation]] table"),
])
def test_a_malformed_entry_is_exit_2_naming_it(capsys, tmp_path, text, message):
    path = tmp_path / "avstem.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(IMDI), "--config", str(path), "--lang", "en"]) == 2  # the place and the English
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_junit_does_not_fail_on_accepted_findings(capsys, tmp_path):
    import xml.etree.ElementTree as ET

    config = _config(tmp_path, *({"rule": "OS-01", "key": k, "year": 2023} for k in ("0671.21", "0671.62", "0671.72")),
                     {"rule": "T-02", "key": "note_b.0670.01.maximum", "year": 2023},
                     *({"rule": "T-03", "key": f"note_b.{k}.maximum", "year": 2023} for k in ("0671.45", "0671.60")))
    junit = tmp_path / "junit.xml"
    code = main(["check", str(IMDI), "--config", str(config), "--fail-on", "warning", "--junit", str(junit)])
    assert code == 0
    assert ET.parse(junit).getroot().get("failures") == "0"


def test_an_entry_for_a_rule_that_did_not_run_is_not_stale(capsys, tmp_path, imdi_ledger):
    """`avstem ledger` beside an avstem.toml that accepts an OS-01 finding: OS-01 needs the accounts and did not
    run, so its entry is not reported as stale."""
    config = _config(tmp_path, {"rule": "OS-01", "key": "0671.72", "year": 2023})
    code = main(["ledger", str(imdi_ledger), "--config", str(config), "--json", "-"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and not [f for f in doc["findings"] if f["rule"] == "DV-01"]
    assert "DV-01" in [r for r in load_catalogue() if r not in doc["rules_skipped"]]
