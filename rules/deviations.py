"""Accepted deviations: findings an agency has decided to live with, on record.

An entry in ``avstem.toml`` names a rule, a finding's key and the accounts'
year, with the reason, who approved it and when. A matching finding stays in
every output, marked accepted with its reason, and no longer counts against
``--fail-on``. An entry for this year that matches no finding any more is
itself a finding (rule DV-01), so the list cannot silently go stale.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ledger.core.source import Source
from rules.findings import Acceptance, Finding


@dataclass(frozen=True)
class Deviation:
    rule: str
    key: str
    year: int
    reason: str
    approved_by: str
    date: str
    source: Source  # the config file and the entry's place in it

    def matches(self, finding: Finding, year: int) -> bool:
        return self.year == year and self.rule == finding.rule and self.key == finding.key


def accept(findings: tuple[Finding, ...], deviations: tuple[Deviation, ...], year: int) -> tuple[Finding, ...]:
    """Mark every finding an entry covers as accepted (the first matching entry wins)."""
    out = []
    for finding in findings:
        entry = next((d for d in deviations if d.matches(finding, year)), None)
        if entry is not None:
            finding = replace(finding, accepted=Acceptance(entry.reason, entry.approved_by, entry.date, entry.source))
        out.append(finding)
    return tuple(out)


def stale(findings: tuple[Finding, ...], deviations: tuple[Deviation, ...], year: int) -> list[Deviation]:
    """This year's entries that match no finding."""
    return [d for d in deviations if d.year == year and not any(d.matches(f, year) for f in findings)]
