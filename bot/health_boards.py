"""The seed constituencies in `data/constituencies.csv`: the seven health board areas of Wales."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from typing import Final

from bot.datafiles import (
    SLUG_RE,
    ReferenceDataError,
    Source,
    as_traversable,
    data_file,
    read_csv,
    require,
)
from bot.i18n import Lang

FILE: Final = "constituencies.csv"
_COLUMNS: Final = ("slug", "name_cy", "name_en")


@dataclass(frozen=True, slots=True)
class ConstituencySeed:
    """A constituency to create on first run (a health board area)."""

    slug: str
    name_cy: str
    name_en: str

    def name(self, lang: Lang) -> str:
        return self.name_cy if lang == "cy" else self.name_en


def load_constituencies(source: Source | None = None) -> list[ConstituencySeed]:
    """The seed constituencies, in file order (the shipped file unless `source` is given)."""
    if source is None:
        return list(_shipped())
    return list(_parse(as_traversable(source)))


@cache
def _shipped() -> tuple[ConstituencySeed, ...]:
    return _parse(data_file(FILE))


def _parse(source: Traversable) -> tuple[ConstituencySeed, ...]:
    seeds: list[ConstituencySeed] = []
    seen: dict[str, int] = {}
    for line, row in read_csv(source, _COLUMNS):
        slug = require(source, line, "slug", row["slug"])
        if SLUG_RE.fullmatch(slug) is None:
            raise ReferenceDataError(
                source, line, f"slug {slug!r} must be lower-case ASCII words joined by '-'"
            )
        seed = ConstituencySeed(
            slug=slug,
            name_cy=require(source, line, "name_cy", row["name_cy"]),
            name_en=require(source, line, "name_en", row["name_en"]),
        )
        for key in (
            f"slug:{slug}",
            f"cy:{seed.name_cy.casefold()}",
            f"en:{seed.name_en.casefold()}",
        ):
            if key in seen:
                raise ReferenceDataError(
                    source, line, f"duplicate {key.split(':', 1)[0]} (first on line {seen[key]})"
                )
            seen[key] = line
        seeds.append(seed)
    if not seeds:
        raise ReferenceDataError(source, None, "no constituencies")
    return tuple(seeds)
