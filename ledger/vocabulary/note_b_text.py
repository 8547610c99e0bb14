"""The words of Note B's text part, in Bokmål and Nynorsk: what avstem reads the authorities from.

Note B ends with free text that explains the authorities used (DFØ's model:
«Mottatte belastningsfullmakter», «Stikkordet «kan overføres»», «Avgitte
belastningsfullmakter», «Fullmakt til å overskride driftsbevilgninger mot
tilsvarende merinntekter»). Agencies word it their own way; these are the
pieces that carry the facts, each recognised wherever it stands:

* a post: «kap. 0400, post 23», «kapittel 671 postene 21, 45 og 60»,
  «post 01 under kap. 670», «0670.01»;
* an amount: «300 000 kroner», «kr 300 000», «1,5 mill. kroner»;
* a counterpart: the name after «fra»/«frå» (received) or «til» (given);
* what a paragraph is about (its topic), and whether it says there is none
  («har ikke avgitt belastningsfullmakter», «Ingen»);
* a stikkord named in the text («har stikkordet «kan overførast»»).

Everything here finds; nothing decides. :mod:`ledger.forms.inferred_context`
decides what the findings mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ledger.core.accounts import PostKey
from ledger.core.money import ORE
from ledger.vocabulary.stikkord import Stikkord, parse_stikkord

RECEIVED, GIVEN, STIKKORD, REVENUE, APPROVED = "received", "given", "stikkord", "revenue", "approved"

_FLAGS = re.IGNORECASE

# --- posts ---------------------------------------------------------------------------------------

_POST_LIST = r"post(?:ene|ane|ar|er)?\.?\s*(?P<{name}>[0-9]{{1,2}}(?:\s*(?:,|og|eller|/)\s*[0-9]{{1,2}}\b)*)\b"
#: «kap. 671, post 21», «kapittel 671 postene 21, 45 og 60» (a chapter without posts names no post)
_CHAPTER_FIRST = (r"kap(?:ittel|\.)?\s*(?P<chapter>[0-9]{3,4})\b\s*,?\s*(?:(?:under)?\s*)"
                  + _POST_LIST.format(name="posts"))
#: «post 23 under kap. 400», «postene 21 og 45 på kapittel 671»
_POST_FIRST = _POST_LIST.format(name="posts2") + r"\s*,?\s*(?:under|på|i|til)?\s*kap(?:ittel|\.)?\s*(?P<chapter2>[0-9]{3,4})\b"
#: a statskonto as a budget prints it: «0670.01», «670.01»
_CODE = r"(?<![0-9.,])(?P<code_chapter>[0-9]{3,4})\.(?P<code_post>[0-9]{2})(?![0-9,]|\.[0-9])"
_REF = re.compile("|".join((_CHAPTER_FIRST, _POST_FIRST, _CODE)), _FLAGS)
_AND = re.compile(r"\s*(?:,|og|eller|/)\s*", _FLAGS)


@dataclass(frozen=True)
class Ref:
    """A post named in a text, and where (character offsets in the text)."""

    key: PostKey
    start: int
    end: int


def post_refs(text: str) -> list[Ref]:
    """Every kapittel/post the text names, in order."""
    out: list[Ref] = []
    for m in _REF.finditer(text):
        if m.group("code_chapter"):
            pairs = [(m.group("code_chapter"), m.group("code_post"))]
        else:
            chapter = m.group("chapter") or m.group("chapter2")
            posts = m.group("posts") or m.group("posts2")
            pairs = [(chapter, p) for p in _AND.split(posts) if p]
        for chapter, post in pairs:
            out.append(Ref(PostKey.parse(chapter, post), m.start(), m.end()))
    return out


# --- amounts ---------------------------------------------------------------------------------------

_DIGITS = r"[0-9]{1,3}(?:[ \u00a0\u202f.][0-9]{3})+|[0-9]+"
_AMOUNT = re.compile(
    rf"(?:\bkr\.?|\bnok)\s*(?P<a>{_DIGITS})(?:,(?P<a_dec>[0-9]{{1,2}})|,-)?"
    rf"|(?<![0-9,.])(?P<b>{_DIGITS})(?:,(?P<b_dec>[0-9]{{1,2}}))?\s*(?:kroner|kr\b\.?|nok\b)"
    r"|(?<![0-9,.])(?P<m>[0-9]+(?:,[0-9]+)?)\s*(?P<unit>mill(?:\.|ioner|ionar|\b)|mrd\.?|milliard(?:er|ar)?)",
    _FLAGS,
)
_UNITS = {"mill": Decimal(10) ** 6, "mrd": Decimal(10) ** 9, "milliard": Decimal(10) ** 9}


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int
    end: int


def amounts(text: str) -> list[Amount]:
    """Every amount of kroner the text names, exactly as written («1,5 mill. kroner» is 1 500 000)."""
    out: list[Amount] = []
    for m in _AMOUNT.finditer(text):
        if m.group("m"):
            unit = next(v for k, v in _UNITS.items() if m.group("unit").casefold().startswith(k))
            value = Decimal(m.group("m").replace(",", ".")) * unit
        else:
            digits, decimals = (m.group("a"), m.group("a_dec")) if m.group("a") else (m.group("b"), m.group("b_dec"))
            value = Decimal(re.sub(r"\D", "", digits) + (f".{decimals}" if decimals else ""))
        value = value.quantize(ORE)
        out.append(Amount(value.to_integral_value() if value == value.to_integral_value() else value,
                          m.start(), m.end()))
    return out


# --- counterparts ----------------------------------------------------------------------------------

_NAME = r"(?P<name>[A-ZÆØÅ][\w\-]*(?:\s+[\w\-]+)*?(?:\s*\([A-ZÆØÅ]{2,}\))?)"
_NAME_END = r"(?=\s+(?:på|pålydende|pålydande|om|for\s+å|til\s+å|med|i\s+[0-9]{4}|kr\b|nok\b|[0-9])|\s*[,.;:]|\s*$)"
_FROM = re.compile(r"\b(?:fra|frå)\s+" + _NAME + _NAME_END)
_TO = re.compile(r"\btil\s+" + _NAME + _NAME_END)


@dataclass(frozen=True)
class Name:
    name: str
    start: int
    end: int


def counterparts(text: str, topic: str) -> list[Name]:
    """The other agencies a sentence names: after «fra»/«frå» for a received authority, «til» for a given one."""
    pattern = _FROM if topic == RECEIVED else _TO
    return [Name(m.group("name").strip(), m.start("name"), m.end("name")) for m in pattern.finditer(text)]


# --- topics, sentences and «none» ------------------------------------------------------------------

_BELASTNING = r"belastningsfullmakt"
_TOPICS = (
    (RECEIVED, re.compile(r"\b(?:mottatte|mottekne|motteke|mottatt|mottok|fått|fekk|fikk)\b[^.]*" + _BELASTNING
                          + "|" + _BELASTNING + r"[^.]*\b(?:mottatt|motteke|mottekne)\b", _FLAGS)),
    (GIVEN, re.compile(r"\b(?:avgitte|avgitt|avgjevne|avgjeve|gitt|gjeve|gitte)\b[^.]*" + _BELASTNING
                       + "|" + _BELASTNING + r"[^.]*\b(?:avgitt|avgjeve|gitt|gjeve)\b|utgiftsført av andre"
                       + r"|utgiftsførte av andre", _FLAGS)),
    (STIKKORD, re.compile(r"\bstikkord", _FLAGS)),
    (REVENUE, re.compile(r"\b(?:merinntekt|meirinntekt)|\boverskride\b[^.]*\binntekt", _FLAGS)),
    # after REVENUE: «kan overskrides mot tilsvarende merinntekter» is a merinntektsfullmakt
    (APPROVED, re.compile(r"samtykke[^.]*\boverskrid|\boverskrid\w*samtykke|\bkan\s+overskrid(?:es|ast)\b",
                          _FLAGS)),
)
_NONE = re.compile(r"\b(?:ikke|ikkje|ingen|inga|intet|ikkje\s+aktuelt|ikke\s+aktuelt)\b", _FLAGS)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])")


def topic(text: str) -> str | None:
    """What a heading or sentence is about: a received or a given belastningsfullmakt, a stikkord, a
    merinntektsfullmakt, a samtykke til overskridelse; None for anything else."""
    for name, pattern in _TOPICS:
        if pattern.search(text):
            return name
    if _STIKKORD_START.search(text):  # «Overslagsløyvingar», «… er ei overslagsløyving»: a stikkord named
        return STIKKORD
    return None


def sentences(text: str) -> list[str]:
    """The text's sentences («kap. 0400» and «mill. kroner» do not end one)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def says_none(text: str) -> bool:
    """A negation: «har ikke avgitt …», «Ingen.», «Ikkje aktuelt»."""
    return bool(_NONE.search(text))


