"""Hypothesis strategies that build a lawful agency-year (:class:`~tests.lawful.truth.Truth`).

Every random choice is a hypothesis draw, so a failing example shrinks: features switch off, posts drop
out, amounts fall towards their lower bounds. :func:`truths` takes the features an example may have
(``allowed``) and those it must have (``forced``); see :mod:`tests.lawful.features`.

What is lawful here is the regulation's, not avstem's: allocations and transfers in whole thousands;
every overspend explained by something that covers it (unless ``unexplained_overspend`` plants one that
nothing does, which the truth then expects as a warning); Note B pools a «kan nyttes under» that covered
an overspend; an omdisponering 01→45 within 5 % of post 01; a 5 % maximum on samlet tildeling only where
it cannot change the transferable amount.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from hypothesis import strategies as st

from ledger.core.accounts import PostKey
from tests.lawful.features import LANDED
from tests.lawful.truth import (
    APPROVED,
    COMMON,
    KAN_NYTTES_UNDER,
    KAN_OVERFORES,
    NET,
    OVERSLAG,
    OWN,
    POOL,
    REALLOCATION,
    RECEIVED,
    REVENUE,
    SAVINGS,
    Adjustment,
    Given,
    Keyword,
    Leaf,
    Post,
    Presentation,
    RevenueAuthority,
    Share,
    T,
    Truth,
    is_income,
    kroner,
)

# --- names and texts ---------------------------------------------------------------------------------

AGENCIES = (
    (T("Direktoratet for forvaltning og tilsyn", "Direktoratet for forvalting og tilsyn"), "DFT",
     T("Digitaliserings- og forvaltningsdepartementet", "Digitaliserings- og forvaltningsdepartementet")),
    (T("Statens senter for kompetanse", "Statens senter for kompetanse"), "SSK",
     T("Kunnskapsdepartementet", "Kunnskapsdepartementet")),
    (T("Landbruksdirektoratet", "Landbruksdirektoratet"), "Ldir",
     T("Landbruks- og matdepartementet", "Landbruks- og matdepartementet")),
    (T("Norsk arkivverk", "Norsk arkivverk"), "NAV-A", T("Kulturdepartementet", "Kulturdepartementet")),
    (T("Statens havnetilsyn", "Statens hamnetilsyn"), "SHT",
     T("Nærings- og fiskeridepartementet", "Nærings- og fiskeridepartementet")),
)

POST_TEXTS = {
    "01": T("Driftsutgifter", "Driftsutgifter"),
    "21": T("Spesielle driftsutgifter", "Spesielle driftsutgifter"),
    "24": T("Driftsresultat", "Driftsresultat"),
    "24.01": T("Driftsinntekter", "Driftsinntekter"),
    "24.02": T("Driftsutgifter", "Driftsutgifter"),
    "45": T("Større utstyrsanskaffelser og vedlikehold", "Større utstyrsanskaffingar og vedlikehald"),
    "50": T("Overføring til Norges forskningsråd", "Overføring til Noregs forskingsråd"),
    "60": T("Tilskudd til kommuner", "Tilskot til kommunar"),
    "61": T("Tilskudd til fylkeskommuner", "Tilskot til fylkeskommunar"),
    "62": T("Kommunale tiltak", "Kommunale tiltak"),
    "70": T("Tilskudd til frivillige organisasjoner", "Tilskot til frivillige organisasjonar"),
    "71": T("Tilskudd til forskning og utvikling", "Tilskot til forsking og utvikling"),
    "72": T("Stønader", "Stønader"),
    "73": T("Tilskudd", "Tilskot"),
    "74": T("Tilskudd til næringsutvikling", "Tilskot til næringsutvikling"),
    "75": T("Internasjonalt samarbeid", "Internasjonalt samarbeid"),
    "90": T("Kapitalinnskudd", "Kapitalinnskot"),
}
GRANT_POSTS = ("50", "60", "61", "62", "70", "71", "73", "74", "75")
#: Who may charge an agency's post or let it charge theirs: (chapter, chapter name, post, post text, who).
OTHERS = (
    ("0400", T("Justis- og beredskapsdepartementet", "Justis- og beredskapsdepartementet"), "23",
     T("Spesielle driftsutgifter, forskning og kunnskapsutvikling", "Spesielle driftsutgifter, forsking og kunnskapsutvikling"),
     T("Justis- og beredskapsdepartementet", "Justis- og beredskapsdepartementet")),
    ("0500", T("Kommunal- og distriktsdepartementet", "Kommunal- og distriktsdepartementet"), "21",
     T("Spesielle driftsutgifter", "Spesielle driftsutgifter"),
     T("Kommunal- og distriktsdepartementet", "Kommunal- og distriktsdepartementet")),
    ("0840", T("Tiltak mot vold og overgrep", "Tiltak mot vald og overgrep"), "21",
     T("Spesielle driftsutgifter", "Spesielle driftsutgifter"),
     T("Barne- og familiedepartementet", "Barne- og familiedepartementet")),
    ("1400", T("Klima- og miljødepartementet", "Klima- og miljødepartementet"), "21",
     T("Spesielle driftsutgifter", "Spesielle driftsutgifter"),
     T("Klima- og miljødepartementet", "Klima- og miljødepartementet")),
)
GIVEN_TO = (T("Statens vegvesen", "Statens vegvesen"), T("Direktoratet for høyere utdanning og kompetanse",
            "Direktoratet for høgare utdanning og kompetanse"), T("Statsforvalteren i Vestland", "Statsforvaltaren i Vestland"))
LEVIES = (
    ("5574", "71", T("Sektoravgifter under Nærings- og fiskeridepartementet", "Sektoravgifter under Nærings- og fiskeridepartementet"),
     T("Avgifter knyttet til tilsyn", "Avgifter knytte til tilsyn"), T("Tilsynsavgift", "Tilsynsavgift")),
    ("5568", "73", T("Sektoravgifter under Kulturdepartementet", "Sektoravgifter under Kulturdepartementet"),
     T("Avgift på lotteri", "Avgift på lotteri"), T("Lotteriavgift", "Lotteriavgift")),
    ("5578", "72", T("Sektoravgifter under Klima- og miljødepartementet", "Sektoravgifter under Klima- og miljødepartementet"),
     T("Avgift på kontroll", "Avgift på kontroll"), T("Kontrollavgift", "Kontrollavgift")),
)
COMPANIES = ("Norsk Testdata AS", "Statens Utviklingsselskap AS", "Forvaltningsdata AS", "Havneinfrastruktur AS")

# the detail lines amounts are booked on
NOTE3 = ("rent", "maintenance_own", "maintenance_leased", "other_property", "repairs", "small_equipment",
         "equipment_rent", "consultants", "other_services", "travel", "other_expenses")
NOTE5_INVESTMENTS = ("intangible", "land_buildings", "infrastructure", "machinery", "furniture")
SECTORS = {"5": ("government",), "6": ("municipalities", "counties"),
           "7": ("non_profits", "households", "non_financial", "financial", "abroad")}
NOTE3_EXTRA = Leaf("note3", None, "operating", T("Lisenser og programvare", "Lisensar og programvare"))
NOTE1_EXTRA = {
    "fees": Leaf("note1", None, "fees", T("Gebyrer for tilsyn", "Gebyr for tilsyn")),
    # not a label of the model (a workbook reader matches labels): «fra andre statlige virksomheter» is one
    "grants": Leaf("note1", None, "grants", T("Tilskudd fra Nordisk ministerråd", "Tilskot frå Nordisk ministerråd")),
    "sales": Leaf("note1", None, "sales", T("Salgsinntekter", "Salsinntekter")),
    "other": Leaf("note1", None, "other", T("Diverse innbetalinger", "Diverse innbetalingar")),
}
REPAYMENTS = Leaf("note6", None, "collection", T("Tilfeldige og andre inntekter (statskonto 530929)",
                                                   "Tilfeldige og andre inntekter (statskonto 530929)"), "530929")
BALANCE = (  # line, sign: + receivable, - liability, 0 either
    ("receivables_employees", 1), ("cash", 1), ("bank_outside_norges_bank", 1), ("tax_withholding", -1),
    ("public_charges", -1), ("pension_premium", -1), ("advance_payments", -1), ("salary_net", 0),
    ("bank_differences", 0),
)
BALANCE_EXTRA = Leaf("chart", None, "balance", T("Fordringer på andre statlige virksomheter",
                                                  "Fordringar på andre statlege verksemder"))

# the leaves the common chapters and the kinds of line are booked on
L = {name: Leaf("chart", name, block) for name, block in (
    ("group_life_1985", "common_chapters"), ("employer_tax_1986", "common_chapters"), ("vat_1987", "common_chapters"))}
L.update({f"note2.{n}": Leaf("note2", n, "salaries") for n in ("salary", "employer_tax", "pension", "refunds",
                                                                 "other_benefits")})
L.update({f"note3.{n}": Leaf("note3", n, "operating") for n in NOTE3})
L.update({f"note4.{n}": Leaf("note4", n, "expenses") for n in ("interest_expense", "fx_loss", "other_financial_expense")})
L.update({f"note4.{n}": Leaf("note4", n, "income") for n in ("interest_income", "fx_gain", "other_financial_income")})
L.update({f"note5.{n}": Leaf("note5", n, "investments") for n in NOTE5_INVESTMENTS})
L.update({f"note5.{n}": Leaf("note5", n, "shares") for n in ("capital_contributions", "shares_and_holdings")})
L.update({f"note7.{n}": Leaf("note7", n, "grants") for names in SECTORS.values() for n in names})
L.update({f"chart.{n}": Leaf("chart", n, "balance") for n, _ in BALANCE})

# --- drawing helpers -------------------------------------------------------------------------------------


def _split(draw, total: int, n: int) -> list[int]:
    """``total`` øre in ``n`` parts by drawn weights, summing exactly."""
    if n <= 1:
        return [total]
    weights = [draw(st.integers(1, 20)) for _ in range(n)]
    parts = [total * w // sum(weights) for w in weights[:-1]]
    return parts + [total - sum(parts)]


def _some(draw, items, low: int, high: int) -> list:
    """Between ``low`` and ``high`` distinct items, in their order."""
    items = list(items)
    picked = draw(st.lists(st.sampled_from(items), min_size=low, max_size=min(high, len(items)), unique=True))
    return [i for i in items if i in picked]


def _under(draw, allocation_kr: int) -> int:
    """Spending below an allocation, øre: 60–100 % of it, never above."""
    if allocation_kr <= 0:
        return 0
    permille = draw(st.integers(600, 1000))
    noise = draw(st.integers(0, 99_999))
    return max(0, allocation_kr * 100 * permille // 1000 - noise)


def _over(draw, allocation_kr: int) -> int:
    """Spending above an allocation by at least a thousand kroner, øre."""
    permille = draw(st.integers(1, 60))
    return allocation_kr * 100 + max(100_000, allocation_kr * 100 * permille // 1000) + draw(st.integers(0, 99_999))


def _thousands(draw, low: int, high: int) -> int:
    return draw(st.integers(low, high)) * 1000


# --- the strategy ----------------------------------------------------------------------------------------


@st.composite
def truths(draw, allowed: frozenset[str] = frozenset(LANDED), forced: frozenset[str] = frozenset()) -> Truth:
    """A lawful agency-year with the landed features switched on at random and ``forced`` always on."""
    names = sorted(allowed | forced)
    flags = {name: name in forced or draw(st.booleans()) for name in names}
    on = {name for name, value in flags.items() if value}

    def has(feature: str) -> bool:
        return feature in on

    lang = "nn" if has("nynorsk") else "nb"
    year = draw(st.integers(2016, 2025))
    agency_name, short, ministry = draw(st.sampled_from(AGENCIES))
    number = draw(st.integers(100, 1599))
    chapter, second = f"{number:04d}", f"{number + 1:04d}"
    revenue_chapter = f"{number + 3000:04d}"
    chapter_name = agency_name(lang)
    second_name = T("Tilskudd og tiltak", "Tilskot og tiltak")(lang)

    def key(post: str, ch: str = chapter) -> PostKey:
        return PostKey.parse(ch, post)

    # -- the posts and what the budget says about them ---------------------------------------------
    plans: dict[PostKey, dict] = {}

    def plan(k: PostKey, post_text: str, allocated: int, *, kind: str = OWN, name: str = chapter_name,
             stikkord: tuple[Keyword, ...] = (), **more) -> dict:
        plans[k] = dict(key=k, chapter_name=name, post_text=post_text, kind=kind, stikkord=stikkord,
                        allocated=allocated, **more)
        return plans[k]

    plan(key("01"), POST_TEXTS["01"](lang), _thousands(draw, 20_000, 2_000_000))
    if draw(st.booleans()) or has("kan_nyttes_under") or has("shared_merinntekt"):
        plan(key("21"), POST_TEXTS["21"](lang), _thousands(draw, 1_000, 300_000),
             stikkord=(Keyword(KAN_OVERFORES),) if draw(st.booleans()) else ())
    if has("omdisponering") or has("omdisponering_covers_overspend") or draw(st.booleans()):
        plan(key("45"), POST_TEXTS["45"](lang), _thousands(draw, 1_000, 100_000), stikkord=(Keyword(KAN_OVERFORES),))
    grant_chapter = second if has("second_chapter") else chapter
    grant_name = second_name if has("second_chapter") else chapter_name
    for post in _some(draw, GRANT_POSTS, 1, 4):
        plan(key(post, grant_chapter), POST_TEXTS[post](lang), _thousands(draw, 500, 20_000_000), name=grant_name,
             stikkord=(Keyword(KAN_OVERFORES),) if draw(st.booleans()) else ())
    if has("overslagsbevilgning"):
        plan(key("72", grant_chapter), POST_TEXTS["72"](lang), _thousands(draw, 500, 5_000_000), name=grant_name,
             stikkord=(Keyword(OVERSLAG),))
    if has("shares"):
        plan(key("90"), POST_TEXTS["90"](lang), _thousands(draw, 1_000, 500_000))
    if has("underposts") or has("underposts_with_net") or has("underpost_shortfall"):
        income = _thousands(draw, 10_000, 500_000)
        plan(key("24"), POST_TEXTS["24"](lang), 0, kind=NET)
        plan(key("24.01"), POST_TEXTS["24.01"](lang), -income)
        surplus = draw(st.integers(-5_000, min(20_000, income // 2000))) * 1000  # a planned driftsresultat
        plan(key("24.02"), POST_TEXTS["24.02"](lang), income - surplus)

    def transferable_kind(p: dict) -> str:
        if any(s.kind == KAN_OVERFORES for s in p["stikkord"]):
            return "two_year"
        number = int(p["key"].post)
        return "percentage" if 1 <= number <= 29 and number != 24 and p["kind"] == OWN else "none"

    for p in plans.values():
        kind = transferable_kind(p)
        p["transferred"] = 0
        if has("transferred") and kind != "none" and draw(st.booleans()):
            cap = p["allocated"] // 20 if kind == "percentage" else p["allocated"] // 2
            p["transferred"] = draw(st.integers(0, cap // 1000)) * 1000
        if kind == "two_year":
            p["prior_appropriation"] = p["allocated"] * draw(st.integers(80, 120)) // 100 // 1000 * 1000

    own = [k for k, p in plans.items() if p["kind"] == OWN]
    overspent: dict[PostKey, str] = {}  # planned overspends (what covers them) and posts kept underspent
    reserve: dict[PostKey, int] = defaultdict(int)  # kroner of a post's samlet tildeling that stays unspent
    adjustments: list[Adjustment] = []
    spending: dict[PostKey, int] = {}

    def total(k: PostKey) -> int:
        return plans[k]["allocated"] + plans[k]["transferred"]

    def free(candidates) -> list[PostKey]:
        return [k for k in candidates if k not in overspent and k in plans and plans[k]["kind"] == OWN
                and not k.is_underpost and k.post not in ("24", "90")]

    def operating(candidates) -> list[PostKey]:
        return [k for k in candidates if int(k.post) <= 29 and k.post != "24" and not k.is_underpost]

    if has("overslagsbevilgning"):
        overspent[key("72", grant_chapter)] = OVERSLAG
    if has("transfer_below"):
        overspent[key("01")] = "kept"  # post 01 has something to transfer, and asks for less
    if has("stikkord_column_partial"):  # a Note B row with two stikkord, of which the column prints one
        if key("21") not in plans:
            plan(key("21"), POST_TEXTS["21"](lang), _thousands(draw, 1_000, 300_000), stikkord=(), transferred=0)
        plans[key("21")]["stikkord"] = (Keyword(KAN_OVERFORES), Keyword(KAN_NYTTES_UNDER, ("01",)))
        plans[key("21")].setdefault("prior_appropriation", plans[key("21")]["allocated"])
        overspent[key("21")] = "kept"

    # given belastningsfullmakter: another agency spent on the agency's post (in samlet tildeling, not in regnskap)
    given: list[Given] = []
    if has("given_authority"):
        k = draw(st.sampled_from(operating(own)))
        charged = draw(st.integers(1, max(1, total(k) // 10))) * 100 + draw(st.integers(0, 99))
        given.append(Given(k, charged, draw(st.sampled_from(GIVEN_TO))(lang)))
        reserve[k] += charged // 100 + 1
        overspent.setdefault(k, "kept")

    # «kan nyttes under»: one post's unused appropriation covers another's overspend, pooled in Note B
    if has("kan_nyttes_under"):
        pairs = [(d, r) for d in free(own) for r in free(own) if d != r and r.post != "01"
                 and "45" not in (d.post, r.post)]
        pairs = [(d, r) for d, r in pairs if total(d) - reserve[d] >= 4000]
        if pairs:
            donor, recipient = draw(st.sampled_from(pairs))
            words = Keyword(KAN_NYTTES_UNDER, (recipient.post,),
                            recipient.chapter if recipient.chapter != donor.chapter else None)
            plans[donor]["stikkord"] += (words,)
            # the overspend stays within what the donor leaves unused
            need = draw(st.integers(1000, (total(donor) - reserve[donor]) // 2))
            spending[recipient] = (total(recipient) + need) * 100 - draw(st.integers(0, 49))
            reserve[donor] += need
            overspent[recipient], overspent[donor] = POOL, "kept"
            adjustments += [Adjustment(donor, -need, POOL, words.text(lang)),
                            Adjustment(recipient, need, POOL, words.text(lang))]

    # omdisponering from post 01 to post 45 of the same chapter, within 5 % of post 01's appropriation
    if has("omdisponering") or has("omdisponering_covers_overspend"):
        room = min(plans[key("01")]["allocated"] // 20, total(key("01")) - reserve[key("01")] - 1)
        amount = draw(st.integers(1, max(1, room // 1000))) * 1000
        decision = T("omdisponert med hjemmel i R-110", "omdisponert med heimel i R-110")(lang)
        adjustments += [Adjustment(key("01"), -amount, REALLOCATION, decision),
                        Adjustment(key("45"), amount, REALLOCATION, decision)]
        reserve[key("01")] += amount
        overspent.setdefault(key("01"), "kept")
        if has("omdisponering_covers_overspend") and key("45") not in overspent:
            spending[key("45")] = total(key("45")) * 100 + draw(st.integers(100, amount * 100 - 50))
            overspent[key("45")] = REALLOCATION
        else:
            overspent.setdefault(key("45"), "kept")

    # an overspend on an «overslagsbevilgning»: rights-based spending may exceed the estimate
    if has("overslagsbevilgning"):
        k = key("72", grant_chapter)
        spending[k] = _over(draw, total(k))

    # an overspend the ministry approved (samtykke til overskridelse)
    if has("approved_overspend") and free(own):
        k = draw(st.sampled_from(free(own)))
        spending[k] = _over(draw, total(k))
        over = int(kroner(spending[k])) - total(k)
        amount = -(-over // 1000) * 1000 + draw(st.integers(0, 5)) * 1000
        decision = T(f"Finansdepartementets brev av 12.12.{year}", f"brev frå Finansdepartementet 12.12.{year}")(lang)
        adjustments.append(Adjustment(k, amount, APPROVED, decision))
        overspent[k] = APPROVED

    # an overspend nothing explains: the truth expects OS-01 to warn about it
    unexplained: set[PostKey] = set()
    covered = {(w.chapter or c.chapter, post) for c, pl in plans.items() for w in pl.get("stikkord", ())
               if w.kind == KAN_NYTTES_UNDER for post in w.posts}  # another post's underspend may cover these
    unexplainable = [k for k in free(own) if (k.chapter, k.post) not in covered]
    if has("unexplained_overspend") and unexplainable:
        k = draw(st.sampled_from(unexplainable))
        spending[k] = _over(draw, total(k))
        overspent[k] = "unexplained"
        unexplained.add(k)

    # posts with an allocation and nothing spent
    if has("no_spending"):
        for k in free([k for k in own if k.post != "01"])[:draw(st.integers(1, 2))]:
            spending[k] = 0
            overspent[k] = "nothing spent"

    # received belastningsfullmakter: another ministry's post, spent within what was granted
    if has("received_authority"):
        for other in _some(draw, range(len(OTHERS)), 1, 2):
            ch, name, post, text, who = OTHERS[other]
            if ch in (chapter, second):
                continue
            granted = _thousands(draw, 50, 20_000)
            k = key(post, ch)
            plan(k, text(lang), 0, kind=RECEIVED, name=name(lang), counterpart=who(lang), granted=granted,
                 transferred=0)
            spending[k] = min(_under(draw, granted), granted * 100 - 50)

    # innsparinger: amounts decided to be saved on a post this year (a later year's overskridelse)
    if has("savings"):
        k = draw(st.sampled_from(operating(own)))
        amount = draw(st.integers(1, max(1, plans[k]["allocated"] // 50 // 1000))) * 1000
        adjustments.append(Adjustment(k, -amount, SAVINGS,
                                      T(f"innsparing vedtatt i Prop. 1 S ({year - 1}–{year})",
                                        f"innsparing vedteken i Prop. 1 S ({year - 1}–{year})")(lang)))

    # the rest spend below their allocation, leaving what they must leave unspent
    for k, p in plans.items():
        if k in spending or p["kind"] == NET or k.is_underpost:
            continue
        spend = _under(draw, total(k))
        if reserve[k]:
            spend = min(spend, max(0, (total(k) - reserve[k]) * 100 - 50))
        spending[k] = spend // 100 * 100 if k.post == "90" else spend  # capital contributions: whole kroner

    # a forvaltningsbedrift's post 24: income (a negative expense) on 24.01, expenses on 24.02. The net post
    # is the appropriation and is not overspent; with a shortfall, 24.01 brings in less than budgeted (its
    # own row looks overspent) and 24.02 spends correspondingly less
    if key("24") in plans:
        income, costs = -plans[key("24.01")]["allocated"], plans[key("24.02")]["allocated"]
        if has("underpost_shortfall"):
            short = draw(st.integers(100_000, income * 10))
            got = income * 100 - short
            spend = costs * 100 - short - draw(st.integers(100, 10**6))
        else:
            got = income * 100 + draw(st.integers(0, income * 10))  # øre received
            spend = _under(draw, costs)
        spending[key("24.01")], spending[key("24.02")] = -got, max(0, spend)

    # -- postings: what each post's money was spent on --------------------------------------------------
    postings: dict[PostKey, list[tuple[str, int]]] = defaultdict(list)
    extras = has("extra_lines")
    note3 = [f"note3.{n}" for n in NOTE3] + ([NOTE3_EXTRA.id] if extras else [])
    aga_total = group_life_total = 0

    def book(k: PostKey, leaves: list[str], total: int) -> None:
        for leaf, ore in zip(leaves, _split(draw, total, len(leaves))):
            postings[k].append((leaf, ore))

    for k, p in plans.items():
        amount = spending.get(k, 0)
        if p["kind"] == NET or amount == 0 and not k.is_underpost:
            continue
        number = int(k.post)
        if k == key("01"):
            salary = amount * draw(st.integers(30, 55)) // 100
            aga = salary * 141 // 1000
            pension = salary * draw(st.integers(5, 12)) // 100
            refunds = -(salary * draw(st.integers(0, 6)) // 100)
            group_life = salary * 2 // 1000
            benefits = salary * draw(st.integers(1, 4)) // 100 + group_life
            aga_total += aga
            group_life_total += group_life
            postings[k] += [("note2.salary", salary), ("note2.employer_tax", aga), ("note2.pension", pension),
                            ("note2.refunds", refunds), ("note2.other_benefits", benefits)]
            rest = amount - salary - aga - pension - refunds - benefits
            finance = rest * draw(st.integers(0, 3)) // 1000
            invest = rest * draw(st.integers(0, 20)) // 1000
            if finance:
                postings[k].append(("note4.interest_expense", finance))
            if invest:
                postings[k].append((f"note5.{draw(st.sampled_from(NOTE5_INVESTMENTS))}", invest))
            book(k, _some(draw, note3, 2, 7), rest - finance - invest)
        elif k.is_underpost and k.sub == "01":
            postings[k].append((NOTE1_EXTRA["sales"].id, amount))  # income: negative on an expense post
        elif k.is_underpost:
            book(k, _some(draw, note3, 1, 4), amount)
        elif p["kind"] == RECEIVED or number <= 29:
            book(k, _some(draw, note3, 1, 4), amount)
        elif number <= 49:
            book(k, _some(draw, [f"note5.{n}" for n in NOTE5_INVESTMENTS] + note3, 1, 3), amount)
        elif number <= 89:
            sectors = SECTORS[k.post[0] if k.post[0] in SECTORS else "7"]
            book(k, [f"note7.{s}" for s in _some(draw, sectors, 1, 3)], amount)
        else:
            postings[k].append(("note5.capital_contributions", amount))

    # the common chapters: VAT on operating purchases (kap. 1633, konto 1987)
    if has("vat"):
        operating = sum(ore for k in plans for leaf, ore in postings[k] if leaf.startswith("note3"))
        vat = operating * draw(st.integers(5, 60)) // 1000
        if vat > 0:
            plan(key("01", "1633"), T("Nettoordning for mva. i staten", "Nettoordning for mva. i staten")(lang), 0,
                 kind=COMMON, name=T("Nettoordning, statlig betalt merverdiavgift",
                                     "Nettoordning, statleg betalt meirverdiavgift")(lang), transferred=0)
            postings[key("01", "1633")].append(("chart.vat_1987", vat))

    # -- revenue -----------------------------------------------------------------------------------------
    revenues: dict[PostKey, dict] = {}
    revenue_postings: dict[PostKey, list[tuple[str, int]]] = defaultdict(list)

    def revenue(k: PostKey, name: str, text: str, allocated: int = 0) -> PostKey:
        revenues[k] = dict(key=k, chapter_name=name, post_text=text, kind=REVENUE, allocated=allocated)
        return k

    def note1_leaf(block: str) -> str:
        return NOTE1_EXTRA[block].id

    r01 = revenue(key("01", revenue_chapter), chapter_name, T("Diverse inntekter", "Diverse inntekter")(lang))
    own_receipts = draw(st.integers(0, 3)) * draw(st.integers(0, 10**9))
    if own_receipts:
        revenue_postings[r01].append((note1_leaf(draw(st.sampled_from(("sales", "other")))), own_receipts))
    if draw(st.booleans()) or has("merinntekt") or has("shared_merinntekt"):
        r02 = revenue(key("02", revenue_chapter), chapter_name, T("Gebyrer", "Gebyr")(lang))
        revenue_postings[r02].append((note1_leaf("fees"), draw(st.integers(0, 10**9))))
    if draw(st.integers(0, 3)) == 0:  # interest on the agency's own accounts: note 4's income
        r85 = revenue(key("85", revenue_chapter), chapter_name, T("Renteinntekter", "Renteinntekter")(lang))
        revenue_postings[r85].append(("note4.interest_income", draw(st.integers(1, 10**8))))
    if draw(st.booleans()):
        r03 = revenue(key("03", revenue_chapter), chapter_name, T("Refusjoner og tilskudd", "Refusjonar og tilskot")(lang))
        revenue_postings[r03].append((note1_leaf("grants"), draw(st.integers(0, 10**9))))

    revenue_authorities: list[RevenueAuthority] = []
    decision = T(f"Prop. 1 S ({year - 1}–{year})", f"Prop. 1 S ({year - 1}–{year})")(lang)
    if has("merinntekt") or has("shared_merinntekt"):
        targets = [r for r in (key("02", revenue_chapter), key("01", revenue_chapter)) if r in revenues]
        backing = targets[:draw(st.integers(1, len(targets)))] if has("merinntekt") else targets[:1]
        for r in backing:
            budget = _thousands(draw, 100, 50_000)
            revenues[r]["allocated"] = budget
            positive = has("shared_merinntekt") or draw(st.integers(0, 3)) > 0
            delta = draw(st.integers(1, budget // 10)) * 100 * (1 if positive else -1) + draw(st.integers(0, 99))
            revenue_postings[r] = [(revenue_postings[r][0][0] if revenue_postings[r] else note1_leaf("fees"),
                                    budget * 100 + delta)]
        # never a post whose overspend nothing may explain: a merinntekt would explain it
        sharers = [k for k in own if int(k.post) <= 29 and not k.is_underpost and k.post != "24"
                   and k not in unexplained]
        if has("shared_merinntekt") and len(sharers) >= 2:
            expenses_ = tuple(sharers[:2])
            weights = (draw(st.integers(1, 9)), draw(st.integers(1, 9)))
            revenue_authorities.append(RevenueAuthority(expenses_, tuple(backing), decision, weights))
        elif key("01") not in unexplained:
            revenue_authorities.append(RevenueAuthority((key("01"),), tuple(backing), decision))

    if has("revenue_column_partial") and not any(r["allocated"] for r in revenues.values()):
        budget = _thousands(draw, 100, 50_000)  # a row with an allocation beside rows without
        revenues[r01]["allocated"] = budget
        delta = draw(st.integers(100_000, budget * 10)) * draw(st.sampled_from((1, -1)))  # a merinntekt, printed
        revenue_postings[r01] = [(note1_leaf("other"), budget * 100 + delta)]

    group_life_revenue = group_life_total
    repayments = draw(st.integers(0, 2)) * draw(st.integers(0, 10**8))
    if group_life_revenue or repayments:
        k = revenue(PostKey("5309", "29"), T("Tilfeldige inntekter", "Tilfeldige inntekter")(lang),
                    T("Tilfeldige inntekter", "Tilfeldige inntekter")(lang))
        if group_life_revenue:
            revenue_postings[k].append(("chart.group_life_1985", group_life_revenue))
        if repayments:
            revenue_postings[k].append((REPAYMENTS.id, repayments))
    levies: list[Leaf] = []
    if has("levy_lines"):
        for i in _some(draw, range(len(LEVIES)), 1, 2):
            ch, post, name, text, what = LEVIES[i]
            leaf = Leaf("note6", None, "collection", T(f"{what.nb} (statskonto {ch}{post})", f"{what.nn} (statskonto {ch}{post})"),
                        f"{ch}{post}")
            levies.append(leaf)
            k = revenue(PostKey(ch, post), name(lang), text(lang))
            revenue_postings[k].append((leaf.id, draw(st.integers(1, 10**10))))
    if aga_total:
        k = revenue(PostKey("5700", "72"), T("Folketrygdens inntekter", "Inntektene til folketrygda")(lang),
                    T("Arbeidsgiveravgift", "Arbeidsgivaravgift")(lang))
        revenue_postings[k].append(("chart.employer_tax_1986", aga_total))

    # merinntekt covering an overspend on post 01 (only where the merinntekt is there to cover it)
    if revenue_authorities and not has("shared_merinntekt") and key("01") not in overspent:
        merinntekt = sum(int(kroner(sum(o for _, o in revenue_postings[r]))) - revenues[r]["allocated"]
                         for r in revenue_authorities[0].revenues)
        p01 = plans[key("01")]
        if merinntekt > 2000 and draw(st.booleans()):
            total01 = p01["allocated"] + p01["transferred"]
            over = draw(st.integers(1000, merinntekt - 1))
            extra = over * 100 - spending[key("01")] + total01 * 100
            postings[key("01")].append(("note3.consultants", extra))
            spending[key("01")] += extra
            overspent[key("01")] = "merinntekt"

    # -- build the posts ----------------------------------------------------------------------------------
    def post_of(p: dict, booked) -> Post:
        return Post(key=p["key"], chapter_name=p["chapter_name"], post_text=p["post_text"], kind=p["kind"],
                    stikkord=p["stikkord"] if "stikkord" in p else (), allocated=p["allocated"],
                    transferred=p.get("transferred", 0), prior_appropriation=p.get("prior_appropriation"),
                    postings=tuple(booked[p["key"]]), counterpart=p.get("counterpart", ""),
                    granted=p.get("granted", 0))

    order = sorted((k for k in plans if plans[k]["kind"] == OWN or plans[k]["kind"] == NET),
                   key=lambda k: (k.chapter, k.post, k.sub))
    order += [k for k in plans if plans[k]["kind"] == RECEIVED] + [k for k in plans if plans[k]["kind"] == COMMON]
    expenses = tuple(post_of(plans[k], postings) for k in order)
    revenue_order = sorted(revenues, key=lambda k: ({"5309": 1, "5700": 2}.get(k.chapter, 0), k.chapter, k.post))
    revenue_posts = tuple(post_of({**revenues[k], "stikkord": ()}, revenue_postings) for k in revenue_order)

    # -- the leaves, in printed order -----------------------------------------------------------------------
    used = {leaf for post in (*expenses, *revenue_posts) for leaf, _ in post.postings}
    leaves: list[Leaf] = [L[n] for n in ("group_life_1985", "employer_tax_1986", "vat_1987")]
    leaves += [L[f"note2.{n}"] for n in ("salary", "employer_tax", "pension", "refunds", "other_benefits")]
    leaves += [L[f"note3.{n}"] for n in NOTE3] + ([NOTE3_EXTRA] if extras else [])
    leaves += [L[f"note4.{n}"] for n in ("interest_income", "fx_gain", "other_financial_income", "interest_expense",
                                          "fx_loss", "other_financial_expense")]
    leaves += [L[f"note5.{n}"] for n in (*NOTE5_INVESTMENTS, "capital_contributions", "shares_and_holdings")]
    leaves += [L[f"note7.{n}"] for names in SECTORS.values() for n in names]
    leaves += [leaf for leaf in NOTE1_EXTRA.values() if leaf.id in used or has("note1_details") and extras]
    leaves += ([REPAYMENTS] if REPAYMENTS.id in used else []) + levies
    balance_leaves = [L[f"chart.{n}"] for n, _ in BALANCE] + ([BALANCE_EXTRA] if extras else [])
    leaves += balance_leaves

    # -- last year, and the balance with the treasury -----------------------------------------------------------
    current = defaultdict(int)
    for post in expenses:
        for leaf, ore in post.postings:
            current[leaf] += -ore if is_income(leaf) else ore
    for post in revenue_posts:
        for leaf, ore in post.postings:
            current[leaf] += ore
    prior: dict[str, int] = {}
    for leaf in leaves:
        if leaf.block == "balance":
            continue
        now = current.get(leaf.id, 0)
        if now == 0 and leaf.table in ("note3", "note7") and draw(st.integers(0, 3)) == 0:
            prior[leaf.id] = draw(st.integers(0, 10**8))  # a line used last year only
        elif now:
            prior[leaf.id] = now * draw(st.integers(50, 150)) // 100 + draw(st.integers(-99, 99))
    prior["chart.employer_tax_1986"] = prior.get("note2.employer_tax", 0)
    if "note2.employer_tax" not in prior:
        prior.pop("chart.employer_tax_1986")
    balance: dict[str, int] = {}
    for leaf in balance_leaves:
        sign = 1 if leaf.line is None else dict(BALANCE)[leaf.line]
        for out in (balance, prior):
            if draw(st.integers(0, 4)) == 0:
                continue
            amount = draw(st.integers(0, 2 * 10**9))
            out[leaf.id] = amount * (sign or draw(st.sampled_from((1, -1))))

    # note 8 del A: booked against reported, line by line (accrued supplier debts, receivables booked)
    note8_booked = {"suppliers": -draw(st.integers(0, 5 * 10**9))}
    if draw(st.booleans()):
        note8_booked["customer_receivables"] = draw(st.integers(0, 10**9))
    if draw(st.booleans()):
        note8_booked["other_receivables"] = draw(st.integers(0, 10**9))
    if draw(st.booleans()):
        note8_booked["other_short_term_debt"] = draw(st.integers(-10**9, 10**9))

    shares: list[Share] = []
    if has("shares"):
        bought = int(kroner(current.get("note5.capital_contributions", 0)))
        prior_values = [_thousands(draw, 100, 500_000) for _ in range(draw(st.integers(1, 2)))]
        for i, value in enumerate(prior_values):
            now = value + (bought if i == 0 else 0)
            shares.append(Share(COMPANIES[i], f"0{i + 1}.0{i + 3}.20{10 + i}", draw(st.integers(100, 10**6)),
                                "100 %" if i == 0 else f"{draw(st.integers(1, 99))} %", "100 %" if i == 0 else "34 %",
                                draw(st.integers(-10**8, 10**8)), draw(st.integers(10**6, 10**10)), now, value))
        note8_booked["shares_and_holdings"] = sum(s.book_value for s in shares) * 100

    presentation = Presentation(
        note_a_total=has("note_totals") and draw(st.booleans()),
        note_b_total=has("note_totals") and draw(st.booleans()),
        omit_zero_lines=has("omit_zero_lines"),
        omit_zero_sections=has("omit_zero_sections"),
        omit_subtotals=has("omit_subtotals"),
        revenue_column="partial" if has("revenue_column_partial") else (
            "full" if has("revenue_column_full") else "blank"),
        revenue_partial_total=draw(st.booleans()),
        note_a_blank_transfers=draw(st.booleans()),
        stikkord_in_post_texts=has("stikkord_in_post_texts"),
        stikkord_quotes=draw(st.booleans()),
        stikkord_column_partial=has("stikkord_column_partial"),
        note_b_rows_without_basis=has("note_b_rows_without_basis"),
        note1_details=has("note1_details"),
        underposts_with_net=has("underposts_with_net"),
        spaced_numbers=draw(st.booleans()),
        texts=has("texts"),
    )
    digits = draw(st.integers(1000, 9999))
    accounts = {"in": f"60{digits}01", "out": f"60{digits}02", "balance": f"7{draw(st.integers(10000, 99999))}",
                "shares": f"62{draw(st.integers(1000, 9999))}"}
    underposts = {key("24"): (key("24.01"), key("24.02"))} if key("24") in plans else {}
    truth = Truth(
        name=agency_name(lang), short_name=short, year=year, language=lang, ministry=ministry(lang),
        expenses=expenses, revenues=revenue_posts, leaves=tuple(leaves), prior=prior, balance=balance,
        note8_booked=note8_booked, shares=tuple(shares), given=tuple(given),
        revenue_authorities=tuple(revenue_authorities), adjustments=tuple(adjustments),
        reading="samlet_tildeling" if has("samlet_reading") else "arets_tildelinger", transfer_asked={},
        accounts=accounts, receipts=0, underposts=underposts, presentation=presentation,
        features=frozenset(on), unexplained=frozenset(unexplained), priors_stated=has("two_year_known"),
        headline=f"{short} {year} ({lang})",
    )
    return _settle(draw, truth, has)


def _settle(draw, truth: Truth, has) -> Truth:
    """What follows from the rest: the Norges Bank receipts, a lawful reading of the 5 % base, what the
    agency asks to transfer."""
    from tests.lawful.printed import note_b_rows  # the printed Note B decides what may bind

    # the receipts through Norges Bank: at least what was received, and enough that the payments (which
    # follow: the statement sums to 0) are not positive
    received = sum(p.spent for p in truth.revenues)
    change = sum(truth.balance.values()) - sum(v for k, v in truth.prior.items() if truth.leaf(k).block == "balance")
    floor = max(received, -(truth.net_reported() + change), 0)
    truth = replace(truth, receipts=floor + draw(st.integers(0, 10**6)))
    rows = note_b_rows(truth)
    if truth.reading == "samlet_tildeling":
        # IMDi's reading is a warning only where it cannot change the transferable amount
        binds = any(r.kind == "percentage" and r.basis > r.maximum_arets for r in rows)
        if binds:
            truth = replace(truth, reading="arets_tildelinger", features=truth.features - {"samlet_reading"})
    if has("transfer_below"):
        rows = note_b_rows(truth)  # as the reading now is
        candidates = [r for r in rows if r.transferable >= 2000]
        if candidates:
            row = draw(st.sampled_from(candidates))
            asked = int(row.transferable) // 1000 * 1000
            if asked == row.transferable:
                asked -= 1000
            truth = replace(truth, transfer_asked={row.key: asked})
    return truth
