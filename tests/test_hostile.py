"""Hostile files, each refused quickly with one clear line, by both readers of xlsx files (the
agency's workbook through openpyxl, the ledger through python-calamine).

The big ones are built here, in a temporary folder: a zip bomb of about 2 MB that inflates to 2 GiB
(a plain openpyxl load runs for over a minute and dies of MemoryError) and a million empty styled rows
under a <dimension> that claims two (openpyxl's normal mode took 18 s and 570 MB). They run in one
subprocess with its address space capped at 8 GiB and a timeout, so a regression fails the test
instead of hanging or exhausting the machine. The time bound (10 s) is only a hang guard: the real
figures are a fraction of a second (see the README, "Hostile input").
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import BOKMAL, ROOT
from tests.hostile import XXE, styled_rows, with_doctype, with_parts, zip_bomb

CORPUS = ROOT / "tests" / "corpus"
BOUND = 10.0  # seconds: a hang guard, not a benchmark
SHEET = "xl/worksheets/sheet1.xml"

_RUN = """
import contextlib, io, json, sys, time
from avstem.cli import main
from ledger.general_ledger.file import read_ledger
results = []
for command, path in json.loads(sys.argv[1]):
    err = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        # "read": the ledger reader alone (the quality suite's import would dominate the time); the errors matched
        # in English (the tests are about the place)
        code = read_ledger(path).lines if command == "read" else main([command, path, "--lang", "en"])
    results.append({"command": command, "path": path, "code": code, "stderr": err.getvalue(),
                    "seconds": round(time.perf_counter() - start, 3)})
print(json.dumps(results))
"""


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))


def run_capped(cases: list[tuple[str, Path]]) -> list[dict]:
    """Run ``avstem COMMAND PATH`` (or ``read``: the ledger reader, giving the lines read) for each case in
    one capped subprocess; each with its time."""
    result = subprocess.run([sys.executable, "-c", _RUN, json.dumps([(c, str(p)) for c, p in cases])], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, preexec_fn=_capped)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _ledger_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hovedbok"
    sheet.append(["Konto", "Kapittel", "Post", "Beløp"])
    sheet.append(["6300", "0670", "01", 1000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The big hostile files, built once (about 2 s)."""
    folder = tmp_path_factory.mktemp("hostile")
    bomb = zip_bomb(BOKMAL.read_bytes(), folder / "bomb.xlsx")
    return {
        "bomb": bomb,
        "rows": styled_rows(BOKMAL.read_bytes(), folder / "styled-rows.xlsx"),
        "ledger rows": styled_rows(_ledger_workbook(), folder / "styled-rows-ledger.xlsx"),
    }


def test_the_zip_bomb_is_what_it_claims(hostile):
    bomb = hostile["bomb"]
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo(SHEET)
    assert bomb.stat().st_size < 3 << 20 and info.file_size >= 2 << 30
    assert info.file_size // info.compress_size > 900


def test_hostile_files_are_refused_quickly_by_both_readers(hostile):
    corpus_w, corpus_l = CORPUS / "workbooks", CORPUS / "ledgers"
    cases = [
        ("check", hostile["bomb"], 2, "this part inflates to"),
        ("ledger", hostile["bomb"], 2, "this part inflates to"),
        ("check", hostile["rows"], 2, "Årsregnskap!A10001: this sheet reaches row 10 001"),
        ("read", hostile["ledger rows"], 1, None),  # empty cells are nothing to python-calamine: one line read
        ("check", corpus_w / "billion-laughs.xlsx", 2, "declares an XML document type"),
        ("ledger", corpus_l / "billion-laughs.xlsx", 2, "declares an XML document type"),
        ("check", corpus_w / "xxe.xlsx", 2, "declares an XML document type"),
        ("ledger", corpus_l / "xxe.xlsx", 2, "declares an XML document type"),
        ("check", corpus_w / "far-cell.xlsx", 2, "this sheet reaches row 1 048 576"),
        ("ledger", corpus_l / "far-cell.xlsx", 2, "this sheet reaches row 1 048 576 and column XFD"),
    ]
    results = run_capped([(command, path) for command, path, _, _ in cases])
    for (command, path, code, fragment), result in zip(cases, results):
        what = f"avstem {command} {path.name}"
        assert result["code"] == code, (what, result)
        assert result["seconds"] < BOUND, (what, result)
        if fragment:
            lines = result["stderr"].strip().splitlines()
            assert len(lines) == 1 and fragment in lines[0] and lines[0].startswith(f"avstem: {path}"), (what, lines)


