"""What avstem can check: the cash-model accounts of a gross-budgeted agency.

A net-budgeted agency (nettobudsjettert virksomhet: a university, a
research institute) is appropriated on post 50 alone and prints no
chart-of-accounts statement; it prepares a virksomhetsregnskap instead
(regulation.md §0.A.2). Checking its appropriation statement alone would
present a partial check as a complete one, so such accounts are refused,
decided from what the file holds: no chart-of-accounts statement, and
every expense row on post 50.
"""

from __future__ import annotations

from typing import Iterable

from ledger.core.accounts import PostKey
from ledger.core.errors import InputError
from ledger.vocabulary.labels import msg

NET_BUDGETED_POST = "50"


def refuse_net_budgeted(expense_posts: Iterable[PostKey], file: str, place: str | None) -> None:
    """Raise the one-line refusal when accounts without a chart-of-accounts statement report on post 50 only."""
    posts = list(expense_posts)
    if posts and all(key.post == NET_BUDGETED_POST for key in posts):
        raise InputError(file, place, msg("input.accounts.net_budgeted"))
