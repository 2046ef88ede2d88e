"""Digest periods (bot/domain/periods.py): every day delivered once, whatever the schedule does.

A simulated clock runs hour by hour over weeks with the bot's rule (a digest goes when `due`
says so, and its period's end becomes the first day not yet delivered), and the schedule is
changed at moments around a digest: before it went, just after, mid-week; to every other
day, later and earlier in the week.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.periods import (
    Period,
    closing_day,
    due,
    period_of,
    previous,
    so_far,
    week_start,
)

MONDAY = date(2030, 1, 7)  # a Monday
NINE = time(9, 0)


def run(
    start: datetime,
    hours: int,
    weekday: int,
    at: time,
    changes: dict[datetime, tuple[int, time]],
    views: list[date] | None = None,
) -> tuple[list[tuple[datetime, Period]], dict[date, str]]:
    """Tick every hour from `start` (the last digest went the Monday before it); returns the
    digests sent (when, period) and, for a view given at noon on each day of `views`, the
    reach key it was counted under."""
    open_from: date | None = week_start(start.date(), 0) - timedelta(days=7)
    sent: list[tuple[datetime, Period]] = []
    keys: dict[date, str] = {}
    now = start
    for _ in range(hours):
        now += timedelta(hours=1)
        if now in changes:
            weekday, at = changes[now]
        period = due(now, weekday, at, open_from)
        if period is not None:
            sent.append((now, period))
            open_from = period.last + timedelta(days=1)
        if views is not None and now.hour == 12 and now.date() in views:
            keys[now.date()] = period_of(now.date(), weekday, open_from).key
    return sent, keys


def check(sent: list[tuple[datetime, Period]]) -> None:
    """Periods follow one another, each a week or up to 13 days; never two in one week."""
    for (when_a, a), (when_b, b) in itertools.pairwise(sent):
        assert b.first == a.last + timedelta(days=1), (a, b)  # no gap, no overlap
        assert when_b - when_a >= timedelta(days=7) - timedelta(hours=23), (when_a, when_b)
    for when, period in sent:
        assert 7 <= period.days <= 13, period
        assert period.last < when.date()  # only whole days before it goes


def test_steady_weeks() -> None:
    start = datetime.combine(MONDAY, time(0), tzinfo=UTC)
    sent, _ = run(start, 24 * 35, 0, NINE, {})
    assert [p.days for _, p in sent] == [7] * 5
    assert [w for w, _ in sent] == [
        datetime.combine(MONDAY + timedelta(days=7 * i), time(9), tzinfo=UTC) for i in range(5)
    ]
    check(sent)


@pytest.mark.parametrize("new_day", range(7))
@pytest.mark.parametrize(
    "when",
    [
        timedelta(days=7, hours=8),  # the Monday a digest is due, before it goes
        timedelta(days=7, hours=10),  # the same Monday, just after it went
        timedelta(days=8, hours=10),  # the Tuesday after
        timedelta(days=12, hours=20),  # the Saturday evening after
    ],
)
def test_changing_the_day_around_a_digest_never_repeats_or_skips_a_day(
    new_day: int, when: timedelta
) -> None:
    start = datetime.combine(MONDAY, time(0), tzinfo=UTC)
    changed = start + when
    days = [MONDAY + timedelta(days=i) for i in range(42)]
    sent, keys = run(start, 24 * 42, 0, NINE, {changed: (new_day, time(17, 0))}, days)
    check(sent)
    # nothing goes in the first week after a change that came right after a digest
    after = [w for w, _ in sent if w > changed]
    before = [w for w, _ in sent if w <= changed]
    assert after and before
    assert after[0] - before[-1] >= timedelta(days=7)
    # a view is counted under the key of the period that delivers it
    for _, period in sent:
        for day in days:
            if period.first <= day <= period.last and day in keys:
                assert keys[day] == period.key, (day, period, changed)


def test_the_reported_case_no_second_digest_of_the_same_views() -> None:
    """Monday's digest went; on Tuesday the day became Wednesday: Wednesday sends nothing
    (the old rule sent last Wednesday to Tuesday again), the next Wednesday sends Monday to
    Tuesday of the week after."""
    monday = datetime.combine(MONDAY, NINE, tzinfo=UTC) + timedelta(minutes=1)
    first = due(monday, 0, NINE, None)
    assert first == Period(MONDAY - timedelta(days=7), MONDAY - timedelta(days=1))
    open_from = first.last + timedelta(days=1)
    wednesday = monday + timedelta(days=2)
    assert due(wednesday, 2, NINE, open_from) is None
    next_wednesday = wednesday + timedelta(days=7)
    assert due(next_wednesday, 2, NINE, open_from) == Period(MONDAY, MONDAY + timedelta(days=8))
    assert closing_day(open_from, 2) == MONDAY + timedelta(days=9)


def test_this_week_and_last_week_follow_the_periods() -> None:
    open_from, last_from = MONDAY, MONDAY - timedelta(days=7)
    thursday = MONDAY + timedelta(days=3)
    # steady: this week from Monday, last week the one delivered
    current = period_of(thursday, 0, open_from)
    assert current == Period(MONDAY, MONDAY + timedelta(days=6))
    assert so_far(current, thursday) == Period(MONDAY, MONDAY + timedelta(days=2))
    assert previous(current, 0, open_from, last_from) == Period(last_from, MONDAY - timedelta(1))
    # the day changed to Wednesday: this period runs to the Tuesday after next
    current = period_of(thursday, 2, open_from)
    assert current == Period(MONDAY, MONDAY + timedelta(days=8))
    assert previous(current, 2, open_from, last_from) == Period(last_from, MONDAY - timedelta(1))
    assert so_far(current, MONDAY) is None  # its first day: nothing whole yet
    # on the digest's day, before it goes, a view belongs to the next period
    closing = closing_day(open_from, 0)
    assert period_of(closing, 0, open_from).first == closing
    assert previous(period_of(closing, 0, open_from), 0, open_from, last_from) == Period(
        MONDAY, closing - timedelta(days=1)
    )
    # before any digest: plain weeks
    assert period_of(thursday, 0, None) == Period(MONDAY, MONDAY + timedelta(days=6))
    assert week_start(thursday, 0) == MONDAY
