"""The published annual report as input: its extracted text and PDFs give the findings of the accounts they
print (same rules, keys and figures, placed at their lines and pages), plus what only the report holds (signs
read off the arithmetic, key figures, quoted figures: the KF family)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from avstem.cli import main
from tests.helpers import FIXTURES, IMDI, ROOT

TEXT = FIXTURES / "imdi-2023-annual-report.txt"
PDF = FIXTURES / "pdf"


def findings(capsys, tmp_path, accounts) -> tuple[int, dict]:
    out = tmp_path / f"{accounts.name}.json"
    code = main(["check", str(accounts), "--json", str(out), "--lang", "en"])
    capsys.readouterr()
    return code, json.loads(out.read_text(encoding="utf-8"))


def keys(doc: dict, *, without_kf: bool = False) -> set[tuple]:
    return {(f["rule"], f["key"], f["expected"], f["actual"]) for f in doc["findings"]
            if not (without_kf and f["rule"].startswith("KF-"))}


@pytest.fixture(scope="module")
def yaml_findings(tmp_path_factory):
    out = tmp_path_factory.mktemp("yaml") / "imdi.json"
    assert main(["check", str(IMDI), "--json", str(out), "--lang", "en"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


#: The SHA-256 of IMDi's published annual report as extracted text (the project's seed
#: 000_41e2412eddc59bb8.txt): the fixture is that file, byte for byte.
SEED_SHA256 = "086799813a057e5b4b769a5ce5113c35965ad8fa811ce775153dedbb4a13b1b1"


def test_seed_is_byte_identical_to_the_published_text():
    assert hashlib.sha256(TEXT.read_bytes()).hexdigest() == SEED_SHA256


def test_text_gives_the_yaml_findings_and_its_own(capsys, tmp_path, yaml_findings):
    code, doc = findings(capsys, tmp_path, TEXT)
    assert code == 0
    assert keys(doc, without_kf=True) == keys(yaml_findings)
    own = [f for f in doc["findings"] if f["rule"].startswith("KF-")]
    # the felleskapittel lines printed without their minus signs, confirmed by the statement's own sum
    signs = {f["key"] for f in own if f["rule"] == "KF-01"}
    assert signs == {"chart.group_life_1985[2023]", "chart.employer_tax_1986[2023]",
                     "chart.group_life_1985[2022]", "chart.employer_tax_1986[2022]"}
    by_key = {f["key"]: f for f in own}
    assert "227" in by_key["key_figures.fte_performed[2022]"]["message"]
    assert "98.5 %" in by_key["key_figures.utilisation[2023]"]["message"]
    # every place is a line of the text
    for f in doc["findings"]:
        assert f["location"].startswith(f"{TEXT.relative_to(ROOT)}:") or f["location"].startswith(str(TEXT))


@pytest.mark.parametrize("pdf, source", [
    ("imdi-2023.pdf", "imdi-2023.xlsx"),
    ("imdi-2023-bokmal.pdf", "imdi-2023-bokmal.xlsx"),
    ("imdi-2023-typeset.pdf", "imdi-2023.yaml"),
])
def test_pdf_gives_the_findings_of_what_it_prints(capsys, tmp_path, pdf, source):
    code, printed = findings(capsys, tmp_path, PDF / pdf)
    assert code == 0
    _, original = findings(capsys, tmp_path, FIXTURES / source)
    assert keys(printed, without_kf=True) == keys(original)
    assert {f["key"] for f in printed["findings"] if f["rule"] == "KF-01"} >= {"chart.employer_tax_1986[2023]"}
    located = [f["location"] for f in printed["findings"] if not f["key"].startswith("text.")]
    assert located and all(":p. " in where and " line " in where for where in located)


def test_an_unreadable_table_is_exit_2_naming_the_line(capsys, tmp_path):
    lines = TEXT.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("0671 ") and "18 026 294 901" in line)
    # a figure whose digits the extraction garbled: no reading of the row adds up
    lines[at] = lines[at].replace("18 026 294 901", "17 026 294 901")
    broken = tmp_path / "broken.txt"
    broken.write_text("\n".join(lines), encoding="utf-8")
    code = main(["check", str(broken)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"avstem: {broken}:{at + 1}:") and err.count("\n") == 1, err


def test_a_misspelt_label_is_named_at_its_page_and_line(capsys, tmp_path):
    """The published report's statements are read as a workbook's: a label that misses its line by a typo is
    named where it is printed (here a text's line), with the label it likely means, in the user's language."""
    text = TEXT.read_text(encoding="utf-8")
    assert text.count("Sum utbetalingar til drift  ") == 1
    path = tmp_path / "report.txt"
    path.write_text(text.replace("Sum utbetalingar til drift  ", "Sum utbetalingar til drif  "), encoding="utf-8")
    assert main(["check", str(path), "--lang", "nn"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"avstem: {path}:6221: Oppstilling av artskontorapporteringa: 'Sum utbetalingar til drif' "
                          "er ikkje ei linje avstem kjenner"), err
    assert err.rstrip().endswith("meinte du «Sum utbetalingar til drift»?"), err


def test_not_a_pdf_is_exit_2(capsys, tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("hello", encoding="utf-8")
    assert main(["check", str(fake)]) == 2
    assert "ikke en PDF" in capsys.readouterr().err


def test_yaml_and_workbook_checks_do_not_import_the_pdf_libraries():
    code = ("import sys; from avstem.cli import main; rc = main(['check', %r]); rc2 = main(['check', %r]); "
            "bad = [m for m in ('pdfplumber', 'pdfminer', 'pypdfium2') if m in sys.modules]; "
            "assert not bad, bad; sys.exit(rc or rc2)") % (str(IMDI), str(FIXTURES / "imdi-2023.xlsx"))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_a_150_page_report_lays_out_only_its_accounts(tmp_path):
    """Only the pages of part 6 (and part 2) are laid out after a cheap scan (its time is measured in
    tests/benchmarks, not asserted here)."""
    sys.path.insert(0, str(FIXTURES))
    try:
        import build_pdfs
    finally:
        sys.path.remove(str(FIXTURES))
    long = tmp_path / "long.pdf"
    build_pdfs.typeset(long, padding=145)
    from ledger.forms.published import read_published

    accounts = read_published(str(long))
    assert accounts.published.pages.endswith("of 151")
    assert int(accounts.published.pages.split("–")[0]) > 140  # only part 6 laid out


def test_an_unreadable_pdf_row_names_its_page_and_line():
    from dataclasses import replace

    from ledger.core.errors import InputError
    from ledger.forms.published import read_document
    from ledger.forms.published.document import Document, read_pdf
    from ledger.forms.published.parts import wanted_pages

    document = read_pdf(str(PDF / "imdi-2023.pdf"), wanted_pages)
    at = next(i for i, line in enumerate(document.lines) if "18\u00a0026\u00a0294\u00a0901" in line.text)
    line = document.lines[at]
    garbled = replace(line, text=line.text.replace("18\u00a0026", "17\u00a0026"),
                      cells=tuple((a, b, t.replace("18\u00a0026", "17\u00a0026")) for a, b, t in line.cells))
    lines = document.lines[:at] + (garbled,) + document.lines[at + 1:]
    with pytest.raises(InputError) as caught:
        read_document(Document(document.file, lines, document.pages, document.page_count))
    assert f"p. {line.page} line {line.line}" in str(caught.value)
