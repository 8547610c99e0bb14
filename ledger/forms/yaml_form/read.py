"""The YAML form of the accounts: read it into the model.

The form mirrors the published statements (see ``fixtures/imdi-2023.yaml``
and ``docs/yaml-form.md``): every figure exactly as printed, ``null`` where
the statement prints nothing. Every key is checked: a missing or unknown key
is an :class:`~ledger.core.errors.InputError` naming its line.
"""

from __future__ import annotations

import re
from typing import Callable

from ledger.core.accounts import (
    Accounts,
    Adjustment,
    Agency,
    AppropriationContext,
    AppropriationRow,
    AppropriationStatement,
    Authority,
    CapitalLine,
    Figure,
    Holding,
    Line,
    LineTable,
    Note8,
    NoteA,
    NoteARow,
    NoteB,
    NoteBRow,
    NoteText,
    PostContext,
    PostKey,
    PriorYear,
    RevenueAuthority,
    ShareHolding,
    TotalRow,
    lookalike_digits,
    parse_year,
)
from ledger.core.errors import InputError, reason
from ledger.core.money import parse_amount
from ledger.core.published import KEY_FIGURE_IDS, KeyFigure, KeyFigures, Published
from ledger.core.source import Source
from ledger.forms.identity import Clue, Clues, file_name_clue, option_clue, settle, years_in
from ledger.forms.scope import refuse_net_budgeted
from ledger.forms.yaml_form.tree import YMap, YNode, load
from ledger.vocabulary.key_figures import KEY_FIGURES
from ledger.vocabulary.labels import msg, statskonto_in
from ledger.vocabulary.language import language_of
from ledger.vocabulary.layout import CHART, NOTE8, NOTES, TableLayout
from ledger.vocabulary.stikkord import parse_stikkord

FORM = "avstem.accounts/1"
CONTEXT_FORM = "avstem.context/1"
COMPARATIVES_FORM = "avstem.comparatives/1"


def read_yaml(path: str, agency: str | None = None) -> Accounts:
    """Read an accounts file in the YAML form; ``agency`` is ``--agency``, the name where the file gives none."""
    root = load(path).mapping()
    form_node = root.req("form")
    if form_node.text() != FORM:
        raise form_node.error(msg("input.yaml.unknown_form", form=form_node.text(), known=FORM))
    agency_node = root.opt("agency")
    details = _details(agency_node) if agency_node is not None else {}
    if not root.has("chart_of_accounts") and root.has("appropriation"):
        _refuse_net_budgeted(root.req("appropriation"))
    appropriation = _appropriation(root.req("appropriation"))
    note_a = _note_a(root.req("note_a"))
    note_b = _note_b(root.req("note_b"))
    chart = _line_table(root.req("chart_of_accounts").mapping(), CHART)
    notes_map = root.req("notes").mapping()
    notes = {layout.id: _line_table(notes_map.req(layout.id).mapping(), layout) for layout in NOTES}
    note8 = _note8(notes_map.req("note8").mapping())
    notes_map.done()
    context_node = root.opt("context")
    context = _context(context_node.mapping(), path) if context_node is not None else None
    key_node = root.opt("key_figures")
    key_figures = _key_figures(key_node) if key_node is not None else None
    root.done()
    titles = _title_sources(root)
    clues = Clues(path, details=details, year_place=titles["appropriation"])
    statements = [("appropriation", appropriation.title, ()), ("note_a", note_a.title, ()),
                  ("note_b", note_b.title, tuple(t.heading for t in note_b.texts)),
                  *((t.layout.id, t.title, tuple(line.label for line in t.lines))
                    for t in (chart, *notes.values(), note8.table))]
    for section, title, labels in statements:
        source = titles[section]
        clues.years += [Clue(str(y), source, msg("basis.title", title=title)) for y in years_in(title)]
        lang = language_of([title, *labels])
        if lang is not None:
            clues.languages.append(Clue(lang, source, msg("basis.labels_of", title=title)))
    clues.names += option_clue(agency, path)
    clues.names.append(file_name_clue(path))
    the_agency, facts = settle(clues)
    return Accounts(the_agency, appropriation, note_a, note_b, chart, notes, note8, file=path, context=context,
                    facts=facts, published=Published(key_figures=key_figures) if key_figures is not None else None)


