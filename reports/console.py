"""Console text: the counts, the facts about the accounts and how avstem knows them, one block per finding,
worst first, then the verdict."""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from ledger.core.money import format_amount
from ledger.general_ledger.kontoplan import kontoplan_name
from ledger.vocabulary.ledger_fields import LEDGER_FIELDS
from reports.facts import lines as fact_lines
from reports.i18n import label, render_message, tolerance_text
from reports.keys import key_text, place_path
from reports.outcome import Outcome, ParameterSet
from rules.findings import Finding, Severity


def write(outcome: Outcome, out: TextIO, lang: str) -> None:
    if outcome.accounts is not None:
        agency = outcome.accounts.agency
        out.write(label("header", lang, agency=f"{agency.short_name} ({agency.name})", year=agency.year) + "\n")
    else:
        inferred = label("ledger.inferred", lang) if outcome.year_inferred else ""
        out.write(label("ledger.header", lang, file=outcome.ledger.file, year=outcome.year or "?",
                        inferred=inferred) + "\n")
    if outcome.config_path:
        origin = label(f"config.origin.{outcome.config_origin or 'option'}", lang)
        out.write(label("config.used", lang, path=outcome.config_path, origin=origin) + "\n")
        for p in outcome.parameters:  # a threshold not the catalogue's own is said where the counts are read
            out.write(parameter_line(p, lang) + "\n")
    if outcome.ledger is not None:
        out.write(ledger_line(outcome.ledger, lang) + "\n")
    out.write(summary_text(outcome, lang) + "\n")
    if outcome.accepted:
        out.write(label("accepted_summary", lang, accepted=outcome.accepted) + "\n")
    if outcome.rules_skipped:
        out.write(label("skipped", lang, rules=skipped_text(outcome, lang)) + "\n")
    facts = fact_lines(outcome, lang)
    if facts:
        out.write("\n" + "\n".join(facts) + "\n")
    out.write("\n")
    if not outcome.findings:
        out.write(label("no_findings", lang) + "\n\n")
    for finding in outcome.findings:
        out.write(block(finding, lang, outcome) + "\n")
    out.write(verdict_line(outcome, lang) + "\n")


def parameter_line(p: ParameterSet, lang: str) -> str:
    """«Parameter satt i innstillingene: NAME = VALUE (avstems verdi: DEFAULT).», as the report's first page pairs
    the label and the value."""
    value = label("summary.parameter_value", lang, parameter=p.name, value=p.value, default=p.default)
    return f"{label('summary.parameter', lang)}: {value}."


def counts_text(outcome: Outcome, lang: str) -> str:
    """«0 feil, 6 advarsler, 14 merknader», with the accepted deviations and the rules not run where there are any."""
    parts = [label("count.errors", lang, n=outcome.count(Severity.ERROR)),
             label("count.warnings", lang, n=outcome.count(Severity.WARNING)),
             label("count.infos", lang, n=outcome.count(Severity.INFO))]
    if outcome.accepted:
        parts.append(label("count.accepted", lang, n=outcome.accepted))
    if outcome.rules_skipped:
        parts.append(label("count.rules_skipped", lang, n=len(outcome.rules_skipped)))
    return ", ".join(parts)


def summary_text(outcome: Outcome, lang: str) -> str:
    """«83 regler kjørt: 0 feil, 6 advarsler, 14 merknader.»"""
    return label("summary", lang, rules=label("count.rules_run", lang, n=len(outcome.rules_run)),
                 errors=label("count.errors", lang, n=outcome.count(Severity.ERROR)),
                 warnings=label("count.warnings", lang, n=outcome.count(Severity.WARNING)),
                 infos=label("count.infos", lang, n=outcome.count(Severity.INFO)))


def verdict_text(outcome: Outcome, lang: str) -> str:
    """What the run found, in words that cannot be read as an approval: «ingen feil», «feil funnet»."""
    return label(outcome.verdict_id, lang)


