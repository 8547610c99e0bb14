"""`avstem ledger` over many ledgers: one engine session, one summary — the import gate of a shared repository.

Each file gets the same quality rules as `avstem ledger FILE` alone; a file
that cannot be read is a row that says why, never the end of the run. Exit
2 when a file could not be read, else 1 when a file fails at ``--fail-on``,
else 0.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from decimal import Decimal

from avstem import inputs

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet")
SCHEMA = "avstem.ledgers/1"


def expand(arguments: list[str]) -> tuple[list[str], bool]:
    """The ledger files named (:func:`avstem.inputs.expand`; a glob that matches none names none), and whether
    there are several, or a folder or glob was given (then the summary is printed even for one)."""
    return (inputs.expand(arguments, SUFFIXES, keep_unmatched=False),
            inputs.names_several(arguments, SUFFIXES))


def run_many(args: argparse.Namespace, files: list[str]) -> int:
    from avstem.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, OUTPUTS, UsageError
    from avstem.config import load_config
    from avstem.output import guard_outputs, write_atomic
    from avstem.pipeline import CheckRequest, check, engine_settings
    from ledger.core.errors import InputError
    from ledger.general_ledger.importer import open_engine
    from ledger.vocabulary.labels import msg
    from reports import json_report
    from reports.console import verdict_text
    from rules.findings import Severity

    others = [option for option in OUTPUTS if option != "--json" and getattr(args, option[2:], None)]
    if others:  # one summary for many files: the per-file reports are for one ledger at a time
        raise UsageError(f"avstem ledger: {', '.join(others)} writes one ledger's report; with several ledgers "
                         "give --json for the summary, or check each ledger alone")
    if getattr(args, "require_all", False):
        raise UsageError("avstem ledger: --require-all is for one ledger at a time")
    from avstem.cli import _speak

    config = load_config(args.config)
    lang = _speak(args.lang or config.lang or "nb")  # from here on, errors in the user's language
    guard_outputs({"--json": args.json}, [*files, args.config, config.kontoplan])
    fail_on = Severity.parse(args.fail_on) if args.fail_on else None
    rows = []
    said: dict[str, str] = {}  # each file's verdict in the reader's words («ingen feil», «feil funnet»)
    request = CheckRequest(None, args.config, fail_on, None, None, None, args.year, None, engine=args.engine)
    with open_engine(engine_settings(request, config)) as engine:
        for path in files:
            try:
                outcome = check(CheckRequest(None, args.config, fail_on, None, None, path, args.year, None,
                                             engine=args.engine), config, engine=engine)
            except InputError as exc:
                rows.append({"file": path, "verdict": "unreadable", "error": exc.render(lang), "lines": None,
                             "year": None, "counts": None, "report": None})
                continue
            doc = json_report.document(outcome, lang)
            rows.append({"file": path, "verdict": doc["verdict"], "error": None, "lines": doc["ledger"]["lines"],
                         "year": doc["year"], "counts": doc["counts"], "report": doc})
            said[path] = verdict_text(outcome, lang)
    text = io.StringIO()
    _table(rows, text, lang, said)
    (sys.stderr if args.json == "-" else sys.stdout).write(text.getvalue())
    summary = json.dumps({"schema": SCHEMA, "engine": engine.name, "files": rows}, ensure_ascii=False, indent=2) + "\n"
    if args.json == "-":
        sys.stdout.write(summary)
    elif args.json:
        try:
            write_atomic(args.json, summary.encode("utf-8"))
        except OSError as exc:
            raise InputError(args.json, None, msg("input.output.cannot_write_file", detail=exc.strerror or str(exc))) from None
    if any(r["verdict"] == "unreadable" for r in rows):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(r["verdict"] == "fail" for r in rows) else EXIT_OK


def _table(rows: list[dict], out, lang: str, said: dict[str, str]) -> None:
    """One row per file: verdict, lines, year, counts by severity (or why it could not be read), in ``lang``."""
    from ledger.core.money import format_amount
    from reports.i18n import label

    unreadable_word = label("ledgers.unreadable", lang)
    verdicts = {r["file"]: unreadable_word if r["error"] else said.get(r["file"], r["verdict"]) for r in rows}
    heads = [label(f"ledgers.col.{name}", lang)
             for name in ("file", "verdict", "lines", "year", "errors", "warnings", "infos")]
    width = max(len(heads[0]), *(len(r["file"]) for r in rows))
    verdict_width = max(len(heads[1]), *(len(v) for v in verdicts.values()))
    widths = [max(12, len(heads[2])), max(5, len(heads[3])), max(7, len(heads[4])), max(8, len(heads[5])),
              max(5, len(heads[6]))]
    out.write(f"{heads[0]:<{width}}  {heads[1]:<{verdict_width}} "
              + " ".join(f"{h:>{w}}" for h, w in zip(heads[2:], widths)) + "\n")
    for r in rows:
        if r["error"]:
            out.write(f"{r['file']:<{width}}  {verdicts[r['file']]:<{verdict_width}} {r['error']}\n")
            continue
        c = r["counts"]
        cells = (format_amount(Decimal(r["lines"]), lang), str(r["year"] or "–"), str(c["error"]),
                 str(c["warning"]), str(c["info"]))
        out.write(f"{r['file']:<{width}}  {verdicts[r['file']]:<{verdict_width}} "
                  + " ".join(f"{v:>{w}}" for v, w in zip(cells, widths)) + "\n")
    failed = sum(r["verdict"] == "fail" for r in rows)
    unreadable = sum(r["verdict"] == "unreadable" for r in rows)
    out.write("\n" + label("ledgers.summary", lang, n=len(rows), passed=len(rows) - failed - unreadable,
                           failed=failed, unreadable=unreadable) + "\n")
