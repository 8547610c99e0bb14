"""The one exception type for input that cannot be read.

Every reader raises :class:`InputError` with the file and the place (line,
YAML path, ``Sheet!Cell``) so the command line can print one clear line and
exit 2. Nothing else in the readers should escape to the user.
"""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be read: names the file, the place and the problem."""

    def __init__(self, file: str, place: str | None, message: str) -> None:
        self.file = str(file)
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.place}" if self.place else self.file
        return f"{where}: {self.message}"


class PlacedValueError(ValueError):
    """A value is malformed; the caller knows the file and place and adds them.

    Raised by pure parsers (the money parser) that do not know where their
    text came from. Readers catch it and re-raise :class:`InputError`.
    """
