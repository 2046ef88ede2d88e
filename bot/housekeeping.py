"""Housekeeping on the clock's tick (`bot.tg.clock`): secrets whose day or week is over go.

What is due is decided from the secrets' own end times, so a restart or a missed tick loses
nothing: the first tick after it destroys whatever ended meanwhile.
"""

from __future__ import annotations

from datetime import datetime

from bot.context import Services
from bot.tg import clock


@clock.due_work("secrets.sweep")
async def sweep_secrets(services: Services, now: datetime) -> bool:
    """Destroy every secret whose scope has ended (nothing is sent)."""
    await services.secrets.sweep(now)
    return False
