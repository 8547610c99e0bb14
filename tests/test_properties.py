"""Property-based tests: the money parser and the YAML reader on generated input.

Whatever the input, a reader either returns data or raises the one input
error; anything else (a traceback) is a defect.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.errors import InputError, PlacedValueError
from ledger.money import format_amount, parse_amount
from ledger.yaml_form import read_yaml
from rules.engine import run
from tests.helpers import load_doc

AMOUNTS = st.decimals(min_value=Decimal("-999999999999999.99"), max_value=Decimal("999999999999999.99"),
                      places=2, allow_nan=False, allow_infinity=False)


def _dot_grouped(d: Decimal) -> str:
    return format_amount(d, "nb").replace(" ", ".")


def _parenthesised(d: Decimal) -> str:
    text = format_amount(abs(d), "nb")
    return f"({text})" if d < 0 else text


def _plain(d: Decimal) -> str:
    return format(d, "f").replace(".", ",")


FORMS = {
    "nb": lambda d: format_amount(d, "nb"),
    "nn": lambda d: format_amount(d, "nn"),
    "no-break space": lambda d: format_amount(d, "nb").replace(" ", "\u00a0"),
    "thin space": lambda d: format_amount(d, "nb").replace(" ", "\u2009"),
    "narrow no-break space": lambda d: format_amount(d, "nb").replace(" ", "\u202f"),
    "U+2212 minus": lambda d: format_amount(d, "nb").replace("-", "\u2212"),
    "dot grouped": _dot_grouped,
    "parentheses": _parenthesised,
    "plain, decimal comma": _plain,
    "plain, decimal point": lambda d: format(d, "f"),
    "padded": lambda d: f"  {format_amount(d, 'nb')}\t",
}


@settings(max_examples=2000)
@given(AMOUNTS, st.sampled_from(sorted(FORMS)))
def test_every_formatted_amount_parses_back(value, form):
    assert parse_amount(FORMS[form](value)) == value


@settings(max_examples=2000)
@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_clean_rejection(text):
    try:
        result = parse_amount(text)
    except PlacedValueError:
        return
    assert result is None or isinstance(result, Decimal)
    if any(ch.isalpha() for ch in text):
        raise AssertionError(f"{text!r} contains letters but parsed as {result}")


@settings(max_examples=1000)
@given(AMOUNTS, st.integers(min_value=3, max_value=6), st.sampled_from([",", "."]))
def test_more_than_two_decimals_is_refused(value, decimals, separator):
    integer = format(abs(value), "f").split(".")[0]
    if separator == "." and decimals == 3 and integer != "0":
        return  # "12.345" is a dot-grouped thousand by Norwegian convention, not 12,345
    text = integer + separator + "1" * decimals
    try:
        result = parse_amount(text)
    except PlacedValueError:
        return
    raise AssertionError(f"{text!r} parsed as {result}")


_IMDI = load_doc()


def _scalar_paths(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _scalar_paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _scalar_paths(v, path + (i,))
    else:
        yield path


PATHS = list(_scalar_paths(_IMDI))
JUNK = st.one_of(st.none(), st.text(max_size=20), st.integers(-10**20, 10**20).map(str),
                 st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5),
                                                                           max_size=2))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JUNK), min_size=1, max_size=4))
def test_the_yaml_reader_on_corrupted_accounts(tmp_path_factory, edits):
    doc = copy.deepcopy(_IMDI)
    for path, junk in edits:
        node = doc
        for token in path[:-1]:
            node = node[token]
        node[path[-1]] = junk
    target = tmp_path_factory.mktemp("fuzz") / "accounts.yaml"
    target.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        accounts = read_yaml(str(target))
    except InputError as exc:
        assert str(target) in str(exc) and "\n" not in str(exc)
        return
    run(accounts)  # whatever was read must be checkable without a crash


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_the_yaml_reader_on_arbitrary_bytes(tmp_path_factory, data):
    target = tmp_path_factory.mktemp("bytes") / "accounts.yaml"
    target.write_bytes(data)
    try:
        read_yaml(str(target))
    except InputError:
        return
    raise AssertionError("arbitrary bytes were read as accounts")
