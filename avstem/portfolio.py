"""A portfolio run: several accounts in one ``avstem check`` (files, folders, globs; any mix of the YAML form,
workbooks, published reports as PDF or text; several years of one agency).

Every file is read first, in worker processes (both cores; a PDF takes a second or two), and what it is
decided by its content: accounts, a comparatives file (``avstem.comparatives/1``) or a context file
(``avstem.context/1``, listed, not checked: give it with ``--context`` to a single check). The comparatives
of an agency's accounts are then paired by agency and year: the accounts of year Y are checked against last
year's figures of the same agency (short name or name, case-insensitive) — last year's accounts among the
inputs if there are any, else a comparatives file for Y−1. Then every accounts file is checked, again in
worker processes, and the run writes one summary (:mod:`reports.portfolio`): a row per accounts file with the
agency, year, verdict, counts, the worst findings and the inputs with their SHA-256. A file that cannot be
read is a row that says why (verdict ``unreadable``), never the end of the run. The exit code is the worst
row's: 0 all pass, 1 a row fails, 2 a row is unreadable.

``--report SUMMARY.xlsx`` writes the summary workbook and each row's own audit report beside it, named
``SUMMARY-<input file name>.xlsx`` (``portfolio-imdi-2023.pdf.xlsx``; ``-2``, ``-3`` … where two inputs share a
name). ``--json SUMMARY.json`` writes the summary as JSON.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Sequence

from avstem import inputs
from ledger.core.errors import InputError, one_line
from ledger.vocabulary.labels import msg
from reports.i18n import label

#: What a folder or a glob contributes: the files avstem reads as accounts (or comparatives and context).
SUFFIXES = (".yaml", ".yml", ".xlsx", ".xlsm", ".pdf", ".txt", ".text")
#: The worst findings a row names.
WORST = 3


def is_portfolio(patterns: Sequence[str]) -> bool:
    """Several inputs, a folder, or a glob (a pattern no file is called): a portfolio run."""
    return inputs.names_several(patterns, SUFFIXES)


def expand(patterns: Sequence[str]) -> list[str]:
    """The files the patterns name (:func:`avstem.inputs.expand`); a name that matches nothing is kept, to become
    a row saying so."""
    return inputs.expand(patterns, SUFFIXES)


@dataclass
class Row:
    """One input of the portfolio and what became of it."""

    file: str
    kind: str = "accounts"  # accounts | comparatives | context | unreadable
    form: str = ""  # yaml | xlsx | pdf | text
    agency: str = ""
    short_name: str = ""
    year: int | None = None
    verdict: str = ""  # pass | fail | unreadable | "" (comparatives, context: not checked)
    result: str = ""  # what the run found, as the catalogue's verdict.<result> says it: found.error, none.error …
    counts: dict[str, int] = field(default_factory=dict)
    worst: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, str]] = field(default_factory=list)
    prior: str | None = None
    report: str | None = None
    error: str | None = None
    seconds: float = 0.0
    pages: str | None = None  # a published report: the pages laid out («146–151 of 151»), or its lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "kind": self.kind, "form": self.form, "agency": self.agency,
            "short_name": self.short_name, "year": self.year, "verdict": self.verdict or None,
            "result": self.result or None,
            "counts": self.counts or None, "worst_findings": self.worst, "inputs": self.inputs,
            "prior": self.prior, "report": self.report, "error": self.error, "pages_read": self.pages,
            "seconds": round(self.seconds, 2),
        }


def _form(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".yml": "yaml", ".xlsm": "xlsx", ".txt": "text", ".text": "text"}.get(suffix, suffix.lstrip("."))


def _read(path: str, lang: str = "nb") -> tuple[Row, Any]:
    """Read one input (in a worker): its row so far and what was read (Accounts, PriorYear or None); an
    unreadable file's row says why in ``lang``."""
    started = time.perf_counter()
    row = Row(path, form=_form(path))
    try:
        read = _read_input(path, row)
    except InputError as exc:
        row.kind, row.verdict, row.error, read = "unreadable", "unreadable", one_line(exc.render(lang)), None
    except Exception as exc:  # a bug in a reader: this row says so, the run goes on
        row.kind, row.verdict, read = "unreadable", "unreadable", None
        row.error = _internal(exc, lang)
    row.seconds = time.perf_counter() - started
    return row, read


