"""The one message catalogue: every label, heading and message, nb/nn/en.

Rules record a message id and its parameters; writers render them here.
Placeholders: ``{subject}`` and other labels are :class:`~ledger.labels.Text`;
``{expected}``, ``{actual}``, ``{difference}``, ``{tolerance}`` are the
finding's own figures, formatted for the language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ledger.labels import LANGUAGES, Text
from ledger.money import format_amount
from rules.findings import Finding

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
        "{n} avrundede tall; innenfor toleransen ±{tolerance}.",
        "{subject}: avrundingsdifferanse på {difference} mellom oppgitt {actual} og {expected} rekna ut frå "
        "{n} avrunda tal; innanfor toleransen ±{tolerance}.",
        "{subject}: rounding difference of {difference} between the reported {actual} and {expected} computed "
        "from {n} rounded figures; within the tolerance ±{tolerance}.",
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
        "{post} står blant utgiftene, men kapitlet er ikke et utgiftskapittel (0001–2999).",
        "{post} står blant utgiftene, men kapitlet er ikkje eit utgiftskapittel (0001–2999).",
        "{post} is listed among the expenses but its chapter is not an expense chapter (0001–2999).",
    ),
    "chapter.revenue_range": T(
        "{post} står blant inntektene, men kapitlet er ikke et inntektskapittel (3000–5999).",
        "{post} står blant inntektene, men kapitlet er ikkje eit inntektskapittel (3000–5999).",
        "{post} is listed among the revenue but its chapter is not a revenue chapter (3000–5999).",
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
        "{subject}: publisert {actual}, men hovedboken gir {expected} (differanse {difference}, toleranse ±0,5).",
        "{subject}: publisert {actual}, men hovudboka gir {expected} (differanse {difference}, toleranse ±0,5).",
        "{subject}: published {actual}, but the ledger gives {expected} (difference {difference}, tolerance ±0.5).",
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
    # --- workbook reader ---------------------------------------------------------
    # --- accepted deviations -----------------------------------------------------
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
    "mode.exact": T("eksakt", "eksakt", "exact"),
    "mode.interval": T("intervall, {terms} tall", "intervall, {terms} tal", "interval, {terms} figures"),
    "mode.absolute": T("absolutt", "absolutt", "absolute"),
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
    "skipped": T(
        "Ikke kjørt (mangler inndata): {rules}.",
        "Ikkje køyrde (manglar inndata): {rules}.",
        "Not run (input not given): {rules}.",
    ),
    # --- Excel audit report and JUnit --------------------------------------------
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
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use nb, nn or en")
    return lang


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
    mode = label(f"mode.{tol.mode}", lang, terms=tol.terms)
    return f"±{format_number(tol.amount, lang)} ({mode})"


def render_message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``, with its figures formatted."""
    template = MESSAGES[finding.message](lang)
    params: dict[str, Any] = {}
    for name, value in finding.params.items():
        if isinstance(value, Text):
            params[name] = value(lang)
        elif isinstance(value, Decimal):
            params[name] = format_amount(value, lang)
        else:
            params[name] = value
    params.setdefault("expected", format_amount(finding.expected, lang))
    params.setdefault("actual", format_amount(finding.actual, lang))
    params.setdefault("difference", format_amount(finding.difference, lang, signed=True))
    params.setdefault("tolerance", format_number(finding.tolerance.amount, lang) if finding.tolerance else "0")
    return template.format(**params)
