"""Output you can trust, across every reader and every output.

* Every input — accounts as YAML and as the agency's workbook, the context, last year's figures, the
  config, the ledger as CSV and as xlsx — is byte for byte (and by mtime) as it was after full checks
  that write every output.
* The same input and ``SOURCE_DATE_EPOCH`` give byte-identical JSON, JUnit and Excel report, in
  another process too.
* No network anywhere: the full checks run in a subprocess whose ``socket`` refuses (and records) every
  connection and name lookup from interpreter start, so import-time behaviour is covered
  (great-expectations on the ledger path, openpyxl for the report); inside ``unshare -rn`` as well
  when the machine allows it.
* Text from any input that looks like a formula stays text in the report.
* Output names that are tricks (a directory, a link, /dev/stdout, a NUL byte, …) are refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from avstem.cli import main
from fixtures import make_ledger
from tests.helpers import BOKMAL, FIXTURES, IMDI, ROOT, load_doc, write_doc

EPOCH = "1709251200"  # 2024-03-01
OUTPUTS = {"--json": "findings.json", "--junit": "junit.xml", "--report": "audit.xlsx"}
HOSTILE = '=HYPERLINK("http://evil.example","click")'
_STDOUT_IS_A_LINK = os.path.islink("/dev/stdout")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _state(paths) -> dict[str, tuple[str, int]]:
    return {p.name: (_sha(p), p.stat().st_mtime_ns) for p in paths}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Every kind of input, copied to a folder of their own, with their hashes before any run."""
    folder = tmp_path_factory.mktemp("inputs")
    doc = load_doc()
    del doc["context"]
    files = {
        "accounts": write_doc(doc, folder / "imdi-2023.yaml"),  # the context in a file of its own
        "context": folder / "imdi-2023-context.yaml",
        "workbook": folder / "imdi-2023.xlsx",
        "prior": folder / "imdi-2022-comparatives.yaml",
        "config": folder / "avstem.toml",
        "ledger": make_ledger.write_csv(make_ledger.generate(2_000), folder / "ledger.csv"),
        "ledger_xlsx": make_ledger.write_xlsx(make_ledger.generate(1_000), folder / "ledger.xlsx"),
    }
    shutil.copy(FIXTURES / "imdi-2023-context.yaml", files["context"])
    shutil.copy(FIXTURES / "imdi-2023.xlsx", files["workbook"])
    shutil.copy(FIXTURES / "imdi-2022-comparatives.yaml", files["prior"])
    files["config"].write_text('[check]\nlang = "en"\n', encoding="utf-8")
    return files, _state(files.values())


def _runs(files: dict[str, Path]) -> dict[str, list[str]]:
    """Full checks through each reader, every input given."""
    common = ["--prior", str(files["prior"]), "--config", str(files["config"])]
    return {
        "yaml": ["check", str(files["accounts"]), "--context", str(files["context"]), *common,
                 "--ledger", str(files["ledger"])],
        "workbook": ["check", str(files["workbook"]), *common, "--ledger", str(files["ledger_xlsx"])],
    }


