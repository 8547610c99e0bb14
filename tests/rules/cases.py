"""Load the seeded-error cases in ``fixtures/seeded/*.yaml`` (see its README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import FIXTURES

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
    ledger: dict[str, Any] | None = None  # a generated ledger with seeded errors (fixtures/make_ledger.py `seeded`)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.outcome}:{self.name}"


def load_cases(directory: Path = SEEDED) -> list[Case]:
    cases = []
    for path in sorted(directory.glob("*.yaml")):
        for raw in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or []:
            raw = _nulls(raw)
            unknown = set(raw) - {"rule", "name", "outcome", "set", "delete", "expect", "ledger"}
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


def _nulls(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _nulls(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_nulls(v) for v in node]
    return None if node in ("null", "~") else node
