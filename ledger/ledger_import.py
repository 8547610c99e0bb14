"""Import a ledger: read it, parse its amounts, map its accounts, prove its
quality, derive the statements. One call, one :class:`~ledger.ledger_model.Ledger`.

Columnar throughout (Arrow and numpy); no value passes through a float.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from ledger.derive import derive
from ledger.errors import InputError
from ledger.kontoplan import load_kontoplan, needs_post_line
from ledger.ledger_model import Ledger, LedgerInfo
from ledger.ledger_read import read_ledger
from ledger.money import parse_amounts_ore

_CONVENTION_SAMPLE = 100_000
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
_OPENING_PERIOD = r"^([0-9]{4}-?)?0{1,2}$"  # period 0 / 00: opening balances (inngående balanse)


def _conventions(amount) -> tuple[str, str]:
    """How the amounts are written (from the first lines), for the report."""
    import pyarrow.compute as pc

    sample = amount.slice(0, _CONVENTION_SAMPLE)

    def count(regex: str) -> int:
        return pc.sum(pc.match_substring_regex(sample, regex)).as_py() or 0

    comma, point = count(r",[0-9]{1,2}\s*\)?$"), count(r"^[^,]*\.[0-9]{1,2}\s*\)?$")
    space = count("[0-9][ \u00a0\u202f\u2009][0-9]{3}")
    dot = count(r"[0-9]\.[0-9]{3}(,|\s*\)?$|\.)")
    decimal = " and ".join(n for n, c in (("comma", comma), ("point", point)) if c)
    thousands = " and ".join(n for n, c in (("space", space), ("dot", dot)) if c)
    return decimal, thousands


def _years(table) -> tuple[object, object]:
    """Per line: the year of its date (−1 when it is not a date, null when blank), and
    whether the line is an opening balance (None when the ledger has no period)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    date_year = None
    if "date" in table.column_names:
        text = pc.utf8_trim_whitespace(table["date"])
        parsed = [pc.strptime(text, format=f, unit="s", error_is_null=True) for f in _DATE_FORMATS]
        when = pc.coalesce(*parsed)
        blank = pc.equal(text, "")
        date_year = pc.if_else(blank, pa.scalar(None, pa.int64()),
                               pc.fill_null(pc.year(when).cast(pa.int64()), -1))
    opening = None
    if "period" in table.column_names:
        opening = pc.match_substring_regex(pc.utf8_trim_whitespace(table["period"]), _OPENING_PERIOD)
    return date_year, opening


def _fiscal_year(table, date_year) -> int | None:
    import pyarrow.compute as pc

    counts: Counter[int] = Counter()
    if date_year is not None:
        for item in pc.value_counts(date_year.slice(0, _CONVENTION_SAMPLE)).to_pylist():
            if item["values"] is not None and item["values"] > 0:
                counts[item["values"]] += item["counts"]
    if not counts and "period" in table.column_names:
        for item in pc.value_counts(pc.utf8_slice_codeunits(table["period"].slice(0, _CONVENTION_SAMPLE), 0, 4)
                                    ).to_pylist():
            if item["values"] and item["values"].isdigit():
                counts[int(item["values"])] += item["counts"]
    return counts.most_common(1)[0][0] if counts else None


