"""A rule reads only what it declares: its inputs (``needs=``) and its parameters (``parameters=``)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from rules.context import Inputs, RuleContext, UndeclaredRead
from rules.engine import run
from rules.findings import Severity
from rules.references import R115_APPROPRIATION
from rules.registry import load_catalogue, rule

CATALOGUE = load_catalogue()


def _context(imdi, needs: str, parameters: tuple[str, ...] = ()) -> RuleContext:
    declared = dataclasses.replace(CATALOGUE["BR-01"], needs=needs, parameters=parameters)
    return RuleContext(declared, Inputs(imdi, prior=object(), ledger=object(), deviations=(), findings=()))


@pytest.mark.parametrize("needs, readable", [
    ("accounts", {"accounts"}),
    ("context", {"accounts"}),  # the context comes with the accounts
    ("prior", {"accounts", "prior"}),
    ("accounts+ledger", {"accounts", "ledger"}),
    ("ledger", {"ledger"}),
    ("deviations+findings", {"deviations", "earlier_findings"}),
])
def test_a_rule_reads_only_the_inputs_it_declares(imdi, needs, readable):
    ctx = _context(imdi, needs)
    for name in ("accounts", "prior", "ledger", "deviations", "earlier_findings"):
        if name in readable:
            getattr(ctx, name)
        else:
            with pytest.raises(UndeclaredRead, match=f"BR-01 reads {name.replace('earlier_', '')}"):
                getattr(ctx, name)


def test_a_rule_reads_only_the_parameters_it_declares(imdi):
    ctx = _context(imdi, "accounts", ("transfer.operating.rate",))
    assert ctx.decimal("transfer.operating.rate") == Decimal("0.05")
    with pytest.raises(UndeclaredRead, match="transfer.operating.base"):
        ctx.parameter("transfer.operating.base")


@pytest.mark.parametrize("needs, parameters, message", [
    ("accounts+budget", (), "needs budget, which is not one of"),
    ("accounts", ("transfer.operating.rat",), "no parameter transfer.operating.rat"),
])
def test_a_declaration_of_what_does_not_exist_is_refused(needs, parameters, message):
    with pytest.raises(ValueError, match=message):
        rule("BR-99", CATALOGUE["BR-01"].title, severity=Severity.ERROR, tolerance="exact", references=(R115_APPROPRIATION,),
             needs=needs, parameters=parameters)(lambda ctx: None)


def test_every_rule_reads_within_its_declaration(imdi):
    """The whole catalogue on IMDi: no rule reads an input or a parameter it does not declare (it would raise);
    the ledger, prior-year and deviation rules are run with their inputs in tests/rules/test_tolerance_modes.py."""
    result = run(imdi)
    assert set(result.rules_run) == {r.id for r in CATALOGUE.values() if r.reads <= {"accounts", "context"}}


def test_the_rules_about_findings_run_after_the_others(imdi):
    from ledger.core.source import Source
    from rules.deviations import Deviation

    deviation = Deviation("OS-01", "0671.72", 2023, "reason", "approver", "2024-02-14", Source("avstem.toml"))
    result = run(imdi, deviations=(deviation,))
    assert result.rules_run[-1] == "DV-01"
    assert [f.rule for f in result.findings if f.rule == "DV-01"] == []  # it saw OS-01's finding
    assert any(f.accepted for f in result.findings if f.rule == "OS-01")


def test_without_accounts_the_year_is_the_ledgers(imdi):
    class Ledger:
        year = 2021

    ctx = RuleContext(CATALOGUE["DQ-01"], Inputs(ledger=Ledger()))
    assert ctx.year == 2021
    assert RuleContext(CATALOGUE["BR-01"], Inputs(imdi)).year == 2023
