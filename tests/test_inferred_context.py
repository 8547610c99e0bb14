"""The context of the appropriations read off what the accounts print, and stated facts winning.

IMDi 2023 prints its whole context: the stikkord of 0671.21/45/60 in Note B's
text part (45 and 60 also in the stikkord column), the received
belastningsfullmakt on 0400.23 and the merinntektsfullmakt 0670.01 ↔ 3670.01
in the text part. Each must be read with its place; other agencies word the
same things in their own way, in Bokmål or Nynorsk, or print them only in
Note B's columns or the post texts.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.core.accounts import PostKey
from ledger.core.facts import CONTEXT, INFERRED, MISSING
from ledger.forms.inferred_context import infer_context
from ledger.forms.inputs import read_accounts
from ledger.forms.merged_context import with_context
from ledger.forms.yaml_form.read import read_yaml
from ledger.vocabulary.stikkord import KAN_NYTTES_UNDER, KAN_OVERFORES, OVERSLAGSBEVILGNING
from rules.engine import run
from tests.helpers import IMDI, edited, write_doc

K = PostKey.from_text
TEXTS = "note_b.texts"


@pytest.fixture
def bare(imdi_doc, tmp_path):
    """``bare(set=…, delete=…)``: IMDi 2023 without its context section, edited, as read (nothing merged)."""
    count = iter(range(1000))

    def read(set=None, delete=()):
        doc = edited(imdi_doc, set=set or {}, delete=["context", *delete])
        return read_yaml(str(write_doc(doc, tmp_path / f"a{next(count)}.yaml")))

    return read


def _facts(inferred):
    return {f.subject: f for f in inferred.facts}


def _texts(*paragraphs):
    """Note B's text part replaced by ``(heading, text)`` paragraphs."""
    return {TEXTS: [{"heading": h, "text": t} for h, t in paragraphs]}


# --- IMDi: every item of its stated context is read off the accounts, each at its place -----------


def test_imdi_context_is_read_off_the_accounts(bare, imdi):
    stated, found = imdi.context, infer_context(bare()).context
    assert {p.key: p.stikkord for p in found.posts} == {p.key: p.stikkord for p in stated.posts}
    assert [(a.key, a.amount.value, a.counterpart) for a in found.received_authorities] == \
           [(a.key, a.amount.value, a.counterpart) for a in stated.received_authorities] == \
           [(K("0400.23"), Decimal(300000), "Justis- og beredskapsdepartementet")]
    assert [(a.expense, a.revenue) for a in found.revenue_authorities] == \
           [(a.expense, a.revenue) for a in stated.revenue_authorities] == [(K("0670.01"), K("3670.01"))]
    assert found.given_authorities == found.reallocations == found.savings == found.approved_overspends == ()
    items = (*found.posts, *found.received_authorities, *found.revenue_authorities)
    assert {item.origin for item in items} == {INFERRED}


def test_imdi_facts_name_their_places(bare):
    facts = _facts(infer_context(bare()))
    text = {f"note_b.texts[{i}]" for i in range(4)}
    for subject, path in [("context.stikkord[0671.21]", "note_b.texts[1]"),
                          ("context.stikkord[0671.45]", "note_b.texts[1]"),
                          ("context.received_authority[0400.23]", "note_b.texts[0]"),
                          ("context.given_authorities", "note_b.texts[2]"),
                          ("context.revenue_authority[0670.01/3670.01]", "note_b.texts[3]")]:
        fact = facts[subject]
        assert fact.origin == INFERRED and fact.source.path == path and fact.source.line, subject
    assert [s.path for s in facts["context.stikkord[0671.45]"].also] == ["note_b.rows[1]"]  # and the column
    assert facts["context.stikkord[0671.21]"].also == ()  # the text only: 0671.21 has no Note B row
    assert "3000" in facts["context.revenue_authority[0670.01/3670.01]"].shown("basis", "en")  # the convention
    assert facts["context.given_authorities"].shown("value", "nn") == "ingen"
    assert text >= {f.source.path for f in facts.values()} - {"note_b.rows[1]", "note_b.rows[2]"}