_KEY_FIGURE_UNITS = ("count", "kroner", "1000 kroner", "percent")


def _key_figures(node: YNode) -> KeyFigures:
    """The optional ``key_figures:`` section: part 2's table of key figures, a row per key figure, a figure per
    year as printed (``"92"`` for 92 %, thousands where the unit says so)."""
    m = node.mapping()
    title = _opt_text(m, "title") or "Nøkkeltall fra årsregnskapet"
    rows = []
    for row_node in m.req("rows").sequence():
        row = row_node.mapping()
        id_node = row.req("id")
        figure_id = id_node.text(allow_blank=False)
        if figure_id not in KEY_FIGURE_IDS:
            raise id_node.error(msg("input.yaml.unknown_key_figure", id=figure_id, known=", ".join(KEY_FIGURE_IDS)))
        unit_node = row.req("unit")
        unit = unit_node.text(allow_blank=False)
        if unit not in _KEY_FIGURE_UNITS:
            raise unit_node.error(msg("input.yaml.unknown_unit", unit=unit, known=", ".join(_KEY_FIGURE_UNITS)))
        label = _opt_text(row, "label") or KEY_FIGURES[figure_id]("nb")
        values_node = row.req("values")
        values_map = values_node.mapping()
        values = {}
        for year in values_map.keys():
            value = values_map.req(year)
            values[_year(_Keyed(year, value))] = _figure(value)
        values_map.done()
        row.done()
        rows.append(KeyFigure(figure_id, label, unit, values, row_node.source))
    m.done()
    return KeyFigures(title, tuple(rows), node.source)


class _Keyed:
    """A year given as a mapping key, placed at its value (for :func:`_year`'s error)."""

    def __init__(self, text: str, node: YNode) -> None:
        self._text, self._node = text, node

    def text(self, *, allow_blank: bool = True) -> str:
        return self._text

    def error(self, message):
        return self._node.error(message)


def _title_sources(root: YMap) -> dict[str, Source]:
    """Where each statement's title is written, by section (the chart as ``chart``, the notes by their ids)."""
    out = {section: root.req(key).mapping().req("title").source
           for section, key in (("appropriation", "appropriation"), ("note_a", "note_a"), ("note_b", "note_b"),
                                ("chart", "chart_of_accounts"))}
    notes = root.req("notes").mapping()
    out.update({layout.id: notes.req(layout.id).mapping().req("title").source for layout in (*NOTES, NOTE8)})
    return out


def _refuse_net_budgeted(node: YNode) -> None:
    """Accounts without a chart-of-accounts statement whose expense rows are all on post 50: out of scope."""
    m = node.mapping()
    keys = []
    for item in (m.opt("expenses").sequence() if m.has("expenses") else ()):
        row = item.mapping()
        try:
            keys.append(PostKey.parse(row.req("chapter").text(), row.req("post").text()))
        except (ValueError, InputError):
            return  # not readable as rows: the usual errors say why
    refuse_net_budgeted(keys, node.file, f"{node.line} ({node.path})")


