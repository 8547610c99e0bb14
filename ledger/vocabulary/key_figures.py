"""The words of part 2's key-figure table and of the figures the report's text quotes.

Key figures: the rows of DFØ's «Nøkkeltall fra årsregnskapet», in Bokmål and Nynorsk, as agencies print them
(«Lønnsandel av driftsutgifter», IMDi's «Lønnsdel av driftsutgiftene»). A label is matched in
:func:`~ledger.vocabulary.labels.loose` form by its start, so a unit in brackets or a post range after it
(«Samla tildeling Post 01–99 (i 1 000 kroner)») does not matter.

Quoted figures: a topic is what an amount in the text is about, told by the words before it in its clause
(«samla tildeling på vel 22,8 mrd.», «tilbakebetalingar … på 27,9 mill.»); each topic names the figures of the
accounts it may quote (``rules/catalogue/kf.py`` looks them up). Units and qualifiers say how the text rounds.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.vocabulary.labels import Text, loose

KEY_FIGURE_TABLE = Text("Nøkkeltall fra årsregnskapet", "Nøkkeltal frå årsrekneskapen", "Key figures from the accounts",
                        variants=("Utvalgte nøkkeltall fra årsregnskapet", "Utvalde nøkkeltal frå årsrekneskapen",
                                  "Nøkkeltall", "Nøkkeltal"))

KEY_FIGURES: dict[str, Text] = {
    "employees": Text("Antall ansatte", "Talet på tilsette", "Employees",
                      variants=("Antall tilsatte", "Tal på tilsette", "Talet på tilsette")),
    "fte_agreed": Text("Antall avtalte årsverk", "Talet på avtalte årsverk", "Agreed full-time equivalents",
                       variants=("Tal på avtalte årsverk",)),
    "fte_performed": Text("Antall utførte årsverk", "Talet på utførte årsverk", "Full-time equivalents performed",
                          variants=("Tal på utførte årsverk", "Utførte årsverk")),
    "allocation_total": Text("Samlet tildeling post 01–99", "Samla tildeling post 01–99",
                             "Total allocation, posts 01–99", variants=("Samlet tildeling", "Samla tildeling")),
    "utilisation": Text("Utnyttelsesgrad post 01–29", "Utnyttingsgrad post 01–29", "Utilisation, posts 01–29",
                        variants=("Utnyttelsesgrad", "Utnyttingsgrad")),
    "operating_expenses": Text("Driftsutgifter", "Driftsutgifter", "Operating expenses"),
    "salary_share": Text("Lønnsandel av driftsutgifter", "Lønnsdel av driftsutgiftene", "Salaries' share of operating "
                         "expenses", variants=("Lønnsandel av driftsutgiftene", "Lønnsdel av driftsutgifter",
                                               "Lønnsandel")),
    "salary_per_fte": Text("Lønnsutgifter per årsverk", "Lønnsutgifter per årsverk", "Salaries per full-time "
                           "equivalent"),
    "consultant_share": Text("Konsulentandel av driftsutgifter", "Konsulentdel av driftsutgiftene",
                             "Consultants' share of operating expenses",
                             variants=("Konsulentandel av driftsutgiftene", "Konsulentandel")),
}
_KEY_FORMS = sorted(((loose(form), key) for key, text in KEY_FIGURES.items() for form in text.forms()),
                    key=lambda f: -len(f[0]))


def key_figure_of(label: str) -> str | None:
    """The key figure a row's label names (by its start), or None."""
    key = loose(label)
    return next((figure for form, figure in _KEY_FORMS if key.startswith(form)), None)


def unit_of(label: str, printed: str) -> str:
    """A key figure's unit: «(i 1 000 kroner)», «(kroner)», a per cent sign, or a count."""
    n = " ".join(label.lower().split())
    if "%" in printed or "prosent" in n:
        return "percent"
    if "1 000 kr" in n or "1000 kr" in n or "tusen kr" in n:
        return "1000 kroner"
    if "kroner" in n or "kr)" in n:
        return "kroner"
    return "count"


# --- figures quoted in the text -------------------------------------------------------------------------

#: Units of an amount in the text and what one unit is in kroner.
SCALES = {"mrd": Decimal(10) ** 9, "milliard": Decimal(10) ** 9, "milliarder": Decimal(10) ** 9,
          "mill": Decimal(10) ** 6, "million": Decimal(10) ** 6, "millioner": Decimal(10) ** 6,
          "millionar": Decimal(10) ** 6, "kroner": Decimal(1), "kr": Decimal(1)}
#: Words before an amount that bend the interval the text's rounding gives: at or above, below, either side.
QUALIFIERS = {"over": ("vel", "drøyt", "drygt", "i overkant av", "over", "meir enn", "mer enn"),
              "under": ("i underkant av", "knapt", "underkant av", "nesten", "snaut", "under"),
              "about": ("om lag", "omlag", "omtrent", "cirka", "ca.", "rundt")}

#: What an amount is about, by the words of its clause (stems, matched at a word's start, lower case).
#: The rule knows which figures of the accounts each topic may quote.
TOPICS: dict[str, tuple[str, ...]] = {
    "allocation": ("samlet tildeling", "samla tildeling", "tildeling", "driftsbevilgning", "driftsløyving",
                   "bevilgning", "løyving"),
    "transferable": ("overføring", "overføre", "overførast", "overføres", "overført"),
    "underspend": ("mindreutgift", "mindreforbruk", "merutgift", "meirutgift", "mindreinntekt"),
    "repayments": ("tilbakebetaling", "tilbakebetalt", "tilfeldige inntekter"),
    "employer_tax": ("arbeidsgiveravgift", "arbeidsgivaravgift"),
    "grants": ("tilskudd", "tilskot", "utbetalt i tilskudd", "utbetalte i tilskot"),
    "salaries": ("lønn", "lønnsutgift"),
    "expensed": ("utgiftsført", "utgiftsførte", "regnskapet viser", "rekneskapen viser", "brukt", "forbruk"),
    "revenue": ("inntekt", "inntektsført"),
    "fte": ("årsverk",),
}
