"""Any agency's accounts, read as the agency keeps them (issue 11, the readers' part).

The accounts in ``fixtures/any-agency/`` (built by ``fixtures/build_any_agency.py``): IMDi's workbooks
without the sections of avstem's own, IMDi in DFØ's layout (note 1 in the plain form, note 4 without its
income block), a net-budgeted agency, and the YAML form with underposts and stikkord as budgets print them.
"""

from __future__ import annotations

import sys
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from avstem.pipeline import CheckRequest, check
from ledger.core.accounts import AppropriationRow, Figure, PostKey, summed, underposts_of
from ledger.core.errors import InputError
from ledger.core.facts import DETAILS, FILE_NAME, INFERRED, MISSING, OPTION, PROPERTIES
from ledger.core.source import Source
from ledger.forms.identity import Clue, Clues, name_in_title, settle
from ledger.forms.inputs import read_accounts
from ledger.vocabulary.layout import NOTE3
from ledger.vocabulary.stikkord import KAN_NYTTES_UNDER, KAN_OVERFORES, OVERSLAGSBEVILGNING
from reports.i18n import render_message
from rules.registry import load_catalogue
from tests.helpers import FIXTURES, IMDI, assert_same_model, edited, figures, run_cli, write_doc

ANY = FIXTURES / "any-agency"
WITHOUT_DETAILS = ANY / "imdi-2023-without-details.xlsx"
WITHOUT_CONTEXT = ANY / "imdi-2023-without-context.xlsx"
WITHOUT_SECTIONS = ANY / "imdi-2023-without-sections.xlsx"
BOKMAL_WITHOUT_SECTIONS = ANY / "imdi-2023-bokmal-without-sections.xlsx"
DFO = ANY / "imdi-2023-dfo.xlsx"
UNDERPOSTS = ANY / "underposts.yaml"

#: The rules that judge the accounts by the context of the appropriations (read off Note B and the post texts
#: where no section states it).
CONTEXT_RULES = {rule_id for rule_id, r in load_catalogue().items() if "context" in r.reads}


def _signature(path, rules=None, **request):
    """What every finding says, without where it was read (rule, key, figures, path, message)."""
    outcome = check(CheckRequest(str(path), **request))
    return [(f.rule, f.severity.label, f.kind.value, f.key, f.expected, f.actual, f.difference, f.tolerance,
             f.location.path if f.location else None, render_message(f, "en"))
            for f in outcome.findings if rules is None or f.rule not in rules], outcome


def _fact(accounts, subject):
    fact = accounts.fact(subject)
    return fact.value, fact.origin, fact.source.place if fact.source else None


# --- no section of avstem's own ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [WITHOUT_DETAILS, WITHOUT_CONTEXT, WITHOUT_SECTIONS, BOKMAL_WITHOUT_SECTIONS, DFO],
                         ids=lambda p: p.stem)
def test_without_avstems_sections_every_finding_is_the_yamls(path):
    """IMDi's workbooks without a details or a context section (the context read off Note B and the post
    texts) give the YAML form's 18 findings: 0 errors, T-02, three OS-01 and two T-03 warnings, the infos."""
    expected, _ = _signature(IMDI)
    got, outcome = _signature(path)
    assert got == expected and len(got) == 18
    assert set(CONTEXT_RULES) <= set(outcome.rules_run)
    assert outcome.accounts.context is not None


def test_with_the_context_and_without_the_details_every_finding_is_the_yamls():
    expected, _ = _signature(IMDI)
    got, outcome = _signature(WITHOUT_DETAILS)
    assert got == expected and len(got) == 18
    assert {"T-02", "OS-01"} <= set(outcome.rules_run)


