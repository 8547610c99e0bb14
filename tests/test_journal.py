"""Issue 15: the realistic ledger (fixtures/make_journal.py) and the journal-entry tests on the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fixtures import make_journal
from ledger.general_ledger.importer import import_ledger
from ledger.general_ledger.journal import JournalParameters, benford_test
from rules.catalogue.je import journal_parameters
from rules.findings import Kind, Severity
from rules.parameters import default_parameters

LINES = 20_000


def _params(year):
    return journal_parameters(default_parameters(), year)


@pytest.fixture(scope="module")
def clean():
    return make_journal.generate(LINES)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    columns = make_journal.generate(LINES, plant=True)
    path = make_journal.write(columns, tmp_path_factory.mktemp("journal") / "planted.csv")
    return columns, import_ledger(str(path), year=2023, journal=_params)


@pytest.fixture(scope="module")
def clean_ledger(clean, tmp_path_factory):
    path = make_journal.write(clean, tmp_path_factory.mktemp("journal") / "clean.csv")
    return import_ledger(str(path), year=2023, journal=_params)


def test_every_voucher_balances(clean):
    vouchers = np.char.add(clean["Bilagsart"].astype(str), clean["Bilagsnr"].astype(str))
    _, index = np.unique(vouchers, return_inverse=True)
    sums = np.zeros(index.max() + 1, dtype=object)
    np.add.at(sums, index, clean["ore"].astype(object))
    assert all(s == 0 for s in sums)


def test_dates_are_working_days_and_entries_follow_them(clean):
    working = {d.strftime("%d.%m.%Y") for d in make_journal.working_days(2023)}
    opening = clean["Periode"] == "2023-00"
    assert set(clean["Dato"][~opening]) <= working
    assert set(clean["Registrert"]) <= working
    assert set(clean["Dato"][opening]) == {"01.01.2023"}
    day = np.array([date(int(t[6:]), int(t[3:5]), int(t[:2])).toordinal() for t in clean["Dato"]])
    entered = np.array([date(int(t[6:]), int(t[3:5]), int(t[:2])).toordinal() for t in clean["Registrert"]])
    assert (entered[~opening] >= day[~opening]).all()
    december = np.array([t[3:5] == "12" for t in clean["Dato"]])
    assert december.mean() > 1.5 / 12  # the year-end peak (payroll, twelve pay days, dilutes it)


def test_the_norwegian_holidays_are_off():
    days = make_journal.working_days(2023)
    for holiday in (date(2023, 5, 17), date(2023, 5, 18), date(2023, 4, 7), date(2023, 12, 26), date(2023, 5, 29)):
        assert holiday not in days
    assert date(2023, 5, 16) in days and all(d.weekday() < 5 for d in days)
    assert len(days) == 260 - 9  # 260 weekdays; 9 holidays fall on one in 2023 (1 January and Whit Sunday do not)


def test_series_are_numbered_without_gaps_and_no_one_approves_their_own(clean):
    for kind, prefix in make_journal.SERIES.items():
        numbers = np.unique(clean["Bilagsnr"][clean["Bilagsart"] == kind].astype(np.int64))
        assert (numbers == prefix * make_journal.NUMBER_BASE + 1 + np.arange(len(numbers))).all()
    assert not (clean["Bruker"] == clean["Godkjent av"]).any()


def test_the_statements_still_agree_with_imdi(clean_ledger):
    """Every figure IMDi printed is still the rounding of the ledger's own sum: no LG or DQ finding."""
    from fixtures.make_ledger import load_imdi
    from rules.engine import run

    result = run(load_imdi(), ledger=clean_ledger)
    ledger_findings = [f for f in result.findings if f.rule[:2] in ("LG", "DQ") and f.kind is Kind.BREACH]
    assert ledger_findings == []


