"""The embedded engine: DuckDB, in this process, with bounded memory.

One connection serves a whole session (one ledger, or every ledger of an
import gate). It holds its tables in memory up to ``memory_limit`` and
spills the rest to a temporary directory of its own, removed on close, so a
ledger of any size is read in the same memory. Threads: DuckDB's default
(every core).
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import threading
from typing import Callable

from ledger.general_ledger.sql import DUCKDB

#: Memory DuckDB may hold before it spills to disk (the process needs ~0.4 GiB more for Python, pandas
#: and great-expectations): 10^7 lines fit without spilling, 10^8 spill.
MEMORY_LIMIT = "1536MB"


class DuckDBEngine:
    name = "duckdb"
    dialect = DUCKDB
    hashes_on_load = True  # the duplicate check's hash is taken as the file is read: the values are in cache

    def __init__(self, memory_limit: str | None = None, temp_directory: str | None = None,
                 threads: int | None = None):
        import duckdb

        self._own_temp = temp_directory is None
        self.temp_directory = temp_directory or tempfile.mkdtemp(prefix="avstem-duckdb-")
        config = {"memory_limit": memory_limit or MEMORY_LIMIT, "temp_directory": self.temp_directory,
                  "preserve_insertion_order": True,  # a table keeps the file's order: rowid is the line's position
                  "autoinstall_known_extensions": False,
                  "autoload_known_extensions": False}
        if threads:
            config["threads"] = threads
        try:
            self.con = duckdb.connect(":memory:", config=config)
        except duckdb.Error as exc:  # a memory_limit DuckDB cannot read, a directory it cannot use
            self.close_temp()
            from ledger.core.errors import InputError
            from ledger.vocabulary.labels import msg

            raise InputError("[ledger] memory_limit, temp_directory", None,
                             msg("input.engine.duckdb_refuses", detail=str(exc).splitlines()[0])) from None
        except BaseException:
            self.close_temp()
            raise
        # the progress of a long read is polled (query_progress), never printed
        self.con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
        self._names = itertools.count(1)
        self.error = duckdb.Error

    def name_for(self, stem: str) -> str:
        return f"{stem}_{next(self._names)}"

    # --- loading ---------------------------------------------------------------------

    def load_csv(self, path: str, *, separator: str, names: list[str], wanted: dict[str, str],
                 progress: Callable[[str], None] | None = None, hash_fields: list[str] = ()) -> str:
        """The CSV's lines after the heading into a table: one text column per wanted field (blank as
        ''), in the file's order, and ``h``, a hash of the ``hash_fields``; a view adds ``idx``. Returns the
        view's name."""
        from ledger.general_ledger.sql import literal

        table = self.name_for("lines")
        columns = "{" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names) + "}"
        select = ", ".join(f"coalesce({column}, '') AS {field}" for field, column in wanted.items()) or "1 AS one"
        if len(hash_fields) > 1:
            select += ", " + self.dialect.hash([f"coalesce({wanted[f]}, '')" for f in hash_fields]) + " AS h"
        source = (f"read_csv({literal(path)}, delim={literal(separator)}, quote='\"', escape='\"', header=false, "
                  f"skip=1, auto_detect=false, columns={columns}, strict_mode=true, null_padding=false, "
                  f"max_line_size=16777216)")
        with _Progress(self.con, progress):
            self.con.execute(f"CREATE TABLE {table} AS SELECT {select} FROM {source}")
        return self._view(table)

    def load_arrow(self, data) -> str:
        """An Arrow table (an xlsx ledger read by python-calamine) as a table and its view."""
        table = self.name_for("lines")
        self.con.register("arrow_source", data)
        try:
            self.con.execute(f"CREATE TABLE {table} AS SELECT * FROM arrow_source")
        finally:
            self.con.unregister("arrow_source")
        return self._view(table)

    def load_parquet(self, path: str, wanted: dict[str, str]) -> str:
        from ledger.general_ledger.sql import literal

        table = self.name_for("lines")
        select = ", ".join(f"coalesce(CAST(\"{column}\" AS VARCHAR), '') AS {field}"
                           for field, column in wanted.items()) or "1 AS one"
        self.con.execute(f"CREATE TABLE {table} AS SELECT {select} FROM read_parquet({literal(path)})")
        return self._view(table)

    def parquet_columns(self, path: str) -> list[str]:
        from ledger.general_ledger.sql import literal

        return [r[0] for r in self.con.execute(f"DESCRIBE SELECT * FROM read_parquet({literal(path)})").fetchall()]

    def _view(self, table: str) -> str:
        view = f"{table}_v"
        self.con.execute(f"CREATE VIEW {view} AS SELECT rowid AS idx, * FROM {table}")
        return view

    def drop(self, view: str) -> None:
        self.con.execute(f"DROP VIEW IF EXISTS {view}")
        self.con.execute(f"DROP TABLE IF EXISTS {view.removesuffix('_v')}")

    # --- queries ------------------------------------------------------------------------

    def arrow(self, sql: str):
        """The result as a pyarrow Table (small: distinct values, groups, the first lines)."""
        return self.con.sql(sql).to_arrow_table()

    def batches(self, sql: str):
        """The result a million rows at a time (pyarrow RecordBatches): memory bounded by the batch."""
        return self.con.sql(sql).to_arrow_reader(1_000_000)

    def padded(self, view: str, field: str) -> bool:
        """Whether any value has whitespace at either end: the distinct values streamed through Arrow's trim
        (DuckDB's trim by a set of characters costs ~1 µs a value, too slow for millions of vouchers). A
        number written as DuckDB writes it back (most voucher numbers) has none, and is left out cheaply."""
        import pyarrow.compute as pc

        plain = f"{field} = '' OR coalesce(CAST(TRY_CAST({field} AS UBIGINT) AS VARCHAR) = {field}, false)"
        for batch in self.batches(f"SELECT DISTINCT {field} AS value FROM {view} WHERE NOT ({plain})"):
            column = batch.column(0)
            if not pc.all(pc.equal(column, pc.utf8_trim_whitespace(column))).as_py():
                return True
        return False

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def register(self, name: str, data) -> None:
        """A small Arrow table as a table the queries can join (replacing one of the same name)."""
        self.con.register(f"{name}_arrow", data)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
        finally:
            self.con.unregister(f"{name}_arrow")

    def create(self, name: str, sql: str, ordered: bool = True) -> None:
        """A temporary table of the result; ``ordered=False``: in any order (its rows carry their line), so
        DuckDB may build it on every thread without keeping the order."""
        if ordered:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            return
        self.con.execute("SET preserve_insertion_order = false")
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        finally:
            self.con.execute("SET preserve_insertion_order = true")

    def drop_table(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            self.close_temp()

    def close_temp(self) -> None:
        if self._own_temp:
            shutil.rmtree(self.temp_directory, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _Progress:
    """Says how far a long statement got (DuckDB's own estimate), from a thread, while it runs."""

    def __init__(self, con, say: Callable[[str], None] | None):
        self.con, self.say = con, say
        self.done = threading.Event()

    def __enter__(self):
        if self.say:
            self.thread = threading.Thread(target=self._poll, daemon=True)
            self.thread.start()

    def _poll(self):
        while not self.done.wait(0.25):
            try:
                percent = self.con.query_progress()
            except Exception:  # the statement ended between two polls
                return
            if percent >= 0:
                self.say(f"read {int(percent)} % of the file")

    def __exit__(self, kind, *exc):
        self.done.set()
        if self.say:
            self.thread.join()
            if kind is None:
                self.say("read 100 % of the file")
