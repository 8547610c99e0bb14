"""LG — the statements derived from the ledger, reconciled with the published ones.

The ledger sums øre; the statements print whole kroner, each figure rounded
on its own. A printed figure within half a krone of the ledger's sum
(:data:`rules.tolerance.HALF_KRONE`) *is* that sum rounded, so it passes
(the comparison is recorded for the report's recalculation); anything further
is a finding naming the line, both figures and the difference.
"""

from __future__ import annotations

from ledger.core.accounts import Figure
from ledger.core.money import from_ore
from ledger.core.source import Source
from ledger.general_ledger.kontoplan import kontoplan_name
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, Text, phrase, same
from ledger.vocabulary.layout import CHART
from rules.context import RuleContext
from rules.findings import FigureRef, Kind, Severity
from rules.lines import line_key, line_subject
from rules.references import BEST_3_4_2, BEST_3_5, BEST_3_7_1, DFO_KONTOPLAN, R115_APPROPRIATION, R115_CHART
from rules.registry import rule
from rules.subjects import APPROPRIATION, post_subject
from rules.tolerance import HALF_KRONE

_NEEDS = "accounts+ledger"


def _reconcile(ctx: RuleContext, key: str, subject: Text, published: Figure, ore: int, row: int | None) -> None:
    """The published figure against the ledger's øre sum, within half a krone."""
    ledger = ctx.ledger
    derived = from_ore(ore)
    where = ledger.info.source(row, "amount") if row and row > 0 else Source(ledger.info.file)
    ctx.compare(key, subject, published, derived, HALF_KRONE,
                (FigureRef("published", published.value, published.source),
                 FigureRef("ledger (sum of its lines, øre)", derived, where)),
                breach="lg.breach")


def _chart_lines(ctx: RuleContext, blocks: set[str], exclude: set[str] = frozenset()) -> None:
    accounts, derived = ctx.accounts, ctx.ledger.derived
    if derived is None:
        return
    chart = accounts.chart
    for line in chart.lines:
        if line.id is None or line.block not in blocks or line.block in exclude:
            continue
        _reconcile(ctx, line_key(accounts, chart, line, "current"), line_subject(accounts, chart, line, "current"),
                   line["current"], derived.chart.get(line.id, 0), derived.chart_rows.get(line.id))


@rule("LG-01",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_APPROPRIATION, BEST_3_5), needs=_NEEDS)
def lg01(ctx: RuleContext) -> None:
    """
    What it checks:
        The regnskap column of every expense and revenue row of the
        appropriation statement equals the ledger's sum on that kapittel/post
        (expense chapters: debits; revenue chapters: credits) within ±0.5 kr,
        and the ledger has nothing on a kapittel/post the statement does not
        show.
    Why it matters:
        The statement shows what was reported to statsregnskapet from the
        ledger, kapittel/post by kapittel/post; a difference means the
        statement and the books disagree.
    Example:
        IMDi 2023, 0670.01: printed 367 764 135; the generated ledger sums
        367 764 135,00 — no finding. Printed 367 764 136 would be an error
        of 1 kr.
    Legal basis:
        R-115 (December 2022), oppstilling av bevilgningsrapportering;
        bestemmelsene punkt 3.5.
    """
    derived = ctx.ledger.derived
    if derived is None:
        return
    statement = ctx.accounts.appropriation
    shown = set()
    for row in (*statement.expenses, *statement.revenues):
        shown.add(row.key)
        _reconcile(ctx, str(row.key), post_subject(row.key, "accounts"), row.accounts,
                   derived.posts.get(row.key, 0), derived.post_rows.get(row.key))
    for key, ore in derived.posts.items():
        if key not in shown and ore:
            ctx.add(str(key), "lg.post_missing", location=ctx.ledger.info.source(derived.post_rows[key], "post"),
                    expected=from_ore(ore), actual=None, tolerance=HALF_KRONE, post=str(key))


