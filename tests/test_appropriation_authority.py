"""Issue 3 end to end: context, parameters, Note B recomputed, overspends, prior year."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from avstem.cli import main
from ledger.core.accounts import PostKey
from ledger.core.errors import InputError
from ledger.forms.inputs import read_accounts
from ledger.vocabulary.stikkord import KAN_NYTTES_UNDER, KAN_OVERFORES, OVERSLAGSBEVILGNING, parse_stikkord
from rules.engine import run
from rules.parameters import default_parameters
from rules.registry import load_catalogue
from rules.transfer import recompute
from tests.helpers import FIXTURES, IMDI, edited, write_doc

CONTEXT = FIXTURES / "imdi-2023-context.yaml"
PRIOR = FIXTURES / "imdi-2022-comparatives.yaml"


def _key(text):
    return PostKey(*text.split("."))


def _parameter(accounts):
    return lambda name: default_parameters().value(name, accounts.year)


@pytest.mark.parametrize("post, basis, maximum, other, transferable", [
    ("0670.01", 6084865, 18146600, 18692450, 6084865),  # 5 % of årets / samlet tildeling
    ("0671.45", 12500936, None, None, 12500936),  # «kan overføres», last year's appropriation unknown
    ("0671.60", 284551099, None, None, 284551099),
])
def test_note_b_is_recomputed_for_imdi(imdi, post, basis, maximum, other, transferable):
    computed = recompute(imdi, _key(post), _parameter(imdi))
    row = imdi.note_b.row(_key(post))
    assert computed.basis == basis == row.basis.value
    assert computed.maximum == maximum and computed.maximum_other == other
    cap = computed.maximum if computed.maximum is not None else row.maximum.value
    assert computed.transferable(cap) == transferable == row.transferable.value
    if post == "0670.01":
        assert row.maximum.value == other  # IMDi computed 5 % of samlet tildeling


def test_the_context_in_a_file_of_its_own_gives_the_same_findings(imdi_doc, tmp_path):
    bare = write_doc(edited(imdi_doc, delete=["context"]), tmp_path / "bare.yaml")
    inline = run(read_accounts(IMDI)).findings
    separate = run(read_accounts(bare, CONTEXT)).findings
    assert {"T-02", "T-03", "OS-01"} <= {f.rule for f in inline}  # the context was read: its rules found things
    assert [(f.rule, f.key, f.expected, f.actual) for f in separate] == \
           [(f.rule, f.key, f.expected, f.actual) for f in inline]
    without = run(read_accounts(bare))  # the context read off what the accounts print: the same findings
    assert not {"T-01", "T-05", "OS-01"} & set(without.rules_skipped)
    assert [(f.rule, f.key, f.expected, f.actual) for f in without.findings] == \
           [(f.rule, f.key, f.expected, f.actual) for f in inline]


def test_a_context_given_twice_or_for_another_year_is_refused(tmp_path):
    with pytest.raises(InputError, match="already holds a context"):
        read_accounts(IMDI, CONTEXT)
    other = tmp_path / "context.yaml"
    other.write_text(CONTEXT.read_text(encoding="utf-8").replace("year: 2023", "year: 2022"), encoding="utf-8")
    with pytest.raises(InputError, match="the context is for 2022, but the accounts are for 2023"):
        from ledger.forms.yaml_form.read import read_context
        read_context(str(other), 2023)


def test_check_with_prior_runs_the_prior_year_rules(capsys):
    code = main(["check", str(IMDI), "--prior", str(PRIOR), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "83 rules run: 0 errors, 6 warnings, 14 notes." in out
    assert "cannot be checked against last year's Note B" in out


def test_prior_for_the_wrong_year_is_exit_2(capsys):
    code = main(["check", str(IMDI), "--prior", str(IMDI)])
    err = capsys.readouterr().err
    assert code == 2 and "fjorårets tall gjelder 2023, men regnskapet gjelder 2023 (ventet 2022)" in err  # nb


def test_a_parameter_choice_in_the_configuration(capsys, tmp_path):
    config = tmp_path / "avstem.toml"
    config.write_text('[parameters]\n"transfer.operating.base" = "samlet_tildeling"\n', encoding="utf-8")
    code = main(["check", str(IMDI), "--config", str(config), "--json", "-"])
    out = capsys.readouterr().out
    assert code == 0 and '"OS-01"' in out and '"T-02"' not in out  # the findings, but not T-02's
    config.write_text('[parameters]\n"transfer.operating.base" = "halve"\n', encoding="utf-8")
    assert main(["check", str(IMDI), "--config", str(config)]) == 2
    assert "must be one of arets_tildelinger, samlet_tildeling" in capsys.readouterr().err
    config.write_text('[parameters]\n"transfer.operating.rate" = "0.10"\n', encoding="utf-8")
    assert main(["check", str(IMDI), "--config", str(config)]) == 2
    assert "cannot be changed in the configuration" in capsys.readouterr().err


def test_a_parameter_the_configuration_sets_is_said_in_every_output(capsys, tmp_path):
    """A reader sees every threshold that is not avstem's own: on the console under the settings, in the JSON's
    config, and on the report's first page beside the verdict, each with the value it replaces."""
    from openpyxl import load_workbook

    config = tmp_path / "avstem.toml"
    config.write_text('[parameters]\n"transfer.operating.base" = "samlet_tildeling"\n'
                      '"je.approval.limits" = [50000, "250000"]\n', encoding="utf-8")
    report, out_json, html = tmp_path / "r.xlsx", tmp_path / "r.json", tmp_path / "r.html"
    main(["check", str(IMDI), "--config", str(config), "--lang", "en", "--report", str(report),
          "--json", str(out_json), "--html", str(html)])
    said = capsys.readouterr().out
    assert ("Parameter set in the settings: transfer.operating.base = samlet_tildeling (avstem's value: "
            "arets_tildelinger).") in said
    assert "Parameter set in the settings: je.approval.limits = 50000, 250000 (avstem's value: 100000, 500000)." in said
    assert json.loads(out_json.read_text(encoding="utf-8"))["config"]["parameters"][1] == {
        "name": "transfer.operating.base", "value": "samlet_tildeling", "default": "arets_tildelinger"}
    assert "je.approval.limits = 50000, 250000 (avstem&#x27;s value: 100000, 500000)." in html.read_text("utf-8")
    rows = [tuple(r[:2]) for r in load_workbook(report).worksheets[0].iter_rows(max_row=20, values_only=True)]
    assert ("Parameter set in the settings",
            "transfer.operating.base = samlet_tildeling (avstem's value: arets_tildelinger)") in rows


