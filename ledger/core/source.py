"""Where a figure was read: file and place, so every finding points back to it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """The place a value was read from.

    ``line`` for text files (YAML, CSV, a report's extracted text); ``sheet`` and ``cell`` for workbooks;
    ``page`` and ``line`` (on that page) for a PDF; ``path`` is the logical path inside the accounts (``chart.salaries[2023]``
    or a YAML path) and helps a reader who does not have the file open.
    """

    file: str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    path: str | None = None
    page: int | None = None

    @property
    def place(self) -> str:
        """The place inside the file: ``142``, ``'Note 2'!C12`` or ``p. 121 line 14``."""
        if self.page is not None:
            return f"p. {self.page} line {self.line}" if self.line is not None else f"p. {self.page}"
        if self.sheet is not None:
            sheet = f"'{self.sheet}'" if not self.sheet.replace("_", "").isalnum() else self.sheet
            return f"{sheet}!{self.cell}" if self.cell else sheet
        if self.line is not None:
            return str(self.line)
        return ""

    def __str__(self) -> str:
        place = self.place
        return f"{self.file}:{place}" if place else self.file

    def at(self, path: str) -> "Source":
        return Source(self.file, self.line, self.sheet, self.cell, path, self.page)


def column_letter(col: int) -> str:
    """A spreadsheet column's letters from its number (1-based): 1 → A, 27 → AA."""
    s = ""
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s

