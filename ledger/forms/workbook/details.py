"""The agency's details and the context of the appropriations, as a workbook holds them.

Neither is needed: the statements print the year and the language, and the
context is read off Note B (see :mod:`ledger.forms.identity`). A workbook may
still state them in two small sections of avstem's own (``avstem template``
writes them), which win over what avstem reads off the statements:
«Opplysningar om verksemda», a label and a value per row, and «Kontekst for
løyvingane», one table per kind of decision, each under its heading. Both
are read as strictly as the YAML form: an unknown label, a duplicated row or
a malformed value is an input error naming its cell; a blank value states
nothing.
"""

from __future__ import annotations

from ledger.core.accounts import (
    Adjustment,
    AppropriationContext,
    Authority,
    PostContext,
    RevenueAuthority,
    parse_year,
)
from ledger.core.errors import reason
from ledger.forms.identity import Clue
from ledger.forms.workbook.grid import Cell, as_text, is_text
from ledger.forms.workbook.locate import (
    SECTIONS,
    Col,
    Headings,
    Region,
    column_cell,
    column_figure,
    column_text,
    heading_row,
    post_key,
    require,
)
from ledger.vocabulary.labels import AGENCY_FIELDS, COLUMNS, CONTEXT_PARTS, loose, msg
from ledger.vocabulary.stikkord import parse_stikkord

_FIELDS = {loose(form): field for field, text in AGENCY_FIELDS.items() for form in text.forms()}
_LANGUAGES = {"nb": "nb", "bokmål": "nb", "bokmal": "nb", "nn": "nn", "nynorsk": "nn"}


def read_details(region: Region) -> dict[str, Clue]:
    """The details the section states, by field of :class:`~ledger.core.accounts.Agency` (blank ones left out)."""
    grid = region.grid
    cells: dict[str, Cell] = {}
    out: dict[str, Clue] = {}
    for _, row in region.rows():
        label_cell, value_cells = row[0], row[1:]
        field = _FIELDS.get(loose(as_text(label_cell.value)))
        if field is None:
            known = ", ".join(repr(t(region_lang(region))) for t in AGENCY_FIELDS.values())
            raise grid.error(label_cell.row, label_cell.col,
                             msg("input.workbook.not_a_detail", label=as_text(label_cell.value), known=known))
        if field in cells:
            raise grid.error(label_cell.row, label_cell.col, msg("input.workbook.detail_twice", label=as_text(label_cell.value),
                                                                 also=cells[field].coordinate))
        if len(value_cells) > 1:
            raise grid.error(value_cells[1].row, value_cells[1].col, msg("input.workbook.one_value_per_detail"))
        cells[field] = value_cells[0] if value_cells else label_cell
        value = grid.text(value_cells[0]) if value_cells else ""
        if not value:
            continue
        cell = value_cells[0]
        if field == "year":
            try:
                value = str(parse_year(value))
            except ValueError as exc:
                raise grid.error(cell.row, cell.col, reason(exc)) from None
        elif field == "language":
            language = _LANGUAGES.get(value.casefold())
            if language is None:
                raise grid.error(cell.row, cell.col, msg("input.language_not_norwegian", value=value))
            value = language
        label = AGENCY_FIELDS[field](region_lang(region))
        out[field] = Clue(value, grid.source(cell.row, cell.col, f"agency.{field}"), msg("basis.agency_details", label=label))
    return out


def details_cell(region: Region, field: str):
    """Where a detail is (or would be) stated: its value cell, or the section's title."""
    for _, row in region.rows():
        if _FIELDS.get(loose(as_text(row[0].value))) == field:
            cell = row[1] if len(row) > 1 else row[0]
            col = cell.col if len(row) > 1 else row[0].col + 1
            return region.grid.source(cell.row, col)
    return region.source("agency")


def region_lang(region: Region) -> str:
    """The language a section's title is written in, to answer in the same."""
    title = loose(region.title)
    text = SECTIONS[region.section]
    return "nn" if text.nn and title.startswith(loose(text.nn)) and loose(text.nn) != loose(text.nb) else "nb"


# --- the context of the appropriations ------------------------------------------------------