def _with_outputs(command: list[str], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    return [*command, *[arg for option, name in OUTPUTS.items() for arg in (option, str(folder / name))]]


# --- no network --------------------------------------------------------------------------------------

_BLOCKER = '''
"""Loaded at interpreter start (sitecustomize): every network call is refused and written down."""
import os, socket

_LOG = os.environ["AVSTEM_NETWORK_LOG"]
with open(_LOG, "a") as fh:
    fh.write("loaded\\n")


def _refuse(name):
    def refuse(*args, **kwargs):
        with open(_LOG, "a") as fh:
            fh.write(f"{name} {args[1:2] if name.startswith('socket.') else args[:1]!r}\\n")
        raise OSError(f"network access is blocked in this test ({name})")
    return refuse


_connect = socket.socket.connect


def _connect_or_refuse(self, address, *rest):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        return _refuse("socket.connect")(self, address)
    return _connect(self, address, *rest)


socket.socket.connect = _connect_or_refuse
socket.socket.connect_ex = lambda self, address: _connect_or_refuse(self, address)
socket.socket.sendto = _refuse("socket.sendto")
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
    setattr(socket, _name, _refuse(_name))
'''

_CHECKS = '''
import json, sys
from avstem.cli import main
print(json.dumps([main(argv) for argv in json.loads(sys.argv[1])]))
'''


def _no_network_prefix() -> list[str]:
    """``unshare -rn`` (a namespace without a network) when this machine allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


@pytest.fixture(scope="module")
def blocked_run(inputs, tmp_path_factory):
    """Both full checks, writing every output, in a subprocess with the network blocked."""
    files, _ = inputs
    folder = tmp_path_factory.mktemp("blocked")
    (folder / "site").mkdir()
    (folder / "site" / "sitecustomize.py").write_text(textwrap.dedent(_BLOCKER), encoding="utf-8")
    log = folder / "network.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GX_")}  # avstem must turn analytics off
    env.update(PYTHONPATH=os.pathsep.join([str(folder / "site"), str(ROOT)]), AVSTEM_NETWORK_LOG=str(log),
               SOURCE_DATE_EPOCH=EPOCH)
    argvs = [_with_outputs(argv, folder / name) for name, argv in _runs(files).items()]
    result = subprocess.run([*_no_network_prefix(), sys.executable, "-c", _CHECKS, json.dumps(argvs)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder, json.loads(result.stdout.splitlines()[-1]), log.read_text().splitlines()


def test_the_full_checks_make_no_network_call(blocked_run):
    folder, codes, log = blocked_run
    assert log[:1] == ["loaded"], "the blocker was not loaded at start-up"
    assert log[1:] == [], f"avstem tried to reach the network: {log[1:]}"
    assert codes == [0, 0]
    for name in ("yaml", "workbook"):
        doc = json.loads((folder / name / "findings.json").read_text(encoding="utf-8"))
        assert doc["ledger"] and doc["rules_run"] > 70  # the ledger was read and its quality suite run
        assert doc["generated_at"] == "2024-03-01T00:00:00+00:00"
        assert zipfile.ZipFile(folder / name / "audit.xlsx").testzip() is None


def test_the_blocker_would_catch_a_connection(blocked_run, tmp_path):
    """The control: the same blocker, and a program that does reach for the network."""
    folder = blocked_run[0]
    log = tmp_path / "network.log"
    env = dict(os.environ, PYTHONPATH=str(folder / "site"), AVSTEM_NETWORK_LOG=str(log))
    code = "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.com', timeout=1)\nexcept OSError:\n    pass"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert log.read_text().splitlines() == ["loaded", "create_connection (('example.com', 80),)"]


# --- reproducible and inputs untouched ---------------------------------------------------------------


@pytest.fixture(scope="module")
def second_run(inputs, blocked_run, tmp_path_factory):
    """The same checks again, in this process."""
    files, _ = inputs
    folder = tmp_path_factory.mktemp("again")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        codes = [main(_with_outputs(argv, folder / name)) for name, argv in _runs(files).items()]
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert codes == [0, 0]
    return folder


@pytest.mark.parametrize("reader", ["yaml", "workbook"])
@pytest.mark.parametrize("output", sorted(OUTPUTS.values()))
def test_same_input_and_source_date_epoch_give_byte_identical_outputs(blocked_run, second_run, reader, output):
    first, second = blocked_run[0] / reader / output, second_run / reader / output
    assert first.read_bytes() == second.read_bytes(), f"{reader}: {output} differs between two runs"


def test_the_report_is_the_same_cell_by_cell(blocked_run, second_run):
    """Should the bytes ever differ, this says where: values and styles of every cell."""
    def cells(path):
        book = openpyxl.load_workbook(path)
        return {ws.title: [(c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.fill.fgColor.rgb)
                           for row in ws.iter_rows() for c in row] for ws in book.worksheets}

    assert cells(blocked_run[0] / "workbook" / "audit.xlsx") == cells(second_run / "workbook" / "audit.xlsx")


def test_every_input_is_byte_identical_after_the_runs(inputs, blocked_run, second_run):
    files, before = inputs
    assert _state(files.values()) == before
    for run in ("yaml", "workbook"):  # and the outputs state the hashes they still have
        doc = json.loads((second_run / run / "findings.json").read_text(encoding="utf-8"))
        assert len(doc["inputs"]) >= 4
        for given in doc["inputs"]:
            assert before[Path(given["path"]).name][0] == given["sha256"], given


# --- text from input stays text ------------------------------------------------------------------------


def _assert_inert(report: Path, hostile: str) -> None:
    book = openpyxl.load_workbook(report)
    found = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "evil.example" in c.value]
    assert found, "the hostile text is not in the report at all"
    for cell in found:
        assert cell.data_type == "s", (cell.parent.title, cell.coordinate, cell.value)
        if cell.value.startswith(("=", "+", "-", "@")):
            assert cell.quotePrefix, (cell.parent.title, cell.coordinate)
    assert any(c.value == hostile for c in found), "the hostile text is not in a cell of its own"
    with zipfile.ZipFile(report) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode("utf-8")
                formulas = xml.split("<f>")[1:]
                assert not any("evil.example" in f.split("</f>")[0] for f in formulas), name


def test_a_formula_label_from_the_agency_workbook_stays_text(tmp_path, capsys):
    book = openpyxl.load_workbook(BOKMAL)
    sheet = book.active
    sheet["A91"] = HOSTILE  # an extra line of the chart's income block, labelled like a formula
    sheet["A91"].data_type = "s"
    path = tmp_path / "accounts.xlsx"
    book.save(path)
    report = tmp_path / "out" / "audit.xlsx"
    report.parent.mkdir()
    assert main(["check", str(path), "--report", str(report), "--lang", "en"]) in (0, 1)
    _assert_inert(report, HOSTILE)


def test_formula_text_from_the_ledger_stays_text(tmp_path, capsys, monkeypatch):
    """A ledger whose file name and amount cell look like formulas (the report names the file and quotes
    the amount)."""
    import csv

    columns = make_ledger.generate(300)
    columns["Beløp"] = make_ledger.format_ore(columns["ore"])
    columns["Beløp"][5] = HOSTILE
    columns["Tekst"][7] = HOSTILE
    name = '=HYPERLINK("evil.example").csv'
    with open(tmp_path / name, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(make_ledger.HEADERS)
        writer.writerows(zip(*(columns[h] for h in make_ledger.HEADERS)))
    monkeypatch.chdir(tmp_path)  # so that the file's name begins the location the report prints
    assert main(["check", str(IMDI), "--ledger", name, "--report", "audit.xlsx", "--lang", "en"]) == 1
    _assert_inert(tmp_path / "audit.xlsx", name)


# --- output names that are tricks ----------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--json", "--report", "--junit"])
@pytest.mark.parametrize("target, message", [
    ("../", "names a directory"),
    (".", "names a directory"),
    ("/dev/null", "special file"),
    ("/dev/stdout", "special file"),
    ("/dev/fd/1", "special file"),
    ("/proc/self/fd/1", "special file"),
    ("/proc/avstem.xlsx", "special file"),
    ("nul\0byte.xlsx", "not a usable path"),
    ("/no/such/folder/a.xlsx", "does not exist"),
])
def test_output_names_that_must_not_be_written(capsys, option, target, message):
    before = _sha(IMDI)
    assert main(["check", str(IMDI), option, target, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert _sha(IMDI) == before and os.path.islink("/dev/stdout") == _STDOUT_IS_A_LINK


@pytest.mark.parametrize("option", ["--json", "--report", "--junit"])
def test_an_output_that_is_a_symlink_to_an_input_is_refused(capsys, tmp_path, option):
    link = tmp_path / "out.xlsx"
    os.symlink(IMDI, link)
    before = _sha(IMDI)
    assert main(["check", str(IMDI), option, str(link)]) == 2
    assert "ville overskrevet en inndatafil" in capsys.readouterr().err  # Bokmål: no --lang given
    assert _sha(IMDI) == before and link.is_symlink()


@pytest.mark.parametrize("option", ["--json", "--report", "--junit"])
def test_an_output_that_is_a_symlink_elsewhere_is_refused(capsys, tmp_path, option):
    """The atomic rename would replace the link (as root, --junit /dev/stdout replaced /dev/stdout)."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("untouched", encoding="utf-8")
    link = tmp_path / "out.xlsx"
    os.symlink(elsewhere, link)
    assert main(["check", str(IMDI), option, str(link)]) == 2
    assert "viser til en symbolsk lenke" in capsys.readouterr().err
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "untouched"


@pytest.mark.parametrize("target", ["audit", "audit.xls", "audit.xlsx.json", "-"])
def test_a_report_name_that_is_not_a_workbook_name(capsys, tmp_path, target):
    assert main(["check", str(IMDI), "--report", str(tmp_path / target) if target != "-" else "-"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and ("ending .xlsx" in err or "needs a file name" in err), err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_no_output_file(capsys, tmp_path):
    outputs = _with_outputs(["check", str(FIXTURES / "seeded" / "br.yaml")], tmp_path / "out")
    assert main(outputs) == 2
    assert list((tmp_path / "out").iterdir()) == []


def test_an_output_over_the_configured_kontoplan_is_refused(capsys, tmp_path):
    kontoplan = tmp_path / "kontoplan.csv"
    kontoplan.write_text("from;to;line\n", encoding="utf-8")
    config = tmp_path / "avstem.toml"
    config.write_text('[ledger]\nkontoplan = "kontoplan.csv"\n', encoding="utf-8")
    before = kontoplan.read_bytes()
    code = main(["check", str(IMDI), "--ledger", str(tmp_path / "ledger.csv"), "--config", str(config),
                 "--json", str(kontoplan)])
    assert code == 2 and "ville overskrevet en inndatafil" in capsys.readouterr().err
    assert kontoplan.read_bytes() == before


def test_a_blank_expense_difference_is_an_error_and_the_overspend_still_named(capsys, tmp_path, imdi_doc):
    from tests.helpers import edited, write_doc

    doc = edited(imdi_doc, set={"appropriation.expenses[8].difference": None})  # 0671.72, −1 000 000
    assert main(["check", str(write_doc(doc, tmp_path / "a.yaml")), "--json", str(tmp_path / "f.json")]) == 1
    findings = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["findings"]
    assert any(f["rule"] == "BR-01" and f["key"] == "0671.72.difference" and f["severity"] == "error"
               for f in findings)
    assert any(f["rule"] == "OS-01" and f["key"] == "0671.72" and f["severity"] == "warning" for f in findings)
