"""The message catalogue: gettext ``.po`` files, one per language and domain, read as they are.

``reports/locale/<lang>/LC_MESSAGES/<domain>.po`` holds every text avstem
says in its own voice: messages, labels, the console's words, input errors
(domain ``avstem``), and the rules' titles, documentation and references
(domain ``rules``). Each entry's ``msgctxt`` is its stable id
(``sum.breach``, ``rule.BR-01.title``), its ``msgid`` the English source a
translator reads, its ``msgstr`` the text in the file's language; an entry
with ``msgid_plural`` has one ``msgstr[n]`` per plural form of the language
(its ``Plural-Forms`` header), and an extracted comment ``#. plural: {count}``
names the parameter that counts. ``reports/locale/<domain>.pot`` is the
template (English) that Poedit's «Update from POT» and Weblate read.

Why the ``.po`` itself and not a compiled ``.mo``: the file a translator
edits in Poedit or Weblate is the file avstem reads, with no build step to
forget in an editable install and no binary to merge; reading it is a few
milliseconds. The reader is this module's own (the format is small), so the
install does not carry Babel (~36 MB) for it; ``tests/test_catalogue.py``
holds it to Babel's reading of every shipped file, and ``tools/catalogue.py``
writes the files with Babel.

A missing entry, or one that is fuzzy or untranslated, is an error
(:class:`MissingText`), never the Bokmål text in its place.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable

LANGUAGES = ("nb", "nn", "en")
DOMAINS = ("avstem", "rules")
LOCALE = Path(__file__).parent / "locale"

_PLURAL_COUNT = re.compile(r"^plural:\s*\{(\w+)\}\s*$")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


class MissingText(LookupError):
    """A text the catalogue does not hold in the language asked for (a defect: the tests find it)."""


@dataclass
class Entry:
    """One entry of a ``.po`` file."""

    id: str  # msgctxt
    source: str  # msgid: the English source
    source_plural: str | None = None  # msgid_plural
    strings: tuple[str, ...] = ()  # msgstr, or msgstr[0], msgstr[1], …
    flags: frozenset[str] = frozenset()
    comments: tuple[str, ...] = ()  # extracted comments (#.)
    line: int = 0

    @property
    def plural(self) -> bool:
        return self.source_plural is not None

    @property
    def count(self) -> str | None:
        """The parameter a plural entry counts (``#. plural: {count}``)."""
        for comment in self.comments:
            match = _PLURAL_COUNT.match(comment)
            if match:
                return match.group(1)
        return None

    @property
    def usable(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.strings) and all(self.strings)


@dataclass
class PoFile:
    path: Path
    header: dict[str, str] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)

    @property
    def plural_forms(self) -> tuple[int, Callable[[int], int]]:
        forms = self.header.get("Plural-Forms", "nplurals=2; plural=(n != 1);")
        match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)", forms)
        if not match:
            raise ValueError(f"{self.path}: unreadable Plural-Forms header {forms!r}")
        return int(match.group(1)), gettext.c2py(match.group(2).strip())


def _unquote(text: str, path: Path, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}:{line}: expected a quoted string, found {text!r}")
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def read_po(path: Path) -> PoFile:
    """Parse a ``.po`` file: entries by ``msgctxt``; obsolete (``#~``) entries are left out."""
    po = PoFile(path)
    fields: dict[str, str] = {}
    flags: set[str] = set()
    comments: list[str] = []
    key: str | None = None
    start = 0

    def flush() -> None:
        nonlocal key, flags, comments, fields
        if "msgid" in fields:
            if fields["msgid"] == "" and "msgctxt" not in fields:
                for line in fields.get("msgstr", "").splitlines():
                    name, _, value = line.partition(":")
                    if value:
                        po.header[name.strip()] = value.strip()
            else:
                plural = sorted((int(k[7:-1]), v) for k, v in fields.items() if k.startswith("msgstr["))
                strings = tuple(v for _, v in plural) if plural else (fields.get("msgstr", ""),)
                context = fields.get("msgctxt")
                if context is None:
                    raise ValueError(f"{path}:{start}: an entry without msgctxt (every entry is named by its id)")
                if context in po.entries:
                    raise ValueError(f"{path}:{start}: {context!r} is defined twice")
                po.entries[context] = Entry(context, fields["msgid"], fields.get("msgid_plural"), strings,
                                            frozenset(flags), tuple(comments), start)
        fields, flags, comments, key = {}, set(), [], None

    with open(path, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.strip()
            if not line:
                flush()
                continue
            if line.startswith("#"):
                if key is not None and key.startswith("msgstr"):
                    flush()
                if line.startswith("#~"):
                    continue
                if line.startswith("#,"):
                    flags.update(f.strip() for f in line[2:].split(",") if f.strip())
                elif line.startswith("#."):
                    comments.append(line[2:].strip())
                continue
            if line.startswith('"'):
                if key is None:
                    raise ValueError(f"{path}:{number}: a string outside an entry")
                fields[key] += _unquote(line, path, number)
                continue
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and key is not None and key.startswith("msgstr"):
                flush()
            if not re.fullmatch(r"msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\]", keyword):
                raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
            if not fields:
                start = number
            key = keyword
            fields[key] = _unquote(rest, path, number)
    flush()
    return po


def po_path(lang: str, domain: str, locale: Path | None = None) -> Path:
    return (locale or LOCALE) / lang / "LC_MESSAGES" / f"{domain}.po"


class Catalogue:
    """The texts of one language, every domain."""

    def __init__(self, lang: str, files: Iterable[PoFile]) -> None:
        self.lang = lang
        self.entries: dict[str, Entry] = {}
        self._plural: Callable[[int], int] = lambda n: int(n != 1)
        for po in files:
            self.entries.update(po.entries)
            self._plural = po.plural_forms[1]

    def __contains__(self, message_id: str) -> bool:
        return message_id in self.entries

    def entry(self, message_id: str) -> Entry:
        entry = self.entries.get(message_id)
        if entry is None or not entry.usable:
            why = "no entry" if entry is None else "the entry is fuzzy or untranslated"
            raise MissingText(f"{message_id!r} in {self.lang}: {why} (reports/locale/{self.lang})")
        return entry

    def template(self, message_id: str, params: dict[str, Any] | None = None) -> str:
        """The entry's text; a plural entry's form for the count in ``params``."""
        entry = self.entry(message_id)
        if not entry.plural:
            return entry.strings[0]
        name = entry.count
        if name is None or params is None or name not in params:
            raise MissingText(f"{message_id!r}: a plural entry needs its count ({name!r}) among the parameters")
        index = self._plural(abs(int(params[name])))
        return entry.strings[min(index, len(entry.strings) - 1)]


@cache
def catalogue(lang: str) -> Catalogue:
    if lang not in LANGUAGES:
        raise MissingText(f"no catalogue for the language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return Catalogue(lang, [read_po(po_path(lang, domain)) for domain in DOMAINS])


def has(message_id: str) -> bool:
    return message_id in catalogue("en")
