"""Reading a day, or a month, typed in Welsh or English: "since when" and "review on".

    read_since("ers Mawrth 2021", today)  -> Since(2021, 3)       (a year, a month or a day)
    read_day("3/6/2027", today)           -> date(2027, 6, 3)     (day first, as in Wales)
    since_text(Since(2021, 3), "cy")      -> "Mawrth 2021"

Pure: no Telegram, no storage. A declared interest says since when (people remember the
month or the year more often than the day, so any of the three will do); an outcome's
review is a day. Day-first dates only ("3/6/2027" is 3 June). Mutated Welsh month names
("o Fawrth", "yn Nhachwedd") read as the month. Whoever typed it always sees the date read
back in full before it is saved. Dates in the future are refused by `read_since`; the
caller decides how far ahead a review may be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date, format_skeleton, get_month_names

_LEADING = {"since", "from", "in", "on", "ers", "o", "yn", "ym", "yng", "ar", "the", "y"}
_ORDINAL = r"(?:st|nd|rd|th|af|il|ydd|edd|fed|eg|ed)?"
# Soft and nasal mutations of the Welsh month names, as they follow "o", "i" and "yn".
_MUTATED = {
    "fawrth": 3,
    "fai": 5,
    "fehefin": 6,
    "orffennaf": 7,
    "ngorffennaf": 7,
    "fedi": 9,
    "dachwedd": 11,
    "nhachwedd": 11,
    "ragfyr": 12,
}
MAX_CHARS = 40


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month_words() -> dict[str, int]:
    words = dict(_MUTATED)
    for locale in ("cy", "en_GB"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                words[_fold(str(name)).rstrip(".")] = int(number)
    words["sep"] = 9
    return words


MONTHS = _month_words()


@dataclass(frozen=True, slots=True)
class Since:
    """A year, a month of a year, or a day: as precisely as the person said it."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_text(self) -> str:
        """'2021', '2021-03' or '2021-03-05': sorts like a date, stored as is."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_text(cls, text: str) -> Since:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


def _words(text: str) -> list[str]:
    cleaned = re.sub(r"[,']", " ", _fold(text.strip()))
    words = cleaned.split()
    while words and words[0] in _LEADING:
        words.pop(0)
    return words


def _year(text: str, today: date) -> int | None:
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"\d{2}", text):  # '21' is 2021; '98' is 1998
        year = 2000 + int(text)
        return year if year <= today.year + 2 else year - 100
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parts(text: str, today: date) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) as typed, any of them missing; None if it can't be read."""
    if len(text) > MAX_CHARS:
        return None
    words = _words(text)
    joined = " ".join(words)
    if match := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", joined):
        year, month, day = match.groups()
        return int(year), int(month) if month else None, int(day) if day else None
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", joined):
        day, month, year = match.groups()
        # '3/2021' is a month: a second number of four digits is a year, not a month
        return (None if year is None else _year(year, today)), int(month), int(day)
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", joined):
        return int(match.group(2)), int(match.group(1)), None
    if match := re.fullmatch(rf"(\d{{1,2}}){_ORDINAL}\s+([a-z]+)\.?(?:\s+(\d{{2,4}}))?", joined):
        day, name, year = match.groups()
        if name not in MONTHS:
            return None
        return (None if year is None else _year(year, today)), MONTHS[name], int(day)
    if match := re.fullmatch(rf"([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL}\s+(\d{{4}})", joined):
        name, day, year = match.groups()
        if name not in MONTHS:
            return None
        return int(year), MONTHS[name], int(day)
    if match := re.fullmatch(r"(?:mis\s+)?([a-z]+)\.?\s+(\d{2,4})", joined):
        name, year = match.groups()
        if name not in MONTHS:
            return None
        return _year(year, today), MONTHS[name], None
    return None


def read_since(text: str, today: date) -> Since | None:
    """A year, a month or a day, not after today; None if it can't be read as one."""
    found = _parts(text, today)
    if found is None:
        return None
    year, month, day = found
    if year is None or year < 1900 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and (month is None or _valid(year, month, day) is None):
        return None
    since = Since(year, month, day)
    latest = Since(today.year, today.month if month else None, today.day if day else None)
    return since if since.as_text() <= latest.as_text() else None


def read_day(text: str, today: date) -> date | None:
    """A whole day; without a year, the next time that day comes (today included)."""
    found = _parts(text, today)
    if found is None:
        return None
    year, month, day = found
    if month is None or day is None:
        return None
    if year is not None:
        return _valid(year, month, day)
    this_year = _valid(today.year, month, day)
    if this_year is not None and this_year >= today:
        return this_year
    return _valid(today.year + 1, month, day)


def read_past_day(text: str, today: date) -> date | None:
    """A whole day not after today; without a year, the latest such day (today included)."""
    found = _parts(text, today)
    if found is None:
        return None
    year, month, day = found
    if month is None or day is None:
        return None
    if year is not None:
        chosen = _valid(year, month, day)
        return chosen if chosen is not None and chosen <= today else None
    for candidate in (today.year, today.year - 1):
        chosen = _valid(candidate, month, day)
        if chosen is not None and chosen <= today:
            return chosen
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter (31 Jan + 1: 28 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        found = _valid(year, month, min(day.day, last))
        if found is not None:
            return found
    raise AssertionError("every month has a 28th")


def since_text(since: Since, locale: str) -> str:
    """'2021', 'March 2021' / 'Mawrth 2021', or '5 March 2021' / '5 Mawrth 2021'."""
    if since.month is None:
        return str(since.year)
    if since.day is None:
        return str(format_skeleton("yMMMM", since.first_day(), locale=locale))
    return str(format_date(since.first_day(), format="long", locale=locale))


__all__ = [
    "MONTHS",
    "Since",
    "add_months",
    "read_day",
    "read_past_day",
    "read_since",
    "since_text",
]
