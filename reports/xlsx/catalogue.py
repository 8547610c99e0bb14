"""The rules sheet: the rule catalogue with its legal references, one row per
rule and reference, each reference linked to where it can be read; on a rule's
first row what it checks (its documentation in the report's language) and its
severity, coloured as the findings' severities are."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from reports.catalogue import catalogue
from reports.i18n import label
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet

HEADER_ROW = 4


def write(sheet: Sheet, outcome: Outcome, lang: str) -> dict[str, str]:
    """Write the catalogue; return each rule's first row as a hyperlink location."""
    sheet.text(1, 1, label("rules.title", lang, version=outcome.catalogue_version), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("rules.explain", lang), fit=False)
    headings = ["col.rule", "col.title", "col.what", "col.rule_severity", "col.tolerance", "col.input",
                "col.document", "col.section", "col.link"]
    sheet.header(HEADER_ROW, [label(h, lang) for h in headings])
    rows: dict[str, str] = {}
    row = HEADER_ROW + 1
    for rule in outcome.rules.values():
        rows[rule.id] = CellMap.location((sheet.title, f"A{row}"))
        for n, ref in enumerate(rule.references):
            sheet.text(row, 1, rule.id)
            sheet.text(row, 2, rule.title(lang), wrap=True)
            if n == 0:
                sheet.text(row, 3, what_it_checks(rule, lang), wrap=True)
            # the severity a breach of the rule has, as the findings show a severity (word and colour)
            severity = rule.severity
            sheet.text(row, 4, label(severity.label, lang), fill=styles.SEVERITY_FILL[severity],
                       font=styles.SEVERITY_FONT[severity])
            sheet.text(row, 5, label(f"tolerance.{rule.tolerance}", lang))
            sheet.text(row, 6, " + ".join(label(f"role.{name}", lang) for name in rule.inputs))
            sheet.text(row, 7, ref.document_text(lang), wrap=True)  # the official title, as a reader of lang reads it
            sheet.text(row, 8, ref.section_text(lang) if ref.section_text else "", wrap=True)
            if ref.url:
                Sheet.url(sheet.text(row, 9, ref.url, wrap=True), ref.url)
            row += 1
    sheet.ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headings))}{row - 1}"
    sheet.ws.freeze_panes = f"B{HEADER_ROW + 1}"
    sheet.finish(caps={2: 40, 3: 60, 7: 50, 8: 40, 9: 50})
    return rows


def what_it_checks(rule, lang: str) -> str:
    """The rule's «What it checks» in ``lang`` (``rule.explained``). Blank, never another language's text,
    while a translation of the rules' documentation is not yet in the catalogue (the tests name it)."""
    if lang != "en" and f"rule.{rule.id}.what" not in catalogue(lang):
        return ""
    return rule.explained(lang).what
