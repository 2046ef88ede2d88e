"""Work that falls due (digests, a poll closing, a meeting reminder): the database decides.

python-telegram-bot's JobQueue keeps its jobs in memory and skips one whose time passed
while the bot was down, so it only wakes the bot: every `settings.tick_seconds` (and at any
moment a journey asks with `wake_at`) each registered runner reads what is due *now* from
the database and queues it in the same transaction that marks it done. After a restart or
a kill the first tick catches up on whatever was missed.

    @clock.due_work("polls.close")
    async def close_due_polls(services: Services, now: datetime) -> bool:  # True: queued
        ...

A runner that fails is logged (its type only) and tried again at the next tick; the others
still run.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.context import App, Context, Services
from bot.storage.db import utcnow

log = logging.getLogger("cydlais.clock")
Runner = Callable[[Services, datetime], Awaitable[bool]]
_RUNNERS: dict[str, Runner] = {}
JOB = "clock:due"


def due_work(name: str) -> Callable[[Runner], Runner]:
    """Register a runner (module level, once per name)."""

    def register(fn: Runner) -> Runner:
        if name in _RUNNERS:
            raise ValueError(f"due work {name!r} is registered twice")
        _RUNNERS[name] = fn
        return fn

    return register


async def run_due(services: Services, now: datetime | None = None) -> bool:
    """Every runner once; True if any queued messages (the delivery worker is woken)."""
    now = now or utcnow()
    queued = False
    for name, runner in _RUNNERS.items():
        try:
            queued = await runner(services, now) or queued
        except Exception as exc:  # one failing kind of work must not stop the others
            log.error("due work %s failed: %s", name, type(exc).__name__)
            log.debug("details", exc_info=exc)
    if queued:
        services.delivery.wake()
    return queued


async def _tick(context: Context) -> None:
    await run_due(context.services)


def start(app: App) -> None:
    """The repeating tick; called once the services exist (`bot.app` post_init)."""
    if app.job_queue is not None:
        seconds = app.bot_data["services"].settings.tick_seconds
        app.job_queue.run_repeating(_tick, interval=seconds, first=min(seconds, 5.0), name=JOB)


def wake_at(app: App, when: datetime) -> None:
    """Run the due work at `when` too (a poll's closing time), not only at the next tick."""
    if app.job_queue is not None:
        app.job_queue.run_once(_tick, when, name=JOB)


__all__ = ["Runner", "due_work", "run_due", "start", "wake_at"]
