"""Reading a date and time typed in Welsh or English, for a meeting.

    reading = read_when("ddydd Iau nesaf am 2", now=now, tz=ZoneInfo("Europe/London"))
    match reading:
        case When(at=at, time_given=True):   # at: aware, UTC (14:00 London, as UTC)
            ...
        case Unread(problem=problem):        # Problem.BAD_DATE for "32 Rhagfyr"
            ...

The person always sees the date back in full, with its weekday, before anything is saved,
and a button picker is offered to anyone this cannot read: it reads the common forms well
rather than every form. How it reads:

1. `when_words.normalise`: lower case, accents folded, ordinals dropped ("3ydd", "3rd").
2. `when_clock.take_time` takes the time out ("am 2", "2.30yp", "14:00", "half past 2") and
   applies the rule for an hour alone (1 to 7 is the afternoon; see `when_clock`).
3. Welsh words become the English words dateparser reads without doubt, mutations
   included ("ddydd Iau", "nos Fawrth", "o Ragfyr", "yn Nhachwedd"); "nesaf" is dropped
   (the coming Tuesday is the next Tuesday); "Mawrth" is March after a day number or
   "mis" ("3 Mawrth"), and Tuesday after "dydd"/"nos", beside another month ("Mawrth 3
   Rhagfyr") or otherwise alone ("Mawrth am 2").
4. A day and month are checked before dateparser sees them (it reads "32 Rhagfyr" as
   December 2032 and "12/13/2026" month first); dates are day first ("3/12/2026" is 3
   December).
5. dateparser (languages en and cy, dates preferred in the future) reads the date. A weekday
   alone is the next such day after today ("dydd Llun" on a Monday is a week today). A day
   and month without a year are the next time that date comes, today included.
6. A weekday typed beside a date it does not match ("dydd Mawrth 3 Rhagfyr 2026", a
   Thursday) is kept and noted (`Note.WEEKDAY_MISMATCH`): the person says which they meant.
7. The local time must exist: 01:30 on the night the clocks go forward does not
   (`Problem.NO_SUCH_TIME`); on the night they go back, 01:30 happens twice and the first
   (still summer time) is taken, with `Note.REPEATED_HOUR`. A time already past, or more
   than two years ahead, is refused.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

from bot.domain.when_clock import ClockError, Meridiem, resolve, take_time
from bot.domain.when_words import (
    DAY_WORDS,
    FILLERS,
    LATER,
    MAWRTH,
    MONTH_NAMES,
    MONTH_WORDS,
    MONTHS,
    MORNING,
    NEXT,
    RELATIVE,
    WEEKDAY_NAMES,
    WEEKDAYS,
    normalise,
)

MAX_CHARS = 120  # "dydd Mawrth nesaf am hanner awr wedi dau y prynhawn" is 52
MAX_AHEAD = timedelta(days=731)


class Problem(Enum):
    """Why a text could not be read as a date and time."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    UNREADABLE = "unreadable"  # no date we can read in it ("sometime", "dydd Mawrth 2")
    NO_DAY = "no_day"  # a time, a month or a week, but not which day ("am 2", "Rhagfyr")
    BAD_DATE = "bad_date"  # a day that doesn't exist: "32 Rhagfyr", "30/2", "3/13/2026"
    BAD_TIME = "bad_time"  # "25:00", "14:75", "14am"
    TWO_TIMES = "two_times"  # "14:00-16:00": the start only, please
    TWO_DAYS = "two_days"  # "dydd Llun dydd Mawrth"
    NO_SUCH_TIME = "no_such_time"  # skipped when the clocks go forward (01:30 that night)
    PAST = "past"
    TOO_FAR = "too_far"  # more than two years ahead: "3/12/2062" is likely a slip


