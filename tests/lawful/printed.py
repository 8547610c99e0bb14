"""Every printed figure of an agency-year, derived from its truth, as the YAML form's document.

:func:`document` gives the accounts as the YAML form holds them (``fixtures/imdi-2023.yaml``): nested
dicts and lists, every figure a :class:`~decimal.Decimal` in whole kroner (or None where the statement
prints nothing), every text as printed. The writers turn it into files; the error planter edits it.

Each figure is rounded from øre on its own (:func:`~tests.lawful.truth.kroner`): a row's regnskap, its
difference, the column's total, a note's line, the note's total, the statement line that is the note's
total — so totals carry the one-krone differences real accounts have, and a figure the model copies (a
note's total and its statement line, netto rapportert in both statements) is the same øre rounded once
and identical. Note A and Note B are arithmetic on printed whole kroner, exactly, and Note B follows R-2
as ``rules/transfer.py`` and ``rules/parameters.yaml`` define it: the 5 % of årets tildelinger (or of
samlet tildeling, where the agency reads it so), two years' appropriations for «kan overføres», nothing
for other posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.core.accounts import PostKey
from ledger.core.money import format_amount
from ledger.vocabulary.labels import TITLES, Text
from ledger.vocabulary.layout import BLOCK, CHART, NOTE8, NOTES, TableLayout
from tests.lawful.truth import (
    APPROVED,
    KAN_NYTTES_UNDER,
    KAN_OVERFORES,
    NET,
    OVERSLAG,
    OWN,
    POOL,
    REALLOCATION,
    RECEIVED,
    SAVINGS,
    Leaf,
    Post,
    T,
    Truth,
    kroner,
)

LAYOUTS: dict[str, TableLayout] = {"chart": CHART, **{layout.id: layout for layout in NOTES}}
#: The chart's detail lines that are a note's block (the note's total for it is the same øre, rounded once).
CHART_FROM_NOTES = {
    "fees": ("note1", "fees"), "grants_received": ("note1", "grants"), "sales_and_rent": ("note1", "sales"),
    "other_income": ("note1", "other"), "salaries": ("note2", "salaries"), "other_operating": ("note3", "operating"),
    "financial_income": ("note4", "income"), "investments": ("note5", "investments"), "shares": ("note5", "shares"),
    "financial_expenses": ("note4", "expenses"), "taxes_and_fees": ("note6", "collection"),
    "grants_paid": ("note7", "grants"),
}
#: Note 8's reported column: which mellomværende lines each of its lines reports.
NOTE8_REPORTED = {
    "other_receivables": ("receivables_employees", None),  # None: the agency's own receivable lines
    "bank_and_cash": ("cash", "bank_outside_norges_bank"),
    "tax_withholding": ("tax_withholding",),
    "public_charges": ("public_charges",),
    "other_short_term_debt": ("pension_premium", "advance_payments", "salary_net", "bank_differences"),
}
RATE = Decimal("0.05")
ZERO = Decimal(0)


def D(value: int) -> Decimal:
    return Decimal(value)


def money(value, lang: str) -> str:
    """An amount as a text prints it: ``300 000``."""
    return format_amount(Decimal(value), lang)


def kap(key: PostKey) -> str:
    """«kap. 671, post 21» as Note B's texts name a post (the chapter without its leading zero)."""
    return f"kap. {int(key.chapter)}, post {key.post_code}"


# --- the appropriation statement --------------------------------------------------------------------------


def printed_expenses(truth: Truth) -> list[Post]:
    """The expense rows the statement prints: a net post only above its underposts when the agency does."""
    return [p for p in truth.expenses if p.kind != NET or truth.presentation.underposts_with_net]


def row_figures(truth: Truth, post: Post) -> tuple[Decimal, Decimal, Decimal]:
    """(samlet tildeling, regnskap, merutgift/mindreutgift) of an expense row."""
    allocation, spent = truth.allocation(post), truth.spent(post)
    return D(allocation), kroner(spent), kroner(allocation * 100 - spent)


def difference(truth: Truth, key: PostKey) -> Decimal:
    return row_figures(truth, truth.expense(key))[2]


def merinntekt(truth: Truth, revenue: PostKey) -> Decimal:
    """A revenue post's merinntekt as Note B reads it: printed regnskap − samlet tildeling."""
    post = truth.revenue(revenue)
    return kroner(post.spent) - post.allocated


