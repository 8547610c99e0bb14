"""One line for each fact about the accounts that could not be found and that no rule needs.

A fact a rule cannot do without (the year) is an input error where it is
read; the others (the language, the edition of R-115 where the year does
not tell it) are said once, at the top of the console output, and the run
goes on. Every output shows the facts themselves with their origin.
"""

from __future__ import annotations

from typing import Iterable

from ledger.core.facts import Fact
from reports.i18n import label

#: The facts said this way, each with its catalogue entry ``missing.<subject>``.
MISSING = ("agency.language", "agency.model")


def missing_lines(facts: Iterable[Fact], lang: str, year: int | str) -> list[str]:
    """One line per missing fact about the agency that no rule needs, in ``lang``. (A missing fact of the
    context — last year's appropriation — is in the console's facts block, with the rule it leaves unverified.)"""
    return [label(f"missing.{fact.subject}", lang, year=year) for fact in facts
            if fact.missing and fact.subject in MISSING]
