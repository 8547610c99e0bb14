"""The facts sheet: each fact about the accounts (the year, the name, the context of the appropriations …),
how avstem knows it, where it was read and from what, the inferred value a stated one overrides, and a link
to the cell where the report shows what it was read from. The fields are the JSON's
(:func:`reports.facts.fact_dict`)."""

from __future__ import annotations

from reports.facts import fact_dict, facts_of, origin_text
from reports.i18n import label
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet
from rules.findings import Severity

COLUMNS = ("label", "value", "origin", "location", "basis", "overrides", "also", "cell", "subject")
_HEADINGS = {"label": "col.subject", "value": "col.value", "origin": "col.origin", "location": "col.location",
             "basis": "col.basis", "overrides": "col.overrides", "also": "col.also", "cell": "col.cell",
             "subject": "col.key"}
HEADER_ROW = 4
_CAPS = {"label": 36, "value": 40, "origin": 24, "location": 34, "basis": 60, "overrides": 36, "also": 34,
         "cell": 24, "subject": 40}


def write(sheet: Sheet, outcome: Outcome, lang: str, cells: CellMap) -> None:
    sheet.text(1, 1, label("facts.title", lang), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("facts.intro", lang), span=len(COLUMNS))
    sheet.header(HEADER_ROW, [label(_HEADINGS[name], lang) for name in COLUMNS])
    row = HEADER_ROW + 1
    for fact in facts_of(outcome):
        fields = fact_dict(fact, lang)
        for col, name in enumerate(COLUMNS, start=1):
            if name == "origin":
                cell = sheet.text(row, col, origin_text(fact, lang))
                if fact.missing:
                    cell.fill, cell.font = styles.SEVERITY_FILL[Severity.WARNING], styles.SEVERITY_FONT[Severity.WARNING]
                elif fact.inferred:
                    cell.fill = styles.SEVERITY_FILL[Severity.INFO]
            elif name == "cell":
                place = cells.nearest(fact.source.path, fact.source.file) if fact.source is not None else None
                if place is not None:
                    where = CellMap.location(place)
                    Sheet.link(sheet.text(row, col, where), where)
            elif name == "also":
                sheet.text(row, col, ", ".join(fields["also"]), wrap=True)
            else:
                value = fields[name]
                sheet.text(row, col, "–" if value is None else str(value), wrap=name in ("value", "basis", "overrides"))
        row += 1
    if row == HEADER_ROW + 1:
        sheet.text(row, 1, label("facts.none", lang), fit=False)
    sheet.ws.freeze_panes = f"B{HEADER_ROW + 1}"
    sheet.ws.auto_filter.ref = f"A{HEADER_ROW}:{chr(64 + len(COLUMNS))}{max(row - 1, HEADER_ROW + 1)}"
    sheet.finish(caps={COLUMNS.index(n) + 1: cap for n, cap in _CAPS.items()})
