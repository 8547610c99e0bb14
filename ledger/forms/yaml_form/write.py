"""Write accounts in the YAML form (``avstem convert``), the way ``fixtures/imdi-2023.yaml`` reads.

One flow mapping per row, figures as printed text (``-1 762 769``), ``null``
where the statement prints nothing, codes quoted so ``0670`` keeps its zero.
Texts are written as JSON strings, which are valid YAML double-quoted
scalars, so no label can be misread as a number, a date or a mapping.
"""

from __future__ import annotations

import json
import re
from typing import Iterable

from ledger.core.accounts import Accounts, AppropriationContext, Figure, LineTable, NoteBRow, TotalRow
from ledger.core.money import format_amount
from ledger.forms.yaml_form.read import FORM
from ledger.vocabulary.labels import statskonto_in

_PLAIN_AMOUNT = re.compile(r"^-?\d{1,3}(?: \d{3})*$")


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _figure(figure: Figure | None) -> str:
    if figure is None or figure.value is None:
        return "null"
    text = format_amount(figure.value, "nb")
    return text if _PLAIN_AMOUNT.match(text) else _s(text)


def _flow(pairs: Iterable[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"


def _list(indent: str, items: list[str]) -> list[str]:
    return [f"{indent}- {item}" for item in items] if items else []


def _key(key) -> list[tuple[str, str]]:
    return [("chapter", _s(key.chapter)), ("post", _s(key.post_code))]


def yaml_text(accounts: Accounts, origin: str = "") -> str:
    """The accounts as a YAML document in the form ``avstem.accounts/1``."""
    a = accounts.agency
    out = [f"# {a.short_name} ({a.name}), accounts {a.year}" + (f", converted from {origin}" if origin else ""),
           "# by avstem convert. Figures as printed; null where the statement prints nothing.", "",
           f"form: {FORM}", "", "agency:"]
    # every fact avstem settled, stated (a missing language or model is left out, as the accounts left it)
    out += [f"  {key}: {getattr(a, key) if key == 'year' else _s(getattr(a, key))}" for key in
            ("name", "short_name", "year", "model", "language", "ministry", "published_in") if getattr(a, key)]
    out += ["", *_appropriation(accounts), "", *_note_a(accounts), "", *_note_b(accounts), "",
            "chart_of_accounts:", *_table(accounts.chart, "  "), "", "notes:"]
    for table_id, table in accounts.notes.items():
        out += [f"  {table_id}:", *_table(table, "    "), ""]
    shares = [_flow([("company", _s(s.company)), ("acquired", _s(s.acquired)), ("shares", _figure(s.shares)),
                     ("ownership", _s(s.ownership)), ("voting_share", _s(s.voting_share)),
                     ("result", _figure(s.result)), ("equity", _figure(s.equity)),
                     ("book_value", _figure(s.book_value))]) for s in accounts.note8.shares]
    out += ["  note8:", *_table(accounts.note8.table, "    "), *_empty_lists(["    shares:", *_list("      ", shares)])]
    if accounts.context is not None:
        out += ["", *_context(accounts.context, a.language)]
    return "\n".join(out) + "\n"


def _total(total: TotalRow) -> str:
    return _flow([(c, _figure(getattr(total, c))) for c in ("allocation", "accounts", "difference")])


def _appropriation(accounts: Accounts) -> list[str]:
    s = accounts.appropriation
    out = ["appropriation:", f"  title: {_s(s.title)}", "  expenses:"]
    out += _list("    ", [_flow([*_key(r.key)[:1], ("chapter_name", _s(r.chapter_name)), *_key(r.key)[1:],
                                 ("post_text", _s(r.post_text)), ("note", _s(", ".join(r.notes))),
                                 ("allocation", _figure(r.allocation)), ("accounts", _figure(r.accounts)),
                                 ("difference", _figure(r.difference))]) for r in s.expenses])
    out += [f"  expense_total: {_total(s.expense_total)}"]
    if s.expense_comments:
        out += ["  expense_comments:", *_list("    ", [_s(c) for c in s.expense_comments])]
    out += ["  revenues:"]
    out += _list("    ", [_flow([*_key(r.key)[:1], ("chapter_name", _s(r.chapter_name)), *_key(r.key)[1:],
                                 ("post_text", _s(r.post_text)), ("allocation", _figure(r.allocation)),
                                 ("accounts", _figure(r.accounts)), ("difference", _figure(r.difference))])
                          for r in s.revenues])
    out += [f"  revenue_total: {_total(s.revenue_total)}", f"  net_reported: {_figure(s.net_reported)}",
            "  capital_accounts:"]
    out += _list("    ", [_flow([("account", _s(c.account)), ("text", _s(c.text)), ("amount", _figure(c.amount))])
                          for c in s.capital_lines])
    out += [f"  sum_reported: {_figure(s.sum_reported)}", "  holdings:"]
    out += _list("    ", [_flow([("account", _s(h.account)), ("text", _s(h.text)), ("current", _figure(h.current)),
                                 ("prior", _figure(h.prior)), ("change", _figure(h.change))]) for h in s.holdings])
    return _empty_lists(out)


def _note_a(accounts: Accounts) -> list[str]:
    note = accounts.note_a
    columns = ("transferred", "allocated", "total")
    out = ["note_a:", f"  title: {_s(note.title)}", "  rows:"]
    out += _list("    ", [_flow([*_key(r.key), *((c, _figure(getattr(r, c))) for c in columns)]) for r in note.rows])
    if note.total is not None:
        out += ["  total: " + _flow((c, _figure(getattr(note.total, c))) for c in columns)]
    out += ["  footnotes:", *_list("    ", [_s(f) for f in note.footnotes])]
    return _empty_lists(out)


def _note_b(accounts: Accounts) -> list[str]:
    note = accounts.note_b
    columns = NoteBRow.AMOUNT_COLUMNS
    out = ["note_b:", f"  title: {_s(note.title)}", "  rows:"]
    out += _list("    ", [_flow([*_key(r.key), ("stikkord", _s(r.stikkord)),
                                 *((c, _figure(getattr(r, c))) for c in columns)]) for r in note.rows])
    if note.total is not None:
        out += ["  total: " + _flow((c, _figure(getattr(note.total, c))) for c in columns)]
    out += ["  footnotes:", *_list("    ", [_s(f) for f in note.footnotes]), "  texts:"]
    for text in note.texts:
        out += [f"    - heading: {_s(text.heading)}", f"      text: {_s(text.text)}"]
    return _empty_lists(out)


def _table(table: LineTable, indent: str) -> list[str]:
    layout = table.layout
    out = [f"{indent}title: {_s(table.title)}", f"{indent}lines:"]
    for line in table.lines:
        pairs = [("id", line.id)] if line.id else [("block", line.block)]
        pairs.append(("label", _s(line.label)))
        if line.id is None and (line.sign < 0 or layout.block(line.block).sign_required):
            pairs.append(("sign", _s("-" if line.sign < 0 else "+")))
        if line.statskonto and line.statskonto != statskonto_in(line.label):
            pairs.append(("statskonto", _s(line.statskonto)))
        if line.note:
            pairs.append(("note", _s(line.note)))
        pairs += [(c, _figure(line.values.get(c))) for c in layout.columns]
        out.append(f"{indent}  - {_flow(pairs)}")
    if table.texts:
        out += [f"{indent}texts:", *_list(f"{indent}  ", [_s(t) for t in table.texts])]
    if table.footnotes:
        out += [f"{indent}footnotes:", *_list(f"{indent}  ", [_s(t) for t in table.footnotes])]
    return _empty_lists(out)


def _context(context: AppropriationContext, lang: str) -> list[str]:
    out = ["context:", "  posts:"]
    for p in context.posts:
        stikkord = "[" + ", ".join(_s(s.label(lang)) for s in p.stikkord) + "]"
        out.append("    - " + _flow([*_key(p.key), ("stikkord", stikkord),
                                     ("prior_appropriation", _figure(p.prior_appropriation))]))
    for name, items in (("received_authorities", context.received_authorities),
                        ("given_authorities", context.given_authorities)):
        out += [f"  {name}:", *_list("    ", [_flow([*_key(a.key), ("amount", _figure(a.amount)),
                                                     ("counterpart", _s(a.counterpart))]) for a in items])]
    out += ["  additional_revenue_authorities:"]
    out += _list("    ", [_flow([*_key(a.expense), ("revenue_chapter", _s(a.revenue.chapter)),
                                 ("revenue_post", _s(a.revenue.post_code)), ("decision", _s(a.decision))])
                          for a in context.revenue_authorities])
    for name, items in (("reallocations", context.reallocations), ("savings", context.savings),
                        ("approved_overspends", context.approved_overspends)):
        out += [f"  {name}:", *_list("    ", [_flow([*_key(a.key), ("amount", _figure(a.amount)),
                                                     ("decision", _s(a.decision))]) for a in items])]
    return _empty_lists(out)


def _empty_lists(lines: list[str]) -> list[str]:
    """``key:`` with no items below it becomes ``key: []``."""
    out: list[str] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.endswith(":") and not nxt.lstrip().startswith("- ") and not _deeper(nxt, line):
            line += " []"
        out.append(line)
    return out


def _deeper(line: str, than: str) -> bool:
    return len(line) - len(line.lstrip()) > len(than) - len(than.lstrip())
