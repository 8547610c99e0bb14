"""Write accounts as a workbook in avstem's layout: ``avstem template`` and ``avstem convert``.

One section per sheet, laid out like DFØ's model statements: the title in
A1, a heading row, the lines. Figures are numbers (a blank cell where the
statement prints nothing), codes are text so ``0670`` keeps its zero, and
nothing is a formula (a file written here has no calculated values to hold).
Labels are the accounts' own printed labels, or the label dictionary's for
a blank template; headings are the dictionary's in the accounts' language.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ledger.core.accounts import Accounts, Figure, LineTable, NoteBRow, PostKey
from ledger.core.money import format_amount
from ledger.core.source import column_letter
from ledger.forms.workbook.lines import SHARE_FIGURES, SHARE_TEXTS
from ledger.vocabulary.labels import (
    AGENCY_FIELDS,
    APPROPRIATION_LINES,
    COLUMNS,
    CONTEXT_PARTS,
    SHEETS,
    TITLES,
    WORKBOOK_LABELS,
)
from ledger.vocabulary.layout import CHART, NOTE8, NOTES, TableLayout

_WHOLE = "#,##0"
_DECIMAL = "#,##0.00"
_MAX_DIGITS = 15  # a double holds 15 significant digits exactly; longer figures are written as text


class _Sheet:
    """Rows appended to one worksheet."""

    def __init__(self, book, name: str, widths: Iterable[int]) -> None:
        self.ws = book.create_sheet(name)
        self.row = 1
        self._bold, self._wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[column_letter(i)].width = width

    def put(self, *values: object, bold: bool = False, heading: bool = False) -> None:
        for col, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = self.ws.cell(self.row, col)
            if isinstance(value, Figure):
                _set_figure(cell, value.value)
            elif isinstance(value, _Code):
                cell.value, cell.number_format = value.text, "@"
            else:
                cell.value = value if isinstance(value, int) else str(value)
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a text that begins with «=» is text, not a formula
            if bold or heading:
                cell.font = self._bold
            if heading:
                cell.alignment = self._wrap
        self.row += 1

    def skip(self) -> None:
        self.row += 1


class _Code:
    """A code (kapittel, post, konto) written as text."""

    def __init__(self, text: str) -> None:
        self.text = text


def _set_figure(cell, value: Decimal | None) -> None:
    if value is None:
        return
    if value == value.to_integral_value() and len(value.to_integral_value().as_tuple().digits) <= _MAX_DIGITS:
        cell.value, cell.number_format = int(value), _WHOLE
    elif len(value.as_tuple().digits) <= _MAX_DIGITS:
        cell.value, cell.number_format = value, _DECIMAL
    else:
        cell.value = format_amount(value, "nb")


def workbook_bytes(accounts: Accounts | None, lang: str = "nb") -> bytes:
    """The accounts as an .xlsx workbook; ``None`` gives the blank template in ``lang``."""
    if accounts is not None:
        lang = accounts.agency.language
    year = accounts.year if accounts is not None else None
    book = Workbook()
    book.remove(book.active)
    _agency(book, accounts, lang)
    _appropriation(book, accounts, lang, year)
    _note_a(book, accounts, lang)
    _note_b(book, accounts, lang)
    _line_table(book, "chart", CHART, accounts.chart if accounts else None, lang, year)
    for layout in NOTES:
        _line_table(book, layout.id, layout, accounts.notes[layout.id] if accounts else None, lang, year)
    _line_table(book, "note8", NOTE8, accounts.note8.table if accounts else None, lang, year,
                shares=accounts.note8.shares if accounts else ())
    if accounts is None or accounts.context is not None:
        _context(book, accounts, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(sheet: _Sheet, text: str) -> None:
    sheet.put(text, bold=True)
    sheet.skip()


def _agency(book, accounts: Accounts | None, lang: str) -> None:
    sheet = _Sheet(book, SHEETS["agency"](lang), (24, 60))
    _title(sheet, TITLES["agency"](lang))
    agency = accounts.agency if accounts else None
    for field, label in AGENCY_FIELDS.items():
        value = getattr(agency, field) if agency else ""
        sheet.put(label(lang), value)


def _year_heading(column: str, year: int | None, lang: str) -> object:
    if year is None:
        return COLUMNS[column](lang)
    return year if column == "current" else year - 1


def _appropriation(book, accounts: Accounts | None, lang: str, year: int | None) -> None:
    sheet = _Sheet(book, SHEETS["appropriation"](lang), (16, 40, 8, 48, 8, 18, 18, 18))
    s = accounts.appropriation if accounts else None
    _title(sheet, s.title if s else TITLES["appropriation"](lang))
    accounts_heading = COLUMNS["accounts"](lang) + (f" {year}" if year else "")
    amounts = (COLUMNS["allocation"](lang), accounts_heading)
    sheet.put(COLUMNS["expense_chapter"](lang), COLUMNS["chapter_name"](lang), COLUMNS["post"](lang),
              COLUMNS["post_text"](lang), COLUMNS["note"](lang), *amounts, COLUMNS["expense_difference"](lang),
              heading=True)
    for row in (s.expenses if s else ()):
        sheet.put(_Code(row.key.chapter), row.chapter_name, _Code(row.key.post_code), row.post_text, ", ".join(row.notes),
                  row.allocation, row.accounts, row.difference)
    total = s.expense_total if s else None
    sheet.put(APPROPRIATION_LINES["expense_total"](lang), None, None, None, None,
              *((total.allocation, total.accounts, total.difference) if total else ()), bold=True)
    for comment in (s.expense_comments if s else ()):
        sheet.put(comment)
    sheet.skip()
    sheet.put(COLUMNS["revenue_chapter"](lang), COLUMNS["chapter_name"](lang), COLUMNS["post"](lang),
              COLUMNS["post_text"](lang), None, *amounts, COLUMNS["revenue_difference"](lang), heading=True)
    for row in (s.revenues if s else ()):
        sheet.put(_Code(row.key.chapter), row.chapter_name, _Code(row.key.post_code), row.post_text, None,
                  row.allocation, row.accounts, row.difference)
    total = s.revenue_total if s else None
    sheet.put(APPROPRIATION_LINES["revenue_total"](lang), None, None, None, None,
              *((total.allocation, total.accounts, total.difference) if total else ()), bold=True)
    sheet.skip()
    sheet.put(APPROPRIATION_LINES["net_reported"](lang), *([None] * 5), s.net_reported if s else None, bold=True)
    sheet.put(APPROPRIATION_LINES["capital_accounts"](lang), bold=True)
    for line in (s.capital_lines if s else ()):
        sheet.put(_Code(line.account), line.text, *([None] * 4), line.amount)
    sheet.put(APPROPRIATION_LINES["sum_reported"](lang), *([None] * 5), s.sum_reported if s else None, bold=True)
    sheet.skip()
    sheet.put(APPROPRIATION_LINES["holdings"](lang), bold=True)
    sheet.put(COLUMNS["account"](lang), COLUMNS["text"](lang), None, None, None,
              _year_heading("current", year, lang), _year_heading("prior", year, lang), COLUMNS["change"](lang),
              heading=True)
    for h in (s.holdings if s else ()):
        sheet.put(_Code(h.account), h.text, None, None, None, h.current, h.prior, h.change)


def _note_a(book, accounts: Accounts | None, lang: str) -> None:
    sheet = _Sheet(book, SHEETS["note_a"](lang), (18, 20, 20, 20))
    note = accounts.note_a if accounts else None
    _title(sheet, note.title if note else TITLES["note_a"](lang))
    sheet.put(COLUMNS["chapter_and_post"](lang), COLUMNS["transferred"](lang), COLUMNS["allocated"](lang),
              COLUMNS["allocation"](lang), heading=True)
    for row in (note.rows if note else ()):
        sheet.put(_Code(f"{row.key.chapter} {row.key.post_code}"), row.transferred, row.allocated, row.total)
    if note and note.total:
        sheet.put(WORKBOOK_LABELS["total"](lang), note.total.transferred, note.total.allocated, note.total.total,
                  bold=True)
    _footnotes(sheet, note.footnotes if note else ())


def _note_b(book, accounts: Accounts | None, lang: str) -> None:
    sheet = _Sheet(book, SHEETS["note_b"](lang), (18, 18, *([18] * 9)))
    note = accounts.note_b if accounts else None
    _title(sheet, note.title if note else TITLES["note_b"](lang))
    sheet.put(COLUMNS["chapter_and_post"](lang), COLUMNS["stikkord"](lang), COLUMNS["note_b_difference"](lang),
              *(COLUMNS[c](lang) for c in NoteBRow.AMOUNT_COLUMNS[1:]), heading=True)
    for row in (note.rows if note else ()):
        sheet.put(_Code(f"{row.key.chapter} {row.key.post_code}"), row.stikkord,
                  *(getattr(row, c) for c in NoteBRow.AMOUNT_COLUMNS))
    if note and note.total:
        sheet.put(WORKBOOK_LABELS["total"](lang), None, *(getattr(note.total, c) for c in NoteBRow.AMOUNT_COLUMNS),
                  bold=True)
    _footnotes(sheet, note.footnotes if note else ())
    sheet.skip()
    sheet.put(WORKBOOK_LABELS["note_b_texts"](lang), bold=True)
    for text in (note.texts if note else ()):
        sheet.put(text.heading or None, text.text)


def _footnotes(sheet: _Sheet, footnotes: Iterable[str]) -> None:
    footnotes = list(footnotes)
    if footnotes:
        sheet.skip()
    for text in footnotes:
        sheet.put(text)


def _line_table(book, section: str, layout: TableLayout, table: LineTable | None, lang: str, year: int | None,
                shares=()) -> None:
    with_note = layout is CHART
    sheet = _Sheet(book, SHEETS[section](lang), (60, *([10] if with_note else ()), 20, 20, 20))
    _title(sheet, table.title if table else layout.title(lang))
    if layout.columns == ("current", "prior"):
        headings = [_year_heading(c, year, lang) for c in layout.columns]
    else:
        headings = [COLUMNS[c](lang) for c in layout.columns]
    sheet.put(None, *([COLUMNS["note"](lang)] if with_note else []), *headings, heading=True)
    lines = table.lines if table else ()
    if table is None:  # the template: every line of the layout, blank
        rows = [(d.label(lang), d.block, d.role != "detail", d.note, {}) for d in layout.lines]
    else:
        rows = [(line.label, line.block, line.role != "detail", line.note, line.values) for line in lines]
    block = layout.blocks[0].id if layout.blocks[0].heading is None else None
    for label, line_block, bold, note, values in rows:
        heading = layout.block(line_block).heading
        if line_block != block and heading is not None:
            sheet.put(heading(lang), bold=True)
        block = line_block
        sheet.put(label, *([note] if with_note else []), *(values.get(c) for c in layout.columns), bold=bold)
    if layout is NOTE8 and (shares or table is None):
        sheet.skip()
        sheet.put(WORKBOOK_LABELS["note8_shares"](lang), bold=True)
        sheet.put(*(COLUMNS[c](lang) for c in ("company", *SHARE_TEXTS, *SHARE_FIGURES)), heading=True)
        for share in shares:
            sheet.put(*(getattr(share, c) for c in ("company", *SHARE_TEXTS, *SHARE_FIGURES)))
    texts = table.texts if table else ()
    if texts:
        sheet.skip()
    for text in texts:
        sheet.put(text)
    if table is not None and table.footnotes:
        sheet.skip()
        sheet.put(WORKBOOK_LABELS["footnotes"](lang), bold=True)
        for text in table.footnotes:
            sheet.put(text)


def _context(book, accounts: Accounts | None, lang: str) -> None:
    sheet = _Sheet(book, SHEETS["context"](lang), (16, 10, 30, 30, 40))
    context = accounts.context if accounts else None
    _title(sheet, TITLES["context"](lang))
    key = (COLUMNS["chapter"](lang), COLUMNS["post"](lang))
    columns = {
        "posts": (*key, COLUMNS["stikkord"](lang), COLUMNS["prior_appropriation"](lang)),
        "received_authorities": (*key, COLUMNS["amount"](lang), COLUMNS["counterpart"](lang)),
        "given_authorities": (*key, COLUMNS["amount"](lang), COLUMNS["counterpart"](lang)),
        "additional_revenue_authorities": (*key, COLUMNS["revenue_chapter"](lang), COLUMNS["revenue_post"](lang),
                                           COLUMNS["decision"](lang)),
    }
    items = {
        "posts": [(*_codes(p.key), ", ".join(s.label(lang) for s in p.stikkord), p.prior_appropriation)
                  for p in (context.posts if context else ())],
        "received_authorities": [(*_codes(a.key), a.amount, a.counterpart)
                                 for a in (context.received_authorities if context else ())],
        "given_authorities": [(*_codes(a.key), a.amount, a.counterpart)
                              for a in (context.given_authorities if context else ())],
        "additional_revenue_authorities": [(*_codes(a.expense), *_codes(a.revenue), a.decision)
                                           for a in (context.revenue_authorities if context else ())],
    }
    for part, attribute in (("reallocations", "reallocations"), ("savings", "savings"),
                            ("approved_overspends", "approved_overspends")):
        columns[part] = (*key, COLUMNS["amount"](lang), COLUMNS["decision"](lang))
        items[part] = [(*_codes(a.key), a.amount, a.decision) for a in (getattr(context, attribute) if context else ())]
    for part, heading in CONTEXT_PARTS.items():
        sheet.skip()
        sheet.put(heading(lang), bold=True)
        sheet.put(*columns[part], heading=True)
        for values in items[part]:
            sheet.put(*values)


def _codes(key: PostKey) -> tuple[_Code, _Code]:
    return _Code(key.chapter), _Code(key.post_code)
