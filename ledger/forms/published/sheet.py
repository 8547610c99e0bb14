"""Part 6 of a published report laid out as a worksheet, for the workbook's readers.

The workbook readers (:mod:`ledger.forms.workbook`) find each statement by
its title, each column by its heading and each line by its label through
the one label dictionary; this module gives them a :class:`TextGrid` built
from printed lines, so a report is read by exactly the same code as a
workbook and ends in the same :class:`~ledger.core.accounts.Accounts`. A
grid row is a printed line (its place is the page and line, or the text
file's line); its cells are what that line prints, split as each statement
lays out its columns:

* a heading, however it wraps over lines («Meirutgift (-) / mindre-↵utgift»),
  is read as one text and split into the dictionary's column headings, in
  printed order (:func:`split_heading`);
* a row is a label (or codes: kapittel, post, konto), then its figures; a
  label wrapped over lines, or a row printed one cell per line, is joined
  until its figures are complete;
* figures that ran together (``373 849 000 367 764 135 6 084 865``) are split
  by :mod:`~ledger.forms.published.numbers`; where the digit groups allow
  several readings, the row's own arithmetic (difference = tildeling −
  regnskap; Note A's sum; Note B's chain) must leave exactly one, else the
  row is refused naming its place. In the line tables (chart of accounts,
  notes) a row has no arithmetic of its own: its readings are kept
  (:class:`Ambiguity`) and the table's sums decide after reading
  (:mod:`ledger.forms.published.resolve`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Sequence

from ledger.core.errors import InputError
from ledger.core.source import Source
from ledger.forms.published.document import PrintedLine
from ledger.forms.published.numbers import amount_tail, partitions
from ledger.forms.workbook.appropriation import _NOTE_A_COLUMNS, _NOTE_B_COLUMNS, _statement_columns
from ledger.forms.workbook.grid import Grid
from ledger.forms.workbook.locate import Col, LineIndex, match_title
from ledger.vocabulary.labels import APPROPRIATION_LINES, COLUMNS, Msg, loose, msg
from ledger.vocabulary.layout import CHART, NOTE8, NOTES, TableLayout

ZERO = Decimal(0)
_LAYOUTS = {layout.id: layout for layout in (CHART, *NOTES, NOTE8)}
_YEAR_TOKEN = re.compile(r"^(?:31\.12\.)?(?:19|20|21)\d\d$")
_CHAPTER = re.compile(r"^\d{3,4}$")
_POST = re.compile(r"^\d{1,2}(?:\.\d{2})?$")
_ACCOUNT = re.compile(r"^\d{6,8}$")
_NOTE_REF = re.compile(r"^[A-H],?$")
_NOTE_WORDS = {loose(form) for form in COLUMNS["note"].forms()}
_APPROPRIATION_LINES = {loose(form): line for line, text in APPROPRIATION_LINES.items() for form in text.forms()}
_COMMENT = re.compile(r"^\d{3,4}\s*/\s*\d{1,2}\s*:")


class TextGrid(Grid):
    """A grid whose rows are printed lines: every place is a page and line (or a line of the text)."""

    def __init__(self, file: str, name: str, values: dict[tuple[int, int], object],
                 places: dict[int, PrintedLine]) -> None:
        super().__init__(file, name, values, [])
        self.places = places

    def source(self, row: int, col: int, path: str | None = None) -> Source:
        printed = self.places.get(row)
        if printed is None:
            return Source(self.file, path=path)
        return printed.source(self.file, path)


@dataclass
class Ambiguity:
    """A row of a line table whose figures ran together and read several ways: each reading's values."""

    row: int  # the grid row
    readings: list[tuple[Decimal | None, ...]]
    columns: list[str] = field(default_factory=list)  # the layout's columns in printed order


@dataclass
class Built:
    values: dict[tuple[int, int], object] = field(default_factory=dict)
    ambiguities: dict[int, Ambiguity] = field(default_factory=dict)
    #: The statement's merutgift/mindreutgift by kapittel/post: Note B's first column copies it.
    differences: dict[str, Decimal] = field(default_factory=dict)

    def put(self, row: int, cells: dict[int, object]) -> None:
        for col, value in cells.items():
            if value is not None and value != "":
                self.values[(row, col)] = value


def _amount_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _tokens(text: str) -> list[str]:
    """A line's tokens at single spaces: an empty token per empty cell. The one space a line ends in is the
    extraction's (pypdf ends every line so); a longer run at the end holds empty cells. A code read from a PDF
    cell of its own carries the no-break space that marks a whole cell (``01\u00a0``): a code, not an amount,
    when it is not the row's figures."""
    text = text.lstrip()
    if text.endswith(" "):
        text = text[:-1]
    return text.split(" ") if text.strip() else []


