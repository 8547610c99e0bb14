"""JE — journal-entry tests on the ledger's lines (ISA 240 §32(a), A43).

The import runs the tests as queries on the ledger's engine
(:mod:`ledger.general_ledger.journal`) with the thresholds these rules
declare (:func:`journal_parameters`); the rules turn what they flagged into
findings. A finding names how many lines, the first of them and what
flagged them: it directs an auditor's attention and proves no breach, so it
is a warning (or an info), never an error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ledger.core.money import format_amount, from_ore
from ledger.general_ledger.journal import JournalParameters
from ledger.general_ledger.model import Benford, JournalTest
from ledger.vocabulary.labels import Text, decimal_mark, msg, same
from rules.context import RuleContext
from rules.findings import Kind, Severity
from rules.parameters import Parameters
from rules.references import BEST_2_5, BEST_3_4_2, CERQUETI_LUPI_2022, ISA_240, NIGRINI_2012
from rules.registry import rule

_NEEDS = "ledger"
#: The rule that reports each test of ledger.general_ledger.journal.TESTS.
RULE_OF = {"unbalanced": "JE-01", "exact_duplicates": "JE-02", "near_duplicates": "JE-02", "gaps": "JE-03",
           "repeats": "JE-03", "non_working_days": "JE-04", "post_closing": "JE-05", "period_end": "JE-05",
           "backdated": "JE-06", "round_amounts": "JE-07", "self_approval": "JE-08",
           "first_digit": "JE-09", "first_two_digits": "JE-09", "rare_accounts": "JE-10", "seldom_users": "JE-11",
           "below_limit": "JE-12", "limit_clusters": "JE-12", "unusual_combinations": "JE-13"}


def journal_parameters(parameters: Parameters, year: int | None) -> JournalParameters:
    """The thresholds of the journal-entry tests for ``year`` (the rules' parameters), in øre and days."""
    year = year or dt.date.today().year

    def value(name):
        return parameters.value(name, year)

    def ore(name) -> int:
        return int(Decimal(str(value(name))) * 100)

    def limits(name) -> tuple[Decimal, Decimal, Decimal]:
        close, acceptable, marginal = (Decimal(str(v)) for v in value(name))
        return close, acceptable, marginal

    return JournalParameters(
        duplicate_days=int(value("je.duplicates.days")), duplicate_floor=ore("je.duplicates.min_amount"),
        duplicate_most=int(value("je.duplicates.max_repeats")),
        period_end_days=int(value("je.period_end.days")), backdated_days=int(value("je.backdated.days")),
        round_unit=ore("je.round.unit"), max_jump=int(value("je.gaps.max_jump")),
        rare_lines=int(value("je.rare.lines")), seldom_lines=int(value("je.users.lines")),
        frequency_min=int(value("je.frequency.min_lines")), benford_min=int(value("je.benford.min_amounts")),
        z_limit=Decimal(str(value("je.benford.z_limit"))), lines_per_amount=int(value("je.benford.lines_per_amount")),
        mad_first=limits("je.benford.mad.first_digit"), mad_first_two=limits("je.benford.mad.first_two_digits"),
        approval_limits=tuple(int(Decimal(str(v)) * 100) for v in value("je.approval.limits")),
        approval_band=Decimal(str(value("je.approval.band"))), approval_z=Decimal(str(value("je.approval.z_limit"))),
        combination_vouchers=int(value("je.combinations.vouchers")),
        combination_common=int(value("je.combinations.common_lines")),
        combination_pairs=int(value("je.combinations.max_pairs")))


def _money(ore: int) -> Text:
    amount = from_ore(ore)
    return Text(format_amount(amount, "nb"), format_amount(amount, "nn"), format_amount(amount, "en"))


def _join(parts: list[Text]) -> Text:
    return Text(", ".join(p("nb") for p in parts), ", ".join(p("nn") for p in parts),
                ", ".join(p("en") for p in parts))


def _report(ctx: RuleContext, test: str, field: str, message: str, sample, severity: Severity = Severity.WARNING,
            kind: Kind = Kind.BREACH, **params) -> None:
    """One finding for a test that flagged lines: how many, the first of them, what flagged them."""
    journal = ctx.ledger.journal
    result: JournalTest | None = journal.tests.get(test) if journal else None
    if result is None or not result.count:
        return
    ledger = ctx.ledger
    shown = result.count if test == "gaps" else result.lines  # a gap's lines are the numbers missing
    rows = ", ".join(str(r) for r in result.rows) + (" …" if shown > len(result.rows) else "")
    samples = _join([sample(s) for s in dict.fromkeys(result.samples)])  # a voucher's lines share their sample
    ctx.add(test, message, kind=kind, severity=severity, location=ledger.info.source(result.rows[0], field),
            count=result.count, lines=result.lines, rows=rows, samples=samples,
            lines_at=msg("je.n_lines_at", n=result.lines, rows=rows), missing=msg("je.n_missing", n=result.lines),
            **params)


def _plain(text: str) -> Text:
    return same(text)


@rule("JE-01",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240, BEST_3_4_2), needs=_NEEDS)
def je01(ctx: RuleContext) -> None:
    """
    What it checks:
        The lines of each voucher (Bilagsnr, within its series where the
        export has Bilagsart) sum to nought, to the øre.
    Why it matters:
        Double entry makes every voucher balance; one that does not was
        exported in part, edited after posting or entered outside the
        system's controls, and the ledger it belongs to is not complete.
    Example:
        Voucher 40000557 with a debit of 12 345,67 and a credit of
        12 345,00: JE-01 names its first line and the difference 0,67.
    Legal basis:
        ISA 240 punkt 32(a) and A45 (completeness of the population of
        entries); bestemmelsene punkt 3.4.2.
    """

    def sample(s: str) -> Text:
        voucher, difference = s.split("|")
        money = _money(int(difference))
        return msg("je.sample.voucher", voucher=voucher, amount=money)

    _report(ctx, "unbalanced", "voucher", "je.unbalanced", sample)


