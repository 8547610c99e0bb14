"""Journal-entry tests (ISA 240 §32(a), A43) as queries on the ledger's engine.

The import runs them while the lines are in the engine (DuckDB or Spark):
one table of the lines as the tests read them (voucher, series, amount in
øre, accounting and entry day, who entered and who approved), then a query
per test (the tests of a single line counted together in one pass); what
comes back is a count and the first lines of each.
The rules of family JE turn them into warnings and infos; the thresholds
are the rules' dated parameters (rules/parameters.yaml), handed in as
:class:`JournalParameters`.

Days are whole days since 1970-01-01, parsed once per distinct date text;
a Saturday, a Sunday or a Norwegian public holiday (the ``holidays``
package) is not a working day. Opening balances (period 00) are left out of
the tests of timing, amounts and digits: they are dated 1 January by
convention and carry last year's balances.

JE-12 and JE-13 read aggregates, never a join of the lines with
themselves: the entries near each approval limit counted in one pass, and
the (debit, credit) pairs counted per pair, by Motkonto with the least and
greatest key of each pair's vouchers (:meth:`_Run._rare_by_counter`),
without it from the accounts each voucher debits and credits, marked as bits
in the vouchers' aggregate (:meth:`_Run._rare_by_bits`; a ledger of more
accounts than the bits hold: the lines grouped by hashed voucher and
account, :meth:`_Run._rare_by_voucher`). A hash there only narrows the
search or is made distinct first: what is flagged is counted by the values
themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, localcontext

from ledger.general_ledger.model import Benford, Journal, JournalTest
from ledger.vocabulary.ledger_fields import JOURNAL_FIELDS

SAMPLE = 10
PI = Decimal("3.141592653589793238462643383")
#: Benford's tests count amounts of at least this (10 kr, Nigrini): smaller ones are rounding and fees.
BENFORD_FLOOR = 1000


@dataclass(frozen=True)
class JournalParameters:
    """The tests' thresholds, in øre and days (the values of the JE rules' parameters for the year)."""

    duplicate_days: int = 7  # near duplicates: the same account and amount within this many days
    duplicate_floor: int = 100_000  # amounts smaller than this (øre) repeat by chance
    duplicate_most: int = 20  # an amount on one account more often than this is a standing amount, no duplicate
    period_end_days: int = 3  # the last days of the year
    backdated_days: int = 30  # accounting date this many days before the entry date
    round_unit: int = 1_000_000  # a round amount: a multiple of this (øre)
    max_jump: int = 1000  # a jump in voucher numbers larger than this starts a new series, not a gap
    rare_lines: int = 2  # an account with this many lines or fewer is rarely used
    seldom_lines: int = 5  # a user who entered this many lines or fewer seldom posts
    frequency_min: int = 1000  # fewer lines than this: no test of how often an account or user appears
    benford_min: int = 1000  # fewer amounts than this: no Benford conformity
    z_limit: Decimal = Decimal("5")  # a digit spikes above this Z
    lines_per_amount: int = 2  # double entry: the lines that carry one amount, as Z and chance count them
    mad_first: tuple[Decimal, Decimal, Decimal] = (Decimal("0.006"), Decimal("0.012"), Decimal("0.015"))
    mad_first_two: tuple[Decimal, Decimal, Decimal] = (Decimal("0.0012"), Decimal("0.0018"), Decimal("0.0022"))
    approval_limits: tuple[int, ...] = (10_000_000, 50_000_000)  # approval limits (øre)
    approval_band: Decimal = Decimal("0.02")  # just below a limit: within this share under it
    approval_z: Decimal = Decimal("4")  # a band holding more than its neighbours give with Z above this: a cluster
    combination_vouchers: int = 2  # a (debit, credit) pair in this many vouchers or fewer is unusual
    combination_common: int = 20  # … where the debit account has this many debit lines, the credit this many credits
    combination_pairs: int = 100  # without Motkonto: a voucher with more (debit, credit) pairs than this is not paired


#: Each test: what it counts (the unit of ``JournalTest.count``) and the fields it needs.
TESTS = {
    "unbalanced": ("vouchers", ("voucher", "amount")),
    "exact_duplicates": ("lines", ("voucher", "account", "amount", "date")),
    "near_duplicates": ("lines", ("voucher", "account", "amount", "date")),
    "gaps": ("gaps", ("voucher",)),
    "repeats": ("lines", ("voucher", "date")),
    "non_working_days": ("lines", ("date",)),
    "post_closing": ("lines", ("date", "entered")),
    "period_end": ("lines", ("date",)),
    "backdated": ("lines", ("date", "entered")),
    "round_amounts": ("lines", ("amount",)),
    "self_approval": ("lines", ("poster", "approver")),
    "rare_accounts": ("accounts", ("account",)),
    "seldom_users": ("users", ("poster",)),
    "below_limit": ("lines", ("amount",)),
    "limit_clusters": ("limits", ("amount",)),
    "unusual_combinations": ("combinations", ("account", "amount", "counter_account|voucher")),
}
#: The columns that key a voucher in the table of vouchers: series, number (-1 where it is none) and text ('' where
#: it is a number); JE-01 counts a voucher by them, and "7" and "007" are one voucher.
VOUCHER_KEY = ("series", "nkey", "vtext")
#: Without Motkonto, JE-13 marks the accounts each voucher debits and credits as bits of 62-bit words (62: a mask
#: stays a positive BIGINT in both dialects), as many words as the ledger has accounts over 62, up to this many;
#: a ledger of more accounts is paired by hashed (voucher, account) groups instead (each word costs a tenth of a
#: second per 10^7 lines; the groups, two seconds at any number of accounts).
BITS, BIT_WORDS = 62, 12
#: Either side of the band just below an approval limit, this many bands of the same width (on a log scale) are
#: the neighbours that say how many amounts a smooth distribution puts in the band.
NEIGHBOURS = 5
#: The lines JE-13 pairs: an account, an amount, no opening balance.
_PAIRABLE = "NOT opening AND account <> '' AND ore <> 0"


def run_journal(engine, view: str, line: str, fields: set[str], amounts: str | None, year: int | None,
                params: JournalParameters, stem: str, dates=None, periods=None) -> Journal:
    """The tests the ledger's columns allow, on ``view`` (``line``: a line's number in SQL; ``amounts``: the table
    of distinct amounts and their øre; ``dates``, ``periods``: the distinct dates and periods as written, where
    the import has them already, pyarrow arrays)."""
    run = _Run(engine, view, line, fields, amounts, year, params, stem)
    run.known_dates, run.known_periods = dates, periods
    return run.all()


class _Run:
    def __init__(self, engine, view, line, fields, amounts, year, params, stem):
        self.engine, self.view, self.line, self.fields = engine, view, line, set(fields)
        self.amounts, self.year, self.p, self.stem = amounts, year, params, stem
        self.lines: str | None = None
        self.known_dates = self.known_periods = None  # the distinct values as written, where the import has them
        # tables and counts built the first time a test needs them, read by the others
        self._grouped_vouchers = self._paired = False
        self._sided = False
        self._codes: str | None = None  # JE-13 without Motkonto: the accounts' bits, where there are few enough
        self._words = 0  # … in as many words
        self._filter_counts: dict[str, int] | None = None
        self._filter_set: dict[str, tuple] = {}
        self._clustered: list | None = None
        if amounts is None:
            self.fields.discard("amount")
        if year is None:
            self.fields -= {"date", "entered"}

    def name(self, what: str) -> str:
        return f"{self.stem}_je_{what}"

    # --- the lines as the tests read them ------------------------------------------------------

    def _dates(self) -> str:
        """The distinct date texts (dates and entry dates) as days, with whether each is a working day."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from ledger.general_ledger.importer import _DATE_FORMATS

        known = self.known_dates
        columns = [c for c in ("date", "entered") if c in self.fields and not (c == "date" and known is not None)]
        parts = [self.engine.arrow(f"SELECT DISTINCT {c} AS value FROM {self.view}")["value"] for c in columns]
        chunks = [c for part in [*parts, *([known] if known is not None else [])]
                  for c in (part.chunks if isinstance(part, pa.ChunkedArray) else [part])]
        values = pc.unique(pa.concat_arrays([c.cast(pa.string()) for c in chunks]))
        trimmed = pc.utf8_trim_whitespace(values)
        parsed = pc.coalesce(*[pc.strptime(trimmed, format=f, unit="s", error_is_null=True) for f in _DATE_FORMATS])
        days = pc.cast(pc.cast(parsed, pa.date32()), pa.int32())
        free = _free_days(days)
        table = pa.table({"value": values, "day": days, "free": free})
        name = self.name("dates")
        self.engine.register(name, table)
        return name

    def _openings(self) -> str | None:
        if "period" not in self.fields:
            return None
        import pyarrow as pa

        from ledger.general_ledger.importer import is_opening

        known = self.known_periods
        values = (known if known is not None else
                  self.engine.arrow(f"SELECT DISTINCT period AS value FROM {self.view}")["value"]).to_pylist()
        openings = [v for v in values if is_opening(v.strip())]
        if not openings:
            return None
        name = self.name("openings")
        self.engine.register(name, pa.table({"value": pa.array(openings, pa.string())}))
        return name

    def base(self) -> str:
        f = self.fields
        select = [f"l.idx AS idx, l.{self.line} AS line"]
        joins = []
        select.append("l.journal AS series" if "journal" in f else "'' AS series")
        for name in ("voucher", "account", "poster", "approver", "counter_account"):
            select.append(f"l.{name} AS {name}" if name in f else f"'' AS {name}")
        if "voucher" in f:
            select.append("TRY_CAST(l.voucher AS BIGINT) AS number")
        if "amount" in f:
            select.append("a.ore AS ore")
            joins.append(f"LEFT JOIN {self.amounts} a ON l.amount = a.value")
        else:
            select.append("CAST(NULL AS BIGINT) AS ore")
        if "date" in f or "entered" in f:
            dates = self._dates()
            for column, alias in (("date", "d"), ("entered", "e")):
                if column in f:
                    select += [f"{alias}.day AS {column}_day", f"{alias}.free AS {column}_free"]
                    joins.append(f"LEFT JOIN {dates} {alias} ON l.{column} = {alias}.value")
        openings = self._openings()
        if openings:  # a join, not IN (…) in the select list: Spark allows that subquery only in a filter
            select.append("o.value IS NOT NULL AS opening")
            joins.append(f"LEFT JOIN {openings} o ON l.period = o.value")
        else:
            select.append("FALSE AS opening")
        name = self.name("lines")
        self.engine.create(name, f"SELECT {', '.join(select)} FROM {self.view} l {' '.join(joins)}", ordered=False)
        return name

    # --- the tests ------------------------------------------------------------------------------

    def all(self) -> Journal:
        runnable = [t for t, (_, needs) in TESTS.items()
                    if all(any(x in self.fields for x in need.split("|")) for need in needs)]
        tests: dict[str, JournalTest] = {}
        benford: dict[str, Benford] = {}
        if not runnable and "amount" not in self.fields:
            return Journal(tuple(x for x in JOURNAL_FIELDS if x in self.fields), tests, benford)
        self.lines = self.base()
        if "unusual_combinations" in runnable and "counter_account" not in self.fields:
            self._codes = self._account_codes()  # the vouchers' aggregate then marks the accounts they pair
        for test in runnable:
            tests[test] = getattr(self, test)()
        if "amount" in self.fields:
            benford = self.benford()
        for what in ("lines", "dates", "openings", "pairs", "vouchers", "combinations", "sides", "counted",
                     "named", "pairs_of", "sides_of", "found", "codes", "signatures", "members", "rare_vouchers"):
            self.engine.drop_table(self.name(what))
        return Journal(tuple(x for x in JOURNAL_FIELDS if x in self.fields), tests, benford)

    def flagged(self, test: str, sql: str, sample=lambda r: str(r["sample"]), count: str | None = None,
                order: str = "line", lines: int | None = None) -> JournalTest:
        """``sql`` selects ``line`` and ``sample`` per flagged line: how many (``lines``, where counted already),
        and the first of them (``order``: a line named more than once needs a second key, or each engine picks
        its own first)."""
        n = lines if lines is not None else int(self.engine.rows(f"SELECT count(*) FROM ({sql}) AS s")[0][0])
        if not n:
            return JournalTest(test, 0, 0, (), ())
        first = self.engine.arrow(f"SELECT * FROM ({sql}) AS s ORDER BY {order} LIMIT {SAMPLE}").to_pylist()
        groups = int(self.engine.rows(count)[0][0]) if count else n
        return JournalTest(test, groups, n, tuple(int(r["line"]) for r in first), tuple(sample(r) for r in first))

    def _vouchers(self) -> str:
        """One row per voucher: series, key (``nkey``: its number where it is one, else -1; ``vtext``: else its
        text, '' for a number), exact sum, lines, first and last day, first line; one aggregate that JE-01, JE-03,
        JE-04 and JE-13 read. The numbered vouchers are grouped by two columns, series and an integer (grouping
        by their text too doubled the cost), the others by their text in a pass of their own."""
        name = self.name("vouchers")
        if not self._grouped_vouchers:
            exact = self.engine.dialect.exact_sum("ore")
            days = "min(date_day) AS first_day, max(date_day) AS last_day" if "date" in self.fields else (
                "CAST(NULL AS INT) AS first_day, CAST(NULL AS INT) AS last_day")
            sums = f"{exact} AS total, count(ore) AS parsed, count(*) AS lines, {days}, min(line) AS line"
            lines = self.lines
            if self._codes:  # JE-13's bits: per word, the accounts debited and credited
                sums += "".join(f", bit_or(mask) FILTER (WHERE {_PAIRABLE} AND ore {op} 0 AND word = {w}) AS {side}{w}"
                                for w in range(self._words) for side, op in (("d", ">"), ("c", "<")))
                lines = (f"(SELECT l.*, k.word, k.mask FROM {self.lines} l LEFT JOIN {self._codes} k "
                         f"ON l.account = k.account) AS l")
            self.engine.create(name, f"SELECT series, number AS nkey, '' AS vtext, number, {sums} FROM {lines} "
                                     f"WHERE number IS NOT NULL GROUP BY series, number UNION ALL "
                                     f"SELECT series, CAST(-1 AS BIGINT) AS nkey, voucher AS vtext, "
                                     f"CAST(NULL AS BIGINT) AS number, {sums} FROM {lines} "
                                     f"WHERE number IS NULL AND voucher <> '' GROUP BY series, voucher", ordered=False)
            self._grouped_vouchers = True
        return name

    @staticmethod
    def _voucher_key(alias: str = "") -> list[str]:
        """A line's voucher as :meth:`_vouchers` keys it, its (series, nkey, vtext)."""
        a = f"{alias}." if alias else ""
        return [f"{a}series", f"coalesce({a}number, -1)", f"CASE WHEN {a}number IS NULL THEN {a}voucher ELSE '' END"]

    def _as_written(self, test: JournalTest, say) -> JournalTest:
        """The test's samples with the voucher as written at each sample's line (a voucher grouped by its number
        may be written "7" on one line and "007" on another: the auditor looks for the one at the line named)."""
        if not test.rows:
            return test
        import dataclasses

        rows = ", ".join(str(r) for r in test.rows)
        written = dict(self.engine.rows(f"SELECT line, voucher FROM {self.lines} WHERE line IN ({rows})"))
        return dataclasses.replace(test, samples=tuple(say(written[r], s) for r, s in zip(test.rows, test.samples)))

    def unbalanced(self) -> JournalTest:
        groups = f"SELECT total AS difference, line FROM {self._vouchers()} WHERE parsed > 0 AND total <> 0"
        result = self.flagged("unbalanced", groups, lambda r: str(int(r["difference"])))
        return self._as_written(result, lambda voucher, difference: f"{voucher}|{difference}")

    def _pairs(self) -> str:
        """Pairs of lines in different vouchers with the same account and amount within the window. The
        (account, amount) that repeat are found first by one aggregate on their 64-bit hash (a hash only
        narrows the search: the pairs compare the values themselves), into a table of few lines; one that
        repeats more than ``duplicate_most`` times is a standing amount (a fee, a salary), and pairing its
        lines would grow with the square of their number."""
        name = self.name("pairs")
        if not self._paired:
            p, dialect = self.p, self.engine.dialect
            key = dialect.hash(["account", "ore"])
            candidates = (f"SELECT *, {key} AS h FROM {self.lines} WHERE NOT opening AND voucher <> '' "
                          f"AND abs(ore) >= {p.duplicate_floor}")
            repeated = (f"SELECT h FROM ({candidates}) AS c GROUP BY h "
                        f"HAVING count(*) BETWEEN 2 AND {p.duplicate_most}")
            few = self.name("repeated")
            self.engine.create(few, f"SELECT * FROM ({candidates}) AS c WHERE h IN ({repeated})", ordered=False)
            within = self.name("within")
            self.engine.create(within, (
                f"SELECT b.line AS line, a.line AS other, b.ore AS ore, a.date_day = b.date_day AS same_day, "
                f"a.idx AS first, b.idx AS second FROM {few} a JOIN {few} b "
                f"ON a.account = b.account AND a.ore = b.ore AND a.idx < b.idx "
                f"WHERE abs(a.date_day - b.date_day) <= {p.duplicate_days} "
                f"AND NOT (a.series = b.series AND a.voucher = b.voucher)"))
            # the text only tells exact duplicates (same day, same text) from near ones: read for the pairs of one
            # day, where there are any, not carried by every line
            if "text" in self.fields and int(self.engine.rows(f"SELECT count(*) FROM {within} WHERE same_day")[0][0]):
                texts = self.name("texts")
                self.engine.create(texts, f"SELECT w.first, w.second, x.text = y.text AS same FROM {within} w "
                                          f"JOIN {self.view} x ON x.idx = w.first JOIN {self.view} y "
                                          f"ON y.idx = w.second WHERE w.same_day", ordered=False)
                self.engine.create(name, f"SELECT w.line, w.other, w.ore, w.same_day AND coalesce(t.same, FALSE) "
                                         f"AS exact FROM {within} w LEFT JOIN {texts} t ON t.first = w.first "
                                         f"AND t.second = w.second")
                self.engine.drop_table(texts)
            else:
                self.engine.create(name, f"SELECT line, other, ore, same_day AS exact FROM {within}")
            self.engine.drop_table(within)
            self.engine.drop_table(few)
            self._paired = True
        return name

    def exact_duplicates(self) -> JournalTest:
        return self.flagged("exact_duplicates", f"SELECT line, other AS sample, ore FROM {self._pairs()} WHERE exact",
                            lambda r: f"{r['sample']}|{int(r['ore'])}", order="line, sample")

    def near_duplicates(self) -> JournalTest:
        return self.flagged("near_duplicates",
                            f"SELECT line, other AS sample, ore FROM {self._pairs()} WHERE NOT exact",
                            lambda r: f"{r['sample']}|{int(r['ore'])}", order="line, sample")

    def gaps(self) -> JournalTest:
        numbers = f"SELECT series, number, line FROM {self._vouchers()} WHERE number IS NOT NULL"
        # a series numbered without a hole spans as many numbers as it has: no window over the vouchers then
        holes = (f"SELECT count(*) FROM (SELECT series FROM ({numbers}) AS n GROUP BY series "
                 f"HAVING max(number) - min(number) + 1 > count(*)) AS h")
        if not int(self.engine.rows(holes)[0][0]):
            return JournalTest("gaps", 0, 0, (), ())
        steps = (f"SELECT series, number, line, number - lag(number) OVER (PARTITION BY series ORDER BY number) "
                 f"AS step FROM ({numbers}) AS n")
        gaps = f"SELECT line, number, step FROM ({steps}) AS g WHERE step > 1 AND step <= {self.p.max_jump}"
        missing = f"SELECT coalesce(sum(step - 1), 0) FROM ({gaps}) AS m"
        result = self.flagged("gaps", gaps, lambda r: f"{int(r['number']) - int(r['step']) + 1}-{int(r['number']) - 1}")
        if not result.count:
            return result
        # count: the gaps; lines: the numbers missing
        return JournalTest("gaps", result.lines, int(self.engine.rows(missing)[0][0]), result.rows, result.samples)

    def repeats(self) -> JournalTest:
        vouchers = f"SELECT series, nkey, vtext, first_day FROM {self._vouchers()} WHERE first_day < last_day"
        on = " AND ".join(f"{k} = v.{n}" for k, n in zip(self._voucher_key("b"), VOUCHER_KEY))
        lines = (f"SELECT b.line AS line, b.voucher AS sample FROM {self.lines} b JOIN ({vouchers}) AS v "
                 f"ON {on} WHERE b.voucher <> '' AND b.date_day <> v.first_day")
        return self.flagged("repeats", lines)

    # --- tests of one line at a time: counted together in one pass, then the first lines of those that flag

    def _filters(self) -> dict[str, tuple[str, str, object]]:
        """Per test of a line on its own: (what to show, the condition, how to say a sample)."""
        f, p = self.fields, self.p
        out = {}
        if "date" in f:
            entered = " OR entered_free" if "entered" in f else ""
            shown = "CASE WHEN date_free THEN date_day ELSE entered_day END" if entered else "date_day"
            out["non_working_days"] = (f"{shown} AS sample", f"NOT opening AND (date_free{entered})", _day_sample)
            end = self._year_end()
            day = "greatest(date_day, coalesce(entered_day, date_day))" if "entered" in f else "date_day"
            out["period_end"] = ("date_day AS sample", f"NOT opening AND {day} > {end - p.period_end_days} "
                                                       f"AND date_day <= {end}", _day_sample)
            if "entered" in f:
                out["post_closing"] = ("entered_day AS sample", f"entered_day > {end} AND date_day <= {end}",
                                       _day_sample)
                out["backdated"] = ("date_day AS sample, entered_day",
                                    f"NOT opening AND entered_day - date_day > {p.backdated_days}",
                                    lambda r: f"{_day(r['sample'])}|{_day(r['entered_day'])}")
        if "amount" in f:
            unit = p.round_unit
            out["round_amounts"] = ("ore AS sample", f"NOT opening AND abs(ore) >= {unit} AND ore % {unit} = 0",
                                    lambda r: str(int(r["sample"])))
            bands = " OR ".join(f"(abs(ore) >= {low} AND abs(ore) < {limit})" for limit, low, _, _ in self._bands())
            out["below_limit"] = ("ore AS sample", f"NOT opening AND ({bands})", lambda r: str(int(r["sample"])))
        if {"poster", "approver"} <= f:
            out["self_approval"] = ("poster AS sample", "poster <> '' AND poster = approver", lambda r: r["sample"])
        return out

    def _filtered(self, test: str) -> JournalTest:
        """How many lines the test flags (all these tests counted in one pass, the first time one is asked) and
        the first of them."""
        if self._filter_counts is None:
            self._filter_set = self._filters()
            sums = ", ".join(f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)"
                             for _, condition, _ in self._filter_set.values())
            row = self.engine.rows(f"SELECT {sums} FROM {self.lines}")[0]
            self._filter_counts = {t: int(n or 0) for t, n in zip(self._filter_set, row)}
        shown, condition, sample = self._filter_set[test]
        return self.flagged(test, f"SELECT line, {shown} FROM {self.lines} WHERE {condition}", sample,
                            lines=self._filter_counts[test])

    def _year_end(self) -> int:
        from datetime import date

        return (date(self.year, 12, 31) - date(1970, 1, 1)).days

    def non_working_days(self) -> JournalTest:
        return self._filtered("non_working_days")

    def post_closing(self) -> JournalTest:
        return self._filtered("post_closing")

    def period_end(self) -> JournalTest:
        return self._filtered("period_end")

    def backdated(self) -> JournalTest:
        return self._filtered("backdated")

    def round_amounts(self) -> JournalTest:
        return self._filtered("round_amounts")

    def self_approval(self) -> JournalTest:
        return self._filtered("self_approval")

    def _grouped(self, test: str, column: str, limit: int) -> JournalTest:
        """The values of ``column`` on ``limit`` lines or fewer (opening balances left out), in a ledger of at
        least ``frequency_min`` lines: count the values, name their lines."""
        where = f"NOT opening AND {column} <> ''"
        population = int(self.engine.rows(f"SELECT count(*) FROM {self.lines} WHERE {where}")[0][0])
        if population < self.p.frequency_min:
            return JournalTest(test, 0, 0, (), ())
        values = f"SELECT {column} FROM {self.lines} WHERE {where} GROUP BY {column} HAVING count(*) <= {limit}"
        lines = (f"SELECT l.line AS line, l.{column} AS sample FROM {self.lines} l "
                 f"WHERE l.{column} IN ({values}) AND NOT l.opening")
        result = self.flagged(test, lines, count=f"SELECT count(*) FROM ({values}) AS v")
        return result

    def rare_accounts(self) -> JournalTest:
        return self._grouped("rare_accounts", "account", self.p.rare_lines)

    def seldom_users(self) -> JournalTest:
        return self._grouped("seldom_users", "poster", self.p.seldom_lines)

    # --- just below an approval limit ----------------------------------------------------------

    def _bands(self) -> list[tuple[int, int, int, int]]:
        return approval_bands(self.p)

    def _clusters(self) -> list[tuple[int, int, Decimal, Decimal]]:
        """The limits whose band holds more entries than its neighbours give: (limit, in the band, expected, Z).

        An entry is one amount in one voucher (a voucher's line and its counter line of the same amount count
        once; a line without a voucher is an entry of its own), so the two sides of an invoice do not double the
        count. Under a smooth distribution the band, one of the window's 2·NEIGHBOURS + 1 bands of equal width on
        a log scale, holds a binomial share q = 1/(2·NEIGHBOURS + 1) of the window's m entries; Z is the band's
        excess with continuity correction, (n − m·q − ½) / √(m·q·(1 − q))."""
        if self._clustered is not None:
            return self._clustered
        bands = self._bands()
        window = " OR ".join(f"(abs(ore) >= {first} AND abs(ore) < {last})" for _, _, first, last in bands)
        sums = ", ".join(f"sum(CASE WHEN a >= {low} AND a < {limit} THEN 1 ELSE 0 END) AS n{i}, "
                         f"sum(CASE WHEN a >= {first} AND a < {last} THEN 1 ELSE 0 END) AS m{i}"
                         for i, (limit, low, first, last) in enumerate(bands))
        entries = (f"SELECT abs(ore) AS a FROM {self.lines} WHERE NOT opening AND ({window}) "
                   f"GROUP BY series, voucher, CASE WHEN voucher = '' THEN idx ELSE -1 END, abs(ore)")
        row = self.engine.rows(f"SELECT {sums} FROM ({entries}) AS e")[0]
        out = []
        for i, (limit, _, _, _) in enumerate(bands):
            n, m = int(row[2 * i] or 0), int(row[2 * i + 1] or 0)
            expected, z = band_z(n, m)
            if z is not None and z > self.p.approval_z:
                out.append((limit, n, expected, z))
        self._clustered = out
        return out

    def below_limit(self) -> JournalTest:
        """Every line whose amount lies in the band just below an approval limit (the auditor's population to
        sample from; JE-12 says it as an info unless the band clusters)."""
        return self._filtered("below_limit")

    def limit_clusters(self) -> JournalTest:
        """The lines in the band of each limit whose band clusters (count: the limits)."""
        clustered = self._clusters()
        if not clustered:
            return JournalTest("limit_clusters", 0, 0, (), ())
        low = {limit: low for limit, low, _, _ in self._bands()}
        cases = " ".join(f"WHEN abs(ore) >= {low[limit]} AND abs(ore) < {limit} "
                         f"THEN '{limit}|{n}|{expected.quantize(Decimal('0.1'))}|{z.quantize(Decimal('0.1'))}'"
                         for limit, n, expected, z in clustered)
        result = self.flagged("limit_clusters", f"SELECT * FROM (SELECT line, CASE {cases} END AS sample "
                                                f"FROM {self.lines} WHERE NOT opening) AS b WHERE sample IS NOT NULL")
        return JournalTest("limit_clusters", len(clustered), result.lines, result.rows, result.samples)

    # --- unusual account combinations ---------------------------------------------------------

    def unusual_combinations(self) -> JournalTest:
        """(Debit account, credit account) pairs seen in ``combination_vouchers`` vouchers or fewer, where the
        debit account has at least ``combination_common`` debit lines and the credit account as many credit
        lines (each movement is everyday, their combination is not), in a ledger of at least
        ``frequency_min`` lines. The pairs come from Motkonto where the export has it (a debit line pairs its
        account with its Motkonto, a credit line the other way round; a line without one is not paired), else
        from the accounts debited and credited within one voucher."""
        p, test = self.p, "unusual_combinations"
        lines = f"FROM {self.lines} WHERE {_PAIRABLE}"
        if int(self.engine.rows(f"SELECT count(*) {lines}")[0][0]) < p.frequency_min:
            return JournalTest(test, 0, 0, (), ())
        rare, found = (self._rare_by_counter(lines) if "counter_account" in self.fields
                       else self._rare_by_bits() if self._codes else self._rare_by_voucher(lines))
        if rare is None:
            return JournalTest(test, 0, 0, (), ())  # no pass over the lines to name none of them
        named = self.name("named")  # the flagged lines, few: one pass over the lines for the count and the first
        self.engine.create(named, found, ordered=False)
        return self.flagged(test, f"SELECT line, sample FROM {named}", count=f"SELECT count(*) FROM {rare}")

    def _rare_by_counter(self, lines: str) -> tuple[str | None, str]:
        """The rare pairs by Motkonto (a table of debit, credit) and the query of their lines, without grouping
        the lines by voucher: one pass groups them by (account, Motkonto, side) with the least and greatest key
        of their voucher (its number, else a hash); a pair whose keys agree is in one voucher, one of at most
        ``combination_vouchers`` lines in as many vouchers at most, and for the others each further pass finds
        the next voucher up to the limit. A key only narrows the search (two vouchers of one key, say of two
        series, look like one): the pairs it leaves are counted by their vouchers themselves, over their few
        lines."""
        p, create, hashed = self.p, self.engine.create, self.engine.dialect.hash
        n_max = p.combination_vouchers
        # a key per voucher, not per line: its number, else a hash (number or hash, two vouchers of one key look
        # like one voucher, which only makes their pair a candidate; the number costs nothing to compute)
        own = "CASE WHEN voucher = '' THEN idx ELSE -1 END"
        voucher = f"coalesce(number, {hashed(['series', 'voucher', own])})"
        grouped, sides, stats = self.name("grouped"), self.name("sides"), self.name("stats")
        create(grouped, f"SELECT account, counter_account AS counter, ore > 0 AS debit, count(*) AS n, "
                        f"min({voucher}) AS h1, max({voucher}) AS h2 {lines} GROUP BY account, counter_account, "
                        f"ore > 0", ordered=False)
        create(sides, f"SELECT account, sum(CASE WHEN debit THEN n ELSE 0 END) AS debits, "
                      f"sum(CASE WHEN debit THEN 0 ELSE n END) AS credits FROM {grouped} GROUP BY account",
               ordered=False)
        pair = ("CASE WHEN {d} THEN {a} ELSE {c} END AS debit, CASE WHEN {d} THEN {c} ELSE {a} END AS credit")
        create(stats, f"SELECT s.debit, s.credit, sum(n) AS n, min(h1) AS h1, max(h2) AS h2 FROM (SELECT "
                      f"{pair.format(d='debit', a='account', c='counter')}, n, h1, h2 FROM {grouped} "
                      f"WHERE counter <> '' AND counter <> account) AS s "
                      f"JOIN {sides} d ON s.debit = d.account JOIN {sides} c ON s.credit = c.account "
                      f"WHERE d.debits >= {p.combination_common} AND c.credits >= {p.combination_common} "
                      f"GROUP BY s.debit, s.credit", ordered=False)
        self.engine.drop_table(grouped)
        # each line's pair and voucher key, not materialised: the passes read only the pairs still open
        key = ", ".join(f"{k} AS {n}" for k, n in zip(self._voucher_key(), VOUCHER_KEY))
        paired = (f"SELECT line, {key}, {own} AS own, "
                  f"{pair.format(d='ore > 0', a='account', c='counter_account')}, {voucher} AS h {lines} "
                  f"AND counter_account <> '' AND counter_account <> account")
        # the pairs in at most n_max vouchers for sure (as many lines, or one key), and those still open
        found = [self.name("found1")]
        create(found[0], f"SELECT debit, credit FROM {stats} WHERE n <= {n_max} OR h1 = h2", ordered=False)
        opened = self.name("open1")
        create(opened, f"SELECT debit, credit, h1 AS prev, h2 FROM {stats} WHERE n > {n_max} AND h1 <> h2",
               ordered=False)
        steps = [opened]
        for k in range(2, n_max + 1):  # the k-th voucher of each open pair: the least key above the last found
            if not int(self.engine.rows(f"SELECT count(*) FROM {opened}")[0][0]):
                break
            step, opened = self.name(f"step{k}"), self.name(f"open{k}")
            create(step, f"SELECT o.debit, o.credit, min(l.h) AS prev, o.h2 FROM ({paired}) AS l JOIN {steps[-1]} o "
                         f"ON l.debit = o.debit AND l.credit = o.credit AND l.h > o.prev "
                         f"GROUP BY o.debit, o.credit, o.h2", ordered=False)
            found.append(self.name(f"found{k}"))
            create(found[-1], f"SELECT debit, credit FROM {step} WHERE prev = h2", ordered=False)  # the k-th is the last
            create(opened, f"SELECT * FROM {step} WHERE prev < h2", ordered=False)
            steps += [step, opened]
        candidates = " UNION ALL ".join(f"SELECT debit, credit FROM {t}" for t in found)
        rare = self.name("combinations")
        create(rare, f"SELECT debit, credit FROM (SELECT l.debit, l.credit FROM ({paired}) AS l JOIN ({candidates}) "
                     f"AS k ON l.debit = k.debit AND l.credit = k.credit GROUP BY l.debit, l.credit, l.series, "
                     f"l.nkey, l.vtext, l.own) AS v GROUP BY debit, credit HAVING count(*) <= {n_max}", ordered=False)
        for table in [stats, *found, *steps]:
            self.engine.drop_table(table)
        if not int(self.engine.rows(f"SELECT count(*) FROM {rare}")[0][0]):
            return None, ""
        return rare, (f"SELECT f.line AS line, concat(f.debit, '|', f.credit) AS sample FROM ({paired}) AS f "
                      f"JOIN {rare} k ON f.debit = k.debit AND f.credit = k.credit")

    def _distinct_salt(self, columns: list[str], table: str) -> str:
        """A seed under which the hash of ``columns`` (with it) takes a distinct value for each distinct row of them
        in ``table``: the first of eight (two of a few million rows on one 64-bit value are about one in a
        million; eight times over, not to be met)."""
        for salt in range(1, 9):
            h = self.engine.dialect.hash([*columns, str(salt)])
            if not int(self.engine.rows(f"SELECT count(*) - count(DISTINCT h) FROM (SELECT {h} AS h FROM {table} "
                                        f"GROUP BY {', '.join(columns)}) AS d")[0][0]):
                return str(salt)
        raise RuntimeError(f"the hashes of {', '.join(columns)} collide under every seed")

    def _sides(self) -> str:
        """Per account of the lines JE-13 pairs: its debit and credit lines."""
        sides = self.name("sides")
        if not self._sided:
            self._sided = True
            self.engine.create(sides, f"SELECT account, sum(CASE WHEN ore > 0 THEN 1 ELSE 0 END) AS debits, "
                                      f"sum(CASE WHEN ore < 0 THEN 1 ELSE 0 END) AS credits FROM {self.lines} "
                                      f"WHERE {_PAIRABLE} GROUP BY account", ordered=False)
        return sides

    def _account_codes(self) -> str | None:
        """Each account JE-13 may pair, a word and a bit in it (``mask``), where the ledger has at most
        BITS·BIT_WORDS accounts: a table of account, word, mask; else None."""
        sides = self._sides()
        accounts = int(self.engine.rows(f"SELECT count(*) FROM {sides}")[0][0])
        self._words = max(1, -(-accounts // BITS))
        if self._words > BIT_WORDS:
            return None
        import pyarrow as pa

        names = sorted(r[0] for r in self.engine.rows(f"SELECT account FROM {sides}"))
        codes = self.name("codes")
        self.engine.register(codes, pa.table({"account": pa.array(names, pa.string()),
                                              "word": pa.array([i // BITS for i in range(len(names))], pa.int32()),
                                              "mask": pa.array([1 << (i % BITS) for i in range(len(names))],
                                                               pa.int64())}))
        return codes

    def _rare_by_bits(self) -> tuple[str | None, str]:
        """The rare pairs of the accounts each voucher debits and credits, from the accounts' bits in the vouchers'
        aggregate: the vouchers grouped by the accounts they debit and credit (a few thousand such signatures in
        millions of vouchers), each signature's pairs counted once with its vouchers. Exact: no hash, every
        voucher keyed as JE-01 keys it. A signature of more than ``combination_pairs`` pairs is not paired."""
        p, create, words = self.p, self.engine.create, range(self._words)
        n_max, vouchers = p.combination_vouchers, self._vouchers()
        bits = [f"{side}{w}" for w in words for side in "dc"]
        marked = " OR ".join(f"coalesce({b}, 0) <> 0" for b in bits)
        signatures, members, counted = self.name("signatures"), self.name("members"), self.name("counted")
        count = " + ".join(f"bit_count(coalesce({{s}}{w}, 0))" for w in words)
        create(signatures, f"SELECT {', '.join(f'coalesce({b}, 0) AS {b}' for b in bits)}, count(*) AS n, "
                           f"min(line) AS id FROM {vouchers} WHERE {marked} GROUP BY {', '.join(bits)}",
               ordered=False)
        # each signature of at most combination_pairs pairs, one row per account it debits or credits
        word_of = "CASE k.word " + " ".join(f"WHEN {w} THEN s.{{s}}{w}" for w in words) + " END"
        create(members, " UNION ALL ".join(
            f"SELECT s.id, k.account, {side} AS side FROM {signatures} s JOIN {self._codes} k "
            f"ON ({word_of.format(s=letter)} & k.mask) <> 0 WHERE ({count.format(s='d')}) * ({count.format(s='c')}) "
            f"<= {p.combination_pairs}" for letter, side in (("d", 1), ("c", -1))), ordered=False)
        sides, rare = self._sides(), self.name("combinations")
        create(counted, f"SELECT d.account AS debit, c.account AS credit, sum(s.n) AS vouchers FROM {members} d "
                        f"JOIN {members} c ON d.id = c.id AND d.side = 1 AND c.side = -1 AND d.account <> c.account "
                        f"JOIN {signatures} s ON s.id = d.id GROUP BY d.account, c.account", ordered=False)
        create(rare, f"SELECT r.debit, r.credit FROM {counted} r JOIN {sides} d ON r.debit = d.account "
                     f"JOIN {sides} c ON r.credit = c.account WHERE r.vouchers <= {n_max} "
                     f"AND d.debits >= {p.combination_common} AND c.credits >= {p.combination_common}", ordered=False)
        if not int(self.engine.rows(f"SELECT count(*) FROM {rare}")[0][0]):
            return None, ""
        # the rare pairs' vouchers (few), then their lines that debit the pair's debit or credit its credit
        found = self.name("rare_vouchers")
        same = " AND ".join(f"coalesce(v.{b}, 0) = s.{b}" for b in bits)
        create(found, f"SELECT v.series, v.nkey, v.vtext, r.debit, r.credit FROM {rare} r "
                      f"JOIN {members} d ON d.account = r.debit AND d.side = 1 "
                      f"JOIN {members} c ON c.account = r.credit AND c.side = -1 AND c.id = d.id "
                      f"JOIN {signatures} s ON s.id = d.id JOIN {vouchers} v ON {same}", ordered=False)
        on = " AND ".join(f"{k} = v.{n}" for k, n in zip(self._voucher_key("l"), VOUCHER_KEY))
        return rare, (f"SELECT l.line AS line, min(concat(v.debit, '|', v.credit)) AS sample FROM {self.lines} l "
                      f"JOIN {found} v ON {on} WHERE NOT l.opening AND ((l.ore > 0 AND l.account = v.debit) "
                      f"OR (l.ore < 0 AND l.account = v.credit)) GROUP BY l.line")

    def _rare_by_voucher(self, lines: str) -> tuple[str | None, str]:
        """The rare pairs of the accounts each voucher debits and credits (a table of debit, credit) and the query
        of their lines: per voucher of at most ``combination_pairs`` pairs, the pairs of its debited and credited
        accounts. A voucher is keyed as JE-01 groups it (series, and number where it is one, else text).

        The lines are grouped by two integers, the hashes of their voucher and of their account, and the
        vouchers' pairs joined on the first (joining millions of (voucher, account) texts took three times as
        long); each hash is first made distinct over the ledger's vouchers and accounts (a seed under which
        none collide), so two vouchers are never taken for one. The rare pairs' vouchers are then counted again
        by their own keys, over their few lines."""
        p, create = self.p, self.engine.create
        n_max = p.combination_vouchers
        sides, names = self._sides(), self.name("names")
        account_hash = self.engine.dialect.hash(["account", self._distinct_salt(["account"], sides)])
        create(names, f"SELECT account, {account_hash} AS ah FROM {sides}", ordered=False)
        key = self._voucher_key()
        salt = self._distinct_salt(list(VOUCHER_KEY), self._vouchers())
        voucher_hash = self.engine.dialect.hash([*key, salt])
        keyed = (f"SELECT line, {', '.join(f'{k} AS {n}' for k, n in zip(key, VOUCHER_KEY))}, "
                 f"account, ore, {voucher_hash} AS vh, {account_hash} AS ah {lines} AND voucher <> ''")
        accounts, large, pairs, counted = (self.name(x) for x in ("accounts", "large", "pairs_of", "counted"))
        create(accounts, f"SELECT vh, ah, max(CASE WHEN ore > 0 THEN 1 ELSE 0 END) AS debited, "
                         f"max(CASE WHEN ore < 0 THEN 1 ELSE 0 END) AS credited FROM ({keyed}) AS k "
                         f"GROUP BY vh, ah", ordered=False)
        # the few vouchers of more pairs, left out by an anti-join (cheaper than joining the many others); only a
        # voucher of more than 2·√combination_pairs lines can make more than combination_pairs pairs (L²/4)
        big = (f"SELECT {self.engine.dialect.hash([*VOUCHER_KEY, salt])} AS vh FROM {self._vouchers()} "
               f"WHERE lines > {2 * math.isqrt(p.combination_pairs)}")
        create(large, f"SELECT a.vh FROM {accounts} a JOIN ({big}) AS b ON a.vh = b.vh GROUP BY a.vh "
                      f"HAVING sum(debited) * sum(credited) > {p.combination_pairs}", ordered=False)
        create(pairs, f"SELECT d.ah AS dh, c.ah AS ch, d.vh FROM {accounts} d JOIN {accounts} c ON d.vh = c.vh "
                      f"WHERE d.debited = 1 AND c.credited = 1 AND d.ah <> c.ah AND NOT EXISTS "
                      f"(SELECT 1 FROM {large} g WHERE g.vh = d.vh)", ordered=False)
        for table in (accounts, large):
            self.engine.drop_table(table)
        create(counted, f"SELECT dh, ch, count(*) AS vouchers FROM {pairs} GROUP BY dh, ch", ordered=False)
        rare_hashes = self.name("rare_hashes")
        create(rare_hashes, f"SELECT r.dh, r.ch, dn.account AS debit, cn.account AS credit FROM {counted} r "
                            f"JOIN {names} dn ON r.dh = dn.ah JOIN {names} cn ON r.ch = cn.ah "
                            f"JOIN {sides} d ON dn.account = d.account JOIN {sides} c ON cn.account = c.account "
                            f"WHERE r.vouchers <= {n_max} AND d.debits >= {p.combination_common} "
                            f"AND c.credits >= {p.combination_common}", ordered=False)
        if not int(self.engine.rows(f"SELECT count(*) FROM {rare_hashes}")[0][0]):
            return None, ""
        # the rare pairs' vouchers, each debited and credited account a row of its own (few rows), then their lines
        # by equal keys, then each pair's vouchers counted by their own keys
        sides_of, found, rare = self.name("sides_of"), self.name("found"), self.name("combinations")
        create(sides_of, f"SELECT x.vh, x.dh AS ah, 1 AS side, y.debit, y.credit FROM {pairs} x JOIN {rare_hashes} y "
                         f"ON x.dh = y.dh AND x.ch = y.ch UNION ALL SELECT x.vh, x.ch AS ah, -1 AS side, y.debit, "
                         f"y.credit FROM {pairs} x JOIN {rare_hashes} y ON x.dh = y.dh AND x.ch = y.ch",
               ordered=False)
        create(found, f"SELECT l.line, l.series, l.nkey, l.vtext, l.account, "
                      f"CASE WHEN l.ore > 0 THEN 1 ELSE -1 END AS side, v.debit, v.credit FROM ({keyed}) AS l "
                      f"JOIN {sides_of} v ON l.vh = v.vh AND l.ah = v.ah "
                      f"AND (CASE WHEN l.ore > 0 THEN 1 ELSE -1 END) = v.side", ordered=False)
        # a voucher of the pair: one that debits its debit account and credits its credit account
        vouchers = (f"SELECT debit, credit, series, nkey, vtext FROM {found} GROUP BY debit, credit, series, nkey, "
                    f"vtext HAVING max(CASE WHEN side = 1 AND account = debit THEN 1 ELSE 0 END) = 1 "
                    f"AND max(CASE WHEN side = -1 AND account = credit THEN 1 ELSE 0 END) = 1")
        create(rare, f"SELECT debit, credit FROM ({vouchers}) AS v GROUP BY debit, credit HAVING count(*) <= {n_max}",
               ordered=False)
        for table in (names, rare_hashes, sides_of):
            self.engine.drop_table(table)
        if not int(self.engine.rows(f"SELECT count(*) FROM {rare}")[0][0]):
            return None, ""
        return rare, (f"SELECT f.line AS line, min(concat(f.debit, '|', f.credit)) AS sample FROM {found} f "
                      f"JOIN ({vouchers}) AS v ON f.debit = v.debit AND f.credit = v.credit AND f.series = v.series "
                      f"AND f.nkey = v.nkey AND f.vtext = v.vtext JOIN {rare} r ON f.debit = r.debit "
                      f"AND f.credit = r.credit WHERE (f.side = 1 AND f.account = f.debit) "
                      f"OR (f.side = -1 AND f.account = f.credit) GROUP BY f.line")

    # --- Benford -----------------------------------------------------------------------------

    def benford(self) -> dict[str, Benford]:
        # the first two digits by integer division (a CASE per power of ten: no float, no text)
        div = "div" if self.engine.dialect.name == "spark" else "//"  # integer division in each dialect
        steps = " ".join(f"WHEN abs(ore) < {10 ** (k + 2)} THEN abs(ore) {div} {10 ** k}" for k in range(1, 17))
        digits = f"CASE {steps} END"
        where = f"WHERE NOT opening AND abs(ore) >= {BENFORD_FLOOR}"
        # the digits of each line, counted in one pass into 90 groups (grouping by the amount first costs more:
        # a large ledger has millions of distinct amounts)
        counts = {int(d): int(n) for d, n in self.engine.rows(
            f"SELECT d, count(*) FROM (SELECT {digits} AS d FROM {self.lines} {where}) AS a GROUP BY d")}
        two = tuple(counts.get(d, 0) for d in range(10, 100))
        one = tuple(sum(two[(d - 1) * 10:d * 10]) for d in range(1, 10))
        out = {"first_digit": benford_test("first_digit", 1, one, self.p.mad_first, self.p),
               "first_two_digits": benford_test("first_two_digits", 10, two, self.p.mad_first_two, self.p)}
        for key, result in out.items():
            if result.spikes:
                leading = digits if key == "first_two_digits" else f"({digits}) {div} 10"  # no text per line
                spiking = ", ".join(str(d) for d in result.spikes)
                test = self.flagged(key, f"SELECT line, ore AS sample FROM {self.lines} {where} "
                                         f"AND {leading} IN ({spiking})")
                out[key] = _with_lines(result, test.lines, test.rows)
        return out


def approval_bands(p: JournalParameters) -> list[tuple[int, int, int, int]]:
    """Per approval limit (øre): the band just below it [low, limit) and the window of NEIGHBOURS bands of the
    same width on a log scale either side [first, last), band included; exact, rounded up to the øre."""
    with localcontext() as ctx:
        ctx.prec = 28
        keep = 1 - p.approval_band
        return [(limit, math.ceil(limit * keep), math.ceil(limit * keep ** (NEIGHBOURS + 1)),
                 math.ceil(limit / keep ** NEIGHBOURS)) for limit in p.approval_limits]


def band_z(n: int, m: int) -> tuple[Decimal, Decimal | None]:
    """The entries a smooth distribution puts in the band (of ``m`` in its window) and the Z of the band's ``n``
    (None where it holds no more than that): (n − m·q − ½) / √(m·q·(1 − q)), q = 1/(2·NEIGHBOURS + 1)."""
    with localcontext() as ctx:
        ctx.prec = 28
        q = Decimal(1) / (2 * NEIGHBOURS + 1)
        expected = m * q
        if not m or n <= expected:
            return expected, None
        return expected, (n - expected - Decimal("0.5")) / (m * q * (1 - q)).sqrt()


def _day(days: int) -> str:
    """Days since 1970 as dd.mm.yyyy."""
    from datetime import date, timedelta

    return (date(1970, 1, 1) + timedelta(days=int(days))).strftime("%d.%m.%Y")


def _day_sample(row: dict) -> str:
    return _day(row["sample"])


def _with_lines(result: Benford, lines: int, rows: tuple[int, ...]) -> Benford:
    import dataclasses

    return dataclasses.replace(result, lines=lines, rows=rows)


def benford_test(test: str, first: int, counts: tuple[int, ...], mad_limits, params: JournalParameters) -> Benford:
    """Nigrini's MAD and the Z-statistic per digit with continuity correction,
    Z = (|p̂ − p| − 1/(2N)) / √(p(1 − p)/N); a digit spikes where Z is above the limit and its share exceeds
    Benford's by more than the MAD of close conformity. N is the amounts, not the lines: double entry writes
    an amount on ``lines_per_amount`` lines (a debit and the credit that balances it), whose digits are one
    draw, not two (counted as independent, clean generated ledgers of 5 000–8 000 lines showed chance
    spikes up to Z 5.3).

    Conformity reads the MAD beyond chance (Barney and Schulzke's excess MAD): N amounts that follow the law
    exactly still deviate, by E[MAD] = (1/K) Σ √(2p(1 − p)/(πN)) over the K digits, and Nigrini's limits were
    set on large data sets. Without it a clean ledger of 1 300 amounts reads nonconformity on the first two
    digits (E[MAD] 0.0022). Exact decimals, 28 digits; no float."""
    with localcontext() as ctx:
        ctx.prec = 28
        n = sum(counts)
        expected = tuple(((Decimal(d + 1) / Decimal(d)).log10()) for d in range(first, first + len(counts)))
        if n == 0:
            zero = tuple(Decimal(0) for _ in counts)
            return Benford(test, first, 0, counts, expected, Decimal(0), "too_few", zero, ())
        observed = [Decimal(c) / n for c in counts]
        deviations = [abs(o - e) for o, e in zip(observed, expected)]
        mad = sum(deviations, Decimal(0)) / len(counts)
        amounts = Decimal(n) / params.lines_per_amount  # the independent draws the shares vary as
        chance = sum(((2 * e * (1 - e)) / (PI * amounts)).sqrt() for e in expected) / len(counts)
        correction = 1 / (2 * amounts)
        z = tuple(max(Decimal(0), d - correction) / (e * (1 - e) / amounts).sqrt()
                  for d, e in zip(deviations, expected))
        # a spike is significant (Z) and material: larger than the mean deviation of close conformity, for in
        # a million amounts a deviation of 0.2 % is significant and tells an auditor nothing (Nigrini ch. 5)
        spikes = tuple(first + i for i, (o, e, zi) in enumerate(zip(observed, expected, z))
                       if o - e > mad_limits[0] and zi > params.z_limit)
        if n < params.benford_min:
            conformity = "too_few"
        else:
            close, acceptable, marginal = mad_limits
            beyond = mad - chance
            conformity = ("close" if beyond <= close else "acceptable" if beyond <= acceptable
                          else "marginal" if beyond <= marginal else "nonconformity")
        return Benford(test, first, n, counts, expected, mad, conformity, z, spikes, chance=chance)


def _free_days(days):
    """Per day (days since 1970, or null): a Saturday, Sunday or Norwegian public holiday."""
    from datetime import date, timedelta

    import holidays
    import pyarrow as pa

    epoch = date(1970, 1, 1)
    values = days.to_pylist()
    years = sorted({(epoch + timedelta(days=d)).year for d in values if d is not None})
    free_days = holidays.country_holidays("NO", years=years) if years else {}
    out = []
    for d in values:
        if d is None:
            out.append(None)
            continue
        day = epoch + timedelta(days=d)
        out.append(day.weekday() >= 5 or day in free_days)
    return pa.array(out, pa.bool_())
