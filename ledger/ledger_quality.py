"""The data-quality suite for a ledger import, run by great-expectations.

Imported only on the ledger path (GX takes ~2 s to import); run in an
ephemeral context (nothing written, no network), analytics off, progress bars
silenced through GX's own configuration. GX sees integer øre, never Decimal
(its aggregate expectations would turn Decimal into float, slowly).

Each expectation carries a ``check`` id; :class:`~ledger.ledger_model.QualityResult`
holds its outcome with the first failing lines (numbered as in the file) and
their values. The DQ rules turn these into findings.
"""

from __future__ import annotations

import os

from ledger.ledger_model import QualityResult

SAMPLE = 10
#: The suite: (check id, column(s), expectation, its arguments). Formats are
#: those of the standard kontoplan and the state's kapittel/post codes.
ACCOUNT = r"^[0-9]{4}(?:[0-9]{1,2})?$"  # a four-digit account, or a sub-account of up to six digits
CHAPTER = r"^[0-9]{4}$"
POST = r"^[0-9]{2}$"
REQUIRED = ("account", "chapter", "post", "amount")


def _suite(columns: list[str], year: int | None, duplicate_columns: list[str]) -> list[tuple[str, str, str, dict]]:
    from great_expectations.expectations.row_conditions import Column

    checks = [("columns", c, "ExpectColumnToExist", {}) for c in REQUIRED]
    if "account" in columns:
        checks += [("empty_key", "account", "ExpectColumnValuesToNotBeNull", {}),
                   ("account_format", "account", "ExpectColumnValuesToMatchRegex", {"regex": ACCOUNT})]
    for name, regex in (("chapter", CHAPTER), ("post", POST)):
        if name in columns:
            checks += [("empty_key", name, "ExpectColumnValuesToNotBeNull",
                        {"row_condition": Column("needs_post") == True}),  # noqa: E712 - a GX condition
                       (f"{name}_format", name, "ExpectColumnValuesToMatchRegex", {"regex": regex})]
    if "amount" in columns:
        checks.append(("amount_parses", "amount_ore", "ExpectColumnValuesToNotBeNull", {}))
    if year is not None:
        if "date_year" in columns:
            checks.append(("in_year", "date_year", "ExpectColumnValuesToBeInSet", {"value_set": [year]}))
        if "period" in columns:
            checks.append(("in_year", "period", "ExpectColumnValuesToMatchRegex",
                           {"regex": rf"^{year}-?(?:0[0-9]|1[0-3])$"}))
    if len(duplicate_columns) > 1:
        checks.append(("duplicates", ",".join(duplicate_columns), "ExpectCompoundColumnsToBeUnique",
                       {"column_list": duplicate_columns}))
    return checks


def _errors(result) -> str | None:
    info = result.exception_info or {}
    if "raised_exception" in info:  # the flat shape
        return info.get("exception_message") if info["raised_exception"] else None
    messages = [v.get("exception_message") for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    return "; ".join(m for m in messages if m) or None


def run_suite(frame, raw, year: int | None, duplicate_columns: list[str]) -> tuple[QualityResult, ...]:
    """Validate ``frame`` (pandas, indexed by the file's line numbers). ``raw(column, rows)`` gives the
    values as printed in the file, for samples of columns GX sees in another form."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (context.data_sources.add_pandas(name="ledger")
                        .add_dataframe_asset(name="lines").add_batch_definition_whole_dataframe(name="all"))
    suite = gx.ExpectationSuite(name="ledger_import")
    checks = _suite(list(frame.columns), year, duplicate_columns)
    for check, column, kind, kwargs in checks:
        target = {} if kind == "ExpectCompoundColumnsToBeUnique" else {"column": column}
        suite.add_expectation(getattr(gxe, kind)(**target, **kwargs, meta={"check": check, "column": column}))
    suite = context.suites.add(suite)
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    validation = batch.validate(suite, result_format={"result_format": "SUMMARY",
                                                      "partial_unexpected_count": SAMPLE})
    out = []
    for r in validation.results:
        meta = r.expectation_config.meta or {}
        rows = tuple(int(i) for i in (r.result or {}).get("partial_unexpected_index_list") or ())
        column = meta["column"]
        samples: tuple[str, ...] = ()
        if rows:
            samples = tuple(raw(column, rows))
        out.append(QualityResult(meta["check"], column, bool(r.success), int((r.result or {}).get("unexpected_count")
                                                                             or 0), rows, samples, _errors(r)))
    return tuple(out)
