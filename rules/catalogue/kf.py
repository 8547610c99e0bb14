"""KF — key figures (part 2's nøkkeltall) and figures quoted in the published report, tied to the accounts.

The key figures are recomputed from the statements with the definitions in ``rules/parameters.yaml``
(``key_figures.*``, dated, referenced, status ``inferred`` where DFØ's definition page was not at hand).
A figure printed in thousands stands for ±500 kroner, a share in whole per cent for ±0.5 percentage points
(the interval rule). Shares are computed exactly (Decimal) and shown to one decimal, rounded half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from ledger.core.accounts import Accounts, Figure
from ledger.core.published import KeyFigure, Quote
from ledger.vocabulary.labels import Text, decimal_mark, loose, msg, same
from rules.context import REPORTED, RuleContext
from rules.findings import FigureRef, Kind, Severity, Tolerance
from rules.references import DFO_KEY_FIGURES, R115_CHART, R115_LEDELSESKOMMENTARER, R115_NOTES, XBRL_CALC_1_1
from rules.registry import rule

ZERO = Decimal(0)
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)
COMPUTED = Text("beregnet fra regnskapet", "rekna ut frå rekneskapen", "computed from the accounts")
_REFS = (DFO_KEY_FIGURES, R115_CHART, XBRL_CALC_1_1)


def _one(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _shown(value: Decimal) -> Text:
    """A share or count to one decimal (a whole number without), with a decimal comma in nb and nn."""
    text = str(value.quantize(Decimal(1))) if value == value.to_integral_value() else _one(value)
    return decimal_mark(text)


def _posts(ctx: RuleContext, name: str) -> range:
    first, last = str(ctx.parameter(name)).split("-")
    return range(int(first), int(last) + 1)


def _figure(key_figure: KeyFigure, year: int) -> Figure | None:
    figure = key_figure.values.get(year)
    return figure if figure is not None and figure.value is not None else None


def _unreadable(ctx: RuleContext, key_figure: KeyFigure) -> bool:
    """A row whose figures ran together beyond reading: said, not judged."""
    if key_figure.values:
        return False
    ctx.add(f"key_figures.{key_figure.id}", "kf.unreadable", kind=Kind.NOTE, severity=Severity.INFO,
            location=key_figure.source, label=key_figure.label)
    return True


def _judge(ctx: RuleContext, key_figure: KeyFigure, year: int, computed: Decimal, allowed: Decimal, shown: Text,
           how: Text, figures: Iterable[tuple[str, Figure, Text]] = (), message: str = "kf.mismatch",
           **params) -> None:
    """The printed key figure against the one computed from the accounts, within ``allowed``."""
    printed = _figure(key_figure, year)
    if printed is None:
        return
    difference = printed.value - computed
    if abs(difference) <= allowed:
        return
    refs = [FigureRef("reported", printed.value, printed.source, REPORTED)]
    refs += [FigureRef(role, f.value, f.source, label) for role, f, label in figures]
    exact = computed if computed == computed.to_integral_value() else Decimal(_one(computed))
    ctx.add(f"key_figures.{key_figure.id}[{year}]", message, location=printed.source,
            expected=exact, actual=printed.value, difference=printed.value - exact,
            tolerance=Tolerance("absolute", allowed), figures=refs,
            label=key_figure.label, year=str(year), printed=_shown(printed.value), computed=shown, how=how,
            **params)


def _operating(accounts: Accounts, column: str) -> Figure | None:
    line = accounts.chart.get("operating_expenses_total")
    return line[column] if line is not None and line[column].value not in (None, ZERO) else None


def _column(accounts: Accounts, year: int) -> str | None:
    return {accounts.year: "current", accounts.year - 1: "prior"}.get(year)


@rule("KF-01",
      severity=Severity.INFO, tolerance="none", references=(R115_CHART, XBRL_CALC_1_1), needs="report")
def kf01(ctx: RuleContext) -> None:
    """
    What it checks:
        Lists every figure of a published report (PDF or its text) that
        avstem read otherwise than the text prints it, or whose sign only
        the statement's arithmetic tells: a minus sign lost in extraction,
        restored because negating exactly that figure makes the block's
        total hold (and no other choice does), and a line the layout
        subtracts (the common chapters' revenue lines) printed without a
        sign, whose subtraction the block's total confirms.
    Why it matters:
        Text extracted from a PDF loses things: a reader who restored a
        figure must say so, and only arithmetic may prove a restoration.
        Nothing is restored where the arithmetic does not decide; the sum
        rules then report the sum.
    Example:
        IMDi 2023 as extracted text prints «Gruppelivsforsikring konto 1985
        (ref. kap. 5309, inntekt) 424 902 311 760» and «Arbeidsgivaravgift
        konto 1986 … 27 123 142 25 653 594» without minus signs; «Netto
        rapporterte utgifter på felleskapittel 18 747 133» = 46 295 177 −
        27 123 142 − 424 902 proves both are subtracted (four infos, both
        years).
    Legal basis:
        R-115 (December 2022), the model chart-of-accounts statement (the
        common chapters' lines and their net); the interval rule of XBRL
        Calculations 1.1 for the total.
    """
    for r in ctx.report.restorations:
        year = str(ctx.accounts.column_year(r.column)) if r.column in ("current", "prior") else r.column
        name = r.line_id or loose(r.label)
        restored = r.kind == "sign"  # the text lost a sign (a defect of the input, read right); else a confirmation
        ctx.add(f"{r.table}.{name}[{year}]", "kf.sign_restored" if restored else "kf.sign_confirmed",
                kind=Kind.BREACH if restored else Kind.NOTE, location=r.source, expected=r.read, actual=r.printed,
                figures=(FigureRef("printed", r.printed, r.source, REPORTED),
                         FigureRef("total", r.total.value, r.total.source, same(r.total_label))),
                label=r.label, column=year, total_label=r.total_label, total=r.total.amount)


@rule("KF-02", severity=Severity.WARNING, tolerance="absolute",
      references=_REFS, needs="key_figures", parameters=("key_figures.allocation_total.posts",))
def kf02(ctx: RuleContext) -> None:
    """
    What it checks:
        «Samlet tildeling post 01–99» in the key-figure table, for the
        accounts' year, equals the sum of samlet tildeling over the expense
        posts 01–99 of the appropriation statement, in thousands of kroner
        (±500 kroner: the table rounds to thousands).
    Why it matters:
        The key figures are what most readers take from the report; a
        figure that does not follow from the accounts misleads them.
    Example:
        IMDi 2023 prints 22 818 164 (thousand kroner); the statement's
        samlet tildeling over its posts is 22 818 164 000: agrees.
    Legal basis:
        DFØ's model annual report, part II «Nøkkeltall fra årsregnskapet»
        (definition inferred); R-115 (December 2022), the appropriation
        statement's samlet tildeling.
    """
    key_figure = ctx.key_figures.get("allocation_total")
    if key_figure is None or _unreadable(ctx, key_figure):
        return
    posts = _posts(ctx, "key_figures.allocation_total.posts")
    rows = [r for r in ctx.accounts.appropriation.summed_expenses() if r.key.post_number in posts]
    total = sum((r.allocation.amount for r in rows), ZERO)
    scale = THOUSAND if key_figure.unit == "1000 kroner" else Decimal(1)
    _judge(ctx, key_figure, ctx.year, total / scale, Decimal("0.5"), same(str(total / scale)),
           Text("samlet tildeling på postene", "samla tildeling på postane", "samlet tildeling on the posts"),
           [("total", ctx.accounts.appropriation.expense_total.allocation,
             Text("Sum utgiftsført, samlet tildeling", "Sum utgiftsført, samla tildeling",
                  "Total expenses, samlet tildeling"))])


@rule("KF-03", severity=Severity.WARNING, tolerance="absolute",
      references=(DFO_KEY_FIGURES, R115_NOTES), needs="key_figures", parameters=("key_figures.fte_source",))
def kf03(ctx: RuleContext) -> None:
    """
    What it checks:
        «Antall utførte årsverk» in the key-figure table equals note 2's
        «Antall utførte årsverk», for the accounts' year and the year
        before (note 2 prints both). Where «Lønnsutgifter per årsverk» is
        printed for the year, the unrounded count it implies (utbetalinger
        til lønn ÷ the printed figure) is named too.
    Why it matters:
        Both are the same count, printed twice in one report; two counts
        for one year leave the reader unable to tell which is right.
    Example:
        IMDi 2023: 228 and 228 agree for 2023; for 2022 the table prints 227
        where note 2 prints 226, and lønnsutgifter per årsverk 922 572
        implies 226,9 årsverk (209 331 558 ÷ 922 572): a warning with both.
    Legal basis:
        R-115 (December 2022), note 2 «Antall utførte årsverk»; DFØ's model
        annual report, part II (definition inferred).
    """
    key_figure = ctx.key_figures.get("fte_performed")
    note = ctx.accounts.notes["note2"].get("fte")
    if key_figure is None or note is None or _unreadable(ctx, key_figure):
        return
    per_fte = ctx.key_figures.get("salary_per_fte")
    salaries = ctx.accounts.notes["note2"].get("total")
    for column in ("current", "prior"):
        year = ctx.accounts.column_year(column)
        counted = note[column]
        if counted.value is None:
            continue
        implied = _implied_fte(per_fte, salaries, column, year)
        shown = _one(implied) if implied is not None else ""
        implied_text = (msg("kf.implied_fte", value=decimal_mark(shown))
                        if implied is not None else same(""))
        _judge(ctx, key_figure, year, counted.value, ZERO, _shown(counted.value),
               Text("note 2", "note 2", "note 2"),
               [("note 2", counted, Text("Note 2, antall utførte årsverk", "Note 2, talet på utførte årsverk",
                                         "Note 2, full-time equivalents"))], message="kf.fte_mismatch",
               implied=implied_text)


def _implied_fte(per_fte: KeyFigure | None, salaries, column: str, year: int) -> Decimal | None:
    printed = _figure(per_fte, year) if per_fte is not None else None
    if printed is None or salaries is None or salaries[column].value is None or printed.value == 0:
        return None
    return salaries[column].value / printed.value


def _share(ctx: RuleContext, figure_id: str, numerator, title: Text) -> None:
    key_figure = ctx.key_figures.get(figure_id)
    if key_figure is None or _unreadable(ctx, key_figure):
        return
    allowed = ctx.decimal("key_figures.share_rounding")
    for column in ("current", "prior"):
        year = ctx.accounts.column_year(column)
        top, bottom = numerator(column), _operating(ctx.accounts, column)
        if top is None or bottom is None or top.value is None:
            continue
        share = top.value / bottom.value * HUNDRED
        _judge(ctx, key_figure, year, share, allowed, _shown(share), title,
               [("numerator", top, same(top.source.path or "")), ("denominator", bottom,
                                                                    Text("Sum utbetalinger til drift",
                                                                         "Sum utbetalingar til drift",
                                                                         "Total operating payments"))])


@rule("KF-04", severity=Severity.WARNING, tolerance="absolute", references=_REFS,
      needs="key_figures", parameters=("key_figures.operating_expenses", "key_figures.share_rounding"))
def kf04(ctx: RuleContext) -> None:
    """
    What it checks:
        «Lønnsandel av driftsutgifter» equals utbetalinger til lønn ÷ sum
        utbetalinger til drift (the chart-of-accounts statement), in whole
        per cent (±0,5 percentage points), for each year the accounts print.
    Why it matters:
        The share is read year against year; computed on another base
        (post 01 alone) it would be a different figure under the same name.
    Example:
        IMDi 2023: 224 652 734 ÷ 459 511 218 = 48,9 %, printed 49 %; 2022:
        209 331 558 ÷ 440 278 325 = 47,5 %, printed 48 %: both agree.
    Legal basis:
        DFØ's model annual report, part II (definition inferred; IMDi's
        figure reproduces only on the chart's sum); R-115 (December 2022),
        the chart-of-accounts statement.
    """
    chart = ctx.accounts.chart
    _share(ctx, "salary_share", lambda column: chart.figure("salaries", column), Text("utbetalinger til lønn ÷ sum utbetalinger til drift",
                                               "utbetalingar til lønn ÷ sum utbetalingar til drift",
                                               "salaries ÷ total operating payments"))


@rule("KF-05", severity=Severity.WARNING, tolerance="absolute", references=_REFS,
      needs="key_figures", parameters=("key_figures.fte_source",))
def kf05(ctx: RuleContext) -> None:
    """
    What it checks:
        «Lønnsutgifter per årsverk» is utbetalinger til lønn divided by the
        year's utførte årsverk. The table divides by the unrounded count,
        which no statement prints, so the rule works back: lønn ÷ the
        printed figure is the count it implies, and that must round to the
        table's «Antall utførte årsverk» for the year (±0,5 årsverk).
    Why it matters:
        A figure per årsverk that no count of årsverk near the printed one
        gives was computed on something else.
    Example:
        IMDi 2023: 224 652 734 ÷ 984 887 = 228,1 årsverk, printed 228:
        agrees; 2022: 209 331 558 ÷ 922 572 = 226,9, the table's 227: agrees
        (note 2's 226 is KF-03's finding).
    Legal basis:
        DFØ's model annual report, part II (definition inferred); R-115
        (December 2022), note 2.
    """
    key_figure = ctx.key_figures.get("salary_per_fte")
    fte = ctx.key_figures.get("fte_performed")
    salaries = ctx.accounts.notes["note2"].get("total")
    if key_figure is None or salaries is None or _unreadable(ctx, key_figure):
        return
    for column in ("current", "prior"):
        year = ctx.accounts.column_year(column)
        implied = _implied_fte(key_figure, salaries, column, year)
        count = _figure(fte, year) if fte is not None else None
        if count is None:
            note = ctx.accounts.notes["note2"].get("fte")
            count = note[column] if note is not None and note[column].value is not None else None
        if implied is None or count is None:
            continue
        printed = _figure(key_figure, year)
        if abs(implied - count.value) <= Decimal("0.5"):
            continue
        expected = (salaries[column].value / count.value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        ctx.add(f"key_figures.salary_per_fte[{year}]", "kf.per_fte", location=printed.source,
                expected=expected, actual=printed.value, tolerance=Tolerance("absolute", Decimal("0.5")),
                figures=(FigureRef("reported", printed.value, printed.source, REPORTED),
                         FigureRef("salaries", salaries[column].value, salaries[column].source),
                         FigureRef("fte", count.value, count.source)),
                year=str(year), implied=_shown(implied), count=_shown(count.value), salaries=salaries[column].amount)


@rule("KF-06", severity=Severity.WARNING, tolerance="absolute",
      references=_REFS, needs="key_figures", parameters=("key_figures.operating_expenses",))
def kf06(ctx: RuleContext) -> None:
    """
    What it checks:
        «Driftsutgifter» in the key-figure table, for the accounts' year:
        where its label names «post 01», regnskap on the agency's post 01
        (the expense rows with post 01 and an allocation of their own);
        otherwise what the parameter names (sum utbetalinger til drift by
        default). In thousands where the label says so (±500 kroner).
    Why it matters:
        Two readings of «driftsutgifter» differ by a quarter or more; the
        label must say which one the table prints.
    Example:
        IMDi 2023 prints «Driftsutgifter post 01 (i 1 000 kroner)» 367 764;
        0670.01's regnskap is 367 764 135: agrees.
    Legal basis:
        DFØ's model annual report, part II (definition inferred); R-115
        (December 2022), the appropriation and chart-of-accounts statements.
    """
    key_figure = ctx.key_figures.get("operating_expenses")
    if key_figure is None or _unreadable(ctx, key_figure):
        return
    post_01 = "post01" in loose(key_figure.label) or ctx.parameter("key_figures.operating_expenses") == "post_01"
    if post_01:
        rows = [r for r in ctx.accounts.appropriation.summed_expenses()
                if r.key.post_number == 1 and r.allocation.amount != 0]
        total = sum((r.accounts.amount for r in rows), ZERO)
        basis = [(str(r.key), r.accounts, same(f"{r.key} {r.post_name}")) for r in rows]
        how = Text("regnskap på post 01", "rekneskap på post 01", "accounts on post 01")
    else:
        figure = _operating(ctx.accounts, "current")
        if figure is None:
            return
        total, basis = figure.value, [("total", figure, Text("Sum utbetalinger til drift",
                                                              "Sum utbetalingar til drift", "Total operating payments"))]
        how = Text("sum utbetalinger til drift", "sum utbetalingar til drift", "total operating payments")
    scale = THOUSAND if key_figure.unit == "1000 kroner" else Decimal(1)
    _judge(ctx, key_figure, ctx.year, total / scale, Decimal("0.5"), same(str(total / scale)), how, basis)


@rule("KF-07", severity=Severity.WARNING, tolerance="absolute", references=_REFS,
      needs="key_figures", parameters=("key_figures.utilisation.posts", "key_figures.share_rounding"))
def kf07(ctx: RuleContext) -> None:
    """
    What it checks:
        «Utnyttelsesgrad post 01–29», for the accounts' year: regnskap ÷
        samlet tildeling over the expense posts 01–29 that have an
        allocation of their own, in whole per cent (±0,5 percentage
        points). The posts it counts are named in the finding.
    Why it matters:
        The utilisation tells how much of the operating appropriation was
        used; a figure the statement cannot give is unexplained.
    Example:
        IMDi 2023 prints 92 %; posts 0670.01 and 0671.21 give (367 764 135 +
        33 067 594) ÷ (373 849 000 + 32 900 000) = 98,5 %: a warning with
        both figures.
    Legal basis:
        DFØ's model annual report, part II (definition inferred); R-115
        (December 2022), the appropriation statement.
    """
    key_figure = ctx.key_figures.get("utilisation")
    if key_figure is None or _unreadable(ctx, key_figure):
        return
    posts = _posts(ctx, "key_figures.utilisation.posts")
    rows = [r for r in ctx.accounts.appropriation.summed_expenses()
            if r.key.post_number in posts and r.allocation.amount != 0]
    allocation = sum((r.allocation.amount for r in rows), ZERO)
    if not rows or allocation == 0:
        return
    share = sum((r.accounts.amount for r in rows), ZERO) / allocation * HUNDRED
    _judge(ctx, key_figure, ctx.year, share, ctx.decimal("key_figures.share_rounding"), _shown(share),
           Text("regnskap ÷ samlet tildeling på", "rekneskap ÷ samla tildeling på", "accounts ÷ samlet tildeling on"),
           [(str(r.key), r.accounts, same(f"{r.key} regnskap")) for r in rows]
           + [(str(r.key), r.allocation, same(f"{r.key} samlet tildeling")) for r in rows],
           message="kf.utilisation_mismatch", posts_named=", ".join(str(r.key) for r in rows))


@rule("KF-08", severity=Severity.WARNING, tolerance="absolute", references=_REFS,
      needs="key_figures", parameters=("key_figures.operating_expenses", "key_figures.share_rounding"))
def kf08(ctx: RuleContext) -> None:
    """
    What it checks:
        «Konsulentandel av driftsutgifter» equals note 3's «Kjøp av
        konsulenttjenester» ÷ sum utbetalinger til drift, in whole per cent
        (±0,5 percentage points), for each year the accounts print.
    Why it matters:
        The share of consultants is watched by the ministries and the
        Storting; a share on another base is another figure.
    Example:
        IMDi 2023 prints no konsulentandel in its table (its text compares
        120,7 million with the salary budget instead); computed, it is
        120 680 864 ÷ 459 511 218 = 26,3 %. A table printing 26 % agrees.
    Legal basis:
        DFØ's model annual report, part II (definition inferred); R-115
        (December 2022), note 3.
    """
    note3 = ctx.accounts.notes["note3"]
    _share(ctx, "consultant_share", lambda column: note3.figure("consultants", column), Text("kjøp av konsulenttjenester ÷ sum utbetalinger til drift",
                                                      "kjøp av konsulenttenester ÷ sum utbetalingar til drift",
                                                      "consultancy ÷ total operating payments"))


# --- figures quoted in the text -------------------------------------------------------------------------

def _candidates(accounts: Accounts, quote: Quote, key_figures) -> list[tuple[str, Decimal, object]]:
    """The figures of the accounts a quote's topic may quote: (what, value, source)."""
    a = accounts.appropriation
    out: list[tuple[str, Decimal, object]] = []

    def add(what: str, figure: Figure | None) -> None:
        if figure is not None and figure.value is not None:
            out.append((what, abs(figure.value), figure.source))

    def lines(table, ids: Iterable[str] | None = None) -> None:
        for line in table.lines:
            if ids is None or line.id in ids:
                add(f"{table.layout.id} «{line.label}»", line.values.get("current"))

    topic = quote.topic
    if quote.year is not None:
        if topic == "allocation" and key_figures is not None and key_figures.get("allocation_total"):
            figure = _figure(key_figures.get("allocation_total"), quote.year)
            if figure is not None:
                scale = THOUSAND if key_figures.get("allocation_total").unit == "1000 kroner" else 1
                out.append((f"key_figures.allocation_total[{quote.year}]", figure.value * scale, figure.source))
        return out
    if quote.unit == "percent":
        if topic == "underspend" and a.expense_total.allocation.amount:
            share = abs(a.expense_total.difference.amount) / a.expense_total.allocation.amount * HUNDRED
            out.append(("expense_total.difference ÷ allocation", share, a.expense_total.difference.source))
        return out
    if topic == "fte":
        note = accounts.notes["note2"].get("fte")
        add("note2.fte", note["current"] if note is not None else None)
    elif topic == "allocation":
        for r in a.expenses:
            add(f"{r.key}.allocation", r.allocation)
        add("expense_total.allocation", a.expense_total.allocation)
    elif topic == "expensed":
        for r in a.expenses:
            add(f"{r.key}.accounts", r.accounts)
        add("expense_total.accounts", a.expense_total.accounts)
        add("net_reported", a.net_reported)
    elif topic == "underspend":
        for r in a.expenses:
            add(f"{r.key}.difference", r.difference)
        add("expense_total.difference", a.expense_total.difference)
    elif topic == "transferable":
        rows = [r for r in accounts.note_b.rows if r.transferable.value is not None]
        for r in rows:
            add(f"note_b.{r.key}.transferable", r.transferable)
        if rows:
            out.append(("note_b.transferable (sum)", sum((r.transferable.amount for r in rows), ZERO),
                        accounts.note_b.source))
    elif topic == "repayments":
        for r in a.revenues:
            if r.key.chapter == "5309":
                add(f"{r.key}.accounts", r.accounts)
        lines(accounts.notes["note6"])
    elif topic == "employer_tax":
        for r in a.revenues:
            if r.key.chapter == "5700":
                add(f"{r.key}.accounts", r.accounts)
        lines(accounts.chart, ("employer_tax_1986",))
        lines(accounts.notes["note2"], ("employer_tax",))
    elif topic == "grants":
        lines(accounts.chart, ("grants_paid", "grants_total"))
        lines(accounts.notes["note7"])
    elif topic == "salaries":
        lines(accounts.chart, ("salaries",))
        lines(accounts.notes["note2"])
    elif topic == "revenue":
        for r in a.revenues:
            add(f"{r.key}.accounts", r.accounts)
        add("revenue_total.accounts", a.revenue_total.accounts)
    return out


def _interval(quote: Quote) -> tuple[Decimal, Decimal]:
    """The values the quote stands for: its rounding interval, bent by its qualifier."""
    half = quote.step / 2
    if quote.qualifier == "over":
        return quote.value, quote.value + quote.step
    if quote.qualifier == "under":
        return quote.value - quote.step, quote.value
    if quote.qualifier == "about":
        return quote.value - quote.step, quote.value + quote.step
    return quote.value - half, quote.value + half


def _inside(quote: Quote, value: Decimal) -> bool:
    low, high = _interval(quote)
    return low <= value <= high if quote.qualifier in ("", "about") else low <= value < high


def _twice(quote: Quote, value: Decimal) -> bool:
    """Whether rounding to a tenth of the text's step first, then to its step, gives the quote (373,849 → 373,85
    → 373,9)."""
    if quote.qualifier:
        return False
    finer = (value / quote.step).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return finer.quantize(Decimal(1), rounding=ROUND_HALF_UP) * quote.step == quote.value


def _amount_text(quote: Quote, value: Decimal) -> Text:
    if quote.unit == "percent":
        return _shown(value)
    text = f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}".replace(",", " ")
    return Text(text, text, text)


@rule("KF-09",
      severity=Severity.WARNING, tolerance="absolute", references=(R115_LEDELSESKOMMENTARER, XBRL_CALC_1_1),
      needs="report")
def kf09(ctx: RuleContext) -> None:
    """
    What it checks:
        Each amount the ledelseskommentarer and the introduction to part 6
        quote («vel 22,8 mrd. kroner», «303,1 mill. kroner», «2 prosent»,
        «228 årsverk») against the figures of the accounts its words are
        about (samlet tildeling, utgiftsført, mindreutgift, what may be
        transferred, tilbakebetalinger, arbeidsgiveravgift, tilskudd, lønn,
        årsverk). The tolerance follows from the text's rounding: «22,8
        mrd.» stands for 22,75–22,85 mrd.; «vel» means at or above, «i
        underkant av» below, «om lag» within one step either side. The
        quote agrees when one of its figures lies in that interval; one
        that agrees only when rounded twice (373,849 → 373,85 → 373,9) is
        still outside it: a warning, like a quote no figure gives, that
        quotes the sentence and names the figures nearest. An amount
        avstem cannot tie to a figure (its clause names no topic avstem
        knows, speaks of a change — «ein auke på 8,2 mrd.», «ekstra
        løyving» — or of another year with no figure at hand) is listed
        as an info, not judged.
    Why it matters:
        The ledelseskommentarer are signed by the agency's head and read
        before the statements; a figure there that the accounts do not
        give is a misstatement in the report.
    Example:
        IMDi 2023: «samla tildeling på vel 22,8 mrd.», «utgiftsført i
        underkant av 22,3 mrd.», «mindreutgift tilsvarande 2 prosent»,
        «303,1 mill.» that can be transferred, «367,8 / 6,1 mill.» on the
        operating post and «228 årsverk» agree; «tilbakebetalingar … på
        27,9 mill.» does not: 5309.29 is 27 845 273 (27,8 mill.) and note 6
        27 420 370 (27,4 mill.): a warning. «373,9 mill.» is the same case:
        0670.01's samlet tildeling 373 849 000 is 373,8 mill.; only rounded
        twice does either give the quote. «auke på 8,2 mrd.» and «54,9 mill.
        … i ekstra løyving» are listed.
    Legal basis:
        R-115 (December 2022), the ledelseskommentarer to the annual
        accounts; the interval rule of XBRL Calculations 1.1 for rounded
        figures.
    """
    key_figures = ctx.accounts.published.key_figures if ctx.accounts.published is not None else None
    for i, quote in enumerate(ctx.report.quotes):
        key = f"text.{quote.source.line if quote.source else i}.{quote.printed}"
        candidates = _candidates(ctx.accounts, quote, key_figures) if quote.topic is not None else []
        if not candidates:  # listed, not judged
            ctx.add(key, "kf.quote_unplaced", kind=Kind.NOTE, severity=Severity.INFO, location=quote.source,
                    actual=quote.value, figures=(FigureRef("quoted", quote.value, quote.source, REPORTED),),
                    quoted=quote.printed, sentence=quote.sentence)
            continue
        if any(_inside(quote, value) for _, value, _ in candidates):
            continue
        low, high = _interval(quote)
        twice = [c for c in candidates if _twice(quote, c[1])]
        nearest = [c for c in sorted(candidates, key=lambda c: abs(c[1] - quote.value))
                   if abs(c[1] - quote.value) <= quote.value / 5][:3] or candidates[:1]
        shown = twice[:1] + [c for c in nearest if c not in twice[:1]][:2]
        figures = [FigureRef("quoted", quote.value, quote.source, REPORTED)]
        figures += [FigureRef(what, value, source, same(what)) for what, value, source in shown]
        named = "; ".join(f"{what} {_amount_text(quote, value)('nb')}" for what, value, _ in shown)
        # rounded twice (27,845 → 27,85 → 27,9) is still outside the text's own interval: a misstatement, said so
        ctx.add(key, "kf.quote_twice" if twice else "kf.quote_mismatch",
                location=quote.source, expected=shown[0][1], actual=quote.value,
                tolerance=Tolerance("absolute", (high - low) / 2), figures=figures,
                quoted=quote.printed, sentence=quote.sentence, figures_named=named,
                low=_amount_text(quote, low), high=_amount_text(quote, high))