@rule("JE-02",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS,
      parameters=("je.duplicates.days", "je.duplicates.min_amount", "je.duplicates.max_repeats"))
def je02(ctx: RuleContext) -> None:
    """
    What it checks:
        No two lines in different vouchers have the same account and amount
        (at least je.duplicates.min_amount) on the same day with the same
        text (exact duplicates), or within je.duplicates.days days (near
        duplicates). Each pair is named by its later line. An amount that
        recurs on an account more than je.duplicates.max_repeats times in the
        year is a standing amount (a fee, a salary) and is not paired.
    Why it matters:
        An invoice entered twice is paid twice; a near duplicate, a few days
        apart with another text, is how a second payment goes unnoticed.
    Example:
        A supplier invoice of 978 985,11 on account 2400 on 12.07. in
        vouchers 10003150 and 40000559: JE-02 names the second line and the
        first.
    Legal basis:
        ISA 240 punkt 32(a) and A43 (entries with unusual characteristics).
    """
    days = ctx.parameter("je.duplicates.days")
    floor = ctx.decimal("je.duplicates.min_amount")
    ctx.parameter("je.duplicates.max_repeats")

    def sample(s: str) -> Text:
        other, ore = s.split("|")
        money = _money(int(ore))
        return msg("je.sample.same_as_line", amount=money, line=other)

    _report(ctx, "exact_duplicates", "amount", "je.exact_duplicates", sample, floor=floor)
    _report(ctx, "near_duplicates", "amount", "je.near_duplicates", sample, days=days, floor=floor)


@rule("JE-03",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240, BEST_3_4_2), needs=_NEEDS,
      parameters=("je.gaps.max_jump",))
def je03(ctx: RuleContext) -> None:
    """
    What it checks:
        Within each series (Bilagsart, where the export has it) the voucher
        numbers follow on without a gap (a jump of more than je.gaps.max_jump
        starts a new range, not a gap), and no number is used on two dates.
    Why it matters:
        A missing number is a voucher deleted or never exported, so the
        ledger is not the whole population of entries; a number used twice
        is a voucher entered again over another one.
    Example:
        Manual vouchers 40000193 and 40000194 missing between 40000192 and
        40000195: JE-03 names the first line of 40000195.
    Legal basis:
        ISA 240 A45 (completeness of the journal entries tested);
        bestemmelsene punkt 3.4.2.
    """
    jump = ctx.parameter("je.gaps.max_jump")
    _report(ctx, "gaps", "voucher", "je.gaps", _plain, max_jump=jump)
    _report(ctx, "repeats", "voucher", "je.repeats", _plain)


@rule("JE-04",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS)
def je04(ctx: RuleContext) -> None:
    """
    What it checks:
        No line is dated, or entered (Registrert), on a Saturday, a Sunday
        or a Norwegian public holiday (the `holidays` package, pinned).
        Opening balances (period 00), dated 1 January by convention, are
        left out.
    Why it matters:
        A state agency books on working days; an entry made when nobody is
        at work was made outside the usual controls.
    Example:
        A manual voucher dated 17.05.2023: JE-04 names its lines.
    Legal basis:
        ISA 240 A43 (entries made at unusual times).
    """
    _report(ctx, "non_working_days", "date", "je.non_working_days", _plain)


