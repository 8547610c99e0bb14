"""N1–N8 — the notes to the chart-of-accounts statement.

For each note: its own sums (defined in :mod:`ledger.vocabulary.layout`), and its
totals against the statement lines that refer to it. Sums of rounded figures
use the interval tolerance; a note total copied to the statement is exact.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.vocabulary.labels import COLUMNS, Text, money_text, msg, phrase, same
from rules.context import RuleContext
from rules.findings import Severity
from rules.lines import check_table_sum, check_tie, line_key, line_subject
from rules.references import R115_APPROPRIATION, R115_CHART, R115_NOTE_8, R115_NOTES, XBRL_CALC_1_1
from rules.registry import rule
from rules.tolerance import EXACT, interval
from rules.transfer import counted_expenses


def tie(ctx: RuleContext, key: str, subject: Text, figure, parts: list) -> None:
    """A printed figure against the printed figures it stands for: one figure is a copy (identical), several
    a sum of rounded figures (the interval tolerance)."""
    if len(parts) == 1 and parts[0][0] == 1:
        ctx.check_copy(key, subject, figure, parts[0][1], parts[0][2])
    else:
        ctx.check_sum(key, subject, figure, parts)


_SUM_REFS = (R115_NOTES, XBRL_CALC_1_1)
_TIE_REFS = (R115_NOTES, R115_CHART)


def _sums(ctx: RuleContext, note: str) -> None:
    table = ctx.accounts.table(note)
    for definition in table.layout.sums:
        check_table_sum(ctx, table, definition.total)


def _ties(ctx: RuleContext, note: str, pairs: tuple[tuple[str, str], ...]) -> None:
    for note_line, chart_line in pairs:
        check_tie(ctx, ctx.accounts.table(note), note_line, ctx.accounts.chart, chart_line)


@rule("N1-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n1_01(ctx: RuleContext) -> None:
    """
    What it checks:
        Each subtotal of note 1 (gebyrer, tilskudd og overføringer, salgs- og
        leieinnbetalinger, andre innbetalinger) equals the sum of its detail
        lines where they are printed, and "Sum innbetalinger fra drift"
        equals the sum of the four subtotals; both years.
    Why it matters:
        Note 1 specifies the operating income of the statement; its totals
        are only as good as their parts.
    Example:
        IMDi 2023 prints the four subtotals (all 0) and their total 0.
    Legal basis:
        R-115 (December 2022), the model note 1.
    """
    _sums(ctx, "note1")


@rule("N1-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n1_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Each subtotal of note 1 is identical to the statement line it
        specifies, and the note's total to "Sum innbetalinger fra drift";
        both years.
    Why it matters:
        A note that does not tie to its statement line specifies something
        other than what was reported.
    Example:
        IMDi 2023: "Sum innbetalingar frå gebyr" 0 = "Innbetalingar frå gebyr" 0.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 1.
    """
    _ties(ctx, "note1", (("fees_total", "fees"), ("grants_total", "grants_received"),
                         ("sales_total", "sales_and_rent"), ("other_total", "other_income"),
                         ("total", "operating_income_total")))


