"""The computations the rules record (for the report's recalculation sheet).

Each must redo, from its own terms, exactly the figure the rule compared
with; and every comparison that produced a finding must be among them. A
finding that compares no computed figure says why below (by message), and so
does a rule that records no computations at all: a seeded case whose rule
was skipped, or whose findings nobody checks, fails rather than passes empty.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.i18n import has
from rules.engine import run
from rules.findings import Computation, Finding
from rules.registry import FAMILIES
from tests.rules.cases import load_cases

#: Families whose rules record no computations, and why.
NO_COMPUTATIONS = {
    "DQ": "checks the ledger export's form (columns, codes, dates); compares no printed figure",
    "LG": "compares a printed figure with the ledger's øre sum, which no sheet of the report holds as a formula",
    "DV": "judges the other rules' findings against the accepted deviations; compares no figure",
    "KF": "compares a published report's key figures and quoted figures (thousands, per cent, rounded prose) with "
          "ratios and sums of the accounts; the recalculation sheet holds the statements' sums and copies only",
    "JE": "counts ledger lines the journal-entry tests flag (in the engine); compares no printed figure",
}

#: Findings that compare no computed figure, by message id, and why.
NOT_COMPUTED = {
    "zero.breach": "compares with 0, a constant",
    "holding.missing": "a holding missing: no figure to compare",
    "capital_line.missing": "a capital-account line missing: no figure to compare",
    "holding.count": "counts holdings, not amounts",
    "chapter.revenue_range": "a chapter outside its range: a code, not an amount",
    "common_chapter.missing_row": "a row missing: no figure to compare with",
    "note_a.missing_row": "a row missing: no figure to compare with",
    "note_a.unknown_row": "a row for a post the statement lacks: no figure to compare with",
    "note_b.unknown_row": "a row for a post the statement lacks: no figure to compare with",
    "t.missing_row": "a row missing: no figure to compare with",
    "py.missing_line": "a line last year did not have: no figure to compare with",
    "note8.del_b_missing": "a part of a note missing",
    "sign.positive": "the sign of a figure, not its amount",
    "os.unexplained": "a merutgift the accounts print (the statement's own difference, checked by BR-01)",
    "os.explained": "a merutgift and what explains it (the statement's own difference, checked by BR-01)",
    "os.context_unknown_post": "a context entry for a post the statement lacks",
    "py.agency": "compares names, not figures",
    "py.transfer.higher": "compared with last year's Note B, read from the prior file, not computed",
    "py.transfer.lower": "compared with last year's Note B, read from the prior file, not computed",
    "py.transfer.rounded": "compared with last year's Note B, read from the prior file, not computed",
    "py.transfer.unknown": "not verifiable: last year's Note B is not given",
    "t.maximum.two_year_unknown": "not verifiable: last year's appropriation is not given",
    "t.no_transfer": "the maximum of a post that may transfer nothing is 0 by R-2, a constant",
    "t.column_only": "not verifiable: the only word on the amount is the figure itself",
    "t.stikkord.column": "compares stikkord, not figures",
    "t.stikkord.text": "compares stikkord, not figures",
    "t.stikkord.partial": "compares stikkord, not figures",
    "t.maximum.two_year_implied": "not verifiable: last year's appropriation is not given (the implied one is shown)",
    "t.transferable.below": "a lawful shortfall, a note (its computation is recorded; a note judges no figure)",
    "t.reallocation.no_giver": "a row missing: no figure to compare with",
    "br.revenue_reading": "says which reading of a partly filled column held (its sum is recorded, a note)",
    "py.advance.unknown": "not verifiable: last year's Note B omdisponering column is not given",
    "py.advance.no_row": "a row missing: no figure to compare with",
    "note8.shares_no_holding": "a holding missing: no figure to compare with",
    "sign.expected": "the sign of a figure, not its amount",
}


def evaluate(c: Computation) -> Decimal:
    values = [sign * (ref.value or Decimal(0)) for sign, ref in c.terms]
    if c.form == "sum":
        return sum(values, Decimal(0))
    if c.form == "copy":
        assert len(values) == 1
        return values[0]
    if c.form == "capped":
        return max(Decimal(0), min(values))
    if c.form == "product":
        product = Decimal(1)
        for value in values:
            product *= value
        return product
    raise AssertionError(f"unknown form {c.form!r}")


def _family(rule_id: str) -> str:
    return rule_id.split("-")[0]


def check_result(result) -> list[Finding]:
    """Every computation redoes its figure; every finding is among them or says why not. The findings checked."""
    for c in result.computations:
        assert evaluate(c) == c.expected, c
        assert c.reported.source.path and all(ref.source.path for _, ref in c.terms), c
    assert not [c for c in result.computations if _family(c.rule) in NO_COMPUTATIONS]
    recorded = {(c.rule, c.key, c.expected) for c in result.computations}
    checked = []
    for f in result.findings:
        if _family(f.rule) in NO_COMPUTATIONS:
            continue
        if f.message in NOT_COMPUTED:
            continue
        assert f.tolerance is not None and f.expected is not None and f.actual is not None, \
            f"{f.rule} {f.key} ({f.message}) compares no computed figure; say why in NOT_COMPUTED"
        assert (f.rule, f.key, f.expected) in recorded, f
        checked.append(f)
    return checked


def test_imdi_computations(imdi):
    result = run(imdi)
    assert {c.form for c in result.computations} == {"sum", "copy", "capped", "product"}
    assert len({c.rule for c in result.computations}) >= 40
    assert check_result(result)


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_seeded_computations(case, case_run):
    """The rule ran with every input it needs (``run_case`` asserts it); each finding was checked against
    its computation or is exempted above with the reason; a fail case found something to check."""
    result = case_run(case).result
    check_result(result)
    if case.outcome == "fail":
        assert [f for f in result.findings if f.rule == case.rule], "a fail case with no finding to check"


def test_every_exemption_is_needed(case_run):
    """No family or message is exempted that no seeded case needs (a stale exemption hides nothing, but lies)."""
    assert set(NO_COMPUTATIONS) <= set(FAMILIES) and all(has(m) for m in NOT_COMPUTED)
    used = {f.message for case in CASES for f in case_run(case).findings if _family(f.rule) not in NO_COMPUTATIONS}
    assert set(NOT_COMPUTED) <= used, f"exempted but never found: {set(NOT_COMPUTED) - used}"
    families = {_family(case.rule) for case in CASES}
    assert set(NO_COMPUTATIONS) <= families


def test_a_finding_without_its_computation_is_caught(imdi):
    result = run(imdi, only=["BR-05"])  # IMDi's one-krone rounding note on netto rapportert
    assert result.findings and result.computations
    with pytest.raises(AssertionError):
        check_result(type(result)(result.findings, result.rules_run, result.rules_skipped, ()))
