"""The ledger path's results, pinned: findings, quality results and derived sums.

Seeded ledgers (clean, and one with many errors of every kind, in CSV, xlsx
and Windows-1252) are imported and checked; what comes out — every finding
with its rule, key, line and sample values, every quality result with its
count, first lines and samples, every derived øre sum — must equal the
recorded output in ``tests/data/ledger_pinned.json``. A change that makes the
import faster must not change a byte of it.

Re-record (only for an intended change of behaviour):
``AVSTEM_REPIN=1 .venv/bin/python -m pytest tests/test_ledger_pinned.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import numpy as np
import pytest

from avstem.cli import main
from fixtures import make_ledger
from ledger.general_ledger import kontoplan
from ledger.general_ledger.importer import import_ledger
from rules.catalogue.je import journal_parameters
from rules.parameters import default_parameters
from tests.helpers import IMDI

PINNED = Path(__file__).parent / "data" / "ledger_pinned.json"
REPIN = os.environ.get("AVSTEM_REPIN") == "1"

#: line (as in the file) -> heading -> value: errors of every kind, more than ten of some.
MANY = {
    **{f"{100 + i}.Konto": v for i, v in enumerate(["12a4", "670", "1234567", "63 00", "6300x", "A", "06300",
                                                    "12a4", "670", "1234567", "63 00", "6300x", "A"])},
    **{f"{120 + i}.Konto": "" for i in range(12)}, "132.Konto": "   ", "133.Konto": " 6300 ",
    "200.Kapittel": "670", "201.Kapittel": "06700", **{f"{202 + i}.Kapittel": "" for i in range(13)},
    "215.Kapittel": " 0670",
    "300.Post": "1", "301.Post": "001", **{f"{302 + i}.Post": "" for i in range(13)}, "315.Post": "a1",
    **{f"{400 + i}.Beløp": v for i, v in enumerate([
        "1.234,567", "abc", "", "12 345,50", "(1 000)", "\u2212500", "1.234.567,89", "1234.5", "1 234.50", "--5",
        "- 5", " 12,5 ", "0,00", "-0", "99999999999999999,99", "1\u00a0234,00", "(-5)", "+7,1", "\u2013", "12,",
        ",5", "1.234", "1  234", "012 345", "1 234 567,8", "(12,50)", "\u2212 1.000", "1.000.000"])},
    **{f"{430 + i}.Beløp": "x" for i in range(12)},
    **{f"{500 + i}.Dato": v for i, v in enumerate(["31.12.2022", "2023-06-01", "01.01.24", "notadate", "",
                                                   "29.02.2023", "2023/06/01"])},
    **{f"{510 + i}.Dato": "01.01.2024" for i in range(12)},
    **{f"{600 + i}.Periode": v for i, v in enumerate(["2022-12", "2023-00", "2023-13", "202314", "", "2023-1",
                                                      "202301", " 2023-05 ", "00", "2023-14"])},
    "700.Konto": "9100", "701.Konto": "1985", "702.Kapittel": "", "702.Post": "",
    "710.Tekst": " Kontorrekvisita ", "711.Avdeling": "", "712.Bilagsnr": "",
}


def many_errors(lines: int = 3000) -> dict:
    """``MANY`` seeded, then duplicates: a triple, more than ten pairs, and a copy equal only once trimmed."""
    columns = make_ledger.seeded(lines, set=MANY, duplicate=[12, 12, 13, *range(14, 30), 100, 402])
    padded = {name: values[48] for name, values in columns.items()}  # line 50
    padded["Tekst"] = f"  {padded['Tekst']}\t"
    padded["Konto"] = f"{padded['Konto']} "
    return {name: np.append(values, padded[name]) for name, values in columns.items()}


def _write(kind: str, path: Path) -> Path:
    if kind == "many.csv":
        return make_ledger.write_csv(many_errors(), path)
    if kind == "many.xlsx":
        columns = make_ledger.seeded(450, set={k: v for k, v in MANY.items() if int(k.split(".")[0]) < 450},
                                     duplicate=[12, 13, 13, 100])
        return make_ledger.write_xlsx(columns, path)
    if kind == "cp1252.txt":
        columns = make_ledger.seeded(1500, set={"40.Post": "", "41.Tekst": "Reise æøå", "42.Konto": "12a4"},
                                     duplicate=[41])
        columns["Beløp"] = make_ledger.format_ore(columns["ore"], thousands=".")
        columns["Beløp"][21] = "1.234,567"
        return make_ledger.write_csv(columns, path, sep="\t", encoding="cp1252")
    if kind == "no-date.csv":
        return make_ledger.write_seeded({"lines": 800, "set": {"62.Periode": "2022-12", "40.Post": ""},
                                         "drop": ["Dato"], "duplicate": [12]}, path)
    if kind == "no-period.csv":
        return make_ledger.write_seeded({"lines": 800, "set": {"61.Dato": "31.12.2022"}, "drop": ["Periode"]}, path)
    if kind == "no-post.csv":
        return make_ledger.write_seeded({"lines": 800, "drop": ["Post"], "set": {"17.Konto": "12a4"}}, path)
    if kind == "keys-only.csv":
        return make_ledger.write_seeded({"lines": 800, "drop": ["Bilagsnr", "Dato", "Periode", "Avdeling", "Tekst"],
                                         "set": {"20.Konto": "", "20.Kapittel": "", "20.Post": ""},
                                         "duplicate": [12]}, path)
    assert kind == "clean.csv"
    return make_ledger.write_csv(make_ledger.generate(3000), path)


#: (ledger file, command-line arguments after the ledger)
CASES = [
    ("clean.csv", ["check"]),
    ("many.csv", ["check"]),
    ("many.csv", ["ledger"]),
    ("many.csv", ["ledger", "--year", "2024"]),
    ("many.xlsx", ["check"]),
    ("cp1252.txt", ["check"]),
    ("no-date.csv", ["check"]),
    ("no-period.csv", ["ledger"]),
    ("no-post.csv", ["check"]),
    ("keys-only.csv", ["check"]),
]


def _plain(value):
    """Dataclasses, dicts with PostKey keys, tuples and sets as JSON-able data."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (frozenset, set)):
        return sorted(str(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _outcome(path: Path, args: list[str], capsys, monkeypatch) -> dict:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    command = ["check", str(IMDI), "--ledger", str(path)] if args[0] == "check" else ["ledger", str(path), *args[1:]]
    code = main([*command, "--lang", "en", "--json", "-"])
    out, _ = capsys.readouterr()
    # paths depend on where the repository is checked out
    doc = json.loads(out.replace(str(path), "<ledger>").replace(str(IMDI), "<accounts>")
                     .replace(str(kontoplan.DEFAULT), "<kontoplan>"))
    for volatile in ("generated_at", "inputs", "avstem", "catalogue"):
        doc.pop(volatile, None)
    for verdict in ("result", "require_all", "rules_not_run", "config"):  # the run's verdict, not the ledger's results
        doc.pop(verdict, None)
    doc.pop("facts", None)  # what is known about the accounts, not the ledger's results
    doc["ledger"].pop("kontoplan", None)
    doc["findings"] = [f for f in doc["findings"] if f["rule"][:2] in ("DQ", "LG", "JE")]  # the others ignore the ledger
    for finding in doc["findings"]:  # the catalogue's words, not the ledger's results
        finding.pop("title", None)
        finding.pop("reference", None)
    year = int(args[2]) if args[1:2] == ["--year"] else (2023 if args[0] == "check" else None)
    ledger = import_ledger(str(path), year=year, journal=lambda y: journal_parameters(default_parameters(), y))
    imported = _plain(ledger)
    imported["info"] = {k: v for k, v in imported["info"].items() if k not in ("file", "kontoplan")}
    for benford in (imported["journal"] or {}).get("benford", {}).values():
        benford.pop("expected"), benford.pop("z")  # arithmetic on the counts, which are pinned
    return {"exit": code, "report": doc, "ledger": imported}


@pytest.fixture(scope="module")
def pinned():
    return {} if REPIN else json.loads(PINNED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pinned")
    return {kind: _write(kind, folder / kind) for kind in sorted({kind for kind, _ in CASES})}


_RECORDED: dict = {}


@pytest.mark.parametrize("kind, args", CASES, ids=[f"{k}:{' '.join(a)}" for k, a in CASES])
def test_ledger_results_are_pinned(kind, args, files, pinned, capsys, monkeypatch):
    name = f"{kind} {' '.join(args)}"
    got = json.loads(json.dumps(_outcome(files[kind], args, capsys, monkeypatch), default=str))
    if REPIN:
        _RECORDED[name] = got
        PINNED.parent.mkdir(exist_ok=True)
        PINNED.write_text(json.dumps(_RECORDED, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                          encoding="utf-8")
        return
    assert got["report"] == pinned[name]["report"]
    assert got["ledger"] == pinned[name]["ledger"]
    assert got["exit"] == pinned[name]["exit"]


def test_the_many_errors_ledger_exercises_every_check(pinned):
    """The pin is only worth something if the seeded errors fail every check, with more than ten lines
    (the sample's length) on some."""
    if REPIN:
        pytest.skip("re-recording")
    quality = pinned["many.csv check"]["ledger"]["quality"]
    failed = {(q["check"], q["column"]) for q in quality if not q["success"]}
    assert failed >= {("empty_key", "account"), ("empty_key", "chapter"), ("empty_key", "post"),
                      ("account_format", "account"), ("chapter_format", "chapter"), ("post_format", "post"),
                      ("amount_parses", "amount_ore"), ("in_year", "date_year"), ("in_year", "period")}
    assert any(q["check"] == "duplicates" and not q["success"] for q in quality)
    assert all(q["unexpected"] > len(q["rows"]) for q in quality
               if q["check"] in ("empty_key", "amount_parses", "duplicates") and q["column"] != "chapter")
