"""Replies under a burst, with the rate limiter on: 2,000 texts from 200 members at once.

    python -m bench --only burst [--quick]

The real Application, with its rate limiter, against the simulated Telegram enforcing
Telegram's 30 messages a second (beyond it: 429 with retry_after), with 30 ms per call.
200 members who have already joined each send 10 plain texts at once; every text gets one
reply. Telegram allows about 30 messages a second in all, so that is the ceiling: the
figure is the reply rate, first reply to last, as a share of it (target at least 0.95),
and how many texts got no reply (target 0).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.figures import Figure
from bot.config import load_settings
from bot.sim import FloodRules, SentMessage, SimulatedTelegram
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.storage import members

TELEGRAM_RATE = 30.0
FIRST_ID = 20_000_000


async def measure(people: int, texts: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            {
                "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
                "CYDLAIS_DATABASE": str(Path(tmp) / "burst.sqlite3"),
                "CYDLAIS_QUIET_HOURS": "",
            }
        )
        sim = SimulatedTelegram(flood=FloodRules(per_second=int(TELEGRAM_RATE)), latency=0.030)
        sim.record_calls = False
        async with Harness(settings, sim) as h:
            crowd = [h.person(FIRST_ID + i, f"Member{i}") for i in range(people)]
            for person in crowd:
                await members.create(
                    h.services.db, person.id, person.id, "cy" if person.id % 2 else "en"
                )
            replies: Counter[int] = Counter()
            times: list[float] = []
            expected = people * texts
            done = asyncio.Event()

            def listen(message: SentMessage) -> None:
                replies[message.chat_id] += 1
                times.append(time.perf_counter())
                if len(times) == expected:
                    done.set()

            sim.listeners.append(listen)
            for n in range(texts):
                for person in crowd:
                    sim.send_text(person.user, f"a thought, number {n}")
            try:
                await asyncio.wait_for(done.wait(), timeout=expected / TELEGRAM_RATE * 3 + 30)
            except TimeoutError:
                print("gave up waiting: some texts got no reply", file=sys.stderr)
            await h.settle(limit=60)
    throttled = sum(1 for _, status, _ in sim.rejected if status == 429)
    span = times[-1] - times[0] if len(times) > 1 else float("inf")
    rate = (len(times) - 1) / span
    lost = sum(max(0, texts - replies[p.id]) for p in crowd)
    print(
        f"{len(times)} replies in {span:.1f} s; {throttled} 429s from the simulator",
        file=sys.stderr,
    )
    load = f"{expected:,} texts from {people} members, limiter on"
    return [
        Figure(f"reply rate / Telegram's 30 a second ({load})", rate / TELEGRAM_RATE, "", ">=", 0.95),
        Figure(f"texts without a reply ({load})", lost, "", "==", 0, digits=0),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(50, 6) if quick else measure(200, 10))
