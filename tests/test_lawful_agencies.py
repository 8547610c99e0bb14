"""Lawful agencies: properties of avstem on whole sets of accounts generated from øre-level truth.

The generator (``tests/lawful/``, see its README) builds agencies that vary what real agencies vary; each
property runs in three tiers, selected by marker:

* ``lawful_today`` — what main reads and judges today: the YAML form with its context section and the
  features in ``tests.lawful.features.LANDED``. These must pass; a failure is a bug in avstem.
* ``lawful_features`` — one waiting feature forced into every example (``WAITING``, ``WAITING_PLANTS``),
* ``lawful_forms`` — the forms that wait for issue 11 (``WAITING_FORMS``): the YAML form without its
  context, workbooks without sections of avstem's own, in two layouts.

Tests of the last two are ``xfail(strict=True)`` with the reason they wait for: the day the work lands, the
test passes, strict xfail turns that into a failure, and the feature's line comes out of ``WAITING`` (the
mark goes with it, and the feature joins every example). They do not shrink (a failure is expected); a
failure of a landed feature shrinks and prints the minimal agency. Example counts: ``EXAMPLES`` in
conftest.py (default and thorough profiles).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, event, find, given, settings
from hypothesis import strategies as st

from ledger.core.errors import InputError
from rules.findings import Kind, Severity
from tests.helpers import ROOT
from tests.lawful.check import Checked, check, comparable, describe, names
from tests.lawful.expected import compare, expected
from tests.lawful.features import (
    FIXED_BUGS,
    FORCED,
    ISSUE12_PLANTS,
    KNOWN_BUGS,
    LANDED,
    LANDED_FORMS,
    NOT_READ_OFF_THE_ACCOUNTS,
    WAITING,
    WAITING_FORMS,
    WAITING_PLANTS,
)
from tests.lawful.identities import breaches
from tests.lawful.plant import (
    FAMILIES,
    carried,
    overspend,
    overspendable,
    plant,
    row_paths,
    targets,
    unmatched,
    unpooled,
)
from tests.lawful.printed import document
from tests.lawful.strategies import truths
from tests.lawful.truth import Truth
from tests.lawful.workbook_writer import Style, write_workbook
from tests.lawful.yaml_writer import write_context, write_yaml

TODAY = frozenset(LANDED)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
        HealthCheck.filter_too_much]
#: A waiting test is expected to fail on its first example: no shrinking, which would take minutes.
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
#: A failure of the today tier shrinks to a minimal agency (up to hypothesis's five minutes, each example
#: being a whole check); AVSTEM_LAWFUL_NO_SHRINK=1 reports the first failing agency at once instead.
TODAY_PHASES = NO_SHRINK if os.environ.get("AVSTEM_LAWFUL_NO_SHRINK") else tuple(Phase)

STYLES = st.builds(
    Style, layout=st.sampled_from(("per_sheet", "one_sheet")), first_col=st.integers(1, 2),
    text_numbers=st.sampled_from(("none", "some", "all")), nbsp=st.booleans(), split_keys=st.booleans(),
    year_headings=st.sampled_from(("year", "date", "regnskap")), texts_in_one_cell=st.booleans(),
    stars=st.booleans(), seed=st.integers(0, 10**6))
#: … and what only the readers of issue 11.3 will read: note 1's subtotals printed with their detail labels.
ANY_STYLE = st.builds(lambda style, sums: Style(**{**style.__dict__, "sums_as_details": sums}), STYLES, st.booleans())


def _waiting(reasons: dict[str, str]) -> list:
    """One parameter per waiting item, each a strict expected failure of the property itself: a refusal
    counts (see :func:`_check`), an error of the generator or an unsatisfiable strategy does not."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason, raises=AssertionError), id=name)
            for name, reason in reasons.items()]


def _tiered(names, waiting: dict[str, str]) -> list:
    """One parameter per name: a strict expected failure where ``waiting`` gives its reason, else must pass."""
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=waiting[n], raises=AssertionError), id=n)
            if n in waiting else pytest.param(n, id=n) for n in names]


def _check(path: Path, context: Path | None = None) -> Checked:
    """``check``, where a refusal of lawful accounts is the property failing, not an error of the test."""
    try:
        return check(path, context)
    except InputError as exc:
        raise AssertionError(f"lawful accounts refused: {exc}") from exc


