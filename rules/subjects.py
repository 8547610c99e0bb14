"""What findings are about, named the same way by every family that checks the figure.

The statements' short names are the vocabulary's; the subjects built on them
here are shared by families that look at one figure from different sides (a
post's regnskap: BR, X, LG; a Note B column: NB, T). Line tables name their
lines in :mod:`rules.lines`.
"""

from __future__ import annotations

from ledger.core.accounts import NoteARow, NoteBRow, PostKey
from ledger.vocabulary.labels import COLUMNS, SHORT_TITLES, Text, phrase, same

APPROPRIATION = SHORT_TITLES["appropriation"]
NOTE_A = SHORT_TITLES["note_a"]
NOTE_B = SHORT_TITLES["note_b"]


def post_subject(key: PostKey, column: str) -> Text:
    """A column of a kapittel/post's row in the appropriation statement: ``Bevilgningsrapportering – 0670.01 – Regnskap``."""
    return phrase(APPROPRIATION, same(str(key)), COLUMNS[column])


def note_key(row: NoteARow | NoteBRow) -> str:
    """A Note A or Note B row's kapittel/post, or ``total`` for its total row."""
    return str(row.key) if row.key is not None else "total"


def note_b_subject(row: NoteBRow, column: str) -> Text:
    return phrase(NOTE_B, same(note_key(row)), COLUMNS[column])
