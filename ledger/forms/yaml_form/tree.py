"""A strict, located view of a YAML document.

PyYAML's composer gives nodes with line numbers and the raw text of every
scalar, so nothing is guessed: ``0670`` stays ``"0670"`` (not octal 440),
``10,3`` stays text for the money parser, and no float is ever built.
Aliases are refused (they make exponential documents out of small files),
duplicate keys are refused, and every key a reader does not consume is an
"unknown key" error naming its line.
"""

from __future__ import annotations

from typing import Iterator

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ledger.core.errors import InputError, PlacedValueError
from ledger.core.source import Source

MAX_YAML_BYTES = 20 * 1024 * 1024
_NULL_TAG = "tag:yaml.org,2002:null"


class _StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed in accounts files", event.start_mark
            )
        return super().compose_node(parent, index)


def load(path: str, text: str | None = None) -> "YNode":
    """Parse a YAML file into a :class:`YNode` tree (or raise InputError)."""
    if text is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_YAML_BYTES + 1)
        except OSError as exc:
            raise InputError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
        if len(data) > MAX_YAML_BYTES:
            raise InputError(path, None, f"the file is larger than {MAX_YAML_BYTES // 2**20} MiB")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data[:4096]:
            raise InputError(path, None, "this is a binary file, not a YAML accounts file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(path, str(line), "the file is not UTF-8 text") from None
    try:
        root = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = str(mark.line + 1) if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(path, line, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - all PyYAML errors are marked
        raise InputError(path, None, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise InputError(path, None, "the YAML is nested too deeply") from None
    if root is None:
        raise InputError(path, None, "the file is empty")
    return YNode(root, path, "")


class YNode:
    """A YAML node with its file and logical path."""

    __slots__ = ("node", "file", "path")

    def __init__(self, node: Node, file: str, path: str) -> None:
        self.node, self.file, self.path = node, file, path

    # -- location ---------------------------------------------------------
    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    @property
    def source(self) -> Source:
        return Source(self.file, line=self.line, path=self.path or None)

    def error(self, message: str) -> InputError:
        where = f"{self.line}" + (f" ({self.path})" if self.path else "")
        return InputError(self.file, where, message)

    # -- shape ----------------------------------------------------------------
    @property
    def is_null(self) -> bool:
        return isinstance(self.node, ScalarNode) and self.node.tag == _NULL_TAG and self.node.style is None

    def mapping(self) -> "YMap":
        if not isinstance(self.node, MappingNode):
            raise self.error(f"expected a mapping of keys, found {_kind(self.node)}")
        return YMap(self)

    def sequence(self) -> Iterator["YNode"]:
        if self.is_null:
            return iter(())
        if not isinstance(self.node, SequenceNode):
            raise self.error(f"expected a list, found {_kind(self.node)}")
        return (YNode(n, self.file, f"{self.path}[{i}]") for i, n in enumerate(self.node.value))

    # -- scalars ----------------------------------------------------------------
    def text(self, *, allow_blank: bool = True) -> str:
        if self.is_null:
            if allow_blank:
                return ""
            raise self.error("a value is required here")
        if not isinstance(self.node, ScalarNode):
            raise self.error(f"expected text, found {_kind(self.node)}")
        value = str(self.node.value)
        if not allow_blank and not value.strip():
            raise self.error("a value is required here")
        return value

    def texts(self) -> tuple[str, ...]:
        return tuple(item.text() for item in self.sequence())

    def parse(self, parser, what: str):
        """Apply a parser to the scalar text, turning its ValueError into InputError."""
        raw = None if self.is_null else self.text()
        try:
            return parser(raw)
        except (PlacedValueError, ValueError) as exc:
            raise self.error(f"{what}: {exc}") from None


class YMap:
    """A mapping whose keys are consumed one by one; leftovers are errors."""

    def __init__(self, owner: YNode) -> None:
        self.owner = owner
        self._items: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in owner.node.value:
            if not isinstance(key_node, ScalarNode):
                raise YNode(key_node, owner.file, owner.path).error("a key must be plain text")
            key = str(key_node.value)
            if key in self._items:
                raise YNode(key_node, owner.file, owner.path).error(f"duplicate key {key!r}")
            self._items[key] = (key_node, value_node)
        self._used: set[str] = set()

    def _child(self, key: str) -> YNode:
        path = f"{self.owner.path}.{key}" if self.owner.path else key
        return YNode(self._items[key][1], self.owner.file, path)

    def has(self, key: str) -> bool:
        return key in self._items

    def keys(self) -> tuple[str, ...]:
        return tuple(self._items)

    def req(self, key: str) -> YNode:
        self._used.add(key)
        if key not in self._items:
            raise self.owner.error(f"missing key {key!r}")
        return self._child(key)

    def opt(self, key: str) -> YNode | None:
        self._used.add(key)
        return self._child(key) if key in self._items else None

    def done(self) -> None:
        for key, (key_node, _) in self._items.items():
            if key not in self._used:
                raise YNode(key_node, self.owner.file, self.owner.path).error(f"unknown key {key!r}")


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the value {node.value!r}"