def _words(tokens: list[str]) -> str:
    return " ".join(t for t in tokens if t)


def _dehyphen(parts: Sequence[str]) -> str:
    """Lines joined; a word broken at a line's end by a hyphen («belastnings-↵fullmakter») made whole."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out.endswith("-") and part[:1].islower():
            out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return out


def heading_columns(group: Sequence[PrintedLine], columns: Sequence[Col]) -> "_Layout":
    """The columns a heading names, in printed order; for a PDF also where each column starts (its left edge),
    so a row's figures are placed under their headings and an empty cell is seen as empty."""
    found = split_heading(heading_text(group), columns)
    layout = _Layout(found)
    if group and all(line.cells for line in group):
        edges: dict[str, float] = {}
        for left, _, text in _clusters(group):
            names = [name for name, _ in split_heading(text, columns)]
            if len(names) == 1 and names[0] not in edges:
                edges[names[0]] = left
        if set(edges) == set(layout.names):
            layout.edges = edges
    return layout


def _clusters(group: Sequence[PrintedLine]) -> list[tuple[float, float, str]]:
    columns: list[list] = []  # [left, right, [texts]]
    for line in group:
        for left, right, text in line.cells:
            column = next((c for c in columns if left < c[1] and c[0] < right), None)
            if column is None:
                columns.append([left, right, [text]])
            else:
                column[0], column[1] = min(column[0], left), max(column[1], right)
                column[2].append(text)
    columns.sort(key=lambda c: c[0])
    return [(c[0], c[1], _dehyphen(c[2])) for c in columns]


def placed(line: PrintedLine, layout: "_Layout", names: Sequence[str]) -> dict[str, Decimal | None] | None:
    """A PDF row's figures under the headings they stand under (by their right edge), or None where the line or
    the heading has no positions, or a figure stands under no amount column or two under one."""
    if not line.cells or not layout.edges:
        return None
    starts = sorted(layout.edges.items(), key=lambda e: e[1])
    values: dict[str, Decimal | None] = dict.fromkeys(names)
    cells = list(line.cells)
    taken = 0
    while cells and amount_tail([cells[-1][2]]) == 1 and taken < len(names):
        left, right, text = cells.pop()
        column = None
        for name, start in starts:
            if start <= right - 1:
                column = name
        if column not in values or values[column] is not None:
            return None
        readings = partitions((text,), 1)
        if len(readings) != 1:
            return None
        values[column] = readings[0][0]
        taken += 1
    return values if taken else None


def heading_text(group: Sequence[PrintedLine]) -> str:
    """A heading printed over several lines as one text, its columns in order.

    Extracted text has only the lines: they are joined (a word broken by a hyphen made whole). A PDF line
    knows where its cells stand, and a heading cell that wraps puts its words on the lines below under
    itself: cells that overlap across lines are one column, read top to bottom, and the columns left to
    right («Samla ↵ tildeling**» beside «Rekneskap ↵ 2023»)."""
    if not group or not all(line.cells for line in group):
        return _dehyphen([line.text for line in group])
    return " ".join(text for _, _, text in _clusters(group))


# --- titles ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Title:
    section: str
    first: int  # index into the lines
    count: int  # lines the title spans
    text: str


def find_titles(lines: Sequence[PrintedLine]) -> list[Title]:
    """Each statement's and note's title (a title wrapped over two lines too); a title printed again (a running
    heading) counts where it is printed last, right above its table."""
    found: list[Title] = []
    i = 0
    while i < len(lines):
        text = lines[i].text.strip()
        hit = None
        if text and len(text) < 200:
            section = match_title(text)
            if section is not None:
                hit = Title(section, i, 1, text)
                j = _next_text(lines, i + 1)
                k = _next_text(lines, j + 1) if j is not None else None
                if j is not None and j - i <= 3 and _YEAR_TOKEN.match(lines[j].text.strip()) \
                        and not (k is not None and _YEAR_TOKEN.match(lines[k].text.strip())):
                    hit = Title(section, i, j - i + 1, f"{text} {lines[j].text.strip()}")  # the date below it
            else:
                j = _next_text(lines, i + 1)
                if j is not None and j - i <= 3:
                    both = _dehyphen([text, lines[j].text])
                    section = match_title(both)
                    if section is not None:
                        hit = Title(section, i, j - i + 1, both)
        if hit is not None and hit.section not in ("agency", "context"):
            found.append(hit)
            i += hit.count
        else:
            i += 1
    last = {t.section: t for t in found}
    return [t for t in found if last[t.section] is t]