def test_imdi_without_its_context_section_gives_the_same_findings(imdi_doc, tmp_path):
    bare = write_doc(edited(imdi_doc, delete=["context"]), tmp_path / "bare.yaml")
    with_section, without = run(read_accounts(IMDI)), run(read_accounts(bare))
    rules = {"OS-01", "OS-02", *(f"T-0{n}" for n in range(1, 8))}
    assert rules <= set(without.rules_run)

    def said(result):
        return [(f.rule, f.key, f.severity, f.expected, f.actual, f.params.get("explanations"))
                for f in result.findings if f.rule in rules]

    assert said(without) == said(with_section)
    assert sorted((f.rule, f.key, f.severity.label) for f in without.findings if f.severity.label != "info"
                  ) == [("OS-01", "0671.21", "warning"), ("OS-01", "0671.62", "warning"),
                        ("OS-01", "0671.72", "warning"), ("T-02", "note_b.0670.01.maximum", "warning"),
                        ("T-03", "note_b.0671.45.maximum", "warning"), ("T-03", "note_b.0671.60.maximum", "warning")]


def test_the_engine_completes_the_context_of_accounts_read_any_way(bare):
    accounts = bare()
    assert accounts.context is None
    result = run(accounts, only=["OS-01"])
    assert result.rules_run == ("OS-01",)
    explained = {f.key: f for f in result.findings if f.kind.value == "explained"}
    assert set(explained) == {"0400.23", "1633.01"}  # the received belastningsfullmakt, read off the text


def test_imdi_workbooks_without_their_context_sheet_give_the_same_findings():
    """The agency-style workbook (Nynorsk, a sheet per statement) and the Bokmål one-sheet workbook, with the
    «Kontekst» section cut off: the same findings as the YAML form, the context read off Note B."""
    from ledger.forms.workbook import read_grids
    from ledger.forms.workbook.open import open_workbook
    from ledger.vocabulary.labels import TITLES, loose
    from tests.helpers import BOKMAL, IMDI_XLSX

    titles = {loose(t) for t in TITLES["context"].forms()}
    expected = [(f.rule, f.key, f.expected, f.actual) for f in run(read_accounts(IMDI)).findings]
    for workbook in (IMDI_XLSX, BOKMAL):
        grids = []
        for grid in open_workbook(str(workbook)):
            starts = [r for r in grid.rows() for c in grid.cells(r) if isinstance(c.value, str)
                      and loose(c.value) in titles]
            for r in list(grid.rows(starts[0])) if starts else ():
                del grid._rows[r]  # the section and everything below it
            if list(grid.rows()):
                grids.append(grid)
        accounts = with_context(read_grids(grids, str(workbook)))
        assert {p.origin for p in accounts.context.posts} == {INFERRED}
        assert [(f.rule, f.key, f.expected, f.actual) for f in run(accounts).findings] == expected
        fact = accounts.fact("context.received_authority[0400.23]")
        assert fact.source.sheet and fact.source.cell and fact.source.path.startswith("note_b.texts[")


# --- the text part, as agencies word it ------------------------------------------------------------


@pytest.mark.parametrize("heading, text, posts", [
    ("Stikkordet «kan overføres»", "Virksomhetens bevilgninger på kap. 671, post 21 og kap. 671, post 45 har "
                                   "stikkordet «kan overføres».", ["0671.21", "0671.45"]),
    ("", "Bevilgningene på kapittel 671 postene 21, 45 og 60 har stikkordet kan overføres.",
     ["0671.21", "0671.45", "0671.60"]),
    ("Stikkordet «kan overførast»", "Gjeld post 45 og 60 under kap. 671.", ["0671.45", "0671.60"]),
    ("Stikkord", "Løyvingane på 0671.45 og 0671.60 kan overførast.", ["0671.45", "0671.60"]),
])
def test_kan_overfores_in_the_text_part(bare, heading, text, posts):
    found = infer_context(bare(set=_texts((heading, text)))).context
    assert {str(p.key) for p in found.posts} == set(posts)
    assert all(s.kind == KAN_OVERFORES for p in found.posts for s in p.stikkord)


