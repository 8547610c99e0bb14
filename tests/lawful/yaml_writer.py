"""The printed document as a file in the YAML form (docs/yaml-form.md), with or without its context.

Figures are written as an agency's export would: as printed (``"1 234 567"``, ``"-1 762 769"``) or as
plain numbers, by the truth's presentation. The context goes inline (``context:``), into a file of its
own (``form: avstem.context/1``), or nowhere.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ledger.core.money import format_amount

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _scalar(value: Any, spaced: bool) -> Any:
    if isinstance(value, Decimal):
        if spaced:
            return format_amount(value, "nb")
        return int(value) if value == value.to_integral_value() else format(value, "f").replace(".", ",")
    return value


def _plain(node: Any, spaced: bool) -> Any:
    if isinstance(node, dict):
        return {k: _plain(v, spaced) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v, spaced) for v in node]
    return _scalar(node, spaced)


def dump(doc: dict, *, spaced: bool = True) -> str:
    return yaml.dump(_plain(doc, spaced), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=200)


def write_yaml(doc: dict, path: Path, *, context: bool = True, spaced: bool = True) -> Path:
    """Write the accounts, with their ``context:`` section or without it (see :func:`write_context`)."""
    body = {k: v for k, v in doc.items() if k != "context" or context}
    path.write_text(dump(body, spaced=spaced), encoding="utf-8")
    return path


def write_context(doc: dict, path: Path, *, spaced: bool = True) -> Path:
    """The context as a file of its own (``avstem check ACCOUNTS --context FILE``)."""
    body = {"form": "avstem.context/1", "year": doc["agency"]["year"], "agency": doc["agency"]["short_name"],
            **doc["context"]}
    path.write_text(dump(body, spaced=spaced), encoding="utf-8")
    return path