def dropped_titles(lines: Sequence[PrintedLine]) -> set[int]:
    """The lines of titles printed again above the one that counts (running headings): not read as text."""
    found: list[Title] = []
    i = 0
    while i < len(lines):
        text = lines[i].text.strip()
        section = match_title(text) if text and len(text) < 200 else None
        span = 1
        if section is None and text and len(text) < 200:
            j = _next_text(lines, i + 1)
            if j is not None and j - i <= 3 and match_title(_dehyphen([text, lines[j].text])):
                section, span = match_title(_dehyphen([text, lines[j].text])), j - i + 1
        if section is not None:
            found.append(Title(section, i, span, text))
            i += span
        else:
            i += 1
    kept = {id(t) for t in find_titles(lines)}
    last = {t.section: t for t in found}
    return {k for t in found if last[t.section] is not t for k in range(t.first, t.first + t.count)} - kept


def _next_text(lines: Sequence[PrintedLine], start: int) -> int | None:
    for j in range(start, min(start + 4, len(lines))):
        if lines[j].text.strip():
            return j
    return None


# --- headings --------------------------------------------------------------------------------------------

def _forms(columns: Sequence[Col]) -> list[tuple[str, str]]:
    out = [(loose(form), col.name) for col in columns if col.label is not None for form in col.label.forms()]
    return sorted({f for f in out if f[0]}, key=lambda f: -len(f[0]))


def split_heading(text: str, columns: Sequence[Col]) -> list[tuple[str, str]]:
    """The column headings a heading text names, in printed order: (column name, the words printed).

    Read word by word: at each word the longest heading of the dictionary that the loose text starts with;
    a year after «Regnskap»/«Rekneskap» stays with it; words no heading starts with are passed over."""
    forms = _forms(columns)
    by_year = {col.year: col.name for col in columns if col.year is not None}
    words = [w for w in text.split() if w]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        if _YEAR_TOKEN.match(words[i]) and int(words[i][-4:]) in by_year:
            out.append((by_year[int(words[i][-4:])], words[i]))
            i += 1
            continue
        rest = [loose(w) for w in words[i:]]
        joined = "".join(rest)
        best = None
        for form, name in forms:
            if joined.startswith(form):
                # the words the form covers must end on a word boundary
                acc, k = "", 0
                while k < len(rest) and len(acc) < len(form):
                    acc += rest[k]
                    k += 1
                if acc == form or (acc.startswith(form) and not re.match(r"[a-zæøå]", acc[len(form):])):
                    best = (name, k)
                    break
        if best is None:
            i += 1
            continue
        name, k = best
        printed = " ".join(words[i:i + k])
        if i + k < len(words) and _YEAR_TOKEN.match(words[i + k]) and name == "accounts":
            printed += " " + words[i + k]
            k += 1
        out.append((name, printed))
        i += k
    return out


# --- the appropriation statement, Note A and Note B ------------------------------------------------------

def _row_starts(text: str, part: str) -> bool:
    tokens = _tokens(text)
    if not tokens or not tokens[0]:
        return False
    first = tokens[0].rstrip("\u00a0")
    if part in ("expenses", "revenues", "note_a", "note_b"):
        if not _CHAPTER.match(first) or _COMMENT.match(text.strip()):
            return False
        words = [t for t in tokens if t]
        if len(words) == 1:  # a code alone on its line (a row printed one cell per line): four digits
            return len(first) == 4
        return not (len(first) == 3 and amount_tail(words) == len(words))
    return bool(_ACCOUNT.match(first))


def _known_line(text: str) -> tuple[str | None, bool]:
    """The appropriation statement's line a text names, and whether it is only the start of one (wrapped)."""
    key = loose(text)
    if not key:
        return None, False
    if key in _APPROPRIATION_LINES:
        return _APPROPRIATION_LINES[key], False
    for form, line in _APPROPRIATION_LINES.items():
        if form.startswith(key) and len(key) >= 3:
            return line, True
    # a label followed by its figures on the same line
    tokens = _tokens(text)
    n = amount_tail(tokens)
    head = loose(_words(tokens[:len(tokens) - n]))
    return (_APPROPRIATION_LINES[head], False) if n and head in _APPROPRIATION_LINES else (None, False)


Check = Callable[[dict[str, Decimal | None]], bool]