_KEY = (Col("chapter", COLUMNS["chapter"]), Col("post", COLUMNS["post"]))
# Inntektskapittel is also a form of «Kapittel»; listed first, it names the revenue column.
_PART_COLUMNS: dict[str, tuple[Col, ...]] = {
    "posts": (*_KEY, Col("stikkord", COLUMNS["stikkord"]), Col("prior_appropriation", COLUMNS["prior_appropriation"])),
    "received_authorities": (*_KEY, Col("amount", COLUMNS["amount"]), Col("counterpart", COLUMNS["counterpart"])),
    "given_authorities": (*_KEY, Col("amount", COLUMNS["amount"]), Col("counterpart", COLUMNS["counterpart"])),
    "additional_revenue_authorities": (
        Col("revenue_chapter", COLUMNS["revenue_chapter"]), Col("revenue_post", COLUMNS["revenue_post"]),
        *_KEY, Col("decision", COLUMNS["decision"])),
    **{part: (*_KEY, Col("amount", COLUMNS["amount"]), Col("decision", COLUMNS["decision"]))
       for part in ("reallocations", "savings", "approved_overspends")},
}
_REQUIRED_COLUMNS = {
    "posts": ("chapter", "post"),
    "received_authorities": ("chapter", "post", "amount", "counterpart"),
    "given_authorities": ("chapter", "post", "amount", "counterpart"),
    "additional_revenue_authorities": ("chapter", "post", "revenue_chapter", "revenue_post"),
    "reallocations": ("chapter", "post", "amount"),
    "savings": ("chapter", "post", "amount"),
    "approved_overspends": ("chapter", "post", "amount"),
}
_PARTS = {loose(form): part for part, text in CONTEXT_PARTS.items() for form in text.forms()}


def read_context(region: Region, file: str) -> AppropriationContext:
    grid = region.grid
    lang = region_lang(region)
    items: dict[str, list] = {part: [] for part in CONTEXT_PARTS}
    part: str | None = None
    headings: Headings | None = None
    columns = None
    seen_posts: dict = {}
    seen_parts: set[str] = set()
    for r, cells in region.rows():
        first = cells[0]
        row = r
        label_part = _PARTS.get(loose(as_text(first.value))) if is_text(first) else None
        if label_part is not None and len(cells) == 1:
            if label_part in seen_parts:
                raise grid.error(row, first.col, msg("input.workbook.table_twice", table=as_text(first.value)))
            seen_parts.add(label_part)
            part, headings, columns = label_part, Headings(_PART_COLUMNS[label_part], None), None
            continue
        if part is None:
            raise grid.error(row, first.col, msg("input.workbook.not_under_context_heading", label=as_text(first.value),
                                                 known=", ".join(repr(t(lang)) for t in CONTEXT_PARTS.values())))
        found = heading_row(grid, cells, headings)
        if found is not None:
            columns = found
            require(region, columns, _REQUIRED_COLUMNS[part], COLUMNS, lang)
            continue
        if columns is None:
            raise grid.error(row, first.col, msg("input.workbook.row_before_heading_row", heading=CONTEXT_PARTS[part](lang)))
        key = post_key(grid, row, columns)
        if key is None:
            raise grid.error(row, first.col, msg("input.workbook.context_row_without_key", label=as_text(first.value)))
        path = f"context.{part}[{len(items[part])}]"
        source = grid.source(row, columns["chapter"][0], path)
        if part == "posts":
            if key in seen_posts:
                raise grid.error(row, first.col, msg("input.workbook.context_twice", key=str(key), row=seen_posts[key]))
            seen_posts[key] = row
            stikkord_cell = column_cell(grid, row, columns, "stikkord") if "stikkord" in columns else None
            try:
                stikkord = parse_stikkord(grid.text(stikkord_cell))
            except ValueError as exc:
                raise grid.error(stikkord_cell.row, stikkord_cell.col, msg("input.not_stikkord", detail=reason(exc))) from None
            prior = column_figure(grid, row, columns, "prior_appropriation", f"{path}.prior_appropriation")
            items[part].append(PostContext(key, stikkord, None if prior.blank else prior, source))
        elif part in ("received_authorities", "given_authorities"):
            counterpart = column_text(grid, row, columns, "counterpart")
            if not counterpart:
                raise grid.error(row, columns["counterpart"][0], msg("input.workbook.counterpart_required"))
            items[part].append(Authority(key, column_figure(grid, row, columns, "amount", f"{path}.amount"),
                                         counterpart, source))
        elif part == "additional_revenue_authorities":
            revenue = post_key(grid, row, {"chapter": columns["revenue_chapter"], "post": columns["revenue_post"]})
            if revenue is None:
                raise grid.error(row, columns["revenue_chapter"][0], msg("input.workbook.revenue_key_required"))
            items[part].append(RevenueAuthority(key, revenue, column_text(grid, row, columns, "decision"), source))
        else:
            items[part].append(Adjustment(key, column_figure(grid, row, columns, "amount", f"{path}.amount"),
                                          column_text(grid, row, columns, "decision"), source))
    return AppropriationContext(
        posts=tuple(items["posts"]),
        received_authorities=tuple(items["received_authorities"]),
        given_authorities=tuple(items["given_authorities"]),
        revenue_authorities=tuple(items["additional_revenue_authorities"]),
        reallocations=tuple(items["reallocations"]),
        savings=tuple(items["savings"]),
        approved_overspends=tuple(items["approved_overspends"]),
        file=file,
        source=region.source("context"),
    )
