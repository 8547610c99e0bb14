"""Property-based tests: the money parser, and each reader (YAML form, workbook, ledger) on generated input.

Whatever the input, a reader either returns data or raises the one input
error; anything else (a traceback) is a defect. How many examples each test
runs, in the default and the thorough profile: ``EXAMPLES`` in conftest.py.
"""

from __future__ import annotations

import copy
import math
from decimal import Decimal

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from ledger.core.errors import InputError, PlacedValueError
from ledger.core.money import format_amount, parse_amount, parse_amounts_ore
from ledger.forms.workbook import read_grids, read_workbook
from ledger.forms.workbook.grid import Grid, Uncached
from ledger.forms.yaml_form.read import read_yaml
from ledger.general_ledger.file import SYNONYMS, read_ledger
from rules.engine import run
from tests.helpers import BOKMAL, IMDI, load_doc

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


@given(AMOUNTS, st.sampled_from(sorted(FORMS)))
def test_every_formatted_amount_parses_back(value, form):
    assert parse_amount(FORMS[form](value)) == value


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_clean_rejection(text):
    try:
        result = parse_amount(text)
    except PlacedValueError:
        return
    assert result is None or isinstance(result, Decimal)
    if any(ch.isalpha() for ch in text):
        raise AssertionError(f"{text!r} contains letters but parsed as {result}")


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


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_the_yaml_reader_on_arbitrary_bytes(tmp_path_factory, data):
    target = tmp_path_factory.mktemp("bytes") / "accounts.yaml"
    target.write_bytes(data)
    try:
        read_yaml(str(target))
    except InputError:
        return
    raise AssertionError("arbitrary bytes were read as accounts")


# --- the workbook reader --------------------------------------------------------------------------
#
# At the grid level (fast: no file per example): IMDi's one-sheet workbook as openpyxl reads it, with
# random cells set to random values of every type a cell can hold, rows deleted and inserted, ranges
# merged; then at the file level: the workbook's bytes damaged, and small random workbooks.



_BOOK = openpyxl.load_workbook(BOKMAL, data_only=True).active
_CELLS = {key: cell.value for key, cell in _BOOK._cells.items() if cell.value is not None}
_TEXTS = sorted({v for v in _CELLS.values() if isinstance(v, str)})
CELL_VALUES = st.one_of(
    st.none(), st.sampled_from(_TEXTS), st.text(max_size=25),
    st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True), st.just(-0.0),
    st.booleans(), st.dates(), st.datetimes(), st.times(),
    st.sampled_from(["-0", "\u22120", "(0)", "1 234,5", "1.234", "-", "\u2014", "#REF!", "#DIV/0!", "2023",
                     "31.12.2023", "0670 01", "0670", "01", "kan overføres", "nb", "nn", "Sum", "*", "1e5"]),
    st.builds(Uncached, st.text(max_size=10)),
)
ROWS, COLS = 280, 12
EDIT = st.one_of(
    st.tuples(st.just("set"), st.integers(1, ROWS), st.integers(1, COLS), CELL_VALUES),
    st.tuples(st.just("delete"), st.integers(1, ROWS)),
    st.tuples(st.just("insert"), st.integers(1, ROWS)),
    st.tuples(st.just("merge"), st.integers(1, ROWS), st.integers(1, COLS), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("copy"), st.integers(1, ROWS), st.integers(1, ROWS)),
)


def _edited_grid(edits) -> Grid:
    cells, merged = dict(_CELLS), []
    for edit in edits:
        kind = edit[0]
        if kind == "set":
            cells[(edit[1], edit[2])] = edit[3]
        elif kind in ("delete", "insert"):
            at, shift = edit[1], -1 if kind == "delete" else 1
            cells = {(r + shift if r > at or (kind == "insert" and r == at) else r, c): v
                     for (r, c), v in cells.items() if not (kind == "delete" and r == at)}
        elif kind == "merge":
            merged.append((edit[1], edit[2], edit[1] + edit[3], edit[2] + edit[4]))
        else:
            cells.update({(edit[2], c): v for (r, c), v in list(cells.items()) if r == edit[1]})
    return Grid("fuzz.xlsx", "Årsregnskap", cells, merged)


