"""What a workbook says about its agency, for :func:`ledger.forms.identity.settle`.

* the year: each statement's title (``… 31.12.2023``), an accounts column
  headed «Regnskap 2024», a heading row of year columns (``2023 | 2022``,
  ``31.12.2023 | 31.12.2022``; note 8's two ``31.12.2023``) and a title line;
* the language: each statement's title and words, by
  :func:`ledger.vocabulary.language.language_of`;
* the name: the document properties (title, then company), then a title
  line above the statements (a cover sheet's «IMDi – arbeidsbok for
  årsrekneskapen 2023»);
* the model: a principle note anywhere in the workbook citing «R-115 av
  desember 2022».

Read before the statements, since the year tells the year columns apart.
"""

from __future__ import annotations

import re
from functools import cache

from ledger.core.facts import INFERRED, PROPERTIES
from ledger.forms.identity import Clue, Clues, file_name_clue, model_in, name_in_property, name_in_title, option_clue
from ledger.forms.identity import years_in as title_years
from ledger.forms.workbook.details import details_cell, read_details, region_lang
from ledger.forms.workbook.grid import Cell, Grid, as_text, is_text
from ledger.forms.workbook.locate import OPTIONAL_SECTIONS, Region, outside_regions
from ledger.vocabulary.labels import AGENCY_FIELDS, APPROPRIATION_LINES, COLUMNS, loose, msg, normalise
from ledger.vocabulary.language import language_of
from ledger.vocabulary.layout import CHART, NOTE8, NOTES

_ACCOUNTS_YEAR = re.compile(r"^(?:regnskap|rekneskap)\s*(?:(?:per|pr\.?)\s*)?(?:31\.12\.)?((?:19|20|21)[0-9][0-9])$")
_YEAR = re.compile(r"^(?:regnskap|rekneskap)?\s*(?:(?:per|pr\.?)\s*)?(?:31\.12\.)?((?:19|20|21)[0-9][0-9])$")
_NOTE = {loose(form) for form in COLUMNS["note"].forms()}


@cache
def _line_labels() -> frozenset[str]:
    """Every line label avstem knows: a caption beside year cells that is one of them is a line with figures."""
    labels = {loose(form) for text in APPROPRIATION_LINES.values() for form in text.forms()}
    for layout in (CHART, *NOTES, NOTE8):
        labels |= {loose(form) for line in layout.lines for form in line.label.forms()}
        labels |= {loose(form) for line in layout.lines if line.plain is not None for form in line.plain.forms()}
    return frozenset(labels)


def gather(grids: list[Grid], regions: dict[str, Region], properties: dict[str, str], path: str,
           agency: str | None) -> Clues:
    clues = Clues(path)
    if "agency" in regions:
        clues.details = read_details(regions["agency"])
        clues.year_place = details_cell(regions["agency"], "year")
        clues.year_wanted = msg("input.year.wanted_in_details", field=AGENCY_FIELDS["year"](region_lang(regions["agency"])))
    elif "appropriation" in regions:
        clues.year_place = regions["appropriation"].source("appropriation.title")
    statements = [r for r in regions.values() if r.section not in OPTIONAL_SECTIONS]
    for region in statements:
        source = region.source(f"{region.section}.title")
        clues.years += [Clue(str(y), source, msg("basis.title", title=region.title)) for y in title_years(region.title)]
        clues.years += _heading_years(region)
        lang = language_of([region.title, *(as_text(c.value) for _, cells in region.rows() for c in cells
                                            if is_text(c))])
        if lang is not None:
            clues.languages.append(Clue(lang, source, msg("basis.labels_of", title=region.title)))
    for origin, key in ((PROPERTIES, "title"), (PROPERTIES, "company")):
        name = name_in_property(properties.get(key, ""))
        if name:
            clues.names.append((origin, Clue(name, None, msg("basis.document_property", key=key,
                                                             value=properties[key]))))
    line = _title_line(grids, regions)
    if line is not None:
        cell, grid, name = line
        source = grid.source(cell.row, cell.col)
        clues.names.append((INFERRED, Clue(name, source, msg("basis.title_line", text=as_text(cell.value)))))
        clues.years += [Clue(str(y), source, msg("basis.title_line", text=as_text(cell.value)))
                        for y in title_years(as_text(cell.value))]
    clues.names += option_clue(agency, path)
    clues.names.append(file_name_clue(path))
    clues.models += _principle_note(grids)
    return clues


def _heading_years(region: Region) -> list[Clue]:
    """The year a statement's column headings name: «Regnskap 2024», or a row of year columns (this year and
    last, or this year twice as note 8 prints it)."""
    grid, out = region.grid, []
    for _, cells in region.rows():
        for cell in cells if region.section == "appropriation" else ():  # its one accounts column
            match = _ACCOUNTS_YEAR.match(normalise(as_text(cell.value)))
            if match:
                out.append(_clue(grid, cell, int(match.group(1))))
        years: list[tuple[int, Cell]] = []
        for i, cell in enumerate(cells):
            match = _YEAR.match(normalise(as_text(cell.value)))
            if match:
                years.append((int(match.group(1)), cell))
            elif loose(as_text(cell.value)) in _NOTE:
                continue
            elif not (i == 0 and is_text(cell) and loose(as_text(cell.value)) not in _line_labels()):
                years = []
                break
        found = {y for y, _ in years}
        if len(years) >= 2 and len(found) <= 2 and max(found) - min(found) <= 1:
            year, cell = max(years, key=lambda y: y[0])
            out.append(_clue(grid, cell, year))
    return out


def _clue(grid: Grid, cell: Cell, year: int) -> Clue:
    return Clue(str(year), grid.source(cell.row, cell.col), msg("basis.heading", text=as_text(cell.value)))


def _title_line(grids: list[Grid], regions: dict[str, Region]) -> tuple[Cell, Grid, str] | None:
    for grid in grids:
        for cell in outside_regions([grid], regions):
            name = name_in_title(as_text(cell.value))
            if name:
                return cell, grid, name
    return None


def _principle_note(grids: list[Grid]) -> list[Clue]:
    for grid in grids:
        for r in grid.rows():
            for cell in grid.cells(r):
                if cell.row == r and isinstance(cell.value, str) and "115" in cell.value:
                    model = model_in(cell.value)
                    if model:
                        return [Clue(model, grid.source(cell.row, cell.col), msg("basis.principle_note"))]
    return []
