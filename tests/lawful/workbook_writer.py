"""The printed document as an agency keeps it in Excel: DFØ's model statements, no sections of avstem's own.

Two layouts: one statement per sheet (``per_sheet``) and every statement stacked on one sheet
(``one_sheet``). Titles carry the date («Oppstilling av bevilgningsrapportering 31.12.2024»), headings are
the model's («Samlet tildeling*», «Regnskap 2024», «Merutgift (-) og mindreutgift»), figures are numbers —
or, as people paste them, text with spaces or no-break spaces. Nothing here is avstem's own writer
(``ledger/forms/workbook/write.py`` writes avstem's layout and would test avstem against itself): only the
label dictionary is shared, because it is DFØ's wording.

``details=True`` adds the one section of avstem's own that today's reader requires («Opplysninger om
virksomheten»): the writers can then be checked against today's reader while the reading without it waits
for issue 11.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ledger.core.money import format_amount
from ledger.vocabulary.labels import AGENCY_FIELDS, APPROPRIATION_LINES, COLUMNS, TITLES, WORKBOOK_LABELS
from ledger.vocabulary.layout import CHART, NOTE8, NOTES, TableLayout
from tests.lawful.truth import T

BOLD = Font(bold=True)


@dataclass(frozen=True)
class Style:
    """How one agency's workbook looks: drawn per example."""

    layout: str = "per_sheet"  # per_sheet | one_sheet
    first_col: int = 1  # the column the statements start in (a spacer column before it, or not)
    text_numbers: str = "none"  # none | some | all: figures typed as text, as pasted
    nbsp: bool = False  # … with no-break spaces
    split_keys: bool = False  # Notes A and B with «Kapittel» and «Post» in two columns (else «Kapittel og post»)
    year_headings: str = "year"  # year | date | regnskap: «2024», «31.12.2024», «Regnskap 2024»
    sums_as_details: bool = False  # note 1 printing «Innbetalinger fra gebyrer» for «Sum innbetalinger fra gebyrer»
    texts_in_one_cell: bool = False  # Note B's explanations as «Heading: text» in one cell
    stars: bool = False  # footnote marks on headings and lines («…til staten*», «…pensjonskasse****»)
    seed: int = 0  # which figures are typed as text under ``some``
    details: bool = False  # avstem's details section (today's reader needs it; issue 11 removes the need)


class _Sheet:
    """Rows written down a sheet from a first column."""

    def __init__(self, ws, first_col: int, style: Style, rng: random.Random, lang: str) -> None:
        self.ws, self.c0, self.style, self.rng, self.lang = ws, first_col, style, rng, lang
        self.r = 1

    def put(self, *values, bold: bool = False) -> int:
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            cell = self.ws.cell(self.r, self.c0 + i)
            if isinstance(value, Decimal):
                cell.value = self._figure(value)
                if not isinstance(cell.value, str):
                    cell.number_format = "#,##0"
            else:
                cell.value = value
            if bold:
                cell.font = BOLD
        self.r += 1
        return self.r - 1

    def skip(self, n: int = 1) -> None:
        self.r += n

    def _figure(self, value: Decimal):
        as_text = value != value.to_integral_value() or self.style.text_numbers == "all" or (
            self.style.text_numbers == "some" and self.rng.random() < 0.3)
        if not as_text:
            return int(value)
        printed = format_amount(value, "nb")
        if printed.endswith(",00"):
            printed = printed[:-3]
        return printed.replace(" ", "\u00a0") if self.style.nbsp else printed


def _years(style: Style, year: int, lang: str) -> tuple[str | int, str | int]:
    if style.year_headings == "date":
        return f"31.12.{year}", f"31.12.{year - 1}"
    if style.year_headings == "regnskap":
        word = COLUMNS["accounts"](lang)
        return f"{word} {year}", f"{word} {year - 1}"
    return year, year - 1


# --- the statements ---------------------------------------------------------------------------------------------


def _agency(s: _Sheet, doc: dict) -> None:
    lang = doc["agency"]["language"]
    s.put(TITLES["agency"](lang), bold=True)
    for field, label in AGENCY_FIELDS.items():
        value = doc["agency"].get(field, "")
        if value:
            s.put(label(lang), value)


