"""Assemble the audit report and serialise it reproducibly.

The same outcome gives the same bytes: the document's created and modified
times and every zip entry's time are the run's time
(:attr:`Outcome.generated_at`, which ``SOURCE_DATE_EPOCH`` fixes).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from reports.i18n import label
from reports.outcome import Outcome
from reports.safe_text import visible
from reports.xlsx import (
    accounts,
    catalogue,
    chart,
    drill,
    facts,
    findings,
    journal,
    lead,
    marks,
    recalc,
    styles,
    summary,
)
from reports.xlsx.cells import CellMap, Sheet


def build(outcome: Outcome, lang: str) -> bytes:
    """The audit report for ``outcome`` in ``lang``, as the bytes of an .xlsx file."""
    wb = Workbook()
    names = {key: label(f"sheet.{key}", lang)
             for key in ("summary", "findings", "facts", "recalc", "chart", "lead", "drill", "journal", "rules")}
    summary_sheet = Sheet(wb.active, lang)
    summary_sheet.ws.title = names["summary"]
    findings_sheet = Sheet(wb.create_sheet(names["findings"]), lang)
    with_accounts = outcome.accounts is not None  # `avstem ledger`: the ledger alone, no statements
    facts_sheet = Sheet(wb.create_sheet(names["facts"]), lang) if with_accounts else None
    shown = accounts.write(wb, outcome.accounts, lang) if with_accounts else accounts.AccountsSheets([], CellMap())
    recalc_sheet = Sheet(wb.create_sheet(names["recalc"]), lang) if with_accounts else None
    chart_sheet = Sheet(wb.create_sheet(names["chart"]), lang) if with_accounts else None
    # the ledger's sheets, where a ledger was read: the lead schedule (with accounts) and the journal-entry tests
    lead_sheet = Sheet(wb.create_sheet(names["lead"]), lang) if outcome.derived and with_accounts else None
    drill_sheet = Sheet(wb.create_sheet(names["drill"]), lang) if outcome.ledger_lines else None
    journal_sheet = Sheet(wb.create_sheet(names["journal"]), lang) if outcome.journal else None
    rules_sheet = Sheet(wb.create_sheet(names["rules"]), lang)

    rule_rows = catalogue.write(rules_sheet, outcome, lang)
    marks.mark(shown.sheets, shown.cells, outcome, lang)
    findings.write(findings_sheet, outcome, lang, shown.cells, rule_rows)
    if with_accounts:
        facts.write(facts_sheet, outcome, lang, shown.cells)
        recalc.link_back(shown.sheets, recalc.write(recalc_sheet, outcome, lang, shown.cells, rule_rows))
        chart.write(chart_sheet, outcome, shown.cells, lang)
    anchors = drill.write(drill_sheet, outcome.ledger_lines, outcome.accounts, lang) if drill_sheet else {}
    drill.link_findings(findings_sheet, outcome, anchors, findings.COLUMNS.index("key") + 1)
    if lead_sheet:
        lead.write(lead_sheet, outcome.accounts, outcome.derived, shown.cells, lang, outcome.year, anchors)
    if journal_sheet:
        journal.write(journal_sheet, outcome.journal, lang, rule_rows, outcome.year)
    summary.write(summary_sheet, outcome, lang, rule_rows, names)

    footer = label("page_footer", lang)
    for sheet, title_rows in ((summary_sheet, None), (findings_sheet, "1:1"),
                              (facts_sheet, f"{facts.HEADER_ROW}:{facts.HEADER_ROW}"),
                              (recalc_sheet, f"{recalc.HEADER_ROW}:{recalc.HEADER_ROW}"), (chart_sheet, None),
                              *(((lead_sheet, f"{lead.HEADER_ROW}:{lead.HEADER_ROW}"),) if lead_sheet else ()),
                              *(((drill_sheet, None),) if drill_sheet else ()),
                              *(((journal_sheet, None),) if journal_sheet else ()),
                              (rules_sheet, f"{catalogue.HEADER_ROW}:{catalogue.HEADER_ROW}")):
        if sheet is not None:
            styles.page_setup(sheet.ws, footer, title_rows)
    for sheet in shown.sheets:
        styles.page_setup(sheet.ws, footer, "1:3")
    _properties(wb, outcome, lang)
    return _save(wb, outcome.generated_at)


def _properties(wb: Workbook, outcome: Outcome, lang: str) -> None:
    when = outcome.generated_at.astimezone(timezone.utc).replace(tzinfo=None)
    props = wb.properties
    props.creator = f"avstem {outcome.version}"
    props.lastModifiedBy = None
    if outcome.accounts is not None:
        agency = outcome.accounts.agency
        props.title = visible(label("header", lang, agency=agency.short_name, year=agency.year))
    else:
        props.title = visible(label("ledger.header", lang, file=outcome.ledger.file, year=outcome.year or "?",
                                    inferred=""))
    props.subject = label("report.subject", lang)
    props.language = {"nb": "nb-NO", "nn": "nn-NO", "en": "en"}[lang]
    props.created = props.modified = when


def _save(wb: Workbook, when: datetime) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()  # unlike openpyxl's save_workbook, keeps our modified time
    stamp = when.astimezone(timezone.utc).timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))  # the earliest time a zip entry can hold
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
