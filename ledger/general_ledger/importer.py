"""Import a ledger: read it into an engine, parse its amounts, map its accounts, prove its quality,
derive the statements. One call, one :class:`~ledger.general_ledger.model.Ledger`.

The lines stay in the engine (DuckDB embedded by default, Spark for ledgers
beyond one machine: :func:`open_engine`); what comes back to Python is
small — each column's distinct values, one group per (account, kapittel,
post, period) as written, the first lines of a finding. Amounts are parsed by
the one money grammar once per distinct text and joined back as integer øre;
every sum is the engine's exact integer sum (HUGEINT or DECIMAL(38,0)).
Values are trimmed per distinct value, as Arrow trims them; the lines keep
them as written. Nothing passes through a float.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ledger.core.errors import InputError
from ledger.general_ledger import sql
from ledger.general_ledger.file import LedgerFile, load_ledger
from ledger.general_ledger.kontoplan import Kontoplan, load_kontoplan, needs_post_line
from ledger.general_ledger.model import Ledger, LedgerInfo, LedgerLines, QualityResult
from ledger.vocabulary.labels import msg

_CONVENTION_SAMPLE = 100_000
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
_OPENING_PERIOD = re.compile(r"^([0-9]{4}-?)?0{1,2}$")  # period 0 / 00: opening balances (inngående balanse)
#: A time after the date (``2023-01-01 00:00:00``, ``2023-01-01T00:00:00.000+01:00``, ``31.01.2023 13:45``), as
#: exports from a database or a spreadsheet write a date: the date is the part before it.
_TIME_PART = r"^(\S+?)(?:[ T]+[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:[.,][0-9]+)?)?\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})?)$"
#: An amount written with a decimal point (``1234.50``) and one written with dots between thousands (``1.234``):
#: in one column, ``1.234`` may be either 1 234 kroner or 1.234 (three decimals, a mistake).
_POINT_DECIMAL = r"^[-+−(]?\s*[0-9]+\.[0-9]{1,2}\s*\)?$"
_DOT_THOUSANDS = r"^[-+−(]?\s*[0-9]{1,3}(\.[0-9]{3})+\s*\)?$"
_COMMA_DECIMAL = r",[0-9]{1,2}\s*\)?$"
#: The columns compared by the duplicate check, in its order.
DUPLICATE_COLUMNS = ("voucher", "date", "period", "account", "chapter", "post", "department", "text", "amount")
#: Columns great-expectations saw as null where blank: a line blank in all of them is never a duplicate
#: when they are all the check compares.
NULL_WHEN_BLANK = ("account", "chapter", "post", "period")
SAMPLE = 10
#: The drill-down: at most this many lines behind each kapittel/post and chart line, with these fields.
DRILL = 25
DRILL_COLUMNS = ("voucher", "date", "account", "chapter", "post", "text", "amount")
ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class EngineSettings:
    """``[ledger]`` in avstem.toml: which engine, and its settings."""

    engine: str = "duckdb"
    memory_limit: str | None = None  # DuckDB: e.g. "2GB"
    temp_directory: str | None = None  # DuckDB: where it spills
    master: str | None = None  # Spark: the master URL (default local[*])
    spark_conf: dict[str, str] | None = None  # Spark: further configuration


def open_engine(settings: EngineSettings | None = None):
    """The engine a session imports its ledgers with; close it (or use it as a context manager)."""
    settings = settings or EngineSettings()
    if settings.engine == "spark":
        from ledger.general_ledger.spark import SparkEngine

        return SparkEngine(master=settings.master, conf=settings.spark_conf)
    if settings.engine != "duckdb":
        raise ValueError(f"unknown engine {settings.engine!r}; known: {', '.join(ENGINES)}")
    from ledger.general_ledger.duck import DuckDBEngine

    return DuckDBEngine(memory_limit=settings.memory_limit, temp_directory=settings.temp_directory)


def import_ledger(path: str, *, year: int | None = None, columns: dict[str, str] | None = None,
                  sheet: str | None = None, kontoplan: str | None = None,
                  progress: Callable[[str], None] | None = None, engine=None, journal=None,
                  drill: bool = False) -> Ledger:
    """Read, check and derive a ledger. ``year``: the fiscal year (from the accounts, or given);
    without it the year most dates fall in is taken and said to be inferred. ``engine``: an open
    engine (:func:`open_engine`), kept open for the next ledger; without it, DuckDB for this one.
    ``journal``: run the journal-entry tests (:mod:`ledger.general_ledger.journal`) with the thresholds
    this returns for the fiscal year (the rules' parameters); without it they are not run. ``drill``: keep the
    first lines behind each kapittel/post and chart line (``Ledger.lines``, the report's drill-down)."""
    if engine is None:
        with open_engine() as own:
            return import_ledger(path, year=year, columns=columns, sheet=sheet, kontoplan=kontoplan,
                                 progress=progress, engine=own, journal=journal, drill=drill)
    from ledger.general_ledger import quality

    say = progress or (lambda message: None)
    plan = load_kontoplan(kontoplan)
    quality.preload(engine.name)
    say(f"reading {path}")
    lf = load_ledger(engine, path, columns=columns, sheet=sheet, progress=progress)
    run = _Import(engine, lf, plan, say)
    try:
        if lf.lines == 0:
            raise InputError(path, None, msg("input.ledger.no_lines"))
        say(f"parsing {lf.lines:,} lines".replace(",", " "))
        return run.run(year, journal, drill)
    finally:  # an engine may outlive the import (a Spark session someone else started keeps its views)
        for name in run.registered:
            engine.drop_table(name)
        engine.drop(lf.view)


class _Import:
    """One ledger in an engine, from distinct values to a :class:`Ledger`."""

    def __init__(self, engine, lf: LedgerFile, plan: Kontoplan, say):
        self.engine, self.lf, self.plan, self.say = engine, lf, plan, say
        self.view, self.dialect = lf.view, engine.dialect
        self.stem = lf.view.removesuffix("_v")
        self.registered: list[str] = []  # the tables :meth:`table` made, dropped after the import

    # --- helpers ---------------------------------------------------------------------------

    def table(self, stem: str, data) -> str:
        name = f"{self.stem}_{stem}"
        self.engine.register(name, data)
        self.registered.append(name)
        return name

    def values(self, stem: str, values) -> str:
        """A one-column table of text values, for a condition ``col IN (SELECT value FROM …)``."""
        import pyarrow as pa

        return self.table(stem, pa.table({"value": pa.array(list(values), pa.string())}))

    def lines_where(self, condition: str, field: str | None) -> tuple[int, tuple[int, ...], tuple[str, ...]]:
        """How many lines meet ``condition``, the first of them and their (trimmed) values of ``field``."""
        import pyarrow as pa
        import pyarrow.compute as pc

        shown = [f"{self.lf.line} AS line"] + ([field] if field else [])
        count_sql, first_sql = sql.failing(self.view, condition, shown, SAMPLE)
        count = int(self.engine.rows(count_sql)[0][0])
        first = self.engine.arrow(first_sql)
        rows = tuple(int(r) for r in first["line"].to_pylist())
        samples = ()
        if field:
            samples = tuple(pc.utf8_trim_whitespace(first[field].cast(pa.string())).to_pylist())
        return count, rows, samples

    def distinct(self, field: str, first: int | None = None):
        """The field's distinct values as written, with their lines and first position; sorted by it."""
        result = self.engine.arrow(sql.distinct(self.view, field, first))
        return result.sort_by("first")

    # --- the import ----------------------------------------------------------------------------

    def run(self, year: int | None, journal=None, drill: bool = False) -> Ledger:
        import pyarrow as pa
        import pyarrow.compute as pc

        lf, fields = self.lf, set(self.lf.fields)
        values = {f: self.distinct(f) for f in ("amount", "date") if f in fields}

        decimal = thousands = ""
        amounts = None  # the engine's table of distinct amounts and their øre
        value_ore = None
        if "amount" in fields:
            from ledger.core.money import parse_amounts_ore

            value_ore, _, _ = parse_amounts_ore(values["amount"]["value"])
            amounts = self.table("amounts", pa.table({"value": values["amount"]["value"], "ore": value_ore}))
            if lf.form == "csv":  # an xlsx ledger's number cells are written here as numbers, with a decimal point
                self._check_conventions(values["amount"])
            decimal, thousands = _conventions(self.distinct("amount", _CONVENTION_SAMPLE)["value"])
        inferred = year is None
        if year is None:
            year = self._fiscal_year(fields)

        # one group per (account, kapittel, post, period) as written: their distinct values, and every sum
        keys = [k for k in ("account", "chapter", "post", "period") if k in fields]
        line = "l." + lf.line  # the line number from the view's columns (the amounts table has none)
        groups = self.engine.arrow(sql.profile(self.view, keys, amounts, self.dialect, line)) if keys else None
        for k in keys:
            values[k] = {"value": pc.unique(groups[k])}
        trimmed = {f: pc.utf8_trim_whitespace(t["value"]) for f, t in values.items()}
        date_year = _date_years(trimmed["date"]) if "date" in fields else None
        accounts = _Accounts(self.plan, values["account"]["value"], trimmed["account"]) if "account" in fields else None
        info = LedgerInfo(lf.file, lf.form, lf.lines, lf.columns, lf.missing, lf.encoding, lf.separator, lf.sheet,
                          lf.letters, decimal, thousands, self.plan.file, lf.unused)

        derived = None
        if not lf.missing:
            from ledger.general_ledger.derive import derive

            self.say("deriving the statements")
            derived = derive(_trimmed_groups(groups, keys), accounts, self.plan, "period" in fields,
                             self._unplaced_lines)

        self.say("checking data quality")
        duplicate_columns = [c for c in DUPLICATE_COLUMNS if c in fields]
        quality_results = self._quality(fields, year, values, trimmed, value_ore, date_year, accounts, groups, keys,
                                         duplicate_columns)
        tests = None
        if journal is not None:
            from ledger.general_ledger.journal import run_journal

            self.say("journal-entry tests")
            tests = run_journal(self.engine, self.view, lf.line, fields, amounts, year, journal(year), self.stem,
                                dates=values["date"]["value"] if "date" in values else None,
                                periods=values["period"]["value"] if "period" in values else None)
        behind = self._lines_behind(fields, accounts) if derived is not None and drill else None
        return Ledger(info, year, inferred, quality_results, derived, tests, behind)

    def _lines_behind(self, fields: set[str], accounts) -> LedgerLines:
        """The first DRILL lines of each kapittel/post and of each account (then grouped by chart line): two
        window queries, each one pass over the lines."""
        from ledger.core.accounts import PostKey

        shown = [f for f in DRILL_COLUMNS if f in fields]
        select = ", ".join(f"l.{f}" for f in shown)

        def first(partition: str) -> list[dict]:
            return self.engine.arrow(
                f"SELECT * FROM (SELECT l.{self.lf.line} AS line, {select}, row_number() OVER (PARTITION BY "
                f"{partition} ORDER BY l.idx) AS k FROM {self.view} l) AS s WHERE k <= {DRILL} ORDER BY line"
            ).to_pylist()

        posts: dict[str, list[tuple]] = {}
        for r in first("l.chapter, l.post"):
            chapter, post = r["chapter"].strip(), r["post"].strip()
            if chapter and post:
                posts.setdefault(str(PostKey(chapter, post)), []).append((r["line"], *(r[f] for f in shown)))
        chart: dict[str, list[tuple]] = {}
        lines = self.plan.lines
        for r in first("l.account"):
            target = int(accounts.target[accounts.by_raw[r["account"]]])
            if target >= 0 and lines[target] != "-":
                rows = chart.setdefault(lines[target], [])
                if len(rows) < DRILL:
                    rows.append((r["line"], *(r[f] for f in shown)))
        return LedgerLines(tuple(shown), {k: tuple(v) for k, v in posts.items()},
                           {k: tuple(v) for k, v in chart.items()}, DRILL)

    def _check_conventions(self, amounts) -> None:
        """Decide the decimal convention from the whole column: one that writes a decimal comma anywhere
        (``1 234,50``) writes dots between thousands, so ``1.234`` is 1 234 kroner; one without, that writes both a
        decimal point (``1234.50``) and dots between thousands (``1.234``), is refused, naming the first line whose
        amount could be read either way and one that writes a decimal point. Over the distinct amounts."""
        import pyarrow.compute as pc

        text = pc.utf8_trim_whitespace(amounts["value"])
        if pc.any(pc.match_substring_regex(text, _COMMA_DECIMAL)).as_py():
            return
        point, dots = (pc.match_substring_regex(text, r) for r in (_POINT_DECIMAL, _DOT_THOUSANDS))
        if not (pc.any(point).as_py() and pc.any(dots).as_py()):
            return

        def first(mask) -> tuple[int, str]:
            raw = amounts.filter(mask).sort_by("first")["value"][0].as_py()
            chosen = self.values("convention", [raw])
            line = self.engine.rows(f"SELECT min({self.lf.line}) FROM {self.view} "
                                    f"WHERE amount IN (SELECT value FROM {chosen})")[0][0]
            return int(line), raw.strip()

        (line, written), (other, decimal) = first(dots), first(point)
        raise InputError(self.lf.file, str(line), msg("input.ledger.ambiguous_amount", written=written, other=other,
                                                      decimal=decimal, kroner=written.replace(".", "")))

    def _fiscal_year(self, fields: set[str]) -> int | None:
        """The year most of the first lines' dates (else periods) fall in; ties go to the year seen first."""
        import pyarrow.compute as pc

        counts: Counter[int] = Counter()
        if "date" in fields:
            head = self.distinct("date", _CONVENTION_SAMPLE)
            years = _date_years(pc.utf8_trim_whitespace(head["value"])).to_pylist()
            for y, n in zip(years, head["n"].to_pylist()):
                if y is not None and y > 0:
                    counts[y] += int(n)
        if not counts and "period" in fields:
            head = self.distinct("period", _CONVENTION_SAMPLE)
            for value, n in zip(head["value"].to_pylist(), head["n"].to_pylist()):
                start = value[:4]
                if start and start.isdigit():
                    counts[int(start)] += int(n)
        return counts.most_common(1)[0][0] if counts else None

    def _unplaced_lines(self, reason: str, raw_accounts: list[str], chapters_blank: list[str] | None,
                        posts_blank: list[str] | None) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The first lines of unplaced lines (by their accounts as written; for no_kapittel_post, also a
        blank kapittel or post as written) and their accounts."""
        condition = f"l.account IN (SELECT value FROM {self.values(reason, raw_accounts)})"
        if chapters_blank is not None:
            condition += (f" AND (l.chapter IN (SELECT value FROM {self.values('blank_chapter', chapters_blank)})"
                          f" OR l.post IN (SELECT value FROM {self.values('blank_post', posts_blank)}))")
        _, rows, samples = self.lines_where(condition, "account")
        return rows, samples

    # --- quality ---------------------------------------------------------------------------------

    def _quality(self, fields, year, values, trimmed, value_ore, date_year, accounts, groups, keys,
                 duplicate_columns) -> tuple[QualityResult, ...]:
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        from ledger.general_ledger import quality

        def texts(array) -> pd.Series:
            """Distinct texts, blank as null (as GX saw them)."""
            array = pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)
            return pd.Series(array.to_pandas(), dtype="str")

        columns: dict[str, pd.Series] = {}
        flags: dict[str, list[bool]] = {}
        # per frame row: the raw values (and, for kapittel/post, the need) its lines hold
        rows_of: dict[str, list] = {}
        for name in ("account", "period"):
            if name in fields:
                unique = pc.unique(trimmed[name])
                columns[name] = texts(unique)
                flags[f"in_{name}"] = [True] * len(unique)
                rows_of[name] = _raw_by_trimmed(values[name]["value"], trimmed[name], unique)
        needs_of = accounts.needs_by_raw() if accounts is not None else None
        for name in ("chapter", "post"):
            if name in fields:
                pairs = _pairs(groups, keys, name, needs_of)  # {(trimmed value, need): [raw values]}
                order = list(pairs)
                columns[name] = texts(pa.array([v for v, _ in order], pa.string()))
                flags[f"needs_{name}"] = [need for _, need in order]
                rows_of[name] = [(pairs[p], p[1]) for p in order]
        if value_ore is not None:
            columns["amount"] = value_ore.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
            flags["in_amount"] = [True] * len(value_ore)
            rows_of["amount_ore"] = [[v] for v in values["amount"]["value"].to_pylist()]
        if date_year is not None:
            unique = pc.unique(trimmed["date"])
            years = _date_years(unique)
            columns["date"] = years.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
            rows_of["date_year"] = _raw_by_trimmed(values["date"]["value"], trimmed["date"], unique)
        checked = {("amount_ore" if c == "amount" else "date_year" if c == "date" else c) for c in columns}
        checks = quality.suite(checked, year, duplicate_columns)
        outcome = quality.run_suite(quality.frame(columns, flags), checks)

        results: dict[int, QualityResult] = {}
        for i, c in enumerate(checks):
            if c.check == "duplicates":
                results[i] = self._duplicates(c, duplicate_columns, values, trimmed)
                continue
            success, failed, error = outcome[i]
            if c.check == "columns" or success or error:
                results[i] = quality.result(c, success, error=error)
                continue
            condition = self._condition(c.column, [rows_of[c.column][r] for r in failed], accounts)
            count, first, samples = self.lines_where(condition, _FIELD.get(c.column, c.column))
            results[i] = quality.result(c, False, count, first, samples)
        return tuple(results[i] for i in quality.reported_order(checks))

    def _condition(self, column: str, failing: list, accounts) -> str:
        """The lines holding the failing values (as written), for kapittel/post with the need of their account."""
        field = _FIELD.get(column, column)
        if column not in ("chapter", "post"):
            raw = [v for group in failing for v in group]
            return f"l.{field} IN (SELECT value FROM {self.values(f'bad_{column}', raw)})"
        parts = []
        for need in (True, False):
            raw = [v for group, n in failing if n == need for v in group]
            if not raw:
                continue
            part = f"l.{field} IN (SELECT value FROM {self.values(f'bad_{column}_{int(need)}', raw)})"
            if accounts is not None:
                needing = self.values("needing", accounts.needing_raw())
                part += f" AND {'' if need else 'NOT '}l.account IN (SELECT value FROM {needing})"
            elif not need:
                part = "FALSE"
            parts.append(f"({part})")
        return " OR ".join(parts) or "FALSE"

    def _duplicates(self, check, columns: list[str], values, trimmed) -> QualityResult:
        """Lines identical in every compared column (trimmed): a hash per line, GROUP BY … HAVING, then the
        candidate lines compared exactly."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from ledger.general_ledger import quality

        padded = {f for f in columns if f in values and not pc.all(pc.equal(values[f]["value"], trimmed[f])).as_py()}
        padded |= {f for f in ("voucher", "text", "department") if f in columns and self.engine.padded(self.view, f)}
        if self.lf.hashed and not padded:  # the hash of the values as written, taken while the file was read
            hashes = f"SELECT idx, h FROM {self.view}"
        else:
            hashes = sql.line_hash(self.view, columns, padded, self.dialect)
        groups = self.engine.arrow(sql.repeated_hashes(hashes))
        if groups.num_rows == 0:
            return quality.result(check, True)
        candidates = set(groups["a"].to_pylist()) | set(groups["b"].to_pylist())
        more = pc.filter(groups["h"], pc.greater(groups["n"], 2))
        if len(more):
            listed = self.table("repeated", pa.table({"h": more}))
            candidates |= set(self.engine.arrow(f"SELECT idx FROM ({hashes}) AS s WHERE h IN (SELECT h FROM {listed})")
                              ["idx"].to_pylist())
        table = self.table("candidates", pa.table({"idx": pa.array(sorted(candidates), pa.int64())}))
        skip = set(columns) <= set(NULL_WHEN_BLANK)
        lines = self.engine.arrow(sql.duplicate_lines(self.view, columns, table, self.dialect, skip))["idx"]
        if len(lines) == 0:
            return quality.result(check, True)
        first = sorted(lines.to_pylist())[:SAMPLE]
        rows = self.engine.arrow(f"SELECT {self.lf.line} AS line FROM {self.view} WHERE idx IN "
                                 f"({', '.join(map(str, first))}) ORDER BY idx")["line"].to_pylist()
        return quality.result(check, False, len(lines), tuple(int(r) for r in rows))


_FIELD = {"amount_ore": "amount", "date_year": "date"}


class _Accounts:
    """Per distinct account as written: trimmed, blank, its chart line (−1: unmapped), whether it needs a
    kapittel/post."""

    def __init__(self, plan: Kontoplan, raw, trimmed):
        import numpy as np

        self.raw, self.trimmed = raw.to_pylist(), trimmed.to_pylist()
        self.blank, self.target = _map_accounts(trimmed, plan)
        needs_post = np.array([needs_post_line(line) for line in plan.lines] + [True])  # unmapped: as reported
        self.needs = ~self.blank & needs_post[np.where(self.target < 0, len(plan.lines), self.target)]
        self.by_raw = {r: i for i, r in enumerate(self.raw)}

    def needs_by_raw(self) -> dict[str, bool]:
        return {r: bool(n) for r, n in zip(self.raw, self.needs)}

    def needing_raw(self) -> list[str]:
        return [r for r, n in zip(self.raw, self.needs) if n]


def _map_accounts(accounts, plan):
    """Per distinct (trimmed) account: whether it is blank, and the index of its chart line in
    ``plan.lines`` (by its first four digits, through the sorted ranges), −1 when unmapped."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = pc.equal(accounts, "").to_numpy(zero_copy_only=False)
    head = pc.utf8_slice_codeunits(accounts, 0, 4)
    numeric = pc.match_substring_regex(head, "^[0-9]{4}$")
    number = pc.if_else(numeric, head, "-1").cast(pa.int64()).to_numpy()
    starts = np.array([r.start for r in plan.ranges], np.int64)
    ends = np.array([r.end for r in plan.ranges], np.int64)
    line_index = np.array([plan.lines.index(r.line) for r in plan.ranges], np.int64)
    pos = np.searchsorted(starts, number, side="right") - 1
    hit = (pos >= 0) & (number <= ends[np.maximum(pos, 0)])
    return blank, np.where(hit, line_index[np.maximum(pos, 0)], -1)


def _raw_by_trimmed(raw, trimmed, unique) -> list[list[str]]:
    """For each value of ``unique`` (trimmed), the values as written that trim to it."""
    index = {v: i for i, v in enumerate(unique.to_pylist())}
    out: list[list[str]] = [[] for _ in index]
    for r, t in zip(raw.to_pylist(), trimmed.to_pylist()):
        out[index[t]].append(r)
    return out


def _pairs(groups, keys: list[str], name: str, needs_of: dict[str, bool] | None) -> dict:
    """The distinct (trimmed value, need) pairs of kapittel or post some line holds, in the order they first
    occur, each with the values as written that give it."""
    import pyarrow.compute as pc

    order = pc.sort_indices(groups["first"])
    raw = groups[name].take(order).to_pylist()
    accounts = groups["account"].take(order).to_pylist() if "account" in keys else [None] * len(raw)
    trimmed = pc.utf8_trim_whitespace(groups[name].take(order)).to_pylist()
    pairs: dict[tuple[str, bool], list[str]] = {}
    for r, t, a in zip(raw, trimmed, accounts):
        need = True if needs_of is None else needs_of[a]
        listed = pairs.setdefault((t, need), [])
        if r not in listed:
            listed.append(r)
    return pairs


def _trimmed_groups(groups, keys: list[str]) -> list[dict]:
    """The profile's groups as dicts, with each key trimmed and kept as written (``raw_<key>``)."""
    import pyarrow.compute as pc

    out = {k: pc.utf8_trim_whitespace(groups[k]).to_pylist() for k in keys}
    raw = {f"raw_{k}": groups[k].to_pylist() for k in keys}
    rest = {k: groups[k].to_pylist() for k in ("n", "ore", "parsed", "first", "first_parsed")}
    return [dict(zip([*out, *raw, *rest], row)) for row in zip(*out.values(), *raw.values(), *rest.values())]


def _conventions(sample) -> tuple[str, str]:
    """How the amounts are written (the distinct texts of the first lines), for the report."""
    import pyarrow.compute as pc

    def count(regex: str) -> int:
        return pc.sum(pc.match_substring_regex(sample, regex)).as_py() or 0

    comma, point = count(r",[0-9]{1,2}\s*\)?$"), count(r"^[^,]*\.[0-9]{1,2}\s*\)?$")
    space = count("[0-9][ \u00a0\u202f\u2009][0-9]{3}")
    dot = count(r"[0-9]\.[0-9]{3}(,|\s*\)?$|\.)")
    decimal = " and ".join(n for n, c in (("comma", comma), ("point", point)) if c)
    thousands = " and ".join(n for n, c in (("space", space), ("dot", dot)) if c)
    return decimal, thousands


def _date_years(text):
    """Per (trimmed) date: its year, −1 when it is not a date, null when blank. A time after the date is read
    past (:data:`_TIME_PART`): the date is the day it names."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.replace_substring_regex(text, _TIME_PART, r"\1")
    parsed = [pc.strptime(text, format=f, unit="s", error_is_null=True) for f in _DATE_FORMATS]
    when = pc.coalesce(*parsed)
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.int64()),
                      pc.fill_null(pc.year(when).cast(pa.int64()), -1))


def is_opening(period: str) -> bool:
    return bool(_OPENING_PERIOD.match(period))
