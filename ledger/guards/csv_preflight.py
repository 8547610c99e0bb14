"""Checks on a CSV ledger that Arrow's reader does not make.

Arrow reads UTF-16 as garbage fields, reads a binary file as long as its
bytes decode, and takes a quote that is never closed to the end of the file:
``…;"1`` swallows every line after it into one amount, silently. So
:mod:`ledger.general_ledger.file` asks this module first (:func:`check_head`, on the
first 64 KiB it has read anyway) and then (:func:`check_quotes`, one
counting pass over the file, 0.02–0.04 s per million lines; the slow search
for the line runs only when the count is odd) and, when a byte fits neither encoding, where it is
(:func:`undecodable`).
"""

from __future__ import annotations

import csv

from ledger.core.errors import InputError
from ledger.vocabulary.labels import msg

_BLOCK = 1 << 24
#: Bytes no text file holds: C0 controls other than tab, line feed, form feed, carriage return and
#: the old DOS end-of-file mark.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
#: The longest field a ledger line may hold (Python's csv module's own limit, which the search for a line
#: uses): a longer one is a quote never closed, or text no ledger export writes.
MAX_FIELD = 131_072
_SAVE_AS = msg("input.csv.save_as")


def check_head(path: str, head: bytes, size: int) -> None:
    """Refuse what is not one-byte text with a heading line and more: UTF-16 or UTF-32, a binary
    file, a file of headings alone. ``head`` is the start of the file, ``size`` its length."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            raise InputError(path, None, msg("input.csv.wide_encoding", encoding=name, advice=_SAVE_AS))
    sample = head[:4096]
    zeros = sample.count(0)
    if zeros and zeros * 3 >= len(sample) and (sample[0::2].count(0) > zeros * 0.9
                                                  or sample[1::2].count(0) > zeros * 0.9):
        raise InputError(path, None, msg("input.csv.utf16_without_bom", advice=_SAVE_AS))
    controls = sample.translate(None, delete=bytes(range(32, 256)) + b"\t\n\x0c\r\x1a")
    if zeros or len(controls) * 20 > len(sample):
        first = min(i for i in (head.find(bytes([c])) for c in _CONTROL) if i >= 0)
        line = head.count(b"\n", 0, first) + 1
        raise InputError(path, str(line), msg("input.csv.binary", byte=head[first]))
    if head.lstrip(b"\xef\xbb\xbf").strip() and b"\n" not in head and b"\r" not in head:
        if size > len(head):
            raise InputError(path, "1", msg("input.csv.first_line_too_long", kib=len(head) // 1024))
        raise InputError(path, None, msg("input.ledger.no_lines"))


def check_quotes(path: str, encoding: str, separator: str) -> None:
    """Refuse a quoted field that is never closed. Every closed quote comes in pairs (``""`` inside
    a quoted field is one quote), so an even count of ``"`` proves there is none."""
    import numpy as np  # counts a byte twice as fast as bytes.count

    count = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            count += int(np.count_nonzero(np.frombuffer(block, np.uint8) == 0x22))
    if count % 2 == 0:
        return
    # odd: a literal quote inside a field (15" skjerm), or a field open at the end of the file
    start, last = 1, 0
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=separator)
        try:
            for _ in reader:  # the record that ends the file starts after the one before it
                start, last = last + 1, reader.line_num
        except csv.Error:  # a field beyond MAX_FIELD: the record after the last one read opens it
            raise field_too_long(path, last + 1) from None
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        for _ in range(start - 1):
            fh.readline()
        if _ends_inside_quotes(fh.read(), separator):
            raise InputError(path, str(start), msg("input.csv.quote_never_closed"))


def field_too_long(path: str, line: int) -> InputError:
    """The one line for a field longer than :data:`MAX_FIELD` that begins on ``line``."""
    return InputError(path, str(line), msg("input.csv.field_too_long", kib=MAX_FIELD // 1024))


def trailing_blank_lines(path: str) -> int:
    """How many empty lines end the file (an export's habit, not ledger lines): they are dropped."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(size - _BLOCK, 0))
        tail = fh.read()
    lines = tail.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    # "a\n" splits into ["a", ""]: the last piece is the end of the file, not a line
    blank = 0
    for line in reversed(lines[:-1]):
        if line:
            break
        blank += 1
    return blank if len(lines) - 1 > blank else 0


def _first_non_utf8(path: str) -> tuple[int, int] | None:
    """(line, byte) of the first byte that is not UTF-8, reading block by block."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                # the decoder may hold a few bytes of the block before; count lines up to the bad byte
                start = max(exc.start - len(exc.object) + len(block), 0)
                return line + block.count(b"\n", 0, start), block[start] if start < len(block) else exc.object[exc.start]
            line += block.count(b"\n")
    return None


def _ends_inside_quotes(text: str, separator: str) -> bool:
    """Whether ``text`` (whole records) ends inside a quoted field, read as Arrow and ``csv`` read it:
    a quote opens a field only at its start, ``""`` inside it is a quote, and what follows the
    closing quote up to the separator is text."""
    inside, at_start, i, n = False, True, 0, len(text)
    while i < n:
        ch = text[i]
        if inside:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    inside = False
        elif ch == '"' and at_start:
            inside = True
        at_start = not inside and (ch == separator or ch in "\r\n")
        i += 1
    return inside


def undecodable(path: str, encoding: str = "") -> InputError:
    """The error for a byte that is a character in neither UTF-8 nor Windows-1252, with its line.

    Under a UTF-8 byte-order mark the file promised UTF-8: the first byte that is not names its line.
    """
    if encoding == "utf-8-sig":
        found = _first_non_utf8(path)
        if found is not None:
            line, byte = found
            return InputError(path, str(line), msg("input.csv.not_utf8_after_bom", byte=byte, advice=_SAVE_AS))
    line = 1
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            hits = [i for i in (block.find(bytes([b])) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) if i >= 0]
            if hits:
                first = min(hits)
                return InputError(path, str(line + block.count(b"\n", 0, first)),
                                  msg("input.csv.undecodable_byte", byte=block[first], advice=_SAVE_AS))
            line += block.count(b"\n")
    return InputError(path, None, msg("input.csv.undecodable", advice=_SAVE_AS))
