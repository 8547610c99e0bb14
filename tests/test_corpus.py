"""The broken-input corpus (tests/corpus/), reader by reader: the YAML form, the agency's workbook
and the ledger. Every case gives exit 2 and one line on stderr naming the file and the place, no
traceback, no output file (--json, --report and --junit are asked for, into a folder that must stay
empty), and leaves its input byte for byte as it was. Beside them, the edge cases that must be read
(``accepted.yaml``): negative zero is 0, a lying <dimension> is not believed, and so on."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from avstem.cli import main
from tests.helpers import BOKMAL, IMDI, edited, figures, write_doc
from tests.hostile import with_parts

CORPUS = Path(__file__).parent / "corpus"


def _load(name: str):
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


EDITS = _load("accounts.yaml")  # the YAML form
FILES = _load("files/EXPECTED.yaml")
WORKBOOK_EDITS = _load("workbook.yaml")  # the agency's workbook
WORKBOOKS = _load("workbooks/EXPECTED.yaml")
LEDGERS = _load("ledgers/EXPECTED.yaml")  # the ledger
ACCEPTED = _load("accepted.yaml")
READ = _load("read/EXPECTED.yaml")  # whole workbooks that must be read
OUTPUTS = {"--json": "findings.json", "--report": "audit.xlsx", "--junit": "junit.xml"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(capsys, tmp_path: Path, path: Path, expect: str, *command: str,
             outputs=("--json", "--report", "--junit")) -> None:
    """``avstem COMMAND…`` exits 2 with one line that names ``path`` and then ``expect`` (right after the
    file name when ``expect`` begins with ':', the place), writes nothing, and leaves ``path`` alone. Run with
    ``--lang en``: the expectations are the English words (the corpus is about the place)."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    before = _sha(path)
    # the corpus names each refusal's place and problem in English: --lang en (the Bokmål default is
    # test_cli.py's concern)
    code = main([*command, "--lang", "en",
                 *[arg for option in outputs for arg in (option, str(out / OUTPUTS[option]))]])
    stdout, stderr = capsys.readouterr()
    assert code == 2, stdout + stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert stderr.startswith(f"avstem: {path}{expect}" if expect.startswith(":") else f"avstem: {path}"), stderr
    assert expect in stderr, stderr
    assert list(out.iterdir()) == [], "a refused input left an output behind"
    assert _sha(path) == before


# --- the YAML form ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", EDITS, ids=[c["name"] for c in EDITS])
def test_broken_accounts(capsys, tmp_path, imdi_doc, case):
    path = write_doc(edited(imdi_doc, set=case.get("set"), delete=case.get("delete")), tmp_path / "accounts.yaml")
    _refused(capsys, tmp_path, path, case["expect"], "check", str(path))


@pytest.mark.parametrize("name", sorted(FILES))
def test_broken_files(capsys, tmp_path, name):
    path = CORPUS / "files" / name
    _refused(capsys, tmp_path, path, FILES[name], "check", str(path))


# --- the agency's workbook -------------------------------------------------------------------------


def _value(sheet, cell: str, value) -> None:
    if isinstance(value, dict) and "formula" in value:
        sheet[cell] = f"={value['formula']}"  # openpyxl saves a formula without a value, as such programs do
    elif isinstance(value, dict) and "text" in value:
        sheet[cell] = value["text"]
        sheet[cell].data_type = "s"  # text, even when it begins with '='
    else:
        sheet[cell] = value


def edit_workbook(case: dict, target: Path) -> Path:
    """IMDi's one-sheet workbook with the edits of a workbook.yaml or accepted.yaml case."""
    book = openpyxl.load_workbook(BOKMAL)
    sheet = book.active
    for action in ("insert_rows", "delete_rows"):
        if action in case:
            args = case[action] if isinstance(case[action], list) else [case[action]]
            getattr(sheet, action)(*args)
    for cell, value in (case.get("set") or {}).items():
        _value(sheet, cell, value)
    if case.get("hide"):
        sheet.sheet_state = "hidden"
    if "sheet" in case:
        extra = book.create_sheet(case["sheet"]["title"])
        for cell, value in case["sheet"].get("set", {}).items():
            _value(extra, cell, value)
        if case["sheet"].get("hidden"):
            extra.sheet_state = "hidden"
        if case.get("hide"):
            book.active = 1
    book.save(target)
    if "dimension" in case:
        import re
        import zipfile

        part = "xl/worksheets/sheet1.xml"
        with zipfile.ZipFile(target) as archive:
            xml = archive.read(part).decode()
        xml, n = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{case["dimension"]}"/>', xml)
        assert n == 1
        target.write_bytes(with_parts(target.read_bytes(), {part: xml.encode()}))
    return target


