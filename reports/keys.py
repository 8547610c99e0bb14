"""What a finding's key names, in the reader's language: ``chart.net_operating[2023]`` is «Netto rapporterte
driftsutgifter», ``0671.21`` the post's text, ``amount`` the ledger's «Beløp».

The key stays the stable id the JSON carries (the contract); the writers show this label beside it
(:func:`key_text`). The label is the statements' own word (:mod:`ledger.vocabulary`, in the report's language),
or the agency's own text where only the accounts name the thing (a post's text, a line of its own); a key this
module cannot name has no label, never a guess.
"""

from __future__ import annotations

import re

from ledger.core.accounts import Accounts, PostKey
from ledger.core.source import Source
from ledger.vocabulary.key_figures import KEY_FIGURES
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, Msg, Text
from ledger.vocabulary.ledger_fields import LEDGER_FIELDS
from reports.catalogue import catalogue
from reports.i18n import label
from reports.outcome import Outcome
from rules.findings import Finding

_LINE = re.compile(r"^(?P<table>chart|note[1-8]|key_figures)\.(?P<line>\w+)\[(?P<column>[^\]]+)\]$")
_POST = re.compile(r"^(?:(?P<note>note_a|note_b)\.)?(?P<post>\d{4}\.\d{2}(?:\.\d{2})?)(?:\.(?P<column>[a-z_]+))?$")
_APPROPRIATION = re.compile(r"^(?:appropriation\.)?(?P<line>[a-z_]+)(?:\.(?P<column>[a-z_]+))?$")
_SEP = " – "


def key_label(finding: Finding, outcome: Outcome, lang: str) -> str | None:
    """The label of what ``finding.key`` names, in ``lang``; None where the key names nothing a reader knows."""
    key = finding.key
    accounts = outcome.accounts
    match = _LINE.match(key)
    if match:
        return _line(accounts, match["table"], match["line"], lang)
    match = _POST.match(key)
    if match:
        return _post(accounts, match["post"], match["column"], lang)
    if finding.rule.startswith(("DQ-", "JE-", "LG-")) and key in LEDGER_FIELDS:
        return LEDGER_FIELDS[key](lang)
    if finding.rule.startswith("JE-"):
        return _journal_test(key, lang)
    match = _APPROPRIATION.match(key)
    if match and match["line"] in APPROPRIATION_LINES:
        column = COLUMNS.get(match["column"] or "")
        return _joined(APPROPRIATION_LINES[match["line"]](lang), column(lang) if column else None)
    return None


def key_text(finding: Finding, outcome: Outcome, lang: str) -> str:
    """``net_operating — Netto rapporterte driftsutgifter``: the key and, where there is one, its label."""
    name = key_label(finding, outcome, lang)
    return f"{finding.key} — {name}" if name else finding.key


def place_path(source: Source | None, outcome: Outcome, lang: str) -> str | None:
    """The place inside the input a reader is shown: a ledger column by its role in ``lang`` («Beløp», not the
    internal ``amount``); any other path (a YAML path, a cell's sheet) as it is."""
    if source is None or not source.path:
        return None
    ledger = outcome.ledger
    if ledger is not None and source.file == ledger.file and source.path in LEDGER_FIELDS:
        return label("ledger.column", lang, role=LEDGER_FIELDS[source.path](lang))
    return source.path


def _joined(*parts: str | None) -> str:
    return _SEP.join(p for p in parts if p)


def _line(accounts: Accounts | None, table_id: str, line_id: str, lang: str) -> str | None:
    if table_id == "key_figures":
        return KEY_FIGURES[line_id](lang) if line_id in KEY_FIGURES else None
    if accounts is None:
        return None
    from rules.lines import line_label  # a bare «Sum» named by its block, as the rules name it

    try:
        table = accounts.table(table_id)
    except KeyError:
        return None
    line = table.get(line_id)
    if line is not None:
        return _text(line_label(table, line), lang)
    for extra in table.lines:  # an agency's own line: its key is its label made an id (rules.lines.line_key)
        if extra.id is None and re.sub(r"\W+", "_", extra.label.strip()).strip("_").lower() == line_id:
            return extra.label
    return None


def _post(accounts: Accounts | None, post: str, column: str | None, lang: str) -> str | None:
    name = None
    if accounts is not None:
        try:
            row = accounts.appropriation.row(PostKey.from_text(post))
        except ValueError:
            row = None
        name = row.post_name if row is not None else None
    heading = COLUMNS.get(column or "")
    return _joined(name, heading(lang) if heading else None) or None


def _journal_test(key: str, lang: str) -> str | None:
    if f"je.test.{key}" in catalogue(lang):
        return label(f"je.test.{key}", lang)
    from rules.catalogue.je import TEST_NAMES  # Benford's two tests, as the journal sheet names them

    return TEST_NAMES[key](lang) if key in TEST_NAMES else None


def _text(value: "Text | Msg | str", lang: str) -> str:
    return value if isinstance(value, str) else value(lang)
