"""The ledger as the rules see it: how it was read, its quality, what it derives.

Amounts are integer øre (Python ``int``, exact at any size); nothing here is a
float. A rule reads :class:`Ledger` and never touches the file or the frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ledger.core.accounts import PostKey
from ledger.core.source import Source


@dataclass(frozen=True)
class LedgerInfo:
    """How the file was read, for the report."""

    file: str
    form: str  # csv | xlsx
    lines: int
    columns: dict[str, str]  # field -> heading in the file
    missing: tuple[str, ...]  # required fields without a column
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    letters: dict[str, str] = field(default_factory=dict)  # xlsx: field -> column letter
    decimal: str = ""  # "comma" | "point" | "comma and point" | "" (whole kroner only)
    thousands: str = ""  # "space" | "dot" | "space and dot" | ""
    kontoplan: str = ""  # the mapping file used
    unused: tuple[str, ...] = ()  # headings that match no field

    def source(self, row: int, name: str | None = None) -> Source:
        """Where a value was read: ``ledger.csv:17`` or ``ledger.xlsx:Hovedbok!H17``."""
        if self.form == "xlsx":
            letter = self.letters.get(name or "", "")
            return Source(self.file, sheet=self.sheet, cell=f"{letter}{row}" if letter else str(row),
                          path=name)
        return Source(self.file, line=row, path=name)


#: Columns the quality suite checks that are derived from a field: the amount in øre, the year of a date.
DERIVED_FROM = {"amount_ore": "amount", "date_year": "date"}


def field_of(column: str) -> str:
    """The ledger field a checked column holds or is derived from."""
    return DERIVED_FROM.get(column, column)


@dataclass(frozen=True)
class QualityResult:
    """One expectation of the data-quality suite on the imported lines."""

    check: str  # the suite's check id: columns, account_format, …
    column: str  # a field, or a column derived from one (DERIVED_FROM)
    success: bool
    unexpected: int = 0  # lines that failed
    rows: tuple[int, ...] = ()  # the first of them, as numbered in the file
    samples: tuple[str, ...] = ()  # their values, as printed
    error: str | None = None  # the expectation itself could not be evaluated


@dataclass(frozen=True)
class Unplaced:
    """Ledger lines that could not be placed in a statement: never dropped silently."""

    reason: str  # no_account | unmapped_account | no_kapittel_post
    lines: int
    ore: int  # their sum, ledger sign
    rows: tuple[int, ...]  # the first of them
    samples: tuple[str, ...]  # their accounts


@dataclass(frozen=True)
class Derived:
    """The statements as the ledger derives them, in øre, in the statements' signs."""

    posts: dict[PostKey, int]  # regnskap per kapittel/post (expense and revenue positive)
    post_rows: dict[PostKey, int]  # first line of each kapittel/post
    revenue: frozenset[PostKey]  # posts on revenue chapters (and beyond: see derive)
    chart: dict[str, int]  # chart-of-accounts lines this year, totals included
    chart_rows: dict[str, int]  # first line feeding each detail line
    opening: dict[str, int] | None  # mellomværende lines at 1.1. (opening balances); None: not identifiable
    unplaced: tuple[Unplaced, ...]

    @property
    def expense_total(self) -> int:
        return sum(v for k, v in self.posts.items() if k not in self.revenue)

    @property
    def revenue_total(self) -> int:
        return sum(v for k, v in self.posts.items() if k in self.revenue)


@dataclass(frozen=True)
class JournalTest:
    """One journal-entry test on the lines (ledger/general_ledger/journal.py): what it flagged."""

    test: str  # unbalanced, exact_duplicates, …
    count: int  # what it flagged: vouchers, pairs, gaps or lines (see journal.TESTS)
    lines: int  # the lines behind them
    rows: tuple[int, ...]  # the first of them, as numbered in the file
    samples: tuple[str, ...]  # per row: the voucher, amount or date that flagged it


@dataclass(frozen=True)
class Benford:
    """Nigrini's first-digit (``first`` = 1) or first-two-digits (``first`` = 10) test."""

    test: str  # first_digit | first_two_digits
    first: int  # the first digit (group) counted: counts[i] is digit first + i
    n: int  # amounts of at least 10 kr counted
    counts: tuple[int, ...]
    expected: tuple[Decimal, ...]  # Benford's proportions
    mad: Decimal  # mean absolute deviation of the proportions
    conformity: str  # of the MAD beyond chance: close | acceptable | marginal | nonconformity | too_few
    z: tuple[Decimal, ...]  # per digit, with continuity correction
    spikes: tuple[int, ...]  # digits above the expected proportion with Z over the limit
    lines: int = 0  # lines whose amount starts with a spiking digit
    rows: tuple[int, ...] = ()
    chance: Decimal = Decimal(0)  # the MAD n amounts that follow the law show by chance; conformity reads the rest


@dataclass(frozen=True)
class Journal:
    """The journal-entry tests of a ledger (run by the import while the lines are in the engine)."""

    fields: tuple[str, ...]  # the optional fields the ledger has (ledger_fields.JOURNAL_FIELDS)
    tests: dict[str, JournalTest]  # the tests that could run on the ledger's columns
    benford: dict[str, Benford]


@dataclass(frozen=True)
class LedgerLines:
    """The first ledger lines behind each kapittel/post and each chart line (the report's drill-down), as
    written: ``columns`` the fields shown, ``rows`` per key (``str(PostKey)`` or a chart line id) the line
    number and the values."""

    columns: tuple[str, ...]
    posts: dict[str, tuple[tuple, ...]]
    chart: dict[str, tuple[tuple, ...]]
    limit: int  # at most this many lines per key


@dataclass(frozen=True)
class Ledger:
    info: LedgerInfo
    year: int
    year_inferred: bool  # the fiscal year was read off the ledger's dates, not given
    quality: tuple[QualityResult, ...]
    derived: Derived | None  # None when a required column is missing
    journal: Journal | None = None  # None when the journal-entry tests were not asked for
    lines: LedgerLines | None = None  # the first lines behind each sum, where the statements were derived

    def result(self, check: str) -> list[QualityResult]:
        return [q for q in self.quality if q.check == check]
