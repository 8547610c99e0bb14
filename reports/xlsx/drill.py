"""The drill-down: the first ledger lines behind each kapittel/post and each chart line.

One block per key, in the order of the statements: a heading, then the
lines as written in the ledger (line number, voucher, date, account,
kapittel, post, text, amount). The lead schedule's rows and the LG findings
link to their block; the import kept at most ``LedgerLines.limit`` lines per
key (the first in the file), and the heading says how many the key has.
"""

from __future__ import annotations

from openpyxl.styles import Alignment

from ledger.core.accounts import Accounts
from ledger.general_ledger.model import LedgerLines
from ledger.vocabulary.ledger_fields import LEDGER_FIELDS
from reports.i18n import label
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet

_RIGHT = Alignment(horizontal="right", vertical="top")  # amounts as written: text, aligned as numbers


def write(sheet: Sheet, lines: LedgerLines, accounts: Accounts | None, lang: str) -> dict[str, str]:
    """The blocks; returns where each starts (``post:0670.01``, ``chart:salaries`` → ``'Sheet'!A5``)."""
    sheet.text(1, 1, label("drill.title", lang), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("drill.note", lang, limit=lines.limit), wrap=True, span=len(lines.columns) + 1)
    anchors: dict[str, str] = {}
    row = 4
    for kind, key, title in _keys(lines, accounts, lang):
        rows = (lines.posts if kind == "post" else lines.chart)[key]
        cell = sheet.text(row, 1, title, font=styles.HEADING_FONT, fit=False)
        anchors[f"{kind}:{key}"] = CellMap.location((sheet.title, cell.coordinate))
        row += 1
        sheet.header(row, [label("drill.line", lang), *(LEDGER_FIELDS[f](lang) for f in lines.columns)],
                     right=(1, len(lines.columns) + 1) if lines.columns[-1:] == ("amount",) else (1,))
        row += 1
        for values in rows:
            sheet.number(row, 1, values[0], "0")
            for col, value in enumerate(values[1:], start=2):
                cell = sheet.text(row, col, value or "")
                if lines.columns[col - 2] == "amount":
                    cell.alignment = _RIGHT
            row += 1
        row += 1
    sheet.ws.freeze_panes = "A4"
    sheet.finish(caps={lines.columns.index("text") + 2: 40} if "text" in lines.columns else None)
    return anchors


def _keys(lines: LedgerLines, accounts: Accounts | None, lang: str):
    """(kind, key, heading) of every block: the statement's posts and chart lines first, in their order."""
    seen = set()
    if accounts is not None:
        statement = accounts.appropriation
        for item in (*statement.expenses, *statement.revenues):
            key = str(item.key)
            if key in lines.posts:
                seen.add(("post", key))
                yield "post", key, f"{key} {item.post_text}"
    for key in sorted(lines.posts):
        if ("post", key) not in seen:
            yield "post", key, key
    chart = accounts.chart if accounts is not None else None
    for line_id in lines.chart:
        text = chart.layout.line(line_id).label(lang) if chart is not None else line_id
        yield "chart", line_id, text


def anchor_of(finding_key: str) -> str | None:
    """The block an LG finding's key names: ``0670.01`` → ``post:0670.01``; ``chart.salaries[2023]`` →
    ``chart:salaries``."""
    if finding_key.startswith("chart."):
        return "chart:" + finding_key[len("chart."):].split("[", 1)[0]
    if len(finding_key) == 7 and finding_key[4] == "." and finding_key.replace(".", "").isdigit():
        return "post:" + finding_key
    return None


def link_findings(findings_sheet: Sheet, outcome: Outcome, anchors: dict[str, str], key_column: int) -> None:
    """Each LG finding's key on the findings sheet (one row per finding from row 2) links to its block."""
    for row, finding in enumerate(outcome.findings, start=2):
        where = anchors.get(anchor_of(finding.key) or "") if finding.rule.startswith("LG") else None
        if where:
            Sheet.link(findings_sheet.ws.cell(row=row, column=key_column), where)