def test_the_million_styled_rows_are_refused_from_the_cells_not_the_dimension(hostile):
    with zipfile.ZipFile(hostile["rows"]) as archive:
        xml = archive.read(SHEET)
    assert b'<dimension ref="A1:D2"/>' in xml and xml.count(b"<row ") > 1_000_000


# --- defence in depth: below the pre-flight, each XML parser refuses on its own ------------------------


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("name", ["billion-laughs.xlsx", "xxe.xlsx"])
def test_openpyxl_alone_refuses_entities(name):
    start = time.perf_counter()
    with pytest.raises(Exception) as caught:  # noqa: PT011 - whatever openpyxl wraps it in
        openpyxl.load_workbook(CORPUS / "workbooks" / name, data_only=True)
    assert "Forbidden" in repr(caught.value) or "Forbidden" in repr(caught.value.__context__)
    assert time.perf_counter() - start < BOUND


def test_calamine_alone_expands_no_entity(tmp_path):
    from python_calamine import CalamineWorkbook

    laughs = CORPUS / "ledgers" / "billion-laughs.xlsx"
    with pytest.raises(Exception, match="unrecognized entity"):  # noqa: PT011 - calamine's XmlError
        CalamineWorkbook.from_path(str(laughs)).get_sheet_by_name("Hovedbok").to_python()
    xxe = tmp_path / "xxe-in-a-cell.xlsx"
    xxe.write_bytes(with_doctype(_ledger_workbook(), SHEET, XXE, "&xxe;"))
    with pytest.raises(Exception, match="unrecognized entity"):  # noqa: PT011
        CalamineWorkbook.from_path(str(xxe)).get_sheet_by_name("Hovedbok").to_python()


# --- the pre-flight's quick check of a sheet's extent --------------------------------------------------


def test_the_quick_check_patterns_match_exactly_the_numerals_within_the_limit():
    import itertools
    import re
    import string

    from ledger.core.source import column_letter
    from ledger.guards.xlsx_preflight import _at_most

    for limit in (1, 9, 10, 976, 10_000, 1_048_576):
        pattern = re.compile(f"^{_at_most(str(limit), '1', '0')}$")
        numbers = set(range(1, 2_000)) | set(range(limit - 1_500, limit + 1_500)) | {10 * limit, 99 * limit}
        assert [n for n in numbers if n > 0 and bool(pattern.match(str(n))) != (n <= limit)] == []
    columns = ["".join(p) for n in (1, 2, 3) for p in itertools.product(string.ascii_uppercase, repeat=n)]
    for limit in (1, 25, 26, 64, 256, 1024, 16_384):
        pattern = re.compile(f"^{_at_most(column_letter(limit), 'A', 'A')}$")
        assert [c for i, c in enumerate(columns, 1) if bool(pattern.match(c)) != (i <= limit)] == []


def test_a_wide_ledger_is_proved_by_a_wider_box_not_walked(tmp_path, monkeypatch):
    """100 columns are beyond the first box (64 columns at Excel's row count) but inside the next."""
    from ledger.core.source import column_letter
    from ledger.general_ledger.file import LEDGER_LIMITS
    from ledger.guards import xlsx_preflight as xlsx_guard

    cols = [column_letter(c) for c in range(1, 101)]
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in cols) + "</row>"
                   for r in range(1, 201))
    with zipfile.ZipFile(io.BytesIO(_ledger_workbook())) as archive:
        xml = archive.read(SHEET).decode()
    xml = xml[:xml.index("<sheetData>")] + f"<sheetData>{rows}</sheetData>" + xml[xml.index("</sheetData>") + 12:]
    path = tmp_path / "wide.xlsx"
    path.write_bytes(with_parts(_ledger_workbook(), {SHEET: xml.encode()}))
    monkeypatch.setattr(xlsx_guard, "_walk_extent", lambda *a: pytest.fail("walked"))
    xlsx_guard.check_xlsx(str(path), LEDGER_LIMITS)
