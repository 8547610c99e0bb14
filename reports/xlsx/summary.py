"""The summary sheet: who and what was checked, the verdict, the counts, the
status of every rule, the inputs with their SHA-256, and the run."""

from __future__ import annotations

from collections import Counter

from openpyxl.utils import quote_sheetname

from reports.console import counts_text, verdict_text
from reports.facts import counts_text as fact_counts
from reports.facts import facts_of
from reports.i18n import label, render_message
from reports.outcome import Outcome
from reports.xlsx import styles
from reports.xlsx.cells import Sheet
from rules.findings import Kind, Severity

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def rule_status(outcome: Outcome, rule_id: str) -> str:
    """pass | fail | warning | rounding | info | not_run: the worst of the rule's findings."""
    if rule_id not in outcome.rules_run:
        return "not_run"
    findings = [f for f in outcome.findings if f.rule == rule_id]
    if not findings:
        return "pass"
    worst = max(f.severity for f in findings)
    if worst is Severity.ERROR:
        return "fail"
    if worst is Severity.WARNING:
        return "warning"
    return "rounding" if all(f.kind is Kind.ROUNDING for f in findings) else "info"


_STATUS_STYLE = {
    "pass": (styles.PASS_FILL, styles.PASS_FONT),
    "fail": (styles.SEVERITY_FILL[Severity.ERROR], styles.SEVERITY_FONT[Severity.ERROR]),
    "warning": (styles.SEVERITY_FILL[Severity.WARNING], styles.SEVERITY_FONT[Severity.WARNING]),
    "rounding": (styles.SEVERITY_FILL[Severity.INFO], styles.SEVERITY_FONT[Severity.INFO]),
    "info": (styles.SEVERITY_FILL[Severity.INFO], styles.SEVERITY_FONT[Severity.INFO]),
    "not_run": (None, styles.MUTED_FONT),
}


def verdict_style(outcome: Outcome):
    """The verdict's colours: red when the run fails, amber while a warning stands, green only when nothing does."""
    worst = max((f.severity for f in outcome.findings if f.accepted is None), default=None)
    if outcome.failed or worst is Severity.ERROR:
        return styles.SEVERITY_FILL[Severity.ERROR], styles.SEVERITY_FONT[Severity.ERROR]
    if worst is Severity.WARNING or outcome.rules_skipped:
        return styles.SEVERITY_FILL[Severity.WARNING], styles.SEVERITY_FONT[Severity.WARNING]
    return styles.PASS_FILL, styles.PASS_FONT