def read_comparatives(path: str) -> PriorYear:
    """Read the prior-year columns printed in this year's accounts (``avstem.comparatives/1``)."""
    root = load(path).mapping()
    form_node = root.req("form")
    if form_node.text() != COMPARATIVES_FORM:
        raise form_node.error(msg("input.yaml.unknown_comparatives_form", form=form_node.text(), known=COMPARATIVES_FORM))
    agency_map = root.req("agency").mapping()
    agency = Agency(
        name=agency_map.req("name").text(allow_blank=False),
        short_name=(agency_map.opt("short_name") or agency_map.req("name")).text(allow_blank=False),
        year=_year(agency_map.req("year")), model="", language="nb",
    )
    agency_map.done()
    _opt_text(root, "source")
    holdings = []
    for node in root.req("holdings").sequence():
        h = node.mapping()
        figure = _figure(h.req("current"))
        holdings.append(Holding(_account(h.req("account"), r"[0-9]{6,8}", "account"), h.req("text").text(),
                                figure, Figure(None, figure.source), Figure(None, figure.source), node.source))
        h.done()
    current = ("current",)
    tables = {"chart": _line_table(root.req("chart_of_accounts").mapping(), CHART, current)}
    notes_map = root.req("notes").mapping()
    for layout in NOTES:
        tables[layout.id] = _line_table(notes_map.req(layout.id).mapping(), layout, current)
    notes_map.done()
    transfers = reallocations = None
    note_b = root.opt("note_b")
    if note_b is not None and not note_b.is_null:
        transfers, reallocations = {}, {}
        for node in note_b.sequence():
            r = node.mapping()
            key = _key(r)
            transfers[key] = _figure(r.req("transferable"))
            reallocation = r.opt("reallocation")  # the omdisponering column, where the file gives it
            if reallocation is not None:
                reallocations[key] = _figure(reallocation)
            r.done()
    root.done()
    return PriorYear(agency, tables, tuple(holdings), transfers, path, reallocations or None)


def read_context(path: str, year: int | None = None) -> AppropriationContext:
    """Read the context of the appropriations kept in a file of its own."""
    root = load(path).mapping()
    form_node = root.req("form")
    if form_node.text() != CONTEXT_FORM:
        raise form_node.error(msg("input.yaml.unknown_context_form", form=form_node.text(), known=CONTEXT_FORM))
    year_node = root.req("year")
    context_year = _year(year_node)
    if year is not None and context_year != year:
        raise year_node.error(msg("input.context.other_year", context_year=context_year, year=year))
    _opt_text(root, "agency")
    return _context(root, path, skip=("form", "year", "agency"))


# --- scalars -------------------------------------------------------------------


def _figure(node: YNode) -> Figure:
    return Figure(node.parse(parse_amount, "input.yaml.not_amount"), node.source)


def _key(row: YMap) -> PostKey:
    chapter, post = row.req("chapter"), row.req("post")
    try:
        return PostKey.parse(chapter.text(allow_blank=False), post.text(allow_blank=False))
    except ValueError as exc:
        raise (post if str(exc).startswith("post") else chapter).error(reason(exc)) from None


def _year(node: YNode) -> int:
    try:
        return parse_year(node.text(allow_blank=False))
    except ValueError as exc:
        raise node.error(reason(exc)) from None


# --- sections ---------------------------------------------------------------------


_AGENCY_KEYS = ("name", "short_name", "year", "model", "language", "ministry", "published_in")


def _details(node: YNode) -> dict[str, Clue]:
    """The agency's details the ``agency:`` section states: every key optional, none blank."""
    m = node.mapping()
    out: dict[str, Clue] = {}
    for key in _AGENCY_KEYS:
        value_node = m.opt(key)
        if value_node is None:
            continue
        value = value_node.text(allow_blank=False).strip()
        if key == "year":
            value = str(_year(value_node))
        elif key == "language" and value not in ("nb", "nn"):
            raise value_node.error(msg("input.language_not_norwegian", value=value))
        out[key] = Clue(value, value_node.source, msg("basis.agency_section", key=key))
    m.done()
    return out


def _opt_text(m: YMap, key: str) -> str:
    node = m.opt(key)
    return node.text() if node is not None else ""


def _rows(node: YNode, build: Callable[[YNode], object], key_of: Callable[[object], object], what: str):
    rows, seen = [], {}
    for item in node.sequence():
        row = build(item)
        k = key_of(row)
        if k is not None:
            if k in seen:
                raise item.error(msg(what, key=k, first=seen[k]))
            seen[k] = item.line
        rows.append(row)
    return tuple(rows)


