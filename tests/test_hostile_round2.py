"""Hostile and broken input, round two (issue 17): the cases that cannot be files in ``tests/corpus/``.

A named pipe, a device, a file the user may not read, a name longer than the file system allows, an output
over a file avstem reads, a run stopped by ``SIGTERM`` while it writes: each is built here, at test time,
and each run is under a timeout (``SIGALRM``: a run that hangs fails, never blocks the suite). Every refusal
is exit 2 with one line naming the file, no traceback, nothing written, and the inputs byte for byte as
they were. Beside them the cases that must be read (a name of 255 bytes, a config with a byte-order mark,
dates with a time part), and the large CSV cases with their times. :func:`counts` gives the number of
cases per class of the issue, for the README.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from avstem.cli import main
from tests.helpers import FIXTURES, IMDI

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = FIXTURES / "imdi-2023-context.yaml"
PRIOR = FIXTURES / "imdi-2022-comparatives.yaml"
LEDGER_TEXT = "Konto;Kapittel;Post;Beløp;Dato\n6300;0670;01;1 000,00;31.01.2023\n"
KONTOPLAN = ROOT / "ledger" / "general_ledger" / "data" / "kontoplan.csv"
PARAMETERS = ROOT / "rules" / "parameters.yaml"
TIMEOUT = 60  # seconds for one run; a hang fails the test


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Hang(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: int = TIMEOUT):
    def alarm(signum, frame):
        raise Hang(f"no exit within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _run(capsys, argv: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    try:
        with _deadline():
            code = main([str(a) for a in argv])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    out, err = capsys.readouterr()
    return code, out, err


def _english(argv: list) -> list:
    """``argv`` with ``--lang en`` where the command takes it (check, ledger, convert): these tests are about the
    file and the place, and match the English words."""
    if str(argv[0]) in ("check", "ledger", "convert") and "--lang" not in map(str, argv):
        return [*argv, "--lang", "en"]
    return argv


def _refused(capsys, argv: list, named: object, expect: str, *, watched: tuple[Path, ...] = (),
             outputs: tuple[Path, ...] = (), env: dict[str, str] | None = None) -> str:
    """``avstem ARGV`` exits 2 with one line naming ``named`` (a path, or a word such as SOURCE_DATE_EPOCH) and
    holding ``expect`` (in English: :func:`_english`); no output in ``outputs`` exists afterwards, and every file in
    ``watched`` is as it was."""
    before = {path: _sha(path) for path in watched}
    existed = {path: path.exists() for path in outputs}
    code, out, err = _run(capsys, _english(argv), env)
    assert code == 2, out + err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"avstem: {named}") or err.startswith(f"avstem {named}"), err
    assert expect in err, err
    for path in outputs:
        assert path.exists() == existed[path], f"{path} was written by a refused run"
    for path, sha in before.items():
        assert _sha(path) == sha, f"{path} changed"
    return err


def _outputs(folder: Path) -> list[str]:
    return ["--json", str(folder / "findings.json"), "--junit", str(folder / "junit.xml"),
            "--report", str(folder / "audit.xlsx")]


# --- 6. named pipes, devices and sockets as any input ------------------------------------------------------


def _special(kind: str, folder: Path) -> Path:
    """A file of ``kind`` that must never be opened."""
    if kind == "named pipe":
        path = folder / "pipe.yaml"
        os.mkfifo(path)
        return path
    if kind == "socket":
        path = folder / "socket.yaml"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        _SOCKETS.append(server)
        return path
    if kind == "link to a named pipe":
        target = _special("named pipe", folder)
        path = folder / "link.yaml"
        path.symlink_to(target)
        return path
    if kind == "directory":
        path = folder / "folder.yaml"
        path.mkdir()
        return path
    return Path(kind)  # a device


_SOCKETS: list[socket.socket] = []
SPECIAL_KINDS = ("named pipe", "/dev/zero", "/dev/urandom", "/dev/null", "socket", "link to a named pipe",
                 "directory")
#: (option, kind): where the special file is given
SPECIAL = [("accounts", kind) for kind in SPECIAL_KINDS] + [
    ("--context", "named pipe"), ("--context", "/dev/zero"), ("--prior", "named pipe"), ("--prior", "/dev/urandom"),
    ("--config", "named pipe"), ("--config", "/dev/zero"), ("--ledger", "named pipe"), ("--ledger", "/dev/zero"),
    ("ledger", "named pipe"), ("ledger", "/dev/zero"), ("kontoplan", "named pipe"), ("kontoplan", "/dev/zero"),
    ("convert", "named pipe"), ("--context of convert", "/dev/zero"),
]


def _argv_with(option: str, special: Path, folder: Path) -> list:
    if option == "accounts":
        return ["check", special, *_outputs(folder)]
    if option == "ledger":
        return ["ledger", special, "--json", folder / "findings.json"]
    if option == "kontoplan":
        ledger = folder / "ledger.csv"
        ledger.write_text(LEDGER_TEXT, encoding="utf-8")
        config = folder / "avstem.toml"
        config.write_text(f'[ledger]\nkontoplan = "{special}"\n', encoding="utf-8")
        return ["ledger", ledger, "--config", config, "--json", folder / "findings.json"]
    if option == "convert":
        return ["convert", special, folder / "accounts.xlsx"]
    if option == "--context of convert":
        return ["convert", IMDI, folder / "accounts.xlsx", "--context", special]
    return ["check", IMDI, option, special, *_outputs(folder)]


@pytest.mark.parametrize("option, kind", SPECIAL, ids=[f"{o}-{k}" for o, k in SPECIAL])
def test_special_files_are_refused_unopened(capsys, tmp_path, option, kind):
    out = tmp_path / "out"
    out.mkdir()
    special = _special(kind, tmp_path)
    expect = "is a directory" if kind == "directory" else "not a regular file"
    _refused(capsys, _argv_with(option, special, out), special, expect, watched=(IMDI,))
    assert sorted(p.name for p in out.iterdir()) in ([], ["ledger.csv"], ["avstem.toml", "ledger.csv"])


# --- 7. permission denied on an input or a folder ----------------------------------------------------------


def _as_nobody(argv: list) -> tuple[int, str]:
    """Run avstem in a child process as the user ``nobody`` (the tests may run as root, whom no permission
    stops); (exit code, stderr)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            sys.stderr = os.fdopen(write, "w")  # past pytest's capture
            sys.stdout = open(os.devnull, "w")
            code = main([str(a) for a in argv])
            sys.stderr.flush()
        except BaseException as exc:
            os.write(write, f"child: {exc!r}".encode())
            code = 99
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as fh:
        with _deadline():
            err = fh.read()
            _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


