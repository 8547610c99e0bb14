"""Shared fixtures (immutable inputs read once per session) and the hypothesis profiles.

Two profiles, the same tests: ``default`` (the everyday run, small example counts) and ``thorough``
(the counts the README gives; ``.ci/run`` selects it). Choose one with ``AVSTEM_HYPOTHESIS_PROFILE``
or hypothesis's own ``--hypothesis-profile``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import is_hypothesis_test, settings

from ledger.forms.yaml_form.read import read_yaml
from tests.helpers import IMDI, ROOT, load_doc
from tests.report_fixtures import (
    EPOCH,
    EXAMPLE_OPTIONS,
    IMDI_RELATIVE,
    PRIOR_RELATIVE,
    run_check,
    write_seeded,
)

PROFILES = ("thorough", "default")
PROFILE_VARIABLE = "AVSTEM_HYPOTHESIS_PROFILE"

#: Examples per run of each property test (tests/test_properties.py), by profile.
EXAMPLES = {
    #                                                  thorough  default
    "test_every_formatted_amount_parses_back":            (2000, 300),
    "test_any_text_is_an_amount_or_a_clean_rejection":    (2000, 300),
    "test_more_than_two_decimals_is_refused":             (1000, 150),
    "test_the_yaml_reader_on_corrupted_accounts":          (300, 30),
    "test_the_yaml_reader_on_arbitrary_bytes":             (300, 100),
    "test_the_workbook_reader_on_perturbed_grids":         (300, 60),
    "test_the_workbook_reader_on_damaged_bytes":            (60, 30),
    "test_the_workbook_reader_on_random_workbooks":         (40, 10),
    "test_the_ledger_reader_on_arbitrary_bytes":           (300, 100),
    "test_the_ledger_reader_on_generated_csv":             (300, 60),
    "test_the_ledger_reader_on_damaged_csv":               (200, 50),
    "test_the_ledger_reader_on_generated_xlsx":             (40, 10),
    "test_codes_in_any_unicode_digits":                    (300, 30),
    "test_workbook_codes_in_any_unicode_digits":           (300, 60),
    "test_any_text_through_every_writer":                   (30, 8),
    "test_any_generated_journal_flags_what_was_planted_and_nothing_else":  (8, 2),
    "test_without_motkonto_the_vouchers_pairs_are_counted_alike_by_bits_and_by_hashes":  (6, 2),
    # tests/test_lawful_agencies.py: per test, or per parameter (a family, a waiting feature or form)
    "test_the_generated_accounts_keep_every_identity":     (300, 30),
    "test_a_lawful_agency_reads_clean":                     (300, 30),
    "test_a_forced_feature_reads_clean":                    (60, 10),
    "test_a_form_without_sections_reads_clean":                       (60, 10),
    "test_a_planted_error_is_found":                         (25, 3),
    "test_an_error_of_issue_12_is_found":             (40, 6),
    "test_a_waiting_error_of_issue_12":               (40, 6),
    "test_a_planted_error_is_found_in_any_form":       (60, 10),
    "test_a_planted_error_is_found_without_the_context":    (100, 10),
    "test_the_workbooks_read_as_the_yaml_form":             (100, 8),
    "test_the_forms_give_the_same_findings":                 (60, 6),
}

settings.register_profile("default")
settings.register_profile("thorough", print_blob=True)  # a failure in CI prints how to replay it


def _profile(config: pytest.Config | None = None) -> str:
    """The profile chosen: hypothesis's option, else the environment's, else the default."""
    option = config.getoption("hypothesis_profile", None) if config is not None else None
    return option or os.environ.get(PROFILE_VARIABLE) or "default"


if _profile() in PROFILES:  # before the test modules are imported; pytest_configure refuses any other
    settings.load_profile(_profile())


def pytest_configure(config: pytest.Config) -> None:
    if _profile(config) not in PROFILES:
        raise pytest.UsageError(f"unknown hypothesis profile {_profile(config)!r} ({PROFILE_VARIABLE}): "
                                f"the profiles are {', '.join(PROFILES)}")


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis examples: the {_profile(config)} profile (tests/conftest.py)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give each property test its example count from :data:`EXAMPLES` under the chosen profile."""
    column = PROFILES.index(_profile(config))
    for item in items:
        test = getattr(item, "obj", None)
        if not is_hypothesis_test(test):
            continue
        name = getattr(item, "originalname", item.name)
        if name not in EXAMPLES:
            raise pytest.UsageError(f"{item.nodeid}: give its example counts in EXAMPLES (tests/conftest.py)")
        # the settings @given and @settings left on the test, with the count replaced: hypothesis reads
        # them from this attribute when the test runs (a second @settings would be refused)
        test._hypothesis_internal_use_settings = settings(test._hypothesis_internal_use_settings,
                                                          max_examples=EXAMPLES[name][column])


