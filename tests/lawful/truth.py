"""One agency-year as the truth behind its accounts: øre, whole kroner and decisions.

The truth holds what happened — every payment and receipt in øre, booked on a
statskonto (kapittel/post) and on a line of the notes (a *leaf*) — and what was
decided — allocations and transfers in whole thousands of kroner, stikkord,
belastningsfullmakter, merinntektsfullmakter, omdisponeringer, innsparinger,
approved overspends. Every printed figure is derived from it in
:mod:`tests.lawful.printed`, each rounded from øre on its own, so a printed
total differs from the sum of its printed parts exactly where real accounts do.

Nothing here knows avstem's rules: the expected findings are the regulation's
(:mod:`tests.lawful.expected`), written down before any rule was read for them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ledger.core.accounts import PostKey
from ledger.vocabulary.labels import Text

# --- money --------------------------------------------------------------------------------------------


def T(nb: str, nn: str, en: str | None = None) -> Text:
    """An agency's own words: it writes in Bokmål or Nynorsk, so English (never printed) repeats Bokmål."""
    return Text(nb, nn, nb if en is None else en)



def kroner(ore: int) -> Decimal:
    """Øre printed as whole kroner: to the nearest krone, a half krone away from zero (as ledgers print)."""
    whole, rest = divmod(abs(ore), 100)
    whole += rest >= 50
    return Decimal(whole if ore >= 0 else -whole)


# --- stikkord as a budget prints them -------------------------------------------------------------------

KAN_OVERFORES, KAN_NYTTES_UNDER, OVERSLAG = "kan overføres", "kan nyttes under", "overslagsbevilgning"
_KEYWORDS = {
    KAN_OVERFORES: ("kan overføres", "kan overførast"),
    KAN_NYTTES_UNDER: ("kan nyttes under", "kan nyttast under"),
    OVERSLAG: ("overslagsbevilgning", "overslagsløyving"),
}


@dataclass(frozen=True)
class Keyword:
    """A stikkord: its kind and, for «kan nyttes under», the posts of the same chapter it names."""

    kind: str
    posts: tuple[str, ...] = ()
    chapter: str | None = None  # «kan nyttes under kap. 672 post 70»: another chapter's posts

    def text(self, lang: str) -> str:
        words = _KEYWORDS[self.kind][lang == "nn"]
        if not self.posts:
            return words
        *head, last = self.posts
        listed = f"{', '.join(head)} og {last}" if head else last
        where = f"kap. {int(self.chapter)} " if self.chapter else ""
        return f"{words} {where}post {listed}"


