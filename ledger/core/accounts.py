"""The accounts model: every statement and note of the R-115 cash model.

All amounts are :class:`~decimal.Decimal` kroner held in a :class:`Figure`
that remembers where it was read. Totals are kept exactly as reported;
nothing here recomputes anything, so a rule can compare what was printed
with what it should have been.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Mapping, Protocol, TypeVar

from ledger.core.errors import PlacedValueError
from ledger.core.facts import CONTEXT, Fact
from ledger.core.money import ZERO
from ledger.core.source import Source
from ledger.vocabulary.labels import Msg, msg
from ledger.vocabulary.layout import TableLayout
from ledger.vocabulary.stikkord import KAN_OVERFORES, Stikkord, parse_stikkord, split_post_text

if TYPE_CHECKING:
    from ledger.core.published import Published


@dataclass(frozen=True, slots=True)
class Figure:
    """One printed amount. ``value`` is ``None`` where nothing is printed."""

    value: Decimal | None
    source: Source

    @property
    def amount(self) -> Decimal:
        """The figure as a number; a blank counts as zero."""
        return ZERO if self.value is None else self.value

    @property
    def blank(self) -> bool:
        return self.value is None


_CHAPTER = re.compile(r"^[0-9]{3,4}$")
_POST = re.compile(r"^[0-9]{1,2}$")
_UNDERPOST = re.compile(r"^([0-9]{1,2})[.]([0-9]{1,2})$")  # 24.01
_KEY_TEXT = re.compile(r"^([0-9]{3,4})\s*[./\s-]?\s*([0-9]{1,2})(?:\s*[./]\s*([0-9]{1,2}))?$")

#: The codes :func:`lookalike_digits` names, by the English word a caller gives.
CODE_WORDS: dict[str, Msg] = {
    "kapittel": msg("input.code.word.kapittel"),
    "post": msg("input.code.word.post"),
    "underpost": msg("input.code.word.underpost"),
    "kapittel and post": msg("input.code.word.kapittel_and_post"),
    "the year": msg("input.code.word.year"),
    "the code": msg("input.code.word.code"),
    "account": msg("input.code.word.account"),
    "statskonto": msg("input.code.word.statskonto"),
}


def lookalike_digits(text: str, what: "str | Msg") -> None:
    """Refuse a code written with digits other than 0–9 (fullwidth ０, Arabic-Indic ٠, Devanagari ०, …): Python
    reads them as numbers, so ``０６７１`` would be a kapittel of its own beside ``0671`` — a new code, invented
    findings, a duplicate that passes as another row. (:class:`PlacedValueError`, a ValueError, for the reader to
    place.) ``what`` names the code: a key of :data:`CODE_WORDS`, or a catalogue text."""
    odd = next((ch for ch in text if ch.isdigit() and not ch.isascii()), None)
    if odd is not None:
        name = unicodedata.name(odd, f"U+{ord(odd):04X}").lower()
        raise PlacedValueError(msg("input.code.lookalike", what=CODE_WORDS.get(what, what) if isinstance(what, str)
                                   else what, text=text, digit=odd, character=name))


def _ascii_number(code: str) -> int | None:
    return int(code) if code.isascii() and code.isdigit() else None


#: The state budget numbers its expense chapters 1–2999 and its revenue chapters 3000–5999.
EXPENSE_CHAPTERS = range(1, 3000)
REVENUE_CHAPTERS = range(3000, 6000)


def chapter_range(chapters: range) -> str:
    """A chapter range as printed: ``0001–2999``."""
    return f"{chapters.start:04d}–{chapters.stop - 1:04d}"


@dataclass(frozen=True, order=True, slots=True)
class PostKey:
    """A statskonto on the appropriation side: kapittel (4 digits), post (2) and, where the budget
    splits a post (post 24 of a forvaltningsbedrift: 24.01 … 24.05), its underpost (2 digits).

    ``str()`` gives ``0670.01`` or ``2445.24.01``. A post and its underposts may both be printed
    (the net post and its parts): :attr:`net` is the post an underpost belongs to.
    """

    chapter: str
    post: str
    sub: str = ""  # the underpost, "" for a post

    @classmethod
    def parse(cls, chapter: str, post: str, sub: str | None = None) -> "PostKey":
        """From printed codes: ``("0670", "01")``, ``("2445", "24.01")`` or ``("2445", "24", "01")``."""
        chapter, post = str(chapter).strip(), str(post).strip()
        lookalike_digits(chapter, "kapittel")
        lookalike_digits(post, "post")
        if sub is None and _UNDERPOST.match(post):
            post, sub = _UNDERPOST.match(post).groups()
        sub = "" if sub is None else str(sub).strip()
        lookalike_digits(sub, "underpost")
        if not _CHAPTER.match(chapter):
            raise PlacedValueError(msg("input.code.kapittel", text=chapter))
        if not _POST.match(post):
            raise PlacedValueError(msg("input.code.post", text=post))
        if sub and not _POST.match(sub):
            raise PlacedValueError(msg("input.code.underpost", text=sub))
        return cls(chapter.zfill(4), post.zfill(2), sub.zfill(2) if sub else "")

    @classmethod
    def from_text(cls, text: str) -> "PostKey":
        """From one printed code: ``0670.01``, ``0670 01``, ``2445.24.01``, ``5440.24.01``."""
        lookalike_digits(str(text), "kapittel and post")
        match = _KEY_TEXT.match(str(text).strip())
        if not match:
            raise PlacedValueError(msg("input.code.key", text=text))
        return cls.parse(*match.groups())

    @property
    def post_number(self) -> int:
        return int(self.post)

    @property
    def chapter_number(self) -> int:
        return int(self.chapter)

    @property
    def post_code(self) -> str:
        """The post as a post column prints it: ``01``, or ``24.01`` for an underpost."""
        return f"{self.post}.{self.sub}" if self.sub else self.post

    @property
    def is_underpost(self) -> bool:
        return bool(self.sub)

    @property
    def net(self) -> "PostKey":
        """The post itself: an underpost's post, or the key unchanged."""
        return PostKey(self.chapter, self.post) if self.sub else self

    @property
    def is_expense(self) -> bool:
        """On an expense chapter (a kapittel read from a ledger may be anything: then neither)."""
        return _ascii_number(self.chapter) in EXPENSE_CHAPTERS

    @property
    def is_revenue(self) -> bool:
        """On a revenue chapter."""
        return _ascii_number(self.chapter) in REVENUE_CHAPTERS

    def __str__(self) -> str:
        return f"{self.chapter}.{self.post}.{self.sub}" if self.sub else f"{self.chapter}.{self.post}"


