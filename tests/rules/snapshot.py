"""The snapshot of what each seeded case's findings say (``tests/rules/snapshots/<family>.yaml``).

In the manner of ruff's snapshot tests: for every case, every finding of its
rule (infos included) with its key, severity, figures, where it points and
its message rendered in Bokmål, Nynorsk and English through the real
renderer. The files are written, never edited by hand:
``AVSTEM_UPDATE_SNAPSHOTS=1 pytest tests/rules/test_snapshots.py`` rewrites
them, and the reviewer reads the change in ``git diff``. Nothing in them
depends on the machine: list items are named by id or kapittel.post, files by
their role (a message that names a file the case wrote names the fixture it
was made from), and the findings are sorted.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

import yaml

from ledger.core.source import Source
from ledger.vocabulary.labels import LANGUAGES
from reports.i18n import render_message
from rules.findings import Finding
from tests.helpers import ROOT, named
from tests.rules.cases import Case, CaseRun

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("AVSTEM_UPDATE_SNAPSHOTS") == "1"
HEADER = ("# What the findings of every case in fixtures/seeded/{file} say. Written by tests/rules/test_snapshots.py\n"
          "# (AVSTEM_UPDATE_SNAPSHOTS=1); never edit by hand, review every change in git diff.\n")


def title_of(case: Case) -> str:
    return f"{case.rule} {case.outcome}: {case.name}"


def title(run: CaseRun) -> str:
    return title_of(run.case)


def _amount(value: Any) -> str | None:
    return None if value is None else str(value)


def place(run: CaseRun, source: Source | None) -> str | None:
    """Where a figure or finding points, by role (accounts, prior, ledger) and id-path; never a temporary file."""
    if source is None:
        return None
    if source.file == run.accounts_file:
        return named(run.doc, source.path) if source.path else "accounts"
    if source.file == run.prior_file:
        return "prior " + (named(run.prior_doc, source.path) if source.path else "")
    if source.file == run.ledger_file:
        where = f"ledger line {source.line}" if source.line is not None else "ledger"
        return f"{where}, {source.path}" if source.path else where
    file = Path(source.file).name
    return " ".join(p for p in (f"{file}:{source.place}".rstrip(":"), source.path) if p)


def _without_temporary_files(run: CaseRun, text: str) -> str:
    """A message naming a file the case wrote names it as the fixture it was made from; one naming a file of
    the repository, by its place in the repository."""
    for written, shown in ((run.accounts_file, "imdi-2023.yaml"), (run.prior_file, run.case.prior),
                           (run.ledger_file, "ledger.csv")):
        if written:
            text = text.replace(written, shown)
    return text.replace(f"{ROOT}{os.sep}", "")


def finding_entry(run: CaseRun, f: Finding) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "rule": f.rule, "key": f.key, "severity": f.severity.label, "kind": f.kind.value, "message": f.message,
        "expected": _amount(f.expected), "actual": _amount(f.actual), "difference": _amount(f.difference),
    }
    if f.tolerance is not None:
        entry["tolerance"] = f"{f.tolerance.mode} ±{f.tolerance.amount}" + (
            f" ({f.tolerance.terms} figures)" if f.tolerance.terms else "")
    entry["at"] = place(run, f.location)
    entry["figures"] = [f"{ref.role}: {_amount(ref.value) or 'blank'} at {place(run, ref.source)}"
                        for ref in f.figures]
    if f.accepted is not None:
        entry["accepted"] = f"{f.accepted.reason} ({f.accepted.approved_by}, {f.accepted.date})"
    for lang in LANGUAGES:
        entry[lang] = _without_temporary_files(run, render_message(f, lang))
    return {k: v for k, v in entry.items() if v is not None and v != []}


def entry(run: CaseRun) -> list[dict[str, Any]]:
    """Every finding of the case's rule, sorted so that the engine's order does not matter."""
    found = [finding_entry(run, f) for f in run.findings]
    return sorted(found, key=lambda e: (e["rule"], e["key"], e["message"], e.get("expected") or "",
                                        e.get("actual") or "", e.get("at") or "", e["en"]))


class _Dumper(yaml.SafeDumper):
    """Double quotes where quotes are needed: messages quote with ' far more often than with "."""

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)


def path_of(case_file: str) -> Path:
    return SNAPSHOTS / case_file


def load(case_file: str) -> dict[str, Any]:
    path = path_of(case_file)
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def write(case_file: str, entries: dict[str, Any]) -> None:
    SNAPSHOTS.mkdir(exist_ok=True)
    path_of(case_file).write_text(HEADER.format(file=case_file) + dump(entries), encoding="utf-8")


def diff(stored: Any, now: Any, name: str) -> str:
    """A unified diff of the stored snapshot and the findings now (empty when they agree)."""
    before = dump(stored).splitlines(keepends=True) if stored is not None else []
    after = dump(now).splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"snapshot: {name}", f"now: {name}"))