@rule("JE-05",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS,
      parameters=("je.period_end.days",))
def je05(ctx: RuleContext) -> None:
    """
    What it checks:
        No line dated in the fiscal year was entered (Registrert) after
        31 December (a warning); lines dated or entered in the last
        je.period_end.days days of the year are counted (an info).
    Why it matters:
        Entries made after the books should have closed, or in the last
        days, are where results are adjusted; ISA 240 names them first
        among the entries to test.
    Example:
        A voucher dated 29.12.2023 and entered 03.01.2024: JE-05 warns and
        names its lines.
    Legal basis:
        ISA 240 A43 (entries recorded at the end of a period or post
        closing).
    """
    days = ctx.parameter("je.period_end.days")
    _report(ctx, "post_closing", "entered", "je.post_closing", _plain, year=ctx.ledger.year)
    _report(ctx, "period_end", "date", "je.period_end", _plain, severity=Severity.INFO, kind=Kind.NOTE,
            days=days, year=ctx.ledger.year)


@rule("JE-06",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS,
      parameters=("je.backdated.days",))
def je06(ctx: RuleContext) -> None:
    """
    What it checks:
        No line's accounting date (Dato) lies more than je.backdated.days
        days before its entry date (Registrert).
    Why it matters:
        An entry dated back into an earlier month changes figures already
        reported for it.
    Example:
        Dated 27.02.2023, entered 27.06.2023: JE-06 names its lines.
    Legal basis:
        ISA 240 A43 (backdated entries).
    """
    days = ctx.parameter("je.backdated.days")

    def sample(s: str) -> Text:
        dated, entered = s.split("|")
        return msg("je.sample.entered", dated=dated, entered=entered)

    _report(ctx, "backdated", "date", "je.backdated", sample, days=days)


@rule("JE-07",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS, parameters=("je.round.unit",))
def je07(ctx: RuleContext) -> None:
    """
    What it checks:
        No line's amount is a whole multiple of je.round.unit kroner
        (opening balances left out).
    Why it matters:
        Invoices and salaries are seldom round; estimates, provisions and
        invented entries often are.
    Example:
        A manual voucher of 250 000,00: JE-07 names its lines.
    Legal basis:
        ISA 240 A43 (entries containing round numbers).
    """
    unit = ctx.decimal("je.round.unit")
    _report(ctx, "round_amounts", "amount", "je.round_amounts", lambda s: _money(int(s)), unit=unit)


@rule("JE-08",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240, BEST_3_4_2), needs=_NEEDS)
def je08(ctx: RuleContext) -> None:
    """
    What it checks:
        Where the export has who entered (Bruker) and who approved
        (Godkjent av) each line, they are never the same person.
    Why it matters:
        Segregation of duties: the person who enters a voucher must not be
        the one who approves it.
    Example:
        A voucher entered and approved by INGSOL: JE-08 names its lines.
    Legal basis:
        ISA 240 A43; bestemmelsene punkt 2.4 and 3.4 (internal control,
        segregation of duties).
    """
    _report(ctx, "self_approval", "poster", "je.self_approval", _plain)


@rule("JE-09",
      severity=Severity.WARNING, tolerance="none", references=(NIGRINI_2012, CERQUETI_LUPI_2022, ISA_240),
      needs=_NEEDS, parameters=("je.benford.min_amounts", "je.benford.z_limit", "je.benford.lines_per_amount",
                                "je.benford.mad.first_digit", "je.benford.mad.first_two_digits"))