def _printed(accounts) -> dict[tuple, Decimal | None]:
    """Every figure by what it is (a line by its id, an extra line by its block and place in it), not by
    where it was read or how it is labelled."""
    out = {}
    for figure in figures((accounts.appropriation, accounts.note_a, accounts.note_b)):
        out[("statements", figure.source.path)] = figure.value
    for table in (accounts.chart, *accounts.notes.values(), accounts.note8.table):
        for n, line in enumerate(table.lines):
            name = line.id or (line.block, sum(1 for other in table.lines[:n] if other.block == line.block))
            out.update({(table.layout.id, name, column): f.value for column, f in line.values.items()})
    return out


@pytest.mark.parametrize("path", [WITHOUT_DETAILS, WITHOUT_SECTIONS, BOKMAL_WITHOUT_SECTIONS, DFO],
                         ids=lambda p: p.stem)
def test_the_figures_are_the_published_ones(imdi, path):
    accounts = read_accounts(path)
    expected = _printed(imdi)
    if path == DFO:  # note 4 leaves out its income block: nothing but zeros
        left_out = {k: v for k, v in expected.items() if k[0] == "note4" and k[1] == "income_total"}
        assert set(left_out.values()) == {0}
        expected = {k: v for k, v in expected.items() if k not in left_out}
    assert _printed(accounts) == expected
    assert accounts.year == 2023


def test_the_facts_of_imdis_workbook_without_its_details_and_where_each_was_read():
    accounts = read_accounts(WITHOUT_SECTIONS)
    assert _fact(accounts, "agency.year") == ("2023", INFERRED, "Løyving!B1")
    assert accounts.fact("agency.year").shown("basis", "en") == \
        "the title 'Oppstilling av løyvingsrapportering 31.12.2023'"
    assert accounts.fact("agency.year").shown("basis", "nn") == \
        "tittelen 'Oppstilling av løyvingsrapportering 31.12.2023'"  # said in the output's language
    assert _fact(accounts, "agency.name") == ("IMDi", INFERRED, "Forside!A1")  # the title line of its cover
    assert accounts.fact("agency.name").shown("basis", "en") == \
        "the title line 'IMDi – arbeidsbok for årsrekneskapen 2023'"
    assert _fact(accounts, "agency.short_name") == ("IMDi", INFERRED, "Forside!A1")
    assert _fact(accounts, "agency.language") == ("nn", INFERRED, "Løyving!B1")
    assert accounts.fact("agency.language").shown("basis", "en") == "the labels of 12 of 12 statements"
    assert _fact(accounts, "agency.model") == ("R-115 desember 2022", INFERRED, "Løyving!B1")
    assert accounts.agency.language == "nn" and accounts.context.merged  # the context read off Note B


def test_a_details_section_still_wins_and_its_facts_say_so():
    accounts = read_accounts(WITHOUT_CONTEXT)
    assert {f.subject: f.origin for f in accounts.facts if f.subject.startswith("agency.")} == dict.fromkeys(
        ("agency.year", "agency.name", "agency.short_name", "agency.language", "agency.model"), DETAILS)
    assert _fact(accounts, "agency.year") == ("2023", DETAILS, "Verksemd!B5")
    assert accounts.agency.name == "Integrerings- og mangfaldsdirektoratet"


def test_the_dfo_layout_names_the_agency_in_its_document_properties_and_its_model_in_the_principle_note():
    accounts = read_accounts(DFO)
    assert _fact(accounts, "agency.name") == ("Integrerings- og mangfoldsdirektoratet", PROPERTIES, None)
    assert _fact(accounts, "agency.short_name") == ("IMDi", PROPERTIES, None)
    assert _fact(accounts, "agency.model") == ("R-115 desember 2022", INFERRED, "Prinsippnote!A2")
    assert _fact(accounts, "agency.language") == ("nb", INFERRED, "Bevilgning!A1")