def write(sheet: Sheet, outcome: Outcome, lang: str, rule_rows: dict[str, str], sheet_names: dict[str, str]) -> None:
    sheet.text(1, 1, label("report.title", lang), font=styles.TITLE_FONT, fit=False)
    row = 4
    if outcome.accounts is not None:
        agency = outcome.accounts.agency
        title = label("header", lang, agency=agency.name, year=agency.year)
        pairs = [("summary.agency", agency.name), ("summary.short_name", agency.short_name),
                 ("summary.ministry", agency.ministry), ("summary.year", str(agency.year)),
                 ("summary.model", agency.model), ("summary.published_in", agency.published_in)]
    else:  # `avstem ledger`: the ledger alone
        title = label("ledger.header", lang, file=outcome.ledger.file, year=outcome.year or "?", inferred="")
        pairs = [("summary.year", str(outcome.year or "?"))]
    sheet.text(2, 1, title, font=styles.HEADING_FONT, fit=False)
    for name, value in pairs:
        if value:
            row = _pair(sheet, row, name, value, lang)
    sheet.text(row, 1, label("summary.verdict", lang), font=styles.HEADER_FONT)
    fill, font = verdict_style(outcome)
    sheet.text(row, 2, f"{verdict_text(outcome, lang)} – {counts_text(outcome, lang)}", fill=fill, font=font)
    row = _pair(sheet, row + 1, "summary.fail_on", label(outcome.fail_on.label, lang), lang)
    for p in outcome.parameters:  # beside the verdict: each threshold the run's avstem.toml set
        row = _pair(sheet, row, "summary.parameter",
                    label("summary.parameter_value", lang, parameter=p.name, value=p.value, default=p.default), lang)
    row = _signoff(sheet, row + 1, lang)  # on the first page, as a workpaper's boxes are
    row = _exceptions(sheet, row + 1, outcome, lang, sheet_names)

    row = _heading(sheet, row + 1, label("summary.counts", lang))
    for severity in _SEVERITIES:
        sheet.text(row, 1, label(severity.label, lang), font=styles.SEVERITY_FONT[severity],
                   fill=styles.SEVERITY_FILL[severity])
        sheet.number(row, 2, outcome.count(severity), "0").alignment = styles.LEFT
        row += 1
    if outcome.accepted:  # accepted deviations are counted apart, as they do not count against --fail-on
        row = _pair(sheet, row, "col.accepted", str(outcome.accepted), lang)
    row = _pair(sheet, row, "summary.rules_run", str(len(outcome.rules_run)), lang)
    if facts_of(outcome):  # how avstem knows what the rules needed beyond the figures: the facts sheet
        row = _pair(sheet, row, "summary.facts", fact_counts(facts_of(outcome), lang), lang)
        if outcome.accounts is not None:
            Sheet.link(sheet.ws.cell(row=row - 1, column=2), f"{quote_sheetname(sheet_names['facts'])}!A1")
    if outcome.rules_skipped:
        row = _pair(sheet, row, "summary.rules_skipped", ", ".join(outcome.rules_skipped), lang)

    row = _heading(sheet, row + 1, label("summary.legend", lang))
    for severity in _SEVERITIES:
        sheet.text(row, 1, label(severity.label, lang), font=styles.SEVERITY_FONT[severity],
                   fill=styles.SEVERITY_FILL[severity])
        sheet.text(row, 2, label(f"legend.{severity.label}", lang))
        row += 1
    sheet.text(row, 1, label("status.pass", lang), font=styles.PASS_FONT, fill=styles.PASS_FILL)
    sheet.text(row, 2, label("legend.pass", lang))
    row += 1
    sheet.text(row, 1, label("summary.guide", lang, **sheet_names), span=5)
    row += 2

    row = _heading(sheet, row, label("summary.run", lang))
    row = _pair(sheet, row, "summary.version", outcome.version, lang)
    row = _pair(sheet, row, "summary.catalogue", outcome.catalogue_version, lang)
    row = _pair(sheet, row, "summary.generated_at", outcome.generated_at.strftime("%Y-%m-%d %H:%M:%S"), lang)

    row = _heading(sheet, row + 1, label("summary.inputs", lang))
    for item in outcome.inputs:
        row = _pair(sheet, row, f"role.{item.role}", item.path, lang)
        sheet.text(row, 1, label("col.sha256", lang), font=styles.MUTED_FONT)
        sheet.text(row, 2, item.sha256, font=styles.MONO_FONT)
        row += 1

    row = _heading(sheet, row + 1, label("summary.rules", lang))
    first_rule_row = row
    sheet.header(row, [label(h, lang) for h in ("col.rule", "col.title", "col.severity", "col.status",
                                                "col.findings")])
    row += 1
    counts = Counter(f.rule for f in outcome.findings)
    for rule in outcome.rules.values():
        cell = sheet.text(row, 1, rule.id)
        if rule.id in rule_rows:
            Sheet.link(cell, rule_rows[rule.id])
        sheet.text(row, 2, rule.title(lang), wrap=True)
        sheet.text(row, 3, label(rule.severity.label, lang))
        status = rule_status(outcome, rule.id)
        fill, font = _STATUS_STYLE[status]
        sheet.text(row, 4, label(f"status.{status}", lang), fill=fill, font=font)
        sheet.number(row, 5, counts.get(rule.id, 0), "0")
        row += 1
    sheet.ws.auto_filter.ref = f"A{first_rule_row}:E{row - 1}"
    sheet.min_width(1, 26)
    sheet.finish(caps={1: 26, 2: 66, 3: 12, 4: 16, 5: 8})


