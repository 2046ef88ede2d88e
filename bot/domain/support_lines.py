"""The support lines in `data/support_lines.json`: services that work in Wales, most urgent first."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources.abc import Traversable
from typing import Final, Literal, get_args

from bot.datafiles import (
    SLUG_RE,
    ReferenceDataError,
    Source,
    as_traversable,
    data_file,
    iso_date,
    require,
)
from bot.i18n import Lang

FILE: Final = "support_lines.json"
WelshLanguage = Literal["yes", "welsh-line", "unknown"]
WELSH_LANGUAGE_VALUES: Final[tuple[WelshLanguage, ...]] = get_args(WelshLanguage)
_WELSH_LANGUAGE: Final[dict[str, WelshLanguage]] = {value: value for value in WELSH_LANGUAGE_VALUES}
_TOP_KEYS: Final = frozenset({"checked_on", "review_by", "lines"})
_LINE_KEYS: Final = frozenset(
    {
        *("id", "name_cy", "name_en", "contact_cy", "contact_en", "hours_cy", "hours_en"),
        *("welsh_language", "notes_cy", "notes_en", "verified", "source"),
    }
)


@dataclass(frozen=True, slots=True)
class SupportLine:
    """A support service that works in Wales.

    ``verified`` is the date the project last checked the details against the sources
    named in ``source``; ``None`` means the details (usually the number) are NOT
    confirmed and must be checked before the line is shown to anyone.
    """

    id: str
    name_cy: str
    name_en: str
    contact_cy: str
    contact_en: str
    hours_cy: str
    hours_en: str
    welsh_language: WelshLanguage
    notes_cy: str
    notes_en: str
    verified: date | None
    source: str

    @property
    def is_verified(self) -> bool:
        return self.verified is not None

    def name(self, lang: Lang) -> str:
        return self.name_cy if lang == "cy" else self.name_en

    def contact(self, lang: Lang) -> str:
        return self.contact_cy if lang == "cy" else self.contact_en

    def hours(self, lang: Lang) -> str:
        return self.hours_cy if lang == "cy" else self.hours_en

    def notes(self, lang: Lang) -> str:
        return self.notes_cy if lang == "cy" else self.notes_en


@dataclass(frozen=True, slots=True)
class SupportDirectory:
    """The whole file: the lines plus when they must be rechecked."""

    checked_on: date
    review_by: date
    lines: tuple[SupportLine, ...]

    def needs_review(self, today: date) -> bool:
        """True once ``review_by`` has arrived; pass today's date in the bot's timezone."""
        return today >= self.review_by


def load_support_directory(source: Source | None = None) -> SupportDirectory:
    """Support lines with their ``checked_on`` and ``review_by`` dates."""
    if source is None:
        return _shipped()
    return _parse(as_traversable(source))


def load_support_lines(source: Source | None = None) -> list[SupportLine]:
    """Support lines, most urgent first (file order)."""
    return list(load_support_directory(source).lines)


@cache
def _shipped() -> SupportDirectory:
    return _parse(data_file(FILE))


def _json_line(text: str, entry_id: object) -> int | None:
    """Best-effort line number of the entry with this id, for error messages."""
    if not isinstance(entry_id, str) or not entry_id:
        return None
    match = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(entry_id)), text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _parse_line(source: Traversable, line: int | None, raw: dict[str, object]) -> SupportLine:
    missing = _LINE_KEYS - raw.keys()
    unknown = raw.keys() - _LINE_KEYS
    if missing or unknown:
        raise ReferenceDataError(
            source, line, f"missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"
        )

    def text(field: str) -> str:
        value = raw[field]
        if not isinstance(value, str):
            raise ReferenceDataError(source, line, f"{field} must be a string")
        return require(source, line, field, value.strip())

    entry_id = text("id")
    if SLUG_RE.fullmatch(entry_id) is None:
        raise ReferenceDataError(source, line, f"id {entry_id!r} must be a lower-case slug")
    welsh = raw["welsh_language"]
    welsh_language = _WELSH_LANGUAGE.get(welsh) if isinstance(welsh, str) else None
    if welsh_language is None:
        raise ReferenceDataError(
            source, line, f"welsh_language must be one of {WELSH_LANGUAGE_VALUES}, got {welsh!r}"
        )
    verified_raw = raw["verified"]
    verified = None if verified_raw is None else iso_date(source, line, "verified", verified_raw)
    return SupportLine(
        id=entry_id,
        name_cy=text("name_cy"),
        name_en=text("name_en"),
        contact_cy=text("contact_cy"),
        contact_en=text("contact_en"),
        hours_cy=text("hours_cy"),
        hours_en=text("hours_en"),
        welsh_language=welsh_language,
        notes_cy=text("notes_cy"),
        notes_en=text("notes_en"),
        verified=verified,
        source=text("source"),
    )


def _parse(source: Traversable) -> SupportDirectory:
    text = source.read_text(encoding="utf-8-sig")
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(source, exc.lineno, f"bad JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or data.keys() != _TOP_KEYS:
        raise ReferenceDataError(
            source, 1, f"expected an object with exactly the keys {sorted(_TOP_KEYS)}"
        )
    checked_on = iso_date(source, None, "checked_on", data["checked_on"])
    review_by = iso_date(source, None, "review_by", data["review_by"])
    if review_by <= checked_on:
        raise ReferenceDataError(source, None, "review_by must be after checked_on")
    raw_lines = data["lines"]
    if not isinstance(raw_lines, list) or not raw_lines:
        raise ReferenceDataError(source, None, "lines must be a non-empty list")

    lines: list[SupportLine] = []
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(raw_lines):
        if not isinstance(raw, dict):
            raise ReferenceDataError(source, None, f"lines[{index}] must be an object")
        line = _json_line(text, raw.get("id"))
        try:
            support_line = _parse_line(source, line, raw)
        except ReferenceDataError as exc:
            if line is not None:
                raise
            raise ReferenceDataError(source, None, f"lines[{index}]: {exc.problem}") from exc
        if support_line.id in first_seen:
            first = first_seen[support_line.id]
            raise ReferenceDataError(
                source, line, f"duplicate id {support_line.id!r} (first is lines[{first}])"
            )
        first_seen[support_line.id] = index
        lines.append(support_line)
    return SupportDirectory(checked_on=checked_on, review_by=review_by, lines=tuple(lines))
