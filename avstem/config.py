"""``avstem.toml``: the settings a repository keeps beside its accounts.

```toml
[check]
fail_on = "error"     # error | warning | info
lang = "nb"           # nb | nn | en
require_all = false   # true: a rule that could not run (its input not given) fails the run

[tolerance]
max_abs = 5           # cap (kroner) on the interval allowance of long sums

[parameters]
"transfer.operating.base" = "samlet_tildeling"   # choose another reading (see rules/parameters.yaml)
"je.approval.limits" = ["50000", "250000"]       # a threshold marked settable: the agency's own value

[[deviation]]                                     # an accepted deviation, one table per finding
rule = "OS-01"
key = "0671.72"
year = 2023
reason = "Merutgiften dekkes inn ved innsparing i 2024 (brev fra AID 12.02.2024)"
approved_by = "Økonomidirektør"
date = 2024-02-14

[ledger]
kontoplan = "kontoplan.csv"   # the account → statement-line mapping (default: ledger/general_ledger/data/kontoplan.csv)
sheet = "Hovedbok"            # the sheet of an xlsx ledger (default: the first)

engine = "duckdb"             # duckdb (embedded, the default) | spark (ledgers beyond one machine)
memory_limit = "1536MB"       # duckdb: memory it may hold before it spills to temp_directory
temp_directory = "/scratch"   # duckdb: where it spills (default: a temporary directory)
master = "spark://host:7077"  # spark: the master URL (default local[*]; also yarn, k8s://…)

[ledger.columns]              # headings of the ledger export, where the defaults do not find them
account = "Art"
amount = "Beløp i NOK"
```

A relative ``kontoplan`` path is read from the folder of avstem.toml.

Without ``--config``, avstem uses the ``avstem.toml`` beside the accounts (or
the ledger), else the one in the current folder (:func:`find_config`), and
says which; ``--no-config`` uses none.

Unknown sections and keys are errors: a misspelt setting must not be
silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ledger.core.errors import InputError, reason
from ledger.core.source import Source
from ledger.guards.input_file import input_error, regular_file
from ledger.vocabulary.labels import Msg, msg
from rules.deviations import Deviation
from rules.findings import Severity

_KNOWN = {"check": {"fail_on", "lang", "require_all"}, "tolerance": {"max_abs"},
          "ledger": {"kontoplan", "sheet", "columns", "engine", "memory_limit", "temp_directory", "master"},
          "parameters": None, "deviation": None}  # None: checked below
_DEVIATION_KEYS = ("rule", "key", "year", "reason", "approved_by", "date")
_MAX_CONFIG_BYTES = 1 << 20  # a settings file is a few kB


@dataclass(frozen=True)
class Config:
    path: str | None = None
    fail_on: Severity | None = None
    lang: str | None = None
    require_all: bool = False
    tolerance_cap: Decimal | None = None
    parameters: dict[str, object] = field(default_factory=dict)
    deviations: tuple[Deviation, ...] = ()
    kontoplan: str | None = None
    ledger_sheet: str | None = None
    ledger_columns: dict[str, str] | None = None
    engine: str | None = None  # [ledger] engine
    memory_limit: str | None = None
    temp_directory: str | None = None
    master: str | None = None


NAME = "avstem.toml"


def find_config(near: str | None) -> tuple[str, str] | None:
    """The avstem.toml a run uses when --config names none: beside ``near`` (the accounts or the ledger), else
    in the current folder. Returns (path, where: ``beside`` | ``cwd``) or None."""
    from pathlib import Path

    candidates = []
    if near:
        candidates.append((Path(near).parent / NAME, "beside"))
    candidates.append((Path(NAME), "cwd"))
    seen = set()
    for path, where in candidates:
        try:
            found = path.is_file()
        except OSError:  # a folder that may not be searched: no config there (the input itself is refused later)
            continue
        if found and path.resolve() not in seen:
            return str(path), where
        seen.add(path.resolve())
    return None


def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    regular_file(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(_MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise input_error(path, exc) from None
    if len(raw) > _MAX_CONFIG_BYTES:
        raise InputError(path, None, msg("input.config.too_large", kib=_MAX_CONFIG_BYTES // 1024))
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark, as Notepad writes it
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(path, str(line), msg("input.file.not_utf8")) from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(path, str(line) if line else None, msg("input.config.invalid_toml",
                                                                  detail=exc.msg if hasattr(exc, "msg") else str(exc))) from None
    for section, body in data.items():
        if section not in _KNOWN:
            raise InputError(path, f"[{section}]", msg("input.config.unknown_section", known=", ".join(sorted(_KNOWN))))
        if section == "deviation":
            continue
        if not isinstance(body, dict):
            raise InputError(path, section, msg("input.config.not_table"))
        for key in body:
            if _KNOWN[section] is not None and key not in _KNOWN[section]:
                raise InputError(path, f"[{section}] {key}", msg("input.config.unknown_key",
                                                                              known=", ".join(sorted(_KNOWN[section]))))
    check, tolerance, ledger = data.get("check", {}), data.get("tolerance", {}), data.get("ledger", {})
    return Config(
        path=path,
        fail_on=_severity(path, check.get("fail_on")),
        lang=_lang(path, check.get("lang")),
        require_all=_bool(path, "[check] require_all", check.get("require_all", False)),
        tolerance_cap=_cap(path, tolerance.get("max_abs")),
        parameters=_parameters(path, data.get("parameters", {})),
        deviations=_deviations(path, data.get("deviation", []), text),
        kontoplan=_relative(path, _text(path, "[ledger] kontoplan", ledger.get("kontoplan"))),
        ledger_sheet=_text(path, "[ledger] sheet", ledger.get("sheet")),
        ledger_columns=_columns(path, ledger.get("columns")),
        engine=_engine(path, ledger.get("engine")),
        memory_limit=_text(path, "[ledger] memory_limit", ledger.get("memory_limit")),
        temp_directory=_relative(path, _text(path, "[ledger] temp_directory", ledger.get("temp_directory"))),
        master=_text(path, "[ledger] master", ledger.get("master")),
    )


def _engine(path: str, value) -> str | None:
    from ledger.general_ledger.importer import ENGINES

    if value is None:
        return None
    if value not in ENGINES:
        raise InputError(path, "[ledger] engine", msg("input.config.unknown_engine", value=value, known=_or(ENGINES)))
    return value


def _deviations(path: str, entries, text: str) -> tuple[Deviation, ...]:
    """``[[deviation]]`` tables: every key required, the rule must exist."""
    from rules.registry import load_catalogue

    if not isinstance(entries, list):
        raise InputError(path, "[deviation]", msg("input.config.deviation_not_table"))
    lines = _header_lines(text, "deviation")
    catalogue = load_catalogue()
    out = []
    for i, entry in enumerate(entries):
        place = f"{lines[i]} ([[deviation]] #{i + 1})" if i < len(lines) else f"[[deviation]] #{i + 1}"
        if not isinstance(entry, dict):
            raise InputError(path, place, msg("input.config.deviation_not_table"))
        unknown = sorted(set(entry) - set(_DEVIATION_KEYS))
        missing = [k for k in _DEVIATION_KEYS if k not in entry]
        if unknown:
            raise InputError(path, place, msg("input.config.deviation_unknown_keys", count=len(unknown),
                                              keys=", ".join(unknown), known=", ".join(_DEVIATION_KEYS)))
        if missing:
            raise InputError(path, place, msg("input.config.deviation_missing_keys", count=len(missing),
                                              keys=", ".join(missing), known=", ".join(_DEVIATION_KEYS)))
        rule_id = str(entry["rule"]).strip().upper()
        if rule_id not in catalogue:
            from rules.registry import nearest_ids

            near = nearest_ids(rule_id, catalogue)
            if near:
                raise InputError(path, place, msg("input.config.unknown_rule_near", rule=entry["rule"], near=_or(near)))
            raise InputError(path, place, msg("input.config.unknown_rule", rule=entry["rule"]))
        if not isinstance(entry["year"], int) or isinstance(entry["year"], bool):
            raise InputError(path, place, msg("input.config.deviation_year", value=entry["year"]))
        for key in ("key", "reason", "approved_by"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise InputError(path, place, msg("input.config.deviation_text", key=key))
        date = entry["date"]
        if isinstance(date, dt.datetime):  # 2024-02-14T10:30:00: the day it was approved
            date = date.date()
        if not isinstance(date, dt.date):
            try:
                date = dt.date.fromisoformat(str(date))
            except ValueError:
                raise InputError(path, place, msg("input.config.deviation_date", value=date)) from None
        _approved_by_now(path, place, date)
        out.append(Deviation(rule_id, entry["key"].strip(), entry["year"], entry["reason"].strip(),
                             entry["approved_by"].strip(), date.isoformat(),
                             Source(path, line=lines[i] if i < len(lines) else None, path=f"deviation[{i}]")))
    return tuple(out)


def _approved_by_now(path: str, place: str, date: dt.date) -> None:
    """A deviation dated after the run was not approved when the run accepted it: refused, not applied. The
    run's date is taken in the latest time zone (UTC+14), so a date that is today anywhere is not refused."""
    from avstem.clock import run_time

    now = run_time()
    if date > (now + dt.timedelta(hours=14)).date():
        raise InputError(path, place, msg("input.config.deviation_future", date=date.isoformat(),
                                          today=now.date().isoformat()))


