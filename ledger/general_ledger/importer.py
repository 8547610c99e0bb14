"""Import a ledger: read it, parse its amounts, map its accounts, prove its
quality, derive the statements. One call, one :class:`~ledger.general_ledger.model.Ledger`.

Columnar throughout (Arrow and numpy); no value passes through a float. Each
column is held as codes into its distinct values (:mod:`ledger.general_ledger.coded`): amounts,
dates, periods and accounts are parsed and mapped once per distinct value.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import numpy as np

from ledger.core.errors import InputError
from ledger.core.money import parse_amounts_ore
from ledger.general_ledger.coded import Coded
from ledger.general_ledger.derive import derive
from ledger.general_ledger.file import read_ledger
from ledger.general_ledger.kontoplan import load_kontoplan, needs_post_line
from ledger.general_ledger.model import Ledger, LedgerInfo, field_of

_CONVENTION_SAMPLE = 100_000
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
_OPENING_PERIOD = r"^([0-9]{4}-?)?0{1,2}$"  # period 0 / 00: opening balances (inngående balanse)


def _conventions(amount: Coded) -> tuple[str, str]:
    """How the amounts are written (the distinct texts of the first lines), for the report."""
    import pyarrow as pa
    import pyarrow.compute as pc

    sample = amount.values.take(pa.array(amount.first_seen(_CONVENTION_SAMPLE)[0]))

    def count(regex: str) -> int:
        return pc.sum(pc.match_substring_regex(sample, regex)).as_py() or 0

    comma, point = count(r",[0-9]{1,2}\s*\)?$"), count(r"^[^,]*\.[0-9]{1,2}\s*\)?$")
    space = count("[0-9][ \u00a0\u202f\u2009][0-9]{3}")
    dot = count(r"[0-9]\.[0-9]{3}(,|\s*\)?$|\.)")
    decimal = " and ".join(n for n, c in (("comma", comma), ("point", point)) if c)
    thousands = " and ".join(n for n, c in (("space", space), ("dot", dot)) if c)
    return decimal, thousands


def _date_years(dates: Coded):
    """Per distinct (trimmed) date: its year, −1 when it is not a date, null when blank."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = dates.values
    parsed = [pc.strptime(text, format=f, unit="s", error_is_null=True) for f in _DATE_FORMATS]
    when = pc.coalesce(*parsed)
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.int64()),
                      pc.fill_null(pc.year(when).cast(pa.int64()), -1))


def _fiscal_year(raw: dict[str, Coded], text: dict[str, Coded], date_year) -> int | None:
    """The year most of the first lines' dates (else periods) fall in; ties go to the year seen first."""
    counts: Counter[int] = Counter()
    if date_year is not None:
        years = date_year.to_pylist()
        for code, count in zip(*text["date"].first_seen(_CONVENTION_SAMPLE)):
            if years[code] is not None and years[code] > 0:
                counts[years[code]] += int(count)
    if not counts and "period" in raw:
        values = raw["period"].values.to_pylist()
        for code, count in zip(*raw["period"].first_seen(_CONVENTION_SAMPLE)):
            head = values[code][:4]
            if head and head.isdigit():
                counts[int(head)] += int(count)
    return counts.most_common(1)[0][0] if counts else None


