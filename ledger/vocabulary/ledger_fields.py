"""The fields avstem reads from a general-ledger export, and the headings export systems give them.

A field is recognised by any form of its heading (:meth:`Text.forms`, compared
through :func:`~ledger.vocabulary.labels.normalise`): the name in Bokmål,
Nynorsk and English, then the variants export systems print. Where a field is
also a column of the statements (account, kapittel, post, amount, text), its
name is that column's heading.
"""

from __future__ import annotations

from ledger.vocabulary.labels import COLUMNS, Text


def _heading(name: Text, *variants: str) -> Text:
    return Text(name.nb, name.nn, name.en, variants=variants)


#: The fields, in the order the ledger reader claims their columns.
LEDGER_FIELDS: dict[str, Text] = {
    "account": _heading(COLUMNS["account"], "Kontonr", "Kontonummer", "Art", "Artskonto", "Hovedbokskonto"),
    "chapter": _heading(COLUMNS["chapter"], "Kap", "Kap.", "Kapittelnr", "Kapittelnummer"),
    "post": _heading(COLUMNS["post"], "Postnr", "Post nr", "Postnummer"),
    "amount": _heading(COLUMNS["amount"], "Belop", "Beløp NOK", "Beløp (NOK)", "Sum"),
    "date": Text("Dato", "Dato", "Date", variants=("Bilagsdato", "Posteringsdato", "Transaksjonsdato")),
    "period": Text("Periode", "Periode", "Period", variants=("Regnskapsperiode",)),
    "voucher": Text("Bilagsnr", "Bilagsnr", "Voucher", variants=("Bilagsnr.", "Bilag", "Bilagsnummer")),
    "text": _heading(COLUMNS["text"], "Beskrivelse", "Bilagstekst", "Description"),
    "department": Text("Avdeling", "Avdeling", "Department", variants=("Avd", "Avd.", "Koststed", "Ansvar")),
    # optional: what the journal-entry tests (JE) read where the export has them
    "journal": Text("Bilagsart", "Bilagsart", "Journal type",
                    variants=("Bilagstype", "Bilagsserie", "Journaltype", "Journal", "Transaksjonstype")),
    "entered": Text("Registrert", "Registrert", "Entered",
                    variants=("Registreringsdato", "Registrert dato", "Innlest", "Bokført", "Entry date")),
    "poster": Text("Bruker", "Brukar", "User", variants=("Registrert av", "Bokført av", "Brukerid", "Bruker-ID")),
    "approver": Text("Godkjent av", "Godkjend av", "Approved by",
                     variants=("Godkjenner", "Godkjent", "Attestert av", "Anvist av")),
    "counter_account": Text("Motkonto", "Motkonto", "Counter account", variants=("Motkontonr", "Mot konto")),
}

#: The optional fields only the journal-entry tests read.
JOURNAL_FIELDS = ("journal", "entered", "poster", "approver", "counter_account")

#: Without these nothing can be reconciled (rule DQ-01).
REQUIRED = ("account", "chapter", "post", "amount")
