"""Stikkord: the keywords an appropriation carries in the budget (Prop. 1 S).

«kan overføres» lets an unused appropriation move to the next two years;
«kan nyttes under …» lets it be spent on another post; «overslagsbevilgning»
marks an estimated appropriation that may be exceeded. They are printed in
Bokmål or Nynorsk, with or without «», in Note B's column and text. This
module reads them into one canonical form; an unknown keyword is an error,
never ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.vocabulary.labels import Text

KAN_OVERFORES = "kan_overfores"
KAN_NYTTES_UNDER = "kan_nyttes_under"
OVERSLAGSBEVILGNING = "overslagsbevilgning"

LABELS: dict[str, Text] = {
    KAN_OVERFORES: Text("kan overføres", "kan overførast", "may be transferred"),
    KAN_NYTTES_UNDER: Text("kan nyttes under", "kan nyttast under", "may be used under"),
    OVERSLAGSBEVILGNING: Text("overslagsbevilgning", "overslagsløyving", "estimated appropriation"),
}

_PATTERNS = (
    (KAN_OVERFORES, re.compile(r"^kan overføre?s$|^kan overførast$")),
    (OVERSLAGSBEVILGNING, re.compile(r"^overslagsbevilgning$|^overslagsløyving$")),
    (KAN_NYTTES_UNDER, re.compile(
        r"^kan (?:nyttes|nyttast|benyttes|brukes|brukast) under"
        r"(?: kap(?:ittel|\.)? ?(?P<chapter>\d{3,4}),?)?(?: post (?P<post>\d{1,2}))?$")),
)


@dataclass(frozen=True)
class Stikkord:
    kind: str
    chapter: str | None = None  # for «kan nyttes under»: the other post
    post: str | None = None

    def label(self, lang: str = "nb") -> str:
        text = LABELS[self.kind](lang)
        if self.kind == KAN_NYTTES_UNDER:
            where = " ".join(p for p in (f"kap. {self.chapter}" if self.chapter else "",
                                         f"post {self.post}" if self.post else "") if p)
            return f"{text} {where}".strip()
        return text


def parse_stikkord(text: str) -> tuple[Stikkord, ...]:
    """Parse a printed stikkord column or list item: «kan overførast», ``kan nyttes under post 70``.

    Several keywords may be separated by commas. Raises ValueError for an
    unknown keyword.
    """
    cleaned = text.replace("«", "").replace("»", "").replace('"', "").strip()
    if not cleaned:
        return ()
    out: list[Stikkord] = []
    # commas separate keywords, but "kap. 502, post 70" keeps its comma
    parts = re.split(r",(?!\s*post\b)\s*", cleaned)
    for part in parts:
        s = " ".join(part.split()).casefold().rstrip(".")
        if not s:
            continue
        for kind, pattern in _PATTERNS:
            match = pattern.match(s)
            if match:
                groups = match.groupdict()
                chapter = groups.get("chapter")
                out.append(Stikkord(kind, chapter.zfill(4) if chapter else None,
                                    groups.get("post").zfill(2) if groups.get("post") else None))
                break
        else:
            known = ", ".join(f"«{t('nb')}»" for t in LABELS.values())
            raise ValueError(f"unknown stikkord {part.strip()!r}; known: {known}")
    return tuple(out)
