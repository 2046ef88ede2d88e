"""SIGKILL, start again: the broadcast resumes by itself and nobody is lost; a question
half answered (in the slot, `pending_input`) and a message to members half written are
carried on where they were.

A real process is killed (not a cancelled task), so this also shows that what SQLite
committed survives. Only messages in flight at the kill may arrive twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bot.delivery.worker import Tuning
from bot.sim import SimulatedTelegram, SimUser
from bot.sim.http import SimHttpServer
from bot.sim.telegram import SentMessage
from bot.storage import Database, constituencies, members, roles
from tests.helpers.delivery_child import FIRST_ID, REPORT_CHAT
from tests.helpers.process import start_bot, wait_for

ROOT = Path(__file__).resolve().parent.parent
COUNT = 120


def child(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.helpers.delivery_child", *args]


def sent_lines(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def test_sigkill_mid_broadcast_resumes_without_loss(tmp_path: Path) -> None:
    db, log = tmp_path / "crash.sqlite3", tmp_path / "sent.log"
    first = subprocess.Popen(child(str(db), str(log), "first", str(COUNT)), cwd=ROOT)  # noqa: S603  # our own module
    try:
        deadline = time.monotonic() + 30
        while len(sent_lines(log)) < 30:
            assert first.poll() is None, "the first process ended by itself"
            assert time.monotonic() < deadline, "the first process sent too little"
            time.sleep(0.01)
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait()
    before = len(sent_lines(log))
    assert before < COUNT, "killed too late to test resuming"
    with sqlite3.connect(db) as conn:
        pending = conn.execute(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'"
        ).fetchone()
    assert pending[0] > 0

    subprocess.run(child(str(db), str(log), "resume"), cwd=ROOT, check=True, timeout=60)  # noqa: S603  # our own module

    got = Counter(sent_lines(log))
    assert got.pop(REPORT_CHAT, 0) == 1  # the report: once, by the process that finished
    assert set(got) == set(range(FIRST_ID, FIRST_ID + COUNT))  # nobody lost
    duplicates = sum(n - 1 for n in got.values())
    assert duplicates <= Tuning().concurrency  # only sends in flight at the kill
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status"))
        batch = conn.execute(
            "SELECT sent, finished_at, reported_at FROM delivery_batches"
        ).fetchone()
    assert statuses == {"sent": COUNT}
    assert batch[0] == COUNT
    assert batch[1] is not None and batch[2] is not None


# ------------------------------------------------------------------ questions half answered

COORDINATOR, REP, MEMBER = 910001, 910002, 910003
READERS = range(910100, 910106)


async def _seed(database: Path) -> int:
    db = await Database.open(database)
    try:
        carers = await constituencies.create(db, "carers", "Gofalwyr Caerdydd", "Cardiff Carers")
        await constituencies.create(db, "users", "Fforwm Hywel Dda", "Hywel Dda Forum")
        for telegram_id in (COORDINATOR, REP, MEMBER, *READERS):
            person = await members.create(db, telegram_id, telegram_id, "en")
            await constituencies.join(db, person.id, carers)
            if telegram_id == REP:
                await roles.grant(db, person.id, "representative", carers)
        return carers
    finally:
        await db.close()


async def test_sigkill_mid_question_keeps_each_persons_place(tmp_path: Path) -> None:
    """Three people halfway through: a coordinator naming a network (the Welsh name given),
    a representative writing a message to members (the Welsh text given), a member with the
    /join list open. The bot is killed with SIGKILL; started again, each carries on where
    they were, and the message goes to every member once."""
    database = tmp_path / "live.sqlite3"
    await _seed(database)
    sim = SimulatedTelegram()
    boss, rep, member = SimUser(COORDINATOR, "Ceri"), SimUser(REP, "Rhys"), SimUser(MEMBER, "Nia")

    async def reply_to(person: SimUser, act: Callable[[], object], words: str) -> SentMessage:
        """Act, then wait for a new or edited message with these words."""
        before = {m.message_id: m.edits for m in sim.inbox(person.id)}

        def answered() -> SentMessage | None:
            for m in reversed(sim.inbox(person.id)):
                if before.get(m.message_id) != m.edits and words in m.text:
                    return m
            return None

        act()
        await wait_for(lambda: answered() is not None, what=repr(words))
        found = answered()
        assert found is not None
        return found

    def press(person: SimUser, label: str) -> Callable[[], object]:
        shown = [m for m in sim.inbox(person.id) if any(b.text == label for b in m.button_rows())]
        assert shown, (label, [m.text[:60] for m in sim.inbox(person.id)])
        return lambda: sim.press(person, shown[-1], label)

    def say(person: SimUser, text: str) -> Callable[[], object]:
        return lambda: sim.send_text(person, text)

    async with SimHttpServer(sim) as url:
        first = await start_bot(url, database, CYDLAIS_COORDINATORS=str(COORDINATOR))
        try:
            await wait_for(lambda: bool(sim.commands_for(language_code="cy")), what="start-up")
            await reply_to(boss, say(boss, "/constituencies"), "Networks and forums")
            await reply_to(boss, press(boss, "Add a network or forum"), "in Welsh")
            await reply_to(boss, say(boss, "Fforwm Newydd"), "in English")
            await reply_to(rep, say(rep, "/broadcast"), "Who should receive")
            await reply_to(rep, press(rep, "Members of networks I choose"), "Which networks")
            await reply_to(rep, press(rep, "Cardiff Carers"), "Which networks")
            await reply_to(rep, press(rep, "I've finished choosing networks"), "What kind")
            await reply_to(rep, press(rep, "News"), "in Welsh")
            await reply_to(rep, say(rep, "Neges i'r aelodau."), "in English")
            await reply_to(member, say(member, "/join"), "Which network")
            first.send_signal(signal.SIGKILL)
            await first.wait()
        finally:
            if first.returncode is None:
                first.kill()
                await first.wait()
        with sqlite3.connect(database) as conn:
            waiting = dict(conn.execute("SELECT kind, data FROM pending_input").fetchall())
        assert set(waiting) == {"constituency.name", "broadcast.text", "onboarding.join"}
        assert "Fforwm Newydd" in waiting["constituency.name"]

        again = await start_bot(url, database, CYDLAIS_COORDINATORS=str(COORDINATOR))
        try:
            created = await reply_to(boss, say(boss, "New Forum"), "Created.")
            assert "Fforwm Newydd\nNew Forum" in created.text
            press(member, "Hywel Dda Forum")()  # the list from before the kill still works
            await wait_for(
                lambda: any(
                    b.text == "✓ Hywel Dda Forum" for b in sim.last(member.id).button_rows()
                ),
                what="the network ticked",
            )
            await reply_to(rep, say(rep, "A message to members."), "Check your message")
            await reply_to(rep, press(rep, "Send the message"), "Sending to")
            await wait_for(
                lambda: all(
                    any("A message to members." in m.text for m in sim.inbox(r)) for r in READERS
                ),
                what="the message to every member",
            )
            again.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(again.communicate(), timeout=30)
        finally:
            if again.returncode is None:
                again.kill()
                await again.wait()
    assert again.returncode == 0, stderr.decode()
    for reader in READERS:
        assert sum("A message to members." in m.text for m in sim.inbox(reader)) == 1
    with sqlite3.connect(database) as conn:
        names = {r[0] for r in conn.execute("SELECT name_en FROM constituencies")}
        assert "New Forum" in names
        joined = conn.execute(
            "SELECT COUNT(*) FROM memberships s JOIN members m ON m.id = s.member_id"
            " WHERE m.telegram_id = ?",
            (MEMBER,),
        ).fetchone()[0]
        assert joined == 2
