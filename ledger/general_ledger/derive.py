"""Derive the statements from the ledger: sums in integer øre, exact.

Regnskap per kapittel/post (appropriation statement), the chart-of-accounts
lines through the kontoplan mapping (totals by the layout's own sums), the
felleskapitler lines (accounts 1985–1987 are chart lines too) and the
mellomværende lines at year end and, where the ledger marks its opening
balances (period 00), at the start of the year.

Ledger sign: debit positive, credit negative. Revenue chapters
(:data:`~ledger.core.accounts.REVENUE_CHAPTERS`, and any kapittel beyond them)
show the credit sum as a positive figure, every other kapittel the debit sum;
chart lines take their sign from :func:`ledger.general_ledger.kontoplan.line_sign`.

int64 sums are exact while n × max|amount| < 2^63 ≈ 9.22·10^18 øre (e.g.
10^7 lines of up to 9.2·10^11 øre each, 9.2 billion kroner); the money
parser caps one amount at 10^15 kr = 10^17 øre. When the bound does not hold
the sums are taken in Python integers instead, exact at any size.
"""

from __future__ import annotations

import numpy as np

from ledger.core.accounts import REVENUE_CHAPTERS, PostKey
from ledger.general_ledger.kontoplan import NOT_REPORTED, Kontoplan, is_balance_line, line_sign, needs_post_line
from ledger.general_ledger.model import Derived, Unplaced
from ledger.vocabulary.layout import CHART

INT64_MAX = (1 << 63) - 1
SAMPLE = 10


def group_sums(codes: np.ndarray, ore: np.ndarray, rows: np.ndarray, groups: int) -> tuple[list[int], list[int]]:
    """Σ ore per code 0..groups−1, exact (int64 when it cannot overflow, else Python ints),
    and the first row of each code (−1 where a code has no line). Lines with code −1 are left out
    (a mask costs one pass; taking the subset out would copy three arrays)."""
    sums, first = [0] * groups, [-1] * groups
    if len(ore) == 0:
        return sums, first
    bins = codes + 1  # bin 0: the lines left out
    lowest = np.full(groups + 1, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(lowest, bins, rows)  # unbuffered, in place: one pass, no sort
    present = np.flatnonzero(lowest[1:] != np.iinfo(np.int64).max)
    for code, row in zip(present.tolist(), lowest[1:][present].tolist()):
        first[code] = row
    if max(int(ore.max()), -int(ore.min())) * len(ore) <= INT64_MAX:  # no |ore| array of 10^7
        totals = np.zeros(groups + 1, np.int64)
        np.add.at(totals, bins, ore)
        for code in present.tolist():
            sums[code] = int(totals[code + 1])
    else:  # beyond int64: Python integers, exact at any size
        for code, amount in zip(codes.tolist(), ore.tolist()):
            if code >= 0:
                sums[code] += amount
    return sums, first


def derive(key_codes: np.ndarray, keys: list[tuple[str, str]], account_blank: np.ndarray, accounts,
           target: np.ndarray, ore: np.ndarray, parsed: np.ndarray, rows: np.ndarray,
           opening: np.ndarray | None, plan: Kontoplan) -> Derived:
    """Arrays are per ledger line. ``key_codes``: index into ``keys`` (kapittel, post), −1 where either is
    blank; ``accounts``: the account texts (a :class:`~ledger.general_ledger.coded.Coded`, for samples); ``target``: index into
    ``plan.lines`` or −1 when the account is unmapped; ``ore``: int64 øre, 0 where ``parsed`` is False;
    ``opening``: True on opening-balance lines, or None when the ledger cannot say."""
    lines = plan.lines
    is_balance = np.array([t != NOT_REPORTED and is_balance_line(t) for t in lines] + [False])
    is_reported = np.array([needs_post_line(t) for t in lines] + [True])
    t = np.where(target < 0, len(lines), target)  # unmapped accounts count as reported: they need a post

    has_key = key_codes >= 0
    unplaced = []
    for reason, mask in (("no_account", account_blank),
                         ("unmapped_account", ~account_blank & (target < 0)),
                         ("no_kapittel_post", ~account_blank & is_reported[t] & ~has_key)):
        if mask.any():
            idx = np.flatnonzero(mask)
            (total,), _ = group_sums(np.zeros(len(idx), np.int64), ore[idx], rows[idx], 1)
            unplaced.append(Unplaced(reason, len(idx), total, tuple(rows[idx[:SAMPLE]].tolist()),
                                     tuple(accounts.text(idx[:SAMPLE]))))

    # regnskap per kapittel/post
    sums, firsts = group_sums(np.where(parsed, key_codes, -1), ore, rows, len(keys))
    posts, post_rows, revenue = {}, {}, set()
    for (chapter, post), total, first in zip(keys, sums, firsts):
        if first < 0:
            continue
        key = PostKey(chapter, post)
        # From the first revenue chapter up. A kapittel beyond the revenue chapters (6000 and up) is no chapter
        # of the state budget; it counts as revenue here, as it always has: PostKey.is_revenue would make it an
        # expense, which changes findings on malformed ledgers (a five-digit "06700") and awaits a decision.
        is_revenue = chapter.isascii() and chapter.isdigit() and int(chapter) >= REVENUE_CHAPTERS.start
        if is_revenue:
            revenue.add(key)
        posts[key] = posts.get(key, 0) + (-total if is_revenue else total)
        post_rows[key] = min(first, post_rows.get(key, first))

    # chart lines: detail sums by mapped line, then the layout's totals
    line_sums, line_firsts = group_sums(np.where(parsed, target, -1), ore, rows, len(lines))
    details = {line: line_sign(line) * total for line, total in zip(lines, line_sums) if line != NOT_REPORTED}
    chart_rows = {line: first for line, first in zip(lines, line_firsts) if first >= 0 and line != NOT_REPORTED}
    chart = {line.id: sum(coef * details.get(d, 0) for d, coef in CHART.in_details(line.id).items())
             for line in CHART.lines}

    opening_sums = None
    if opening is not None:
        idx = np.flatnonzero(opening & (target >= 0) & parsed)
        idx = idx[is_balance[target[idx]]]
        opening_lines = dict(zip(lines, group_sums(target[idx], ore[idx], rows[idx], len(lines))[0]))
        opening_sums = {line.id: sum(coef * opening_lines.get(d, 0) for d, coef in CHART.in_details(line.id).items())
                        for line in CHART.lines if line.block == "balance"}
    return Derived(posts, post_rows, frozenset(revenue), chart, chart_rows, opening_sums, tuple(unplaced))