@pytest.fixture(scope="session")
def imdi():
    """IMDi 2023 as published, read once."""
    return read_yaml(str(IMDI))


@pytest.fixture(scope="session")
def imdi_doc():
    """The IMDi 2023 document as editable data (copy it before editing)."""
    return load_doc()


@pytest.fixture(scope="session")
def imdi_ledger(tmp_path_factory):
    """The generated IMDi 2023 ledger (fixtures/make_ledger.py), 20 000 lines, as CSV: read it, never change it."""
    from fixtures import make_ledger

    path = tmp_path_factory.mktemp("ledger") / "imdi-2023-ledger.csv"
    return make_ledger.write_csv(make_ledger.generate(20_000), path)


@pytest.fixture(scope="session")
def check_outputs(imdi_doc, tmp_path_factory):
    """``check_outputs(name, lang)``: ``avstem check`` writing the report, the JSON and the JUnit file (the
    paths by ``report_fixtures.run_check``'s names, and the ``accounts`` checked), run once per accounts and
    language in the session. ``"imdi"``: IMDi 2023 as published, named ``fixtures/imdi-2023.yaml`` from the
    repository root, as docs/examples/make_examples.py runs it; ``"imdi-ledger"``: the same with IMDi's generated
    ledger (docs/examples/imdi-2023-ledger.csv); ``"seeded"``: with the seeded errors of
    tests/report_fixtures.py. SOURCE_DATE_EPOCH is fixed. The files are shared: read them, never change them."""
    folder = tmp_path_factory.mktemp("check-outputs")
    accounts = {"imdi": Path(IMDI_RELATIVE), "seeded": write_seeded(imdi_doc, folder), "prior": Path(IMDI_RELATIVE),
                "examples": Path(IMDI_RELATIVE)}
    extra = {"prior": ("--prior", PRIOR_RELATIVE), "examples": EXAMPLE_OPTIONS}
    made: dict[tuple[str, str], dict[str, Path]] = {}

    def outputs(name: str, lang: str) -> dict[str, Path]:
        if (name, lang) not in made:
            out = folder / f"{name}-{lang}"
            out.mkdir(exist_ok=True)  # made by a run that failed: run again, and let its own error show
            with pytest.MonkeyPatch.context() as patch:
                patch.chdir(ROOT)
                patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
                made[name, lang] = {**run_check(out, accounts[name], lang, *extra.get(name, ())),
                                    "accounts": ROOT / accounts[name]}
        return dict(made[name, lang])

    return outputs


@pytest.fixture(scope="session")
def agency_workbook(imdi, tmp_path_factory):
    """IMDi 2023 as fixtures/build_workbooks.py builds the agency-style workbook: its path, and the value it
    wrote for each formula, by (sheet, cell)."""
    from fixtures.build_workbooks import build_agency_style

    book = build_agency_style(imdi)
    path = tmp_path_factory.mktemp("agency") / "imdi-2023.xlsx"
    book.save(path)
    return path, dict(book.cached)


@pytest.fixture(scope="session")
def libreoffice(check_outputs, agency_workbook, tmp_path_factory):
    """Every sheet, as LibreOffice computes it (tests/libreoffice.py), of the English audit reports of IMDi
    ("imdi") and of the seeded variant ("seeded"), and of the agency-style workbook ("agency"): one soffice
    call for all, its start-up being most of the time."""
    from tests.libreoffice import recalculate

    return recalculate({"imdi": check_outputs("imdi", "en")["report"],
                        "seeded": check_outputs("seeded", "en")["report"],
                        "prior": check_outputs("prior", "en")["report"],
                        "agency": agency_workbook[0]}, tmp_path_factory.mktemp("libreoffice"))
