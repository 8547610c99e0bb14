"""The rule registry: one :class:`Rule` per ID, declared with :func:`rule`.

A rule is a function decorated with ``@rule(...)``; the decorator records
its metadata and parses its docstring, which must have the four sections
``What it checks:``, ``Why it matters:``, ``Example:`` and ``Legal basis:``
(a test enforces it). IDs are ``FAMILY-NN`` and are never reused once
retired (see :data:`RETIRED`).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
from dataclasses import dataclass
from typing import Callable

from ledger.vocabulary.labels import Text
from rules.findings import Severity
from rules.references import Reference

FAMILIES = {
    "BR": "Bevilgningsrapportering (appropriation statement)",
    "NA": "Note A (samlet tildeling)",
    "NB": "Note B (fullmakter og overførbart beløp)",
    "AK": "Artskontorapportering (chart-of-accounts statement)",
    "MV": "Mellomværende med statskassen",
    "N1": "Note 1", "N2": "Note 2", "N3": "Note 3", "N4": "Note 4",
    "N5": "Note 5", "N6": "Note 6", "N7": "Note 7", "N8": "Note 8",
    "X": "Cross-statement ties",
    "T": "Transfer of unused appropriations (R-2)",
    "OS": "Overspending (merutgift)",
    "PY": "Prior year",
    "DQ": "Ledger data quality",
    "LG": "Ledger reconciliation",
    "DV": "Accepted deviations",
}
_ID = re.compile(r"^(?P<family>[A-Z][A-Z0-9]?)-(?P<number>\d{2})$")
SECTIONS = ("What it checks", "Why it matters", "Example", "Legal basis")
TOLERANCE_MODES = ("exact", "interval", "absolute", "none")

#: Retired rule IDs, never to be used again: {id: "why and when retired"}.
RETIRED: dict[str, str] = {}


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    example: str
    legal_basis: str


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    severity: Severity
    tolerance: str
    references: tuple[Reference, ...]
    doc: RuleDoc
    check: Callable
    parameters: tuple[str, ...] = ()
    #: The inputs the rule reads, joined by "+": accounts, context (the context
    #: of the appropriations, which comes with the accounts), prior, ledger,
    #: deviations — e.g. "accounts+ledger".
    needs: str = "accounts"

    @property
    def family(self) -> str:
        return self.id.split("-")[0]

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(self.needs.split("+"))

    @property
    def reference_text(self) -> str:
        """The references as a finding cites them (short; ``avstem explain`` gives them whole)."""
        return "; ".join(r.citation for r in self.references)


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    title: Text,
    *,
    severity: Severity,
    tolerance: str,
    references: tuple[Reference, ...],
    parameters: tuple[str, ...] = (),
    needs: str = "accounts",
) -> Callable[[Callable], Callable]:
    """Register the decorated function as rule ``rule_id``."""

    def register(fn: Callable) -> Callable:
        match = _ID.match(rule_id)
        if not match or match.group("family") not in FAMILIES:
            raise ValueError(f"rule id {rule_id!r} is not FAMILY-NN with a known family")
        if rule_id in REGISTRY:
            raise ValueError(f"rule id {rule_id} is defined twice")
        if rule_id in RETIRED:
            raise ValueError(f"rule id {rule_id} is retired and must not be reused")
        if tolerance not in TOLERANCE_MODES:
            raise ValueError(f"{rule_id}: unknown tolerance mode {tolerance!r}")
        if not references:
            raise ValueError(f"{rule_id}: a rule needs at least one reference")
        REGISTRY[rule_id] = Rule(rule_id, title, severity, tolerance, tuple(references),
                                 parse_doc(rule_id, fn.__doc__ or ""), fn, tuple(parameters), needs)
        return fn

    return register


def parse_doc(rule_id: str, docstring: str) -> RuleDoc:
    """Split a rule docstring into its four required sections."""
    text = textwrap.dedent(docstring).strip()
    pattern = re.compile(r"^(%s):\s*$" % "|".join(map(re.escape, SECTIONS)), re.MULTILINE)
    parts = pattern.split(text)
    found: dict[str, str] = {}
    for heading, body in zip(parts[1::2], parts[2::2]):
        found[heading] = textwrap.dedent(body).strip()
    missing = [s for s in SECTIONS if not found.get(s)]
    if missing:
        raise ValueError(f"{rule_id}: the docstring lacks the section(s) {', '.join(missing)}")
    return RuleDoc(*(found[s] for s in SECTIONS))


def load_catalogue() -> dict[str, Rule]:
    """Import every module of :mod:`rules.catalogue` once; return the registry."""
    import rules.catalogue as catalogue

    for module in pkgutil.iter_modules(catalogue.__path__):
        importlib.import_module(f"{catalogue.__name__}.{module.name}")
    return dict(sorted(REGISTRY.items(), key=lambda kv: _sort_key(kv[0])))


def _sort_key(rule_id: str) -> tuple:
    family, number = rule_id.split("-")
    families = list(FAMILIES)
    return (families.index(family), int(number))
