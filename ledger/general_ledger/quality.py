"""The data-quality suite for a ledger import, run by great-expectations on the ledger's distinct values.

Imported only on the ledger path, lazily (:func:`preload` starts the import in
a thread while the engine reads the file); run in an ephemeral context
(nothing written, no network), analytics off, progress bars silenced through
GX's own configuration. GX sees integer øre, never Decimal.

What GX validates. Every check on a column's values — a format (regex), a
blank key, an amount that does not parse, a date or period outside the year —
is a function of the one value on the line (for a blank kapittel/post, of the
value and whether the line's account needs one, itself a function of the
account). GX therefore validates one row per distinct value (per distinct
value and need for kapittel and post): a few hundred rows, all columns in one
frame and one validation, whatever the ledger's size. Its answer is the set of
failing values; the engine counts the lines that hold them and names the first
ten (:mod:`ledger.general_ledger.importer`). A line fails exactly when its
value fails, so counts, first lines and samples are those GX reported on one
row per line before (``tests/test_ledger_pinned.py`` pins them), and a check
succeeds exactly when no line fails (only values some line holds are in the
frame). The duplicate check is the engine's ``GROUP BY … HAVING``
(:func:`ledger.general_ledger.sql.repeated_hashes`), not GX's self-join.

Measured against GX's SQL datasource on the engine (tests/benchmarks/bench_gx.py,
README "Performance"): on distinct values the suite takes ~0.4 s at 10^6 and
10^7 lines; through SQL, 2.1 s and 32 s, several queries per expectation over
every line, two patches to GX for DuckDB, and no way to check amounts and
dates, which need per-line øre and years. The distinct-value frame is used.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import threading
from dataclasses import dataclass

from ledger.general_ledger.model import QualityResult
from ledger.vocabulary.ledger_fields import REQUIRED

SAMPLE = 10
#: The suite: (check id, column(s), expectation, its arguments). Formats are
#: those of the standard kontoplan and the state's kapittel/post codes.
ACCOUNT = r"^[0-9]{4}(?:[0-9]{1,2})?$"  # a four-digit account, or a sub-account of up to six digits
CHAPTER = r"^[0-9]{4}$"
POST = r"^[0-9]{2}$"
#: The frame's column for a checked column (the checked column as reported: amount_ore, date_year).
FRAME_COLUMN = {"amount_ore": "amount", "date_year": "date"}


@dataclass(frozen=True)
class Check:
    check: str  # the suite's check id
    column: str  # the column it reads, as reported
    kind: str  # the GX expectation
    kwargs: dict
    condition: str | None = None  # only rows where this boolean column is True (a GX row condition)


def suite(columns: set[str], year: int | None, duplicate_columns: list[str]) -> list[Check]:
    """The checks, in the suite's order, for the checked columns there are."""
    checks = [Check("columns", c, "ExpectColumnToExist", {}) for c in REQUIRED]
    if "account" in columns:
        checks += [Check("empty_key", "account", "ExpectColumnValuesToNotBeNull", {}, condition="in_account"),
                   Check("account_format", "account", "ExpectColumnValuesToMatchRegex", {"regex": ACCOUNT})]
    for name, regex in (("chapter", CHAPTER), ("post", POST)):
        if name in columns:
            checks += [Check("empty_key", name, "ExpectColumnValuesToNotBeNull", {}, condition=f"needs_{name}"),
                       Check(f"{name}_format", name, "ExpectColumnValuesToMatchRegex", {"regex": regex})]
    if "amount_ore" in columns:
        checks.append(Check("amount_parses", "amount_ore", "ExpectColumnValuesToNotBeNull", {},
                            condition="in_amount"))
    if year is not None:
        if "date_year" in columns:
            checks.append(Check("in_year", "date_year", "ExpectColumnValuesToBeInSet", {"value_set": [year]}))
        if "period" in columns:
            checks.append(Check("in_year", "period", "ExpectColumnValuesToMatchRegex",
                                {"regex": rf"^{year}-?(?:0[0-9]|1[0-3])$"}))
    if len(duplicate_columns) > 1:
        checks.append(Check("duplicates", ",".join(duplicate_columns), "GROUP BY … HAVING", {}))
    return checks


def reported_order(checks: list[Check]) -> list[int]:
    """GX's validator reports a suite's results grouped by column, in the order each column first
    appears (expectations without one column — the duplicate check — as one group); the results keep
    that order, as the one suite over the whole ledger gave them."""
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(checks):
        groups.setdefault("" if c.check == "duplicates" else c.column, []).append(i)
    return [i for group in groups.values() for i in group]