@pytest.fixture(scope="module")
def warm(tmp_path_factory, request):
    """Every module a run imports, imported in this process before a child that cannot read the Python
    installation (under /root) is forked from it."""
    folder = tmp_path_factory.mktemp("warm")
    ledger = folder / "ledger.csv"
    ledger.write_text(LEDGER_TEXT, encoding="utf-8")
    capsys = request.node.config.pluginmanager.get_plugin("capturemanager")
    with capsys.global_and_fixture_disabled() if capsys else contextlib.nullcontext():
        with contextlib.redirect_stdout(open(os.devnull, "w")), contextlib.redirect_stderr(open(os.devnull, "w")):
            main(["check", str(IMDI), "--context", str(CONTEXT), "--prior", str(PRIOR), "--ledger", str(ledger),
                  *map(str, _outputs(folder))])
            main(["ledger", str(ledger), "--json", str(folder / "l.json")])
            main(["check", str(folder / "missing.yaml")])
            main(["check", str(IMDI), "--json", str(folder / "missing" / "f.json")])


@pytest.fixture
def shared(tmp_path_factory, warm):
    """A folder every user may enter, with a readable copy of the accounts and an output folder."""
    folder = tmp_path_factory.mktemp("shared")
    for parent in [folder, *folder.parents]:
        if parent == Path("/tmp") or parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o755)
    (folder / "accounts.yaml").write_bytes(IMDI.read_bytes())
    (folder / "ledger.csv").write_text(LEDGER_TEXT, encoding="utf-8")
    out = folder / "out"
    out.mkdir()
    out.chmod(0o777)
    return folder


