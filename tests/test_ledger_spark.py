"""The Spark engine gives exactly the DuckDB engine's results: the pinned findings, quality results and sums.

Runs where pyspark and Java are installed (``pip install -e '.[spark]'``;
``.ci/run`` installs both), in Spark's local mode: one session for the
module, shared by every run. Each case of ``tests/test_ledger_pinned.py``
listed here is imported with ``--engine spark`` and must equal what the
pinned file records for DuckDB, byte for byte.
"""

from __future__ import annotations

import json
import shutil

import pytest

pyspark = pytest.importorskip("pyspark")
pytestmark = [pytest.mark.spark, pytest.mark.skipif(shutil.which("java") is None, reason="no Java")]

from tests import test_ledger_pinned as pinned_cases  # noqa: E402

#: The cases run on Spark (each ~10 s in local mode): a clean ledger, every kind of error, Windows-1252 and
#: tab-separated, and a ledger of its keys alone (a line blank in all of them is no duplicate).
CASES = [("clean.csv", ["check"]), ("many.csv", ["check"]), ("cp1252.txt", ["check"]), ("keys-only.csv", ["check"])]


@pytest.fixture(scope="module")
def spark():
    from ledger.general_ledger.spark import session as start

    session = start("local[2]", {"spark.sql.shuffle.partitions": "4"})  # as avstem starts it: its memory too
    yield session
    session.stop()


@pytest.fixture(scope="module")
def pinned():
    return json.loads(pinned_cases.PINNED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind, args", CASES, ids=[f"{k}:{' '.join(a)}" for k, a in CASES])
def test_spark_gives_the_pinned_results(kind, args, spark, pinned, tmp_path, capsys, monkeypatch):
    from ledger.general_ledger.spark import SparkEngine

    path = pinned_cases._write(kind, tmp_path / kind)
    # every engine the command line and import_ledger open is a Spark engine on the module's session
    opened = []
    monkeypatch.setattr("ledger.general_ledger.importer.open_engine",
                        lambda settings=None: opened.append(SparkEngine()) or opened[-1])
    got = json.loads(json.dumps(pinned_cases._outcome(path, args, capsys, monkeypatch), default=str))
    assert len(opened) == 2  # the command's import and the direct import: both on Spark
    name = f"{kind} {' '.join(args)}"
    assert got["report"] == pinned[name]["report"]
    assert got["ledger"] == pinned[name]["ledger"]
    assert got["exit"] == pinned[name]["exit"]


def test_spark_sums_beyond_two_to_the_63_exactly(spark, tmp_path):
    from fixtures import make_ledger
    from ledger.general_ledger.importer import EngineSettings, import_ledger, open_engine

    path = tmp_path / "big.csv"
    rows = [f"{i};6300;0670;01;999999999999999,99" for i in range(1000)]
    path.write_text("Bilagsnr;Konto;Kapittel;Post;Beløp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with open_engine(EngineSettings("spark")) as engine:
        ledger = import_ledger(str(path), year=2023, engine=engine)
    assert ledger.derived.posts[make_ledger.PostKey("0670", "01")] == 1000 * (10**17 - 1) > 2**63


#: The journal-entry tests on Spark: a generated ledger with every JE column and one of each planted anomaly,
#: and the same without Motkonto and Bilagsart (JE-13 pairs the accounts within each voucher; one series).
JE_CASES = {"every column": None, "no Motkonto or Bilagsart": ("Motkonto", "Bilagsart")}


@pytest.mark.parametrize("case", list(JE_CASES))
def test_spark_gives_the_journal_entry_findings_of_duckdb(case, spark, tmp_path):
    from fixtures import make_journal
    from fixtures.make_ledger import load_imdi, write_csv
    from ledger.general_ledger.importer import EngineSettings, import_ledger, open_engine
    from reports.i18n import render_message
    from rules.catalogue.je import journal_parameters
    from rules.engine import run
    from rules.parameters import default_parameters

    columns = make_journal.generate(3000, plant=True, spike=300)
    headers = [h for h in make_journal.HEADERS if h not in (JE_CASES[case] or ())]
    path = write_csv(columns, tmp_path / "journal.csv", headers=headers)
    params = lambda year: journal_parameters(default_parameters(), year)  # noqa: E731
    duck = import_ledger(str(path), year=2023, journal=params)
    with open_engine(EngineSettings("spark")) as engine:
        on_spark = import_ledger(str(path), year=2023, journal=params, engine=engine)
    # the session outlives the import and keeps nothing of it: no view, nothing cached (a session's driver ran
    # out of heap when every import left its ledger cached), and no long history of queries
    assert spark.catalog.listTables() == []
    assert spark._jsparkSession.sharedState().cacheManager().isEmpty()
    assert spark.sparkContext.getConf().get("spark.sql.ui.retainedExecutions") == "20"
    assert on_spark.journal == duck.journal
    flagged = {t for t, r in duck.journal.tests.items() if r.count}
    assert {"unbalanced", "gaps", "unusual_combinations", "limit_clusters"} <= flagged  # the queries found something

    def findings(ledger):
        return [(f.rule, f.key, f.severity, render_message(f, "en")) for f in run(load_imdi(), ledger=ledger).findings
                if f.rule.startswith("JE")]

    assert findings(on_spark) == findings(duck)


def test_spark_names_a_line_duplicating_two_others_as_duckdb_does(spark, tmp_path):
    """A line with the account and amount of two earlier ones is named twice, once per pair: both engines give
    the two pairs in the same order (each would otherwise pick its own first among equal line numbers)."""
    from ledger.general_ledger.importer import EngineSettings, import_ledger, open_engine
    from ledger.general_ledger.journal import JournalParameters

    rows = ["Bilagsnr;Dato;Konto;Kapittel;Post;Tekst;Beløp"]
    for voucher, day in ((1, "02.03.2023"), (2, "03.03.2023"), (3, "06.03.2023"), (4, "06.03.2023")):
        rows += [f"{voucher};{day};6300;0671;01;Faktura;12345,67", f"{voucher};{day};2400;;;Faktura;-12345,67"]
    path = tmp_path / "triplicate.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    params = lambda year: JournalParameters()  # noqa: E731
    duck = import_ledger(str(path), year=2023, journal=params)
    with open_engine(EngineSettings("spark")) as engine:
        on_spark = import_ledger(str(path), year=2023, journal=params, engine=engine)
    near = duck.journal.tests["near_duplicates"]
    assert near.rows[:4] == (4, 5, 6, 6) and near.samples[2:4] == ("2|1234567", "4|1234567")  # line 6: as 2 and 4
    assert on_spark.journal == duck.journal