def test_the_name_falls_back_to_agency_and_then_to_the_file_name(capsys):
    assert _fact(read_accounts(BOKMAL_WITHOUT_SECTIONS), "agency.name")[:2] == ("imdi without sections", FILE_NAME)
    accounts = read_accounts(BOKMAL_WITHOUT_SECTIONS, agency="Integrerings- og mangfoldsdirektoratet (IMDi)")
    assert _fact(accounts, "agency.name") == ("Integrerings- og mangfoldsdirektoratet", OPTION, None)
    assert accounts.agency.short_name == "IMDi"
    # the document properties come first: --agency does not override what the workbook says
    assert read_accounts(DFO, agency="Noe annet").fact("agency.name").origin == PROPERTIES
    code, out, err = run_cli(capsys, "check", BOKMAL_WITHOUT_SECTIONS, "--agency", "IMDi", "--lang", "en")
    assert code == 0, err
    assert out.startswith("IMDi (IMDi)")


def test_the_yaml_forms_agency_section_is_optional(tmp_path, imdi_doc, imdi):
    path = write_doc(edited(imdi_doc, delete=["agency"]), tmp_path / "imdi.yaml")
    accounts = read_accounts(path)
    assert accounts.agency.year == 2023 and accounts.agency.language == "nn"
    year = accounts.fact("agency.year")
    assert (year.value, year.origin, year.source.path) == ("2023", INFERRED, "appropriation.title")
    assert _fact(accounts, "agency.name")[:2] == ("imdi", FILE_NAME)
    assert_same_model(imdi.appropriation, accounts.appropriation)
    # a key given says something: given blank, it is an error
    bad = write_doc(edited(imdi_doc, set={"agency": {"year": None}}), tmp_path / "blank.yaml")
    with pytest.raises(InputError, match="a value is required here"):
        read_accounts(bad)


def test_a_stated_year_that_the_titles_contradict_wins_and_keeps_what_it_overrides(tmp_path, imdi_doc):
    doc = edited(imdi_doc, set={"agency.year": "2024"})
    accounts = read_accounts(write_doc(doc, tmp_path / "a.yaml"))
    fact = accounts.fact("agency.year")
    assert (accounts.year, fact.origin) == (2024, DETAILS)
    assert fact.shown("overrides", "en") == "2023 (the title 'Oppstilling av løyvingsrapportering 31.12.2023')"


def test_titles_that_contradict_each_other_are_one_error_naming_both(tmp_path, imdi_doc):
    doc = edited(imdi_doc, delete=["agency"], set={"chart_of_accounts.title": "Oppstilling av artskontorapporteringa "
                                                                               "31.12.2022"})
    with pytest.raises(InputError) as err:
        read_accounts(write_doc(doc, tmp_path / "a.yaml"))
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'a.yaml'}:") and "(chart_of_accounts.title)" in message
    assert "says 2022, but the title 'Oppstilling av løyvingsrapportering 31.12.2023'" in message
    assert "(appropriation.title)) says 2023" in message


def test_a_year_printed_nowhere_is_exit_2_naming_where_it_was_looked_for(capsys, tmp_path, imdi_doc):
    doc = edited(imdi_doc, delete=["agency"], set={
        "appropriation.title": "Oppstilling av løyvingsrapportering",
        "chart_of_accounts.title": "Oppstilling av artskontorapporteringa"})
    path = write_doc(doc, tmp_path / "a.yaml")
    code, out, err = run_cli(capsys, "check", path)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"{path}:3 (appropriation.title): regnskapsåret står ingen steder" in err  # nb: no --lang given


def test_a_missing_fact_no_rule_needs_is_one_line_and_the_run_goes_on(capsys, tmp_path, imdi_doc):
    # 2021: avstem holds no edition of R-115 for it, and the accounts cite none
    doc = edited(imdi_doc, delete=["agency"], set={
        "appropriation.title": "Oppstilling av løyvingsrapportering 31.12.2021",
        "chart_of_accounts.title": "Oppstilling av artskontorapporteringa 31.12.2021"})
    path = write_doc(doc, tmp_path / "a.yaml")
    accounts = read_accounts(path)
    assert accounts.fact("agency.model").origin == MISSING and accounts.agency.model == ""
    code, out, err = run_cli(capsys, "check", path, "--lang", "en")
    assert code in (0, 1), err
    notes = [line for line in out.splitlines() if line.startswith("avstem:")]
    assert notes == ["avstem: the accounts do not say which edition of R-115 they follow, and avstem does not "
                     "hold it for 2021; no rule needs it (give «Regnskapsmodell» in the agency's details)."]


