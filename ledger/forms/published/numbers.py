"""Amounts in a printed line whose cells ran together.

Text extracted from a PDF joins a table row's cells with single spaces, and
Norwegian amounts group their digits with spaces too: ``373 849 000 367 764
135`` is two amounts or three or one. :func:`partitions` lists every way the
digit groups can be read as a given number of amounts under the money
grammar (a head of one to three digits, no leading zero unless it is ``0``
alone, then groups of exactly three); a caller keeps the readings the
statement's own arithmetic allows, and refuses the row when more than one
is left (never a guess).

A run of spaces marks empty cells between two others (one space joins
cells, so ``a␣␣b`` has one empty cell between ``a`` and ``b``): splitting a
line at single spaces gives one empty token per empty cell. A PDF read with
the words' positions keeps each cell's amount in one token, its groups
joined by no-break spaces, so such a token is an amount by itself.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from ledger.core.errors import PlacedValueError
from ledger.core.money import parse_amount

#: One digit group as printed: an optional sign or parenthesis, digits, an optional closing parenthesis.
_GROUP = re.compile(r"^[-\u2212\u2013(]?\d{1,3}\)?$|^\d{1,3}\)?$")
_HEAD = re.compile(r"^(?P<sign>[-\u2212\u2013]|\()?(?P<digits>0|[1-9]\d{0,2})(?P<close>\))?$")
_TAIL = re.compile(r"^\d{3}\)?$")
#: Tokens that stand for an empty figure cell.
BLANK_TOKENS = {"-", "\u2013", "\u2014", "\u2212"}
#: Past this many readings a row is refused rather than searched (a row of a statement has a handful).
MAX_READINGS = 4096


def is_group(token: str) -> bool:
    """A digit group, a whole amount kept in one cell (grouped by no-break spaces), a dash or an empty cell."""
    return bool(_GROUP.match(token)) or token in BLANK_TOKENS or token == "" or _whole(token)


def _whole(token: str) -> bool:
    if "\u00a0" not in token:
        return False
    try:
        return parse_amount(token) is not None
    except PlacedValueError:
        return False


def amount_tail(tokens: list[str]) -> int:
    """How many tokens at the end of ``tokens`` are digit groups (the figures of a row)."""
    n = 0
    for token in reversed(tokens):
        if not is_group(token):
            break
        n += 1
    return n


def _valid(groups: tuple[str, ...]) -> bool:
    if len(groups) == 1 and (groups[0] in BLANK_TOKENS or groups[0] == "" or _whole(groups[0])):
        return True
    if any(g == "" or "\u00a0" in g for g in groups):
        return False
    head = _HEAD.match(groups[0])
    if not head:
        return False
    if head.group("digits") == "0" and len(groups) > 1:
        return False
    opened = head.group("sign") == "("
    closed = bool(head.group("close")) if len(groups) == 1 else groups[-1].endswith(")")
    if head.group("close") and len(groups) > 1:
        return False
    if any(not _TAIL.match(g) or (g.endswith(")") and i < len(groups) - 2) for i, g in enumerate(groups[1:])):
        return False
    return opened == closed


def value_of(groups: tuple[str, ...]) -> Decimal | None:
    text = " ".join(groups).replace("\u00a0", " ")
    try:
        return parse_amount(text)
    except PlacedValueError:
        return None


@lru_cache(maxsize=4096)
def partitions(tokens: tuple[str, ...], count: int) -> tuple[tuple[Decimal | None, ...], ...]:
    """Every reading of ``tokens`` as exactly ``count`` amounts (None: a dash for an empty cell), in order."""
    out: list[tuple[Decimal | None, ...]] = []

    def walk(start: int, left: int, acc: tuple) -> None:
        if len(out) > MAX_READINGS:
            return
        if left == 0:
            if start == len(tokens):
                out.append(acc)
            return
        for end in range(start + 1, len(tokens) - left + 2):
            groups = tokens[start:end]
            if not _valid(groups):
                if end - start > 1 and not _TAIL.match(groups[-1]):
                    break
                continue
            if end - start > 1 and not _valid(groups[:1] + groups[1:]):
                continue
            value = value_of(groups)
            if value is None and not (len(groups) == 1 and (groups[0] in BLANK_TOKENS or groups[0] == "")):
                continue  # beyond the money grammar (more than 15 digits)
            walk(end, left - 1, acc + (value,))

    walk(0, count, ())
    return tuple(out)


def readings(tokens: tuple[str, ...], counts: range) -> Iterator[tuple[Decimal | None, ...]]:
    for count in counts:
        yield from partitions(tokens, count)