def test_no_journal_entry_warning_on_the_clean_ledger(clean_ledger):
    from fixtures.make_ledger import load_imdi
    from rules.engine import run

    result = run(load_imdi(), ledger=clean_ledger)
    warnings = [f for f in result.findings if f.rule.startswith("JE") and f.severity >= Severity.WARNING]
    assert warnings == []
    benford = {f.key: f.params["conformity"]("en") for f in result.findings if f.rule == "JE-09"}
    assert benford == {"first_digit": "close conformity", "first_two_digits": "close conformity"}


def test_the_generator_leaves_no_chance_duplicate_or_round_amount():
    """Drawn amounts repeat by chance (a pay day puts thousands of lines on one account); the generator moves
    them apart by øre, so its clean ledger holds no duplicate, no line twice in a voucher and no round amount
    it did not plant, and every voucher still balances (seed 3 at 100 000 lines had all three before)."""
    columns = make_journal.generate(100_000, seed=3)
    p = JournalParameters()
    ore = columns["ore"]
    day = np.array([date(int(t[6:]), int(t[3:5]), int(t[:2])).toordinal() for t in columns["Dato"]])
    posted = (columns["Periode"] != "2023-00") & (np.abs(ore) >= p.duplicate_floor)
    at = np.flatnonzero(posted)
    order = np.lexsort((day[at], np.abs(ore[at]), columns["Konto"][at].astype(str)))
    s = at[order]
    again = ((columns["Konto"][s][1:] == columns["Konto"][s][:-1]) & (np.abs(ore[s][1:]) == np.abs(ore[s][:-1]))
             & (day[s][1:] - day[s][:-1] <= make_journal.DUPLICATE_DAYS))
    assert not again.any()
    assert not ((np.abs(ore) >= p.round_unit) & (ore % p.round_unit == 0) & posted).any()
    rows = list(zip(columns["Bilagsart"], columns["Bilagsnr"], columns["Konto"], columns["Beløp"]))
    assert len(set(rows)) == len(rows)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), lines=st.integers(5_000, 60_000), motkonto=st.booleans())
# a clean ledger whose first two digits 22 had Z 5.1 while every line counted as an amount (its 5 651 amounts
# mostly written twice, a debit and its credit): JE-09 warned of a spike the generator did not plant
@example(seed=12163626, lines=5135, motkonto=False)
def test_any_generated_journal_flags_what_was_planted_and_nothing_else(tmp_path, seed, lines, motkonto):
    """For any seed and size, exported with Motkonto or without (JE-13 then pairs each voucher's accounts): on
    the clean ledger no journal-entry warning, no LG or DQ finding and Benford close on both tests; on the same
    ledger with every anomaly planted, each found at its line and no line flagged that was not planted (the
    infos aside: the last days are busy, some amounts lie just below a limit by chance)."""
    from fixtures.make_ledger import load_imdi
    from rules.engine import run

    without = () if motkonto else ("Motkonto",)
    clean = import_ledger(str(make_journal.write(make_journal.generate(lines, seed=seed), tmp_path / "clean.csv",
                                                 without)), year=2023, journal=_params)
    findings = run(load_imdi(), ledger=clean).findings
    assert [(f.rule, f.key) for f in findings if f.severity >= Severity.WARNING and f.rule[:2] in ("JE", "LG", "DQ")
            or f.rule[:2] in ("LG", "DQ") and f.kind is Kind.BREACH] == []
    assert {f.key: f.params["conformity"]("en") for f in findings if f.rule == "JE-09"} == {
        "first_digit": "close conformity", "first_two_digits": "close conformity"}

    columns = make_journal.generate(lines, seed=seed, plant=True)
    tests = import_ledger(str(make_journal.write(columns, tmp_path / "planted.csv", without)), year=2023,
                          journal=_params).journal.tests
    planted = {line for rows in columns["planted"].values() for line in rows}
    planted |= {r + 1 for r in planted}  # … and the voucher's other line
    # a number used again makes one voucher of both, whose accounts pair by voucher: all its lines are the anomaly
    again = columns["planted"]["repeat"][0] - 2
    planted |= set((np.flatnonzero((columns["Bilagsnr"] == columns["Bilagsnr"][again])
                                   & (columns["Bilagsart"] == columns["Bilagsart"][again])) + 2).tolist())
    for kind, test in PLANTED_TESTS:
        assert set(columns["planted"][kind]) <= set(tests[test].rows), kind
    for test, result in tests.items():
        if test not in ("period_end", "below_limit", "limit_clusters"):
            assert set(result.rows) <= planted, test
    assert {s.split("|")[0] for s in tests["limit_clusters"].samples} == {"50000000"}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), lines=st.integers(5_000, 30_000))