def test_the_language_is_the_majority_of_the_statements_and_missing_when_they_split():
    def clues(*languages):
        out = Clues("a.xlsx", years=[Clue("2023", Source("a.xlsx", sheet="S", cell="A1"), "the title")])
        out.names.append((FILE_NAME, Clue("a", None, "the file name")))
        out.languages = [Clue(lang, Source("a.xlsx", sheet=f"S{i}", cell="A1"), "labels")
                         for i, lang in enumerate(languages)]
        return out

    agency, facts = settle(clues("nn", "nb", "nn"))
    assert agency.language == "nn" and next(f for f in facts if f.subject == "agency.language").source.sheet == "S0"
    agency, facts = settle(clues("nb", "nn"))
    language = next(f for f in facts if f.subject == "agency.language")
    assert agency.language == "" and language.origin == MISSING
    assert language.shown("basis", "en") == "as many statements are in Bokmål as in Nynorsk (1 each)"


def test_a_statement_in_the_other_standard_is_read_and_the_majority_is_the_accounts(tmp_path):
    source = openpyxl.load_workbook(BOKMAL_WITHOUT_SECTIONS)
    nynorsk = {text(lang): text("nn") for text in (NOTE3.title, *(line.label for line in NOTE3.lines))
               for lang in ("nb",)}
    for row in source.active.iter_rows():
        for cell in row:
            cell.value = nynorsk.get(cell.value, cell.value)  # note 3 in Nynorsk, the rest in Bokmål
    path = tmp_path / "mixed.xlsx"
    source.save(path)
    accounts = read_accounts(path)
    assert accounts.agency.language == "nb"
    assert accounts.fact("agency.language").shown("basis", "en") == "the labels of 11 of 12 statements"
    assert accounts.notes["note3"].get("consultants").label == "Kjøp av konsulenttenester"


@pytest.mark.parametrize("title, name", [
    ("IMDi – arbeidsbok for årsrekneskapen 2023", "IMDi"),
    ("Årsregnskap 2024 for Direktoratet for forvaltning og økonomistyring",
     "Direktoratet for forvaltning og økonomistyring"),
    ("Statens vegvesen - årsregnskap 2023", "Statens vegvesen"),
    ("Fanene under held oppstillingane og notane slik dei er trykte i årsrapporten.", None),
    ("Årsregnskap for statlige virksomheter er utarbeidet og avlagt etter nærmere retningslinjer fastsatt i "
     "bestemmelser om økonomistyring i staten («bestemmelsene»).", None),
    ("Prinsippnote til årsregnskapet", None),
])
def test_a_title_line_gives_a_name_and_a_sentence_does_not(title, name):
    assert name_in_title(title) == name


# --- the whole of DFØ's model -----------------------------------------------------------------------------


def test_note_1_in_the_plain_form_and_note_4_without_its_income_block():
    accounts = read_accounts(DFO)
    note1 = accounts.notes["note1"]
    assert [(line.id, line.label) for line in note1.lines] == [
        ("fees_total", "Innbetalinger fra gebyrer"), ("grants_total", "Innbetalinger fra tilskudd og overføringer"),
        ("sales_total", "Salgs- og leieinnbetalinger"), ("other_total", "Andre innbetalinger"),
        ("total", "Sum innbetalinger fra drift")]
    note4 = accounts.notes["note4"]
    assert note4.get("income_total") is None  # absent, never a refusal
    assert [line.id for line in note4.lines] == ["interest_expense", "fx_loss", "other_financial_expense",
                                                 "expense_total"]


