import math
from decimal import Decimal

import pytest

from ledger.core.errors import PlacedValueError
from ledger.core.money import format_amount, from_excel_number, from_ore, parse_amount, to_ore


@pytest.mark.parametrize("text, value", [
    ("373 849 000", "373849000"),
    ("-22 340 684 860", "-22340684860"),
    ("\u22121 762 769", "-1762769"),          # U+2212 minus
    ("\u20131 762 769", "-1762769"),          # en dash used as minus
    ("(1 000)", "-1000"),
    ("1.234,50", "1234.50"),
    ("1\u00a0234", "1234"),                   # no-break space
    ("1\u2009234", "1234"),                   # thin space
    ("1\u202f234,5", "1234.5"),               # narrow no-break space
    ("2.330.232", "2330232"),                 # dot thousands separators
    ("1234.50", "1234.50"),                   # machine export
    ("  0 ", "0"),
    ("-0", "0"),
    ("+5", "5"),
    ("999 999 999 999 999", "999999999999999"),
])
def test_parses_norwegian_amounts(text, value):
    assert parse_amount(text) == Decimal(value)


def test_negative_zero_is_plain_zero():
    assert str(parse_amount("-0")) == "0"


@pytest.mark.parametrize("text", ["", "-", "\u2013", "\u2014", "   ", None])
def test_blank_is_absent(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", [
    "1,234", "12,345",          # three decimals: an English thousands comma is refused, not misread
    "1 23", "1  234",           # ragged grouping
    "abc", "kr 100", "1e5",     # not numbers
    "--1", "(-1)",              # two signs
    "1,234.50", "1 234.50",     # mixed conventions
    "9999999999999999",         # more than 15 integer digits
    "1.234.5",
    "0.001", "0 001", "01 234",  # a grouped number does not start with 0
])
def test_rejects_what_is_not_an_amount(text):
    with pytest.raises(PlacedValueError):
        parse_amount(text)


def test_why_an_amount_is_refused_is_said_in_every_language():
    """The parser does not know the user's language: its error is a catalogue text the reader passes on (``str()``
    is the English), the reason a text of its own."""
    with pytest.raises(PlacedValueError) as caught:
        parse_amount("12,345")
    assert str(caught.value) == "'12,345' is not an amount: more than two decimals (amounts are in kroner and øre)"
    assert caught.value.message("nb") == "'12,345' er ikke et beløp: mer enn to desimaler (beløp er i kroner og øre)"
    assert caught.value.message("nn") == "'12,345' er ikkje eit beløp: meir enn to desimalar (beløp er i kroner og øre)"
    with pytest.raises(PlacedValueError) as caught:
        from_excel_number(0.001)
    assert caught.value.message("nn") == "0.001 er ikkje eit heilt tal øre"


def test_excel_numbers_convert_once_at_excel_precision():
    assert from_excel_number(0.1 + 0.2) == Decimal("0.30")
    assert from_excel_number(373849000.0) == Decimal(373849000)
    assert from_excel_number(-250.5) == Decimal("-250.50")
    assert from_excel_number(7) == 7


@pytest.mark.parametrize("value", [0.001, math.nan, math.inf, 1e20, True])
def test_excel_numbers_that_are_not_money_are_refused(value):
    with pytest.raises(PlacedValueError):
        from_excel_number(value)


def test_ore_round_trip_is_exact_beyond_float_precision():
    big = Decimal("90071992547409.93")  # 2**53 + 1 øre: a float cannot hold it
    assert to_ore(big) == 2**53 + 1
    assert from_ore(2**53 + 1) == big
    with pytest.raises(PlacedValueError):
        to_ore(Decimal("1.001"))


def test_format_matches_the_statements():
    assert format_amount(Decimal("-22340684860")) == "-22 340 684 860"
    assert format_amount(Decimal("1234.5"), "en") == "1,234.50"
    assert format_amount(Decimal("1234.5"), "nn") == "1 234,50"
    assert format_amount(None) == "–"
    assert format_amount(Decimal(1), signed=True) == "+1"


# --- the vectorised parser: the same grammar, column at a time ---------------

_CORPUS = [
    "373 849 000", "-22 340 684 860", "\u22121 762 769", "\u20131 762 769", "(1 000)", "1.234,50", "1\u00a0234",
    "1\u2009234", "1\u202f234,5", "2.330.232", "1234.50", "  0 ", "-0", "+5", "999 999 999 999 999", "1,5", "- 5",
    "( 5 )", "0001", "00000000000000000000012", "", "-", "\u2013", "\u2014", "   ", None,
    "1,234", "12,345", "1 23", "1  234", "abc", "kr 100", "1e5", "--1", "(-1)", "1,234.50", "1 234.50",
    "9999999999999999", "1.234.5", "\u0663", "+", "(-)", "()", "1.", ",5", "1,", "1 234,5 ", "\t-7,05\r",
]


def _scalar_ore(text):
    try:
        value = parse_amount(text)
    except PlacedValueError:
        return "bad"
    return "blank" if value is None else to_ore(value)


@pytest.mark.parametrize("text", _CORPUS)
def test_vectorised_parser_agrees_with_the_scalar_one(text):
    pa = pytest.importorskip("pyarrow")
    from ledger.core.money import parse_amounts_ore

    ore, blank, bad = parse_amounts_ore(pa.array([text], pa.string()))
    got = "bad" if bad[0].as_py() else "blank" if blank[0].as_py() else ore[0].as_py()
    assert got == _scalar_ore(text)


@pytest.mark.parametrize("alphabet", ["0123456789 ,.-+()\u00a0\u2212x",
                                      "0123456789 ,.-+x"])  # no parentheses, all ASCII: the passes it skips
def test_vectorised_parser_agrees_on_random_text(alphabet):
    import random

    pa = pytest.importorskip("pyarrow")
    from ledger.core.money import parse_amounts_ore

    rng = random.Random(5)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(20000)]
    texts += [f"{rng.randint(-10**9, 10**9):,}".replace(",", rng.choice(" .")) + rng.choice(["", ",5", ",50", ".5"])
              for _ in range(5000)]
    ore, blank, bad = parse_amounts_ore(pa.array(texts))
    got = ["bad" if b else "blank" if k else o for o, k, b in zip(ore.to_pylist(), blank.to_pylist(), bad.to_pylist())]
    assert got == [_scalar_ore(t) for t in texts]