def _appropriation(s: _Sheet, doc: dict) -> None:
    lang, year = doc["agency"]["language"], int(doc["agency"]["year"])
    a = doc["appropriation"]
    s.put(a["title"], bold=True)
    s.skip()
    s.put(COLUMNS["chapter"].variants[0], COLUMNS["chapter_name"](lang), COLUMNS["post"](lang),
          COLUMNS["post_text"](lang), COLUMNS["note"](lang), f"{COLUMNS['allocation'](lang)}*",
          f"{COLUMNS['accounts'](lang)} {year}", COLUMNS["expense_difference"](lang), bold=True)
    for row in a["expenses"]:
        s.put(row["chapter"], row["chapter_name"], row["post"], row["post_text"], row["note"], row["allocation"],
              row["accounts"], row["difference"])
    t = a["expense_total"]
    s.put(APPROPRIATION_LINES["expense_total"](lang), None, None, None, None, t["allocation"], t["accounts"],
          t["difference"], bold=True)
    for comment in a["expense_comments"]:
        s.put(comment)
    s.skip()
    s.put(COLUMNS["chapter"].variants[1], COLUMNS["chapter_name"](lang), COLUMNS["post"](lang),
          COLUMNS["post_text"](lang), None, f"{COLUMNS['allocation'](lang)}*", f"{COLUMNS['accounts'](lang)} {year}",
          COLUMNS["revenue_difference"](lang), bold=True)
    for row in a["revenues"]:
        s.put(row["chapter"], row["chapter_name"], row["post"], row["post_text"], None, row["allocation"],
              row["accounts"], row["difference"])
    t = a["revenue_total"]
    s.put(APPROPRIATION_LINES["revenue_total"](lang), None, None, None, None, t["allocation"], t["accounts"],
          t["difference"], bold=True)
    s.skip()
    s.put(APPROPRIATION_LINES["net_reported"](lang), None, None, None, None, None, a["net_reported"], bold=True)
    s.skip()
    s.put(APPROPRIATION_LINES["capital_accounts"](lang), bold=True)
    for line in a["capital_accounts"]:
        s.put(line["account"], line["text"], None, None, None, None, line["amount"])
    s.put(APPROPRIATION_LINES["sum_reported"](lang), None, None, None, None, None, a["sum_reported"], bold=True)
    s.skip()
    s.put(APPROPRIATION_LINES["holdings"](lang), bold=True)
    s.put(COLUMNS["account"](lang), COLUMNS["text"](lang), None, None, None, str(year), str(year - 1),
          COLUMNS["change"](lang), bold=True)
    for h in a["holdings"]:
        s.put(h["account"], h["text"], None, None, None, h["current"], h["prior"], h["change"])


def _key_cells(style: Style, row: dict) -> tuple:
    return (row["chapter"], row["post"]) if style.split_keys else (f"{row['chapter']} {row['post']}",)


def _key_headings(style: Style, lang: str) -> tuple:
    if style.split_keys:
        return COLUMNS["chapter"](lang), COLUMNS["post"](lang)
    return (COLUMNS["chapter_and_post"](lang),)


def _note_a(s: _Sheet, doc: dict, style: Style) -> None:
    lang = doc["agency"]["language"]
    note = doc["note_a"]
    s.put(note["title"], bold=True)
    s.skip()
    s.put(*_key_headings(style, lang), f"{COLUMNS['transferred'](lang)}1)", COLUMNS["allocated"](lang),
          COLUMNS["allocation"](lang), bold=True)
    for row in note["rows"]:
        s.put(*_key_cells(style, row), row["transferred"], row["allocated"], row["total"])
    if "total" in note:
        t = note["total"]
        s.put(WORKBOOK_LABELS["total"](lang), *([None] if style.split_keys else []), t["transferred"], t["allocated"],
              t["total"], bold=True)
    s.skip()
    for footnote in note["footnotes"]:
        s.put(footnote)


_NOTE_B_COLUMNS = ("difference", "charged_by_others", "after_charged", "additional_revenue", "reallocation", "savings",
                   "basis", "maximum", "transferable")


def _note_b(s: _Sheet, doc: dict, style: Style) -> None:
    lang = doc["agency"]["language"]
    note = doc["note_b"]
    s.put(note["title"], bold=True)
    s.skip()
    headings = [COLUMNS["note_b_difference"](lang)] + [COLUMNS[c](lang) for c in _NOTE_B_COLUMNS[1:]]
    headings[7] += "*"
    s.put(*_key_headings(style, lang), COLUMNS["stikkord"](lang), *headings, bold=True)
    for row in note["rows"]:
        s.put(*_key_cells(style, row), row["stikkord"], *(row[c] for c in _NOTE_B_COLUMNS))
    if "total" in note:
        s.put(WORKBOOK_LABELS["total"](lang), *([None] if style.split_keys else []), None,
              *(note["total"][c] for c in _NOTE_B_COLUMNS), bold=True)
    for footnote in note["footnotes"]:
        s.put(footnote)
    s.skip()
    s.put(WORKBOOK_LABELS["note_b_texts"](lang), bold=True)
    for text in note["texts"]:
        if style.texts_in_one_cell:
            s.put(f"{text['heading']}: {text['text']}")
        else:
            s.put(text["heading"], text["text"])