class Note(Enum):
    """Something the confirmation should point out."""

    WEEKDAY_MISMATCH = "weekday_mismatch"  # `When.weekday` is not the date's weekday
    AFTERNOON_ASSUMED = "afternoon_assumed"  # "am 2" read as 14:00
    REPEATED_HOUR = "repeated_hour"  # clocks go back: the first of the two was taken


@dataclass(frozen=True, slots=True)
class When:
    """A date read: `at` is aware and in UTC; without a time, the start of the local day."""

    at: datetime
    time_given: bool
    weekday: int | None = None  # the weekday typed, Monday 0, if any
    notes: frozenset[Note] = frozenset()


@dataclass(frozen=True, slots=True)
class Unread:
    problem: Problem


Reading = When | Unread


@dataclass(frozen=True, slots=True)
class _Words:
    text: str  # for dateparser: "3 december 2026", "tomorrow", "in 3 days"
    weekday: int | None
    next_week: bool  # "dydd Mawrth yr wythnos nesaf", "Tuesday next week"


def read_when(text: str, *, now: datetime, tz: ZoneInfo) -> Reading:
    """What date and time `text` means, typed at `now` (aware) by someone in `tz`."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if not text.strip():
        return Unread(Problem.EMPTY)
    if len(text) > MAX_CHARS:
        return Unread(Problem.TOO_LONG)
    typed, rest = take_time(normalise(text))
    if isinstance(typed, ClockError):
        return Unread(Problem(typed.value))
    words = rest.replace("'", " ").split()
    clock = resolve(typed, _hint(words)) if typed else None
    if isinstance(clock, ClockError):
        return Unread(Problem(clock.value))
    read = _words(words)
    if isinstance(read, Problem):
        return Unread(read)
    local_now = now.astimezone(tz)
    day = _day(read, local_now, has_time=clock is not None)
    if isinstance(day, Problem):
        return Unread(day)
    found, library_time = day
    notes: set[Note] = set()
    if read.weekday is not None and found.weekday() != read.weekday:
        notes.add(Note.WEEKDAY_MISMATCH)
    if found > local_now.date() + MAX_AHEAD:
        return Unread(Problem.TOO_FAR)
    if clock is None and library_time is None:
        if found < local_now.date():
            return Unread(Problem.PAST)
        start = datetime.combine(found, time(0), tzinfo=tz)
        return When(start.astimezone(UTC), False, read.weekday, frozenset(notes))
    if clock is not None:
        wall = time(clock.hour, clock.minute)
        if clock.afternoon_assumed:
            notes.add(Note.AFTERNOON_ASSUMED)
    else:
        assert library_time is not None
        wall = library_time
    local = datetime.combine(found, wall, tzinfo=tz)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        return Unread(Problem.NO_SUCH_TIME)
    if local.replace(fold=1).utcoffset() != local.utcoffset():
        notes.add(Note.REPEATED_HOUR)
    if local <= now:
        return Unread(Problem.PAST)
    return When(local.astimezone(UTC), True, read.weekday, frozenset(notes))


def warm_up() -> None:
    """Load dateparser's language data now (about 0.1 s), not on the first person's date."""
    _parser(datetime(2026, 1, 1)).get_date_data("3 december 2026")  # noqa: DTZ001 (dateparser's base is naive local time)


def _hint(words: list[str]) -> Meridiem | None:
    morning, later = any(w in MORNING for w in words), any(w in LATER for w in words)
    if morning == later:
        return None
    return "am" if morning else "pm"


def _words(words: list[str]) -> _Words | Problem:
    out: list[str] = []
    weekdays: set[int] = set()
    said_next = False
    for i, word in enumerate(words):
        if word in MAWRTH:
            word = "tuesday" if _is_tuesday(words, i) else "march"
        if word in WEEKDAYS:
            weekdays.add(WEEKDAYS[word])
        elif word in MONTHS:
            out.append(MONTH_NAMES[MONTHS[word] - 1])
        elif word in RELATIVE:
            out.append(RELATIVE[word])
        elif word in NEXT:
            said_next = True
        elif word not in FILLERS and word not in DAY_WORDS | MORNING | LATER:
            out.append(word)
    if len(weekdays) > 1:
        return Problem.TWO_DAYS
    weekday = next(iter(weekdays), None)
    a_week = out in ([], ["wythnos"], ["week"], ["month"])
    if said_next and a_week and weekday is None:
        return Problem.NO_DAY  # "wythnos nesaf", "next month": which day?
    next_week = said_next and a_week and out != []
    if next_week:
        out = []
    return _Words(" ".join(out), weekday, next_week)


def _is_tuesday(words: list[str], i: int) -> bool:
    """Is "Mawrth" at `i` Tuesday (rather than March)? See the module docstring."""
    before = words[i - 1] if i else ""
    if before in DAY_WORDS:
        return True
    if before in MONTH_WORDS | {"ym"} or before.isdigit():
        return False
    if before == "o" and i > 1 and words[i - 2].isdigit():
        return False
    if any(w in MONTHS for w in words):
        return True
    return not (i + 1 < len(words) and words[i + 1].isdigit())


_MONTH = "|".join(MONTH_NAMES)
_DAY_MONTH = re.compile(rf"\b(?P<d>\d+) (?P<m>{_MONTH})(?: (?P<y>\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH}) (?P<d>\d+)(?: (?P<y>\d{{4}}))?\b")
_NUMERIC = re.compile(r"\b(?P<d>\d+)([/.-])(?P<m>\d+)(?:\2(?P<y>\d{4}|\d{2}))?\b")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")


def _explicit(text: str) -> tuple[int, int, int | None] | Problem | None:
    """The day, month and year typed, checked: a Problem if that day does not exist."""
    match = _ISO.search(text) or _NUMERIC.search(text)
    match = match or _DAY_MONTH.search(text) or _MONTH_DAY.search(text)
    if match is None:
        return None
    m = match["m"]
    month = int(m) if m.isdigit() else MONTH_NAMES.index(m) + 1
    day, year = int(match["d"]), int(match["y"]) if match["y"] else None
    if year is not None and year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]):
        return Problem.BAD_DATE  # 2000 was a leap year: 29 February without a year may be
    return day, month, year


def _day(
    read: _Words, local_now: datetime, *, has_time: bool
) -> tuple[date, time | None] | Problem:
    """The local date, and a time if dateparser found one we did not ("ymhen 2 awr")."""
    today = local_now.date()
    if read.next_week:
        assert read.weekday is not None
        return today + timedelta(days=7 - today.weekday() + read.weekday), None
    text = read.text or (WEEKDAY_NAMES[read.weekday] if read.weekday is not None else "")
    if not text:
        return Problem.NO_DAY if has_time else Problem.UNREADABLE
    if text.isdigit():
        return Problem.UNREADABLE  # a number alone: a day of which month? or an hour?
    explicit = _explicit(text)
    if isinstance(explicit, Problem):
        return explicit
    try:
        data = _parser(local_now.replace(tzinfo=None)).get_date_data(text)
    except (ValueError, OverflowError):  # "ymhen 99999999 diwrnod"
        return Problem.UNREADABLE
    if data.date_obj is None:
        return Problem.UNREADABLE
    if data.period not in ("day", "time"):
        return Problem.NO_DAY
    found = data.date_obj.date()
    if explicit is not None:
        day, month, year = explicit
        if (found.day, found.month) != (day, month):
            return Problem.UNREADABLE  # dateparser read it another way round: don't guess
        if year is None and (month, day) == (today.month, today.day):
            found = today  # "30 Tachwedd" typed on 30 November: today, not next year
    return found, data.date_obj.time() if data.period == "time" else None


def _parser(base: datetime) -> DateDataParser:
    # One per reading: RELATIVE_BASE is a setting. Building one costs about 0.1 ms.
    return DateDataParser(
        languages=["en", "cy"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": base,
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