def test_a_plain_form_without_figures_heads_its_itemised_block(tmp_path):
    book = openpyxl.load_workbook(DFO)
    sheet = book["Note 1"]
    row = next(c.row for c in sheet["A"] if c.value == "Innbetalinger fra gebyrer")
    sheet.insert_rows(row + 1, 2)
    sheet.cell(row + 1, 1, "Gebyr for kontroll"), sheet.cell(row + 1, 2, 100), sheet.cell(row + 1, 3, 0)
    sheet.cell(row + 2, 1, "Sum innbetalinger fra gebyrer"), sheet.cell(row + 2, 2, 100), sheet.cell(row + 2, 3, 0)
    for col in (2, 3):
        sheet.cell(row, col).value = None  # the plain form is now the block's heading
    path = tmp_path / "itemised.xlsx"
    book.save(path)
    note1 = read_accounts(path).notes["note1"]
    extra = next(line for line in note1.lines if line.extra)
    assert (extra.label, extra.block, extra["current"].value) == ("Gebyr for kontroll", "fees", 100)
    assert note1.get("fees_total").label == "Sum innbetalinger fra gebyrer"


def test_a_missing_required_line_names_the_cell_where_it_was_expected(tmp_path):
    book = openpyxl.load_workbook(DFO)
    sheet = book["Note 2"]
    row = next(c.row for c in sheet["A"] if c.value == "Sum utbetalinger til lønn")
    sheet.delete_rows(row)
    path = tmp_path / "no-total.xlsx"
    book.save(path)
    with pytest.raises(InputError) as err:
        read_accounts(path)
    assert str(err.value) == (f"{path}:'Note 2'!A{row}: Note 2 Utbetalinger til lønn: the required line "
                              "'Sum utbetalinger til lønn' is missing (expected below 'Andre ytelser')")


# --- posts and stikkord as budgets print them --------------------------------------------------------------


def test_underposts_and_their_net_post_read_and_are_summed_once(imdi):
    accounts = read_accounts(UNDERPOSTS)
    statement = accounts.appropriation
    keys = [str(row.key) for row in statement.expenses if row.key.chapter == "2445"]
    assert keys == ["2445.24", "2445.24.01", "2445.24.02", "2445.24.03", "2445.24.04", "2445.24.05"]
    net = PostKey.parse("2445", "24")
    assert [str(r.key) for r in underposts_of(statement.expenses, net)] == keys[1:]
    summed_keys = [str(r.key) for r in statement.summed_expenses()]
    assert "2445.24" in summed_keys and not any(k.startswith("2445.24.") for k in summed_keys)
    assert [str(r.key) for r in accounts.note_a.summed_rows() if r.key.chapter == "2445"] == ["2445.24"]
    assert accounts.note_a.row(PostKey.from_text("2445.24.03")).allocated.value == Decimal("1000000")


def test_the_rows_a_total_sums_count_a_post_once_whichever_rows_are_printed():
    def row(code, amount):
        figure = Figure(Decimal(amount), Source("a.yaml"))
        return AppropriationRow(PostKey.from_text(code), "", "", (), figure, figure, figure, Source("a.yaml"))

    parts = [row("2445.24.01", -500), row("2445.24.02", 800)]
    both = [row("0670.01", 100), row("2445.24", 300), *parts]
    assert sum(r.accounts.amount for r in summed(both)) == 400  # 100 + the net post, not 100 + 300 + 300
    assert sum(r.accounts.amount for r in summed([row("0670.01", 100), *parts])) == 400  # the underposts alone
    assert summed([row("2445.24", 300)])[0].key == PostKey("2445", "24")


