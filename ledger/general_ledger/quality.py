"""The data-quality suite for a ledger import, run by great-expectations.

Imported only on the ledger path (GX takes ~2 s to import, in a thread while the
ledger is parsed and derived: :func:`preload`); run in an ephemeral context
(nothing written, no network), analytics off, progress bars silenced through
GX's own configuration. GX sees integer øre, never Decimal (its
aggregate expectations would turn Decimal into float, slowly).

Each expectation carries a ``check`` id; :class:`~ledger.general_ledger.model.QualityResult`
holds its outcome with the first failing lines (numbered as in the file) and
their values. The DQ rules turn these into findings. What GX validates — each
column's distinct values, and one key per line for duplicates — and why that
gives the same results as one row per line, is in :mod:`ledger.general_ledger.quality_frames`.
"""

from __future__ import annotations

import gc
import os
import threading
from dataclasses import dataclass

import numpy as np

from ledger.general_ledger.model import QualityResult
from ledger.general_ledger.quality_frames import Frame
from ledger.vocabulary.ledger_fields import REQUIRED

SAMPLE = 10
#: The suite: (check id, column(s), expectation, its arguments). Formats are
#: those of the standard kontoplan and the state's kapittel/post codes.
ACCOUNT = r"^[0-9]{4}(?:[0-9]{1,2})?$"  # a four-digit account, or a sub-account of up to six digits
CHAPTER = r"^[0-9]{4}$"
POST = r"^[0-9]{2}$"


@dataclass(frozen=True)
class Check:
    check: str  # the suite's check id
    column: str  # the column it reads, as reported
    frame: str  # the frame it validates (a key of the frames given to run_suite)
    kind: str  # the GX expectation
    kwargs: dict
    condition: str | None = None  # only rows where this boolean column is True (a GX row condition)


def suite(frames: dict[str, Frame], year: int | None, duplicate_columns: list[str]) -> list[Check]:
    """The checks, in the suite's order, for the frames there are."""
    checks = [Check("columns", c, "headings", "ExpectColumnToExist", {}) for c in REQUIRED]
    if "account" in frames:
        checks += [Check("empty_key", "account", "account", "ExpectColumnValuesToNotBeNull", {}),
                   Check("account_format", "account", "account", "ExpectColumnValuesToMatchRegex", {"regex": ACCOUNT})]
    for name, regex in (("chapter", CHAPTER), ("post", POST)):
        if name in frames:
            checks += [Check("empty_key", name, name, "ExpectColumnValuesToNotBeNull", {}, condition="needs_post"),
                       Check(f"{name}_format", name, name, "ExpectColumnValuesToMatchRegex", {"regex": regex})]
    if "amount_ore" in frames:
        checks.append(Check("amount_parses", "amount_ore", "amount_ore", "ExpectColumnValuesToNotBeNull", {}))
    if year is not None:
        if "date_year" in frames:
            checks.append(Check("in_year", "date_year", "date_year", "ExpectColumnValuesToBeInSet",
                                {"value_set": [year]}))
        if "period" in frames:
            checks.append(Check("in_year", "period", "period", "ExpectColumnValuesToMatchRegex",
                                {"regex": rf"^{year}-?(?:0[0-9]|1[0-3])$"}))
    if len(duplicate_columns) > 1:
        checks.append(Check("duplicates", ",".join(duplicate_columns), "lines", "ExpectColumnValuesToBeUnique", {}))
    return checks


def reported_order(checks: list[Check]) -> list[int]:
    """GX's validator reports a suite's results grouped by column, in the order each column first
    appears (``Validator.process_expectations_for_validation``; expectations without one column — the
    duplicate check — as one group). The checks now run as one suite per frame; the results keep the
    order the one suite of the whole ledger gave them."""
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


_loading: dict[str, object] = {}


def _import() -> None:
    collecting = gc.isenabled()
    gc.disable()  # the import makes ~10^6 objects and no garbage: collecting them costs a tenth of it
    try:
        import great_expectations  # noqa: F401
        import great_expectations.expectations  # noqa: F401
    except BaseException as exc:  # raised where GX is used
        _loading["error"] = exc
    finally:
        if collecting:
            gc.enable()


def preload() -> None:
    """Start importing great-expectations (~2 s of pure Python) in a thread, while the ledger's values
    are parsed and the statements derived (Arrow and numpy, mostly outside the GIL); :func:`run_suite`
    waits for it. Started any earlier, while Arrow reads and encodes the file on both cores, it cost
    more in contention than it hid."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    if "thread" not in _loading:
        _loading["thread"] = threading.Thread(target=_import, name="import great_expectations", daemon=True)
        _loading["thread"].start()


def _context():
    preload()
    _loading["thread"].join()  # no GX import in this thread before: it may still be importing it
    if "error" in _loading:
        raise _loading.pop("error")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.execution_engine import pandas_execution_engine

    # GX fingerprints every in-memory batch under 1 GB with an md5 over pandas' hash of each row and
    # index value (2 s at 10^7 lines) for a batch marker nothing here reads: set that limit to zero.
    pandas_execution_engine.HASH_THRESHOLD = 0
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return gx, context


def run_suite(frames: dict[str, Frame], checks: list[Check], rows: np.ndarray, raw) -> tuple[QualityResult, ...]:
    """Validate each frame with its checks. ``rows``: the file's line number of each ledger line;
    ``raw(column, rows)`` gives the values as printed in the file, for the samples."""
    gx, context = _context()
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    asset = context.data_sources.add_pandas(name="ledger").add_dataframe_asset(name="ledger")
    batch_definition = asset.add_batch_definition_whole_dataframe(name="frame")
    outcome: dict[int, QualityResult] = {}
    for name, frame in frames.items():
        mine = [(i, c) for i, c in enumerate(checks) if c.frame == name]
        if not mine:
            continue
        suite = gx.ExpectationSuite(name=f"ledger_import.{name}")
        for i, c in mine:
            column = "line_key" if name == "lines" else c.column
            kwargs = dict(c.kwargs)
            if c.condition:
                kwargs["row_condition"] = Column(c.condition) == True  # noqa: E712 - a GX condition
            suite.add_expectation(getattr(gxe, c.kind)(column=column, **kwargs, meta={"check": c.check, "index": i}))
        suite = context.suites.add(suite)
        per_line = frame.of_line is None  # rows are the ledger's lines (or its headings)
        result_format = ({"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE} if per_line
                         else {"result_format": "COMPLETE"})  # every failing value, to find their lines
        validation = batch_definition.get_batch(batch_parameters={"dataframe": frame.frame}).validate(
            suite, result_format=result_format)
        for r in validation.results:
            i = r.expectation_config.meta["index"]
            c = checks[i]
            result = r.result or {}
            if per_line:
                count = int(result.get("unexpected_count") or 0)
                first = tuple(int(i) for i in result.get("partial_unexpected_index_list") or ())
            else:
                hit = frame.lines(result.get("unexpected_index_list") or ())
                count = 0 if hit is None else int(np.count_nonzero(hit))
                first = () if hit is None else tuple(rows[np.flatnonzero(hit)[:SAMPLE]].tolist())
            samples = tuple(raw(c.column, first)) if first else ()
            outcome[i] = QualityResult(c.check, c.column, bool(r.success), count, first, samples, _errors(r))
    return tuple(outcome[i] for i in reported_order(checks))