def import_ledger(path: str, *, year: int | None = None, columns: dict[str, str] | None = None,
                  sheet: str | None = None, kontoplan: str | None = None,
                  progress: Callable[[str], None] | None = None) -> Ledger:
    """Read, check and derive a ledger. ``year``: the fiscal year (from the accounts, or given);
    without it the year most dates fall in is taken and said to be inferred."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from ledger.ledger_quality import run_suite

    say = progress or (lambda message: None)
    plan = load_kontoplan(kontoplan)
    say(f"reading {path}")
    lf = read_ledger(path, columns=columns, sheet=sheet, progress=progress)
    table = lf.table
    n = table.num_rows
    if n == 0:
        raise InputError(path, None, "the ledger has column headings but no lines")
    say(f"parsing {n:,} lines".replace(",", " "))
    text = {name: pc.utf8_trim_whitespace(table[name]).combine_chunks() for name in table.column_names if name != "row"}
    rows = table["row"].to_numpy()

    decimal = thousands = ""
    ore = None
    if "amount" in text:
        ore, _, _ = parse_amounts_ore(table["amount"])
        decimal, thousands = _conventions(table["amount"].combine_chunks())
    date_year, opening = _years(table)
    inferred = year is None
    if year is None:
        year = _fiscal_year(table, date_year)

    # accounts to chart lines: by the first four digits, through the sorted ranges
    target = np.full(n, -1, np.int64)
    account_blank = np.zeros(n, bool)
    if "account" in text:
        account = text["account"]
        account_blank = pc.equal(account, "").to_numpy(zero_copy_only=False)
        head = pc.utf8_slice_codeunits(account, 0, 4)
        numeric = pc.match_substring_regex(head, "^[0-9]{4}$")
        number = pc.if_else(numeric, head, "-1").cast(pa.int64()).to_numpy()
        starts = np.array([r.start for r in plan.ranges], np.int64)
        ends = np.array([r.end for r in plan.ranges], np.int64)
        line_index = np.array([plan.lines.index(r.line) for r in plan.ranges], np.int64)
        pos = np.searchsorted(starts, number, side="right") - 1
        hit = (pos >= 0) & (number <= ends[np.maximum(pos, 0)])
        target = np.where(hit, line_index[np.maximum(pos, 0)], -1)

    info = LedgerInfo(lf.file, lf.form, n, lf.columns, lf.missing, lf.encoding, lf.separator, lf.sheet, lf.letters,
                      decimal, thousands, plan.file)

    # the frame great-expectations validates: keys with blanks as nulls, øre as nullable int64
    say("checking data quality")
    frame_columns = {}
    for name in ("account", "chapter", "post", "period"):
        if name in text:
            frame_columns[name] = pc.if_else(pc.equal(text[name], ""), pa.scalar(None, pa.string()), text[name])
    if ore is not None:
        frame_columns["amount_ore"] = ore
    if date_year is not None:
        frame_columns["date_year"] = date_year
    needs_post = np.array([needs_post_line(line) for line in plan.lines] + [True])  # unmapped: as reported
    frame_columns["needs_post"] = pa.array(~account_blank & needs_post[np.where(target < 0, len(plan.lines), target)])
    duplicate_columns = [c for c in ("voucher", "date", "period", "account", "chapter", "post", "department", "text",
                                     "amount") if c in text]
    for name in duplicate_columns:
        frame_columns.setdefault(name, text[name])
    frame = pa.table(frame_columns).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    frame.index = pd.Index(rows)

    def raw(column: str, sample_rows) -> list[str]:
        name = {"amount_ore": "amount", "date_year": "date"}.get(column, column)
        if name not in text:
            return []
        positions = np.searchsorted(rows, np.array(sample_rows, np.int64))
        return text[name].take(pa.array(positions)).to_pylist()

    quality = run_suite(frame, raw, year, duplicate_columns)
    del frame

    derived = None
    if not lf.missing:
        say("deriving the statements")
        chapter, post = text["chapter"], text["post"]
        blank_key = pc.or_(pc.equal(chapter, ""), pc.equal(post, ""))
        encoded = pc.binary_join_element_wise(chapter, post, ".").dictionary_encode()
        key_codes = pc.if_else(blank_key, -1, encoded.indices.cast(pa.int64())).to_numpy()
        keys = [tuple(k.split(".", 1)) for k in encoded.dictionary.to_pylist()]
        parsed = pc.is_valid(ore).to_numpy(zero_copy_only=False)
        ore_values = pc.fill_null(ore, 0).to_numpy()
        derived = derive(key_codes, keys, account_blank, text["account"], target, ore_values, parsed, rows,
                         None if opening is None else opening.to_numpy(zero_copy_only=False), plan)
    return Ledger(info, year, inferred, quality, derived)
