"""The time of day in a typed date, read before the date itself (a helper of `when`).

dateparser's Welsh data reads "am" as a.m., so "am 2" ("at 2") becomes 02:00, and it loses
the time in "heddiw am 3pm". The time is therefore found here, in the normalised text, and
taken out before the rest goes to dateparser.

A number is a time when something says so: "am"/"at"/"@" before it ("am 2", "at 10"), minutes
("14:00", "2.30"), a.m./p.m. ("2pm", "2.30yp", "10yb"), "o'r gloch"/"o'clock", a part of the
day ("2 y prynhawn", "10 in the morning"), or "hanner awr wedi"/"half past" and the quarters.
"3 Rhagfyr" and "am 3 Rhagfyr" are dates, not times.

**An hour alone from 1 to 7** ("am 2", "at 5", "2.30") is read as afternoon or evening
(14:00, 17:00, 14:30): nobody calls a meeting at 2 in the morning, and "am 2" is how people
say 2 in the afternoon. 8 to 12 stay as they are (8 in the morning to noon); 13 to 23 and
zero-padded times ("02:00") are the 24-hour clock. A part of the day named anywhere in the
text ("bore fory am 7", "nos Fawrth am 7", "tonight at 8") settles it instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from bot.domain.when_words import HOUR_WORDS, MAWRTH, MONTHS, MORNING

AFTERNOON_FROM, AFTERNOON_UNTIL = 1, 7

Meridiem = Literal["am", "pm"]

_HOUR = "|".join(sorted(HOUR_WORDS, key=len, reverse=True)).replace(" ", r"\s")
_MERIDIEM = (
    r"am(?!\s*\d)|pm|yb|yh|yp|(?:yn\s)?y\sbore|(?:yn\s)?y\sp(?:ryn)?hawn|yr\shwyr|y\snos"
    r"|gyda'?r\snos|in\sthe\s(?:morning|afternoon|evening)|at\snight"
)
_QUARTERS = r"hanner\sawr\swedi|hanner\swedi|half\spast|chwarter\swedi|quarter\spast|chwarter\si|quarter\sto"
_NOON = r"hanner\sdydd|canol\sdydd|ganol\sdydd|midday|noon|12\snoon"
_TIME = re.compile(
    rf"(?<![\w/.:'-])(?P<at>(?:am|at)\s|@\s?)?"
    rf"(?:(?P<noon>{_NOON})"
    rf"|(?:(?P<quarter>{_QUARTERS})\s)?(?P<hour>\d{{1,2}}|{_HOUR})(?:[:.](?P<minute>\d{{2}}))?"
    rf"(?P<oclock>\so'?r\s?gloch|\so'?clock)?(?:\s?(?P<meridiem>{_MERIDIEM}))?)"
    rf"(?![\w/:'-]|[.]\d)"
)
_NEXT_MONTH = re.compile(rf"\s*\b(?:{'|'.join([*MONTHS, *MAWRTH])})\b")


class ClockError(Enum):
    """Why the time could not be read."""

    BAD_TIME = "bad_time"  # 25:00, 14:75, 14am, 0pm
    TWO_TIMES = "two_times"  # "14:00-16:00", "2pm 3pm": which one?


@dataclass(frozen=True, slots=True)
class Typed:
    """A time as typed, before the rule for an hour alone is applied."""

    hour: int
    minute: int
    meridiem: Meridiem | None  # from the time itself: 2pm, 10yb, 7 yr hwyr
    padded: bool  # "02:00": the 24-hour clock, never the afternoon rule
    shift: int  # minutes added by half past / quarter past / quarter to


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day on the 24-hour clock."""

    hour: int
    minute: int
    afternoon_assumed: bool  # an hour alone from 1 to 7 was read as the afternoon


def take_time(text: str) -> tuple[Typed | ClockError | None, str]:
    """The one time in a normalised text, and the text without it."""
    found: list[tuple[re.Match[str], Typed]] = []
    for match in _TIME.finditer(text):
        typed = _typed(match, text)
        if typed is not None:
            found.append((match, typed))
    if not found:
        return None, text
    if len(found) > 1:
        return ClockError.TWO_TIMES, text
    match, typed = found[0]
    return typed, f"{text[: match.start()]} {text[match.end() :]}".strip()


def _typed(match: re.Match[str], text: str) -> Typed | None:
    if match["noon"]:
        return Typed(12, 0, None, padded=True, shift=0)
    hour_text, minute = match["hour"], match["minute"]
    said_so = match["at"] or minute or match["oclock"] or match["meridiem"] or match["quarter"]
    if not said_so:
        return None
    if not (minute or match["meridiem"] or match["oclock"]) and _NEXT_MONTH.match(
        text, match.end()
    ):
        return None  # "am 3 Rhagfyr": a date
    if not hour_text.isdigit() and not (match["at"] or match["oclock"] or match["quarter"]):
        return None  # "un pm" is too odd to guess at
    hour = int(hour_text) if hour_text.isdigit() else HOUR_WORDS[" ".join(hour_text.split())]
    quarter = " ".join((match["quarter"] or "").split())
    shift = {"": 0, "chwarter wedi": 15, "quarter past": 15}.get(quarter, 30)
    if quarter in ("chwarter i", "quarter to"):
        shift = -15
    meridiem = match["meridiem"]
    return Typed(
        hour,
        int(minute or 0),
        _meridiem(meridiem) if meridiem else None,
        padded=hour_text.startswith("0"),
        shift=shift,
    )


def _meridiem(text: str) -> Meridiem:
    text = text.strip()
    if text == "am" or text == "yb" or any(word in text.split() for word in MORNING):
        return "am"
    return "pm"


def resolve(typed: Typed, hint: Meridiem | None) -> Clock | ClockError:
    """The 24-hour time, by the rules in the module docstring; `hint` is a part of the day
    named elsewhere in the text."""
    hour, minute = typed.hour, typed.minute
    if minute > 59 or hour > 23:
        return ClockError.BAD_TIME
    assumed = False
    if typed.meridiem == "am":
        if hour > 12 or hour == 0:
            return ClockError.BAD_TIME
        hour %= 12
    elif typed.meridiem == "pm":
        if hour == 0:
            return ClockError.BAD_TIME
        hour = hour if hour >= 12 else hour + 12
    elif hint == "pm" and 1 <= hour <= 11:
        hour += 12
    elif hint is None and not typed.padded and AFTERNOON_FROM <= hour <= AFTERNOON_UNTIL:
        hour += 12
        assumed = True
    total = hour * 60 + minute + typed.shift
    if not 0 <= total < 24 * 60:
        return ClockError.BAD_TIME
    return Clock(total // 60, total % 60, assumed)
