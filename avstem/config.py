"""``avstem.toml``: the settings a repository keeps beside its accounts.

```toml
[check]
fail_on = "error"     # error | warning | info
lang = "nb"           # nb | nn | en

[tolerance]
max_abs = 5           # cap (kroner) on the interval allowance of long sums

[ledger]
kontoplan = "kontoplan.csv"   # the account → statement-line mapping (default: ledger/data/kontoplan.csv)
sheet = "Hovedbok"            # the sheet of an xlsx ledger (default: the first)

[ledger.columns]              # headings of the ledger export, where the defaults do not find them
account = "Art"
amount = "Beløp i NOK"
```

A relative ``kontoplan`` path is read from the folder of avstem.toml.

Unknown sections and keys are errors: a misspelt setting must not be
silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ledger.errors import InputError
from rules.findings import Severity

_KNOWN = {"check": {"fail_on", "lang"}, "tolerance": {"max_abs"}, "ledger": {"kontoplan", "sheet", "columns"}}


@dataclass(frozen=True)
class Config:
    path: str | None = None
    fail_on: Severity | None = None
    lang: str | None = None
    tolerance_cap: Decimal | None = None
    kontoplan: str | None = None
    ledger_sheet: str | None = None
    ledger_columns: dict[str, str] | None = None


def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh, parse_float=Decimal)
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(path, None, "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(path, str(line) if line else None, f"not valid TOML: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    for section, body in data.items():
        if section not in _KNOWN:
            raise InputError(path, f"[{section}]", f"unknown section; known: {', '.join(sorted(_KNOWN))}")
        if not isinstance(body, dict):
            raise InputError(path, section, "must be a [section] table")
        for key in body:
            if key not in _KNOWN[section]:
                raise InputError(path, f"[{section}] {key}", f"unknown setting; known: {', '.join(sorted(_KNOWN[section]))}")
    check, tolerance, ledger = data.get("check", {}), data.get("tolerance", {}), data.get("ledger", {})
    return Config(
        path=path,
        fail_on=_severity(path, check.get("fail_on")),
        lang=_lang(path, check.get("lang")),
        tolerance_cap=_cap(path, tolerance.get("max_abs")),
        kontoplan=_relative(path, _text(path, "[ledger] kontoplan", ledger.get("kontoplan"))),
        ledger_sheet=_text(path, "[ledger] sheet", ledger.get("sheet")),
        ledger_columns=_columns(path, ledger.get("columns")),
    )


def _text(path: str, place: str, value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, place, "must be a non-empty text")
    return value


def _relative(path: str, value: str | None) -> str | None:
    if value is None:
        return None
    from pathlib import Path

    p = Path(value)
    return str(p if p.is_absolute() else Path(path).parent / p)


def _columns(path: str, value) -> dict[str, str] | None:
    from ledger.ledger_read import FIELDS

    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(path, "[ledger] columns", "must be a table: [ledger.columns] account = \"Konto\"")
    for name, heading in value.items():
        if name not in FIELDS:
            raise InputError(path, f"[ledger.columns] {name}", f"unknown field; known: {', '.join(FIELDS)}")
        _text(path, f"[ledger.columns] {name}", heading)
    return dict(value)


def _severity(path: str, value) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise InputError(path, "[check] fail_on", str(exc)) from None


def _lang(path: str, value) -> str | None:
    if value is None:
        return None
    if value not in ("nb", "nn", "en"):
        raise InputError(path, "[check] lang", f"unknown language {value!r}; use nb, nn or en")
    return value


def _cap(path: str, value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(path, "[tolerance] max_abs", "must be an amount in kroner")
    try:
        cap = Decimal(str(value))
    except InvalidOperation:
        raise InputError(path, "[tolerance] max_abs", f"{value!r} is not an amount in kroner") from None
    if not cap.is_finite() or cap < 0:
        raise InputError(path, "[tolerance] max_abs", "must be zero or a positive amount in kroner")
    return cap
