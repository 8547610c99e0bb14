"""DV — accepted deviations (``[[deviation]]`` in avstem.toml)."""

from __future__ import annotations

from rules.context import RuleContext
from rules.deviations import stale
from rules.findings import Severity
from rules.references import BEST_3_4
from rules.registry import rule


@rule("DV-01",
      severity=Severity.WARNING, tolerance="none", references=(BEST_3_4,), needs="deviations+findings")
def dv01(ctx: RuleContext) -> None:
    """
    What it checks:
        Every accepted deviation in the configuration for this year's
        accounts still matches a finding (same rule, same key). The engine
        runs this rule after all the others, with their findings.
    Why it matters:
        An accepted deviation is a decision on record about one finding. If
        the finding is gone (the figure was corrected, the key changed), the
        entry no longer documents anything and would silently accept a
        future finding that happens to have the same key.
    Example:
        An entry accepting OS-01 for 0671.72 in 2023 matches IMDi's
        unexplained merutgift of 1 000 000; the same entry for 0671.73, which
        has no merutgift, is stale and reported.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.4 (the annual
        accounts and the documentation behind them); a deviation accepted
        without a current basis is undocumented.
    """
    for deviation in stale(ctx.earlier_findings, ctx.deviations, ctx.year):
        ctx.add(f"deviation.{deviation.rule}.{deviation.key}", "dv.stale", location=deviation.source,
                rule_id=deviation.rule, deviation_key=deviation.key, reason=deviation.reason)