PERMISSIONS = ["file", "folder", "folder without search", "context", "prior", "config", "ledger",
               "ledger command", "output folder"]


@pytest.mark.parametrize("case", PERMISSIONS)
def test_permission_denied_names_the_file(shared, case):
    accounts, out = shared / "accounts.yaml", shared / "out"
    locked = shared / "locked"
    locked.mkdir()
    secret = locked / "secret.yaml"
    secret.write_bytes(IMDI.read_bytes())
    secret.chmod(0o600)
    unreadable = shared / "unreadable.yaml"
    unreadable.write_bytes(IMDI.read_bytes())
    unreadable.chmod(0o000)
    named, argv, expect = unreadable, ["check", unreadable, *_outputs(out)], "permission denied"
    if case == "folder":
        locked.chmod(0o700)
        named, argv = secret, ["check", secret, *_outputs(out)]
    elif case == "folder without search":
        locked.chmod(0o744)  # readable, not enterable
        named, argv = secret, ["check", secret, *_outputs(out)]
    elif case in ("context", "prior", "config"):
        argv = ["check", accounts, f"--{case}", unreadable, *_outputs(out)]
    elif case == "ledger":
        ledger = shared / "ledger.csv"
        ledger.chmod(0o000)
        named, argv = ledger, ["check", accounts, "--ledger", ledger, *_outputs(out)]
    elif case == "ledger command":
        ledger = shared / "ledger.csv"
        ledger.chmod(0o000)
        named, argv = ledger, ["ledger", ledger, "--json", out / "findings.json"]
    elif case == "output folder":
        closed = shared / "closed"
        closed.mkdir()
        closed.chmod(0o555)
        named, argv, expect = closed / "findings.json", ["check", accounts, "--json", closed / "findings.json",
                                                          "--junit", out / "junit.xml"], "cannot write in the folder"
    before = _sha(IMDI)
    if os.geteuid() == 0:
        code, err = _as_nobody(_english(argv))
    else:  # pragma: no cover - run as an ordinary user
        code = subprocess.run([sys.executable, "-m", "avstem.cli", *map(str, _english(argv))], capture_output=True,
                              text=True, timeout=TIMEOUT)
        code, err = code.returncode, code.stderr
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith(f"avstem: {named}"), err
    assert expect in err, err
    assert list(out.iterdir()) == [] and _sha(IMDI) == before


# --- 9. names too long for the file system -----------------------------------------------------------------


LONG = "x" * 300
LONG_NAMES = ["accounts", "--context", "--ledger", "ledger", "--json", "--junit", "--report", "a deep output path",
              "a name of 128 two-byte letters", "convert output"]


@pytest.mark.parametrize("case", LONG_NAMES)
def test_names_too_long_are_refused_before_the_run(capsys, tmp_path, case):
    out = tmp_path / "out"
    out.mkdir()
    long_input = tmp_path / f"{LONG}.yaml"
    named, argv, expect = long_input, ["check", long_input, *_outputs(out)], "too long"
    if case in ("--context", "--ledger"):
        argv = ["check", IMDI, case, long_input, *_outputs(out)]
    elif case == "ledger":
        named = tmp_path / f"{LONG}.csv"
        argv = ["ledger", named, "--json", out / "findings.json"]
    elif case in ("--json", "--junit", "--report"):
        suffix = {"--json": ".json", "--junit": ".xml", "--report": ".xlsx"}[case]
        named = out / f"{LONG}{suffix}"
        argv = ["check", IMDI, *_outputs(out)]
        argv[argv.index(case) + 1] = str(named)
        expect = "longer than the 255 the file system allows"
    elif case == "a deep output path":
        named = out / "/".join(["d" * 200] * 22) / "findings.json"
        argv, expect = ["check", IMDI, "--json", named, "--junit", out / "junit.xml"], "longer than the"
    elif case == "a name of 128 two-byte letters":
        named = out / ("æ" * 128 + ".json")  # 128 characters, 261 bytes
        argv, expect = ["check", IMDI, "--json", named, "--junit", out / "junit.xml"], "261 bytes"
    elif case == "convert output":
        named = out / f"{LONG}.xlsx"
        argv, expect = ["convert", IMDI, named], "longer than the 255"
    _refused(capsys, argv, named, expect, watched=(IMDI,))
    assert list(out.iterdir()) == []


