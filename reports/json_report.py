"""The findings as a versioned JSON document (schema ``avstem.findings/1``).

Decimal figures are strings, so no consumer turns money into floats. The
document holds exactly the findings the Excel report shows, and the facts
about the accounts (``facts``: how avstem knows each, where it was read).
"""

from __future__ import annotations

import json
from typing import Any

from reports.facts import fact_dict, facts_of
from reports.i18n import render_message
from reports.outcome import Outcome
from reports.safe_text import visible_in
from rules.findings import Finding

SCHEMA = "avstem.findings/1"

#: The fields of a finding, in order; the Excel report has one column for each.
FINDING_FIELDS = ("rule", "title", "severity", "kind", "key", "expected", "actual", "difference", "tolerance",
                  "tolerance_mode", "location", "path", "figures", "message", "reference", "accepted")


def _dec(value) -> str | None:
    return None if value is None else format(value, "f")


def finding_dict(finding: Finding, outcome: Outcome, lang: str) -> dict[str, Any]:
    """One finding as JSON; the Excel report's findings sheet renders exactly this."""
    rule = outcome.rules[finding.rule]
    tol = finding.tolerance
    fields = {
        "rule": finding.rule,
        "title": rule.title(lang),
        "severity": finding.severity.label,
        "kind": finding.kind.value,
        "key": finding.key,
        "expected": _dec(finding.expected),
        "actual": _dec(finding.actual),
        "difference": _dec(finding.difference),
        "tolerance": _dec(tol.amount) if tol else None,
        "tolerance_mode": tol.mode if tol else None,
        "location": str(finding.location) if finding.location else None,
        "path": finding.location.path if finding.location else None,
        "figures": [
            {"role": f.role, "value": _dec(f.value), "location": str(f.source), "path": f.source.path}
            for f in finding.figures
        ],
        "message": render_message(finding, lang),
        "reference": "; ".join(ref.citation_text(lang) for ref in rule.references),  # as a reader of lang cites
        "accepted": None if finding.accepted is None else {
            "reason": finding.accepted.reason, "approved_by": finding.accepted.approved_by,
            "date": finding.accepted.date, "location": str(finding.accepted.source),
        },
    }
    return fields  # tests/test_cli.py keeps FINDING_FIELDS in step with these keys


def ledger_dict(info) -> dict[str, Any] | None:
    if info is None:
        return None
    return {"file": info.file, "form": info.form, "lines": info.lines, "encoding": info.encoding,
            "separator": info.separator, "sheet": info.sheet, "decimal": info.decimal or None,
            "thousands": info.thousands or None, "columns": info.columns, "kontoplan": info.kontoplan}


def document(outcome: Outcome, lang: str) -> dict[str, Any]:
    agency = outcome.accounts.agency if outcome.accounts is not None else None
    return {
        "schema": SCHEMA,
        "avstem": outcome.version,
        "catalogue": outcome.catalogue_version,
        "generated_at": outcome.generated_at.isoformat(),
        "agency": agency.name if agency else None,
        "agency_short_name": agency.short_name if agency else None,
        "year": outcome.year,
        "year_inferred": outcome.year_inferred,
        "ledger": ledger_dict(outcome.ledger),
        "inputs": [{"role": i.role, "path": i.path, "sha256": i.sha256} for i in outcome.inputs],
        "verdict": outcome.verdict,
        "result": outcome.verdict_id.removeprefix("verdict."),  # found.error | none.error | not_all_run …
        "fail_on": outcome.fail_on.label,
        "require_all": outcome.require_all,
        "counts": outcome.counts,
        "rules_run": len(outcome.rules_run),
        "rules_skipped": list(outcome.rules_skipped),
        # each rule that could not run and the inputs it lacks: part of the verdict (with --require-all, it fails)
        "rules_not_run": [{"rule": r, "needs": list(outcome.rules[r].inputs)} for r in outcome.rules_skipped],
        "config": {"path": outcome.config_path, "origin": outcome.config_origin,
                   # the parameters it set, each with the value it replaces
                   "parameters": [{"name": p.name, "value": p.value, "default": p.default}
                                  for p in outcome.parameters]} if outcome.config_path else None,
        "facts": [fact_dict(f, lang) for f in facts_of(outcome)],
        "findings": [finding_dict(f, outcome, lang) for f in outcome.findings],
    }


def dumps(outcome: Outcome, lang: str) -> str:
    return json.dumps(visible_in(document(outcome, lang)), ensure_ascii=False, indent=2) + "\n"
