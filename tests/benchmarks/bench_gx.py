"""great-expectations on the engine (its SQL datasource over DuckDB) against GX on distinct values (avstem's way).

    .venv/bin/pip install -e '.[bench]'      # duckdb-engine, GX's SQLAlchemy route to DuckDB
    .venv/bin/python tests/benchmarks/bench_gx.py LEDGER.csv

Loads the ledger into a DuckDB file, then validates the value checks of the
suite (account, kapittel, post and period formats, blank keys) and the
duplicate check two ways, each in a fresh process after GX is imported:

* **SQL**: GX's ``sql`` datasource on the table of lines (one row per line),
  through duckdb-engine, with the two patches GX 1.x needs for DuckDB
  (results fetched before the connection closes; a regex dialect), and the
  duplicate check as an ``UnexpectedRowsExpectation`` with ``GROUP BY …
  HAVING``;
* **distinct values**: avstem's own suite (``ledger.general_ledger.quality``)
  on one frame of the columns' distinct values, plus its duplicate query.

Prints the validation time of each and whether they found the same failing
lines. Not collected by pytest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHECKS = {"account": r"^[0-9]{4}(?:[0-9]{1,2})?$", "chapter": r"^[0-9]{4}$", "post": r"^[0-9]{2}$",
          "period": r"^2023-?(?:0[0-9]|1[0-3])$"}


def load(csv: str, database: str) -> None:
    import duckdb

    con = duckdb.connect(database)
    con.execute(f"""CREATE TABLE lines AS SELECT trim("Konto") AS account, trim("Kapittel") AS chapter,
        trim("Post") AS post, trim("Periode") AS period, * FROM read_csv('{csv}', delim=';', header=true,
        all_varchar=true)""")
    con.close()


def patch() -> None:
    """The two workarounds GX 1.x needs for DuckDB (research note engines-pdf-je.md §1.1)."""
    import importlib

    import sqlalchemy as sa
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine
    from great_expectations.expectations.metrics import util

    def execute_query(self, query):  # fetch before the connection closes (GX #11579)
        with self.get_connection() as conn:
            result = self._execute_query_with_recovery(conn, query)
            return result.freeze()() if getattr(result, "returns_rows", False) else result

    SqlAlchemyExecutionEngine.execute_query = execute_query
    original = util.get_dialect_regex_expression

    def regex(column, pattern, dialect, positive=True):
        expression = original(column, pattern, dialect, positive)
        if expression is None and "duckdb" in str(getattr(dialect, "__name__", dialect)).lower():
            match = sa.func.regexp_matches(column, sa.literal(pattern))
            expression = match if positive else sa.not_(match)
        return expression

    for module in ("column_values_match_regex", "column_values_not_match_regex"):
        importlib.import_module(f"great_expectations.expectations.metrics.column_map_metrics.{module}") \
            .get_dialect_regex_expression = regex


def on_sql(database: str) -> dict:
    import great_expectations as gx
    import great_expectations.expectations as gxe

    patch()
    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_sql(name="duck", connection_string=f"duckdb:///{database}",
                                          kwargs={"connect_args": {"read_only": True}})
    batch = source.add_table_asset(name="lines", table_name="lines").add_batch_definition_whole_table("all")
    expectations = [gxe.ExpectColumnValuesToMatchRegex(column=c, regex=r) for c, r in CHECKS.items()]
    expectations += [gxe.ExpectColumnValuesToNotBeNull(column=c) for c in ("account", "chapter", "post")]
    expectations.append(gxe.UnexpectedRowsExpectation(unexpected_rows_query=(
        'SELECT "Bilagsnr", count(*) FROM {batch} GROUP BY "Bilagsnr", "Dato", "Periode", "Konto", "Kapittel", '
        '"Post", "Avdeling", "Tekst", "Beløp" HAVING count(*) > 1')))
    suite = context.suites.add(gx.ExpectationSuite(name="s", expectations=expectations))
    t0 = time.perf_counter()
    result = batch.get_batch().validate(suite, result_format="BASIC")
    elapsed = time.perf_counter() - t0
    return {"seconds": elapsed, "unexpected": [r.result.get("unexpected_count", r.result.get("observed_value"))
                                               for r in result.results]}


def on_distinct(csv: str) -> dict:
    from ledger.general_ledger import quality
    from ledger.general_ledger.importer import import_ledger

    quality.preload()
    quality._context()  # imported before the clock starts, as for SQL
    timings = {}
    original = quality.run_suite

    def timed(data, checks):
        t0 = time.perf_counter()
        out = original(data, checks)
        timings["suite"] = time.perf_counter() - t0
        return out

    quality.run_suite = timed
    marks = {}
    ledger = import_ledger(csv, year=2023, progress=lambda m: marks.setdefault(m.split()[0], time.perf_counter()))
    end = time.perf_counter()
    return {"seconds": end - marks["checking"], "suite": timings["suite"],
            "unexpected": [q.unexpected for q in ledger.quality]}


def main(csv: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "ledger.duckdb")
        load(csv, database)
        for how in ("sql", "distinct"):
            out = subprocess.run([sys.executable, __file__, f"--{how}", database if how == "sql" else csv],
                                 capture_output=True, text=True, cwd=ROOT, check=True).stdout
            print(how, out.strip().splitlines()[-1], f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if sys.argv[1] == "--sql":
        print(json.dumps(on_sql(sys.argv[2])))
    elif sys.argv[1] == "--distinct":
        print(json.dumps(on_distinct(sys.argv[2])))
    else:
        main(sys.argv[1])
