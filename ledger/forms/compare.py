"""Compare two accounts models as data, ignoring where each figure was read.

A workbook and a YAML file of the same accounts give models that differ only
in their sources (``Sheet!C12`` against line 47) and file names. ``avstem
convert`` checks its output with :func:`differences` before it writes it,
and the tests use it to prove that a round trip is exact.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Mapping

from ledger.core.source import Source

#: Where a figure was read, and how a fact was known (a conversion writes what was read off the statements as
#: stated details): neither is the accounts' content.
_IGNORED_FIELDS = {"source", "file", "facts", "origin"}


def differences(a: Any, b: Any, path: str = "", limit: int = 10) -> list[str]:
    """Where ``a`` and ``b`` differ, as ``path: a != b`` lines (at most ``limit``); [] when equal."""
    out: list[str] = []
    _walk(a, b, path, out, limit)
    return out


def _walk(a: Any, b: Any, path: str, out: list[str], limit: int) -> None:
    if len(out) >= limit:
        return
    if isinstance(a, Source) and isinstance(b, Source):
        return
    if type(a) is not type(b):
        out.append(f"{path}: {a!r} != {b!r}")
    elif dataclasses.is_dataclass(a) and not isinstance(a, type):
        for f in dataclasses.fields(a):
            if f.name in _IGNORED_FIELDS:
                continue
            x, y = getattr(a, f.name), getattr(b, f.name)
            if f.name == "layout":  # the layout is shared; compare which one
                x, y = x.id, y.id
            _walk(x, y, f"{path}.{f.name}" if path else f.name, out, limit)
    elif isinstance(a, (list, tuple)):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items != {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            _walk(x, y, f"{path}[{i}]", out, limit)
    elif isinstance(a, Mapping):
        if list(a) != list(b):
            out.append(f"{path}: keys {list(a)} != {list(b)}")
        for key in a:
            if key in b:
                _walk(a[key], b[key], f"{path}.{key}", out, limit)
    elif a != b:
        out.append(f"{path}: {a!r} != {b!r}")


def first_text(a: Any, match, path: str = "") -> tuple[str, str] | None:
    """The first text of the model ``a`` that ``match`` (a compiled pattern) finds something in: (its path, what
    was found); None when there is none."""
    if isinstance(a, str):
        found = match.search(a)
        return (path, found.group()) if found else None
    if isinstance(a, Source):
        return None
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        items = [(f.name, getattr(a, f.name)) for f in dataclasses.fields(a) if f.name not in _IGNORED_FIELDS]
        children = ((f"{path}.{name}" if path else name, value) for name, value in items)
    elif isinstance(a, (list, tuple)):
        children = ((f"{path}[{i}]", value) for i, value in enumerate(a))
    elif isinstance(a, Mapping):
        children = ((f"{path}.{key}", value) for key, value in a.items())
    else:
        return None
    for where, value in children:
        hit = first_text(value, match, where)
        if hit:
            return hit
    return None
