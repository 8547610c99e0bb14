"""One error planted into one printed figure of a lawful agency, chosen among the figures a rule family checks.

:func:`targets` lists, by family, the figures of a printed document that family's rules check, each with
the direction a change must take to be an error whatever the rest says (a transferable amount may only
grow: asking for less is lawful; a two-year maximum that cannot be verified only errs below what it
caps). :func:`plant` changes one figure by an amount beyond every tolerance (at least 10 000 kr, where the
widest interval allows a few kroner) and gives the path every finding about it must name.

Some errors are not one figure: the OS family plants an overspend nothing explains, reprinting every
figure from the changed truth (:func:`overspend`), and issue 12's checks need an error the other rules
cannot see — a change carried through its own sums (:func:`carried`), or a decision left out of Note B
(:func:`unpooled`, :func:`unmatched`). Each gives the paths a finding may name.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from decimal import Decimal

from tests.lawful.printed import transfer_kind
from tests.lawful.truth import KAN_NYTTES_UNDER, OVERSLAG, OWN, POOL, REALLOCATION, Truth

FAMILIES = ("BR", "NA", "NB", "AK", "MV", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "X", "T", "OS")
UP, DOWN, EITHER = 1, -1, 0


@dataclass(frozen=True)
class Target:
    family: str
    path: tuple
    direction: int = EITHER
    #: For a maximum that cannot be verified (a two-year cap without last year's appropriation): the
    #: planted value must fall below this, where it caps the transferable amount or this year's allocation.
    below: Decimal | None = None
    #: A value the figure must not take (what a blank figure would correctly print).
    not_to: Decimal | None = None
    #: A bug of today's avstem this plant runs into (``tests.lawful.features.KNOWN_BUGS``), else None.
    bug: str | None = None


def path_text(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def get(doc: dict, path: tuple):
    node = doc
    for part in path:
        node = node[part]
    return node


def _line_targets(family: str, doc: dict, where: tuple, columns: tuple[str, ...], keep=lambda line: True):
    lines = get(doc, where)["lines"]
    return [Target(family, (*where, "lines", i, c)) for i, line in enumerate(lines) if keep(line)
            for c in columns if c in line]


def targets(doc: dict, truth: Truth) -> dict[str, list[Target]]:
    """The figures each family checks, in this document."""
    out: dict[str, list[Target]] = {family: [] for family in FAMILIES}
    a = doc["appropriation"]
    br = out["BR"]
    for i, row in enumerate(a["expenses"]):
        br += [Target("BR", ("appropriation", "expenses", i, c)) for c in ("allocation", "accounts", "difference")]
    for i, row in enumerate(a["revenues"]):
        br += [Target("BR", ("appropriation", "revenues", i, c)) for c in ("allocation", "accounts")]
        br.append(Target("BR", ("appropriation", "revenues", i, "difference"),
                         not_to=row["accounts"] - row["allocation"]))
    for total in ("expense_total", "revenue_total"):
        br += [Target("BR", ("appropriation", total, c)) for c in ("allocation", "accounts")
               if a[total][c] is not None]
    br += [Target("BR", ("appropriation", "expense_total", "difference")), Target("BR", ("appropriation", "net_reported")),
           Target("BR", ("appropriation", "sum_reported"))]
    br += [Target("BR", ("appropriation", "capital_accounts", i, "amount")) for i in range(len(a["capital_accounts"]))]
    br += [Target("BR", ("appropriation", "holdings", i, c)) for i in range(len(a["holdings"]))
           for c in ("current", "prior", "change")]

    note_a = doc["note_a"]
    out["NA"] += [Target("NA", ("note_a", "rows", i, c)) for i in range(len(note_a["rows"]))
                  for c in ("transferred", "allocated", "total")]
    if "total" in note_a:
        out["NA"] += [Target("NA", ("note_a", "total", c)) for c in ("transferred", "allocated", "total")]

    note_b = doc["note_b"]
    for i, row in enumerate(note_b["rows"]):
        out["NB"] += [Target("NB", ("note_b", "rows", i, c)) for c in
                      ("difference", "charged_by_others", "after_charged", "additional_revenue", "reallocation",
                       "savings", "basis")]
        out["NB"].append(Target("NB", ("note_b", "rows", i, "transferable"), UP))
        out["T"].append(Target("T", ("note_b", "rows", i, "transferable"), UP))
        out["T"] += _maximum(truth, doc, i)
    if "total" in note_b:
        out["NB"] += [Target("NB", ("note_b", "total", c)) for c in note_b["total"]]

    chart = ("chart_of_accounts",)
    common = ("group_life_1985", "employer_tax_1986", "vat_1987")
    out["AK"] = _line_targets("AK", doc, chart, ("current", "prior"),
                              lambda line: _block_of(line) not in ("balance",))
    out["MV"] = _line_targets("MV", doc, chart, ("current", "prior"), lambda line: _block_of(line) == "balance")
    for n in range(1, 8):
        out[f"N{n}"] = [t for t in _line_targets(
            f"N{n}", doc, ("notes", f"note{n}"), ("current", "prior"),
            lambda line: line.get("id") not in ("fte", "premium_rate"))]
    out["N8"] = _line_targets("N8", doc, ("notes", "note8"), ("booked", "reported", "difference"))

    x = out["X"]
    x.append(Target("X", ("appropriation", "net_reported")))
    x += _line_targets("X", doc, chart, ("current",), lambda line: line.get("id") in (*common, "net_reported"))
    x += _line_targets("X", doc, ("notes", "note2"), ("current", "prior"), lambda line: line.get("id") == "employer_tax")
    x += _line_targets("X", doc, ("notes", "note6"), ("current",), lambda line: (line.get("label") or "").endswith(
        "(statskonto 530929)"))
    for i, row in enumerate(a["revenues"]):
        if (row["chapter"], row["post"]) in (("5309", "29"), ("5700", "72")):
            x.append(Target("X", ("appropriation", "revenues", i, "accounts")))
    for i, row in enumerate(a["expenses"]):
        if (row["chapter"], row["post"]) == ("1633", "01"):
            x.append(Target("X", ("appropriation", "expenses", i, "accounts")))
    return out


#: A note's line and the statement line it is printed as (rules N1-02 … N7-02).
TIES = {("note1", "fees_total"): "fees", ("note1", "grants_total"): "grants_received",
        ("note1", "sales_total"): "sales_and_rent", ("note1", "other_total"): "other_income",
        ("note1", "total"): "operating_income_total", ("note2", "total"): "salaries",
        ("note3", "total"): "other_operating", ("note4", "income_total"): "financial_income",
        ("note4", "expense_total"): "financial_expenses", ("note5", "investments_total"): "investments",
        ("note5", "shares_total"): "shares", ("note6", "total"): "taxes_and_fees", ("note7", "total"): "grants_paid"}


def _block_of(line: dict) -> str:
    from ledger.vocabulary.layout import CHART

    return line["block"] if "block" in line else CHART.line(line["id"]).block


def _maximum(truth: Truth, doc: dict, i: int) -> list[Target]:
    """Note B's maximum: where it is verified, any change errs; a two-year cap that cannot be verified
    errs only below what it caps; a post that may transfer nothing has 0 (T-04 errs either way)."""
    row = doc["note_b"]["rows"][i]
    post = truth.expense(_key(row))
    path = ("note_b", "rows", i, "maximum")
    kind = transfer_kind(post)
    if kind == "none":
        return [Target("T", path, UP), Target("T", path, DOWN)]
    if kind == "two_year" and not truth.priors_stated:
        return [Target("T", path, DOWN, below=min(row["maximum"], row["transferable"] or Decimal(0),
                                                  Decimal(post.allocated)))]
    return [Target("T", path)]


def _key(row: dict):
    from ledger.core.accounts import PostKey

    return PostKey.parse(row["chapter"], row["post"])


def plant(doc: dict, target: Target, amount: int, sign: int = 1) -> tuple[dict, str]:
    """The document with the target's figure changed by ``amount`` kroner (≥ 10 000) — up or down by
    ``sign`` where the target allows either, else in its direction — and the figure's path."""
    planted = copy.deepcopy(doc)
    *parent, last = target.path
    node = get(planted, tuple(parent))
    old = node[last] if node[last] is not None else Decimal(0)
    new = old + (target.direction or sign) * amount
    if target.below is not None:
        new = target.below - amount
    if target.not_to is not None and new == target.not_to:
        new += 1
    node[last] = Decimal(new)
    return planted, path_text(target.path)


