"""The marks on the accounts sheets (issue 16, point 11): the rule ids beside a marked figure on paper (in its
number format, the value still a number), and an accepted deviation's own colour and comment."""

from __future__ import annotations

from openpyxl import load_workbook

from avstem.cli import main
from reports.xlsx import styles
from rules.findings import Severity
from tests.helpers import IMDI


def _report(tmp_path, config_text=None):
    args = ["check", str(IMDI), "--report", str(tmp_path / "a.xlsx"), "--lang", "en"]
    if config_text:
        (tmp_path / "avstem.toml").write_text(config_text, encoding="utf-8")
        args += ["--config", str(tmp_path / "avstem.toml")]
    assert main(args) == 0
    return load_workbook(tmp_path / "a.xlsx")


def _row_of(ws, post):
    chapter, number = post.split(".")
    return next(row for row in ws.iter_rows() if row[0].value == chapter and row[2].value == number)


def test_a_marked_figure_names_its_rule_on_paper(tmp_path, capsys):
    ws = _report(tmp_path)["Appropriation statement"]
    row = _row_of(ws, "0671.21")
    marked = next(c for c in row if c.comment is not None)
    assert marked.value == -167594, "still the number"
    assert '"[OS-01]"' in marked.number_format
    unmarked = next(c for c in row if isinstance(c.value, int) and c.comment is None)
    assert "[" not in unmarked.number_format.replace("[$", "").replace("[Red]", "")


def test_an_accepted_deviation_has_its_own_colour(tmp_path, capsys):
    wb = _report(tmp_path, '[[deviation]]\nrule = "OS-01"\nkey = "0671.21"\nyear = 2023\n'
                           'reason = "Dekkes inn i 2024"\napproved_by = "Økonomidirektør"\ndate = 2024-02-14\n')
    row = _row_of(wb["Appropriation statement"], "0671.21")
    marked = next(c for c in row if c.comment is not None)
    assert marked.fill.fgColor.rgb == styles.ACCEPTED_FILL.fgColor.rgb
    assert marked.fill.fgColor.rgb != styles.SEVERITY_FILL[Severity.WARNING].fgColor.rgb
    assert "Dekkes inn i 2024" in marked.comment.text and "Økonomidirektør" in marked.comment.text


def test_findings_sheet_has_a_print_layout_of_its_own(tmp_path, capsys):
    from openpyxl.utils import get_column_letter

    from reports.xlsx import findings

    ws = _report(tmp_path)["Findings"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["Severity", "Rule", "Key", "Message", "Expected", "Actual", "Difference",
                          "Cell in this report"]
    assert ws.print_area.endswith(f"$A$1:${get_column_letter(findings.PRINTED)}${ws.max_row}")
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows.replace("$", "") == "1:1"
    printed = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, findings.PRINTED + 1))
    assert printed < 220, "fitted to a landscape page at a legible size (not 17 columns at 4 pt)"


def test_summary_lists_exceptions_first_and_has_a_sign_off_block(tmp_path, capsys):
    ws = _report(tmp_path)["Summary"]
    column_a = [c.value for c in ws["A"]]
    exceptions = column_a.index("Exceptions: errors and warnings")
    assert column_a.index("Sign-off") < exceptions < column_a.index("Findings by severity") < column_a.index("The rules")
    first = ws.cell(row=exceptions + 2, column=1)
    assert first.value == "WARNING T-02" and first.hyperlink.location == "'Findings'!A2"
    assert "18 692 450" in ws.cell(row=exceptions + 2, column=2).value.replace(",", " ")
    signoff = column_a.index("Sign-off")
    assert column_a[signoff + 2:signoff + 4] == ["Prepared by", "Reviewed by"]
    assert [ws.cell(row=signoff + 2, column=c).value for c in (2, 3, 4)] == ["Name", "Date", "Signature"]


def test_rules_sheet_shows_what_each_rule_checks_and_its_severity_as_a_severity(tmp_path, capsys):
    """Each rule's «What it checks» (its documentation) and its severity, in the word and colour the findings
    give a severity: an error red, a warning amber, a note blue; not a red «FEIL» on every rule."""
    from reports.xlsx import styles
    from rules.findings import Severity
    from rules.registry import REGISTRY

    ws = _report(tmp_path)["Rules"]
    header = [c.value for c in ws[4]]
    assert "What it checks" in header and "Severity of a breach" in header
    what, sev = header.index("What it checks") + 1, header.index("Severity of a breach") + 1
    first = {}
    for r in range(5, ws.max_row + 1):
        first.setdefault(ws.cell(row=r, column=1).value, r)
    assert ws.cell(row=first["BR-01"], column=what).value == REGISTRY["BR-01"].explained("en").what
    seen = set()
    for rule_id, r in first.items():
        cell, severity = ws.cell(row=r, column=sev), REGISTRY[rule_id].severity
        assert cell.value == {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}[severity]
        assert cell.fill.fgColor.rgb == styles.SEVERITY_FILL[severity].fgColor.rgb, rule_id
        assert cell.font.color.rgb == styles.SEVERITY_FONT[severity].color.rgb, rule_id
        assert ws.cell(row=r, column=what).value, f"{rule_id}: what it checks"
        seen.add(severity)
    assert seen == set(Severity), "the rules are not all of one severity, nor shown as one"


def test_statement_cell_and_recalculation_row_link_both_ways(tmp_path, capsys):
    wb = _report(tmp_path)
    recalc = wb["Recalculation"]
    rows = [r for r in recalc.iter_rows(min_row=5) if r[1].value == "appropriation.net_reported"]
    key = rows[0][1]
    sheet, coordinate = key.hyperlink.location.rsplit("!", 1)
    figure = wb[sheet.strip("'")][coordinate]
    assert figure.value == 22299256766
    assert figure.hyperlink.location == f"'Recalculation'!B{key.row}"
    assert figure.font.b or figure.font.color is None or figure.font.color.rgb != "FF0563C1", "not a blue link"


def test_summary_lists_the_accepted_deviations_with_their_approval(tmp_path, capsys):
    wb = _report(tmp_path, '[[deviation]]\nrule = "OS-01"\nkey = "0671.21"\nyear = 2023\n'
                           'reason = "Dekkes inn i 2024"\napproved_by = "Økonomidirektør"\ndate = 2024-02-14\n')
    ws = wb["Summary"]
    column_a = [c.value for c in ws["A"]]
    heading = column_a.index("Accepted deviations")
    assert column_a.index("Exceptions: errors and warnings") < heading < column_a.index("Findings by severity")
    first = ws.cell(row=heading + 2, column=1)
    assert first.value == "WARNING OS-01" and first.fill.fgColor.rgb == styles.ACCEPTED_FILL.fgColor.rgb
    text = ws.cell(row=heading + 2, column=2).value
    assert "0671.21" in text and "Dekkes inn i 2024" in text and "Økonomidirektør" in text
    assert "WARNING OS-01" in column_a[:heading], "the other OS-01 warnings still stand"
