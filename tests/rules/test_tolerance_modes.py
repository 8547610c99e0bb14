"""The tolerance a rule declares is the tolerance its findings carry.

The whole catalogue runs on IMDi 2023 (with last year's figures, the
generated ledger and an accepted deviation, so that every family runs) and on
every seeded fail case; every finding's tolerance must agree with its rule's
declared mode (``avstem rules`` shows it): a breach or a rounding note
carries the declared mode (none only where the rule declares none), a rounding
note always an interval or an absolute tolerance; a note or an explanation
judges no figure against another and carries none. An interval over figures that are all
whole kroner is exact (:func:`rules.tolerance.rounded`), so an interval rule
may carry ``exact`` too.
"""

from __future__ import annotations

import pytest

from ledger.core.source import Source
from ledger.forms.inputs import read_prior
from ledger.forms.yaml_form.read import read_yaml
from rules.deviations import Deviation
from rules.engine import run
from rules.findings import Finding, Kind
from rules.registry import Rule, load_catalogue
from tests.helpers import FIXTURES, edited, load_doc, write_doc
from tests.rules.cases import ledger_spec, load_cases, write_ledger

CATALOGUE = load_catalogue()
FAIL_CASES = [c for c in load_cases() if c.outcome == "fail"]
_LEDGERS: dict[str, object] = {}


def disagreement(rule: Rule, finding: Finding) -> str | None:
    """Why the finding's tolerance does not agree with the rule's declaration, or None."""
    declared, tolerance = rule.tolerance, finding.tolerance
    if finding.kind in (Kind.NOTE, Kind.EXPLAINED):
        return None if tolerance is None else f"a {finding.kind.value} finding with a tolerance"
    if tolerance is None:
        return None if declared == "none" else f"no tolerance, but {rule.id} declares {declared!r}"
    if finding.kind is Kind.ROUNDING and tolerance.mode not in ("interval", "absolute"):
        return f"a rounding finding with a {tolerance.mode!r} tolerance"
    if tolerance.mode == declared or (declared == "interval" and tolerance.mode == "exact"):
        return None
    return f"a {tolerance.mode!r} tolerance, but {rule.id} declares {declared!r}"


def _ledger(spec: dict, tmp_path_factory):
    from ledger.general_ledger.importer import import_ledger
    from rules.catalogue.je import journal_parameters
    from rules.parameters import default_parameters

    key = repr(sorted(spec.items()))
    if key not in _LEDGERS:
        path = write_ledger(spec, tmp_path_factory.mktemp("ledger") / "ledger.csv")
        _LEDGERS[key] = import_ledger(str(path), year=2023,
                                      journal=lambda year: journal_parameters(default_parameters(), year))
    return _LEDGERS[key]


def _check(findings) -> list[str]:
    return [f"{f.rule} {f.key} ({f.kind.value}): {why}" for f in findings
            if (why := disagreement(CATALOGUE[f.rule], f)) is not None]


def test_imdi_findings_carry_the_declared_tolerance(imdi, tmp_path_factory):
    prior = read_prior(str(FIXTURES / "imdi-2022-comparatives.yaml"), imdi.year)
    stale = Deviation("OS-01", "0671.73", 2023, "no longer matches", "tester", "2024-02-14", Source("avstem.toml"))
    result = run(imdi, prior=prior, ledger=_ledger({"lines": 3000}, tmp_path_factory), deviations=(stale,))
    # the KF rules need the published report (or the YAML form's key figures): run on the report's text below
    assert not [r for r in result.rules_skipped if CATALOGUE[r].family != "KF"]
    assert {f.kind for f in result.findings} >= {Kind.BREACH, Kind.ROUNDING, Kind.NOTE, Kind.EXPLAINED}
    assert _check(result.findings) == []


def test_the_published_reports_findings_carry_the_declared_tolerance():
    from ledger.forms.published import read_published

    result = run(read_published(str(FIXTURES / "imdi-2023-annual-report.txt")))
    assert {r for r in CATALOGUE if CATALOGUE[r].family == "KF" and r != "KF-08"} <= set(result.rules_run)
    assert {f.rule for f in result.findings if f.rule.startswith("KF")} >= {"KF-01", "KF-03", "KF-07", "KF-09"}
    assert _check(result.findings) == []


@pytest.mark.parametrize("case", FAIL_CASES, ids=[c.id for c in FAIL_CASES])
def test_seeded_fail_case_findings_carry_the_declared_tolerance(case, imdi, imdi_doc, tmp_path,
                                                                 tmp_path_factory):
    accounts = imdi if not (case.set or case.delete) else read_yaml(
        str(write_doc(edited(imdi_doc, set=case.set, delete=case.delete), tmp_path / "a.yaml")))
    if case.report:
        from ledger.forms.published import read_published
        from tests.rules.cases import _edited_report

        accounts = read_published(str(_edited_report(case, tmp_path / "report.txt")))
    inputs = {}
    if case.ledger is not None:
        inputs["ledger"] = _ledger(ledger_spec(case), tmp_path_factory)
    if case.prior:
        prior_doc = edited(load_doc(FIXTURES / case.prior), set=case.prior_set, delete=case.prior_delete)
        inputs["prior"] = read_prior(str(write_doc(prior_doc, tmp_path / "prior.yaml")), accounts.year)
    if case.deviations:
        inputs["deviations"] = tuple(Deviation(d["rule"], d["key"], int(d["year"]), d["reason"], d["approved_by"],
                                               d["date"], Source("avstem.toml")) for d in case.deviations)
    findings = run(accounts, **inputs).findings
    assert any(f.rule == case.rule for f in findings), f"{case.rule} found nothing"
    assert _check(findings) == []


def test_a_mismatch_is_seen():
    from decimal import Decimal

    from rules.tolerance import EXACT, HALF_KRONE

    def finding(rule_id, tolerance, kind=Kind.BREACH):
        return Finding(rule_id, CATALOGUE[rule_id].severity, kind, "k", "m", tolerance=tolerance,
                       difference=Decimal(1))

    assert disagreement(CATALOGUE["BR-09"], finding("BR-09", None))  # exact rule, no tolerance
    assert disagreement(CATALOGUE["T-02"], finding("T-02", EXACT))  # absolute rule, exact finding
    assert disagreement(CATALOGUE["NB-05"], finding("NB-05", EXACT))  # none declared
    assert disagreement(CATALOGUE["BR-01"], finding("BR-01", EXACT, Kind.ROUNDING))
    assert disagreement(CATALOGUE["LG-01"], finding("LG-01", HALF_KRONE, Kind.ROUNDING)) is None
    assert disagreement(CATALOGUE["T-03"], finding("T-03", EXACT, Kind.NOTE))  # a note judges nothing
    assert disagreement(CATALOGUE["T-03"], finding("T-03", None, Kind.NOTE)) is None
