"""A bot process for the crash test, killed with SIGKILL while it sends a meeting's reminders.

    python -m tests.helpers.meeting_child DB LOG first N   # N members, a meeting; remind until killed
    python -m tests.helpers.meeting_child DB LOG resume    # start again, run the clock again; exit
                                                           # once every reminder has gone

Every message the simulated Telegram accepts is appended to LOG as "chat kind" (kind: text
or file), flushed at once, so what was sent survives the kill. Both runs use the same fixed
moment, the reminder's due time: the restart must find it done and queue nothing twice.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta

from bot.config import load_settings
from bot.domain.reminders import DAY
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.sim.telegram import SentMessage, SimulatedTelegram
from bot.storage import constituencies, deliveries, meetings, members
from bot.storage.db import to_db
from bot.tg import clock

FIRST_ID = 8000
START = datetime(2027, 1, 14, 14, 0, tzinfo=UTC)
NOW = START - timedelta(days=1)  # the 1-day reminder's moment (no clock change in January)


async def main(db_path: str, log_path: str, mode: str, count: int) -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": db_path,
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_SEND_RATE": "29",
            "CYDLAIS_TICK_SECONDS": "3600",  # only the runs below: the moment is fixed
        }
    )
    sim = SimulatedTelegram()
    log = open(log_path, "a", buffering=1)  # noqa: SIM115, ASYNC230  # kept open until the kill

    def record(message: SentMessage) -> None:
        log.write(f"{message.chat_id} {'file' if message.document else 'text'}\n")
        log.flush()

    sim.listeners.append(record)
    h = Harness(settings, sim)
    await h.start()
    db = h.services.db
    if mode == "first":
        network = await constituencies.create(db, "carers", "Gofalwyr", "Carers")
        for i in range(count):
            member = await members.create(db, FIRST_ID + i, FIRST_ID + i, "cy" if i % 2 else "en")
            await constituencies.join(db, member.id, network)
        meeting_id = await meetings.create_draft(db, 1, "coordinator", [DAY])
        await meetings.set_networks(db, meeting_id, [network])
        await meetings.set_field(db, meeting_id, "title_cy", "Fforwm")
        await meetings.set_field(db, meeting_id, "title_en", "Forum")
        await meetings.set_field(db, meeting_id, "starts_at", to_db(START))
        await meetings.schedule(db, meeting_id)
    queued = await clock.run_due(h.services, now=NOW)
    print("queued" if queued else "nothing queued", flush=True)
    if mode == "first":
        await asyncio.Event().wait()  # send until SIGKILL
    while await deliveries.next_due_at(db, urgent_only=False) is not None:  # noqa: ASYNC110  # rows another run wrote: no event to wait on
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    await h.stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(main(args[0], args[1], args[2], int(args[3]) if len(args) > 3 else 0))