class _Keyed(Protocol):
    key: PostKey | None


K = TypeVar("K", bound=_Keyed)


def summed(rows: Iterable[K]) -> tuple[K, ...]:
    """The rows a total sums, so that a post printed with its underposts counts once.

    A budget may print a post split into underposts (post 24 of a forvaltningsbedrift: 24.01 … 24.05) with or
    without its net post (24). Where both are printed, the net post stands for its underposts and they are left
    out; where only the underposts are printed, they are summed; a post without underposts is summed as it is.
    Rows without a key (total rows) are left out.
    """
    rows = tuple(r for r in rows if r.key is not None)
    printed = {r.key for r in rows}
    return tuple(r for r in rows if not (r.key.is_underpost and r.key.net in printed))


def underposts_of(rows: Iterable[K], key: PostKey) -> tuple[K, ...]:
    """The underposts printed for the post ``key`` (24 → 24.01 … 24.05), in printed order."""
    return tuple(r for r in rows if r.key is not None and r.key.is_underpost and r.key.net == key)


# --- Oppstilling av bevilgningsrapportering --------------------------------


@dataclass(frozen=True)
class AppropriationRow:
    """An expense or revenue row: samlet tildeling, regnskap and the difference.

    Expense rows: difference = merutgift (-) / mindreutgift = tildeling − regnskap.
    Revenue rows: difference = merinntekt / mindreinntekt (-) = regnskap − tildeling.
    """

    key: PostKey
    chapter_name: str
    post_text: str  # as printed, stikkord included: «Spesielle driftsutgifter, kan overføres, kan nyttes under post 21»
    notes: tuple[str, ...]
    allocation: Figure
    accounts: Figure
    difference: Figure
    source: Source

    @property
    def post_name(self) -> str:
        """The post text without the stikkord it prints: «Spesielle driftsutgifter»."""
        return split_post_text(self.post_text)[0]

    @property
    def stikkord(self) -> tuple[Stikkord, ...]:
        """The stikkord the post text prints («kan overføres», «kan nyttes under post 60 og 70»,
        «overslagsbevilgning»); () for none, or for a tail that is not stikkord."""
        return split_post_text(self.post_text)[1]


