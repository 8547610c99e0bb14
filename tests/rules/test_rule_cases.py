"""Every seeded case: one rule on IMDi 2023 with the case's edits applied, and for a
ledger rule on the generated IMDi 2023 ledger with the case's seeded errors.

Each case states the breaches it must find (``expect``); the snapshot test
(test_snapshots.py) holds everything each finding says.
"""

from __future__ import annotations

import pytest

from rules.findings import Kind
from rules.registry import load_catalogue
from tests.helpers import PathError, resolve
from tests.rules.cases import load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, case_run):
    run = case_run(case)
    if load_catalogue()[case.rule].needs != "deviations":  # a DV rule judges the other rules' findings: all run
        assert run.result.rules_run == (case.rule,)
    breaches = [f for f in run.findings if f.kind is Kind.BREACH]
    if case.outcome == "pass":
        assert breaches == [], f"{case.rule} should pass: {breaches}"
        assert not case.expect, "a pass case expects no findings"
        return
    assert case.expect, "a fail case must say which findings it expects"
    for expected in case.expect:
        unknown = set(expected) - {"key", "severity", "path", "line"}
        assert not unknown, f"unknown keys {unknown} in expect"
        matches = [f for f in breaches if f.key == expected["key"]]
        assert matches, f"no {case.rule} finding with key {expected['key']!r}; got {[f.key for f in breaches]}"
        assert expected["severity"] in {f.severity.label for f in matches}, \
            f"{expected['key']}: {[f.severity.label for f in matches]}, not {expected['severity']}"
        finding = next(f for f in matches if f.severity.label == expected["severity"])
        if "line" in expected:  # a ledger line, numbered as in the file
            places = {finding.location.line} | {ref.source.line for ref in finding.figures}
            assert int(expected["line"]) in places, f"line {expected['line']} not in {places}"
        if "path" in expected:  # ids and kapittel.posts named against the accounts as edited
            path = resolve(run.doc, expected["path"])
            paths = {finding.location.path} | {ref.source.path for ref in finding.figures}
            assert path in paths, f"{expected['path']} ({path}) not in {paths}"


def test_an_expected_path_naming_no_line_is_an_error(imdi_doc):
    with pytest.raises(PathError, match="no item with the id or kapittel.post 'vat_1988'"):
        resolve(imdi_doc, "chart_of_accounts.lines[vat_1988].current")