def _read_input(path: str, row: Row) -> Any:
    from ledger.core.accounts import PriorYear
    from ledger.forms.inputs import FORMS, read_accounts

    p = Path(path)
    if not p.is_file():
        raise InputError(path, None, msg("input.file.missing" if not p.exists() else "input.file.not_a_file"))
    if FORMS.get(p.suffix.lower()) == "yaml":
        from ledger.forms.yaml_form.read import COMPARATIVES_FORM, CONTEXT_FORM, read_comparatives, read_context
        from ledger.forms.yaml_form.tree import load

        form = load(path).mapping().req("form").text()
        if form == COMPARATIVES_FORM:
            prior: PriorYear = read_comparatives(path)
            row.kind, row.agency, row.short_name, row.year = ("comparatives", prior.agency.name,
                                                               prior.agency.short_name, prior.year)
            return prior
        if form == CONTEXT_FORM:
            read_context(path)  # a broken context file is a row that says so
            root = load(path).mapping()
            row.kind, row.year = "context", int(root.req("year").text())
            agency = root.opt("agency")
            row.short_name = agency.text() if agency is not None else ""
            return None
    accounts = read_accounts(path)
    row.agency, row.short_name, row.year = accounts.agency.name, accounts.agency.short_name, accounts.year
    if accounts.published is not None and accounts.published.pages:
        row.pages = accounts.published.pages
    return accounts


def _same_agency(a: Row, b: Row) -> bool:
    def names(row: Row) -> set[str]:
        return {n.casefold().strip() for n in (row.agency, row.short_name) if n and n.strip()}

    return bool(names(a) & names(b))


def pair(rows: list[Row]) -> dict[int, int]:
    """For each accounts row (by index), the row of last year's figures of the same agency: last year's
    accounts first, a comparatives file otherwise."""
    out: dict[int, int] = {}
    for i, row in enumerate(rows):
        if row.kind != "accounts" or row.year is None:
            continue
        candidates = [j for j, other in enumerate(rows) if other.year == row.year - 1
                      and other.kind in ("accounts", "comparatives") and _same_agency(row, other)]
        candidates.sort(key=lambda j: (rows[j].kind != "accounts", j))
        if candidates:
            out[i] = candidates[0]
    return out


@dataclass(frozen=True)
class _Job:
    row: Row
    accounts: Any
    prior: Any
    prior_path: str | None
    config: str | None
    fail_on: Any
    lang: str
    report: str | None


def _check(job: _Job) -> tuple[Row, bytes | None]:
    """Check one agency's accounts (in a worker): its summary row, and its own report when asked for."""
    from avstem.config import load_config
    from avstem.pipeline import CheckRequest, evaluate
    from ledger.core.accounts import PriorYear
    from reports.json_report import finding_dict

    started = time.perf_counter()
    row = replace(job.row)
    try:
        prior = job.prior
        if prior is not None and not isinstance(prior, PriorYear):
            prior = PriorYear.from_accounts(prior)
        config = load_config(job.config)
        request = CheckRequest(job.row.file, job.config, job.fail_on, prior=job.prior_path)
        outcome = evaluate(request, config, job.accounts, prior)  # read_accounts merged the inferred context
        row.verdict, row.counts = outcome.verdict, outcome.counts
        row.result = outcome.verdict_id.removeprefix("verdict.")
        row.worst = [{k: v for k, v in finding_dict(f, outcome, job.lang).items()
                      if k in ("rule", "severity", "key", "location", "message")}
                     for f in outcome.findings if f.accepted is None][:WORST]
        row.inputs = [{"role": i.role, "path": i.path, "sha256": i.sha256} for i in outcome.inputs]
        row.prior = job.prior_path
        data = None
        if job.report:
            from reports import xlsx

            data = xlsx.build(outcome, job.lang)
            row.report = job.report
    except InputError as exc:
        row = replace(job.row, kind="unreadable", verdict="unreadable", error=one_line(exc.render(job.lang)))
        data = None
    except Exception as exc:
        row, data = replace(job.row, kind="unreadable", verdict="unreadable"), None
        row.error = _internal(exc, job.lang)
    row.seconds += time.perf_counter() - started
    return row, data


def _internal(exc: Exception, lang: str) -> str:
    """A row's error where a reader or a check failed with a bug, in ``lang``."""
    return label("portfolio.internal_error", lang, detail=f"{type(exc).__name__}: {one_line(str(exc))}")


