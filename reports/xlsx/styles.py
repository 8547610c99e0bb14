"""The report's look, in one place: colours, fonts, number formats, page set-up.

Amounts use the locale-independent format code ``#,##0``: a viewer with a
Norwegian locale sees ``1 234 567``. The Norwegian reports also name their
locale in the code (``[$-414]`` Bokmål, ``[$-814]`` Nynorsk), so LibreOffice
shows Norwegian separators whatever the viewer's own locale; Excel keeps the
viewer's separators either way.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from rules.findings import Severity

_LOCALE = {"nb": "[$-414]", "nn": "[$-814]", "en": ""}


def amount_format(lang: str, value: Decimal | None = None, *, signed: bool = False) -> str:
    """``#,##0``, with as many decimals as the figure was printed with; ``signed``
    shows a plus on positive numbers (a difference)."""
    decimals = 0
    if value is not None and value.is_finite():
        exponent = value.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    if signed:
        return f"{_LOCALE[lang]}+{number};-{number};0"
    return _LOCALE[lang] + number


def with_rules(number_format: str, rules: list[str]) -> str:
    """An amount format that prints the rule ids after the figure (``-167 594 [OS-01]``): on paper a marked
    figure says which rule marked it, and the cell is still the number."""
    suffix = ' "[' + ", ".join(dict.fromkeys(rules)) + ']"'
    return ";".join(section + suffix for section in number_format.split(";"))


def millions_format(lang: str) -> str:
    """Whole millions (each trailing comma divides by a thousand)."""
    return f"{_LOCALE[lang]}#,##0,,"


def tolerance_format(lang: str) -> str:
    """A tolerance: 0, 1.5, 2 — as few decimals as it has."""
    return f"{_LOCALE[lang]}General"


def _font(**kw) -> Font:
    """Calibri 11 unless said otherwise: a font without a name renders in some serif elsewhere."""
    return Font(**{"name": "Calibri", "size": 11, **kw})


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color="FF" + rgb, end_color="FF" + rgb)


# Severity colours: the conventional Excel "bad / neutral" pair for errors and
# warnings; a light blue for rounding notes and other information, which are
# not failures and should not shout.
SEVERITY_FILL = {Severity.ERROR: _fill("FFC7CE"), Severity.WARNING: _fill("FFEB9C"), Severity.INFO: _fill("DDEBF7")}
SEVERITY_FONT = {Severity.ERROR: _font(color="FF9C0006", bold=True), Severity.WARNING: _font(color="FF9C5700", bold=True),
                 Severity.INFO: _font(color="FF1F4E79")}
#: An accepted deviation: approved, so neither a warning's amber nor a pass's green.
ACCEPTED_FILL = _fill("E4DFEC")
ACCEPTED_FONT = _font(color="FF5B3F86", bold=True)
PASS_FILL = _fill("C6EFCE")
#: The line to sign or write on in the sign-off block.
SIGN_LINE = Border(bottom=Side(style="thin", color="FF808080"))
PASS_FONT = _font(color="FF006100", bold=True)
MUTED_FONT = _font(color="FF7F7F7F")

TITLE_FONT = _font(bold=True, size=14)
HEADING_FONT = _font(bold=True, size=12)
HEADER_FONT = _font(bold=True)
HEADER_FILL = _fill("DCE6F1")
TOTAL_FONT = _font(bold=True)
PRINTED_FONT = _font(italic=True, color="FF595959")  # text as printed in the accounts
LINK_FONT = _font(color="FF0563C1", underline="single")
MONO_FONT = _font(name="DejaVu Sans Mono", size=9)
FORMULA_FILL = _fill("F2F2F2")

TOP = Alignment(vertical="top")
# Text right of a number column, indented (an indent needs an explicit horizontal alignment).
TOP_INDENT = Alignment(vertical="top", horizontal="left", indent=1)
WRAP_INDENT = Alignment(vertical="top", horizontal="left", wrap_text=True, indent=1)
LEFT = Alignment(vertical="top", horizontal="left")
WRAP = Alignment(vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(vertical="bottom", wrap_text=True)
HEADER_RIGHT = Alignment(vertical="bottom", horizontal="right", wrap_text=True)
HEADER_INDENT = Alignment(vertical="bottom", horizontal="left", wrap_text=True, indent=1)
TOTAL_BORDER = Border(top=Side(style="thin"))


def page_setup(ws: Worksheet, footer: str, title_rows: str | None = None) -> None:
    """Landscape A4, fitted to the page width, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddHeader.center.text = "&A"  # the sheet's name: no input text in page headers
    ws.oddFooter.center.text = footer
    if title_rows:
        ws.print_title_rows = title_rows
