"""What a lower layer's exception says, for an input error that passes it on.

A reader that catches a parser's ``ValueError`` (or another reader's
:class:`~ledger.core.errors.InputError`) and re-raises it with its own place
passes the words on as ``{detail}``: the lower layer's catalogue text when it
carries one (rendered in the user's language), else its own words as they are.
"""

from __future__ import annotations

from ledger.core.errors import InputError
from ledger.vocabulary.labels import Msg


def reason(exc: BaseException) -> "str | Msg":
    """``exc``'s message: a :class:`Msg` when it is one, else ``str(exc)``."""
    if isinstance(exc, InputError):
        return exc.message
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Msg) else str(exc)
