"""The figures the report's text quotes: amounts in kroner, millions and billions, per cent and årsverk.

Read from part 6 before its statements (the ledelseskommentarer and the principle note). The text is joined
into paragraphs (a blank line ends one; a word broken at a line's end is made whole) and split into sentences;
each amount with a unit («22,8 mrd. kroner», «303,1 mill. kroner», «2 prosent», «228 årsverk») is a
:class:`~ledger.core.published.Quote` with:

* the rounding the text uses: one unit of its last printed digit («22,8 mrd.» → 100 000 000 kroner);
* a qualifier before it that bends the interval («vel» at or above, «i underkant av» below, «om lag»
  either side);
* its topic: the most specific topic word of its clause before it (``TOPICS`` in
  ``ledger/vocabulary/key_figures.py``), else the topic of the amount before it in the sentence («… 303,1
  mill. kroner, og 6,1 mill. kroner er knytte til kap. 670»), else a topic within a few words after it;
  none where the clause speaks of a change («auke», «ekstra») rather than a figure of the accounts;
* a year the clause names before it, where that is not the accounts' year («frå 2022, då … var på 14,6 mrd.»).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Sequence

from ledger.core.published import Quote
from ledger.forms.published.document import PrintedLine
from ledger.vocabulary.key_figures import QUALIFIERS, SCALES, TOPICS

_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s*"
    r"(?P<unit>mrd\.?|milliard(?:er)?|mill\.?|million(?:ar|er)?|kroner|kr\.?(?=\s)|prosent|%|årsverk)",
    re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
#: Topics in order of how much they say: the most specific one in a clause wins.
PRIORITY = ("repayments", "employer_tax", "transferable", "underspend", "expensed", "allocation", "grants",
            "salaries", "revenue", "fte")
#: Words that make an amount a change or a part, not a figure the accounts print.
CHANGE = ("auke", "økning", "auka", "økt", "ekstra", "tilleggs", "reduksjon", "nedgang", "endring", "redusert")
_AFTER_WORDS = 6


def read_quotes(lines: Sequence[PrintedLine], path: str, year: int) -> tuple[Quote, ...]:
    out: list[Quote] = []
    for text, places in _paragraphs(lines):
        for start, sentence in _sentences(text):
            out += _quotes(sentence, start, places, path, year)
    return tuple(out)


def _whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _paragraphs(lines: Sequence[PrintedLine]):
    """Paragraphs as one text each, with the line every character came from."""
    text, places = "", []
    for line in list(lines) + [None]:
        raw = line.text.strip() if line is not None else ""
        if not raw:
            if text:
                yield text, places
            text, places = "", []
            continue
        if text.endswith("-") and raw[:1].islower():
            text, places = text[:-1], places[:-1]
        elif text:
            text += " "
            places.append(line)
        text += raw
        places += [line] * len(raw)


def _sentences(text: str):
    start = 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def _topic(words: str) -> str | None:
    """The most specific topic the words name (stems at a word's start)."""
    lowered = " " + " ".join(words.lower().split())
    found = [topic for topic, stems in TOPICS.items() if any(f" {stem}" in lowered for stem in stems)]
    return min(found, key=PRIORITY.index) if found else None


def _changes(words: str) -> bool:
    lowered = " " + " ".join(words.lower().split())
    return any(f" {word}" in lowered for word in CHANGE)


def _qualifier(before: str) -> str:
    tail = " " + " ".join(before.lower().split()[-4:])
    for kind, words in QUALIFIERS.items():
        if any(tail.endswith(" " + w) or tail.endswith(" " + w + " på") for w in words):
            return kind
    return ""


def _quotes(sentence: str, offset: int, places: list, path: str, year: int) -> list[Quote]:
    out: list[Quote] = []
    previous_end, previous_topic = 0, None
    for match in _AMOUNT.finditer(sentence):
        number, unit = match.group("number"), match.group("unit").lower().rstrip(".")
        before = sentence[previous_end:match.start()]
        after = " ".join(sentence[match.end():].split()[:_AFTER_WORDS])
        digits = number.replace(" ", "").replace("\u00a0", "")
        integer, _, decimals = digits.partition(",")
        value = Decimal(f"{integer}.{decimals}" if decimals else integer)
        step = Decimal(1).scaleb(-len(decimals))
        if unit in ("prosent", "%"):
            kind, scale = "percent", Decimal(1)
        elif unit == "årsverk":
            kind, scale = "fte", Decimal(1)
        else:
            kind, scale = "kroner", SCALES.get(unit, Decimal(1))
        if kind == "kroner" and scale == 1 and len(integer) < 4:
            previous_end = match.end()
            continue  # «3 kroner»: no figure of the accounts
        topic = "fte" if kind == "fte" else None
        if topic is None and not _changes(before):
            topic = _topic(before) or previous_topic or (None if _changes(after) else _topic(after))
        years = [int(y) for y in _YEAR.findall(before)]
        other = next((y for y in reversed(years) if y != year), None) if years and years[-1] != year else None
        place = places[min(offset + match.start(), len(places) - 1)] if places else None
        out.append(Quote(" ".join(sentence.split()), match.group(0).strip(), _whole(value * scale), kind,
                         _whole(step * scale),
                         _qualifier(before), topic, other,
                         place.source(path, f"text.quotes[{match.group(0).strip()}]") if place else None))
        previous_end, previous_topic = match.end(), topic or previous_topic
    return out
