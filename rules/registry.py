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

from ledger.vocabulary.labels import Msg, Text, msg
from rules.findings import Severity
from rules.parameters import load_table
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
    "JE": "Journal-entry tests (ISA 240)",
    "DV": "Accepted deviations",
    "KF": "Key figures and figures quoted in the published report",
}
_ID = re.compile(r"^(?P<family>[A-Z][A-Z0-9]?)-(?P<number>\d{2})$")
SECTIONS = ("What it checks", "Why it matters", "Example", "Legal basis")
TOLERANCE_MODES = ("exact", "interval", "absolute", "none")
#: What a rule may name in ``needs``: the accounts; the context of the appropriations and last year's
#: figures, which come with the accounts; the ledger; accepted deviations; the findings of the rules run
#: before it (such a rule runs after the others).
#: ``key_figures``: the key-figure table (a published report's part 2, or the YAML form's ``key_figures:``);
#: ``report``: a published report read as such (its text's quoted figures, what its reading restored).
NEEDS = ("accounts", "context", "prior", "ledger", "deviations", "findings", "key_figures", "report")
_WITH_ACCOUNTS = {"context", "prior", "key_figures", "report"}

#: Retired rule IDs, never to be used again: {id: "why and when retired"}.
RETIRED: dict[str, str] = {}


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    example: str
    legal_basis: str


#: The catalogue's name for each section of a rule's documentation: ``rule.<ID>.<name>`` (domain ``rules``).
DOC_IDS = {"what": "what", "why": "why", "example": "example", "legal_basis": "basis"}


def flat(text: str) -> str:
    """A docstring section as one paragraph, the form the catalogue holds it in."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    tolerance: str
    references: tuple[Reference, ...]
    doc: RuleDoc
    check: Callable
    parameters: tuple[str, ...] = ()
    #: What the rule reads, from :data:`NEEDS`, joined by "+": e.g. "accounts+ledger".
    needs: str = "accounts"

    @property
    def family(self) -> str:
        return self.id.split("-")[0]

    @property
    def title(self) -> Msg:
        """The title, in the catalogue as ``rule.<ID>.title``: ``rule.title(lang)``."""
        return msg(f"rule.{self.id}.title")

    def explained(self, lang: str) -> RuleDoc:
        """The documentation in ``lang``: the docstring is the English source; Bokmål and Nynorsk are the
        catalogue's ``rule.<ID>.what|why|example|basis`` (``python tools/catalogue.py docs`` keeps them)."""
        if lang == "en":
            return RuleDoc(*(flat(getattr(self.doc, field)) for field in DOC_IDS))
        return RuleDoc(*(msg(f"rule.{self.id}.{name}")(lang) for name in DOC_IDS.values()))

    @property
    def inputs(self) -> tuple[str, ...]:
        """The inputs a run must give for the rule to run, as declared (the earlier findings are always there)."""
        return tuple(name for name in self.needs.split("+") if name != "findings")

    @property
    def reads(self) -> frozenset[str]:
        """Everything the rule may read: what it declares, and the accounts with the context or prior year."""
        declared = set(self.needs.split("+"))
        return frozenset(declared | ({"accounts"} if declared & _WITH_ACCOUNTS else set()))

    @property
    def reference_text(self) -> str:
        """The references as a finding cites them (short; ``avstem explain`` gives them whole)."""
        return "; ".join(r.citation for r in self.references)


REGISTRY: dict[str, Rule] = {}
#: Titles still given to the decorator (today's form in a branch written before the catalogue):
#: ``python tools/catalogue.py migrate`` moves them into the catalogue; a test keeps this empty.
PENDING_TITLES: dict[str, Text] = {}


def rule(
    rule_id: str,
    title: Text | None = None,
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
        unknown = [name for name in needs.split("+") if name not in NEEDS]
        if unknown:
            raise ValueError(f"{rule_id}: needs {'+'.join(unknown)}, which is not one of {', '.join(NEEDS)}")
        undefined = [name for name in parameters if name not in load_table()]
        if undefined:
            raise ValueError(f"{rule_id}: no parameter {', '.join(undefined)} in rules/parameters.yaml")
        if title is not None:
            PENDING_TITLES[rule_id] = title
        REGISTRY[rule_id] = Rule(rule_id, severity, tolerance, tuple(references),
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


def nearest_ids(text: str, catalogue: dict[str, Rule] | None = None) -> list[str]:
    """The rule ids a mistyped one most likely means: ``T02``, ``t-2``, ``T-2`` → ``T-02``."""
    import difflib

    ids = list(catalogue if catalogue is not None else load_catalogue())
    squeeze = {re.sub(r"[^A-Z0-9]", "", i): i for i in ids}
    wanted = re.sub(r"[^A-Z0-9]", "", text.strip().upper())
    match = re.fullmatch(r"([A-Z][A-Z0-9]?)-?0*(\d{1,2})", text.strip().upper())
    if match:  # the family and the number, however written
        padded = f"{match.group(1)}-{int(match.group(2)):02d}"
        if padded in ids:
            return [padded]
    if wanted in squeeze:
        return [squeeze[wanted]]
    return [squeeze[m] for m in difflib.get_close_matches(wanted, list(squeeze), n=3, cutoff=0.6)]


def _sort_key(rule_id: str) -> tuple:
    family, number = rule_id.split("-")
    families = list(FAMILIES)
    return (families.index(family), int(number))
