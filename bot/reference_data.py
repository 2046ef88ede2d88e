"""Typed loaders for the project's own reference data in ``data/``.

Four files, all edited by hand and reviewed like code:

* ``constituencies.csv``: the seven health board areas of Wales, seeded as constituencies.
* ``glossary.csv``: jargon and acronyms with Welsh forms and plain-language alternatives.
* ``support_lines.json``: crisis and support services that work in Wales, most urgent first.
* ``crisis_phrases.txt``: phrases that make the bot *offer* support lines (never block).

Every loader validates while it reads and raises :class:`ReferenceDataError` (a
``ValueError``) naming the file and line of the first bad row, so a broken edit fails at
start-up or in the tests rather than in front of a member. Loading from the default path
is cached; pass an explicit ``path`` to read another file (tests, operator checks).

No SQL and no Telegram here: callers decide how to store or show the data.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Final, Literal, TypeAlias, get_args

Lang = Literal["cy", "en"]
WelshLanguage = Literal["yes", "welsh-line", "unknown"]
StrPath: TypeAlias = str | os.PathLike[str]

DATA_DIR: Final = Path(__file__).resolve().parent.parent / "data"
CONSTITUENCIES_FILE: Final = DATA_DIR / "constituencies.csv"
GLOSSARY_FILE: Final = DATA_DIR / "glossary.csv"
SUPPORT_LINES_FILE: Final = DATA_DIR / "support_lines.json"
CRISIS_PHRASES_FILE: Final = DATA_DIR / "crisis_phrases.txt"

ALIAS_SEPARATOR: Final = "|"
WELSH_LANGUAGE_VALUES: Final[tuple[WelshLanguage, ...]] = get_args(WelshLanguage)
_WELSH_LANGUAGE: Final[dict[str, WelshLanguage]] = {value: value for value in WELSH_LANGUAGE_VALUES}

_SLUG_RE: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")

_CONSTITUENCY_COLUMNS: Final = ("slug", "name_cy", "name_en")
_GLOSSARY_COLUMNS: Final = ("term_en", "term_cy", "aliases", "plain_en", "plain_cy")
_SUPPORT_TOP_KEYS: Final = frozenset({"checked_on", "review_by", "lines"})
_SUPPORT_LINE_KEYS: Final = frozenset(
    {
        "id",
        "name_cy",
        "name_en",
        "contact_cy",
        "contact_en",
        "hours_cy",
        "hours_en",
        "welsh_language",
        "notes_cy",
        "notes_en",
        "verified",
        "source",
    }
)


class ReferenceDataError(ValueError):
    """A reference data file is malformed; the message names the file and line."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class ConstituencySeed:
    """A constituency to create on first run (a health board area)."""

    slug: str
    name_cy: str
    name_en: str

    def name(self, lang: Lang) -> str:
        return self.name_cy if lang == "cy" else self.name_en


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
    """The whole of ``support_lines.json``: the lines plus when they must be rechecked."""

    checked_on: date
    review_by: date
    lines: tuple[SupportLine, ...]

    def needs_review(self, today: date) -> bool:
        """True once ``review_by`` has arrived; pass today's date in the bot's timezone."""
        return today >= self.review_by


# --------------------------------------------------------------------------- public API


def load_constituencies(path: StrPath | None = None) -> list[ConstituencySeed]:
    """The seed constituencies, in file order."""
    if path is None:
        return list(_default_constituencies())
    return list(_parse_constituencies(Path(path)))


def load_glossary(path: StrPath | None = None) -> list[GlossaryEntry]:
    """The glossary, in file order. Aliases are unique across the file, ignoring case."""
    if path is None:
        return list(_default_glossary())
    return list(_parse_glossary(Path(path)))


def load_support_directory(path: StrPath | None = None) -> SupportDirectory:
    """Support lines with their ``checked_on`` and ``review_by`` dates."""
    if path is None:
        return _default_support_directory()
    return _parse_support_directory(Path(path))


def load_support_lines(path: StrPath | None = None) -> list[SupportLine]:
    """Support lines, most urgent first (file order)."""
    return list(load_support_directory(path).lines)


