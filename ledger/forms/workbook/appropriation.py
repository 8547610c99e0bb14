"""The appropriation statement, Note A and Note B from a workbook.

Rows are kapittel/post rows (codes as text or numbers: 670 is ``0670``) or
lines the label dictionary names (``Sum utgiftsført``, ``Netto rapportert
til bevilgningsregnskapet``, …). The statement's parts follow each other in
the printed order — expenses, revenues, the capital accounts, the holdings —
and each part may bring its own heading row. A row with figures that is
neither is an input error naming its cell: avstem cannot tell what it is.
"""

from __future__ import annotations

import re

from ledger.core.accounts import (
    AppropriationRow,
    AppropriationStatement,
    CapitalLine,
    Figure,
    Holding,
    NoteA,
    NoteARow,
    NoteB,
    NoteBRow,
    NoteText,
    PostKey,
    TotalRow,
    lookalike_digits,
)
from ledger.core.errors import InputError, reason
from ledger.forms.workbook.grid import Cell, Grid, as_text, is_text
from ledger.forms.workbook.locate import (
    Col,
    Columns,
    Headings,
    Region,
    column_cell,
    column_figure,
    column_text,
    heading_row,
    merge_columns,
    post_key,
    require,
)
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, WORKBOOK_LABELS, loose, msg

_LINES = {loose(form): line for line, text in APPROPRIATION_LINES.items() for form in text.forms()}
_AMOUNTS = ("allocation", "accounts", "difference", "current", "prior", "change")
_ACCOUNT = re.compile(r"^[0-9]{6,8}$")
_DIFFERENCE = {"expenses": COLUMNS["expense_difference"], "revenues": COLUMNS["revenue_difference"]}


def _statement_columns(year: int | None) -> tuple[Col, ...]:
    return (
        Col("chapter", COLUMNS["chapter"]), Col("chapter_name", COLUMNS["chapter_name"]),
        Col("post", COLUMNS["post"]), Col("post_text", COLUMNS["post_text"]), Col("note", COLUMNS["note"]),
        Col("allocation", COLUMNS["allocation"]), Col("accounts", COLUMNS["accounts"]),
        Col("difference", COLUMNS["expense_difference"]), Col("difference", COLUMNS["revenue_difference"]),
        Col("account", COLUMNS["account"]), Col("text", COLUMNS["text"]),
        Col("current", COLUMNS["current"], year), Col("prior", COLUMNS["prior"], None if year is None else year - 1),
        Col("change", COLUMNS["change"]),
    )


def label_of(cells: list[Cell]) -> Cell | None:
    """The row's label: its leftmost cell of words."""
    return next((cell for cell in cells if is_text(cell)), None)


def _text_only(cells: list[Cell]) -> bool:
    return all(is_text(cell) for cell in cells)


class _Rows:
    """The columns the heading rows read so far name."""

    def __init__(self, region: Region, headings: Headings) -> None:
        self.region, self.grid, self.headings = region, region.grid, headings
        self.columns: Columns | None = None

    def heading(self, cells: list[Cell]) -> bool:
        """Take the row as a heading row if it is one."""
        found = heading_row(self.grid, cells, self.headings)
        if found is None:
            return False
        self.columns = merge_columns(self.columns, found)
        return True

    def need_columns(self, cell: Cell) -> Columns:
        if self.columns is None:
            raise self.grid.error(cell.row, cell.col, msg("input.workbook.row_before_headings"))
        return self.columns


