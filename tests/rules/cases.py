"""Load the seeded-error cases in ``fixtures/seeded/*.yaml`` (see its README) and run them.

:func:`run_case` runs a case once per session, with every input it names
(the edited accounts, last year's figures, a seeded ledger, accepted
deviations), so the case test, the computation test and the snapshot test
judge the same run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import FIXTURES, load_doc, nulls

SEEDED = FIXTURES / "seeded"


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    outcome: str
    file: str
    set: dict[str, Any] = field(default_factory=dict)
    delete: list[str] = field(default_factory=list)
    expect: list[dict[str, str]] = field(default_factory=list)
    prior: str | None = None  # a file in fixtures/ with last year's figures
    prior_set: dict[str, Any] = field(default_factory=dict)
    prior_delete: list[str] = field(default_factory=list)
    deviations: list[dict[str, str]] = field(default_factory=list)  # [[deviation]] entries of avstem.toml
    ledger: dict[str, Any] | None = None  # a generated ledger with seeded errors (fixtures/make_ledger.py `seeded`)
    report: str | None = None  # a published report's text in fixtures/, read instead of the YAML form
    replace: list[dict[str, str]] = field(default_factory=list)  # edits of the report: {line, old, new}

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.outcome}:{self.name}"


class _StrictLoader(yaml.BaseLoader):
    """Every scalar as text; a duplicated key is an error, not silently the last one."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(k) for k, _ in node.value]
        duplicated = {k for k in keys if keys.count(k) > 1}
        if duplicated:
            raise ValueError(f"duplicate key(s) {duplicated} at line {node.start_mark.line + 1}")
        return super().construct_mapping(node, deep)


def load_cases(directory: Path = SEEDED) -> list[Case]:
    cases = []
    for path in sorted(directory.glob("*.yaml")):
        for raw in yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader) or []:
            raw = nulls(raw)
            unknown = set(raw) - {"rule", "name", "outcome", "set", "delete", "expect", "prior", "prior_set",
                                  "prior_delete", "deviations", "ledger", "report", "replace"}
            assert not unknown, f"{path.name}: unknown case keys {unknown}"
            assert raw["outcome"] in ("pass", "fail"), f"{path.name}: {raw}"
            cases.append(Case(file=path.name, **raw))
    twice = sorted({c.id for c in cases if sum(d.id == c.id for d in cases) > 1})
    assert not twice, f"cases with the same rule, outcome and name: {twice}"
    return cases


def ledger_spec(case: Case) -> dict[str, Any]:
    """The case's ``ledger:`` as arguments of ``fixtures.make_ledger.seeded`` (YAML read as text)."""
    spec = dict(case.ledger or {})
    unknown = set(spec) - ({"journal", "lines", "seed", "plant", "spike"} if "journal" in spec
                           else {"lines", "seed", "set", "drop", "duplicate"})
    assert not unknown, f"{case.id}: unknown ledger keys {unknown}"
    for name in ("lines", "seed", "spike"):
        if name in spec:
            spec[name] = int(spec[name])
    if "journal" in spec:
        assert spec["journal"] == "true", f"{case.id}: journal: true names the journal generator"
        spec["journal"] = True
        if spec.get("plant") == "all":
            spec["plant"] = True
    if "duplicate" in spec:
        spec["duplicate"] = [int(n) for n in spec["duplicate"]]
    return spec


# --- running a case ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRun:
    """One case run: the documents as edited, the files they were written to, the result."""

    case: Case
    doc: Any  # the accounts as edited
    accounts_file: str
    prior_doc: Any = None  # last year's figures as edited (PY cases)
    prior_file: str | None = None
    ledger_file: str | None = None
    result: Any = None  # rules.engine.RunResult

    @property
    def findings(self) -> list:
        """The findings of the case's rule (a DV rule runs after all the others)."""
        return [f for f in self.result.findings if f.rule == self.case.rule]


_RUNS: dict[str, CaseRun] = {}
_LEDGERS: dict[str, tuple[str, object]] = {}
_BASE: dict[str, Any] = {}


def base_doc(name: str = "imdi-2023.yaml") -> Any:
    """A fixture as editable data, read once (``edited`` copies it before it changes anything)."""
    if name not in _BASE:
        _BASE[name] = load_doc(FIXTURES / name)
    return _BASE[name]


