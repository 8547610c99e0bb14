"""The command line: ``avstem check``, ``ledger``, ``rules``, ``explain``, ``template``, ``convert``.

Exit codes: 0 — nothing at or above ``--fail-on``; 1 — findings at or above
it; 2 — the input could not be read or the command was wrong (one line on
stderr naming the file and the place), or no rule ran; 3 — an internal
error (a bug: please report it; ``AVSTEM_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from typing import Sequence

from ledger.core.errors import InputError, one_line
from ledger.vocabulary.labels import msg
from reports.safe_text import visible

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line instead of exiting."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see {self.prog.split()[0]} --help)")


class _Once(argparse.Action):
    """An option that takes one value and may be given once: ``--json a --json b`` is an error, not last-wins."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, f"_given_{self.dest}", False):
            parser.error(f"{option_string} is given twice; give it once")
        setattr(namespace, f"_given_{self.dest}", True)
        setattr(namespace, self.dest, values)


#: The outputs a check writes besides the console: option -> what it is.
OUTPUTS = ("--json", "--report", "--junit", "--html", "--gitlab")


def build_parser() -> argparse.ArgumentParser:
    from avstem import __version__

    parser = _Parser(prog="avstem", description="Check the annual accounts (årsregnskap) of a Norwegian "
                                                "state agency against R-115, R-2 and the økonomiregelverk.")
    parser.add_argument("--version", action="version", version=f"avstem {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="check an agency's accounts and report every finding")
    check.add_argument("accounts", metavar="ACCOUNTS", nargs="+",
                       help="the accounts: a YAML file in avstem's form, the agency's .xlsx workbook, or its "
                            "published annual report (.pdf, or its text as .txt); several, a folder or a quoted "
                            "glob ('reports/*.pdf') make a portfolio run with one summary (--json, --report)")
    check.add_argument("--context", metavar="FILE", action=_Once,
                       help="the context of the appropriations (stikkord, fullmakter) in a file of its own")
    check.add_argument("--prior", metavar="LAST_YEAR", action=_Once,
                       help="last year's accounts, or a comparatives file, to check the prior-year figures")
    check.add_argument("--config", metavar="FILE", action=_Once,
                       help="avstem.toml with settings (default: the one beside the accounts, else in the current "
                            "folder)")
    check.add_argument("--no-config", action="store_true", help="use no avstem.toml, even where one is found")
    check.add_argument("--json", metavar="FILE|-", action=_Once,
                       help="write the findings as JSON (- for standard output)")
    check.add_argument("--report", metavar="FILE.xlsx", action=_Once, help="write the Excel audit report")
    check.add_argument("--junit", metavar="FILE", action=_Once, help="write the findings as JUnit XML, for CI")
    check.add_argument("--html", metavar="FILE.html", action=_Once,
                       help="write a single-file HTML report (findings, statements with marks; opens offline)")
    check.add_argument("--gitlab", metavar="FILE", action=_Once,
                       help="write a GitLab code-quality report (Code Climate JSON)")
    check.add_argument("--lang", choices=("nb", "nn", "en"), action=_Once,
                       help="language of the output (default nb)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), action=_Once,
                       help="exit 1 when a finding is at or above this severity (default error)")
    check.add_argument("--require-all", action="store_true",
                       help="exit 1 when a rule could not run because its input was not given")
    check.add_argument("--ledger", metavar="LEDGER", action=_Once,
                       help="the general ledger (CSV, xlsx or Parquet): check its quality and reconcile it to the accounts")
    check.add_argument("--agency", metavar="NAME", action=_Once,
                       help="the agency's name, where the accounts give none (no details section, document "
                            "property or title line): otherwise the file name is used")
    check.add_argument("--engine", choices=("duckdb", "spark"),
                       help="the ledger's engine: duckdb (embedded, default) or spark ([ledger] master in avstem.toml)")

    ledger = sub.add_parser("ledger", help="check ledger exports alone (an import gate): their data quality")
    ledger.add_argument("ledger", metavar="LEDGER", nargs="+",
                        help="a general ledger or trial balance (CSV, xlsx or Parquet); several, a folder or a "
                             "quoted glob ('ledgers/*.csv') check each in one engine session, with one summary")
    ledger.add_argument("--year", type=int, action=_Once,
                        help="the fiscal year (default: the year most dates fall in)")
    for option in ("--config", "--no-config", *OUTPUTS, "--lang", "--fail-on", "--require-all", "--engine"):
        ledger._add_action(next(a for a in check._actions if option in a.option_strings))

    rules = sub.add_parser("rules", help="list the rule catalogue")
    form = rules.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print the catalogue as JSON")
    form.add_argument("--markdown", action="store_true", help="print the catalogue as Markdown (docs/rules.md)")
    rules.add_argument("--lang", choices=("nb", "nn", "en"), default="nb", help="language of the titles")

    explain = sub.add_parser("explain", help="explain one rule: what, why, example, legal basis")
    explain.add_argument("rule_id", metavar="RULE_ID")
    explain.add_argument("--lang", choices=("nb", "nn", "en"), default="nb",
                         help="language of the explanation (default nb)")

    template = sub.add_parser("template", help="write a blank accounts workbook in avstem's layout")
    template.add_argument("output", metavar="FILE.xlsx")
    template.add_argument("--lang", choices=("nb", "nn"), default="nb", help="language of the labels (default nb)")
    template.add_argument("--force", action="store_true", help="replace FILE.xlsx if it exists")

    convert = sub.add_parser("convert", help="convert accounts between the YAML form and a workbook, exactly")
    convert.add_argument("input", metavar="IN", help="the accounts: .yaml or .xlsx")
    convert.add_argument("output", metavar="OUT", help="the file to write: .yaml or .xlsx")
    convert.add_argument("--context", metavar="FILE", help="a context file of its own, to include in OUT")
    convert.add_argument("--agency", metavar="NAME", help="the agency's name, where the accounts give none")
    convert.add_argument("--lang", choices=("nb", "nn", "en"), help="language of an error (default nb)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # the reader of our output went away (`avstem rules --json | head -1`): stop quietly, as a Unix tool
        # killed by SIGPIPE does; Python would otherwise complain once more when it flushes stdout at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE


EXIT_PIPE = 128 + 13  # what a shell reports for a process ended by SIGPIPE


def _main(argv: Sequence[str] | None) -> int:
    from avstem.output import Terminated, signals_as_exceptions

    _LANGUAGE[0] = "nb"  # main() is called more than once in a process (the tests)
    try:
        with signals_as_exceptions():  # SIGTERM cleans up as Ctrl-C does: no temporary file is left
            args = build_parser().parse_args(argv)
            _speak(getattr(args, "lang", None))
            if args.command is None:
                build_parser().print_help(sys.stderr)
                return EXIT_INPUT
            commands = {"check": _check, "ledger": _ledger, "rules": _rules, "explain": _explain,
                        "template": _template, "convert": _convert}
            return commands[args.command](args)
    except Terminated as exc:
        print("avstem: terminated", file=sys.stderr)
        return 128 + exc.signum
    except UsageError as exc:
        print(visible(one_line(str(exc))), file=sys.stderr)
        return EXIT_INPUT
    except InputError as exc:
        print(f"avstem: {visible(exc.render(_LANGUAGE[0]))}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("avstem: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: one line, unless debugging
        if os.environ.get("AVSTEM_DEBUG"):
            raise
        print(f"avstem: internal error: {type(exc).__name__}: {one_line(str(exc))} "
              "(a bug in avstem; run with AVSTEM_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


#: The language input errors are written in: ``--lang``, else the config's ``lang``, else nb.
_LANGUAGE = ["nb"]


def _speak(lang: str | None) -> str:
    """Take ``lang`` as the user's language from here on (None keeps the one known); return it."""
    if lang:
        _LANGUAGE[0] = lang
    return _LANGUAGE[0]


def _progress():
    """Stage messages on stderr, overwriting one line, when stderr is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None

    def say(message: str) -> None:
        sys.stderr.write(f"\ravstem: {message}\033[K")
        sys.stderr.flush()

    return say


def _ledger(args: argparse.Namespace) -> int:
    """One ledger: the report of `avstem check` without accounts. Several (or a folder, or a glob): one
    engine session and a summary, a row per file."""
    from avstem.ledgers import expand, run_many

    files, several = expand(args.ledger)
    if not files:
        raise UsageError(f"avstem ledger: no ledger file in {' '.join(args.ledger)}")
    if not several:
        args.ledger = files[0]
        return _check(args)
    return run_many(args, files)


def _check(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from avstem.clock import run_time
    from avstem.config import find_config, load_config
    from avstem.output import guard_outputs, write_all
    from avstem.pipeline import CheckRequest, check
    from reports import console, json_report
    from rules.findings import Severity

    # `avstem ledger` shares this path without the accounts' own options
    accounts = getattr(args, "accounts", None)
    if isinstance(accounts, list):
        from avstem.portfolio import is_portfolio

        if is_portfolio(accounts):
            return _portfolio(args)
        accounts = args.accounts = accounts[0]
    context, prior = getattr(args, "context", None), getattr(args, "prior", None)
    year = getattr(args, "year", None)
    if year is not None:
        _check_year(year)
    run_time()  # a SOURCE_DATE_EPOCH no output can hold is refused before the run, not after it
    config_path, origin = args.config, "option" if args.config else None
    if config_path is None and not args.no_config:
        found = find_config(accounts or args.ledger)
        if found:
            config_path, origin = found
            if origin == "beside" and not accounts:
                origin = "beside_ledger"  # `avstem ledger`: the file beside the ledger
    config = load_config(config_path)
    outputs = {option: getattr(args, option[2:]) for option in OUTPUTS}
    lang = _speak(args.lang or config.lang or "nb")  # from here on, errors in the user's language
    guard_outputs(outputs, [accounts, args.ledger, config_path, context, prior, config.kontoplan])
    _check_output_names(args)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else None
    progress = _progress() if args.ledger else None
    request = CheckRequest(accounts, config_path, fail_on, context, prior, args.ledger, year, progress,
                           getattr(args, "agency", None), engine=getattr(args, "engine", None),
                           require_all=args.require_all, drill=bool(args.report))
    try:
        outcome = check(request, config)
    finally:
        if progress:
            sys.stderr.write("\r\033[K")
    if not outcome.rules_run:
        raise InputError(accounts or args.ledger, None, msg("input.nothing_checked"))
    outcome = replace(outcome, config_origin=origin)
    files: dict[str, bytes] = {}  # every output is built before any is written
    if args.json and args.json != "-":
        files[args.json] = json_report.dumps(outcome, lang).encode("utf-8")
    if args.junit:
        from reports import junit

        files[args.junit] = junit.dumps(outcome, lang)
    if args.report:
        from reports import xlsx  # openpyxl only when a report is asked for

        files[args.report] = xlsx.build(outcome, lang)
    if args.html:
        from reports import html

        files[args.html] = html.dumps(outcome, lang).encode("utf-8")
    if args.gitlab:
        from reports import gitlab

        files[args.gitlab] = gitlab.dumps(outcome, lang).encode("utf-8")
    # the files first, all or none: a reader that stops reading the console (`| head`) must not cost the report
    write_all(files)
    text = io.StringIO()
    if outcome.accounts is not None:
        from avstem.notices import missing_lines

        text.writelines(line + "\n" for line in missing_lines(outcome.accounts.facts, lang, outcome.accounts.year))
    console.write(outcome, text, lang)
    stream = sys.stderr if args.json == "-" else sys.stdout
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from reports import github

        github.write_summary(outcome, lang)  # the job summary, when the runner names its file
        text.write(github.annotations(outcome, lang))
    stream.write(visible(text.getvalue()))
    if args.json == "-":
        sys.stdout.write(json_report.dumps(outcome, lang))
    return EXIT_FINDINGS if outcome.failed else EXIT_OK


def _check_year(year: int) -> None:
    """``avstem ledger --year``: the years the YAML form and the workbook accept."""
    from ledger.core.accounts import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(f"avstem ledger: --year {year} is not a year between {FIRST_YEAR} and {LAST_YEAR}")


def _portfolio(args: argparse.Namespace) -> int:
    """Several accounts in one run (avstem.portfolio): one summary, a row per input; the worst verdict's exit."""
    from avstem import __version__
    from avstem.clock import run_time
    from avstem.config import load_config
    from avstem.output import guard_outputs, write_all
    from avstem.portfolio import expand, report_names, run
    from reports import portfolio as summary
    from rules.findings import Severity

    for option, value in (("--context", args.context), ("--prior", args.prior), ("--ledger", args.ledger),
                          ("--junit", args.junit), ("--html", args.html), ("--gitlab", args.gitlab),
                          ("--agency", args.agency), ("--engine", args.engine), ("--require-all", args.require_all)):
        if value:
            raise UsageError(f"avstem check: {option} is for one agency's accounts; a portfolio run pairs each "
                             "agency's years itself (give last year's accounts or comparatives among the inputs)")
    if args.json == "-":
        raise UsageError("avstem check: a portfolio run writes its JSON summary to a file, not standard output")
    _check_output_names(args)
    files = expand(args.accounts)
    config = load_config(args.config)
    lang = _speak(args.lang or config.lang or "nb")
    guard_outputs({"--json": args.json, "--report": args.report}, [*files, args.config])
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    progress = _progress()
    try:
        result, reports = run(files, config=args.config, fail_on=fail_on, lang=lang, report=args.report,
                              progress=progress)
    finally:
        if progress:
            sys.stderr.write("\r\033[K")
    when = run_time()
    outputs: dict[str, bytes] = {}
    if args.json:
        outputs[args.json] = summary.dumps(result, lang, when, __version__).encode("utf-8")
    if args.report:
        if set(report_names(args.report, result.rows).values()) & set(files):
            raise UsageError(f"avstem check: --report {args.report}: an agency's own report would overwrite an input")
        outputs[args.report] = summary.build(result, lang, when, __version__)
        outputs.update(reports)
    text = io.StringIO()
    summary.write(result, text, lang)
    sys.stdout.write(text.getvalue())
    write_all(outputs)
    return result.exit_code


def _check_output_names(args: argparse.Namespace) -> None:
    for option in ("--report", "--junit", "--html", "--gitlab"):
        if getattr(args, option[2:]) == "-":
            raise UsageError(f"avstem check: {option} needs a file name, not standard output")
    if args.report and not args.report.lower().endswith(".xlsx"):
        raise UsageError(f"avstem check: --report {args.report}: the report is an Excel workbook; "
                         "give the file name the ending .xlsx")


def _template(args: argparse.Namespace) -> int:
    from pathlib import Path

    from avstem.output import guard_outputs, write_atomic
    from ledger.forms.convert import template

    guard_outputs({"FILE": args.output}, [])
    if Path(args.output).exists() and not args.force:
        # a filled-in workbook is a year's work: never replaced by a blank one without asking
        raise InputError(args.output, None, msg("input.template_exists"))
    write_atomic(args.output, template(args.output, args.lang))
    print(f"avstem: wrote {args.output}, a blank accounts workbook ({args.lang})")
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from avstem.output import guard_outputs, write_atomic
    from ledger.forms.convert import convert

    guard_outputs({"OUT": args.output}, [args.input, args.context])
    write_atomic(args.output, convert(args.input, args.output, args.context, args.agency))
    print(f"avstem: wrote {args.output} from {args.input}")
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from rules.registry import load_catalogue

    catalogue = load_catalogue()
    if args.json:
        print(json.dumps([_rule_dict(r, args.lang) for r in catalogue.values()], ensure_ascii=False, indent=2))
        return EXIT_OK
    if args.markdown:
        sys.stdout.write(catalogue_markdown(catalogue))
        return EXIT_OK
    for r in catalogue.values():
        print(f"{r.id:<6} {r.severity.label:<8} {r.tolerance:<9} {r.title(args.lang)}")
    print(f"\n{len(catalogue)} rules. `avstem explain RULE_ID` shows one rule's documentation.")
    return EXIT_OK


def _rule_dict(r, lang: str) -> dict:
    return {
        "id": r.id, "family": r.family, "title": r.title(lang), "severity": r.severity.label,
        "tolerance": r.tolerance, "needs": r.needs, "parameters": list(r.parameters),
        "references": [{"document": ref.document, "section": ref.section, "url": ref.url} for ref in r.references],
        "doc": {"what": r.doc.what, "why": r.doc.why, "example": r.doc.example, "legal_basis": r.doc.legal_basis},
    }


def catalogue_markdown(catalogue) -> str:
    from rules import CATALOGUE_VERSION
    from rules.registry import FAMILIES

    out = ["# The rule catalogue", "", f"Catalogue version {CATALOGUE_VERSION}, {len(catalogue)} rules. "
           "Generated by `avstem rules --markdown`; `avstem explain RULE_ID` prints one rule.", ""]
    family = None
    for r in catalogue.values():
        if r.family != family:
            family = r.family
            out += [f"## {family} — {FAMILIES[family]}", ""]
        out += [f"### {r.id} {r.title('en')}", "",
                f"*{r.title('nb')}* · severity **{r.severity.label}** · tolerance **{r.tolerance}**", "",
                f"**What it checks.** {_flat(r.doc.what)}", "", f"**Why it matters.** {_flat(r.doc.why)}", "",
                f"**Example.** {_flat(r.doc.example)}", "", f"**Legal basis.** {_flat(r.doc.legal_basis)}", ""]
        out += [f"- [{ref}]({ref.url})" for ref in r.references] + [""]
    return "\n".join(out)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _explain(args: argparse.Namespace) -> int:
    from reports.i18n import label
    from rules.registry import load_catalogue

    catalogue = load_catalogue()
    rule_id = args.rule_id.strip().upper()
    r = catalogue.get(rule_id)
    if r is None:
        raise UsageError(f"avstem explain: unknown rule {args.rule_id!r}{_did_you_mean(args.rule_id, catalogue)} "
                         "(see avstem rules)")
    lang = args.lang

    def say(name: str, **params) -> str:
        return label(name, lang, **params)

    doc = r.explained(lang)
    out = [f"{r.id} — {r.title(lang)}",
           f"{say('explain.family')}: {say(f'family.{r.family}')}",
           f"{say('explain.severity')}: {say(r.severity.label).lower()}    "
           f"{say('explain.tolerance')}: {say(f'tolerance.{r.tolerance}')}"]
    for heading, body in (("explain.what", doc.what), ("explain.why", doc.why), ("explain.example", doc.example),
                          ("explain.basis", doc.legal_basis)):
        out += ["", f"{say(heading)}:", _indent(body)]
    out += ["", f"{say('explain.references')}:"]
    out += [f"  - {ref}\n    {ref.url}" for ref in r.references]
    if r.parameters:
        from rules.parameters import load_table

        table = load_table()
        out += ["", f"{say('explain.parameters')}:"]
        for name in r.parameters:
            p = table[name]
            out.append(f"  {name} — {say(f'param.{name}')}")
            out += [f"    {say('explain.since', since=v.since.isoformat(), value=str(v.value))}" for v in p.values]
            out.append(f"    {say('explain.status', status=p.status, reviewed=p.reviewed.isoformat())}"
                       + (f"; {say('explain.settable')}" if p.settable else ""))
            out += [f"    {say('explain.reference', since=ref.since.isoformat(), title=ref.title)}\n      {ref.href}"
                    for ref in p.references]
    print("\n".join(out))
    return EXIT_OK


def _did_you_mean(text: str, catalogue) -> str:
    from rules.registry import nearest_ids

    near = nearest_ids(text, catalogue)
    return f"; did you mean {' or '.join(near)}?" if near else ""


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