def read_appropriation(region: Region, year: int, lang: str) -> AppropriationStatement:
    grid = region.grid
    rows = _Rows(region, Headings(_statement_columns(year), year))
    part = "expenses"
    expenses: list[AppropriationRow] = []
    revenues: list[AppropriationRow] = []
    comments: list[str] = []
    capital: list[CapitalLine] = []
    holdings: list[Holding] = []
    lines: dict[str, object] = {}
    first_seen: dict[object, str] = {}
    comments_open = False

    def once(key: object, cell: Cell, message_id: str, **params: object) -> None:
        """``message_id``'s text (``{also}`` the first place) where ``key`` was seen before."""
        if key in first_seen:
            raise grid.error(cell.row, cell.col, msg(message_id, also=first_seen[key], **params))
        first_seen[key] = cell.coordinate

    for r, cells in region.rows():
        first = cells[0]
        label = label_of(cells)
        line = _LINES.get(loose(as_text(label.value))) if label is not None else None
        if line is None and rows.heading(cells):
            comments_open = False
            continue
        if line is not None:
            once(line, label, "input.workbook.label_twice", label=as_text(label.value))
            expected = {"expense_total": "expenses", "revenue_total": "revenues", "net_reported": "result",
                        "capital_accounts": "result", "sum_reported": "result", "holdings": "holdings"}[line]
            if part != expected:
                raise grid.error(r, label.col, msg("input.workbook.out_of_order", label=as_text(label.value)))
            columns = rows.need_columns(label)
            if line in ("expense_total", "revenue_total"):
                path = f"appropriation.{line}"
                lines[line] = TotalRow(*(column_figure(grid, r, columns, c, f"{path}.{c}")
                                         for c in ("allocation", "accounts", "difference")),
                                       grid.source(r, label.col, path))
                part = "revenues" if line == "expense_total" else "result"
                comments_open = line == "expense_total"
            elif line in ("net_reported", "sum_reported"):
                lines[line] = _single_figure(grid, cells, label, columns, f"appropriation.{line}")
                if line == "sum_reported":
                    part = "holdings"
            continue
        if _text_only(cells):
            if comments_open:
                comments.append(" ".join(as_text(c.value) for c in cells))
            continue  # a caption or sub-heading: nothing to check
        comments_open = False
        if part in ("expenses", "revenues"):
            columns = rows.need_columns(first)
            require(region, columns, ("chapter", "post", "allocation", "accounts", "difference"),
                    COLUMNS | {"difference": _DIFFERENCE[part]}, lang)
            key = post_key(grid, r, columns)
            if key is None:
                raise _unknown(grid, cells, label)
            target = expenses if part == "expenses" else revenues
            once(("row", key), first, "input.workbook.post_twice", post=str(key))
            path = f"appropriation.{part}[{len(target)}]"
            notes = () if part == "revenues" else tuple(
                p.strip() for p in column_text(grid, r, columns, "note").split(",") if p.strip())
            target.append(AppropriationRow(
                key=key,
                chapter_name=column_text(grid, r, columns, "chapter_name"),
                post_text=column_text(grid, r, columns, "post_text"),
                notes=notes,
                allocation=column_figure(grid, r, columns, "allocation", f"{path}.allocation"),
                accounts=column_figure(grid, r, columns, "accounts", f"{path}.accounts"),
                difference=column_figure(grid, r, columns, "difference", f"{path}.difference"),
                source=grid.source(r, columns["chapter"][0], path),
            ))
        elif part == "result":
            account = grid.text(first)
            if not _ACCOUNT.match(account):
                _lookalike(grid, first, account)
                raise _unknown(grid, cells, label)
            once(("capital", account), first, "input.workbook.account_twice", account=account)
            path = f"appropriation.capital_accounts[{len(capital)}]"
            text_cell = next((c for c in cells[1:] if is_text(c)), None)
            capital.append(CapitalLine(account, grid.text(text_cell),
                                       _single_figure(grid, cells, text_cell or first, rows.need_columns(first),
                                                      f"{path}.amount"),
                                       grid.source(r, first.col, path)))
        else:
            columns = rows.need_columns(first)
            require(region, columns, ("account", "text", "current", "prior", "change"),
                    COLUMNS | {"current": str(year), "prior": str(year - 1)}, lang)
            account = grid.text(column_cell(grid, r, columns, "account"))
            if not _ACCOUNT.match(account):
                _lookalike(grid, column_cell(grid, r, columns, "account"), account)
                raise _unknown(grid, cells, label)
            once(("holding", account), first, "input.workbook.account_twice", account=account)
            path = f"appropriation.holdings[{len(holdings)}]"
            holdings.append(Holding(account, column_text(grid, r, columns, "text"),
                                    *(column_figure(grid, r, columns, c, f"{path}.{c}")
                                      for c in ("current", "prior", "change")),
                                    grid.source(r, columns["account"][0], path)))
    for line in ("expense_total", "revenue_total", "net_reported", "sum_reported"):
        if line not in lines:
            row, col = _expected_at(region, line, expenses, revenues, capital, lines)
            raise grid.error(row, col, msg("input.workbook.no_total_line", label=APPROPRIATION_LINES[line](lang)))
    return AppropriationStatement(
        title=region.title,
        expenses=tuple(expenses),
        expense_total=lines["expense_total"],
        expense_comments=tuple(comments),
        revenues=tuple(revenues),
        revenue_total=lines["revenue_total"],
        net_reported=lines["net_reported"],
        capital_lines=tuple(capital),
        sum_reported=lines["sum_reported"],
        holdings=tuple(holdings),
        source=region.source("appropriation"),
    )


