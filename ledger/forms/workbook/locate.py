"""Find things in a workbook by what they say, never by fixed addresses.

* A statement or note is found by its title (Bokmål, Nynorsk or English, as
  the label dictionary knows it), on any visible sheet, optionally followed
  by a date or year (``Oppstilling av løyvingsrapportering 31.12.2023``).
  Its region runs to the next title on the same sheet, so statements may sit
  one per sheet or stacked on one sheet.
* A column is found by its heading in a heading row of the region; a heading
  merged over several columns heads them all. Year columns are headed by the
  year or the date (``2023``, ``31.12.2023``) or ``I år``/``I fjor``.
* A line is found by its label (see :class:`LineIndex`).

Labels and headings are compared in :func:`ledger.vocabulary.labels.loose` form, which
ignores case, spacing, line breaks, punctuation and trailing footnote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ledger.core.accounts import Figure, PostKey, lookalike_digits
from ledger.core.errors import InputError, reason
from ledger.forms.workbook.grid import Cell, Grid, as_text, is_text
from ledger.vocabulary.labels import COLUMNS, TITLES, Msg, Text, loose, msg, normalise
from ledger.vocabulary.layout import NOTE8, NOTES, BlockDef, LineDef, TableLayout

#: Every statement and section a workbook holds, by id, with its title.
SECTIONS: dict[str, Text] = {
    "agency": TITLES["agency"],
    "appropriation": TITLES["appropriation"],
    "note_a": TITLES["note_a"],
    "note_b": TITLES["note_b"],
    "chart": TITLES["chart"],
    **{layout.id: layout.title for layout in (*NOTES, NOTE8)},
    "context": TITLES["context"],
}
#: Sections of avstem's own: a workbook need not have them (the agency's facts are read off the statements).
OPTIONAL_SECTIONS = ("agency", "context")

# what may follow a title, one or more of: a date or year, "(utgifter)", "i kroner"
_TITLE_ITEM = r"(?:(?:per|pr\.?)\s*)?(?:31\.12\.)?[0-9]{4}|\(?utgifter\)?|\(?(?:beløp )?i kroner\)?"
_TITLE_REST = re.compile(rf"(?:{_TITLE_ITEM})(?:[\s,]+(?:{_TITLE_ITEM}))*")
_NOTE_COLON = re.compile(r"^(note [a-z0-9]+)\s*:")
_YEAR_SUFFIX = re.compile(r"^(?P<base>.*?)[\s,]*(?:(?:per|pr\.?)\s*)?(?:31\.12\.)?(?P<year>[0-9]{4})$")
_YEAR_WORDS = {loose(form) for form in COLUMNS["accounts"].forms()}
_TITLE_FORMS = sorted(((normalise(form), section) for section, text in SECTIONS.items() for form in text.forms()),
                      key=lambda f: -len(f[0]))


def match_title(text: str) -> str | None:
    """The section a cell's text is the title of, or None."""
    n = _NOTE_COLON.sub(r"\1", normalise(text))
    for form, section in _TITLE_FORMS:
        if n.startswith(form):
            rest = n[len(form):].strip(" :-,")
            if not rest or _TITLE_REST.fullmatch(rest):
                return section
    return None


@dataclass(frozen=True)
class Region:
    """The rows of one statement: from below its title to the row before the next title."""

    section: str
    grid: Grid
    title_cell: Cell
    last: int | None  # the last row, None for the end of the sheet

    @property
    def title(self) -> str:
        return as_text(self.title_cell.value)

    def source(self, path: str):
        return self.grid.source(self.title_cell.row, self.title_cell.col, path)

    def error(self, message: "str | Msg") -> InputError:
        return self.grid.error(self.title_cell.row, self.title_cell.col, message)

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """The non-empty rows below the title: (row number, cells); a formula without a value stops here.

        A cell merged down from an earlier row appears again, with its anchor's row.
        """
        for r in self.grid.rows(self.title_cell.row + 1, self.last):
            cells = self.grid.cells(r)
            for cell in cells:
                self.grid.check_calculated(cell)
            yield r, cells


def find_regions(grids: Iterable[Grid], file: str) -> dict[str, Region]:
    """Every section's region found; a title found twice is an error naming both cells
    (:func:`require_sections` refuses a workbook without a statement)."""
    grids = list(grids)
    hits: list[tuple[Grid, Cell, str]] = []
    for grid in grids:
        for r in grid.rows():
            for cell in grid.cells(r):
                if isinstance(cell.value, str) and cell.row == r:
                    section = match_title(cell.value)
                    if section is not None:
                        hits.append((grid, cell, section))
    regions: dict[str, Region] = {}
    for i, (grid, cell, section) in enumerate(hits):
        if section in regions:
            first = regions[section]
            also = first.grid.place(first.title_cell.row, first.title_cell.col)
            raise grid.error(cell.row, cell.col, msg("input.workbook.title_twice", title=as_text(cell.value), also=also))
        later = [c.row for g, c, _ in hits[i + 1:] if g is grid and c.row > cell.row]
        same_row = [c for g, c, _ in hits if g is grid and c.row == cell.row and c is not cell]
        if same_row:
            raise grid.error(cell.row, cell.col, msg("input.workbook.titles_on_one_row"))
        regions[section] = Region(section, grid, cell, min(later) - 1 if later else None)
    return regions


