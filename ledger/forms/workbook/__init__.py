"""Read an agency's own Excel workbook of statements and notes into the accounts model.

The workbook is read by what it says, not by cell addresses: each statement
and note by its title, each column by its heading, each line by its label,
in Bokmål or Nynorsk (see :mod:`ledger.forms.workbook.locate`). Every figure keeps
its cell (``Sheet!C12``) and the same logical path the YAML form gives it
(``appropriation.expenses[1].difference``), so findings name both. No section
of avstem's own is needed: the year, the language and the name are read off
the statements (:mod:`ledger.forms.workbook.clues`, :mod:`ledger.forms.identity`).

Modules: :mod:`~ledger.forms.workbook.open` (safe opening, cached values),
:mod:`~ledger.forms.workbook.grid` (cells, merged cells), :mod:`~ledger.forms.workbook.locate`
(titles, headings, labels), :mod:`~ledger.forms.workbook.clues` (the agency's facts),
:mod:`~ledger.forms.workbook.details` (the agency's details and the context, where stated),
:mod:`~ledger.forms.workbook.appropriation` (the appropriation statement, notes A and B),
:mod:`~ledger.forms.workbook.lines` (the chart of accounts, notes 1–8) and
:mod:`~ledger.forms.workbook.write` (the template and conversion).
"""

from __future__ import annotations

from ledger.core.accounts import Accounts
from ledger.forms.identity import settle
from ledger.forms.scope import refuse_net_budgeted
from ledger.forms.workbook.appropriation import printed_posts, read_appropriation, read_note_a, read_note_b
from ledger.forms.workbook.clues import gather
from ledger.forms.workbook.details import read_context, region_lang
from ledger.forms.workbook.grid import Grid
from ledger.forms.workbook.lines import read_line_table, read_note8
from ledger.forms.workbook.locate import find_regions, require_sections
from ledger.forms.workbook.open import open_book
from ledger.vocabulary.layout import CHART, NOTES


def read_workbook(path: str, agency: str | None = None) -> Accounts:
    """Read the accounts from an .xlsx workbook (raises InputError); ``agency`` is ``--agency``."""
    grids, properties = open_book(path)
    return read_grids(grids, path, properties=properties, agency=agency)


def read_grids(grids: list[Grid], path: str, *, properties: dict[str, str] | None = None,
               agency: str | None = None) -> Accounts:
    """Read the accounts from the workbook's visible sheets (raises InputError)."""
    regions = find_regions(grids, path)
    if "chart" not in regions and "appropriation" in regions:
        region = regions["appropriation"]
        refuse_net_budgeted(printed_posts(region), path, region.source("appropriation").place)
    require_sections(regions, grids, path)
    the_agency, facts = settle(gather(grids, regions, properties or {}, path, agency))
    year = the_agency.year

    context = read_context(regions["context"], path) if "context" in regions else None
    return Accounts(the_agency, *read_statements(regions, year), file=path, context=context, facts=facts)


def read_statements(regions: dict, year: int) -> tuple:
    """The statements and notes of the located regions, each in its own language: the appropriation
    statement, Notes A and B, the chart-of-accounts statement, notes 1–7 and note 8 (Accounts' order). The
    published report reads its grid through here too."""

    def lang(section: str) -> str:
        return region_lang(regions[section])

    appropriation = read_appropriation(regions["appropriation"], year, lang("appropriation"))
    note_a = read_note_a(regions["note_a"], lang("note_a"))
    note_b = read_note_b(regions["note_b"], lang("note_b"))
    chart = read_line_table(regions["chart"], CHART, year, "chart_of_accounts", lang("chart"))
    notes = {layout.id: read_line_table(regions[layout.id], layout, year, f"notes.{layout.id}", lang(layout.id))
             for layout in NOTES}
    note8 = read_note8(regions["note8"], year, lang("note8"))
    return appropriation, note_a, note_b, chart, notes, note8
