"""One line for each fact about the accounts that could not be found and that no rule needs.

A fact a rule cannot do without (the year) is an input error where it is
read; the others (the language, the edition of R-115 where the year does
not tell it) are said once, at the top of the console output, and the run
goes on. Every output shows the facts themselves with their origin.
"""

from __future__ import annotations

from typing import Iterable

from ledger.core.facts import Fact
from ledger.vocabulary.labels import Text

MISSING: dict[str, Text] = {
    "agency.language": Text(
        "avstem: språket regnskapet er skrevet på, går ikke fram av etikettene; ingen regel trenger det "
        "(oppgi «Språk» i opplysningene om virksomheten).",
        "avstem: språket rekneskapen er skriven på, går ikkje fram av etikettane; ingen regel treng det "
        "(oppgi «Språk» i opplysningane om verksemda).",
        "avstem: the language of the accounts does not show in their labels; no rule needs it "
        "(give «Språk» in the agency's details).",
    ),
    "agency.model": Text(
        "avstem: hvilken utgave av R-115 regnskapet følger, står ikke i regnskapet, og avstem kjenner den ikke for "
        "{year}; ingen regel trenger den (oppgi «Regnskapsmodell» i opplysningene om virksomheten).",
        "avstem: kva utgåve av R-115 rekneskapen følgjer, står ikkje i rekneskapen, og avstem kjenner ho ikkje for "
        "{year}; ingen regel treng ho (oppgi «Rekneskapsmodell» i opplysningane om verksemda).",
        "avstem: the accounts do not say which edition of R-115 they follow, and avstem does not hold it for "
        "{year}; no rule needs it (give «Regnskapsmodell» in the agency's details).",
    ),
}
def missing_lines(facts: Iterable[Fact], lang: str, year: int | str) -> list[str]:
    """One line per missing fact about the agency that no rule needs, in ``lang``. (A missing fact of the
    context — last year's appropriation — is in the console's facts block, with the rule it leaves unverified.)"""
    return [MISSING[fact.subject](lang).format(year=year) for fact in facts
            if fact.missing and fact.subject in MISSING]