def _label(layout: TableLayout, line: dict, lang: str, style: Style) -> str:
    if "id" not in line:
        return line["label"]
    if style.sums_as_details and layout.id == "note1" and line["id"].endswith("_total") and line["id"] != "total":
        return line["label"].removeprefix("Sum ").capitalize()  # «Innbetalinger fra gebyrer»
    if style.stars and line["id"] == "pension_premium":
        return line["label"] + "****"  # as IMDi prints it
    return line["label"]


def _line_table(s: _Sheet, doc: dict, layout: TableLayout, section: dict, style: Style) -> None:
    lang, year = doc["agency"]["language"], int(doc["agency"]["year"])
    s.put(section["title"], bold=True)
    s.skip()
    columns = layout.columns
    with_note = layout is CHART
    if columns == ("current", "prior"):
        s.put(None, *(["Note"] if with_note else []), *_years(style, year, lang), bold=True)
    else:  # note 8 del A
        s.put(WORKBOOK_LABELS["note8_part_a"](lang), bold=True)
        s.put(None, *(COLUMNS[c](lang) for c in columns), bold=True)
    block = layout.blocks[0].id if layout.blocks[0].heading is None else None
    for line in section["lines"]:
        line_block = line["block"] if "block" in line else layout.line(line["id"]).block
        heading = layout.block(line_block).heading
        if line_block != block and heading is not None:
            s.put(heading(lang) + ("*" if style.stars and layout is CHART else ""), bold=True)
        block = line_block
        values = [line.get(c) for c in columns]
        bold = "id" in line and layout.line(line["id"]).role != "detail"
        s.put(_label(layout, line, lang, style), *([line.get("note", "")] if with_note else []), *values, bold=bold)
    if layout is NOTE8 and section.get("shares"):
        s.skip()
        s.put(WORKBOOK_LABELS["note8_shares"](lang), bold=True)
        names = ("company", "acquired", "shares", "ownership", "voting_share", "result", "equity", "book_value")
        s.put(*(COLUMNS[n](lang) for n in names), bold=True)
        for share in section["shares"]:
            s.put(*(share[n] for n in names))
    if section.get("texts"):
        s.skip()
        for text in section["texts"]:
            s.put(text)


# --- the workbook ------------------------------------------------------------------------------------------------

SHEET_NAMES = {
    "appropriation": T("Bevilgningsrapportering", "Løyvingsrapportering"),
    "note_a": T("Note A", "Note A"), "note_b": T("Note B", "Note B"),
    "chart": T("Artskontorapportering", "Artskontorapportering"),
}


def write_workbook(doc: dict, path: Path, style: Style) -> Path:
    lang = doc["agency"]["language"]
    book = Workbook()
    first = book.active
    rng = random.Random(style.seed)
    one = style.layout == "one_sheet"
    if one:
        first.title = f"Årsregnskap {doc['agency']['year']}"

    shared = _Sheet(first, style.first_col, style, rng, lang)
    fresh = [True]

    def sheet(name: str) -> _Sheet:
        """The next statement's place: below the last on the one sheet, or a sheet of its own."""
        if one:
            if not fresh[0]:
                shared.skip(3)
            fresh[0] = False
            return shared
        ws = first if fresh[0] else book.create_sheet()
        fresh[0] = False
        ws.title = name[:31]
        return _Sheet(ws, style.first_col, style, rng, lang)

    if style.details:
        _agency(sheet(T("Virksomhet", "Verksemd")(lang)), doc)
    _appropriation(sheet(SHEET_NAMES["appropriation"](lang)), doc)
    _note_a(sheet("Note A"), doc, style)
    _note_b(sheet("Note B"), doc, style)
    _line_table(sheet(SHEET_NAMES["chart"](lang)), doc, CHART, doc["chart_of_accounts"], style)
    for layout in NOTES:
        _line_table(sheet(layout.title(lang)[:6]), doc, layout, doc["notes"][layout.id], style)
    _line_table(sheet("Note 8"), doc, NOTE8, doc["notes"]["note8"], style)
    book.save(path)
    return path
