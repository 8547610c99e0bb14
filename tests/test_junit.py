"""JUnit XML for CI: one test case per rule and key, failures exactly where
avstem fails, the same findings as the JSON."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

from avstem.cli import main
from avstem.pipeline import CheckRequest, check
from reports import junit
from tests.helpers import IMDI
from tests.report_fixtures import IMDI_RELATIVE, run_check


def _cases(path):
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    return root, suite, suite.findall("testcase")


def test_imdi_one_passing_case_per_rule_or_key(check_outputs):
    out = check_outputs("imdi", "en")
    root, suite, cases = _cases(out["junit"])
    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    assert len(cases) == _expected_cases(doc) == int(suite.get("tests")) == int(root.get("tests"))
    assert suite.get("failures") == "0" and suite.get("errors") == "0"
    assert suite.get("skipped") == str(len(doc["rules_skipped"]))
    noted = [c for c in cases if c.find("system-out") is not None]
    assert {c.get("name") for c in noted} == {f"{f['rule']} {f['key']}" for f in doc["findings"]}
    br05 = next(c for c in noted if c.get("name") == "BR-05 appropriation.net_reported")
    assert br05.get("classname") == "avstem.BR" and br05.get("file") == IMDI_RELATIVE and br05.get("line") == "47"
    assert "rounding difference of +1" in br05.find("system-out").text
    assert all(c.get("time") == "0" for c in cases)
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert properties["verdict"] == "pass" and properties["input.accounts"].endswith(doc["inputs"][0]["sha256"])


def _expected_cases(doc) -> int:
    """One case per rule and key with findings, one per clean rule, one per rule not run."""
    keys = {(f["rule"], f["key"]) for f in doc["findings"]}
    clean = doc["rules_run"] - len({f["rule"] for f in doc["findings"]})
    return len(keys) + clean + len(doc["rules_skipped"])


def test_errors_fail_and_warnings_follow_fail_on(check_outputs, tmp_path, capsys):
    out = check_outputs("seeded", "en")
    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    root, suite, cases = _cases(out["junit"])
    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    errors = {f"{f['rule']} {f['key']}" for f in doc["findings"] if f["severity"] == "error"}
    assert set(failed) == errors and suite.get("failures") == str(len(errors)) == "3"
    failure = failed["BR-01 0671.21.difference"]
    assert failure.get("type") == "error" and "(difference -100, tolerance ±1)" in failure.get("message")
    assert "expected -167,594 · actual -167,694" in failure.text
    warning = next(c for c in cases if c.get("name") == "X-03 chart.employer_tax_1986[2022]")
    assert warning.find("failure") is None and "WARNING" in warning.find("system-out").text
    # with --fail-on warning the warning fails too, as avstem's exit code does
    out = run_check(tmp_path, out["accounts"], "en", "--fail-on", "warning")
    _, suite, cases = _cases(out["junit"])
    warned = {f"{f['rule']} {f['key']}" for f in doc["findings"] if f["severity"] == "warning"}
    assert suite.get("failures") == str(len(errors | warned))
    warning = next(c for c in cases if c.get("name") == "X-03 chart.employer_tax_1986[2022]")
    assert warning.find("failure").get("type") == "warning"


def test_every_json_finding_is_in_the_junit(check_outputs):
    out = check_outputs("seeded", "nb")
    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    _, _, cases = _cases(out["junit"])
    text = {c.get("name"): "".join(e.text or "" for e in c) for c in cases}
    for f in doc["findings"]:
        assert f["message"] in text[f"{f['rule']} {f['key']}"]
    assert "forventet -167 594 · oppgitt -167 694" in text["BR-01 0671.21.difference"]  # the report's language


def test_rules_not_run_are_skipped_and_text_is_valid_xml(capsys):
    outcome = check(CheckRequest(str(IMDI)))
    not_run = ("BR-01", "X-07")
    outcome = dataclasses.replace(outcome, rules_run=tuple(r for r in outcome.rules_run if r not in not_run),
                                  rules_skipped=not_run,
                                  findings=tuple(f for f in outcome.findings if f.rule not in not_run))
    root = ET.fromstring(junit.dumps(outcome, "en"))
    skipped = [c.get("name").split()[0] for c in root.iter("testcase") if c.find("skipped") is not None]
    assert set(not_run) <= set(skipped) and root.get("skipped") == str(len(skipped))
    assert set(skipped) == set(outcome.rules) - set(outcome.rules_run)
    agency = dataclasses.replace(outcome.accounts.agency, short_name="IMDi\x01\x1b")
    outcome = dataclasses.replace(outcome, accounts=dataclasses.replace(outcome.accounts, agency=agency))
    assert ET.fromstring(junit.dumps(outcome, "en")).find("testsuite").get("name").startswith("IMDi[U+0001][U+001B]")


def test_junit_usage(capsys, tmp_path):
    assert main(["check", str(IMDI), "--junit", str(tmp_path / "j.xml"), "--json", str(tmp_path / "f.json")]) == 0
    doc = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert ET.parse(tmp_path / "j.xml").getroot().get("tests") == str(_expected_cases(doc))