def _amount(values: dict[str, Decimal | None], name: str) -> Decimal:
    value = values.get(name)
    return ZERO if value is None else value


def _expense_check(v: dict) -> bool:
    return _amount(v, "allocation") - _amount(v, "accounts") == _amount(v, "difference")


def _revenue_check(v: dict) -> bool:
    return v.get("difference") is None or _amount(v, "accounts") - _amount(v, "allocation") == v["difference"]


def _holding_check(v: dict) -> bool:
    return _amount(v, "current") - _amount(v, "prior") == _amount(v, "change")


def _note_a_check(v: dict) -> bool:
    return _amount(v, "transferred") + _amount(v, "allocated") == _amount(v, "total")


def _note_b_check(v: dict) -> bool:
    if _amount(v, "charged_by_others") > 0 or _amount(v, "savings") > 0:  # the columns marked (-)
        return False
    after = _amount(v, "difference") + _amount(v, "charged_by_others")
    basis = after + sum((_amount(v, c) for c in ("additional_revenue", "reallocation", "savings")), ZERO)
    transferable = max(ZERO, min(basis, _amount(v, "maximum"))) if v.get("maximum") is not None else None
    return (_amount(v, "after_charged") == after and _amount(v, "basis") == basis
            and (transferable is None or v.get("transferable") is None or v["transferable"] == transferable))


def read_figures(tokens: list[str], names: Sequence[str], check: Check | None,
                 where: Callable[[Msg], InputError], *, leading_blanks: bool = False,
                 at: dict[str, Decimal | None] | None = None) -> dict[str, Decimal | None]:
    """The figures of one row for the columns ``names`` (printed order), from its trailing digit groups.

    Every reading the digit groups allow (empty cells included, where the extraction kept them as double
    spaces) is tried; a reading with fewer figures than columns is placed every way the columns allow
    (a cell left blank that the extraction dropped). One reading with all columns wins by the grammar alone;
    otherwise the row's arithmetic (``check``) must leave exactly one."""
    if at is not None and (check is None or check(at)):  # a PDF row placed under its headings
        return at
    tokens = list(tokens)
    while tokens and tokens[0] == "" and not leading_blanks:  # the space between a label and its figures
        tokens.pop(0)
    n = len(names)
    full = [dict(zip(names, r)) for r in partitions(tuple(tokens), n)] if tokens else []
    if len(full) == 1 and (check is None or check(full[0])):
        return full[0]
    if check is not None:  # the empty cells the extraction kept are evidence: readings that keep them first
        kept = [r for r in full if check(r)]
        if len(kept) == 1:
            return kept[0]
    candidates: dict[tuple, dict] = {tuple(r.values()): r for r in full}
    plain = tuple(t for t in tokens if t != "")
    for k in range(n, -1, -1):
        if k == 0:
            if not plain:
                candidates.setdefault((None,) * n, dict.fromkeys(names))
            continue
        for reading in partitions(plain, k):
            for chosen in itertools.combinations(range(n), k):
                row: list = [None] * n
                for i, value in zip(chosen, reading):
                    row[i] = value
                key = tuple(row)
                if key not in candidates and (check is None or check(dict(zip(names, row)))):
                    candidates[key] = dict(zip(names, row))
    if check is None:
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        raise where(msg("input.report.figures_ambiguous", figures=_words(tokens), ways=len(candidates), n=n))
    kept = [c for c in candidates.values() if check(c)]
    if len(kept) == 1:
        return kept[0]
    if kept and len({tuple(v or ZERO for v in c.values()) for c in kept}) == 1:
        # the readings differ only in which of the zero cells is empty («0 0» under three columns): the same
        # figures whichever; read with the empty cells last, where a partly filled column leaves them
        return max(kept, key=lambda c: [v is not None for v in c.values()])
    if not kept:
        raise where(msg("input.report.figures_do_not_add_up", figures=_words(tokens), n=n,
                        columns=", ".join(names)))
    raise where(msg("input.report.figures_undecided", figures=_words(tokens), ways=len(kept),
                    columns=", ".join(names)))


def _group(lines: Sequence[PrintedLine], start: int, stop: Callable[[str], bool]) -> tuple[list[PrintedLine], int]:
    """Lines from ``start`` up to the next line ``stop`` accepts (or the end): one row printed over lines."""
    out = [lines[start]]
    j = start + 1
    while j < len(lines) and not stop(lines[j].text):
        if lines[j].text.strip():
            out.append(lines[j])
        j += 1
    return out, j