def test_without_motkonto_the_vouchers_pairs_are_counted_alike_by_bits_and_by_hashes(tmp_path, seed, lines):
    """For any generated ledger without its Motkonto column: JE-13 pairs the accounts of each voucher, and the
    accounts marked as bits in the vouchers' aggregate (the path of a ledger of few accounts) flag exactly what
    the hashed (voucher, account) groups flag (the path of many); the planted combination adds a pair and its
    two lines; every other test reads as it does with Motkonto."""
    from unittest import mock

    from ledger.general_ledger import journal

    def tests(columns, name, motkonto=False):
        return import_ledger(str(make_journal.write(columns, tmp_path / name, () if motkonto else ("Motkonto",))),
                             year=2023, journal=_params).journal.tests

    planted = make_journal.generate(lines, seed=seed, plant=True)
    by_bits = tests(planted, "planted.csv")
    with mock.patch.object(journal, "BIT_WORDS", 0):
        by_hashes = tests(planted, "planted.csv")
    assert by_bits["unusual_combinations"] == by_hashes["unusual_combinations"]
    assert {t: r for t, r in by_bits.items() if t != "unusual_combinations"} == {
        t: r for t, r in tests(planted, "with.csv", motkonto=True).items() if t != "unusual_combinations"}
    one = tests(make_journal.generate(lines, seed=seed, plant=["unusual_combination"]), "one.csv")
    before = tests(make_journal.generate(lines, seed=seed), "clean.csv")["unusual_combinations"]
    after = one["unusual_combinations"]
    assert after.count >= before.count + 1 and after.lines >= before.lines + 2


PLANTED_TESTS = [
    ("unbalanced", "unbalanced"), ("exact_duplicate", "exact_duplicates"), ("near_duplicate", "near_duplicates"),
    ("gap", "gaps"), ("repeat", "repeats"), ("weekend", "non_working_days"), ("holiday", "non_working_days"),
    ("post_closing", "post_closing"), ("backdated", "backdated"), ("round", "round_amounts"),
    ("self_approval", "self_approval"), ("rare_account", "rare_accounts"), ("seldom_user", "seldom_users"),
    ("unusual_combination", "unusual_combinations"),
]


@pytest.mark.parametrize("kind, test", PLANTED_TESTS)
def test_each_planted_anomaly_is_found_at_its_line(planted, kind, test):
    columns, ledger = planted
    result = ledger.journal.tests[test]
    assert set(columns["planted"][kind]) <= set(result.rows)


def test_the_planted_anomalies_are_all_that_is_flagged(planted):
    columns, ledger = planted
    lines = {line for rows in columns["planted"].values() for line in rows}
    for test, result in ledger.journal.tests.items():
        if test == "limit_clusters":  # the lines in the band are the planted ones and those around them
            assert {s.split("|")[0] for s in result.samples} == {"50000000"}, test  # the planted limit, no other
        elif test not in ("period_end", "below_limit"):  # infos: the last days are busy, and some amounts just
            assert set(result.rows) <= lines | {r + 1 for r in lines}, test  # below a limit by chance


