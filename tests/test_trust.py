"""Output you can trust: inputs untouched, outputs atomic and reproducible, no network."""

from __future__ import annotations

import hashlib
import json
import os
import socket

import pytest

from avstem.cli import main
from tests.helpers import FIXTURES, IMDI

PRIOR = FIXTURES / "imdi-2022-comparatives.yaml"


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_inputs_are_byte_identical_after_a_run(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_text('[check]\nlang = "en"\n', encoding="utf-8")
    inputs = [IMDI, PRIOR, config]
    before = {p: (_sha(p), p.stat().st_mtime_ns) for p in inputs}
    assert main(["check", str(IMDI), "--prior", str(PRIOR), "--config", str(config),
                 "--json", str(tmp_path / "out.json")]) == 0
    assert {p: (_sha(p), p.stat().st_mtime_ns) for p in inputs} == before


def test_same_input_and_source_date_epoch_give_byte_identical_json(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709251200")
    outputs = []
    for name in ("a.json", "b.json"):
        assert main(["check", str(IMDI), "--prior", str(PRIOR), "--json", str(tmp_path / name)]) == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["generated_at"] == "2024-03-01T00:00:00+00:00"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == [], f"avstem tried to reach the network: {attempts}"


def test_the_full_check_runs_with_networking_blocked(capsys, tmp_path, no_network):
    assert main(["check", str(IMDI), "--prior", str(PRIOR), "--json", str(tmp_path / "f.json")]) == 0


@pytest.mark.parametrize("target, message", [
    ("/dev/null", "special file"),
    ("/proc/avstem.json", "special file"),
    ("nul\0byte.json", "not a usable path"),
])
def test_outputs_that_cannot_or_must_not_be_written_are_exit_2(capsys, target, message):
    assert main(["check", str(IMDI), "--json", target]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_an_output_that_is_a_symlink_to_an_input_is_refused(capsys, tmp_path):
    link = tmp_path / "report.json"
    os.symlink(IMDI, link)
    before = _sha(IMDI)
    assert main(["check", str(IMDI), "--json", str(link)]) == 2
    assert "would overwrite an input file" in capsys.readouterr().err
    assert _sha(IMDI) == before


def test_a_failed_run_leaves_no_output_file(capsys, tmp_path):
    out = tmp_path / "findings.json"
    assert main(["check", str(FIXTURES / "seeded" / "br.yaml"), "--json", str(out)]) == 2
    assert not out.exists() and list(tmp_path.iterdir()) == []