def test_a_stikkord_heading_on_a_line_of_its_own(bare):
    """A workbook's text rows without «Heading:»: the heading line names the stikkord, the next the posts."""
    found = infer_context(bare(set=_texts(("", "Stikkordet «kan overføres»"),
                                          ("", "Gjelder kap. 671 post 21, 45 og 60.")))).context
    assert {str(p.key) for p in found.posts} == {"0671.21", "0671.45", "0671.60"}


def test_other_stikkord_in_the_text_part(bare):
    found = infer_context(bare(set=_texts(
        ("Stikkord", "Bevilgningen på kap. 671 post 71 kan nyttes under post 72. Kap. 1633 post 01 er en "
                     "overslagsbevilgning.")))).context
    by_key = {str(p.key): p.stikkord for p in found.posts}
    assert [s.kind for s in by_key["0671.71"]] == [KAN_NYTTES_UNDER]
    assert by_key["0671.71"][0].targets_of("0671") == (("0671", "72"),)
    assert [s.kind for s in by_key["1633.01"]] == [OVERSLAGSBEVILGNING]


@pytest.mark.parametrize("text, amount, counterpart", [
    ("IMDi har i 2023 fått ei belastningsfullmakt frå Justis- og beredskapsdepartementet på 300 000 kroner på "
     "kap. 0400, post 23.", 300000, "Justis- og beredskapsdepartementet"),
    ("Virksomheten har mottatt belastningsfullmakt fra Arbeids- og velferdsdirektoratet (NAV) på kr 300 000 "
     "for kap. 400 post 23.", 300000, "Arbeids- og velferdsdirektoratet (NAV)"),
    ("Vi fikk en belastningsfullmakt på 0,3 mill. kroner fra Justisdepartementet, kap. 400 post 23.", 300000,
     "Justisdepartementet"),
    ("Belastningsfullmakt mottatt for kap. 400 post 23.", 300000, "Justis- og beredskapsdepartementet"),
])
def test_received_belastningsfullmakt_in_nb_and_nn(bare, text, amount, counterpart):
    inferred = infer_context(bare(set=_texts(("Mottatte belastningsfullmakter", text))))
    (authority,) = inferred.context.received_authorities
    assert (authority.key, authority.amount.value, authority.counterpart) == (K("0400.23"), amount, counterpart)
    if "300" not in text and "0,3" not in text:  # no amount printed: what the statement charged to the row
        assert authority.amount.source.path == "appropriation.expenses[12].accounts"
        assert "no amount" in _facts(inferred)["context.received_authority[0400.23]"].shown("basis", "en")


def test_a_received_authority_is_on_another_agencys_post(bare):
    """The agency's own post named in the same sentence (it has an allocation) is not the authority's post."""
    found = infer_context(bare(set=_texts(("Mottatte belastningsfullmakter", (
        "IMDi har fått belastningsfullmakt frå Justis- og beredskapsdepartementet på 300 000 kroner på kap. 0400, "
        "post 23, til utgifter som elles ville blitt førte på kap. 670, post 01."))))).context
    assert [str(a.key) for a in found.received_authorities] == ["0400.23"]