@dataclass(frozen=True)
class TotalRow:
    allocation: Figure
    accounts: Figure
    difference: Figure
    source: Source


@dataclass(frozen=True)
class CapitalLine:
    """A line of the capital accounts: Norges Bank settlement accounts or the
    change in the balance with the treasury (a 7xxxxx account)."""

    account: str
    text: str
    amount: Figure
    source: Source

    @property
    def is_balance_change(self) -> bool:
        return self.account.startswith("7")


@dataclass(frozen=True)
class Holding:
    """A holding reported to the capital accounts at 31.12. (account 7xxxxx for
    mellomværende, 62xxxx for shares)."""

    account: str
    text: str
    current: Figure
    prior: Figure
    change: Figure
    source: Source

    @property
    def is_balance(self) -> bool:
        return self.account.startswith("7")


@dataclass(frozen=True)
class AppropriationStatement:
    title: str
    expenses: tuple[AppropriationRow, ...]
    expense_total: TotalRow
    expense_comments: tuple[str, ...]
    revenues: tuple[AppropriationRow, ...]
    revenue_total: TotalRow
    net_reported: Figure
    capital_lines: tuple[CapitalLine, ...]
    sum_reported: Figure
    holdings: tuple[Holding, ...]
    source: Source

    def expense(self, key: PostKey) -> AppropriationRow | None:
        return next((r for r in self.expenses if r.key == key), None)

    def revenue(self, key: PostKey) -> AppropriationRow | None:
        return next((r for r in self.revenues if r.key == key), None)

    def row(self, key: PostKey) -> AppropriationRow | None:
        """The expense or revenue row of ``key`` (Note A may explain a revenue post's allocation too)."""
        return self.expense(key) or self.revenue(key)

    def summed_expenses(self) -> tuple[AppropriationRow, ...]:
        """The expense rows «Sum utgiftsført» sums: an underpost whose net post is printed too counts in it."""
        return summed(self.expenses)

    def summed_revenues(self) -> tuple[AppropriationRow, ...]:
        """The revenue rows «Sum inntektsført» sums (5440.24.01 … under a printed 5440.24 count in it)."""
        return summed(self.revenues)


# --- Note A and Note B ---------------------------------------------------------


@dataclass(frozen=True)
class NoteARow:
    key: PostKey | None  # None for a total row
    transferred: Figure  # overført fra i fjor
    allocated: Figure  # årets tildelinger
    total: Figure  # samlet tildeling
    source: Source


@dataclass(frozen=True)
class NoteA:
    title: str
    rows: tuple[NoteARow, ...]
    total: NoteARow | None
    footnotes: tuple[str, ...]
    source: Source

    def row(self, key: PostKey) -> NoteARow | None:
        return next((r for r in self.rows if r.key == key), None)

    def summed_rows(self) -> tuple[NoteARow, ...]:
        """The rows the total sums (see :func:`summed`)."""
        return summed(self.rows)


@dataclass(frozen=True)
class NoteBRow:
    """One row of Note B's transfer computation, columns in printed order."""

    key: PostKey | None  # None for a total row
    stikkord: str
    difference: Figure  # merutgift (-) / mindreutgift
    charged_by_others: Figure  # utgiftsført av andre iht. avgitte belastningsfullmakter (-)
    after_charged: Figure  # merutgift/mindreutgift etter avgitte belastningsfullmakter
    additional_revenue: Figure  # merinntekter/mindreinntekter (-) iht. merinntektsfullmakt
    reallocation: Figure  # omdisponering fra post 01 til 45 / til 01/21 fra neste års bevilgning
    savings: Figure  # innsparinger (-)
    basis: Figure  # sum grunnlag for overføring
    maximum: Figure  # maks. overførbart beløp
    transferable: Figure  # mulig overførbart beløp beregnet av virksomheten
    source: Source

    AMOUNT_COLUMNS = (
        "difference", "charged_by_others", "after_charged", "additional_revenue", "reallocation",
        "savings", "basis", "maximum", "transferable",
    )

    @property
    def parsed_stikkord(self) -> tuple[Stikkord, ...]:
        """The stikkord column read («kan overføres, kan nyttes under post 21»); () where it is blank or not
        stikkord (T-07 names a column it cannot read)."""
        try:
            return parse_stikkord(self.stikkord)
        except ValueError:
            return ()


