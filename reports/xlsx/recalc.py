"""The recalculation sheet: every computation the rules made, rewritten as a
live Excel formula over the figures on the accounts sheets, beside the figure
avstem computed, so an auditor can re-verify each sum in Excel.

The computations are the rules' own (:class:`rules.findings.Computation`,
recorded pass or fail): the sums come from the layout's sum definitions and
the statement structure through the rules, not from a second list here.
This module only turns a form and its terms into a formula.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.formatting.rule import CellIsRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from reports.i18n import label
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet
from rules.findings import Computation, FigureRef, Finding, Severity

#: Columns, in order; the tests read the sheet by these positions.
COLUMNS = ("rule", "key", "what", "form", "reported", "excel", "avstem", "check", "difference", "tolerance",
           "finding")
_HEADINGS = {"rule": "col.rule", "key": "col.key", "what": "recalc.what", "form": "recalc.form",
             "reported": "recalc.reported", "excel": "recalc.excel", "avstem": "recalc.avstem",
             "check": "recalc.check", "difference": "recalc.difference", "tolerance": "col.tolerance",
             "finding": "recalc.finding"}
HEADER_ROW = 4


def _col(name: str) -> int:
    return COLUMNS.index(name) + 1


def _letter(name: str) -> str:
    return get_column_letter(_col(name))


def term(ref: FigureRef, cells: CellMap, *, in_function: bool = False) -> str:
    """A reference to the figure's cell; the figure itself if it is not shown (a figure of last year's accounts
    under --prior is not: the same path on this year's sheets is another figure)."""
    place = cells.exact(ref.source.path, ref.source.file)
    if place is None:
        return format(ref.value or Decimal(0), "f")
    reference = CellMap.reference(place)
    # MIN() skips an empty cell where avstem counts a blank as zero; N() makes it 0.
    return f"N({reference})" if in_function and ref.value is None else reference


def formula(c: Computation, cells: CellMap) -> str:
    if c.form == "sum":
        parts = "".join(("+" if sign > 0 else "-") + term(ref, cells) for sign, ref in c.terms)
        return "=" + (parts.removeprefix("+") or "0")
    if c.form == "copy":
        (sign, ref), = c.terms
        return ("=" if sign > 0 else "=-") + term(ref, cells)
    if c.form == "capped":
        terms = ",".join(("" if sign > 0 else "-") + term(ref, cells, in_function=True) for sign, ref in c.terms)
        return f"=MAX(0,MIN({terms}))"
    if c.form == "product":
        return "=" + "*".join(("" if sign > 0 else "-") + term(ref, cells) for sign, ref in c.terms)
    raise ValueError(f"unknown computation form {c.form!r}")


def write(sheet: Sheet, outcome: Outcome, lang: str, cells: CellMap,
          rule_rows: dict[str, str]) -> dict[tuple[str, str], str]:
    """Write the sheet; return, for each statement cell a computation checks, the location of its first row
    here (the statement links to it, as each row's key links back to the statement)."""
    sheet.text(1, 1, label("recalc.title", lang), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("recalc.intro", lang), span=len(COLUMNS))
    numeric = tuple(_col(n) for n in ("reported", "excel", "avstem", "check", "difference", "tolerance"))
    sheet.header(HEADER_ROW, [label(_HEADINGS[name], lang) for name in COLUMNS], right=numeric)
    findings: dict[tuple[str, str], list[Finding]] = {}
    for f in outcome.findings:
        findings.setdefault((f.rule, f.key), []).append(f)
    row = HEADER_ROW + 1
    back: dict[tuple[str, str], str] = {}
    for c in outcome.computations:
        _row(sheet, row, c, lang, cells, findings.get((c.rule, c.key), []), rule_rows)
        reported = cells.exact(c.reported.source.path, c.reported.source.file)
        if reported is not None:
            back.setdefault(reported, CellMap.location((sheet.title, f"{_letter('key')}{row}")))
        row += 1
    last = row - 1
    check = f"{_letter('check')}{HEADER_ROW + 1}:{_letter('check')}{max(last, HEADER_ROW + 1)}"
    sheet.ws.conditional_formatting.add(check, CellIsRule(operator="notEqual", formula=["0"],
                                                           fill=styles.SEVERITY_FILL[Severity.ERROR]))
    sheet.ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{max(last, HEADER_ROW + 1)}"
    sheet.ws.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.finish(caps={_col("key"): 42, _col("what"): 75, _col("finding"): 24})
    return back


def link_back(sheets: list[Sheet], back: dict[tuple[str, str], str]) -> None:
    """Each statement figure a computation checks links to its Recalculation row; the figure keeps its own
    font (a total stays bold, not a blue link), so the statement reads as printed."""
    by_title = {s.title: s for s in sheets}
    for (title, coordinate), location in back.items():
        cell = by_title[title].ws[coordinate]
        if cell.hyperlink is None and cell.value is not None:  # openpyxl would write a link's text in a blank
            cell.hyperlink = Hyperlink(ref=coordinate, location=location)


def _row(sheet: Sheet, row: int, c: Computation, lang: str, cells: CellMap, findings: list[Finding],
         rule_rows: dict[str, str]) -> None:
    rule = sheet.text(row, _col("rule"), c.rule)
    if c.rule in rule_rows:
        Sheet.link(rule, rule_rows[c.rule])
    key = sheet.text(row, _col("key"), c.key, wrap=True)
    reported = cells.exact(c.reported.source.path, c.reported.source.file)
    if reported is not None:
        Sheet.link(key, CellMap.location(reported))
    sheet.text(row, _col("what"), c.subject(lang), wrap=True)
    sheet.text(row, _col("form"), label(f"form.{c.form}", lang))
    sheet.formula(row, _col("reported"), "=" + term(c.reported, cells))
    sheet.formula(row, _col("excel"), formula(c, cells), fill=styles.FORMULA_FILL)
    sheet.amount(row, _col("avstem"), c.expected)
    sheet.formula(row, _col("check"), f"={_letter('excel')}{row}-{_letter('avstem')}{row}", width=10,
                  signed=True)
    sheet.formula(row, _col("difference"), f"={_letter('reported')}{row}-{_letter('excel')}{row}", width=10,
                  signed=True)
    sheet.number(row, _col("tolerance"), c.tolerance.amount, styles.tolerance_format(lang))
    if findings:
        worst = max(findings, key=lambda f: f.severity)
        text = f"{label(worst.severity.label, lang)} ({label(f'kind.{worst.kind.value}', lang)})"
        sheet.text(row, _col("finding"), text, font=styles.SEVERITY_FONT[worst.severity],
                   fill=styles.SEVERITY_FILL[worst.severity], indent=True)
    else:
        sheet.text(row, _col("finding"), label("recalc.ok", lang), font=styles.PASS_FONT, indent=True)
