"""The context of the appropriations, read off what the accounts print.

Every agency prints most of what the transfer and overspend rules need: the
stikkord in Note B's column, in the post texts of the appropriation statement
(«Spesielle driftsutgifter, kan overføres») and in Note B's text part; the
belastningsfullmakter and merinntektsfullmakter in that text part; what was
charged by others, the merinntekter, omdisponeringer and innsparinger in Note
B's columns. :func:`infer_context` reads them into an
:class:`~ledger.core.accounts.AppropriationContext` whose every item has
``origin=inferred``, and one :class:`~ledger.core.facts.Fact` per item naming
the place it was read.

Which place decides, when they disagree:

* A paragraph of the text part that speaks about a kind of item (a stikkord,
  received or given belastningsfullmakter, merinntektsfullmakter) is the
  agency's complete statement of that kind, «none» included: a column's claim
  the text does not make is not taken, and the fact says so (T-01 and T-07
  then report the column against the text). Post texts print the budget's own
  stikkord, so a stikkord there is always taken.
* Without such a paragraph the column is read, and the fact says that its
  only source is the column the rule compares it with: T-01 (charged by
  others, omdisponering, innsparing) or T-07 (stikkord) cannot confirm such a
  fact, they only find the rest of the accounts consistent with it.
  Merinntekter are different: T-01 takes the amount from the revenue row of
  the statement, so a pairing read off the column is still checked in amount.

Nothing is guessed: last year's appropriation (the second year of the
two-year cap) is printed nowhere, so it is left unknown (T-03 says it cannot
verify the cap); an amount the text does not give is blank, except for a
received belastningsfullmakt on a row without an allocation, where the
statement's regnskap is what was charged under it (and the fact says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger.core.accounts import (
    Accounts,
    Adjustment,
    AppropriationContext,
    AppropriationRow,
    Authority,
    Figure,
    NoteText,
    PostContext,
    PostKey,
    RevenueAuthority,
)
from ledger.core.facts import INFERRED, Fact
from ledger.core.source import Source
from ledger.vocabulary import note_b_text as words
from ledger.vocabulary.labels import COLUMNS, Msg, Text, money_text, msg, phrase
from ledger.vocabulary.stikkord import (
    KAN_NYTTES_UNDER,
    KAN_OVERFORES,
    OVERSLAGSBEVILGNING,
    Stikkord,
    parse_stikkord,
    split_post_text,
)

#: The state budget pairs an expense chapter with its revenue chapter 3000 above it (670 ↔ 3670).
REVENUE_OFFSET = 3000
_KINDS = (KAN_OVERFORES, KAN_NYTTES_UNDER, OVERSLAGSBEVILGNING)

# --- the places, as the facts name them ------------------------------------------------------------

TEXT_PART = msg("basis.text_part")
POST_TEXT = msg("basis.post_text")
NONE = msg("word.none")
NOT_PRINTED = msg("basis.not_printed")


def _column(name: str) -> Msg:
    return msg("basis.column", column=COLUMNS[name])


STIKKORD_COLUMN = _column("stikkord")


def _only_column(name: str, rule: str) -> Text:
    return phrase(_column(name), msg("basis.only_column", rule=rule), sep=" ")


def _not_taken(what: Text | Msg, rule: str) -> Text:
    return phrase(what, msg("basis.not_taken", rule=rule), sep=", ")


# --- the result -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inferred:
    """The context read off the accounts, and a fact for each of its items (and for what the text says
    there is none of)."""

    context: AppropriationContext
    facts: tuple[Fact, ...]


def infer_context(accounts: Accounts) -> Inferred:
    """Read the context of the appropriations off the accounts (see the module's docstring)."""
    reader = _Reader(accounts)
    reader.read_texts()
    posts = reader.stikkord()
    received = reader.received()
    given = reader.given()
    revenue = reader.revenue()
    reallocations = reader.adjustments("reallocation", "context.reallocation", _pooling(posts))
    savings = reader.adjustments("savings", "context.savings")
    approved = reader.approved()
    note_b = accounts.note_b
    context = AppropriationContext(
        posts=posts, received_authorities=received, given_authorities=given, revenue_authorities=revenue,
        reallocations=reallocations, savings=savings, approved_overspends=approved, file=accounts.file,
        source=note_b.source if note_b is not None else accounts.appropriation.source)
    return Inferred(context, tuple(reader.facts))


# --- reading -----------------------------------------------------------------------------------------


@dataclass
class _Sentence:
    text: str
    topic: str | None
    source: Source
    heading_kinds: tuple[str, ...] = ()  # the stikkord its paragraph's heading names


@dataclass
class _Claims:
    """What the places say about one kind of item, post by post."""

    text: dict = field(default_factory=dict)  # key -> (item, source)
    text_decides: bool = False
    text_none: Source | None = None


class _Reader:
    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.statement = accounts.appropriation
        self.note_b = accounts.note_b
        self.facts: list[Fact] = []
        self.sentences: list[_Sentence] = []

    # -- the text part, sentence by sentence, each with its topic -------------------------------
    def read_texts(self) -> None:
        texts: tuple[NoteText, ...] = self.note_b.texts if self.note_b is not None else ()
        topic: str | None = None
        for index, note_text in enumerate(texts):
            source = note_text.source or self.note_b.source.at(f"note_b.texts[{index}]")
            heading_topic = words.topic(note_text.heading) if note_text.heading else None
            heading_kinds = tuple(n.stikkord.kind for n in words.stikkord_named(note_text.heading))
            if note_text.heading:  # a new paragraph: what it is about starts afresh
                topic = heading_topic
            for sentence in words.sentences(note_text.text):
                own = words.topic(sentence)
                if heading_topic is None and own is not None:
                    topic = own
                self.sentences.append(_Sentence(sentence, heading_topic or topic, source, heading_kinds))

    def _about(self, topic: str) -> list[_Sentence]:
        return [s for s in self.sentences if s.topic == topic]

    def _fact(self, subject: str, value, source: Source | None, basis, also: tuple[Source, ...] = ()) -> None:
        self.facts.append(Fact(subject, value, INFERRED, source, basis, None, also))

    # -- stikkord -------------------------------------------------------------------------------
    def stikkord(self) -> tuple[PostContext, ...]:
        """Stikkord by post: the text part's list decides a kind it names; post texts always count; the
        column counts for the kinds the text does not name."""
        text: dict[PostKey, dict[Stikkord, Source]] = {}
        decided: set[str] = set()
        carried: tuple[Stikkord, ...] = ()  # named by a sentence without posts, for the sentences after it
        for sentence in self._about(words.STIKKORD):
            named = words.stikkord_named(sentence.text)
            refs = words.post_refs(sentence.text)
            if named and not refs:  # «Stikkordet «kan overføres»» on a line of its own, or «ingen har …»
                carried = tuple(n.stikkord for n in named)
                decided.update(item.kind for item in carried)
                continue
            if not named:  # «Stikkordet «kan overføres»: kap. 671 post 21, 45 og 60.»
                kinds = tuple(Stikkord(k) for k in sentence.heading_kinds) or carried
                for item in kinds:
                    decided.add(item.kind)
                    for ref in refs:
                        text.setdefault(ref.key, {}).setdefault(item, sentence.source)
                continue
            for item, keys in _assign(named, refs):
                decided.add(item.kind)
                for key in keys:
                    text.setdefault(key, {}).setdefault(item, sentence.source)
        post_texts: dict[PostKey, dict[Stikkord, Source]] = {}
        for row in self.statement.expenses:
            for item in _post_text_stikkord(row):
                post_texts.setdefault(row.key, {}).setdefault(item, row.source)
        column: dict[PostKey, tuple[tuple[Stikkord, ...], Source]] = {}
        for row in (self.note_b.rows if self.note_b is not None else ()):
            try:
                printed = parse_stikkord(row.stikkord)
            except ValueError:  # T-07 names a stikkord it cannot read
                continue
            if printed:
                column[row.key] = (printed, row.source)

        posts: list[PostContext] = []
        for key in _ordered({*text, *post_texts, *column}, self.statement):
            taken: dict[Stikkord, list[Text]] = {}
            sources: list[Source] = []
            for item, source in text.get(key, {}).items():
                taken.setdefault(item, []).append(TEXT_PART)
                sources.append(source)
            for item, source in post_texts.get(key, {}).items():
                taken.setdefault(item, []).append(POST_TEXT)
                sources.append(source)
            rejected = []
            if key in column:
                printed, source = column[key]
                for item in printed:
                    if item.kind in decided and item not in taken:
                        rejected.append(item)
                    else:
                        taken.setdefault(item, []).append(STIKKORD_COLUMN)
                sources.append(source)
            items = tuple(sorted(taken, key=lambda s: _KINDS.index(s.kind)))
            sources = list(dict.fromkeys(sources))
            basis = _stikkord_basis(taken, rejected)
            value = _stikkord_value(items) if items else NONE
            self._fact(f"context.stikkord[{key}]", value, sources[0], basis, tuple(sources[1:]))
            if items:
                posts.append(PostContext(key, items, None, sources[0], origin=INFERRED))
        return tuple(posts)

    # -- belastningsfullmakter ---------------------------------------------------------------------
    def received(self) -> tuple[Authority, ...]:
        """Received belastningsfullmakter, from the text part only (what others allowed is printed nowhere
        else); an amount the text does not give is what the statement charged to a row without allocation."""
        found: dict[PostKey, Authority] = {}
        for sentence in self._about(words.RECEIVED):
            named = words.post_refs(sentence.text)
            if not named:
                if words.says_none(sentence.text):
                    self._fact("context.received_authorities", NONE, sentence.source, TEXT_PART)
                continue
            # another agency's post: not one of the agency's own, which have an allocation («… to cover what
            # would have been charged to kap. 670 post 01» names the agency's own post, not the authority's)
            refs = [r for r in named if not self._own(r.key)]
            for ref, amount, counterpart in _parts(sentence, refs, words.RECEIVED):
                row = self.statement.expense(ref.key)
                basis = [TEXT_PART]
                if amount is not None:
                    figure = Figure(amount, _derived(sentence.source, f"amount[{ref.key}]"))
                elif row is not None and row.allocation.amount == 0 and not row.accounts.blank:
                    figure = row.accounts
                    basis.append(msg("basis.charged"))
                else:
                    figure = Figure(None, _derived(sentence.source, f"amount[{ref.key}]"))
                    basis.append(NOT_PRINTED)
                if not counterpart and row is not None and row.allocation.amount == 0:
                    counterpart = row.chapter_name
                    basis.append(msg("basis.counterpart"))
                known = found.get(ref.key)
                if known is not None and (known.amount.value is not None or figure.value is None):
                    continue  # named again: the first mention with an amount stands
                found[ref.key] = Authority(ref.key, figure, counterpart or "", sentence.source, origin=INFERRED)
                self.facts[:] = [f for f in self.facts if f.subject != f"context.received_authority[{ref.key}]"]
                self._fact(f"context.received_authority[{ref.key}]", _authority_value(figure, counterpart),
                           sentence.source, phrase(*basis, sep="; "))
        return tuple(found.values())

    def given(self) -> tuple[Authority, ...]:
        """Given belastningsfullmakter: the text part decides where it speaks of them; the amount is what
        the other agency charged (Note B's column where the text gives only what was granted); without a
        paragraph on them, the column alone."""
        found: dict[PostKey, Authority] = {}
        spoken = False
        for sentence in self._about(words.GIVEN):
            refs = words.post_refs(sentence.text)
            if not refs:
                if words.says_none(sentence.text):
                    spoken = True
                    self._fact("context.given_authorities", NONE, sentence.source, TEXT_PART)
                continue
            spoken = True
            refs = [r for r in refs if self._own(r.key)] or refs  # given on the agency's own posts
            charged_words = words.says_charged(sentence.text)
            for ref, amount, counterpart in _parts(sentence, refs, words.GIVEN):
                column = self._note_b_figure(ref.key, "charged_by_others")
                basis = [TEXT_PART]
                if amount is not None and (charged_words or column is None):
                    figure = Figure(amount, _derived(sentence.source, f"amount[{ref.key}]"))
                elif column is not None:
                    figure = Figure(-column.amount, _derived(column.source, "given_authority"))
                    basis.append(_column("charged_by_others"))
                else:
                    figure = Figure(None, _derived(sentence.source, f"amount[{ref.key}]"))
                    basis.append(NOT_PRINTED)
                if ref.key not in found:
                    found[ref.key] = Authority(ref.key, figure, counterpart or "", sentence.source, origin=INFERRED)
                    self._fact(f"context.given_authority[{ref.key}]", _authority_value(figure, counterpart),
                               sentence.source, phrase(*basis, sep="; "))
        for row in (self.note_b.rows if self.note_b is not None else ()):
            if row.charged_by_others.amount == 0 or row.key in found:
                continue
            value = money_text(row.charged_by_others.amount, signed=True)
            if spoken:
                self._fact(f"context.given_authority[{row.key}]", NONE, row.charged_by_others.source,
                           _not_taken(phrase(_column("charged_by_others"), value, sep=": "), "T-01"))
                continue
            figure = Figure(-row.charged_by_others.amount, _derived(row.charged_by_others.source, "given_authority"))
            found[row.key] = Authority(row.key, figure, "", row.charged_by_others.source, origin=INFERRED)
            self._fact(f"context.given_authority[{row.key}]", _authority_value(figure, ""),
                       row.charged_by_others.source, _only_column("charged_by_others", "T-01"))
        return tuple(found.values())

    def _own(self, key: PostKey) -> bool:
        """One of the agency's own posts: a row of the statement with an allocation."""
        row = self.statement.expense(key)
        return row is not None and row.allocation.amount != 0

    def _note_b_figure(self, key: PostKey, column: str) -> Figure | None:
        row = self.note_b.row(key) if self.note_b is not None else None
        figure = getattr(row, column) if row is not None else None
        return figure if figure is not None and figure.amount != 0 else None

    # -- merinntektsfullmakter -------------------------------------------------------------------
    def revenue(self) -> tuple[RevenueAuthority, ...]:
        """Expense post ↔ revenue post: as the text names them, the post it does not name paired by the
        budget's convention (revenue chapter = expense chapter + 3000); the column's merinntekter where the
        text does not speak of them."""
        pairs: dict[tuple[PostKey, PostKey], tuple[Source, list[Text]]] = {}
        spoken = False
        for sentence in self._about(words.REVENUE):
            refs = words.post_refs(sentence.text)
            expenses = [r.key for r in refs if r.key.is_expense]
            revenues = [r.key for r in refs if r.key.is_revenue]
            if not refs:
                if words.says_none(sentence.text) and words.mentions_authority(sentence.text):
                    spoken = True
                    self._fact("context.revenue_authorities", NONE, sentence.source, TEXT_PART)
                continue
            spoken = True
            found: list[tuple[PostKey, PostKey, list[Text]]] = []
            if expenses and revenues:
                found = [(e, r, [TEXT_PART]) for e in expenses for r in revenues]
            elif revenues:
                for r in revenues:
                    found += [(e, r, [TEXT_PART, why]) for e, why in self._expense_of(r)]
            else:
                for e in expenses:
                    found += [(e, r, [TEXT_PART, why]) for r, why in self._revenue_of(e)]
            for e, r, basis in found:
                pairs.setdefault((e, r), (sentence.source, basis))
        for row in (self.note_b.rows if self.note_b is not None else ()):
            if row.additional_revenue.blank:
                continue
            mine = [p for p in pairs if p[0] == row.key]
            if spoken:
                if not mine and row.additional_revenue.amount != 0:
                    self._fact(f"context.revenue_authority[{row.key}]", NONE, row.additional_revenue.source,
                               _not_taken(_column("additional_revenue"), "T-01"))
                continue
            for r, why in self._revenue_of(row.key):
                pairs.setdefault((row.key, r), (row.additional_revenue.source, [_column("additional_revenue"), why]))
        out = []
        for (e, r), (source, basis) in pairs.items():
            out.append(RevenueAuthority(e, r, "", source, origin=INFERRED))
            self._fact(f"context.revenue_authority[{e}/{r}]", f"{e} ↔ {r}", source, phrase(*basis, sep="; "))
        return tuple(out)

    def _expense_of(self, revenue: PostKey) -> list[tuple[PostKey, Text]]:
        """The expense post a revenue post pairs with: kapittel − 3000, the same post, else the one
        operating post, else the one post of that chapter in the statement."""
        chapter = f"{revenue.chapter_number - REVENUE_OFFSET:04d}"
        rows = [r.key for r in self.statement.expenses if r.key.chapter == chapter]
        pick = [k for k in rows if k.post == revenue.post] or [k for k in rows if 1 <= k.post_number <= 29] or rows
        if len(pick) != 1:
            return []
        return [(pick[0], _convention(pick[0], "expense"))]

    def _revenue_of(self, expense: PostKey) -> list[tuple[PostKey, Text]]:
        """The revenue posts an expense post pairs with: kapittel + 3000, the same post, else every post of
        that chapter in the statement (one to many)."""
        chapter = f"{expense.chapter_number + REVENUE_OFFSET:04d}"
        rows = [r.key for r in self.statement.revenues if r.key.chapter == chapter]
        pick = [k for k in rows if k.post == expense.post] or rows
        return [(k, _convention(k, "revenue")) for k in pick]

    # -- omdisponeringer and innsparinger --------------------------------------------------------
    def approved(self) -> tuple[Adjustment, ...]:
        """Samtykke til overskridelse, from the text part only («Bevilgningen på kap. 1574 post 60 kan
        overskrides med inntil 704 000 kroner (brev fra Finansdepartementet …)»): one of the agency's own posts
        and an amount for each; a sentence without an amount decides nothing (the rules cannot count it)."""
        found: dict[PostKey, Adjustment] = {}
        for sentence in self._about(words.APPROVED):
            refs = [r for r in words.post_refs(sentence.text) if self._own(r.key)]
            if not refs:
                if words.says_none(sentence.text):
                    self._fact("context.approved_overspends", NONE, sentence.source, TEXT_PART)
                continue
            for ref, amount, _ in _parts(sentence, refs, words.APPROVED):
                if amount is None or ref.key in found:
                    continue
                figure = Figure(amount, _derived(sentence.source, f"amount[{ref.key}]"))
                found[ref.key] = Adjustment(ref.key, figure, sentence.text, sentence.source, origin=INFERRED)
                self._fact(f"context.approved_overspend[{ref.key}]", money_text(amount), sentence.source,
                           TEXT_PART)
        return tuple(found.values())

    def adjustments(self, column: str, subject: str, pooling=None) -> tuple[Adjustment, ...]:
        """The column's amounts: nothing else in the accounts prints the decisions.

        The omdisponering column's heading names the only posts a decision can move («fra post 01 til 45 eller
        til post 01/21 fra neste års bevilgning»); an amount on another post is the pooling of «kan nyttes
        under» (−X on the post that gives, +X on the post that uses), which the rules compute, not a decision.
        """
        out = []
        for row in (self.note_b.rows if self.note_b is not None else ()):
            figure = getattr(row, column)
            if figure.amount == 0:
                continue
            if column == "reallocation" and (not _decided_move(row.key, figure.amount)
                                             or (pooling is not None and pooling(row.key, figure.amount))):
                continue
            out.append(Adjustment(row.key, figure, "", figure.source, origin=INFERRED))
            self._fact(f"{subject}[{row.key}]", money_text(figure.amount, signed=True), figure.source,
                       _only_column(column, "T-01"))
        if column == "reallocation":
            out += self._giving_sides(out)
        return tuple(out)

    def _giving_sides(self, found: list[Adjustment]) -> list[Adjustment]:
        """+X read on a post 45 came from post 01 of its chapter (the column's heading); where post 01's own
        amount also pools «kan nyttes under» and so was not read as a decision, its −X is the omdisponering's
        other side."""
        out = []
        keys = {a.key for a in found}
        for received in [a for a in found if a.key.post == "45" and a.amount.amount > 0]:
            giver = PostKey.parse(received.key.chapter, "01")
            row = self.note_b.row(giver)
            if giver in keys or row is None or row.reallocation.amount >= 0:
                continue
            figure = Figure(-received.amount.amount, _derived(row.reallocation.source, "omdisponering"))
            out.append(Adjustment(giver, figure, "", row.reallocation.source, origin=INFERRED))
            self._fact(f"context.reallocation[{giver}]", money_text(figure.amount, signed=True),
                       row.reallocation.source, _only_column("reallocation", "T-01"))
        return out


#: The posts an omdisponering or an overskridelse against next year's appropriation moves (the column's heading).
REALLOCATION_POSTS = frozenset({"01", "21", "45"})


def _pooling(posts: tuple[PostContext, ...]):
    """Whether an amount of Note B's omdisponering column on a post is its «kan nyttes under» pooled: −X on a
    post whose underspend may be used under another, +X on a post another's may be used under. The rules
    compute that pooling (rules/transfer.py); it is no decision to read off the column."""
    donors: set[PostKey] = set()
    targets: set[tuple[str, str | None]] = set()
    for post in posts:
        for item in post.stikkord:
            if item.kind == KAN_NYTTES_UNDER:
                donors.add(post.key)
                targets.update(item.targets_of(post.key.chapter))

    def pooled(key: PostKey, amount) -> bool:
        if amount < 0:
            return key in donors
        return (key.chapter, key.post) in targets or (key.chapter, None) in targets

    return pooled


def _decided_move(key: PostKey, amount) -> bool:
    """Whether Note B's omdisponering column can be a decision on this post with this sign (the column's
    heading: «fra post 01 til 45 eller til post 01/21 fra neste års bevilgning»): −X on post 01 (given to
    post 45), +X on post 45 (received from post 01), +X on post 01 or 21 (next year's money). Any other amount,
    such as −X on post 21, is the pooling of «kan nyttes under», which the rules compute."""
    if key.post not in REALLOCATION_POSTS:
        return False
    if amount < 0:
        return key.post == "01"
    return True


# --- helpers -----------------------------------------------------------------------------------------


def _assign(named: list[words.Named], refs: list[words.Ref]) -> list[tuple[Stikkord, list[PostKey]]]:
    """The posts each stikkord of a sentence is about: those named before it (since the one before), or,
    where none are, those after it; posts inside a «kan nyttes under» are its targets, not its posts."""
    outside = [r for r in refs if not any(n.start <= r.start < n.end for n in named)]
    out = []
    for i, n in enumerate(named):
        start = named[i - 1].end if i else 0
        before = [r.key for r in outside if start <= r.start < n.start]
        end = named[i + 1].start if i + 1 < len(named) else 10 ** 9
        after = [r.key for r in outside if n.end <= r.start < end]
        out.append((n.stikkord, before or after))
    return out


def _post_text_stikkord(row: AppropriationRow) -> tuple[Stikkord, ...]:
    return split_post_text(row.post_text)[1]


def _parts(sentence: _Sentence, refs: list[words.Ref], topic: str):
    """(post, amount, counterpart) for each post a sentence names: as many amounts as posts, in order; for
    one post and several amounts, what was granted comes first and what was charged of it last («på 1 000 000
    kroner, hvorav 800 000 kroner er utgiftsført»): the first for a received authority, the last for a given
    one where the sentence says what was charged. The counterpart named before the post (or the only one)."""
    found = words.amounts(sentence.text)
    names = words.counterparts(sentence.text, topic)
    out = []
    for i, ref in enumerate(refs):
        if len(found) == len(refs):
            amount = found[i].value
        elif len(refs) == 1 and found:
            charged = topic == words.GIVEN and words.says_charged(sentence.text)
            amount = found[-1 if charged else 0].value
        else:
            amount = None
        before = [n for n in names if n.start < ref.start]
        name = before[-1].name if before else (names[0].name if names else "")
        out.append((ref, amount, name))
    return out


def _derived(source: Source, what: str) -> Source:
    """The place of a value read from ``source`` that is not itself a printed figure: the same cell or line,
    a path of its own (so the report never takes it for the figure printed there)."""
    return source.at(f"{source.path}.{what}" if source.path else what)


def _convention(post: PostKey, side: str) -> Msg:
    """Why a post the text does not name is taken: the budget's numbering (``side``: expense or revenue)."""
    return msg(f"basis.convention.{side}", post=str(post))


def _ordered(keys: set[PostKey], statement) -> list[PostKey]:
    order = {row.key: i for i, row in enumerate(statement.expenses)}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


def _stikkord_value(items: tuple[Stikkord, ...]) -> Text:
    return Text(*(", ".join(s.label(lang) for s in items) for lang in ("nb", "nn", "en")))


def _stikkord_basis(taken: dict[Stikkord, list[Text]], rejected: list[Stikkord]) -> Text:
    places = list(dict.fromkeys(p for ps in taken.values() for p in ps))
    parts: list[Text] = list(places)
    if places == [STIKKORD_COLUMN]:
        parts = [_only_column("stikkord", "T-07")]
    if rejected:
        parts.append(_not_taken(phrase(STIKKORD_COLUMN, _stikkord_value(tuple(rejected)), sep=": "), "T-07"))
    return phrase(*parts, sep="; ")


def _authority_value(figure: Figure, counterpart: str) -> Text:
    amount = money_text(figure.value) if figure.value is not None else msg("basis.amount_unknown")
    return phrase(amount, counterpart, sep=", ") if counterpart else amount