class _Layout:
    """Column numbers of one part of a table: the headings in printed order, from column 1."""

    def __init__(self, found: list[tuple[str, str]]) -> None:
        self.names = [name for name, _ in found]
        self.printed = [text for _, text in found]
        self.edges: dict[str, float] = {}  # a PDF heading: where each column starts

    def col(self, name: str) -> int | None:
        return self.names.index(name) + 1 if name in self.names else None

    def amounts(self, kinds: Sequence[str]) -> list[str]:
        return [n for n in self.names if n in kinds]


_STATEMENT_AMOUNTS = ("allocation", "accounts", "difference", "current", "prior", "change")


def build_appropriation(lines: Sequence[PrintedLine], built: Built, file: str, year: int | None) -> None:
    """The rows of the appropriation statement (``lines`` below its title)."""
    columns = _statement_columns(year)
    part = "expenses"
    layout: _Layout | None = None
    i = 0

    def err(line: PrintedLine):
        return lambda message: InputError(file, line.source(file).place, message)

    def heading_at(i: int) -> tuple[_Layout | None, int]:
        """A heading block from line i up to the next row, if it names at least two columns."""
        group, j = _group(lines, i, lambda t: (_row_starts(t, part) and not _YEAR_TOKEN.match(t.strip()))
                          or _known_line(t)[0] is not None)
        layout = heading_columns(group, columns)
        if len(set(layout.names)) < 2 or any(amount_tail(_tokens(g.text)) and not _heading_only(g.text, columns)
                                             for g in group):
            return None, i
        return layout, j

    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if not text:
            i += 1
            continue
        known, partial = _known_line(text)
        if known is not None:
            group = [line]
            j = i + 1
            if partial:  # «Sum» ↵ «utgiftsført»: join until the label is whole
                while j < len(lines) and _known_line(_dehyphen([g.text for g in group]))[1]:
                    if lines[j].text.strip():
                        group.append(lines[j])
                    j += 1
            label = _dehyphen([g.text for g in group])
            tokens = _tokens(line.text) if len(group) == 1 else _tokens(label)
            if not amount_tail(tokens) and known not in ("capital_accounts", "holdings"):
                # the figures on the next lines
                while j < len(lines) and not lines[j].text.strip():
                    j += 1
                if j < len(lines) and amount_tail(_tokens(lines[j].text)) == len(_tokens(lines[j].text.strip())):
                    group.append(lines[j])
                    j += 1
                    tokens = _tokens(_dehyphen([g.text for g in group[:-1]]) + " " + group[-1].text.lstrip())
            n = amount_tail(tokens)
            words = _words(tokens[:len(tokens) - n]) if n else _words(tokens)
            cells: dict[int, object] = {1: words}
            if known in ("expense_total", "revenue_total") and layout is not None:
                names = layout.amounts(("allocation", "accounts", "difference"))
                check = _expense_check if known == "expense_total" else _revenue_check
                values = read_figures(tokens[len(tokens) - n:], names, check, err(line),
                                      at=placed(group[-1], layout, names))
                cells.update({layout.col(k): _amount_text(v) for k, v in values.items()})
                part = "revenues" if known == "expense_total" else "result"
            elif known in ("net_reported", "sum_reported") and layout is not None:
                values = read_figures(tokens[len(tokens) - n:], ["accounts"], None, err(line))
                cells[layout.col("accounts") or 7] = _amount_text(values["accounts"])
                part = "result" if known == "net_reported" else "holdings"
            elif known == "holdings":
                part = "holdings"
            built.put(line.index, cells)
            i = j
            continue
        if _COMMENT.match(text):  # «0671/60: Utbetalinga …»: a comment on a row
            built.put(line.index, {1: text})
            i += 1
            continue
        if not _row_starts(text, part) or layout is None or _YEAR_TOKEN.match(text):
            found, j = heading_at(i) if split_heading(text, columns) else (None, i)
            if found is not None:
                layout = found
                built.put(line.index, {k + 1: printed for k, printed in enumerate(found.printed)})
                i = j
                continue
            built.put(line.index, {1: text})  # a comment, a caption
            i += 1
            continue
        if layout is None:
            raise err(line)("a row before the statement's column headings: the columns are not known")
        group, j = _group(lines, i, lambda t: _row_starts(t, part) or _known_line(t)[0] is not None
                          or bool(_COMMENT.match(t.strip())))
        tokens = _tokens(" ".join(g.text.strip() for g in group[:-1]) + " " + group[-1].text.lstrip()) \
            if len(group) > 1 else _tokens(line.text)
        if part in ("expenses", "revenues"):
            built.put(line.index, _post_row(tokens, layout, part, err(line), built.differences,
                                                 line if len(group) == 1 else None))
        else:
            built.put(line.index, _account_row(tokens, layout, part, err(line)))
        i = j