def _appropriation(node: YNode) -> AppropriationStatement:
    m = node.mapping()
    statement = AppropriationStatement(
        title=m.req("title").text(allow_blank=False),
        expenses=_rows(m.req("expenses"), _appropriation_row, lambda r: r.key, "input.yaml.post_twice"),
        expense_total=_total_row(m.req("expense_total")),
        expense_comments=m.opt("expense_comments").texts() if m.has("expense_comments") else (),
        revenues=_rows(m.req("revenues"), _revenue_row, lambda r: r.key, "input.yaml.post_twice"),
        revenue_total=_total_row(m.req("revenue_total")),
        net_reported=_figure(m.req("net_reported")),
        capital_lines=tuple(_capital_line(n) for n in m.req("capital_accounts").sequence()),
        sum_reported=_figure(m.req("sum_reported")),
        holdings=_rows(m.req("holdings"), _holding, lambda h: h.account, "input.yaml.account_twice"),
        source=node.source,
    )
    m.done()
    return statement


def _appropriation_row(node: YNode, *, with_note: bool = True) -> AppropriationRow:
    m = node.mapping()
    key = _key(m)
    notes = ()
    if with_note:
        notes = tuple(p.strip() for p in m.req("note").text().split(",") if p.strip())
    row = AppropriationRow(
        key=key,
        chapter_name=m.req("chapter_name").text(),
        post_text=m.req("post_text").text(),
        notes=notes,
        allocation=_figure(m.req("allocation")),
        accounts=_figure(m.req("accounts")),
        difference=_figure(m.req("difference")),
        source=node.source,
    )
    m.done()
    return row


def _revenue_row(node: YNode) -> AppropriationRow:
    return _appropriation_row(node, with_note=False)


def _total_row(node: YNode) -> TotalRow:
    m = node.mapping()
    row = TotalRow(_figure(m.req("allocation")), _figure(m.req("accounts")), _figure(m.req("difference")),
                   node.source)
    m.done()
    return row


def _account(node: YNode, pattern: str, what: str) -> str:
    text = node.text(allow_blank=False).strip()
    if not re.fullmatch(pattern, text):
        node.parse(lambda raw: lookalike_digits(raw, what), "input.yaml.not_account")
        raise node.error(msg("input.yaml.not_capital_account", text=text))
    return text


def _capital_line(node: YNode) -> CapitalLine:
    m = node.mapping()
    line = CapitalLine(
        account=_account(m.req("account"), r"[0-9]{6,8}", "account"),
        text=m.req("text").text(),
        amount=_figure(m.req("amount")),
        source=node.source,
    )
    m.done()
    return line


def _holding(node: YNode) -> Holding:
    m = node.mapping()
    holding = Holding(
        account=_account(m.req("account"), r"[0-9]{6,8}", "account"),
        text=m.req("text").text(),
        current=_figure(m.req("current")),
        prior=_figure(m.req("prior")),
        change=_figure(m.req("change")),
        source=node.source,
    )
    m.done()
    return holding


def _note_a(node: YNode) -> NoteA:
    m = node.mapping()

    def row(n: YNode, total: bool = False) -> NoteARow:
        r = n.mapping()
        key = None if total else _key(r)
        out = NoteARow(key, _figure(r.req("transferred")), _figure(r.req("allocated")), _figure(r.req("total")),
                       n.source)
        r.done()
        return out

    note = NoteA(
        title=m.req("title").text(allow_blank=False),
        rows=_rows(m.req("rows"), row, lambda r: r.key, "input.yaml.post_twice"),
        total=row(m.opt("total"), total=True) if m.has("total") else None,
        footnotes=m.opt("footnotes").texts() if m.has("footnotes") else (),
        source=node.source,
    )
    m.done()
    return note


