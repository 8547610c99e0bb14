"""Read a published annual report (PDF, or its extracted text) into the accounts model.

Part 6 (the accounts) and part 2 (the key figures) are found by their
titles (:mod:`~ledger.forms.published.parts`); part 6 is laid out as a grid
of printed lines (:mod:`~ledger.forms.published.sheet`) and read by the
workbook's own readers, through the one label dictionary, into the same
:class:`~ledger.core.accounts.Accounts`, each figure placed at its page and
line. What extraction loses is restored only where the statement's own
arithmetic proves it (:mod:`~ledger.forms.published.resolve`); the key
figures (:mod:`~ledger.forms.published.key_figures`) and the figures the
text quotes (:mod:`~ledger.forms.published.quotes`) come along in
``Accounts.published`` for the KF rules.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ledger.core.accounts import Accounts
from ledger.core.errors import InputError
from ledger.core.facts import INFERRED
from ledger.core.published import Published
from ledger.forms.identity import Clue, settle, years_in
from ledger.forms.published.document import Document, PrintedLine, read_pdf, read_text
from ledger.forms.published.key_figures import is_title, read_key_figures
from ledger.forms.published.parts import part6, wanted_pages
from ledger.forms.published.quotes import read_quotes
from ledger.forms.published.resolve import resolve
from ledger.forms.published.sheet import (
    Built,
    TextGrid,
    build_appropriation,
    build_line_table,
    build_note_ab,
    dropped_titles,
    find_titles,
    layout_of,
)
from ledger.forms.scope import refuse_net_budgeted
from ledger.forms.workbook import read_statements
from ledger.forms.workbook.appropriation import printed_posts
from ledger.forms.workbook.clues import gather
from ledger.forms.workbook.locate import find_regions, require_sections
from ledger.vocabulary.labels import msg

FORMS = {".pdf": "pdf", ".txt": "text", ".text": "text"}


def read_published(path: str, agency: str | None = None) -> Accounts:
    """The accounts a published report prints (raises InputError naming the page and line it cannot read)."""
    kind = FORMS[Path(path).suffix.lower()]
    document = read_pdf(path, wanted_pages) if kind == "pdf" else read_text(path)
    return read_document(document, agency)


def read_document(document: Document, agency: str | None = None) -> Accounts:
    path, lines = document.file, list(document.lines)
    span = part6(lines)
    if span is None:
        raise InputError(path, None, msg("input.report.no_part6_pages" if document.pages else "input.report.no_part6_text"))
    first, end = span
    part = lines[first:end]
    grid, built = _grid(part, path)
    regions = find_regions([grid], path)
    if "chart" not in regions and "appropriation" in regions:
        region = regions["appropriation"]
        refuse_net_budgeted(printed_posts(region), path, region.source("appropriation").place)
    require_sections(regions, [grid], path)
    clues = gather([grid], regions, {}, path, agency)
    _name_clue(part, path, clues)
    the_agency, facts = settle(clues)
    year = the_agency.year

    accounts = Accounts(the_agency, *read_statements(regions, year), file=path, facts=facts)
    accounts, restorations = resolve(accounts, built.ambiguities, grid)
    key_at = next((i for i, line in enumerate(lines[:first]) if is_title(line.text)), None)
    key_figures = read_key_figures(lines[key_at:first], path, year) if key_at is not None else None
    statements_at = min(region.title_cell.row for region in regions.values())
    prose = [line for line in part if line.index < statements_at]
    published = Published(key_figures=key_figures, quotes=read_quotes(prose, path, year),
                          restorations=restorations, pages=_pages(document, part))
    return replace(accounts, published=published)


def _grid(part: list[PrintedLine], path: str) -> tuple[TextGrid, Built]:
    titles = find_titles(part)
    if not titles:
        raise InputError(path, part[0].source(path).place, msg("input.report.no_titles"))
    dropped = dropped_titles(part)
    built = Built()
    bounds = [t.first for t in titles] + [len(part)]
    for i, line in enumerate(part[:titles[0].first]):
        if line.text.strip() and i not in dropped:
            # a PDF line keeps its cells (a workbook's details printed as label and value); text is one cell
            cells = [text.rstrip("\u00a0") for _, _, text in line.cells] if len(line.cells) > 1 else [line.text.strip()]
            built.put(line.index, {k: text for k, text in enumerate(cells, start=1)})
    # the year the titles print tells this year's column from last year's while the rows are laid out
    # (the agency's facts are settled from the grid afterwards, as for a workbook)
    years = [y for t in titles for y in years_in(t.text)]
    year = max(set(years), key=years.count) if years else None
    for title, stop in zip(titles, bounds[1:]):
        built.put(part[title.first].index, {1: title.text})
        body = [line for k, line in enumerate(part[title.first + title.count:stop], start=title.first + title.count)
                if k not in dropped]
        if title.section == "appropriation":
            build_appropriation(body, built, path, year)
        elif title.section in ("note_a", "note_b"):
            build_note_ab(body, built, path, title.section)
        else:
            build_line_table(body, built, path, layout_of(title.section))
    places = {line.index: line for line in part}
    return TextGrid(path, "del 6", built.values, places), built


def _name_clue(part: list[PrintedLine], path: str, clues) -> None:
    """The agency's name as part 6 opens: «Integrerings- og mangfaldsdirektoratet (IMDi) er eit …»."""
    import re

    pattern = re.compile(r"^(?P<name>[A-ZÆØÅ][\w\- ]{3,120}?\s*\((?P<short>[A-ZÆØÅ][\w\-]{1,14})\))\s+(?:er|var)\s")
    for line in part[:80]:
        match = pattern.match(line.text.strip())
        if match:
            clues.names.insert(0, (INFERRED, Clue(" ".join(match.group("name").split()), line.source(path),
                                                 msg("basis.first_sentence", text=line.text.strip()[:60]))))
            return


def _pages(document: Document, part: list[PrintedLine]) -> str:
    pages = sorted({line.page for line in part if line.page is not None})
    if document.pages:
        return f"{min(document.pages)}–{max(document.pages)} of {document.page_count}"
    if pages:
        return f"{pages[0]}–{pages[-1]}"
    return f"lines {part[0].line}–{part[-1].line}"