@rule("LG-02",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_APPROPRIATION, BEST_3_4_2), needs=_NEEDS)
def lg02(ctx: RuleContext) -> None:
    """
    What it checks:
        "Sum utgiftsført", "Sum inntektsført" and "Netto rapportert til
        bevilgningsregnskapet" each equal the ledger's own sum (øre) rounded,
        within ±0.5 kr — not the sum of the printed rows.
    Why it matters:
        Every printed figure is rounded from the books on its own; checking
        the totals against the ledger tells a real difference from the
        rounding the interval rule (BR-05) tolerates.
    Example:
        IMDi 2023: 22 354 225 180 − 54 968 415 is printed as netto
        22 299 256 766; the ledger's øre sums (…180,49 and …414,96) give
        22 299 256 765,53, which rounds to the printed figure: a rounding
        note (info) of 0,47.
    Legal basis:
        R-115 (December 2022), oppstilling av bevilgningsrapportering;
        bestemmelsene punkt 3.4.2.
    """
    derived = ctx.ledger.derived
    if derived is None:
        return
    s = ctx.accounts.appropriation
    for key, figure, ore in (("expense_total", s.expense_total.accounts, derived.expense_total),
                             ("revenue_total", s.revenue_total.accounts, derived.revenue_total),
                             ("net_reported", s.net_reported, derived.expense_total - derived.revenue_total)):
        _reconcile(ctx, key, phrase(APPROPRIATION, APPROPRIATION_LINES[key]), figure, ore, None)


@rule("LG-03",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_CHART, DFO_KONTOPLAN), needs=_NEEDS)
def lg03(ctx: RuleContext) -> None:
    """
    What it checks:
        Every line of the chart-of-accounts statement this year, from
        "Innbetalinger fra gebyrer" to "Netto rapportert til
        bevilgningsregnskapet" (felleskapitler: LG-04; mellomværende: LG-05),
        equals the ledger's sum over the accounts mapped to it (the kontoplan
        mapping, ledger/general_ledger/data/kontoplan.csv or the agency's own), totals by
        the layout's sums, within ±0.5 kr.
    Why it matters:
        The statement groups the same reported transactions by account; a
        line that disagrees with the books means a misclassified account or
        a wrong figure.
    Example:
        IMDi 2023 "Utbetalingar til lønn" 224 652 734: the ledger's accounts
        5000–5999 sum 224 652 734,00 — no finding.
    Legal basis:
        R-115 (December 2022), oppstilling av artskontorapporteringen; DFØ's
        standard kontoplan for statlige virksomheter.
    """
    _chart_lines(ctx, {b.id for b in CHART.blocks}, exclude={"common_chapters", "balance"})


@rule("LG-04",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_CHART, BEST_3_5), needs=_NEEDS)
def lg04(ctx: RuleContext) -> None:
    """
    What it checks:
        Gruppelivsforsikring konto 1985, arbeidsgiveravgift konto 1986,
        nettoføringsordning for merverdiavgift konto 1987 and "Netto
        rapporterte utgifter på felleskapitler" equal the ledger's sums on
        those accounts (1985 and 1986 credits shown positive, 1987 debits),
        within ±0.5 kr.
    Why it matters:
        These accounts are reported to the common chapters 5309, 5700 and
        1633, outside the agency's own appropriation; both statements show
        them, so both must agree with the books.
    Example:
        IMDi 2023 konto 1986: printed 27 123 142, ledger 27 123 141,98 — that
        sum rounded: it passes.
    Legal basis:
        R-115 (December 2022), oppstilling av artskontorapporteringen
        (felleskapitler); bestemmelsene punkt 3.5.
    """
    _chart_lines(ctx, {"common_chapters"})


@rule("LG-05",
      severity=Severity.ERROR, tolerance="absolute", references=(R115_CHART, BEST_3_7_1), needs=_NEEDS)
