"""The chart sheet: per expense post, the accounts as a share of the total allocation, the posts with an
error or a warning in a colour of their own.

One post of 18 billion beside posts of a few millions leaves every small post an invisible sliver on an
axis of kroner; a share (regnskap / samlet tildeling) puts every post on the same scale, where an
overspend is a bar past 100 %. The table's figures are formulas pointing at the appropriation sheet, so the
chart shows what the accounts sheet shows. Two series, one for the posts without an error or warning and
one for those with, drawn on top of each other (their helper columns are hidden; the chart plots them
anyway), colour the posts with findings; the table names their rules.
"""

from __future__ import annotations

import re

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from ledger.vocabulary.labels import COLUMNS
from reports.i18n import label
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet
from rules.findings import Severity

HEADER_ROW = 3
SHARE, FINDINGS, PLAIN, MARKED = 5, 6, 8, 9  # columns: E the share, F the rules; H and I the chart's series
_PERCENT = "0%"


def post_rules(outcome: Outcome, post: str) -> list[str]:
    """The rules with a standing error or warning about the post (its key names the post: ``0671.21``,
    ``note_b.0671.45.maximum``)."""
    pattern = re.compile(rf"(?<![\d.]){re.escape(post)}(?![\d])")
    return list(dict.fromkeys(f.rule for f in outcome.findings
                              if f.severity >= Severity.WARNING and f.accepted is None and pattern.search(f.key)))


def write(sheet: Sheet, outcome: Outcome, cells: CellMap, lang: str) -> None:
    accounts = outcome.accounts
    sheet.text(1, 1, label("chart.title", lang), font=styles.TITLE_FONT, fit=False)
    sheet.header(HEADER_ROW, [COLUMNS["post"](lang), COLUMNS["post_text"](lang), COLUMNS["allocation"](lang),
                              COLUMNS["accounts"](lang), label("chart.share", lang), label("chart.findings", lang)],
                 right=(3, 4, 5))
    sheet.header(HEADER_ROW, [label("chart.series.plain", lang), label("chart.series.finding", lang)], col=PLAIN)
    row = HEADER_ROW + 1
    for expense in accounts.appropriation.expenses:
        sheet.text(row, 1, str(expense.key))
        sheet.text(row, 2, expense.post_text, font=styles.PRINTED_FONT, wrap=True)
        for col, figure in ((3, expense.allocation), (4, expense.accounts)):
            sheet.formula(row, col, "=" + CellMap.reference(cells.exact(figure.source.path)))
        share = sheet.formula(row, SHARE, f'=IF(N(C{row})=0,"",D{row}/C{row})', width=10)
        share.number_format = _PERCENT
        rules = post_rules(outcome, str(expense.key))
        if rules:
            sheet.text(row, FINDINGS, ", ".join(rules), font=styles.SEVERITY_FONT[Severity.WARNING],
                       fill=styles.SEVERITY_FILL[Severity.WARNING])
        # the series: the share in the one column its post belongs to, #N/A (not drawn) in the other
        for col, drawn in ((PLAIN, not rules), (MARKED, bool(rules))):
            value = f'=IF(N(C{row})=0,NA(),D{row}/C{row})' if drawn else "=NA()"
            sheet.formula(row, col, value, width=10).number_format = _PERCENT
        row += 1
    last = row - 1
    if last > HEADER_ROW:
        sheet.text(last + 2, 1, label("chart.note", lang), font=styles.MUTED_FONT, fit=False)
    for col in (PLAIN, MARKED):
        sheet.ws.column_dimensions[get_column_letter(col)].hidden = True
    sheet.finish(caps={2: 48})
    if last <= HEADER_ROW:
        return
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: the post codes stay readable
    chart.grouping = "clustered"
    chart.overlap = 100  # one bar per post: the two series never both hold a value
    chart.gapWidth = 60
    chart.visible_cells_only = False  # the series' columns are hidden
    chart.title = None  # the sheet's title above says it
    chart.y_axis.title = label("chart.axis", lang)
    chart.y_axis.number_format = _PERCENT
    chart.y_axis.scaling.min = 0
    chart.x_axis.scaling.orientation = "maxMin"  # first post at the top, as in the statement
    chart.x_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told otherwise
    chart.y_axis.delete = False
    data = Reference(sheet.ws, min_col=PLAIN, max_col=MARKED, min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=HEADER_ROW + 1, max_row=last))
    for series, colour in zip(chart.series, ("8EA9DB", "C65911")):
        series.graphicalProperties = GraphicalProperties(solidFill=colour)
        series.graphicalProperties.line.solidFill = colour
    chart.legend.position = "b"
    chart.height = min(14.0, max(8.0, 0.7 * (last - HEADER_ROW) + 3))  # one landscape page
    chart.width = 24.0
    # below the table, on a page of its own: the table keeps the page's width for its columns
    sheet.ws.row_breaks.append(Break(id=last + 2))
    sheet.ws.add_chart(chart, f"A{last + 4}")
