"""Run the catalogue over the accounts; collect every finding, drop none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ledger.model import Accounts
from rules.context import RuleContext
from rules.findings import Finding
from rules.registry import Rule, load_catalogue
from rules.settings import Settings


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]
    rules_skipped: tuple[str, ...]  # rules whose input (prior year, ledger) was not given


def run(accounts: Accounts | None, settings: Settings = Settings(), *, only: Iterable[str] | None = None,
        **inputs: Any) -> RunResult:
    """Evaluate every rule (or those in ``only``) and return all findings.

    ``inputs`` carries optional inputs by name (``prior=``, ``ledger=``); a
    rule that needs an input that was not given is skipped, not run. The
    accounts count as an input too: ``avstem ledger`` runs without them.
    """
    catalogue = load_catalogue()
    selected: list[Rule] = [catalogue[i] for i in only] if only is not None else list(catalogue.values())
    findings: list[Finding] = []
    run_ids, skipped = [], []
    given = {"accounts": accounts, **inputs}
    for rule in selected:
        if any(given.get(name) is None for name in rule.inputs):
            skipped.append(rule.id)
            continue
        ctx = RuleContext(rule, accounts, settings, **inputs)
        rule.check(ctx)
        findings.extend(ctx.findings)
        run_ids.append(rule.id)
    return RunResult(tuple(findings), tuple(run_ids), tuple(skipped))