@pytest.mark.parametrize("text, amount", [
    ("Virksomheten har gitt belastningsfullmakt til Bufdir på kap. 670 post 01 på 1 000 000 kroner, hvorav "
     "250 000 kroner er utgiftsført.", 250000),  # what was charged, as the column shows it
    ("IMDi har gjeve ei belastningsfullmakt til Bufdir på kap. 670, post 01, på 250 000 kroner.", 250000),
    ("IMDi har gjeve ei belastningsfullmakt til Bufdir på kap. 670, post 01, på 1 000 000 kroner.", 250000),
])
def test_given_belastningsfullmakt_charged_as_the_column_shows_it(bare, text, amount):
    """A given authority's amount is what the other agency charged: the text's where it says so, else Note B's
    column where it prints one (the text may give only what was granted)."""
    accounts = bare(set={**_texts(("Avgitte belastningsfullmakter", text)),
                         "note_b.rows[0670.01].charged_by_others": "-250 000",
                         "note_b.rows[0670.01].after_charged": "5 834 865",
                         "note_b.rows[0670.01].basis": "5 834 865",
                         "note_b.rows[0670.01].transferable": "5 834 865"})
    (given,) = infer_context(accounts).context.given_authorities
    assert (given.key, given.amount.value, given.counterpart) == (K("0670.01"), amount, "Bufdir")
    assert [f for f in run(accounts, only=["T-01"]).findings] == []


@pytest.mark.parametrize("paragraph", [
    ("Avgitte belastningsfullmakter", "Virksomheten har ikke avgitt belastningsfullmakter i 2023."),
    ("Avgitte belastningsfullmakter", "Ingen."),
    ("", "IMDi har ikkje avgitt belastningsfullmakter i 2023."),
])
def test_no_given_authorities_said_in_the_text(bare, paragraph):
    inferred = infer_context(bare(set=_texts(paragraph)))
    assert inferred.context.given_authorities == ()
    assert _facts(inferred)["context.given_authorities"].shown("value", "en") == "none"


@pytest.mark.parametrize("text, pairs", [
    ("IMDi hadde ingen meirinntekter på kap. 3670, post 01, i 2023.", [("0670.01", "3670.01")]),
    ("Virksomheten kan overskride bevilgningen på kap. 670 post 01 mot tilsvarende merinntekter.",
     [("0670.01", "3670.01")]),
    ("Kap. 671 post 21 og kap. 671 post 45 kan overskrides mot tilsvarende merinntekter under kap. 3670 post 01.",
     [("0671.21", "3670.01"), ("0671.45", "3670.01")]),  # many to one
])
def test_merinntektsfullmakter_from_the_text(bare, text, pairs):
    heading = "Fullmakt til å overskride driftsbevilgninger mot tilsvarende merinntekter"
    found = infer_context(bare(set=_texts((heading, text)))).context
    assert [(str(a.expense), str(a.revenue)) for a in found.revenue_authorities] == pairs


def test_one_expense_post_against_several_revenue_posts(bare):
    extra = {"chapter": "3670", "chapter_name": "IMDi", "post": "02", "post_text": "Salgsinntekter",
             "allocation": "0", "accounts": "0", "difference": None}
    found = infer_context(bare(set={"appropriation.revenues[+]": extra, **_texts(
        ("Merinntektsfullmakt", "Kap. 670 post 01 kan overskrides mot merinntekter på kap. 3670 post 01 og 02."))})
    ).context
    assert [(str(a.expense), str(a.revenue)) for a in found.revenue_authorities] == \
           [("0670.01", "3670.01"), ("0670.01", "3670.02")]


# --- Note B's columns and the post texts ----------------------------------------------------------


