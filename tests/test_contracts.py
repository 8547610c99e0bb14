"""The model's contracts for any agency: underposts, stikkord as budgets print them, facts with their origin."""

from __future__ import annotations

import pytest

from ledger.core.accounts import PostKey
from ledger.core.facts import DETAILS, INFERRED, MISSING, Fact
from ledger.core.source import Source
from ledger.vocabulary.stikkord import (
    KAN_NYTTES_UNDER,
    KAN_OVERFORES,
    OVERSLAGSBEVILGNING,
    parse_stikkord,
    split_post_text,
)


@pytest.mark.parametrize("chapter, post, text", [
    ("670", "1", "0670.01"), ("2445", "24.01", "2445.24.01"), ("5440", "24.5", "5440.24.05"),
])
def test_post_keys_with_and_without_underposts(chapter, post, text):
    key = PostKey.parse(chapter, post)
    assert str(key) == text and PostKey.from_text(text) == key
    assert key.post_code == text.split(".", 1)[1]
    assert key.is_underpost == (text.count(".") == 2)
    assert key.net == PostKey(key.chapter, key.post)


def test_an_underpost_sorts_after_its_post_and_is_not_the_post():
    post, under = PostKey.parse("2445", "24"), PostKey.parse("2445", "24.01")
    assert post < under < PostKey.parse("2445", "30") and post != under and under.net == post


@pytest.mark.parametrize("bad", ["0670.1.2.3", "67.01", "0670.123", "0670.24.123", "kap 670 post 1"])
def test_a_malformed_key_is_refused(bad):
    with pytest.raises(ValueError):
        PostKey.from_text(bad)


@pytest.mark.parametrize("text, expected", [
    ("«kan overførast»", [(KAN_OVERFORES, ())]),
    ("kan overføres, kan nyttes under post 21", [(KAN_OVERFORES, ()), (KAN_NYTTES_UNDER, ((None, "21"),))]),
    ("kan nyttes under post 60 og 70", [(KAN_NYTTES_UNDER, ((None, "60"), (None, "70")))]),
    ("kan nyttes under postene 60, 70 og 71", [(KAN_NYTTES_UNDER, ((None, "60"), (None, "70"), (None, "71")))]),
    ("kan nyttes under kap. 502, post 70", [(KAN_NYTTES_UNDER, (("0502", "70"),))]),
    ("kan nyttes under kap. 502 post 70 og kap. 503 post 21", [(KAN_NYTTES_UNDER, (("0502", "70"), ("0503", "21")))]),
    ("Overslagsløyving", [(OVERSLAGSBEVILGNING, ())]),
    ("kan nyttast under post 70, kan overførast", [(KAN_NYTTES_UNDER, ((None, "70"),)), (KAN_OVERFORES, ())]),
])
def test_stikkord_as_budgets_print_them(text, expected):
    got = [(s.kind, tuple((t.chapter, t.post) for t in s.targets)) for s in parse_stikkord(text)]
    assert got == expected


@pytest.mark.parametrize("bad", ["kan flyttes", "kan nyttes under", "kan overføres inntil 5 prosent"])
def test_what_is_not_stikkord_is_refused(bad):
    with pytest.raises(ValueError):
        parse_stikkord(bad)


def test_kan_nyttes_under_reads_its_own_chapter_where_none_is_printed():
    (stikkord,) = parse_stikkord("kan nyttes under post 60 og kap. 502 post 70")
    assert stikkord.targets_of("0671") == (("0671", "60"), ("0502", "70"))
    assert stikkord.label("nb") == "kan nyttes under post 60 og kap. 0502 post 70"


def test_a_post_text_splits_from_its_stikkord():
    text, stikkord = split_post_text("Spesielle driftsutgifter, kan overføres, kan nyttes under post 70")
    assert text == "Spesielle driftsutgifter" and [s.kind for s in stikkord] == [KAN_OVERFORES, KAN_NYTTES_UNDER]
    assert split_post_text("Tilskot til kommunar, fylkeskommunar") == ("Tilskot til kommunar, fylkeskommunar", ())


def test_a_fact_knows_its_origin():
    fact = Fact("agency.year", "2023", INFERRED, Source("a.xlsx", sheet="Løyving", cell="A1"), "the title")
    assert fact.inferred and not fact.missing
    assert Fact("agency.name", None, MISSING).missing and not Fact("agency.year", "2023", DETAILS).inferred
    with pytest.raises(ValueError):
        Fact("agency.year", "2023", "guessed")


def test_a_subtotal_left_out_is_summed_from_its_own_terms():
    """Note 1's total sums its subtotals; an agency that prints the detail lines and leaves a subtotal out
    is still checked: the missing subtotal's own terms stand in for it (and nothing when neither prints)."""
    from types import SimpleNamespace

    from ledger.vocabulary.layout import NOTES

    note1 = next(n for n in NOTES if n.id == "note1")
    total = note1.sum_for("total")

    def line(line_id):
        definition = note1.line(line_id)
        return SimpleNamespace(id=line_id, block=definition.block, role=definition.role, sign=definition.sign)

    printed = [line("fees_total"), line("grants_state"), line("grants_eu"), line("total")]
    terms = [x.id for _, x in total.terms(printed, note1.sums)]
    assert terms == ["fees_total", "grants_state", "grants_eu"]
    assert [x.id for _, x in total.terms(printed)] == ["fees_total"]  # without the sums: the subtotals printed