def _heading_only(text: str, columns) -> bool:
    tokens = [t for t in _tokens(text) if t]
    return all(_YEAR_TOKEN.match(t) for t in tokens[len(tokens) - amount_tail(tokens):] if t)


def _post_row(tokens: list[str], layout: _Layout, part: str, where, differences: dict,
              line: PrintedLine | None = None) -> dict[int, object]:
    """A kapittel/post row: chapter, chapter name, post, post text, notes, the figures."""
    n = amount_tail(tokens)
    head, tail = tokens[:len(tokens) - n], tokens[len(tokens) - n:]
    words = [t.rstrip("\u00a0") for t in head if t]
    if not words:
        raise where(msg("input.report.post_row_without_codes"))
    chapter = words[0]
    k = 1
    while k < len(words) and not _POST.match(words[k]):
        k += 1
    if k >= len(words):
        raise where(msg("input.report.no_post_number", chapter=chapter))
    name, post = " ".join(words[1:k]), words[k]
    rest = words[k + 1:]
    notes: list[str] = []
    while rest and _NOTE_REF.match(rest[-1]) and "note" in layout.names:
        notes.insert(0, rest.pop())
    names = layout.amounts(("allocation", "accounts", "difference"))
    values = read_figures(tail, names, _expense_check if part == "expenses" else _revenue_check, where,
                          at=placed(line, layout, names) if line is not None else None)
    cells: dict[int, object] = {layout.col("chapter") or 1: chapter, layout.col("post") or 3: post}
    if layout.col("chapter_name"):
        cells[layout.col("chapter_name")] = name
    if layout.col("post_text"):
        cells[layout.col("post_text")] = " ".join(rest)
    if notes and layout.col("note"):
        cells[layout.col("note")] = " ".join(notes)
    cells.update({layout.col(k): _amount_text(v) for k, v in values.items()})
    if part == "expenses" and values.get("difference") is not None:
        differences[_key(chapter, post)] = values["difference"]
    return cells


def _key(chapter: str, post: str) -> str:
    return f"{chapter.zfill(4)}.{post.zfill(2)}"


def _account_row(tokens: list[str], layout: _Layout, part: str, where) -> dict[int, object]:
    """A capital account (one figure) or a holding (this year, last year, change)."""
    n = amount_tail(tokens)
    head, tail = [t.rstrip("\u00a0") for t in tokens[:len(tokens) - n] if t], tokens[len(tokens) - n:]
    account, text = head[0], " ".join(head[1:])
    if part == "holdings":
        names = layout.amounts(("current", "prior", "change"))
        values = read_figures(tail, names, _holding_check, where)
        cells: dict[int, object] = {layout.col("account") or 1: account, layout.col("text") or 2: text}
        cells.update({layout.col(k): _amount_text(v) for k, v in values.items()})
        return cells
    values = read_figures(tail, ["accounts"], None, where)
    return {1: account, 2: text, layout.col("accounts") or 7: _amount_text(values["accounts"])}


