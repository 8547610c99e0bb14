"""The agency's facts — its year, name, short name, language and model — from what the accounts print.

No section of avstem's own is required. The readers gather :class:`Clues`:
the statements' titles and year headings («Oppstilling av
løyvingsrapportering 31.12.2023», «Regnskap 2024», ``2023 | 2022``), each
statement's language by its labels, a title line above the statements
(«IMDi – arbeidsbok for årsrekneskapen 2023», «Årsregnskap 2024 for
Direktoratet for …»), a workbook's document properties, a principle note
naming its R-115, ``--agency`` and the file name. :func:`settle` turns them
into the :class:`~ledger.core.accounts.Agency` and one
:class:`~ledger.core.facts.Fact` per subject, each with its origin and the
place it was read:

* a details section (the YAML form's ``agency:``, a workbook's «Opplysninger
  om virksomheten») wins; the inferred value it replaces is kept in
  ``overrides``;
* the year: every title and heading that prints one must agree (a
  contradiction names both places); none at all is an input error, since
  every year column and every dated limit hangs on it;
* the language: the standard most statements are written in (a statement
  counts for the standard most of its marked words belong to,
  :mod:`ledger.vocabulary.language`); mixed accounts are allowed;
* the name: document properties, a title line, ``--agency``, the file
  name, in that order; the short name is the abbreviation the name carries
  in brackets, or the name itself;
* the model: a principle note naming its R-115 edition, else the edition
  for the year (:data:`EDITIONS`).

A fact that cannot be found is a ``missing`` fact, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ledger.core.accounts import FIRST_YEAR, LAST_YEAR, Agency
from ledger.core.errors import InputError
from ledger.core.facts import DETAILS, FILE_NAME, INFERRED, MISSING, OPTION, PROPERTIES, Fact
from ledger.core.source import Source
from ledger.vocabulary.labels import Msg, msg

#: The R-115 editions avstem can tell from the year alone: (first accounts year, edition). R-115 of 15 December
#: 2022 is the current edition, cited by the 2022 and 2023 accounts (regulation.md §1.8). Earlier years are not
#: held: an edition of 2016 applied from the 2016 accounts, but whether another came between it and December
#: 2022 was not established, so for 2010–2021 the model is a missing fact unless the accounts or a details
#: section name it.
EDITIONS = ((2022, "R-115 desember 2022"),)

#: How a name is known, in order of preference after a details section.
NAME_ORIGINS = (PROPERTIES, INFERRED, OPTION, FILE_NAME)


@dataclass(frozen=True)
class Clue:
    """One thing the accounts say about themselves: a value, where it was read and from what."""

    value: str
    source: Source | None
    basis: "str | Msg"  # what it was read from, a catalogue text (``basis.*``) the outputs render


@dataclass
class Clues:
    """Everything a reader found about the agency, for :func:`settle`."""

    file: str
    details: dict[str, Clue] = field(default_factory=dict)  # a details section, by field of Agency
    years: list[Clue] = field(default_factory=list)  # titles and headings
    languages: list[Clue] = field(default_factory=list)  # one per statement whose labels tell
    names: list[tuple[str, Clue]] = field(default_factory=list)  # (origin, clue)
    models: list[Clue] = field(default_factory=list)  # a principle note naming its R-115
    year_place: Source | None = None  # where a year was looked for first (the appropriation statement's title)
    year_wanted: "str | Msg" = msg("input.year.wanted")  # what to do where none is found


def place(source: Source | None) -> str | None:
    """A place as an input error names it: a workbook's cell, a YAML file's line and path."""
    if source is None:
        return None
    if source.line is not None and source.path:
        return f"{source.line} ({source.path})"
    return source.place or None


# --- the year -------------------------------------------------------------------------------

_DATE_YEAR = re.compile(r"(?:^|[^0-9])(?:31\s*\.\s*12\s*\.\s*|31\.\s*desember\s+)?((?:19|20|21)[0-9][0-9])(?![0-9])",
                        re.IGNORECASE)


def years_in(text: str) -> list[int]:
    """The accounts years a title or heading names: ``31.12.2023``, ``2023``, ``Regnskap 2024`` (in range)."""
    return [int(m.group(1)) for m in _DATE_YEAR.finditer(text) if FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR]


def _settle_year(clues: Clues, facts: list[Fact]) -> int:
    inferred = clues.years
    first = inferred[0] if inferred else None
    for clue in inferred[1:]:
        if clue.value != first.value:
            raise InputError(clues.file, place(clue.source), msg("input.year.contradicted", basis=clue.basis, value=clue.value,
                                                                 first_basis=first.basis, first_value=first.value,
                                                                 first_place=place(first.source) or clues.file))
    stated = clues.details.get("year")
    if stated is not None:
        overrides = first.value if first is not None and first.value != stated.value else None
        facts.append(Fact("agency.year", stated.value, DETAILS, stated.source, stated.basis,
                          msg("basis.overrides", value=overrides, basis=first.basis) if overrides else None))
        return int(stated.value)
    if first is None:
        raise InputError(clues.file, place(clues.year_place), msg("input.year.nowhere", wanted=clues.year_wanted))
    facts.append(Fact("agency.year", first.value, INFERRED, first.source, first.basis))
    return int(first.value)


# --- the language --------------------------------------------------------------------------------


def _settle_language(clues: Clues, facts: list[Fact]) -> str:
    votes = [c.value for c in clues.languages]
    counted = {lang: votes.count(lang) for lang in ("nb", "nn")}
    inferred = None
    if votes and counted["nb"] != counted["nn"]:
        inferred = max(counted, key=counted.get)
    basis = msg("basis.labels_of_statements", n=counted.get(inferred, 0), total=len(votes)) if inferred else ""
    stated = clues.details.get("language")
    if stated is not None:
        overrides = msg("basis.overrides", value=inferred, basis=basis) if inferred and inferred != stated.value else None
        facts.append(Fact("agency.language", stated.value, DETAILS, stated.source, stated.basis, overrides))
        return stated.value
    if inferred is None:
        why = msg("basis.language_tied", n=counted["nb"]) if votes else msg("basis.language_untold")
        facts.append(Fact("agency.language", None, MISSING, None, why))
        return ""
    first = next(c for c in clues.languages if c.value == inferred)
    facts.append(Fact("agency.language", inferred, INFERRED, first.source, basis))
    return inferred


# --- the name ----------------------------------------------------------------------------------------

_ACCOUNTS_WORD = re.compile(r"\b(?:års)?(?:regnskap|rekneskap|rapport)\w*|\barbeidsbok\w*|\boppstilling\w*"
                            r"|\bårsoppgjør\w*|\bnoter\b|\bnotar\b", re.IGNORECASE)
_DASH = re.compile(r"\s+[–—-]\s+|\s*[:|]\s+")
_FOR_NAME = re.compile(r"^(?:\S+\s+)*?(?:års)?(?:regnskap|rekneskap|rapport)\w*(?:\s+\S+)*?\s+for\s+(?P<name>.+)$",
                       re.IGNORECASE)
_YEARS = re.compile(r"(?:31\.12\.)?(?:19|20|21)[0-9][0-9]|\(\s*\)")
_ABBREVIATION = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]{2,15})\)$")
_MAX_NAME = 120
_MAX_TITLE_WORDS = 15  # a title line, not a sentence of the principle note («Årsregnskap for statlige virksomheter …»)


def _clean(text: str) -> str:
    text = " ".join(_YEARS.sub(" ", text).split())
    return text.strip(" ,.;:–—-")


def name_in_title(text: str) -> str | None:
    """The agency's name in a title line, or None: «IMDi – arbeidsbok for årsrekneskapen 2023» → ``IMDi``,
    «Årsregnskap 2024 for Direktoratet for forvaltning og økonomistyring» → ``Direktoratet for …``."""
    text = " ".join(text.split())
    if not text or len(text.split()) > _MAX_TITLE_WORDS or re.search(r"\.(\s|$)", text) \
            or not _ACCOUNTS_WORD.search(text):
        return None
    parts = [p for p in (_clean(p) for p in _DASH.split(text)) if p]
    if len(parts) > 1:
        names = [p for p in parts if not _ACCOUNTS_WORD.search(p)]
        if len(names) == 1 and len(names) < len(parts):
            return _name(names[0])
        return None
    match = _FOR_NAME.match(_clean(text))
    return _name(match.group("name")) if match else None


def name_in_property(text: str) -> str | None:
    """The agency's name in a document property: a title line, or a name alone (not a year, not a statement)."""
    text = " ".join((text or "").split())
    if not text:
        return None
    if _ACCOUNTS_WORD.search(text):
        return name_in_title(text)
    return _name(_clean(text))


