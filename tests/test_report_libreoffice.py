"""The report's formulas, computed by a real spreadsheet engine.

LibreOffice (headless, a private profile that recalculates on load) opens
the report — openpyxl writes formulas without cached values anyway — and
exports each sheet as CSV. Every recalculation formula must give exactly
the figure avstem computed, and the chart's data the figures of the
statement. LibreOffice is an oracle here only; its files are never shipped.

The reports are the session's (``check_outputs``), computed by LibreOffice
in the one call of the ``libreoffice`` fixture (tests/libreoffice.py: it needs
``soffice``). These tests are marked slow; they fail, rather than skip, when
LibreOffice is missing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from avstem.pipeline import CheckRequest, check
from reports.i18n import label
from reports.xlsx import chart, recalc
from tests.helpers import ROOT
from tests.report_fixtures import HOSTILE_LINE, HOSTILE_NAME, PRIOR_RELATIVE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def recalculated(check_outputs, libreoffice):
    """{name: (outcome, {sheet: rows})} for IMDi as published and the seeded variant."""
    prior = {"prior": str(ROOT / PRIOR_RELATIVE)}
    return {name: (check(CheckRequest(str(check_outputs(name, "en")["accounts"]), prior=prior.get(name))),
                   libreoffice[name])
            for name in ("imdi", "seeded", "prior")}


def _number(text: str) -> Decimal:
    return Decimal(text) if text.strip() else Decimal(0)


@pytest.mark.parametrize("name", ["imdi", "seeded", "prior"])
def test_every_recalculation_formula_gives_avstems_figure(recalculated, name):
    """With --prior too: a figure of last year's accounts is not a cell of this year's sheets (issue 16, 1)."""
    outcome, sheets = recalculated[name]
    rows = sheets["Recalculation"][recalc.HEADER_ROW:]
    rows = [r for r in rows if any(r)]
    assert len(rows) == len(outcome.computations) > 150
    col = {n: i for i, n in enumerate(recalc.COLUMNS)}
    differences = 0
    for row, c in zip(rows, outcome.computations):
        assert (row[col["rule"]], row[col["key"]]) == (c.rule, c.key)
        excel, avstem = _number(row[col["excel"]]), _number(row[col["avstem"]])
        assert excel == avstem == c.expected, (c.rule, c.key, row)
        assert _number(row[col["check"]]) == 0
        reported = c.reported.value if c.reported.value is not None else Decimal(0)
        assert _number(row[col["reported"]]) == reported, (c.rule, c.key)
        assert _number(row[col["difference"]]) == reported - c.expected
        differences += reported != c.expected
    assert differences >= (14 if name == "seeded" else 10)
    if name == "prior":
        assert any(c.rule.startswith("PY-") for c in outcome.computations)


@pytest.mark.parametrize("name", ["imdi", "seeded"])
def test_chart_data_are_the_statements_figures(recalculated, name):
    outcome, sheets = recalculated[name]
    expenses = outcome.accounts.appropriation.expenses
    rows = sheets["Chart"][chart.HEADER_ROW:chart.HEADER_ROW + len(expenses)]
    for row, expense in zip(rows, expenses, strict=True):
        assert row[0] == str(expense.key)
        allocation, accounts = expense.allocation.amount, expense.accounts.amount
        assert _number(row[2]) == allocation and _number(row[3]) == accounts
        # the share the chart draws (issue 16, point 12), in the one series of its post
        share = row[chart.SHARE - 1]
        plain, marked = row[chart.PLAIN - 1], row[chart.MARKED - 1]
        if not allocation:
            assert share == "" and "#N/A" in plain + marked
            continue
        assert abs(Decimal(share.removesuffix("%")) - 100 * accounts / allocation) < Decimal("1e-9"), row
        rules = chart.post_rules(outcome, str(expense.key))
        assert row[chart.FINDINGS - 1] == ", ".join(rules)
        assert (marked if rules else plain) == share and (plain if rules else marked) == "#N/A"
    assert any(r[chart.FINDINGS - 1] == "OS-01" for r in rows)


def test_libreoffice_reads_input_text_as_text(recalculated):
    outcome, sheets = recalculated["seeded"]
    summary = [cell for row in sheets["Summary"] for cell in row]
    assert HOSTILE_NAME in summary and "click" not in summary
    note6 = [cell for row in sheets["Note 6"] for cell in row]
    assert HOSTILE_LINE in note6


@pytest.fixture(scope="module")
def printed(check_outputs, tmp_path_factory):
    """The example reports (--prior, a ledger, an accepted deviation) in each language, printed to PDF."""
    from tests.libreoffice import to_pdf

    return to_pdf({lang: check_outputs("examples", lang)["report"] for lang in ("nb", "nn", "en")},
                  tmp_path_factory.mktemp("printed"))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_printed_page_has_something_on_it(printed, lang):
    """No blank page, the last one included: each page holds more than its header (the sheet's name) and its
    footer (the page number), as LibreOffice prints the report."""
    import pdfplumber

    with pdfplumber.open(printed[lang]) as pdf:
        words = [(page.extract_text() or "").split() for page in pdf.pages]
    assert len(words) > 20
    footer = len(label("page_footer", lang).split())
    for number, page in enumerate(words, start=1):
        assert len(page) > 2 + footer + 3, f"page {number} of {len(words)} is (nearly) blank: {page}"
