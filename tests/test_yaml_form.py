"""The YAML reader: strict keys, exact figures, every place remembered."""

from __future__ import annotations

import pytest

from ledger.core.accounts import PostKey
from ledger.core.errors import InputError
from ledger.forms.yaml_form.read import read_yaml
from tests.helpers import IMDI, edited, write_doc


def _read(doc, tmp_path):
    return read_yaml(str(write_doc(doc, tmp_path / "a.yaml")))


def test_every_figure_remembers_file_line_and_path(imdi):
    row = imdi.appropriation.expense(PostKey("0671", "72"))
    assert row.accounts.value == 17432000
    src = row.accounts.source
    assert src.file == str(IMDI) and src.path == "appropriation.expenses[8].accounts"
    assert IMDI.read_text(encoding="utf-8").splitlines()[src.line - 1].count("17 432 000") == 1


def test_codes_keep_their_leading_zeros(imdi):
    assert [str(r.key) for r in imdi.appropriation.expenses][:2] == ["0670.01", "0671.21"]
    assert imdi.appropriation.holdings[0].account == "705005"


def test_blank_figures_stay_blank(imdi):
    assert imdi.note_a.rows[1].transferred.blank
    assert imdi.appropriation.revenues[0].difference.blank


def test_reported_totals_are_kept_as_reported(imdi):
    # 22 354 225 180 − 54 968 415 = 22 299 256 765, but IMDi printed …766
    assert imdi.appropriation.net_reported.value == 22299256766


@pytest.mark.parametrize("edit, place, message", [
    ({"set": {"agency.colour": "blue"}}, "agency", "unknown key 'colour'"),
    ({"delete": ["agency.year"], "set": {"appropriation.title": "Oppstilling av løyvingsrapportering",
                                         "chart_of_accounts.title": "Oppstilling av artskontorapporteringa"}},
     "appropriation", "the year of the accounts is printed nowhere"),
    ({"set": {"appropriation.expenses[0].accounts": "367 764 13x"}}, "appropriation.expenses[0].accounts",
     "not an amount"),
    ({"set": {"appropriation.expenses[1].chapter": "0670", "appropriation.expenses[1].post": "01"}},
     "appropriation.expenses[1]", "appears twice"),
    ({"set": {"chart_of_accounts.lines[0].id": "feees"}}, "chart_of_accounts.lines[0].id", "has no line 'feees'"),
    ({"set": {"chart_of_accounts.lines[1].id": "fees"}}, "chart_of_accounts.lines[1]", "appears twice"),
    ({"delete": ["chart_of_accounts.lines[24]"]}, "chart_of_accounts.lines", "missing the required line"),
    ({"set": {"agency.year": "23"}}, "agency.year", "not a year"),
    ({"set": {"form": "avstem.accounts/9"}}, "form", "unknown form"),
    ({"set": {"appropriation.expenses[0].post": "001"}}, "appropriation.expenses[0]", "post"),
    ({"set": {"notes.note6.lines[0].block": "nowhere"}}, "notes.note6.lines[0].block", "no block"),
])
def test_bad_accounts_are_input_errors_naming_the_place(imdi_doc, tmp_path, edit, place, message):
    with pytest.raises(InputError) as err:
        _read(edited(imdi_doc, **edit), tmp_path)
    assert place in str(err.value) and message in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "a.yaml") + ":")


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("form: [unclosed", "not valid YAML"),
    ("a: &x 1\nb: *x\n", "aliases"),
    ("form: a\nform: b\n", "duplicate key 'form'"),
    ("- just\n- a list\n", "expected a mapping"),
])
def test_malformed_yaml_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_yaml(str(path))


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("form: x\nagency: Direktoratet for \xf8konomi\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.yaml:2: the file is not UTF-8"):
        read_yaml(str(path))


def test_extra_lines_need_a_sign_where_the_block_needs_one(imdi_doc, tmp_path):
    doc = edited(imdi_doc, set={"chart_of_accounts.lines[+]": {
        "block": "common_chapters", "label": "Konto 1988", "current": "1", "prior": "0"}})
    with pytest.raises(InputError, match="must state its sign"):
        _read(doc, tmp_path)


def test_the_test_helpers_write_and_read_documents_as_pure_python_pyyaml_does(imdi_doc, tmp_path):
    """tests/helpers.py uses libyaml when PyYAML has it, for speed: it must give the same text and data."""
    import yaml

    from tests.helpers import load_doc, nulls
    from tests.report_fixtures import seeded_doc

    for doc in (imdi_doc, seeded_doc(imdi_doc)):  # the seeded one holds formula text and a control character
        written = write_doc(doc, tmp_path / "a.yaml").read_text(encoding="utf-8")
        assert written == yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
        assert load_doc(tmp_path / "a.yaml") == nulls(yaml.load(written, Loader=yaml.BaseLoader)) == doc
