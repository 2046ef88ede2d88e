"""When reminders fall due (pure rules), and a meeting just after a clock change reminded at
the right local time, with a fixed clock driving the real bot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.reminders import (
    DAY,
    DEFAULT_OFFSETS,
    HOUR,
    MINUTE,
    WEEK,
    due_at,
    due_offsets,
    latest_due,
    parse_offsets,
    urgent,
)
from bot.sim.harness import Harness
from bot.storage import constituencies, meetings, members
from bot.storage.db import to_db
from tests.helpers.meetings import run_at, texts
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_EN

LONDON = ZoneInfo("Europe/London")
SPRING = datetime(2027, 3, 28, 10, 0, tzinfo=LONDON)  # the clocks went forward at 01:00 that day
AUTUMN = datetime(2027, 10, 31, 10, 0, tzinfo=LONDON)  # and back at 02:00 that day


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # The day before a Sunday-morning meeting after the clocks go forward is still GMT:
        # 10:00 local is 10:00 UTC, not 09:00 (24 hours before 09:00 UTC).
        (SPRING, DAY, utc(2027, 3, 27, 10, 0)),
        (SPRING, WEEK, utc(2027, 3, 21, 10, 0)),
        (SPRING, 2 * HOUR, utc(2027, 3, 28, 7, 0)),  # 08:00 BST: real hours, not wall hours
        # After the clocks go back: the day before is still summer time.
        (AUTUMN, DAY, utc(2027, 10, 30, 9, 0)),
        (AUTUMN, 2 * HOUR, utc(2027, 10, 31, 8, 0)),
        # The day before 01:30 on the day after the spring change is a time that doesn't
        # exist: the reminder comes as the clocks land, 01:30 GMT (02:30 BST).
        (datetime(2027, 3, 29, 1, 30, tzinfo=LONDON), DAY, utc(2027, 3, 28, 1, 30)),
    ],
)
def test_day_reminders_keep_the_local_time_across_a_clock_change(
    start: datetime, offset: int, expected: datetime
) -> None:
    assert due_at(start, offset, LONDON) == expected


def test_only_the_latest_due_reminder_goes_and_none_after_the_start() -> None:
    start = utc(2026, 12, 10, 14, 0)
    assert latest_due(start, DEFAULT_OFFSETS, start - timedelta(days=7, minutes=1), LONDON) is None
    assert latest_due(start, DEFAULT_OFFSETS, start - timedelta(days=7), LONDON) == WEEK
    assert latest_due(start, DEFAULT_OFFSETS, start - timedelta(hours=20), LONDON) == DAY
    assert due_offsets(start, DEFAULT_OFFSETS, start - timedelta(hours=1), LONDON) == list(
        DEFAULT_OFFSETS
    )
    assert latest_due(start, DEFAULT_OFFSETS, start - timedelta(hours=1), LONDON) == 2 * HOUR
    assert latest_due(start, DEFAULT_OFFSETS, start, LONDON) is None


def test_offsets_are_read_from_the_setting() -> None:
    assert parse_offsets("7d, 1d, 2h") == (WEEK, DAY, 2 * HOUR)
    assert parse_offsets("30m,14d") == (2 * WEEK, 30 * MINUTE)
    for bad in ("", "7", "0d", "2w", "1d,,2h", "100d"):
        with pytest.raises(ValueError, match="reminder"):
            parse_offsets(bad)
    assert urgent(2 * HOUR) and urgent(HOUR) and not urgent(DAY)


async def test_a_meeting_after_the_clocks_go_forward_is_reminded_at_its_local_time(
    harness: Harness,
) -> None:
    places = await seed_constituencies(harness)
    ben = await onboard(harness, 7400, lang="en", join=CARERS_EN)
    db = harness.services.db
    organiser = await members.by_telegram_id(db, ben.id)
    assert organiser is not None
    meeting_id = await meetings.create_draft(db, organiser.id, "coordinator", [DAY])
    await meetings.set_networks(db, meeting_id, [places["carers"]])
    await meetings.set_field(db, meeting_id, "title_cy", "Fforwm y Gwanwyn")
    await meetings.set_field(db, meeting_id, "title_en", "Spring Forum")
    await meetings.set_field(db, meeting_id, "starts_at", to_db(SPRING))
    assert await meetings.schedule(db, meeting_id)
    assert await constituencies.get(db, places["carers"]) is not None

    assert not await run_at(harness, utc(2027, 3, 27, 9, 59))  # 09:59 GMT: an hour early
    assert await run_at(harness, utc(2027, 3, 27, 10, 0))
    [reminder] = texts(ben, "A meeting for you")
    assert "It is tomorrow." in reminder
    assert "Sunday, 28 March 2027 at 10:00" in reminder  # local time, summer time by then