def test_columns_where_the_text_says_nothing(bare):
    inferred = infer_context(bare(set={
        **_texts(),
        "note_b.rows[0670.01].charged_by_others": "-250 000",
        "note_b.rows[0670.01].reallocation": "-1 000 000",
        "note_b.rows[0671.45].reallocation": "1 000 000",
        "note_b.rows[0671.45].savings": "-200 000",
    }))
    context, facts = inferred.context, _facts(inferred)
    (given,) = context.given_authorities
    assert (given.key, given.amount.value, given.origin) == (K("0670.01"), 250000, INFERRED)
    assert given.amount.source.path != "note_b.rows[0].charged_by_others"  # not the printed −250 000 itself
    assert [(str(a.key), a.amount.value) for a in context.reallocations] == [("0670.01", -1000000),
                                                                             ("0671.45", 1000000)]
    assert [(str(a.key), a.amount.value) for a in context.savings] == [("0671.45", -200000)]
    for subject, rule in [("context.given_authority[0670.01]", "T-01"), ("context.reallocation[0671.45]", "T-01"),
                          ("context.savings[0671.45]", "T-01")]:
        basis = facts[subject].shown("basis", "en")
        assert "only source" in basis and rule in basis, basis  # what T-01 cannot confirm is said
    # the stikkord column alone, the text part gone: read, and said to be T-07's own column
    assert {str(p.key) for p in context.posts} == {"0671.45", "0671.60"}
    assert "T-07" in facts["context.stikkord[0671.45]"].shown("basis", "en")
    # the merinntekt column: a pairing by the budget's numbering, checked in amount by T-01
    inferred = infer_context(bare(set={**_texts(), "note_b.rows[0670.01].additional_revenue": "0"}))
    assert [(str(a.expense), str(a.revenue)) for a in inferred.context.revenue_authorities] == \
           [("0670.01", "3670.01")]


def test_a_column_the_text_contradicts_is_not_taken_and_t01_reports_it(bare):
    accounts = bare(set={"note_b.rows[0670.01].charged_by_others": "-250 000",
                         "note_b.rows[0670.01].after_charged": "5 834 865"})
    inferred = infer_context(accounts)
    assert inferred.context.given_authorities == ()  # IMDi's text: «har ikkje avgitt belastningsfullmakter»
    assert "not taken" in _facts(inferred)["context.given_authority[0670.01]"].shown("basis", "en")
    found = run(accounts, only=["T-01"]).findings
    assert [(f.key, f.severity.label) for f in found] == [("note_b.0670.01.charged_by_others", "error")]


def test_a_stikkord_column_the_text_part_does_not_list_is_not_taken(bare):
    accounts = bare(set={"note_b.rows[0670.01].stikkord": "«kan overførast»"})
    assert K("0670.01") not in {p.key for p in infer_context(accounts).context.posts}
    found = run(accounts, only=["T-07"]).findings
    assert [(f.key, f.severity.label) for f in found] == [("note_b.0670.01.stikkord", "error")]


def test_stikkord_in_post_texts(bare):
    accounts = bare(set={"appropriation.expenses[0671.71].post_text": "Tilskot til integreringsarbeid, kan "
                                                                      "nyttast under post 72",
                         "appropriation.expenses[1633.01].post_text": "Nettoordning for mva. i staten, "
                                                                      "overslagsløyving"})
    inferred = infer_context(accounts)
    by_key = {str(p.key): p for p in inferred.context.posts}
    assert by_key["0671.71"].stikkord[0].kind == KAN_NYTTES_UNDER
    assert by_key["1633.01"].stikkord[0].kind == OVERSLAGSBEVILGNING
    assert _facts(inferred)["context.stikkord[0671.71]"].source.path == "appropriation.expenses[7]"
    # OS-01: 0671.72's merutgift of 1 000 000 is now covered by 0671.71's underspend of 1 328 048
    found = {f.key: f for f in run(accounts, only=["OS-01"]).findings}
    assert found["0671.72"].kind.value == "explained"


# --- stated facts win ---------------------------------------------------------------------------------