def revenue_used(truth: Truth, key: PostKey) -> Decimal | None:
    """The merinntekt an expense post uses under its merinntektsfullmakter (None: it has none)."""
    used = None
    for authority in truth.revenue_authorities:
        if key not in authority.expenses:
            continue
        total = sum((merinntekt(truth, r) for r in authority.revenues), ZERO)
        if len(authority.expenses) > 1:  # one merinntekt shared: split by the weights, the rest to the last
            weights = authority.weights
            parts = [total * w // sum(weights) for w in weights[:-1]]
            parts.append(total - sum(parts))
            total = parts[authority.expenses.index(key)]
        used = (used or ZERO) + total
    return used


@dataclass(frozen=True)
class NoteBRow:
    key: PostKey
    kind: str  # percentage | two_year | none
    stikkord: str
    difference: Decimal
    charged_by_others: Decimal | None
    after_charged: Decimal
    additional_revenue: Decimal | None
    reallocation: Decimal | None
    savings: Decimal | None
    basis: Decimal
    maximum: Decimal
    transferable: Decimal
    maximum_arets: Decimal  # the 5 % maximum on årets tildelinger (what R-2 reads, see rules/parameters.yaml)
    printed: bool  # Note B prints the row


def transfer_kind(post: Post) -> str:
    if post.has(KAN_OVERFORES):
        return "two_year"
    number = int(post.key.post)
    return "percentage" if 1 <= number <= 29 and number != 24 and post.kind == OWN else "none"


def _none_if_zero(value: Decimal) -> Decimal | None:
    return None if value == 0 else value


def note_b_rows(truth: Truth) -> list[NoteBRow]:
    """Note B for every expense post of the agency's own, with whether Note B prints it."""
    rows = []
    for post in truth.expenses:
        if post.kind != OWN or post.key.is_underpost:
            continue
        key, kind = post.key, transfer_kind(post)
        diff = difference(truth, key)
        charged = -sum((kroner(g.ore) for g in truth.given if g.key == key), ZERO)
        additional = revenue_used(truth, key)
        reallocation = sum((D(a.amount) for a in truth.adjustments if a.key == key and a.what in (REALLOCATION, POOL)),
                           ZERO)
        savings = sum((D(a.amount) for a in truth.adjustments if a.key == key and a.what == SAVINGS), ZERO)
        after = diff + charged
        basis = after + (additional or ZERO) + reallocation + savings
        arets = RATE * post.allocated
        if kind == "percentage":
            maximum = arets if truth.reading == "arets_tildelinger" else RATE * post.allocation
        elif kind == "two_year":
            maximum = D(post.allocated + post.prior_appropriation)
        else:
            maximum = ZERO
        transferable = max(ZERO, min(basis, maximum))
        if key in truth.transfer_asked:
            transferable = D(truth.transfer_asked[key])
        used = charged != 0 or additional is not None or reallocation != 0 or savings != 0
        printed = (kind != "none" and basis > 0) or used or (
            kind != "none" and truth.presentation.note_b_rows_without_basis)
        rows.append(NoteBRow(key, kind, stikkord_column(truth, post), diff, _none_if_zero(charged), after,
                             additional if additional is None else additional, _none_if_zero(reallocation),
                             _none_if_zero(savings), basis, maximum, transferable, arets, printed))
    return rows


def stikkord_column(truth: Truth, post: Post) -> str:
    words = [k.text(truth.language) for k in post.stikkord]
    if truth.presentation.stikkord_column_partial and len(words) > 1:
        words = words[:1]  # «kan overføres, kan nyttes under post 70» printed as «kan overføres»
    if truth.presentation.stikkord_quotes:
        words = [f"«{w}»" for w in words]
    return ", ".join(words)


def post_text(truth: Truth, post: Post) -> str:
    if truth.presentation.stikkord_in_post_texts and post.stikkord:
        return ", ".join([post.post_text, *(k.text(truth.language) for k in post.stikkord)])
    return post.post_text


def _appropriation(truth: Truth, lang: str, note_b: list[NoteBRow]) -> dict:
    in_b = {r.key for r in note_b if r.printed}
    expenses = []
    for post in printed_expenses(truth):
        allocation, accounts, diff = row_figures(truth, post)
        notes = [n for n, yes in (("A", truth.allocation(post) != 0 and post.kind in (OWN, NET)),
                                  ("B", post.key in in_b)) if yes]
        expenses.append({"chapter": post.key.chapter, "chapter_name": post.chapter_name, "post": post.key.post_code,
                         "post_text": post_text(truth, post), "note": ", ".join(notes), "allocation": allocation,
                         "accounts": accounts, "difference": diff})
    counted = [p for p in truth.expenses if p.kind != NET]
    expense_total = {"allocation": D(sum(p.allocation for p in counted)), "accounts": kroner(sum(p.spent for p in counted)),
                     "difference": kroner(sum(p.allocation * 100 - p.spent for p in counted))}
    column = truth.presentation.revenue_column
    revenues = []
    for post in truth.revenues:
        merinntekt_ = kroner(post.spent - post.allocated * 100)
        printed = {"blank": None, "full": merinntekt_, "partial": merinntekt_ if post.allocated else None}[column]
        revenues.append({"chapter": post.key.chapter, "chapter_name": post.chapter_name, "post": post.key.post,
                         "post_text": post.post_text, "allocation": D(post.allocated), "accounts": kroner(post.spent),
                         "difference": printed})
    filled = [r["difference"] for r in revenues if r["difference"] is not None]
    revenue_total_difference = {
        "blank": None, "full": kroner(sum(p.spent - p.allocated * 100 for p in truth.revenues)),
        "partial": sum(filled, ZERO) if truth.presentation.revenue_partial_total and filled else None}[column]
    revenue_total = {"allocation": D(sum(p.allocated for p in truth.revenues)),
                     "accounts": kroner(sum(p.spent for p in truth.revenues)), "difference": revenue_total_difference}
    net = truth.net_reported()
    change = balance_change(truth)
    payments = -(net + change + truth.receipts)
    words = {
        "in": T("Norges Bank KK /innbetalinger", "Noregs Bank KK / innbetalingar"),
        "out": T("Norges Bank KK /utbetalinger", "Noregs Bank KK / utbetalingar"),
        "change": T("Endring i mellomværende med statskassen", "Endring i mellomværet med statskassa"),
        "balance": T("Mellomværende med statskassen", "Mellomvære med statskassa"),
        "shares": T("Aksjer", "Aksjar"),
    }
    capital = [{"account": truth.accounts["in"], "text": words["in"](lang), "amount": kroner(truth.receipts)},
               {"account": truth.accounts["out"], "text": words["out"](lang), "amount": kroner(payments)},
               {"account": truth.accounts["balance"], "text": words["change"](lang), "amount": kroner(change)}]
    now, before = balance_totals(truth)
    holdings = [{"account": truth.accounts["balance"], "text": words["balance"](lang), "current": kroner(now),
                 "prior": kroner(before), "change": kroner(change)}]
    if truth.shares:
        value = sum(s.book_value for s in truth.shares)
        last = sum(s.prior_book_value for s in truth.shares)
        holdings.append({"account": truth.accounts["shares"], "text": words["shares"](lang), "current": D(value),
                         "prior": D(last), "change": D(value - last)})
    comments = []
    if truth.presentation.texts:
        comments.append(T("Merutgifter og mindreutgifter er forklart i note B og i ledelseskommentarene.",
                          "Meirutgifter og mindreutgifter er forklarte i note B og i leiarkommentarane.")(lang))
    return {
        "title": f"{TITLES['appropriation'](lang)} 31.12.{truth.year}",
        "expenses": expenses, "expense_total": expense_total, "expense_comments": comments,
        "revenues": revenues, "revenue_total": revenue_total, "net_reported": kroner(net),
        "capital_accounts": capital, "sum_reported": ZERO, "holdings": holdings,
    }


def balance_totals(truth: Truth) -> tuple[int, int]:
    """Sum mellomværende with the treasury, this year and last year, øre."""
    ids = [leaf.id for leaf in truth.leaves if leaf.block == "balance"]
    return sum(truth.balance.get(i, 0) for i in ids), sum(truth.prior.get(i, 0) for i in ids)


def balance_change(truth: Truth) -> int:
    now, before = balance_totals(truth)
    return now - before


# --- Notes A and B ------------------------------------------------------------------------------------


def _note_a(truth: Truth, lang: str) -> dict:
    rows = []
    for post in truth.expenses:
        if post.kind not in (OWN, NET) or (post.kind == NET and not truth.presentation.underposts_with_net):
            continue
        allocation = truth.allocation(post)
        if allocation == 0 and post.kind != NET:
            continue
        transferred = post.transferred if post.kind == OWN else 0
        blank = transferred == 0 and truth.presentation.note_a_blank_transfers
        rows.append({"chapter": post.key.chapter, "post": post.key.post_code,
                     "transferred": None if blank else D(transferred), "allocated": D(allocation - transferred),
                     "total": D(allocation)})
    note = {"title": TITLES["note_a"](lang), "rows": rows,
            "footnotes": [T("1) Overført fra i fjor gjelder overføring av mindreforbruk.",
                            "1) Overført frå i fjor, gjeld overføring av mindreforbruk.")(lang)]}
    if truth.presentation.note_a_total:
        counted = [r for r in rows if not _is_net_row(truth, r)]
        note["total"] = {c: sum((r[c] or ZERO for r in counted), ZERO) for c in ("transferred", "allocated", "total")}
    return note


def _is_net_row(truth: Truth, row: dict) -> bool:
    """A net post printed above its underposts is not counted again in a total."""
    return any(k.chapter == row["chapter"] and k.post_code == row["post"] for k in truth.underposts)


def _note_b(truth: Truth, lang: str, rows: list[NoteBRow]) -> dict:
    printed = [r for r in rows if r.printed]
    columns = ("difference", "charged_by_others", "after_charged", "additional_revenue", "reallocation", "savings",
               "basis", "maximum", "transferable")
    out = [{"chapter": r.key.chapter, "post": r.key.post_code, "stikkord": r.stikkord,
            **{c: getattr(r, c) for c in columns}} for r in printed]
    note = {"title": TITLES["note_b"](lang), "rows": out,
            "footnotes": [T("* Maksimalt beløp som kan overføres er 5 prosent av årets bevilgning på driftspostene "
                            "01-29, unntatt post 24, eller summen av de siste to års bevilgning for poster med "
                            "stikkordet «kan overføres». Se årlig rundskriv R-2 for mer detaljert informasjon om "
                            "overføring av ubrukte bevilgninger.",
                            "* Maksimalt beløp som kan overførast, er 5 prosent av årets løyving på driftspostane "
                            "01–29, utanom post 24, eller summen av løyvinga dei siste to åra for postar med "
                            "stikkordet «kan overførast». Sjå meir detaljert informasjon om overføring av ubrukte "
                            "løyvingar i det årlege rundskrivet R-2.")(lang)],
            "texts": note_b_texts(truth, rows)}
    if truth.presentation.note_b_total and out:
        note["total"] = {c: (None if all(r[c] is None for r in out) else sum((r[c] or ZERO for r in out), ZERO))
                         for c in columns}
    return note


def note_b_texts(truth: Truth, rows: list[NoteBRow]) -> list[dict]:
    """Note B's text part as agencies write it: what the inference of issue 11 reads."""
    lang, who, year = truth.language, truth.short_name, truth.year
    w = truth.words
    texts = []

    def add(heading: Text, text: str) -> None:
        texts.append({"heading": heading(lang), "text": text})

    received = [p for p in truth.expenses if p.kind == RECEIVED]
    add(T("Mottatte belastningsfullmakter", "Mottekne belastningsfullmakter"), " ".join(
        w(f"{who} har i {year} mottatt belastningsfullmakt fra {p.counterpart} på {money(p.granted, lang)} kroner "
          f"på {kap(p.key)}.",
          f"{who} har i {year} fått ei belastningsfullmakt frå {p.counterpart} på {money(p.granted, lang)} kroner "
          f"på {kap(p.key)}.") for p in received)
        or w(f"{who} har ikke mottatt belastningsfullmakter i {year}.", f"{who} har ikkje fått belastningsfullmakter i {year}."))
    transferable = [p for p in truth.expenses if p.has(KAN_OVERFORES)]
    if transferable:
        listed = ", ".join(kap(p.key) for p in transferable)
        add(T("Stikkordet «kan overføres»", "Stikkordet «kan overførast»"),
            w(f"{who}s bevilgninger på {listed}, har stikkordet «kan overføres».",
              f"{who} sine løyvingar på {listed}, har stikkordet «kan overførast»."))
    usable = [p for p in truth.expenses if p.has(KAN_NYTTES_UNDER)]
    if usable:
        parts = []
        for p in usable:
            words = next(k for k in p.stikkord if k.kind == KAN_NYTTES_UNDER).text(lang)
            parts.append(w(f"Bevilgningen på {kap(p.key)} {words}.", f"Løyvinga på {kap(p.key)} {words}."))
        for a in truth.adjustments:
            if a.what == POOL and a.amount < 0:
                to = next(b for b in truth.adjustments if b.what == POOL and b.amount == -a.amount and b.key != a.key)
                parts.append(w(f"Mindreutgiften på {kap(a.key)} er brukt til å dekke merutgiften på {kap(to.key)} "
                               f"med {money(-a.amount, lang)} kroner.",
                               f"Mindreutgifta på {kap(a.key)} er nytta til å dekkje meirutgifta på {kap(to.key)} "
                               f"med {money(-a.amount, lang)} kroner."))
        add(T("Stikkordet «kan nyttes under»", "Stikkordet «kan nyttast under»"), " ".join(parts))
    estimated = [p for p in truth.expenses if p.has(OVERSLAG)]
    if estimated:
        add(T("Overslagsbevilgninger", "Overslagsløyvingar"), " ".join(
            w(f"Bevilgningen på {kap(p.key)} er en overslagsbevilgning.",
              f"Løyvinga på {kap(p.key)} er ei overslagsløyving.") for p in estimated))
    add(T("Avgitte belastningsfullmakter (utgiftsført av andre på utgiftskapittel og inntektsført av andre på "
          "inntektskapittel)",
          "Avgitte belastningsfullmakter (utgiftsførte av andre på utgiftskapittel og inntektsførte av andre på "
          "inntektskapittel)"), " ".join(
        w(f"{who} har gitt {g.counterpart} belastningsfullmakt på {kap(g.key)}. {g.counterpart} har utgiftsført "
          f"{money(kroner(g.ore), lang)} kroner.",
          f"{who} har gitt {g.counterpart} belastningsfullmakt på {kap(g.key)}. {g.counterpart} har utgiftsført "
          f"{money(kroner(g.ore), lang)} kroner.") for g in truth.given)
        or w(f"{who} har ikke avgitt belastningsfullmakter i {year}.", f"{who} har ikkje avgitt belastningsfullmakter i {year}."))
    if truth.revenue_authorities:
        parts = []
        for a in truth.revenue_authorities:
            exp = " og ".join(kap(k) for k in a.expenses)
            rev = " og ".join(kap(k) for k in a.revenues)
            total = sum((merinntekt(truth, r) for r in a.revenues), ZERO)
            parts.append(w(f"{who} har fullmakt til å overskride bevilgningen på {exp} mot tilsvarende merinntekter "
                           f"på {rev} ({a.decision}). Merinntektene var {money(total, lang)} kroner i {year}.",
                           f"{who} har fullmakt til å overskride løyvinga på {exp} mot tilsvarande meirinntekter "
                           f"på {rev} ({a.decision}). Meirinntektene var {money(total, lang)} kroner i {year}."))
        add(T("Fullmakt til å overskride driftsbevilgninger mot tilsvarende merinntekter",
              "Fullmakt til å overskride driftsløyvingar mot tilsvarande meirinntekter"), " ".join(parts))
    moved = [a for a in truth.adjustments if a.what == REALLOCATION and a.amount > 0]
    if moved:
        add(T("Omdisponering fra post 01 til 45", "Omdisponering frå post 01 til 45"), " ".join(
            w(f"{who} har omdisponert {money(a.amount, lang)} kroner fra kap. {int(a.key.chapter)}, post 01 til "
              f"post 45 ({a.decision}).",
              f"{who} har omdisponert {money(a.amount, lang)} kroner frå kap. {int(a.key.chapter)}, post 01 til "
              f"post 45 ({a.decision}).") for a in moved))
    saved = [a for a in truth.adjustments if a.what == SAVINGS]
    if saved:
        add(T("Innsparinger", "Innsparingar"), " ".join(
            w(f"Det er spart inn {money(-a.amount, lang)} kroner på {kap(a.key)} ({a.decision}).",
              f"Det er spart inn {money(-a.amount, lang)} kroner på {kap(a.key)} ({a.decision}).") for a in saved))
    approved = [a for a in truth.adjustments if a.what == APPROVED]
    if approved:
        add(T("Samtykke til overskridelse", "Samtykke til overskriding"), " ".join(
            w(f"Bevilgningen på {kap(a.key)} kan overskrides med inntil {money(a.amount, lang)} kroner ({a.decision}).",
              f"Løyvinga på {kap(a.key)} kan overskridast med inntil {money(a.amount, lang)} kroner ({a.decision}).")
            for a in approved))
    total = sum((r.transferable for r in rows if r.printed), ZERO)
    add(T("Mulig overførbart beløp", "Mogleg beløp som kan overførast"),
        w(f"{who} vil søke om å overføre {money(total, lang)} kroner til {year + 1}.",
          f"{who} vil søkje om å overføre {money(total, lang)} kroner til {year + 1}."))
    return texts


# --- the chart-of-accounts statement and notes 1–7 ---------------------------------------------------------


def extras(truth: Truth, table: str, block: str) -> list[Leaf]:
    return [leaf for leaf in truth.leaves if leaf.table == table and leaf.block == block and leaf.line is None]


def line_ore(truth: Truth, amounts: dict[str, int], table: str, line_id: str) -> int:
    """A layout line's øre: a detail line's own leaf (or the note block a chart line is), a sum's parts."""
    layout = LAYOUTS[table]
    definition = layout.line(line_id)
    if definition.role in ("detail", "memo"):
        if table == "chart" and line_id in CHART_FROM_NOTES:
            note, block = CHART_FROM_NOTES[line_id]
            return block_ore(truth, amounts, note, block)
        return amounts.get(f"{table}.{line_id}", 0)
    total = 0
    for sign, ref in layout.sum_for(line_id).parts:
        if ref.startswith(BLOCK):
            total += sign * block_ore(truth, amounts, table, ref.removeprefix(BLOCK))
        else:
            total += sign * line_ore(truth, amounts, table, ref)
    return total


def block_ore(truth: Truth, amounts: dict[str, int], table: str, block: str) -> int:
    layout = LAYOUTS[table]
    total = sum(d.sign * line_ore(truth, amounts, table, d.id) for d in layout.lines
                if d.block == block and d.role == "detail")
    return total + sum(amounts.get(leaf.id, 0) for leaf in extras(truth, table, block))


#: Subtotals a note need not print where it itemises (issue 11.3: read what is printed).
OPTIONAL_SUBTOTALS = {"note1": ("fees_total", "grants_total", "sales_total", "other_total")}
#: Blocks an agency leaves out when they are zero both years, with the statement lines that go with them.
ZERO_SECTIONS = {
    "chart": {"operating_income": ("fees", "grants_received", "sales_and_rent", "other_income",
                                   "operating_income_total"),
              "investment_income": ("financial_income", "investment_income_total"),
              "collection": ("taxes_and_fees", "collection_total")},
    "note4": {"income": ("interest_income", "fx_gain", "other_financial_income", "income_total")},
}


def _line_table(truth: Truth, table: str, lang: str, now: dict[str, int], before: dict[str, int]) -> dict:
    layout = LAYOUTS[table]
    p = truth.presentation
    lines: list[dict] = []
    done: set[str] = set()

    def ore(line_id: str) -> tuple[int, int]:
        return line_ore(truth, now, table, line_id), line_ore(truth, before, table, line_id)

    def figures(line_id: str) -> tuple[Decimal, Decimal]:
        return tuple(kroner(x) for x in ore(line_id))

    # only what is truly nothing is left out: a line of 40 øre prints 0 and stays, or its total would
    # carry more than the rounding of the lines printed
    zero_blocks = set()
    if p.omit_zero_sections:
        for block, ids in ZERO_SECTIONS.get(table, {}).items():
            if all(ore(i) == (0, 0) for i in ids) and not any(
                    now.get(x.id) or before.get(x.id) for x in extras(truth, table, block)):
                zero_blocks.add(block)
    hidden_extras = table == "note1" and not p.note1_details  # IMDi prints note 1's subtotals only

    def put_extras(block: str) -> None:
        if block in done or hidden_extras:
            return
        done.add(block)
        for leaf in extras(truth, table, block):
            if not now.get(leaf.id) and not before.get(leaf.id):
                continue
            values = (kroner(now.get(leaf.id, 0)), kroner(before.get(leaf.id, 0)))
            line = {"block": block, "label": leaf.label(lang), "current": values[0], "prior": values[1]}
            lines.append(line)

    for definition in layout.lines:
        if definition.role == "total" or definition.role == "net":
            put_extras(definition.block)
        if definition.block in zero_blocks:
            continue
        if table == "note2" and definition.role == "memo":
            lines.append(_memo(truth, definition.id, lang))
            continue
        values = figures(definition.id)
        optional = not definition.required and definition.role == "detail"
        if hidden_extras and definition.role == "detail":
            continue  # note 1 as IMDi prints it: the subtotals alone, the amounts on the agency's own lines
        if optional and p.omit_zero_lines and ore(definition.id) == (0, 0):
            continue
        if p.omit_subtotals and p.note1_details and definition.id in OPTIONAL_SUBTOTALS.get(table, ()):
            continue
        line = {"id": definition.id, "label": definition.label(lang)}
        if table == "chart" and definition.note:
            line["note"] = definition.note
        line.update({"current": values[0], "prior": values[1]})
        lines.append(line)
    for block in dict.fromkeys(d.block for d in layout.lines):
        put_extras(block)
    out = {"title": layout.title(lang) + (f" 31.12.{truth.year}" if table == "chart" else ""), "lines": lines}
    if p.texts and table in NOTE_TEXTS:
        out["texts"] = [NOTE_TEXTS[table](lang)]
    return out


NOTE_TEXTS = {
    "note3": T("Økningen i andre driftsutgifter skyldes i hovedsak kjøp av konsulenttjenester.",
               "Auken i andre driftsutgifter kjem i hovudsak av kjøp av konsulenttenester."),
    "note7": T("Tilskuddene er utbetalt etter regelverket for ordningene.",
               "Tilskota er utbetalte etter regelverket for ordningane."),
}


def _memo(truth: Truth, line_id: str, lang: str) -> dict:
    """Note 2's memo lines: årsverk, and the premium rate (the only figures that are not kroner)."""
    salary = kroner(sum(o for p in truth.expenses for leaf, o in p.postings if leaf == "note2.salary"))
    if line_id == "fte":
        now, before = (salary // 700_000 if salary else ZERO), (salary // 720_000 if salary else ZERO)
    else:
        now = before = Decimal("10.3")
    return {"id": line_id, "label": NOTES[1].line(line_id).label(lang), "current": now, "prior": before}


# --- note 8 ---------------------------------------------------------------------------------------------------


def _note8(truth: Truth, lang: str) -> dict:
    reported: dict[str, int] = {}
    for line, sources in NOTE8_REPORTED.items():
        ids = [f"chart.{s}" for s in sources if s] + (
            [leaf.id for leaf in extras(truth, "chart", "balance")] if None in sources else [])
        reported[line] = sum(truth.balance.get(i, 0) for i in ids)
    booked = {line.id: reported.get(line.id, 0) + truth.note8_booked.get(line.id, 0)
              for line in NOTE8.lines if line.role == "detail"}
    p = truth.presentation
    lines = []

    def group(block: str) -> tuple[int, int]:
        ids = [d.id for d in NOTE8.lines if d.block == block and d.role == "detail"]
        return sum(booked[i] for i in ids), sum(reported.get(i, 0) for i in ids)

    for definition in NOTE8.lines:
        if definition.role == "detail":
            b, r = booked[definition.id], reported.get(definition.id, 0)
            if p.omit_zero_lines and b == 0 and r == 0:
                continue
        elif definition.id == "total":
            b = sum(group(block)[0] for block in ("financial_fixed_assets", "current_assets", "long_term_debt",
                                                  "short_term_debt"))
            r = sum(group(block)[1] for block in ("financial_fixed_assets", "current_assets", "long_term_debt",
                                                  "short_term_debt"))
        else:
            if p.omit_subtotals:
                continue
            b, r = group(definition.block)
        lines.append({"id": definition.id, "label": definition.label(lang), "booked": kroner(b),
                      "reported": kroner(r), "difference": kroner(b - r)})
    shares = [{"company": s.company, "acquired": s.acquired, "shares": D(s.count), "ownership": s.ownership,
               "voting_share": s.voting, "result": D(s.result), "equity": D(s.equity), "book_value": D(s.book_value)}
              for s in truth.shares]
    out = {"title": NOTE8.title(lang), "lines": lines, "shares": shares}
    if p.texts and truth.note8_booked.get("suppliers"):
        out["texts"] = [T("Leverandørgjeld er bokført, men ikke rapportert til statsregnskapet.",
                          "Leverandørgjeld er bokført, men ikkje rapportert til statsrekneskapen.")(lang)]
    return out


# --- the context of the appropriations ----------------------------------------------------------------------


def context(truth: Truth) -> dict:
    """The context as avstem's own section states it (what the accounts' texts say, and last year's
    appropriations where the truth states them)."""
    lang = truth.language
    posts = []
    for post in truth.expenses:
        if not post.stikkord:
            continue
        prior = None
        if post.has(KAN_OVERFORES) and truth.priors_stated:
            prior = D(post.prior_appropriation)
        posts.append({"chapter": post.key.chapter, "post": post.key.post_code,
                      "stikkord": [k.text(lang) for k in post.stikkord], "prior_appropriation": prior})
    pairs = [{"chapter": e.chapter, "post": e.post_code, "revenue_chapter": r.chapter, "revenue_post": r.post,
              "decision": a.decision} for a in truth.revenue_authorities for e in a.expenses for r in a.revenues]
    return {
        "source": T("Note B, forklaring til bruk av fullmakter", "Note B, forklaring til bruk av fullmakter")(lang),
        "posts": posts,
        "received_authorities": [{"chapter": p.key.chapter, "post": p.key.post_code, "amount": D(p.granted),
                                  "counterpart": p.counterpart} for p in truth.expenses if p.kind == RECEIVED],
        "given_authorities": [{"chapter": g.key.chapter, "post": g.key.post_code, "amount": kroner(g.ore),
                               "counterpart": g.counterpart} for g in truth.given],
        "additional_revenue_authorities": pairs,
        "reallocations": [{"chapter": a.key.chapter, "post": a.key.post_code, "amount": D(a.amount),
                           "decision": a.decision} for a in truth.adjustments if a.what in (REALLOCATION, POOL)],
        "savings": [{"chapter": a.key.chapter, "post": a.key.post_code, "amount": D(a.amount), "decision": a.decision}
                    for a in truth.adjustments if a.what == SAVINGS],
        "approved_overspends": [{"chapter": a.key.chapter, "post": a.key.post_code, "amount": D(a.amount),
                                 "decision": a.decision} for a in truth.adjustments if a.what == APPROVED],
    }


# --- the whole document -------------------------------------------------------------------------------------


def document(truth: Truth) -> dict:
    """The accounts as printed, in the YAML form's structure (with the context; a writer may leave it out)."""
    lang = truth.language
    rows = note_b_rows(truth)
    now = truth.current()
    before = dict(truth.prior)
    model = "R-115 desember 2022" if truth.year >= 2022 else "R-115 desember 2016"
    notes = {layout.id: _line_table(truth, layout.id, lang, now, before) for layout in NOTES}
    notes["note8"] = _note8(truth, lang)
    return {
        "form": "avstem.accounts/1",
        "agency": {"name": truth.name, "short_name": truth.short_name, "year": str(truth.year), "model": model,
                   "language": lang, "ministry": truth.ministry,
                   "published_in": T(f"Årsrapport {truth.year}, del VI Årsregnskap",
                                     f"Årsrapport {truth.year}, del VI Årsrekneskap")(lang)},
        "appropriation": _appropriation(truth, lang, rows),
        "note_a": _note_a(truth, lang),
        "note_b": _note_b(truth, lang, rows),
        "chart_of_accounts": {**_line_table(truth, "chart", lang, now, before), "footnotes": []},
        "notes": notes,
        "context": context(truth),
    }

