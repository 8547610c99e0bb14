"""Accounts and reports shared by the report tests: IMDi 2023 with seeded
errors, input text that looks like spreadsheet formulas, and ``avstem check``
writing every output."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from avstem.cli import main
from tests.helpers import edited, write_doc

#: Input text that a spreadsheet would run if it were not stored as text.
HOSTILE_NAME = '=HYPERLINK("http://evil.example","click")'
HOSTILE_LINE = '=HYPERLINK("http://evil.example","x")'
HOSTILE_POST_TEXT = "-1+2"
HOSTILE_HEADING = "@SUM(A1:A2)"
EPOCH = "1710460800"  # 2024-03-15T00:00:00Z, as docs/examples/make_examples.py
#: The accounts as docs/examples/make_examples.py names them, from the repository root.
IMDI_RELATIVE = "fixtures/imdi-2023.yaml"
#: Last year's comparatives, for ``--prior`` (the ``"prior"`` outputs of conftest's check_outputs).
PRIOR_RELATIVE = "fixtures/imdi-2022-comparatives.yaml"
#: What docs/examples/make_examples.py checks the examples with (its OPTIONS; a test holds them equal).
EXAMPLE_OPTIONS = ("--prior", PRIOR_RELATIVE, "--ledger", "docs/examples/imdi-2023-ledger.csv",
                   "--config", "docs/examples/avstem.toml")
#: IMDi's generated ledger in the example reports (fixtures/make_journal.py; docs/examples/make_examples.py).
LEDGER_RELATIVE = "docs/examples/imdi-2023-ledger.csv"

#: What the seeded variant must show, by YAML path of the figure.
ERROR_PATH = "appropriation.expenses[1].difference"  # BR-01: a typo in 0671.21's difference
WARNING_PATH = "chart_of_accounts.lines[21].prior"  # X-03: konto 1986 ≠ note 2's arbeidsgiveravgift, 2022
ROUNDING_PATH = "appropriation.net_reported"  # BR-05: IMDi's own one-krone rounding difference
HOSTILE_TOTAL_PATH = "notes.note6.lines[2].current"  # N6-01: the hostile extra line breaks note 6's sum


def seeded_doc(imdi_doc: Any) -> Any:
    doc = edited(imdi_doc, set={
        ERROR_PATH: "-167 694",
        "notes.note2.lines[1].prior": "25 653 694",  # with the next edit, note 2 still adds up: only X-03
        "notes.note2.lines[0].prior": "174 904 232",
        "agency.name": HOSTILE_NAME,
        "appropriation.expenses[0].post_text": HOSTILE_POST_TEXT,
        "note_b.texts[0].heading": HOSTILE_HEADING,
        "note_b.texts[1].text": "Stikkordet\x01«kan overførast»",  # a control character XML cannot hold
    })
    doc = copy.deepcopy(doc)
    doc["notes"]["note6"]["lines"].insert(1, {"block": "collection", "label": HOSTILE_LINE, "current": "100",
                                              "prior": "0"})
    return doc


def run_check(tmp: Path, accounts: Path, lang: str, *extra: str) -> dict[str, Path]:
    """Run ``avstem check`` writing every output; return their paths."""
    out = {"report": tmp / f"audit-{lang}.xlsx", "json": tmp / f"findings-{lang}.json",
           "junit": tmp / f"junit-{lang}.xml"}
    code = main(["check", str(accounts), "--lang", lang, "--report", str(out["report"]), "--json", str(out["json"]),
                 "--junit", str(out["junit"]), *extra])
    assert code in (0, 1)
    return out


def write_seeded(imdi_doc: Any, folder: Path) -> Path:
    return write_doc(seeded_doc(imdi_doc), folder / "seeded.yaml")