def load_crisis_phrases(path: StrPath | None = None) -> list[str]:
    """Crisis phrases, in file order, with runs of whitespace collapsed to one space."""
    if path is None:
        return list(_default_crisis_phrases())
    return list(_parse_crisis_phrases(Path(path)))


def clear_caches() -> None:
    """Forget cached default files (after an operator edits them, or in tests)."""
    _default_constituencies.cache_clear()
    _default_glossary.cache_clear()
    _default_support_directory.cache_clear()
    _default_crisis_phrases.cache_clear()


@cache
def _default_constituencies() -> tuple[ConstituencySeed, ...]:
    return _parse_constituencies(CONSTITUENCIES_FILE)


@cache
def _default_glossary() -> tuple[GlossaryEntry, ...]:
    return _parse_glossary(GLOSSARY_FILE)


@cache
def _default_support_directory() -> SupportDirectory:
    return _parse_support_directory(SUPPORT_LINES_FILE)


@cache
def _default_crisis_phrases() -> tuple[str, ...]:
    return _parse_crisis_phrases(CRISIS_PHRASES_FILE)


# --------------------------------------------------------------------------- parsers


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, stripped fields); blank lines are skipped."""
    rows: list[tuple[int, dict[str, str]]] = []
    # utf-8-sig: tolerate the byte-order mark spreadsheet programs add.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise ReferenceDataError(path, None, "empty file, expected a header row")
            if tuple(cell.strip() for cell in header) != columns:
                raise ReferenceDataError(
                    path, 1, f"expected columns {','.join(columns)}, got {','.join(header)}"
                )
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    raise ReferenceDataError(
                        path, line, f"expected {len(columns)} fields, got {len(row)}"
                    )
                fields = dict(zip(columns, (cell.strip() for cell in row), strict=True))
                rows.append((line, fields))
        except csv.Error as exc:
            raise ReferenceDataError(path, reader.line_num, f"bad CSV: {exc}") from exc
    return rows


def _require(path: Path, line: int | None, field: str, value: str) -> str:
    if not value:
        raise ReferenceDataError(path, line, f"{field} is empty")
    return value


def _parse_constituencies(path: Path) -> tuple[ConstituencySeed, ...]:
    seeds: list[ConstituencySeed] = []
    seen: dict[str, int] = {}
    for line, row in _read_csv(path, _CONSTITUENCY_COLUMNS):
        slug = _require(path, line, "slug", row["slug"])
        if _SLUG_RE.fullmatch(slug) is None:
            raise ReferenceDataError(
                path, line, f"slug {slug!r} must be lower-case ASCII words joined by '-'"
            )
        seed = ConstituencySeed(
            slug=slug,
            name_cy=_require(path, line, "name_cy", row["name_cy"]),
            name_en=_require(path, line, "name_en", row["name_en"]),
        )
        for key in (
            f"slug:{slug}",
            f"cy:{seed.name_cy.casefold()}",
            f"en:{seed.name_en.casefold()}",
        ):
            if key in seen:
                raise ReferenceDataError(
                    path, line, f"duplicate {key.split(':', 1)[0]} (first on line {seen[key]})"
                )
            seen[key] = line
        seeds.append(seed)
    if not seeds:
        raise ReferenceDataError(path, None, "no constituencies")
    return tuple(seeds)


def _parse_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    entries: list[GlossaryEntry] = []
    alias_lines: dict[str, int] = {}
    for line, row in _read_csv(path, _GLOSSARY_COLUMNS):
        aliases = tuple(alias.strip() for alias in row["aliases"].split(ALIAS_SEPARATOR))
        if not row["aliases"] or any(not alias for alias in aliases):
            raise ReferenceDataError(
                path, line, f"aliases must be a non-empty {ALIAS_SEPARATOR!r}-separated list"
            )
        for alias in aliases:
            key = alias.casefold()
            if key in alias_lines:
                raise ReferenceDataError(
                    path, line, f"duplicate alias {alias!r} (first on line {alias_lines[key]})"
                )
            alias_lines[key] = line
        entries.append(
            GlossaryEntry(
                term_en=_require(path, line, "term_en", row["term_en"]),
                term_cy=_require(path, line, "term_cy", row["term_cy"]),
                aliases=aliases,
                plain_en=_require(path, line, "plain_en", row["plain_en"]),
                plain_cy=_require(path, line, "plain_cy", row["plain_cy"]),
            )
        )
    if not entries:
        raise ReferenceDataError(path, None, "no glossary entries")
    return tuple(entries)


def _iso_date(path: Path, line: int | None, field: str, value: object) -> date:
    if not isinstance(value, str) or _ISO_DATE_RE.fullmatch(value) is None:
        raise ReferenceDataError(path, line, f"{field} must be a YYYY-MM-DD date, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ReferenceDataError(path, line, f"{field}: {exc}") from exc


def _json_line(text: str, entry_id: object) -> int | None:
    """Best-effort line number of the entry with this id, for error messages."""
    if not isinstance(entry_id, str) or not entry_id:
        return None
    match = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(entry_id)), text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _parse_support_line(path: Path, line: int | None, raw: dict[str, object]) -> SupportLine:
    missing = _SUPPORT_LINE_KEYS - raw.keys()
    unknown = raw.keys() - _SUPPORT_LINE_KEYS
    if missing or unknown:
        raise ReferenceDataError(
            path, line, f"missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"
        )

    def text(field: str) -> str:
        value = raw[field]
        if not isinstance(value, str):
            raise ReferenceDataError(path, line, f"{field} must be a string")
        return _require(path, line, field, value.strip())

    entry_id = text("id")
    if _SLUG_RE.fullmatch(entry_id) is None:
        raise ReferenceDataError(path, line, f"id {entry_id!r} must be a lower-case slug")
    welsh = raw["welsh_language"]
    welsh_language = _WELSH_LANGUAGE.get(welsh) if isinstance(welsh, str) else None
    if welsh_language is None:
        raise ReferenceDataError(
            path, line, f"welsh_language must be one of {WELSH_LANGUAGE_VALUES}, got {welsh!r}"
        )
    verified_raw = raw["verified"]
    verified = None if verified_raw is None else _iso_date(path, line, "verified", verified_raw)
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


def _parse_support_directory(path: Path) -> SupportDirectory:
    text = path.read_text(encoding="utf-8-sig")
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(path, exc.lineno, f"bad JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or data.keys() != _SUPPORT_TOP_KEYS:
        raise ReferenceDataError(
            path, 1, f"expected an object with exactly the keys {sorted(_SUPPORT_TOP_KEYS)}"
        )
    checked_on = _iso_date(path, None, "checked_on", data["checked_on"])
    review_by = _iso_date(path, None, "review_by", data["review_by"])
    if review_by <= checked_on:
        raise ReferenceDataError(path, None, "review_by must be after checked_on")
    raw_lines = data["lines"]
    if not isinstance(raw_lines, list) or not raw_lines:
        raise ReferenceDataError(path, None, "lines must be a non-empty list")

    lines: list[SupportLine] = []
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(raw_lines):
        if not isinstance(raw, dict):
            raise ReferenceDataError(path, None, f"lines[{index}] must be an object")
        line = _json_line(text, raw.get("id"))
        try:
            support_line = _parse_support_line(path, line, raw)
        except ReferenceDataError as exc:
            if line is not None:
                raise
            raise ReferenceDataError(path, None, f"lines[{index}]: {exc.problem}") from exc
        if support_line.id in first_seen:
            raise ReferenceDataError(
                path,
                line,
                f"duplicate id {support_line.id!r} (first is lines[{first_seen[support_line.id]}])",
            )
        first_seen[support_line.id] = index
        lines.append(support_line)
    return SupportDirectory(checked_on=checked_on, review_by=review_by, lines=tuple(lines))


def _parse_crisis_phrases(path: Path) -> tuple[str, ...]:
    phrases: list[str] = []
    first_seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig") as handle:
        for line, raw in enumerate(handle, start=1):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            phrase = " ".join(stripped.split())
            if not any(char.isalpha() for char in phrase):
                raise ReferenceDataError(path, line, f"phrase {phrase!r} has no letters")
            key = phrase.casefold()
            if key in first_seen:
                raise ReferenceDataError(
                    path, line, f"duplicate phrase {phrase!r} (first on line {first_seen[key]})"
                )
            first_seen[key] = line
            phrases.append(phrase)
    if not phrases:
        raise ReferenceDataError(path, None, "no phrases")
    return tuple(phrases)
