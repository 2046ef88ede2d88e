"""Telegram's per-chat flood control: replies to a person wait it out and arrive whole.

The simulator allows each chat one message at once, then one every two seconds: stricter
than Telegram, which tolerates short bursts, so that any reply of two messages meets it. Its
clock runs 40 times faster than real time, so a test waits milliseconds where a person
would wait seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.config import Settings
from bot.sim import FloodRules, SimulatedTelegram
from bot.sim.harness import Harness
from bot.tg.limiter import NO_RETRY, Patience, ReplyLimiter, Retries
from tests.helpers.delivery import coordinator, last_batch, settled, speed_up
from tests.helpers.people import onboard, seed_constituencies

FAST = 40.0
WORDS = {
    "cy": ("/darlledu", "Pawb sydd wedi ymuno", "Newyddion", "Anfon y neges"),
    "en": ("/broadcast", "Everyone who has joined", "News", "Send the message"),
}


def flooded() -> SimulatedTelegram:
    start = time.monotonic()
    rules = FloodRules(chat_burst=1, chat_per_second=0.5)
    return SimulatedTelegram(flood=rules, clock=lambda: (time.monotonic() - start) * FAST)


def refused(sim: SimulatedTelegram, status: int) -> int:
    return sum(1 for _, code, _ in sim.rejected if code == status)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_long_preview_reaches_its_send_button_through_flood_control(
    settings: Settings, caplog: pytest.LogCaptureFixture, lang: str
) -> None:
    sim = flooded()
    async with Harness(settings, sim, patience=Patience(scale=1 / FAST)) as h:
        speed_up(h)
        await seed_constituencies(h)
        members = [await onboard(h, 5000 + n, lang="cy" if n % 2 else "en") for n in range(1)]
        command, audience, kind, send = WORDS[lang]
        boss = await coordinator(h, lang=lang)
        await boss.say(command)
        await boss.press(audience)
        await boss.press(kind)
        await boss.say("Bydd y cyfarfod nesaf ddydd Llun.\n\n" + "Manylion y cyfarfod. " * 180)
        before = refused(sim, 429)
        preview = await boss.say(
            "The next meeting is on Monday.\n\n" + "Details of the meeting. " * 160
        )

        assert len(preview) > 1  # more than the chat's burst: flood control was met here
        assert refused(sim, 429) > before
        assert send in [b.text for b in preview[-1].button_rows()]
        await boss.press(send)
        batch = await settled(h, await last_batch(h))
        assert batch.counts.sent == len(members) + 1
    assert "could not tell the person about the error" not in caplog.text
    errors = [
        r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("cydlais")
    ]
    assert not errors, [r.getMessage() for r in errors]


async def test_a_reply_that_cannot_get_through_in_time_fails_to_the_error_handler(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async with Harness(settings, patience=Patience(retries=2, scale=0.01)) as h:
        person = await onboard(h, 5100)
        h.sim.inject(429, retry_after=1, chat_id=person.id, times=3)
        await person.say("/help")
        assert refused(h.sim, 429) == 3  # the first try and two retries, then it gave up
        assert "unhandled RetryAfter" in caplog.text
        answer = await person.say("/help")  # Telegram lets messages through again
        assert answer and answer[-1].text


def limited(
    outcomes: list[Exception | None],
) -> tuple[Callable[[], Coroutine[Any, Any, bool]], list[int]]:
    """A call that meets these outcomes in turn (None: it goes through), and its calls."""
    calls: list[int] = []

    async def call() -> bool:
        calls.append(1)
        outcome = outcomes[min(len(calls), len(outcomes)) - 1]
        if outcome is not None:
            raise outcome
        return True

    return call, calls


async def test_the_limiter_waits_a_few_times_within_a_total_then_gives_up() -> None:
    flood = RetryAfter(timedelta(seconds=1))
    limiter = ReplyLimiter(Patience(retries=3, max_wait=1.0, scale=0.001))

    async def run(outcomes: list[Exception | None], args: Retries | None = None) -> int:
        call, calls = limited(outcomes)
        try:
            await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, args)
        except RetryAfter:
            return -len(calls)
        return len(calls)

    assert await run([flood, flood, None]) == 3  # waited twice, then sent
    assert await run([flood]) == -4  # the first try and three retries, then the 429 is raised
    assert await run([flood], NO_RETRY) == -1  # the delivery worker sees its 429 at once
    assert await run([flood, None], Retries(1)) == 2
    tight = ReplyLimiter(Patience(retries=3, max_wait=0.5, scale=1.0))
    call, calls = limited([flood])
    with pytest.raises(RetryAfter):
        await tight.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert len(calls) == 1  # a second's wait would pass the cap: no waiting at all
