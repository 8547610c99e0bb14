"""Every output says which facts were inferred and from where: console, JSON, JUnit, the Excel report.

IMDi 2023 without its context section: the stikkord, the received
belastningsfullmakt and the merinntektsfullmakt are read off Note B's text,
last year's appropriations are missing; with a context file that changes the
received amount, the stated value overrides the inferred one.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from reports.i18n import label
from tests.helpers import FIXTURES, edited, run_cli, write_doc
from tests.report_fixtures import run_check


def _line_of(path, text: str) -> int:
    """The line of the YAML file where ``text`` first stands (a Note B text item starts there)."""
    lines = open(path, encoding="utf-8").read().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


@pytest.fixture(scope="module")
def bare_outputs(imdi_doc, tmp_path_factory):
    folder = tmp_path_factory.mktemp("facts")
    accounts = write_doc(edited(imdi_doc, delete=["context"]), folder / "bare.yaml")
    made = {}

    def outputs(lang):
        if lang not in made:
            (folder / lang).mkdir()
            made[lang] = run_check(folder / lang, accounts, lang)
        return made[lang]

    return outputs


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_console_shows_the_facts_block(capsys, imdi_doc, tmp_path, lang):
    accounts = write_doc(edited(imdi_doc, delete=["context"]), tmp_path / "bare.yaml")
    code, out, _ = run_cli(capsys, "check", accounts, "--lang", lang)
    assert code == 0
    block = out.split("\n\n")[1].splitlines()
    assert block[0] == label("facts.header", lang, counts=f"5 {label('origin.details', lang)}, "
                                                            f"6 {label('origin.inferred', lang)}, "
                                                            f"3 {label('origin.missing', lang)}")
    received = next(line for line in block if "0400.23" in line)
    assert received.startswith(f"  {label('origin.inferred', lang)} · ")
    assert f"{accounts}:{_line_of(accounts, 'Mottekne belastningsfullmakter')} " in received
    assert "Justis- og beredskapsdepartementet" in received
    (missing,) = [line for line in block if line.startswith(f"  {label('origin.missing', lang)} · ")]
    assert "0671.21, 0671.45, 0671.60 — " in missing and "T-03" in missing  # one line for the three


def test_console_says_which_stated_fact_overrides_an_inferred_one(capsys, imdi_doc, tmp_path):
    doc = edited(imdi_doc, set={"context.received_authorities[0400.23].amount": "250 000"})
    code, out, _ = run_cli(capsys, "check", write_doc(doc, tmp_path / "a.yaml"), "--lang", "en")
    line = next(line for line in out.splitlines() if "0400.23" in line and "stated" in line)
    assert "250,000" in line and "overrides what was read: 300,000, Justis- og beredskapsdepartementet" in line


def test_json_has_the_facts(bare_outputs):
    doc = json.loads(bare_outputs("en")["json"].read_text(encoding="utf-8"))
    assert doc["schema"] == "avstem.findings/1"
    facts = {f["subject"]: f for f in doc["facts"]}
    received = facts["context.received_authority[0400.23]"]
    assert set(received) == {"subject", "label", "value", "origin", "location", "path", "basis", "overrides", "also"}
    assert received["origin"] == "inferred" and received["path"] == "note_b.texts[0]"
    assert received["location"].endswith(f"bare.yaml:{_line_of(doc['inputs'][0]['path'], 'Mottekne')}")
    assert received["value"].startswith("300,000")
    assert received["basis"] == "Note B's text part" and received["overrides"] is None
    missing = facts["context.prior_appropriation[0671.45]"]
    assert missing["origin"] == "missing" and missing["value"] is None and missing["location"] is None
    assert "T-03" in missing["basis"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_junit_has_the_facts_as_properties_and_text(bare_outputs, lang):
    suite = ET.parse(bare_outputs(lang)["junit"]).getroot().find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    value = properties["fact.context.stikkord[0671.45]"]
    assert value.startswith(label("origin.inferred", lang)) and "bare.yaml:" in value
    out = suite.find("system-out").text
    assert out.splitlines()[0].startswith(label("facts.header", lang, counts="")[:-1].rstrip(" :."))
    assert "fact.context.prior_appropriation[0671.60]" in properties


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_report_has_a_facts_sheet_with_links_to_where_each_is_printed(bare_outputs, lang):
    wb = load_workbook(bare_outputs(lang)["report"])
    ws = wb[label("sheet.facts", lang)]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    by_key = {r[-1]: r for r in rows}
    received = ws.cell(row=5 + [r[-1] for r in rows].index("context.received_authority[0400.23]"), column=8)
    assert received.hyperlink is not None
    sheet, coordinate = received.hyperlink.location.rsplit("!", 1)
    assert "Justis- og beredskapsdepartementet på 300 000 kroner" in wb[sheet.strip("'")][coordinate].value
    assert by_key["context.received_authority[0400.23]"][2] == label("origin.inferred", lang)
    assert by_key["context.prior_appropriation[0671.21]"][2] == label("origin.missing", lang)
    summary = wb[label("sheet.summary", lang)]
    facts = next(c for row in summary.iter_rows() for c in row if c.value == label("summary.facts", lang))
    link = summary.cell(row=facts.row, column=2)
    assert link.hyperlink.location == f"'{label('sheet.facts', lang)}'!A1"


def test_a_context_file_gives_stated_facts(capsys, imdi_doc, tmp_path):
    accounts = write_doc(edited(imdi_doc, delete=["context"]), tmp_path / "bare.yaml")
    code, out, _ = run_cli(capsys, "check", accounts, "--context", FIXTURES / "imdi-2023-context.yaml", "--json", "-",
                           "--lang", "en")
    doc = json.loads(out[:out.rindex("}") + 1] if out.lstrip().startswith("{") else out)
    origins = {f["subject"]: f["origin"] for f in doc["facts"]}
    assert origins["context.received_authority[0400.23]"] == "context"
    assert origins["context.given_authorities"] == "inferred"
