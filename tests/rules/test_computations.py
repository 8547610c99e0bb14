"""The computations the rules record (for the report's recalculation sheet).

Each must redo, from its own terms, exactly the figure the rule compared
with; and every comparison that produced a finding must be among them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.forms.yaml_form.read import read_yaml
from rules.engine import run
from rules.findings import Computation
from tests.helpers import edited, write_doc
from tests.rules.cases import load_cases


def evaluate(c: Computation) -> Decimal:
    values = [sign * (ref.value or Decimal(0)) for sign, ref in c.terms]
    if c.form == "sum":
        return sum(values, Decimal(0))
    if c.form == "copy":
        assert len(values) == 1
        return values[0]
    if c.form == "capped":
        return max(Decimal(0), min(values))
    if c.form == "product":
        product = Decimal(1)
        for value in values:
            product *= value
        return product
    raise AssertionError(f"unknown form {c.form!r}")


def check_result(result) -> None:
    for c in result.computations:
        assert evaluate(c) == c.expected, c
        assert c.reported.source.path and all(ref.source.path for _, ref in c.terms), c
    recorded = {(c.rule, c.key, c.expected) for c in result.computations}
    for f in result.findings:
        if f.tolerance is not None and f.expected is not None and f.actual is not None and f.message != "zero.breach":
            assert (f.rule, f.key, f.expected) in recorded, f


def test_imdi_computations(imdi):
    result = run(imdi)
    assert {c.form for c in result.computations} == {"sum", "copy", "capped", "product"}
    assert len({c.rule for c in result.computations}) >= 40
    check_result(result)


CASES = [c for c in load_cases() if c.outcome == "fail"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_seeded_computations(case, imdi_doc, tmp_path):
    doc = edited(imdi_doc, set=case.set, delete=case.delete)
    check_result(run(read_yaml(str(write_doc(doc, tmp_path / "a.yaml"))), only=[case.rule]))
