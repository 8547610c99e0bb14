"""Every seeded case: one rule on IMDi 2023 with the case's edits applied, and for a
ledger rule on the generated IMDi 2023 ledger with the case's seeded errors."""

from __future__ import annotations

import pytest

from ledger.core.source import Source
from ledger.forms.inputs import read_prior
from ledger.forms.yaml_form.read import read_yaml
from rules.deviations import Deviation
from rules.engine import run
from rules.findings import Kind
from rules.registry import load_catalogue
from tests.helpers import FIXTURES, edited, load_doc, write_doc
from tests.rules.cases import ledger_spec, load_cases


def _deviation(entry, index):
    return Deviation(entry["rule"], entry["key"], int(entry["year"]), entry["reason"], entry["approved_by"],
                     entry["date"], Source("avstem.toml", path=f"deviation[{index}]"))

CASES = load_cases()
_LEDGERS: dict[str, object] = {}


def _ledger(case, tmp_path_factory):
    """The case's ledger, generated, written as CSV and imported once per distinct spec."""
    from fixtures.make_ledger import write_seeded
    from ledger.general_ledger.importer import import_ledger

    spec = ledger_spec(case)
    key = repr(sorted(spec.items()))
    if key not in _LEDGERS:
        path = write_seeded(spec, tmp_path_factory.mktemp("ledger") / "ledger.csv")
        _LEDGERS[key] = import_ledger(str(path), year=2023)
    return _LEDGERS[key]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, imdi_doc, tmp_path, tmp_path_factory):
    doc = edited(imdi_doc, set=case.set, delete=case.delete)
    accounts = read_yaml(str(write_doc(doc, tmp_path / "accounts.yaml")))
    inputs = {"ledger": _ledger(case, tmp_path_factory)} if case.ledger is not None else {}
    if case.prior:
        prior_doc = edited(load_doc(FIXTURES / case.prior), set=case.prior_set, delete=case.prior_delete)
        inputs["prior"] = read_prior(str(write_doc(prior_doc, tmp_path / "prior.yaml")), accounts.year)
    if case.deviations:
        inputs["deviations"] = tuple(_deviation(d, i) for i, d in enumerate(case.deviations))
    if "findings" in load_catalogue()[case.rule].reads:  # judges the other rules' findings: run them all
        result = run(accounts, **inputs)
        assert case.rule in result.rules_run
        findings = [f for f in result.findings if f.rule == case.rule]
    else:
        result = run(accounts, only=[case.rule], **inputs)
        assert result.rules_run == (case.rule,), f"{case.rule} did not run (input missing?)"
        findings = result.findings
    breaches = [f for f in findings if f.kind is Kind.BREACH]
    if case.outcome == "pass":
        assert breaches == [], f"{case.rule} should pass: {breaches}"
        return
    assert case.expect, "a fail case must say which findings it expects"
    for expected in case.expect:
        matches = [f for f in breaches if f.key == expected["key"]]
        assert matches, f"no {case.rule} finding with key {expected['key']!r}; got {[f.key for f in breaches]}"
        finding = matches[0]
        assert finding.severity.label == expected["severity"]
        if "line" in expected:  # a ledger line, numbered as in the file
            places = {finding.location.line} | {ref.source.line for ref in finding.figures}
            assert int(expected["line"]) in places, f"line {expected['line']} not in {places}"
        if "path" in expected:
            paths = {finding.location.path} | {ref.source.path for ref in finding.figures}
            assert expected["path"] in paths, f"{expected['path']} not in {paths}"
