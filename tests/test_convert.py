"""``avstem convert`` and ``avstem template``: exact both ways, never over the input."""

from __future__ import annotations

import sys
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils.cell import coordinate_to_tuple

from avstem.pipeline import sha256_of
from ledger.forms.inputs import read_accounts
from ledger.forms.workbook import read_workbook
from ledger.forms.yaml_form.read import read_yaml
from ledger.vocabulary.layout import CHART, NOTE8, NOTES
from tests.helpers import (
    BOKMAL,
    FIXTURES,
    IMDI,
    IMDI_XLSX,
    assert_same_model,
    cell_of,
    edited,
    run_cli,
    write_doc,
)


def _convert(capsys, source, target):
    digest = sha256_of(str(source))
    code, out, err = run_cli(capsys, "convert", source, target)
    assert code == 0, err
    assert sha256_of(str(source)) == digest
    return target


def test_yaml_to_workbook_to_yaml_gives_the_same_accounts(capsys, tmp_path, imdi):
    xlsx = _convert(capsys, IMDI, tmp_path / "imdi.xlsx")
    yaml_again = _convert(capsys, xlsx, tmp_path / "imdi.yaml")
    assert_same_model(imdi, read_accounts(xlsx, infer=False))
    assert_same_model(imdi, read_yaml(str(yaml_again)))
    text = yaml_again.read_text(encoding="utf-8")  # written like the fixture: figures as printed
    assert 'difference: -167 594}' in text and 'transferred: null' in text and 'chapter: "0670"' in text


@pytest.mark.parametrize("workbook", [IMDI_XLSX, BOKMAL], ids=["agency-style", "one-sheet"])
def test_workbook_to_yaml_to_workbook_gives_the_same_accounts(capsys, tmp_path, workbook):
    original = read_workbook(str(workbook))
    yaml_file = _convert(capsys, workbook, tmp_path / "accounts.yaml")
    xlsx = _convert(capsys, yaml_file, tmp_path / "accounts.xlsx")
    assert_same_model(original, read_yaml(str(yaml_file)))
    assert_same_model(original, read_workbook(str(xlsx)))


def test_the_context_from_a_file_of_its_own_goes_into_the_output(capsys, tmp_path, imdi_doc, imdi):
    doc = edited(imdi_doc, delete=["context"])
    source = write_doc(doc, tmp_path / "no-context.yaml")
    code, _, err = run_cli(capsys, "convert", source, tmp_path / "out.xlsx", "--context",
                           FIXTURES / "imdi-2023-context.yaml")
    assert code == 0, err
    assert read_workbook(str(tmp_path / "out.xlsx")).context.received_authorities[0].amount.value == 300000


def test_convert_never_overwrites_its_input(capsys):
    digest = sha256_of(str(IMDI_XLSX))
    code, _, err = run_cli(capsys, "convert", IMDI_XLSX, IMDI_XLSX)
    assert code == 2 and "ville overskrevet en inndatafil" in err  # nb: no --lang given
    code, _, err = run_cli(capsys, "convert", IMDI_XLSX, IMDI_XLSX, "--lang", "nn")
    assert code == 2 and "ville skrive over ei inndatafil" in err
    assert sha256_of(str(IMDI_XLSX)) == digest


def test_convert_to_an_unknown_form(capsys, tmp_path):
    code, _, err = run_cli(capsys, "convert", IMDI, tmp_path / "imdi.csv")
    assert code == 2 and "kan ikke skrive '.csv'" in err and len(err.strip().splitlines()) == 1  # nb: no --lang


def test_a_model_a_workbook_cannot_hold_is_refused_not_changed(capsys, tmp_path, imdi_doc):
    # an extra note 2 line counted negative: a workbook has no place to say so
    doc = edited(imdi_doc)
    doc["notes"]["note2"]["lines"].insert(5, {"block": "salaries", "label": "Trekk", "sign": "-", "current": "1",
                                              "prior": "0"})
    source = write_doc(doc, tmp_path / "signed.yaml")
    code, _, err = run_cli(capsys, "convert", source, tmp_path / "signed.xlsx")
    assert code == 2 and "kan ikke konverteres nøyaktig til .xlsx: notes.note2.lines[5].sign: -1 != 1" in err, err
    assert not (tmp_path / "signed.xlsx").exists()
    # an extra line after the memo lines, where no block is open when read
    doc = edited(imdi_doc, set={"notes.note2.lines[+]": {"block": "salaries", "label": "Trekk", "current": "1",
                                                          "prior": "0"}})
    code, _, err = run_cli(capsys, "convert", write_doc(doc, tmp_path / "late.yaml"), tmp_path / "late.xlsx")
    assert code == 2 and "ville den ikke kunne leses inn igjen ('Note 2'!A12: 'Trekk' er ikke en linje i" in err, err


