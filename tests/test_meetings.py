"""A meeting's life, as its organiser and its members live it, in Welsh and in English.

Planned with /meeting, reminded at 7 days, 1 day and 2 hours (the clock driven with chosen
moments), answered, given papers late, changed and cancelled; nothing twice, nothing after
the start, each member in their own language.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot.config import QuietHours, Settings
from bot.domain.reminders import DAY, HOUR, WEEK
from bot.i18n import translator
from bot.sim.harness import Harness
from bot.storage import meetings, rsvps
from bot.storage.db import utcnow
from bot.tg import clock
from tests.helpers.delivery import harness_with, representative, until
from tests.helpers.meetings import (
    A_DAY,
    documents,
    due,
    plan,
    run_at,
    texts,
    w,
)
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, USERS_EN


def ten_days_ahead(h: Harness) -> datetime:
    local = (utcnow() + timedelta(days=10)).astimezone(h.settings.timezone)
    return local.replace(hour=14, minute=0, second=0, microsecond=0)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_meeting_from_planning_to_its_start(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7100, places["carers"], lang=lang)
    alys = await onboard(harness, 7101, lang="cy", join=CARERS_CY)
    ben = await onboard(harness, 7102, lang="en", join=CARERS_EN)
    other = await onboard(harness, 7103, lang="en", join=USERS_EN)
    meeting = await plan(harness, rep, lang, ten_days_ahead(harness))
    assert meeting.offsets == (WEEK, DAY, 2 * HOUR)

    # Nothing before the first reminder's moment; then each member hears in their language.
    assert not await run_at(harness, due(harness, meeting, WEEK) - timedelta(minutes=1))
    assert await run_at(harness, due(harness, meeting, WEEK))
    [cy] = texts(alys, w("first", "cy"))
    [en] = texts(ben, w("first", "en"))
    assert meeting.starts_at is not None
    tz = harness.settings.timezone
    assert "Fforwm Gofalwyr" in cy and "Croeso" in cy
    assert translator("cy", tz).datetime(meeting.starts_at, "full") in cy
    assert "Carers' Forum" in en and "Welcome" in en
    assert translator("en", tz).datetime(meeting.starts_at, "full") in en
    assert "Mae'r cyfarfod ymhen 7 diwrnod." in cy and "It is in 7 days." in en
    assert documents(alys) == ["cyfarfod-1.ics"] and documents(ben) == ["meeting-1.ics"]
    assert not texts(other, w("first", "en"))  # another network's member is not told
    # No papers by the first reminder: the organiser is warned, in their language.
    [warning] = texts(rep, w("warning", lang))
    assert "/cyfarfod" in warning if lang == "cy" else "/meeting" in warning

    # The same moment again (a second tick, a restart): nothing twice.
    assert not await run_at(harness, due(harness, meeting, WEEK) + timedelta(minutes=1))
    assert len(texts(alys, w("first", "cy"))) == 1

    # Replies, as the members press them.
    await alys.press(w("yes", "cy"))
    await ben.press(w("maybe", "en"))
    await ben.press(w("no", "en"))  # changed their mind
    db = harness.services.db
    assert await rsvps.counts(db, meeting.id) == {"yes": 1, "no": 1, "maybe": 0}
    assert next(b.text for b in alys.inbox[-2].button_rows()) == "✓ " + w("yes", "cy")

    # A paper after the first reminder goes at once to everyone told, marked late.
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    await rep.press(rep.last.button_rows()[1].text)  # the meeting, under "Plan a new meeting"
    await rep.press(w("papers", lang))
    await rep.send_document("papurau.pdf", b"%PDF-1.4 papurau")
    await rep.press(w("papers done", lang))
    await run_at(harness, utcnow())
    assert "papurau.pdf" in documents(alys) and "papurau.pdf" in documents(ben)
    late = [m for m in alys.inbox if m.document and m.document[0] == "papurau.pdf"]
    assert late[0].text.startswith(w("late", "cy"))

    # One day before: one more reminder each, no second calendar file.
    assert await run_at(harness, due(harness, meeting, DAY))
    assert len(texts(alys, w("reminder", "cy"))) == 1
    assert [texts(ben, w("reminder", "en"))[0].splitlines()[1]] == ["It is tomorrow."]
    assert documents(ben).count("meeting-1.ics") == 1
    # Two hours before, then the start: nothing after it.
    assert await run_at(harness, due(harness, meeting, 2 * HOUR))
    assert len(texts(alys, w("reminder", "cy"))) == 2
    assert meeting.starts_at is not None
    before = len(alys.inbox) + len(ben.inbox)
    assert not await run_at(harness, meeting.starts_at + timedelta(minutes=1))
    assert len(alys.inbox) + len(ben.inbox) == before
    found = await meetings.get(db, meeting.id)
    assert found is not None and found.wrapped_up_at is not None


async def test_papers_attached_in_time_go_with_the_first_reminder(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7110, places["carers"], lang="en")
    alys = await onboard(harness, 7111, lang="cy", join=CARERS_CY)
    meeting = await plan(harness, rep, "en", ten_days_ahead(harness))
    await rep.press(w("papers", "en").replace("papers", "papers now"))
    replies = await rep.send_document("agenda.pdf", b"%PDF-1.4 agenda")
    assert "It will go with the first reminder." in replies[-1].text
    assert not await run_at(harness, utcnow())  # not sent early: they wait for the reminder
    assert documents(alys) == []
    await run_at(harness, due(harness, meeting, WEEK))
    assert documents(alys) == ["cyfarfod-1.ics", "agenda.pdf"]
    [reminder] = texts(alys, w("first", "cy"))
    assert "Mae papur y cyfarfod yn dilyn y neges hon" in reminder
    assert not texts(rep, w("warning", "en"))  # papers in time: no warning


async def test_the_two_hour_reminder_goes_in_quiet_hours(settings: Settings) -> None:
    all_day = QuietHours(time(0, 0), time(23, 59))
    async with harness_with(settings, quiet_hours=all_day) as h:
        places = await seed_constituencies(h)
        rep = await representative(h, 7120, places["carers"], lang="en")
        ben = await onboard(h, 7121, lang="en", join=CARERS_EN)
        meeting = await plan(h, rep, "en", ten_days_ahead(h))
        # The first reminder waits for quiet hours to end; the 2-hour one cannot wait.
        assert await clock.run_due(h.services, now=due(h, meeting, DAY))
        assert await clock.run_due(h.services, now=due(h, meeting, 2 * HOUR))

        async def reminded() -> bool:
            return bool(texts(ben, w("reminder", "en")))

        await until(reminded, "the 2-hour reminder")
        assert not texts(ben, w("first", "en"))  # still held: it is not urgent


async def test_downtime_sends_only_the_latest_reminder_due(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7130, places["carers"], lang="en")
    ben = await onboard(harness, 7131, lang="en", join=CARERS_EN)
    meeting = await plan(harness, rep, "en", ten_days_ahead(harness))
    # Down from before the first reminder until after the second: one message, the first
    # Ben gets, so it carries the calendar file.
    await run_at(harness, due(harness, meeting, DAY) + timedelta(hours=3))
    [reminder] = texts(ben, w("first", "en"))
    assert "It is tomorrow." in reminder or "It starts in about" in reminder
    assert documents(ben) == ["meeting-1.ics"]
    await run_at(harness, due(harness, meeting, DAY) + timedelta(hours=4))
    assert len([m for m in ben.inbox if m.text.startswith(("A meeting", "Meeting reminder"))]) == 1


async def test_a_late_joiner_gets_the_calendar_file_and_papers_with_their_first(
    harness: Harness,
) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7140, places["carers"], lang="en")
    meeting = await plan(harness, rep, "en", ten_days_ahead(harness))
    await rep.press("Add papers now")
    await rep.send_document("plan.pdf", b"%PDF-1.4 plan")
    await run_at(harness, due(harness, meeting, WEEK))
    late_joiner = await onboard(harness, 7141, lang="cy", join=CARERS_CY)
    await run_at(harness, due(harness, meeting, WEEK) + A_DAY)
    assert texts(late_joiner, w("first", "cy"))
    assert documents(late_joiner) == ["cyfarfod-1.ics", "plan.pdf"]


async def test_what_the_organiser_types_reaches_members_as_typed(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7150, places["carers"], lang="en")
    ben = await onboard(harness, 7151, lang="en", join=CARERS_EN)
    link = "https://meet.example.org/carers?room=1&lang=<cy>"
    meeting = await plan(
        harness,
        rep,
        "en",
        ten_days_ahead(harness),
        place=link,
        agenda=("1 < 2 & 3", "<b>not bold</b>"),
    )
    await run_at(harness, due(harness, meeting, WEEK))
    [reminder] = texts(ben, w("first", "en"))
    assert f"Where: {link}" in reminder  # the link itself, never behind a label
    assert "1. <b>not bold</b>" in reminder
    assert harness.sim.rejected == []  # nothing Telegram would refuse
    [message] = [m for m in ben.inbox if m.text == reminder]
    assert "<a " not in message.source


async def test_an_archived_networks_members_get_no_more_reminders(harness: Harness) -> None:
    """Archiving a network stops everything to its members, meeting reminders too."""
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7150, places["carers"], lang="cy")
    ben = await onboard(harness, 7151, lang="cy", join=CARERS_CY)
    meeting = await plan(harness, rep, "cy", ten_days_ahead(harness))
    await run_at(harness, due(harness, meeting, WEEK))
    assert texts(ben, w("first", "cy"))
    boss = await onboard(harness, min(harness.settings.coordinators), lang="cy")
    await boss.say("/rhwydweithiau")
    await boss.press(CARERS_CY)
    await boss.press("Archifo'r rhwydwaith hwn")
    await boss.press("Archifo'r rhwydwaith hwn")  # the question's "yes"
    before = len(ben.inbox)
    await run_at(harness, due(harness, meeting, DAY))
    await run_at(harness, due(harness, meeting, 2 * HOUR))
    assert len(ben.inbox) == before