def require_sections(regions: dict[str, Region], grids: Iterable[Grid], file: str) -> None:
    """Every statement and note has a title somewhere, or an error naming the first that has none."""
    grids = list(grids)
    missing = [s for s in SECTIONS if s not in regions and s not in OPTIONAL_SECTIONS]
    if missing:
        section = missing[0]
        sheets = ", ".join(g.name for g in grids) or msg("input.workbook.no_sheets")
        titles = {"nb": SECTIONS[section]("nb"), "nn": SECTIONS[section]("nn"), "sheets": sheets}
        if len(missing) > 1:
            raise InputError(file, None, msg("input.workbook.no_sheet_more", more=len(missing) - 1, **titles))
        raise InputError(file, None, msg("input.workbook.no_sheet", **titles))


def outside_regions(grids: Iterable[Grid], regions: dict[str, Region]) -> Iterator[Cell]:
    """The text cells above every statement: rows before the first title of their sheet, and every row of a sheet
    without one (a cover sheet, a principle note), in order."""
    for grid in grids:
        firsts = [r.title_cell.row for r in regions.values() if r.grid is grid]
        last = min(firsts) - 1 if firsts else None
        for r in grid.rows(1, last):
            for cell in grid.cells(r):
                if cell.row == r and isinstance(cell.value, str) and cell.value.strip():
                    yield cell


# --- columns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """A column a statement reads: its name and its heading (a label, or a year alone)."""

    name: str
    label: Text | None = None
    year: int | None = None


class Headings:
    """The column vocabulary of one table: which heading names which column."""

    def __init__(self, columns: Iterable[Col], accounts_year: int | None) -> None:
        self.accounts_year = accounts_year
        self.by_key: dict[str, str] = {}
        self.by_year: dict[int, str] = {}
        for col in columns:
            if col.label is not None:
                for form in col.label.forms():
                    self.by_key.setdefault(loose(form), col.name)
            if col.year is not None:
                self.by_year[col.year] = col.name

    def match(self, text: str) -> tuple[str | None, int | None]:
        """(column name, the year the heading shows) for a heading text; (None, …) if not a heading."""
        key = loose(text)
        if not key:
            return None, None
        if key in self.by_key:
            return self.by_key[key], None
        m = _YEAR_SUFFIX.match(normalise(text))
        if m:
            year, base = int(m.group("year")), loose(m.group("base"))
            if not base:
                return self.by_year.get(year), year
            if base in self.by_key:
                return self.by_key[base], year
            if base in _YEAR_WORDS and year in self.by_year:  # «Regnskap 2022» over a year column
                return self.by_year[year], year
        return None, None


Columns = dict[str, tuple[int, int]]  # column name -> (first, last) sheet column


def heading_row(grid: Grid, cells: list[Cell], headings: Headings) -> Columns | None:
    """The columns a row heads, or None when the row is not a heading row.

    A heading row names at least two columns and holds nothing else, except a
    caption in its first cell (``Eigedelar og gjeld`` above the year columns).
    """
    found: Columns = {}
    for i, cell in enumerate(cells):
        name, year = headings.match(as_text(cell.value))
        if name is None:
            if i == 0 and is_text(cell):
                continue
            return None
        if year is not None and name not in headings.by_year.values() and headings.accounts_year is not None \
                and year != headings.accounts_year:
            raise grid.error(cell.row, cell.col, msg("input.workbook.column_other_year", heading=as_text(cell.value), year=year,
                                                     accounts_year=headings.accounts_year))
        if name in found:
            raise grid.error(cell.row, cell.col, msg("input.workbook.two_columns", heading=as_text(cell.value)))
        found[name] = (cell.col, cell.last_col)
    return found if len(found) >= 2 else None  # one heading alone is more likely a text


def merge_columns(old: Columns | None, new: Columns) -> Columns:
    """The columns after a further heading row: what it names, plus the earlier columns it does not cover.

    A sub-table's heading row (the balance's «Eigedelar og gjeld | 2023 | 2022»)
    need not repeat the «Note» heading; a part with other columns (the holdings)
    replaces the ones it overlaps.
    """
    kept = {name: span for name, span in (old or {}).items()
            if name not in new and not any(span[0] <= n[1] and n[0] <= span[1] for n in new.values())}
    return {**kept, **new}


