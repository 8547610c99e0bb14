"""The findings sheet: one row per finding, one column per field of the JSON
finding (:func:`reports.json_report.finding_dict`, so the two cannot drift
apart), then a link to the cell the finding is about."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from ledger.core.money import format_amount
from reports.i18n import label
from reports.json_report import FINDING_FIELDS, finding_dict
from reports.keys import key_text, place_path
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet
from reports.xlsx.marks import places
from rules.findings import FigureRef, Severity

#: The columns: every field of the JSON finding, and the link to the cell. What
#: a reader needs first comes first, and only that is printed (a page of its
#: own layout, landscape, fitted to the width: severity, rule, key, message,
#: the figures, the cell, and the reason of an accepted deviation where there
#: is one); the rest (title, kind, tolerance, the trail back to the input) is
#: on screen to the right.
COLUMNS = ("severity", "rule", "key", "message", "expected", "actual", "difference", "cell", "accepted", "title",
           "kind", "tolerance", "tolerance_mode", "reference", "location", "path", "figures")
PRINTED = COLUMNS.index("cell") + 1  # and "accepted" when a finding is accepted
assert sorted(COLUMNS) == sorted((*FINDING_FIELDS, "cell")), "every JSON field has a column"
_AMOUNTS = ("expected", "actual", "difference")
_CAPS = {"severity": 14, "accepted": 40, "title": 30, "key": 44, "message": 70, "cell": 26, "reference": 56, "location": 28, "path": 30,
         "figures": 100}
#: Wrapped: the printed columns that hold prose. The columns off the page are not, so that a long reference
#: or list of figures does not make the printed rows tall.
_WRAPPED = ("key", "message", "accepted")


def columns() -> list[str]:
    return list(COLUMNS)


def write(sheet: Sheet, outcome: Outcome, lang: str, cells: CellMap, rule_rows: dict[str, str]) -> None:
    names = columns()
    numeric = tuple(names.index(n) + 1 for n in (*_AMOUNTS, "tolerance"))
    sheet.header(1, [label(f"col.{name}", lang) for name in names], right=numeric)
    sheet.ws.cell(row=1, column=names.index("tolerance_mode") + 1).alignment = styles.HEADER_INDENT
    row = 2
    for finding in outcome.findings:
        fields = finding_dict(finding, outcome, lang)
        severity = finding.severity
        for col, name in enumerate(names, start=1):
            if name == "cell":
                found = places(finding, cells)
                if found:
                    where = CellMap.location(found[0])
                    Sheet.link(sheet.text(row, col, where, indent=True), where)
                continue
            if name == "figures":
                text = "; ".join(_figure(f, ref, lang) for f, ref in zip(fields["figures"], finding.figures))
                sheet.text(row, col, text)
                continue
            if name == "severity" and finding.accepted is not None:  # approved: its own colour and word
                sheet.text(row, col, f"{label(severity.label, lang)} · {label('status.accepted', lang)}",
                           fill=styles.ACCEPTED_FILL, font=styles.ACCEPTED_FONT, wrap=True)
                continue
            if name == "key":  # the id and what it names, in the report's language
                sheet.text(row, col, key_text(finding, outcome, lang), wrap=True)
                continue
            if name == "path":  # a ledger column by its role in the language, not the internal field name
                sheet.text(row, col, place_path(finding.location, outcome, lang) or "")
                continue
            cell = _value(sheet, row, col, name, fields[name], lang)
            if name == "severity":
                cell.fill, cell.font = styles.SEVERITY_FILL[severity], styles.SEVERITY_FONT[severity]
            elif name == "rule" and finding.rule in rule_rows:
                Sheet.link(cell, rule_rows[finding.rule])
        row += 1
    if not outcome.findings:
        sheet.text(row, 1, label("no_findings", lang), fit=False)
    last = get_column_letter(len(names))
    sheet.ws.auto_filter.ref = f"A1:{last}{max(row - 1, 2)}"
    sheet.ws.freeze_panes = "C2"
    printed = PRINTED + (1 if outcome.accepted else 0)
    sheet.ws.print_area = f"A1:{get_column_letter(printed)}{max(row - 1, 2)}"
    sheet.finish(caps={names.index(n) + 1: cap for n, cap in _CAPS.items()})


def _value(sheet: Sheet, row: int, col: int, name: str, value, lang: str):
    if name in _AMOUNTS:
        return sheet.amount(row, col, None if value is None else Decimal(value), signed=name == "difference")
    if name == "tolerance":
        if value is None:
            return sheet.ws.cell(row=row, column=col)
        return sheet.number(row, col, Decimal(value), styles.tolerance_format(lang))
    if name == "severity":
        return sheet.text(row, col, label(Severity.parse(value).label, lang))
    if name == "kind":
        return sheet.text(row, col, label(f"kind.{value}", lang))
    if name == "accepted":
        text = "" if value is None else label("accepted_line", lang, reason=value["reason"],
                                               approved_by=value["approved_by"], date=value["date"],
                                               location=value["location"])
        return sheet.text(row, col, text, wrap=True)
    if name == "tolerance_mode":
        return sheet.text(row, col, label(f"tolerance.{value}", lang) if value else "", indent=True)
    return sheet.text(row, col, "" if value is None else str(value), wrap=name in _WRAPPED)


def _figure(figure: dict, ref: FigureRef, lang: str) -> str:
    """A figure of the JSON finding, its role in the report's language where the rule gives it."""
    value = "–" if figure["value"] is None else format_amount(Decimal(figure["value"]), lang)
    role = ref.label(lang) if ref.label is not None else figure["role"]
    return f"{role}: {value} ({figure['path'] or figure['location']})"
