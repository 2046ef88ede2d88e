"""A broadcast to 10,000 members through the delivery queue, at Telegram's limits.

    python -m bench --only broadcast            # 10,000 recipients at 25/s: about 7 minutes
    python -m bench --only broadcast --quick    # 500 recipients

The real Application runs against the simulated Telegram with a flood limit (default 30
messages per second; beyond it, 429 with retry_after) and a simulated network delay on
every call. While the broadcast goes out, members keep asking the bot for /help. Prints:

* the achieved sending rate as a share of CYDLAIS_SEND_RATE (target >= 95%),
* messages lost (target 0) and duplicates (target 0; no crash here),
* the p95 latency of an interactive reply during the broadcast (target < 1 s),
* the 429s Telegram (the simulator) sent back.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram.request import RequestData

from bench.figures import Figure
from bot import delivery
from bot.config import load_settings
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.sim.telegram import (
    FloodRules,
    SentMessage,
    SimRequest,
    SimulatedTelegram,
)
from bot.storage import delivery_batches, members

FIRST_ID = 10_000_000
HELP_REPLY = "What I can do"


class SlowRequest(SimRequest):
    """The simulator behind a network: every call takes `latency` seconds, give or take."""

    def __init__(self, sim: SimulatedTelegram, latency: float) -> None:
        super().__init__(sim)
        self.latency = latency

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kw: Any
    ) -> tuple[int, bytes]:
        if not url.endswith("getUpdates"):
            await asyncio.sleep(self.latency * random.uniform(0.5, 1.5))
        return await super().do_request(url, method, request_data, *args, **kw)


class SlowTelegram(SimulatedTelegram):
    def __init__(self, latency: float, **kw: Any) -> None:
        super().__init__(**kw)
        self.latency = latency

    def request(self) -> SimRequest:
        return SlowRequest(self, self.latency)


@dataclass(frozen=True, slots=True)
class Load:
    recipients: int = 10_000
    rate: float = 25.0  # CYDLAIS_SEND_RATE
    per_second: int = 30  # the simulator's flood limit
    latency_ms: int = 60  # simulated network delay
    ask_every: float = 0.5  # seconds between /help from members using the bot meanwhile


async def measure(args: Load) -> list[Figure]:
    tmp = Path(tempfile.mkdtemp(prefix="cydlais-bench-"))
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": str(tmp / "bench.sqlite3"),
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_SEND_RATE": str(args.rate),
        }
    )
    sim = SlowTelegram(args.latency_ms / 1000, flood=FloodRules(per_second=args.per_second))
    sim.record_calls = False
    h = Harness(settings, sim)
    await h.start()
    db = h.services.db

    t0 = time.perf_counter()
    people = [
        await members.create(db, FIRST_ID + i, FIRST_ID + i, "cy" if i % 3 else "en")
        for i in range(args.recipients)
    ]
    askers = [h.person(FIRST_ID + i, "Asker") for i in range(0, 60, 3)]  # English speakers
    print(f"seeded {len(people):,} members in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    broadcast_sends: list[float] = []
    got: Counter[int] = Counter()
    asked: dict[int, float] = {}
    latencies: list[float] = []

    def listen(message: SentMessage) -> None:
        now = time.perf_counter()
        if HELP_REPLY in message.text and message.chat_id in asked:
            latencies.append(now - asked.pop(message.chat_id))
        elif message.text.startswith(("Diweddariad", "Progress")):
            got[message.chat_id] += 1
            broadcast_sends.append(now)

    sim.listeners.append(listen)
    texts = {
        "cy": "<b>Diweddariad ar y cynnydd</b>\n\nMae'r grŵp wedi cytuno ar y cynllun newydd.",
        "en": "<b>Progress update</b>\n\nThe group has agreed the new plan.",
    }
    t0 = time.perf_counter()
    batch = await delivery.enqueue(
        db,
        kind="broadcast",
        messages=[delivery.Outgoing(p.chat_id, texts[p.language], p.id) for p in people],
        report_chat_id=people[0].chat_id,
        report_lang="cy",
        label="bench",
    )
    print(
        f"queued {args.recipients:,} messages in one transaction in {time.perf_counter() - t0:.2f}s",
        file=sys.stderr,
    )
    h.services.delivery.wake()

    async def ask_for_help() -> None:
        while True:
            await asyncio.sleep(args.ask_every)
            person = random.choice(askers)
            if person.id not in asked:
                asked[person.id] = time.perf_counter()
                sim.send_text(person.user, "/help")

    asker = asyncio.create_task(ask_for_help())
    started = time.perf_counter()
    last_print = started
    while True:
        found = await delivery_batches.batch(db, batch)
        assert found is not None
        if found.reported_at is not None:
            break
        if time.perf_counter() - last_print > 30:
            last_print = time.perf_counter()
            print(
                f"  ... {found.counts.sent:,} sent after {last_print - started:.0f}s",
                file=sys.stderr,
            )
        await asyncio.sleep(0.2)
    asker.cancel()
    await asyncio.sleep(0.5)
    await h.stop()

    span = broadcast_sends[-1] - broadcast_sends[0]
    achieved = (len(broadcast_sends) - 1) / span if span > 0 else 0.0
    lost = sum(1 for p in people if got[p.chat_id] == 0)
    duplicates = sum(n - 1 for n in got.values() if n > 1)
    throttled = sum(1 for _, status, _ in sim.rejected if status == 429)
    p95 = (
        statistics.quantiles(latencies, n=20)[18]
        if len(latencies) >= 20
        else max(latencies, default=0.0)
    )
    share = achieved / args.rate
    print(
        f"{args.recipients:,} recipients in {span:.1f} s at {achieved:.2f}/s; {throttled} 429s; "
        f"{len(latencies)} replies meanwhile, p50 {statistics.median(latencies):.3f} s; "
        f"report {found.counts}",
        file=sys.stderr,
    )
    load = f"{args.recipients:,} recipients at {args.rate:g}/s, flood limit {args.per_second}/s"
    return [
        Figure(f"broadcast rate / CYDLAIS_SEND_RATE ({load})", share, "", ">=", 0.95),
        Figure(f"messages lost ({load})", lost, "", "==", 0, digits=0),
        Figure(f"messages sent twice, no crash ({load})", duplicates, "", "==", 0, digits=0),
        Figure(f"p95 reply to /help during the broadcast ({load})", p95, "s", "<", 1.0, 3),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(Load(recipients=500) if quick else Load()))