def build_note_ab(lines: Sequence[PrintedLine], built: Built, file: str, section: str) -> None:
    """Note A or Note B below its title: headings, kapittel/post rows, footnotes and (Note B) its texts."""
    columns = _NOTE_A_COLUMNS if section == "note_a" else _NOTE_B_COLUMNS
    amount_names = ("transferred", "allocated", "total") if section == "note_a" else (
        "difference", "charged_by_others", "after_charged", "additional_revenue", "reallocation", "savings",
        "basis", "maximum", "transferable")
    check = _note_a_check if section == "note_a" else _note_b_check
    layout: _Layout | None = None
    i = 0
    paragraph: list[PrintedLine] = []

    def flush() -> None:
        if paragraph:
            built.put(paragraph[0].index, {1: _dehyphen([p.text for p in paragraph])})
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        where = (lambda ln: lambda message: InputError(file, ln.source(file).place, message))(line)
        if not text:
            flush()
            i += 1
            continue
        if layout is None:
            group, j = _group(lines, i, lambda t: _row_starts(t, section))
            found = heading_columns(group, columns)
            if len(set(found.names)) >= 2:
                layout = found
                built.put(line.index, {k + 1: printed for k, printed in enumerate(layout.printed)})
                i = j
                continue
            built.put(line.index, {1: text})
            i += 1
            continue
        if _row_starts(text, section):
            flush()
            tokens = _tokens(line.text)
            at = next((k for k in range(1, len(tokens)) if tokens[k]), None)  # the post after the chapter
            rest = tokens[at + 1:] if at is not None else []
            n = amount_tail(rest)
            head = [tokens[0], tokens[at]] + [t for t in rest[:len(rest) - n] if t] if at is not None else tokens[:1]
            head = [t.rstrip("\u00a0") for t in head]
            if len(head) >= 2 and _POST.match(head[1]):
                key, words = f"{head[0]} {head[1]}", head[2:]
                tail = rest[len(rest) - n:]
                # a double space right after the key is an empty stikkord cell, not a figure
                if section == "note_b" and not words and tail[:1] == [""]:
                    tail = tail[1:]
                names = layout.amounts(amount_names)
                copied = built.differences.get(_key(head[0], head[1])) if section == "note_b" else None
                row_check = check if copied is None else (
                    lambda v, c=copied, f=check: f(v) and _amount(v, "difference") == c)
                values = read_figures(tail, names, row_check, where, leading_blanks=True,
                                      at=placed(line, layout, names))
                cells: dict[int, object] = {layout.col("chapter_and_post") or 1: key}
                if words and layout.col("stikkord"):
                    cells[layout.col("stikkord")] = " ".join(words)
                cells.update({layout.col(k): _amount_text(v) for k, v in values.items()})
                built.put(line.index, cells)
                i += 1
                continue
        # a footnote, the heading of the texts, or a text (one paragraph: a line starting «Heading:» opens one)
        if section == "note_b" and (_opens_paragraph(text) or loose(text) in _TEXTS_HEADINGS):
            flush()
        paragraph.append(line)
        if loose(text) in _TEXTS_HEADINGS:
            flush()
        i += 1
    flush()


_TEXTS_HEADINGS = {loose(f) for f in ("Forklaring til bruk av fullmakter", "Forklaring til bruk av budsjettfullmakter")}


def _opens_paragraph(text: str) -> bool:
    head, colon, _ = text.partition(":")
    return bool(colon) and 0 < len(head.split()) <= 16 and head[:1].isupper()


# --- the chart of accounts and notes 1–8 -----------------------------------------------------------------

def build_line_table(lines: Sequence[PrintedLine], built: Built, file: str, layout: TableLayout) -> None:
    """A line table below its title: year headings, labelled rows of figures, texts."""
    index = LineIndex(layout)
    value_columns: list[str] = []  # the printed order of the value headings
    heading_cells: dict[int, object] = {}
    heading_row: int | None = None
    pending: list[PrintedLine] = []
    note_heading = False
    note8_columns = [Col(c, COLUMNS[c]) for c in ("booked", "reported", "difference")]

    def emit_heading() -> None:
        nonlocal heading_row, heading_cells, note_heading
        if heading_row is not None and len(value_columns) >= 2:
            cells = {2: "Note"} if note_heading or layout is CHART else {}
            cells.update({3 + k: v for k, v in enumerate(heading_cells.values())})
            built.put(heading_row, cells)
        heading_row, heading_cells, note_heading = None, {}, False

    def flush_pending() -> None:
        for p in pending:
            built.put(p.index, {1: p.text.strip()})
        pending.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        i += 1
        if not text:
            continue
        tokens = [t for t in _tokens(text) if t]
        heading = _year_heading(tokens) if layout is not NOTE8 else None
        if layout is NOTE8 and not amount_tail(tokens) and len(value_columns) < 3:
            if all(_YEAR_TOKEN.match(t) for t in tokens):
                continue
            # the headings of note 8 wrap over lines: read them once the three are whole
            pending.append(line)
            found = split_heading(heading_text(pending), note8_columns)
            if len(found) == 3:
                first = next(p for p in pending if split_heading(p.text, note8_columns) or
                             any(loose(p.text.strip()) and form.startswith(loose(p.text.strip()))
                                 for form, _ in _forms(note8_columns)))
                keep = pending[:pending.index(first)]
                pending.clear()
                pending.extend(keep)
                flush_pending()
                built.put(first.index, {3 + k: printed for k, (_, printed) in enumerate(found)})
                value_columns[:] = [name for name, _ in found]
            continue
        if heading is not None:
            if heading_row is None:
                value_columns.clear()
                heading_row = line.index
            note_heading |= heading[0]
            for year in heading[1]:
                heading_cells[len(heading_cells)] = year
                value_columns.append(year)
            continue
        emit_heading()
        n = amount_tail(tokens)
        if n == 0:
            pending.append(line)
            continue
        if n == len(tokens):  # figures only: the label is on the lines above
            label_lines = _label_lines(pending, index)
            for p in pending[:len(pending) - len(label_lines)]:
                built.put(p.index, {1: p.text.strip()})
            pending.clear()
            if not label_lines:
                raise InputError(file, line.source(file).place, msg("input.figures_without_label"))
            row = label_lines[0]
            label = _dehyphen([p.text for p in label_lines])
            count = len(value_columns) or 2
            while i < len(lines):
                # a row printed one cell per line: its next figures on the lines below
                j = i
                while j < len(lines) and not lines[j].text.strip():
                    j += 1
                more = [t for t in _tokens(lines[j].text) if t] if j < len(lines) else []
                if not more or amount_tail(more) != len(more):
                    break
                tokens, i = tokens + more, j + 1
            n = len(tokens)
            if n == 1 and not partitions(tuple(tokens), count) and index.line(label, None, set()) is None:
                # one number alone under a text that is no line: a page number, not a row
                for p in (*label_lines, line):
                    built.put(p.index, {1: p.text.strip()})
                continue
        else:
            flush_pending()
            row = line
            label = _words(tokens[:len(tokens) - n])
        _table_row(built, row, line, label, tokens[len(tokens) - n:], layout, index, len(value_columns) or 2, file,
                   _column_names(value_columns, layout))
    emit_heading()
    flush_pending()