def _or(items) -> "str | Msg":
    """``a``, ``a or b``, ``a or b or c``: alternatives, joined in the user's language."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return msg("input.either_or", first=_or(items[:-1]), last=items[-1])


def _header_lines(text: str, name: str) -> list[int]:
    """Line numbers of the ``[[name]]`` headers, so errors and findings can point at them."""
    return [n for n, line in enumerate(text.split("\n"), start=1) if re.match(rf"\s*\[\[\s*{name}\s*\]\]", line)]


def _parameters(path: str, body: dict) -> dict[str, str]:
    """Parameter choices; each must name a parameter that offers choices, and one of them, or a settable one
    and a value of its unit."""
    from rules.parameters import Parameters, load_table

    for name, value in body.items():
        try:
            Parameters(load_table(), {name: value})
        except (KeyError, ValueError) as exc:
            detail = reason(exc)
            raise InputError(path, f"[parameters] {name}", detail.strip('"') if isinstance(detail, str) else detail) \
                from None
    return dict(Parameters(load_table(), dict(body)).overrides)


def _text(path: str, place: str, value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, place, msg("input.config.empty_text"))
    return value


def _relative(path: str, value: str | None) -> str | None:
    if value is None:
        return None
    from pathlib import Path

    p = Path(value)
    return str(p if p.is_absolute() else Path(path).parent / p)


def _columns(path: str, value) -> dict[str, str] | None:
    from ledger.general_ledger.file import FIELDS

    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(path, "[ledger] columns", msg("input.config.columns_not_table"))
    for name, heading in value.items():
        if name not in FIELDS:
            raise InputError(path, f"[ledger.columns] {name}", msg("input.config.unknown_field", known=", ".join(FIELDS)))
        _text(path, f"[ledger.columns] {name}", heading)
    return dict(value)


def _bool(path: str, place: str, value) -> bool:
    if not isinstance(value, bool):
        raise InputError(path, place, msg("input.config.not_bool", value=value))
    return value


def _severity(path: str, value) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise InputError(path, "[check] fail_on", reason(exc)) from None


def _lang(path: str, value) -> str | None:
    if value is None:
        return None
    if value not in ("nb", "nn", "en"):
        raise InputError(path, "[check] lang", msg("input.config.unknown_language", value=value))
    return value


def _cap(path: str, value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(path, "[tolerance] max_abs", msg("input.config.not_amount"))
    try:
        cap = Decimal(str(value))
    except InvalidOperation:
        raise InputError(path, "[tolerance] max_abs", msg("input.config.bad_amount", value=value)) from None
    if not cap.is_finite() or cap < 0:
        raise InputError(path, "[tolerance] max_abs", msg("input.config.negative_amount"))
    return cap
