"""Tell Bokmål from Nynorsk by the words of the label dictionary.

Every label avstem knows is written in both standards (:mod:`ledger.vocabulary.labels`,
:mod:`ledger.vocabulary.layout`). A word that occurs only in the Nynorsk forms
(«løyvingsrapportering», «innbetalingar», «frå») marks Nynorsk, one that occurs
only in the Bokmål forms («bevilgningsrapportering», «innbetalinger», «fra»)
marks Bokmål; words both share («note», «sum», «lønn») mark nothing. A
statement is in the standard most of its marked words belong to, so an
agency's own lines, names and English words do not disturb it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Iterable

from ledger.vocabulary.labels import (
    AGENCY_FIELDS,
    APPROPRIATION_LINES,
    COLUMNS,
    CONTEXT_PARTS,
    TITLES,
    WORKBOOK_LABELS,
    Text,
    normalise,
)

NB, NN = "nb", "nn"
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def _texts() -> Iterable[Text]:
    from ledger.vocabulary.layout import CHART, NOTE8, NOTES  # the layout imports the labels

    yield from TITLES.values()
    yield from COLUMNS.values()
    yield from APPROPRIATION_LINES.values()
    yield from WORKBOOK_LABELS.values()
    yield from AGENCY_FIELDS.values()
    yield from CONTEXT_PARTS.values()
    from ledger.vocabulary.stikkord import LABELS

    yield from LABELS.values()
    for layout in (CHART, *NOTES, NOTE8):
        yield layout.title
        yield from (line.label for line in layout.lines)
        yield from (block.heading for block in layout.blocks if block.heading is not None)


@cache
def markers() -> dict[str, str]:
    """Word → the standard it marks."""
    nb: set[str] = set()
    nn: set[str] = set()
    for text in _texts():
        if text.nn is None or text.nn == text.nb:
            continue
        nb.update(words(text.nb))
        nn.update(words(text.nn))
    return {**{w: NB for w in nb - nn}, **{w: NN for w in nn - nb}}


def count(texts: Iterable[str]) -> Counter:
    """How many marked words of each standard the texts hold."""
    known = markers()
    return Counter(known[w] for text in texts for w in words(text) if w in known)


def language_of(texts: Iterable[str]) -> str | None:
    """The standard most marked words of ``texts`` belong to; None when none, or as many of each."""
    counted = count(texts)
    if counted[NB] == counted[NN]:
        return None
    return NB if counted[NB] > counted[NN] else NN
