"""A single-file HTML report for any CI's artifacts: the verdict, the findings, the statements with their marks.

One file, no script, no font, no image from elsewhere: its Content Security
Policy (``default-src 'none'``) forbids the browser any request, so it opens
offline and leaks nothing. The statements are the audit report's own accounts
sheets (:mod:`reports.xlsx.accounts`, marked by :mod:`reports.xlsx.marks`),
rendered as tables: one layout, two forms. Each marked figure carries its
rule ids and links to its findings; each finding links to its figure. Text
from the input is escaped, never markup.
"""

from __future__ import annotations

import html
from decimal import Decimal

from openpyxl import Workbook

from ledger.core.money import format_amount
from reports.console import counts_text, parameter_line, skipped_text, verdict_text
from reports.facts import lines as fact_lines
from reports.i18n import label, render_message, tolerance_text
from reports.keys import key_label
from reports.outcome import Outcome
from reports.xlsx import accounts as accounts_sheets
from reports.xlsx import styles
from reports.xlsx.marks import at_places
from rules.findings import Finding, Severity

_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px;color:#1b1b1b}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccd}
.sub{color:#555;margin:0 0 12px}
.verdict{display:inline-block;padding:8px 14px;border-radius:4px;font-weight:600;margin:6px 0}
.verdict.error{background:#FFC7CE;color:#9C0006}.verdict.warning{background:#FFEB9C;color:#9C5700}
.verdict.pass{background:#C6EFCE;color:#006100}
nav a{margin-right:12px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{padding:3px 8px;vertical-align:top;text-align:left}
th{background:#DCE6F1;font-weight:600}
table.findings td,table.findings th{border-bottom:1px solid #e3e3e3}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.sev{font-weight:600;min-width:6em;max-width:9em}td.id{white-space:nowrap}
tr.error .sev,td.error{background:#FFC7CE}tr.error .sev{color:#9C0006}
tr.warning .sev,td.warning{background:#FFEB9C}tr.warning .sev{color:#9C5700}
tr.info .sev,td.info{background:#DDEBF7}tr.info .sev{color:#1F4E79}
tr.accepted .sev,td.accepted{background:#E4DFEC}tr.accepted .sev{color:#5B3F86}
.rule{font-size:11px;font-weight:600;margin-left:4px;white-space:nowrap}
td.printed{font-style:italic;color:#595959}
tr.total td{font-weight:600;border-top:1px solid #999}
.statement td{border-bottom:1px solid #f0f0f0}
td.msg{min-width:18em;width:40%}td.mono{white-space:nowrap}
table.findings{width:100%}table.findings td.loc{white-space:normal;overflow-wrap:anywhere;min-width:8em;max-width:16em}
table.findings td.key{overflow-wrap:break-word;min-width:9em;width:14em}
.muted{color:#777}.mono{font-family:"DejaVu Sans Mono",monospace;font-size:12px}
pre{white-space:pre-wrap;font:inherit}
.wide{max-width:100%;overflow-x:auto}
@media print{nav{display:none}section.sheet{break-before:page}a{color:inherit;text-decoration:none}}
"""


def dumps(outcome: Outcome, lang: str) -> str:
    out: list[str] = []
    sheets, marks = _statements(outcome, lang)
    title = _title(outcome, lang)
    out.append(f'<!DOCTYPE html>\n<html lang="{_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n'
               '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
               f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
               f"<style>{_CSS}</style>\n</head>\n<body>\n")
    out.append(f"<h1>{_e(label('report.title', lang))}</h1>\n<p class=\"sub\">{_e(title)}</p>\n")
    out.append(f'<div class="verdict {_verdict_class(outcome)}" id="verdict">{_e(verdict_text(outcome, lang))} – '
               f"{_e(counts_text(outcome, lang))} (--fail-on {_e(outcome.fail_on.label)})</div>\n")
    if outcome.parameters:  # beside the verdict: each threshold the run's avstem.toml set
        out.append("".join(f'<p class="sub">{_e(parameter_line(p, lang))}</p>\n' for p in outcome.parameters))
    links = [("findings", label("sheet.findings", lang))] + [(sid, name) for sid, name, _ in sheets]
    out.append("<nav>" + "".join(f'<a href="#{sid}">{_e(name)}</a>' for sid, name in links) + "</nav>\n")
    out.append(_findings(outcome, lang, marks))
    if outcome.rules_skipped:
        out.append(f'<h2 id="not-run">{_e(label("summary.rules_skipped", lang))}</h2>\n'
                   f"<p>{_e(skipped_text(outcome, lang))}</p>\n")
    facts = fact_lines(outcome, lang)
    if facts:
        out.append(f'<h2 id="facts">{_e(label("sheet.facts", lang))}</h2>\n<pre>{_e(chr(10).join(facts))}</pre>\n')
    for sid, name, body in sheets:
        out.append(f'<section class="sheet" id="{sid}">\n<h2>{_e(name)}</h2>\n{body}</section>\n')
    out.append(_footer(outcome, lang))
    out.append("</body>\n</html>\n")
    return "".join(out)


_LANG = {"nb": "nb", "nn": "nn", "en": "en"}


def _title(outcome: Outcome, lang: str) -> str:
    if outcome.accounts is not None:
        agency = outcome.accounts.agency
        return label("header", lang, agency=agency.name, year=agency.year)
    return label("ledger.header", lang, file=outcome.ledger.file, year=outcome.year or "?", inferred="")


def _verdict_class(outcome: Outcome) -> str:
    if outcome.failed or outcome.count(Severity.ERROR):
        return "error"
    if outcome.count(Severity.WARNING) or outcome.rules_skipped:
        return "warning"
    return "pass"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _finding_class(finding: Finding) -> str:
    return "accepted" if finding.accepted is not None else _CLASS[finding.severity]


def _findings(outcome: Outcome, lang: str, marks: dict[int, str]) -> str:
    heads = ("col.severity", "col.rule", "col.key", "col.message", "col.expected", "col.actual", "col.difference",
             "col.tolerance", "col.location")
    numeric = {"col.expected", "col.actual", "col.difference"}
    rows = [f'<h2 id="findings">{_e(label("sheet.findings", lang))}</h2>\n']
    if not outcome.findings:
        return rows[0] + f"<p>{_e(label('no_findings', lang))}</p>\n"
    rows.append('<table class="findings">\n<tr>' + "".join(
        f'<th class="num">{_e(label(h, lang))}</th>' if h in numeric else f"<th>{_e(label(h, lang))}</th>"
        for h in heads) + "</tr>\n")
    for i, f in enumerate(outcome.findings):
        severity = label(f.severity.label, lang)
        if f.accepted is not None:
            severity = f"{severity} · {label('status.accepted', lang)}"
        key = _e(f.key).replace(".", ".<wbr>")  # a long id breaks after a dot, not inside a word
        if i in marks:
            key = f'<a href="#{marks[i]}">{key}</a>'
        name = key_label(f, outcome, lang)
        if name:  # the id and what it names, in the report's language
            key += f" — {_e(name)}"
        message = _e(render_message(f, lang))
        if f.accepted is not None:
            a = f.accepted
            message += "<br><span class=\"muted\">" + _e(label("accepted_line", lang, reason=a.reason,
                                                               approved_by=a.approved_by, date=a.date,
                                                               location=a.source)) + "</span>"
        cells = [f'<td class="sev">{_e(severity)}</td>', f'<td class="id">{_e(f.rule)}</td>', f'<td class="key">{key}</td>',
                 f'<td class="msg">{message}</td>']
        for name in ("expected", "actual", "difference"):
            value = getattr(f, name)
            text = "" if value is None else format_amount(value, lang, signed=name == "difference")
            cells.append(f'<td class="num">{_e(text)}</td>')
        cells.append(f'<td class="num">{_e(tolerance_text(f, lang))}</td>')
        cells.append(f'<td class="mono loc">{_e(f.location or "")}</td>')
        rows.append(f'<tr class="{_finding_class(f)}" id="finding-{i}">{"".join(cells)}</tr>\n')
    rows.append("</table>\n")
    return "".join(rows)


def _statements(outcome: Outcome, lang: str) -> tuple[list[tuple[str, str, str]], dict[int, str]]:
    """The accounts sheets as HTML tables: (id, name, table), and each finding's first marked cell's id."""
    if outcome.accounts is None:
        return [], {}
    wb = Workbook()
    shown = accounts_sheets.write(wb, outcome.accounts, lang)
    index = {id(f): i for i, f in enumerate(outcome.findings)}
    marked: dict[tuple[str, str], list[Finding]] = at_places(outcome, shown.cells)
    anchors: dict[int, str] = {}
    out = []
    for n, sheet in enumerate(shown.sheets):
        sid = f"sheet-{n}"
        ws = sheet.ws
        spans = {}
        covered = set()
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = rng.max_col - rng.min_col + 1
            covered |= {(rng.min_row, c) for c in range(rng.min_col + 1, rng.max_col + 1)}
        rows = []
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            cells = []
            bold_row = any(c.font is not None and c.font.b for c in row if c.value is not None and c.column == 1)
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                cells.append(_cell(cell, lang, sheet.title, sid, marked, index, anchors,
                                   spans.get((cell.row, cell.column))))
            while cells and cells[-1] == "<td></td>":
                cells.pop()
            header = any(c.fill is not None and c.fill.fgColor is not None and c.fill.fgColor.rgb ==
                         styles.HEADER_FILL.fgColor.rgb and c.value for c in row)
            if header:
                cells = [c.replace("<td", "<th", 1).replace("</td>", "</th>") for c in cells]
            css = ' class="total"' if bold_row and not header and cells and row[0].row > 3 else ""
            rows.append(f"<tr{css}>{''.join(cells)}</tr>\n" if cells else "<tr><td>&nbsp;</td></tr>\n")
        out.append((sid, sheet.title, '<div class="wide"><table class="statement">\n' + "".join(rows)
                    + "</table></div>\n"))
    return out, anchors


def _cell(cell, lang: str, sheet: str, sid: str, marked, index, anchors, span) -> str:
    attrs = [f' colspan="{span}"'] if span else []
    classes = []
    value = cell.value
    if isinstance(value, Decimal):
        signed = "+" in (cell.number_format or "")
        text = _e(format_amount(value, lang, signed=signed))
        classes.append("num")
    elif value is None:
        text = ""
    else:
        text = _e(value)
        if cell.font is not None and cell.font.i:
            classes.append("printed")
    findings = marked.get((sheet, cell.coordinate), [])
    if findings:
        live = [f for f in findings if f.accepted is None]
        classes.append(_CLASS[max(f.severity for f in live)] if live else "accepted")
        cell_id = f"{sid}-{cell.coordinate}"
        attrs.append(f' id="{cell_id}"')
        badges = []
        for f in findings:
            i = index[id(f)]
            anchors.setdefault(i, cell_id)
            badges.append(f'<a class="rule" href="#finding-{i}">{_e(f.rule)}</a>')
        text += "".join(dict.fromkeys(badges))
        attrs.append(f' title="{_e(chr(10).join(f.rule + ": " + f.key for f in findings))}"')
    if classes:
        attrs.append(f' class="{" ".join(classes)}"')
    return f"<td{''.join(attrs)}>{text}</td>"


def _footer(outcome: Outcome, lang: str) -> str:
    rows = [f'<h2 id="run">{_e(label("summary.run", lang))}</h2>\n<table>\n']
    for name, value in (("summary.version", outcome.version), ("summary.catalogue", outcome.catalogue_version),
                        ("summary.generated_at", outcome.generated_at.strftime("%Y-%m-%d %H:%M:%S"))):
        rows.append(f"<tr><th>{_e(label(name, lang))}</th><td>{_e(value)}</td></tr>\n")
    for item in outcome.inputs:
        rows.append(f"<tr><th>{_e(label(f'role.{item.role}', lang))}</th><td>{_e(item.path)}<br>"
                    f'<span class="mono muted">sha256 {_e(item.sha256)}</span></td></tr>\n')
    rows.append("</table>\n")
    return "".join(rows)
