"""Run the catalogue over the accounts; collect every finding, drop none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ledger.core.accounts import Accounts, PriorYear
from ledger.forms.merged_context import with_context
from rules.context import Inputs, RuleContext, run_year
from rules.deviations import Deviation, accept
from rules.findings import Computation, Finding
from rules.registry import Rule, load_catalogue
from rules.settings import Settings

if TYPE_CHECKING:
    from ledger.general_ledger.model import Ledger


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]
    rules_skipped: tuple[str, ...]  # rules whose input (prior year, ledger) was not given
    computations: tuple[Computation, ...] = ()  # every comparison the rules made, passed or not


def run(accounts: Accounts | None, settings: Settings = Settings(), *, only: Iterable[str] | None = None,
        prior: PriorYear | None = None, ledger: Ledger | None = None,
        deviations: tuple[Deviation, ...] | None = None) -> RunResult:
    """Evaluate every rule (or those in ``only``) and return all findings.

    A rule that needs an input that was not given is skipped, not run. The
    accounts count as an input too: ``avstem ledger`` runs without them. The
    context of the appropriations is always there with the accounts: what
    was stated, completed from what the accounts print
    (:func:`ledger.forms.merged_context.with_context`), so the rules that
    judge it run on every set of accounts.
    Rules about the findings themselves (accepted deviations) run last, and
    the accepted findings are marked.
    """
    catalogue = load_catalogue()
    selected: list[Rule] = [catalogue[i] for i in only] if only is not None else list(catalogue.values())
    selected.sort(key=lambda r: "findings" in r.reads)  # stable: catalogue order otherwise
    findings: list[Finding] = []
    computations: list[Computation] = []
    run_ids, skipped = [], []
    if accounts is not None:
        accounts = with_context(accounts)
    published = accounts.published if accounts is not None else None
    given = {"accounts": accounts, "context": accounts.context if accounts is not None else None,
             "prior": prior, "ledger": ledger, "deviations": deviations, "findings": (),
             "key_figures": published.key_figures if published is not None else None,
             "report": published if published is not None and published.pages else None}
    year = run_year(Inputs(accounts, ledger=ledger))
    for rule in selected:
        if any(given[name] is None for name in rule.reads):
            skipped.append(rule.id)
            continue
        # a rule about the findings sees only the deviations of rules that ran: an entry for a rule left out
        # (`avstem ledger` has no accounts for OS-01) is not stale, only not looked at
        ran = tuple(d for d in deviations if d.rule in run_ids) if deviations and "findings" in rule.reads \
            else deviations
        ctx = RuleContext(rule, Inputs(accounts, prior, ledger, ran, tuple(findings)), settings, year=year)
        rule.check(ctx)
        findings.extend(ctx.findings)
        computations.extend(ctx.computations)
        run_ids.append(rule.id)
    result = tuple(findings)
    if deviations:
        result = accept(result, deviations, year)
    return RunResult(result, tuple(run_ids), tuple(skipped), tuple(computations))