def _errors(result) -> str | None:
    info = result.exception_info or {}
    if "raised_exception" in info:  # the flat shape
        return info.get("exception_message") if info["raised_exception"] else None
    messages = [v.get("exception_message") for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    return "; ".join(m for m in messages if m) or None


# --- importing great-expectations: lazily, in a thread, and only what the suite uses ----------------

#: Imported by GX at its own import but used only by expectations the suite has none of (distributions:
#: scipy.stats; charts: altair, vega): loaded on first use instead (importlib's LazyLoader).
_LAZY = ("scipy.stats",)
#: Optional for GX, and unused by a suite on pandas frames: hidden while GX is imported, so it takes its
#: "not installed" path (pyspark also exits the process when imported from ``python -c``).
_HIDDEN = ("sqlalchemy", "pyspark")
#: Spark Connect, which avstem does not use: hidden even where pyspark is visible (the Spark engine, or pyspark
#: imported before), for its import exits the process where the main module has no file (an embedded
#: interpreter; pytest-xdist's workers).
_CONNECT = ("pyspark.sql.connect",)

_loading: dict[str, object] = {}


def _lazy(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def _import(hide: tuple[str, ...]) -> None:
    collecting = gc.isenabled()
    gc.disable()  # the import makes ~10^6 objects and no garbage: collecting them costs a tenth of it
    hidden = [name for name in hide if name not in sys.modules]
    try:
        for name in _LAZY:
            _lazy(name)
        for name in hidden:
            sys.modules[name] = None  # an ImportError for GX's optional-dependency probe
        import great_expectations  # noqa: F401
        import great_expectations.expectations  # noqa: F401
    except BaseException as exc:  # raised where GX is used
        _loading["error"] = exc
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
        if collecting:
            gc.enable()


def preload(engine: str = "duckdb") -> None:
    """Start importing great-expectations (~1.5 s of pure Python) in a thread while the engine reads the
    ledger (DuckDB works outside the GIL); :func:`run_suite` waits for it. With the Spark engine pyspark
    stays visible: the engine imports it meanwhile."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    hide = tuple(name for name in _HIDDEN if not (engine == "spark" and name == "pyspark")) + _CONNECT
    if "thread" not in _loading:
        _loading["thread"] = threading.Thread(target=_import, args=(hide,), name="import great_expectations",
                                              daemon=True)
        _loading["thread"].start()


def _context():
    preload()
    _loading["thread"].join()  # no GX import in this thread before: it may still be importing it
    if "error" in _loading:
        raise _loading.pop("error")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.execution_engine import pandas_execution_engine

    # GX fingerprints every in-memory batch under 1 GB (an md5 over every row) for a batch marker
    # nothing here reads: set that limit to zero.
    pandas_execution_engine.HASH_THRESHOLD = 0
    if "context" not in _loading:
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        _loading["context"] = context
        _loading["batches"] = {}
    return gx, _loading["context"]


def frame(columns: dict[str, object], flags: dict[str, list[bool]]):
    """One pandas frame of every checked column's distinct values (each a pandas Series from row 0; shorter
    ones padded with nulls) and the boolean condition columns (False on the padding)."""
    import pandas as pd

    length = max([len(v) for v in columns.values()] + [len(v) for v in flags.values()] + [0])
    data = {}
    for name, values in columns.items():
        data[name] = values.reindex(range(length))
    for name, values in flags.items():
        data[name] = pd.Series(list(values) + [False] * (length - len(values)), dtype=bool)
    return pd.DataFrame(data, index=pd.RangeIndex(length))


def run_suite(data, checks: list[Check]) -> dict[int, tuple[bool, list[int], str | None]]:
    """Validate the frame with every check but the duplicate check: per check index, its success, the
    frame rows that failed and GX's error, if the expectation could not be evaluated."""
    gx, context = _context()
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    batches = _loading["batches"]
    if "frame" not in batches:  # one datasource per process: a session validates many ledgers
        asset = context.data_sources.add_pandas(name="ledger").add_dataframe_asset(name="ledger")
        batches["frame"] = asset.add_batch_definition_whole_dataframe(name="distinct values")
    expectations = []
    for i, c in enumerate(checks):
        if c.check == "duplicates":
            continue
        kwargs = dict(c.kwargs)
        if c.condition:
            kwargs["row_condition"] = Column(c.condition) == True  # noqa: E712 - a GX condition
        column = FRAME_COLUMN.get(c.column, c.column)
        expectations.append(getattr(gxe, c.kind)(column=column, **kwargs, meta={"check": c.check, "index": i}))
    suite_ = gx.ExpectationSuite(name=f"ledger_import_{len(batches)}", expectations=expectations)
    batches[suite_.name] = suite_
    validation = batches["frame"].get_batch(batch_parameters={"dataframe": data}).validate(
        suite_, result_format={"result_format": "COMPLETE"})  # every failing value, to find its lines
    outcome = {}
    for r in validation.results:
        result = r.result or {}
        outcome[r.expectation_config.meta["index"]] = (bool(r.success),
                                                      [int(x) for x in result.get("unexpected_index_list") or ()],
                                                      _errors(r))
    return outcome


def result(check: Check, success: bool, count: int = 0, rows: tuple[int, ...] = (), samples: tuple[str, ...] = (),
           error: str | None = None) -> QualityResult:
    return QualityResult(check.check, check.column, success, count, rows, samples, error)
