"""The catalogue keeps its promises: documented, referenced, tested both ways."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import reports.i18n  # noqa: F401  (the catalogue renders rule titles)
from ledger.vocabulary.labels import Text
from rules.findings import Severity
from rules.references import R115_APPROPRIATION
from rules.registry import FAMILIES, RETIRED, SECTIONS, load_catalogue, parse_doc, rule
from tests.rules.cases import load_cases

CATALOGUE = load_catalogue()


def test_catalogue_is_not_empty():
    assert len(CATALOGUE) >= 50


@pytest.mark.parametrize("rule_id", list(CATALOGUE))
def test_rule_is_documented_and_referenced(rule_id):
    rule = CATALOGUE[rule_id]
    assert re.fullmatch(r"[A-Z][A-Z0-9]?-\d{2}", rule.id) and rule.family in FAMILIES
    for section in (rule.doc.what, rule.doc.why, rule.doc.example, rule.doc.legal_basis):
        assert len(section.split()) >= 5, f"{rule_id}: a documentation section is too thin"
    assert rule.references, f"{rule_id} has no reference"
    for ref in rule.references:
        assert ref.document and ref.url.startswith("https://"), f"{rule_id}: {ref}"
    for lang in ("nb", "nn", "en"):
        assert rule.title(lang).strip(), f"{rule_id} has no title in {lang}"


def test_every_rule_has_a_pass_and_a_fail_case():
    cases = load_cases()
    outcomes = Counter((c.rule, c.outcome) for c in cases)
    missing = [f"{r} {o}" for r in CATALOGUE for o in ("pass", "fail") if not outcomes[(r, o)]]
    assert not missing, f"rules without a seeded case: {missing}"
    unknown = {c.rule for c in cases} - set(CATALOGUE)
    assert not unknown, f"cases for rules that do not exist: {unknown}"
    no_ledger = [c.id for c in cases if "ledger" in CATALOGUE[c.rule].inputs and c.ledger is None]
    assert not no_ledger, f"cases of ledger rules must name a ledger (`ledger:`): {no_ledger}"


def test_a_retired_id_is_refused(monkeypatch):
    monkeypatch.setitem(RETIRED, "BR-99", "retired for this test")
    with pytest.raises(ValueError, match="retired"):
        rule("BR-99", Text("a", "a", "a"), severity=Severity.ERROR, tolerance="exact",
             references=(R115_APPROPRIATION,))(lambda ctx: None)


def test_a_rule_without_a_section_is_refused():
    with pytest.raises(ValueError, match="Legal basis"):
        parse_doc("XX-01", "What it checks:\n a\nWhy it matters:\n b\nExample:\n c\n")
    assert SECTIONS == ("What it checks", "Why it matters", "Example", "Legal basis")