# --- errors that are more than one figure --------------------------------------------------------------------


def overspendable(truth: Truth) -> list:
    """Posts an overspend would leave unexplained: the agency's own, no stikkord that lets them be
    exceeded or covered, no merinntektsfullmakt, no decision about them, not underspent on purpose."""
    named = {(k.chapter or p.key.chapter, post) for p in truth.expenses for k in p.stikkord
             if k.kind == KAN_NYTTES_UNDER for post in k.posts}
    paired = {k for a in truth.revenue_authorities for k in a.expenses}
    decided = {a.key for a in truth.adjustments} | {g.key for g in truth.given}
    row_keys = [p.key for p in truth.expenses if p.kind == OWN and not p.key.is_underpost and p.key.post != "24"
                and not p.has(OVERSLAG) and (p.key.chapter, p.key.post) not in named and p.key not in paired
                and p.key not in decided and p.key not in truth.unexplained and p.postings]
    return row_keys


def overspend(truth: Truth, key, amount: int) -> Truth:
    """The truth with post ``key`` spending ``amount`` kroner more than its samlet tildeling (reprinted
    consistently everywhere: the row, the totals, the notes, the capital accounts)."""
    post = truth.expense(key)
    extra = (post.allocation + amount) * 100 - post.spent
    leaf = post.postings[-1][0]
    new = replace(post, postings=(*post.postings, (leaf, extra)))
    expenses = tuple(new if p.key == key else p for p in truth.expenses)
    return replace(truth, expenses=expenses, unexplained=truth.unexplained | {key},
                   receipts=truth.receipts)