def _map_accounts(account: Coded, plan) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct account: whether it is blank, and the index of its chart line in
    ``plan.lines`` (by its first four digits, through the sorted ranges), −1 when unmapped."""
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = pc.equal(account.values, "").to_numpy(zero_copy_only=False)
    head = pc.utf8_slice_codeunits(account.values, 0, 4)
    numeric = pc.match_substring_regex(head, "^[0-9]{4}$")
    number = pc.if_else(numeric, head, "-1").cast(pa.int64()).to_numpy()
    starts = np.array([r.start for r in plan.ranges], np.int64)
    ends = np.array([r.end for r in plan.ranges], np.int64)
    line_index = np.array([plan.lines.index(r.line) for r in plan.ranges], np.int64)
    pos = np.searchsorted(starts, number, side="right") - 1
    hit = (pos >= 0) & (number <= ends[np.maximum(pos, 0)])
    return blank, np.where(hit, line_index[np.maximum(pos, 0)], -1)


def _allocator(pa) -> None:
    """Arrow on jemalloc where the wheel has it, not its default mimalloc: at 10^7 lines mimalloc gave
    memory back and mapped it again ~50 000 times (a second more of system time on 2 cores); glibc's
    allocator was as fast as jemalloc but kept 1.3 GB more resident."""
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # a build without jemalloc
        pass


def import_ledger(path: str, *, year: int | None = None, columns: dict[str, str] | None = None,
                  sheet: str | None = None, kontoplan: str | None = None,
                  progress: Callable[[str], None] | None = None) -> Ledger:
    """Read, check and derive a ledger. ``year``: the fiscal year (from the accounts, or given);
    without it the year most dates fall in is taken and said to be inferred."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from ledger.general_ledger import quality as ledger_quality
    from ledger.general_ledger.quality_frames import (
        headings_frame,
        line_key,
        lines_frame,
        needs_frame,
        numbers_frame,
        values_frame,
    )

    _allocator(pa)
    say = progress or (lambda message: None)
    plan = load_kontoplan(kontoplan)
    say(f"reading {path}")
    lf = read_ledger(path, columns=columns, sheet=sheet, progress=progress)
    table, lf = lf.table, dataclasses.replace(lf, table=None)  # the columns below replace it
    n = table.num_rows
    if n == 0:
        raise InputError(path, None, "the ledger has column headings but no lines")
    say(f"parsing {n:,} lines".replace(",", " "))
    ledger_quality.preload()  # great-expectations' import, in a thread, while the ledger is parsed and derived
    names = [name for name in table.column_names if name != "row"]
    columns, rows = [table[name] for name in names], table["row"].to_numpy()
    del table
    raw = {name: Coded.of(column) for name, column in zip(names, columns)}
    del columns
    with ThreadPoolExecutor(2) as pool:  # Arrow's kernels run outside the GIL: two columns at a time
        text = dict(zip(names, pool.map(Coded.trimmed, raw.values())))

    decimal = thousands = ""
    ore = parsed = None  # per line: øre (0 where it does not parse), and whether it parsed
    value_ore = None  # per distinct amount text: øre, null where blank or not an amount
    if "amount" in raw:
        value_ore, _, _ = parse_amounts_ore(raw["amount"].values)
        ore = raw["amount"].per_line(pc.fill_null(value_ore, 0).to_numpy())
        parsed = raw["amount"].per_line(pc.is_valid(value_ore).to_numpy(zero_copy_only=False))
        decimal, thousands = _conventions(raw["amount"])
    date_year = _date_years(text["date"]) if "date" in text else None
    opening = None  # per line: an opening balance (period 0/00); None when the ledger has no period
    if "period" in text:
        opening = text["period"].per_line(
            pc.match_substring_regex(text["period"].values, _OPENING_PERIOD).to_numpy(zero_copy_only=False))
    inferred = year is None
    if year is None:
        year = _fiscal_year(raw, text, date_year)

    # per line: the account is blank; its chart line (−1: unmapped); it needs a kapittel/post
    needs_post = np.array([needs_post_line(line) for line in plan.lines] + [True])  # unmapped: as reported
    if "account" in text:
        blank, value_target = _map_accounts(text["account"], plan)
        value_needs = ~blank & needs_post[np.where(value_target < 0, len(plan.lines), value_target)]
        account_blank, target, line_needs_post = (text["account"].per_line(a) for a in (blank, value_target,
                                                                                         value_needs))
    else:
        target, account_blank, line_needs_post = np.full(n, -1, np.int64), np.zeros(n, bool), np.ones(n, bool)

    info = LedgerInfo(lf.file, lf.form, n, lf.columns, lf.missing, lf.encoding, lf.separator, lf.sheet, lf.letters,
                      decimal, thousands, plan.file, lf.unused)

    derived = None
    if not lf.missing:
        say("deriving the statements")
        chapter, post = text["chapter"], text["post"]
        # (kapittel, post) pairs numbered in the order they first occur; −1 where either is blank
        codes, pairs = pd.factorize(chapter.codes.astype(np.int64) * len(post) + post.codes)
        chapters, posts = chapter.values.to_pylist(), post.values.to_pylist()
        keys = [(chapters[p // len(post)], posts[p % len(post)]) for p in pairs.tolist()]
        key_index = np.array([-1 if "" in k else i for i, k in enumerate(keys)], np.int64)
        key_codes = key_index[codes]
        derived = derive(key_codes, keys, account_blank, text["account"], target, ore, parsed, rows, opening, plan)

    say("checking data quality")
    frames = {"headings": headings_frame(lf.columns)}
    if "account" in text:
        frames["account"] = values_frame("account", text["account"])
    for name in ("chapter", "post"):
        if name in text:
            frames[name] = needs_frame(name, text[name], line_needs_post)
    if value_ore is not None:
        frames["amount_ore"] = numbers_frame("amount_ore", raw["amount"], value_ore)
    if date_year is not None:
        frames["date_year"] = numbers_frame("date_year", text["date"], date_year)
    if "period" in text:
        frames["period"] = values_frame("period", text["period"])
    duplicate_columns = [c for c in ("voucher", "date", "period", "account", "chapter", "post", "department", "text",
                                     "amount") if c in text]
    if len(duplicate_columns) > 1:
        frames["lines"] = lines_frame(line_key({c: text[c] for c in duplicate_columns}), rows)

    def raw_text(column: str, sample_rows) -> list[str]:
        name = field_of(column)
        if name not in text:
            return []
        return text[name].text(np.searchsorted(rows, np.array(sample_rows, np.int64)))

    checks = ledger_quality.suite(frames, year, duplicate_columns)
    quality = ledger_quality.run_suite(frames, checks, rows, raw_text)
    return Ledger(info, year, inferred, quality, derived)
