"""A bot process for the crash test, killed with SIGKILL mid-broadcast.

    python -m tests.helpers.delivery_child DB LOG first N   # seed N members, queue, send until killed
    python -m tests.helpers.delivery_child DB LOG resume    # start again; exit once reported

Every message the simulated Telegram accepts is appended to LOG (one chat id a line, flushed
at once), so what was sent survives the kill.
"""

from __future__ import annotations

import asyncio
import sys

from bot import delivery
from bot.config import load_settings
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.sim.telegram import SentMessage, SimulatedTelegram
from bot.storage import members

FIRST_ID = 7000
REPORT_CHAT = -4242  # a group: the report goes there once the batch is done


async def main(db_path: str, log_path: str, mode: str, count: int) -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": db_path,
            "CYDLAIS_SECRETS_DIR": db_path + ".secrets",
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_SEND_RATE": "29",
        }
    )
    sim = SimulatedTelegram()
    log = open(log_path, "a", buffering=1)  # noqa: SIM115, ASYNC230  # kept open until the kill

    def record(message: SentMessage) -> None:
        log.write(f"{message.chat_id}\n")
        log.flush()

    sim.listeners.append(record)
    h = Harness(settings, sim)
    await h.start()
    db = h.services.db
    if mode == "first":
        people = [
            await members.create(db, FIRST_ID + i, FIRST_ID + i, "cy" if i % 2 else "en")
            for i in range(count)
        ]
        await delivery.enqueue(
            db,
            kind="broadcast",
            messages=[delivery.Outgoing(p.chat_id, f"Neges {p.chat_id}", p.id) for p in people],
            report_chat_id=REPORT_CHAT,
        )
        h.services.delivery.wake()
        await asyncio.Event().wait()  # send until SIGKILL
    while await db.scalar("SELECT COUNT(*) FROM delivery_batches WHERE reported_at IS NULL"):  # noqa: ASYNC110  # polling another writer's rows: no event to wait on
        await asyncio.sleep(0.05)
    await h.stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(main(args[0], args[1], args[2], int(args[3]) if len(args) > 3 else 0))
