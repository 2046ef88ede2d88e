"""When a queued message may go out: quiet hours, in the configured time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.config import Settings
from bot.storage.db import utcnow


def quiet_now(settings: Settings, now: datetime | None = None) -> bool:
    quiet = settings.quiet_hours
    local = (now or utcnow()).astimezone(settings.timezone)
    return quiet is not None and quiet.contains(local.time().replace(tzinfo=None))


def going_out_at(
    settings: Settings, *, urgent: bool, now: datetime | None = None
) -> datetime | None:
    """None if a message queued now goes out at once; else when quiet hours end."""
    now = now or utcnow()
    quiet = settings.quiet_hours
    if urgent or quiet is None or not quiet_now(settings, now):
        return None
    local = now.astimezone(settings.timezone)
    # The first end after now, compared as instants: on the night clocks go back, a time in
    # the repeated hour happens twice (fold 0, then fold 1).
    for day in (local.date(), local.date() + timedelta(days=1)):
        for fold in (0, 1):
            end = datetime.combine(day, quiet.end, tzinfo=settings.timezone).replace(fold=fold)
            if end.astimezone(UTC) > now.astimezone(UTC):
                return end
    return end  # not reached: tomorrow's end is always later
