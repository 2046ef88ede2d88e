"""Poll work that falls due, read from the database at every tick (`bot.tg.clock`).

Restart-safe: a poll whose closing time passed while the bot was down closes at the first
tick; results not yet queued are queued (once: the mark is written with the rows).
"""

from __future__ import annotations

from datetime import datetime

from bot.context import Services
from bot.domain import polls as rules
from bot.polls import closing, reminding
from bot.storage import polls
from bot.tg import clock


@clock.due_work("polls")
async def polls_due(services: Services, now: datetime) -> bool:
    """Reminders, polls closing on time, and results to send."""
    db = services.db
    queued = False
    for poll_id in await polls.due_to_remind(db, now + rules.REMIND_BEFORE, now):
        queued = await reminding.remind(services, poll_id, now) or queued
    for poll_id in await polls.due_to_close(db, now):
        queued = await closing.close(services, poll_id, now, early=False) or queued
    for poll_id in await polls.results_due(db):
        queued = await closing.queue_results(services, poll_id, now) or queued
    return queued