def test_a_spike_is_nonconformity_with_its_digits():
    """2 000 vouchers of 49 000–49 999 kr (4 000 lines, 16 % of the amounts start 49): nonconformity and a spike.
    (1 500 such vouchers read «marginal»: MAD spreads one bin's excess over 90, and the chance MAD of 23 714 lines
    that carry half as many amounts is 0.00073.)"""
    columns = make_journal.generate(LINES, spike=2000)
    ore = np.abs(columns["ore"][columns["Periode"] != "2023-00"])
    ore = ore[ore >= 1000]
    two = np.bincount(np.array([int(str(v)[:2]) for v in ore.tolist()]), minlength=100)[10:]
    result = benford_test("first_two_digits", 10, tuple(int(c) for c in two), JournalParameters().mad_first_two,
                          JournalParameters())
    assert result.conformity == "nonconformity" and 49 in result.spikes


def test_mad_alone_misses_a_single_spike_that_z_finds():
    """Nigrini: MAD averages a one-bin spike away; the Z-statistic of that bin does not."""
    p = JournalParameters()
    expected = [(Decimal(d + 1) / d).log10() for d in range(10, 100)]
    counts = [int(e * 200_000) for e in expected]
    counts[49 - 10] += 1_500  # 0.7 % more amounts starting 49
    result = benford_test("first_two_digits", 10, tuple(counts), p.mad_first_two, p)
    assert result.conformity == "close" and result.spikes == (49,)


def test_a_small_clean_ledger_conforms_once_chance_is_allowed_for():
    """1 500 amounts drawn from Benford's law: their MAD on the first two digits (about 0.0021, what chance gives
    that many) lies in Nigrini's marginal band, so without the chance allowed for a clean small agency would read
    «nonconformity» or «marginal»; beyond chance it conforms."""
    p = JournalParameters()
    rng = np.random.default_rng(7)
    amounts = np.floor(10 ** (3 + 4 * rng.uniform(0, 1, 1500))).astype(np.int64)
    two = np.bincount(np.array([int(str(v)[:2]) for v in amounts.tolist()]), minlength=100)[10:]
    result = benford_test("first_two_digits", 10, tuple(int(c) for c in two), p.mad_first_two, p)
    assert result.mad > p.mad_first_two[1]  # above acceptable as Nigrini reads it
    assert result.conformity in ("close", "acceptable") and result.spikes == ()


def test_a_significant_but_immaterial_deviation_is_no_spike():
    """In a million amounts, 0.2 % more starting with 1 has Z above 4 (the sums of counter lines bend a real
    ledger's digits that much) but is no spike: a spike must also exceed the MAD of close conformity."""
    p = JournalParameters(lines_per_amount=1)  # a million amounts, each on one line
    expected = [(Decimal(d + 1) / d).log10() for d in range(1, 10)]
    counts = [int(e * 1_000_000) for e in expected]
    counts[0] += 2_300
    counts[8] -= 2_300
    result = benford_test("first_digit", 1, tuple(counts), p.mad_first, p)
    assert result.z[0] > p.z_limit and result.spikes == () and result.conformity == "close"
    counts[0] += 6_000  # 0.8 % more: material, and a spike
    counts[8] -= 6_000
    assert benford_test("first_digit", 1, tuple(counts), p.mad_first, p).spikes == (1,)


def test_benford_math_is_nigrinis():
    """Expected proportions log10(1 + 1/d); Z with continuity correction, worked by hand for digit 1."""
    p = JournalParameters(lines_per_amount=1)  # 1 000 amounts on as many lines
    counts = (400, 150, 120, 90, 70, 60, 45, 35, 30)  # N = 1000
    result = benford_test("first_digit", 1, counts, p.mad_first, p)
    assert str(result.expected[0])[:8] == "0.301029"
    # digit 1: |0.4 − 0.30103| = 0.09897; − 1/2000 = 0.09847; σ = √(0.30103·0.69897/1000) = 0.014506
    assert str(result.z[0])[:5] == "6.788"
    assert result.spikes == (1,)
    # MAD 0.021993; 1 000 amounts that follow the law deviate by (1/9) Σ √(2p(1 − p)/(1000π)) = 0.007427 by
    # chance; 0.014567 beyond it lies between acceptable (0.012) and marginal (0.015)
    assert str(result.mad)[:8] == "0.021993" and str(result.chance)[:8] == "0.007426"
    assert result.conformity == "marginal"
    assert benford_test("first_digit", 1, (1,) * 9, p.mad_first, p).conformity == "too_few"