def _expected_at(region: Region, line: str, expenses: list[AppropriationRow], revenues: list[AppropriationRow],
                 capital: list[CapitalLine], lines: dict) -> tuple[int, int]:
    """The cell a missing line of the statement was expected in: below the last row of the part it closes."""
    before = {"expense_total": expenses, "revenue_total": revenues, "net_reported": [lines.get("revenue_total")],
              "sum_reported": capital or [lines.get("net_reported")]}[line]
    sources = [item.source for item in before if item is not None]
    if not sources:
        return region.title_cell.row + 1, region.title_cell.col
    return int(sources[-1].cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1, region.title_cell.col


def printed_posts(region: Region) -> list[PostKey]:
    """The kapittel/post of every expense row the statement prints, read leniently: what tells a net-budgeted
    agency's statement (post 50 only) before anything is required of it."""
    rows = _Rows(region, Headings(_statement_columns(None), None))
    out: list[PostKey] = []
    for r, cells in region.rows():
        label = label_of(cells)
        if label is not None and _LINES.get(loose(as_text(label.value))) == "expense_total":
            break
        try:
            if rows.heading(cells) or rows.columns is None or not {"chapter", "post"} <= set(rows.columns):
                continue
            key = post_key(rows.grid, r, rows.columns)
        except InputError:
            continue
        if key is not None:
            out.append(key)
    return out


def _single_figure(grid: Grid, cells: list[Cell], label: Cell, columns: Columns, path: str) -> Figure:
    """The one figure of a line that prints one (net reported, a capital account, sum reported)."""
    found = [c for c in cells if c.col > label.col
             and any(name in columns and columns[name][0] <= c.col <= columns[name][1] for name in _AMOUNTS)]
    if len(found) > 1:
        raise grid.error(found[1].row, found[1].col, msg("input.workbook.two_figures", first=found[0].coordinate,
                                                         second=found[1].coordinate))
    if not found:
        col = columns["accounts"][0] if "accounts" in columns else label.col + 1
        return Figure(None, grid.source(label.row, col, path))
    return grid.figure(found[0], found[0].row, found[0].col, path)


def _lookalike(grid: Grid, cell: Cell | None, account: str) -> None:
    """An account typed with look-alike digits is named as such, not as an unknown line."""
    try:
        lookalike_digits(account, "account")
    except ValueError as exc:
        raise grid.error(cell.row, cell.col, reason(exc)) from None


def _unknown(grid: Grid, cells: list[Cell], label: Cell | None):
    cell = label or cells[0]
    near = _nearest_form(as_text(cell.value), _FORMS)
    if near:
        return grid.error(cell.row, cell.col, msg("input.workbook.unknown_line_near", label=as_text(cell.value), near=near))
    return grid.error(cell.row, cell.col, msg("input.workbook.unknown_line", label=as_text(cell.value)))


#: Every printed form of the statement's lines, by its loose form: what a typo is matched against.
_FORMS = {loose(form): form for text in APPROPRIATION_LINES.values() for form in text.forms()}


def _nearest_form(text: str, forms: dict[str, str], cutoff: float = 0.8) -> str | None:
    """The known form a mistyped label most likely means (``Sum utgiftsfrt`` → ``Sum utgiftsført``)."""
    import difflib

    found = difflib.get_close_matches(loose(text), list(forms), n=1, cutoff=cutoff)
    return forms[found[0]] if found else None


# --- Note A and Note B --------------------------------------------------------------------

_KEY_COLUMNS = (Col("chapter_and_post", COLUMNS["chapter_and_post"]), Col("chapter", COLUMNS["chapter"]),
                Col("post", COLUMNS["post"]))
_NOTE_A_COLUMNS = (*_KEY_COLUMNS, Col("transferred", COLUMNS["transferred"]), Col("allocated", COLUMNS["allocated"]),
                   Col("total", COLUMNS["allocation"]))
_NOTE_B_COLUMNS = (*_KEY_COLUMNS, Col("stikkord", COLUMNS["stikkord"]),
                   Col("difference", COLUMNS["note_b_difference"]), Col("difference", COLUMNS["expense_difference"]),
                   *(Col(c, COLUMNS[c]) for c in NoteBRow.AMOUNT_COLUMNS[1:]))
_TOTAL = loose(WORKBOOK_LABELS["total"]("nb"))
_NOTE_B_TEXTS = {loose(form) for form in WORKBOOK_LABELS["note_b_texts"].forms()}


def _key_or_total(rows: _Rows, r: int, cells: list[Cell], amounts: tuple[str, ...], vocabulary: dict, lang: str,
                  seen: dict, total) -> tuple[PostKey | None, Columns]:
    """The kapittel/post of a row of Note A or B, or None for its one «Sum» row; anything else is an error."""
    region, grid, first = rows.region, rows.grid, cells[0]
    columns = rows.need_columns(first)
    require(region, columns, amounts, vocabulary, lang)
    if "chapter_and_post" not in columns:
        require(region, columns, ("chapter", "post"), COLUMNS, lang)
    key = post_key(grid, r, columns)
    label = label_of(cells)
    if key is None:
        if label is None or not loose(as_text(label.value)).startswith(_TOTAL):
            raise _unknown(grid, cells, label)
        if total is not None:
            raise grid.error(r, label.col, msg("input.workbook.second_total", also=total.source.cell))
    elif key in seen:
        raise grid.error(r, first.col, msg("input.workbook.post_twice", post=str(key), also=seen[key]))
    else:
        seen[key] = first.coordinate
    return key, columns


def read_note_a(region: Region, lang: str) -> NoteA:
    grid = region.grid
    rows = _Rows(region, Headings(_NOTE_A_COLUMNS, None))
    out: list[NoteARow] = []
    total: NoteARow | None = None
    footnotes: list[str] = []
    seen: dict = {}
    for r, cells in region.rows():
        first = cells[0]
        if rows.heading(cells):
            continue
        if _text_only(cells):
            if rows.columns is not None:  # below the heading row: a footnote
                footnotes.append(" ".join(as_text(c.value) for c in cells))
            continue
        key, columns = _key_or_total(rows, r, cells, ("transferred", "allocated", "total"), COLUMNS, lang, seen,
                                     total)
        path = f"note_a.rows[{len(out)}]" if key else "note_a.total"
        row = NoteARow(key, *(column_figure(grid, r, columns, c, f"{path}.{c}")
                              for c in ("transferred", "allocated", "total")),
                       grid.source(r, first.col, path))
        if key is None:
            total = row
        else:
            out.append(row)
    return NoteA(region.title, tuple(out), total, tuple(footnotes), region.source("note_a"))


def read_note_b(region: Region, lang: str) -> NoteB:
    grid = region.grid
    rows = _Rows(region, Headings(_NOTE_B_COLUMNS, None))
    out: list[NoteBRow] = []
    total: NoteBRow | None = None
    footnotes: list[str] = []
    texts: list[NoteText] = []
    texts_col: int | None = None  # the column of the «Forklaring til bruk av fullmakter» row, once seen
    seen: dict = {}
    for r, cells in region.rows():
        first = cells[0]
        if texts_col is None and rows.heading(cells):
            continue
        if _text_only(cells):
            # footnotes are single cells below the table; each explanation of the authorities
            # used is a heading and a text, in two cells or as «Heading: text» in one
            words = [as_text(c.value) for c in cells]
            source = grid.source(r, first.col, f"note_b.texts[{len(texts)}]")
            if loose(" ".join(words)) in _NOTE_B_TEXTS:
                texts_col = first.col
            elif len(words) >= 2:
                texts.append(NoteText(words[0], " ".join(words[1:]), source))
            elif texts_col is not None:
                heading, colon, text = words[0].partition(":")
                texts.append(NoteText(heading.strip(), text.strip(), source) if colon and first.col == texts_col
                             else NoteText("", words[0], source))
            elif rows.columns is not None:
                footnotes.append(words[0])
            continue
        key, columns = _key_or_total(rows, r, cells, NoteBRow.AMOUNT_COLUMNS,
                                     COLUMNS | {"difference": COLUMNS["note_b_difference"]}, lang, seen, total)
        path = f"note_b.rows[{len(out)}]" if key else "note_b.total"
        values = {c: column_figure(grid, r, columns, c, f"{path}.{c}") for c in NoteBRow.AMOUNT_COLUMNS}
        stikkord = "" if key is None else column_text(grid, r, columns, "stikkord")
        row = NoteBRow(key=key, stikkord=stikkord, source=grid.source(r, first.col, path), **values)
        if key is None:
            total = row
        else:
            out.append(row)
    return NoteB(region.title, tuple(out), total, tuple(footnotes), tuple(texts), region.source("note_b"))
