"""What great-expectations validates: each column's distinct values, and one exact key per line.

``tests/test_ledger_pinned.py`` pins the findings end to end; these tests pin
the pieces the equivalence rests on.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyarrow as pa
import pytest

from fixtures import make_ledger
from ledger.general_ledger import quality as ledger_quality
from ledger.general_ledger.coded import Coded
from ledger.general_ledger.derive import group_sums
from ledger.general_ledger.importer import import_ledger
from ledger.general_ledger.quality_frames import line_key


def _coded(values) -> Coded:
    return Coded.of(pa.array(values, pa.string())).trimmed()


def _tuples_agree(columns: dict[str, Coded], key) -> None:
    """Two lines share a key exactly when they share every value."""
    texts = [c.values.to_pylist() for c in columns.values()]
    lines = list(zip(*(np.asarray(t, dtype=object)[c.codes] for t, c in zip(texts, columns.values()))))
    key = list(np.asarray(key))
    by_key: dict = {}
    by_tuple: dict = {}
    for line, (k, t) in enumerate(zip(key, lines)):
        by_key.setdefault(k, []).append(line)
        by_tuple.setdefault(t, []).append(line)
    assert sorted(by_key.values()) == sorted(by_tuple.values())


def test_line_key_is_exact():
    rng = np.random.default_rng(3)
    columns = {name: _coded([f" {v}" if v % 7 == 0 else str(v) for v in rng.integers(0, size, 5000)])
               for name, size in (("voucher", 800), ("date", 4), ("account", 3), ("amount", 50), ("text", 2))}
    _tuples_agree(columns, line_key(columns))


def test_line_key_renumbers_before_it_would_pass_int64():
    # six columns of thousands of distinct values: ~10^22 combinations, beyond int64 (9.2·10^18)
    rng = np.random.default_rng(4)
    n = 30_000
    base = rng.integers(0, 10_000, n)  # mostly functions of one another: duplicates among 30 000 lines
    columns = {f"c{i}": _coded([str(v) for v in (base * (i + 1) + rng.integers(0, 2, n) * (i == 4)) % 10_000])
               for i in range(6)}
    assert math.prod(len(c) for c in columns.values()) > 2**63
    key = line_key(columns)
    assert key.dtype == np.int64
    _tuples_agree(columns, key)


def test_line_key_is_null_only_where_great_expectations_skipped_the_line():
    # all four columns it saw as null when blank: a line blank in all of them is skipped
    blank = {name: _coded(["", " ", "0670", ""]) for name in ("account", "chapter", "post", "period")}
    key = line_key(blank)
    assert list(key.isna()) == [True, True, False, True]
    # with a column it saw as "" (never null), no line is skipped
    assert not hasattr(line_key({**blank, "text": _coded(["", "", "", ""])}), "isna")


def test_duplicates_agree_with_the_compound_expectation_on_the_nine_text_columns():
    """The old check (ExpectCompoundColumnsToBeUnique on nine string columns, blank keys null) and
    the new one (ExpectColumnValuesToBeUnique on the line key) flag the same lines."""
    import pandas as pd

    rng = np.random.default_rng(5)
    n = 400
    names = ("voucher", "date", "period", "account", "chapter", "post", "department", "text", "amount")
    lines = [tuple(rng.choice(["", "a", "b"]) for _ in names) for _ in range(150)]  # 400 lines of 150
    picked = [lines[i] for i in rng.integers(0, len(lines), n)]
    values = {name: [rng.choice(["", " ", "\t"]) + line[j] + rng.choice(["", " "]) for line in picked]
              for j, name in enumerate(names)}
    rows = np.arange(2, n + 2)
    coded = {name: _coded(v) for name, v in values.items()}
    old = pd.DataFrame({name: pd.Series([None if t == "" and name in ("account", "chapter", "post", "period") else t
                                         for t in (s.strip() for s in v)], dtype="str")
                        for name, v in values.items()})
    old.index = pd.Index(rows)
    new = pd.DataFrame({"line_key": line_key(coded)}, index=pd.Index(rows))
    gx, context = ledger_quality._context()
    import great_expectations.expectations as gxe

    batch = (context.data_sources.add_pandas(name="equivalence").add_dataframe_asset(name="lines")
             .add_batch_definition_whole_dataframe(name="all"))
    results = []
    for frame, expectation in ((old, gxe.ExpectCompoundColumnsToBeUnique(column_list=list(values))),
                               (new, gxe.ExpectColumnValuesToBeUnique(column="line_key"))):
        suite = context.suites.add(gx.ExpectationSuite(name=f"s{len(results)}", expectations=[expectation]))
        r = batch.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite, result_format={"result_format": "COMPLETE"}).results[0]
        results.append((r.success, r.result["unexpected_count"], list(r.result["unexpected_index_list"])))
    assert results[0] == results[1]
    assert results[0][1] > 10  # the sample has duplicates to find


def test_great_expectations_sees_distinct_values_not_lines(monkeypatch, imdi_ledger):
    seen = {}
    run = ledger_quality.run_suite

    def spy(frames, checks, rows, raw):
        seen.update({name: len(f.frame) for name, f in frames.items()})
        return run(frames, checks, rows, raw)

    monkeypatch.setattr(ledger_quality, "run_suite", spy)
    ledger = import_ledger(str(imdi_ledger), year=2023)
    assert ledger.info.lines == 20_000 and all(q.success for q in ledger.quality)
    assert seen["lines"] == 20_000  # the duplicate check: one key per line
    for name in ("account", "chapter", "post", "period", "date_year"):
        assert seen[name] < 400, (name, seen[name])  # a few hundred distinct values at most


def test_group_sums_leave_out_lines_coded_minus_one():
    codes = np.array([1, -1, 0, 1, -1], np.int64)
    ore = np.array([10, 1000, 5, 7, 2000], np.int64)
    sums, first = group_sums(codes, ore, np.array([2, 3, 4, 5, 6]), 3)
    assert sums == [5, 17, 0] and first == [4, 2, -1]


def test_kapittel_and_post_are_kept_apart_exactly(tmp_path):
    """The pair (kapittel, post) is the key, not their text joined by a dot and split again."""
    path = tmp_path / "dot.csv"
    path.write_text("Konto;Kapittel;Post;Beløp\n6300;06.70;01;5\n6300;06;70.01;7\n", encoding="utf-8")
    posts = import_ledger(str(path), year=2023).derived.posts
    assert posts == {make_ledger.PostKey("06.70", "01"): 500, make_ledger.PostKey("06", "70.01"): 700}


def test_a_failed_import_of_great_expectations_is_raised_where_it_is_used(monkeypatch):
    import threading

    thread = threading.Thread(target=lambda: None)
    thread.start()
    monkeypatch.setattr(ledger_quality, "_loading", {"thread": thread, "error": ImportError("no GX here")})
    with pytest.raises(ImportError, match="no GX here"):
        ledger_quality._context()


@pytest.mark.parametrize("values", [["a", " a", "a "], ["", " ", "\t"], ["x"]])
def test_trimmed_values_share_a_code(values):
    coded = _coded(values)
    assert len(set(coded.codes.tolist())) == 1 and len(coded) == 1


def test_first_seen_orders_by_first_occurrence():
    coded = Coded.of(pa.array(list("bbacab"), pa.string()))
    codes, counts = coded.first_seen(5)
    assert [coded.values[int(c)].as_py() for c in codes] == ["b", "a", "c"] and counts.tolist() == [2, 2, 1]
    assert list(itertools.chain(coded.text([0, 2, 3]))) == ["b", "a", "c"]
