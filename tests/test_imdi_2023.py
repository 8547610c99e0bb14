"""IMDi 2023 as published: no error, and every rounding difference shown."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rules.engine import run
from rules.findings import Kind, Severity
from tests.helpers import figures, replace_figure

# The one-krone differences of the published accounts (each recomputed by hand
# from the printed figures): rule, key, expected, actual.
ROUNDING = {
    ("BR-05", "appropriation.net_reported", 22299256765, 22299256766),
    ("AK-02", "chart.operating_expenses_total[2022]", 440278324, 440278325),
    ("AK-05", "chart.investment_expenses_total[2023]", 1464576, 1464575),
    ("AK-10", "chart.net_reported[2022]", 12976155521, 12976155520),
    ("MV-01", "chart.balance_total[2022]", -12066772, -12066773),
    ("N2-01", "note2.total[2022]", 209331559, 209331558),
    ("N3-01", "note3.total[2022]", 230946767, 230946766),
    ("N5-01", "note5.investments_total[2023]", 1451090, 1451091),
    ("X-05", "5309.29", 27845272, 27845273),
    ("X-07", "appropriation.revenue_total.accounts", 54968414, 54968415),
}


# The warnings on IMDi as published: the 5 % maximum computed on samlet
# tildeling (the other reading), the two «kan overføres» maxima that imply a
# last-year appropriation not in whole thousands (97 415 088 and
# 11 178 881 684), and the three merutgifter nothing explains.
WARNINGS = {
    ("T-02", "note_b.0670.01.maximum"),
    ("T-03", "note_b.0671.45.maximum"), ("T-03", "note_b.0671.60.maximum"),
    ("OS-01", "0671.21"), ("OS-01", "0671.62"), ("OS-01", "0671.72"),
}


def test_imdi_has_no_error(imdi):
    findings = run(imdi).findings
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert {(f.rule, f.key) for f in findings if f.severity is Severity.WARNING} == WARNINGS


def test_every_rounding_difference_is_an_info_finding_with_its_tolerance(imdi):
    findings = [f for f in run(imdi).findings if f.kind is Kind.ROUNDING]
    got = {(f.rule, f.key, int(f.expected), int(f.actual)) for f in findings}
    assert got == ROUNDING
    for f in findings:
        assert f.severity is Severity.INFO
        assert f.tolerance.mode == "interval" and abs(f.difference) <= f.tolerance.amount
        assert f.tolerance.amount == Decimal(f.tolerance.terms) / 2


def test_the_explained_merutgifter_are_info_not_errors(imdi):
    explained = {f.key: f for f in run(imdi).findings if f.kind is Kind.EXPLAINED}
    assert set(explained) == {"0400.23", "1633.01"}
    assert all(f.severity is Severity.INFO for f in explained.values())


# Figures no rule can verify from the accounts alone, and why: the two-year
# cap of a «kan overføres» post needs last year's appropriation, which IMDi
# does not print (T-03 says so, and warns that the cap IMDi prints cannot be
# a sum of two appropriations — however it is changed by 100 kr).
NOT_VERIFIABLE = {"note_b.rows[1].maximum", "note_b.rows[2].maximum"}


def _perturbable(imdi):
    memo = {f.source.path for line in imdi.notes["note2"].lines if line.role == "memo" for f in line.values.values()}
    # The context (authorities, stikkord) is what the rules judge the figures
    # by, not a published figure of the statements.
    return [f for f in figures(imdi) if f.source.path not in memo | NOT_VERIFIABLE
            and not f.source.path.startswith("context.")]


def test_changing_any_published_figure_by_100_kr_makes_an_error_that_names_it(imdi):
    candidates = _perturbable(imdi)
    assert len(candidates) > 300
    missed = []
    for figure in candidates:
        changed = replace_figure(imdi, figure.source.path, figure.amount + 100)
        errors = [f for f in run(changed).findings if f.severity is Severity.ERROR]
        named = any(figure.source.path in {e.location.path if e.location else None}
                    | {r.source.path for r in e.figures} for e in errors)
        if not named:
            missed.append(figure.source.path)
    assert missed == []


@pytest.mark.parametrize("path", sorted(NOT_VERIFIABLE))
def test_the_unverifiable_figures_are_really_figures(imdi, path):
    assert any(f.source.path == path for f in figures(imdi))
