"""The chart-of-accounts statement and notes 1–8 from a workbook.

Each row's label is its leftmost cell of words; the layout (``ledger/vocabulary/layout.py``)
says which line it is. Blocks follow from where a row stands: a block's
heading opens it, a known detail line is in its own block, and a total closes
its block (the next block opens at once when it prints no heading, as in
note 1). An agency-specific line with figures inside an open block is an
extra line of that block, exactly like the YAML form's ``block:`` lines; one
outside any block is an input error naming its cell, because avstem could
not tell which total it belongs to.

Text below the last line is the note's text; below a «Fotnoter» row, its
footnotes. A label merged down over several rows is one line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

from ledger.core.accounts import Figure, Line, LineTable, Note8, ShareHolding
from ledger.forms.workbook.grid import Cell, Grid, as_text, is_text
from ledger.forms.workbook.locate import Col, Columns, Headings, LineIndex, Region, heading_row, merge_columns
from ledger.vocabulary.labels import COLUMNS, SIGN_WORDS, WORKBOOK_LABELS, loose, msg, statskonto_in
from ledger.vocabulary.layout import NOTE8, LineDef, TableLayout

_FOOTNOTES = {loose(form) for form in WORKBOOK_LABELS["footnotes"].forms()}
_SHARES_TITLE = {loose(form) for form in WORKBOOK_LABELS["note8_shares"].forms()}
SHARE_FIGURES = ("shares", "result", "equity", "book_value")
SHARE_TEXTS = ("acquired", "ownership", "voting_share")
_SHARE_COLUMNS = tuple(Col(name, COLUMNS[name]) for name in ("company", *SHARE_TEXTS, *SHARE_FIGURES))


@dataclass
class _Row:
    """A logical row: one sheet row, or several when its label is merged down over them."""

    rows: list[int]
    cells: list[list[Cell]]
    label: Cell | None

    def all_cells(self) -> list[Cell]:
        out: list[Cell] = []
        for cells in self.cells:
            out += [c for c in cells if c not in out]
        return out


@dataclass
class _State:
    layout: TableLayout
    block: str | None
    lines: list[Line] = field(default_factory=list)
    seen: dict[str, Cell] = field(default_factory=dict)
    extras: list[Cell] = field(default_factory=list)  # the labels of the extra lines, in order
    texts: list[Cell] = field(default_factory=list)  # labels read as no line, block heading or column heading


def _logical_rows(region: Region) -> list[_Row]:
    out: list[_Row] = []
    for r, cells in region.rows():
        label = next((c for c in cells if is_text(c)), None)
        if label is not None and label.row < r and out and out[-1].label is label:
            out[-1].rows.append(r)
            out[-1].cells.append(cells)
        else:
            out.append(_Row([r], [cells], label))
    return out


def _cell(grid: Grid, row: _Row, columns: Columns, name: str) -> Cell | None:
    first, last = columns[name]
    found: list[Cell] = []
    for r in row.rows:
        found += [c for c in grid.in_span(r, first, last) if c not in found]
    if len(found) > 1:
        raise grid.error(found[1].row, found[1].col, msg("input.workbook.two_values", also=found[0].coordinate))
    return found[0] if found else None


def _figure(grid: Grid, row: _Row, columns: Columns, name: str, path: str) -> Figure:
    return grid.figure(_cell(grid, row, columns, name), row.rows[0], columns[name][0], path)


def read_line_table(region: Region, layout: TableLayout, year: int, path: str, lang: str) -> LineTable:
    table, _ = _read(region, layout, year, path, lang)
    return table


def read_note8(region: Region, year: int, lang: str) -> Note8:
    table, shares = _read(region, NOTE8, year, "notes.note8", lang)
    return Note8(table, shares)


def _read(region: Region, layout: TableLayout, year: int, path: str, lang: str):
    grid = region.grid
    value_columns = layout.columns
    vocabulary = [Col(c, COLUMNS[c], year if c == "current" else year - 1 if c == "prior" else None)
                  for c in value_columns]
    headings = Headings([Col("note", COLUMNS["note"]), *vocabulary], year)
    share_headings = Headings(_SHARE_COLUMNS, None) if layout is NOTE8 else None
    index = LineIndex(layout)
    state = _State(layout, layout.blocks[0].id if layout.blocks[0].heading is None else None)
    columns: Columns | None = None
    share_columns: Columns | None = None
    shares: list[ShareHolding] = []
    pending: list[str] = []  # text rows since the last line: the note's text, if no line follows
    for row in _logical_rows(region):
        cells = row.all_cells()
        label_text = as_text(row.label.value) if row.label is not None else ""
        known = index.line(label_text, state.block, set(state.seen)) if row.label is not None else None
        block = index.block(label_text) if row.label is not None else None
        if known is not None and index.is_plain(label_text, known) \
                and not _has_figures(grid, row, columns, value_columns):
            # «Innbetalinger fra gebyrer» without figures heads its block; with them it is the block's total
            known, block = None, state.layout.block(known.block)
        if known is None and len(row.rows) == 1:
            found = heading_row(grid, cells, headings)
            if found is not None:
                columns = merge_columns(columns, found)
                continue
            found = heading_row(grid, cells, share_headings) if share_headings is not None else None
            if found is not None:
                share_columns = found
                continue
        if share_columns is not None and len(cells) > 1:
            shares.append(_share(grid, row, share_columns, f"{path}.shares[{len(shares)}]"))
            continue
        if known is not None:
            _need(region, columns, value_columns, row, year)
            _known_line(grid, state, row, known, columns, path)
            pending.clear()
            continue
        has_figures = _has_figures(grid, row, columns, value_columns)
        if block is not None and not has_figures:
            state.block = block.id
            continue
        if has_figures:
            if row.label is None:
                cell = cells[0]
                raise grid.error(cell.row, cell.col, msg("input.figures_without_label"))
            _need(region, columns, value_columns, row, year)
            _extra_line(grid, state, row, columns, path, lang)
            pending.clear()
            continue
        if row.label is not None and loose(label_text) in _SHARES_TITLE:
            continue
        words = " ".join(as_text(c.value) for c in cells if is_text(c))
        if words:
            pending.append(words)
            if row.label is not None:
                state.texts.append(row.label)
    _last_shared_is_required(state)
    _misspelt_line(region, layout, state, lang)
    missing = [d for d in layout.lines if d.required and d.id not in state.seen]
    if missing:
        raise _missing_line(region, layout, state, missing[0], lang)
    texts, footnotes = _texts(pending)
    table = LineTable(layout, region.title, tuple(state.lines), tuple(texts), tuple(footnotes), region.source(path))
    return table, tuple(shares)


def _last_shared_is_required(state: _State) -> None:
    """Note 8 prints «Sum» under each block and under the whole note; a note that leaves the block sums out
    prints fewer, and the last «Sum» of the table, with no known line after it, is the required total (read in
    order, it was taken for the sum of the block above it)."""
    layout = state.layout
    for definition in layout.lines:
        if not definition.required or definition.id in state.seen:
            continue
        shared = [i for i, line in enumerate(state.lines)
                  if line.id and line.id != definition.id and layout.line(line.id).label == definition.label]
        if not shared or any(line.id for line in state.lines[shared[-1] + 1:]):
            continue
        line = state.lines[shared[-1]]
        state.lines[shared[-1]] = replace(line, id=definition.id, block=definition.block, role=definition.role,
                                          sign=definition.sign)
        state.seen[definition.id] = state.seen.pop(line.id)


def _has_figures(grid: Grid, row: _Row, columns: Columns | None, names: tuple[str, ...]) -> bool:
    return columns is not None and any(_cell(grid, row, columns, c) for c in names if c in columns)


#: How close (difflib's ratio of the loose forms, 0–1) a label must come to a line's to be taken for a misspelling
#: of it: «Sum utbetalinger til drif» for «Sum utbetalinger til drift» (0.98) is; «Innbetalinger til lønn» for
#: «Utbetalinger til lønn» (0.87), a line of its own, is not.
NEAR = 0.88


#: Note references a text extraction leaves at the end of a label («Utbetaling til kjøp av aksjar 5, 8 del B»).
_NOTE_TAIL = re.compile(r"(?:\s+[0-9]+(?:\s*,\s*[0-9]+)*(?:\s+del\s+[AB])?)+\s*$", re.IGNORECASE)


def closeness(text: str, line: LineDef) -> float:
    """How close ``text`` comes to any printed form of ``line``, on the labels as the readers match them (0 for the
    line's own label with note references run into it: not a misspelling)."""
    forms = {loose(form) for form in line.label.forms()}
    if loose(_NOTE_TAIL.sub("", text)) in forms:
        return 0.0
    found = loose(text)
    return max((difflib.SequenceMatcher(None, found, form).ratio() for form in forms), default=0.0)


def closest(cells: list[Cell], line: LineDef) -> Cell | None:
    """The cell whose label comes closest to ``line``'s, at least :data:`NEAR` (the first of equals); None."""
    best, score = None, NEAR
    for cell in cells:
        ratio = closeness(as_text(cell.value), line)
        if ratio > score or (best is None and ratio == score):
            best, score = cell, ratio
    return best


def _misspelt_line(region: Region, layout: TableLayout, state: _State, lang: str) -> None:
    """A line of the layout not printed, whose label an extra line comes close to: a misspelling read as an extra
    line would count twice in its block's total, so it is named at its cell with the label it likely means."""
    for definition in layout.lines:
        if definition.id in state.seen or not state.extras:
            continue
        cell = closest(state.extras, definition)
        if cell is not None:
            raise region.grid.error(cell.row, cell.col, msg("input.workbook.line_misspelt", title=layout.title(lang),
                                                            found=as_text(cell.value), label=definition.label(lang)))


def _missing_line(region: Region, layout: TableLayout, state: _State, line: LineDef, lang: str):
    """A required line not printed, named at the cell whose label comes closest to it (a misspelling, with the
    label it likely means), else where it was expected: below the line the layout puts before it, or below the
    title."""
    cell = closest(state.extras + state.texts, line)
    if cell is not None:
        return region.grid.error(cell.row, cell.col, msg("input.workbook.line_misspelt", title=layout.title(lang),
                                                         found=as_text(cell.value), label=line.label(lang)))
    order = [d.id for d in layout.lines]
    before = [state.seen[i] for i in order[:order.index(line.id)] if i in state.seen]
    if before:
        last = max(before, key=lambda c: c.row)
        row, col = _last_row(region, last) + 1, last.col
        return region.grid.error(row, col, msg("input.workbook.line_missing_below", title=layout.title(lang),
                                               label=line.label(lang), below=as_text(last.value)))
    row, col = region.title_cell.row + 1, region.title_cell.col
    return region.grid.error(row, col, msg("input.workbook.line_missing_below_title", title=layout.title(lang),
                                           label=line.label(lang)))


def _last_row(region: Region, label: Cell) -> int:
    """The last sheet row of a line whose label may be merged down over several rows."""
    rows = [r for r in region.grid.rows(label.row, region.last) if region.grid.at(r, label.col) is label]
    return max(rows, default=label.row)


def _need(region: Region, columns: Columns | None, names: tuple[str, ...], row: _Row, year: int) -> None:
    missing = [n for n in names if columns is None or n not in columns]
    if missing:
        name = missing[0]
        heading = {"current": str(year), "prior": str(year - 1)}.get(name) or COLUMNS[name]("nb")
        cell = row.label or row.cells[0][0]
        raise region.grid.error(cell.row, cell.col, msg("input.workbook.no_column_above", heading=heading))


def _texts(pending: list[str]) -> tuple[list[str], list[str]]:
    for i, text in enumerate(pending):
        if loose(text) in _FOOTNOTES:
            return pending[:i], pending[i + 1:]
    return pending, []


def _values(grid: Grid, row: _Row, columns: Columns, names: tuple[str, ...], path: str) -> dict[str, Figure]:
    return {name: _figure(grid, row, columns, name, f"{path}.{name}") for name in names}


def _note(grid: Grid, row: _Row, columns: Columns) -> str:
    return grid.text(_cell(grid, row, columns, "note")) if "note" in columns else ""


def _known_line(grid: Grid, state: _State, row: _Row, definition: LineDef, columns: Columns, path: str) -> None:
    label = row.label
    if definition.id in state.seen:
        raise grid.error(label.row, label.col, msg("input.workbook.line_twice", label=as_text(label.value),
                                                   also=state.seen[definition.id].coordinate))
    state.seen[definition.id] = label
    line_path = f"{path}.lines[{len(state.lines)}]"
    text = as_text(label.value)
    state.lines.append(Line(
        id=definition.id, label=text, block=definition.block, role=definition.role, sign=definition.sign,
        note=_note(grid, row, columns), values=_values(grid, row, columns, state.layout.columns, line_path),
        source=grid.source(label.row, label.col, line_path), statskonto=statskonto_in(text),
    ))
    if definition.role == "detail":
        state.block = definition.block
    else:  # a total closes its block; a block that prints no heading opens at once
        ids = [b.id for b in state.layout.blocks]
        i = ids.index(definition.block) + 1
        state.block = ids[i] if i < len(ids) and state.layout.blocks[i].heading is None else None


def _extra_line(grid: Grid, state: _State, row: _Row, columns: Columns, path: str, lang: str) -> None:
    label = row.label
    text = as_text(label.value)
    if state.block is None or not state.layout.block(state.block).extra_lines:
        # no extra line may stand here: a label close to a line not printed is that line misspelt
        scores = [(closeness(text, d), -i, d) for i, d in enumerate(state.layout.lines) if d.id not in state.seen]
        score, _, near = max(scores, key=lambda s: s[:2], default=(0.0, 0, None))
        if near is not None and score >= NEAR:
            raise grid.error(label.row, label.col, msg("input.workbook.line_misspelt", title=state.layout.title(lang),
                                                       found=text, label=near.label(lang)))
    if state.block is None:
        raise grid.error(label.row, label.col, msg("input.workbook.extra_line_outside_block", label=text,
                                                   title=state.layout.title("nb")))
    if not state.layout.block(state.block).extra_lines:
        raise grid.error(label.row, label.col, msg("input.workbook.extra_line_unsummed", label=text,
                                                   title=state.layout.title("nb")))
    sign = 1
    if state.layout.block(state.block).sign_required:
        sign = extra_line_sign(text)
        if sign == 0:
            raise grid.error(label.row, label.col, msg("input.workbook.extra_line_sign", label=text))
    line_path = f"{path}.lines[{len(state.lines)}]"
    state.extras.append(label)
    state.lines.append(Line(
        id=None, label=text, block=state.block, role="detail", sign=sign, note=_note(grid, row, columns),
        values=_values(grid, row, columns, state.layout.columns, line_path),
        source=grid.source(label.row, label.col, line_path), statskonto=statskonto_in(text),
    ))


def extra_line_sign(label: str) -> int:
    """The sign of an extra line on the common chapters, from its label: «inntekt» −, «utgift» +, 0 unknown."""
    words = {loose(w) for w in re.split(r"[\s,()]+", label)}
    signs = {sign for sign, text in SIGN_WORDS.items() if words & {loose(f) for f in text.forms()}}
    return signs.pop() if len(signs) == 1 else 0


def _share(grid: Grid, row: _Row, columns: Columns, path: str) -> ShareHolding:
    texts = {name: grid.text(_cell(grid, row, columns, name)) if name in columns else ""
             for name in ("company", *SHARE_TEXTS)}
    if not texts["company"]:
        cell = row.cells[0][0]
        raise grid.error(cell.row, cell.col, msg("input.workbook.share_without_company"))
    figures = {name: _figure(grid, row, columns, name, f"{path}.{name}") if name in columns
               else Figure(None, grid.source(row.rows[0], 1, f"{path}.{name}")) for name in SHARE_FIGURES}
    return ShareHolding(source=grid.source(row.rows[0], columns["company"][0], path), **texts, **figures)