def test_stated_facts_override_inferred_ones_and_say_so(imdi_doc, tmp_path):
    doc = edited(imdi_doc, set={"context.received_authorities[0400.23].amount": "250 000"})
    accounts = read_accounts(write_doc(doc, tmp_path / "a.yaml"))
    fact = accounts.fact("context.received_authority[0400.23]")
    assert fact.origin == CONTEXT and fact.source.path == "context.received_authorities[0]"
    assert fact.shown("value", "nb") == "250 000, Justis- og beredskapsdepartementet"
    assert fact.shown("overrides", "nb") == "300 000, Justis- og beredskapsdepartementet"
    (authority,) = accounts.context.received_authorities
    assert authority.amount.value == 250000 and authority.origin == CONTEXT
    agreed = accounts.fact("context.stikkord[0671.45]")
    assert agreed.origin == CONTEXT and agreed.overrides is None and "agrees" in agreed.shown("basis", "en")
    assert [s.path for s in agreed.also] == ["note_b.texts[1]", "note_b.rows[1]"]  # where the accounts print it
    assert accounts.fact("context.given_authorities").origin == INFERRED  # stated nowhere, read off the text
    assert [f.origin for f in accounts.facts if f.subject.startswith("context.prior_appropriation")] == [MISSING] * 3


def test_a_stated_post_adds_and_overrides_stikkord_item_by_item(imdi_doc, tmp_path):
    doc = edited(imdi_doc, delete=["context"])
    context = tmp_path / "context.yaml"
    context.write_text('form: avstem.context/1\nyear: 2023\nposts:\n'
                       '  - {chapter: "0671", post: "45", prior_appropriation: 97 415 088}\n'
                       '  - {chapter: "0671", post: "60", stikkord: []}\n'
                       '  - {chapter: "0672", post: "60", stikkord: ["kan overføres"]}\n', encoding="utf-8")
    accounts = read_accounts(write_doc(doc, tmp_path / "a.yaml"), context)
    stikkord = {str(p.key): [s.kind for s in p.stikkord] for p in accounts.context.posts}
    assert stikkord == {"0671.45": [KAN_OVERFORES],  # last year's appropriation only: the stikkord read stay
                        "0671.60": [],  # stated: none
                        "0672.60": [KAN_OVERFORES],  # added
                        "0671.21": [KAN_OVERFORES]}  # read, not mentioned
    assert accounts.fact("context.stikkord[0671.45]").origin == INFERRED
    assert accounts.fact("context.prior_appropriation[0671.45]").origin == CONTEXT
    sixty = accounts.fact("context.stikkord[0671.60]")
    assert sixty.origin == CONTEXT and sixty.shown("overrides", "nb") == "kan overføres"
    assert accounts.fact("context.prior_appropriation[0671.21]").origin == MISSING


def test_merging_twice_changes_nothing(bare):
    once = with_context(bare())
    assert with_context(once) is once
    assert once.context.merged and once.context is not None


def test_convert_writes_only_what_was_stated(capsys, tmp_path, imdi_doc):
    from tests.helpers import run_cli

    source = write_doc(edited(imdi_doc, delete=["context"]), tmp_path / "bare.yaml")
    code, _, err = run_cli(capsys, "convert", source, tmp_path / "out.yaml")
    assert code == 0, err
    assert "context:" not in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_reallocation_column_is_a_decision_only_where_its_heading_allows_the_sign(bare):
    """Note B's omdisponering column: −X on post 01 (to post 45) and +X on post 01/21 (next year's money) may
    be decisions; −X on post 21 can only be «kan nyttes under» pooled, which the rules compute."""
    inferred = infer_context(bare(set={
        **_texts(),
        "note_b.rows[0671.45].reallocation": "-1 000 000",
        "note_b.rows[0670.01].reallocation": "500 000",
    }))
    assert [(str(a.key), a.amount.value) for a in inferred.context.reallocations] == [("0670.01", 500000)]


@pytest.mark.parametrize("heading, text", [
    ("Overslagsløyvingar", "Løyvinga på kap. 671, post 72 er ei overslagsløyving."),
    ("", "Bevilgningen på kap. 671 post 72 er en overslagsbevilgning."),
])
def test_an_overslagsbevilgning_named_without_the_word_stikkord(bare, heading, text):
    found = infer_context(bare(set=_texts((heading, text)))).context
    assert {p.key: tuple(s.kind for s in p.stikkord) for p in found.posts}.get(K("0671.72")) == (OVERSLAGSBEVILGNING,)
