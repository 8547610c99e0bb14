"""The label dictionary's building blocks and the labels that are not lines.

Line labels live with their lines in :mod:`ledger.vocabulary.layout`; statement titles
and column headings live here. Every reader matches printed text through
:func:`normalise`, and every writer prints through :class:`Text`, so Bokmål,
Nynorsk and English are known in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from ledger.core.money import format_amount

LANGUAGES = ("nb", "nn", "en")


@dataclass(frozen=True)
class Text:
    """One of the statements' own words in Bokmål, Nynorsk and English, plus other printed forms.

    Domain data: the readers match every form. What avstem says in its own voice is a :class:`Msg` of the
    message catalogue instead. A language left out is an error, never the Bokmål text in its place.
    """

    nb: str
    nn: str
    en: str
    variants: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not all(isinstance(t, str) for t in (self.nb, self.nn, self.en)):
            raise TypeError(f"a Text needs nb, nn and en: {self.nb!r}, {self.nn!r}, {self.en!r}")

    def __call__(self, lang: str = "nb") -> str:
        if lang not in LANGUAGES:
            raise KeyError(f"unknown language {lang!r}")
        return getattr(self, lang)

    def forms(self) -> tuple[str, ...]:
        """Every form a reader should recognise."""
        return tuple(dict.fromkeys(f for f in (self.nb, self.nn, self.en, *self.variants) if f))

    def format(self, **params: object) -> "Text":
        return Text(self.nb.format(**params), self.nn.format(**params), self.en.format(**params))


_RENDER: Callable[["Msg", str], str] | None = None


@dataclass(frozen=True)
class Msg:
    """A text of the message catalogue (``reports/locale``) by its id, with its parameters.

    ledger and rules name what they would say; the writers render it in the reader's language
    (:mod:`reports.i18n` installs the renderer with :func:`set_renderer` when imported). A parameter may be
    text, a number, an amount (Decimal), a :class:`Text` or another :class:`Msg`.
    """

    id: str
    params: tuple[tuple[str, Any], ...] = ()

    def __call__(self, lang: str = "nb") -> str:
        if _RENDER is None:  # the writers' renderer; loaded here for a reader or test that renders on its own
            import importlib

            importlib.import_module("reports.i18n")
        return _RENDER(self, lang)

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)


def msg(message_id: str, **params: Any) -> Msg:
    """A catalogue text: ``msg("os.explained.common_chapter", chapter="1633")``."""
    return Msg(message_id, tuple(sorted(params.items())))


def set_renderer(render: Callable[[Msg, str], str]) -> None:
    global _RENDER
    _RENDER = render


def same(text: str) -> Text:
    """A label printed the same way in every language (a code, a number)."""
    return Text(text, text, text)


def decimal_mark(text: str) -> Text:
    """A number written with a decimal point, with a decimal comma in Bokmål and Nynorsk."""
    return Text(text.replace(".", ","), text.replace(".", ","), text)


_STARS = re.compile(r"[\s*]*(\*+|[0-9]\))\s*$")
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


_NOT_WORD = re.compile(r"[\W_]+")


def loose(label: str) -> str:
    """The form column headings and line labels are matched in: :func:`normalise`
    without punctuation or spaces, so ``Merutgift(-)/ mindre-\nutgift`` and
    ``Merutgift (-) / mindreutgift`` are one heading."""
    return _NOT_WORD.sub("", normalise(label))


_STATSKONTO = re.compile(r"statskonto\s+([0-9]{6})", re.IGNORECASE)


def statskonto_in(label: str) -> str | None:
    """The statskonto (kapittel and post, six digits) a line names: ``… (statskonto 530929)``."""
    match = _STATSKONTO.search(label)
    return match.group(1) if match else None


# Statement titles (the heading a reader looks for) -------------------------

TITLES: dict[str, Text] = {
    "appropriation": Text(
        "Oppstilling av bevilgningsrapportering",
        "Oppstilling av løyvingsrapportering",
        "Appropriation statement",
        variants=("Oppstilling av bevilgningsrapporteringen", "Oppstilling av løyvingsrapporteringa"),
    ),
    "note_a": Text(
        "Note A Forklaring av samlet tildeling utgifter",
        "Note A Forklaring av samla tildeling utgifter",
        "Note A Total allocation explained (expenses)",
        variants=("Note A Forklaring av samlet tildeling", "Note A Forklaring av samla tildeling"),
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
        variants=("Oppstilling av artskontorapportering",),
    ),
}

#: The statements' short names, as findings and the report's sheets name them.
SHORT_TITLES: dict[str, Text] = {
    "appropriation": Text("Bevilgningsrapportering", "Løyvingsrapportering", "Appropriation statement"),
    "note_a": Text("Note A", "Note A", "Note A"),
    "note_b": Text("Note B", "Note B", "Note B"),
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
        variants=("Utgiftsført av andre i henhold til avgitte belastningsfullmakter (-)",),
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
        variants=("Merinntekter / mindreinntekter (-) i henhold til merinntektsfullmakt",),
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
        variants=("Bokført avregning med statskassen", "Bokført avrekning med statskassa", "Bokført avregning",
                  "Bokført avrekning"),
    ),
    "reported": Text(
        "Spesifisering av rapportert mellomværende med statskassen",
        "Spesifisering av rapportert mellomvære med statskassa",
        "Reported balance with the treasury",
        variants=("Spesifisering av rapportert mellomverande med statskassa", "Rapportert mellomværende med statskassen",
                  "Rapportert mellomvære med statskassa", "Rapportert mellomværende", "Rapportert mellomvære"),
    ),
    "difference": Text("Forskjell", "Forskjell", "Difference"),
    # note 8 del B (shares and holdings)
    "company": Text("Selskap", "Selskap", "Company"),
    "acquired": Text("Ervervsdato", "Ervervsdato", "Acquired"),
    "shares": Text("Antall aksjer", "Talet på aksjar", "Number of shares"),
    "ownership": Text("Eierandel", "Eigardel", "Ownership"),
    "voting_share": Text("Stemmeandel", "Røystedel", "Voting share"),
    "result": Text("Årets resultat i selskapet", "Årsresultatet i selskapet", "The company's result for the year",
                   variants=("Resultatet i selskapet i år",)),
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
        variants=("Beholdninger rapportert til kapitalregnskapet", "Behaldningar rapporterte til kapitalrekneskapen"),
    ),
}


def phrase(*parts: "Text | Msg | str", sep: str = " – ") -> Text:
    """Join labels and plain strings into one label, language by language."""

    def one(lang: str) -> str:
        return sep.join(p(lang) if isinstance(p, (Text, Msg)) else str(p) for p in parts if p)

    return Text(one("nb"), one("nn"), one("en"))


def money_text(value, signed: bool = False) -> Text:
    """An amount as a label, formatted for each language."""
    return Text(format_amount(value, "nb", signed=signed), format_amount(value, "nn", signed=signed),
                format_amount(value, "en", signed=signed))


# --- Workbooks --------------------------------------------------------------
# What the workbook reader looks for beyond the statements' own titles, lines
# and columns, and what `avstem template` writes: the agency's details, the
# context of the appropriations, Note 8 del B, and a few markers.

TITLES.update({
    "agency": Text("Opplysninger om virksomheten", "Opplysningar om verksemda", "About the agency"),
    "context": Text("Kontekst for bevilgningene", "Kontekst for løyvingane", "Context of the appropriations"),
})
#: The context of the appropriations as a sentence names it.
#: A statement line the agency left out, read as the zero it stands for.
NOT_PRINTED = Text("(ikke trykt)", "(ikkje trykt)", "(not printed)")
THE_CONTEXT = Text("konteksten for bevilgningene", "konteksten for løyvingane", "the context of the appropriations")

COLUMNS.update({
    "chapter_and_post": Text("Kapittel og post", "Kapittel og post", "Chapter and post"),
    # Note B's first amount column (the model's NoteBRow.difference)
    "note_b_difference": Text("Merutgift (-) / mindreutgift", "Meirutgift (-) / mindreutgift",
                              "Overspend (-) / underspend"),
    "prior_appropriation": Text("Bevilgning i fjor", "Løyving i fjor", "Last year's appropriation"),
    "counterpart": Text("Motpart", "Motpart", "Counterpart"),
    "decision": Text("Vedtak", "Vedtak", "Decision"),
    "expense_chapter": Text("Utgiftskapittel", "Utgiftskapittel", "Expense chapter"),
    "expense_post": Text("Utgiftspost", "Utgiftspost", "Expense post"),
    "revenue_chapter": Text("Inntektskapittel", "Inntektskapittel", "Revenue chapter"),
    "revenue_post": Text("Inntektspost", "Inntektspost", "Revenue post"),
    # Note 8 del B's headings are with the other column headings above
})

#: The rows of the agency's details, as label → value.
AGENCY_FIELDS: dict[str, Text] = {
    "name": Text("Navn", "Namn", "Name"),
    "short_name": Text("Kortnavn", "Kortnamn", "Short name"),
    "year": Text("Regnskapsår", "Rekneskapsår", "Financial year", variants=("Year",)),
    "model": Text("Regnskapsmodell", "Rekneskapsmodell", "Accounting model"),
    "language": Text("Språk", "Språk", "Language"),
    "ministry": Text("Departement", "Departement", "Ministry"),
    "published_in": Text("Publisert i", "Publisert i", "Published in"),
}

#: The tables of the context of the appropriations, each under its own heading.
CONTEXT_PARTS: dict[str, Text] = {
    "posts": Text("Stikkord og fjorårets bevilgning", "Stikkord og løyvinga i fjor",
                  "Stikkord and last year's appropriation"),
    "received_authorities": Text("Mottatte belastningsfullmakter", "Mottekne belastningsfullmakter",
                                 "Charging authorities received"),
    "given_authorities": Text("Avgitte belastningsfullmakter", "Avgitte belastningsfullmakter",
                              "Charging authorities given"),
    "additional_revenue_authorities": Text("Merinntektsfullmakter", "Meirinntektsfullmakter",
                                           "Additional-revenue authorities"),
    "reallocations": Text("Omdisponeringer", "Omdisponeringar", "Reallocations"),
    "savings": Text("Innsparinger", "Innsparingar", "Savings"),
    "approved_overspends": Text("Samtykke til overskridelse", "Samtykke til overskriding", "Approved overspends"),
}

#: The sheets `avstem template` and `avstem convert` write (a reader finds sections by title, not by sheet).
SHEETS: dict[str, Text] = {
    "agency": Text("Virksomhet", "Verksemd", "Agency"),
    "appropriation": Text("Bevilgning", "Løyving", "Appropriation"),
    "note_a": SHORT_TITLES["note_a"],
    "note_b": SHORT_TITLES["note_b"],
    "chart": Text("Artskonto", "Artskonto", "Chart of accounts"),
    **{f"note{i}": same(f"Note {i}") for i in range(1, 9)},
    "context": Text("Kontekst", "Kontekst", "Context"),
}

#: The word in an extra common-chapter line's label that gives its sign, as «ref. kap. 5309, inntekt» does.
SIGN_WORDS: dict[int, Text] = {
    -1: Text("inntekt", "inntekt", "revenue", variants=("income",)),
    1: Text("utgift", "utgift", "expense"),
}

#: Markers inside a statement's sheet.
WORKBOOK_LABELS: dict[str, Text] = {
    "total": Text("Sum", "Sum", "Total"),
    "footnotes": Text("Fotnoter", "Fotnotar", "Footnotes"),
    "note_b_texts": Text("Forklaring til bruk av fullmakter", "Forklaring til bruk av fullmakter",
                         "Authorities used explained"),
    "note8_part_a": Text("Del A Forskjellen mellom avregning med statskassen og mellomværende med statskassen",
                         "Del A Skilnaden mellom avrekning med statskassa og mellomvære med statskassa",
                         "Part A Settlement with the treasury against the balance with the treasury"),
    "note8_shares": Text("Del B Spesifisering av investeringer i aksjer og andeler",
                         "Del B Spesifisering av investeringar i aksjar og andelar", "Part B Shares and holdings",
                         variants=("Del B Investeringer i aksjer og andeler", "Del B Investeringar i aksjar og andelar")),
}
