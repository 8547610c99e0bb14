"""The parts of an annual report (årsrapport) by their titles: part 2 (the key figures) and part 6 (the accounts).

DFØ's guidance gives the report six parts; part 2 «Introduksjon til
virksomheten og hovedtall» holds the table of key figures (nøkkeltall),
part 6 «Årsregnskap» the ledelseskommentarer, the principle note, the
statements and the notes. A part's title is «6. Årsregnskap», «6
Årsrekneskap», «Del VI Årsregnskap» or the title alone on its line; the
table of contents and running headings print it too, so part 6 is the last
printing of its title that is followed by the appropriation statement's
title, and part 2 the printing followed by the key-figure table.
"""

from __future__ import annotations

import re
from typing import Sequence

from ledger.forms.published.document import PrintedLine
from ledger.forms.published.key_figures import is_title as is_key_figures_title
from ledger.vocabulary.labels import TITLES, loose

PART6 = re.compile(r"^\s*(?:(?:del\s+)?(?:6|vi)\.?\s+)?(?:årsregnskap|årsrekneskap)(?:et|en)?(?:\s+(?:19|20)\d\d)?\s*$",
                   re.IGNORECASE)
PART2 = re.compile(r"^\s*(?:(?:del\s+)?(?:2|ii)\.?\s+)?introduksjon\s+til\s+(?:virksomheten|verksemda)"
                   r"(?:\s+og\s+(?:hovedtall|hovudtal))?\s*$", re.IGNORECASE)
#: The next part after part 6: part 7 or the appendices (vedlegg).
AFTER6 = re.compile(r"^\s*(?:(?:del\s+)?(?:7|vii)\.?\s+\S|vedlegg\b)", re.IGNORECASE)
_APPROPRIATION = {loose(f) for f in TITLES["appropriation"].forms()}


def _has_appropriation_title(text: str) -> bool:
    key = loose(text)
    return any(key.startswith(form) for form in _APPROPRIATION)


def part6(lines: Sequence[PrintedLine]) -> tuple[int, int] | None:
    """(first, end) line indices of part 6 (from its title, or from the start where no part title precedes the
    statements), or None when no statement's title is printed at all."""
    starts = [i for i, line in enumerate(lines) if PART6.match(line.text)]
    statement = next((i for i, line in enumerate(lines) if _has_appropriation_title(line.text)), None)
    if statement is None:
        return None
    before = [i for i in starts if i < statement]
    # without a part title (a workbook printed to PDF, the statements alone) the accounts are the whole document
    first = before[-1] if before else 0
    end = next((i for i in range(statement, len(lines)) if AFTER6.match(lines[i].text)), len(lines))
    return first, end


def wanted_pages(texts: list[str]) -> list[int]:
    """The PDF pages to lay out in full, from each page's quickly extracted text: the part 2 page with the key
    figures and its successor, and part 6 from its title to the end (or part 7)."""
    pages: set[int] = set()
    start = None
    for number, text in enumerate(texts):
        lines = text.split("\n")
        if any(is_key_figures_title(line) for line in lines):
            pages |= {number, number + 1}
        if any(PART6.match(line) for line in lines):
            later = any(_has_appropriation_title(t) for page in texts[number:number + 6] for t in page.split("\n"))
            if later:
                start = number
    if start is None:  # no part title: the pages that print the statements' titles, and those after them
        hits = [n for n, text in enumerate(texts) if any(_has_appropriation_title(t) for t in text.split("\n"))]
        start = max(hits[0] - 2, 0) if hits else None
    if start is not None:
        end = next((n for n in range(start + 1, len(texts))
                    if any(AFTER6.match(line) for line in texts[n].split("\n")[:5])), len(texts))
        pages |= set(range(start, end))
    return sorted(p for p in pages if p < len(texts))
