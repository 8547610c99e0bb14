"""The accounts as read: one sheet per statement and note, laid out like the
published statement, every figure in a cell that :class:`CellMap` remembers.

Headings and line labels come from the label dictionary (``ledger.vocabulary.labels``,
``ledger.vocabulary.layout``) in the report's language; what the agency printed (its
titles, chapter and post names, its own line labels, texts and footnotes) is
shown as read, always as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ledger.core.accounts import (
    Accounts,
    AppropriationRow,
    AppropriationStatement,
    Figure,
    LineTable,
    NoteA,
    NoteARow,
    NoteB,
    NoteBRow,
    ShareHolding,
    TotalRow,
)
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, TITLES
from reports.i18n import label
from reports.xlsx import styles
from reports.xlsx.cells import CellMap, Sheet

_SHARE_COLUMNS = ("company", "acquired", "shares", "ownership", "voting_share", "result", "equity", "book_value")


@dataclass
class AccountsSheets:
    sheets: list[Sheet]  # in statement order
    cells: CellMap  # where each figure, row and table is shown


def write(wb: Workbook, accounts: Accounts, lang: str) -> AccountsSheets:
    cells = CellMap(accounts.file)
    writer = _Writer(cells, lang, accounts)
    appropriation = writer.new(wb, label("sheet.appropriation", lang))
    writer.appropriation(appropriation, accounts.appropriation)
    note_a = writer.new(wb, label("sheet.note_a", lang))
    writer.note_a(note_a, accounts.note_a)
    note_b = writer.new(wb, label("sheet.note_b", lang))
    writer.note_b(note_b, accounts.note_b)
    sheets = [appropriation, note_a, note_b]
    chart = writer.new(wb, label("sheet.chart_of_accounts", lang))
    writer.line_table(chart, accounts.chart)
    sheets.append(chart)
    for table_id, table in accounts.notes.items():
        sheet = writer.new(wb, label("sheet.note", lang, n=table_id.removeprefix("note")))
        writer.line_table(sheet, table)
        sheets.append(sheet)
    note8 = writer.new(wb, label("sheet.note", lang, n="8"))
    writer.note8(note8, accounts)
    sheets.append(note8)
    return AccountsSheets(sheets, cells)


class _Writer:
    def __init__(self, cells: CellMap, lang: str, accounts: Accounts) -> None:
        self.cells, self.lang, self.accounts = cells, lang, accounts

    def new(self, wb: Workbook, title: str) -> Sheet:
        return Sheet(wb.create_sheet(title), self.lang)

    # -- helpers --------------------------------------------------------------
    def figure(self, sheet: Sheet, row: int, col: int, figure: Figure, *, total: bool = False) -> None:
        cell = sheet.amount(row, col, figure.value, font=styles.TOTAL_FONT if total else None)
        if total:
            cell.border = styles.TOTAL_BORDER
        self.cells.add(figure.source.path, sheet.title, cell.coordinate)

    def place(self, path: str | None, sheet: Sheet, row: int, col: int = 1) -> None:
        self.cells.add(path, sheet.title, f"{get_column_letter(col)}{row}")

    def heading(self, sheet: Sheet, title: str, printed: str, path: str | None) -> int:
        """Title in the report's language, then the agency's own title as printed; returns the next row."""
        sheet.text(1, 1, title, font=styles.TITLE_FONT, fit=False)
        sheet.text(2, 1, f"{label('as_printed', self.lang)}: {printed}", font=styles.PRINTED_FONT, fit=False)
        agency = self.accounts.agency
        sheet.text(3, 1, f"{agency.short_name} {agency.year}", font=styles.MUTED_FONT, fit=False)
        self.place(path, sheet, 1)
        return 5

    def paragraphs(self, sheet: Sheet, row: int, heading: str, texts, width: int) -> int:
        """A heading and texts (as printed) across the table's width; returns the next row."""
        texts = [t for t in texts if t]
        if not texts:
            return row
        sheet.text(row, 1, heading, font=styles.HEADER_FONT, fit=False)
        row += 1
        for text in texts:
            sheet.text(row, 1, text, span=width)
            row += 1
        return row + 1

    def col(self, key: str) -> str:
        return COLUMNS[key](self.lang)

    def year(self, column: str) -> str:
        if column in ("current", "prior"):
            return str(self.accounts.column_year(column))
        return self.col(column)

    # -- the appropriation statement --------------------------------------------
    def appropriation(self, sheet: Sheet, s: AppropriationStatement) -> None:
        lang, width = self.lang, 8
        row = self.heading(sheet, TITLES["appropriation"](lang), s.title, s.source.path)
        accounts_heading = f"{self.col('accounts')} {self.accounts.year}"
        sheet.header(row, [label("expense_chapter", lang), self.col("chapter_name"), self.col("post"),
                           self.col("post_text"), self.col("note"), self.col("allocation"), accounts_heading,
                           self.col("expense_difference")], right=(6, 7, 8))
        first_header = row
        row += 1
        for r in s.expenses:
            self.statement_row(sheet, row, r, with_note=True)
            row += 1
        self.total_row(sheet, row, APPROPRIATION_LINES["expense_total"](lang), s.expense_total)
        row = self.paragraphs(sheet, row + 2, label("comments", lang), s.expense_comments, width)
        if not s.expense_comments:
            row += 1
        sheet.header(row, [label("revenue_chapter", lang), self.col("chapter_name"), self.col("post"),
                           self.col("post_text"), "", self.col("allocation"), accounts_heading,
                           self.col("revenue_difference")], right=(6, 7, 8))
        row += 1
        for r in s.revenues:
            self.statement_row(sheet, row, r, with_note=False)
            row += 1
        self.total_row(sheet, row, APPROPRIATION_LINES["revenue_total"](lang), s.revenue_total)
        row += 2
        sheet.text(row, 1, APPROPRIATION_LINES["net_reported"](lang), font=styles.TOTAL_FONT, fit=False)
        self.figure(sheet, row, 7, s.net_reported, total=True)
        row += 2
        sheet.text(row, 1, APPROPRIATION_LINES["capital_accounts"](lang), font=styles.HEADER_FONT, fit=False)
        row += 1
        for line in s.capital_lines:
            sheet.text(row, 1, line.account)
            sheet.text(row, 2, line.text, wrap=True)
            self.figure(sheet, row, 7, line.amount)
            self.place(line.source.path, sheet, row)
            row += 1
        sheet.text(row, 1, APPROPRIATION_LINES["sum_reported"](lang), font=styles.TOTAL_FONT, fit=False)
        self.figure(sheet, row, 7, s.sum_reported, total=True)
        row += 2
        sheet.text(row, 1, APPROPRIATION_LINES["holdings"](lang), font=styles.HEADER_FONT, fit=False)
        row += 1
        sheet.header(row, [self.col("account"), self.col("text"), "", "", "", self.year("current"),
                           self.year("prior"), self.col("change")], right=(6, 7, 8))
        row += 1
        for h in s.holdings:
            sheet.text(row, 1, h.account)
            sheet.text(row, 2, h.text, wrap=True)
            for col, figure in ((6, h.current), (7, h.prior), (8, h.change)):
                self.figure(sheet, row, col, figure)
            self.place(h.source.path, sheet, row)
            row += 1
        sheet.ws.freeze_panes = f"A{first_header + 1}"
        sheet.finish(caps={2: 34, 4: 40, 5: 8})

    def statement_row(self, sheet: Sheet, row: int, r: AppropriationRow, *, with_note: bool) -> None:
        sheet.text(row, 1, r.key.chapter)
        sheet.text(row, 2, r.chapter_name, wrap=True)
        sheet.text(row, 3, r.key.post_code)
        sheet.text(row, 4, r.post_text, wrap=True)
        if with_note:
            sheet.text(row, 5, ", ".join(r.notes))
        for col, figure in ((6, r.allocation), (7, r.accounts), (8, r.difference)):
            self.figure(sheet, row, col, figure)
        self.place(r.source.path, sheet, row)

    def total_row(self, sheet: Sheet, row: int, text: str, total: TotalRow) -> None:
        sheet.text(row, 1, text, font=styles.TOTAL_FONT, fit=False)
        for col, figure in ((6, total.allocation), (7, total.accounts), (8, total.difference)):
            self.figure(sheet, row, col, figure, total=True)
        self.place(total.source.path, sheet, row)

    # -- Note A and Note B ---------------------------------------------------------
    def post_text(self, key) -> str:
        row = self.accounts.appropriation.expense(key) if key is not None else None
        return row.post_text if row is not None else ""

    def note_row(self, sheet: Sheet, row: int, r: NoteARow | NoteBRow) -> bool:
        """A Note A or B row's kapittel and post, or the total row's label; whether it is the total."""
        if r.key is None:
            sheet.text(row, 1, label("total", self.lang), font=styles.TOTAL_FONT, fit=False)
            return True
        sheet.text(row, 1, r.key.chapter)
        sheet.text(row, 2, r.key.post_code)
        return False

    def note_a(self, sheet: Sheet, note: NoteA) -> None:
        lang, width = self.lang, 6
        row = self.heading(sheet, TITLES["note_a"](lang), note.title, note.source.path)
        sheet.header(row, [self.col("chapter"), self.col("post"), self.col("post_text"), self.col("transferred"),
                           self.col("allocated"), self.col("allocation")], right=(4, 5, 6))
        first_header = row
        row += 1
        for r in (*note.rows, *([note.total] if note.total else [])):
            total = self.note_row(sheet, row, r)
            if not total:
                sheet.text(row, 3, self.post_text(r.key), wrap=True, font=styles.PRINTED_FONT)
            for col, figure in ((4, r.transferred), (5, r.allocated), (6, r.total)):
                self.figure(sheet, row, col, figure, total=total)
            self.place(r.source.path, sheet, row)
            row += 1
        self.paragraphs(sheet, row + 1, label("footnotes", lang), note.footnotes, width)
        sheet.ws.freeze_panes = f"A{first_header + 1}"
        sheet.finish(caps={3: 45})

    def note_b(self, sheet: Sheet, note: NoteB) -> None:
        lang = self.lang
        width = 3 + len(NoteBRow.AMOUNT_COLUMNS)
        row = self.heading(sheet, TITLES["note_b"](lang), note.title, note.source.path)
        headings = ["expense_difference" if c == "difference" else c for c in NoteBRow.AMOUNT_COLUMNS]
        sheet.header(row, [self.col("chapter"), self.col("post"), self.col("stikkord"),
                           *(self.col(h) for h in headings)], right=tuple(range(4, 4 + len(headings))))
        first_header = row
        row += 1
        for r in (*note.rows, *([note.total] if note.total else [])):
            total = self.note_row(sheet, row, r)
            if not total:
                sheet.text(row, 3, r.stikkord)
            for i, column in enumerate(NoteBRow.AMOUNT_COLUMNS):
                self.figure(sheet, row, 4 + i, getattr(r, column), total=total)
            self.place(r.source.path, sheet, row)
            row += 1
        row = self.paragraphs(sheet, row + 1, label("footnotes", lang), note.footnotes, width)
        if note.texts:
            sheet.text(row, 1, label("note_texts", lang), font=styles.HEADING_FONT, fit=False)
            row += 1
            for i, t in enumerate(note.texts):
                sheet.text(row, 1, t.heading, font=styles.HEADER_FONT, span=width)
                sheet.text(row + 1, 1, t.text, span=width)
                self.place(f"note_b.texts[{i}]", sheet, row + 1)  # facts read off the text link here
                row += 3
        for col in range(4, 4 + len(NoteBRow.AMOUNT_COLUMNS)):
            sheet.min_width(col, 16)
        sheet.ws.freeze_panes = f"D{first_header + 1}"
        sheet.finish()

    # -- line tables: the chart-of-accounts statement, notes 1–8 ------------------
    def line_table(self, sheet: Sheet, table: LineTable) -> None:
        row = self.heading(sheet, table.layout.title(self.lang), table.title, table.source.path)
        self.lines(sheet, table, row)
        sheet.ws.freeze_panes = f"A{row + 1}"
        sheet.finish(caps={1: 50, 3 + len(table.layout.columns): 50})

    def lines(self, sheet: Sheet, table: LineTable, row: int) -> int:
        """The table's header and lines from ``row``, then its texts; returns the next free row."""
        lang, columns = self.lang, table.layout.columns
        width = 3 + len(columns)
        printed_col = 3 + len(columns)
        sheet.header(row, ["", self.col("note"), *(self.year(c) for c in columns), label("as_printed", lang)],
                     right=tuple(range(3, 3 + len(columns))))
        sheet.ws.cell(row=row, column=printed_col).alignment = styles.HEADER_INDENT
        row += 1
        block = None
        for line in table.lines:
            if line.block != block:
                block = line.block
                block_heading = table.layout.block(block).heading
                if block_heading is not None:
                    sheet.text(row, 1, block_heading(lang), font=styles.HEADER_FONT)
                    row += 1
            total = line.role in ("total", "net")
            text = table.layout.line(line.id).label(lang) if line.id else line.label
            sheet.text(row, 1, text, font=styles.TOTAL_FONT if total else None, wrap=True)
            sheet.text(row, 2, line.note)
            for i, column in enumerate(columns):
                self.figure(sheet, row, 3 + i, line[column], total=total)
            sheet.text(row, printed_col, line.label, font=styles.PRINTED_FONT, wrap=True, indent=True)
            self.place(line.source.path, sheet, row)
            row += 1
        row = self.paragraphs(sheet, row + 1, label("note_texts", lang), table.texts, width)
        return self.paragraphs(sheet, row, label("footnotes", lang), table.footnotes, width)

    def note8(self, sheet: Sheet, accounts: Accounts) -> None:
        lang, note = self.lang, accounts.note8
        table = note.table
        row = self.heading(sheet, table.layout.title(lang), table.title, table.source.path)
        sheet.text(row, 1, label("note8.part_a", lang), font=styles.HEADING_FONT, fit=False)
        sheet.ws.freeze_panes = f"A{row + 2}"
        row = self.lines(sheet, table, row + 1)
        if note.shares:
            sheet.text(row, 1, label("note8.part_b", lang), font=styles.HEADING_FONT, fit=False)
            row += 1
            sheet.header(row, [self.col(c) for c in _SHARE_COLUMNS])
            row += 1
            for share in note.shares:
                self.share(sheet, row, share)
                row += 1
        sheet.finish(caps={1: 45, 6: 45, 7: 30, 8: 30})

    def share(self, sheet: Sheet, row: int, share: ShareHolding) -> None:
        for i, column in enumerate(_SHARE_COLUMNS):
            value = getattr(share, column)
            if isinstance(value, Figure):
                self.figure(sheet, row, 1 + i, value)
            else:
                sheet.text(row, 1 + i, value, wrap=True)
        self.place(share.source.path, sheet, row)

