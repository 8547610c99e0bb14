"""Stikkord: the keywords an appropriation carries in the budget (Prop. 1 S).

«kan overføres» lets an unused appropriation move to the next two years;
«kan nyttes under …» lets it be spent on other posts; «overslagsbevilgning»
marks an estimated appropriation that may be exceeded. Budgets print them
after the post text, several at once («Spesielle driftsutgifter, kan
overføres, kan nyttes under post 70»), in Bokmål or Nynorsk, with or without
«»; Note B repeats them in its stikkord column and text. This module reads
them into one canonical form; an unknown keyword is an error, never ignored.

«kan nyttes under» names one or more posts: ``post 70``, ``post 60 og 70``,
``postene 60, 70 og 71``, ``kap. 502, post 70``, ``kap. 502 post 70 og kap.
503 post 21``. A post without a chapter is on the appropriation's own chapter
(:meth:`Stikkord.targets_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.core.errors import PlacedValueError
from ledger.vocabulary.labels import Text, msg

KAN_OVERFORES = "kan_overfores"
KAN_NYTTES_UNDER = "kan_nyttes_under"
OVERSLAGSBEVILGNING = "overslagsbevilgning"

LABELS: dict[str, Text] = {
    KAN_OVERFORES: Text("kan overføres", "kan overførast", "may be transferred"),
    KAN_NYTTES_UNDER: Text("kan nyttes under", "kan nyttast under", "may be used under"),
    OVERSLAGSBEVILGNING: Text("overslagsbevilgning", "overslagsløyving", "estimated appropriation"),
}

_USE = r"kan (?:også )?(?:nyttes|nyttast|benyttes|brukes|brukast|nytast) under"
_SIMPLE = (
    (KAN_OVERFORES, re.compile(r"kan overføre?s|kan overførast")),
    (OVERSLAGSBEVILGNING, re.compile(r"overslagsbevilgning|overslagsløyving")),
)
_USE_START = re.compile(_USE)
#: One target list: «kap. 502, post 70», «post 60 og 70», «postene 60, 70 og 71», «kap. 502 post 70 og kap. 503 post 21».
_POST_LIST = r"post(?:ene|ane|ar|er)?\s*(?P<{name}>[0-9]{{1,2}}(?:\s*(?:,|og|eller)\s*[0-9]{{1,2}}\b)*)"
_TARGET = re.compile(r"kap(?:ittel|\.)?\s*(?P<chapter>[0-9]{3,4})(?:\s*,?\s*" + _POST_LIST.format(name="posts") + ")?"
                     + "|" + _POST_LIST.format(name="own_posts"))
_AND = re.compile(r"\s*(?:,|og|eller)\s*")


@dataclass(frozen=True)
class Target:
    """A post «kan nyttes under» names: its chapter where printed (None: the appropriation's own), its post
    (None: the whole chapter)."""

    chapter: str | None
    post: str | None

    def label(self) -> str:
        return " ".join(p for p in (f"kap. {self.chapter}" if self.chapter else "",
                                    f"post {self.post}" if self.post else "") if p)


@dataclass(frozen=True)
class Stikkord:
    kind: str
    targets: tuple[Target, ...] = ()  # for «kan nyttes under»: the other posts

    def label(self, lang: str = "nb") -> str:
        text = LABELS[self.kind](lang)
        if self.kind == KAN_NYTTES_UNDER and self.targets:
            joiner = " and " if lang == "en" else " og "
            return f"{text} {joiner.join(t.label() for t in self.targets)}"
        return text

    def targets_of(self, chapter: str) -> tuple[tuple[str, str | None], ...]:
        """The (chapter, post) pairs named, a missing chapter read as the appropriation's own ``chapter``."""
        return tuple((t.chapter or chapter, t.post) for t in self.targets)


_USE_ANYWHERE = re.compile(_USE, re.IGNORECASE)


def names_kan_nyttes_under(text: str) -> bool:
    """Whether a decision's text names «kan nyttes under» (in any of its spellings): a reallocation so
    decided is the pooling of an underspend, not an omdisponering."""
    return bool(_USE_ANYWHERE.search(" ".join(text.split())))


def _listed(lang: str) -> str:
    """The stikkord avstem knows, quoted, in ``lang``: what an error about an unknown one offers."""
    return ", ".join("«" + label(lang) + "»" for label in LABELS.values())


def parse_stikkord(text: str) -> tuple[Stikkord, ...]:
    """Parse a printed stikkord column, list item or post text's tail: «kan overførast»,
    ``kan overføres, kan nyttes under post 60 og 70``.

    Raises ValueError for text that is not stikkord (naming the part it could not read).
    """
    s = " ".join(text.replace("«", " ").replace("»", " ").replace('"', " ").split()).casefold().strip(" .,;")
    out: list[Stikkord] = []
    while s:
        for kind, pattern in _SIMPLE:
            match = pattern.match(s)
            if match:
                out.append(Stikkord(kind))
                s = s[match.end():]
                break
        else:
            match = _USE_START.match(s)
            if not match:
                known = Text(*(_listed(lang) for lang in ("nb", "nn", "nb")))  # the words are Norwegian in en too
                raise PlacedValueError(msg("input.stikkord.unknown", text=repr(s), known=known))
            s = s[match.end():].lstrip()
            targets: list[Target] = []
            while True:
                m = _TARGET.match(s)
                if not m:
                    break
                chapter = m.group("chapter")
                chapter = chapter.zfill(4) if chapter else None
                posts = m.group("posts") or m.group("own_posts")
                if posts:
                    targets += [Target(chapter, p.zfill(2)) for p in _AND.split(posts) if p]
                else:
                    targets.append(Target(chapter, None))
                s = s[m.end():]
                more = re.match(r"\s*(?:,|og|eller)\s*(?=kap|post)", s)
                if not more:
                    break
                s = s[more.end():]
            if not targets:
                raise PlacedValueError(msg("input.stikkord.no_post", text=repr(text.strip())))
            out.append(Stikkord(KAN_NYTTES_UNDER, tuple(targets)))
        s = s.lstrip(" ,;.")
        s = re.sub(r"^og\s+", "", s)
    return tuple(out)


#: A stikkord tail after a post text: «Spesielle driftsutgifter, kan overføres, kan nyttes under post 70».
_TAIL = re.compile(rf",\s*(?=(?:kan overf|{_USE}|overslags))", re.IGNORECASE)


def split_post_text(text: str) -> tuple[str, tuple[Stikkord, ...]]:
    """A post text as budgets print it, split into the text and its stikkord; text without stikkord stays whole."""
    match = _TAIL.search(text)
    if not match:
        return text.strip(), ()
    try:
        return text[:match.start()].strip(), parse_stikkord(text[match.end():])
    except ValueError:
        return text.strip(), ()