def _write(doc: dict, form: str, folder: Path, style: Style | None = None, *, spaced: bool = True) -> Path:
    """The accounts in one form (``tests.lawful.features.FORMS``); ``spaced``: the YAML form's figures as
    printed (``"1 234 567"``) or plain."""
    if form == "yaml":
        return write_yaml(doc, folder / "accounts.yaml", spaced=spaced)
    if form == "yaml_without_context":
        return write_yaml(doc, folder / "accounts.yaml", context=False, spaced=spaced)
    layout = form.removeprefix("workbook_")
    style = Style(layout=layout) if style is None else Style(**{**style.__dict__, "layout": layout})
    return write_workbook(doc, folder / "accounts.xlsx", style)


def _story(truth: Truth) -> str:
    return f"{truth.headline}; features: {', '.join(sorted(truth.features)) or 'none'}"


def _reads_clean(truth: Truth, form: str = "yaml", style: Style | None = None) -> None:
    """The property: the agency reads, every rule that can judge it runs, and it gives exactly the errors
    and warnings (and the explained overspends and unverifiable caps) its truth expects."""
    doc = document(truth)
    with tempfile.TemporaryDirectory() as folder:
        checked = _check(_write(doc, form, Path(folder), style, spaced=truth.presentation.spaced_numbers))
    could_run = checked.skipped_that_could_run()
    assert not could_run, f"{_story(truth)}\nrules that did not run: {', '.join(could_run)}"
    false, unmet = compare(checked.findings, expected(truth, context_given=form == "yaml"))
    assert not false and not unmet, (
        f"{_story(truth)} ({form})\nfindings the truth does not contain:\n{describe(false)}\n"
        f"findings the truth expects that are missing: {', '.join(map(str, unmet)) or 'none'}")


# --- the generator keeps every identity of regulation.md ------------------------------------------------------


@pytest.mark.lawful_today
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(truths(TODAY | frozenset(WAITING)))
def test_the_generated_accounts_keep_every_identity(truth):
    """The generator itself: every printed figure satisfies the identities of regulation.md §2 and the ties
    of issue 12 within its rounding (tested without avstem's rules, on every feature, waiting or not)."""
    found = breaches(document(truth), truth)
    assert not found, f"{_story(truth)}\n" + "\n".join(found)


@pytest.mark.lawful_today
def test_the_identity_check_can_fail():
    """A generator that broke an identity would be caught: one figure changed is a breach named."""
    truth = find(truths(), lambda t: len(t.expenses) > 2, settings=settings(
        database=None, max_examples=50, suppress_health_check=SLOW, derandomize=True, phases=(Phase.generate,)))
    doc = document(truth)
    assert breaches(doc, truth) == []
    doc["appropriation"]["expenses"][0]["accounts"] += 10_000
    assert any(b.startswith("BR-1") for b in breaches(doc, truth))


# --- property 1: a lawful agency reads and gives what its truth expects ------------------------------------------


@pytest.mark.lawful_today
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(truths(TODAY))
def test_a_lawful_agency_reads_clean(truth):
    """Every lawful agency, in the YAML form with its context, reads; every rule that can judge it runs; and
    it gives no error and no warning its truth does not contain, and every one it does."""
    event(f"{len(truth.features)} features")
    _reads_clean(truth)


@pytest.mark.lawful_features
@pytest.mark.parametrize("feature", _tiered(FORCED + tuple(WAITING), WAITING))
@settings(deadline=None, suppress_health_check=SLOW, phases=NO_SHRINK)
@given(data=st.data())
def test_a_forced_feature_reads_clean(feature, data):
    """The same property with one feature in every example: one landed last (must pass) or one still waiting
    (a strict xfail)."""
    _reads_clean(data.draw(truths(TODAY, frozenset({feature})), label="truth"))


@pytest.mark.lawful_forms
@pytest.mark.parametrize("form", _tiered(LANDED_FORMS, WAITING_FORMS))
@settings(deadline=None, suppress_health_check=SLOW, phases=NO_SHRINK)
@given(data=st.data())
def test_a_form_without_sections_reads_clean(form, data):
    """The same property in a form without a context section (the context is read off what the accounts
    print), or a workbook without sections of avstem's own; without what it cannot read yet
    (``NOT_READ_OFF_THE_ACCOUNTS``)."""
    allowed = TODAY - frozenset(NOT_READ_OFF_THE_ACCOUNTS)
    truth = data.draw(truths(allowed), label="truth")
    style = data.draw(ANY_STYLE, label="style") if form.startswith("workbook") else None
    _reads_clean(truth, form, style)


# --- property 2: an error planted into one printed figure is found, by a rule naming that figure ------------------


def _found(checked: Checked, paths: set[str]) -> list:
    return [f for f in checked.findings if f.kind is Kind.BREACH and f.severity >= Severity.WARNING
            and names(f) & paths]


