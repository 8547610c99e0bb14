"""The ledger path: generator, reader, exact money at scale, command line."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal

import pytest

from avstem.cli import main
from fixtures import make_ledger
from ledger.core.errors import InputError
from ledger.core.money import from_ore
from ledger.general_ledger.file import read_ledger
from ledger.general_ledger.importer import import_ledger
from tests.helpers import IMDI


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- the generator's allocation ---------------------------------------------------


def test_every_printed_figure_is_its_own_rounded_ore_sum():
    accounts = make_ledger.load_imdi()
    cells = make_ledger.solve(accounts)
    assert make_ledger.check_solution(accounts, cells) == []
    # IMDi prints netto 22 299 256 766 where its printed totals give …765: the øre behind them do it
    constraints = {name: (coef, target) for name, coef, target in make_ledger._constraints(accounts, cells)}
    totals = {name: sum(s * cells[i].ore for i, s in coef.items()) for name, (coef, _) in constraints.items()}
    assert round(Decimal(totals["expense_total"]) / 100) == 22_354_225_180
    assert round(Decimal(totals["revenue_total"]) / 100) == 54_968_415
    assert round(Decimal(totals["net_reported"]) / 100) == 22_299_256_766


@pytest.mark.parametrize("lines", [150, 5_000])
def test_generated_lines_sum_to_the_cells_exactly(lines):
    columns = make_ledger.generate(lines, seed=7)
    assert len(columns["ore"]) >= lines
    assert int(columns["ore"].sum()) == sum(
        c.ore * make_ledger.line_sign(c.line) for c in make_ledger.solve(seed=7))


def test_imdi_reconciles_with_its_generated_ledger(capsys, imdi_ledger):
    code, out, err = run_cli(capsys, "check", IMDI, "--ledger", imdi_ledger, "--lang", "en", "--json", "-")
    doc = json.loads(out)
    assert code == 0, err
    assert doc["counts"]["error"] == 0
    # every printed figure is its øre sum rounded (within half a krone): no finding
    assert not [f for f in doc["findings"] if f["rule"][:2] in ("DQ", "LG")]
    assert not [r for r in doc["rules_skipped"] if r[:2] in ("DQ", "LG")]  # every ledger rule ran
    assert doc["ledger"]["encoding"] == "UTF-8 with BOM" and doc["ledger"]["separator"] == ";"
    assert doc["ledger"]["decimal"] == "comma" and doc["ledger"]["lines"] == 20_000
    assert "Ledger: 20,000 lines, CSV, UTF-8 with BOM, separator ';', decimal comma" in err


def test_the_ledger_digest_is_its_sha256(capsys, imdi_ledger):
    """The ledger is hashed in a thread while it is imported; the digest is still the file's."""
    import hashlib

    code, out, _ = run_cli(capsys, "check", IMDI, "--ledger", imdi_ledger, "--json", "-")
    digests = {i["role"]: i["sha256"] for i in json.loads(out)["inputs"]}
    assert digests["ledger"] == hashlib.sha256(imdi_ledger.read_bytes()).hexdigest()
    assert digests["accounts"] == hashlib.sha256(IMDI.read_bytes()).hexdigest()


def test_each_seeded_error_is_caught_with_its_line(capsys, tmp_path):
    seeds = {"40.Post": "", "23.Beløp": "1.234,567", "61.Dato": "31.12.2022", "75.Konto": "9100"}
    path = make_ledger.write_seeded({"lines": 2000, "set": seeds}, tmp_path / "seeded.csv")
    code, out, _ = run_cli(capsys, "check", IMDI, "--ledger", path, "--json", "-")
    found = {(f["rule"], f["location"]) for f in json.loads(out)["findings"]}
    assert code == 1
    for rule, line in (("DQ-06", 40), ("DQ-04", 23), ("DQ-05", 61), ("LG-06", 75), ("LG-06", 40)):
        assert (rule, f"{path}:{line}") in found, (rule, line)


# --- exact money beyond float ------------------------------------------------------