def _name(text: str) -> str | None:
    text = text.strip(" ,.;:–—-")
    if not text or len(text) > _MAX_NAME or not re.search(r"[^\W\d_]", text):
        return None
    return text


_FILE_WORDS = {"årsregnskap", "arsregnskap", "årsrekneskap", "arsrekneskap", "regnskap", "rekneskap", "accounts",
               "arbeidsbok", "bokmål", "bokmal", "nynorsk", "nb", "nn"}


def name_from_file(path: str) -> str:
    """A name from the file name, the last resort: its words without years and the words every file has."""
    stem = Path(path).stem
    kept = [w for w in re.split(r"[\s_.\-–]+", stem) if w and not re.fullmatch(r"[0-9]{4}", w)
            and w.casefold() not in _FILE_WORDS]
    return " ".join(kept) or stem


def split_abbreviation(name: str) -> tuple[str, str | None]:
    """``Integrerings- og mangfoldsdirektoratet (IMDi)`` → (the name, ``IMDi``); a name without one → (name, None)."""
    match = _ABBREVIATION.match(name)
    if match:
        return match.group("name").strip(), match.group("short").strip()
    return name, None


def _settle_names(clues: Clues, facts: list[Fact]) -> tuple[str, str]:
    stated, stated_short = clues.details.get("name"), clues.details.get("short_name")
    if stated is not None:
        origin, clue = DETAILS, stated
    else:
        origin, clue = min(clues.names, key=lambda n: NAME_ORIGINS.index(n[0]))
    # a stated name is kept as written; an inferred one gives up its abbreviation to the short name
    name, abbreviation = (clue.value, None) if origin == DETAILS else split_abbreviation(clue.value)
    facts.append(Fact("agency.name", name, origin, clue.source, clue.basis))
    if stated_short is not None:
        short = stated_short.value
        facts.append(Fact("agency.short_name", short, DETAILS, stated_short.source, stated_short.basis))
    elif abbreviation:
        short = abbreviation
        facts.append(Fact("agency.short_name", short, origin, clue.source, msg("basis.abbreviation_in", basis=clue.basis)))
    else:
        short = name
        facts.append(Fact("agency.short_name", short, origin, clue.source, msg("basis.no_short_name", basis=clue.basis)))
    return name, short


