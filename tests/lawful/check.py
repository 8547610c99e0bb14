"""Run avstem in-process on a written agency and compare what it finds.

The same path as ``avstem check`` (``ledger.forms.inputs.read_accounts`` and ``rules.engine.run`` with the
default settings), without a subprocess: a few hundred agencies per run stay cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ledger.forms.inputs import read_accounts
from rules.engine import run
from rules.findings import Finding, Kind, Severity

#: Rules that need an input a check of the accounts alone does not give (last year's, a ledger, deviations).
#: Rules that need more than the accounts: last year (PY), a ledger (DQ, LG), deviations (DV), the published
#: report or its key figures (KF), the journal-entry tests (JE).
NOT_FOR_ACCOUNTS = ("PY-", "DQ-", "LG-", "DV-", "KF-", "JE-")


@dataclass(frozen=True)
class Checked:
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]
    rules_skipped: tuple[str, ...]

    def judged(self) -> set[tuple[str, str, str]]:
        """(rule, key, severity) of every finding that is not a rounding note."""
        return {(f.rule, f.key, f.severity.label) for f in self.findings if f.kind is not Kind.ROUNDING}

    def skipped_that_could_run(self) -> tuple[str, ...]:
        return tuple(r for r in self.rules_skipped if not r.startswith(NOT_FOR_ACCOUNTS))


def check(path: Path, context: Path | None = None) -> Checked:
    accounts = read_accounts(str(path), str(context) if context else None)
    result = run(accounts)
    return Checked(result.findings, result.rules_run, result.rules_skipped)


def names(finding: Finding) -> set[str]:
    """The paths a finding points at: its location's and its figures'."""
    paths = {f.source.path for f in finding.figures if f.source is not None}
    if finding.location is not None:
        paths.add(finding.location.path)
    return {p for p in paths if p}


def comparable(finding: Finding) -> tuple:
    """What must be the same whichever form the accounts were read from: rule, key, severity, kind, the
    figures compared and where in the accounts each was read (the logical path, not the file's place)."""
    return (finding.rule, finding.key, finding.severity.label, finding.kind.value, _d(finding.expected),
            _d(finding.actual), _d(finding.difference),
            tuple((f.role, _d(f.value), f.source.path if f.source else None) for f in finding.figures),
            finding.location.path if finding.location else None)


def _d(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def describe(findings, severities=(Severity.ERROR, Severity.WARNING)) -> str:
    """Findings as lines for an assertion message."""
    return "\n".join(f"  {f.rule} {f.severity.label} {f.kind.value} {f.key} at {f.location.path if f.location else '-'}"
                     f" (expected {f.expected}, printed {f.actual})"
                     for f in findings if f.severity in severities or f.kind is not Kind.ROUNDING) or "  (none)"
