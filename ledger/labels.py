"""The label dictionary's building blocks and the labels that are not lines.

Line labels live with their lines in :mod:`ledger.layout`; statement titles
and column headings live here. Every reader matches printed text through
:func:`normalise`, and every writer prints through :class:`Text`, so Bokmål,
Nynorsk and English are known in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ledger.money import format_amount

LANGUAGES = ("nb", "nn", "en")


@dataclass(frozen=True)
class Text:
    """One label in Bokmål, Nynorsk and English, plus other printed forms."""

    nb: str
    nn: str | None = None
    en: str | None = None
    variants: tuple[str, ...] = field(default=(), compare=False)

    def __call__(self, lang: str = "nb") -> str:
        if lang == "nn":
            return self.nn or self.nb
        if lang == "en":
            return self.en or self.nb
        return self.nb

    def forms(self) -> tuple[str, ...]:
        """Every form a reader should recognise."""
        return tuple(dict.fromkeys(f for f in (self.nb, self.nn, self.en, *self.variants) if f))

    def format(self, **params: object) -> "Text":
        return Text(
            self.nb.format(**params),
            self.nn.format(**params) if self.nn else None,
            self.en.format(**params) if self.en else None,
        )


def same(text: str) -> Text:
    """A label printed the same way in every language (a code, a number)."""
    return Text(text, text, text)


_STARS = re.compile(r"[\s*]*(\*+|\d\))\s*$")
_SPACE = re.compile(r"\s+")


def normalise(label: str) -> str:
    """The form labels are compared in.

    Case, doubled spaces, line breaks, soft hyphens, trailing footnote marks
    (``****``, ``1)``) and a trailing colon do not distinguish labels.
    """
    s = unicodedata.normalize("NFKC", label).replace("\u00ad", "")
    s = s.replace("\u2013", "-").replace("\u2212", "-")
    s = _SPACE.sub(" ", s).strip()
    while True:
        t = _STARS.sub("", s).rstrip(" :")
        if t == s:
            break
        s = t
    return s.casefold()


# Statement titles (the heading a reader looks for) -------------------------

TITLES: dict[str, Text] = {
    "appropriation": Text(
        "Oppstilling av bevilgningsrapportering",
        "Oppstilling av løyvingsrapportering",
        "Appropriation statement",
    ),
    "note_a": Text(
        "Note A Forklaring av samlet tildeling utgifter",
        "Note A Forklaring av samla tildeling utgifter",
        "Note A Total allocation explained (expenses)",
        variants=("Note A Forklaring av samlet tildeling",),
    ),
    "note_b": Text(
        "Note B Forklaring til brukte fullmakter og beregning av mulig overførbart beløp til neste år",
        "Note B Forklaring til brukte fullmakter og utrekning av beløp som kan overførast til neste år",
        "Note B Authorities used and the amount that may be transferred to next year",
        variants=(
            "Note B Forklaring til benyttede fullmakter og beregning av mulig overførbart beløp til neste år",
        ),
    ),
    "chart": Text(
        "Oppstilling av artskontorapporteringen",
        "Oppstilling av artskontorapporteringa",
        "Chart-of-accounts statement",
    ),
}

# Column headings ----------------------------------------------------------

COLUMNS: dict[str, Text] = {
    "chapter": Text("Kapittel", "Kapittel", "Chapter", ("Utgiftskapittel", "Inntektskapittel")),
    "chapter_name": Text("Kapittelnavn", "Kapittelnamn", "Chapter name"),
    "post": Text("Post", "Post", "Post"),
    "post_text": Text("Posttekst", "Posttekst", "Post text"),
    "note": Text("Note", "Note", "Note"),
    "allocation": Text("Samlet tildeling", "Samla tildeling", "Total allocation"),
    "accounts": Text("Regnskap", "Rekneskap", "Accounts"),
    "expense_difference": Text(
        "Merutgift (-) og mindreutgift", "Meirutgift (-) og mindreutgift", "Overspend (-) / underspend"
    ),
    "revenue_difference": Text(
        "Merinntekt og mindreinntekt (-)", "Meirinntekt og mindreinntekt (-)", "Revenue above / below (-) allocation"
    ),
    "amount": Text("Beløp", "Beløp", "Amount"),
    "account": Text("Konto", "Konto", "Account"),
    "text": Text("Tekst", "Tekst", "Text"),
    "change": Text("Endring", "Endring", "Change"),
    "transferred": Text("Overført fra i fjor", "Overført frå i fjor", "Transferred from last year"),
    "allocated": Text("Årets tildelinger", "Årets tildelingar", "This year's allocations"),
    "stikkord": Text("Stikkord", "Stikkord", "Keyword (stikkord)"),
    "charged_by_others": Text(
        "Utgiftsført av andre iht. avgitte belastningsfullmakter (-)",
        "Utgiftsført av andre i samsvar med avgitte belastningsfullmakter (-)",
        "Charged by others under given charging authorities (-)",
    ),
    "after_charged": Text(
        "Merutgift (-) / mindreutgift etter avgitte belastningsfullmakter",
        "Meirutgift (-) / mindreutgift etter avgitte belastningsfullmakter",
        "Overspend (-) / underspend after given charging authorities",
    ),
    "additional_revenue": Text(
        "Merinntekter / mindreinntekter (-) iht. merinntektsfullmakt",
        "Meirinntekter / mindreinntekter (-) i samsvar med meirinntektsfullmakt",
        "Revenue above / below (-) under an additional-revenue authority",
    ),
    "reallocation": Text(
        "Omdisponering fra post 01 til 45 eller til post 01/21 fra neste års bevilgning",
        "Omdisponering frå post 01 til 45 eller til post 01/21 frå løyvinga for neste år",
        "Reallocation from post 01 to 45, or to post 01/21 from next year's appropriation",
    ),
    "savings": Text("Innsparinger (-)", "Innsparingar (-)", "Savings (-)"),
    "basis": Text("Sum grunnlag for overføring", "Sum grunnlag for overføring", "Basis for transfer"),
    "maximum": Text("Maks. overførbart beløp", "Maks. beløp som kan overførast", "Maximum transferable"),
    "transferable": Text(
        "Mulig overførbart beløp beregnet av virksomheten",
        "Mogleg beløp som kan overførast, rekna ut av verksemda",
        "Transferable amount computed by the agency",
    ),
    "current": Text("I år", "I år", "This year"),
    "prior": Text("I fjor", "I fjor", "Last year"),
    "booked": Text(
        "Spesifisering av bokført avregning med statskassen",
        "Spesifisering av bokført avrekning med statskassa",
        "Booked settlement with the treasury",
    ),
    "reported": Text(
        "Spesifisering av rapportert mellomværende med statskassen",
        "Spesifisering av rapportert mellomvære med statskassa",
        "Reported balance with the treasury",
    ),
    "difference": Text("Forskjell", "Forskjell", "Difference"),
    # note 8 del B (shares and holdings)
    "company": Text("Selskap", "Selskap", "Company"),
    "acquired": Text("Ervervsdato", "Ervervsdato", "Acquired"),
    "shares": Text("Antall aksjer", "Talet på aksjar", "Number of shares"),
    "ownership": Text("Eierandel", "Eigardel", "Ownership"),
    "voting_share": Text("Stemmeandel", "Røystedel", "Voting share"),
    "result": Text("Årets resultat i selskapet", "Årsresultatet i selskapet", "The company's result for the year"),
    "equity": Text("Balanseført egenkapital i selskapet", "Balanseført eigenkapital i selskapet",
                   "The company's equity"),
    "book_value": Text("Balanseført verdi i kapitalregnskapet", "Balanseført verdi i kapitalrekneskapen",
                       "Book value in the capital accounts"),
}

# Lines of the appropriation statement that are not rows of kapittel/post.
APPROPRIATION_LINES: dict[str, Text] = {
    "expense_total": Text("Sum utgiftsført", "Sum utgiftsført", "Total expenses"),
    "revenue_total": Text("Sum inntektsført", "Sum inntektsført", "Total revenue"),
    "net_reported": Text(
        "Netto rapportert til bevilgningsregnskapet",
        "Netto rapportert til løyvingsrekneskapen",
        "Net reported to the appropriation accounts",
    ),
    "capital_accounts": Text("Kapitalkontoer", "Kapitalkontoar", "Capital accounts"),
    "sum_reported": Text("Sum rapportert", "Sum rapportert", "Total reported"),
    "holdings": Text(
        "Beholdninger rapportert til kapitalregnskapet (31.12.)",
        "Behaldningar rapporterte til kapitalrekneskapen (31.12.)",
        "Holdings reported to the capital accounts (31.12.)",
    ),
}


def phrase(*parts: "Text | str", sep: str = " – ") -> Text:
    """Join labels and plain strings into one label, language by language."""

    def one(lang: str) -> str:
        return sep.join(p(lang) if isinstance(p, Text) else str(p) for p in parts if p)

    return Text(one("nb"), one("nn"), one("en"))


def money_text(value, signed: bool = False) -> Text:
    """An amount as a label, formatted for each language."""
    return Text(format_amount(value, "nb", signed=signed), format_amount(value, "nn", signed=signed),
                format_amount(value, "en", signed=signed))
