"""A ledger column as codes into its distinct values.

Ten million ledger lines hold a few hundred accounts, chapters, posts,
periods and dates. Each column is dictionary-encoded once read: one ``int32``
code per line into the column's distinct values. Every step that looks at a
value — trimming it, parsing an amount or a date, mapping an account, a
format check — then runs once per distinct value, and reaches the lines
through their codes (a numpy ``take``), never once per line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Coded:
    codes: np.ndarray  # int32 per line: an index into ``values``
    values: object  # pyarrow.StringArray: the distinct values, each used by at least one line

    @classmethod
    def of(cls, column) -> Coded:
        """From an Arrow column: dictionary-encoded (as read) or plain strings."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if not pa.types.is_dictionary(column.type):
            column = pc.dictionary_encode(column)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()  # one dictionary: Arrow unifies the blocks' dictionaries
        codes = column.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
        return cls(codes, column.dictionary)

    def __len__(self) -> int:
        return len(self.values)

    def trimmed(self) -> Coded:
        """The same lines with their values trimmed of whitespace: values equal once trimmed share a code."""
        import pyarrow.compute as pc

        trimmed = pc.utf8_trim_whitespace(self.values)
        if trimmed.equals(self.values):  # the usual case: nothing to trim, the codes stand
            return self
        encoded = pc.dictionary_encode(trimmed)
        remap = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        return Coded(remap[self.codes], encoded.dictionary)

    def per_line(self, per_value: np.ndarray) -> np.ndarray:
        """A value-level array spread to the lines."""
        return per_value[self.codes]

    def text(self, positions) -> list[str]:
        """The values at the given line positions."""
        import pyarrow as pa

        return self.values.take(pa.array(self.codes[np.asarray(positions, np.int64)])).to_pylist()

    def first_seen(self, lines: int) -> tuple[np.ndarray, np.ndarray]:
        """Among the first ``lines`` lines: the codes that occur, ordered by first occurrence, and their counts."""
        head = self.codes[:lines]
        codes, first, counts = np.unique(head, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return codes[order], counts[order]
