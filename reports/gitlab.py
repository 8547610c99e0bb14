"""A GitLab code-quality report: the findings as GitLab reads ``artifacts:reports:codequality``.

The format is a subset of Code Climate's: a JSON list of issues, each with a
``description``, a ``check_name`` (the rule), a ``fingerprint`` that stays
the same from run to run for the same finding (rule, key and file), a
``severity`` (error → ``critical``, warning → ``minor``, info → ``info``;
an accepted deviation → ``info``) and a ``location`` (``path``, and
``lines.begin``: the line, or 1 for a workbook cell). GitLab shows them in
the merge request's code-quality widget without failing the pipeline.
"""

from __future__ import annotations

import hashlib
import json

from reports.i18n import render_message
from reports.outcome import Outcome
from rules.findings import Finding, Severity

_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding, outcome: Outcome, lang: str) -> dict:
    path = finding.location.file if finding.location is not None else (outcome.inputs[0].path if outcome.inputs
                                                                          else "")
    line = finding.location.line if finding.location is not None and finding.location.line else 1
    where = str(finding.location) if finding.location is not None else path
    fingerprint = hashlib.sha256(f"{finding.rule}\0{finding.key}\0{finding.message}\0{path}".encode()).hexdigest()
    return {
        "type": "issue",
        "check_name": finding.rule,
        "description": f"{finding.rule} {finding.key}: {render_message(finding, lang)} ({where})",
        "categories": ["Bug Risk"],
        "severity": "info" if finding.accepted is not None else _SEVERITY[finding.severity],
        "fingerprint": fingerprint,
        "location": {"path": path, "lines": {"begin": int(line)}},
    }


def dumps(outcome: Outcome, lang: str) -> str:
    return json.dumps([issue(f, outcome, lang) for f in outcome.findings], ensure_ascii=False, indent=2) + "\n"
