"""After a meeting is planned: changes and cancellation reach everyone already told, reminders
turned off stay off, replies are counted for the organiser through the counting rule, and a
restart loses and doubles nothing."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from bot.config import Settings
from bot.domain.reminders import DAY, HOUR, WEEK
from bot.sim.harness import Harness, Person
from bot.storage import meetings
from bot.storage import reminders as store
from bot.storage.db import utcnow
from tests.helpers.delivery import harness_with, representative
from tests.helpers.meetings import documents, due, plan, run_at, texts, typed, w
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN


def ahead(h: Harness, days: int = 10) -> datetime:
    local = (utcnow() + timedelta(days=days)).astimezone(h.settings.timezone)
    return local.replace(hour=14, minute=0, second=0, microsecond=0)


async def manage(rep: Person, lang: str) -> None:
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    await rep.press(rep.last.button_rows()[1].text)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_new_time_reaches_everyone_told(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7300, places["carers"], lang=lang)
    alys = await onboard(harness, 7301, lang="cy", join=CARERS_CY)
    meeting = await plan(harness, rep, lang, ahead(harness))
    await run_at(harness, due(harness, meeting, WEEK))
    await alys.press(w("yes", "cy"))
    ben = await onboard(harness, 7302, lang="en", join=CARERS_EN)  # joined since: not told
    await manage(rep, lang)
    await rep.press(w("detail", lang))
    await rep.press(w("when", lang))
    later = ahead(harness, 11)
    await rep.say(typed(later.replace(hour=10, minute=30), lang, harness))
    await rep.press(w("right", lang))
    await rep.press(w("send change", lang))
    await run_at(harness, utcnow())
    [change] = texts(alys, w("change", "cy"))
    assert "10:30" in change and "14:00" in change  # the new time, and the old
    assert documents(alys) == ["cyfarfod-1.ics", "cyfarfod-1.ics"]  # the entry, updated
    [message] = [m for m in alys.inbox if m.text == change]
    ticked = [b.text for b in message.button_rows() if b.text.startswith("✓")]
    assert ticked == ["✓ " + w("yes", "cy")]  # their answer stays
    assert not texts(ben, w("change", "en"))
    found = await meetings.get(harness.services.db, meeting.id)
    assert found is not None and found.sequence == 1
    assert found.starts_at == later.replace(hour=10, minute=30)
    # Ben is told when the first reminder of the new time falls due, with the new time.
    await run_at(harness, due(harness, found, WEEK))
    assert "10:30" in texts(ben, w("first", "en"))[0]
    assert len(texts(alys, w("first", "cy"))) == 1  # Alys had that one already


async def test_a_change_replaces_reminders_still_waiting_in_the_queue(settings: Settings) -> None:
    # Quiet hours all day: the 7-day reminder waits in the queue with the old details.
    from datetime import time

    from bot.config import QuietHours

    quiet = QuietHours(time(0, 0), time(23, 59))
    async with harness_with(settings, quiet_hours=quiet) as h:
        places = await seed_constituencies(h)
        rep = await representative(h, 7310, places["carers"], lang="en")
        ben = await onboard(h, 7311, lang="en", join=CARERS_EN)
        meeting = await plan(h, rep, "en", ahead(h))
        from bot.tg import clock

        await clock.run_due(h.services, now=due(h, meeting, WEEK))
        assert await store.told_count(h.services.db, meeting.id) == 1
        await manage(rep, "en")
        await rep.press(w("detail", "en"))
        await rep.press("The place")
        await rep.say("Online: https://meet.example.org/carers")
        await rep.press(w("send change", "en"))
        # Nobody had actually been sent anything: no change notice, and Ben waits to be told.
        assert await store.told_count(h.services.db, meeting.id) == 0
        rows = await h.services.db.fetchall(
            "SELECT status, last_error FROM deliveries WHERE member_id IS NOT NULL AND chat_id = ?",
            (ben.id,),
        )
        assert {r[0] for r in rows} == {"failed"}
        # The next tick queues Ben's reminder again, with the new place.
        assert await clock.run_due(h.services, now=due(h, meeting, WEEK) + timedelta(minutes=1))
        waiting = await h.services.db.fetchall(
            "SELECT text FROM deliveries WHERE status = 'pending' AND chat_id = ?", (ben.id,)
        )
        assert any("https://meet.example.org/carers" in r[0] for r in waiting)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_cancelling_tells_everyone_told_and_nothing_follows(
    harness: Harness, lang: str
) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7320, places["carers"], lang=lang)
    alys = await onboard(harness, 7321, lang="cy", join=CARERS_CY)
    ben = await onboard(harness, 7322, lang="en", join=CARERS_EN)
    meeting = await plan(harness, rep, lang, ahead(harness))
    await run_at(harness, due(harness, meeting, WEEK))
    await manage(rep, lang)
    await rep.press(w("cancel", lang))
    await rep.press(w("sure", lang))
    await run_at(harness, utcnow())
    assert texts(alys, w("cancelled", "cy")) and texts(ben, w("cancelled", "en"))
    assert documents(ben)[-1] == "meeting-1.ics"  # the calendar's cancellation
    before = len(alys.inbox) + len(ben.inbox)
    assert not await run_at(harness, due(harness, meeting, DAY))
    assert not await run_at(harness, due(harness, meeting, 2 * HOUR))
    assert len(alys.inbox) + len(ben.inbox) == before
    # Their old buttons now say it has been cancelled, and change nothing.
    await alys.press(w("yes", "cy"))
    assert harness.sim.callback_answers[-1]["text"] == "Mae'r cyfarfod hwnnw wedi'i ganslo."


async def test_reminders_turned_off_for_one_meeting_or_all(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7330, places["carers"], lang="en")
    ben = await onboard(harness, 7331, lang="en", join=CARERS_EN)
    alys = await onboard(harness, 7332, lang="cy", join=CARERS_CY)
    first = await plan(harness, rep, "en", ahead(harness))
    await run_at(harness, due(harness, first, WEEK))
    await ben.press(w("mute", "en"))  # on the reminder itself
    assert w("unmute", "en") in [b.text for b in ben.inbox[-2].button_rows()]
    await alys.say("/cyfarfodydd")
    await alys.press("Diffodd negeseuon atgoffa ar gyfer pob cyfarfod")
    [mydata, _file] = await alys.say("/fy_nata")
    assert "negeseuon atgoffa am gyfarfodydd rydych chi wedi'u diffodd" in mydata.text
    count = len(ben.inbox) + len(alys.inbox)
    await run_at(harness, due(harness, first, DAY))
    assert len(ben.inbox) + len(alys.inbox) == count  # neither is reminded
    # Turned on again: the next reminder reaches them.
    await ben.press(w("unmute", "en"))
    await alys.say("/cyfarfodydd")
    await alys.press("Troi negeseuon atgoffa am gyfarfodydd ymlaen eto")
    await run_at(harness, due(harness, first, 2 * HOUR))
    assert texts(ben, w("reminder", "en")) and texts(alys, w("reminder", "cy"))


async def test_the_organiser_sees_replies_through_the_counting_rule(settings: Settings) -> None:
    async with harness_with(settings, min_group=2) as h:
        places = await seed_constituencies(h)
        rep = await representative(h, 7340, places["carers"], lang="en")
        people = [await onboard(h, 7341 + i, lang="en", join=CARERS_EN) for i in range(9)]
        meeting = await plan(h, rep, "en", ahead(h))
        await run_at(h, due(h, meeting, WEEK))
        answers = ["yes", "yes", "yes", "no", "no", "maybe", "maybe"]  # two don't answer
        for person, answer in zip(people, answers, strict=False):
            await person.press(w(answer, "en"))
        await manage(rep, "en")
        assert (
            "Replies: I'll be there: 3 · I can't come: 2 · Not sure yet: 2 · No answer yet: 2"
            in rep.last.text
        )
        assert "Told so far: 9 people" in rep.last.text
        # One changes their mind: "not sure" is 1 now, and no answer can be worked out.
        await people[6].press(w("yes", "en"))
        await manage(rep, "en")
        assert (
            "Replies: I'll be there: 2 or more · I can't come: 2 or more · Not sure yet: fewer "
            "than 2 · No answer yet: 2 or more" in rep.last.text
        )
    async with harness_with(
        dataclasses.replace(settings, database=settings.database.with_suffix(".b"))
    ) as h:
        places = await seed_constituencies(h)
        rep = await representative(h, 7350, places["carers"], lang="en")
        member = await onboard(h, 7351, lang="en", join=CARERS_EN)
        meeting = await plan(h, rep, "en", ahead(h))
        await run_at(h, due(h, meeting, WEEK))
        await member.press(w("yes", "en"))
        await manage(rep, "en")
        assert "I'll be there: fewer than 5" in rep.last.text  # one person is never shown as 1


async def test_a_restart_between_planning_and_the_reminder_loses_and_doubles_nothing(
    settings: Settings,
) -> None:
    async with harness_with(settings) as h:
        places = await seed_constituencies(h)
        rep = await representative(h, 7360, places["carers"], lang="en")
        ben = await onboard(h, 7361, lang="en", join=CARERS_EN)
        meeting = await plan(h, rep, "en", ahead(h))
    async with harness_with(settings) as h:  # the same database, a new process
        assert await run_at(h, due(h, meeting, WEEK))
        assert not await run_at(h, due(h, meeting, WEEK) + timedelta(seconds=30))
    async with harness_with(settings) as h:
        assert not await run_at(h, due(h, meeting, WEEK) + timedelta(minutes=5))
        sent = await h.services.db.scalar(
            "SELECT COUNT(*) FROM deliveries d JOIN meeting_batches b ON b.batch_id = d.batch_id"
            " WHERE b.kind = 'reminder' AND d.member_id = (SELECT id FROM members WHERE telegram_id = ?)"
            " AND d.status = 'sent' AND d.part = 0 AND d.document_name IS NULL",
            (ben.id,),
        )
        assert sent == 1
        told = await store.told_count(h.services.db, meeting.id)
        assert told == 1
