"""The one money parser: Norwegian printed amounts and Excel numbers to Decimal.

Every reader calls :func:`parse_amount` (text) or :func:`from_excel_number`
(a numeric cell). Nothing else in avstem turns text into money.

Accepted text (after trimming):

* digits grouped by spaces, no-break spaces (U+00A0, U+202F), thin spaces
  (U+2009) or dots: ``373 849 000``, ``2.330.232``;
* a decimal comma with one or two decimals: ``1 234,50``, ``1.234,5``;
  a decimal point with one or two decimals when no comma is used and the
  number is not grouped: ``1234.50`` (machine exports);
* a sign: ``-``, ``+``, U+2212 minus or U+2013 en dash (typeset minus);
  or parentheses for a negative: ``(1 000)``;
* ``-``, an em/en dash alone, or nothing: the statement prints no figure
  (returned as ``None``; the caller decides whether that means zero).

A whole column is parsed at once by :func:`parse_amounts_ore`, which
applies this same grammar (the same pattern and constants) vectorised, to
integer øre.

Everything else — letters, currency symbols, three decimals, ragged digit
groups, two signs, more than 15 integer digits — is rejected with
:class:`~ledger.core.errors.PlacedValueError`, never guessed. A single dot
followed by exactly three digits (``1.234``) is read as a thousands
separator, the Norwegian convention.
"""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NoReturn

from ledger.core.errors import PlacedValueError

if TYPE_CHECKING:
    from ledger.vocabulary.labels import Msg

ZERO = Decimal(0)
ORE = Decimal("0.01")
#: Larger amounts are refused: no Norwegian state account comes near 10^15 kr,
#: and the bound keeps integer-øre sums of millions of lines inside int64.
MAX_INTEGER_DIGITS = 15

_SPACES = "\u0020\u00a0\u2009\u202f\u2007"
_MINUSES = "-\u2212\u2013"
_BLANKS = {"", "-", "\u2212", "\u2013", "\u2014"}

# Integer part: plain digits, or groups of three after a 1-3 digit head,
# separated consistently by one kind of separator (space class or dot).
# ASCII digits only, and written so that Python's ``re`` and Arrow's RE2 read
# it alike: the vectorised parser below applies this very pattern.
NUMBER_PATTERN = (
    r"^(?P<int>[0-9]+"                   # plain
    r"|[1-9][0-9]{0,2}(?:[ ][0-9]{3})+"   # space grouped (spaces normalised), no leading 0
    r"|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)"  # dot grouped
    r"(?:(?P<sep>[,.])(?P<frac>[0-9]{1,2}))?$"
)
_NUMBER = re.compile(NUMBER_PATTERN)


def parse_amount(text: str | None) -> Decimal | None:
    """Parse one printed amount; ``None`` when nothing is printed.

    Raises :class:`PlacedValueError` for anything that is not an amount.
    """
    if text is None:
        return None
    raw = str(text)
    s = raw.strip(_SPACES + "\t\r\n")
    if s in _BLANKS:
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1].strip(_SPACES)
    if s[:1] in _MINUSES:
        if negative:
            _fail(raw, msg("input.amount.why.two_signs"))
        negative = True
        s = s[1:].lstrip(_SPACES)
    elif s[:1] == "+":
        s = s[1:].lstrip(_SPACES)
    if not s:
        _fail(raw, msg("input.amount.why.sign_only"))
    for ch in _SPACES[1:]:
        s = s.replace(ch, " ")
    if "  " in s:
        _fail(raw, msg("input.amount.why.irregular_grouping"))
    match = _NUMBER.match(s)
    if not match:
        _fail(raw, _why_not(s))
    integer, sep, frac = match.group("int"), match.group("sep"), match.group("frac")
    if sep == "." and ("." in integer or " " in integer):
        _fail(raw, msg("input.amount.why.point_in_grouped"))
    digits = integer.replace(" ", "").replace(".", "")
    if len(digits.lstrip("0")) > MAX_INTEGER_DIGITS:
        _fail(raw, msg("input.amount.why.integer_digits", digits=MAX_INTEGER_DIGITS))
    value = Decimal(digits + ("." + frac if frac else ""))
    if negative and value:
        value = -value
    return value if value else ZERO  # no negative zero