APPROPRIATION_RULES = [r for r in load_catalogue() if r.split("-")[0] in ("T", "OS", "PY")]


def test_some_appropriation_rules_read_parameters():
    assert any(load_catalogue()[r].parameters for r in APPROPRIATION_RULES)


@pytest.mark.parametrize("rule_id", APPROPRIATION_RULES)
def test_explain_shows_the_legal_basis_and_the_parameters_dates(capsys, rule_id):
    assert main(["explain", rule_id, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Legal basis:" in out and "https://" in out
    rule = load_catalogue()[rule_id]
    for name in rule.parameters:
        assert name in out
    if rule.parameters:  # each value with the date it holds from (not "transferred from 2022" in the example)
        assert re.search(r"^ +from (19|20)\d\d-\d\d-\d\d: ", out, re.MULTILINE)


@pytest.mark.parametrize("text, kinds", [
    ("«kan overførast»", [KAN_OVERFORES]),
    ("kan overføres, kan nyttes under kap. 502, post 70", [KAN_OVERFORES, KAN_NYTTES_UNDER]),
    ("Overslagsbevilgning", [OVERSLAGSBEVILGNING]),
    ("", []),
])
def test_stikkord(text, kinds):
    assert [s.kind for s in parse_stikkord(text)] == kinds


def test_an_unknown_stikkord_is_an_input_error(imdi_doc, tmp_path):
    doc = edited(imdi_doc, set={"context.posts[0671.21].stikkord": ["kan overføes"]})
    with pytest.raises(InputError, match="unknown stikkord 'kan overføes'") as raised:
        read_accounts(write_doc(doc, tmp_path / "a.yaml"))
    # the whole line in the user's language, the list of known stikkord in theirs too
    assert "ukjent stikkord 'kan overføes'; kjende: «kan overførast»" in raised.value.render("nn")


def test_a_known_last_year_appropriation_makes_the_cap_verifiable(imdi_doc, tmp_path):
    before = run(read_accounts(IMDI), only=["T-03"])
    assert "note_b.0671.45.maximum" in {f.key for f in before.findings}  # not verifiable (info)
    doc = edited(imdi_doc, set={"context.posts[0671.45].prior_appropriation": "97 415 088"})
    accounts = read_accounts(write_doc(doc, tmp_path / "a.yaml"))
    computed = recompute(accounts, _key("0671.45"), _parameter(accounts))
    assert computed.maximum == Decimal("144209088")
    after = run(accounts, only=["T-03"])
    assert after.rules_run == ("T-03",)
    assert [f for f in after.findings if f.key == "note_b.0671.45.maximum"] == []