def unpooled(truth: Truth) -> Truth:
    """A «kan nyttes under» that covered an overspend, not pooled in Note B (nor stated in the context):
    the same kroner are then transferable from the post whose appropriation was used (issue 12.8)."""
    return replace(truth, adjustments=tuple(a for a in truth.adjustments if a.what != POOL))


def unmatched(truth: Truth) -> Truth:
    """An omdisponering of +X on post 45 without the −X on post 01 it must come from (issue 12.9)."""
    return replace(truth, adjustments=tuple(a for a in truth.adjustments
                                            if not (a.what == REALLOCATION and a.amount < 0)))


def row_paths(doc: dict, keys) -> set[str]:
    """Every figure path of the appropriation rows and Note B rows of ``keys``."""
    wanted = {(k.chapter, k.post_code) for k in keys}
    out = set()
    for section, rows in (("appropriation.expenses", doc["appropriation"]["expenses"]),
                          ("note_b.rows", doc["note_b"]["rows"])):
        for i, row in enumerate(rows):
            if (row["chapter"], row["post"]) in wanted:
                out |= {f"{section}[{i}].{c}" for c, v in row.items() if isinstance(v, Decimal) or v is None}
    return out


def carried(doc: dict, kind: str, amount: int) -> tuple[dict, str] | None:
    """A change carried through its own sums, so that only a tie of issue 12 can see it; None where the
    document has nothing to change. ``kind``: ``levy_line`` (a note 6 line naming a sektoravgift's
    statskonto, with note 6's total and the chart's collection lines and netto rapportert), ``del_b`` (a
    share's book value in note 8 del B), ``grants_vs_posts`` (payments moved from note 3 to note 7, totals
    and chart lines with them), ``note8_vs_balance`` (note 8's reported column moved between two lines of
    one group, booked kept, the differences with them)."""
    planted = copy.deepcopy(doc)
    notes, chart = planted["notes"], planted["chart_of_accounts"]["lines"]

    def line(lines, **match):
        return next((x for x in lines if all(x.get(k) == v for k, v in match.items())), None)

    def add(lines, column, value, **match) -> None:
        x = line(lines, **match)
        if x is not None:
            x[column] += value

    if kind == "levy_line":
        lines = notes["note6"]["lines"]
        index = next((i for i, x in enumerate(lines) if "statskonto 55" in (x.get("label") or "")), None)
        if index is None:
            return None
        lines[index]["current"] += amount
        add(lines, "current", amount, id="total")
        for line_id in ("taxes_and_fees", "collection_total"):
            add(chart, "current", amount, id=line_id)
        add(chart, "current", -amount, id="net_reported")
        return planted, f"notes.note6.lines[{index}].current"
    if kind == "del_b":
        if not notes["note8"]["shares"]:
            return None
        notes["note8"]["shares"][0]["book_value"] += amount
        return planted, "notes.note8.shares[0].book_value"
    if kind == "grants_vs_posts":
        note3, note7 = notes["note3"]["lines"], notes["note7"]["lines"]
        source = next((x for x in note3 if x.get("id") != "total" and x["current"] >= amount), None)
        index = next((i for i, x in enumerate(note7) if x.get("id") != "total"), None)
        if source is None or index is None:
            return None
        source["current"] -= amount
        add(note3, "current", -amount, id="total")
        note7[index]["current"] += amount
        add(note7, "current", amount, id="total")
        for line_id, value in (("other_operating", -amount), ("operating_expenses_total", -amount),
                               ("net_operating", -amount), ("grants_paid", amount), ("grants_total", amount)):
            add(chart, "current", value, id=line_id)
        total = next(i for i, x in enumerate(note7) if x.get("id") == "total")
        return planted, f"notes.note7.lines[{total}].current"
    if kind == "note8_vs_balance":
        lines = notes["note8"]["lines"]
        one, other = line(lines, id="tax_withholding"), line(lines, id="public_charges")
        if one is None or other is None:
            return None
        one["reported"] += amount
        one["difference"] -= amount
        other["reported"] -= amount
        other["difference"] += amount
        return planted, f"notes.note8.lines[{lines.index(one)}].reported"
    raise ValueError(kind)

