"""Plain language: find glossary terms in outgoing text, and look terms up for /glossary.

The glossary (`data/glossary.csv`) lists jargon and acronyms with Welsh forms and plain
alternatives. Short acronyms (GP, RC, SU, ED, HB, BILl ...) are matched case-sensitively, or
"ed" and "su" would be caught inside ordinary words' company; longer terms ignore case. Both
match whole words only.

A few entries are the service's own everyday words (representative, network, feedback,
poll ...): /glossary explains them, but they are not flagged in outgoing text, where they
would only be noise.

Lookups forgive Welsh mutations: "rwydwaith", "nghynllun gofal" or "thîm" find the entry for
"rhwydwaith", "cynllun gofal" or "tîm", as a Welsh speaker types a word after "fy", "ei" or "a".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.domain.glossary import GlossaryEntry, load_glossary

NOT_FLAGGED = frozenset(
    {
        "representative",
        "network (or forum)",
        "member",
        "coordinator (of the group or network)",
        "feedback",
        "poll",
        "results (of a poll)",
        "broadcast",
        "anonymous",
        "confidential",
        "consent",
        "outcome",
    }
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# A mutated first sound and the radicals it may come from (soft, nasal, aspirate; "h" before a
# vowel). Longest first: "ngh" before "ng", "dd" before "d".
_MUTATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ngh", ("c",)),
    ("mh", ("p",)),
    ("nh", ("t",)),
    ("ng", ("g",)),
    ("ch", ("c",)),
    ("ph", ("p",)),
    ("th", ("t",)),
    ("dd", ("d",)),
    ("b", ("p",)),
    ("d", ("t",)),
    ("g", ("c",)),
    ("f", ("b", "m")),
    ("l", ("ll",)),
    ("r", ("rh",)),
    ("m", ("b",)),
    ("n", ("d",)),
)
_VOWELS = "aeiouwyâêîôûŵŷ"


def radicals(word: str) -> list[str]:
    """The forms a possibly mutated Welsh word may have had: "rwydwaith" -> ["rhwydwaith"]."""
    found: list[str] = []
    for mutated, originals in _MUTATIONS:
        if word.startswith(mutated):
            found += [original + word[len(mutated) :] for original in originals]
            break
    if word[:1] in _VOWELS:
        found.append("g" + word)  # soft mutation drops a g: "eirfa" for "geirfa"
    if word[:1] == "h" and word[1:2] in _VOWELS:
        found.append(word[1:])  # "ei henw" for "enw"
    return found


def _case_sensitive(alias: str) -> bool:
    """An acronym: one short word with at least two capitals (GP, CMHTs, BILl, A&E)."""
    return " " not in alias and len(alias) <= 6 and sum(c.isupper() for c in alias) >= 2


def _pattern(aliases: Sequence[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    longest_first = sorted(aliases, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in longest_first)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)


@dataclass(frozen=True, slots=True)
class Hit:
    found: str  # as written in the text
    entry: GlossaryEntry


class Finder:
    """Compiled once from the glossary; `find` is cheap enough for every preview."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries = tuple(entries)
        self._exact: dict[str, GlossaryEntry] = {}
        self._folded: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            if entry.term_en in NOT_FLAGGED:
                continue
            for alias in entry.aliases:
                if _case_sensitive(alias):
                    self._exact[alias] = entry
                else:
                    self._folded[alias.casefold()] = entry
        self._exact_re = _pattern(list(self._exact), 0)
        self._folded_re = _pattern(list(self._folded), re.IGNORECASE)

    def find(self, text: str) -> list[Hit]:
        """Glossary terms in the text, each entry once, in the order they first appear."""
        text = text.translate(_APOSTROPHES)
        found: list[tuple[int, str, GlossaryEntry]] = []
        if self._exact_re is not None:
            found += [(m.start(), m[0], self._exact[m[0]]) for m in self._exact_re.finditer(text)]
        if self._folded_re is not None:
            for m in self._folded_re.finditer(text):
                entry = self._folded.get(m[0].casefold())
                if entry is not None:
                    found.append((m.start(), m[0], entry))
        hits: list[Hit] = []
        seen: set[str] = set()
        for _, written, entry in sorted(found, key=lambda f: f[0]):
            if entry.term_en not in seen:
                seen.add(entry.term_en)
                hits.append(Hit(written, entry))
        return hits

    def lookup(self, query: str, limit: int = 5) -> list[GlossaryEntry]:
        """Entries for a term: exact alias or term first, else those containing the words;
        the word as typed before any unmutated form of it."""
        typed = " ".join(query.translate(_APOSTROPHES).split()).casefold().strip(" ?.!")
        if not typed:
            return []
        forms = [typed, *radicals(typed)]

        def names(entry: GlossaryEntry) -> list[str]:
            short = [t.split(" (")[0] for t in (entry.term_en, entry.term_cy)]
            return [a.casefold() for a in (*entry.aliases, entry.term_en, entry.term_cy, *short)]

        for wanted in forms:
            exact = [e for e in self.entries if wanted in names(e)]
            if exact:
                return exact[:limit]
        if len(typed) < 3:
            return []
        for wanted in forms:
            found = [e for e in self.entries if any(wanted in n for n in names(e))]
            if found:
                return found[:limit]
        return []


@cache
def default_finder() -> Finder:
    return Finder(load_glossary())


def find(text: str) -> list[Hit]:
    return default_finder().find(text)


def lookup(query: str) -> list[GlossaryEntry]:
    return default_finder().lookup(query)