def column_cell(grid: Grid, row: int, columns: Columns, name: str) -> Cell | None:
    """The one cell of ``row`` under the heading ``name`` (None when blank)."""
    first, last = columns[name]
    cells = grid.in_span(row, first, last)
    if len(cells) > 1:
        raise grid.error(cells[1].row, cells[1].col, msg("input.workbook.two_values", also=cells[0].coordinate))
    return cells[0] if cells else None


def column_figure(grid: Grid, row: int, columns: Columns, name: str, path: str) -> Figure:
    if name not in columns:
        return Figure(None, grid.source(row, 1, path))
    return grid.figure(column_cell(grid, row, columns, name), row, columns[name][0], path)


def column_text(grid: Grid, row: int, columns: Columns, name: str) -> str:
    return grid.text(column_cell(grid, row, columns, name)) if name in columns else ""


def require(region: Region, columns: Columns, names: Iterable[str], vocabulary: dict[str, Text | str],
            lang: str) -> None:
    """Every column in ``names`` has a heading, or an error that says which is missing."""
    for name in names:
        if name not in columns:
            heading = vocabulary.get(name, name)
            heading = heading(lang) if isinstance(heading, Text) else heading
            raise region.error(msg("input.workbook.no_column_under_title", heading=heading))


# --- codes ---------------------------------------------------------------------------

def code_text(grid: Grid, cell: Cell | None, post: bool = False) -> str:
    """A code cell (kapittel, post, konto) as text; a numeric cell 670 is ``670``. In a ``post`` column a number
    with decimals is an underpost, ``24.01``, and 24.1 is 24.10 (a number keeps no trailing zero). A code typed
    with look-alike digits (``０６７１``) is an error at its cell, not a label."""
    if post and cell is not None and isinstance(cell.value, float) and not cell.value.is_integer() \
            and round(cell.value, 2) == cell.value:
        return f"{cell.value:.2f}"
    text = grid.text(cell).strip()
    if text and not text.isascii() and all(ch.isdigit() or ch in " ./-" for ch in text):
        try:
            lookalike_digits(text, "the code")
        except ValueError as exc:
            raise grid.error(cell.row, cell.col, reason(exc)) from None
    return text


def post_key(grid: Grid, row: int, columns: Columns) -> PostKey | None:
    """The kapittel/post of a row, from one column (``0670 01``, ``5440.24.01``) or two (``24.01`` in the post
    column for an underpost); None when the row has none."""
    if "chapter_and_post" in columns:
        cell = column_cell(grid, row, columns, "chapter_and_post")
        text = code_text(grid, cell)
        if not text:
            return None
        try:
            return PostKey.from_text(text)
        except ValueError:
            if is_text(cell):  # a label in the key column: «Sum»
                return None
            raise grid.error(cell.row, cell.col, msg("input.workbook.not_post_key", text=text)) from None
    else:
        chapter_cell = column_cell(grid, row, columns, "chapter") if "chapter" in columns else None
        chapter = code_text(grid, chapter_cell)
        if not chapter or is_text(chapter_cell):
            return None
        post_cell = column_cell(grid, row, columns, "post") if "post" in columns else None
        post = code_text(grid, post_cell, post=True)
        if not post:
            raise grid.error(chapter_cell.row, chapter_cell.col, msg("input.workbook.no_post", chapter=chapter))
        cell = chapter_cell
    try:
        return PostKey.parse(chapter, post)
    except ValueError as exc:
        raise grid.error(cell.row, cell.col, reason(exc)) from None


# --- lines ------------------------------------------------------------------------------


class LineIndex:
    """A table layout's lines and block headings by their labels in every language."""

    def __init__(self, layout: TableLayout) -> None:
        self.layout = layout
        self.lines: dict[str, list[LineDef]] = {}
        self._plain: set[tuple[str, str]] = set()  # (label, line id): a total's plain form
        for line in layout.lines:
            plain = {loose(form) for form in line.plain.forms()} if line.plain is not None else set()
            self._plain |= {(key, line.id) for key in plain}
            for key in {loose(form) for form in line.label.forms()} | plain:
                self.lines.setdefault(key, []).append(line)
        self.blocks: dict[str, BlockDef] = {}
        for block in layout.blocks:
            if block.heading is not None:
                for form in block.heading.forms():
                    self.blocks[loose(form)] = block

    def line(self, label: str, block: str | None, seen: set[str]) -> LineDef | None:
        """The line a label names; a label shared by several lines (note 8's «Sum») is the one of the
        current block, else the first not yet read."""
        candidates = self.lines.get(loose(label), [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        for line in candidates:
            if line.block == block:
                return line
        return next((line for line in candidates if line.id not in seen), candidates[-1])

    def block(self, label: str) -> BlockDef | None:
        return self.blocks.get(loose(label))

    def is_plain(self, label: str, line: LineDef) -> bool:
        """Whether ``label`` names ``line`` by its plain form (a note that does not itemise the block)."""
        return (loose(label), line.id) in self._plain
