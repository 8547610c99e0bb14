"""Every identity of the accounts, checked on the printed figures without avstem's rules.

The generator's own test: regulation.md §2 (the appropriation statement, Notes A and B, the
chart-of-accounts statement and its notes, the ties between them) and the ties of issue 12 (note 6 lines
against their statskonto, note 7 against posts 50–89, note 8 against the mellomværende lines, del B against
the 62xxxx holding, the signs), each within its rounding: a sum of n figures rounded from øre within n/2
kroner, a copied figure identical, whole kroner exact.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.accounts import PostKey
from ledger.vocabulary.layout import CHART, NOTES
from tests.lawful.printed import LAYOUTS
from tests.lawful.truth import Truth


def breaches(doc: dict, truth: Truth) -> list[str]:
    """Every identity of regulation.md §2 (and issue 12's ties) checked on the printed figures, independently
    of avstem's rules: a sum of n figures rounded from øre within n/2 kroner, copies identical, whole
    kroner exact."""
    out: list[str] = []
    zero = Decimal(0)

    def val(x):
        return zero if x is None else x

    def near(what: str, printed, parts: list, rounded: int) -> None:
        if abs(val(printed) - sum(map(val, parts), zero)) > Decimal(rounded) / 2:
            out.append(f"{what}: {printed} against {sum(map(val, parts), zero)}")

    def same(what: str, a, b) -> None:
        if val(a) != val(b):
            out.append(f"{what}: {a} ≠ {b}")

    a = doc["appropriation"]
    rows = a["expenses"]
    net_keys = {str(k) for k in truth.underposts}
    counted = [r for r in rows if f"{r['chapter']}.{r['post']}" not in net_keys]
    for r in rows:
        near(f"BR-1 {r['chapter']}.{r['post']}", r["difference"], [r["allocation"], -r["accounts"]], 2)
    same("BR-3 allocation", a["expense_total"]["allocation"], sum((r["allocation"] for r in counted), zero))
    near("BR-3 accounts", a["expense_total"]["accounts"], [r["accounts"] for r in counted], len(counted) + 1)
    near("BR-3 difference", a["expense_total"]["difference"], [r["difference"] for r in counted], len(counted) + 1)
    for r in a["revenues"]:
        if r["difference"] is not None:
            near(f"BR-2 {r['chapter']}.{r['post']}", r["difference"], [r["accounts"], -r["allocation"]], 2)
        if r["chapter"] < "3000":
            out.append(f"BR-9 revenue on expense chapter {r['chapter']}")
    near("BR-4", a["revenue_total"]["accounts"], [r["accounts"] for r in a["revenues"]], len(a["revenues"]) + 1)
    near("BR-5", a["net_reported"], [a["expense_total"]["accounts"], -a["revenue_total"]["accounts"]], 3)
    capital = [c["amount"] for c in a["capital_accounts"]]
    near("BR-6", -a["net_reported"], capital, len(capital) + 1)
    same("BR-6 sum rapportert", a["sum_reported"], zero)
    if capital[0] < 0 or capital[1] > 0:
        out.append(f"Norges Bank KK signs: {capital[0]} / {capital[1]}")
    for h in a["holdings"]:
        near(f"BR-7 {h['account']}", h["change"], [h["current"], -h["prior"]], 3)
    same("BR-7 capital = holding change", a["capital_accounts"][2]["amount"], a["holdings"][0]["change"])
    note_a = {(r["chapter"], r["post"]): r for r in doc["note_a"]["rows"]}
    for r in doc["note_a"]["rows"]:
        same(f"NA-1 {r['chapter']}.{r['post']}", r["total"], val(r["transferred"]) + r["allocated"])
        if r["allocated"] % 1000 or val(r["transferred"]) % 1000:
            out.append(f"allocations in whole thousands: {r}")
    for r in counted:
        if r["allocation"] != 0 and (r["chapter"], r["post"]) not in note_a:
            out.append(f"NA-3 {r['chapter']}.{r['post']} has no Note A row")
        if (r["chapter"], r["post"]) in note_a:
            same(f"NA-2 {r['chapter']}.{r['post']}", note_a[r["chapter"], r["post"]]["total"], r["allocation"])
    statement = {(r["chapter"], r["post"]): r for r in rows}
    moved = zero
    for r in doc["note_b"]["rows"]:
        k = f"{r['chapter']}.{r['post']}"
        post = truth.expense(PostKey.parse(r["chapter"], r["post"]))
        same(f"NB-1 {k}", r["difference"], statement[r["chapter"], r["post"]]["difference"])
        same(f"NB-2 {k}", r["after_charged"], r["difference"] + val(r["charged_by_others"]))
        same(f"NB-3 {k}", r["basis"], r["after_charged"] + val(r["additional_revenue"]) + val(r["reallocation"])
             + val(r["savings"]))
        if post.key not in truth.transfer_asked:
            same(f"NB-6 {k}", r["transferable"], max(zero, min(r["basis"], r["maximum"])))
        if val(r["charged_by_others"]) > 0 or val(r["savings"]) > 0:
            out.append(f"NB signs {k}")
        moved += val(r["reallocation"])
        if any(s.kind == "kan overføres" for s in post.stikkord):
            same(f"T-3 {k}", r["maximum"], post.allocated + post.prior_appropriation)
        elif 1 <= int(post.key.post) <= 29:
            base = post.allocated if truth.reading == "arets_tildelinger" else post.allocation
            same(f"T-2 {k}", r["maximum"], Decimal("0.05") * base)
        else:
            same(f"T-4 {k}", r["maximum"], zero)
    same("omdisponeringer and pooled «kan nyttes under» net to zero", moved, zero)
    for move in (x for x in truth.adjustments if x.what == "omdisponering" and x.amount > 0):
        if move.amount > truth.expense(PostKey.parse(move.key.chapter, "01")).allocated // 20:
            out.append(f"omdisponering {move.amount} above 5 % of post 01")

    # the chart-of-accounts statement and the notes, both years
    tables = {"chart": doc["chart_of_accounts"], **{n.id: doc["notes"][n.id] for n in NOTES}}
    for table_id, section in tables.items():
        layout = LAYOUTS[table_id]
        lines = section["lines"]
        printed = [{"id": x.get("id"), "block": x.get("block") or layout.line(x["id"]).block,
                    "role": layout.line(x["id"]).role if "id" in x else "detail",
                    "sign": layout.line(x["id"]).sign if "id" in x else 1, **x} for x in lines]

        class _L:  # the layout's sums read lines by attribute
            def __init__(self, d):
                self.__dict__.update(d)

        objects = [_L(x) for x in printed]
        for definition in layout.sums:
            total = next((x for x in objects if x.id == definition.total), None)
            if total is None:
                continue
            terms = definition.terms(objects)
            if not terms:
                continue
            for column in ("current", "prior"):
                near(f"{table_id}.{definition.total}[{column}]", getattr(total, column),
                     [sign * getattr(x, column) for sign, x in terms], len(terms) + 1)
    chart = {x["id"]: x for x in doc["chart_of_accounts"]["lines"] if "id" in x}
    notes = {n: {x["id"]: x for x in doc["notes"][n]["lines"] if "id" in x} for n in doc["notes"]}
    ties = (("note1", "total", "operating_income_total"), ("note2", "total", "salaries"),
            ("note3", "total", "other_operating"), ("note4", "income_total", "financial_income"),
            ("note4", "expense_total", "financial_expenses"), ("note5", "investments_total", "investments"),
            ("note5", "shares_total", "shares"), ("note6", "total", "taxes_and_fees"), ("note7", "total", "grants_paid"),
            ("note2", "employer_tax", "employer_tax_1986"))
    for note, line, chart_line in ties:
        if line in notes[note] and chart_line in chart:
            for column in ("current", "prior"):
                same(f"tie {note}.{line}={chart_line}[{column}]", notes[note][line][column], chart[chart_line][column])
    same("X-1 netto rapportert", chart["net_reported"]["current"], a["net_reported"])
    same("X-2 mellomværende this year", chart["balance_total"]["current"], a["holdings"][0]["current"])
    same("X-2 mellomværende last year", chart["balance_total"]["prior"], a["holdings"][0]["prior"])
    revenue = {(r["chapter"], r["post"]): r for r in a["revenues"]}
    expense = {(r["chapter"], r["post"]): r for r in rows}
    same("X-4 5700.72 = 1986", revenue.get(("5700", "72"), {}).get("accounts"), chart["employer_tax_1986"]["current"])
    same("X-5 1633.01 = 1987", expense.get(("1633", "01"), {}).get("accounts"), chart["vat_1987"]["current"])
    note6 = [x for x in doc["notes"]["note6"]["lines"] if "block" in x]
    fives = [x["current"] for x in note6 if "530929" in x["label"]]
    near("X-6 5309.29 = 1985 + note 6", revenue.get(("5309", "29"), {}).get("accounts"),
         [chart["group_life_1985"]["current"], *fives], len(fives) + 2)
    for x in note6:  # issue 12.10: every note 6 line that names a statskonto ties to that revenue row
        konto = x["label"].rsplit("statskonto ", 1)[1].rstrip(")")
        if konto != "530929":
            same(f"note 6 {konto} = its revenue row", x["current"], revenue[konto[:4], konto[4:]]["accounts"])
    grants = [r["accounts"] for r in counted if 50 <= int(r["post"][:2]) <= 89]
    near("note 7 = posts 50–89 (issue 12.13)", notes["note7"]["total"]["current"], grants, len(grants) + 1)
    if not truth.underposts:
        near("X-7 sum utgiftsført", a["expense_total"]["accounts"],
             [chart[i]["current"] for i in ("operating_expenses_total", "investment_expenses_total", "grants_total",
                                            "vat_1987")], 5)
        near("X-8 sum inntektsført", a["revenue_total"]["accounts"],
             [chart.get(i, {}).get("current") for i in ("operating_income_total", "investment_income_total",
                                                          "collection_total", "group_life_1985", "employer_tax_1986")],
             6)
    note8 = {x["id"]: x for x in doc["notes"]["note8"]["lines"]}
    for x in doc["notes"]["note8"]["lines"]:
        near(f"N8-1 {x['id']}", x["difference"], [x["booked"], -x["reported"]], 3)
    same("N8 rapportert = mellomværende", note8["total"]["reported"], chart["balance_total"]["current"])
    for line in ("customer_receivables", "suppliers"):
        same(f"note 8 {line} reported 0 (issue 12.13)", note8.get(line, {}).get("reported"), zero)
    balance = {x.get("id") or x["label"]: x["current"] for x in doc["chart_of_accounts"]["lines"]
               if (x.get("block") or CHART.line(x["id"]).block) == "balance" and x.get("id") != "balance_total"}
    for line, sign in (("receivables_employees", 1), ("cash", 1), ("bank_outside_norges_bank", 1),
                       ("tax_withholding", -1), ("public_charges", -1), ("pension_premium", -1),
                       ("advance_payments", -1)):
        if sign * val(balance.get(line)) < 0:
            out.append(f"sign of mellomværende line {line}: {balance[line]}")
    groups = {"tax_withholding": ("tax_withholding",), "public_charges": ("public_charges",),
              "other_short_term_debt": ("pension_premium", "advance_payments", "salary_net", "bank_differences"),
              "bank_and_cash": ("cash", "bank_outside_norges_bank")}
    for line, parts in groups.items():
        if line in note8:
            near(f"note 8 {line} = mellomværende lines (issue 12.13)", note8[line]["reported"],
                 [balance.get(p) for p in parts], len(parts) + 1)
    if truth.shares:
        held = a["holdings"][1]
        values = sum((s["book_value"] for s in doc["notes"]["note8"]["shares"]), zero)
        same("del B = 62xxxx holding (issue 12.11)", values, held["current"])
        same("del B = del A shares booked (issue 12.11)", values, note8["shares_and_holdings"]["booked"])
        same("62xxxx change = shares bought (issue 12.11)", held["change"], notes["note5"]["shares_total"]["current"])
    return out
