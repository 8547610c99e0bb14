"""Part 2's table of key figures (nøkkeltall), as printed: a figure per year for each row.

The table is found by its title; its heading prints the years (``2019 2020 2021 2022 2023``), each row a
label, sometimes wrapped over two lines, and one figure per year (``93 %``, ``13 419 018``). Where the
figures ran together, a row of one key figure over the years is read only if exactly one reading gives
every year's figure the same number of digit groups (a series of one measure); otherwise the row is kept
without figures and the KF rules say it could not be read. The key figures avstem recomputes are named by
``ledger/vocabulary/key_figures.py``; other rows are kept with the id None.
"""

from __future__ import annotations

import re
from typing import Sequence

from ledger.core.accounts import Figure
from ledger.core.published import KeyFigure, KeyFigures
from ledger.forms.published.document import PrintedLine
from ledger.forms.published.numbers import amount_tail, partitions
from ledger.vocabulary.key_figures import KEY_FIGURE_TABLE, key_figure_of, unit_of
from ledger.vocabulary.labels import loose

_YEAR = re.compile(r"^(?:19|20|21)\d\d$")
_TABLE_FORMS = sorted({loose(f) for f in KEY_FIGURE_TABLE.forms()}, key=len, reverse=True)


def is_title(text: str) -> bool:
    key = loose(text)
    return len(key) < 90 and any(key.startswith(form) for form in _TABLE_FORMS)


def read_key_figures(lines: Sequence[PrintedLine], path: str, year: int) -> KeyFigures | None:
    """The table below its title in ``lines`` (the title first); None when no year heading follows it."""
    if not lines:
        return None
    title = lines[0]
    years: list[int] = []
    rows: list[KeyFigure] = []
    pending: list[PrintedLine] = []
    for line in lines:
        tokens = [t for t in line.text.replace("\u00a0", " ").split() if t]
        if not tokens:
            continue
        if not years:
            found = [int(t) for t in tokens if _YEAR.match(t)]
            if len(found) >= 2:
                years = found
            continue
        if tokens[0].startswith("*") or len(rows) > 20:
            break
        percent = "%" in tokens
        tokens = [t for t in tokens if t != "%"]
        n = amount_tail(tokens)
        if n and not partitions(tuple(tokens[len(tokens) - n:]), len(years)):
            n = 0  # «Driftsutgifter post 01»: a number in the label, not the row's figures
        if n == 0:
            pending.append(line)
            if len(pending) > 2:
                break  # the text after the table
            continue
        first = pending[0] if pending else line
        label = " ".join([p.text.strip() for p in pending] + tokens[:len(tokens) - n])
        pending = []
        values = _values(tuple(tokens[len(tokens) - n:]), len(years))
        source = first.source(path)
        figures = {y: Figure(v, line.source(path, f"key_figures.{loose(label)[:30]}[{y}]"))
                   for y, v in zip(years, values or ())}
        rows.append(KeyFigure(key_figure_of(label), " ".join(label.split()), unit_of(label, "%" if percent else ""),
                              figures, source))
    if not years:
        return None
    if year not in years:
        return None
    return KeyFigures(" ".join(title.text.split()), tuple(rows), title.source(path))


def _values(tokens: tuple[str, ...], count: int):
    """The one reading of a row's figures as one per year (see the module's docstring), or None."""
    readings = partitions(tokens, count)
    if len(readings) == 1:
        return readings[0]
    even = [r for r in readings if len({len(str(abs(v)).split(".")[0]) // 3 if v is not None else -1
                                        for v in r}) == 1]
    return even[0] if len(even) == 1 else None