def _note_b(node: YNode) -> NoteB:
    m = node.mapping()

    def row(n: YNode, total: bool = False) -> NoteBRow:
        r = n.mapping()
        key = None if total else _key(r)
        stikkord = "" if total else r.req("stikkord").text()
        values = {c: _figure(r.req(c)) for c in NoteBRow.AMOUNT_COLUMNS}
        r.done()
        return NoteBRow(key=key, stikkord=stikkord, source=n.source, **values)

    texts = []
    for t in (m.opt("texts").sequence() if m.has("texts") else ()):
        tm = t.mapping()
        texts.append(NoteText(tm.req("heading").text(), tm.req("text").text(), t.source))
        tm.done()
    note = NoteB(
        title=m.req("title").text(allow_blank=False),
        rows=_rows(m.req("rows"), row, lambda r: r.key, "input.yaml.post_twice"),
        total=row(m.opt("total"), total=True) if m.has("total") else None,
        footnotes=m.opt("footnotes").texts() if m.has("footnotes") else (),
        texts=tuple(texts),
        source=node.source,
    )
    m.done()
    return note


# --- line tables ---------------------------------------------------------------


def _line_table(m: YMap, layout: TableLayout, columns: tuple[str, ...] | None = None) -> LineTable:
    lines: list[Line] = []
    seen: dict[str, int] = {}
    for item in m.req("lines").sequence():
        line = _line(item, layout, columns or layout.columns)
        if line.id is not None:
            if line.id in seen:
                raise item.error(msg("input.yaml.line_twice", id=line.id, first=seen[line.id]))
            seen[line.id] = item.line
        lines.append(line)
    for definition in layout.lines:
        if definition.required and definition.id not in seen:
            raise m.req("lines").error(msg("input.yaml.required_line_missing", layout=layout.id, id=definition.id,
                                             label=definition.label("nb")))
    table = LineTable(
        layout=layout,
        title=m.req("title").text(allow_blank=False),
        lines=tuple(lines),
        texts=m.opt("texts").texts() if m.has("texts") else (),
        footnotes=m.opt("footnotes").texts() if m.has("footnotes") else (),
        source=m.owner.source,
    )
    m.done()
    return table


def _line(node: YNode, layout: TableLayout, columns: tuple[str, ...]) -> Line:
    m = node.mapping()
    label = m.req("label").text()
    id_node = m.opt("id")
    line_id = id_node.text(allow_blank=False) if id_node is not None else None
    if line_id is not None:
        if not layout.has_line(line_id):
            import difflib

            near = difflib.get_close_matches(line_id, [d.id for d in layout.lines], n=1, cutoff=0.75)
            known = ", ".join(d.id for d in layout.lines)
            if near:
                raise id_node.error(msg("input.yaml.no_such_line_near", layout=layout.id, id=line_id, near=near[0],
                                        known=known))
            raise id_node.error(msg("input.yaml.no_such_line", layout=layout.id, id=line_id, known=known))
        definition = layout.line(line_id)
        if m.has("block"):
            raise m.req("block").error(msg("input.yaml.known_line_block"))
        block, role, sign = definition.block, definition.role, definition.sign
    else:
        block_node = m.req("block")
        block = block_node.text(allow_blank=False)
        try:
            block_def = layout.block(block)
        except KeyError:
            raise block_node.error(msg("input.yaml.no_such_block", layout=layout.id, block=block,
                                            known=", ".join(b.id for b in layout.blocks))) from None
        if not block_def.extra_lines:
            raise block_node.error(msg("input.yaml.block_without_total", layout=layout.id, block=block))
        role, sign = "detail", 1
        sign_node = m.opt("sign")
        if sign_node is not None:
            sign_text = sign_node.text(allow_blank=False).strip()
            if sign_text not in ("+", "-"):
                raise sign_node.error(msg("input.yaml.bad_sign"))
            sign = -1 if sign_text == "-" else 1
        elif block_def.sign_required:
            raise node.error(msg("input.yaml.sign_required", block=block))
    if line_id is not None and m.has("sign"):
        raise m.req("sign").error(msg("input.yaml.known_line_sign"))
    note_node = m.opt("note")
    values = {column: _figure(m.req(column)) for column in columns}
    statskonto_node = m.opt("statskonto")
    statskonto = statskonto_node.text().strip() if statskonto_node is not None else None
    if statskonto is None:
        statskonto = statskonto_in(label)
    elif not re.fullmatch(r"[0-9]{6}", statskonto):
        statskonto_node.parse(lambda raw: lookalike_digits(raw, "statskonto"), "input.yaml.not_statskonto")
        raise statskonto_node.error(msg("input.yaml.statskonto_digits", statskonto=statskonto))
    line = Line(
        id=line_id, label=label, block=block, role=role, sign=sign,
        note=note_node.text() if note_node is not None else "",
        values=values, source=node.source, statskonto=statskonto,
    )
    m.done()
    return line