def _check_planted(doc: dict, paths: set[str], form: str, what: str, truth: Truth, style: Style | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        checked = _check(_write(doc, form, Path(folder), style, spaced=truth.presentation.spaced_numbers))
    hits = _found(checked, paths)
    for finding in hits:
        event(f"found by {finding.rule}")
    assert hits, (f"{_story(truth)} ({form})\nplanted: {what}; no error or warning names "
                  f"{', '.join(sorted(paths))}; the findings:\n{describe(checked.findings)}")


def _plant_one(data, truth: Truth, family: str) -> tuple[dict, set[str], str]:
    """Plant one error of ``family``: (the document, the paths a finding must name, what was planted)."""
    amount = data.draw(st.integers(10_000, 10**8), label="amount")
    if family == "OS":
        keys = overspendable(truth)
        assume(keys)
        key = data.draw(st.sampled_from(keys), label="post")
        doc = document(overspend(truth, key, amount))
        index = next(i for i, r in enumerate(doc["appropriation"]["expenses"])
                     if (r["chapter"], r["post"]) == (key.chapter, key.post_code))
        return doc, {f"appropriation.expenses[{index}].difference"}, f"{key} overspent by {amount} that nothing explains"
    doc = document(truth)
    candidates = [t for t in targets(doc, truth)[family] if t.bug is None]  # a known bug has its own test
    assume(candidates)
    target = data.draw(st.sampled_from(candidates), label="figure")
    sign = data.draw(st.sampled_from((1, -1)), label="sign")
    planted, path = plant(doc, target, amount, sign)
    return planted, {path}, f"{path} changed by {sign * amount:+} (direction {target.direction})"


@pytest.mark.lawful_today
@pytest.mark.parametrize("family", FAMILIES)
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(data=st.data())
def test_a_planted_error_is_found(family, data):
    """One error beyond every tolerance, planted into one printed figure that ``family`` checks (the OS
    family: an overspend nothing explains), is found by an error or warning that names the figure."""
    truth = data.draw(truths(TODAY), label="truth")
    doc, paths, what = _plant_one(data, truth, family)
    _check_planted(doc, paths, "yaml", what, truth)


@pytest.mark.lawful_today
@pytest.mark.parametrize("check_", [n for n in ISSUE12_PLANTS if n not in WAITING_PLANTS])
@settings(deadline=None, suppress_health_check=SLOW, phases=NO_SHRINK)
@given(data=st.data())
def test_an_error_of_issue_12_is_found(check_, data):
    """Errors only issue 12's checks can see: carried through their own sums (a note 6 levy line, del B,
    payments moved between notes 3 and 7, note 8's reported column between lines), or a decision left out of
    Note B (a «kan nyttes under» not pooled, an omdisponering without its −X on post 01)."""
    _plant_issue12(check_, data)


@pytest.mark.lawful_today
@pytest.mark.parametrize("check_", _tiered(tuple(WAITING_PLANTS), WAITING_PLANTS))
@settings(deadline=None, suppress_health_check=SLOW, phases=NO_SHRINK, derandomize=True)
@given(data=st.data())
def test_a_waiting_error_of_issue_12(check_, data):
    """The plants avstem cannot find in every agency yet, as strict expected failures. Found in some drawn
    agencies and not in others, a random draw would make the expected failure flaky (an unexpected pass when
    every example happens to be found): the examples are the same on every run, so the test fails or passes
    as the code does, and an unexpected pass means the plant has landed."""
    _plant_issue12(check_, data)


def _plant_issue12(check_, data):
    needs = {"levy_line": "levy_lines", "del_b": "shares", "unpooled_kan_nyttes_under": "kan_nyttes_under",
             "unmatched_omdisponering": "omdisponering"}
    truth = data.draw(truths(TODAY, frozenset({needs[check_]}) if check_ in needs else frozenset()), label="truth")
    amount = data.draw(st.integers(10_000, 10**7), label="amount")
    if check_ == "unpooled_kan_nyttes_under":
        pooled = {a.key for a in truth.adjustments if a.what == "kan nyttes under"}
        assume(pooled)
        doc = document(unpooled(truth))
        paths, what = row_paths(doc, pooled), "«kan nyttes under» not pooled in Note B"
    elif check_ == "unmatched_omdisponering":
        moved = {a.key for a in truth.adjustments if a.what == "omdisponering"}
        doc = document(unmatched(truth))
        paths, what = row_paths(doc, moved), "+X on post 45 without −X on post 01"
    else:
        result = carried(document(truth), check_, amount)
        assume(result is not None)
        doc, path = result
        paths, what = {path}, f"{check_}: {path} changed by {amount} and carried through its sums"
    _check_planted(doc, paths, "yaml", what, truth)


@pytest.mark.lawful_today
@pytest.mark.parametrize("form", LANDED_FORMS)
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(data=st.data())
def test_a_planted_error_is_found_in_any_form(form, data):
    """The planted error in a form that waits for issue 11: of any family in a workbook; without the context,
    an overspend nothing explains (the other families are found without it today, below)."""
    truth = data.draw(truths(TODAY - frozenset(NOT_READ_OFF_THE_ACCOUNTS)), label="truth")
    family = data.draw(st.sampled_from(FAMILIES if form.startswith("workbook") else ("OS",)), label="family")
    doc, paths, what = _plant_one(data, truth, family)
    style = data.draw(ANY_STYLE, label="style") if form.startswith("workbook") else None
    _check_planted(doc, paths, form, what, truth, style)


@pytest.mark.lawful_today
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(data=st.data())
def test_a_planted_error_is_found_without_the_context(data):
    """The YAML form without its context: an error of every family whose rules need no context is found."""
    truth = data.draw(truths(TODAY), label="truth")
    family = data.draw(st.sampled_from([f for f in FAMILIES if f not in ("T", "OS")]), label="family")
    doc, paths, what = _plant_one(data, truth, family)
    _check_planted(doc, paths, "yaml_without_context", what, truth)


# --- the minimal failing agencies the properties found --------------------------------------------------------------

#: Each known bug's minimal agency (tests/lawful/found/<bug>.yaml, an error planted) and the path of the
#: planted figure, which an error or warning must name.
FOUND = {"tie_to_omitted_line": "notes.note4.lines[0].current", "negative_maximum": "note_b.rows[3].maximum"}


@pytest.mark.lawful_today
@pytest.mark.parametrize("bug", _waiting(KNOWN_BUGS) + list(FIXED_BUGS))
def test_a_found_bug(bug):
    """The minimal agency a property shrank to for each bug it found: a strict xfail until the bug is fixed,
    then a regression test."""
    path = ROOT / "tests" / "lawful" / "found" / f"{bug}.yaml"
    checked = _check(path)
    assert _found(checked, {FOUND[bug]}), f"{path}: nothing names {FOUND[bug]}\n{describe(checked.findings)}"


# --- property 3: the same agency gives the same findings in every form -----------------------------------------------


def _findings_in(doc: dict, form: str, style: Style | None, *, details: bool = False,
                 context_file: bool = False) -> list:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        context = write_context(doc, folder / "context.yaml") if context_file else None
        if form.startswith("workbook"):
            style = Style(**{**(style or Style()).__dict__, "layout": form.removeprefix("workbook_"),
                             "details": details})
            path = write_workbook(doc, folder / "accounts.xlsx", style)
        else:
            path = _write(doc, form, folder)
        return sorted(map(comparable, _check(path, context).findings), key=repr)


@pytest.mark.lawful_today
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(truths(TODAY), STYLES)
def test_the_workbooks_read_as_the_yaml_form(truth, style):
    """The writers against today's reader: each workbook layout, with the details section today's reader
    needs and the context in a file beside it, gives the same findings (keys, severities, figures and
    their paths) as the YAML form with its context."""
    doc = document(truth)
    form = f"workbook_{style.layout}"
    yaml_findings = _findings_in(doc, "yaml", None)
    workbook_findings = _findings_in(doc, form, style, details=True, context_file=True)
    assert workbook_findings == yaml_findings, (
        f"{_story(truth)} {style}\nonly in the YAML form: {[f for f in yaml_findings if f not in workbook_findings]}"
        f"\nonly in the workbook: {[f for f in workbook_findings if f not in yaml_findings]}")


@pytest.mark.lawful_today
@pytest.mark.parametrize("form", [f for f in LANDED_FORMS if f.startswith("workbook")])
@settings(deadline=None, suppress_health_check=SLOW, phases=TODAY_PHASES)
@given(data=st.data())
def test_the_forms_give_the_same_findings(form, data):
    """The same agency, without sections of avstem's own, read from the YAML form (no context) and from a
    workbook (no details, no context), gives the same findings."""
    truth = data.draw(truths(TODAY), label="truth")
    style = data.draw(ANY_STYLE, label="style")
    doc = document(truth)
    assert _findings_in(doc, form, style) == _findings_in(doc, "yaml_without_context", None), _story(truth)
