"""Run the catalogue over the accounts; collect every finding, drop none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ledger.core.accounts import Accounts
from rules.context import RuleContext
from rules.deviations import accept
from rules.findings import Computation, Finding
from rules.registry import Rule, load_catalogue
from rules.settings import Settings


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]
    rules_skipped: tuple[str, ...]  # rules whose input (prior year, ledger) was not given
    computations: tuple[Computation, ...] = ()  # every comparison the rules made, passed or not


def run(accounts: Accounts | None, settings: Settings = Settings(), *, only: Iterable[str] | None = None,
        **inputs: Any) -> RunResult:
    """Evaluate every rule (or those in ``only``) and return all findings.

    ``inputs`` carries optional inputs by name (``prior=``, ``ledger=``,
    ``deviations=``); a rule that needs an input that was not given (or the
    context of the appropriations, when the accounts have none) is skipped,
    not run. The accounts count as an input too: ``avstem ledger`` runs
    without them. Rules about the findings themselves (accepted deviations)
    run last, and the accepted findings are marked.
    """
    catalogue = load_catalogue()
    selected: list[Rule] = [catalogue[i] for i in only] if only is not None else list(catalogue.values())
    selected.sort(key=lambda r: r.needs == "deviations")  # stable: catalogue order otherwise
    findings: list[Finding] = []
    computations: list[Computation] = []
    run_ids, skipped = [], []
    given = {"accounts": accounts, "context": accounts.context if accounts is not None else None, **inputs}
    for rule in selected:
        if any(given.get(name) is None for name in rule.inputs):
            skipped.append(rule.id)
            continue
        ctx = RuleContext(rule, accounts, settings, **inputs, findings=tuple(findings))
        rule.check(ctx)
        findings.extend(ctx.findings)
        computations.extend(ctx.computations)
        run_ids.append(rule.id)
    result = tuple(findings)
    if inputs.get("deviations"):
        result = accept(result, inputs["deviations"], year_of(accounts, inputs))
    return RunResult(result, tuple(run_ids), tuple(skipped), tuple(computations))


def year_of(accounts: Accounts | None, inputs: dict[str, Any]) -> int:
    """The fiscal year the run is about: the accounts', or the ledger's without them."""
    return accounts.year if accounts is not None else inputs["ledger"].year