def _note8(m: YMap) -> Note8:
    shares_node = m.opt("shares")
    shares = tuple(_share(n) for n in shares_node.sequence()) if shares_node is not None else ()
    return Note8(_line_table(m, NOTE8), shares)


# --- the context of the appropriations ----------------------------------------


def _context(m: YMap, file: str, skip: tuple[str, ...] = ()) -> AppropriationContext:
    for key in skip:
        m.opt(key)
    _opt_text(m, "source")

    def items(key: str, build):
        node = m.opt(key)
        return tuple(build(n) for n in node.sequence()) if node is not None else ()

    posts = items("posts", _post_context)
    seen: dict[PostKey, int] = {}
    for post in posts:
        if post.key in seen:
            raise InputError(file, str(post.source.line), msg("input.context.post_twice", key=str(post.key)))
        seen[post.key] = post.source.line
    context = AppropriationContext(
        posts=posts,
        received_authorities=items("received_authorities", _authority),
        given_authorities=items("given_authorities", _authority),
        revenue_authorities=items("additional_revenue_authorities", _revenue_authority),
        reallocations=items("reallocations", _adjustment),
        savings=items("savings", _adjustment),
        approved_overspends=items("approved_overspends", _adjustment),
        file=file,
        source=m.owner.source,
    )
    m.done()
    return context


def _post_context(node: YNode) -> PostContext:
    m = node.mapping()
    key = _key(m)
    stikkord = []
    for item in (m.opt("stikkord").sequence() if m.has("stikkord") else ()):
        item.text(allow_blank=False)  # a list item must be a keyword, not null or a mapping
        stikkord.extend(item.parse(parse_stikkord, "input.not_stikkord"))
    prior_node = m.opt("prior_appropriation")
    prior = _figure(prior_node) if prior_node is not None else None
    post = PostContext(key, tuple(stikkord), prior if prior is not None and not prior.blank else None, node.source)
    m.done()
    return post


def _authority(node: YNode) -> Authority:
    m = node.mapping()
    authority = Authority(_key(m), _figure(m.req("amount")), m.req("counterpart").text(allow_blank=False),
                          node.source)
    m.done()
    return authority


def _revenue_authority(node: YNode) -> RevenueAuthority:
    m = node.mapping()
    expense = _key(m)
    chapter, post = m.req("revenue_chapter"), m.req("revenue_post")
    try:
        revenue = PostKey.parse(chapter.text(allow_blank=False), post.text(allow_blank=False))
    except ValueError as exc:
        raise (post if str(exc).startswith("post") else chapter).error(reason(exc)) from None
    authority = RevenueAuthority(expense, revenue, _opt_text(m, "decision"), node.source)
    m.done()
    return authority


def _adjustment(node: YNode) -> Adjustment:
    m = node.mapping()
    adjustment = Adjustment(_key(m), _figure(m.req("amount")), _opt_text(m, "decision"), node.source)
    m.done()
    return adjustment


def _share(node: YNode) -> ShareHolding:
    m = node.mapping()
    share = ShareHolding(
        company=m.req("company").text(allow_blank=False),
        acquired=m.req("acquired").text(),
        shares=_figure(m.req("shares")),
        ownership=m.req("ownership").text(),
        voting_share=m.req("voting_share").text(),
        result=_figure(m.req("result")),
        equity=_figure(m.req("equity")),
        book_value=_figure(m.req("book_value")),
        source=node.source,
    )
    m.done()
    return share
