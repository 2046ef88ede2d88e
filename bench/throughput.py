"""Plain-text handling: Cydlais against a bare python-telegram-bot echo bot, same simulator, same run.

    python bench/throughput.py [--members 200] [--messages 10] [--rounds 3] [--latency-ms 30]

Each round sends a burst of `members x messages` plain-text updates (each member's in order)
to each bot through the in-process simulated Telegram and waits for every reply. It prints
updates handled per second and the p95 latency (update sent -> reply stored) for both, and
the ratio Cydlais / echo (target: at least 1.0).

`--latency-ms` makes every Bot API call take that long, as a network round trip to Telegram
does (tens of milliseconds from a UK host); 0 measures pure CPU cost in this process. Both
settings are worth reading: the first is what members feel, the second what the code costs.

Both bots run without AIORateLimiter: it caps any bot at Telegram's ~30 messages a second,
so with it both would measure the limiter, not the handling. The echo bot uses library
defaults otherwise (sequential update processing). Cydlais does real work per update: it
loads the member and their roles from SQLite, checks for a pending step and answers in the
member's language.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.config import load_settings
from bot.sim.harness import FAKE_TOKEN
from bot.sim.telegram import SentMessage, SimulatedTelegram, SimUser
from bot.storage import Database, members


@dataclass
class Result:
    name: str
    handled: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.handled / self.seconds

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[18]


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    assert update.effective_message.text is not None
    await update.effective_message.reply_text(update.effective_message.text)


async def drive(
    app: Application, sim: SimulatedTelegram, users: list[SimUser], per_member: int, name: str
) -> Result:  # type: ignore[type-arg]
    sent_at: dict[int, list[float]] = {u.id: [] for u in users}
    latencies: list[float] = []
    expected = len(users) * per_member
    done = asyncio.Event()

    def on_reply(message: SentMessage) -> None:
        pending = sent_at.get(message.chat_id)
        if pending:
            latencies.append(time.perf_counter() - pending.pop(0))
            if len(latencies) == expected:
                done.set()

    sim.listeners.append(on_reply)
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    started = time.perf_counter()
    for round_index in range(per_member):
        for user in users:
            sent_at[user.id].append(time.perf_counter())
            sim.send_text(user, f"message {round_index} from {user.first_name}")
    await asyncio.wait_for(done.wait(), timeout=300)
    seconds = time.perf_counter() - started
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
    sim.listeners.remove(on_reply)
    return Result(name, expected, seconds, latencies)


async def run_echo(users: list[SimUser], per_member: int, latency: float) -> Result:
    sim = SimulatedTelegram(latency=latency)
    sim.record_calls = False
    app = (
        ApplicationBuilder()
        .token(FAKE_TOKEN)
        .request(sim.request())
        .get_updates_request(sim.request())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return await drive(app, sim, users, per_member, "echo (bare PTB)")


async def run_cydlais(
    users: list[SimUser], per_member: int, tmp: Path, round_index: int, latency: float
) -> Result:
    path = tmp / f"bench-{round_index}.sqlite3"
    db = await Database.open(path)
    for user in users:  # members who already consented, half Welsh, half English
        await members.create(db, user.id, user.id, "cy" if user.id % 2 else "en")
    await db.close()
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "CYDLAIS_DATABASE": str(path), "CYDLAIS_QUIET_HOURS": ""}
    )
    sim = SimulatedTelegram(latency=latency)
    sim.record_calls = False
    app = build_application(settings, request=sim.request(), rate_limit=False)
    return await drive(app, sim, users, per_member, "Cydlais")


def show(result: Result) -> None:
    print(
        f"  {result.name:<18} {result.rate:8.0f} updates/s   p95 latency {result.p95 * 1000:8.1f} ms   ({result.handled} updates in {result.seconds:.2f} s)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=30.0)
    args = parser.parse_args()
    users = [SimUser(10_000 + i, f"Member{i}") for i in range(args.members)]
    ratios_rate, ratios_p95 = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for round_index in range(args.rounds):
            print(
                f"round {round_index + 1}: {args.members} members x {args.messages} messages, {args.latency_ms:g} ms per API call"
            )
            latency = args.latency_ms / 1000
            bare = await run_echo(users, args.messages, latency)
            ours = await run_cydlais(users, args.messages, Path(tmp), round_index, latency)
            show(bare)
            show(ours)
            ratios_rate.append(ours.rate / bare.rate)
            ratios_p95.append(bare.p95 / ours.p95)
    print()
    print(
        f"throughput ratio Cydlais/echo: median {statistics.median(ratios_rate):.2f} (target >= 1.0)"
    )
    print(
        f"p95 latency ratio echo/Cydlais: median {statistics.median(ratios_p95):.2f} (>= 1.0 means Cydlais is no slower)"
    )


if __name__ == "__main__":
    asyncio.run(main())
