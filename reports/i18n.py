"""The one message catalogue: every label, heading and message, nb/nn/en.

The statements' own titles, headings and labels are the vocabulary's
(:mod:`ledger.vocabulary.labels`); the entries that print them refer to it.
Rules record a message id and its parameters; writers render them here.
Placeholders: ``{subject}`` and other labels are :class:`~ledger.vocabulary.labels.Text`;
``{expected}``, ``{actual}``, ``{difference}``, ``{tolerance}`` are the
finding's own figures, formatted for the language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ledger.core.money import format_amount
from ledger.vocabulary.labels import (
    AGENCY_FIELDS,
    COLUMNS,
    SHORT_TITLES,
    THE_CONTEXT,
    TITLES,
    WORKBOOK_LABELS,
    Text,
)
from rules.findings import Finding, MessageId

T = Text

MESSAGES: dict[str, Text] = {
    "sum.breach": T(
        "{subject}: oppgitt {actual}, men de {n} tallene det er summen av gir {expected} "
        "(differanse {difference}, toleranse ±{tolerance}).",
        "{subject}: oppgitt {actual}, men dei {n} tala det er summen av gir {expected} "
        "(differanse {difference}, toleranse ±{tolerance}).",
        "{subject}: reported {actual}, but the {n} figures it sums give {expected} "
        "(difference {difference}, tolerance ±{tolerance}).",
    ),
    "sum.rounding": T(
        "{subject}: avrundingsdifferanse på {difference} mellom oppgitt {actual} og {expected} beregnet fra "
        "{n} tall; innenfor toleransen ±{tolerance} for {terms} avrundede tall.",
        "{subject}: avrundingsdifferanse på {difference} mellom oppgitt {actual} og {expected} rekna ut frå "
        "{n} tal; innanfor toleransen ±{tolerance} for {terms} avrunda tal.",
        "{subject}: rounding difference of {difference} between the reported {actual} and {expected} computed "
        "from {n} figures; within the tolerance ±{tolerance} for {terms} rounded figures.",
    ),
    "copy.breach": T(
        "{subject}: {actual} her, men {expected} i {other}; samme tall skal være identisk begge steder "
        "(differanse {difference}).",
        "{subject}: {actual} her, men {expected} i {other}; same tal skal vere identisk begge stader "
        "(differanse {difference}).",
        "{subject}: {actual} here, but {expected} in {other}; the same figure must be identical in both places "
        "(difference {difference}).",
    ),
    "zero.breach": T(
        "{subject} skal være 0, men er {actual}.",
        "{subject} skal vere 0, men er {actual}.",
        "{subject} must be 0 but is {actual}.",
    ),
    "transferable.breach": T(
        "{subject}: oppgitt {actual}, men grunnlaget for overføring, begrenset til maksimum og aldri under null, "
        "gir {expected} (differanse {difference}).",
        "{subject}: oppgitt {actual}, men grunnlaget for overføring, avgrensa til maksimum og aldri under null, "
        "gir {expected} (differanse {difference}).",
        "{subject}: reported {actual}, but the basis for transfer, capped at the maximum and never below zero, "
        "gives {expected} (difference {difference}).",
    ),
    "holding.missing": T(
        "Kapitalkonto {account} (endring i mellomværende) har ingen beholdning per 31.12. i oppstillingen.",
        "Kapitalkonto {account} (endring i mellomværet) har inga behaldning per 31.12. i oppstillinga.",
        "Capital account {account} (change in the treasury balance) has no holding at 31.12. in the statement.",
    ),
    "capital_line.missing": T(
        "Beholdningen på konto {account} har ingen linje for endring i mellomværende under kapitalkontoene.",
        "Behaldninga på konto {account} har inga linje for endring i mellomværet under kapitalkontoane.",
        "The holding on account {account} has no change-in-balance line among the capital accounts.",
    ),
    "holding.count": T(
        "Oppstillingen skal vise nøyaktig én beholdning for mellomværende med statskassen (konto 7xxxxx); "
        "den viser {count}.",
        "Oppstillinga skal vise nøyaktig éi behaldning for mellomværet med statskassa (konto 7xxxxx); "
        "ho viser {count}.",
        "The statement must show exactly one holding for the balance with the treasury (a 7xxxxx account); "
        "it shows {count}.",
    ),
    "chapter.expense_range": T(
        "{post} står blant utgiftene, men kapitlet er ikke et utgiftskapittel ({chapters}).",
        "{post} står blant utgiftene, men kapitlet er ikkje eit utgiftskapittel ({chapters}).",
        "{post} is listed among the expenses but its chapter is not an expense chapter ({chapters}).",
    ),
    "chapter.revenue_range": T(
        "{post} står blant inntektene, men kapitlet er ikke et inntektskapittel ({chapters}).",
        "{post} står blant inntektene, men kapitlet er ikkje eit inntektskapittel ({chapters}).",
        "{post} is listed among the revenue but its chapter is not a revenue chapter ({chapters}).",
    ),
    "note_a.missing_row": T(
        "{post} har samlet tildeling {actual}, men ingen rad i note A.",
        "{post} har samla tildeling {actual}, men inga rad i note A.",
        "{post} has a total allocation of {actual} but no row in Note A.",
    ),
    "note_a.unknown_row": T(
        "Note A har en rad for {post}, som ikke er en utgiftsrad i bevilgningsrapporteringen.",
        "Note A har ei rad for {post}, som ikkje er ei utgiftsrad i løyvingsrapporteringa.",
        "Note A has a row for {post}, which is not an expense row of the appropriation statement.",
    ),
    "note_b.unknown_row": T(
        "Note B har en rad for {post}, som ikke er en utgiftsrad i bevilgningsrapporteringen.",
        "Note B har ei rad for {post}, som ikkje er ei utgiftsrad i løyvingsrapporteringa.",
        "Note B has a row for {post}, which is not an expense row of the appropriation statement.",
    ),
    "sign.positive": T(
        "{subject}: {actual} er positivt, men kolonnen/linjen er merket (-) og skal være null eller negativ.",
        "{subject}: {actual} er positivt, men kolonnen/linja er merkt (-) og skal vere null eller negativ.",
        "{subject}: {actual} is positive, but the column/line is marked (-) and must be zero or negative.",
    ),
    "note8.del_b_missing": T(
        "Note 8 del B (aksjer og andeler) mangler, men virksomheten har {reason}.",
        "Note 8 del B (aksjar og andelar) manglar, men verksemda har {reason}.",
        "Note 8 part B (shares and holdings) is missing, but the agency has {reason}.",
    ),
    "common_chapter.missing_row": T(
        "{subject} er {expected}, men bevilgningsrapporteringen har ingen rad for {post}.",
        "{subject} er {expected}, men løyvingsrapporteringa har inga rad for {post}.",
        "{subject} is {expected}, but the appropriation statement has no row for {post}.",
    ),
    # --- transfers, overspending, prior year (T, OS, PY) ---------------------
    "t.maximum.other_reading": T(
        "{subject}: {actual} er {rate} av «{other_reading}» ({base_other}); avstem legger «{reading}» til grunn "
        "({base}), som gir {expected}. Mulig overførbart beløp {effect}.",
        "{subject}: {actual} er {rate} av «{other_reading}» ({base_other}); avstem legg «{reading}» til grunn "
        "({base}), som gir {expected}. Mogleg beløp som kan overførast, {effect}.",
        "{subject}: {actual} is {rate} of «{other_reading}» ({base_other}); avstem holds to «{reading}» "
        "({base}), which gives {expected}. The transferable amount {effect}.",
    ),
    "t.effect.unchanged": T(
        "er uendret ({transferable})", "er uendra ({transferable})", "is unchanged ({transferable})",
    ),
    "t.effect.changes": T(
        "endres fra {transferable} til {transferable_new}", "blir endra frå {transferable} til {transferable_new}",
        "changes from {transferable} to {transferable_new}",
    ),
    "t.maximum.breach": T(
        "{subject}: {actual}, men {rate} av «{reading}» ({base}) er {expected} (og av «{other_reading}» "
        "({base_other}): {expected_other}).",
        "{subject}: {actual}, men {rate} av «{reading}» ({base}) er {expected} (og av «{other_reading}» "
        "({base_other}): {expected_other}).",
        "{subject}: {actual}, but {rate} of «{reading}» ({base}) is {expected} (and of «{other_reading}» "
        "({base_other}): {expected_other}).",
    ),
    "t.maximum.two_year_unknown": T(
        "{subject}: taket på to års bevilgninger kan ikke kontrolleres, fordi fjorårets bevilgning på {post} ikke "
        "er oppgitt. Oppgitt maksimum {actual} forutsetter en fjorårsbevilgning på {implied}. {bind}",
        "{subject}: taket på to års løyvingar kan ikkje kontrollerast, fordi fjorårsløyvinga på {post} ikkje er "
        "oppgitt. Oppgitt maksimum {actual} føreset ei fjorårsløyving på {implied}. {bind}",
        "{subject}: the cap of two years' appropriations cannot be verified: last year's appropriation for {post} "
        "is not given. The printed maximum {actual} implies a last-year appropriation of {implied}. {bind}",
    ),
    "t.bind.cannot": T(
        "Mulig overførbart beløp {transferable} er innenfor årets tildeling {this_year} alene, så taket kan ikke "
        "begrense det.",
        "Mogleg beløp som kan overførast, {transferable}, er innanfor årets tildeling {this_year} åleine, så taket "
        "kan ikkje avgrense det.",
        "The transferable amount {transferable} is within this year's allocation {this_year} alone, so the cap "
        "cannot bind.",
    ),
    "t.bind.may": T(
        "Grunnlaget for overføring er større enn årets tildeling {this_year}, så taket kan begrense beløpet: "
        "oppgi fjorårets bevilgning i konteksten.",
        "Grunnlaget for overføring er større enn årets tildeling {this_year}, så taket kan avgrense beløpet: "
        "oppgi fjorårsløyvinga i konteksten.",
        "The basis for transfer exceeds this year's allocation {this_year}, so the cap may bind: give last year's "
        "appropriation in the context.",
    ),
    "t.maximum.two_year_below": T(
        "{subject}: {actual} er mindre enn årets tildeling {this_year} alene; taket er summen av to års "
        "bevilgninger.",
        "{subject}: {actual} er mindre enn årets tildeling {this_year} åleine; taket er summen av to års "
        "løyvingar.",
        "{subject}: {actual} is less than this year's allocation {this_year} alone; the cap is the sum of two "
        "years' appropriations.",
    ),
    "t.maximum.two_year_breach": T(
        "{subject}: {actual}, men årets tildeling {this_year} og fjorårets bevilgning {prior} gir {expected}.",
        "{subject}: {actual}, men årets tildeling {this_year} og fjorårsløyvinga {prior} gir {expected}.",
        "{subject}: {actual}, but this year's allocation {this_year} and last year's appropriation {prior} "
        "give {expected}.",
    ),
    "t.no_transfer": T(
        "Note B har en rad for {post}, som ikke kan overføre noe: posten er ikke en driftspost (01–29 utenom 24) "
        "og har ikke stikkordet «kan overføres», så maksimum er 0.",
        "Note B har ei rad for {post}, som ikkje kan overføre noko: posten er ikkje ein driftspost (01–29 utanom "
        "24) og har ikkje stikkordet «kan overførast», så maksimum er 0.",
        "Note B has a row for {post}, which can transfer nothing: it is not an operating post (01–29 except 24) "
        "and has no «kan overføres», so its maximum is 0.",
    ),
    "t.transferable.above": T(
        "{subject}: Note B oppgir {actual}, mer enn de {expected} R-2 gir (grunnlag {basis}, maksimum {maximum}).",
        "{subject}: Note B oppgir {actual}, meir enn dei {expected} R-2 gir (grunnlag {basis}, maksimum "
        "{maximum}).",
        "{subject}: Note B claims {actual}, more than the {expected} that R-2 allows (basis {basis}, maximum "
        "{maximum}).",
    ),
    "t.transferable.below": T(
        "{subject}: Note B oppgir {actual}, mindre enn de {expected} R-2 gir (grunnlag {basis}, maksimum "
        "{maximum}).",
        "{subject}: Note B oppgir {actual}, mindre enn dei {expected} R-2 gir (grunnlag {basis}, maksimum "
        "{maximum}).",
        "{subject}: Note B claims {actual}, less than the {expected} that R-2 allows (basis {basis}, maximum "
        "{maximum}).",
    ),
    "t.missing_row": T(
        "{post} har et grunnlag for overføring på {basis} og kan overføre inntil {up_to}, men har ingen rad i "
        "note B.",
        "{post} har eit grunnlag for overføring på {basis} og kan overføre inntil {up_to}, men har inga rad i "
        "note B.",
        "{post} has a basis for transfer of {basis} and can transfer up to {up_to}, but has no row in Note B.",
    ),
    "t.stikkord.column": T(
        "Note B viser stikkordet «{printed}» for {post}, men bevilgningen har «{given}».",
        "Note B viser stikkordet «{printed}» for {post}, men løyvinga har «{given}».",
        "Note B shows the stikkord «{printed}» for {post}, but the appropriation has «{given}».",
    ),
    "t.stikkord.unknown": T(
        "Note B viser et stikkord for {post} som avstem ikke kjenner: {text!r} ({reason}).",
        "Note B viser eit stikkord for {post} som avstem ikkje kjenner: {text!r} ({reason}).",
        "Note B shows a stikkord for {post} that avstem does not know: {text!r} ({reason}).",
    ),
    "t.stikkord.text": T(
        "Teksten i note B nevner {text_posts} med stikkordet «kan overføres»; konteksten gir det til "
        "{context_posts}.",
        "Teksten i note B nemner {text_posts} med stikkordet «kan overførast»; konteksten gir det til "
        "{context_posts}.",
        "Note B's text names {text_posts} as posts with «kan overføres»; the context gives it to {context_posts}.",
    ),
    "os.explained": T(
        "{post}: merutgift på {amount}, forklart av {explanations}.",
        "{post}: meirutgift på {amount}, forklart av {explanations}.",
        "{post}: overspend of {amount}, explained by {explanations}.",
    ),
    "os.unexplained": T(
        "{post}: merutgift på {amount} som ingenting i regnskapet forklarer (samlet merutgift {total}; "
        "forklart: {partial}).",
        "{post}: meirutgift på {amount} som ingenting i rekneskapen forklarer (samla meirutgift {total}; "
        "forklart: {partial}).",
        "{post}: overspend of {amount} that nothing in the accounts explains (total overspend {total}; "
        "explained: {partial}).",
    ),
    "py.missing_line": T(
        "{subject}: {actual} som fjorårets tall, men {file} har ingen slik linje.",
        "{subject}: {actual} som fjorårstal, men {file} har inga slik linje.",
        "{subject}: {actual} as last year's figure, but {file} has no such line.",
    ),
    "py.transfer.unknown": T(
        "{subject}: {actual} kan ikke kontrolleres mot fjorårets note B, som ikke står i {file}.",
        "{subject}: {actual} kan ikkje kontrollerast mot fjorårets note B, som ikkje står i {file}.",
        "{subject}: {actual} cannot be checked against last year's Note B, which {file} does not hold.",
    ),
    "py.transfer.higher": T(
        "{subject}: {actual} er mer enn fjorårets mulige overførbare beløp {expected} i note B.",
        "{subject}: {actual} er meir enn fjorårets moglege overførbare beløp {expected} i note B.",
        "{subject}: {actual} is more than last year's transferable amount {expected} in Note B.",
    ),
    "py.transfer.lower": T(
        "{subject}: {actual} er mindre enn fjorårets mulige overførbare beløp {expected} i note B "
        "(lavere overføring vedtatt av departementet, eller avrundet til hele tusen?).",
        "{subject}: {actual} er mindre enn fjorårets moglege overførbare beløp {expected} i note B "
        "(lågare overføring vedteken av departementet, eller avrunda til heile tusen?).",
        "{subject}: {actual} is less than last year's transferable amount {expected} in Note B "
        "(a lower transfer decided by the ministry, or rounded to whole thousands?).",
    ),
    "py.transfer.rounded": T(
        "{subject}: {actual} er fjorårets mulige overførbare beløp {expected} avrundet ned til hele {unit} kroner.",
        "{subject}: {actual} er fjorårets moglege overførbare beløp {expected} avrunda ned til heile {unit} kroner.",
        "{subject}: {actual} is last year's transferable amount {expected} rounded down to whole {unit} kroner.",
    ),
    "py.agency": T(
        "Fjorårets tall i {file} gjelder {prior_agency}, men regnskapet gjelder {agency}.",
        "Fjorårstala i {file} gjeld {prior_agency}, men rekneskapen gjeld {agency}.",
        "Last year's figures in {file} are for {prior_agency}, but the accounts are for {agency}.",
    ),
    "os.context_unknown_post": T(
        "Konteksten oppgir {what} for {post}, som ikke har noen rad i bevilgningsrapporteringen.",
        "Konteksten oppgir {what} for {post}, som ikkje har noka rad i løyvingsrapporteringa.",
        "The context gives {what} for {post}, which has no row in the appropriation statement.",
    ),
    # --- ledger data quality and reconciliation (DQ, LG) ----------------------
    "dq.column_missing": T(
        "Hovedboken har ingen kolonne for {field}; kolonner lest: {headings}. Angi den under [ledger.columns] "
        "i avstem.toml.",
        "Hovudboka har ingen kolonne for {field}; kolonnar lesne: {headings}. Set han under [ledger.columns] "
        "i avstem.toml.",
        "The ledger has no column for {field}; headings read: {headings}. Name it under [ledger.columns] "
        "in avstem.toml.",
    ),
    "dq.lines": T(
        "{column}: {count} linjer feiler (linje {rows}): {samples}.",
        "{column}: {count} linjer feilar (linje {rows}): {samples}.",
        "{column}: {count} lines fail (line {rows}): {samples}.",
    ),
    "dq.account_format": T(
        "{column}: {count} linjer har et kontonummer som ikke er fire (til seks) sifre, linje {rows}: {samples}.",
        "{column}: {count} linjer har eit kontonummer som ikkje er fire (til seks) siffer, linje {rows}: {samples}.",
        "{column}: {count} lines have an account that is not four (to six) digits, line {rows}: {samples}.",
    ),
    "dq.key_format": T(
        "{column}: {count} linjer har feil format (kapittel fire sifre, post to sifre, med ledende null), "
        "linje {rows}: {samples}.",
        "{column}: {count} linjer har feil format (kapittel fire siffer, post to siffer, med leiande null), "
        "linje {rows}: {samples}.",
        "{column}: {count} lines have the wrong format (chapter four digits, post two, leading zeros kept), "
        "line {rows}: {samples}.",
    ),
    "dq.amount": T(
        "{column}: {count} linjer har et beløp som ikke kan leses, linje {rows}: {samples} ({why}).",
        "{column}: {count} linjer har eit beløp som ikkje kan lesast, linje {rows}: {samples} ({why}).",
        "{column}: {count} lines have an amount that cannot be read, line {rows}: {samples} ({why}).",
    ),
    "dq.in_year": T(
        "{column}: {count} linjer ligger utenfor regnskapsåret {year}, linje {rows}: {samples}.",
        "{column}: {count} linjer ligg utanfor rekneskapsåret {year}, linje {rows}: {samples}.",
        "{column}: {count} lines fall outside the fiscal year {year}, line {rows}: {samples}.",
    ),
    "dq.empty_key": T(
        "{column}: {count} linjer mangler verdi, linje {rows}.",
        "{column}: {count} linjer manglar verdi, linje {rows}.",
        "{column}: {count} lines have no value, line {rows}.",
    ),
    "dq.duplicates": T(
        "{count} linjer er like i alle kolonner (linje {rows}).",
        "{count} linjer er like i alle kolonnar (linje {rows}).",
        "{count} lines are identical in every column (line {rows}).",
    ),
    "dq.error": T(
        "Kvalitetskontrollen av {column} kunne ikke kjøres: {error}",
        "Kvalitetskontrollen av {column} kunne ikkje køyrast: {error}",
        "The quality check of {column} could not run: {error}",
    ),
    "lg.breach": T(
        "{subject}: publisert {actual}, men hovedboken gir {expected} (differanse {difference}, "
        "toleranse ±{tolerance}).",
        "{subject}: publisert {actual}, men hovudboka gir {expected} (differanse {difference}, "
        "toleranse ±{tolerance}).",
        "{subject}: published {actual}, but the ledger gives {expected} (difference {difference}, "
        "tolerance ±{tolerance}).",
    ),
    "lg.post_missing": T(
        "Hovedboken har {expected} på {post}, som bevilgningsrapporteringen ikke viser.",
        "Hovudboka har {expected} på {post}, som løyvingsrapporteringa ikkje viser.",
        "The ledger has {expected} on {post}, which the appropriation statement does not show.",
    ),
    "lg.opening_unknown": T(
        "Hovedboken har ingen periode 00 (inngående balanse): mellomværende per 1.1. og endringen er ikke avstemt.",
        "Hovudboka har ingen periode 00 (inngåande balanse): mellomværet per 1.1. og endringa er ikkje avstemde.",
        "The ledger has no period 00 (opening balances): the balance at 1.1. and the change were not reconciled.",
    ),
    "lg.unplaced.no_account": T(
        "{count} linjer uten konto ({actual}) kan ikke plasseres i oppstillingene: linje {rows}.",
        "{count} linjer utan konto ({actual}) kan ikkje plasserast i oppstillingane: linje {rows}.",
        "{count} lines without an account ({actual}) cannot be placed in the statements: line {rows}.",
    ),
    "lg.unplaced.unmapped_account": T(
        "{count} linjer ({actual}) har konto som kontoplan-koblingen ikke plasserer ({accounts}; {kontoplan}): "
        "linje {rows}.",
        "{count} linjer ({actual}) har konto som kontoplan-koplinga ikkje plasserer ({accounts}; {kontoplan}): "
        "linje {rows}.",
        "{count} lines ({actual}) are on accounts the kontoplan mapping places nowhere ({accounts}; {kontoplan}): "
        "line {rows}.",
    ),
    "lg.unplaced.no_kapittel_post": T(
        "{count} linjer ({actual}) på rapporterte kontoer ({accounts}) mangler kapittel/post og er ikke med i "
        "bevilgningsrapporteringen: linje {rows}.",
        "{count} linjer ({actual}) på rapporterte kontoar ({accounts}) manglar kapittel/post og er ikkje med i "
        "løyvingsrapporteringa: linje {rows}.",
        "{count} lines ({actual}) on reported accounts ({accounts}) have no chapter/post and are missing from the "
        "appropriation statement: line {rows}.",
    ),
    # --- journal-entry tests (JE) -------------------------------------------------
    "je.unbalanced": T(
        "{count} bilag balanserer ikke (debet ≠ kredit), {lines} linjer: linje {rows}; bilag (differanse): {samples}.",
        "{count} bilag balanserer ikkje (debet ≠ kredit), {lines} linjer: linje {rows}; bilag (differanse): {samples}.",
        "{count} vouchers do not balance (debit ≠ credit), {lines} lines: line {rows}; voucher (difference): "
        "{samples}.",
    ),
    "je.exact_duplicates": T(
        "{count} linjer gjentar en annen linje i et annet bilag (samme konto, beløp, dato og tekst; beløp fra "
        "{floor} kr): linje {rows}; {samples}.",
        "{count} linjer gjentek ei anna linje i eit anna bilag (same konto, beløp, dato og tekst; beløp frå "
        "{floor} kr): linje {rows}; {samples}.",
        "{count} lines repeat another line in another voucher (same account, amount, date and text; amounts from "
        "{floor} kr): line {rows}; {samples}.",
    ),
    "je.near_duplicates": T(
        "{count} linjer har samme konto og beløp som en linje i et annet bilag innen {days} dager (beløp fra "
        "{floor} kr): linje {rows}; {samples}.",
        "{count} linjer har same konto og beløp som ei linje i eit anna bilag innan {days} dagar (beløp frå "
        "{floor} kr): linje {rows}; {samples}.",
        "{count} lines have the account and amount of a line in another voucher within {days} days (amounts from "
        "{floor} kr): line {rows}; {samples}.",
    ),
    "je.gaps": T(
        "{count} hull i bilagsnummerseriene, {lines} bilagsnummer mangler: første bilag etter hullet på linje "
        "{rows}; mangler {samples}.",
        "{count} hol i bilagsnummerseriane, {lines} bilagsnummer manglar: første bilag etter holet på linje "
        "{rows}; manglar {samples}.",
        "{count} gaps in the voucher number series, {lines} numbers missing: the first voucher after the gap on "
        "line {rows}; missing {samples}.",
    ),
    "je.repeats": T(
        "{count} linjer har et bilagsnummer som også er brukt på en annen dato: linje {rows}; bilag {samples}.",
        "{count} linjer har eit bilagsnummer som òg er brukt på ein annan dato: linje {rows}; bilag {samples}.",
        "{count} lines carry a voucher number also used on another date: line {rows}; vouchers {samples}.",
    ),
    "je.non_working_days": T(
        "{count} linjer er datert eller registrert på en lørdag, søndag eller helligdag: linje {rows}; {samples}.",
        "{count} linjer er daterte eller registrerte på ein laurdag, sundag eller heilagdag: linje {rows}; "
        "{samples}.",
        "{count} lines are dated or entered on a Saturday, Sunday or public holiday: line {rows}; {samples}.",
    ),
    "je.post_closing": T(
        "{count} linjer datert i {year} er registrert etter årsslutt: linje {rows}; registrert {samples}.",
        "{count} linjer daterte i {year} er registrerte etter årsslutt: linje {rows}; registrert {samples}.",
        "{count} lines dated in {year} were entered after the year end: line {rows}; entered {samples}.",
    ),
    "je.period_end": T(
        "{count} linjer er datert eller registrert de siste {days} dagene av {year} (til gjennomgang): linje "
        "{rows}.",
        "{count} linjer er daterte eller registrerte dei siste {days} dagane av {year} (til gjennomgang): linje "
        "{rows}.",
        "{count} lines are dated or entered in the last {days} days of {year} (for review): line {rows}.",
    ),
    "je.backdated": T(
        "{count} linjer har bilagsdato mer enn {days} dager før registreringen: linje {rows}; {samples}.",
        "{count} linjer har bilagsdato meir enn {days} dagar før registreringa: linje {rows}; {samples}.",
        "{count} lines are dated more than {days} days before they were entered: line {rows}; {samples}.",
    ),
    "je.round_amounts": T(
        "{count} linjer har runde beløp (hele {unit} kr): linje {rows}; {samples}.",
        "{count} linjer har runde beløp (heile {unit} kr): linje {rows}; {samples}.",
        "{count} lines have round amounts (whole {unit} kr): line {rows}; {samples}.",
    ),
    "je.self_approval": T(
        "{count} linjer er godkjent av den samme som registrerte dem: linje {rows}; {samples}.",
        "{count} linjer er godkjende av den same som registrerte dei: linje {rows}; {samples}.",
        "{count} lines were approved by the person who entered them: line {rows}; {samples}.",
    ),
    "je.rare_accounts": T(
        "{count} kontoer har {limit} linjer eller færre i året, {lines} linjer: linje {rows}; konto {samples}.",
        "{count} kontoar har {limit} linjer eller færre i året, {lines} linjer: linje {rows}; konto {samples}.",
        "{count} accounts have {limit} lines or fewer in the year, {lines} lines: line {rows}; account {samples}.",
    ),
    "je.seldom_users": T(
        "{count} brukere har registrert {limit} linjer eller færre i året, {lines} linjer: linje {rows}; bruker "
        "{samples}.",
        "{count} brukarar har registrert {limit} linjer eller færre i året, {lines} linjer: linje {rows}; brukar "
        "{samples}.",
        "{count} users entered {limit} lines or fewer in the year, {lines} lines: line {rows}; user {samples}.",
    ),
    "je.benford": T(
        "{test} i {n} beløp: {conformity} med Benfords lov (MAD {mad}); sifre over forventet med Z over "
        "{z_limit}: {spikes}; {lines} linjer: linje {rows}.",
        "{test} i {n} beløp: {conformity} med Benfords lov (MAD {mad}); siffer over venta med Z over "
        "{z_limit}: {spikes}; {lines} linjer: linje {rows}.",
        "{test} of {n} amounts: {conformity} with Benford's law (MAD {mad}); digits above expectation with Z over "
        "{z_limit}: {spikes}; {lines} lines: line {rows}.",
    ),
    "je.benford_conformity": T(
        "{test} i {n} beløp: {conformity} med Benfords lov (MAD {mad}; minst {minimum} beløp), ingen sifre skiller "
        "seg ut.",
        "{test} i {n} beløp: {conformity} med Benfords lov (MAD {mad}; minst {minimum} beløp), ingen siffer skil "
        "seg ut.",
        "{test} of {n} amounts: {conformity} with Benford's law (MAD {mad}; at least {minimum} amounts), no digit "
        "stands out.",
    ),
    # --- workbook reader ---------------------------------------------------------
    # --- accepted deviations -----------------------------------------------------
    "dv.stale": T(
        "Det godkjente avviket for {rule_id} {deviation_key} treffer ikke noe funn i år ({reason}); fjern det eller "
        "oppdater nøkkelen.",
        "Det godkjende avviket for {rule_id} {deviation_key} treffer ikkje noko funn i år ({reason}); fjern det "
        "eller oppdater nøkkelen.",
        "The accepted deviation for {rule_id} {deviation_key} matches no finding this year ({reason}); remove it "
        "or update its key.",
    ),
}

LABELS: dict[str, Text] = {
    "error": T("FEIL", "FEIL", "ERROR"),
    "warning": T("ADVARSEL", "ÅTVARING", "WARNING"),
    "info": T("INFO", "INFO", "INFO"),
    "expected": T("forventet", "venta", "expected"),
    "actual": T("oppgitt", "oppgitt", "actual"),
    "difference": T("differanse", "differanse", "difference"),
    "tolerance": T("toleranse", "toleranse", "tolerance"),
    "location": T("sted", "stad", "location"),
    "rule": T("regel", "regel", "rule"),
    "key": T("nøkkel", "nøkkel", "key"),
    "kind.breach": T("avvik", "avvik", "breach"),
    "kind.rounding": T("avrunding", "avrunding", "rounding"),
    "kind.explained": T("forklart", "forklart", "explained"),
    "kind.note": T("merknad", "merknad", "note"),
    # a finding's tolerance: the mode's name (tolerance.*), for an interval with its number of figures
    "tolerance.interval_terms": T("intervall, {terms} tall", "intervall, {terms} tal", "interval, {terms} figures"),
    "verdict.pass": T("godkjent", "godkjent", "pass"),
    "verdict.fail": T("ikke godkjent", "ikkje godkjent", "fail"),
    "summary": T(
        "{rules} regler kjørt: {error} feil, {warning} advarsler, {info} info.",
        "{rules} reglar køyrde: {error} feil, {warning} åtvaringar, {info} info.",
        "{rules} rules run: {error} errors, {warning} warnings, {info} info.",
    ),
    "verdict_line": T(
        "Resultat: {verdict} (feiler på: {fail_on}).",
        "Resultat: {verdict} (feilar på: {fail_on}).",
        "Verdict: {verdict} (fail on: {fail_on}).",
    ),
    "header": T(
        "{agency} – årsregnskap {year}",
        "{agency} – årsrekneskap {year}",
        "{agency} – annual accounts {year}",
    ),
    "no_findings": T("Ingen funn.", "Ingen funn.", "No findings."),
    "needs.accounts": T("regnskapet", "rekneskapen", "the accounts"),
    "needs.context": THE_CONTEXT,
    "needs.prior": T("--prior", "--prior", "--prior"),
    "needs.ledger": T("--ledger", "--ledger", "--ledger"),
    "needs.deviations": T("godkjente avvik i avstem.toml", "godkjende avvik i avstem.toml",
                          "accepted deviations in avstem.toml"),
    "skipped": T(
        "Ikke kjørt (mangler inndata): {rules}.",
        "Ikkje køyrde (manglar inndata): {rules}.",
        "Not run (input not given): {rules}.",
    ),
    # --- Excel audit report and JUnit --------------------------------------------
    # sheet names (at most 31 characters, no []:*?/\)
    "sheet.summary": T("Sammendrag", "Samandrag", "Summary"),
    "sheet.findings": T("Funn", "Funn", "Findings"),
    "sheet.appropriation": SHORT_TITLES["appropriation"],
    "sheet.note_a": SHORT_TITLES["note_a"],
    "sheet.note_b": SHORT_TITLES["note_b"],
    "sheet.chart_of_accounts": T("Artskontorapportering", "Artskontorapportering", "Chart of accounts"),
    "sheet.note": T("Note {n}", "Note {n}", "Note {n}"),
    "sheet.recalc": T("Kontrollberegning", "Kontrollutrekning", "Recalculation"),
    "sheet.chart": T("Diagram", "Diagram", "Chart"),
    "sheet.rules": T("Regler", "Reglar", "Rules"),
    "sheet.lead": T("Hovedbok mot regnskap", "Hovudbok mot rekneskap", "Lead schedule"),
    "sheet.journal": T("Bilagstester", "Bilagstestar", "Journal entries"),
    "sheet.drill": T("Hovedbokslinjer", "Hovudbokslinjer", "Ledger lines"),
    "drill.title": T("Linjene bak summene i hovedboken", "Linjene bak summane i hovudboka",
                     "The ledger lines behind the sums"),
    "drill.note": T("Per kapittel/post og per linje i artskontorapporteringen: de første {limit} linjene i "
                    "hovedboken, slik de står i filen. Oversikten «Hovedbok mot regnskap» og funnene fra LG-reglene "
                    "lenker hit.",
                    "Per kapittel/post og per linje i artskontorapporteringa: dei første {limit} linjene i "
                    "hovudboka, slik dei står i fila. Oversikta «Hovudbok mot rekneskap» og funna frå LG-reglane "
                    "lenkjer hit.",
                    "Per chapter/post and per line of the chart-of-accounts statement: the first {limit} lines of "
                    "the ledger, as written in the file. The lead schedule and the findings of the LG rules link "
                    "here."),
    "drill.line": T("Linje", "Linje", "Line"),
    "lead.title": T("Hovedbok mot regnskap (lead schedule) {year}", "Hovudbok mot rekneskap (lead schedule) {year}",
                    "Lead schedule: ledger against the published accounts {year}"),
    "lead.note": T("Hovedbokens sum per kapittel/post og per linje i artskontorapporteringen (øre), mot tallet som "
                   "er publisert (formel til regnskapsarket). Et trykt tall er hovedbokens sum avrundet når "
                   "differansen er under 0,50.",
                   "Summen i hovudboka per kapittel/post og per linje i artskontorapporteringa (øre), mot talet som "
                   "er publisert (formel til rekneskapsarket). Eit trykt tal er summen i hovudboka avrunda når "
                   "differansen er under 0,50.",
                   "The ledger's sum per chapter/post and per line of the chart-of-accounts statement (øre), against "
                   "the published figure (a formula to the accounts sheet). A printed figure is the ledger's sum "
                   "rounded when the difference is under 0.50."),
    "lead.appropriation": T("Bevilgningsrapportering per kapittel/post", "Løyvingsrapportering per kapittel/post",
                            "Appropriation statement by chapter/post"),
    "lead.chart": T("Artskontorapportering per linje", "Artskontorapportering per linje",
                    "Chart-of-accounts statement by line"),
    "lead.line": T("Linje", "Linje", "Line"),
    "lead.published": T("Publisert", "Publisert", "Published"),
    "lead.ledger": T("Hovedbok", "Hovudbok", "Ledger"),
    "lead.difference": T("Differanse", "Differanse", "Difference"),
    "lead.first_line": T("Første linje i hovedboken", "Første linje i hovudboka", "First ledger line"),
    "lead.not_published": T("(ikke i oppstillingen)", "(ikkje i oppstillinga)", "(not in the statement)"),
    "journal.title": T("Bilagstester (ISA 240) {year}", "Bilagstestar (ISA 240) {year}",
                       "Journal-entry tests (ISA 240) {year}"),
    "journal.note": T("Hver test peker på linjer i hovedboken som fortjener revisors oppmerksomhet; den beviser ikke "
                      "et brudd. Linjenummer som i filen (overskriften er linje 1).",
                      "Kvar test peikar på linjer i hovudboka som fortener merksemda til revisor; han provar ikkje "
                      "eit brot. Linjenummer som i fila (overskrifta er linje 1).",
                      "Each test points at ledger lines that deserve an auditor's attention; it proves no breach. "
                      "Line numbers as in the file (the heading is line 1)."),
    "journal.test": T("Test", "Test", "Test"),
    "journal.rule": T("Regel", "Regel", "Rule"),
    "journal.count": T("Antall", "Tal", "Count"),
    "journal.unit": T("av", "av", "of"),
    "journal.lines": T("Linjer", "Linjer", "Lines"),
    "journal.first_lines": T("Første linjer", "Første linjer", "First lines"),
    "journal.not_run": T("ikke kjørt: kolonnen mangler", "ikkje køyrt: kolonnen manglar",
                         "not run: the column is missing"),
    "journal.benford": T("Benfords lov: {test} ({n} beløp fra 10 kr, MAD {mad}: {conformity})",
                         "Benfords lov: {test} ({n} beløp frå 10 kr, MAD {mad}: {conformity})",
                         "Benford's law: {test} ({n} amounts from 10 kr, MAD {mad}: {conformity})"),
    "journal.digit": T("Siffer", "Siffer", "Digit"),
    "journal.observed": T("Observert andel", "Observert del", "Observed share"),
    "journal.expected": T("Forventet andel", "Venta del", "Expected share"),
    "journal.amounts": T("Beløp", "Beløp", "Amounts"),
    "journal.z": T("Z", "Z", "Z"),
    "journal.spike": T("Topp", "Topp", "Spike"),
    "je.test.unbalanced": T("Bilag som ikke balanserer", "Bilag som ikkje balanserer", "Vouchers that do not balance"),
    "je.test.exact_duplicates": T("Doble posteringer", "Doble posteringar", "Exact duplicates"),
    "je.test.near_duplicates": T("Nesten doble posteringer", "Nesten doble posteringar", "Near duplicates"),
    "je.test.gaps": T("Hull i bilagsnummerserier", "Hol i bilagsnummerseriar", "Gaps in voucher numbers"),
    "je.test.repeats": T("Bilagsnummer brukt på flere datoer", "Bilagsnummer brukt på fleire datoar",
                         "Voucher numbers used on several dates"),
    "je.test.non_working_days": T("Lørdag, søndag og helligdag", "Laurdag, sundag og heilagdag",
                                  "Saturdays, Sundays and public holidays"),
    "je.test.post_closing": T("Registrert etter årsslutt", "Registrert etter årsslutt", "Entered after the year end"),
    "je.test.period_end": T("De siste dagene av året", "Dei siste dagane av året", "The last days of the year"),
    "je.test.backdated": T("Tilbakedatert", "Tilbakedatert", "Backdated"),
    "je.test.round_amounts": T("Runde beløp", "Runde beløp", "Round amounts"),
    "je.test.self_approval": T("Godkjent av den som registrerte", "Godkjend av den som registrerte",
                               "Approved by the one who entered"),
    "je.unit.vouchers": T("bilag", "bilag", "vouchers"),
    "je.unit.lines": T("linjer", "linjer", "lines"),
    "je.unit.gaps": T("hull", "hol", "gaps"),
    "je.unit.accounts": T("kontoer", "kontoar", "accounts"),
    "je.unit.users": T("brukere", "brukarar", "users"),
    "je.test.rare_accounts": T("Sjelden brukte kontoer", "Sjeldan brukte kontoar", "Rarely used accounts"),
    "je.test.seldom_users": T("Brukere som sjelden bokfører", "Brukarar som sjeldan bokfører", "Users who seldom post"),
    "page_footer": T("Side &P av &N", "Side &P av &N", "Page &P of &N"),
    # summary
    "report.title": T("Revisjonsrapport fra avstem", "Revisjonsrapport frå avstem", "avstem audit report"),
    "report.subject": T("Kontroll av årsregnskapet", "Kontroll av årsrekneskapen", "Check of the annual accounts"),
    "summary.agency": T("Virksomhet", "Verksemd", "Agency"),
    "summary.short_name": AGENCY_FIELDS["short_name"],
    "summary.ministry": AGENCY_FIELDS["ministry"],
    "summary.year": AGENCY_FIELDS["year"],
    "summary.model": AGENCY_FIELDS["model"],
    "summary.published_in": AGENCY_FIELDS["published_in"],
    "summary.verdict": T("Resultat", "Resultat", "Verdict"),
    "summary.fail_on": T("Feiler på", "Feilar på", "Fails on"),
    "summary.counts": T("Funn etter alvorlighet", "Funn etter alvorsgrad", "Findings by severity"),
    "summary.rules_run": T("Regler kjørt", "Reglar køyrde", "Rules run"),
    "summary.rules_skipped": T("Regler ikke kjørt", "Reglar ikkje køyrde", "Rules not run"),
    "summary.rules": T("Reglene", "Reglane", "The rules"),
    "summary.inputs": T("Inndata", "Inndata", "Inputs"),
    "summary.run": T("Kjøringen", "Køyringa", "The run"),
    "summary.version": T("avstem-versjon", "avstem-versjon", "avstem version"),
    "summary.catalogue": T("Versjon av regelkatalogen", "Versjon av regelkatalogen", "Rule catalogue version"),
    "summary.generated_at": T("Tidspunkt (UTC)", "Tidspunkt (UTC)", "Time of run (UTC)"),
    "summary.legend": T("Fargene", "Fargane", "Colour key"),
    "summary.guide": T(
        "Arkene med regnskapet viser tallene slik avstem leste dem. Et tall med funn er farget og har en "
        "kommentar som nevner regelen og differansen; lenken i arket «{findings}» går til tallet. "
        "Arket «{recalc}» regner hver sum på nytt med formler.",
        "Arka med rekneskapen viser tala slik avstem las dei. Eit tal med funn er farga og har ein "
        "kommentar som nemner regelen og differansen; lenkja i arket «{findings}» går til talet. "
        "Arket «{recalc}» reknar kvar sum ut på nytt med formlar.",
        "The accounts sheets show the figures as avstem read them. A figure with a finding is coloured and "
        "has a comment naming the rule and the difference; the link in the sheet “{findings}” goes to it. "
        "The sheet “{recalc}” recomputes every sum with live formulas.",
    ),
    "legend.error": T("Feil: tallet stemmer ikke, utenfor toleransen",
                      "Feil: talet stemmer ikkje, utanfor toleransen",
                      "Error: the figure does not agree, outside the tolerance"),
    "legend.warning": T("Advarsel: bør forklares", "Åtvaring: bør forklarast", "Warning: should be explained"),
    "legend.info": T("Avrunding eller merknad: innenfor toleransen", "Avrunding eller merknad: innanfor toleransen",
                     "Rounding or note: within the tolerance"),
    "legend.pass": T("Bestått", "Bestått", "Passed"),
    "role.accounts": T("Regnskap", "Rekneskap", "Accounts"),
    "role.config": T("Innstillinger", "Innstillingar", "Settings"),
    "role.prior": T("Fjorårets regnskap", "Rekneskapen i fjor", "Last year's accounts"),
    "role.ledger": T("Hovedbok", "Hovudbok", "Ledger"),
    "role.kontoplan": T("Kontoplan (kobling til linjer)", "Kontoplan (kopling til linjer)",
                        "Chart of accounts mapping"),
    "role.context": TITLES["context"],
    "role.deviations": T("Godkjente avvik", "Godkjende avvik", "Accepted deviations"),
    "status.pass": T("bestått", "bestått", "pass"),
    "status.fail": T("feil", "feil", "fail"),
    "status.warning": T("advarsel", "åtvaring", "warning"),
    "status.rounding": T("bare avrunding", "berre avrunding", "rounding only"),
    "status.info": T("bare merknader", "berre merknader", "notes only"),
    "status.not_run": T("ikke kjørt", "ikkje køyrd", "not run"),
    # column headings (findings: one per field of the JSON finding)
    "col.rule": T("Regel", "Regel", "Rule"),
    "col.title": T("Tittel", "Tittel", "Title"),
    "col.severity": T("Alvorlighet", "Alvorsgrad", "Severity"),
    "col.kind": T("Type", "Type", "Kind"),
    "col.key": T("Nøkkel", "Nøkkel", "Key"),
    "col.expected": T("Forventet", "Venta", "Expected"),
    "col.actual": T("Oppgitt", "Oppgitt", "Actual"),
    "col.difference": T("Differanse", "Differanse", "Difference"),
    "col.tolerance": T("Toleranse", "Toleranse", "Tolerance"),
    "col.tolerance_mode": T("Toleransetype", "Toleransetype", "Tolerance mode"),
    "col.location": T("Sted i inndata", "Stad i inndata", "Location in the input"),
    "col.path": T("Sti", "Sti", "Path"),
    "col.figures": T("Tallene", "Tala", "Figures"),
    "col.message": T("Melding", "Melding", "Message"),
    "col.reference": T("Hjemmel", "Heimel", "Legal reference"),
    "col.cell": T("Celle i rapporten", "Celle i rapporten", "Cell in this report"),
    "col.accepted": T("Godkjent avvik", "Godkjent avvik", "Accepted deviation"),
    "col.status": T("Status", "Status", "Status"),
    "col.findings": T("Funn", "Funn", "Findings"),
    "col.role": T("Rolle", "Rolle", "Role"),
    "col.file": T("Fil", "Fil", "File"),
    "col.sha256": T("SHA-256", "SHA-256", "SHA-256"),
    "col.input": T("Inndata", "Inndata", "Input"),
    "col.document": T("Dokument", "Dokument", "Document"),
    "col.section": T("Punkt", "Punkt", "Section"),
    "col.link": T("Lenke", "Lenke", "Link"),
    "tolerance.exact": T("eksakt", "eksakt", "exact"),
    "tolerance.interval": T("intervall", "intervall", "interval"),
    "tolerance.absolute": T("absolutt", "absolutt", "absolute"),
    "tolerance.none": T("ingen", "ingen", "none"),
    # the accounts sheets
    "as_printed": T("Som trykt", "Som trykt", "As printed"),
    "total": WORKBOOK_LABELS["total"],
    "expense_chapter": COLUMNS["expense_chapter"],
    "revenue_chapter": COLUMNS["revenue_chapter"],
    "comments": T("Kommentarer", "Kommentarar", "Comments"),
    "footnotes": WORKBOOK_LABELS["footnotes"],
    "note_texts": T("Tekst i noten", "Tekst i noten", "Text of the note"),
    "note8.part_a": WORKBOOK_LABELS["note8_part_a"],
    "note8.part_b": WORKBOOK_LABELS["note8_shares"],
    "comment.finding": T("{rule} {severity} ({kind}): {message}", "{rule} {severity} ({kind}): {message}",
                         "{rule} {severity} ({kind}): {message}"),
    # recalculation
    "recalc.title": T("Kontrollberegning med formler", "Kontrollutrekning med formlar", "Recalculation with live formulas"),
    "recalc.intro": T(
        "Hver rad regner et tall på nytt med en formel som peker på tallene i regnskapsarkene. "
        "«Excel − avstem» skal være 0 på hver rad; «Oppgitt − beregnet» er differansen avstem vurderte mot "
        "toleransen.",
        "Kvar rad reknar ut eit tal på nytt med ein formel som peikar på tala i rekneskapsarka. "
        "«Excel − avstem» skal vere 0 på kvar rad; «Oppgitt − utrekna» er differansen avstem vurderte mot "
        "toleransen.",
        "Each row recomputes a figure with a formula that points at the figures on the accounts sheets. "
        "“Excel − avstem” must be 0 on every row; “Reported − recomputed” is the difference avstem judged "
        "against the tolerance.",
    ),
    "recalc.what": T("Hva", "Kva", "What"),
    "recalc.form": T("Beregning", "Utrekning", "Computation"),
    "recalc.reported": T("Oppgitt", "Oppgitt", "Reported"),
    "recalc.excel": T("Beregnet i Excel", "Rekna ut i Excel", "Recomputed in Excel"),
    "recalc.avstem": T("Beregnet av avstem", "Rekna ut av avstem", "Computed by avstem"),
    "recalc.check": T("Excel − avstem", "Excel − avstem", "Excel − avstem"),
    "recalc.difference": T("Oppgitt − beregnet", "Oppgitt − utrekna", "Reported − recomputed"),
    "recalc.finding": T("Funn", "Funn", "Finding"),
    "recalc.ok": T("OK", "OK", "OK"),
    "form.sum": T("sum", "sum", "sum"),
    "form.copy": T("samme tall", "same tal", "same figure"),
    "form.capped": T("maks(0, min(…))", "maks(0, min(…))", "max(0, min(…))"),
    "form.product": T("produkt", "produkt", "product"),
    # chart
    "chart.title": T("Samlet tildeling og regnskap per post", "Samla tildeling og rekneskap per post",
                     "Total allocation and accounts per post"),
    "chart.axis": T("millioner kroner", "millionar kroner", "NOK million"),
    # rules
    "rules.title": T("Regelkatalogen, versjon {version}", "Regelkatalogen, versjon {version}",
                     "The rule catalogue, version {version}"),
    "rules.explain": T("«avstem explain REGEL» viser hva en regel kontrollerer, hvorfor, et eksempel og hjemmelen.",
                       "«avstem explain REGEL» viser kva ein regel kontrollerer, kvifor, eit døme og heimelen.",
                       "“avstem explain RULE” shows what a rule checks, why, an example and its legal basis."),
    # --- ledger ------------------------------------------------------------------
    "ledger.header": T(
        "Hovedbok {file} – regnskapsår {year}{inferred}",
        "Hovudbok {file} – rekneskapsår {year}{inferred}",
        "Ledger {file} – fiscal year {year}{inferred}",
    ),
    "ledger.inferred": T(" (lest av datoene)", " (lese av datoane)", " (read off its dates)"),
    "ledger.read": T(
        "Hovedbok: {lines} linjer, {form}; kolonner: {columns}; kontoplan: {kontoplan}.",
        "Hovudbok: {lines} linjer, {form}; kolonnar: {columns}; kontoplan: {kontoplan}.",
        "Ledger: {lines} lines, {form}; columns: {columns}; kontoplan: {kontoplan}.",
    ),
    "ledger.csv": T(
        "CSV, {encoding}, skilletegn {separator}, desimaltegn {decimal}, tusenskille {thousands}",
        "CSV, {encoding}, skiljeteikn {separator}, desimalteikn {decimal}, tusenskilje {thousands}",
        "CSV, {encoding}, separator {separator}, decimal {decimal}, thousands {thousands}",
    ),
    "ledger.xlsx": T("xlsx, ark {sheet}", "xlsx, ark {sheet}", "xlsx, sheet {sheet}"),
    # --- accepted deviations -----------------------------------------------------
    "accepted_line": T(
        "Godkjent avvik: {reason} – godkjent av {approved_by} {date} ({location}).",
        "Godkjent avvik: {reason} – godkjent av {approved_by} {date} ({location}).",
        "Accepted deviation: {reason} – approved by {approved_by} on {date} ({location}).",
    ),
    "accepted_summary": T(
        "{accepted} funn er godkjente avvik og teller ikke mot --fail-on.",
        "{accepted} funn er godkjende avvik og tel ikkje mot --fail-on.",
        "{accepted} findings are accepted deviations and do not count against --fail-on.",
    ),
}


def label(name: str, lang: str, **params: Any) -> str:
    text = LABELS[name](lang)
    return text.format(**params) if params else text


def format_number(value: Decimal, lang: str) -> str:
    """A plain number with the fewest decimals: a tolerance, a percentage."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if lang == "en" else text.replace(".", ",")


def tolerance_text(finding: Finding, lang: str) -> str:
    tol = finding.tolerance
    if tol is None:
        return ""
    mode = label("tolerance.interval_terms" if tol.mode == "interval" else f"tolerance.{tol.mode}", lang,
                 terms=tol.terms)
    return f"±{format_number(tol.amount, lang)} ({mode})"


def render_message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``, with its figures formatted."""
    template = MESSAGES[finding.message](lang)
    params: dict[str, Any] = {}
    nested = {}
    for name, value in finding.params.items():
        if isinstance(value, MessageId):
            nested[name] = value
        elif isinstance(value, Text):
            params[name] = value(lang)
        elif isinstance(value, Decimal):
            params[name] = format_amount(value, lang)
        else:
            params[name] = value
    params.setdefault("expected", format_amount(finding.expected, lang))
    params.setdefault("actual", format_amount(finding.actual, lang))
    params.setdefault("difference", format_amount(finding.difference, lang, signed=True))
    params.setdefault("tolerance", format_number(finding.tolerance.amount, lang) if finding.tolerance else "0")
    params.setdefault("terms", finding.tolerance.terms if finding.tolerance else 0)
    for name, message in nested.items():
        params[name] = MESSAGES[message](lang).format(**params)
    return template.format(**params)