def verdict_line(outcome: Outcome, lang: str) -> str:
    return label("verdict_line", lang, verdict=verdict_text(outcome, lang), counts=counts_text(outcome, lang),
                 fail_on=outcome.fail_on.label)


def skipped_text(outcome: Outcome, lang: str) -> str:
    """The rules not run, grouped by the input they lack: ``PY-01–PY-05 (--prior)``."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for rule_id in outcome.rules_skipped:
        groups.setdefault(outcome.rules[rule_id].inputs, []).append(rule_id)
    parts = []
    for inputs, ids in groups.items():
        what = " + ".join(label(f"needs.{name}", lang) for name in inputs)
        span = ", ".join(ids) if len(ids) <= 8 else f"{ids[0]}–{ids[-1]} ({label('count.rules', lang, n=len(ids))})"
        parts.append(f"{span}: {what}")
    return "; ".join(parts)


def ledger_line(info, lang: str) -> str:
    """How the ledger was read: format, detected conventions, the columns used."""
    if info.form == "csv":
        separator = label("ledger.mark.tab", lang) if info.separator == "\t" else f"'{info.separator}'"
        form = label("ledger.csv", lang, encoding=encoding_text(info.encoding, lang), separator=separator,
                     decimal=_marks(info.decimal, lang), thousands=_marks(info.thousands, lang))
    elif info.form == "xlsx":
        form = label("ledger.xlsx", lang, sheet=info.sheet)
    else:
        form = label("ledger.parquet", lang)
    columns = ", ".join(f"{heading}→{LEDGER_FIELDS[name](lang)}" for name, heading in info.columns.items())
    return label("ledger.read", lang, n=info.lines, lines=format_amount(Decimal(info.lines), lang), form=form,
                 columns=columns, kontoplan=kontoplan_name(info.kontoplan))


#: The encodings as the importer names them (ledger.general_ledger.file.ENCODINGS) that have words in them.
_ENCODINGS = {"UTF-8 with BOM": "ledger.encoding.bom"}


def encoding_text(encoding: str | None, lang: str) -> str:
    """«UTF-8 med BOM»: the importer's name of the encoding in ``lang`` (a bare name such as UTF-8 as it is)."""
    return label(_ENCODINGS[encoding], lang) if encoding in _ENCODINGS else (encoding or "–")


def _marks(detected: str, lang: str) -> str:
    """«comma and point» (how the importer names what it detected) in ``lang``; – for none."""
    names = [label(f"ledger.mark.{name}", lang) for name in detected.split(" and ") if name]
    return f" {label('word.and', lang)} ".join(names) or "–"


def block(finding: Finding, lang: str, outcome: Outcome | None = None) -> str:
    """One finding as text: severity, rule, key, location, message and figures."""
    severity = label(finding.severity.label, lang)
    kind = label(f"kind.{finding.kind.value}", lang)
    key = key_text(finding, outcome, lang) if outcome is not None else finding.key
    lines = [f"{severity:<9} {finding.rule:<6} {key}  ({kind})"]
    if finding.location is not None:
        where = place_path(finding.location, outcome, lang) if outcome is not None else finding.location.path
        path = f" ({where})" if where else ""
        lines.append(f"          {finding.location}{path}")
    lines.append(f"          {render_message(finding, lang)}")
    figures = []
    for name in ("expected", "actual", "difference"):
        value = getattr(finding, name)
        if value is not None:
            figures.append(f"{label(name, lang)} {format_amount(value, lang, signed=name == 'difference')}")
    if finding.tolerance is not None:
        figures.append(f"{label('tolerance', lang)} {tolerance_text(finding, lang)}")
    if figures:
        lines.append("          " + " · ".join(figures))
    if finding.accepted is not None:
        a = finding.accepted
        lines.append("          " + label("accepted_line", lang, reason=a.reason, approved_by=a.approved_by,
                                           date=a.date, location=a.source))
    return "\n".join(lines) + "\n"
