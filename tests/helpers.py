"""Test helpers: edit an accounts document by YAML path, and walk its figures.

Paths are the ones the YAML reader puts in every figure's source
(``appropriation.expenses[1].difference``), so a test can edit a figure and
then look for a finding that names the same path.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import yaml

from ledger.core.accounts import Figure

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
IMDI = FIXTURES / "imdi-2023.yaml"

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+|\+)\]")

# libyaml's loader and emitter when PyYAML has them: the same documents and text as the pure-Python
# ones (on every fixture, seeded case and corpus edit), about ten times faster; tests read and write
# hundreds of documents
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_doc(path: Path = IMDI) -> Any:
    """The document with every scalar as text, ``null`` as None."""
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return nulls(doc)


def nulls(node: Any) -> Any:
    """``null``/``~`` read as text by the BaseLoader, back to None."""
    if isinstance(node, dict):
        return {k: nulls(v) for k, v in node.items()}
    if isinstance(node, list):
        return [nulls(v) for v in node]
    return None if node in ("null", "~") else node


def _tokens(path: str) -> list[str | int]:
    out: list[str | int] = []
    for name, index in _TOKEN.findall(path):
        out.append(name if name else (index if index == "+" else int(index)))
    return out


def set_path(doc: Any, path: str, value: Any) -> None:
    tokens = _tokens(path)
    node = doc
    for token in tokens[:-1]:
        node = node[token]
    last = tokens[-1]
    if last == "+":
        node.append(value)
    else:
        node[last] = value


def delete_path(doc: Any, path: str) -> None:
    tokens = _tokens(path)
    node = doc
    for token in tokens[:-1]:
        node = node[token]
    del node[tokens[-1]]


def edited(doc: Any, *, set: dict[str, Any] | None = None, delete: list[str] | None = None) -> Any:
    """A copy of ``doc`` with values set (``path[+]`` appends) and paths deleted."""
    doc = copy.deepcopy(doc)
    for path, value in (set or {}).items():
        set_path(doc, path, value)
    for path in sorted(delete or [], reverse=True):  # later list items first
        delete_path(doc, path)
    return doc


def write_doc(doc: Any, path: Path) -> Path:
    path.write_text(yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")
    return path


@functools.cache
def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a model dataclass that hold data (not its layout)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "layout")


def figures(obj: Any) -> Iterator[Figure]:
    """Every Figure in a model object, depth first."""
    if isinstance(obj, Figure):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for name in _fields(type(obj)):
            yield from figures(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from figures(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from figures(item)


def replace_figure(obj: Any, path: str, value: Decimal) -> Any:
    """A copy of a model object with the figure read at ``path`` set to ``value``."""
    if isinstance(obj, Figure):
        return Figure(value, obj.source) if obj.source.path == path else obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for name in _fields(type(obj)):
            old = getattr(obj, name)
            new = replace_figure(old, path, value)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    if isinstance(obj, tuple):
        items = tuple(replace_figure(item, path, value) for item in obj)
        return obj if all(a is b for a, b in zip(items, obj)) else items
    if isinstance(obj, dict):
        items = {k: replace_figure(v, path, value) for k, v in obj.items()}
        return obj if all(items[k] is obj[k] for k in obj) else items
    return obj


# --- workbooks ------------------------------------------------------------------------------

IMDI_XLSX = FIXTURES / "imdi-2023.xlsx"  # agency style: Nynorsk, one statement per sheet, quirks
BOKMAL = FIXTURES / "imdi-2023-bokmal.xlsx"  # every statement on one sheet, Bokmål


def assert_same_model(a: Any, b: Any) -> None:
    """Two accounts models hold the same data (where each figure was read aside)."""
    from ledger.forms.compare import differences

    found = differences(a, b, limit=20)
    assert not found, "the models differ:\n" + "\n".join(found)


def cell_of(sheet: Any, text: str, nth: int = 1) -> str:
    """The coordinate of the ``nth`` cell of an openpyxl sheet whose value is ``text``."""
    hits = [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.value == text]
    assert len(hits) >= nth, f"{text!r} is not in {sheet.title} {nth} times"
    return hits[nth - 1]


def run_cli(capsys: Any, *args: Any) -> tuple[int, str, str]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    from avstem.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
