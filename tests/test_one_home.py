"""Knowledge written once: chapter ranges, column letters, ledger headings, layout sums, tolerances."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl.utils import get_column_letter

from ledger.core.accounts import EXPENSE_CHAPTERS, REVENUE_CHAPTERS, PostKey, chapter_range
from ledger.core.source import column_letter
from ledger.general_ledger.file import SYNONYMS
from ledger.vocabulary.layout import CHART
from ledger.vocabulary.ledger_fields import LEDGER_FIELDS, REQUIRED


@pytest.mark.parametrize("chapter, expense, revenue", [
    ("0001", True, False), ("2999", True, False), ("3000", False, True), ("5999", False, True),
    ("6000", False, False), ("0000", False, False), ("670", True, False), ("12a4", False, False), ("", False, False),
])
def test_chapter_ranges_of_the_state_budget(chapter, expense, revenue):
    key = PostKey(chapter, "01")
    assert (key.is_expense, key.is_revenue) == (expense, revenue)


def test_chapter_ranges_print_as_the_messages_show_them():
    assert (chapter_range(EXPENSE_CHAPTERS), chapter_range(REVENUE_CHAPTERS)) == ("0001–2999", "3000–5999")


def test_the_ledger_derives_revenue_on_revenue_chapters():
    import pyarrow as pa

    from ledger.general_ledger.derive import derive
    from ledger.general_ledger.importer import _Accounts
    from ledger.general_ledger.kontoplan import load_kontoplan

    plan = load_kontoplan(None)
    accounts = _Accounts(plan, pa.array(["6300"]), pa.array(["6300"]))
    groups = [{"account": "6300", "raw_account": "6300", "chapter": chapter, "post": "01", "period": "", "n": 1,
               "ore": ore, "parsed": 1, "first": row, "first_parsed": row}
              for row, (chapter, ore) in enumerate([("2999", 100), ("3000", -200), ("5999", 300)], 2)]
    derived = derive(groups, accounts, plan, False, lambda *args: ((), ()))
    assert derived.revenue == {PostKey("3000", "01"), PostKey("5999", "01")}
    assert derived.posts == {PostKey("2999", "01"): 100, PostKey("3000", "01"): 200, PostKey("5999", "01"): -300}


@pytest.mark.parametrize("col", [1, 26, 27, 52, 702, 703, 16384])
def test_column_letters(col):
    assert column_letter(col) == get_column_letter(col)


def test_ledger_headings_name_one_field_each():
    assert set(REQUIRED) <= set(LEDGER_FIELDS)
    forms = [form for synonyms in SYNONYMS.values() for form in synonyms]
    assert len(forms) == len(set(forms)), "a heading recognised as two fields"
    assert SYNONYMS["amount"][0] == "beløp" and "kap." in SYNONYMS["chapter"]


def test_a_layout_sum_expands_to_the_detail_lines():
    assert CHART.in_details("net_operating") == {
        "salaries": 1, "other_operating": 1, "fees": -1, "grants_received": -1, "sales_and_rent": -1,
        "other_income": -1}
    # the common chapters: 1987 an expense, 1985 and 1986 revenue (signs from the layout's lines)
    assert CHART.in_details("common_chapters_net") == {"group_life_1985": -1, "employer_tax_1986": -1,
                                                       "vat_1987": 1}


def test_a_printed_table_sums_its_extra_lines_too(imdi):
    from rules.lines import sum_parts

    note6 = imdi.notes["note6"]
    parts = sum_parts(note6, note6.layout.sum_for("total"), "current")
    extra = [line for line in note6.lines if line.extra]
    assert extra and len(parts) == len(extra)
    assert sum(sign * figure.amount for sign, figure, _ in parts) == Decimal("27420370")


def test_messages_render_the_tolerance_the_finding_carries():
    from reports.i18n import render_message
    from rules.findings import Finding, Kind, Severity, Tolerance
    from rules.tolerance import HALF_KRONE

    def lg(tolerance):
        return Finding("LG-01", Severity.ERROR, Kind.BREACH, "0670.01", "lg.breach", {"subject": "0670.01"},
                       Decimal("1.00"), Decimal("3"), Decimal("2.00"), tolerance)

    assert render_message(lg(HALF_KRONE), "nb").endswith("toleranse ±0,5).")
    assert render_message(lg(HALF_KRONE), "en").endswith("tolerance ±0.5).")
    assert render_message(lg(Tolerance("absolute", Decimal("1.5"))), "en").endswith("tolerance ±1.5).")


def test_a_maximum_within_half_a_krone_is_that_maximum_printed(imdi_doc, tmp_path):
    """5 % of 362 932 010 is 18 146 600,50, printed 18 146 601: the printing's own rounding, no finding;
    the computation is recorded for the recalculation. 18 146 602 is a breach."""
    from ledger.forms.yaml_form.read import read_yaml
    from rules.engine import run
    from tests.helpers import edited, write_doc

    def t02(maximum):
        doc = edited(imdi_doc, set={"note_a.rows[0].allocated": "362 932 010", "note_a.rows[0].total": "373 849 010",
                                    "appropriation.expenses[0].allocation": "373 849 010",
                                    "note_b.rows[0].maximum": maximum})
        return run(read_yaml(str(write_doc(doc, tmp_path / "a.yaml"))), only=["T-02"])

    result = t02("18 146 601")
    assert result.findings == ()
    assert [(c.key, c.expected) for c in result.computations] == [("note_b.0670.01.maximum", Decimal("18146600.50"))]
    assert [(f.key, f.difference) for f in t02("18 146 602").findings] == [("note_b.0670.01.maximum",
                                                                             Decimal("1.50"))]


def test_no_dict_literal_says_one_key_twice():
    """A dict literal with a key twice keeps the last silently (a merge once left the facts' words twice)."""
    import ast

    from tests.helpers import ROOT

    twice = []
    for package in ("avstem", "ledger", "rules", "reports"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Dict):
                    keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                    twice += [f"{path.relative_to(ROOT)}:{node.lineno} {k!r}" for k in set(keys) if keys.count(k) > 1]
    assert twice == []
