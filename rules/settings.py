"""Settings a run passes to the rules (from avstem.toml and the command line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rules.parameters import Parameters, default_parameters


@dataclass(frozen=True)
class Settings:
    #: Upper bound on the interval allowance of long sums (kroner); None: no cap.
    tolerance_cap: Decimal | None = None
    #: The dated parameters, with the configuration's choices applied.
    parameters: Parameters = field(default_factory=default_parameters)