@dataclass(frozen=True)
class NoteText:
    heading: str
    text: str
    source: Source | None = field(default=None, compare=False)  # where it was read (facts are read off it)


@dataclass(frozen=True)
class NoteB:
    title: str
    rows: tuple[NoteBRow, ...]
    total: NoteBRow | None
    footnotes: tuple[str, ...]
    texts: tuple[NoteText, ...]
    source: Source

    def row(self, key: PostKey) -> NoteBRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def summed_rows(self) -> tuple[NoteBRow, ...]:
        """The rows the total sums (see :func:`summed`)."""
        return summed(self.rows)


# --- Line tables: the chart-of-accounts statement and notes 1–8 --------------


@dataclass(frozen=True)
class Line:
    """One printed line of a line table.

    ``id`` is the layout's line id, or ``None`` for an agency-specific extra
    line; ``block``, ``role`` and ``sign`` come from the layout (or, for an
    extra line, from where it stands and what it states).
    """

    id: str | None
    label: str
    block: str
    role: str
    sign: int
    note: str
    values: Mapping[str, Figure]
    source: Source
    statskonto: str | None = None

    @property
    def extra(self) -> bool:
        return self.id is None

    def __getitem__(self, column: str) -> Figure:
        return self.values[column]


@dataclass(frozen=True)
class LineTable:
    layout: TableLayout
    title: str
    lines: tuple[Line, ...]
    texts: tuple[str, ...]
    footnotes: tuple[str, ...]
    source: Source

    def get(self, line_id: str) -> Line | None:
        return next((line for line in self.lines if line.id == line_id), None)

    def figure(self, line_id: str, column: str) -> Figure | None:
        line = self.get(line_id)
        return None if line is None else line.values.get(column)


@dataclass(frozen=True)
class ShareHolding:
    """Note 8 del B: one company the agency holds shares in."""

    company: str
    acquired: str
    shares: Figure
    ownership: str
    voting_share: str
    result: Figure
    equity: Figure
    book_value: Figure
    source: Source


@dataclass(frozen=True)
class Note8:
    table: LineTable  # del A: booked, reported, difference by group
    shares: tuple[ShareHolding, ...]  # del B, only where the agency holds shares


# --- The context of the appropriations ---------------------------------------


@dataclass(frozen=True)
class PostContext:
    """What the budget says about one post beyond its allocation."""

    key: PostKey
    stikkord: tuple[Stikkord, ...]
    #: Last year's appropriation for the post (as voted, supplementary
    #: appropriations included, transfers from the year before excluded) —
    #: the second year of the two-year cap on «kan overføres». None: unknown.
    prior_appropriation: Figure | None
    source: Source
    origin: str = CONTEXT  # ledger.core.facts: context (stated) or inferred (read off the accounts)


@dataclass(frozen=True)
class Authority:
    """A belastningsfullmakt: leave to charge another agency's post, or given to another.

    For a received authority ``amount`` is the amount granted; for a given
    one it is the amount the other agency charged to this agency's post.
    """

    key: PostKey
    amount: Figure
    counterpart: str
    source: Source
    origin: str = CONTEXT  # ledger.core.facts: context (stated) or inferred (read off the accounts)


@dataclass(frozen=True)
class RevenueAuthority:
    """A merinntektsfullmakt: the expense post may be exceeded by the revenue post's merinntekt."""

    expense: PostKey
    revenue: PostKey
    decision: str
    source: Source
    origin: str = CONTEXT  # ledger.core.facts: context (stated) or inferred (read off the accounts)


@dataclass(frozen=True)
class Adjustment:
    """An amount decided for a post: an omdisponering, an innsparing, an approved overskridelse."""

    key: PostKey
    amount: Figure
    decision: str
    source: Source
    origin: str = CONTEXT  # ledger.core.facts: context (stated) or inferred (read off the accounts)


