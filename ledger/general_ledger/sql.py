"""The ledger's queries, written once for every engine (DuckDB embedded, Spark on a cluster).

A loaded ledger is a table (a view) of text columns, one per field found,
blank as ``''`` never null, in the file's order, plus ``idx``: the line's
position from 0. Every statement figure, every count of failing lines and
every line number comes from these queries; what reaches Python is small:
distinct values, groups, the first lines of a finding.

The dialects differ in three places only: the 64-bit hash of a line, the
exact sum (DuckDB sums BIGINT into HUGEINT; Spark into DECIMAL(38,0), both
exact beyond 2^63) and trimming by a set of characters.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What Arrow's ``utf8_trim_whitespace`` trims (tests/test_ledger_engines.py checks it against Arrow): the
#: trimmed value of a field is what its checks and the duplicate test compare.
WHITESPACE = "".join(map(chr, (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                               *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)))


def literal(text: str) -> str:
    """A SQL string literal (both dialects double a quote; neither reads a backslash as an escape here)."""
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Dialect:
    name: str
    hash_function: str  # a 64-bit hash of several values
    trim_function: str  # trim(value, characters): DuckDB trim, Spark btrim

    def hash(self, columns: list[str]) -> str:
        return f"{self.hash_function}({', '.join(columns)})"

    def trim(self, column: str) -> str:
        return f"{self.trim_function}({column}, {literal(WHITESPACE)})"

    def exact_sum(self, column: str) -> str:
        if self.name == "spark":
            return f"sum(CAST({column} AS DECIMAL(38, 0)))"
        return f"sum({column})"  # BIGINT sums to HUGEINT: exact to 2^127


DUCKDB = Dialect("duckdb", "hash", "trim")
SPARK = Dialect("spark", "xxhash64", "btrim")


def distinct(view: str, column: str, first: int | None = None) -> str:
    """The column's distinct values with their number of lines and first position (of the first
    ``first`` lines only, when given)."""
    where = f" WHERE idx < {first}" if first is not None else ""
    return (f"SELECT {column} AS value, count(*) AS n, min(idx) AS first FROM {view}{where} "
            f"GROUP BY {column}")


def profile(view: str, keys: list[str], amounts: str | None, dialect: Dialect, line: str) -> str:
    """One group per distinct (account, kapittel, post, period) as written: its lines, the øre sum of
    those whose amount parses (joined from the distinct amounts), how many parse, and the first line
    (``line``: its number in the file, from the view's columns) of all and of those that parse."""
    columns = ", ".join(f"l.{k}" for k in keys)
    if amounts is None:
        ore, join = "CAST(NULL AS BIGINT)", ""
    else:
        ore, join = "a.ore", f" LEFT JOIN {amounts} a ON l.amount = a.value"
    return (f"SELECT {columns}, count(*) AS n, {dialect.exact_sum(ore)} AS ore, count({ore}) AS parsed, "
            f"min({line}) AS first, min(CASE WHEN {ore} IS NOT NULL THEN {line} END) AS first_parsed "
            f"FROM {view} l{join} GROUP BY {columns}")


def line_hash(view: str, columns: list[str], trimmed: set[str], dialect: Dialect) -> str:
    """Per line: a hash of its values, trimmed where ``trimmed`` says a column holds padded values."""
    values = [dialect.trim(c) if c in trimmed else c for c in columns]
    return f"SELECT idx, {dialect.hash(values)} AS h FROM {view}"


def repeated_hashes(hashes: str) -> str:
    """Compound uniqueness as GROUP BY … HAVING: the hashes more than one line has, with how many and the
    first and last of them (a pair, the usual duplicate, is then known without another pass)."""
    return (f"SELECT h, count(*) AS n, min(idx) AS a, max(idx) AS b FROM ({hashes}) AS s "
            f"GROUP BY h HAVING count(*) > 1")


def duplicate_lines(view: str, columns: list[str], candidates: str, dialect: Dialect,
                    skip_all_blank: bool) -> str:
    """Among the candidate lines (those whose hash repeats), the lines whose trimmed values another line
    has too, exactly: the hash only narrows the search."""
    trimmed = [f"{dialect.trim(c)} AS {c}" for c in columns]
    names = ", ".join(columns)
    blank = (" WHERE NOT (" + " AND ".join(f"{c} = ''" for c in columns) + ")") if skip_all_blank else ""
    return (f"WITH c AS (SELECT * FROM (SELECT l.idx, {', '.join(trimmed)} FROM {view} l "
            f"JOIN {candidates} k ON l.idx = k.idx) AS s{blank}), "
            f"d AS (SELECT {names} FROM c GROUP BY {names} HAVING count(*) > 1) "
            f"SELECT c.idx FROM c JOIN d ON " + " AND ".join(f"c.{x} = d.{x}" for x in columns))


def failing(view: str, condition: str, columns: list[str], limit: int) -> tuple[str, str]:
    """How many lines meet ``condition``, and the first ``limit`` of them with the given columns."""
    shown = ", ".join(["idx", *columns])
    return (f"SELECT count(*) AS n FROM {view} l WHERE {condition}",
            f"SELECT {shown} FROM {view} l WHERE {condition} ORDER BY idx LIMIT {limit}")
