"""The findings an agency-year's truth expects: what the regulation says about it, not what avstem does.

A lawful agency gives no error. It gives a warning only where the truth holds something a reader must be
told: an overspend nothing explains (OS-01); a 5 % maximum computed on samlet tildeling, IMDi's reading
(T-02, a warning by ``rules/parameters.yaml``); receipts booked on an expense post, which move money between
the two sides X-06 and X-07 compare (those rules' documented soft case). It gives an info where a
merutgift is explained (OS-01) and where a two-year cap cannot be verified because last year's
appropriation is not stated (T-03); rounding notes are never expected and never a failure.

An expectation may name several rules where the issues leave open which rule reports it (issue 12.6: "one
rule, one severity").
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.findings import Finding, Kind
from tests.lawful.printed import note_b_rows, printed_expenses, row_figures
from tests.lawful.truth import Truth


@dataclass(frozen=True)
class Expect:
    rules: tuple[str, ...]
    key: str
    severity: str
    #: allowed, not required: a finding that depends on how the figures happened to print
    optional: bool = False

    def matches(self, finding: Finding) -> bool:
        return finding.rule in self.rules and finding.key == self.key and finding.severity.label == self.severity

    def __str__(self) -> str:
        return f"{'/'.join(self.rules)} {self.severity} {self.key}"


def expected(truth: Truth, *, context_given: bool = True) -> list[Expect]:
    out: list[Expect] = []
    for post in printed_expenses(truth):
        allocation, accounts, _ = row_figures(truth, post)
        if accounts <= allocation or post.key.is_underpost:  # underposts are judged by their net post
            continue
        out.append(Expect(("OS-01",), str(post.key), "warning" if post.key in truth.unexplained else "info"))
    for row in note_b_rows(truth):
        if not row.printed:
            continue
        key = f"note_b.{row.key}"
        if row.kind == "percentage" and row.maximum != row.maximum_arets:
            out.append(Expect(("T-02",), f"{key}.maximum", "warning"))
        if row.kind == "two_year" and not (context_given and truth.priors_stated):
            out.append(Expect(("T-03",), f"{key}.maximum", "info"))
        if truth.presentation.stikkord_column_partial and "," in _stikkord_of(truth, row.key):
            # one of two printed: a warning (12.5); without the context, where the text part names both
            out.append(Expect(("T-07",), f"{key}.stikkord", "warning", optional=not context_given))
        if not context_given:  # a decision read off Note B's column alone: T-01 says it has nothing to compare
            if row.reallocation and row.key.post in ("01", "21", "45"):
                # a decision where the column's heading allows its sign and no «kan nyttes under» explains it
                out.append(Expect(("T-01",), f"{key}.reallocation", "info", optional=True))
            if row.savings:
                out.append(Expect(("T-01",), f"{key}.savings", "info"))
        if row.key in truth.transfer_asked:  # asks less than it may: one rule, an info naming both figures
            out.append(Expect(("NB-04", "T-05"), f"{key}.transferable", "info"))
    if truth.presentation.revenue_column == "partial":  # how BR-02 read a partly filled column (issue 12.4)
        # only where some rows are filled and some not: the reading is said then
        out.append(Expect(("BR-02",), "appropriation.revenue_total.difference.reading", "info", optional=True))
    if any(ore < 0 and post.key.is_underpost for post in truth.expenses for _, ore in post.postings):
        out.append(Expect(("X-06",), "appropriation.expense_total.accounts", "warning"))
        out.append(Expect(("X-07",), "appropriation.revenue_total.accounts", "warning"))
    return out


def _stikkord_of(truth: Truth, key) -> str:
    """The post's stikkord in full, joined («kan overføres, kan nyttes under post 70»)."""
    return ", ".join(k.text(truth.language) for k in truth.expense(key).stikkord)


def compare(findings: tuple[Finding, ...], expectations: list[Expect]) -> tuple[list[Finding], list[Expect]]:
    """(findings the truth does not expect, expectations no finding meets); rounding notes are left out."""
    judged = [f for f in findings if f.kind is not Kind.ROUNDING]
    unmet = [e for e in expectations if not e.optional and not any(e.matches(f) for f in judged)]
    false = [f for f in judged if not any(e.matches(f) for e in expectations)]
    return false, unmet
