"""GitHub Actions: an annotation per error and warning, and a job summary.

Under GitHub Actions (``GITHUB_ACTIONS=true``) the console output ends with
one workflow command per finding at warning or above
(``::warning file=fixtures/imdi-2023.yaml,line=25,title=OS-01 0671.21::…``),
which GitHub shows on the file and in the run's summary without failing the
job; the job fails only by avstem's exit code. Info notes (rounding) are not
annotated: they are in the summary. ``$GITHUB_STEP_SUMMARY`` names a file the
runner renders as Markdown under the job; the summary appended there holds
the verdict, the counts, the errors and warnings, and the rules not run.
"""

from __future__ import annotations

import os
from pathlib import Path

from reports.console import counts_text, skipped_text, verdict_text
from reports.i18n import label, render_message
from reports.outcome import Outcome
from rules.findings import Finding, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped (GitHub's own encoding)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _path(file: str) -> str:
    """The file as the repository names it: relative to ``$GITHUB_WORKSPACE`` where it lies inside."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    path = Path(file)
    if workspace:
        try:
            return path.resolve().relative_to(Path(workspace).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def annotation(finding: Finding, lang: str) -> str:
    command = _COMMAND[finding.severity]
    props = []
    if finding.location is not None:
        props.append(f"file={_property(_path(finding.location.file))}")
        if finding.location.line:
            props.append(f"line={finding.location.line}")
    props.append(f"title={_property(f'{finding.rule} {finding.key}')}")
    return f"::{command} {','.join(props)}::{_data(render_message(finding, lang))}\n"


def annotations(outcome: Outcome, lang: str) -> str:
    """The workflow commands for the findings at warning or above (accepted deviations are not annotated)."""
    return "".join(annotation(f, lang) for f in outcome.findings
                   if f.severity >= Severity.WARNING and f.accepted is None)


def summary(outcome: Outcome, lang: str) -> str:
    """The job summary in Markdown."""
    if outcome.accounts is not None:
        agency = outcome.accounts.agency
        title = label("header", lang, agency=agency.short_name or agency.name, year=agency.year)
    else:
        title = label("ledger.header", lang, file=outcome.ledger.file, year=outcome.year or "?", inferred="")
    icon = "❌" if outcome.failed else ("⚠️" if outcome.count(Severity.WARNING) or outcome.rules_skipped else "✅")
    out = [f"### avstem: {_cell(title)}", "",
           f"{icon} **{verdict_text(outcome, lang)}** – {counts_text(outcome, lang)} (--fail-on {outcome.fail_on.label})",
           ""]
    shown = [f for f in outcome.findings if f.severity >= Severity.WARNING]
    if shown:
        out += [f"| {label('col.severity', lang)} | {label('col.rule', lang)} | {label('col.key', lang)} | "
                f"{label('col.message', lang)} | {label('col.location', lang)} |", "|---|---|---|---|---|"]
        for f in shown:
            severity = label(f.severity.label, lang) + (f" ({label('col.accepted', lang)})" if f.accepted else "")
            where = str(f.location) if f.location is not None else ""
            out.append(f"| {severity} | {f.rule} | `{_cell(f.key)}` | {_cell(render_message(f, lang))} | "
                       f"`{_cell(where)}` |")
        out.append("")
    infos = outcome.count(Severity.INFO)
    if infos:
        out += [label("github.infos", lang, n=infos), ""]
    if outcome.rules_skipped:
        out += [f"**{label('summary.rules_skipped', lang)}:** {_cell(skipped_text(outcome, lang))}", ""]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_summary(outcome: Outcome, lang: str) -> None:
    """Append the summary to ``$GITHUB_STEP_SUMMARY`` when the runner names it (several runs add up)."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(summary(outcome, lang))
    except OSError as exc:  # the summary is a courtesy: a runner without one must not fail the check
        import sys

        print(f"avstem: cannot write the job summary {path}: {exc.strerror or exc}", file=sys.stderr)
