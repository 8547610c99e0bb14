"""The lead schedule: the ledger's sums against the published accounts, line by line.

Per kapittel/post of the appropriation statement and per line of the
chart-of-accounts statement: the published figure (a formula to the cell of
the accounts sheet that shows it, so the schedule shows what the accounts
show), the ledger's exact sum (øre), the difference as a formula, and the
first ledger line behind the sum. A post the ledger has and the statement
does not is listed too. LG reconciles the same figures (rules/catalogue/lg.py).
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import Accounts, Figure
from ledger.core.money import from_ore
from ledger.general_ledger.model import Derived
from ledger.vocabulary.labels import COLUMNS
from reports.i18n import label
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet

HEADER_ROW = 4


def write(sheet: Sheet, accounts: Accounts, derived: Derived, cells: CellMap, lang: str, year: int,
          anchors: dict[str, str] | None = None) -> None:
    """``anchors``: where the drill-down sheet shows the lines behind each post and chart line
    (:func:`reports.xlsx.drill.write`); each row's first column links there."""
    sheet.text(1, 1, label("lead.title", lang, year=year), font=styles.TITLE_FONT, fit=False)
    sheet.text(2, 1, label("lead.note", lang), wrap=True, span=6)
    links = anchors or {}
    row = _appropriation(sheet, accounts, derived, cells, lang, HEADER_ROW, links)
    _chart(sheet, accounts, derived, cells, lang, row + 1, links)
    sheet.ws.freeze_panes = f"A{HEADER_ROW + 2}"
    sheet.finish(caps={2: 48})


def _headings(sheet: Sheet, row: int, first: str, lang: str) -> None:
    sheet.header(row, [first, COLUMNS["post_text"](lang) if first == COLUMNS["post"](lang) else COLUMNS["note"](lang),
                       label("lead.published", lang), label("lead.ledger", lang), label("lead.difference", lang),
                       label("lead.first_line", lang)], right=(3, 4, 5, 6))


def _row(sheet: Sheet, row: int, key: str, text: str, published: Figure | None, ore: int | None,
         first: int | None, cells: CellMap, lang: str, total: bool = False, link: str | None = None) -> None:
    font = styles.TOTAL_FONT if total else None
    cell = sheet.text(row, 1, key, font=font)
    if link:
        Sheet.link(cell, link)
    sheet.text(row, 2, text, wrap=True, font=font)
    if published is None:
        sheet.text(row, 3, label("lead.not_published", lang), font=styles.MUTED_FONT)
    else:
        place = cells.exact(published.source.path)
        if place:
            sheet.formula(row, 3, "=" + CellMap.reference(place), font=font)
        else:
            sheet.amount(row, 3, published.amount, font=font)
    sheet.amount(row, 4, from_ore(ore or 0), font=font)
    left = f"C{row}" if published is not None else "0"
    formula = sheet.formula(row, 5, f"={left}-D{row}", signed=True, font=font)
    formula.number_format = styles.amount_format(lang, Decimal("0.01"), signed=True)  # øre show
    if first:
        sheet.number(row, 6, first, "0")


def _appropriation(sheet: Sheet, accounts: Accounts, derived: Derived, cells: CellMap, lang: str, row: int,
                   links: dict[str, str]) -> int:
    sheet.text(row - 1, 1, label("lead.appropriation", lang), font=styles.HEADING_FONT, fit=False)
    _headings(sheet, row, COLUMNS["post"](lang), lang)
    row += 1
    statement = accounts.appropriation
    shown = set()
    for item in (*statement.expenses, *statement.revenues):
        shown.add(item.key)
        _row(sheet, row, str(item.key), item.post_text, item.accounts, derived.posts.get(item.key),
             derived.post_rows.get(item.key), cells, lang, link=links.get(f"post:{item.key}"))
        row += 1
    for key in sorted(set(derived.posts) - shown, key=str):
        _row(sheet, row, str(key), "", None, derived.posts[key], derived.post_rows.get(key), cells, lang,
             link=links.get(f"post:{key}"))
        row += 1
    return row + 1


def _chart(sheet: Sheet, accounts: Accounts, derived: Derived, cells: CellMap, lang: str, row: int,
           links: dict[str, str]) -> int:
    sheet.text(row, 1, label("lead.chart", lang), font=styles.HEADING_FONT, fit=False)
    row += 1
    _headings(sheet, row, label("lead.line", lang), lang)
    row += 1
    chart = accounts.chart
    for line in chart.lines:
        if line.id is None:
            continue
        text = chart.layout.line(line.id).label(lang)
        _row(sheet, row, text, line.note or "", line["current"], derived.chart.get(line.id, 0),
             derived.chart_rows.get(line.id), cells, lang, total=line.role in ("total", "net"),
             link=links.get(f"chart:{line.id}"))
        row += 1
    return row
