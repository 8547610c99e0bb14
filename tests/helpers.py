"""Test helpers: edit an accounts document by YAML path, and walk its figures.

The YAML reader puts an index path in every figure's source
(``appropriation.expenses[1].difference``). A test may name the list item
instead (``appropriation.expenses[0671.21].difference``,
``chart_of_accounts.lines[vat_1987].current``): :func:`resolve` turns it into
the index path the reader records, :func:`named` back into the name, and a
name that matches nothing is a :class:`PathError`, never a silent no-op.
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

_TOKEN = re.compile(r"\[([^\]]*)\]|([^.\[\]]+)")
_POST = re.compile(r"\d{4}\.\d{2}")
_NAME = re.compile(r"[a-z][a-z0-9_]*")

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


class PathError(LookupError):
    """A path that names nothing in the document: an error in the test, never a silent no-op."""


def _item_names(item: Any) -> tuple[str, ...]:
    """What a list item can be addressed by: its ``id``, or its ``kapittel.post``."""
    if not isinstance(item, dict):
        return ()
    names = []
    if isinstance(item.get("id"), str):
        names.append(item["id"])
    if isinstance(item.get("chapter"), str) and isinstance(item.get("post"), str):
        names.append(f"{item['chapter']}.{item['post']}")
    return tuple(names)


def _index_of(node: Any, name: str, where: str, path: str) -> int:
    if not isinstance(node, list):
        raise PathError(f"{path}: {where} is not a list; [{name}] selects a list item")
    hits = [i for i, item in enumerate(node) if name in _item_names(item)]
    if not hits:
        raise PathError(f"{path}: {where} has no item with the id or kapittel.post {name!r}")
    if len(hits) > 1:
        raise PathError(f"{path}: {where} has {len(hits)} items named {name!r} (at {hits}); use an index")
    return hits[0]


def steps(doc: Any, path: str) -> list[str | int]:
    """The keys and list indexes ``path`` walks in ``doc``.

    A list item is addressed by index (``lines[22]``), by its ``id``
    (``lines[vat_1987]``) or by its kapittel.post (``expenses[0671.21]``);
    ``[+]`` (last step only) appends. Every step but the last must exist.
    """
    parts = _TOKEN.findall(path)
    spelled = "".join(f"[{sel}]" if not key else (f".{key}" if n else key) for n, (sel, key) in enumerate(parts))
    if not parts or spelled != path:
        raise PathError(f"{path!r} is not a path")
    out: list[str | int] = []
    node = doc
    for n, (selector, key) in enumerate(parts):
        where = path_text(out) or "the document"
        if key:
            token: str | int = key
        elif selector == "+":
            if n != len(parts) - 1:
                raise PathError(f"{path}: [+] appends, so it can only be the last step")
            token = "+"
        elif selector.isdigit():
            token = int(selector)
        elif _POST.fullmatch(selector) or _NAME.fullmatch(selector):
            token = _index_of(node, selector, where, path)
        else:
            raise PathError(f"{path}: [{selector}] is neither an index, an id nor a kapittel.post")
        out.append(token)
        if n < len(parts) - 1:
            try:
                node = node[token]
            except (KeyError, IndexError, TypeError):
                raise PathError(f"{path}: {path_text(out)} is not in the document") from None
    return out


def path_text(tokens: list[str | int]) -> str:
    """Tokens back as a path, list indexes in brackets."""
    out = ""
    for token in tokens:
        if isinstance(token, int) or token == "+":
            out += f"[{token}]"
        else:
            out += f".{token}" if out else token
    return out


def resolve(doc: Any, path: str) -> str:
    """``path`` with every id and kapittel.post replaced by its list index, as the reader records it."""
    return path_text(steps(doc, path))


def named(doc: Any, path: str) -> str:
    """An index path as a reader would write it: list items that have an id or a kapittel.post by that name."""
    out = ""
    node = doc
    for selector, key in _TOKEN.findall(path):
        if key:
            out += f".{key}" if out else key
            node = node.get(key) if isinstance(node, dict) else None
            continue
        name = selector
        if selector.isdigit() and isinstance(node, list) and int(selector) < len(node):
            item = node[int(selector)]
            unique = [n for n in _item_names(item) if sum(n in _item_names(other) for other in node) == 1]
            name = unique[0] if unique else selector
            node = item
        else:
            node = None
        out += f"[{name}]"
    return out


def _parent(doc: Any, tokens: list[str | int]) -> Any:
    node = doc
    for token in tokens[:-1]:
        node = node[token]
    return node


def set_path(doc: Any, path: str, value: Any) -> None:
    tokens = steps(doc, path)
    node, last = _parent(doc, tokens), tokens[-1]
    if last == "+":
        if not isinstance(node, list):
            raise PathError(f"{path}: [+] appends to a list")
        node.append(value)
    elif isinstance(last, int) and not (isinstance(node, list) and last < len(node)):
        raise PathError(f"{path}: no item [{last}]")
    elif isinstance(last, str) and not isinstance(node, dict):
        raise PathError(f"{path}: {path_text(tokens[:-1])} is not a mapping")
    else:
        node[last] = value


def delete_path(doc: Any, path: str) -> None:
    _delete(doc, steps(doc, path), path)


def _delete(doc: Any, tokens: list[str | int], path: str) -> None:
    node, last = _parent(doc, tokens), tokens[-1]
    try:
        del node[last]
    except (KeyError, IndexError, TypeError):
        raise PathError(f"{path}: nothing to delete") from None


def _order(tokens: list[str | int]) -> tuple:
    return tuple((0, t, "") if isinstance(t, int) else (1, 0, t) for t in tokens)


def edited(doc: Any, *, set: dict[str, Any] | None = None, delete: list[str] | None = None) -> Any:
    """A copy of ``doc`` with values set (``path[+]`` appends), then paths deleted.

    Paths may name list items by id or kapittel.post (see :func:`steps`);
    deletions are resolved after the values are set and made later items
    first, so that one deletion does not move the next.
    """
    doc = copy.deepcopy(doc)
    for path, value in (set or {}).items():
        set_path(doc, path, copy.deepcopy(value))
    resolved = [(steps(doc, path), path) for path in delete or []]
    for tokens, path in sorted(resolved, key=lambda r: _order(r[0]), reverse=True):
        _delete(doc, tokens, path)
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