def _clean(exc: InputError, path: str) -> None:
    assert str(exc).startswith(path) and "\n" not in str(exc), str(exc)
    event("refused")


@settings(deadline=None)
@given(st.lists(EDIT, min_size=1, max_size=6))
def test_the_workbook_reader_on_perturbed_grids(edits):
    try:
        accounts = read_grids([_edited_grid(edits)], "fuzz.xlsx")
    except InputError as exc:
        _clean(exc, "fuzz.xlsx")
        return
    event("read")
    run(accounts)  # whatever was read must be checkable without a crash


_BOKMAL_BYTES = BOKMAL.read_bytes()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(_BOKMAL_BYTES) - 1), st.integers(1, 255)), min_size=1, max_size=8),
       st.one_of(st.none(), st.integers(0, len(_BOKMAL_BYTES))))
@example(flips=[(12609, 64)], cut=None)  # a zip directory entry claiming version 8.4: zipfile's NotImplementedError
def test_the_workbook_reader_on_damaged_bytes(tmp_path_factory, flips, cut):
    data = bytearray(_BOKMAL_BYTES)
    for at, mask in flips:
        data[at] ^= mask
    target = tmp_path_factory.mktemp("bytes") / "accounts.xlsx"
    target.write_bytes(bytes(data[:cut]))
    try:
        read_workbook(str(target))
        event("read")
    except InputError as exc:
        _clean(exc, str(target))


FILE_VALUES = st.one_of(
    st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.dates(),
    st.sampled_from(_TEXTS), st.sampled_from(["=SUM(A1:A2)", "=1/0", '=""']))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 8), FILE_VALUES), max_size=40),
       st.lists(st.tuples(st.integers(1, 30), st.integers(1, 8), st.integers(0, 2), st.integers(0, 2)), max_size=3),
       st.booleans())
def test_the_workbook_reader_on_random_workbooks(tmp_path_factory, cells, merges, hidden):
    book = openpyxl.Workbook()
    sheet = book.active
    for row, col, value in cells:
        sheet.cell(row, col, value)
    for row, col, down, right in merges:
        if down or right:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + down, end_column=col + right)
    if hidden:
        book.create_sheet("Skjult").sheet_state = "hidden"
    target = tmp_path_factory.mktemp("random") / "accounts.xlsx"
    book.save(target)
    try:
        read_workbook(str(target))
    except InputError as exc:
        _clean(exc, str(target))
        return
    raise AssertionError("a random workbook was read as accounts")


# --- the ledger reader ----------------------------------------------------------------------------
#
# Random bytes; CSV text generated from the headings export systems use, random separators, quoting,
# ragged lines, line breaks and encodings; and xlsx ledgers with random cells. Whatever is read must
# have its amounts parsed without a crash.


_HEADINGS = sorted({s for names in SYNONYMS.values() for s in names} | {"Beløp", "Konto", "Kapittel", "Post"})


def _read_ledger_or_refuse(path: str):
    try:
        ledger = read_ledger(path)
    except InputError as exc:
        _clean(exc, path)
        return None
    event("read")
    assert ledger.table["row"].to_pylist() == sorted(ledger.table["row"].to_pylist())
    if "amount" in ledger.table.column_names:
        ore, blank, bad = parse_amounts_ore(ledger.table["amount"])
        assert len(ore) == ledger.lines
    return ledger


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600), st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_the_ledger_reader_on_arbitrary_bytes(tmp_path_factory, data, suffix):
    target = tmp_path_factory.mktemp("bytes") / f"ledger{suffix}"
    target.write_bytes(data)
    _read_ledger_or_refuse(str(target))


FIELD = st.one_of(st.text(alphabet='0123456789 ,.-−()";|\t\nabcøÆ"\r', max_size=12),
                  st.sampled_from(["6300", "0670", "01", "1 000,00", "-0,00", "(12,50)", "2023-01-31", ""]))
PLAIN = st.one_of(st.text(alphabet="0123456789 ,.-−()abcøÆ", max_size=12),
                  st.sampled_from(["6300", "0670", "01", "1 000,00", "-0,00", "(12,50)", "2023-01-31", ""]))