def test_sums_beyond_two_to_the_53_are_exact(tmp_path):
    big = [2**53 + 1, 3 * 2**53 + 7, -(2**53) + 3, 10**17 - 1]  # øre; 10^17 − 1 is the parser's largest
    text = ["90071992547409,93", "270215977642229,83", "-90071992547409,89", "999999999999999,99"]
    path = tmp_path / "big.csv"
    rows = [f"{i};01.06.2023;2023-06;6300;0670;01;{t}" for i, t in enumerate(text, 1)]
    path.write_text("Bilagsnr;Dato;Periode;Konto;Kapittel;Post;Beløp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ledger = import_ledger(str(path), year=2023)
    total = sum(big)
    assert ledger.derived.posts[make_ledger.PostKey("0670", "01")] == total
    assert ledger.derived.chart["other_operating"] == total
    assert from_ore(total) == Decimal("1270215977642229.86")
    assert total > 2**53  # beyond what a double holds exactly


# --- reading: conventions, formats, bad input ----------------------------------------


def test_windows_1252_tab_separated_with_space_thousands(tmp_path):
    columns = make_ledger.generate(150)
    columns["Beløp"] = make_ledger.format_ore(columns["ore"], thousands=" ")
    path = make_ledger.write_csv(columns, tmp_path / "l.txt", sep="\t", encoding="cp1252")
    ledger = import_ledger(str(path), year=2023)
    assert (ledger.info.encoding, ledger.info.separator, ledger.info.thousands) == ("Windows-1252", "\t", "space")
    assert ledger.info.columns["amount"] == "Beløp"
    assert all(q.success for q in ledger.quality)


@pytest.mark.parametrize("bom", [False, True])
def test_a_windows_1252_byte_past_the_sniffed_head(tmp_path, bom):
    """UTF-8 is checked once per distinct value, after the read: a later 8-bit byte still makes the file
    Windows-1252 — or, under a BOM that promised UTF-8, an error naming the byte."""
    header = "Konto;Kapittel;Post;Beløp;Tekst\n".encode()
    lines = b"".join(b"6300;0670;01;5,00;Kontorrekvisita\n" for _ in range(3000))  # past the 64 KiB head
    path = tmp_path / "late.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + header + lines + b"6300;0670;01;7,00;Reise \xe6\xf8\n")
    if bom:
        with pytest.raises(InputError, match=r"late.csv:3002: byte 0xe6 is not UTF-8, although the file begins"):
            read_ledger(str(path))
        return
    ledger = import_ledger(str(path), year=2023)
    assert ledger.info.encoding == "Windows-1252" and ledger.info.lines == 3001
    assert ledger.derived.posts[make_ledger.PostKey("0670", "01")] == 3000 * 500 + 700


def test_xlsx_ledger_keeps_leading_zeros_and_names_cells(tmp_path):
    path = make_ledger.write_xlsx(make_ledger.generate(150), tmp_path / "l.xlsx")
    ledger = import_ledger(str(path))
    assert ledger.year == 2023 and ledger.year_inferred
    assert make_ledger.PostKey("0670", "01") in ledger.derived.posts
    assert str(ledger.info.source(17, "amount")) == f"{path}:Hovedbok!I17"


def test_column_mapping_from_config(capsys, tmp_path, imdi_ledger):
    text = imdi_ledger.read_text(encoding="utf-8-sig").replace("Beløp", "Saldo i NOK", 1)
    ledger = tmp_path / "renamed.csv"
    ledger.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(capsys, "ledger", ledger, "--lang", "en")
    assert code == 1 and "DQ-01" in out and "no column for «Amount»" in out
    config = tmp_path / "avstem.toml"
    config.write_text('[ledger.columns]\namount = "Saldo i NOK"\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "ledger", ledger, "--config", config, "--lang", "en")
    assert code == 0 and "Saldo i NOK→Amount" in out
    config.write_text('[ledger.columns]\nbelop = "Saldo"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "ledger", ledger, "--config", config)
    assert code == 2 and "[ledger.columns] belop: ukjent felt" in err  # nb: no --lang given


def test_ledger_alone_is_an_import_gate(capsys, tmp_path, imdi_ledger):
    code, out, err = run_cli(capsys, "ledger", imdi_ledger, "--lang", "en", "--json", "-")
    doc = json.loads(out)
    assert code == 0, err
    assert doc["agency"] is None and doc["year"] == 2023 and doc["year_inferred"] is True
    assert doc["rules_run"] == 21  # DQ-01…07, LG-06 and JE-01…13; the reconciliations need the accounts
    assert "fiscal year 2023 (read off its dates)" in err
    bad = make_ledger.write_seeded({"lines": 300, "set": {"23.Beløp": "12,345"}}, tmp_path / "bad.csv")
    code, out, _ = run_cli(capsys, "ledger", bad, "--lang", "en")
    assert code == 1 and f"{bad}:23" in out
    assert run_cli(capsys, "ledger", bad, "--year", "2024")[0] == 1


@pytest.mark.parametrize("content, message", [  # in the user's language: nb unless --lang or the config says otherwise
    (b"Konto;Kapittel;Post;Bel\xc3\xb8p\n6300;0670;01;5\n6300;0670\n", ":3: ventet 4 felt skilt med ';', fant 2"),
    (b"", ":1: den første linjen må være kolonneoverskriftene"),
    (b"Konto Kapittel Post\n", ":1: ingen kolonneskilletegn"),
    (b"Konto;Kapittel;Post;Bel\xc3\xb8p\n", "har kolonneoverskrifter, men ingen linjer"),
    (b"Konto;Konto;Post\n1;2;3\n", "overskriften 'Konto' står to ganger"),
])
def test_bad_csv_is_one_line_exit_2(capsys, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, _, err = run_cli(capsys, "ledger", path)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert path.read_bytes() == content  # the input is never modified


UNREADABLE = {  # a ledger avstem cannot read: its content, the place named, the problem in nb, nn and en
    "fields": (b"Konto;Kapittel;Post;Bel\xc3\xb8p\n6300;0670;01;5\n6300;0670\n", "3", {
        "nb": "ventet 4 felt skilt med ';', fant 2",
        "nn": "venta 4 felt skilde med ';', fann 2",
        "en": "expected 4 fields separated by ';', found 2"}),
    "undecodable": (b"Konto;Kapittel;Post;Bel\xf8p\n6300;0670;01;5\n6300;0670;01;\x81\n", "3", {
        "nb": "byte 0x81 er ikke et tegn i UTF-8 og heller ikke i Windows-1252: ikke en tekstfil i en tegnkoding "
              "avstem leser; lagre den som UTF-8 (Excel: «CSV UTF-8») eller Windows-1252",
        "nn": "byte 0x81 er ikkje eit teikn i UTF-8 og heller ikkje i Windows-1252: ikkje ei tekstfil i ei "
              "teiknkoding avstem les; lagre ho som UTF-8 (Excel: «CSV UTF-8») eller Windows-1252",
        "en": "byte 0x81 is a character in neither UTF-8 nor Windows-1252: not a text file in an encoding avstem "
              "reads; save it as UTF-8 (Excel: «CSV UTF-8») or Windows-1252"}),
    "amount": ("Konto;Kapittel;Post;Beløp;Dato\n6300;0670;01;1.234;31.01.2023\n6300;0670;01;1234.50;31.01.2023\n"
               .encode(), "2", {
        "nb": "beløpet '1.234' er tvetydig: linje 3 skriver '1234.50' med desimalpunktum, så '1.234' kan være 1234 "
              "kroner (punktum som tusenskille) eller en feil (tre desimaler); skriv alle beløp på samme måte "
              "(1234.50 eller 1 234,50)",
        "nn": "beløpet '1.234' er tvetydig: linje 3 skriv '1234.50' med desimalpunktum, så '1.234' kan vere 1234 "
              "kroner (punktum som tusenskilje) eller ein feil (tre desimalar); skriv alle beløp på same måte "
              "(1234.50 eller 1 234,50)",
        "en": "the amount '1.234' is ambiguous: line 3 writes '1234.50' with a decimal point, so '1.234' could be "
              "1234 kroner (dots between thousands) or a mistake (three decimals); write every amount in one "
              "convention (1234.50 or 1 234,50)"}),
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_ledger_is_one_line_in_the_users_language(capsys, tmp_path, case, lang):
    """The one line names the file and the place in every language; the problem is in the user's: ``--lang``,
    else the config's ``lang``, else Bokmål."""
    content, place, problems = UNREADABLE[case]
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    config = tmp_path / "avstem.toml"
    config.write_text(f'[check]\nlang = "{lang}"\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "ledger", path, "--lang", lang)
    assert (code, out, err) == (2, "", f"avstem: {path}:{place}: {problems[lang]}\n")
    assert run_cli(capsys, "ledger", path, "--config", config) == (2, "", err)  # the config's lang
    if lang == "nb":  # nothing said: Bokmål
        assert run_cli(capsys, "ledger", path, "--no-config") == (2, "", err)


def test_zip_bomb_is_refused_before_any_reader_opens_it(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<row>" + "0" * (50 << 20) + "</row>")
    with pytest.raises(InputError, match="a zip bomb"):
        read_ledger(str(path))


@pytest.mark.parametrize("name, content, message", [
    ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "gammel .xls-arbeidsbok"),
    ("text.xlsx", b"Konto;Post\n", "en .xlsx-fil er et zip-arkiv"),
    ("l.ods", b"x", "ukjent hovedboksformat '.ods'"),
])
def test_wrong_kinds_of_file(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run_cli(capsys, "ledger", path)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_kontoplan_override_is_validated(capsys, tmp_path, imdi_ledger):
    plan = tmp_path / "kontoplan.csv"
    plan.write_text("from;to;line;basis;what\n5000;5999;salaries;seen;x\n5500;6000;other_operating;seen;y\n",
                    encoding="utf-8")
    config = tmp_path / "avstem.toml"
    config.write_text('[ledger]\nkontoplan = "kontoplan.csv"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "ledger", imdi_ledger, "--config", config)
    assert code == 2 and "kontoplan.csv:3: området 5500–6000 overlapper 5000–5999" in err


def test_progress_tells_how_far_the_read_got(imdi_ledger):
    said = []
    import_ledger(str(imdi_ledger), year=2023, progress=said.append)
    reads = [m for m in said if m.startswith("read ")]
    assert reads and reads[-1] == "read 100 % of the file"
    assert [m.split()[0] for m in said if not m.startswith("read ")] == ["reading", "parsing", "deriving", "checking"]


def test_progress_is_quiet_when_stderr_is_not_a_terminal(capsys, imdi_ledger):
    code, out, err = run_cli(capsys, "ledger", imdi_ledger, "--json", "-")
    assert code == 0 and "\r" not in err and "avstem:" not in err


@pytest.mark.parametrize("ending", [b"\n\n", b"\r\n\r\n\r\n", b"\n\n\n\n"])
def test_empty_lines_that_end_the_file_are_not_ledger_lines(tmp_path, ending):
    path = tmp_path / "trailing.csv"
    path.write_bytes("Konto;Kapittel;Post;Beløp\n6500;0670;01;100,00\n6500;0670;01;5,00".encode() + ending)
    ledger = import_ledger(str(path), year=2023)
    assert ledger.info.lines == 2
    assert all(q.success for q in ledger.quality)


# --- many ledgers at once --------------------------------------------------------------


def test_many_ledgers_in_one_session_with_one_summary(capsys, tmp_path, imdi_ledger, monkeypatch):
    """A folder (or a glob) of ledgers: a row per file, one engine for all, an unreadable file a row that
    says why (exit 2), the summary as JSON with each file's own report."""
    from ledger.general_ledger import importer

    folder = tmp_path / "ledgers"
    folder.mkdir()
    (folder / "a-clean.csv").write_bytes(imdi_ledger.read_bytes())
    make_ledger.write_seeded({"lines": 300, "set": {"23.Beløp": "12,345"}}, folder / "b-bad-amount.csv")
    (folder / "c-broken.csv").write_bytes("Konto;Kapittel;Post;Beløp\n6300;0670;01;5\n6300;0670\n".encode())
    (folder / "notes.md").write_text("not a ledger")
    opened = []
    real = importer.open_engine
    monkeypatch.setattr(importer, "open_engine", lambda settings=None: opened.append(1) or real(settings))
    code, out, err = run_cli(capsys, "ledger", folder, "--lang", "en", "--json", "-")
    assert code == 2 and len(opened) == 1
    doc = json.loads(out)
    assert doc["schema"] == "avstem.ledgers/1" and doc["engine"] == "duckdb"
    rows = {r["file"].rsplit("/", 1)[1]: r for r in doc["files"]}
    assert list(rows) == ["a-clean.csv", "b-bad-amount.csv", "c-broken.csv"]
    assert rows["a-clean.csv"]["verdict"] == "pass" and rows["a-clean.csv"]["lines"] == 20_000
    assert rows["b-bad-amount.csv"]["verdict"] == "fail" and rows["b-bad-amount.csv"]["counts"]["error"] >= 1
    findings = rows["b-bad-amount.csv"]["report"]["findings"]
    assert [f["rule"] for f in findings if f["severity"] == "error"] == ["DQ-04"]  # JE: warnings and infos
    assert rows["c-broken.csv"]["verdict"] == "unreadable"
    assert "c-broken.csv:3: expected 4 fields separated by ';', found 2" in rows["c-broken.csv"]["error"]
    assert "3 ledgers: 1 with findings that fail the run, 1 without, 1 could not be read." in err
    code, out, _ = run_cli(capsys, "ledger", str(folder / "[ab]-*.csv"), "--lang", "en")
    assert code == 1 and "2 ledgers: 1 with findings that fail the run, 1 without, 0 could not be read." in out
    code, _, err = run_cli(capsys, "ledger", str(folder / "z*.csv"))
    assert code == 2 and "no ledger file" in err


@pytest.mark.parametrize("option", ["--report", "--junit", "--html", "--gitlab"])
def test_several_ledgers_refuse_a_one_ledger_report(capsys, tmp_path, option):
    """With several ledgers the summary is the output; a report of one ledger is refused, not left unwritten."""
    for name in ("a.csv", "b.csv"):
        make_ledger.write_seeded({"lines": 100}, tmp_path / name)
    out = tmp_path / "out.file"
    code, _, err = run_cli(capsys, "ledger", tmp_path / "a.csv", tmp_path / "b.csv", option, out)
    assert code == 2 and f"{option} writes one ledger's report" in err and not out.exists()


@pytest.mark.parametrize("setting, message", [
    ('engine = "polars"', "[ledger] engine: unknown engine 'polars'; use duckdb or spark"),
    ('memory_limit = "lots"', "[ledger] memory_limit, temp_directory: DuckDB refuses them"),
])
def test_engine_settings_are_checked(capsys, tmp_path, setting, message):
    config = tmp_path / "avstem.toml"
    config.write_text(f"[ledger]\n{setting}\n", encoding="utf-8")
    path = make_ledger.write_seeded({"lines": 200}, tmp_path / "l.csv")
    code, _, err = run_cli(capsys, "ledger", path, "--config", config, "--lang", "en")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_spark_without_pyspark_is_one_clear_line(capsys, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyspark", None)  # as where the spark extra is not installed
    monkeypatch.setitem(sys.modules, "pyspark.errors", None)
    path = make_ledger.write_seeded({"lines": 200}, tmp_path / "l.csv")
    code, _, err = run_cli(capsys, "ledger", path, "--engine", "spark")
    assert code == 2 and "--engine spark: trenger pyspark" in err and len(err.strip().splitlines()) == 1