def je09(ctx: RuleContext) -> None:
    """
    What it checks:
        The first digit and the first two digits of the amounts of at least
        10 kr (opening balances left out) against Benford's law: Nigrini's
        mean absolute deviation (MAD) gives the conformity, read on what the
        MAD exceeds the deviation that as many amounts following the law show
        by chance, and a Z-statistic per digit with continuity correction
        finds a single spike, which MAD averages away. A spike is a digit above je.benford.z_limit whose share
        also exceeds Benford's by more than the MAD of close conformity: in a
        million amounts a deviation of 0.2 % is significant and immaterial.
        Double entry writes an amount on more than one line (a debit and
        the credit that balances it), so Z and the MAD expected by chance
        count je.benford.lines_per_amount lines as one amount.
        Nonconformity or a spike is a warning naming the lines of the spiking
        digits; otherwise an info gives the conformity.
    Why it matters:
        Amounts that arise from many independent transactions follow
        Benford's law; invented amounts, or many just under an approval
        limit, do not.
    Example:
        1 500 vouchers of 49 000–49 999 kr in a ledger of 20 000 lines:
        first two digits 49 with Z far above je.benford.z_limit, MAD
        nonconformity.
    Legal basis:
        Nigrini (2012) ch. 5 and 7; the MAD expected by chance: Cerqueti and
        Lupi (2022) section 3; ISA 240 A43 (unusual amounts).
    """
    journal = ctx.ledger.journal
    if journal is None:
        return
    z_limit = ctx.decimal("je.benford.z_limit")
    minimum = ctx.parameter("je.benford.min_amounts")
    for key in ("first_digit", "first_two_digits"):
        result: Benford | None = journal.benford.get(key)
        if result is None:
            continue
        params = dict(n=result.n, mad=deviation_text(result.mad), chance=deviation_text(result.chance),
                      conformity=CONFORMITY[result.conformity],
                      test=TEST_NAMES[key], minimum=minimum)
        location = ctx.ledger.info.source(result.rows[0] if result.rows else 2, "amount")
        if result.spikes or result.conformity == "nonconformity":
            rows = ", ".join(str(r) for r in result.rows) + (" …" if result.lines > len(result.rows) else "")
            spikes = ", ".join(str(d) for d in result.spikes) or "–"
            ctx.add(key, "je.benford", location=location, lines=result.lines, rows=rows or "–", spikes=spikes,
                    z_limit=z_limit, **params)
        else:
            ctx.add(key, "je.benford_conformity", kind=Kind.NOTE, severity=Severity.INFO, location=location,
                    **params)


@rule("JE-10",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS,
      parameters=("je.rare.lines", "je.frequency.min_lines"))
def je10(ctx: RuleContext) -> None:
    """
    What it checks:
        No account has je.rare.lines ledger lines or fewer in the year
        (opening balances left out), in a ledger of at least
        je.frequency.min_lines lines.
    Why it matters:
        An entry on an account the agency hardly uses is where a transaction
        is hidden or misclassified.
    Example:
        Account 1799 used once, by a manual voucher: JE-10 names its line.
    Legal basis:
        ISA 240 A43 (entries to unrelated, unusual or seldom-used
        accounts).
    """
    lines = ctx.parameter("je.rare.lines")
    ctx.parameter("je.frequency.min_lines")
    _report(ctx, "rare_accounts", "account", "je.rare_accounts", _plain, limit=lines,
            limit_lines=msg("je.n_lines", n=lines))


@rule("JE-11",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS,
      parameters=("je.users.lines", "je.frequency.min_lines"))
def je11(ctx: RuleContext) -> None:
    """
    What it checks:
        Where the export says who entered each line (Bruker), no user entered
        je.users.lines lines or fewer in the year, in a ledger of at least
        je.frequency.min_lines lines.
    Why it matters:
        Someone outside the accounting staff who makes an entry (a manager,
        a generic or former user) makes it outside the usual routine.
    Example:
        OLANOR entered one voucher of two lines: JE-11 names them.
    Legal basis:
        ISA 240 A43 (entries made by individuals who typically do not make
        journal entries).
    """
    lines = ctx.parameter("je.users.lines")
    ctx.parameter("je.frequency.min_lines")
    _report(ctx, "seldom_users", "poster", "je.seldom_users", _plain, limit=lines,
            limit_lines=msg("je.n_lines", n=lines))


@rule("JE-12",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240, BEST_2_5), needs=_NEEDS,
      parameters=("je.approval.limits", "je.approval.band", "je.approval.z_limit"))
