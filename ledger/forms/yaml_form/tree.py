"""A strict, located view of a YAML document.

The document is composed here from the parser's events (libyaml's C parser
where PyYAML has it, PyYAML's own otherwise) into small nodes that keep
their line and the raw text of every scalar, so nothing is guessed: ``0670``
stays ``"0670"`` (not octal 440), ``10,3`` stays text for the money parser,
and no float is ever built. Aliases are refused (they make exponential
documents out of small files), duplicate keys are refused, and every key a
reader does not consume is an "unknown key" error naming its line.

Why not PyYAML's composer: it is pure Python even over libyaml (66 ms for
IMDi's accounts; the C parser's events, composed here, 5 ms), and its
collector ran over every node it made, so a 19 MB file took over a minute
(README, «Hostile input»). The garbage collector is paused while composing:
the tree has no cycles to collect.
"""

from __future__ import annotations

import gc
from typing import Iterator

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ledger.core.errors import InputError, PlacedValueError, reason
from ledger.core.source import Source
from ledger.guards.input_file import input_error, regular_file
from ledger.vocabulary.labels import Msg, msg

MAX_YAML_BYTES = 20 * 1024 * 1024
#: An accounts file nests six levels; a deeper one is not an accounts file (and would exhaust the stack).
MAX_DEPTH = 64
#: Values (scalars) in one document: IMDi's accounts have about 1 500, the largest state agency's a few thousand.
MAX_VALUES = 200_000
#: Characters in one value: what a spreadsheet cell holds (Excel's limit), and so what a statement's text may be.
MAX_TEXT = 32_767
_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # PyYAML's implicit null, for a plain scalar
_LOADER = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None


class Scalar:
    __slots__ = ("value", "line", "null")

    def __init__(self, value: str, line: int, null: bool) -> None:
        self.value, self.line, self.null = value, line, null


class Mapping:
    __slots__ = ("value", "line")

    def __init__(self, line: int) -> None:
        self.value: list = []  # (key node, value node) pairs, in order
        self.line = line


class Sequence:
    __slots__ = ("value", "line")

    def __init__(self, line: int) -> None:
        self.value: list = []
        self.line = line


Node = Scalar | Mapping | Sequence