@st.composite
def csv_ledgers(draw) -> tuple[list[str], str, list[list[str]], str]:
    """Headings, a separator, rows (mostly as wide as the headings, mostly plain fields), a quoting."""
    other = st.one_of(st.text(alphabet="abcdefgøæå ABC0123.()", min_size=1, max_size=8), st.text(max_size=8))
    headings = draw(st.lists(st.one_of(st.sampled_from(_HEADINGS), other), min_size=1, max_size=8,
                             unique_by=lambda h: h.strip().lower()))
    width = len(headings)
    cell = st.tuples(PLAIN, st.just(False))  # (text, wild); in one file of three, a wild field now and then
    if draw(st.integers(0, 2)) == 0:
        cell = st.one_of(*[cell] * 9, st.tuples(FIELD, st.just(True)))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=12))
    if rows and draw(st.integers(0, 4)) == 0:  # now and then a ragged line
        rows[draw(st.integers(0, len(rows) - 1))].append(("x", False))
    return headings, draw(st.sampled_from([";", "\t", ",", "|", " "])), rows, draw(
        st.sampled_from(["none", "all", "some"]))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_ledgers(), st.sampled_from(["\n", "\r\n", "\r"]),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
def test_the_ledger_reader_on_generated_csv(tmp_path_factory, ledger, newline, encoding):
    headings, separator, rows, quoting = ledger

    def field(text: str, i: int, wild: bool = False) -> str:
        if quoting == "all" or (quoting == "some" and i % 2):
            return '"' + text.replace('"', '""') + '"'
        return text if wild else text.replace(separator, "")  # a wild field may break its line

    lines = [separator.join(field(h, i) for i, h in enumerate(headings))]
    lines += [separator.join(field(text, i, wild) for i, (text, wild) in enumerate(row)) for row in rows]
    target = tmp_path_factory.mktemp("csv") / "ledger.csv"
    target.write_bytes(newline.join(lines).encode(encoding, errors="replace"))
    _read_ledger_or_refuse(str(target))


_VALID_CSV = ("Konto;Kapittel;Post;Beløp;Tekst\n6300;0670;01;1 000,00;Husleie\n"
              '6300;0670;01;-12,50;"Reise; Bergen"\n1920;;;0,00;\n').encode("utf-8")


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(_VALID_CSV)), st.binary(min_size=0, max_size=3)), min_size=1,
                max_size=4))
def test_the_ledger_reader_on_damaged_csv(tmp_path_factory, splices):
    data = _VALID_CSV
    for at, insert in splices:  # replace a byte (or nothing, at the end) with 0-3 others
        data = data[:at] + insert + data[at + 1:]
    target = tmp_path_factory.mktemp("csv") / "ledger.csv"
    target.write_bytes(data)
    _read_ledger_or_refuse(str(target))


LEDGER_CELLS = st.one_of(st.none(), FIELD, st.integers(-10**17, 10**17), st.floats(), st.booleans(),
                         st.dates(), st.datetimes(), st.sampled_from(["=1/0", "=A1"]))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(_HEADINGS), st.text(max_size=8), st.none()), min_size=0, max_size=8),
       st.lists(st.lists(LEDGER_CELLS, max_size=9), max_size=15))
@example(headings=["Kapittel"], rows=[[1.7976931348623155e+308]])  # read back as infinity: was an OverflowError
def test_the_ledger_reader_on_generated_xlsx(tmp_path_factory, headings, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate([headings, *rows], 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable() or ch in "\t\n")
            if isinstance(value, float) and not math.isfinite(value):
                value = None  # openpyxl writes no value for them
            sheet.cell(r, c, value)
    target = tmp_path_factory.mktemp("xlsx") / "ledger.xlsx"
    book.save(target)
    _read_ledger_or_refuse(str(target))


# --- codes in any Unicode digits; text with any code point through every writer (issue 17) -----------------

#: Any decimal digit Unicode knows (category Nd: fullwidth, Arabic-Indic, Devanagari, mathematical, …), and ASCII.
DIGITS = st.one_of(st.characters(min_codepoint=0x30, max_codepoint=0x39), st.characters(categories=["Nd"]))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(DIGITS, min_size=3, max_size=4), st.text(DIGITS, min_size=1, max_size=2),
       st.sampled_from(["appropriation.expenses", "note_a.rows"]))
