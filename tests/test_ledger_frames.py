"""What the engine hands back and what great-expectations validates: distinct values, groups, exact duplicates.

``tests/test_ledger_pinned.py`` pins the findings end to end; these tests pin
the pieces the equivalence rests on.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from fixtures import make_ledger
from ledger.general_ledger import quality as ledger_quality
from ledger.general_ledger import sql
from ledger.general_ledger.importer import import_ledger


def test_the_engines_trim_what_arrow_trims():
    """The duplicate check trims in the engine (sql.WHITESPACE) what the checks trim per value in Arrow."""
    every = [chr(c) for c in range(0x3001) if not 0xD800 <= c < 0xE000]
    arrow = {c for c in every if pc.utf8_trim_whitespace(pa.array([f"x{c}"]))[0].as_py() == "x"}
    assert arrow == set(sql.WHITESPACE)


def test_great_expectations_sees_distinct_values_not_lines(monkeypatch, imdi_ledger):
    seen = {}
    run = ledger_quality.run_suite

    def spy(data, checks):
        seen["rows"] = len(data)
        seen["columns"] = set(data.columns)
        return run(data, checks)

    monkeypatch.setattr(ledger_quality, "run_suite", spy)
    ledger = import_ledger(str(imdi_ledger), year=2023)
    assert ledger.info.lines == 20_000 and all(q.success for q in ledger.quality)
    assert seen["rows"] < 10_000  # one frame of the columns' distinct values: the 7 924 amounts the most
    assert {"account", "chapter", "post", "amount", "date", "period"} <= seen["columns"]


def _ledger(tmp_path, rows: list[str], name: str = "l.csv"):
    path = tmp_path / name
    path.write_text("Bilagsnr;Konto;Kapittel;Post;Tekst;Beløp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_duplicates_are_lines_equal_once_trimmed(tmp_path):
    rows = ["1;6300;0670;01;Reise;5,00", "2;6300;0670;01;Reise;5,00", "1;6300;0670;01;Reise;5,00",
            "1; 6300;0670;01;\tReise ;5,00", "1;6300;0670;01;Reise\u00a0;5,00", "3;6300;0670;01;Reise;5,01"]
    (result,) = import_ledger(str(_ledger(tmp_path, rows)), year=2023).result("duplicates")
    assert (result.success, result.unexpected, result.rows) == (False, 4, (2, 4, 5, 6))


def test_a_hash_that_collides_everywhere_changes_nothing(tmp_path, monkeypatch):
    """The hash only narrows the search: with every line on one hash the exact comparison decides alone."""
    rng = np.random.default_rng(11)
    rows = [f"{rng.integers(0, 5)};6300;0670;0{rng.integers(1, 3)};{rng.choice(['a', 'b', ' a'])};5,00"
            for _ in range(300)]
    path = _ledger(tmp_path, rows)
    honest = import_ledger(str(path), year=2023).result("duplicates")
    monkeypatch.setattr(sql.Dialect, "hash", lambda self, columns: "42")
    colliding = import_ledger(str(path), year=2023).result("duplicates")
    assert honest == colliding and not honest[0].success and honest[0].unexpected > 10


def test_duplicates_agree_with_pandas_on_the_trimmed_values(tmp_path):
    import pandas as pd

    rng = np.random.default_rng(5)
    names = ("voucher", "date", "period", "account", "chapter", "post", "department", "text", "amount")
    lines = [tuple(rng.choice(["", "1", "2"]) for _ in names) for _ in range(150)]
    picked = [lines[i] for i in rng.integers(0, len(lines), 400)]
    written = [[rng.choice(["", " ", "\t"]) + v + rng.choice(["", " "]) for v in line] for line in picked]
    path = tmp_path / "d.csv"
    path.write_text("Bilagsnr;Dato;Periode;Konto;Kapittel;Post;Avdeling;Tekst;Beløp\n"
                    + "\n".join(";".join(line) for line in written) + "\n", encoding="utf-8")
    (result,) = import_ledger(str(path), year=2023).result("duplicates")
    frame = pd.DataFrame([[v.strip() for v in line] for line in written])
    expected = np.flatnonzero(frame.duplicated(keep=False).to_numpy()) + 2
    assert result.unexpected == len(expected) > 10 and result.rows == tuple(expected[:10].tolist())


def test_sums_beyond_two_to_the_63_are_exact(tmp_path):
    """10^4 lines of 10^17 − 1 øre (the parser's largest amount): ~10^21 øre, past int64 and float."""
    n = 10_000
    rows = [f"{i};6300;0670;01;x;999999999999999,99" for i in range(n)] + ["x;6300;0670;01;x;-0,01"]
    ledger = import_ledger(str(_ledger(tmp_path, rows)), year=2023)
    total = n * (10**17 - 1) - 1
    assert ledger.derived.posts[make_ledger.PostKey("0670", "01")] == total > 2**63
    assert ledger.derived.chart["other_operating"] == total


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


def test_great_expectations_is_imported_without_what_the_suite_does_not_use():
    """scipy.stats waits until an expectation uses it; sqlalchemy is hidden while GX is imported, then
    importable again."""
    import subprocess
    import sys

    code = ("import sys; from ledger.general_ledger import quality as q; q.preload(); q._context();"
            "assert type(sys.modules['scipy.stats']).__name__ == '_LazyModule';"  # any attribute would load it
            "assert 'sqlalchemy' not in sys.modules and 'great_expectations' in sys.modules;"  # nothing hidden is left
            "import importlib.util; importlib.util.find_spec('sqlalchemy') and __import__('sqlalchemy')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
