"""When a meeting's reminders fall due, and which one goes: pure rules, no storage.

A reminder is an offset before the start (seconds). Offsets of whole days are counted on
the wall clock of the configured time zone, so the reminder "1 day before" a meeting at
10:00 on the Sunday the clocks go forward comes at 10:00 on the Saturday, not at 09:00
(24 hours earlier). Other offsets (2 hours) are counted in real time.

When several reminders have fallen due at once (the meeting was planned late, or the bot
was down), only the latest of them goes: two in a row would say the same thing twice. A
reminder never goes once the meeting has started.

    due_at(start, DAY, tz)                      # the moment the 1-day reminder falls due
    latest_due(start, (WEEK, DAY, 2 * HOUR), now, tz)   # DAY, say, or None
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
DEFAULT_OFFSETS: tuple[int, ...] = (WEEK, DAY, 2 * HOUR)
# What an organiser can choose from, as well as the configured defaults.
CHOICES: tuple[int, ...] = (2 * WEEK, WEEK, 3 * DAY, DAY, 2 * HOUR, HOUR)
# A reminder this close to the start goes even in quiet hours: waiting would miss the meeting.
URGENT_WITHIN = 2 * HOUR
_UNITS = {"d": DAY, "h": HOUR, "m": MINUTE}
_OFFSET = re.compile(r"^(\d{1,4})([dhm])$")


def parse_offsets(raw: str) -> tuple[int, ...]:
    """ "7d,1d,2h" as seconds, largest first; ValueError for anything else."""
    found: set[int] = set()
    for part in raw.replace(" ", "").lower().split(","):
        match = _OFFSET.match(part)
        if match is None:
            raise ValueError(f"not a reminder time: {part!r}")
        seconds = int(match.group(1)) * _UNITS[match.group(2)]
        if not MINUTE <= seconds <= 8 * WEEK:
            raise ValueError(f"a reminder from 1 minute to 8 weeks before, not {part!r}")
        found.add(seconds)
    return ordered(found)


def ordered(offsets: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(offsets), reverse=True))


def choices(defaults: Sequence[int]) -> tuple[int, ...]:
    return ordered((*CHOICES, *defaults))


def due_at(start: datetime, offset: int, tz: ZoneInfo) -> datetime:
    """When the reminder `offset` seconds before `start` falls due (UTC)."""
    if offset % DAY:
        return (start - timedelta(seconds=offset)).astimezone(UTC)
    wall = start.astimezone(tz).replace(tzinfo=None) - timedelta(days=offset // DAY)
    # fold 0: of an hour that happens twice, the first; a skipped time (01:30 as the clocks
    # go forward) is read with the offset before the change, so it lands just after it.
    return wall.replace(tzinfo=tz).astimezone(UTC)


def due_offsets(start: datetime, offsets: Sequence[int], now: datetime, tz: ZoneInfo) -> list[int]:
    """Offsets whose moment has come at `now`, largest first; none once it has started."""
    if now >= start:
        return []
    return [o for o in ordered(offsets) if due_at(start, o, tz) <= now]


def latest_due(start: datetime, offsets: Sequence[int], now: datetime, tz: ZoneInfo) -> int | None:
    """The one reminder to send now: the latest of those due (the smallest offset)."""
    due = due_offsets(start, offsets, now, tz)
    return due[-1] if due else None


def papers_offset(offsets: Sequence[int]) -> int:
    """The first reminder (the largest offset) carries the papers."""
    return max(offsets)


def urgent(offset: int) -> bool:
    return offset <= URGENT_WITHIN


def next_due(
    start: datetime, offsets: Sequence[int], now: datetime, tz: ZoneInfo
) -> datetime | None:
    """The next moment one of these reminders falls due after `now`, if any."""
    later = [due_at(start, o, tz) for o in offsets if due_at(start, o, tz) > now]
    return min(later) if later and now < start else None


def amount(offset: int) -> tuple[int, str]:
    """An offset in its largest whole unit: (7, "days"), (2, "hours"), (30, "minutes")."""
    if offset % DAY == 0:
        return offset // DAY, "days"
    if offset % HOUR == 0:
        return offset // HOUR, "hours"
    return max(1, offset // MINUTE), "minutes"