def parse_amounts_ore(texts):
    """Parse a whole column of amounts to integer øre, vectorised (Arrow).

    The same grammar as :func:`parse_amount`, step for step and with the same
    pattern and constants, applied to every value at once; the text never
    passes through a float: the digits are cast straight to ``int64``.
    ``texts`` is an Arrow string array (or chunked array). Returns
    ``(ore, blank, bad)``: ``ore`` an ``int64`` array, null where the value is
    blank or not an amount; ``blank`` and ``bad`` boolean masks. Call
    :func:`parse_amount` on a bad value to learn why it was refused.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    s = pc.utf8_trim(texts.cast(pa.string()), characters=_SPACES + "\t\r\n")
    blank = pc.or_kleene(pc.is_null(s), pc.is_in(s, value_set=pa.array(sorted(_BLANKS))))
    paren = pc.and_(pc.starts_with(s, "("), pc.ends_with(s, ")"))
    if pc.any(paren).as_py():  # a pass over every value only when some value has parentheses
        s = pc.if_else(paren, pc.utf8_trim(pc.utf8_slice_codeunits(s, 1, -1), characters=_SPACES), s)
    # the first character a minus (or a plus): tested in place rather than sliced off every value
    minus = pc.fill_null(functools.reduce(pc.or_, (pc.starts_with(s, m) for m in _MINUSES)), False)
    signed = pc.or_(minus, pc.starts_with(s, "+"))
    s = pc.if_else(signed, pc.utf8_ltrim(pc.utf8_slice_codeunits(s, 1), characters=_SPACES), s)
    bad = pc.or_(pc.and_(paren, minus), pc.equal(s, ""))  # two signs; a sign without digits
    if not pc.all(pc.string_is_ascii(s)).as_py():  # the spaces to normalise are not ASCII
        s = pc.replace_substring_regex(s, "[" + _SPACES[1:] + "]", " ")
    bad = pc.or_(bad, pc.match_substring(s, "  "))  # irregular digit grouping
    parts = pc.extract_regex(s, NUMBER_PATTERN)
    integer, sep, frac = (pc.struct_field(parts, name) for name in ("int", "sep", "frac"))
    bad = pc.or_(bad, pc.invert(pc.fill_null(pc.is_valid(parts), False)))
    grouped = pc.or_(pc.match_substring(integer, "."), pc.match_substring(integer, " "))
    bad = pc.or_(bad, pc.and_(pc.equal(sep, "."), grouped))  # a decimal point in a grouped number
    digits = pc.replace_substring(pc.replace_substring(integer, " ", ""), ".", "")
    too_long = pc.greater(pc.utf8_length(pc.utf8_ltrim(digits, characters="0")), MAX_INTEGER_DIGITS)
    bad = pc.and_(pc.fill_null(pc.or_(bad, too_long), True), pc.invert(blank))
    keep = pc.invert(pc.or_(bad, blank))
    digits = pc.if_else(keep, digits, "0")
    frac = pc.if_else(keep, pc.utf8_rpad(frac, 2, "0"), "00")  # "5" is 50 øre, "" none
    ore = pc.add(pc.multiply(digits.cast(pa.int64()), 100), frac.cast(pa.int64()))
    ore = pc.if_else(pc.or_(paren, minus), pc.negate(ore), ore)
    return pc.if_else(keep, ore, pa.scalar(None, pa.int64())), blank, bad


def _why_not(s: str) -> "Msg":
    if re.search(r"[,.]\d{3,}$", s) and not re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        return msg("input.amount.why.decimals")
    if re.search(r"[^\d ,.]", s):
        return msg("input.amount.why.characters")
    return msg("input.amount.why.irregular_grouping")


def msg(message_id: str, **params) -> "Msg":
    """:func:`ledger.vocabulary.labels.msg`, imported when first needed (that module imports this one)."""
    from ledger.vocabulary import labels

    return labels.msg(message_id, **params)


def _fail(raw: str, why: "Msg") -> NoReturn:
    raise PlacedValueError(msg("input.amount.not_amount", text=raw, why=why))


def from_excel_number(value: float | int) -> Decimal:
    """Convert a numeric spreadsheet cell (a double) to exact kroner, once.

    Excel keeps 15 significant digits; a cached formula result may carry
    binary noise beyond them (``0.30000000000000004``). The value is taken at
    Excel's own 15-digit precision and must then be a whole number of øre.
    """
    if isinstance(value, bool):
        raise PlacedValueError(msg("input.amount.truth_value", value=repr(value)))
    if isinstance(value, int):
        d = Decimal(value)
    else:
        if not math.isfinite(value):
            raise PlacedValueError(msg("input.amount.not_finite", value=repr(value)))
        d = Decimal(repr(value))
        if d and d.adjusted() >= -2:
            # round to 15 significant digits, as Excel displays and stores it
            try:
                d = d.quantize(Decimal(1).scaleb(d.adjusted() - 14))
            except InvalidOperation:  # pragma: no cover - bounded above
                raise PlacedValueError(msg("input.amount.too_large", value=repr(value))) from None
    if abs(d) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise PlacedValueError(msg("input.amount.number_digits", value=repr(value), digits=MAX_INTEGER_DIGITS))
    if d != d.quantize(ORE):
        raise PlacedValueError(msg("input.amount.number_ore", value=repr(value)))
    d = d.quantize(ORE) if d != d.to_integral_value() else d.to_integral_value()
    return d if d else ZERO


def to_ore(amount: Decimal) -> int:
    """Kroner (Decimal, at most two decimals) to integer øre, exactly."""
    ore = amount * 100
    if ore != ore.to_integral_value():
        raise PlacedValueError(msg("input.amount.ore", amount=str(amount)))
    return int(ore)


def from_ore(ore: int) -> Decimal:
    """Integer øre to Decimal kroner, exactly."""
    return (Decimal(ore) / 100).quantize(ORE) if ore % 100 else Decimal(ore // 100)


def format_amount(value: Decimal | None, lang: str = "nb", *, signed: bool = False) -> str:
    """Format kroner the way the statements print them: ``-22 340 684 860``.

    Norwegian (nb/nn): space thousands separator, decimal comma; English:
    comma thousands separator, decimal point. ``None`` prints as ``–``.
    """
    if value is None:
        return "–"
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    v = abs(value)
    integer = int(v)
    frac = v - integer
    group = "," if lang == "en" else " "
    text = f"{integer:,}".replace(",", group)
    if frac:
        cents = f"{frac.quantize(ORE):f}"[2:]
        text += ("." if lang == "en" else ",") + cents
    return sign + text