def je12(ctx: RuleContext) -> None:
    """
    What it checks:
        The amounts just below each approval limit (je.approval.limits,
        within je.approval.band under it; opening balances left out) against
        the amounts around the limit: where the band holds more entries than
        the bands of the same width on either side give (five each, on a log
        scale, as a smooth distribution of amounts does), with a Z-statistic
        above je.approval.z_limit, it warns and names the lines in the band;
        otherwise an info names them for the auditor's sample. An entry is
        one amount in one voucher, so an invoice's debit and credit count
        once.
    Why it matters:
        An invoice split in two, or an amount fitted to stay under the
        limit, escapes the approval the limit demands. A line just below a
        limit is ordinary by itself; many of them, more than the amounts
        around the limit explain, are the pattern. The agency's own limits
        (its økonomiinstruks) are not public: the default 100 000 and
        500 000 kr is an assumption to be set per agency in avstem.toml.
    Example:
        31 entries of 490 000–499 999 kr where the amounts around 500 000 kr
        give 7.7: Z 8.6, JE-12 warns and names their lines.
    Legal basis:
        ISA 240 punkt 32(a) and A43 (entries with unusual amounts);
        bestemmelsene punkt 2.5.2 (transaction control: the authority to
        dispose of the budget, delegated with its limits, and attestation).
    """
    band = ctx.decimal("je.approval.band")
    limits = [Decimal(str(v)) for v in ctx.parameter("je.approval.limits")]
    ctx.parameter("je.approval.z_limit")
    percent = _number(band * 100)
    shown = _join([_money(int(v * 100)) for v in limits])
    journal = ctx.ledger.journal
    clusters = journal.tests.get("limit_clusters") if journal else None

    def cluster(s: str) -> Text:
        limit, n, expected, z = s.split("|")
        return msg("je.sample.limit_cluster", limit=_money(int(limit)), n=int(n), expected=_number(Decimal(expected)),
                   z=_number(Decimal(z)))

    if clusters is not None and clusters.count:
        _report(ctx, "limit_clusters", "amount", "je.limit_clusters", cluster, band=percent)
    else:
        _report(ctx, "below_limit", "amount", "je.below_limit", lambda s: _money(int(s)), severity=Severity.INFO,
                kind=Kind.NOTE, band=percent, limits=shown)


@rule("JE-13",
      severity=Severity.WARNING, tolerance="none", references=(ISA_240,), needs=_NEEDS,
      parameters=("je.combinations.vouchers", "je.combinations.common_lines", "je.combinations.max_pairs",
                  "je.frequency.min_lines"))
def je13(ctx: RuleContext) -> None:
    """
    What it checks:
        No combination of a debit account and a credit account is seen in
        je.combinations.vouchers vouchers or fewer in the year where the
        debit account has at least je.combinations.common_lines debit lines
        and the credit account as many credit lines (opening balances left
        out; a ledger of at least je.frequency.min_lines lines). The pairs
        come from Motkonto where the export has it; otherwise from the
        accounts each voucher debits and credits (a voucher with more than
        je.combinations.max_pairs pairs is not paired).
    Why it matters:
        Each account in daily use on its side, the two together almost
        never: an entry that sets one against the other (the settlement
        account debited against supplier payables, revenue debited against
        cash) moves money along a path the routines do not, and is where
        a misstatement or a diversion hides.
    Example:
        Account 1920 debited against 2400 in one voucher of the year, both
        accounts used every day on those sides: JE-13 names its lines.
    Legal basis:
        ISA 240 A43 (entries made to unrelated, unusual or seldom-used
        accounts).
    """
    vouchers = ctx.parameter("je.combinations.vouchers")
    common = ctx.parameter("je.combinations.common_lines")
    ctx.parameter("je.combinations.max_pairs")
    ctx.parameter("je.frequency.min_lines")

    def pair(s: str) -> Text:
        debit, credit = s.split("|")
        return msg("je.sample.combination", debit=debit, credit=credit)

    _report(ctx, "unusual_combinations", "account", "je.unusual_combinations", pair, limit=vouchers, common=common,
            limit_vouchers=msg("je.n_vouchers", n=vouchers))


def _number(value: Decimal) -> Text:
    """A plain number with the fewest decimals."""
    return decimal_mark(format(value.normalize(), "f"))


def deviation_text(value: Decimal) -> Text:
    """A mean absolute deviation as the finding and the journal sheet say it: five decimals."""
    return decimal_mark(format(value.quantize(Decimal("0.00001")), "f"))


TEST_NAMES = {"first_digit": Text("Første siffer", "Første siffer", "First digit"),
          "first_two_digits": Text("De to første sifrene", "Dei to første siffera", "First two digits")}
CONFORMITY = {
    "close": Text("nær samsvar", "nært samsvar", "close conformity"),
    "acceptable": Text("akseptabelt samsvar", "akseptabelt samsvar", "acceptable conformity"),
    "marginal": Text("marginalt akseptabelt samsvar", "marginalt akseptabelt samsvar",
                     "marginally acceptable conformity"),
    "nonconformity": Text("manglende samsvar", "manglande samsvar", "nonconformity"),
    "too_few": Text("for få beløp til å vurdere", "for få beløp til å vurdere", "too few amounts to judge"),
}