@pytest.mark.parametrize("case", WORKBOOK_EDITS, ids=[c["name"] for c in WORKBOOK_EDITS])
def test_broken_workbooks(capsys, tmp_path, case):
    path = edit_workbook(case, tmp_path / "accounts.xlsx")
    _refused(capsys, tmp_path, path, case["expect"], "check", str(path))


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_broken_workbook_files(capsys, tmp_path, name):
    path = CORPUS / "workbooks" / name
    _refused(capsys, tmp_path, path, WORKBOOKS[name], "check", str(path))


# --- the ledger ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LEDGERS))
def test_broken_ledgers(capsys, tmp_path, name):
    path = CORPUS / "ledgers" / name
    _refused(capsys, tmp_path, path, LEDGERS[name], "ledger", str(path), outputs=("--json",))
    _refused(capsys, tmp_path, path, LEDGERS[name], "check", str(IMDI), "--ledger", str(path))


# --- the counts --------------------------------------------------------------------------------------


def corpus_counts() -> dict[str, int]:
    """Refusal cases by reader (for the README)."""
    return {"yaml": len(EDITS) + len(FILES), "workbook": len(WORKBOOK_EDITS) + len(WORKBOOKS), "ledger": len(LEDGERS)}


def test_the_corpus_is_large_enough():
    counts = corpus_counts()
    assert sum(counts.values()) >= 60 and min(counts.values()) >= 25, counts
    for folder, expected in (("files", FILES), ("workbooks", WORKBOOKS), ("ledgers", LEDGERS), ("read", READ)):
        on_disk = {p.name for p in (CORPUS / folder).iterdir() if p.name != "EXPECTED.yaml"}
        assert on_disk == set(expected), f"{folder}: files without an expectation or the reverse"


# --- what must be read -------------------------------------------------------------------------------


def _findings(capsys, path: Path) -> list[tuple]:
    code = main(["check", str(path), "--json", "-", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return _signature(json.loads(out))


@pytest.fixture(scope="module")
def unedited(tmp_path_factory):
    """The findings of the unedited one-sheet workbook (saved through openpyxl, as the edits are)."""
    from avstem.pipeline import CheckRequest, check
    from reports.json_report import dumps

    path = edit_workbook({}, tmp_path_factory.mktemp("plain") / "accounts.xlsx")
    return _signature(json.loads(dumps(check(CheckRequest(str(path))), "en")))


def _signature(doc: dict) -> list[tuple]:
    return [(f["rule"], f["key"], f["expected"], f["actual"]) for f in doc["findings"]]


def _figure_at(accounts, place: str):
    hits = [f for f in figures(accounts) if (f.source.cell or f.source.path) == place]
    assert hits, f"no figure read at {place}"
    return hits[0].value


def _assert_figures(accounts, expected: dict) -> None:
    for place, amount in expected.items():
        value = _figure_at(accounts, place)
        if amount is None:
            assert value is None, (place, value)
        else:
            assert value == Decimal(amount) and str(value) == str(Decimal(amount)), (place, value)  # never "-0"


@pytest.mark.parametrize("case", ACCEPTED["workbook"], ids=[c["name"] for c in ACCEPTED["workbook"]])
def test_workbook_edge_cases_are_read(capsys, tmp_path, unedited, case):
    from ledger.forms.workbook import read_workbook

    path = edit_workbook(case, tmp_path / "accounts.xlsx")
    accounts = read_workbook(str(path))
    _assert_figures(accounts, case.get("figures", {}))
    found = _findings(capsys, path)
    if case.get("same"):
        assert found == unedited


@pytest.mark.parametrize("name", sorted(READ))
def test_workbook_files_are_read(capsys, unedited, name):
    """Formulas whose saved values can be trusted (calculated, or recalculated by LibreOffice) are read."""
    from ledger.forms.workbook import read_workbook

    path = CORPUS / "read" / name
    _assert_figures(read_workbook(str(path)), READ[name])
    assert _findings(capsys, path) == unedited


@pytest.mark.parametrize("case", ACCEPTED["ledger"], ids=[c["name"] for c in ACCEPTED["ledger"]])
def test_ledger_edge_cases_are_read(capsys, tmp_path, case):
    from ledger.core.money import parse_amounts_ore
    from ledger.general_ledger.file import read_ledger

    path = tmp_path / "ledger.csv"
    path.write_bytes(case["text"].encode(case.get("encoding", "utf-8")))
    ledger = read_ledger(str(path))
    assert ledger.lines == case["lines"]
    ore, _, _ = parse_amounts_ore(ledger.table["amount"])
    assert ore.to_pylist() == case["ore"]
    code = main(["ledger", str(path), "--year", "2023", "--json", str(tmp_path / "findings.json")])  # imported too
    assert code in (0, 1), capsys.readouterr().err


@pytest.mark.parametrize("case", ACCEPTED["yaml"], ids=[c["name"] for c in ACCEPTED["yaml"]])
def test_yaml_edge_cases_are_read(tmp_path, imdi_doc, case):
    from ledger.forms.yaml_form.read import read_yaml

    path = write_doc(edited(imdi_doc, set=case.get("set")), tmp_path / "accounts.yaml")
    _assert_figures(read_yaml(str(path)), case["figures"])