@pytest.mark.parametrize("lang, name_label, sheet", [("nb", "Navn", "Virksomhet"), ("nn", "Namn", "Verksemd")])
def test_the_template_is_the_layout_without_figures(capsys, tmp_path, lang, name_label, sheet):
    path = tmp_path / "blank.xlsx"
    code, _, err = run_cli(capsys, "template", path, "--lang", lang)
    assert code == 0, err
    # a blank workbook is not checkable: it says what to fill in, and where
    year_label = "Regnskapsår" if lang == "nb" else "Rekneskapsår"
    code, out, err = run_cli(capsys, "check", path, "--lang", lang)  # said in the template's language
    if lang == "nb":
        assert code == 2 and f"{path}:{sheet}!B5: regnskapsåret står ingen steder" in err, err
        assert "fyll ut 'Regnskapsår' i opplysningene om virksomheten" in err, err
    else:
        assert code == 2 and f"{path}:{sheet}!B5: rekneskapsåret står ingen stader" in err, err
        assert "fyll ut 'Rekneskapsår' i opplysningane om verksemda" in err, err
    book = openpyxl.load_workbook(path)
    details = book[sheet]
    for label, value in ((name_label, "Testetaten"), (year_label, 2024),
                         ("Regnskapsmodell" if lang == "nb" else "Rekneskapsmodell", "R-115 desember 2022"),
                         ("Språk", lang)):
        details[cell_of(details, label)].offset(0, 1).value = value
    book.save(path)
    accounts = read_workbook(str(path))  # an empty, valid layout
    assert accounts.agency.year == 2024 and accounts.appropriation.expenses == ()
    for layout in (CHART, *NOTES, NOTE8):
        table = accounts.table(layout.id)
        assert [line.id for line in table.lines] == [d.id for d in layout.lines]
        assert all(figure.blank for line in table.lines for figure in line.values.values())
    assert accounts.context is not None and accounts.context.posts == ()
    code, _, err = run_cli(capsys, "check", path)
    assert code in (0, 1), err  # checkable now


def test_the_template_is_an_xlsx_file(capsys, tmp_path):
    code, _, err = run_cli(capsys, "template", tmp_path / "blank.ods")
    assert code == 2 and "kall filen FIL.xlsx" in err


def _builder():
    sys.path.insert(0, str(FIXTURES))
    try:
        import build_workbooks
    finally:
        sys.path.remove(str(FIXTURES))
    return build_workbooks


def test_the_committed_workbooks_are_what_the_script_builds(tmp_path, monkeypatch):
    build_workbooks = _builder()
    monkeypatch.setattr(build_workbooks, "FIXTURES", tmp_path)
    (tmp_path / "imdi-2023.yaml").write_bytes(IMDI.read_bytes())
    build_workbooks.main([])
    for name in ("imdi-2023.xlsx", "imdi-2023-bokmal.xlsx"):
        with zipfile.ZipFile(FIXTURES / name) as committed, zipfile.ZipFile(tmp_path / name) as built:
            assert committed.namelist() == built.namelist()
            for part in committed.namelist():
                assert committed.read(part) == built.read(part), f"{name}:{part} differs; run build_workbooks.py"


@pytest.mark.slow
def test_libreoffice_calculates_the_formulas_to_the_values_the_fixture_holds(agency_workbook, libreoffice):
    """What build_workbooks.py --verify checks, in the session's one LibreOffice call (tests/libreoffice.py)."""
    _, cached = agency_workbook
    sheets = libreoffice["agency"]
    assert cached, "the builder wrote no formula"
    for (sheet, coordinate), value in cached.items():
        row, column = coordinate_to_tuple(coordinate)
        assert Decimal(sheets[sheet][row - 1][column - 1]) == value, (sheet, coordinate, value)


def test_a_text_that_looks_like_a_formula_stays_text(capsys, tmp_path, imdi_doc):
    doc = edited(imdi_doc, set={"notes.note3.texts[0]": "=SUM(A1:A2) er ikkje ein formel"})
    xlsx = _convert(capsys, write_doc(doc, tmp_path / "a.yaml"), tmp_path / "a.xlsx")
    assert read_workbook(str(xlsx)).notes["note3"].texts == ("=SUM(A1:A2) er ikkje ein formel",)