def lg05(ctx: RuleContext) -> None:
    """
    What it checks:
        Each line of the mellomværende med statskassen and its sum equal the
        ledger's balances on the mapped accounts at 31.12., and — where the
        ledger marks its opening balances (period 00) — at 1.1. too; the
        7xxxxx holding (this year, last year, change) and the capital
        account's change in mellomværende equal the same sums; within ±0.5 kr.
    Why it matters:
        The mellomværende is what the agency owes or is owed by the treasury
        at year end; it is reported through the capital accounts, not by
        kapittel/post, and only the ledger's balance accounts prove it.
    Example:
        IMDi 2023: sum −13 829 542 (2022: −12 066 773), change −1 762 769;
        the generated ledger's balances agree to the rounded krone (2022:
        −12 066 772,51, printed −12 066 773: that sum rounded).
    Legal basis:
        R-115 (December 2022), oversikt over mellomværende med statskassen;
        bestemmelsene punkt 3.7.1 (konsernkontoordningen).
    """
    ledger = ctx.ledger
    derived = ledger.derived
    if derived is None:
        return
    accounts, chart = ctx.accounts, ctx.accounts.chart
    opening = derived.opening
    for line in chart.lines:
        if line.id is None or line.block != "balance":
            continue
        columns = {"current": derived.chart.get(line.id, 0)}
        if opening is not None:
            columns["prior"] = opening.get(line.id, 0)
        for column, ore in columns.items():
            _reconcile(ctx, line_key(accounts, chart, line, column), line_subject(accounts, chart, line, column),
                       line[column], ore, derived.chart_rows.get(line.id))
    closing = derived.chart.get("balance_total", 0)
    s = accounts.appropriation
    for holding in (h for h in s.holdings if h.is_balance):
        name = phrase(APPROPRIATION, APPROPRIATION_LINES["holdings"], same(holding.account))
        _reconcile(ctx, f"{holding.account}[{accounts.year}]", phrase(name, same(str(accounts.year))),
                   holding.current, closing, None)
        if opening is not None:
            _reconcile(ctx, f"{holding.account}[{accounts.year - 1}]", phrase(name, same(str(accounts.year - 1))),
                       holding.prior, opening["balance_total"], None)
            _reconcile(ctx, f"{holding.account}.change", phrase(name, COLUMNS["change"]), holding.change,
                       closing - opening["balance_total"], None)
    if opening is not None:
        for line in (c for c in s.capital_lines if c.is_balance_change):
            _reconcile(ctx, f"{line.account}.capital", phrase(APPROPRIATION, APPROPRIATION_LINES["capital_accounts"],
                                                              same(line.account)),
                       line.amount, closing - opening["balance_total"], None)
    else:
        ctx.add("opening", "lg.opening_unknown", severity=Severity.INFO, kind=Kind.NOTE,
                location=Source(ledger.info.file))


@rule("LG-06",
      severity=Severity.ERROR, tolerance="none", references=(BEST_3_4_2, DFO_KONTOPLAN), needs="ledger")
def lg06(ctx: RuleContext) -> None:
    """
    What it checks:
        Every ledger line can be placed: it has an account, the account is
        mapped to a line of the chart-of-accounts statement (or explicitly to
        none, "-", in the kontoplan mapping), and a line on a reported
        account has a kapittel and a post. Lines that cannot be placed are
        counted, summed and named by line number.
    Why it matters:
        A line that is silently dropped makes the derived statements agree
        with a ledger that is not the agency's: completeness
        (fullstendighet) requires every transaction to be accounted for.
    Example:
        Line 40 on account 9100, which the kontoplan maps to no line: LG-06
        error naming line 40, its account and the amount left out.
    Legal basis:
        Bestemmelser om økonomistyring i staten punkt 3.4.2 (fullstendighet);
        DFØ's standard kontoplan for statlige virksomheter.
    """
    ledger = ctx.ledger
    if ledger.derived is None:
        return
    for unplaced in ledger.derived.unplaced:
        rows = ", ".join(map(str, unplaced.rows)) + (" …" if unplaced.lines > len(unplaced.rows) else "")
        ctx.add(unplaced.reason, f"lg.unplaced.{unplaced.reason}", location=ledger.info.source(unplaced.rows[0],
                                                                                              "account"),
                actual=from_ore(unplaced.ore), count=unplaced.lines, rows=rows,
                accounts=", ".join(dict.fromkeys(repr(a) for a in unplaced.samples)),
                kontoplan=kontoplan_name(ledger.info.kontoplan))
