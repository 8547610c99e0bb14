"""Legal and professional references, one definition each.

A rule cites these; ``avstem explain`` prints them; the report's rule sheet
lists them. Each names the document, the section, and where to read it.

What a reader reads is in the message catalogue (domain ``rules``), so that a
reader of nb, nn or en reads a reference as they expect it («R-115 (desember
2022)», «Circular R-115 … (Ministry of Finance, 15 December 2022)»); a title
whose official form is Norwegian stays Norwegian in every language. The ids:
``ref.<DOC>.document`` and ``ref.<DOC>.short`` for a document (:data:`DOCUMENTS`
names the shared ones; another's is its reference's name), ``ref.<NAME>.section``
for a reference's section, NAME being the constant's name here. The strings
given here are the machine form (``avstem rules --json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.vocabulary.labels import Msg, msg


@dataclass(frozen=True)
class Reference:
    document: str
    section: str
    url: str
    short: str = ""  # how a finding cites the document: "R-115 (2022)", "Bevilgningsreglementet"
    id: str = ""  # the constant's name (set below): the catalogue's ref.<id>.section
    doc: str = ""  # the document's catalogue id: ref.<doc>.document, ref.<doc>.short

    def __str__(self) -> str:
        return f"{self.document}, {self.section}" if self.section else self.document

    @property
    def citation(self) -> str:
        """The short citation a finding carries; the full reference is in the catalogue."""
        document = self.short or self.document
        return f"{document} {self.section}" if self.section else document

    # -- as a reader reads it (the writers render these in the reader's language) --------------------------
    @property
    def document_text(self) -> Msg:
        return msg(f"ref.{self.doc}.document")

    @property
    def section_text(self) -> Msg | None:
        return msg(f"ref.{self.id}.section") if self.section else None

    @property
    def citation_text(self) -> Msg:
        """«R-115 (desember 2022) punkt 4.6.2 Samlet tildeling»."""
        if self.section:
            return msg("ref.citation", document=msg(f"ref.{self.doc}.short"), section=self.section_text)
        return msg(f"ref.{self.doc}.short")


_R115_URL = "https://www.regjeringen.no/no/dokument/dep/fin/rundskriv/id446186/"
_BEST_URL = ("https://www.regjeringen.no/no/tema/okonomi-og-budsjett/statlig-okonomistyring/"
             "reglement-for-okonomistyring-i-staten/id438887/")
_BEVR_URL = ("https://www.regjeringen.no/no/tema/okonomi-og-budsjett/statlig-okonomistyring/"
             "bevilgningsreglementet/id439274/")

R115 = "Rundskriv R-115 Utarbeidelse og avleggelse av statlige virksomheters årsregnskap (Finansdepartementet, 15.12.2022)"
BESTEMMELSENE = "Bestemmelser om økonomistyring i staten (Finansdepartementet, sist endret 20.12.2022)"

R115_APPROPRIATION = Reference(R115, "oppstilling av bevilgningsrapportering (kontantprinsippet)", _R115_URL, short="R-115 (2022)")
R115_SAMLET_TILDELING = Reference(R115, "punkt 4.6.2 Samlet tildeling", _R115_URL, short="R-115 (2022)")
R115_NOTE_A = Reference(R115, "note A Forklaring av samlet tildeling", _R115_URL, short="R-115 (2022)")
R115_NOTE_B = Reference(R115, "note B Forklaring til brukte fullmakter og beregning av mulig overførbart beløp",
                        _R115_URL, short="R-115 (2022)")
R115_CHART = Reference(R115, "oppstilling av artskontorapporteringen (kontantprinsippet)", _R115_URL, short="R-115 (2022)")
R115_NOTES = Reference(R115, "noter til artskontorapporteringen (note 1–8)", _R115_URL, short="R-115 (2022)")
R115_NOTE_8 = Reference(R115, "note 8 Sammenheng mellom avregning med statskassen og mellomværende med statskassen",
                        _R115_URL, short="R-115 (2022)")
BEST_2_5 = Reference(BESTEMMELSENE, "punkt 2.5.2 Transaksjonskontroll (budsjettdisponeringsmyndighet og attestasjon)",
                     _BEST_URL, short="Bestemmelsene")
BEST_3_4 = Reference(BESTEMMELSENE, "punkt 3.4 Årsregnskap", _BEST_URL, short="Bestemmelsene")
BEST_3_4_2 = Reference(BESTEMMELSENE, "punkt 3.4.2 De grunnleggende prinsippene for årsregnskapet", _BEST_URL, short="Bestemmelsene")
BEST_3_5 = Reference(BESTEMMELSENE, "punkt 3.5 Rapportering til statsregnskapet", _BEST_URL, short="Bestemmelsene")
BEST_3_7_1 = Reference(BESTEMMELSENE, "punkt 3.7.1 Statens konsernkontoordning", _BEST_URL, short="Bestemmelsene")
BEVR_5 = Reference("Bevilgningsreglementet (vedtatt av Stortinget 26.05.2005, endret 16.06.2023)",
                   "§ 5 Overføring av ubrukte bevilgninger", _BEVR_URL, short="Bevilgningsreglementet")
BEVR_11 = Reference("Bevilgningsreglementet (vedtatt av Stortinget 26.05.2005, endret 16.06.2023)",
                    "§ 11 Bruk av bevilgninger (ikke overskride)", _BEVR_URL, short="Bevilgningsreglementet")
R2 = Reference("Rundskriv R-2 Overføring av ubrukte bevilgninger (Finansdepartementet, årlig)",
               "beregning av overførbart beløp", _R115_URL, short="R-2")
R110 = Reference("Rundskriv R-110 Fullmakter i henhold til bevilgningsreglementet (Finansdepartementet, 20.06.2023)",
                 "omdisponering fra post 01 til 45; overskridelse av driftsbevilgning mot innsparing",
                 _R115_URL, short="R-110")
R1_99 = Reference("Rundskriv R-1/99 Overføring av ubrukte bevilgninger til 1999 (Finansdepartementet)",
                  "omdisponering fra driftsbevilgning til investeringsbevilgning under samme kapittel",
                  "https://www.regjeringen.no/no/dokumenter/r-199-99-251-c-overforing-av-ubrukte-bev/id108465/",
                  short="R-1/99")
DFO_NOTE_B = Reference("DFØ: Utarbeide note B i årsregnskapet", "",
                       "https://dfo.no/fagomrader/%C3%A5rsregnskap/utarbeide-note-b-i-%C3%A5rsregnskapet", short="DFØ: note B")
XBRL_CALC_1_1 = Reference("XBRL Calculations 1.1 (Recommendation 2023-02-22)", "round-to-nearest consistency",
                          "https://www.xbrl.org/Specification/calculation-1.1/REC-2023-02-22/"
                          "calculation-1.1-REC-2023-02-22.html", short="XBRL Calculations 1.1")
R101 = Reference("Rundskriv R-101 Statens kontoplan for statsbudsjettet og statsregnskapet (Finansdepartementet)",
                 "kapittel og post", "https://www.regjeringen.no/no/dokument/dep/fin/rundskriv/id446186/", short="R-101")
DFO_KONTOPLAN = Reference("DFØ: Standard kontoplan for statlige virksomheter", "kontoklasser og kontogrupper",
                          "https://dfo.no/fagomrader/statlig-regnskap/standard-kontoplan-for-statlige-virksomheter", short="DFØ: standard kontoplan")

DFO_KEY_FIGURES = Reference("DFØ: Årsrapport for statlige virksomheter, del II «Introduksjon til virksomheten og "
                            "hovedtall» (tabellen «Nøkkeltall fra årsregnskapet»)", "",
                            "https://gammel.dfo.no/fagomrader/arsrapport/", short="DFØ årsrapport del II")
R115_LEDELSESKOMMENTARER = Reference(R115, "ledelseskommentarer til årsregnskapet", _R115_URL, short="R-115 (2022)")
ISA_240 = Reference("ISA 240 / ISSAI 1240 Revisors oppgaver og plikter relatert til misligheter ved revisjon av regnskaper",
                    "punkt 32(a) og A41–A45 (test av posteringer i hovedboken)",
                    "https://yumpu.com/en/document/view/37825712/issai-1240/46", short="ISA 240")
NIGRINI_2012 = Reference("Nigrini: Benford's Law: Applications for Forensic Accounting, Auditing, and Fraud Detection "
                         "(Wiley 2012)", "kap. 5 og 7 (MAD og Z-statistikk)", "https://doi.org/10.1002/9781119203094",
                         short="Nigrini (2012)")
CERQUETI_LUPI_2022 = Reference("Cerqueti and Lupi: Severe Testing of Benford's Law (arXiv 2202.05237, 2022)",
                               "avsnitt 3 (MADs fordeling for n beløp som følger loven)",
                               "https://arxiv.org/abs/2202.05237", short="Cerqueti og Lupi (2022)")


#: Documents cited by several references: their catalogue id (``ref.<id>.document``, ``ref.<id>.short``).
DOCUMENTS = {R115: "R115", BESTEMMELSENE: "BESTEMMELSENE", BEVR_5.document: "BEVR"}

#: Every reference by its name.
REFERENCES: dict[str, Reference] = {name: value for name, value in globals().items() if isinstance(value, Reference)}
for _name, _ref in REFERENCES.items():
    object.__setattr__(_ref, "id", _name)
    object.__setattr__(_ref, "doc", DOCUMENTS.get(_ref.document, _name))
