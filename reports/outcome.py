"""What every writer renders: the findings of one run and their context.

The pipeline builds one :class:`Outcome`; the console, JSON, JUnit and Excel
writers all read it, so they cannot disagree about what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ledger.core.accounts import Accounts
from ledger.general_ledger.model import Derived, Journal, LedgerInfo, LedgerLines
from rules.findings import Computation, Finding, Severity
from rules.registry import Rule


@dataclass(frozen=True)
class InputFile:
    role: str  # accounts | prior | ledger | config
    path: str
    sha256: str


@dataclass(frozen=True)
class ParameterSet:
    """A parameter the run's avstem.toml set (``[parameters]``): its value there and the one it replaces (in
    force at the end of the year), as written in the configuration and in rules/parameters.yaml."""

    name: str
    value: str
    default: str


@dataclass(frozen=True)
class Outcome:
    accounts: Accounts | None  # None for `avstem ledger` (the ledger alone)
    findings: tuple[Finding, ...]  # sorted: severity, then catalogue order
    rules: dict[str, Rule]  # the catalogue, by id
    rules_run: tuple[str, ...]
    rules_skipped: tuple[str, ...]
    fail_on: Severity
    inputs: tuple[InputFile, ...]
    generated_at: datetime
    version: str
    catalogue_version: str
    computations: tuple[Computation, ...] = ()  # what the rules computed, for the report's recalculation
    ledger: LedgerInfo | None = None
    year: int | None = None  # the fiscal year (the accounts', or the ledger's)
    year_inferred: bool = False
    #: ``--require-all``: a rule that could not run (its input not given) fails the run like an error.
    require_all: bool = False
    #: How the avstem.toml of the run was chosen: ``option`` (--config), ``beside`` (the accounts),
    #: ``beside_ledger`` (`avstem ledger`), ``cwd``.
    config_origin: str | None = None
    #: The parameters avstem.toml set: a reader sees every threshold that is not the catalogue's own.
    parameters: tuple[ParameterSet, ...] = ()
    derived: Derived | None = None  # the statements as the ledger derives them (the report's lead schedule)
    journal: Journal | None = None  # the journal-entry tests' results (the report's JE sheet)
    ledger_lines: LedgerLines | None = None  # the first lines behind each sum (the report's drill-down)

    def count(self, severity: Severity) -> int:
        """Findings of a severity, accepted deviations not included."""
        return sum(1 for f in self.findings if f.severity == severity and f.accepted is None)

    @property
    def config_path(self) -> str | None:
        return next((i.path for i in self.inputs if i.role == "config"), None)

    @property
    def accepted(self) -> int:
        return sum(1 for f in self.findings if f.accepted is not None)

    @property
    def counts(self) -> dict[str, int]:
        counts = {s.label: self.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        counts["accepted"] = self.accepted
        return counts

    @property
    def failed(self) -> bool:
        return self.not_all_run or any(f.severity >= self.fail_on and f.accepted is None for f in self.findings)

    @property
    def not_all_run(self) -> bool:
        """Rules were left out for want of an input while --require-all asks for every one."""
        return self.require_all and bool(self.rules_skipped)

    @property
    def verdict(self) -> str:
        return "fail" if self.failed else "pass"

    @property
    def verdict_id(self) -> str:
        """What the run found at or above --fail-on, as the catalogue says it: ``verdict.found.error`` («feil
        funnet»), ``verdict.none.error`` («ingen feil») …; never a word an auditor's approval uses."""
        found = [f.severity for f in self.findings if f.severity >= self.fail_on and f.accepted is None]
        if found:
            return f"verdict.found.{max(found).label}"
        return "verdict.not_all_run" if self.not_all_run else f"verdict.none.{self.fail_on.label}"
