"""Findings on the accounts sheets: each figure a finding is about is filled
with its severity's colour and carries a comment naming the rule(s), the
message and the difference."""

from __future__ import annotations

from collections import defaultdict

from reports.i18n import label, render_message
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet
from rules.findings import Finding


def places(finding: Finding, cells: CellMap) -> list[tuple[str, str]]:
    """The cells a finding is about: where it is located, else the figures it names."""
    if finding.location is not None:
        place = cells.nearest(finding.location.path)
        if place is not None:
            return [place]
    found = [cells.exact(ref.source.path) for ref in finding.figures]
    return list(dict.fromkeys(p for p in found if p is not None))


def mark(sheets: list[Sheet], cells: CellMap, outcome: Outcome, lang: str) -> None:
    by_title = {s.title: s for s in sheets}
    at: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in outcome.findings:
        for place in places(finding, cells):
            at[place].append(finding)
    for (title, coordinate), findings in at.items():
        cell = by_title[title].ws[coordinate]
        worst = max(f.severity for f in findings)
        cell.fill = styles.SEVERITY_FILL[worst]
        Sheet.comment(cell, "\n\n".join(comment_text(f, lang) for f in findings))


def comment_text(finding: Finding, lang: str) -> str:
    return label("comment.finding", lang, rule=finding.rule, severity=label(finding.severity.label, lang),
                 kind=label(f"kind.{finding.kind.value}", lang), message=render_message(finding, lang))
