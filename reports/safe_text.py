"""Text from input, safe in every output and visible where it was not.

A statement's label, a deviation's reason, an agency's name or a file name
may hold characters that XML 1.0 cannot hold (C0 controls, U+FFFE, U+FFFF,
lone surrogates — a name given in bytes that are not UTF-8 arrives as one),
so that Excel refuses the report or a JUnit parser the test report, or that a
terminal acts on (an escape sequence, a C1 control), or that turns the
direction of the text around it (the bidirectional overrides and isolates,
U+202A–U+202E and U+2066–U+2069: text that reads other than it is). Every writer — the
audit workbook, JSON, JUnit, the console and the one-line error — passes
text through :func:`visible`, which shows each such character as
``[U+XXXX]``: the output is well-formed, and the reader sees that the input
held something it should not. Tabs and line breaks are text and stay.
"""

from __future__ import annotations

import re

#: U+xFFFE and U+xFFFF of the planes above the first: noncharacters too
_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF))
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                    + _NONCHARACTERS + "]")


def visible(text: str) -> str:
    """``text`` with every character no output may hold shown as ``[U+XXXX]``."""
    return UNSAFE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def visible_in(value: object) -> object:
    """A JSON-like value (dicts, lists, strings) with :func:`visible` applied to every string, keys too."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {visible_in(key): visible_in(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [visible_in(item) for item in value]
    return value