def test_stikkord_as_budgets_print_them():
    accounts = read_accounts(UNDERPOSTS)
    row = accounts.appropriation.expense(PostKey.parse("0671", "45"))
    assert row.post_text == "Større utstyrsanskaffingar og vedlikehald, kan overførast, kan nyttast under post 60 og 70"
    assert row.post_name == "Større utstyrsanskaffingar og vedlikehald"
    assert [(s.kind, s.targets_of("0671")) for s in row.stikkord] == [
        (KAN_OVERFORES, ()), (KAN_NYTTES_UNDER, (("0671", "60"), ("0671", "70")))]
    note_b = accounts.note_b.row(PostKey.parse("0671", "45"))
    assert note_b.stikkord == "«kan overførast», kan nyttast under post 60 og 70"
    assert [s.kind for s in note_b.parsed_stikkord] == [KAN_OVERFORES, KAN_NYTTES_UNDER]
    assert [s.kind for s in accounts.context.stikkord(PostKey.parse("0671", "45"))] == [KAN_OVERFORES,
                                                                                         KAN_NYTTES_UNDER]
    vat = accounts.appropriation.expense(PostKey.parse("1633", "01"))
    assert [s.kind for s in vat.stikkord] == [OVERSLAGSBEVILGNING] and vat.post_name == "Nettoordning for mva. i staten"


def test_the_yaml_with_underposts_and_stikkord_is_checked(capsys):
    code, out, err = run_cli(capsys, "check", UNDERPOSTS)
    assert code == 0, err
    expected, _ = _signature(IMDI, CONTEXT_RULES)
    got, outcome = _signature(UNDERPOSTS, CONTEXT_RULES)
    assert got == expected  # the post 24 rows are net zero: every total of IMDi's stands
    assert {"BR-03", "NA-02", "NA-03", "T-07", "OS-01"} <= set(outcome.rules_run)


def test_underposts_in_a_workbook_one_code_column_or_a_post_column(capsys, tmp_path):
    xlsx = tmp_path / "underposts.xlsx"
    code, _, err = run_cli(capsys, "convert", UNDERPOSTS, xlsx)
    assert code == 0, err  # read back and compared: 24.01 in the post column, «2445 24.01» in Note A
    book = openpyxl.load_workbook(xlsx)
    note_a = book["Note A"]
    cell = next(c for c in note_a["A"] if c.value == "2445 24.03")
    cell.value = "2445.24.03"
    statement = book[next(name for name in book.sheetnames if name.startswith("Løyving"))]
    post = next(c for c in statement["C"] if c.value == "24.04")
    post.value = 24.04  # typed as a number
    post10 = next(c for c in statement["C"] if c.value == "24.05")
    post10.value = 24.1  # 24.10 typed as a number keeps no trailing zero
    book.save(xlsx)
    accounts = read_accounts(xlsx)
    assert accounts.note_a.row(PostKey.from_text("2445.24.03")) is not None
    keys = [str(r.key) for r in accounts.appropriation.expenses if r.key.chapter == "2445"]
    assert keys[-2:] == ["2445.24.04", "2445.24.10"]


# --- out of scope: a net-budgeted agency -----------------------------------------------------------------


@pytest.mark.parametrize("name, place", [("net-budgeted.yaml", ":9 (appropriation): "),
                                         ("net-budgeted.xlsx", ":Bevilgning!A1: ")])
def test_a_net_budgeted_agency_is_refused_in_one_line(capsys, tmp_path, name, place):
    path = ANY / name
    code, out, err = run_cli(capsys, "check", path, "--json", tmp_path / "out.json")
    assert code == 2 and out == "" and not (tmp_path / "out.json").exists()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"avstem: {path}{place}regnskapet til en nettobudsjettert virksomhet: "), err


def test_without_a_chart_of_accounts_statement_gross_budgeted_accounts_are_still_refused_for_it(tmp_path, imdi_doc):
    path = write_doc(edited(imdi_doc, delete=["chart_of_accounts"]), tmp_path / "a.yaml")
    with pytest.raises(InputError, match="missing key 'chart_of_accounts'"):
        read_accounts(path)


# --- the fixtures are what the script builds ----------------------------------------------------------------


