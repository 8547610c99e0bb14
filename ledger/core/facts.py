"""What avstem knows about the accounts beyond their figures, and how it knows it.

An agency's accounts print their year, language and the context of their
appropriations (stikkord, fullmakter) in titles, headings, post texts and
Note B; a section of avstem's own (the YAML form's ``agency:`` and
``context:``, a workbook's details and context sheets, ``--context``) or the
command line may state them too, and wins. Every such fact keeps where it
came from, so every output can say which facts were inferred and from where,
and a fact that could not be found is said, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ledger.core.source import Source

if TYPE_CHECKING:
    from ledger.vocabulary.labels import Text

#: How a fact is known, strongest first.
DETAILS = "details"  # a section of avstem's own: the YAML form's agency:, a workbook's details sheet
CONTEXT = "context"  # the context of the appropriations stated in a section or file of avstem's own
OPTION = "option"  # the command line (--agency)
INFERRED = "inferred"  # read off what the accounts print: a title, a heading, a post text, Note B
PROPERTIES = "document properties"  # the workbook's own document properties (title, company)
FILE_NAME = "file name"
MISSING = "missing"  # not found anywhere: no rule may take it for granted
ORIGINS = (DETAILS, CONTEXT, OPTION, INFERRED, PROPERTIES, FILE_NAME, MISSING)


@dataclass(frozen=True)
class Fact:
    """One fact: what it is about, its value as shown, how it is known and where it was read.

    ``subject`` is a stable id: ``agency.year``, ``agency.name``, ``agency.language``, ``agency.model``,
    ``context.stikkord[0671.45]``, ``context.received_authority[0400.23]`` …; ``basis`` says in a few words
    what it was read from («the title "Oppstilling av løyvingsrapportering 31.12.2023"»); ``overrides``
    names the inferred value a stated one replaced, so the outputs can show both. ``value``, ``basis`` and
    ``overrides`` are plain text or a :class:`~ledger.vocabulary.labels.Text` (nb, nn, en) that the outputs
    render in their language (:meth:`shown`). ``also`` holds the other places that print the same.
    """

    subject: str
    value: "str | Text | None"
    origin: str
    source: Source | None = None
    basis: "str | Text" = ""
    overrides: "str | Text | None" = None
    also: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown origin {self.origin!r} of {self.subject}")

    def shown(self, field: str, lang: str = "nb") -> str | None:
        """``value``, ``basis`` or ``overrides`` as text in ``lang`` (None stays None)."""
        item = getattr(self, field)
        return item if item is None or isinstance(item, str) else item(lang)

    @property
    def inferred(self) -> bool:
        return self.origin == INFERRED

    @property
    def missing(self) -> bool:
        return self.origin == MISSING
