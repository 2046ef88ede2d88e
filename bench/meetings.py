"""One meeting's reminder to 10,000 members, through the clock and the delivery queue.

    python -m bench --only meetings            # 10,000 members at 25/s: about 7 minutes
    python -m bench --only meetings --quick    # 500 members
    python bench/meetings.py --recipients 1000 --first   # by itself; --first: the first
                                                         # reminder, text and calendar file each

The real Application runs against the simulated Telegram with a flood limit (30 a second;
beyond it, 429 with retry_after) and a network delay on every call. The clock is driven at a
fixed moment, the 1-day reminder's (members already had the 7-day one, so each gets one
message), and run again and again while the reminders go out, as ticks and restarts would.
Members keep asking the bot for /help meanwhile. Figures, each against its target:

* the achieved sending rate as a share of CYDLAIS_SEND_RATE (target >= 95%),
* members missed (target 0) and members reminded twice (target 0),
* batches queued by the later runs of the clock (target 0),
* the time the clock's run holds the database to queue them all (reported),
* the p95 latency of an interactive reply meanwhile (target < 1 s).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.broadcast import SlowTelegram  # the same simulated network as the broadcast's
from bench.figures import Figure, table
from bot.config import load_settings
from bot.domain.reminders import DAY, DEFAULT_OFFSETS, WEEK, due_at
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.sim.telegram import FloodRules, SentMessage
from bot.storage import constituencies, deliveries, meetings, members
from bot.storage import reminders as store
from bot.storage.db import to_db
from bot.tg import clock

FIRST_ID = 20_000_000
START = datetime(2027, 1, 14, 14, 0, tzinfo=UTC)  # no clock change near it
HEADINGS = ("Nodyn atgoffa am gyfarfod", "Meeting reminder", "Cyfarfod i chi", "A meeting for you")
HELP_REPLY = "What I can do"


async def seed(h: Harness, count: int, *, first: bool) -> int:
    """`count` members of one network and its meeting; unless `first`, the 7-day reminder
    already went (so the 1-day one is each member's second message: text and buttons)."""
    db = h.services.db
    network = await constituencies.create(db, "carers", "Gofalwyr", "Carers")
    ids: list[int] = []
    async with db.transaction() as tx:
        for i in range(count):
            member = await members.create(tx, FIRST_ID + i, FIRST_ID + i, "cy" if i % 3 else "en")
            await constituencies.join(tx, member.id, network)
            ids.append(member.id)
        meeting_id = await meetings.create_draft(tx, ids[0], "coordinator", DEFAULT_OFFSETS)
        await meetings.set_networks(tx, meeting_id, [network])
        for field, value in (("title_cy", "Fforwm Gofalwyr"), ("title_en", "Carers' Forum")):
            await meetings.set_field(tx, meeting_id, field, value)  # type: ignore[arg-type]  # a literal field
        await meetings.set_field(tx, meeting_id, "starts_at", to_db(START))
        await meetings.set_field(tx, meeting_id, "place", "Neuadd y Dref, Caerdydd")
        await meetings.schedule(tx, meeting_id)
        if not first:
            sent = START - timedelta(days=7)
            await store.tell(tx, meeting_id, ids, [WEEK], sent)
            await meetings.mark_papers_due(tx, meeting_id, sent)
    return meeting_id


@dataclass(frozen=True, slots=True)
class Load:
    recipients: int = 10_000
    rate: float = 25.0  # CYDLAIS_SEND_RATE
    per_second: int = 30  # the simulator's flood limit
    latency_ms: int = 60  # simulated network delay
    ask_every: float = 0.5  # seconds between /help from members using the bot meanwhile
    tick_every: float = 5.0  # seconds between the clock's runs while the reminders go out
    first: bool = False  # the first reminder (text and calendar file each), not the 1-day one


async def measure(args: Load) -> list[Figure]:
    tmp = Path(tempfile.mkdtemp(prefix="cydlais-bench-"))
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": str(tmp / "bench.sqlite3"),
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_SEND_RATE": str(args.rate),
            "CYDLAIS_TICK_SECONDS": "3600",  # the clock is driven below, at a fixed moment
        }
    )
    sim = SlowTelegram(args.latency_ms / 1000, flood=FloodRules(per_second=args.per_second))
    sim.record_calls = False
    h = Harness(settings, sim)
    await h.start()
    t0 = time.perf_counter()
    await seed(h, args.recipients, first=args.first)
    print(
        f"seeded {args.recipients:,} members and a meeting in {time.perf_counter() - t0:.1f}s",
        file=sys.stderr,
    )
    now = due_at(START, WEEK if args.first else DAY, settings.timezone)

    sends: list[float] = []
    reminded: Counter[int] = Counter()
    asked: dict[int, float] = {}
    latencies: list[float] = []

    def listen(message: SentMessage) -> None:
        moment = time.perf_counter()
        if HELP_REPLY in message.text and message.chat_id in asked:
            latencies.append(moment - asked.pop(message.chat_id))
            return
        if message.text.startswith(HEADINGS):
            reminded[message.chat_id] += 1
        if message.chat_id >= FIRST_ID:
            sends.append(moment)

    sim.listeners.append(listen)
    askers = [h.person(FIRST_ID + i, "Asker") for i in range(0, 60, 3)]  # English speakers
    t0 = time.perf_counter()
    assert await clock.run_due(h.services, now=now)
    queue_seconds = time.perf_counter() - t0
    print(f"the clock queued the reminders in {queue_seconds:.2f}s", file=sys.stderr)

    async def ask_for_help() -> None:
        while True:
            await asyncio.sleep(args.ask_every)
            person = random.choice(askers)
            if person.id not in asked:
                asked[person.id] = time.perf_counter()
                sim.send_text(person.user, "/help")

    again = 0

    async def tick_again() -> None:
        nonlocal again
        while True:
            await asyncio.sleep(args.tick_every)
            again += await clock.run_due(h.services, now=now + timedelta(seconds=30))

    helpers = [asyncio.create_task(ask_for_help()), asyncio.create_task(tick_again())]
    started = last_print = time.perf_counter()
    while await deliveries.next_due_at(h.services.db, urgent_only=False) is not None:
        if time.perf_counter() - last_print > 30:
            last_print = time.perf_counter()
            print(f"  ... {len(sends):,} sent after {last_print - started:.0f}s", file=sys.stderr)
        await asyncio.sleep(0.2)
    for task in helpers:
        task.cancel()
    await asyncio.sleep(0.5)
    await h.stop()

    span = sends[-1] - sends[0]
    achieved = (len(sends) - 1) / span if span > 0 else 0.0
    share = achieved / args.rate
    missed = sum(1 for i in range(args.recipients) if reminded[FIRST_ID + i] == 0)
    twice = sum(n - 1 for n in reminded.values() if n > 1)
    p95 = (
        statistics.quantiles(latencies, n=20)[18]
        if len(latencies) >= 20
        else max(latencies, default=0.0)
    )
    print(
        f"{len(sends):,} messages in {span:.1f} s at {achieved:.2f}/s; {len(latencies)} replies "
        "meanwhile",
        file=sys.stderr,
    )
    load = f"{args.recipients:,} members at {args.rate:g}/s, flood limit {args.per_second}/s"
    which = "first reminder" if args.first else "reminder"
    return [
        Figure(f"{which} rate / CYDLAIS_SEND_RATE ({load})", share, "", ">=", 0.95),
        Figure(f"members missed ({load})", missed, "", "==", 0, digits=0),
        Figure(f"members reminded twice ({load})", twice, "", "==", 0, digits=0),
        Figure(f"batches queued by the clock's later runs ({load})", again, "", "==", 0, digits=0),
        Figure(f"clock run queuing them all, the database held ({load})", queue_seconds, "s"),
        Figure(f"p95 reply to /help while they go out ({load})", p95, "s", "<", 1.0, 3),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(Load(recipients=500) if quick else Load()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="CYDLAIS_SEND_RATE")
    parser.add_argument("--per-second", type=int, default=30, help="the simulator's flood limit")
    parser.add_argument("--latency-ms", type=int, default=60, help="simulated network delay")
    parser.add_argument("--ask-every", type=float, default=0.5, help="seconds between /help")
    parser.add_argument("--tick-every", type=float, default=5.0, help="seconds between clock runs")
    parser.add_argument("--first", action="store_true", help="the first reminder (and its file)")
    args = parser.parse_args()
    figures = asyncio.run(measure(Load(**vars(args))))
    print(table([("meetings", f) for f in figures]))
    return 0 if all(f.met is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
