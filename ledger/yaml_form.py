"""The YAML form of the accounts: read it into the model.

The form mirrors the published statements (see ``fixtures/imdi-2023.yaml``
and ``docs/yaml-form.md``): every figure exactly as printed, ``null`` where
the statement prints nothing. Every key is checked: a missing or unknown key
is an :class:`~ledger.errors.InputError` naming its line.
"""

from __future__ import annotations

import re
from typing import Callable

from ledger.layout import CHART, NOTE8, NOTES, TableLayout
from ledger.model import (
    Accounts,
    Agency,
    AppropriationRow,
    AppropriationStatement,
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
    PostKey,
    ShareHolding,
    TotalRow,
)
from ledger.money import parse_amount
from ledger.yaml_tree import YMap, YNode, load

FORM = "avstem.accounts/1"
_STATSKONTO = re.compile(r"statskonto\s+(\d{6})", re.IGNORECASE)


def read_yaml(path: str) -> Accounts:
    """Read an accounts file in the YAML form."""
    root = load(path).mapping()
    form_node = root.req("form")
    if form_node.text() != FORM:
        raise form_node.error(f"unknown form {form_node.text()!r}; this avstem reads {FORM!r}")
    agency = _agency(root.req("agency"))
    appropriation = _appropriation(root.req("appropriation"))
    note_a = _note_a(root.req("note_a"))
    note_b = _note_b(root.req("note_b"))
    chart = _line_table(root.req("chart_of_accounts").mapping(), CHART)
    notes_map = root.req("notes").mapping()
    notes = {layout.id: _line_table(notes_map.req(layout.id).mapping(), layout) for layout in NOTES}
    note8 = _note8(notes_map.req("note8").mapping())
    notes_map.done()
    root.done()
    return Accounts(agency, appropriation, note_a, note_b, chart, notes, note8, file=path)


# --- scalars -------------------------------------------------------------------


def _figure(node: YNode) -> Figure:
    return Figure(node.parse(parse_amount, "not an amount"), node.source)


def _key(row: YMap) -> PostKey:
    chapter, post = row.req("chapter"), row.req("post")
    try:
        return PostKey.parse(chapter.text(allow_blank=False), post.text(allow_blank=False))
    except ValueError as exc:
        raise chapter.error(str(exc)) from None


def _year(node: YNode) -> int:
    text = node.text(allow_blank=False).strip()
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        raise node.error(f"the year {text!r} is not a year between 1990 and 2100")
    return int(text)


# --- sections ---------------------------------------------------------------------


def _agency(node: YNode) -> Agency:
    m = node.mapping()
    language = m.req("language").text(allow_blank=False)
    if language not in ("nb", "nn"):
        raise m.req("language").error(f"language must be nb or nn, not {language!r}")
    agency = Agency(
        name=m.req("name").text(allow_blank=False),
        short_name=(m.opt("short_name") or m.req("name")).text(allow_blank=False),
        year=_year(m.req("year")),
        model=m.req("model").text(allow_blank=False),
        language=language,
        ministry=_opt_text(m, "ministry"),
        published_in=_opt_text(m, "published_in"),
    )
    m.done()
    return agency


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
                raise item.error(f"{what} {k} appears twice (first at line {seen[k]})")
            seen[k] = item.line
        rows.append(row)
    return tuple(rows)


