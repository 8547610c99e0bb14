"""N1–N8 — the notes to the chart-of-accounts statement.

For each note: its own sums (defined in :mod:`ledger.vocabulary.layout`), and its
totals against the statement lines that refer to it. Sums of rounded figures
use the interval tolerance; a note total copied to the statement is exact.
"""

from __future__ import annotations

from ledger.vocabulary.labels import Text, phrase
from rules.context import RuleContext
from rules.findings import Severity
from rules.lines import check_table_sum, check_tie, line_key, line_subject
from rules.references import R115_CHART, R115_NOTE_8, R115_NOTES, XBRL_CALC_1_1
from rules.registry import rule

_SUM_REFS = (R115_NOTES, XBRL_CALC_1_1)
_TIE_REFS = (R115_NOTES, R115_CHART)


def _sums(ctx: RuleContext, note: str) -> None:
    table = ctx.accounts.table(note)
    for definition in table.layout.sums:
        check_table_sum(ctx, table, definition.total)


def _ties(ctx: RuleContext, note: str, pairs: tuple[tuple[str, str], ...]) -> None:
    for note_line, chart_line in pairs:
        check_tie(ctx, ctx.accounts.table(note), note_line, ctx.accounts.chart, chart_line)


@rule("N1-01", Text("Note 1 summer", "Note 1 summar", "Note 1 sums"),
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


@rule("N1-02", Text("Note 1 = artskontorapporteringen", "Note 1 = artskontorapporteringa",
                    "Note 1 = the chart-of-accounts statement"),
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


@rule("N2-01", Text("Note 2 sum utbetalinger til lønn", "Note 2 sum utbetalingar til lønn",
                    "Note 2 total salaries paid"),
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


@rule("N2-02", Text("Note 2 = utbetalinger til lønn i artskontorapporteringen",
                    "Note 2 = utbetalingar til lønn i artskontorapporteringa",
                    "Note 2 = salaries in the chart-of-accounts statement"),
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


@rule("N2-03", Text("Refusjoner i note 2 er ikke positive", "Refusjonar i note 2 er ikkje positive",
                    "Refunds in note 2 are not positive"),
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


@rule("N3-01", Text("Note 3 sum andre utbetalinger til drift", "Note 3 sum andre utbetalingar til drift",
                    "Note 3 total other operating payments"),
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


@rule("N3-02", Text("Note 3 = andre utbetalinger til drift i artskontorapporteringen",
                    "Note 3 = andre utbetalingar til drift i artskontorapporteringa",
                    "Note 3 = other operating payments in the chart-of-accounts statement"),
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


@rule("N4-01", Text("Note 4 summer", "Note 4 summar", "Note 4 sums"),
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


@rule("N4-02", Text("Note 4 = artskontorapporteringen", "Note 4 = artskontorapporteringa",
                    "Note 4 = the chart-of-accounts statement"),
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


@rule("N5-01", Text("Note 5 summer", "Note 5 summar", "Note 5 sums"),
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


@rule("N5-02", Text("Note 5 = artskontorapporteringen", "Note 5 = artskontorapporteringa",
                    "Note 5 = the chart-of-accounts statement"),
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


@rule("N6-01", Text("Note 6 sum", "Note 6 sum", "Note 6 total"),
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


@rule("N6-02", Text("Note 6 = artskontorapporteringen", "Note 6 = artskontorapporteringa",
                    "Note 6 = the chart-of-accounts statement"),
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


@rule("N7-01", Text("Note 7 sum", "Note 7 sum", "Note 7 total"),
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


@rule("N7-02", Text("Note 7 = artskontorapporteringen", "Note 7 = artskontorapporteringa",
                    "Note 7 = the chart-of-accounts statement"),
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


@rule("N8-01", Text("Note 8 forskjell = bokført − rapportert", "Note 8 forskjell = bokført − rapportert",
                    "Note 8 difference = booked − reported"),
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
                      [(1, line["booked"], Text("bokført", "bokført", "booked")),
                       (-1, line["reported"], Text("rapportert", "rapportert", "reported"))])


@rule("N8-02", Text("Note 8 summer", "Note 8 summar", "Note 8 sums"),
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


@rule("N8-03", Text("Note 8 rapportert mellomværende = mellomværendet",
                    "Note 8 rapportert mellomvære = mellomværet",
                    "Note 8 reported balance = the balance with the treasury"),
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


@rule("N8-04", Text("Note 8 del B der virksomheten har aksjer", "Note 8 del B der verksemda har aksjar",
                    "Note 8 part B where the agency holds shares"),
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
        ctx.add("note8.del_b", "note8.del_b_missing", location=ctx.accounts.note8.table.source,
                reason=phrase(Text("aksjekjøp", "aksjekjøp", "shares purchased") if bought else "",
                              ", ".join(holdings)))