def test_an_output_name_of_255_bytes_is_written(capsys, tmp_path):
    """The temporary file beside it has a short name of its own, so the longest name the file system allows
    is written."""
    target = tmp_path / ("y" * 250 + ".json")
    code, _, err = _run(capsys, ["check", IMDI, "--json", target])
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["findings"] and os.listdir(tmp_path) == [target.name]


# --- 2. an output over a file avstem reads -------------------------------------------------------------------


OVER = ["the accounts", "the context", "the prior year", "the config", "the ledger", "a hard link to the accounts",
        "a symbolic link to the accounts", "the workbook as --report", "the default kontoplan",
        "the rule parameters", "avstem's own code", "a kontoplan named in the config", "two outputs, one file",
        "two outputs, hard links to one file", "convert over a hard link to its input", "template over the kontoplan"]


@pytest.mark.parametrize("case", OVER)
def test_no_output_over_a_file_avstem_reads(capsys, tmp_path, case):
    accounts, context, prior = (tmp_path / name for name in ("accounts.yaml", "context.yaml", "prior.yaml"))
    for copy, source in ((accounts, IMDI), (context, CONTEXT), (prior, PRIOR)):
        copy.write_bytes(source.read_bytes())
    config, ledger = tmp_path / "avstem.toml", tmp_path / "ledger.csv"
    config.write_text("[check]\nlang = \"en\"\n", encoding="utf-8")
    ledger.write_text(LEDGER_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    base = ["check", accounts, "--context", context, "--prior", prior, "--config", config]
    fresh = [out / "findings.json", out / "junit.xml"]
    expect = "would overwrite an input file"
    if case == "the accounts":
        named, argv = accounts, [*base, "--json", accounts, "--junit", fresh[1]]
    elif case == "the context":
        named, argv = context, [*base, "--json", fresh[0], "--junit", context]
    elif case == "the prior year":
        named, argv = prior, [*base, "--json", prior]
    elif case == "the config":
        named, argv = config, [*base, "--junit", fresh[1], "--json", config]
    elif case == "the ledger":
        named, argv = ledger, [*base, "--ledger", ledger, "--json", fresh[0], "--junit", ledger]
    elif case == "a hard link to the accounts":
        named = out / "findings.json"
        os.link(accounts, named)
        argv = [*base, "--json", named]
    elif case == "a symbolic link to the accounts":
        named = out / "findings.json"
        named.symlink_to(accounts)
        argv, expect = [*base, "--json", named], "would overwrite an input file"
    elif case == "the workbook as --report":
        workbook = tmp_path / "accounts.xlsx"
        workbook.write_bytes((FIXTURES / "imdi-2023-bokmal.xlsx").read_bytes())
        named, argv = workbook, ["check", workbook, "--json", fresh[0], "--report", workbook]
    elif case in ("the default kontoplan", "the rule parameters", "avstem's own code"):
        named = {"the default kontoplan": KONTOPLAN, "the rule parameters": PARAMETERS,
                 "avstem's own code": ROOT / "avstem" / "cli.py"}[case]
        argv, expect = [*base, "--junit", fresh[1], "--json", named], "inside avstem's own installation"
    elif case == "a kontoplan named in the config":
        kontoplan = tmp_path / "kontoplan.csv"
        kontoplan.write_bytes(KONTOPLAN.read_bytes())
        config.write_text('[ledger]\nkontoplan = "kontoplan.csv"\n', encoding="utf-8")
        named, argv = kontoplan, ["ledger", ledger, "--config", config, "--json", kontoplan]
    elif case == "two outputs, one file":
        named, argv, expect = fresh[0], [*base, "--json", fresh[0], "--junit", fresh[0]], "name the same file"
    elif case == "two outputs, hard links to one file":
        fresh[0].write_text("old", encoding="utf-8")
        os.link(fresh[0], fresh[1])
        named, argv, expect = fresh[1], [*base, "--json", fresh[0], "--junit", fresh[1]], "name the same file"
    elif case == "convert over a hard link to its input":
        named = out / "accounts.yaml"
        os.link(accounts, named)
        argv, expect = ["convert", accounts, named], "would overwrite an input file"
    else:  # template over the kontoplan
        named, argv, expect = KONTOPLAN, ["template", KONTOPLAN], ""
    watched = (accounts, context, prior, config, ledger, KONTOPLAN, PARAMETERS, ROOT / "avstem" / "cli.py")
    existing = tuple(p for p in fresh if p.exists())
    before = {p: _sha(p) for p in existing}
    _refused(capsys, argv, named, expect, watched=watched, outputs=tuple(p for p in fresh if not p.exists()))
    assert all(_sha(p) == sha for p, sha in before.items())
    assert not [p for p in tmp_path.rglob(".avstem-*")]


# --- 3. all outputs or none; SIGTERM leaves no temporary file ------------------------------------------------


NONE_WRITTEN = ["--report in a missing folder", "--junit names a folder", "--report not .xlsx",
                "--json into /dev", "--junit over a symbolic link", "--report in a folder that is a file"]


@pytest.mark.parametrize("case", NONE_WRITTEN)
def test_one_output_that_cannot_be_written_writes_none(capsys, tmp_path, case):
    out = tmp_path / "out"
    out.mkdir()
    json_, junit, report = out / "findings.json", out / "junit.xml", out / "audit.xlsx"
    (out / "old.json").write_text("previous run", encoding="utf-8")
    if case == "--report in a missing folder":
        report = out / "missing" / "audit.xlsx"
    elif case == "--junit names a folder":
        junit = out / "folder.xml"
        junit.mkdir()
    elif case == "--report not .xlsx":
        report = out / "audit.xls"
    elif case == "--json into /dev":
        json_ = Path("/dev/avstem-findings.json")
    elif case == "--junit over a symbolic link":
        junit = out / "junit.xml"
        junit.symlink_to(out / "old.json")
    else:
        (out / "file").write_text("", encoding="utf-8")
        report = out / "file" / "audit.xlsx"
    named = {"--report": report, "--junit": junit, "--json": json_}[case.split()[0]]
    argv = ["check", IMDI, "--json", json_, "--junit", junit, "--report", report]
    code, _, err = _run(capsys, argv)
    prefix = f"avstem check: --report {named}" if case == "--report not .xlsx" else f"avstem: {named}"
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith(prefix), err
    left = sorted(p.name for p in out.iterdir())
    assert left in (["old.json"], ["folder.xml", "old.json"], ["file", "old.json"], ["junit.xml", "old.json"]), left
    assert (out / "old.json").read_text(encoding="utf-8") == "previous run" and not Path(json_).is_file() or \
        json_ == out / "findings.json" and not json_.exists()


def test_a_failure_while_renaming_puts_back_what_was_there(tmp_path, monkeypatch):
    """The renames are the last step; if one fails (the folder changed under the run), the outputs renamed
    before it are put back as they were and the new ones removed."""
    from avstem import output

    old, new = tmp_path / "findings.json", tmp_path / "junit.xml"
    old.write_text("previous findings", encoding="utf-8")
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if str(dst) == str(new) and len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(output.os, "replace", failing)
    with pytest.raises(output.InputError, match="no output was written"):
        output.write_all({str(old): b"new findings", str(new): b"<testsuites/>"})
    assert old.read_text(encoding="utf-8") == "previous findings" and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json"]


_SLOW_WRITE = """
import os, sys, time
real = os.fsync
def slow(fd):  # the first output is being written: its temporary file exists
    real(fd)
    print("staged", flush=True)
    time.sleep(30)
os.fsync = slow
from avstem.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_write_leaves_no_temporary_file(tmp_path, signum):
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, "check", str(IMDI), *map(str, _outputs(out))],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + TIMEOUT
        while "staged" not in process.stdout.readline():
            assert time.monotonic() < deadline and process.poll() is None, process.stderr.read()
        assert [p.name for p in out.iterdir()][0].startswith(".avstem-")  # the first output, staged
        process.send_signal(signum)
        _, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == (130 if signum == signal.SIGINT else 128 + signum), err
    assert err.strip() in ("avstem: terminated", "avstem: interrupted") and "Traceback" not in err, err
    assert list(out.iterdir()) == []


# --- 10. SOURCE_DATE_EPOCH; convert of text with NUL and control characters -----------------------------------


EPOCHS = ["-1", "1e9", "99999999999", "4354819200", "abc", "１７０００００００", "1.5", "0x10", " "]


@pytest.mark.parametrize("value", EPOCHS)
def test_source_date_epoch_out_of_range(capsys, tmp_path, value):
    _refused(capsys, ["check", IMDI, *_outputs(tmp_path)], "SOURCE_DATE_EPOCH", "is not a time avstem can use",
             env={"SOURCE_DATE_EPOCH": value}, watched=(IMDI,))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["0", "1707868800", "4354819199"])
def test_source_date_epoch_in_range(capsys, tmp_path, value):
    code, _, err = _run(capsys, ["check", IMDI, "--json", tmp_path / "f.json"], env={"SOURCE_DATE_EPOCH": value})
    assert code in (0, 1), err


CONVERT_TEXTS = {"a NUL": "\\0", "a bell": "\\a", "an escape": "\\e", "U+FFFE": "\\uFFFE", "U+FFFF": "\\uFFFF",
                 "a vertical tab": "\\v"}


@pytest.mark.parametrize("name", sorted(CONVERT_TEXTS))
@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_convert_of_text_a_form_cannot_hold(capsys, tmp_path, name, suffix):
    text = IMDI.read_text(encoding="utf-8").replace(
        "name: Integrerings- og mangfaldsdirektoratet", f'name: "Integrerings{CONVERT_TEXTS[name]}direktoratet"', 1)
    source = tmp_path / "accounts.yaml"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / f"out{suffix}"
    _refused(capsys, ["convert", source, target], source, "cannot be converted exactly", watched=(source,),
             outputs=(target,))


# --- 13. accepted deviations dated after the run -----------------------------------------------------------


FUTURE = {"the day after the run": "2024-02-15", "years ahead": "2099-12-31", "with a time after the run":
          "2024-02-15T01:00:00", "a year after the accounts' next": "2025-06-01"}


@pytest.mark.parametrize("name", sorted(FUTURE))
def test_a_deviation_dated_after_the_run_is_refused(capsys, tmp_path, name):
    config = tmp_path / "avstem.toml"
    config.write_text('[[deviation]]\nrule = "OS-01"\nkey = "0671.72"\nyear = 2023\nreason = "x"\n'
                      f'approved_by = "y"\ndate = {FUTURE[name]}\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    _refused(capsys, ["check", IMDI, "--config", config, *_outputs(tmp_path / "out")], config,
             "is after the time of this run", env={"SOURCE_DATE_EPOCH": "1707868800"},  # 2024-02-14 00:00 UTC
             watched=(config,))


def test_a_deviation_dated_the_day_of_the_run_is_accepted(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_text('[[deviation]]\nrule = "OS-01"\nkey = "0671.72"\nyear = 2023\nreason = "x"\n'
                      'approved_by = "y"\ndate = 2024-02-14\n', encoding="utf-8")
    code, _, err = _run(capsys, ["check", IMDI, "--config", config, "--json", tmp_path / "f.json"],
                        env={"SOURCE_DATE_EPOCH": "1707868800"})
    assert code in (0, 1), err


# --- 14. a config with a byte-order mark; --year out of range ------------------------------------------------


def test_a_config_with_a_byte_order_mark_is_read(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_bytes('\ufeff[check]\nlang = "en"\n'.encode("utf-8"))
    code, out, err = _run(capsys, ["check", IMDI, "--config", config])
    assert code == 0 and "rules run" in out, err
    config.write_bytes('\ufeff[check]\nlang = "se"\n'.encode("utf-8"))
    _refused(capsys, ["check", IMDI, "--config", config], config, ":[check] lang: unknown language 'se'")


@pytest.mark.parametrize("year", ["99999", "0", "-1", "2009", "2101", "20233"])
def test_ledger_year_out_of_range(capsys, tmp_path, year):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(LEDGER_TEXT, encoding="utf-8")
    _refused(capsys, ["ledger", ledger, "--year", year, "--json", tmp_path / "f.json"], "ledger:",
             "is not a year between 2010 and 2100", outputs=(tmp_path / "f.json",))


# --- 11. dates with a time part ------------------------------------------------------------------------------


DATES = {"2023-01-01 00:00:00": True, "2023-06-30T12:00:00": True, "31.12.2023 23:59": True,
         "2023-12-31T23:59:59.999+01:00": True, "2023-03-01 00:00:00Z": True, "01.02.2023 8.15": True,
         "2024-01-01 00:00:00": False, "2022-12-31T23:59:59": False}


@pytest.mark.parametrize("date", sorted(DATES))
def test_dates_with_a_time_part_are_read_as_their_date(capsys, tmp_path, date):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(f"Konto;Kapittel;Post;Beløp;Dato\n6300;0670;01;1 000,00;{date}\n", encoding="utf-8")
    code, out, err = _run(capsys, ["ledger", ledger, "--year", "2023", "--json", "-", "--lang", "en"])
    assert code in (0, 1), err
    outside = [f for f in json.loads(out)["findings"] if f["rule"] == "DQ-05"]
    assert (not outside) == DATES[date], outside


# --- 8. CSV fields beyond the parser's limit: refused quickly, naming the line --------------------------------

HEAD = "Konto;Kapittel;Post;Beløp;Tekst\n"
LINE = "6300;0670;01;1 000,00;x\n"
LARGE_CSV = {
    "a text field of 5 MB": (HEAD + LINE * 3 + "6300;0670;01;5;" + "y" * (5 << 20) + "\n" + LINE * 3, 5),
    "a quote never closed in a file of 200 000 lines": (HEAD + LINE * 3 + '6300;0670;01;5;"open\n' + LINE * 200_000,
                                                         5),
    "a zero-filled tail of 50 MB after 200 000 lines": (HEAD + LINE * 200_000 + "\0" * (50 << 20), 200_002),
    "an amount of 1 MB": (HEAD + LINE + "6300;0670;01;" + "9" * (1 << 20) + ";x\n", 3),
}
#: Seconds each refusal took (the README's table), filled as the tests run.
TIMES: dict[str, float] = {}


@pytest.mark.parametrize("name", sorted(LARGE_CSV))
def test_large_csv_fields_are_refused_quickly(capsys, tmp_path, name):
    text, line = LARGE_CSV[name]
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    _refused(capsys, ["ledger", ledger, "--json", tmp_path / "f.json"], ledger, f":{line}: a field that begins",
             watched=(ledger,), outputs=(tmp_path / "f.json",))
    TIMES[name] = time.perf_counter() - started
    assert TIMES[name] < 20, TIMES


# --- the counts ------------------------------------------------------------------------------------------------


def counts() -> dict[str, int]:
    """Cases built here, by the issue's class (the corpus's own files are counted by tests/test_corpus.py)."""
    return {"2 outputs over inputs": len(OVER), "3 all or none": len(NONE_WRITTEN) + 1 + 3,
            "6 special files": len(SPECIAL), "7 permission denied": len(PERMISSIONS),
            "8 large CSV fields": len(LARGE_CSV), "9 long names": len(LONG_NAMES) + 1,
            "10 SOURCE_DATE_EPOCH and convert": len(EPOCHS) + 3 + 2 * len(CONVERT_TEXTS),
            "11 dates with a time": len(DATES), "13 deviations after the run": len(FUTURE) + 1,
            "14 config BOM, --year": 2 + 6}
