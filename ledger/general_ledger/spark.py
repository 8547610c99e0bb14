"""The distributed engine: Spark (``pip install 'avstem[spark]'``, Java 17), for ledgers beyond one machine.

The same queries as DuckDB (:mod:`ledger.general_ledger.sql`, Spark SQL
dialect): the lines stay on the cluster, the driver gets distinct values,
groups and the first lines of a finding. Sums are DECIMAL(38,0) of øre,
exact beyond 2^63. A line's number is its position in the file
(partitions follow the file's byte ranges, in order), so fields must not
hold line breaks. ``master``: ``local[*]`` (default), a
standalone ``spark://host:7077``, ``yarn`` or ``k8s://…``; on a cluster the
ledger's path must be one every executor reads (HDFS, S3, a shared mount).
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from typing import Callable

from ledger.core.errors import InputError
from ledger.general_ledger.sql import SPARK, WHITESPACE, literal
from ledger.vocabulary.labels import msg

#: The session avstem starts: no web UI, and so no need to keep the history of queries it would show (the
#: driver keeps each query's plan and metrics, 1 000 of them by default: each import of a 3 000-line
#: journal kept 60–80 MiB of a 1 GiB driver); overflow is an error, never a wrap.
SESSION_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.ui.retainedExecutions": "20",
    "spark.ui.retainedJobs": "20",
    "spark.ui.retainedStages": "20",
    "spark.ui.retainedTasks": "1000",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.ansi.enabled": "true",
}


def session(master: str | None = None, conf: dict[str, str] | None = None):
    """The active Spark session, else a new one with :data:`SESSION_CONF` and ``conf`` on top (``master``:
    ``local[*]`` by default)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("avstem").master(master or "local[*]")
    for key, value in {**SESSION_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


class SparkEngine:
    name = "spark"
    dialect = SPARK
    reads_remote = True  # a path with a scheme (hdfs://, s3a://) goes to Spark as it is

    def __init__(self, master: str | None = None, conf: dict[str, str] | None = None):
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise InputError("--engine spark", None, msg("input.engine.spark_java"))
        try:
            from pyspark.errors import PySparkException
            from pyspark.sql import SparkSession
        except ImportError:
            raise InputError("--engine spark", None, msg("input.engine.spark_pyspark")) from None
        self._own = SparkSession.getActiveSession() is None  # a session someone else started stays theirs
        self.spark = session(master, conf)
        self.spark.sparkContext.setLogLevel("ERROR")
        self.temp_directory = tempfile.mkdtemp(prefix="avstem-spark-")
        self._names = itertools.count(1)
        self._cached: dict = {}  # view → the cached frame under it
        from py4j.protocol import Py4JJavaError

        self.error = (PySparkException, Py4JJavaError)

    def name_for(self, stem: str) -> str:
        return f"{stem}_{next(self._names)}"

    # --- loading ---------------------------------------------------------------------

    def _indexed(self, frame, stem: str) -> str:
        """The frame with ``idx``, its rows' positions, as a cached temporary view; returns its name. A
        file's partitions are its byte ranges in order, and ``monotonically_increasing_id`` numbers the rows
        of partition p from p·2^33 in order: the partitions' sizes make the numbers consecutive (in the JVM:
        the executors need no Python)."""
        from pyspark.sql import functions as F

        tagged = (frame.withColumn("_part", F.spark_partition_id())
                  .withColumn("_id", F.monotonically_increasing_id()).cache())
        sizes = dict(tagged.groupBy("_part").count().collect())
        offsets, total = [], 0
        for part in sorted(sizes):
            offsets += [F.lit(part), F.lit(total)]
            total += sizes[part]
        first = F.create_map(*offsets)[F.col("_part")] if offsets else F.lit(0)
        position = first + F.col("_id") - F.shiftleft(F.col("_part").cast("long"), 33)
        view = f"{self.name_for(stem)}_v"
        tagged.withColumn("idx", position.cast("long")).drop("_part", "_id").createOrReplaceTempView(view)
        self._cached[view] = tagged  # dropping the view leaves the frame under it cached: drop() releases it
        return view

    def load_csv(self, path: str, *, separator: str, names: list[str], wanted: dict[str, str],
                 progress: Callable[[str], None] | None = None, hash_fields: list[str] = (),
                 encoding: str = "UTF-8") -> str:
        from pyspark.sql import functions as F
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(n, StringType()) for n in names])
        frame = (self.spark.read.option("encoding", encoding)
                 .csv(path, schema=schema, sep=separator, quote='"', escape='"', header=True, mode="FAILFAST",
                      ignoreLeadingWhiteSpace=False, ignoreTrailingWhiteSpace=False, enforceSchema=True))
        columns = [F.coalesce(F.col(c), F.lit("")).alias(f) for f, c in wanted.items()] or [F.lit(1).alias("one")]
        return self._indexed(frame.select(*columns), "lines")  # read now: a malformed line is an error here

    def load_remote(self, path: str, overrides):
        """A CSV or Parquet file only the cluster sees: its heading line read through Spark."""
        from ledger.general_ledger.file import SEPARATORS, LedgerFile, match_columns
        from ledger.vocabulary.ledger_fields import REQUIRED

        try:
            if path.lower().endswith(".parquet"):
                headings = self.parquet_columns(path)
                found = match_columns(path, headings, overrides, "columns")
                view = self.load_parquet(path, {n: headings[i] for n, i in found.items()})
                lines, line, form, separator = self.rows(f"SELECT count(*) FROM {view}")[0][0], "idx + 1", "parquet", None
            else:
                import csv

                first = self.spark.read.text(path).limit(1).collect()[0][0].lstrip("\ufeff")
                separator = max(SEPARATORS, key=lambda s: (first.count(s), -SEPARATORS.index(s)))
                headings = next(csv.reader([first], delimiter=separator))
                found = match_columns(path, headings, overrides, "1")
                names = [f"c{i}" for i in range(len(headings))]
                view = self.load_csv(path, separator=separator, names=names,
                                     wanted={n: names[i] for n, i in found.items()})
                lines, line, form = self.rows(f"SELECT count(*) FROM {view}")[0][0], "idx + 2", "csv"
        except self.error as exc:
            raise InputError(path, None, msg("input.engine.spark_unreadable", detail=str(exc).splitlines()[0])) from None
        return LedgerFile(path, form, view, lines, {n: headings[i] for n, i in found.items()},
                          tuple(f for f in REQUIRED if f not in found), "UTF-8" if form == "csv" else None,
                          separator, line=line)

    def load_arrow(self, data) -> str:
        """An Arrow table (an xlsx ledger read by python-calamine) as a view."""
        import pyarrow as pa

        data = data.append_column("idx", pa.array(range(data.num_rows), pa.int64()))
        view = f"{self.name_for('lines')}_v"
        self._frame(data).cache().createOrReplaceTempView(view)
        return view

    def load_parquet(self, path: str, wanted: dict[str, str]) -> str:
        from pyspark.sql import functions as F

        frame = self.spark.read.parquet(path)
        columns = [F.coalesce(F.col(f"`{c}`").cast("string"), F.lit("")).alias(f) for f, c in wanted.items()]
        return self._indexed(frame.select(*(columns or [F.lit(1).alias("one")])), "lines")

    def parquet_columns(self, path: str) -> list[str]:
        return list(self.spark.read.parquet(path).columns)

    def drop(self, view: str) -> None:
        self.spark.catalog.dropTempView(view)
        if view in self._cached:
            self._cached.pop(view).unpersist()

    # --- queries ------------------------------------------------------------------------

    def _frame(self, data):
        """A Spark DataFrame of a small pyarrow Table."""
        try:
            return self.spark.createDataFrame(data)
        except (TypeError, ValueError):  # a pyspark without Arrow tables: through pandas
            return self.spark.createDataFrame(data.to_pandas())

    def arrow(self, sql: str):
        return self.spark.sql(sql).toArrow()

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in self.spark.sql(sql).collect()]

    def padded(self, view: str, field: str) -> bool:
        """Whether any value has whitespace at either end (Spark trims on the cluster)."""
        return bool(self.rows(f"SELECT count(*) FROM {view} WHERE {field} <> btrim({field}, {literal(WHITESPACE)})")
                    [0][0])

    def register(self, name: str, data) -> None:
        self._frame(data).createOrReplaceTempView(name)

    def create(self, name: str, sql: str, ordered: bool = True) -> None:
        self.spark.sql(sql).cache().createOrReplaceTempView(name)

    def drop_table(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)

    def close(self) -> None:
        try:
            if self._own:
                self.spark.stop()
        finally:
            shutil.rmtree(self.temp_directory, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