def _appropriation(node: YNode) -> AppropriationStatement:
    m = node.mapping()
    statement = AppropriationStatement(
        title=m.req("title").text(allow_blank=False),
        expenses=_rows(m.req("expenses"), _appropriation_row, lambda r: r.key, "kapittel/post"),
        expense_total=_total_row(m.req("expense_total")),
        expense_comments=m.opt("expense_comments").texts() if m.has("expense_comments") else (),
        revenues=_rows(m.req("revenues"), _revenue_row, lambda r: r.key, "kapittel/post"),
        revenue_total=_total_row(m.req("revenue_total")),
        net_reported=_figure(m.req("net_reported")),
        capital_lines=tuple(_capital_line(n) for n in m.req("capital_accounts").sequence()),
        sum_reported=_figure(m.req("sum_reported")),
        holdings=_rows(m.req("holdings"), _holding, lambda h: h.account, "account"),
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
        raise node.error(f"{what} {text!r} is not a capital-accounts account number")
    return text


def _capital_line(node: YNode) -> CapitalLine:
    m = node.mapping()
    line = CapitalLine(
        account=_account(m.req("account"), r"\d{6,8}", "account"),
        text=m.req("text").text(),
        amount=_figure(m.req("amount")),
        source=node.source,
    )
    m.done()
    return line


def _holding(node: YNode) -> Holding:
    m = node.mapping()
    holding = Holding(
        account=_account(m.req("account"), r"\d{6,8}", "account"),
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
        rows=_rows(m.req("rows"), row, lambda r: r.key, "kapittel/post"),
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
        texts.append(NoteText(tm.req("heading").text(), tm.req("text").text()))
        tm.done()
    note = NoteB(
        title=m.req("title").text(allow_blank=False),
        rows=_rows(m.req("rows"), row, lambda r: r.key, "kapittel/post"),
        total=row(m.opt("total"), total=True) if m.has("total") else None,
        footnotes=m.opt("footnotes").texts() if m.has("footnotes") else (),
        texts=tuple(texts),
        source=node.source,
    )
    m.done()
    return note


# --- line tables ---------------------------------------------------------------


def _line_table(m: YMap, layout: TableLayout) -> LineTable:
    lines: list[Line] = []
    seen: dict[str, int] = {}
    for item in m.req("lines").sequence():
        line = _line(item, layout)
        if line.id is not None:
            if line.id in seen:
                raise item.error(f"line {line.id!r} appears twice (first at line {seen[line.id]})")
            seen[line.id] = item.line
        lines.append(line)
    for definition in layout.lines:
        if definition.required and definition.id not in seen:
            raise m.req("lines").error(
                f"{layout.id} is missing the required line {definition.id!r} ({definition.label('nb')})"
            )
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


def _line(node: YNode, layout: TableLayout) -> Line:
    m = node.mapping()
    label = m.req("label").text()
    id_node = m.opt("id")
    line_id = id_node.text(allow_blank=False) if id_node is not None else None
    if line_id is not None:
        if not layout.has_line(line_id):
            raise id_node.error(f"{layout.id} has no line {line_id!r}; known lines: "
                                + ", ".join(d.id for d in layout.lines))
        definition = layout.line(line_id)
        if m.has("block"):
            raise m.req("block").error("a known line takes its block from the layout; remove 'block'")
        block, role, sign = definition.block, definition.role, definition.sign
    else:
        block_node = m.req("block")
        block = block_node.text(allow_blank=False)
        try:
            block_def = layout.block(block)
        except KeyError:
            raise block_node.error(f"{layout.id} has no block {block!r}; blocks: "
                                   + ", ".join(b.id for b in layout.blocks)) from None
        role, sign = "detail", 1
        sign_node = m.opt("sign")
        if sign_node is not None:
            sign_text = sign_node.text(allow_blank=False).strip()
            if sign_text not in ("+", "-"):
                raise sign_node.error("sign must be '+' or '-'")
            sign = -1 if sign_text == "-" else 1
        elif block_def.sign_required:
            raise node.error(f"an extra line in block {block!r} must state its sign ('+' or '-')")
    if line_id is not None and m.has("sign"):
        raise m.req("sign").error("a known line takes its sign from the layout; remove 'sign'")
    note_node = m.opt("note")
    values = {column: _figure(m.req(column)) for column in layout.columns}
    statskonto_node = m.opt("statskonto")
    statskonto = statskonto_node.text().strip() if statskonto_node is not None else None
    if statskonto is None:
        match = _STATSKONTO.search(label)
        statskonto = match.group(1) if match else None
    elif not re.fullmatch(r"\d{6}", statskonto):
        raise statskonto_node.error(f"statskonto {statskonto!r} is not six digits (kapittel and post)")
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
