"""Which secret an anonymous count is kept under, and when that secret is destroyed.

The daily limit of views is counted under the secret of the day (destroyed at midnight,
local time), and "who gave a view in this network this week" under the secret of the
network's digest week (destroyed when the week ends). Tags are made from the Telegram
identity, not the members table's row id: /forget and joining again is still the same
person for the rest of the day, and nothing is kept past it (`bot.secrets`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

Scope = tuple[str, datetime]  # (scope name, when its secret is destroyed)


def end_of(day: date, tz: tzinfo) -> datetime:
    """The first moment after `day` in local time, as an aware UTC time."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def quota(day: date, tz: tzinfo) -> Scope:
    """The daily limit of views: until midnight."""
    return f"quota:{day.isoformat()}", end_of(day, tz)


def reach(constituency_id: int, first: date, tz: tzinfo) -> Scope:
    """Who gave a view in a network's digest week (which starts on `first`): until it ends."""
    return f"reach:{constituency_id}:{first.isoformat()}", end_of(first + timedelta(days=6), tz)
