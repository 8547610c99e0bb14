"""Settings a run passes to the rules (from avstem.toml and the command line)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Settings:
    #: Upper bound on the interval allowance of long sums (kroner); None: no cap.
    tolerance_cap: Decimal | None = None
