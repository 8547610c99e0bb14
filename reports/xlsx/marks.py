"""Findings on the accounts sheets: each figure a finding is about is filled
with its severity's colour (an accepted deviation with its own), shows the
rule ids beside the figure on paper (in its number format: the value stays a
number), and carries a comment naming the rule(s), the message and the
difference."""

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
        place = cells.nearest(finding.location.path, finding.location.file)
        if place is not None:
            return [place]
    found = [cells.exact(ref.source.path, ref.source.file) for ref in finding.figures]
    return list(dict.fromkeys(p for p in found if p is not None))


def at_places(outcome: Outcome, cells: CellMap) -> dict[tuple[str, str], list[Finding]]:
    """The findings by the cell they mark, in the outcome's order."""
    at: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in outcome.findings:
        for place in places(finding, cells):
            at[place].append(finding)
    return at


def mark(sheets: list[Sheet], cells: CellMap, outcome: Outcome, lang: str) -> None:
    by_title = {s.title: s for s in sheets}
    for (title, coordinate), findings in at_places(outcome, cells).items():
        cell = by_title[title].ws[coordinate]
        live = [f for f in findings if f.accepted is None]
        cell.fill = styles.SEVERITY_FILL[max(f.severity for f in live)] if live else styles.ACCEPTED_FILL
        if cell.data_type == "n" and cell.number_format and cell.number_format != "General":
            rules = list(dict.fromkeys(f.rule for f in findings))
            cell.number_format = styles.with_rules(cell.number_format, rules)
            # the column must hold the figure and its rule ids, or the printout shows ###
            dimension = cell.parent.column_dimensions[cell.column_letter]
            needed = len(f"{cell.value:,}") + len(", ".join(rules)) + 6
            dimension.width = max(dimension.width or 0, needed)
        Sheet.comment(cell, "\n\n".join(comment_text(f, lang) for f in findings))


def comment_text(finding: Finding, lang: str) -> str:
    text = label("comment.finding", lang, rule=finding.rule, severity=label(finding.severity.label, lang),
                 kind=label(f"kind.{finding.kind.value}", lang), message=render_message(finding, lang))
    if finding.accepted is not None:
        a = finding.accepted
        text += "\n" + label("accepted_line", lang, reason=a.reason, approved_by=a.approved_by, date=a.date,
                              location=a.source)
    return text