# --- the model -----------------------------------------------------------------------------------------

_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember")
_R115 = re.compile(r"R-?\s*115\s*(?:av|fra|frå|datert|of)?\s*(?:(?:[0-9]{1,2})\.?\s*)?"
                   r"(?:(?P<month>" + "|".join(_MONTHS) + r")|(?P<number>[0-9]{1,2})\.)\s*(?P<year>(?:19|20)[0-9][0-9])",
                   re.IGNORECASE)


def model_in(text: str) -> str | None:
    """The R-115 edition a principle note cites: «R-115 av desember 2022», «R-115 av 15.12.2022» →
    ``R-115 desember 2022``."""
    match = _R115.search(text)
    if not match:
        return None
    if match.group("month"):
        month = match.group("month").casefold()
    else:
        number = int(match.group("number"))
        if not 1 <= number <= 12:
            return None
        month = _MONTHS[number - 1]
    return f"R-115 {month} {match.group('year')}"


def edition_for(year: int) -> str | None:
    """The R-115 edition that governs the accounts for ``year``, where avstem holds it."""
    found = None
    for first, edition in EDITIONS:
        if year >= first:
            found = edition
    return found


def _settle_model(clues: Clues, year: int, facts: list[Fact]) -> str:
    stated = clues.details.get("model")
    note = clues.models[0] if clues.models else None
    if stated is not None:
        overrides = msg("basis.overrides", value=note.value, basis=note.basis) if note and note.value != stated.value \
            else None
        facts.append(Fact("agency.model", stated.value, DETAILS, stated.source, stated.basis, overrides))
        return stated.value
    if note is not None:
        facts.append(Fact("agency.model", note.value, INFERRED, note.source, note.basis))
        return note.value
    edition = edition_for(year)
    if edition is None:
        facts.append(Fact("agency.model", None, MISSING, None,
                          msg("basis.model_not_held", first=EDITIONS[0][0], year=year)))
        return ""
    year_fact = next(f for f in facts if f.subject == "agency.year")
    facts.append(Fact("agency.model", edition, INFERRED, year_fact.source,
                      msg("basis.model_for_year", year=year, edition=edition, first=EDITIONS[0][0])))
    return edition


# --- all together --------------------------------------------------------------------------------------


def settle(clues: Clues) -> tuple[Agency, tuple[Fact, ...]]:
    """The agency and its facts (raises InputError where the year is missing or contradicted)."""
    facts: list[Fact] = []
    year = _settle_year(clues, facts)
    name, short = _settle_names(clues, facts)
    language = _settle_language(clues, facts)
    model = _settle_model(clues, year, facts)
    details = clues.details
    agency = Agency(
        name=name, short_name=short, year=year, model=model, language=language,
        ministry=details["ministry"].value if "ministry" in details else "",
        published_in=details["published_in"].value if "published_in" in details else "",
    )
    order = ("agency.year", "agency.name", "agency.short_name", "agency.language", "agency.model")
    return agency, tuple(sorted(facts, key=lambda f: order.index(f.subject)))


def file_name_clue(path: str) -> tuple[str, Clue]:
    return FILE_NAME, Clue(name_from_file(path), Source(path), msg("basis.file_name", file=Path(path).name))


def option_clue(name: str | None, path: str) -> list[tuple[str, Clue]]:
    return [(OPTION, Clue(name.strip(), None, "--agency"))] if name and name.strip() else []
