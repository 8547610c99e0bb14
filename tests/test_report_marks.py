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
