"""Every seeded case: one rule on IMDi 2023 with the case's edits applied, and for a
ledger rule on the generated IMDi 2023 ledger with the case's seeded errors.

Each case states the breaches it must find (``expect``); the snapshot test
(test_snapshots.py) holds everything each finding says.
"""

from __future__ import annotations

import copy

import pytest

from rules.findings import Kind
from rules.registry import load_catalogue
from tests.helpers import PathError, edited, named, resolve, set_path
from tests.rules.cases import base_doc, load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, case_run):
    run = case_run(case)
    if "findings" not in load_catalogue()[case.rule].reads:  # a DV rule judges the other rules' findings: all run
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


def _paths(case):
    """Every path the case gives, with the document it is read against."""
    for base, values, deletions in ((base_doc(), case.set, case.delete),
                                    (base_doc(case.prior) if case.prior else None, case.prior_set, case.prior_delete)):
        if base is None:
            continue
        doc = copy.deepcopy(base)
        for path, value in values.items():  # in order: an earlier edit may rename a row
            yield path, doc
            set_path(doc, path, copy.deepcopy(value))
        for path in deletions:
            yield path, doc
    final = edited(base_doc(), set=case.set, delete=case.delete)
    for expected in case.expect:
        if "path" in expected:
            yield expected["path"], final


def test_cases_name_lines_by_id():
    """A line with an id, and a row with a kapittel.post, is addressed by it: `lines[vat_1987]`, not `lines[22]`."""
    by_index = [f"{case.id}: {path} → {named(doc, resolve(doc, path))}"
                for case in CASES for path, doc in _paths(case) if named(doc, resolve(doc, path)) != path]
    assert not by_index, "address these by id or kapittel.post:\n" + "\n".join(by_index)


def test_a_path_names_a_line_by_id_or_kapittel_post(imdi_doc):
    assert resolve(imdi_doc, "chart_of_accounts.lines[vat_1987].current") == "chart_of_accounts.lines[22].current"
    assert resolve(imdi_doc, "appropriation.expenses[0671.21].difference") == "appropriation.expenses[1].difference"
    assert named(imdi_doc, "note_a.rows[2].transferred") == "note_a.rows[0671.45].transferred"
    assert named(imdi_doc, "appropriation.holdings[0].change") == "appropriation.holdings[0].change"  # no id
    doc = edited(imdi_doc, delete=["note_a.rows[0671.21]", "note_a.rows[0672.61]"])  # later rows first
    assert [f"{r['chapter']}.{r['post']}" for r in doc["note_a"]["rows"]][:2] == ["0670.01", "0671.45"]
    assert len(doc["note_a"]["rows"]) == len(imdi_doc["note_a"]["rows"]) - 2


@pytest.mark.parametrize("edit, message", [
    ({"set": {"chart_of_accounts.lines[vat_1988].current": "1"}}, "no item with the id or kapittel.post 'vat_1988'"),
    ({"set": {"appropriation.expenses[0671.99].accounts": "1"}}, "no item with the id or kapittel.post '0671.99'"),
    ({"set": {"chart_of_accounts.lines[99].current": "1"}}, r"lines\[99\] is not in the document"),
    ({"set": {"chart_of_acounts.lines[0].current": "1"}}, "chart_of_acounts is not in the document"),
    ({"set": {"appropriation.expenses[+].accounts": "1"}}, r"\[\+\] appends"),
    ({"delete": ["note_a.rows[0400.23]"]}, "no item with the id or kapittel.post '0400.23'"),
    ({"delete": ["note_a.rows[12]"]}, "nothing to delete"),
    ({"set": {"appropriation.revenues[0].chapter": "5309", "appropriation.revenues[0].post": "29",
              "appropriation.revenues[5309.29].accounts": "1"}}, "2 items named '5309.29'"),
])
def test_a_path_naming_nothing_is_an_error(imdi_doc, edit, message):
    with pytest.raises(PathError, match=message):
        edited(imdi_doc, **edit)