_CHARGED = re.compile(r"\b(?:utgiftsført|utgiftsførte|belastet|belasta|brukt|nytta|nyttet|benyttet|benytta)\b", _FLAGS)


def says_charged(text: str) -> bool:
    """The sentence says what was charged or used («… er utgiftsført», «brukt»), not only what was granted."""
    return bool(_CHARGED.search(text))


def mentions_authority(text: str) -> bool:
    """The text says something about an authority itself (not only its merinntekt): «fullmakt», «har
    ikke …fullmakt»."""
    return bool(re.search(r"fullmakt", text, _FLAGS))


# --- stikkord named in a text ---------------------------------------------------------------------

_STIKKORD_START = re.compile(
    r"kan\s+overføre?s|kan\s+overførast|overslagsbevilgning|overslagsløyving"
    r"|kan\s+(?:også\s+)?(?:nyttes|nyttast|nytast|benyttes|brukes|brukast)\s+under", _FLAGS)


#: No «kan nyttes under» and its posts is longer than this (it bounds the search on a long text).
_LONGEST = 200


@dataclass(frozen=True)
class Named:
    stikkord: Stikkord
    start: int
    end: int


def stikkord_named(text: str) -> list[Named]:
    """Each stikkord a text names, with the span it takes (a «kan nyttes under» with the posts it names)."""
    out: list[Named] = []
    pos = 0
    while True:
        m = _STIKKORD_START.search(text, pos)
        if m is None:
            return out
        tail = text[m.start():m.start() + _LONGEST]
        found = None
        if m.group(0).casefold().startswith(("kan overf", "overslag")):
            found = (parse_stikkord(m.group(0))[0], m.end())
        else:  # the longest prefix that reads as «kan nyttes under» and its posts
            cuts = [c.start() for c in re.finditer(r"[\s.,;»]|$", tail)]
            for cut in reversed(cuts):
                try:
                    parsed = parse_stikkord(tail[:cut])
                except ValueError:
                    continue
                if len(parsed) == 1:
                    found = (parsed[0], m.start() + cut)
                    break
        if found is not None:
            out.append(Named(found[0], m.start(), found[1]))
            pos = found[1]
        else:
            pos = m.end()