def test_benford_counts_the_lines_of_one_amount_once():
    """Double entry writes an amount on two lines (a debit and the credit that balances it): 1 000 lines are 500
    amounts, whose shares vary √2 times as much. Worked by hand for digit 1 of the counts above."""
    p = JournalParameters()
    assert p.lines_per_amount == journal_parameters(default_parameters(), 2023).lines_per_amount == 2
    result = benford_test("first_digit", 1, (400, 150, 120, 90, 70, 60, 45, 35, 30), p.mad_first, p)
    # (0.09897 − 1/1000) / √(0.30103·0.69897/500) = 0.09797 / 0.020515
    assert str(result.z[0])[:5] == "4.775" and result.spikes == ()  # below the limit of 5: no spike
    # the chance MAD of 500 amounts, √2 × 0.007426: 0.011491 beyond it is acceptable (≤ 0.012)
    assert str(result.chance)[:8] == "0.010502" and result.conformity == "acceptable"


def test_the_thresholds_come_from_the_dated_parameters():
    p = journal_parameters(default_parameters(), 2023)
    assert (p.duplicate_days, p.duplicate_floor, p.round_unit, p.backdated_days) == (7, 100_000, 1_000_000, 30)
    assert p.mad_first_two == (Decimal("0.0012"), Decimal("0.0018"), Decimal("0.0022"))


def test_without_the_optional_columns_only_what_they_allow_runs(tmp_path):
    columns = make_journal.generate(2000)
    headers = [h for h in make_journal.HEADERS if h not in ("Bruker", "Godkjent av", "Registrert", "Bilagsart")]
    from fixtures.make_ledger import write_csv

    path = write_csv(columns, tmp_path / "plain.csv", headers=headers)
    ledger = import_ledger(str(path), year=2023, journal=_params)
    assert {"self_approval", "post_closing", "backdated"}.isdisjoint(ledger.journal.tests)
    assert {"unbalanced", "gaps", "non_working_days", "round_amounts"} <= set(ledger.journal.tests)
    # without Bilagsart every series is one: the jumps between them start new ranges, no gap
    assert ledger.journal.tests["gaps"].count == 0 and ledger.journal.tests["unbalanced"].count == 0