# --- leaves: the lines the amounts are booked on ---------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """A detail line of a note or of the chart-of-accounts statement: where an amount is booked.

    ``line`` is the layout's id, or None for an agency's own line inside ``block`` (then ``label`` names it,
    in Bokmål and Nynorsk, and ``statskonto`` where a note 6 line names one).
    """

    table: str
    line: str | None
    block: str
    label: Text | None = None
    statskonto: str | None = None

    @property
    def id(self) -> str:
        return f"{self.table}.{self.line}" if self.line else f"{self.table}.{self.block}:{self.label.nb}"


#: The leaves that hold receipts (every other leaf holds payments, or a balance).
INCOME_TABLES = ("note1.", "note4.interest_income", "note4.fx_gain", "note4.other_financial_income", "note6.",
                 "chart.group_life_1985", "chart.employer_tax_1986")


def is_income(leaf_id: str) -> bool:
    return leaf_id.startswith(INCOME_TABLES)


# --- the statskontoer -----------------------------------------------------------------------------------

OWN, RECEIVED, COMMON, REVENUE = "own", "received", "common", "revenue"
NET = "net"  # a post printed as the sum of its underposts (post 24 of a forvaltningsbedrift)


@dataclass(frozen=True)
class Post:
    """An expense or revenue statskonto the agency reports on, with what was decided and what was booked.

    ``allocated`` is årets tildelinger (for a revenue post: the budgeted revenue), ``transferred`` overført
    fra i fjor, both whole kroner (whole thousands); ``prior_appropriation`` last year's appropriation for a
    «kan overføres» post (None: not stated anywhere). ``postings`` are (leaf id, øre): an expense is
    positive, a receipt booked on an expense post (a refund, a forvaltningsbedrift's income) negative; on a
    revenue post a receipt is positive.
    """

    key: PostKey
    chapter_name: str
    post_text: str
    kind: str
    stikkord: tuple[Keyword, ...] = ()
    allocated: int = 0
    transferred: int = 0
    prior_appropriation: int | None = None
    postings: tuple[tuple[str, int], ...] = ()
    counterpart: str = ""  # a received belastningsfullmakt: who granted it
    granted: int = 0  # … and how much

    @property
    def allocation(self) -> int:
        """Samlet tildeling."""
        return self.allocated + self.transferred

    @property
    def spent(self) -> int:
        """Regnskap, in øre (a net post's is its underposts': see :meth:`Truth.spent`)."""
        return sum(ore for _, ore in self.postings)

    def has(self, kind: str) -> bool:
        return any(k.kind == kind for k in self.stikkord)


@dataclass(frozen=True)
class Given:
    """A belastningsfullmakt the agency gave: ``counterpart`` spent ``ore`` on the agency's post."""

    key: PostKey
    ore: int
    counterpart: str


@dataclass(frozen=True)
class RevenueAuthority:
    """A merinntektsfullmakt: the expense posts may be exceeded by the revenue posts' merinntekt.

    One expense post against several revenue posts, or one revenue post shared by several expense posts;
    ``weights`` split a shared merinntekt between the expense posts (in their order).
    """

    expenses: tuple[PostKey, ...]
    revenues: tuple[PostKey, ...]
    decision: str
    weights: tuple[int, ...] = ()


REALLOCATION, POOL, SAVINGS, APPROVED = "omdisponering", "kan nyttes under", "innsparing", "samtykke"


@dataclass(frozen=True)
class Adjustment:
    """A decided amount on a post, whole kroner: an omdisponering (+ on the post that receives), a
    «kan nyttes under» pooled in Note B (−X on the post whose appropriation is used, +X on the other), an
    innsparing (negative), an approved overspend (samtykke til overskridelse)."""

    key: PostKey
    amount: int
    what: str
    decision: str = ""


@dataclass(frozen=True)
class Share:
    """Note 8 del B: one company; whole kroner (book values are what was paid in)."""

    company: str
    acquired: str
    count: int
    ownership: str
    voting: str
    result: int
    equity: int
    book_value: int
    prior_book_value: int


@dataclass(frozen=True)
class Presentation:
    """How the agency prints what happened: choices that change no figure's truth."""

    note_a_total: bool = False
    note_b_total: bool = False
    omit_zero_lines: bool = False  # optional lines that are zero both years are left out
    omit_zero_sections: bool = False  # … and required ones, whole blocks of zeros (waits for the readers)
    omit_subtotals: bool = False  # subtotals a note or block need not print (waits for the readers)
    revenue_column: str = "blank"  # blank | full | partial (the merinntekt column of the revenue rows)
    revenue_partial_total: bool = False  # a partly filled column's total: the sum of the filled rows (else blank)
    note_a_blank_transfers: bool = True  # Note A leaves «overført fra i fjor» blank where nothing was (IMDi)
    stikkord_in_post_texts: bool = False  # «Spesielle driftsutgifter, kan overføres»
    stikkord_quotes: bool = True  # «kan overføres» in Note B's column
    stikkord_column_partial: bool = False  # Note B prints one of two stikkord (waits for issue 12.5)
    note_b_rows_without_basis: bool = False  # rows for transferable posts with nothing to transfer
    note1_details: bool = False  # note 1 itemises its blocks (IMDi prints only the subtotals)
    underposts_with_net: bool = False  # the net post printed above its underposts (waits)
    spaced_numbers: bool = True  # the YAML form's figures as printed ("1 234 567") or plain (1234567)
    texts: bool = True  # the notes' free texts


@dataclass(frozen=True)
class Truth:
    """One agency-year."""

    name: str
    short_name: str
    year: int
    language: str  # nb | nn
    ministry: str
    expenses: tuple[Post, ...]  # in printed order; underposts after their net post's place
    revenues: tuple[Post, ...]
    leaves: tuple[Leaf, ...]  # every detail line, in printed order within its table
    prior: dict[str, int]  # last year's øre by leaf id
    balance: dict[str, int]  # this year's mellomværende lines (leaf id → øre)
    note8_booked: dict[str, int]  # note 8 del A: booked − reported by line id, øre
    shares: tuple[Share, ...]
    given: tuple[Given, ...]
    revenue_authorities: tuple[RevenueAuthority, ...]
    adjustments: tuple[Adjustment, ...]
    reading: str  # the 5 % base the agency used: arets_tildelinger | samlet_tildeling
    transfer_asked: dict[PostKey, int]  # Note B rows where the agency asks less than it may (waits, 12.6)
    accounts: dict[str, str]  # capital accounts: "in", "out", "balance", "shares"
    receipts: int  # Norges Bank KK innbetalinger, øre (utbetalinger follow: the statement sums to 0)
    underposts: dict[PostKey, tuple[PostKey, ...]]  # a net post and its underposts
    presentation: Presentation
    features: frozenset[str]  # what this example exercises (for statistics and the expected findings)
    unexplained: frozenset[PostKey] = frozenset()  # overspends nothing explains: OS-01 must warn
    priors_stated: bool = False  # last year's appropriations of «kan overføres» posts are in the context
    headline: str = field(default="", compare=False)

    # -- lookups -------------------------------------------------------------------------------------
    def expense(self, key: PostKey) -> Post:
        return next(p for p in self.expenses if p.key == key)

    def revenue(self, key: PostKey) -> Post:
        return next(p for p in self.revenues if p.key == key)

    def leaf(self, leaf_id: str) -> Leaf:
        return next(leaf for leaf in self.leaves if leaf.id == leaf_id)

    def current(self) -> dict[str, int]:
        """This year's øre by leaf: every posting (an expense post's and a revenue post's) and the balance.

        A leaf holds its own kind of amount: payments on an expense line, receipts on an income line; a
        receipt booked on an expense post (a negative expense) is a positive receipt on its income line.
        """
        out: dict[str, int] = defaultdict(int)
        for post in self.expenses:
            for leaf, ore in post.postings:
                out[leaf] += -ore if is_income(leaf) else ore
        for post in self.revenues:
            for leaf, ore in post.postings:
                out[leaf] += ore
        for leaf, ore in self.balance.items():
            out[leaf] += ore
        return dict(out)

    def spent(self, post: Post) -> int:
        """A post's regnskap in øre; a net post's is the sum of its underposts'."""
        if post.kind == NET:
            return sum(self.expense(k).spent for k in self.underposts[post.key])
        return post.spent

    def allocation(self, post: Post) -> int:
        """A post's samlet tildeling; a net post's is the sum of its underposts'."""
        if post.kind == NET:
            return sum(self.expense(k).allocation for k in self.underposts[post.key])
        return post.allocation

    def net_reported(self) -> int:
        """Netto rapportert til bevilgningsregnskapet, øre: what was spent less what was received."""
        return sum(p.spent for p in self.expenses) - sum(p.spent for p in self.revenues)

    def words(self, nb: str, nn: str) -> str:
        return nn if self.language == "nn" else nb