def test_codes_in_any_unicode_digits(tmp_path_factory, chapter, post, table):
    """A code is read only in ASCII digits; a code with any other digit is refused at its place, so no
    look-alike makes a new code or slips past the duplicate check."""
    doc = copy.deepcopy(_IMDI)
    section, rows = table.split(".")
    doc[section][rows][0].update(chapter=chapter, post=post)
    target = tmp_path_factory.mktemp("digits") / "accounts.yaml"
    target.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    ascii_only = (chapter + post).isascii()
    try:
        read_yaml(str(target))
    except InputError as exc:
        assert str(exc).startswith(str(target)) and "\n" not in str(exc)
        assert ("look-alike digit" in str(exc)) != ascii_only, str(exc)
        if not ascii_only:
            assert f"({table}[0]." in str(exc), str(exc)
        event("refused")
        return
    assert ascii_only, (chapter, post)
    event("read")


#: Cells of the one-sheet workbook that hold codes: the appropriation statement's kapittel (A15) and post (C15),
#: Note A's «kapittel post» (A55).
_CODE_CELLS = {"A15": (15, 1), "C15": (15, 3), "A55": (55, 1)}


@settings(deadline=None)
@given(st.sampled_from(sorted(_CODE_CELLS)), st.text(DIGITS, min_size=1, max_size=4),
       st.text(DIGITS, min_size=2, max_size=2))
def test_workbook_codes_in_any_unicode_digits(cell, code, post):
    """The workbook as the YAML form: a code with any digit but 0–9 is refused at its cell."""
    value = f"{code} {post}" if cell == "A55" else code
    cells = dict(_CELLS)
    cells[_CODE_CELLS[cell]] = value
    try:
        read_grids([Grid("fuzz.xlsx", "Årsregnskap", cells, [])], "fuzz.xlsx")
    except InputError as exc:
        _clean(exc, "fuzz.xlsx")
        if not value.replace(" ", "").isascii():
            assert f"Årsregnskap!{cell}: " in str(exc) and "look-alike digit" in str(exc), str(exc)
        return
    assert value.replace(" ", "").isascii(), value


#: Any code point: controls, lone surrogates, noncharacters, private use, unassigned, bidi controls, letters.
ANY_TEXT = st.text(st.one_of(st.characters(categories=["Cc", "Cs", "Cn", "Co", "Cf", "Zs", "Zl", "Zp"]),
                             st.characters()), min_size=1, max_size=40)


@pytest.fixture(scope="module")
def outcome():
    from avstem.pipeline import CheckRequest, check

    return check(CheckRequest(str(IMDI)))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ANY_TEXT)
def test_any_text_through_every_writer(outcome, text):
    """Whatever the agency's name holds, every writer makes a well-formed, encodable output, and shows no
    character that XML cannot hold or a terminal acts on."""
    import dataclasses
    import io
    import json
    import xml.etree.ElementTree as ET
    import zipfile

    from reports import console, json_report, junit, xlsx
    from reports.safe_text import UNSAFE

    agency = dataclasses.replace(outcome.accounts.agency, name=text, short_name=text)
    changed = dataclasses.replace(outcome, accounts=dataclasses.replace(outcome.accounts, agency=agency))
    document = json_report.dumps(changed, "en")
    assert not UNSAFE.search(document) and json.loads(document.encode("utf-8"))["agency_short_name"]
    ET.fromstring(junit.dumps(changed, "en"))
    shown = io.StringIO()
    console.write(changed, shown, "en")
    from reports.safe_text import visible

    assert not UNSAFE.search(visible(shown.getvalue()))
    with zipfile.ZipFile(io.BytesIO(xlsx.build(changed, "en"))) as archive:
        for part in archive.namelist():
            if part.endswith((".xml", ".rels")):
                ET.fromstring(archive.read(part))