def _ledger(case: Case, directory: Path) -> tuple[str, object]:
    """The case's ledger, generated, written as CSV and imported once per distinct spec."""
    from ledger.general_ledger.importer import import_ledger
    from rules.catalogue.je import journal_parameters
    from rules.parameters import default_parameters

    spec = ledger_spec(case)
    key = repr(sorted(spec.items()))
    if key not in _LEDGERS:
        path = write_ledger(spec, directory / f"ledger-{len(_LEDGERS)}.csv")
        _LEDGERS[key] = (str(path), import_ledger(str(path), year=2023,
                                                  journal=lambda year: journal_parameters(default_parameters(), year)))
    return _LEDGERS[key]


def _edited_report(case: Case, target: Path) -> Path:
    """The report's text with each ``replace:`` applied to its line (the old text must be there, once)."""
    lines = (FIXTURES / case.report).read_bytes().decode("utf-8").split("\n")
    for edit in case.replace:
        number = int(edit["line"])
        assert lines[number - 1].count(edit["old"]) == 1, f"{case.id}: {edit['old']!r} not once on line {number}"
        lines[number - 1] = lines[number - 1].replace(edit["old"], edit["new"])
    target.write_bytes("\n".join(lines).encode("utf-8"))
    return target


def write_ledger(spec: dict[str, Any], target: Path) -> Path:
    """A case's ledger (``ledger_spec``) as CSV: fixtures/make_ledger.py with seeded errors, or with
    ``journal`` fixtures/make_journal.py with planted anomalies."""
    spec = dict(spec)
    if spec.pop("journal", False):  # balanced vouchers, anomalies planted
        from fixtures import make_journal

        return make_journal.write(make_journal.generate(spec.pop("lines", 3000), **spec), target)
    from fixtures.make_ledger import write_seeded

    return write_seeded(spec, target)


def _deviation(entry: dict[str, str], index: int):
    from ledger.core.source import Source
    from rules.deviations import Deviation

    return Deviation(entry["rule"], entry["key"], int(entry["year"]), entry["reason"], entry["approved_by"],
                     entry["date"], Source("avstem.toml", path=f"deviation[{index}]"))


def run_case(case: Case, directory: Path) -> CaseRun:
    """Run ``case`` (once per session; files go to ``directory``): its rule on IMDi 2023 with the case's
    edits, with last year's figures, the seeded ledger and the deviations it names. A rule that judges the
    other rules' findings (DV) runs with all of them."""
    if case.id in _RUNS:
        return _RUNS[case.id]
    from ledger.forms.inputs import read_prior
    from ledger.forms.yaml_form.read import read_yaml
    from rules.engine import run
    from rules.registry import load_catalogue
    from tests.helpers import edited, write_doc

    stem = f"case-{len(_RUNS)}"
    if case.report:  # the published report's text, edited line by line
        assert not case.set and not case.delete, f"{case.id}: a report case edits with replace:, not set:/delete:"
        doc: Any = {}
        accounts_file = str(_edited_report(case, directory / f"{stem}.txt"))
        from ledger.forms.published import read_published

        accounts = read_published(accounts_file)
    else:
        doc = edited(base_doc("imdi-2023.yaml"), set=case.set, delete=case.delete)
        accounts_file = str(write_doc(doc, directory / f"{stem}.yaml"))
        accounts = read_yaml(accounts_file)
    inputs: dict[str, Any] = {}
    ledger_file = prior_doc = prior_file = None
    if case.ledger is not None:
        ledger_file, inputs["ledger"] = _ledger(case, directory)
    if case.prior:
        prior_doc = edited(base_doc(case.prior), set=case.prior_set, delete=case.prior_delete)
        prior_file = str(write_doc(prior_doc, directory / f"{stem}-prior.yaml"))
        inputs["prior"] = read_prior(prior_file, accounts.year)
    if case.deviations:
        inputs["deviations"] = tuple(_deviation(d, i) for i, d in enumerate(case.deviations))
    if "findings" in load_catalogue()[case.rule].reads:  # judges the other rules' findings: run them all
        result = run(accounts, **inputs)
    else:
        result = run(accounts, only=[case.rule], **inputs)
    assert case.rule in result.rules_run, f"{case.rule} did not run (skipped: {result.rules_skipped}; input missing?)"
    _RUNS[case.id] = CaseRun(case, doc, accounts_file, prior_doc, prior_file, ledger_file, result)
    return _RUNS[case.id]
