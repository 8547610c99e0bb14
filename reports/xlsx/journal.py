"""The journal-entry sheet: each JE test with its count and first lines, and Benford's charts.

The counts and lines are what the import's queries found
(:mod:`ledger.general_ledger.journal`); the findings sheet has the same as
messages. Each test links to its rule's row on the rules sheet. Benford's
tables give per digit the count, the observed and expected share and the
Z-statistic; a chart of each sets observed against expected.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.chart import BarChart, LineChart, Reference

from ledger.general_ledger.journal import TESTS
from ledger.general_ledger.model import Benford, Journal
from reports.i18n import label
from reports.xlsx import styles
from reports.xlsx.cells import Sheet
from rules.catalogue.je import CONFORMITY, RULE_OF, TEST_NAMES, deviation_text
from rules.findings import Severity

HEADER_ROW = 4
#: Tests whose count is an info for review, not a warning (no warning fill).
INFOS = ("period_end", "below_limit")
SHARE = "0.00%"
_QUANT = Decimal("0.000001")


def write(sheet: Sheet, journal: Journal, lang: str, rule_rows: dict[str, str], year: int | None) -> None:
    sheet.text(1, 1, label("journal.title", lang, year=year or ""), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("journal.note", lang), wrap=True, span=6)
    sheet.header(HEADER_ROW, [label("journal.rule", lang), label("journal.test", lang), label("journal.count", lang),
                              "", label("journal.lines", lang), label("journal.first_lines", lang)], right=(3, 5))
    row = HEADER_ROW + 1
    for test, (unit, _) in TESTS.items():
        rule_id = RULE_OF[test]
        cell = sheet.text(row, 1, rule_id)
        if rule_id in rule_rows:
            Sheet.link(cell, rule_rows[rule_id])
        sheet.text(row, 2, label(f"je.test.{test}", lang))
        result = journal.tests.get(test)
        if result is None:
            sheet.text(row, 3, label("journal.not_run", lang), font=styles.MUTED_FONT, fit=False)
        else:
            flagged = result.count > 0 and test not in INFOS
            fill = styles.SEVERITY_FILL[Severity.WARNING] if flagged else None
            sheet.number(row, 3, result.count, "0", fill=fill)
            sheet.text(row, 4, label(f"je.unit.{unit}", lang, n=result.count))
            sheet.number(row, 5, result.lines, "0")
            shown = result.count if test == "gaps" else result.lines  # a gap's lines are the numbers missing
            rows = ", ".join(str(r) for r in result.rows) + (" …" if shown > len(result.rows) else "")
            sheet.text(row, 6, rows, wrap=True)
        row += 1
    row += 1
    for key, result in journal.benford.items():
        row = _benford(sheet, result, lang, row + 1)
    sheet.finish(caps={2: 40, 6: 50})


def _benford(sheet: Sheet, result: Benford, lang: str, row: int) -> int:
    title = label("journal.benford", lang, test=TEST_NAMES[result.test](lang), n=result.n,
                  mad=deviation_text(result.mad)(lang), chance=deviation_text(result.chance)(lang),
                  conformity=CONFORMITY[result.conformity](lang))
    sheet.text(row, 1, title, font=styles.HEADING_FONT, fit=False)
    row += 1
    header = row
    sheet.header(row, [label("journal.digit", lang), label("journal.amounts", lang), label("journal.observed", lang),
                       label("journal.expected", lang), label("journal.z", lang), label("journal.spike", lang)],
                 right=(2, 3, 4, 5))
    row += 1
    for i, (count, expected, z) in enumerate(zip(result.counts, result.expected, result.z)):
        digit = result.first + i
        spike = digit in result.spikes
        fill = styles.SEVERITY_FILL[Severity.WARNING] if spike else None
        sheet.text(row, 1, str(digit), fill=fill)
        sheet.number(row, 2, count, "0")
        observed = (Decimal(count) / result.n).quantize(_QUANT) if result.n else Decimal(0)
        sheet.number(row, 3, observed, SHARE)
        sheet.number(row, 4, expected.quantize(_QUANT), SHARE)
        sheet.number(row, 5, z.quantize(Decimal("0.01")), "0.00")
        if spike:
            sheet.text(row, 6, "●", fill=fill)
        row += 1
    last = row - 1
    _chart(sheet, result, header, last, lang)
    return row + (0 if len(result.counts) > 20 else 12)  # room for the chart beside a short table


def _chart(sheet: Sheet, result: Benford, header: int, last: int, lang: str) -> None:
    """Observed shares as columns, Benford's expected shares as a line, beside the table."""
    bars = BarChart()
    bars.type = "col"
    bars.style = 10
    bars.title = f"Benford: {TEST_NAMES[result.test](lang)}"
    bars.add_data(Reference(sheet.ws, min_col=3, min_row=header, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(sheet.ws, min_col=1, min_row=header + 1, max_row=last))
    bars.y_axis.number_format = "0%"
    bars.y_axis.majorGridlines = None
    bars.x_axis.delete = False
    bars.y_axis.delete = False
    expected = LineChart()
    expected.add_data(Reference(sheet.ws, min_col=4, min_row=header, max_row=last), titles_from_data=True)
    bars += expected
    bars.legend.position = "b"
    bars.height = 7.5
    bars.width = 16.0 if len(result.counts) < 20 else 30.0
    sheet.ws.add_chart(bars, f"H{header}")