#: The exceptions the summary lists on its first page; the rest are on the Findings sheet.
EXCEPTIONS_SHOWN = 12


def _exceptions(sheet: Sheet, row: int, outcome: Outcome, lang: str, sheet_names: dict[str, str]) -> int:
    """The errors and warnings that stand (not accepted), worst first, each linked to its Findings row: what a
    reader must act on comes before the counts and the rule table."""
    row = _heading(sheet, row, label("summary.exceptions", lang))
    standing = [(i, f) for i, f in enumerate(outcome.findings)
                if f.severity >= Severity.WARNING and f.accepted is None]
    findings_sheet = quote_sheetname(sheet_names["findings"])
    if not standing:
        sheet.text(row, 1, label("summary.no_exceptions", lang), font=styles.PASS_FONT, fill=styles.PASS_FILL)
        return _accepted(sheet, row + 1, outcome, lang, findings_sheet)
    for i, finding in standing[:EXCEPTIONS_SHOWN]:
        fill, font = styles.SEVERITY_FILL[finding.severity], styles.SEVERITY_FONT[finding.severity]
        cell = sheet.text(row, 1, f"{label(finding.severity.label, lang)} {finding.rule}", fill=fill, font=font)
        Sheet.link(cell, f"{findings_sheet}!A{i + 2}")  # the Findings sheet: a header row, then one per finding
        cell.font, cell.fill = font, fill
        sheet.text(row, 2, render_message(finding, lang), wrap=True, span=4)
        row += 1
    if len(standing) > EXCEPTIONS_SHOWN:
        sheet.text(row, 2, label("summary.more_exceptions", lang, n=len(standing) - EXCEPTIONS_SHOWN,
                                 sheet=sheet_names["findings"]), span=4)
        row += 1
    return _accepted(sheet, row, outcome, lang, findings_sheet)


def _accepted(sheet: Sheet, row: int, outcome: Outcome, lang: str, findings_sheet: str) -> int:
    """The accepted deviations, each with who approved it, when and why: not counted, never out of sight."""
    accepted = [(i, f) for i, f in enumerate(outcome.findings) if f.accepted is not None]
    if not accepted:
        return row
    row = _heading(sheet, row + 1, label("summary.accepted", lang))
    for i, finding in accepted:
        a = finding.accepted
        cell = sheet.text(row, 1, f"{label(finding.severity.label, lang)} {finding.rule}")
        Sheet.link(cell, f"{findings_sheet}!A{i + 2}")
        cell.font, cell.fill = styles.ACCEPTED_FONT, styles.ACCEPTED_FILL
        text = (render_message(finding, lang) + "\n" + label("accepted_line", lang, reason=a.reason,
                                                             approved_by=a.approved_by, date=a.date,
                                                             location=a.source))
        sheet.text(row, 2, text, wrap=True, span=4)
        row += 1
    return row


def _signoff(sheet: Sheet, row: int, lang: str) -> int:
    """Prepared by / reviewed by, with a name, a date and a signature to fill in (on screen or on paper)."""
    row = _heading(sheet, row, label("signoff.title", lang))
    sheet.header(row, ["", *(label(f"signoff.{name}", lang) for name in ("name", "date", "signature"))])
    row += 1
    for who in ("prepared", "reviewed"):
        sheet.text(row, 1, label(f"signoff.{who}", lang), font=styles.HEADER_FONT)
        for col in (2, 3, 4):
            cell = sheet.ws.cell(row=row, column=col)
            cell.border = styles.SIGN_LINE
        sheet.ws.row_dimensions[row].height = 24
        row += 1
    return row


def _pair(sheet: Sheet, row: int, name: str, value: str, lang: str) -> int:
    sheet.text(row, 1, label(name, lang), font=styles.HEADER_FONT)
    sheet.text(row, 2, value, wrap=True)
    return row + 1


def _heading(sheet: Sheet, row: int, text: str) -> int:
    sheet.text(row, 1, text, font=styles.HEADING_FONT, fit=False)
    return row + 1