@dataclass(frozen=True)
class AppropriationContext:
    posts: tuple[PostContext, ...]
    received_authorities: tuple[Authority, ...]
    given_authorities: tuple[Authority, ...]
    revenue_authorities: tuple[RevenueAuthority, ...]
    reallocations: tuple[Adjustment, ...]  # + on the post that receives, − on the post that gives
    savings: tuple[Adjustment, ...]  # innsparinger, negative
    approved_overspends: tuple[Adjustment, ...]
    file: str
    source: Source
    #: The items read off the accounts are merged in (ledger.forms.merged_context); False: as stated only.
    merged: bool = False

    def post(self, key: PostKey) -> PostContext | None:
        return next((p for p in self.posts if p.key == key), None)

    def stikkord(self, key: PostKey) -> tuple[Stikkord, ...]:
        post = self.post(key)
        return post.stikkord if post else ()

    def transferable_stikkord(self, key: PostKey) -> bool:
        return any(s.kind == KAN_OVERFORES for s in self.stikkord(key))


def parse_year(text: str) -> int:
    """An accounts year as written (``2023``); ValueError for anything else.

    From 2010: the standardised cash-model statements avstem knows date from
    2014 (last year's comparatives from 2013), and every dated parameter in
    ``rules/parameters.yaml`` has a value from 2006.
    """
    text = text.strip()
    lookalike_digits(text, "the year")
    if not re.fullmatch(r"[0-9]{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise PlacedValueError(msg("input.code.year", text=text, first=FIRST_YEAR, last=LAST_YEAR))
    return int(text)


FIRST_YEAR, LAST_YEAR = 2010, 2100


@dataclass(frozen=True)
class Agency:
    name: str
    short_name: str
    year: int
    model: str  # e.g. "R-115 desember 2022"
    language: str  # nb | nn, the language the accounts are printed in
    ministry: str = ""
    published_in: str = ""


@dataclass(frozen=True)
class Accounts:
    """An agency's annual accounts (årsregnskap), cash model."""

    agency: Agency
    appropriation: AppropriationStatement
    note_a: NoteA
    note_b: NoteB
    chart: LineTable
    notes: Mapping[str, LineTable]  # note1 … note7
    note8: Note8
    file: str
    context: AppropriationContext | None = None  # from the accounts file or a separate file
    #: What is known about the accounts beyond their figures (year, language, name, the context) and how.
    facts: tuple[Fact, ...] = ()
    #: What a published report prints beyond the statements (key figures, quoted figures, restorations);
    #: None for accounts that are not a report and give no key figures.
    published: "Published | None" = None

    def fact(self, subject: str) -> Fact | None:
        return next((f for f in self.facts if f.subject == subject), None)

    @property
    def year(self) -> int:
        return self.agency.year

    def column_year(self, column: str) -> int:
        """The calendar year a line-table column stands for."""
        return self.year - 1 if column == "prior" else self.year

    def table(self, table_id: str) -> LineTable:
        if table_id == "chart":
            return self.chart
        if table_id == "note8":
            return self.note8.table
        return self.notes[table_id]


@dataclass(frozen=True)
class PriorYear:
    """Last year's published figures, to check this year's comparatives against.

    Read from last year's accounts, or from a comparatives file holding the
    prior-year columns printed in this year's accounts (``avstem.comparatives/1``).
    ``tables`` hold the chart-of-accounts statement and notes 1–7 with one
    column, ``current``; ``transfers`` is last year's Note B transferable
    amount by post, or None where last year's Note B was not given;
    ``reallocations`` its omdisponering column by post (an overskridelse of
    post 01/21 against this year's appropriation is saved in this year's
    innsparinger), or None where it was not given.
    """

    agency: Agency
    tables: Mapping[str, LineTable]
    holdings: tuple[Holding, ...]
    transfers: Mapping[PostKey, Figure] | None
    file: str
    reallocations: Mapping[PostKey, Figure] | None = None

    @property
    def year(self) -> int:
        return self.agency.year

    @classmethod
    def from_accounts(cls, accounts: "Accounts") -> "PriorYear":
        tables = {"chart": accounts.chart, **accounts.notes}
        transfers = {row.key: row.transferable for row in accounts.note_b.rows if row.key is not None}
        reallocations = {row.key: row.reallocation for row in accounts.note_b.rows if row.key is not None}
        return cls(accounts.agency, tables, accounts.appropriation.holdings, transfers, accounts.file, reallocations)
