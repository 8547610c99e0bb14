"""What a rule function receives: its typed inputs, its parameters, and helpers that make findings.

A rule reads only what it declares: the inputs named in ``needs=`` (the
accounts, which the context of the appropriations and last year's figures
come with; the ledger; accepted deviations; the findings of the rules run
before it) and the parameters named in ``parameters=``. Reading anything
else raises :class:`UndeclaredRead` — a defect of the catalogue, not of the
input.

The helpers hold the one way avstem judges a difference: zero passes; a
difference inside the tolerance is an ``info`` rounding finding that shows
the tolerance (under ``HALF_KRONE`` it is the printing's own rounding and
passes, recorded for the report's recalculation); anything else is a finding
at the rule's severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence

from ledger.core.accounts import Accounts, Figure, PriorYear
from ledger.core.source import Source
from ledger.vocabulary.labels import Text, msg, phrase, same
from rules.findings import Computation, FigureRef, Finding, Kind, Severity, Tolerance
from rules.registry import Rule
from rules.settings import Settings
from rules.tolerance import EXACT, interval, rounded

if TYPE_CHECKING:
    from ledger.core.published import KeyFigures, Published
    from ledger.general_ledger.model import Ledger
    from rules.deviations import Deviation

#: A part of a sum: its sign, the figure, and what it is (for the report).
Part = tuple[int, Figure, Text]

REPORTED = msg("figure.reported")
COPIED_FROM = msg("figure.copied_from")

#: How the expected figure was computed: a form (see :class:`Computation`)
#: and its signed terms.
Computed = tuple[str, Sequence[tuple[int, Figure]]]


class UndeclaredRead(LookupError):
    """A rule read an input or a parameter that its declaration does not name."""


@dataclass(frozen=True)
class Inputs:
    """What one run gives the rules (None: not given)."""

    accounts: Accounts | None = None
    prior: PriorYear | None = None
    ledger: Ledger | None = None
    deviations: tuple[Deviation, ...] | None = None
    findings: tuple[Finding, ...] = ()  # the findings of the rules run so far


class RuleContext:
    def __init__(self, rule: Rule, inputs: Inputs, settings: Settings = Settings(), *,
                 year: int | None = None) -> None:
        self.rule = rule
        self._inputs = inputs
        self._settings = settings
        #: The fiscal year: the accounts', or the ledger's when there are no accounts.
        self.year = year if year is not None else run_year(inputs)
        self.findings: list[Finding] = []
        self.computations: list[Computation] = []

    # -- what the rule reads ----------------------------------------------------
    def _read(self, name: str) -> Any:
        self._declared(name)
        return getattr(self._inputs, name)

    def _declared(self, name: str) -> None:
        if name not in self.rule.reads:
            raise UndeclaredRead(f"{self.rule.id} reads {name}, but declares needs={self.rule.needs!r}")

    @property
    def accounts(self) -> Accounts:
        return self._read("accounts")

    @property
    def prior(self) -> PriorYear:
        return self._read("prior")

    @property
    def key_figures(self) -> KeyFigures:
        """The key-figure table (declare ``key_figures`` in ``needs=``)."""
        self._declared("key_figures")
        return self._inputs.accounts.published.key_figures

    @property
    def report(self) -> Published:
        """The published report as read: quoted figures, restorations (declare ``report`` in ``needs=``)."""
        self._declared("report")
        return self._inputs.accounts.published

    @property
    def ledger(self) -> Ledger:
        return self._read("ledger")

    @property
    def deviations(self) -> tuple[Deviation, ...]:
        return self._read("deviations")

    @property
    def earlier_findings(self) -> tuple[Finding, ...]:
        """The findings of the rules run before this one (declare ``findings`` in ``needs=``)."""
        return self._read("findings")

    def parameter(self, name: str) -> Any:
        """A dated parameter's value for the year (with the configuration's choice), if the rule declares it."""
        if name not in self.rule.parameters:
            raise UndeclaredRead(f"{self.rule.id} reads the parameter {name}, but declares "
                                 f"parameters={self.rule.parameters!r}")
        return self._settings.parameters.value(name, self.year)

    def decimal(self, name: str) -> Decimal:
        return Decimal(str(self.parameter(name)))

    # -- tolerances -----------------------------------------------------------
    def interval(self, parts: int) -> Tolerance:
        return interval(parts, self._settings.tolerance_cap)

    # -- the judgement --------------------------------------------------------
    def compare(
        self,
        key: str,
        subject: Text,
        actual: Figure,
        expected: Decimal,
        tolerance: Tolerance,
        figures: Sequence[FigureRef] = (),
        *,
        breach: str = "sum.breach",
        rounding: str = "sum.rounding",
        severity: Severity | None = None,
        computed: Computed | None = None,
        **params: Any,
    ) -> Finding | None:
        """Compare a reported figure with what it should be; record the outcome.

        ``severity`` overrides the rule's severity for a breach found here (a
        rule whose findings differ in weight, e.g. T-02's other reading).
        ``computed`` says how ``expected`` was arrived at; it is recorded
        whether or not the figures agree, for reports that redo the arithmetic.
        """
        if computed is not None:
            form, terms = computed
            self.computations.append(Computation(
                self.rule.id, key, subject, FigureRef("reported", actual.value, actual.source), form,
                tuple((sign, FigureRef("term", f.value, f.source)) for sign, f in terms), expected, tolerance))
        difference = actual.amount - expected
        if difference == 0:
            return None
        rounding_only = tolerance.amount > 0 and tolerance.allows(difference)
        if rounding_only and not tolerance.notes:  # a whole-krone figure printed from an exact amount
            return None
        finding = Finding(
            rule=self.rule.id,
            severity=Severity.INFO if rounding_only else (severity or self.rule.severity),
            kind=Kind.ROUNDING if rounding_only else Kind.BREACH,
            key=key,
            message=rounding if rounding_only else breach,
            params={"subject": subject, **params},
            expected=expected,
            actual=actual.amount,
            difference=difference,
            tolerance=tolerance,
            location=actual.source,
            figures=tuple(figures) or (FigureRef("reported", actual.value, actual.source, REPORTED),),
        )
        self.findings.append(finding)
        return finding

    def check_sum(self, key: str, subject: Text, total: Figure, parts: Sequence[Part], *, exact: bool = False,
                  whole: Sequence[Figure] = ()) -> Finding | None:
        """A reported total against the signed sum of printed parts.

        The tolerance counts the figures rounded from øre (the interval rule):
        not blank ones, not those in ``whole`` (whole kroner by nature, such as
        an allocation), none at all when ``exact`` (every figure is whole).
        """
        expected = sum((sign * figure.amount for sign, figure, _ in parts), Decimal(0))
        figures = [FigureRef("reported", total.value, total.source, REPORTED)]
        for sign, figure, label in parts:
            mark = "+" if sign > 0 else "−"
            figures.append(FigureRef(f"{mark} {label('en')}", figure.value, figure.source,
                                     phrase(same(mark), label, sep=" ")))
        return self.compare(key, subject, total, expected, self.sum_tolerance(total, parts, exact=exact, whole=whole),
                            figures, computed=("sum", [(sign, figure) for sign, figure, _ in parts]), n=len(parts))

    def sum_tolerance(self, total: Figure | None, parts: Sequence[Part], *, exact: bool = False,
                      whole: Sequence[Figure] = ()) -> Tolerance:
        """The interval tolerance of a sum (see :meth:`check_sum`); ``total`` None: a total not printed."""
        if exact:
            return EXACT
        figures = ([total] if total is not None else []) + [f for _, f, _ in parts]
        count = sum(1 for figure in figures if not figure.blank and not any(figure is w for w in whole))
        return rounded(count, self._settings.tolerance_cap)

    def check_copy(self, key: str, subject: Text, actual: Figure, expected: Figure, other: Text) -> Finding | None:
        """A figure that is copied from another place must be identical."""
        figures = [FigureRef("reported", actual.value, actual.source, REPORTED),
                   FigureRef(f"copied from: {other('en')}", expected.value, expected.source,
                             phrase(COPIED_FROM, other, sep=": "))]
        return self.compare(key, subject, actual, expected.amount, EXACT, figures,
                            breach="copy.breach", computed=("copy", [(1, expected)]), other=other)

    def add(
        self,
        key: str,
        message: str,
        *,
        kind: Kind = Kind.BREACH,
        severity: Severity | None = None,
        location: Source | None = None,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        difference: Decimal | None = None,
        tolerance: Tolerance | None = None,
        figures: Sequence[FigureRef] = (),
        **params: Any,
    ) -> Finding:
        """Record any other finding (a missing row, a wrong sign, an explanation).

        ``tolerance``: the one the rule's comparison would have applied, where the rule compares figures
        (a missing row of a rule that checks copies is judged exactly); none where it declares none.
        """
        if difference is None and expected is not None and actual is not None:
            difference = actual - expected
        finding = Finding(
            rule=self.rule.id,
            severity=severity if severity is not None else self.rule.severity,
            kind=kind,
            key=key,
            message=message,
            params=params,
            expected=expected,
            actual=actual,
            difference=difference,
            tolerance=tolerance,
            location=location,
            figures=tuple(figures),
        )
        self.findings.append(finding)
        return finding


def run_year(inputs: Inputs) -> int | None:
    """The fiscal year a run is about: the accounts', or the ledger's without them."""
    if inputs.accounts is not None:
        return inputs.accounts.year
    return inputs.ledger.year if inputs.ledger is not None else None
