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

The sums come from the engine, one per group of lines with the same account,
kapittel, post and period as written (:func:`ledger.general_ledger.sql.profile`),
exact at any size (DuckDB HUGEINT, Spark DECIMAL(38,0)); here they are added
in Python integers per kapittel/post and per chart line. The groups are few
(a few thousand in a ledger of millions of lines).
"""

from __future__ import annotations

from typing import Callable

from ledger.core.accounts import REVENUE_CHAPTERS, PostKey
from ledger.general_ledger.kontoplan import NOT_REPORTED, Kontoplan, is_balance_line, line_sign, needs_post_line
from ledger.general_ledger.model import Derived, Unplaced
from ledger.vocabulary.layout import CHART

SAMPLE = 10


def derive(groups: list[dict], accounts, plan: Kontoplan, has_period: bool,
           first_lines: Callable[..., tuple[tuple[int, ...], tuple[str, ...]]]) -> Derived:
    """``groups``: the engine's groups, each with its keys trimmed (``account``, ``chapter``, ``post``,
    ``period``) and as written (``raw_account`` …), ``n`` lines, ``ore`` (the sum of those that parse, or
    None), ``parsed``, ``first`` and ``first_parsed`` (line numbers). ``accounts``: per distinct account
    as written, its chart line (``target``, −1 unmapped) and whether it is blank. ``first_lines(reason,
    accounts, blank chapters, blank posts)`` gives the first lines of unplaced lines and their accounts."""
    from ledger.general_ledger.importer import is_opening

    lines = plan.lines
    is_reported = [needs_post_line(t) for t in lines] + [True]  # unmapped accounts count as reported
    target_of = {raw: int(t) for raw, t in zip(accounts.raw, accounts.target)}
    blank_of = {raw: bool(b) for raw, b in zip(accounts.raw, accounts.blank)}

    unplaced_groups: dict[str, list[dict]] = {"no_account": [], "unmapped_account": [], "no_kapittel_post": []}
    posts_first: dict[tuple[str, str], int] = {}  # every (kapittel, post) pair, by its first line
    post_sums: dict[tuple[str, str], int] = {}
    post_first_parsed: dict[tuple[str, str], int] = {}
    line_sums = [0] * len(lines)
    line_first = [None] * len(lines)
    opening_sums = [0] * len(lines)
    for g in groups:
        ore = int(g["ore"]) if g["ore"] is not None else 0
        target = target_of[g["raw_account"]]
        has_key = g["chapter"] != "" and g["post"] != ""
        if blank_of[g["raw_account"]]:
            unplaced_groups["no_account"].append(g)
        elif target < 0:
            unplaced_groups["unmapped_account"].append(g)
        if not blank_of[g["raw_account"]] and is_reported[target if target >= 0 else len(lines)] and not has_key:
            unplaced_groups["no_kapittel_post"].append(g)
        pair = (g["chapter"], g["post"])
        posts_first[pair] = min(g["first"], posts_first.get(pair, g["first"]))
        if g["parsed"]:
            if has_key:
                post_sums[pair] = post_sums.get(pair, 0) + ore
                post_first_parsed[pair] = min(g["first_parsed"], post_first_parsed.get(pair, g["first_parsed"]))
            if target >= 0:
                line_sums[target] += ore
                line_first[target] = min(g["first_parsed"], line_first[target] or g["first_parsed"])
                if has_period and is_opening(g["period"]) and lines[target] != NOT_REPORTED \
                        and is_balance_line(lines[target]):
                    opening_sums[target] += ore

    unplaced = []
    for reason, members in unplaced_groups.items():
        if not members:
            continue
        raw_accounts = sorted({g["raw_account"] for g in members})
        blank_chapters = blank_posts = None
        if reason == "no_kapittel_post":
            blank_chapters = sorted({g["raw_chapter"] for g in members if g["chapter"] == ""})
            blank_posts = sorted({g["raw_post"] for g in members if g["post"] == ""})
        rows, samples = first_lines(reason, raw_accounts, blank_chapters, blank_posts)
        total = sum(int(g["ore"]) for g in members if g["ore"] is not None)
        unplaced.append(Unplaced(reason, sum(int(g["n"]) for g in members), total, rows, samples))

    # regnskap per kapittel/post, in the order the pairs first occur
    posts, post_rows, revenue = {}, {}, set()
    for (chapter, post) in sorted(post_sums, key=lambda pair: posts_first[pair]):
        key = PostKey(chapter, post)
        # From the first revenue chapter up. A kapittel beyond the revenue chapters (6000 and up) is no chapter
        # of the state budget; it counts as revenue here, as it always has: PostKey.is_revenue would make it an
        # expense, which changes findings on malformed ledgers (a five-digit "06700") and awaits a decision.
        is_revenue = chapter.isascii() and chapter.isdigit() and int(chapter) >= REVENUE_CHAPTERS.start
        if is_revenue:
            revenue.add(key)
        total = post_sums[(chapter, post)]
        posts[key] = posts.get(key, 0) + (-total if is_revenue else total)
        first = post_first_parsed[(chapter, post)]
        post_rows[key] = min(first, post_rows.get(key, first))

    # chart lines: detail sums by mapped line, then the layout's totals
    details = {line: line_sign(line) * total for line, total in zip(lines, line_sums) if line != NOT_REPORTED}
    chart_rows = {line: first for line, first in zip(lines, line_first) if first is not None and line != NOT_REPORTED}
    chart = {line.id: sum(coef * details.get(d, 0) for d, coef in CHART.in_details(line.id).items())
             for line in CHART.lines}
    opening = None
    if has_period:
        opening_lines = dict(zip(lines, opening_sums))
        opening = {line.id: sum(coef * opening_lines.get(d, 0) for d, coef in CHART.in_details(line.id).items())
                   for line in CHART.lines if line.block == "balance"}
    return Derived(posts, post_rows, frozenset(revenue), chart, chart_rows, opening, tuple(unplaced))
