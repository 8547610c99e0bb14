"""The one exception type for input that cannot be read.

Every reader raises :class:`InputError` with the file and the place (line,
YAML path, ``Sheet!Cell``) so the command line can print one clear line and
exit 2. Nothing else in the readers should escape to the user.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ledger.vocabulary.labels import Msg

#: Line breaks (and the spaces around them) in a message from a library, and
#: control characters in a file name: the error must stay one line on stderr.
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


class InputError(Exception):
    """Input that cannot be read: names the file, the place and the problem.

    ``message`` is a catalogue text, ``msg("input.<id>", **params)`` (see
    :mod:`reports.catalogue`), which the command line renders in the user's
    language (:meth:`render`); ``str()`` is the English. A plain ``str`` is a
    library's own words, passed on as they are.
    """

    def __init__(self, file: str, place: "str | None", message: "str | Msg") -> None:
        self.file = str(file)
        self.place = place
        self.message = message
        super().__init__(str(self))

    def render(self, lang: str) -> str:
        """The one line, in ``lang`` (nb, nn or en): ``file:place: problem``."""
        where = f"{self.file}:{self.place}" if self.place else self.file
        where = _CONTROL.sub(lambda m: repr(m.group())[1:-1], where)  # a newline in a name prints as \n
        text = self.message if isinstance(self.message, str) else self.message(lang)
        return f"{where}: {one_line(text)}"

    def __str__(self) -> str:
        return self.render("en")


def one_line(text: str) -> str:
    """``text`` with its line breaks (and the spaces around them) as one space."""
    return _BREAKS.sub(" ", text)


class PlacedValueError(ValueError):
    """A value is malformed; the caller knows the file and place and adds them.

    Raised by pure parsers (the money parser, the codes of :mod:`ledger.core.accounts`) that do not know where
    their text came from. Readers catch it and re-raise :class:`InputError`, passing :attr:`message` (a catalogue
    text, :func:`reason`) on as a parameter of their own message. ``str()`` is the English.
    """

    def __init__(self, message: "str | Msg") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # rendered when asked for: a parser's caller may try many values that fail
        return self.message if isinstance(self.message, str) else self.message("en")


def reason(exc: BaseException) -> "str | Msg":
    """What an exception says, for a message's parameter: a :class:`PlacedValueError`'s or :class:`InputError`'s
    catalogue text, else the library's own words (``str(exc)``)."""
    from ledger.vocabulary.labels import Msg  # here: the vocabulary's money formatting imports this module

    if isinstance(exc, (PlacedValueError, InputError)):
        return exc.message
    first = exc.args[0] if len(exc.args) == 1 else None  # another exception raised with a catalogue text
    return first if isinstance(first, Msg) else str(exc)