def _in_band(columns, limit_ore: int) -> np.ndarray:
    ore = np.abs(columns["ore"])
    return (ore >= limit_ore * 98 // 100) & (ore < limit_ore) & (columns["Periode"] != "2023-00")


def test_the_amounts_just_below_a_limit_cluster_where_planted(planted, clean_ledger, clean):
    """JE-12: the planted vouchers just below 500 000 kr cluster (a warning naming every line in the band, the
    planted ones among them); the clean ledger's lines in the bands are an info, no cluster."""
    columns, ledger = planted
    result = ledger.journal.tests["limit_clusters"]
    band = _in_band(columns, 50_000_000)
    assert result.count == 1 and result.lines == int(band.sum())
    planted_rows = np.array(columns["planted"]["approval_limit"]) - 2
    assert band[planted_rows].all() and band[planted_rows + 1].all()  # both lines of each planted voucher
    assert len(columns["planted"]["approval_limit"]) >= make_journal.BELOW_LIMIT
    assert set(result.rows) <= {int(i) + 2 for i in np.flatnonzero(band)}
    limit, n, expected, z = result.samples[0].split("|")
    assert limit == "50000000" and Decimal(z) > 4 and int(n) > Decimal(expected)
    clean_result = clean_ledger.journal.tests
    assert clean_result["limit_clusters"].count == 0
    both = _in_band(clean, 10_000_000) | _in_band(clean, 50_000_000)
    assert clean_result["below_limit"].lines == int(both.sum()) > 0


def test_je12_says_the_cluster_and_its_lines(planted, clean_ledger):
    from fixtures.make_ledger import load_imdi
    from rules.engine import run

    columns, ledger = planted
    found = [f for f in run(load_imdi(), ledger=ledger).findings if f.rule == "JE-12"]
    assert [(f.key, f.severity) for f in found] == [("limit_clusters", Severity.WARNING)]
    from reports.i18n import render_message

    text = render_message(found[0], "en")
    assert text.startswith("The amounts cluster just below 1 approval limit (within 2 %")
    assert "; 500,000 kr: 37 entries" in text and "in the band where its neighbours give 14.1 (Z 6.3)" in text
    nb = render_message(found[0], "nb")
    assert "Beløpene samler seg like under 1 godkjenningsgrense" in nb and "linjene " in nb
    clean = [f for f in run(load_imdi(), ledger=clean_ledger).findings if f.rule == "JE-12"]
    assert [(f.key, f.severity) for f in clean] == [("below_limit", Severity.INFO)]
    assert "no more than the amounts around the limits give" in render_message(clean[0], "en")


def test_je13_names_the_unusual_combination(planted):
    from fixtures.make_ledger import load_imdi
    from reports.i18n import render_message
    from rules.engine import run

    columns, ledger = planted
    line = columns["planted"]["unusual_combination"][0]
    result = ledger.journal.tests["unusual_combinations"]
    assert {line, line + 1} <= set(result.rows)
    assert result.samples[result.rows.index(line)] == "1920|2400"
    found = [f for f in run(load_imdi(), ledger=ledger).findings if f.rule == "JE-13"]
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    text = render_message(found[0], "en")
    assert "debit 1920 against credit 2400" in text and "in 2 vouchers or fewer" in text


@pytest.mark.parametrize("path", ["bits", "bits in many words", "hashed", "hashed, colliding"])
def test_je13_pairs_the_accounts_of_a_voucher_without_motkonto(tmp_path, monkeypatch, path):
    """Without Motkonto the pairs are the accounts each voucher debits and credits: 300 supplier invoices (6300
    against 2400) and 300 payments (1920 against 1500), then one voucher debiting 1920 against 2400 — both
    common on their sides, never together — and one debiting 1920 and 6300 against 1500, of which only 6300
    against 1500 is new. A voucher of more pairs than the limit is not paired.

    The same, whichever way the vouchers' accounts are marked: as bits of one word, of many (three bits a word),
    or, as for a ledger of more accounts than the words hold, by hashed groups; with a hash under which every
    voucher and every account collides at the first seed, the next seed is taken."""
    from ledger.general_ledger import journal

    if path == "bits in many words":
        monkeypatch.setattr(journal, "BITS", 3)
    if path.startswith("hashed"):
        monkeypatch.setattr(journal, "BIT_WORDS", 0)
    if path == "hashed, colliding":
        from ledger.general_ledger.sql import Dialect

        real = Dialect.hash
        monkeypatch.setattr(Dialect, "hash", lambda self, columns: "0" if columns[-1] == "1" else real(self, columns))
    rows = ["Bilagsnr;Dato;Konto;Kapittel;Post;Beløp"]
    for i in range(300):
        rows += [f"{1000 + i};02.03.2023;6300;0671;01;{1000 + i},50", f"{1000 + i};02.03.2023;2400;;;-{1000 + i},50",
                 f"{2000 + i};03.03.2023;1920;;;{500 + i},25", f"{2000 + i};03.03.2023;1500;;;-{500 + i},25"]
    rows += ["3000;06.03.2023;1920;;;777,00", "3000;06.03.2023;2400;;;-777,00"]
    # an allocation over 11 × 11 accounts: 121 pairs, more than je.combinations.max_pairs, not paired
    rows += [f"3001;07.03.2023;{6300 + k};0671;01;10,00" for k in range(11)]
    rows += [f"3001;07.03.2023;{1500 + k};;;-10,00" for k in range(11)]
    # two accounts debited against one: 1920 against 1500 is a payment, 6300 against 1500 is not
    rows += ["3002;08.03.2023;1920;;;100,00", "3002;08.03.2023;6300;0671;01;50,00", "3002;08.03.2023;1500;;;-150,00"]
    path = tmp_path / "pairs.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ledger = import_ledger(str(path), year=2023, journal=_params)
    result = ledger.journal.tests["unusual_combinations"]
    assert (result.count, result.lines, result.rows, result.samples) == (
        2, 4, (1202, 1203, 1227, 1228), ("1920|2400", "1920|2400", "6300|1500", "6300|1500"))


def test_plurals_in_the_findings(planted):
    """One of a thing is singular: «1 voucher», «1 line», never «1 vouchers»."""
    from fixtures.make_ledger import load_imdi
    from reports.i18n import render_message
    from rules.engine import run

    columns, ledger = planted
    texts = {f.key: render_message(f, "en") for f in run(load_imdi(), ledger=ledger).findings
             if f.rule.startswith("JE")}
    assert texts["unbalanced"].startswith("1 voucher does not balance (debit ≠ credit), 1 line: line ")
    assert texts["rare_accounts"].startswith("1 account has 2 lines or fewer in the year, 1 line: line ")
    assert texts["gaps"].startswith("1 gap in the voucher number series, 2 numbers missing: ")
    assert texts["self_approval"].startswith("2 lines were approved by the person who entered them: lines ")
    for text in texts.values():
        assert " 1 lines" not in text and " 1 vouchers" not in text and "1 accounts" not in text


def test_the_approval_limits_are_set_per_agency(tmp_path):
    """avstem.toml may set the settable JE parameters (the agency's own limits); a value not of the unit is an
    input error."""
    from avstem.config import load_config
    from ledger.core.errors import InputError
    from rules.parameters import Parameters, load_table

    config = tmp_path / "avstem.toml"
    config.write_text('[parameters]\n"je.approval.limits" = [50000, "250000"]\n"je.approval.band" = 0.05\n'
                      '"je.combinations.vouchers" = 3\n', encoding="utf-8")
    loaded = load_config(str(config))
    p = journal_parameters(Parameters(load_table(), loaded.parameters), 2023)
    assert p.approval_limits == (5_000_000, 25_000_000) and p.approval_band == Decimal("0.05")
    assert p.combination_vouchers == 3
    for wrong in ('"je.approval.band" = 1.5', '"je.approval.limits" = "100000"', '"je.combinations.vouchers" = 2.5',
                  '"je.approval.limits" = ["100000,5"]', '"je.round.unit" = "5000"'):
        config.write_text(f"[parameters]\n{wrong}\n", encoding="utf-8")
        with pytest.raises(InputError):
            load_config(str(config))


def test_an_exact_duplicate_has_the_same_day_and_text_and_a_near_one_not(tmp_path):
    """JE-02 tells them apart by the text, read only for the pairs of one day: the same invoice on the same day
    with the same text is exact; with another text, or two days later, it is near."""
    rows = ["Bilagsnr;Dato;Konto;Tekst;Beløp"]
    rows += [f"{100 + i};{1 + i % 28:02d}.0{1 + i % 9}.2023;6300;Faktura {i};{1000 + i},50" for i in range(1200)]
    rows += ["2001;02.10.2023;2400;Faktura Acme;-5000,00", "2002;02.10.2023;2400;Faktura Acme;-5000,00",
             "2003;03.10.2023;2400;Faktura Bcme;-6000,00", "2004;03.10.2023;2400;Purring Bcme;-6000,00",
             "2005;04.10.2023;2400;Faktura Ccme;-7000,00", "2006;06.10.2023;2400;Faktura Ccme;-7000,00"]
    path = tmp_path / "duplicates.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    tests = import_ledger(str(path), year=2023, journal=_params).journal.tests
    assert tests["exact_duplicates"].rows == (1203,)
    assert tests["near_duplicates"].rows == (1205, 1207)


def test_a_voucher_written_two_ways_is_one_voucher_named_as_written_at_its_line(tmp_path):
    """JE-01 and JE-04 key a numbered voucher by its number: "7" and "007" are one voucher, that balances with
    its lines together; a voucher that does not is named as written at its first line."""
    rows = ["Bilag;Dato;Konto;Beløp",
            "007;02.10.2023;6300;100,00", "7;02.10.2023;2400;-100,00",  # one voucher, balanced
            "0042;03.10.2023;6300;250,00", "42;05.10.2023;2400;-200,00",  # one voucher, off by 50 kr, two days
            "A12;04.10.2023;6300;10,00", "A12;04.10.2023;2400;-10,00"]  # a voucher that is no number
    path = tmp_path / "written.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    tests = import_ledger(str(path), year=2023, journal=_params).journal.tests
    assert (tests["unbalanced"].count, tests["unbalanced"].rows, tests["unbalanced"].samples) == (1, (4,), ("0042|5000",))
    assert (tests["repeats"].rows, tests["repeats"].samples) == ((5,), ("42",))


def test_je13_by_motkonto_keys_vouchers_that_are_no_numbers(tmp_path):
    """With Motkonto, a voucher is keyed by its number, by a hash where it is none: vouchers written "F12" pair
    as numbered ones do (300 invoices 6300 against 2400, 300 payments 1920 against 1500, then one voucher of
    1920 against 2400), and a pair in two series of the same number is still counted by its vouchers."""
    rows = ["Bilagsnr;Bilagsart;Dato;Konto;Motkonto;Beløp"]
    for i in range(300):
        rows += [f"F{i};LF;02.03.2023;6300;2400;{1000 + i},50", f"F{i};LF;02.03.2023;2400;6300;-{1000 + i},50",
                 f"{i};BA;03.03.2023;1920;1500;{500 + i},25", f"{i};BA;03.03.2023;1500;1920;-{500 + i},25"]
    rows += ["X1;MB;06.03.2023;1920;2400;777,00", "X1;MB;06.03.2023;2400;1920;-777,00"]
    rows += ["7;MB;07.03.2023;6300;1500;10,00", "7;MB;07.03.2023;1500;6300;-10,00",  # 6300 against 1500 in
             "7;LF;08.03.2023;6300;1500;20,00", "7;LF;08.03.2023;1500;6300;-20,00",  # three vouchers of
             "8;LF;09.03.2023;6300;1500;30,00", "8;LF;09.03.2023;1500;6300;-30,00"]  # two numbers: not rare
    path = tmp_path / "texts.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_ledger(str(path), year=2023, journal=_params).journal.tests["unusual_combinations"]
    assert (result.count, result.rows, result.samples) == (1, (1202, 1203), ("1920|2400", "1920|2400"))


def test_the_generated_journal_reads_alike_as_csv_and_as_xlsx(tmp_path):
    """The generator's xlsx puts each amount under Beløp (users and approvers come after it), as numbers: the
    same lines are flagged as in its CSV, whose line numbers the sheet's rows repeat."""
    columns = make_journal.generate(5000, plant=True)
    read = {suffix: import_ledger(str(make_journal.write(columns, tmp_path / f"journal.{suffix}", ("Motkonto",))),
                                  year=2023, journal=_params).journal.tests for suffix in ("csv", "xlsx")}
    assert read["xlsx"] == read["csv"] and read["csv"]["unusual_combinations"].count == 2
