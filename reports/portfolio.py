"""The summary of a portfolio run (:mod:`avstem.portfolio`): the console table, the JSON and the workbook, a
row per input (agency and year, verdict, counts, the worst findings, the inputs with their SHA-256)."""

from __future__ import annotations

import io
import json
from datetime import timezone
from typing import Any, TextIO

from reports.i18n import label

SCHEMA = "avstem.portfolio/1"
COLUMNS = ("agency", "year", "verdict", "error", "warning", "info", "accepted", "worst", "file", "form", "prior",
           "report", "inputs", "reason", "pages", "seconds")


def document(portfolio, lang: str, generated_at, version: str) -> dict[str, Any]:
    verdicts = [row.verdict for row in portfolio.rows if row.verdict]
    return {
        "schema": SCHEMA,
        "avstem": version,
        "generated_at": generated_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "lang": lang,
        "verdict": portfolio.verdict,
        "fail_on": portfolio.fail_on,
        "counts": {v: verdicts.count(v) for v in ("pass", "fail", "unreadable")},
        "seconds": round(portfolio.seconds, 2),
        "workers": portfolio.workers,
        "rows": [row.as_dict() for row in portfolio.rows],
    }


def dumps(portfolio, lang: str, generated_at, version: str) -> str:
    return json.dumps(document(portfolio, lang, generated_at, version), ensure_ascii=False, indent=2) + "\n"


def _verdict(row, lang: str) -> str:
    if row.kind in ("comparatives", "context"):
        return label(f"portfolio.kind.{row.kind}", lang)
    if row.verdict == "unreadable":
        return label("portfolio.verdict.unreadable", lang)
    return label(f"verdict.{row.result}", lang)  # what was found («feil funnet», «ingen feil»), not «godkjent»


def _overall(portfolio, lang: str) -> str:
    if portfolio.verdict == "unreadable":
        return label("portfolio.verdict.unreadable", lang)
    return label(f"verdict.{portfolio.result}", lang)


def _agency(row) -> str:
    return row.short_name or row.agency or "?"


def write(portfolio, out: TextIO, lang: str) -> None:
    """The console: a line per input, worst first within none (the inputs' order), then the verdict."""
    out.write(label("portfolio.header", lang, files=len(portfolio.rows), seconds=f"{portfolio.seconds:.1f}",
                    workers=portfolio.workers) + "\n\n")
    for row in portfolio.rows:
        counts = row.counts or {}
        what = (label("portfolio.counts", lang, **counts) if counts else "")
        if row.prior:
            what += " · " + label("portfolio.prior", lang, prior=row.prior)
        if row.error:
            what = row.error
        out.write(f"{_verdict(row, lang):<14} {_agency(row):<10} {row.year or '':<5} {row.file}\n")
        if what:
            out.write(f"{'':<31}{what}\n")
        for finding in row.worst[:1]:
            out.write(f"{'':<31}{finding['rule']} {finding['key']}: {finding['message']}\n")
    out.write("\n" + label("portfolio.verdict_line", lang, verdict=_overall(portfolio, lang), fail_on=portfolio.fail_on) + "\n")


def build(portfolio, lang: str, generated_at, version: str) -> bytes:
    """The summary workbook: one sheet, a row per input."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = label("portfolio.sheet", lang)
    ws.append([label(f"portfolio.col.{c}", lang) for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in portfolio.rows:
        counts = row.counts or {}
        worst = "\n".join(f"{f['severity']} {f['rule']} {f['key']}: {f['message']}" for f in row.worst)
        inputs = "\n".join(f"{i['role']}: {i['path']} sha256:{i['sha256']}" for i in row.inputs)
        ws.append([row.agency or row.short_name, row.year, _verdict(row, lang), counts.get("error"),
                   counts.get("warning"), counts.get("info"), counts.get("accepted"), worst, row.file, row.form,
                   row.prior, row.report, inputs, row.error, row.pages, round(row.seconds, 2)])
    widths = {"agency": 36, "worst": 80, "file": 40, "prior": 40, "report": 40, "inputs": 60, "reason": 60}
    for i, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(name, 12)
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    when = generated_at.astimezone(timezone.utc).replace(tzinfo=None)
    wb.properties.creator = f"avstem {version}"
    wb.properties.title = label("portfolio.sheet", lang)
    wb.properties.created = wb.properties.modified = when
    raw = io.BytesIO()
    wb.save(raw)
    return raw.getvalue()
