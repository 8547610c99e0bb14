"""The rules sheet: the rule catalogue with its legal references, one row per
rule and reference, each reference linked to where it can be read."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from reports.i18n import label
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet

HEADER_ROW = 4


def write(sheet: Sheet, outcome: Outcome, lang: str) -> dict[str, str]:
    """Write the catalogue; return each rule's first row as a hyperlink location."""
    sheet.text(1, 1, label("rules.title", lang, version=outcome.catalogue_version), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("rules.explain", lang), fit=False)
    headings = ["col.rule", "col.title", "col.breach", "col.tolerance", "col.input", "col.document",
                "col.section", "col.link"]
    sheet.header(HEADER_ROW, [label(h, lang) for h in headings])
    rows: dict[str, str] = {}
    row = HEADER_ROW + 1
    for rule in outcome.rules.values():
        rows[rule.id] = CellMap.location((sheet.title, f"A{row}"))
        for ref in rule.references:
            sheet.text(row, 1, rule.id)
            sheet.text(row, 2, rule.title(lang), wrap=True)
            # what a breach of the rule would be, in plain words: not a red «FEIL» that reads as a result
            sheet.text(row, 3, label(f"breach.{rule.severity.label}", lang))
            sheet.text(row, 4, label(f"tolerance.{rule.tolerance}", lang))
            sheet.text(row, 5, " + ".join(label(f"role.{name}", lang) for name in rule.inputs))
            sheet.text(row, 6, ref.document, wrap=True)
            sheet.text(row, 7, ref.section, wrap=True)
            if ref.url:
                Sheet.url(sheet.text(row, 8, ref.url, wrap=True), ref.url)
            row += 1
    sheet.ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headings))}{row - 1}"
    sheet.ws.freeze_panes = f"B{HEADER_ROW + 1}"
    sheet.finish(caps={2: 40, 6: 50, 7: 40, 8: 50})
    return rows