def test_the_any_agency_fixtures_are_what_the_script_builds(tmp_path, monkeypatch):
    sys.path.insert(0, str(FIXTURES))
    try:
        import build_any_agency
    finally:
        sys.path.remove(str(FIXTURES))
    monkeypatch.setattr(build_any_agency, "OUT", tmp_path)
    build_any_agency.main()
    for path in sorted(tmp_path.iterdir()):
        committed = ANY / path.name
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(committed) as a, zipfile.ZipFile(path) as b:
                assert a.namelist() == b.namelist()
                for part in a.namelist():
                    assert a.read(part) == b.read(part), f"{path.name}:{part}; run fixtures/build_any_agency.py"
        else:
            assert committed.read_bytes() == path.read_bytes(), f"{path.name}; run fixtures/build_any_agency.py"


def test_a_revenue_post_in_note_a_is_read_and_found_in_the_statement(tmp_path, imdi_doc):
    row = {"chapter": "3670", "post": "01", "transferred": None, "allocated": "0", "total": "0"}
    accounts = read_accounts(write_doc(edited(imdi_doc, set={"note_a.rows[+]": row}), tmp_path / "a.yaml"))
    key = PostKey.parse("3670", "01")
    assert accounts.note_a.row(key) is not None
    assert accounts.appropriation.expense(key) is None and accounts.appropriation.row(key).post_text == \
        "Diverse inntekter"


@pytest.mark.parametrize("booked, reported", [("Bokført avregning med statskassen", "Rapportert mellomværende med "
                                                                                      "statskassen"),
                                              ("Bokført avrekning", "Rapportert mellomvære")])