def _year_heading(tokens: list[str]) -> tuple[bool, list[str]] | None:
    """A heading line of year columns («Note 2023 2022», «31.12.2023 31.12.2022», «2023»): (note, years)."""
    if not tokens:
        return None
    note = False
    years = []
    for t in tokens:
        if loose(t) in _NOTE_WORDS:
            note = True
        elif _YEAR_TOKEN.match(t):
            years.append(t)
        else:
            return None
    return (note, years) if years or note else None


def _label_lines(pending: list[PrintedLine], index: LineIndex) -> list[PrintedLine]:
    """The lines of pending text that make a label wrapped over lines: the longest tail that is a known line,
    else the last line (a block heading above it stays a heading)."""
    for k in range(len(pending), 0, -1):
        label = _dehyphen([p.text for p in pending[-k:]])
        if index.line(label, None, set()) is not None:
            return pending[-k:]
    if len(pending) >= 2 and index.block(pending[-2].text.strip()) is None \
            and index.line(pending[-2].text.strip(), None, set()) is None and pending[-2].text.rstrip().endswith("-"):
        return pending[-2:]
    return pending[-1:]


def _column_names(printed: list[str], layout: TableLayout) -> list[str]:
    """The layout's columns in the order the headings print them (years: the later is this year's)."""
    if all(_YEAR_TOKEN.match(p) for p in printed) and len(set(printed)) == len(printed) == 2:
        years = [int(p[-4:]) for p in printed]
        return ["current" if y == max(years) else "prior" for y in years]
    if all(p in layout.columns for p in printed):
        return list(printed)
    return list(layout.columns)


def _table_row(built: Built, row: PrintedLine, line: PrintedLine, label: str, tail: list[str], layout: TableLayout,
               index: LineIndex, count: int, file: str, columns: list[str]) -> None:
    definition = index.line(label, None, set())
    note = definition.note if definition is not None else ""
    plain = tuple(t for t in tail if t)
    readings: list[tuple[str, tuple]] = []
    if note and plain and plain[0].replace("\u00a0", "") == note:
        readings += [(note, r) for r in partitions(plain[1:], count)]
    readings += [("", r) for r in partitions(plain, count)]
    if not readings:
        more = [(str(r[0]), r[1:]) for r in partitions(plain, count + 1) if r[0] is not None and 0 < r[0] <= 20]
        readings = more
    if not readings:
        raise InputError(file, line.source(file).place, msg("input.report.figures_not_columns", label=label,
                                                             figures=" ".join(plain), n=count))
    cells: dict[int, object] = {1: label}
    note_text, values = readings[0]
    if note_text:
        cells[2] = note_text
    cells.update({3 + k: _amount_text(v) for k, v in enumerate(values)})
    built.put(row.index, cells)
    distinct = list(dict.fromkeys(r for _, r in readings))
    if len(distinct) > 1:
        built.ambiguities[row.index] = Ambiguity(row.index, distinct, columns)


def layout_of(section: str) -> TableLayout | None:
    return _LAYOUTS.get(section)
