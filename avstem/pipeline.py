"""The main job: read the inputs, run the rules, hand one outcome to the writers."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Callable

from avstem import __version__
from avstem.clock import run_time
from avstem.config import Config, load_config
from ledger.forms.inputs import read_accounts, read_prior
from ledger.guards.input_file import regular_file
from reports.outcome import InputFile, Outcome, ParameterSet
from rules import CATALOGUE_VERSION
from rules.engine import run
from rules.findings import Severity
from rules.parameters import Parameters, load_table, value_text
from rules.registry import load_catalogue
from rules.settings import Settings


@dataclass(frozen=True)
class CheckRequest:
    accounts: str | None  # None: the ledger alone (`avstem ledger`)
    config: str | None = None
    fail_on: Severity | None = None
    context: str | None = None
    prior: str | None = None
    ledger: str | None = None
    year: int | None = None  # the ledger's fiscal year when there are no accounts
    progress: Callable[[str], None] | None = None
    agency: str | None = None  # --agency: the name where the accounts give none
    engine: str | None = None  # the ledger's engine (--engine); default [ledger] engine, else duckdb
    require_all: bool = False  # --require-all: a rule that could not run fails the run
    drill: bool = False  # keep the first ledger lines behind each sum (the Excel report's drill-down)


#: What the ledger path imports beyond the statements' needs: the ``ledger`` extra (pyproject.toml).
LEDGER_EXTRA = ("numpy", "pandas", "pyarrow", "duckdb", "great_expectations", "python_calamine")


def require_ledger_extra(ledger: str) -> None:
    """One line naming the command to run when ``pip install avstem`` left the ledger's stack out."""
    import importlib.util

    from ledger.core.errors import InputError
    from ledger.vocabulary.labels import msg

    missing = [name for name in LEDGER_EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(ledger, None, msg("input.ledger_extra", missing=", ".join(missing)))


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def digest_later(path: str) -> Callable[[], str]:
    """The sha256 of a file, computed in a daemon thread (hashlib hashes outside the GIL) while the run
    goes on: a 10^7-line ledger takes ~1.5 s to hash. Call the result to wait for the digest."""
    box: dict = {}

    def work():
        try:
            box["digest"] = sha256_of(path)
        except BaseException as exc:  # raised where the digest is asked for, as before
            box["error"] = exc

    thread = threading.Thread(target=work, name=f"sha256 {path}", daemon=True)
    thread.start()

    def digest() -> str:
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["digest"]

    return digest


def engine_settings(request: CheckRequest, config: Config):
    """The ledger engine's settings: --engine, then avstem.toml's [ledger]."""
    from ledger.general_ledger.importer import EngineSettings

    return EngineSettings(request.engine or config.engine or "duckdb", config.memory_limit, config.temp_directory,
                          config.master)


def check(request: CheckRequest, config: Config | None = None, engine=None) -> Outcome:
    """``engine``: an open ledger engine to import with (a session over many ledgers); else one for this run."""
    generated_at = run_time()  # SOURCE_DATE_EPOCH is checked before anything is read
    config = config if config is not None else load_config(request.config)
    for path in (request.accounts, request.context, request.prior, request.ledger,
                 config.kontoplan if request.ledger else None):
        if path:
            regular_file(path)  # a named pipe or a device is refused before anything opens it
    if request.ledger:
        require_ledger_extra(request.ledger)  # before anything is read: a missing package is said at once
    ledger_digest = digest_later(request.ledger) if request.ledger else None
    if request.ledger:  # great-expectations' import (~1.5 s) in a thread from the start, while the inputs are read
        from ledger.general_ledger import quality

        quality.preload(engine_settings(request, config).engine)
    accounts = read_accounts(request.accounts, request.context, request.agency) if request.accounts else None
    prior = read_prior(request.prior, accounts.year) if request.prior and accounts else None
    return evaluate(request, config, accounts, prior, ledger_digest, engine=engine, generated_at=generated_at)


def evaluate(request: CheckRequest, config: Config, accounts, prior, ledger_digest=None, *, engine=None,
             generated_at=None) -> Outcome:
    """The rules over accounts (and last year's figures) already read: the outcome the writers render. A
    portfolio run reads every file first, to pair each agency's years (:mod:`avstem.portfolio`)."""
    generated_at = generated_at or run_time()
    settings = Settings(tolerance_cap=config.tolerance_cap,
                        parameters=Parameters(load_table(), config.parameters))
    ledger = None
    if request.ledger:
        # the engine, pandas, Arrow and great-expectations: this path only
        from ledger.general_ledger.importer import import_ledger, open_engine
        from rules.catalogue.je import journal_parameters

        own = open_engine(engine_settings(request, config)) if engine is None else None
        try:
            ledger = import_ledger(request.ledger, year=accounts.year if accounts else request.year,
                                   columns=config.ledger_columns, sheet=config.ledger_sheet,
                                   kontoplan=config.kontoplan, progress=request.progress, engine=engine or own,
                                   journal=lambda year: journal_parameters(settings.parameters, year),
                                   drill=request.drill)
        finally:
            if own is not None:
                own.close()
    optional = {"prior": prior, "ledger": ledger, "deviations": config.deviations or None}
    result = run(accounts, settings, **{name: value for name, value in optional.items() if value is not None})
    catalogue = load_catalogue()
    order = {rule_id: i for i, rule_id in enumerate(catalogue)}
    findings = sorted(result.findings, key=lambda f: (-f.severity, order[f.rule]))
    # the kontoplan mapping is an input only where a ledger is read: a config naming one does not make it read
    given = [("accounts", request.accounts), ("context", request.context), ("prior", request.prior),
             ("ledger", request.ledger), ("config", config.path),
             ("kontoplan", config.kontoplan if request.ledger else None)]
    inputs = [InputFile(role, path, ledger_digest() if role == "ledger" else sha256_of(path))
              for role, path in given if path]
    year = accounts.year if accounts else (ledger.year if ledger else None)
    return Outcome(
        accounts=accounts,
        findings=tuple(findings),
        rules=catalogue,
        rules_run=result.rules_run,
        rules_skipped=result.rules_skipped,
        fail_on=request.fail_on or config.fail_on or Severity.ERROR,
        require_all=request.require_all or config.require_all,
        inputs=tuple(inputs),
        generated_at=generated_at,
        version=__version__,
        catalogue_version=CATALOGUE_VERSION,
        computations=result.computations,
        ledger=ledger.info if ledger else None,
        year=year,
        year_inferred=accounts is None and ledger is not None and ledger.year_inferred,
        derived=ledger.derived if ledger else None,
        journal=ledger.journal if ledger else None,
        ledger_lines=ledger.lines if ledger else None,
        parameters=parameters_set(settings.parameters, year),
    )


def parameters_set(parameters: Parameters, year: int | None) -> tuple[ParameterSet, ...]:
    """The parameters the configuration set, each with the value it replaces: the one in force at the end of
    the year (the latest where the year is not known)."""
    import datetime as dt

    out = []
    for name, value in sorted(parameters.overrides.items()):
        known = parameters[name]
        try:
            default = known.at(dt.date(year, 12, 31)) if year else known.values[-1].value
        except LookupError:  # a year before its first value: the rule reads the configuration's alone
            default = known.values[0].value
        out.append(ParameterSet(name, value_text(value), value_text(default)))
    return tuple(out)
