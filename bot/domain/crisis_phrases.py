"""The phrases in `data/crisis_phrases.txt` that make the bot *offer* support lines (never block)."""

from __future__ import annotations

from functools import cache
from importlib.resources.abc import Traversable
from typing import Final

from bot.datafiles import ReferenceDataError, Source, as_traversable, data_file

FILE: Final = "crisis_phrases.txt"


def load_crisis_phrases(source: Source | None = None) -> list[str]:
    """Crisis phrases, in file order, with runs of whitespace collapsed to one space."""
    if source is None:
        return list(_shipped())
    return list(_parse(as_traversable(source)))


@cache
def _shipped() -> tuple[str, ...]:
    return _parse(data_file(FILE))


def _parse(source: Traversable) -> tuple[str, ...]:
    phrases: list[str] = []
    first_seen: dict[str, int] = {}
    with source.open(encoding="utf-8-sig") as handle:
        for line, raw in enumerate(handle, start=1):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            phrase = " ".join(stripped.split())
            if not any(char.isalpha() for char in phrase):
                raise ReferenceDataError(source, line, f"phrase {phrase!r} has no letters")
            key = phrase.casefold()
            if key in first_seen:
                raise ReferenceDataError(
                    source, line, f"duplicate phrase {phrase!r} (first on line {first_seen[key]})"
                )
            first_seen[key] = line
            phrases.append(phrase)
    if not phrases:
        raise ReferenceDataError(source, None, "no phrases")
    return tuple(phrases)
