"""Dated, referenced parameters (``rules/parameters.yaml``), OpenFisca style.

A rule asks for a parameter's value in force at the end of the accounts'
year; ``avstem explain`` prints every value with its date and reference;
``avstem.toml`` may choose another value where a parameter offers choices
(``[parameters]``), and the run says so; a parameter marked ``settable`` (an
auditor's threshold, such as an agency's own approval limits) takes any value
of its unit there instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class DatedValue:
    since: dt.date
    value: Any


@dataclass(frozen=True)
class ParameterReference:
    since: dt.date
    title: str
    href: str


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[DatedValue, ...]  # oldest first
    references: tuple[ParameterReference, ...]
    status: str
    reviewed: dt.date
    choices: tuple[str, ...] = ()
    settable: bool = False  # avstem.toml may give any value of the unit (a threshold set per agency)

    def at(self, day: dt.date) -> Any:
        """The value in force on ``day``."""
        current = None
        for dated in self.values:
            if dated.since <= day:
                current = dated.value
        if current is None:
            raise LookupError(f"parameter {self.name} has no value on {day}")
        return current


class Parameters:
    """The parameters, with any overrides from the configuration."""

    def __init__(self, table: dict[str, Parameter], overrides: dict[str, Any] | None = None) -> None:
        self.table = table
        self.overrides = dict(overrides or {})
        for name, value in self.overrides.items():
            parameter = table.get(name)
            if parameter is None:
                raise KeyError(f"unknown parameter {name!r}")
            if parameter.settable:
                self.overrides[name] = settable_value(parameter, value)
                continue
            if not parameter.choices:
                raise ValueError(f"parameter {name} cannot be changed in the configuration")
            if value not in parameter.choices:
                raise ValueError(f"{name} must be one of {', '.join(parameter.choices)}, not {value!r}")

    def value(self, name: str, year: int) -> Any:
        if name in self.overrides:
            return self.overrides[name]
        return self.table[name].at(dt.date(year, 12, 31))

    def decimal(self, name: str, year: int) -> Decimal:
        return Decimal(str(self.value(name, year)))

    def __getitem__(self, name: str) -> Parameter:
        return self.table[name]


@lru_cache(maxsize=1)
def load_table() -> dict[str, Parameter]:
    text = resources.files("rules").joinpath("parameters.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    table: dict[str, Parameter] = {}
    for name, body in raw.items():
        values = tuple(sorted((DatedValue(_date(d), v) for d, v in body["values"].items()), key=lambda x: x.since))
        refs = tuple(sorted((ParameterReference(_date(d), r["title"], r["href"]) for d, r in body["reference"].items()),
                            key=lambda x: x.since))
        table[name] = Parameter(name, " ".join(body["description"].split()), body["unit"], values, refs,
                                body["status"], _date(body["last_value_still_valid_on"]),
                                tuple(body.get("choices", ())), bool(body.get("settable", False)))
    return table


def value_text(value: Any) -> str:
    """A parameter's value as the configuration writes it: a list's items separated by commas."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


#: Units whose values are whole numbers.
_WHOLE = {"days", "lines", "vouchers", "pairs", "amounts", "users"}


def settable_value(parameter: Parameter, value: Any) -> Any:
    """``value`` (from avstem.toml) in the form of the parameter's own values: a list where they are lists, a
    whole number for a count, else an exact decimal as text; ValueError where it is not a value of the unit."""
    sample = parameter.values[-1].value
    if isinstance(sample, list):
        if not isinstance(value, list) or not value:
            raise ValueError(f"{parameter.name} must be a list of {parameter.unit}, not {value!r}")
        return [_one(parameter, v) for v in value]
    return _one(parameter, value)


def _one(parameter: Parameter, value: Any) -> Any:
    from decimal import InvalidOperation

    wrong = ValueError(f"{parameter.name} must be a positive number of {parameter.unit}, not {value!r}")
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise wrong
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise wrong from None
    if not number.is_finite() or number <= 0:
        raise wrong
    if parameter.unit in _WHOLE:
        if number != number.to_integral_value():
            raise wrong
        return int(number)
    if parameter.unit == "share" and number >= 1:
        raise ValueError(f"{parameter.name} must be a share below 1, not {value!r}")
    if parameter.unit == "kroner" and number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{parameter.name} must be kroner to the øre, not {value!r}")
    return format(number, "f")


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def default_parameters() -> Parameters:
    return Parameters(load_table())