def _map(function: Callable, items: list, workers: int, progress: Callable[[int, int, str], None] | None,
         lost: Callable[[Any, BaseException], Any]) -> list:
    """``function`` over ``items`` in worker processes (in this one where there is one item or one core),
    results in the items' order, progress as each completes; ``lost(item, error)`` where a worker died."""
    if workers <= 1 or len(items) <= 1:
        out = []
        for n, item in enumerate(items, start=1):
            out.append(function(item))
            if progress:
                progress(n, len(items), "")
        return out
    results: list = [None] * len(items)
    failed: list[int] = []
    with ProcessPoolExecutor(max_workers=min(workers, len(items))) as pool:
        futures = {pool.submit(function, item): i for i, item in enumerate(items)}
        from concurrent.futures import as_completed

        for n, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception:  # a worker process died (killed, out of memory): the pool is broken
                failed.append(i)
            if progress:
                progress(n, len(items), "")
    for i in sorted(failed):  # each again in a process of its own: the one that dies again is the row that says so
        with ProcessPoolExecutor(max_workers=1) as alone:
            try:
                results[i] = alone.submit(function, items[i]).result()
            except Exception as exc:
                results[i] = lost(items[i], exc)
    return results


def report_names(summary: str, rows: list[Row]) -> dict[int, str]:
    """Each accounts row's own report beside the summary workbook: ``<summary stem>-<input name>.xlsx``."""
    base = Path(summary)
    used: Counter[str] = Counter()
    out = {}
    for i, row in enumerate(rows):
        if row.kind != "accounts":
            continue
        name = f"{base.stem}-{Path(row.file).name}"
        used[name] += 1
        if used[name] > 1:
            name = f"{name}-{used[name]}"
        out[i] = str(base.with_name(name + ".xlsx"))
    return out


@dataclass
class Portfolio:
    rows: list[Row]
    fail_on: str
    seconds: float
    workers: int

    @property
    def verdict(self) -> str:
        verdicts = {row.verdict for row in self.rows}
        return "unreadable" if "unreadable" in verdicts else "fail" if "fail" in verdicts else "pass"

    @property
    def result(self) -> str:
        """The whole run as the catalogue's ``verdict.<result>`` says it: the worst found at or above --fail-on
        («feil funnet»), else none («ingen feil»); never a word an auditor's approval uses."""
        found = [row.result for row in self.rows if row.result.startswith("found.")]
        if found:
            from rules.findings import Severity

            return max(found, key=lambda r: Severity.parse(r.removeprefix("found.")))
        if any(row.result == "not_all_run" for row in self.rows):
            return "not_all_run"
        return f"none.{self.fail_on}"

    @property
    def exit_code(self) -> int:
        return {"pass": 0, "fail": 1, "unreadable": 2}[self.verdict]


def run(files: list[str], *, config: str | None = None, fail_on=None, lang: str = "nb",
        report: str | None = None, workers: int | None = None,
        progress: Callable[[str], None] | None = None) -> tuple[Portfolio, dict[str, bytes]]:
    """Read, pair and check every file; the portfolio and the agencies' own reports (by path) to write."""
    from rules.findings import Severity

    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1

    def step(stage: str) -> Callable[[int, int, str], None] | None:
        if progress is None:
            return None
        return lambda n, total, _: progress(f"{stage} {n}/{total}")

    def died(what: str, exc: BaseException) -> str:
        return label("portfolio.worker_ended", lang, what=what, detail=f"{type(exc).__name__}: {one_line(str(exc))}")

    read = _map(partial(_read, lang=lang), files, workers, step("read"),
                lambda path, exc: (Row(path, kind="unreadable", form=_form(path), verdict="unreadable",
                                       error=died(path, exc)), None))
    rows = [row for row, _ in read]
    pairs = pair(rows)
    names = report_names(report, rows) if report else {}
    jobs = [(i, _Job(rows[i], read[i][1], read[pairs[i]][1] if i in pairs else None,
                     rows[pairs[i]].file if i in pairs else None, config, fail_on, lang, names.get(i)))
            for i, row in enumerate(rows) if row.kind == "accounts"]
    checked = _map(_check, [job for _, job in jobs], workers, step("checked"),
                   lambda job, exc: (replace(job.row, kind="unreadable", verdict="unreadable",
                                             error=died(job.row.file, exc)), None))
    reports: dict[str, bytes] = {}
    for (i, _), (row, data) in zip(jobs, checked):
        rows[i] = row
        if data is not None and row.report:
            reports[row.report] = data
    fail = (fail_on or Severity.ERROR).label
    return Portfolio(rows, fail, time.perf_counter() - started, min(workers, max(len(files), 1))), reports
