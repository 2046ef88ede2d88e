"""Pure rules of a poll: what a question and its options may be, and answers as bits.

An answer is the set of options chosen, kept as bits (option n is `1 << n`), so one number
holds a single or a multiple choice and counting a million answers is one GROUP BY. An
open question's answer is kept as `OPEN` (bit 0) with its words beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.domain.plain import one_line

MIN_OPTIONS = 2
MAX_OPTIONS = 10
MAX_QUESTION = 500  # characters: a question to read on a phone, not an essay
MAX_OPTION = 100  # characters: an option is a button's label too
MIN_ANSWER = 2
MAX_ANSWER = 3000  # an open answer, as long as a view
OPEN = 1  # the choice stored for an open question's answer
REMIND_BEFORE = timedelta(hours=24)
SOONEST = timedelta(hours=1)  # a poll closes at least an hour after it opens
LATEST = timedelta(days=90)
BAR_WIDTH = 10
PRESETS = {"1d": timedelta(days=1), "3d": timedelta(days=3), "7d": timedelta(days=7)}

OptionsProblem = Literal["too_few", "too_many", "too_long", "repeated", "empty"]
_NUMBERING = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|[a-jA-J][.)])\s+")


@dataclass(frozen=True, slots=True)
class Options:
    labels: list[str]


@dataclass(frozen=True, slots=True)
class BadOptions:
    problem: OptionsProblem
    detail: int = 0  # the line that is too long (1-based), or how many were given


def read_options(text: str) -> Options | BadOptions:
    """One option per line (or between semicolons, for a one-line message); "1.", "a)", "-"
    or "•" at the start of an option is dropped."""
    lines = text.splitlines() if len(text.splitlines()) > 1 else text.split(";")
    labels = [_NUMBERING.sub("", line).strip() for line in lines]
    labels = [one_line(label) for label in labels]
    labels = [label for label in labels if label]
    if not labels:
        return BadOptions("empty")
    if len(labels) < MIN_OPTIONS:
        return BadOptions("too_few", len(labels))
    if len(labels) > MAX_OPTIONS:
        return BadOptions("too_many", len(labels))
    for n, label in enumerate(labels, start=1):
        if len(label) > MAX_OPTION:
            return BadOptions("too_long", n)
    folded = [label.casefold() for label in labels]
    if len(set(folded)) != len(folded):
        return BadOptions("repeated")
    return Options(labels)


def bits(positions: list[int] | set[int]) -> int:
    return sum(1 << p for p in set(positions))


def positions(choice: int) -> list[int]:
    return [p for p in range(MAX_OPTIONS) if choice >> p & 1]


def valid_choice(choice: int, options: int, multiple: bool) -> bool:
    """A choice names options the poll has: exactly one, or (multiple) at least one."""
    if choice <= 0 or choice >= 1 << options:
        return False
    return multiple or choice & (choice - 1) == 0


def closing_time(preset: str, now: datetime) -> datetime | None:
    """1 day, 3 days or a week from now, on the hour after (a time people can remember)."""
    span = PRESETS.get(preset)
    if span is None:
        return None
    return (now + span).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


ClosingProblem = Literal["past", "too_soon", "too_late"]


def check_closing(at: datetime, now: datetime) -> ClosingProblem | None:
    if at <= now:
        return "past"
    if at - now < SOONEST:
        return "too_soon"
    if at - now > LATEST:
        return "too_late"
    return None


def can_remind(closes_at: datetime, now: datetime) -> bool:
    """A reminder 24 hours before the close is worth it only if the poll is open longer."""
    return closes_at - REMIND_BEFORE > now + SOONEST


def bar(part: int, whole: int, width: int = BAR_WIDTH) -> str:
    """A text bar: ▓▓▓▓▓░░░░░ for a half."""
    filled = round(width * part / whole) if whole else 0
    if part and not filled:
        filled = 1  # one answer in a thousand still shows
    return "▓" * filled + "░" * (width - filled)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