@rule("N2-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n2_01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum utbetalinger til lønn" equals lønn + arbeidsgiveravgift +
        pensjonsutgifter + sykepenger og andre refusjoner (negative) + andre
        ytelser, both years.
    Why it matters:
        Salary cost is the largest operating cost of most agencies and the
        basis of key figures such as salary per full-time equivalent.
    Example:
        IMDi 2022: the lines sum to 209 331 559 against a printed 209 331 558
        (a one-krone rounding difference, info).
    Legal basis:
        R-115 (December 2022), the model note 2.
    """
    _sums(ctx, "note2")


@rule("N2-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n2_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 2's total is identical to "Utbetalinger til lønn" in the
        chart-of-accounts statement, both years.
    Why it matters:
        The note specifies that line; a difference means one was changed
        after the other.
    Example:
        IMDi 2023: 224 652 734 in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 2.
    """
    _ties(ctx, "note2", (("total", "salaries"),))


@rule("N2-03",
      severity=Severity.ERROR, tolerance="none", references=(R115_NOTES,))
def n2_03(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sykepenger og andre refusjoner (-)" is zero or negative, both years.
    Why it matters:
        Refunds reduce salary cost; entered as positive they inflate it twice
        over.
    Example:
        IMDi 2023: −14 076 089.
    Legal basis:
        R-115 (December 2022), the model note 2 (the line is marked "(-)").
    """
    table = ctx.accounts.notes["note2"]
    line = table.get("refunds")
    if line is None:
        return
    for column in table.layout.columns:
        if line[column].amount > 0:
            ctx.add(line_key(ctx.accounts, table, line, column), "sign.positive", location=line[column].source,
                    actual=line[column].amount, subject=line_subject(ctx.accounts, table, line, column))


@rule("N3-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n3_01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum andre utbetalinger til drift" equals the sum of note 3's lines,
        both years.
    Why it matters:
        Note 3 shows what the operating budget was spent on: rent,
        consultants, travel.
    Example:
        IMDi 2022: the lines sum to 230 946 767 against a printed 230 946 766
        (info).
    Legal basis:
        R-115 (December 2022), the model note 3.
    """
    _sums(ctx, "note3")


@rule("N3-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n3_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 3's total is identical to "Andre utbetalinger til drift" in the
        chart-of-accounts statement, both years.
    Why it matters:
        The note specifies that line.
    Example:
        IMDi 2023: 234 858 484 in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 3.
    """
    _ties(ctx, "note3", (("total", "other_operating"),))


@rule("N4-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n4_01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum innbetaling av finansinntekter" and "Sum utbetaling av
        finansutgifter" each equal the sum of their printed lines, both years.
    Why it matters:
        Interest and currency effects are small but must be complete.
    Example:
        IMDi 2023: renteutgifter 13 485 + valutatap 0 + anna finansutgift 0
        = 13 485.
    Legal basis:
        R-115 (December 2022), the model note 4.
    """
    _sums(ctx, "note4")


@rule("N4-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n4_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 4's financial income total is identical to "Innbetaling av
        finansinntekter" and its financial expense total to "Utbetaling av
        finansutgifter" in the chart-of-accounts statement, both years.
    Why it matters:
        The note specifies those two lines.
    Example:
        IMDi 2023: 13 485 in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 4.
    """
    _ties(ctx, "note4", (("income_total", "financial_income"), ("expense_total", "financial_expenses")))


@rule("N5-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n5_01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum utbetaling til investeringer" and "Sum utbetaling til kjøp av
        aksjer" each equal the sum of their printed lines, both years.
    Why it matters:
        Investments are classified by asset type for the state's capital
        accounts.
    Example:
        IMDi 2023: 6 837 + 1 444 253 = 1 451 090 against a printed
        1 451 091 (a one-krone rounding difference, info).
    Legal basis:
        R-115 (December 2022), the model note 5.
    """
    _sums(ctx, "note5")


@rule("N5-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n5_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 5's totals are identical to "Utbetaling til investeringer" and
        "Utbetaling til kjøp av aksjer" in the chart-of-accounts statement,
        both years.
    Why it matters:
        The note specifies those two lines.
    Example:
        IMDi 2023: 1 451 091 in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 5.
    """
    _ties(ctx, "note5", (("investments_total", "investments"), ("shares_total", "shares")))


@rule("N6-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n6_01(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 6's total equals the sum of its lines (agency-specific lines
        included), both years.
    Why it matters:
        Each line names the statskonto the collected amount was reported on.
    Example:
        IMDi 2023: one line, tilfeldige og andre inntekter (statskonto
        530929), 27 420 370 = 27 420 370.
    Legal basis:
        R-115 (December 2022), the model note 6.
    """
    _sums(ctx, "note6")


@rule("N6-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n6_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 6's total is identical to "Innbetaling av skatter, avgifter,
        gebyrer m.m." in the chart-of-accounts statement, both years.
    Why it matters:
        The note specifies that line.
    Example:
        IMDi 2023: 27 420 370 in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 6.
    """
    _ties(ctx, "note6", (("total", "taxes_and_fees"),))


@rule("N7-01",
      severity=Severity.ERROR, tolerance="interval", references=_SUM_REFS)
def n7_01(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum tilskuddsforvaltning og andre overføringer fra staten" equals the
        sum of note 7's lines by recipient sector, both years.
    Why it matters:
        The sectors feed the national accounts; a grant counted in no sector
        or two is a misstatement.
    Example:
        IMDi 2023: seven lines summing to 21 846 954 210.
    Legal basis:
        R-115 (December 2022), the model note 7.
    """
    _sums(ctx, "note7")


@rule("N7-02",
      severity=Severity.ERROR, tolerance="exact", references=_TIE_REFS)
def n7_02(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 7's total is identical to "Utbetalinger av tilskudd og stønader"
        in the chart-of-accounts statement, both years.
    Why it matters:
        The note specifies that line.
    Example:
        IMDi 2023: 21 846 954 210 in both places.
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement and note 7.
    """
    _ties(ctx, "note7", (("total", "grants_paid"),))


@rule("N8-01",
      severity=Severity.ERROR, tolerance="interval", references=(R115_NOTE_8, XBRL_CALC_1_1))
def n8_01(ctx: RuleContext) -> None:
    """
    What it checks:
        On every line of note 8 del A, group sums and the grand total
        included, "Forskjell" equals "Spesifisering av bokført avregning med
        statskassen" minus "Spesifisering av rapportert mellomværende med
        statskassen".
    Why it matters:
        The difference is what the note exists to explain: receivables and
        payables booked in the agency's ledger but not (yet) reported to
        statsregnskapet.
    Example:
        IMDi 2023, leverandørgjeld: −18 515 714 − 0 = −18 515 714.
    Legal basis:
        R-115 (December 2022), the model note 8 del A.
    """
    table = ctx.accounts.note8.table
    for line in table.lines:
        ctx.check_sum(line_key(ctx.accounts, table, line, "difference"),
                      line_subject(ctx.accounts, table, line, "difference"), line["difference"],
                      [(1, line["booked"], msg("n8.booked")),
                       (-1, line["reported"], msg("n8.reported"))])


@rule("N8-02",
      severity=Severity.ERROR, tolerance="interval", references=(R115_NOTE_8, XBRL_CALC_1_1))
def n8_02(ctx: RuleContext) -> None:
    """
    What it checks:
        In each of note 8 del A's three columns, each group's "Sum" equals
        the sum of the group's lines, and the grand total equals the sum of
        the four group sums.
    Why it matters:
        The grand total of the reported column must equal the balance with
        the treasury; the groups show where the booked figures differ.
    Example:
        IMDi 2023, kortsiktig gjeld, bokført: −18 515 714 − 8 812 314 −
        70 917 − 1 580 407 = −28 979 352.
    Legal basis:
        R-115 (December 2022), the model note 8 del A.
    """
    _sums(ctx, "note8")


@rule("N8-03",
      severity=Severity.ERROR, tolerance="exact", references=(R115_NOTE_8, R115_CHART))
def n8_03(ctx: RuleContext) -> None:
    """
    What it checks:
        The grand total of note 8's "rapportert mellomværende" column is
        identical to "Sum mellomværende med statskassen" (this year) in the
        chart-of-accounts statement.
    Why it matters:
        Note 8 reconciles the ledger to that balance; if its reported column
        is a different balance, the reconciliation proves nothing.
    Example:
        IMDi 2023: −13 829 542 in both places.
    Legal basis:
        R-115 (December 2022), the model note 8 del A.
    """
    note, chart = ctx.accounts.note8.table, ctx.accounts.chart
    total, balance = note.get("total"), chart.get("balance_total")
    ctx.check_copy(line_key(ctx.accounts, note, total, "reported"),
                   line_subject(ctx.accounts, note, total, "reported"), total["reported"], balance["current"],
                   line_subject(ctx.accounts, chart, balance, "current"))


@rule("N8-04",
      severity=Severity.WARNING, tolerance="none", references=(R115_NOTE_8,))
def n8_04(ctx: RuleContext) -> None:
    """
    What it checks:
        Where the agency bought shares this year or last ("Utbetaling til
        kjøp av aksjer" not zero) or reports a share holding (a 62xxxx
        account) to the capital accounts, note 8 del B specifies the holdings.
    Why it matters:
        Shares are state assets; del B names each company, the ownership and
        the book value in the capital accounts.
    Example:
        IMDi 2023 bought no shares and holds none, so del B is not required.
    Legal basis:
        R-115 (December 2022), the model note 8 del B and the chart line
        "Utbetaling til kjøp av aksjer (note 5, 8 del B)".
    """
    if ctx.accounts.note8.shares:
        return
    chart = ctx.accounts.chart
    shares = chart.get("shares")
    bought = shares is not None and any(shares[c].amount != 0 for c in ("current", "prior"))
    holdings = [h.account for h in ctx.accounts.appropriation.holdings if h.account.startswith("62")]
    if bought or holdings:
        reasons = ([msg("n8.why.bought")] if bought else []) + (
            [msg("n8.why.holding", accounts=", ".join(holdings))] if holdings else [])
        ctx.add("note8.del_b", "note8.del_b_missing", location=ctx.accounts.note8.table.source,
                reason=phrase(*reasons, sep="; "))


@rule("N7-03",
      severity=Severity.WARNING, tolerance="interval", references=(R115_NOTES, R115_APPROPRIATION, XBRL_CALC_1_1),
      parameters=("appropriation.transfer_posts",))
def n7_03(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 7's total for the year against the sum of the regnskap of the
        expense posts for transfers to others (posts 50–89, the parameter
        appropriation.transfer_posts; a net post where it is printed with
        its underposts, not both) in the appropriation statement. A
        difference is a warning naming both figures.
    Why it matters:
        Grants are paid from the transfer posts, so the two are normally one
        amount grouped two ways; an auditor ties them. A warning, not an
        error: a grant may lawfully be paid from an operating post (post 21)
        or a transfer post may pay something note 7 does not count.
    Example:
        IMDi 2023: the posts 60–73 of kap. 671 and 672 have regnskap
        21 846 954 210 in all, exactly note 7's total.
    Legal basis:
        R-115 (December 2022), the model note 7 and appropriation statement;
        Bevilgningsreglementet § 4 and R-101 (posts 50–89, overføringer til
        andre).
    """
    first, last = (int(p) for p in ctx.parameter("appropriation.transfer_posts").split("-"))
    rows = [row for row in counted_expenses(ctx.accounts) if first <= row.key.post_number <= last]
    note = ctx.accounts.notes["note7"]
    total = note.get("total")
    if total is None or not rows:
        return
    ctx.check_sum(line_key(ctx.accounts, note, total, "current"), line_subject(ctx.accounts, note, total, "current"),
                  total["current"], [(1, row.accounts, phrase(same(str(row.key)), COLUMNS["accounts"])) for row in rows])


#: The holding of shares reported to the capital accounts: account group 62 (verdipapirer), «Aksjer».
def _share_holdings(ctx: RuleContext) -> list:
    return [h for h in ctx.accounts.appropriation.holdings
            if h.account.startswith("62") or "aksj" in h.text.casefold()]


@rule("N8-05",
      severity=Severity.ERROR, tolerance="interval", references=(R115_NOTE_8, R115_APPROPRIATION, XBRL_CALC_1_1))
def n8_05(ctx: RuleContext) -> None:
    """
    What it checks:
        Where note 8 del B specifies shares, the sum of their "Balanseført
        verdi i kapitalregnskapet" equals the shares holding reported to the
        capital accounts at 31.12. (a 62xxxx «Aksjer» account in the holdings
        table; a missing holding is an error) and del A's «Investeringer i
        aksjer og andeler» in the booked column.
    Why it matters:
        Del B is the specification of the state's share holdings; a company
        left out of it, or a book value that differs from the capital
        accounts, misstates the state's assets.
    Example:
        IMDi 2023 holds no shares, so there is nothing to tie. An agency with
        two companies booked at 1 000 000 and 250 000 must report 1 250 000 on
        its 62xxxx account and in del A.
    Legal basis:
        R-115 (December 2022), the model note 8 (del A and del B) and the
        appropriation statement (holdings reported to the capital accounts).
    """
    shares = ctx.accounts.note8.shares
    if not shares:
        return
    parts = [(1, s.book_value, phrase(_DEL_B, same(s.company), _BOOK_VALUE)) for s in shares]
    holdings = _share_holdings(ctx)
    if not holdings:
        total = sum(s.book_value.amount for s in shares)
        ctx.add("note8.del_b.holding", "note8.shares_no_holding", location=shares[0].source, actual=None,
                expected=total, tolerance=ctx.sum_tolerance(None, parts), total=money_text(total))
    for holding in holdings:
        tie(ctx, f"holding.{holding.account}.current", phrase(same(f"{holding.account} {holding.text}"),
            same(str(ctx.accounts.year))), holding.current, parts)
    table = ctx.accounts.note8.table
    line = table.get("shares_and_holdings")
    if line is not None:
        tie(ctx, line_key(ctx.accounts, table, line, "booked"), line_subject(ctx.accounts, table, line, "booked"),
            line["booked"], parts)


_DEL_B = msg("n8.part_b")
_BOOK_VALUE = msg("n8.book_value")


@rule("N8-06",
      severity=Severity.WARNING, tolerance="exact", references=(R115_NOTES, R115_NOTE_8, R115_APPROPRIATION))
def n8_06(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 5's "Sum utbetaling til kjøp av aksjer" for the year against
        the change in the shares holding reported to the capital accounts
        (the 62xxxx «Aksjer» account's "Endring"). A difference is a warning
        naming both figures.
    Why it matters:
        Shares bought are the usual reason the holding changes; a purchase
        the holding does not show (or a holding that grew without a
        purchase) means one of them was not reported. A warning, not an
        error: a sale, a write-down or a capital reduction changes the
        holding without a purchase.
    Example:
        IMDi 2023 bought no shares and holds none. An agency that paid
        1 000 000 for shares this year shows a change of 1 000 000 on its
        62xxxx account.
    Legal basis:
        R-115 (December 2022), the model note 5 («Utbetaling til kjøp av
        aksjer»), note 8 del B and the appropriation statement (holdings
        reported to the capital accounts).
    """
    note5 = ctx.accounts.notes["note5"]
    bought = note5.get("shares_total")
    for holding in _share_holdings(ctx):
        if bought is None:
            continue
        ctx.check_copy(line_key(ctx.accounts, note5, bought, "current"),
                       line_subject(ctx.accounts, note5, bought, "current"), bought["current"], holding.change,
                       phrase(same(f"{holding.account} {holding.text}"), COLUMNS["change"]))


#: Note 8's reported column against the mellomværende lines of the chart-of-accounts statement: which lines
#: each note 8 line specifies. Lines that may take either sign (salary, bank differences, an agency's own)
#: go to the receivables when positive and to the short-term debt when negative; trade receivables and
#: trade payables are never reported to the treasury, so their reported figure has no line (0).
_NOTE8_LINES = {
    "customer_receivables": (),
    "other_receivables": ("receivables_employees", "+"),
    "bank_and_cash": ("cash", "bank_outside_norges_bank"),
    "suppliers": (),
    "tax_withholding": ("tax_withholding",),
    "public_charges": ("public_charges",),
    "other_short_term_debt": ("pension_premium", "advance_payments", "-"),
}
_EITHER_SIGN = ("salary_net", "bank_differences")


def _either_sign_lines(ctx: RuleContext) -> list:
    """The statement's mellomværende lines that may take either sign (salary, bank differences, the agency's
    own), as printed."""
    return [line for line in ctx.accounts.chart.lines if line.block == "balance" and line.role == "detail"
            and (line.id is None or line.id in _EITHER_SIGN)]


def _either_sign_grouping(ctx: RuleContext) -> frozenset[int]:
    """Which either-sign lines (by position in :func:`_either_sign_lines`) note 8 groups with the receivables;
    the rest go to the short-term debt. By their sign this year, unless another grouping makes both lines tie:
    an agency may keep a positive bank difference with its debt (its ledger groups the accounts so), and
    grouping is no error. Bounded: at most 2^8 groupings are tried."""
    lines = _either_sign_lines(ctx)
    by_sign = frozenset(i for i, line in enumerate(lines) if line["current"].amount > 0)
    lines_that_count = [i for i, line in enumerate(lines) if line["current"].amount != 0]
    note = ctx.accounts.note8.table
    if not lines_that_count or len(lines_that_count) > 8:
        return by_sign

    def ties(group: frozenset[int]) -> bool:
        for line_id in ("other_receivables", "other_short_term_debt"):
            line = note.get(line_id)  # a line note 8 leaves out reports 0
            reported = line["reported"].amount if line is not None else Decimal(0)
            parts = [p["current"].amount for p in _mellomvaerende_parts(ctx, _NOTE8_LINES[line_id], group)]
            if not parts:
                continue
            tolerance = EXACT if len(parts) == 1 else interval(len(parts))  # as tie() judges them
            if not tolerance.allows(reported - sum(parts, Decimal(0))):
                return False
        return True

    if ties(by_sign):
        return by_sign
    groups = (frozenset(i for n, i in enumerate(lines_that_count) if mask >> n & 1)
              for mask in range(2 ** len(lines_that_count)))
    return next((g for g in groups if ties(g)), by_sign)


def _mellomvaerende_parts(ctx: RuleContext, sources: tuple[str, ...], receivable: frozenset[int]):
    """The chart's mellomværende lines a note 8 line specifies: by id, and for "+"/"−" the either-sign lines
    grouped with the receivables (``receivable``, by position) or with the debt."""
    chart = ctx.accounts.chart
    for item in sources:
        if item not in ("+", "-"):
            line = chart.get(item)
            if line is not None:
                yield line
            continue
        for i, line in enumerate(_either_sign_lines(ctx)):
            # a line printed 0 may hold øre of either sign: it belongs to both sums as a rounded part
            if (i in receivable) == (item == "+") or line["current"].amount == 0:
                yield line


@rule("N8-07",
      severity=Severity.WARNING, tolerance="interval", references=(R115_NOTE_8, R115_CHART, XBRL_CALC_1_1))
def n8_07(ctx: RuleContext) -> None:
    """
    What it checks:
        Note 8 del A's "rapportert mellomværende" column, line by line,
        against the mellomværende lines of the chart-of-accounts statement
        (this year): andre fordringer = fordringer på ansatte (and any line
        of either sign that is positive); bankinnskudd og kontanter =
        kontanter + bankkontoer utenfor Norges Bank; skyldig skattetrekk and
        skyldige offentlige avgifter = the same lines; annen kortsiktig gjeld
        = pensjonspremie + forskuddsbetalinger (and any line of either sign
        that is negative: lønn, differanser på bank; where another grouping
        of those lines makes both lines tie, that grouping is the agency's
        and no error). Kundefordringer and
        leverandørgjeld are never reported to the treasury: their reported
        figure is 0. Each difference is a warning naming both figures.
    Why it matters:
        The reported column is the mellomværende, grouped as the ledger
        groups it; the grand totals tie exactly (N8-03), and an auditor ties
        the lines too. A receivable in the wrong group, or a supplier debt
        reported to the treasury, shows up here. Warnings: agencies group
        their own lines differently.
    Example:
        IMDi 2023: anna kortsiktig gjeld −5 125 717 = avsett pensjonspremie
        −5 075 542 + lønn −50 175; andre fordringar 179 406 = fordringar på
        tilsette; leverandørgjeld reported 0.
    Legal basis:
        R-115 (December 2022), the model note 8 del A and the
        chart-of-accounts statement (mellomværende med statskassen).
    """
    note = ctx.accounts.note8.table
    receivable = _either_sign_grouping(ctx)
    for line_id, sources in _NOTE8_LINES.items():
        line = note.get(line_id)
        if line is None:
            continue
        parts = [(1, chart_line["current"], line_subject(ctx.accounts, ctx.accounts.chart, chart_line, "current"))
                 for chart_line in _mellomvaerende_parts(ctx, sources, receivable)]
        key, subject = line_key(ctx.accounts, note, line, "reported"), line_subject(ctx.accounts, note, line, "reported")
        if not sources:  # never reported to the treasury
            ctx.compare(key, subject, line["reported"], Decimal(0), EXACT, breach="note8.not_reported",
                        computed=("sum", ()))
            continue
        if not parts:  # the statement prints none of the lines it specifies: nothing to tie
            continue
        tie(ctx, key, subject, line["reported"], parts)
