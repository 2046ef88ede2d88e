"""Digest periods: which days each scheduled digest covers, even when its day is changed.

A period is a run of whole days. Periods follow one another: each begins the day after the
last one delivered ended, so every day, and every view given on it, is delivered to a
network's representatives (and linked groups) exactly once, whatever happens to the
schedule. Two rules make that so:

1. A scheduled digest covers the days from the first not yet delivered (`open_from`, the day
   the last scheduled digest went) to the day before it goes.
2. It goes at the first scheduled moment at which that is at least seven days. In a steady
   week that is exactly seven (digest day to digest day); after the day is changed, the
   first digest on the new day covers seven to thirteen days, and never comes sooner.

Why not send on the new day at once? An earlier version did: changing Monday to Wednesday
on a Tuesday sent Wednesday a digest of "last Wednesday to Tuesday", repeating the
Wednesday-to-Sunday views of Monday's. Sending only the days since Monday instead would
make a digest of one or two days: two digests in a week, and counts of who gave a view over
a day or two say more about who it was than counts over a week. So a period is never
shorter than a week, and the representative is told, when they change the day, when the
next one goes and which days it covers.

A view is counted for reach (how many members gave a view) under the key of the period it
will be delivered in, `period_of(...).key`, so counts and views always cover the same days.
One narrow case escapes: a view given on a digest's day before that digest goes, when the
day is then changed within those same hours, is delivered in the period under way but was
counted for the next; the count is then low by those members, never high.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEK = timedelta(days=7)
DAY = timedelta(days=1)
LONGEST = timedelta(days=13)  # the longest a period can be (rule 2): kept data allows for it


@dataclass(frozen=True, slots=True)
class Period:
    first: date
    last: date

    @property
    def key(self) -> str:
        """The reach key: the period's first day, which sorts like a date."""
        return self.first.isoformat()

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def week_start(day: date, weekday: int) -> date:
    """The latest day on or before `day` that falls on `weekday` (0 = Monday)."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def last_occurrence(now: datetime, weekday: int, at: time) -> date:
    """The day of the latest scheduled moment at or before `now` (a local, aware time)."""
    day = week_start(now.date(), weekday)
    if datetime.combine(day, at, tzinfo=now.tzinfo) > now:
        day -= WEEK
    return day


def closing_day(open_from: date, weekday: int) -> date:
    """The day the digest of the period beginning `open_from` goes: the first digest day at
    least seven days on (rule 2)."""
    earliest = open_from + WEEK
    return earliest + timedelta(days=(weekday - earliest.weekday()) % 7)


def due(now: datetime, weekday: int, at: time, open_from: date | None) -> Period | None:
    """The period a scheduled digest covers if one should go at `now`, else None.

    `open_from` is None only before a network's first scheduled digest: that one covers the
    seven days before it.
    """
    day = last_occurrence(now, weekday, at)
    first = day - WEEK if open_from is None else open_from
    if day - first < WEEK:
        return None
    return Period(first, day - DAY)


def period_of(day: date, weekday: int, open_from: date | None) -> Period:
    """The scheduled period that will deliver what is given on `day` (as the schedule now
    stands; the day of the schedule may still change, its first day never does)."""
    if open_from is not None:
        closes = closing_day(open_from, weekday)
        if day < closes:
            return Period(open_from, closes - DAY)
    start = week_start(day, weekday)  # the open period's digest is due: steady weeks from it
    return Period(start, start + WEEK - DAY)


def previous(
    current: Period, weekday: int, open_from: date | None, last_from: date | None
) -> Period:
    """The period delivered (or due to be) before `current`."""
    if open_from is not None and current.first == open_from:
        return Period(last_from or open_from - WEEK, open_from - DAY)
    if open_from is not None and current.first == closing_day(open_from, weekday):
        return Period(open_from, current.first - DAY)
    return Period(current.first - WEEK, current.first - DAY)


def so_far(current: Period, today: date) -> Period | None:
    """The current period up to yesterday, for /digest; None on its first day.

    A view given today shows from tomorrow: a representative asking again and again would
    otherwise watch each view arrive and learn its time, and from its time perhaps its
    author. Stored views carry the day only, and so does what a digest can tell.
    """
    return Period(current.first, today - DAY) if today > current.first else None
