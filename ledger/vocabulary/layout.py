"""The line-by-line layout of the chart-of-accounts statement and notes 1–8.

This is the one place that says which lines a statement has, what they are
called (Bokmål, Nynorsk, English), which block each belongs to, which line
is the total of what, and which note a line refers to. Readers use it to
recognise lines; rules use its sums; writers use its labels. The layout
follows DFØ's model statements for the cash model (R-115 of December 2022)
as IMDi's 2023 accounts print them.

Adding a line: add a :class:`LineDef` to its table, in printed order. A
line the layout does not know may still appear in an agency's accounts as an
*extra* line inside a block (agency-specific note 6 lines, for example); it
then counts in the block's total.

What is required. A line is ``required`` when it defines its statement: the
line the statement's ties need (the chart's «Netto rapportert …» and «Sum
mellomværende …», each note's total that ties it to the chart). Blocks and
lines that are zero may be left out, and a subtotal that is not printed is
absent from the model (``LineTable.get`` gives None), never a refusal. A few
lines are required for another reason, said beside each: a rule reads them
unconditionally and cannot yet say "not checked" (X-02 … X-07 read the
chart's block totals and common-chapter lines; X-03 note 2's
arbeidsgiveravgift).

A note that does not itemise a block prints the block as one line in the
statement's words («Innbetalinger fra gebyrer» with its figures) where an
itemised note prints a heading, the details and «Sum innbetalinger fra
gebyrer»: both are the block's total (the total's ``plain`` form), and a
reader tells the heading from the line by whether the row holds figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol, TypeVar

from ledger.vocabulary.labels import APPROPRIATION_LINES, TITLES, WORKBOOK_LABELS, Text


class _LineLike(Protocol):
    id: str | None
    block: str
    role: str
    sign: int


L = TypeVar("L", bound=_LineLike)


@dataclass(frozen=True)
class LineDef:
    id: str
    label: Text
    block: str
    role: str = "detail"  # detail | total | net | memo
    note: str = ""  # the note reference printed beside the line
    sign: int = 1  # sign of the line inside its block's total
    required: bool = False
    #: For a block's total: the line as a note prints it when it does not itemise the block, in the statement's
    #: words («Innbetalinger fra gebyrer» for «Sum innbetalinger fra gebyrer»); printed without figures, it heads
    #: the block instead.
    plain: Text | None = None


@dataclass(frozen=True)
class BlockDef:
    id: str
    heading: Text | None = None
    sign_required: bool = False  # extra lines must state their sign
    #: Whether an agency-specific line may stand here. Not in a block that no
    #: total sums (the net result, note 2's årsverk), where no rule would check it.
    extra_lines: bool = True


BLOCK = "block:"


@dataclass(frozen=True)
class SumDef:
    """``total`` is reported; it must equal the signed sum of ``parts``.

    A part is a line id, or ``"block:<id>"`` for every detail line of a
    block (extra lines included), each with the sign the layout gives it.
    """

    total: str
    parts: tuple[tuple[int, str], ...]

    def terms(self, lines: Iterable[L], sums: "Iterable[SumDef]" = ()) -> list[tuple[int, L]]:
        """The signed terms of the sum among ``lines`` — the layout's, or a printed table's with its extra
        lines: a block part is each detail line of the block, with its own sign times the part's; a line
        part is that line, where ``lines`` has it; where it does not and ``sums`` defines it (a subtotal the
        agency need not print, such as note 1's «Sum innbetalinger fra gebyrer»), its own terms."""
        lines, sums = tuple(lines), tuple(sums)
        out: list[tuple[int, L]] = []
        for sign, ref in self.parts:
            if ref.startswith(BLOCK):
                block = ref.removeprefix(BLOCK)
                out += [(sign * line.sign, line) for line in lines if line.block == block and line.role == "detail"]
                continue
            line = next((line for line in lines if line.id == ref), None)
            if line is not None:
                out.append((sign, line))
                continue
            inner = next((s for s in sums if s.total == ref), None)
            if inner is not None:
                out += [(sign * s, x) for s, x in inner.terms(lines, sums)]
        return out


@dataclass(frozen=True)
class TableLayout:
    id: str
    title: Text
    columns: tuple[str, ...]
    blocks: tuple[BlockDef, ...]
    lines: tuple[LineDef, ...]
    sums: tuple[SumDef, ...] = ()

    def line(self, line_id: str) -> LineDef:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise KeyError(f"{self.id} has no line {line_id!r}")

    def has_line(self, line_id: str) -> bool:
        return any(line.id == line_id for line in self.lines)

    def block(self, block_id: str) -> BlockDef:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(f"{self.id} has no block {block_id!r}")

    def sum_for(self, total: str) -> SumDef:
        for s in self.sums:
            if s.total == total:
                return s
        raise KeyError(f"{self.id} has no sum for {total!r}")

    def in_details(self, line_id: str) -> dict[str, int]:
        """A line as a signed combination of the layout's detail lines: its sum, expanded down to them."""
        if self.line(line_id).role == "detail":
            return {line_id: 1}
        out: dict[str, int] = {}
        for sign, part in self.sum_for(line_id).terms(self.lines):
            for detail, coef in self.in_details(part.id).items():
                out[detail] = out.get(detail, 0) + sign * coef
        return {k: v for k, v in out.items() if v}


def _block(*parts: str) -> tuple[tuple[int, str], ...]:
    return tuple((1, p) for p in parts)


T = Text
YEARS = ("current", "prior")

# --- Oppstilling av artskontorapporteringen ---------------------------------

CHART = TableLayout(
    id="chart",
    title=TITLES["chart"],
    columns=YEARS,
    blocks=(
        BlockDef("operating_income", T("Driftsinntekter rapportert til bevilgningsregnskapet",
                                       "Driftsinntekter rapporterte til løyvingsrekneskapen",
                                       "Operating income reported to the appropriation accounts")),
        BlockDef("operating_expenses", T("Driftsutgifter rapportert til bevilgningsregnskapet",
                                         "Driftsutgifter rapporterte til løyvingsrekneskapen",
                                         "Operating expenses reported to the appropriation accounts")),
        BlockDef("investment_income", T("Investerings- og finansinntekter rapportert til bevilgningsregnskapet",
                                        "Investerings- og finansinntekter rapporterte til løyvingsrekneskapen",
                                        "Investment and financial income reported to the appropriation accounts")),
        BlockDef("investment_expenses", T("Investerings- og finansutgifter rapportert til bevilgningsregnskapet",
                                          "Investerings- og finansutgifter rapporterte til løyvingsrekneskapen",
                                          "Investment and financial expenses reported to the appropriation accounts")),
        BlockDef("collection", T("Innkrevingsvirksomhet og andre overføringer til staten",
                                 "Innkrevjingsverksemd og andre overføringar til staten",
                                 "Collection and other transfers to the state")),
        BlockDef("grants", T("Tilskuddsforvaltning og andre overføringer fra staten",
                             "Tilskotsforvaltning og andre overføringar frå staten",
                             "Grants and other transfers from the state")),
        BlockDef("common_chapters", T("Inntekter og utgifter rapportert på felleskapitler",
                                      "Inntekter og utgifter rapporterte på felleskapittel",
                                      "Income and expenses reported on common chapters"), sign_required=True),
        BlockDef("result", None, extra_lines=False),
        BlockDef("balance", T("Oversikt over mellomværende med statskassen",
                              "Oversikt over mellomvære med statskassa",
                              "Balance with the treasury (mellomværende)",
                              variants=("Oversikt over mellomverande med statskassa",))),
    ),
    # The six block sums («Sum innbetalinger fra drift» …) are optional: an agency leaves a block of zeros out
    # (issue 11.3), and count a sum not printed as 0.
    lines=(
        LineDef("fees", T("Innbetalinger fra gebyrer", "Innbetalingar frå gebyr", "Fees received"),
                "operating_income", note="1"),
        LineDef("grants_received", T("Innbetalinger fra tilskudd og overføringer",
                                     "Innbetalingar frå tilskot og overføringar", "Grants and transfers received"),
                "operating_income", note="1"),
        LineDef("sales_and_rent", T("Salgs- og leieinnbetalinger", "Sals- og leigeinnbetalingar",
                                    "Sales and rent received"), "operating_income", note="1"),
        LineDef("other_income", T("Andre innbetalinger", "Andre innbetalingar", "Other receipts"),
                "operating_income", note="1"),
        LineDef("operating_income_total", T("Sum innbetalinger fra drift", "Sum innbetalingar frå drift",
                                            "Total operating receipts"), "operating_income", "total"),
        LineDef("salaries", T("Utbetalinger til lønn", "Utbetalingar til lønn", "Salaries paid"),
                "operating_expenses", note="2"),
        LineDef("other_operating", T("Andre utbetalinger til drift", "Andre utbetalingar til drift",
                                     "Other operating payments"), "operating_expenses", note="3"),
        LineDef("operating_expenses_total", T("Sum utbetalinger til drift", "Sum utbetalingar til drift",
                                              "Total operating payments"), "operating_expenses", "total"),
        LineDef("net_operating", T("Netto rapporterte driftsutgifter", "Netto rapporterte driftsutgifter",
                                   "Net reported operating expenses"), "operating_expenses", "net"),
        LineDef("financial_income", T("Innbetaling av finansinntekter", "Innbetaling av finansinntekter",
                                      "Financial income received"), "investment_income", note="4"),
        LineDef("investment_income_total", T("Sum investerings- og finansinntekter",
                                             "Sum investerings- og finansinntekter",
                                             "Total investment and financial income"), "investment_income",
                "total"),
        LineDef("investments", T("Utbetaling til investeringer", "Utbetaling til investeringar",
                                 "Investments paid"), "investment_expenses", note="5"),
        LineDef("shares", T("Utbetaling til kjøp av aksjer", "Utbetaling til kjøp av aksjar",
                            "Shares purchased"), "investment_expenses", note="5, 8 del B"),
        LineDef("financial_expenses", T("Utbetaling av finansutgifter", "Utbetaling av finansutgifter",
                                        "Financial expenses paid"), "investment_expenses", note="4"),
        LineDef("investment_expenses_total", T("Sum investerings- og finansutgifter",
                                               "Sum investerings- og finansutgifter",
                                               "Total investment and financial expenses"), "investment_expenses",
                "total"),
        LineDef("net_investment", T("Netto rapporterte investerings- og finansutgifter",
                                    "Netto rapporterte investerings- og finansutgifter",
                                    "Net reported investment and financial expenses"), "investment_expenses",
                "net"),
        LineDef("taxes_and_fees", T("Innbetaling av skatter, avgifter, gebyrer m.m.",
                                    "Innbetaling av skattar, avgifter, gebyr m.m.",
                                    "Taxes, duties, fees etc. received"), "collection", note="6"),
        LineDef("collection_total", T("Sum innkrevingsvirksomhet og andre overføringer til staten",
                                      "Sum innkrevjingsverksemd og andre overføringar til staten",
                                      "Total collection and other transfers to the state"), "collection", "total"),
        LineDef("grants_paid", T("Utbetalinger av tilskudd og stønader", "Utbetalingar av tilskot og stønader",
                                 "Grants and benefits paid"), "grants", note="7"),
        LineDef("grants_total", T("Sum tilskuddsforvaltning og andre overføringer fra staten",
                                  "Sum tilskotsforvaltning og andre overføringar frå staten",
                                  "Total grants and other transfers from the state"), "grants", "total"),
        LineDef("group_life_1985", T("Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)",
                                     "Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)",
                                     "Group life insurance, account 1985 (ref. chapter 5309, revenue)"),
                "common_chapters", sign=-1, required=True),  # read it unconditionally
        LineDef("employer_tax_1986", T("Arbeidsgiveravgift konto 1986 (ref. kap. 5700, inntekt)",
                                       "Arbeidsgivaravgift konto 1986 (ref. kap. 5700, inntekt)",
                                       "Employer's national insurance, account 1986 (ref. chapter 5700, revenue)"),
                "common_chapters", sign=-1, required=True),  # read it unconditionally
        LineDef("vat_1987", T("Nettoføringsordning for merverdiavgift konto 1987 (ref. kap. 1633, utgift)",
                              "Nettoføringsordning for meirverdiavgift konto 1987 (ref. kap. 1633, utgift)",
                              "Net VAT scheme, account 1987 (ref. chapter 1633, expense)"),
                "common_chapters", required=True),  # read it unconditionally
        LineDef("common_chapters_net", T("Netto rapporterte utgifter på felleskapitler",
                                         "Netto rapporterte utgifter på felleskapittel",
                                         "Net reported expenses on common chapters"), "common_chapters", "net"),
        # defines the statement: the tie to the appropriation statement
        LineDef("net_reported", APPROPRIATION_LINES["net_reported"], "result", "net", required=True),
        LineDef("receivables_employees", T("Fordringer på ansatte", "Fordringar på tilsette",
                                           "Receivables from employees"), "balance"),
        LineDef("cash", T("Kontanter", "Kontantar", "Cash"), "balance"),
        LineDef("bank_outside_norges_bank", T("Bankkontoer med statlige midler utenfor Norges Bank",
                                              "Bankkontoar med statlege midlar utanfor Noregs Bank",
                                              "Bank accounts with state funds outside Norges Bank"), "balance"),
        LineDef("tax_withholding", T("Skyldig skattetrekk og andre trekk", "Skuldig skattetrekk og andre trekk",
                                     "Tax withheld and other deductions owed"), "balance"),
        LineDef("public_charges", T("Skyldige offentlige avgifter", "Skuldige offentlege avgifter",
                                    "Public charges owed"), "balance"),
        LineDef("pension_premium", T("Avsatt pensjonspremie til Statens pensjonskasse",
                                     "Avsett pensjonspremie til Statens pensjonskasse",
                                     "Pension premium provided for (Statens pensjonskasse)"), "balance"),
        LineDef("advance_payments", T("Mottatte forskuddsbetalinger", "Mottekne forskotsbetalingar",
                                      "Advance payments received"), "balance"),
        LineDef("salary_net", T("Lønn (negativ netto, for mye utbetalt lønn m.m.)",
                                "Lønn (negativ netto, for mykje utbetalt lønn m.m.)",
                                "Salary (negative net, salary overpaid etc.)"), "balance"),
        LineDef("bank_differences", T("Differanser på bank og uidentifiserte innbetalinger",
                                      "Differansar på bank og uidentifiserte innbetalingar",
                                      "Bank differences and unidentified receipts"), "balance"),
        # defines the statement: the tie to the holding at 31.12. (MV-02) and to note 8 (N8-03)
        LineDef("balance_total", T("Sum mellomværende med statskassen", "Sum mellomvære med statskassa",
                                   "Total balance with the treasury",
                                   variants=("Sum mellomverande med statskassa",)), "balance", "total", note="8",
                required=True),
    ),
    sums=(
        SumDef("operating_income_total", _block("block:operating_income")),
        SumDef("operating_expenses_total", _block("block:operating_expenses")),
        SumDef("net_operating", ((1, "operating_expenses_total"), (-1, "operating_income_total"))),
        SumDef("investment_income_total", _block("block:investment_income")),
        SumDef("investment_expenses_total", _block("block:investment_expenses")),
        SumDef("net_investment", ((1, "investment_expenses_total"), (-1, "investment_income_total"))),
        SumDef("collection_total", _block("block:collection")),
        SumDef("grants_total", _block("block:grants")),
        SumDef("common_chapters_net", _block("block:common_chapters")),
        SumDef("net_reported", ((1, "net_operating"), (1, "net_investment"), (-1, "collection_total"),
                                (1, "grants_total"), (1, "common_chapters_net"))),
        SumDef("balance_total", _block("block:balance")),
    ),
)


def _chart(line_id: str) -> Text:
    """A note's line or heading that is labelled as the chart line it specifies."""
    return CHART.line(line_id).label


# --- Notes 1–7 ----------------------------------------------------------------

def _grant(nb: str, nn: str, en: str) -> tuple[str, str, str]:
    return (f"Tilskudd fra {nb}", f"Tilskot frå {nn}", f"Grants from {en}")


NOTE1 = TableLayout(
    id="note1",
    title=T("Note 1 Innbetalinger fra drift", "Note 1 Innbetalingar frå drift", "Note 1 Operating receipts"),
    columns=YEARS,
    # no headings of their own: an itemised block is headed by its total's plain form («Innbetalinger fra gebyrer»),
    # and IMDi prints the four subtotals alone
    blocks=(BlockDef("fees"), BlockDef("grants"), BlockDef("sales"), BlockDef("other"),
            BlockDef("result", extra_lines=False)),
    lines=(
        LineDef("fees_total", T("Sum innbetalinger fra gebyrer", "Sum innbetalingar frå gebyr", "Total fees"),
                "fees", "total", plain=_chart("fees")),
        # The detail lines of the grants and sales blocks are [INFERRED] (regulation.md §1.6: DFØ's template was not
        # retrieved): tilskudd split by giver, sales by kind. A line an agency prints otherwise is an extra line.
        *(LineDef(f"grants_{key}", T(*_grant(nb, nn, en)), "grants") for key, nb, nn, en in (
            ("state", "andre statlige virksomheter", "andre statlege verksemder", "other government agencies"),
            ("research_council", "Norges forskningsråd", "Noregs forskingsråd", "the Research Council of Norway"),
            ("regional_funds", "regionale forskningsfond", "regionale forskingsfond", "regional research funds"),
            ("municipalities", "kommuner og fylkeskommuner", "kommunar og fylkeskommunar",
             "municipalities and counties"),
            ("organisations", "organisasjoner og stiftelser", "organisasjonar og stiftingar",
             "organisations and foundations"),
            ("business", "næringsliv og privatpersoner", "næringsliv og privatpersonar",
             "business and private persons"),
            ("eu", "EU", "EU", "the EU"),
        )),
        LineDef("grants_total", T("Sum innbetalinger fra tilskudd og overføringer",
                                  "Sum innbetalingar frå tilskot og overføringar", "Total grants and transfers"),
                "grants", "total", plain=_chart("grants_received")),
        LineDef("sales_receipts", T("Salgsinnbetalinger", "Salsinnbetalingar", "Sales"), "sales"),
        LineDef("rent_receipts", T("Leieinnbetalinger", "Leigeinnbetalingar", "Rent"), "sales"),
        LineDef("sales_total", T("Sum salgs- og leieinnbetalinger", "Sum sals- og leigeinnbetalingar",
                                 "Total sales and rent"), "sales", "total", plain=_chart("sales_and_rent")),
        LineDef("other_total", T("Sum andre innbetalinger", "Sum andre innbetalingar", "Total other receipts"),
                "other", "total", plain=_chart("other_income")),
        # defines the note: its tie to «Sum innbetalinger fra drift» (N1-02)
        LineDef("total", _chart("operating_income_total"), "result", "total", required=True,
                plain=T("Innbetalinger fra drift", "Innbetalingar frå drift", "Operating receipts")),
    ),
    sums=(
        SumDef("fees_total", _block("block:fees")),
        SumDef("grants_total", _block("block:grants")),
        SumDef("sales_total", _block("block:sales")),
        SumDef("other_total", _block("block:other")),
        SumDef("total", _block("fees_total", "grants_total", "sales_total", "other_total")),
    ),
)

NOTE2 = TableLayout(
    id="note2",
    title=T("Note 2 Utbetalinger til lønn", "Note 2 Utbetalingar til lønn", "Note 2 Salaries paid"),
    columns=YEARS,
    blocks=(BlockDef("salaries"), BlockDef("memo", extra_lines=False)),
    lines=(
        LineDef("salary", T("Lønn", "Lønn", "Salary"), "salaries"),
        LineDef("employer_tax", T("Arbeidsgiveravgift", "Arbeidsgivaravgift", "Employer's national insurance"),
                "salaries", required=True),  # X-03 reads it unconditionally
        LineDef("pension", T("Pensjonsutgifter", "Pensjonsutgifter", "Pension expenses"), "salaries"),
        LineDef("refunds", T("Sykepenger og andre refusjoner (-)", "Sjukepengar og andre refusjonar (-)",
                             "Sick pay and other refunds (-)"), "salaries"),
        LineDef("other_benefits", T("Andre ytelser", "Andre ytingar", "Other benefits"), "salaries"),
        # defines the note: its tie to «Utbetalinger til lønn» (N2-02)
        LineDef("total", T("Sum utbetalinger til lønn", "Sum utbetalingar til lønn", "Total salaries paid"),
                "salaries", "total", required=True, plain=_chart("salaries")),
        LineDef("fte", T("Antall utførte årsverk", "Talet på utførte årsverk", "Full-time equivalents worked"),
                "memo", "memo"),
        LineDef("premium_rate", T("Premiesats for arbeidsgiverdelen (prosent)",
                                  "Premiesats for arbeidsgivardelen (prosent)",
                                  "Employer's pension premium rate (per cent)"), "memo", "memo"),
    ),
    sums=(SumDef("total", _block("block:salaries")),),
)

NOTE3 = TableLayout(
    id="note3",
    title=T("Note 3 Andre utbetalinger til drift", "Note 3 Andre utbetalingar til drift",
            "Note 3 Other operating payments"),
    columns=YEARS,
    blocks=(BlockDef("operating"),),
    lines=(
        LineDef("rent", T("Husleie", "Husleige", "Rent"), "operating"),
        LineDef("maintenance_own", T("Vedlikehold egne bygg og anlegg", "Vedlikehald av eigne bygg og anlegg",
                                     "Maintenance of own buildings"), "operating"),
        LineDef("maintenance_leased", T("Vedlikehold og ombygging av leide lokaler",
                                        "Vedlikehald og ombygging av leigde lokale",
                                        "Maintenance and alteration of leased premises"), "operating"),
        LineDef("other_property", T("Andre utgifter til drift av eiendom og lokaler",
                                    "Andre utgifter til drift av eigedom og lokale",
                                    "Other property and premises costs"), "operating"),
        LineDef("repairs", T("Reparasjon og vedlikehold av maskiner, utstyr mv.",
                             "Reparasjon og vedlikehald av maskiner, utstyr osv.",
                             "Repair and maintenance of machinery and equipment"), "operating"),
        LineDef("small_equipment", T("Mindre utstyrsanskaffelser", "Mindre utstyrsanskaffingar",
                                     "Minor equipment purchases"), "operating"),
        LineDef("equipment_rent", T("Leie av maskiner, inventar og lignende",
                                    "Leige av maskiner, inventar og liknande",
                                    "Rent of machinery, furniture etc."), "operating"),
        LineDef("consultants", T("Kjøp av konsulenttjenester", "Kjøp av konsulenttenester",
                                 "Consultancy services"), "operating"),
        LineDef("other_services", T("Kjøp av andre fremmede tjenester", "Kjøp av andre framande tenester",
                                    "Other external services"), "operating"),
        LineDef("travel", T("Reiser og diett", "Reiser og diett", "Travel and subsistence"), "operating"),
        LineDef("other_expenses", T("Øvrige driftsutgifter", "Andre driftsutgifter", "Other operating expenses"), "operating"),
        # defines the note: its tie to «Andre utbetalinger til drift» (N3-02)
        LineDef("total", T("Sum andre utbetalinger til drift", "Sum andre utbetalingar til drift",
                           "Total other operating payments"), "operating", "total", required=True,
                plain=_chart("other_operating")),
    ),
    sums=(SumDef("total", _block("block:operating")),),
)

NOTE4 = TableLayout(
    id="note4",
    title=T("Note 4 Finansinntekter og finansutgifter", "Note 4 Finansinntekter og finansutgifter",
            "Note 4 Financial income and expenses"),
    columns=YEARS,
    blocks=(BlockDef("income", _chart("financial_income")), BlockDef("expenses", _chart("financial_expenses"))),
    lines=(
        LineDef("interest_income", T("Renteinntekter", "Renteinntekter", "Interest income"), "income"),
        LineDef("fx_gain", T("Valutagevinst", "Valutagevinst", "Currency gain"), "income"),
        LineDef("other_financial_income", T("Annen finansinntekt", "Anna finansinntekt", "Other financial income"),
                "income"),
        # either block may be left out where it is zero (an agency without financial income)
        LineDef("income_total", T("Sum innbetaling av finansinntekter", "Sum innbetaling av finansinntekter",
                                  "Total financial income received"), "income", "total",
                plain=_chart("financial_income")),
        LineDef("interest_expense", T("Renteutgifter", "Renteutgifter", "Interest expense"), "expenses"),
        LineDef("fx_loss", T("Valutatap", "Valutatap", "Currency loss"), "expenses"),
        LineDef("other_financial_expense", T("Annen finansutgift", "Anna finansutgift",
                                             "Other financial expense"), "expenses"),
        LineDef("expense_total", T("Sum utbetaling av finansutgifter", "Sum utbetaling av finansutgifter",
                                   "Total financial expenses paid"), "expenses", "total",
                plain=_chart("financial_expenses")),
    ),
    sums=(SumDef("income_total", _block("block:income")), SumDef("expense_total", _block("block:expenses"))),
)

NOTE5 = TableLayout(
    id="note5",
    title=T("Note 5 Utbetaling til investeringer og kjøp av aksjer",
            "Note 5 Utbetaling til investeringar og kjøp av aksjar",
            "Note 5 Investments and shares purchased"),
    columns=YEARS,
    blocks=(BlockDef("investments", _chart("investments")), BlockDef("shares", _chart("shares"))),
    lines=(
        LineDef("intangible", T("Immaterielle eiendeler og lignende", "Immaterielle eigedelar og liknande",
                                "Intangible assets"), "investments"),
        LineDef("land_buildings", T("Tomter, bygninger og annen fast eiendom",
                                    "Tomter, bygningar og annan fast eigedom", "Land and buildings"),
                "investments"),
        LineDef("infrastructure", T("Infrastruktureiendeler", "Infrastruktureigedelar", "Infrastructure assets"),
                "investments"),
        LineDef("machinery", T("Maskiner og transportmidler", "Maskiner og transportmiddel",
                               "Machinery and vehicles"), "investments"),
        LineDef("furniture", T("Driftsløsøre, inventar, verktøy og lignende",
                               "Driftslausøyre, inventar, verktøy og liknande",
                               "Furniture, fittings, tools etc."), "investments"),
        # either block may be left out where it is zero
        LineDef("investments_total", T("Sum utbetaling til investeringer", "Sum utbetaling til investeringar",
                                       "Total investments paid"), "investments", "total",
                plain=_chart("investments")),
        LineDef("capital_contributions", T("Kapitalinnskudd", "Kapitalinnskot", "Capital contributions"), "shares"),
        LineDef("bonds", T("Obligasjoner", "Obligasjonar", "Bonds"), "shares"),
        LineDef("shares_and_holdings", T("Investeringer i aksjer og andeler", "Investeringar i aksjar og andelar",
                                         "Shares and holdings"), "shares"),
        LineDef("shares_total", T("Sum utbetaling til kjøp av aksjer", "Sum utbetaling til kjøp av aksjar",
                                  "Total shares purchased"), "shares", "total", plain=_chart("shares")),
    ),
    sums=(SumDef("investments_total", _block("block:investments")),
          SumDef("shares_total", _block("block:shares"))),
)

NOTE6 = TableLayout(
    id="note6",
    title=T("Note 6 Innkrevingsvirksomhet og andre overføringer til staten",
            "Note 6 Innkrevjingsverksemd og andre overføringar til staten",
            "Note 6 Collection and other transfers to the state"),
    columns=YEARS,
    blocks=(BlockDef("collection"),),
    lines=(
        # defines the note: its tie to the statement's block (N6-02)
        LineDef("total", _chart("collection_total"), "collection", "total", required=True,
                plain=_chart("taxes_and_fees")),
    ),
    sums=(SumDef("total", _block("block:collection")),),
)

NOTE7 = TableLayout(
    id="note7",
    title=T("Note 7 Tilskuddsforvaltning og andre overføringer fra staten",
            "Note 7 Tilskotsforvaltning og andre overføringar frå staten",
            "Note 7 Grants and other transfers from the state"),
    columns=YEARS,
    blocks=(BlockDef("grants"),),
    lines=(
        # IMDi names the posts the grants were paid from: "Tilskot til kommunar post 60-85"
        LineDef("municipalities", T("Tilskudd til kommuner", "Tilskot til kommunar", "Grants to municipalities",
                                    variants=("Tilskudd til kommuner post 60-85", "Tilskot til kommunar post 60-85")),
                "grants"),
        LineDef("counties", T("Tilskudd til fylkeskommuner", "Tilskot til fylkeskommunar", "Grants to counties",
                              variants=("Tilskudd til fylkeskommuner post 60-85",
                                        "Tilskot til fylkeskommunar post 60-85")),
                "grants"),
        LineDef("non_financial", T("Tilskudd til ikke-finansielle foretak", "Tilskot til ikkje-finansielle føretak",
                                   "Grants to non-financial enterprises"), "grants"),
        LineDef("financial", T("Tilskudd til finansielle foretak", "Tilskot til finansielle føretak",
                               "Grants to financial enterprises"), "grants"),
        LineDef("households", T("Tilskudd til husholdninger", "Tilskot til hushald", "Grants to households"),
                "grants"),
        LineDef("non_profits", T("Tilskudd til ideelle organisasjoner", "Tilskot til ideelle organisasjonar",
                                 "Grants to non-profit organisations",
                                 variants=("Tilskudd til ideelle organisasjoner post 70-85",
                                           "Tilskot til ideelle organisasjonar post 70-85")), "grants"),
        LineDef("government", T("Tilskudd til statsforvaltningen", "Tilskot til statsforvaltninga",
                                "Grants to central government"), "grants"),
        LineDef("abroad", T("Tilskudd til utlandet", "Tilskot til utlandet", "Grants abroad"), "grants"),
        # defines the note: its tie to the statement's block (N7-02)
        LineDef("total", _chart("grants_total"), "grants", "total", required=True, plain=_chart("grants_paid")),
    ),
    sums=(SumDef("total", _block("block:grants")),),
)

# --- Note 8 del A -------------------------------------------------------------

_SUM = WORKBOOK_LABELS["total"]

NOTE8 = TableLayout(
    id="note8",
    title=T("Note 8 Sammenheng mellom avregning med statskassen og mellomværende med statskassen",
            "Note 8 Samanheng mellom avrekning med statskassa og mellomvære med statskassa",
            "Note 8 Settlement with the treasury and the balance with the treasury",
            variants=("Note 8 Samanheng mellom avrekning med statskassa og mellomverande med statskassa",)),
    columns=("booked", "reported", "difference"),
    blocks=(
        BlockDef("financial_fixed_assets", T("Finansielle anleggsmidler", "Finansielle anleggsmidlar",
                                             "Financial fixed assets")),
        BlockDef("current_assets", T("Omløpsmidler", "Omløpsmidlar", "Current assets")),
        BlockDef("long_term_debt", T("Langsiktig gjeld", "Langsiktig gjeld", "Long-term debt")),
        BlockDef("short_term_debt", T("Kortsiktig gjeld", "Kortsiktig gjeld", "Short-term debt")),
        BlockDef("result", None, extra_lines=False),
    ),
    lines=(
        LineDef("shares_and_holdings", NOTE5.line("shares_and_holdings").label, "financial_fixed_assets"),
        LineDef("bonds", NOTE5.line("bonds").label, "financial_fixed_assets"),
        LineDef("financial_fixed_assets_total", _SUM, "financial_fixed_assets", "total"),
        LineDef("customer_receivables", T("Kundefordringer", "Kundefordringar", "Trade receivables"),
                "current_assets"),
        LineDef("other_receivables", T("Andre fordringer", "Andre fordringar", "Other receivables"),
                "current_assets"),
        LineDef("bank_and_cash", T("Bankinnskudd, kontanter og lignende", "Bankinnskot, kontantar og liknande",
                                   "Bank deposits, cash etc."), "current_assets"),
        LineDef("current_assets_total", _SUM, "current_assets", "total"),
        LineDef("other_long_term_debt", T("Annen langsiktig gjeld", "Anna langsiktig gjeld",
                                          "Other long-term debt"), "long_term_debt"),
        LineDef("long_term_debt_total", _SUM, "long_term_debt", "total"),
        LineDef("suppliers", T("Leverandørgjeld", "Leverandørgjeld", "Trade payables"), "short_term_debt"),
        LineDef("tax_withholding", T("Skyldig skattetrekk", "Skuldig skattetrekk", "Tax withheld owed"),
                "short_term_debt"),
        LineDef("public_charges", _chart("public_charges"), "short_term_debt"),
        LineDef("other_short_term_debt", T("Annen kortsiktig gjeld", "Anna kortsiktig gjeld",
                                           "Other short-term debt"), "short_term_debt"),
        LineDef("short_term_debt_total", _SUM, "short_term_debt", "total"),
        # defines the note: its reported total ties to the balance with the treasury (N8-03)
        LineDef("total", _SUM, "result", "total", required=True),
    ),
    sums=(
        SumDef("financial_fixed_assets_total", _block("block:financial_fixed_assets")),
        SumDef("current_assets_total", _block("block:current_assets")),
        SumDef("long_term_debt_total", _block("block:long_term_debt")),
        SumDef("short_term_debt_total", _block("block:short_term_debt")),
        SumDef("total", _block("financial_fixed_assets_total", "current_assets_total", "long_term_debt_total",
                               "short_term_debt_total")),
    ),
)

NOTES = (NOTE1, NOTE2, NOTE3, NOTE4, NOTE5, NOTE6, NOTE7)
