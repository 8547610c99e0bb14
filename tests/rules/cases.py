"""Load the seeded-error cases in ``fixtures/seeded/*.yaml`` (see its README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import FIXTURES, nulls

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
                                  "prior_delete", "deviations", "ledger"}
            assert not unknown, f"{path.name}: unknown case keys {unknown}"
            assert raw["outcome"] in ("pass", "fail"), f"{path.name}: {raw}"
            cases.append(Case(file=path.name, **raw))
    return cases


def ledger_spec(case: Case) -> dict[str, Any]:
    """The case's ``ledger:`` as arguments of ``fixtures.make_ledger.seeded`` (YAML read as text)."""
    spec = dict(case.ledger or {})
    unknown = set(spec) - {"lines", "seed", "set", "drop", "duplicate"}
    assert not unknown, f"{case.id}: unknown ledger keys {unknown}"
    for name in ("lines", "seed"):
        if name in spec:
            spec[name] = int(spec[name])
    if "duplicate" in spec:
        spec["duplicate"] = [int(n) for n in spec["duplicate"]]
    return spec

