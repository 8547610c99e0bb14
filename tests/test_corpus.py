"""The broken-input corpus (tests/corpus/): every case exit 2, one line, no traceback, no output."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from avstem.cli import main
from tests.helpers import edited, load_doc, write_doc

CORPUS = Path(__file__).parent / "corpus"
EDITS = yaml.safe_load((CORPUS / "accounts.yaml").read_text(encoding="utf-8"))
FILES = yaml.safe_load((CORPUS / "files" / "EXPECTED.yaml").read_text(encoding="utf-8"))


def _refused(capsys, path: Path, tmp_path: Path, expect: str) -> None:
    out = tmp_path / "out" / "findings.json"
    out.parent.mkdir()
    code = main(["check", str(path), "--json", str(out)])
    stdout, stderr = capsys.readouterr()
    assert code == 2, stdout
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert stderr.startswith(f"avstem: {path}"), stderr
    assert expect in stderr, stderr
    assert not out.exists() and list(out.parent.iterdir()) == []


@pytest.mark.parametrize("case", EDITS, ids=[c["name"] for c in EDITS])
def test_broken_accounts(capsys, tmp_path, case):
    doc = edited(load_doc(), set=case.get("set"), delete=case.get("delete"))
    _refused(capsys, write_doc(doc, tmp_path / "accounts.yaml"), tmp_path, case["expect"])


@pytest.mark.parametrize("name", sorted(FILES))
def test_broken_files(capsys, tmp_path, name):
    _refused(capsys, CORPUS / "files" / name, tmp_path, FILES[name])


def test_the_corpus_is_large_enough():
    assert len(EDITS) + len(FILES) >= 45  # with the workbook and ledger cases, over 60
