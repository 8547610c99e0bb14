"""The frames the data-quality suite validates, and its answers mapped back to ledger lines.

great-expectations validates pandas frames row by row; at 10^7 ledger lines a
frame of one row per line costs more than everything else the import does
(a regex over ten million strings per code column, a copy of the whole frame
per expectation). The ledger is therefore handed to it in two shapes:

* **Distinct values.** Every check on a column's values — a format (regex), a
  blank key, an amount that does not parse, a date or period outside the
  year — is a function of the one value on the line, and for a blank
  kapittel/post of whether the line's account needs one (which is itself a
  function of the account). GX validates one row per distinct value (per
  distinct value and need, for kapittel and post): a few hundred rows. Its
  answer is the set of failing values; :meth:`Frame.lines` maps it back to
  the lines that hold them. A line fails exactly when its value fails, so
  the count of failing lines, the first ten of them in file order and their
  values as printed are those GX reported on one row per line, and the check
  succeeds exactly when no line fails (only values some line holds are in
  the frame).
* **One row per line** for the duplicate check: ``line_key``, an exact
  code of the line's nine trimmed fields (:func:`line_key`): two lines have
  the same key exactly when they agree in every field. GX's
  ``ExpectColumnValuesToBeUnique`` on it flags the lines
  ``ExpectCompoundColumnsToBeUnique`` flagged on the nine string columns
  (pandas ``duplicated(keep=False)`` in both), from one int64 column.

``tests/test_ledger_pinned.py`` pins that the findings, counts, line numbers
and samples are those of the one-row-per-line suite.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ledger.general_ledger.coded import Coded

#: Columns GX saw as null where blank (the others as ""): its compound-unique check skips a line
#: only when all its columns are null, which can happen only when these are all it compares.
NULL_WHEN_BLANK = ("account", "chapter", "post", "period")
_INT63 = (1 << 63) - 1
_LARGE = 1 << 12  # a column with more distinct values than this joins the line key after a renumbering


@dataclass(frozen=True)
class Frame:
    frame: object  # pandas.DataFrame
    of_line: np.ndarray | None  # per ledger line, its row label in ``frame``; None when the frame has a row per line
    labels: int = 0  # labels run 0 … labels − 1

    def lines(self, failing) -> np.ndarray | None:
        """Per ledger line: whether its row in the frame is among the ``failing`` labels (None: none is)."""
        if not failing:
            return None
        bad = np.zeros(self.labels, bool)
        bad[np.asarray(list(failing), np.int64)] = True
        return bad[self.of_line]


def _texts(coded: Coded):
    """The distinct values as a pandas column, blank as null (as GX saw them)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    values = coded.values
    values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
    return pd.Series(values.to_pandas(), dtype="str")


def values_frame(name: str, coded: Coded) -> Frame:
    import pandas as pd

    return Frame(pd.DataFrame({name: _texts(coded)}), coded.codes, len(coded))


def needs_frame(name: str, coded: Coded, needs_post: np.ndarray) -> Frame:
    """Distinct (value, needs a kapittel/post) pairs: label = 2 × code + need."""
    import pandas as pd

    of_line = coded.codes.astype(np.int64) * 2 + needs_post
    labels = np.flatnonzero(np.bincount(of_line, minlength=2 * len(coded)))  # the pairs some line holds
    index = pd.Index(labels)
    texts = pd.Series(_texts(coded).to_numpy()[labels // 2], index=index, dtype="str")
    frame = pd.DataFrame({name: texts, "needs_post": labels % 2 == 1}, index=index)
    return Frame(frame, of_line, 2 * len(coded))


def numbers_frame(name: str, coded: Coded, per_value) -> Frame:
    """``per_value``: an Arrow int64 array (nulls allowed), one per distinct value; nullable Int64 in pandas."""
    import pandas as pd
    import pyarrow as pa

    column = per_value.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    return Frame(pd.DataFrame({name: column}), coded.codes, len(coded))


def headings_frame(columns: dict[str, str]) -> Frame:
    """One row: the heading of each field found, for the column checks."""
    import pandas as pd

    return Frame(pd.DataFrame({name: [heading] for name, heading in columns.items()}), None)


def lines_frame(key, rows: np.ndarray) -> Frame:
    import pandas as pd

    return Frame(pd.DataFrame({"line_key": key}, index=pd.Index(rows)), None)


def line_key(columns: dict[str, Coded]):
    """An exact int64 code of each line's values in ``columns``: equal exactly when every value is.

    The columns' codes are combined as digits of a mixed-radix number,
    smallest radix first. Where the whole number would pass int64, the key so
    far is renumbered densely (its distinct values 0 … k − 1) before a large
    column joins it — while it still has few distinct values, which is when
    renumbering is cheap. Returns a numpy int64 array; or, when every column
    is among :data:`NULL_WHEN_BLANK`, a pandas Int64 array, null where all
    are blank.
    """
    import math

    import pandas as pd

    coded = sorted(columns.values(), key=len)
    radixes = [len(c) for c in coded]
    key = np.zeros(len(coded[0].codes), np.int64)
    size = 1
    for i, (column, radix) in enumerate(zip(coded, radixes)):
        overflows = size * math.prod(radixes[i:]) > _INT63
        if size > 1 and overflows and (radix > _LARGE or size * radix > _INT63):
            codes, uniques = pd.factorize(key)
            key, size = codes.astype(np.int64, copy=False), len(uniques)
        key = key * radix + column.codes
        size *= radix
    if set(columns) <= set(NULL_WHEN_BLANK):
        blank = np.ones(len(key), bool)
        for column in columns.values():
            blank &= column.per_line(np.asarray(column.values.to_numpy(zero_copy_only=False) == "", bool))
        if blank.any():
            return pd.arrays.IntegerArray(key, blank)
    return key
