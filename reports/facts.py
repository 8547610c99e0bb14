"""The facts about the accounts (year, name, the context of the appropriations …), as every writer shows them.

One fact is one line: what it is about, its value, how avstem knows it
(stated, read off the accounts, missing), where it was read and from what,
and the inferred value a stated one overrides. The console and JUnit print
:func:`lines`; the JSON and the Excel report take :func:`fact_dict`'s fields.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ledger.core.facts import ORIGINS, Fact
from reports.i18n import has, label, template
from reports.outcome import Outcome

_SUBJECT = re.compile(r"^(?P<kind>[^\[]+)(?:\[(?P<key>[^\]]*)\])?$")


def facts_of(outcome: Outcome) -> tuple[Fact, ...]:
    return outcome.accounts.facts if outcome.accounts is not None else ()


def subject_text(fact: Fact, lang: str) -> str:
    """``context.stikkord[0671.45]`` as «Stikkord 0671.45»; a subject without a label as it is."""
    match = _SUBJECT.match(fact.subject)
    name = f"fact.{match.group('kind')}" if match else ""
    if not has(name):
        return fact.subject
    key = (match.group("key") or "").replace("/", " ↔ ")
    return label(name, lang, key=key).strip() if "{key}" in template(name, lang) else label(name, lang)


def origin_text(fact: Fact, lang: str) -> str:
    name = f"origin.{fact.origin}"
    return label(name, lang) if has(name) else fact.origin


def fact_dict(fact: Fact, lang: str) -> dict[str, Any]:
    """One fact as JSON: ``subject``, ``label``, ``value``, ``origin``, ``location``, ``path``, ``basis``,
    ``overrides``, ``also`` (the other places that print it)."""
    return {
        "subject": fact.subject,
        "label": subject_text(fact, lang),
        "value": fact.shown("value", lang),
        "origin": fact.origin,
        "location": str(fact.source) if fact.source is not None else None,
        "path": fact.source.path if fact.source is not None else None,
        "basis": fact.shown("basis", lang) or None,
        "overrides": fact.shown("overrides", lang),
        "also": [str(s) for s in fact.also],
    }


def counts_text(facts: tuple[Fact, ...], lang: str) -> str:
    """«3 lest av regnskapet, 1 oppgitt i konteksten, 2 mangler» in the order of strength."""
    counts = Counter(f.origin for f in facts)
    parts = [f"{counts[o]} {origin_text(Fact('', None, o), lang)}" for o in ORIGINS if counts[o]]
    return ", ".join(parts) or label("facts.none", lang)


def line(fact: Fact, lang: str) -> str:
    """One fact in one line: «lest av regnskapet  Stikkord 0671.45: kan overførast — file:85 (teksten i note B)»."""
    value = fact.shown("value", lang)
    what = subject_text(fact, lang) + (f": {value}" if value is not None else "")
    where = [str(fact.source)] if fact.source is not None else []
    basis = fact.shown("basis", lang)
    text = f"{origin_text(fact, lang)} · {what}"
    if where or basis:
        text += " — " + " ".join([*where, f"({basis})" if where and basis else basis or ""]).strip()
    if fact.also:
        text += "; " + label("facts.also", lang, places=", ".join(str(s) for s in fact.also))
    overrides = fact.shown("overrides", lang)
    if overrides is not None:
        text += "; " + label("facts.overrides", lang, value=overrides)
    return text


def lines(outcome: Outcome, lang: str) -> list[str]:
    """The facts block: a header with the counts by origin, then one line per fact; missing facts of one kind
    and one reason share a line (last year's appropriation of every post with «kan overføres»)."""
    facts = facts_of(outcome)
    if not facts:
        return []
    out = [label("facts.header", lang, counts=counts_text(facts, lang))]
    missing: dict[tuple[str, str | None], list[str]] = {}
    for fact in facts:
        match = _SUBJECT.match(fact.subject)
        if fact.missing and match and match.group("key"):
            group = missing.setdefault((match.group("kind"), fact.shown("basis", lang)), [])
            if not group:
                out.append((match.group("kind"), fact.shown("basis", lang)))
            group.append(match.group("key"))
        else:
            out.append(f"  {line(fact, lang)}")
    return [item if isinstance(item, str) else _missing_line(item, missing[item], lang) for item in out]


def _missing_line(group: tuple[str, str | None], keys: list[str], lang: str) -> str:
    kind, basis = group
    name = f"fact.{kind}"
    what = label(name, lang, key="").strip() if has(name) else kind
    return f"  {label('origin.missing', lang)} · {what}: {', '.join(keys)}" + (f" — {basis}" if basis else "")
