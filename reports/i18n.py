"""Rendering what avstem says: findings' messages, labels, numbers, in nb, nn or en.

The texts are in the message catalogue, ``reports/locale`` (gettext ``.po``
files a translator edits; see :mod:`reports.catalogue`), each under a stable
id: ``render_message(finding, lang)`` renders a finding's ``message`` id,
``label(id, lang, **params)`` any other entry. A few ids print the
statements' own words, which are the vocabulary's (:mod:`ledger.vocabulary`,
domain data the readers match): :data:`VOCABULARY` names them.

Placeholders are Python's ``{name}``. A parameter that is a
:class:`~ledger.vocabulary.labels.Text` or a
:class:`~ledger.vocabulary.labels.Msg` is rendered in the language; an
amount (Decimal) is formatted for it; ``{expected}``, ``{actual}``,
``{difference}``, ``{tolerance}`` and ``{terms}`` are the finding's own. A
plural entry (``1 linje`` / ``2 linjer``) picks its form by the parameter its
``#. plural: {name}`` comment names.

Adding a text: add the entry to ``reports/locale/*/LC_MESSAGES/avstem.po`` in
every language (Poedit, Weblate, or by hand) and to ``avstem.pot``; or write
it here in :data:`MESSAGES` as ``"id": T(nb, nn, en)`` and run ``python
tools/catalogue.py migrate``, which moves it there (a test keeps the two
dicts empty).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ledger.core.money import format_amount
from ledger.vocabulary.labels import (
    AGENCY_FIELDS,
    COLUMNS,
    CONTEXT_PARTS,
    SHORT_TITLES,
    THE_CONTEXT,
    TITLES,
    WORKBOOK_LABELS,
    Msg,
    Text,
    set_renderer,
)
from reports.catalogue import MissingText, catalogue
from rules.findings import Finding, MessageId

T = Text

#: Texts not yet moved into the catalogue (``python tools/catalogue.py migrate`` moves them; keep empty).
MESSAGES: dict[str, Text] = {
}
LABELS: dict[str, Text] = {}

#: Ids that print the statements' own words: the vocabulary's, not the catalogue's.
VOCABULARY: dict[str, Text] = {
    "needs.context": THE_CONTEXT,
    "sheet.appropriation": SHORT_TITLES["appropriation"],
    "sheet.note_a": SHORT_TITLES["note_a"],
    "sheet.note_b": SHORT_TITLES["note_b"],
    "summary.short_name": AGENCY_FIELDS["short_name"],
    "summary.ministry": AGENCY_FIELDS["ministry"],
    "summary.year": AGENCY_FIELDS["year"],
    "summary.model": AGENCY_FIELDS["model"],
    "summary.published_in": AGENCY_FIELDS["published_in"],
    "role.context": TITLES["context"],
    "total": WORKBOOK_LABELS["total"],
    "expense_chapter": COLUMNS["expense_chapter"],
    "revenue_chapter": COLUMNS["revenue_chapter"],
    "footnotes": WORKBOOK_LABELS["footnotes"],
    "note8.part_a": WORKBOOK_LABELS["note8_part_a"],
    "note8.part_b": WORKBOOK_LABELS["note8_shares"],
    "fact.agency.name": AGENCY_FIELDS["name"],
    "fact.agency.short_name": AGENCY_FIELDS["short_name"],
    "fact.agency.year": AGENCY_FIELDS["year"],
    "fact.agency.model": AGENCY_FIELDS["model"],
    "fact.agency.language": AGENCY_FIELDS["language"],
    "fact.agency.ministry": AGENCY_FIELDS["ministry"],
    "fact.context.received_authorities": CONTEXT_PARTS["received_authorities"],
    "fact.context.given_authorities": CONTEXT_PARTS["given_authorities"],
    "fact.context.revenue_authorities": CONTEXT_PARTS["additional_revenue_authorities"],
    "fact.context.approved_overspends": CONTEXT_PARTS["approved_overspends"],
}


def has(name: str) -> bool:
    """Whether ``name`` is a text avstem can render."""
    return name in VOCABULARY or name in catalogue("en") or name in MESSAGES or name in LABELS


def template(name: str, lang: str, params: dict[str, Any] | None = None) -> str:
    """The text of ``name`` in ``lang``, placeholders unfilled (a plural entry's form for its count)."""
    if name in VOCABULARY:
        return VOCABULARY[name](lang)
    try:
        return catalogue(lang).template(name, params)
    except MissingText:
        pending = MESSAGES.get(name) or LABELS.get(name)  # merged from a branch, not yet migrated
        if pending is None:
            raise
        return pending(lang)


def label(name: str, lang: str, **params: Any) -> str:
    text = template(name, lang, params)
    return text.format(**_rendered(params, lang)) if params else text


def text(value: "str | Text | Msg | None", lang: str) -> str | None:
    """A plain string, a vocabulary :class:`Text` or a catalogue :class:`Msg`, as text in ``lang``."""
    if value is None or isinstance(value, str):
        return value
    return value(lang)


def _rendered(params: dict[str, Any], lang: str) -> dict[str, Any]:
    out = {}
    for name, value in params.items():
        if isinstance(value, (Text, Msg)):
            out[name] = value(lang)
        elif isinstance(value, Decimal):
            out[name] = format_amount(value, lang)
        else:
            out[name] = value
    return out


def render(message: Msg, lang: str) -> str:
    return label(message.id, lang, **message.kwargs)


set_renderer(render)


def format_number(value: Decimal, lang: str) -> str:
    """A plain number with the fewest decimals: a tolerance, a percentage."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if lang == "en" else text.replace(".", ",")


def tolerance_text(finding: Finding, lang: str) -> str:
    tol = finding.tolerance
    if tol is None:
        return ""
    mode = label("tolerance.interval_terms" if tol.mode == "interval" else f"tolerance.{tol.mode}", lang,
                 terms=tol.terms)
    return f"±{format_number(tol.amount, lang)} ({mode})"


def render_message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``, with its figures formatted."""
    raw = dict(finding.params)
    nested = {name: value for name, value in raw.items() if isinstance(value, MessageId)}
    params = _rendered({name: value for name, value in raw.items() if name not in nested}, lang)
    params.setdefault("expected", format_amount(finding.expected, lang))
    params.setdefault("actual", format_amount(finding.actual, lang))
    params.setdefault("difference", format_amount(finding.difference, lang, signed=True))
    params.setdefault("tolerance", format_number(finding.tolerance.amount, lang) if finding.tolerance else "0")
    params.setdefault("terms", finding.tolerance.terms if finding.tolerance else 0)
    counts = {**params, **raw}  # a plural form is chosen by the number, not its rendering
    for name, message in nested.items():
        params[name] = template(message, lang, counts).format(**params)
    return template(finding.message, lang, counts).format(**params)
