"""Mass messages with buttons and with documents Telegram already holds; work that falls due."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import delivery
from bot.context import Services
from bot.sim.harness import Harness
from bot.tg import clock
from tests.helpers.delivery import settled, speed_up
from tests.helpers.people import onboard


async def test_buttons_and_a_held_document_reach_each_member(harness: Harness) -> None:
    speed_up(harness)
    alys = await onboard(harness, 9101, lang="cy")
    ben = await onboard(harness, 9102, lang="en")
    file_id = harness.sim.send_document(alys.user, "papurau.pdf", b"%PDF-1.4 papers")
    await harness.settle()
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Byddaf yno", callback_data="x:1")]])
    batch = await delivery.enqueue(
        harness.services.db,
        kind="test",
        messages=[
            delivery.Outgoing(
                p.id,
                "Neges " * 1200,
                None,
                markup=markup,
                file_id=file_id,
                caption="<b>Papurau</b>",
            )
            for p in (alys, ben)
        ],
    )
    harness.services.delivery.wake()
    assert (await settled(harness, batch)).counts.sent == 2 * 3  # two text parts and the paper
    for person in (alys, ben):
        text_parts = [m for m in person.inbox if m.text.startswith("Neges")]
        assert [bool(m.buttons) for m in text_parts] == [False, True]  # buttons on the last part
        [paper] = [m for m in person.inbox if m.document is not None]
        assert paper.document == ("papurau.pdf", b"%PDF-1.4 papers") and paper.text == "Papurau"
    # once sent, a row keeps its outcome only: no words, no buttons, no file
    rows = await harness.services.db.fetchall("SELECT text, markup, file_id FROM deliveries")
    assert all(tuple(r) == ("", None, None) for r in rows)


async def test_an_unknown_file_id_fails_that_row_only(harness: Harness) -> None:
    speed_up(harness)
    person = await onboard(harness, 9103, lang="en")
    batch = await delivery.enqueue(
        harness.services.db,
        kind="test",
        messages=[delivery.Outgoing(person.id, "Before the paper", None, file_id="nonsense")],
    )
    harness.services.delivery.wake()
    counts = (await settled(harness, batch)).counts
    assert (counts.sent, counts.failed) == (1, 1)


async def test_one_failing_kind_of_due_work_does_not_stop_the_others(harness: Harness) -> None:
    ran: list[str] = []

    @clock.due_work("test.broken")
    async def broken(services: Services, now: datetime) -> bool:
        raise RuntimeError("boom")

    @clock.due_work("test.fine")
    async def fine(services: Services, now: datetime) -> bool:
        ran.append("fine")
        return False

    try:
        assert await clock.run_due(harness.services) is False
        assert ran == ["fine"]
    finally:
        clock._RUNNERS.pop("test.broken")
        clock._RUNNERS.pop("test.fine")