def test_note_8_columns_headed_as_the_model_or_short(tmp_path, booked, reported):
    book = openpyxl.load_workbook(DFO)
    sheet = book["Note 8"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "Spesifisering av bokført avregning med statskassen":
                cell.value = booked
            elif cell.value == "Spesifisering av rapportert mellomværende med statskassen":
                cell.value = reported
    path = tmp_path / "note8.xlsx"
    book.save(path)
    assert read_accounts(path).note8.table.get("total")["reported"].value == Decimal("-13829542")


# --- the label variants of regulation.md's appendix (Bokmål ↔ Nynorsk) -------------------------------------

APPENDIX_TITLES = [
    ("Oppstilling av bevilgningsrapportering", "appropriation"), ("Oppstilling av løyvingsrapportering",
                                                                   "appropriation"),
    ("Note A Forklaring av samlet tildeling (utgifter)", "note_a"), ("Note A Forklaring av samlet tildeling", "note_a"),
    ("Note A Forklaring av samla tildeling utgifter", "note_a"),
    ("Note B Forklaring til brukte fullmakter og beregning av mulig overførbart beløp til neste år", "note_b"),
    ("Note B Forklaring til benyttede fullmakter og beregning av mulig overførbart beløp til neste år", "note_b"),
    ("Note B Forklaring til brukte fullmakter og utrekning av beløp som kan overførast til neste år", "note_b"),
    ("Oppstilling av artskontorapporteringen", "chart"), ("Oppstilling av artskontorapporteringa", "chart"),
    ("Note 8 Sammenheng mellom avregning med statskassen og mellomværende med statskassen", "note8"),
    ("Note 8 Samanheng mellom avrekning med statskassa og mellomverande med statskassa", "note8"),
    ("Note 8 Samanheng mellom avrekning med statskassa og mellomvære med statskassa", "note8"),
]
APPENDIX_COLUMNS = [
    ("Samlet tildeling", "allocation"), ("Samla tildeling", "allocation"), ("Regnskap", "accounts"),
    ("Rekneskap", "accounts"), ("Merutgift (-) og mindreutgift", "expense_difference"),
    ("Meirutgift (-) og mindreutgift", "expense_difference"), ("Merinntekt og mindreinntekt (-)", "revenue_difference"),
    ("Meirinntekt og mindreinntekt (-)", "revenue_difference"), ("Overført fra i fjor", "transferred"),
    ("Overført frå i fjor", "transferred"), ("Årets tildelinger", "allocated"), ("Årets tildelingar", "allocated"),
    ("Innsparinger (-)", "savings"), ("Innsparingar (-)", "savings"), ("Sum grunnlag for overføring", "basis"),
    ("Maks. overførbart beløp", "maximum"), ("Maks. beløp som kan overførast", "maximum"),
    ("Mulig overførbart beløp beregnet av virksomheten", "transferable"),
    ("Mogleg beløp som kan overførast, rekna ut av verksemda", "transferable"),
    ("Bokført avregning", "booked"), ("Bokført avrekning", "booked"), ("Rapportert mellomværende", "reported"),
    ("Rapportert mellomvære", "reported"), ("Forskjell", "difference"),
    ("Utgiftsført av andre i henhold til avgitte belastningsfullmakter(-)", "charged_by_others"),
    ("Merinntekter/mindreinntekter(-) i henhold til merinntektsfullmakt", "additional_revenue"),
]
APPENDIX_LINES = [
    ("Sum utgiftsført", None, "expense_total"), ("Sum inntektsført", None, "revenue_total"),
    ("Netto rapportert til bevilgningsregnskapet", None, "net_reported"),
    ("Netto rapportert til løyvingsrekneskapen", None, "net_reported"), ("Kapitalkontoer", None, "capital_accounts"),
    ("Kapitalkontoar", None, "capital_accounts"), ("Beholdninger rapportert til kapitalregnskapet", None, "holdings"),
    ("Behaldningar rapporterte til kapitalrekneskapen", None, "holdings"),
    ("Fordringer på ansatte", "chart", "receivables_employees"), ("Fordringar på tilsette", "chart",
                                                                  "receivables_employees"),
    ("Skyldig skattetrekk og andre trekk", "chart", "tax_withholding"),
    ("Skuldig skattetrekk og andre trekk", "chart", "tax_withholding"),
    ("Skyldige offentlige avgifter", "chart", "public_charges"), ("Skuldige offentlege avgifter", "chart",
                                                                  "public_charges"),
    ("Mottatte forskuddsbetalinger", "chart", "advance_payments"), ("Mottekne forskotsbetalingar", "chart",
                                                                    "advance_payments"),
    ("Sum mellomværende med statskassen", "chart", "balance_total"), ("Sum mellomvære med statskassa", "chart",
                                                                      "balance_total"),
    ("Sum mellomverande med statskassa", "chart", "balance_total"),
    ("Leverandørgjeld", "note8", "suppliers"), ("Annen kortsiktig gjeld", "note8", "other_short_term_debt"),
    ("Anna kortsiktig gjeld", "note8", "other_short_term_debt"),
    ("Innbetalinger fra gebyrer", "note1", "fees_total"), ("Innbetalingar frå gebyr", "note1", "fees_total"),
    ("Sum innbetalingar frå gebyr", "note1", "fees_total"),
    ("Innbetaling av finansinntekter", "note4", "income_total"),
]


@pytest.mark.parametrize("text, section", APPENDIX_TITLES)
def test_every_title_of_the_appendix_is_known(text, section):
    from ledger.forms.workbook.locate import match_title

    assert match_title(f"{text} 31.12.2023") == section


@pytest.mark.parametrize("text, column", APPENDIX_COLUMNS)
def test_every_column_heading_of_the_appendix_is_known(text, column):
    from ledger.vocabulary.labels import COLUMNS, loose

    forms = {loose(f) for name in (column, "note_b_difference") if name in COLUMNS for f in COLUMNS[name].forms()}
    assert loose(text) in forms


@pytest.mark.parametrize("text, table, line", APPENDIX_LINES)
def test_every_line_of_the_appendix_is_known(text, table, line):
    from ledger.forms.workbook.locate import LineIndex
    from ledger.vocabulary.labels import APPROPRIATION_LINES, loose
    from ledger.vocabulary.layout import CHART, NOTE8, NOTES

    if table is None:
        assert loose(text) in {loose(f) for f in APPROPRIATION_LINES[line].forms()}
        return
    layout = {layout.id: layout for layout in (CHART, *NOTES, NOTE8)}[table]
    assert LineIndex(layout).line(text, None, set()).id == line
