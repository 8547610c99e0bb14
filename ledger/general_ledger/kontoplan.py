"""The mapping from standard-kontoplan accounts to lines of the chart-of-accounts
statement, read from a documented data file (``ledger/general_ledger/data/kontoplan.csv``).

The file is the one place that says which account feeds which line; an agency
overrides it with ``[ledger] kontoplan = "…"`` in avstem.toml. This module
also knows, from the layout, what kind of line a target is: a line reported to
the appropriation accounts (it needs kapittel and post), a balance line of the
mellomværende (reported through the capital accounts, no kapittel/post), or
an account that is booked but never reported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ledger.core.errors import InputError
from ledger.guards.input_file import input_error, regular_file
from ledger.vocabulary.labels import Msg, msg
from ledger.vocabulary.layout import CHART

DEFAULT = Path(__file__).parent / "data" / "kontoplan.csv"


def kontoplan_name(path: str) -> "Msg | str":
    """The mapping as a reader knows it: avstem's own by name (not where it is installed), another by its path."""
    return msg("kontoplan.default") if path and Path(path).resolve() == DEFAULT.resolve() else path
NOT_REPORTED = "-"
_COLUMNS = ["from", "to", "line", "basis", "what"]
_BASES = ("seen", "inferred")

#: Blocks whose lines are income: shown positive for a credit (negative) balance.
_CREDIT_BLOCKS = {"operating_income", "investment_income", "collection"}


def is_balance_line(line_id: str) -> bool:
    return CHART.line(line_id).block == "balance"


def needs_post_line(line_id: str) -> bool:
    """A line reported to the appropriation accounts: its ledger lines need kapittel and post."""
    return line_id != NOT_REPORTED and not is_balance_line(line_id)


def line_sign(line_id: str) -> int:
    """+1 where the line shows the debit-positive ledger sum, −1 where it shows
    income as positive. The common chapters carry their direction in the
    layout: 1985 and 1986 are revenue (sign −1 in the block), 1987 an expense."""
    line = CHART.line(line_id)
    if line.block in _CREDIT_BLOCKS or (line.block == "common_chapters" and line.sign < 0):
        return -1
    return 1


@dataclass(frozen=True)
class Range:
    start: int
    end: int
    line: str  # a CHART detail line id or NOT_REPORTED
    basis: str
    row: int  # line in the data file


@dataclass(frozen=True)
class Kontoplan:
    file: str
    ranges: tuple[Range, ...]  # sorted, not overlapping

    @property
    def lines(self) -> tuple[str, ...]:
        """Every target, in the order of the chart; NOT_REPORTED last."""
        targets = {r.line for r in self.ranges}
        ordered = [line.id for line in CHART.lines if line.id in targets]
        return tuple(ordered + ([NOT_REPORTED] if NOT_REPORTED in targets else []))


def load_kontoplan(path: str | Path | None = None) -> Kontoplan:
    """Read and validate a kontoplan mapping; errors name the file and line."""
    path = Path(path) if path else DEFAULT
    name = str(path)
    try:
        regular_file(path)
    except InputError as exc:
        raise InputError(name, None, msg("input.kontoplan.file", problem=exc.message)) from None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise input_error(name, exc) from None
    except UnicodeDecodeError as exc:
        raise InputError(name, None, msg("input.kontoplan.undecodable", detail=str(exc))) from None
    rows = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not rows:
        raise InputError(name, None, msg("input.kontoplan.empty"))
    header_no, header = rows[0]
    if [c.strip() for c in header.split(";")] != _COLUMNS:
        raise InputError(name, str(header_no), msg("input.kontoplan.header", header=";".join(_COLUMNS)))
    detail_ids = {line.id for line in CHART.lines if line.role == "detail"}
    ranges: list[Range] = []
    for n, raw in rows[1:]:
        fields = next(csv.reader(io.StringIO(raw), delimiter=";"))
        if len(fields) != len(_COLUMNS):
            raise InputError(name, str(n), msg("input.kontoplan.fields", width=len(_COLUMNS), found=len(fields)))
        start, end, line, basis = (f.strip() for f in fields[:4])
        if not (start.isascii() and end.isascii() and start.isdigit() and end.isdigit() and len(start) == len(end) == 4
                and start <= end):
            raise InputError(name, str(n), msg("input.kontoplan.range", start=start, end=end))
        if line != NOT_REPORTED and line not in detail_ids:
            raise InputError(name, str(n), msg("input.kontoplan.line", line=line))
        if basis not in _BASES:
            raise InputError(name, str(n), msg("input.kontoplan.basis", basis=basis, bases=", ".join(_BASES)))
        ranges.append(Range(int(start), int(end), line, basis, n))
    ranges.sort(key=lambda r: r.start)
    for a, b in zip(ranges, ranges[1:]):
        if b.start <= a.end:
            raise InputError(name, str(b.row), msg("input.kontoplan.overlap", start=b.start, end=b.end,
                                                   other_start=a.start, other_end=a.end, row=a.row))
    return Kontoplan(name, tuple(ranges))
