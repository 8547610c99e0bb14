"""What a rule finds: a severity, a key, the figures and their difference."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

from ledger.core.source import Source
from ledger.vocabulary.labels import Text


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst; the names are the contract."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


class Kind(str, enum.Enum):
    """Why a finding exists, beside how severe it is."""

    BREACH = "breach"  # a figure that does not add up, tie out or follow the rules
    ROUNDING = "rounding"  # a difference inside the rounding tolerance
    EXPLAINED = "explained"  # an apparent breach that the accounts explain
    NOTE = "note"  # something the reader should know (not verifiable, etc.)


class MessageId(str):
    """A message parameter that is itself a message of the catalogue (rendered with the same parameters)."""


@dataclass(frozen=True)
class FigureRef:
    """One figure a finding is about: what it is, its value, where it was read.

    ``role`` is the English identifier the JSON carries; ``label`` says the
    same to a reader in nb, nn or en, where the rule gives one.
    """

    role: str
    value: Decimal | None
    source: Source
    label: Text | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Tolerance:
    """The allowed absolute difference and how it was derived."""

    mode: str  # exact | interval | absolute
    amount: Decimal
    terms: int = 0  # figures in an interval sum (total included)
    #: Whether a difference inside the tolerance is shown as a rounding note. Not for a whole-krone figure
    #: against the exact amount it was printed from: a difference under half a krone is that printing itself.
    notes: bool = True

    def allows(self, difference: Decimal) -> bool:
        return abs(difference) <= self.amount


@dataclass(frozen=True)
class Acceptance:
    """An accepted deviation that covers a finding (from avstem.toml)."""

    reason: str
    approved_by: str
    date: str
    source: Source


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    kind: Kind
    key: str
    message: str  # message id in the catalogue (reports.i18n)
    params: Mapping[str, Any] = field(default_factory=dict)
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Tolerance | None = None
    location: Source | None = None
    figures: tuple[FigureRef, ...] = ()
    accepted: Acceptance | None = None  # shown in every output, not counted against --fail-on


@dataclass(frozen=True)
class Computation:
    """How a rule arrived at the figure it compared a reported figure with.

    Recorded whether the check passed or not, so that a report can redo the
    arithmetic in the open (the Excel report writes it as a live formula).
    ``form`` says how the terms combine: ``sum`` — Σ sign·term; ``copy`` —
    the one term, unchanged; ``capped`` — max(0, min(terms)), the first term
    capped at the others and never below zero; ``product`` — Π terms (a rate
    times a base). A blank term counts as zero. A term that is not a printed
    figure (a parameter, an intermediate result) has a path no sheet shows,
    and the report writes its value.
    """

    rule: str
    key: str
    subject: Text
    reported: FigureRef
    form: str  # sum | copy | capped | product
    terms: tuple[tuple[int, FigureRef], ...]
    expected: Decimal
    tolerance: Tolerance
