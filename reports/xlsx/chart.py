"""The chart sheet: samlet tildeling against regnskap for every expense post.

The chart's data are formulas pointing at the appropriation sheet, so the
chart shows what the accounts sheet shows.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference

from ledger.core.accounts import Accounts
from ledger.vocabulary.labels import COLUMNS
from reports.i18n import label
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet

HEADER_ROW = 3


def write(sheet: Sheet, accounts: Accounts, cells: CellMap, lang: str) -> None:
    sheet.text(1, 1, label("chart.title", lang), font=styles.TITLE_FONT, fit=False)
    sheet.header(HEADER_ROW, [COLUMNS["post"](lang), COLUMNS["post_text"](lang), COLUMNS["allocation"](lang),
                              COLUMNS["accounts"](lang)], right=(3, 4))
    row = HEADER_ROW + 1
    for expense in accounts.appropriation.expenses:
        sheet.text(row, 1, str(expense.key))
        sheet.text(row, 2, expense.post_text, font=styles.PRINTED_FONT, wrap=True)
        for col, figure in ((3, expense.allocation), (4, expense.accounts)):
            sheet.formula(row, col, "=" + CellMap.reference(cells.exact(figure.source.path)))
        row += 1
    last = row - 1
    sheet.finish(caps={2: 36})
    if last <= HEADER_ROW:
        return
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: the post codes stay readable
    chart.style = 10
    chart.title = label("chart.title", lang)
    chart.y_axis.title = label("chart.axis", lang)
    chart.y_axis.number_format = styles.millions_format(lang)
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # first post at the top, as in the statement
    chart.x_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told otherwise
    chart.y_axis.delete = False
    data = Reference(sheet.ws, min_col=3, max_col=4, min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=HEADER_ROW + 1, max_row=last))
    chart.legend.position = "b"
    chart.height = max(10.0, 1.0 * (last - HEADER_ROW) + 4)
    chart.width = 20.0
    sheet.ws.add_chart(chart, f"F{HEADER_ROW}")  # beside the table: one printed page
