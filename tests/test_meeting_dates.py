"""When a meeting is: typed in Welsh or English, or picked with buttons, always read back in
full with its weekday before it is kept; a past time refused, an unreadable one answered
with an example in the person's language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.i18n import translator
from bot.sim.harness import Harness, Person
from bot.storage import meetings
from bot.storage.db import utcnow
from tests.helpers.delivery import harness_with, representative
from tests.helpers.meetings import TITLES, typed, w
from tests.helpers.people import seed_constituencies

SORRY = {
    "en": "Sorry, I couldn't read a date in that.",
    "cy": "Mae'n ddrwg gen i, allwn i ddim darllen dyddiad yn hynny.",
}
EXAMPLE = {"en": "for example “", "cy": "er enghraifft “"}
READ_BACK = {"en": "Is that right?", "cy": "Ydy hynny'n iawn?"}
DURATION = {"en": "How long will it last?", "cy": "Pa mor hir fydd e'n para?"}


async def at_the_date(h: Harness, lang: str, user_id: int) -> Person:
    """A representative who has named a new meeting and is asked when it is."""
    places = await seed_constituencies(h)
    rep = await representative(h, user_id, places["carers"], lang=lang)
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    await rep.say(TITLES[0])
    await rep.say(TITLES[1])
    return rep


async def draft(h: Harness) -> meetings.Meeting:
    found = await meetings.get(
        h.services.db, int(await h.services.db.scalar("SELECT MAX(id) FROM meetings"))
    )
    assert found is not None
    return found


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_time_in_the_past_is_refused(harness: Harness, lang: str) -> None:
    rep = await at_the_date(harness, lang, 7200 if lang == "en" else 7201)
    [answer] = await rep.say(typed(utcnow() - timedelta(days=1), lang, harness))
    assert answer.text.startswith(w("past", lang))
    assert w("buttons", lang) in [b.text for b in answer.button_rows()]
    assert (await draft(harness)).starts_at is None
    # Still asking: a good date now goes on to be read back.
    [back] = await rep.say(typed(utcnow() + timedelta(days=9), lang, harness))
    assert READ_BACK[lang] in back.text


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_an_unreadable_date_is_answered_with_an_example(harness: Harness, lang: str) -> None:
    rep = await at_the_date(harness, lang, 7202 if lang == "en" else 7203)
    [answer] = await rep.say("rywbryd cyn hir" if lang == "cy" else "sometime soon")
    assert answer.text.startswith(SORRY[lang])
    assert EXAMPLE[lang] in answer.text
    tr = translator("cy" if lang == "cy" else "en", harness.settings.timezone)
    weekday = tr.date(utcnow() + timedelta(days=(1 - utcnow().weekday()) % 7 or 7), "EEEE")
    assert weekday in answer.text  # the example names a real Tuesday, in their language
    # and the example itself is read as a date
    example = answer.text.split("“", 1)[1].split("”", 1)[0]
    [back] = await rep.say(example)
    assert READ_BACK[lang] in back.text and "14:00" in back.text


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_date_is_read_back_in_full_and_kept_only_after_yes(
    harness: Harness, lang: str
) -> None:
    rep = await at_the_date(harness, lang, 7204 if lang == "en" else 7205)
    start = (utcnow() + timedelta(days=12)).replace(second=0, microsecond=0)
    [back] = await rep.say(typed(start, lang, harness))
    tr = translator("cy" if lang == "cy" else "en", harness.settings.timezone)
    assert back.text.startswith(tr.datetime(start, "full"))
    assert (await draft(harness)).starts_at is None
    await rep.press(w("retype", lang))
    assert (await draft(harness)).starts_at is None
    await rep.say(typed(start, lang, harness))
    [asked] = await rep.press(w("right", lang))
    assert DURATION[lang] in asked.text
    assert (await draft(harness)).starts_at == start


async def test_a_weekday_that_does_not_match_the_date_is_pointed_out(harness: Harness) -> None:
    rep = await at_the_date(harness, "en", 7206)
    start = utcnow() + timedelta(days=15)
    wrong = translator("en", harness.settings.timezone).date(start + timedelta(days=1), "EEEE")
    day = start.astimezone(harness.settings.timezone).strftime("%d %B %Y")
    [back] = await rep.say(f"{wrong} {day} 14:00")
    assert f"You wrote {wrong}, but that date is a " in back.text


async def test_picked_with_buttons_in_welsh(harness: Harness) -> None:
    rep = await at_the_date(harness, "cy", 7207)
    [days] = await rep.press(w("buttons", "cy"))
    assert days.text.startswith("<b>") is False and "Pa ddiwrnod?" in days.text
    labels = [b.text for b in days.button_rows()]
    assert len(labels) == 14 + 1  # two weeks of days, and later days
    [times] = await rep.press(labels[3])
    assert "faint o'r gloch mae'n dechrau?" in times.text
    [back] = await rep.press("14:00")
    tz = harness.settings.timezone
    local = (
        (utcnow() + timedelta(days=3))
        .astimezone(tz)
        .replace(hour=14, minute=0, second=0, microsecond=0)
    )
    assert back.text.startswith(translator("cy", tz).datetime(local, "full"))
    await rep.press(w("right", "cy"))
    assert (await draft(harness)).starts_at == local


async def test_a_day_without_a_time_asks_for_the_time(harness: Harness) -> None:
    rep = await at_the_date(harness, "en", 7208)
    day = (utcnow() + timedelta(days=20)).astimezone(harness.settings.timezone)
    [times] = await rep.say(day.strftime("%d %B %Y"))
    assert "what time does it start?" in times.text
    [again] = await rep.say("25:00")
    assert again.text.startswith("That time doesn't exist")
    [back] = await rep.say("2.30pm")
    assert "14:30" in back.text and READ_BACK["en"] in back.text


async def test_a_half_planned_meeting_survives_a_restart(settings: Settings) -> None:
    async with harness_with(settings) as h:
        rep = await at_the_date(h, "cy", 7210)
    async with harness_with(settings) as h:  # the same database, a new process
        rep = h.person(7210)
        start = (utcnow() + timedelta(days=12)).replace(second=0, microsecond=0)
        [back] = await rep.say(typed(start, "cy", h))  # the slot still asks for the date
        assert READ_BACK["cy"] in back.text
        await rep.press(w("right", "cy"))
        found = await draft(h)
        assert found.title_cy == TITLES[0] and found.title_en == TITLES[1]
        assert found.starts_at == start
