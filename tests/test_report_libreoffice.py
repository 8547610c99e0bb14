"""The report's formulas, computed by a real spreadsheet engine.

LibreOffice (headless, a private profile) opens the report — openpyxl
writes formulas without cached values, so it computes every one — and
exports each sheet as CSV. Every recalculation formula must give exactly
the figure avstem computed, and the chart's data the figures of the
statement. LibreOffice is an oracle here only; its files are never shipped.

This test needs ``soffice`` (Debian: ``apt-get install -y
--no-install-recommends libreoffice-calc-nogui``; ``.ci/run`` installs it).
It is marked slow; it fails, rather than skips, when LibreOffice is missing.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest

from avstem.pipeline import CheckRequest, check
from reports.xlsx import chart, recalc
from tests.helpers import IMDI
from tests.report_fixtures import HOSTILE_LINE, HOSTILE_NAME, run_check, write_seeded

pytestmark = pytest.mark.slow

# CSV, comma-separated, UTF-8, raw values (not as shown), every sheet (the final -1).
_CSV = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is needed to recompute the report's formulas: "
                    "apt-get install -y --no-install-recommends libreoffice-calc-nogui "
                    "(or leave the slow tests out: pytest -m 'not slow')")
    return found


@pytest.fixture(scope="module")
def recalculated(imdi_doc, tmp_path_factory):
    """{name: (outcome, {sheet: rows})} for IMDi as published and the seeded variant."""
    folder = tmp_path_factory.mktemp("libreoffice")
    seeded_yaml = write_seeded(imdi_doc, folder)
    reports = {}
    for name, accounts in (("imdi", IMDI), ("seeded", seeded_yaml)):
        out = folder / name
        out.mkdir()
        report = run_check(out, accounts, "en")["report"]
        reports[name] = (report.rename(folder / f"{name}.xlsx"), check(CheckRequest(str(accounts))))
    started = time.perf_counter()
    result = subprocess.run(
        [_soffice(), "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
         "--convert-to", _CSV, "--outdir", str(folder / "csv"), *(str(r) for r, _ in reports.values())],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    print(f"LibreOffice recalculation of {len(reports)} reports: {time.perf_counter() - started:.1f} s")
    return {name: (outcome, _sheets(folder / "csv", name)) for name, (_, outcome) in reports.items()}


def _sheets(folder: Path, stem: str) -> dict[str, list[list[str]]]:
    sheets = {}
    for path in folder.glob(f"{stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[path.stem.removeprefix(f"{stem}-")] = list(csv.reader(fh))
    return sheets


def _number(text: str) -> Decimal:
    return Decimal(text) if text.strip() else Decimal(0)


@pytest.mark.parametrize("name", ["imdi", "seeded"])
def test_every_recalculation_formula_gives_avstems_figure(recalculated, name):
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
    assert differences >= (10 if name == "imdi" else 14)


@pytest.mark.parametrize("name", ["imdi", "seeded"])
def test_chart_data_are_the_statements_figures(recalculated, name):
    outcome, sheets = recalculated[name]
    rows = [r for r in sheets["Chart"][chart.HEADER_ROW:] if any(r)]
    expenses = outcome.accounts.appropriation.expenses
    assert len(rows) == len(expenses)
    for row, expense in zip(rows, expenses):
        assert row[0] == str(expense.key)
        assert _number(row[2]) == expense.allocation.amount and _number(row[3]) == expense.accounts.amount


def test_libreoffice_reads_input_text_as_text(recalculated):
    outcome, sheets = recalculated["seeded"]
    summary = [cell for row in sheets["Summary"] for cell in row]
    assert HOSTILE_NAME in summary and "click" not in summary
    note6 = [cell for row in sheets["Note 6"] for cell in row]
    assert HOSTILE_LINE in note6
