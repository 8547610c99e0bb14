"""The one exception type for input that cannot be read.

Every reader raises :class:`InputError` with the file and the place (line,
YAML path, ``Sheet!Cell``) so the command line can print one clear line and
exit 2. Nothing else in the readers should escape to the user.
"""

from __future__ import annotations

import re

#: Line breaks (and the spaces around them) in a message from a library, and
#: control characters in a file name: the error must stay one line on stderr.
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


class InputError(Exception):
    """Input that cannot be read: names the file, the place and the problem."""

    def __init__(self, file: str, place: str | None, message: str) -> None:
        self.file = str(file)
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.place}" if self.place else self.file
        where = _CONTROL.sub(lambda m: repr(m.group())[1:-1], where)  # a newline in a name prints as \n
        return f"{where}: {one_line(self.message)}"


def one_line(text: str) -> str:
    """``text`` with its line breaks (and the spaces around them) as one space."""
    return _BREAKS.sub(" ", text)


class PlacedValueError(ValueError):
    """A value is malformed; the caller knows the file and place and adds them.

    Raised by pure parsers (the money parser) that do not know where their
    text came from. Readers catch it and re-raise :class:`InputError`.
    """
