"""The time of the run: now, or ``SOURCE_DATE_EPOCH`` when set (reproducible outputs).

The variable is seconds since 1970-01-01 UTC (reproducible-builds.org). A
value that is not such a number, or that no output can hold, is a usage
error (exit 2) rather than a crash halfway through writing the report:
the report is a zip archive, whose entries carry a time up to the end of
2107.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from ledger.core.errors import InputError
from ledger.vocabulary.labels import msg

VARIABLE = "SOURCE_DATE_EPOCH"
#: 2107-12-31 23:59:59 UTC: the last second a zip entry (the report's parts) can be stamped with.
LATEST = 4_354_819_199


def run_time() -> datetime:
    """Now (whole seconds, UTC), or the time ``SOURCE_DATE_EPOCH`` gives."""
    epoch = os.environ.get(VARIABLE)
    if epoch is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    text = epoch.strip()
    if not (text.isascii() and text.isdigit()) or int(text) > LATEST:
        shown = repr(epoch[:40]).replace("\\x00", "\\0")
        raise InputError(VARIABLE, None, msg("input.clock.epoch", value=shown, latest=LATEST))
    return datetime.fromtimestamp(int(text), tz=timezone.utc)
