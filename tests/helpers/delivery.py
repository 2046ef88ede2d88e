"""Broadcast and delivery helpers: people in roles, fast retries, bounded waits."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from bot.config import Settings
from bot.delivery import worker as delivery_worker
from bot.sim.harness import Harness, Person
from bot.sim.telegram import SimulatedTelegram
from bot.storage import delivery_batches, members, roles
from bot.storage.delivery_batches import Batch
from tests.conftest import COORDINATOR_ID
from tests.helpers.people import onboard

# Telegram's retry_after and our backoff, shrunk so a storm of 429s takes milliseconds.
FAST = delivery_worker.Tuning(retry_after_scale=0.01, backoff_base=0.01, backoff_cap=0.05)


def speed_up(h: Harness) -> delivery_worker.Worker:
    worker = h.services.delivery
    assert worker is not None, "the delivery worker did not start"
    worker.tuning = dataclasses.replace(FAST)
    return worker


@contextlib.asynccontextmanager
async def harness_with(
    settings: Settings, sim: SimulatedTelegram | None = None, **overrides: Any
) -> AsyncIterator[Harness]:
    """A harness with changed settings (quiet hours, rate) or a simulator with flood rules."""
    async with Harness(dataclasses.replace(settings, **overrides), sim) as h:
        speed_up(h)
        yield h


async def until(check: Callable[[], Awaitable[bool]], what: str, limit: float = 10.0) -> None:
    """Poll `check` until it is true; fail after `limit` seconds, saying what we waited for."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not await check():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {limit}s waiting for {what}")
        await asyncio.sleep(0.01)


async def settled(h: Harness, batch_id: int, limit: float = 10.0) -> Batch:
    """Wait until the batch has been reported to its author; return it."""

    async def reported() -> bool:
        batch = await delivery_batches.batch(h.services.db, batch_id)
        return batch is not None and batch.reported_at is not None

    await until(reported, f"batch {batch_id} to be reported", limit)
    batch = await delivery_batches.batch(h.services.db, batch_id)
    assert batch is not None
    return batch


async def last_batch(h: Harness) -> int:
    return int(await h.services.db.scalar("SELECT MAX(id) FROM delivery_batches"))


async def coordinator(h: Harness, lang: str = "en") -> Person:
    return await onboard(h, COORDINATOR_ID, lang=lang, first_name="Ceri")


async def representative(h: Harness, user_id: int, place_id: int, lang: str = "en") -> Person:
    person = await onboard(h, user_id, lang=lang, first_name="Rhys")
    member = await members.by_telegram_id(h.services.db, user_id)
    assert member is not None
    await roles.grant(h.services.db, member.id, "representative", place_id)
    return person


def received(person: Person, text: str) -> list[str]:
    """Texts in the person's chat that contain `text`."""
    return [m.text for m in person.inbox if text in m.text]
