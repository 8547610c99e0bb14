"""What `avstem ledger` and `avstem check --ledger` print about the ledger, in the reader's language: the
encoding and conventions detected, a column named by its role in the language (never the internal ``amount``),
counts with their plural («1 linje» / «2 linjer», «1 regel» / «9 regler»), the many-ledger summary."""

from __future__ import annotations

import re

import pytest

from avstem.cli import main
from fixtures import make_ledger
from ledger.vocabulary.labels import msg
from reports.console import skipped_text
from reports.i18n import render_message
from rules.findings import Finding, Kind, Severity


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def small_ledger(tmp_path_factory):
    return make_ledger.write_csv(make_ledger.generate(600), tmp_path_factory.mktemp("words") / "hovedbok.csv")


#: Words of the ledger summary that must not show in Norwegian: the importer's and the code's own English.
ENGLISH = re.compile(r"\b(with BOM|comma|point|space|rules?|lines?|voucher|amount|date|column|unreadable)\b")

EXPECTED = {
    "nb": ("UTF-8 med BOM", "desimaltegn komma", "(kolonne Bilagsnr)", "unbalanced — Bilag som ikke balanserer"),
    "nn": ("UTF-8 med BOM", "desimalteikn komma", "(kolonne Bilagsnr)",
           "unbalanced — Bilag som ikkje balanserer"),
    "en": ("UTF-8 with BOM", "decimal comma", "(column Voucher)", "unbalanced — Vouchers that do not balance"),
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_ledger_summary_is_in_the_language(capsys, small_ledger, lang):
    code, out, _ = run(capsys, "ledger", small_ledger, "--no-config", "--lang", lang)
    assert code in (0, 1)
    head = out.split("\n\n")[0]  # how the ledger was read, the counts, the rules not run
    for expected in EXPECTED[lang]:
        assert expected in out, (expected, out[:2000])
    assert "(voucher)" not in out and "(amount)" not in out and "(date)" not in out
    if lang != "en":
        assert not ENGLISH.search(head), ENGLISH.search(head)
        blocks = [line for line in out.splitlines() if line.startswith(" " * 10)]
        assert not any(ENGLISH.search(line.split(":", 1)[-1]) for line in blocks if "(kolonne" in line)


@pytest.mark.parametrize("lang, expected", [
    ("nb", "Hovedboken har ingen kolonne for «Beløp»"),
    ("nn", "Hovudboka har ingen kolonne for «Beløp»"),
    ("en", "The ledger has no column for «Amount»"),
])
def test_a_missing_column_is_named_by_its_role_in_the_language(capsys, tmp_path, lang, expected):
    path = make_ledger.write_seeded({"lines": 50, "drop": ["Beløp"]}, tmp_path / "uten-beløp.csv")
    code, out, _ = run(capsys, "ledger", path, "--no-config", "--lang", lang)
    assert code == 1 and expected in out
    assert "for amount" not in out and "«amount»" not in out


def _finding(message: str, **params) -> Finding:
    return Finding("JE-07", Severity.WARNING, Kind.BREACH, "round_amounts", message, params)


def _counts(count: int, lines: int, rows: str = "17") -> dict:
    """A JE finding's counts as rules/catalogue/je.py gives them, each text with its own plural."""
    return dict(count=count, lines=lines, rows=rows, lines_at=msg("je.n_lines_at", n=lines, rows=rows),
                missing=msg("je.n_missing", n=lines))


@pytest.mark.parametrize("lang, one, many", [
    ("nb", "1 linje har rundt beløp", "2 linjer har runde beløp"),
    ("nn", "1 linje har rundt beløp", "2 linjer har runde beløp"),
    ("en", "1 line has a round amount", "2 lines have round amounts"),
])
def test_journal_counts_have_their_plural(lang, one, many):
    common = dict(samples="100 000", unit="10 000")
    assert render_message(_finding("je.round_amounts", **_counts(1, 1), **common), lang).startswith(one)
    assert render_message(_finding("je.round_amounts", **_counts(2, 2), **common), lang).startswith(many)


@pytest.mark.parametrize("lang, one, many", [
    ("nb", "1 bilag balanserer ikke (debet ≠ kredit), 1 linje:", "3 bilag balanserer ikke (debet ≠ kredit), 7 linjer:"),
    ("nn", "1 bilag balanserer ikkje (debet ≠ kredit), 1 linje:",
     "3 bilag balanserer ikkje (debet ≠ kredit), 7 linjer:"),
    ("en", "1 voucher does not balance (debit ≠ credit), 1 line:",
     "3 vouchers do not balance (debit ≠ credit), 7 lines:"),
])
def test_two_counts_in_one_message_each_have_their_plural(lang, one, many):
    common = dict(samples="–")
    assert render_message(_finding("je.unbalanced", **_counts(1, 1), **common), lang).startswith(one)
    assert render_message(_finding("je.unbalanced", **_counts(3, 7), **common), lang).startswith(many)
    gaps = render_message(_finding("je.gaps", **_counts(1, 1), **common), lang)
    assert {"nb": "1 bilagsnummer mangler", "nn": "1 bilagsnummer manglar", "en": "1 number missing"}[lang] in gaps


class _Rule:
    def __init__(self, inputs):
        self.inputs = inputs


class _Outcome:
    def __init__(self, skipped):
        self.rules_skipped = skipped
        self.rules = {rule_id: _Rule(("accounts",)) for rule_id in skipped}


@pytest.mark.parametrize("lang, one, many", [("nb", "(9 regler)", "1 regel"), ("nn", "(9 reglar)", "1 regel"),
                                             ("en", "(9 rules)", "1 rule")])
def test_rules_not_run_are_counted_in_the_language(lang, one, many):
    nine = [f"BR-0{n}" for n in range(1, 10)]
    assert one in skipped_text(_Outcome(nine), lang)
    from reports.i18n import label

    assert label("count.rules", lang, n=1) == many


def test_many_ledgers_are_summed_up_in_the_language(capsys, tmp_path, small_ledger):
    (tmp_path / "a.csv").write_bytes(small_ledger.read_bytes())
    (tmp_path / "b.csv").write_bytes("Konto;Kapittel;Post;Beløp\n6300;0670;01;5\n6300;0670\n".encode())
    code, out, _ = run(capsys, "ledger", tmp_path, "--no-config", "--lang", "nn")
    assert code == 2
    assert out.splitlines()[0].split()[:3] == ["Hovudbok", "Resultat", "Linjer"]
    assert "kunne ikkje lesast" in out and "ikkje lesbar" in out and "600" in out
    assert out.splitlines()[-1] == "2 hovudbøker: 0 med funn som gjer at køyringa feilar, 1 utan, 1 kunne ikkje lesast."