def load(path: str, text: str | None = None) -> "YNode":
    """Parse a YAML file into a :class:`YNode` tree (or raise InputError)."""
    if text is None:
        regular_file(path)
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_YAML_BYTES + 1)
        except OSError as exc:
            raise input_error(path, exc) from None
        if len(data) > MAX_YAML_BYTES:
            raise InputError(path, None, msg("input.yaml.too_large", mib=MAX_YAML_BYTES // 2**20))
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data[:4096]:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise InputError(path, str(line), msg("input.yaml.binary"))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(path, str(line), msg("input.file.not_utf8")) from None
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = _compose(path, text)
    except yaml.reader.ReaderError:
        raise _bad_character(path, text) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = str(mark.line + 1) if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(path, line, msg("input.yaml.invalid", detail=problem)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - all PyYAML errors are marked
        raise InputError(path, None, msg("input.yaml.invalid", detail=str(exc))) from None
    finally:
        if collecting:
            gc.enable()
    if root is None:
        raise InputError(path, None, msg("input.file.empty"))
    return YNode(root, path, "")


def _events(text: str):
    """The parser's events: libyaml's where PyYAML was built with it, else PyYAML's own parser."""
    loader = (_LOADER or yaml.SafeLoader)(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _compose(path: str, text: str) -> Node | None:
    """The one document of ``text`` as nodes; aliases, a second document, nesting beyond :data:`MAX_DEPTH` and
    more than :data:`MAX_VALUES` values are refused at their line."""
    root: Node | None = None
    stack: list[Mapping | Sequence] = []
    documents = values = 0
    for event in _events(text):
        kind = type(event)
        if kind is ScalarEvent:
            values += 1
            if values > MAX_VALUES:
                raise InputError(path, str(event.start_mark.line + 1), msg("input.yaml.too_many_values", n=_n(MAX_VALUES)))
            if len(event.value) > MAX_TEXT:
                raise InputError(path, str(event.start_mark.line + 1), msg("input.yaml.text_too_long",
                                 length=_n(len(event.value)), most=_n(MAX_TEXT)))
            plain = event.style in (None, "")
            tag = event.tag if event.tag not in (None, "!") else None
            null = plain and (tag == _NULL_TAG if tag else event.implicit[0] and event.value in _NULLS)
            node: Node = Scalar(event.value, event.start_mark.line + 1, null)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            node = (Mapping if kind is MappingStartEvent else Sequence)(event.start_mark.line + 1)
            if len(stack) >= MAX_DEPTH:
                raise InputError(path, str(node.line), msg("input.yaml.too_deep", depth=MAX_DEPTH))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            if kind is MappingEndEvent:
                items = done.value
                done.value = list(zip(items[0::2], items[1::2]))
            continue
        elif kind is AliasEvent:
            raise InputError(path, str(event.start_mark.line + 1),
                             msg("input.yaml.alias"))
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise InputError(path, str(event.start_mark.line + 1), msg("input.yaml.second_document"))
            continue
        else:
            continue
        if stack:
            stack[-1].value.append(node)
        else:
            root = node
        if kind is not ScalarEvent:
            stack.append(node)
    return root


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _bad_character(path: str, text: str) -> InputError:
    """The line and the character a YAML reader refuses (a NUL byte, a control character, U+FFFE)."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - libyaml and PyYAML refuse the same characters
        return InputError(path, None, msg("input.yaml.invalid_character"))
    char = found.group()
    name = {"\0": " (NUL)", "\x1b": " (ESC)"}.get(char, "")
    line = text.count("\n", 0, found.start()) + 1
    return InputError(path, str(line), msg("input.yaml.bad_character", char=f"U+{ord(char):04X}{name}"))


class YNode:
    """A YAML node with its file and logical path."""

    __slots__ = ("node", "file", "path")

    def __init__(self, node: Node, file: str, path: str) -> None:
        self.node, self.file, self.path = node, file, path

    # -- location ---------------------------------------------------------
    @property
    def line(self) -> int:
        return self.node.line

    @property
    def source(self) -> Source:
        return Source(self.file, line=self.line, path=self.path or None)

    def error(self, message: "str | Msg") -> InputError:
        where = f"{self.line}" + (f" ({self.path})" if self.path else "")
        return InputError(self.file, where, message)

    # -- shape ----------------------------------------------------------------
    @property
    def is_null(self) -> bool:
        return isinstance(self.node, Scalar) and self.node.null

    def mapping(self) -> "YMap":
        if not isinstance(self.node, Mapping):
            raise self.error(msg("input.yaml.not_mapping", found=_kind(self.node)))
        return YMap(self)

    def sequence(self) -> Iterator["YNode"]:
        if self.is_null:
            return iter(())
        if not isinstance(self.node, Sequence):
            raise self.error(msg("input.yaml.not_list", found=_kind(self.node)))
        return (YNode(n, self.file, f"{self.path}[{i}]") for i, n in enumerate(self.node.value))

    # -- scalars ----------------------------------------------------------------
    def text(self, *, allow_blank: bool = True) -> str:
        if self.is_null:
            if allow_blank:
                return ""
            raise self.error(msg("input.yaml.value_required"))
        if not isinstance(self.node, Scalar):
            raise self.error(msg("input.yaml.not_text", found=_kind(self.node)))
        value = str(self.node.value)
        if not allow_blank and not value.strip():
            raise self.error(msg("input.yaml.value_required"))
        return value

    def texts(self) -> tuple[str, ...]:
        return tuple(item.text() for item in self.sequence())

    def parse(self, parser, message_id: str):
        """Apply a parser to the scalar text, turning its ValueError into InputError: the catalogue text
        ``message_id`` with the parser's words as ``{detail}``."""
        raw = None if self.is_null else self.text()
        try:
            return parser(raw)
        except (PlacedValueError, ValueError) as exc:
            raise self.error(msg(message_id, detail=reason(exc))) from None


class YMap:
    """A mapping whose keys are consumed one by one; leftovers are errors."""

    def __init__(self, owner: YNode) -> None:
        self.owner = owner
        self._items: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in owner.node.value:
            if not isinstance(key_node, Scalar):
                raise YNode(key_node, owner.file, owner.path).error(msg("input.yaml.key_not_text"))
            key = str(key_node.value)
            if key in self._items:
                raise YNode(key_node, owner.file, owner.path).error(msg("input.yaml.duplicate_key", key=key))
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
            raise self.owner.error(msg("input.yaml.missing_key", key=key))
        return self._child(key)

    def opt(self, key: str) -> YNode | None:
        self._used.add(key)
        return self._child(key) if key in self._items else None

    def done(self) -> None:
        for key, (key_node, _) in self._items.items():
            if key not in self._used:
                raise YNode(key_node, self.owner.file, self.owner.path).error(msg("input.yaml.unknown_key", key=key))


def _kind(node: Node) -> Msg:
    if isinstance(node, Mapping):
        return msg("input.yaml.kind.mapping")
    if isinstance(node, Sequence):
        return msg("input.yaml.kind.list")
    return msg("input.yaml.kind.value", value=node.value)
