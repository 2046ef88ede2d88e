"""The glossary in `data/glossary.csv`: jargon and acronyms, their Welsh forms, plain words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from typing import Final

from bot.datafiles import ReferenceDataError, Source, as_traversable, data_file, read_csv, require
from bot.i18n import Lang

FILE: Final = "glossary.csv"
ALIAS_SEPARATOR: Final = "|"
_COLUMNS: Final = ("term_en", "term_cy", "aliases", "plain_en", "plain_cy")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A term a coordinator might write, with its Welsh form and a plain alternative.

    ``aliases`` are the spellings to look for in a draft message (acronyms, full forms,
    plurals, Welsh forms). Short all-capital aliases such as ``GP``, ``RC``, ``SU`` or
    ``BILl`` are best matched case-sensitively, or they will catch ordinary words.
    """

    term_en: str
    term_cy: str
    aliases: tuple[str, ...]
    plain_en: str
    plain_cy: str

    def term(self, lang: Lang) -> str:
        return self.term_cy if lang == "cy" else self.term_en

    def plain(self, lang: Lang) -> str:
        return self.plain_cy if lang == "cy" else self.plain_en


def load_glossary(source: Source | None = None) -> list[GlossaryEntry]:
    """The glossary, in file order. Aliases are unique across the file, ignoring case."""
    if source is None:
        return list(_shipped())
    return list(_parse(as_traversable(source)))


@cache
def _shipped() -> tuple[GlossaryEntry, ...]:
    return _parse(data_file(FILE))


def _parse(source: Traversable) -> tuple[GlossaryEntry, ...]:
    entries: list[GlossaryEntry] = []
    alias_lines: dict[str, int] = {}
    for line, row in read_csv(source, _COLUMNS):
        aliases = tuple(alias.strip() for alias in row["aliases"].split(ALIAS_SEPARATOR))
        if not row["aliases"] or any(not alias for alias in aliases):
            raise ReferenceDataError(
                source, line, f"aliases must be a non-empty {ALIAS_SEPARATOR!r}-separated list"
            )
        for alias in aliases:
            key = alias.casefold()
            if key in alias_lines:
                raise ReferenceDataError(
                    source, line, f"duplicate alias {alias!r} (first on line {alias_lines[key]})"
                )
            alias_lines[key] = line
        entries.append(
            GlossaryEntry(
                term_en=require(source, line, "term_en", row["term_en"]),
                term_cy=require(source, line, "term_cy", row["term_cy"]),
                aliases=aliases,
                plain_en=require(source, line, "plain_en", row["plain_en"]),
                plain_cy=require(source, line, "plain_cy", row["plain_cy"]),
            )
        )
    if not entries:
        raise ReferenceDataError(source, None, "no glossary entries")
    return tuple(entries)
