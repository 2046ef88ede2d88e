"""Which secret an anonymous count is kept under, and when that secret is destroyed.

The daily limit of views is counted under the secret of the day (destroyed at midnight,
local time), "who gave a view in this network this week" under the secret of the
network's digest period (destroyed when the period ends: a week, or up to 13 days after the
digest's day was changed, `bot.domain.periods`), and who supports which topic suggested for a
meeting under the meeting's (destroyed when it starts, or is cancelled). Tags are made from the Telegram
identity, not the members table's row id: /forget and joining again is still the same
person for the rest of the day, and nothing is kept past it (`bot.secrets`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.domain.periods import Period

Scope = tuple[str, datetime]  # (scope name, when its secret is destroyed)


def end_of(day: date, tz: tzinfo) -> datetime:
    """The first moment after `day` in local time, as an aware UTC time."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def quota(day: date, tz: tzinfo) -> Scope:
    """The daily limit of views: until midnight."""
    return f"quota:{day.isoformat()}", end_of(day, tz)


def reach(constituency_id: int, period: Period, tz: tzinfo) -> Scope:
    """Who gave a view in a network's digest period: until it ends. The scope is named by its
    first day, which never changes; its end moves later if the digest's day is changed (a
    later end given to `SecretStore.tag` keeps the secret longer)."""
    return f"reach:{constituency_id}:{period.key}", end_of(period.last, tz)


def agenda_name(meeting_id: int) -> str:
    return f"agenda:{meeting_id}"


def agenda(meeting_id: int, starts_at: datetime) -> Scope:
    """Topics suggested for a meeting and who supports them: until the meeting starts."""
    return agenda_name(meeting_id), starts_at
