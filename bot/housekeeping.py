"""Housekeeping on the clock's tick (`bot.tg.clock`): secrets whose day or week is over go,
the coming day's are made, and once a day whatever has been kept long enough is cleared out
(`bot.retention`).

What is due is decided from the secrets' own end times and from the database, so a restart
or a missed tick loses nothing: the first tick after it catches up.
"""

from __future__ import annotations

from datetime import datetime

from bot import retention, views
from bot.context import Services
from bot.tg import clock


@clock.due_work("secrets.sweep")
async def sweep_secrets(services: Services, now: datetime) -> bool:
    """Destroy every secret whose scope has ended (nothing is sent)."""
    await services.secrets.sweep(now)
    return False


@clock.due_work("secrets.ahead")
async def prepare_secrets(services: Services, now: datetime) -> bool:
    """Today's and tomorrow's secrets, made on the tick (nothing is sent)."""
    await views.prepare_secrets(services.db, services.secrets, services.settings, now)
    return False


@clock.due_work("retention")
async def clear_out(services: Services, now: datetime) -> bool:
    """Once a day: views, delivery rows, links and audit entries past their time."""
    await retention.run_if_due(services.db, services.settings, now)
    return False
