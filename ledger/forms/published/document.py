"""A published annual report as printed lines: from its extracted text, or from the PDF itself.

Every line keeps its place: the line of the text file, or the page of the
PDF and the line on that page, so a finding points back to it. A text file
may separate pages with form feeds (``pdftotext`` does), and then its lines
carry the page too; the IMDi seed has none.

A PDF is read with pdfplumber (MIT), imported here only: ``avstem check
accounts.yaml`` never loads it. Reading every page of a long report through
pdfplumber takes minutes, so the pages are first scanned cheaply for the
titles of part 2 and part 6 with pdfium's own text extraction (pypdfium2,
which pdfplumber depends on), and only those parts are laid out in full. In
a PDF line the words of one table cell stay together: words closer than
:data:`CELL_GAP` of the font size are one cell, and an amount's digit groups
are joined with no-break spaces, so cells cannot run together as they do in
extracted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ledger.core.errors import InputError
from ledger.core.source import Source
from ledger.vocabulary.labels import msg

#: A file larger than this is refused before it is read (a published report is a few MB).
MAX_BYTES = 200 * 1024 * 1024
#: Words further apart than this fraction of the font size start a new cell.
CELL_GAP = 0.6
_SIGNS = ("-", "\u2212", "\u2013")
_DIGIT_GROUP = re.compile(r"^[-\u2212\u2013(]?\d{1,3}\)?$")


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One printed line: its text and where it was read (page None: a text without page breaks)."""

    index: int  # running number over the document, from 1
    page: int | None
    line: int  # the line of the text file, or the line on the PDF's page
    text: str
    #: A PDF line's cells: (left, right, text) in points; () for a line of extracted text.
    cells: tuple[tuple[float, float, str], ...] = ()

    def source(self, file: str, path: str | None = None) -> Source:
        return Source(file, line=self.line, path=path, page=self.page)


@dataclass(frozen=True)
class Document:
    file: str
    lines: tuple[PrintedLine, ...]
    pages: tuple[int, ...] = ()  # the PDF pages laid out in full ((): a text file)
    page_count: int = 0


def read_text(path: str) -> Document:
    """A report's extracted text: UTF-8 (a BOM allowed) or Windows-1252; form feeds separate pages."""
    data = _bytes(path)
    if b"\x00" in data[:4096]:
        raise InputError(path, None, msg("input.report.nul_bytes"))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 leaves only five bytes undefined
        raise InputError(path, None, msg("input.report.encoding"))
    paged = "\f" in text
    out, page, index = [], 1, 0
    for number, raw in enumerate(text.split("\n"), start=1):
        parts = raw.split("\f")
        for i, part in enumerate(parts):
            if i:
                page += 1
            index += 1
            out.append(PrintedLine(index, page if paged else None, number, _clean(part)))
    return Document(path, tuple(out), page_count=page if paged else 0)


def _clean(text: str) -> str:
    return text.rstrip("\r").replace("\t", " ").replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")


def _bytes(path: str) -> bytes:
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, None, msg("input.report.too_large", mib=size // (1024 * 1024),
                                                         most=MAX_BYTES // (1024 * 1024)))
    return p.read_bytes()


# --- PDF -------------------------------------------------------------------------------------------------

def read_pdf(path: str, wanted: Callable[[list[str]], Iterable[int]]) -> Document:
    """The lines of the pages ``wanted`` picks from every page's cheaply extracted text (0-based page numbers)."""
    data = _bytes(path)
    if not data.startswith(b"%PDF-"):
        raise InputError(path, None, msg("input.report.not_pdf"))
    texts = scan_pdf(path)
    pages = sorted(set(wanted(texts)))
    pdfplumber = _pdf_library(path, "pdfplumber")  # the published-report path only

    out: list[PrintedLine] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number in pages:
                page = pdf.pages[number]
                for i, (text, cells) in enumerate(_page_lines(page), start=1):
                    out.append(PrintedLine(len(out) + 1, number + 1, i, text, cells))
                page.close()
    except InputError:
        raise
    except Exception as exc:  # a damaged PDF is a property of the file
        raise InputError(path, None, msg("input.report.unreadable_pdf", detail=f"{type(exc).__name__}: {exc}")) from None
    return Document(path, tuple(out), tuple(p + 1 for p in pages), len(texts))


def _pdf_library(path: str, name: str):
    """A PDF library of the ``pdf`` extra, or one line saying how to install it."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise InputError(path, None, msg("input.report.pdf_extra")) from None


def scan_pdf(path: str) -> list[str]:
    """Every page's text, extracted quickly by pdfium (for finding titles; not laid out)."""
    pdfium = _pdf_library(path, "pypdfium2")

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:
        raise InputError(path, None, msg("input.report.unreadable_pdf", detail=f"{type(exc).__name__}: {exc}")) from None
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def _page_lines(page) -> list[tuple[str, tuple]]:
    """A page's lines top to bottom, each line's words grouped into cells by the gaps between them: the line's
    text and its cells with their left and right edges."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2,
                               extra_attrs=["size"])
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        # one line: tops within a third of the font size (a sheet fitted to the page prints small)
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 0.35 * max(word.get("size") or 10, 1):
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        cells: list[list[dict]] = []
        last = None
        for word in row:
            gap = word["x0"] - last["x1"] if last is not None else None
            if gap is None or gap > CELL_GAP * max(word.get("size") or 10, 1):
                cells.append([])
            cells[-1].append(word)
            last = word
        texts = [_cell_text([_clean(w["text"]) for w in cell]) for cell in cells]
        out.append((" ".join(texts), tuple((cell[0]["x0"], cell[-1]["x1"], text) for cell, text in zip(cells, texts))))
    return out


def _cell_text(words: list[str]) -> str:
    """A cell's words; an amount's digit groups joined by no-break spaces, so it stays one token. A minus sign
    set as a word of its own (a typesetter's U+2212 from another font, drawn at the digits' own place) is the
    sign of the figure after it."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in _SIGNS and word[:1].isdigit():
            joined[-1] += word
        else:
            joined.append(word)
    words = joined
    if all(_DIGIT_GROUP.match(w) for w in words):
        return "\u00a0".join(words) + ("\u00a0" if len(words) == 1 else "")
    return " ".join(words)
