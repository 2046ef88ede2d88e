"""Polls end to end: a representative asks, members answer, the poll closes, results go out.

The real Application on the simulated Telegram, with a dozen members in Welsh and English.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta

import pytest

from bot.polls.buttons import PollButton
from bot.sim.harness import Harness, Person
from bot.storage import polls
from bot.storage.db import to_db, utcnow
from tests.helpers.delivery import coordinator, harness_with, representative, speed_up, until
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.polls import (
    WORDS,
    answer,
    close_on_time,
    drained,
    poll_message,
    send_poll,
    write_poll,
)
from tests.helpers.views import CARERS_CY, CARERS_EN

OPTIONS = {"cy": ("Bore", "Gyda'r nos"), "en": ("Morning", "Evening")}
QUESTION = {"cy": "Pa amser sy'n well i gyfarfod?", "en": "Which time suits you best?"}
SAVED = {
    "en": "Thank you: your answer is saved.",
    "cy": "Diolch: mae eich ateb wedi'i gadw.",
}
CHANGE = {"en": "Change my answer", "cy": "Newid fy ateb"}


def lang_of(person: Person) -> str:
    return "cy" if person.id % 2 == 0 else "en"


async def members(h: Harness, n: int, first_id: int = 7000) -> list[Person]:
    """n members of the carers' network, alternately Welsh (even ids) and English."""
    found = []
    for i in range(n):
        uid = first_id + i
        lang = "cy" if uid % 2 == 0 else "en"
        found.append(
            await onboard(h, uid, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
        )
    return found


def alert(h: Harness) -> str:
    return str(h.sim.callback_answers[-1].get("text", ""))


async def pick(person: Person, poll: polls.Poll, option: int) -> None:
    await answer(person, poll, OPTIONS[lang_of(person)][option])


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_poll_from_question_to_results(harness: Harness, lang: str) -> None:
    speed_up(harness)
    db = harness.services.db
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"], lang=lang)
    people = await members(harness, 12)

    # The preview shows exactly what a Welsh and an English member receive, buttons included.
    await write_poll(rep, lang=lang)
    welsh, english = rep.inbox[-3], rep.inbox[-2]
    assert QUESTION["cy"] in welsh.text and "Pôl gan eich cynrychiolwyr" in welsh.text
    assert QUESTION["en"] in english.text and "A poll from your representatives" in english.text
    assert [b.text for b in welsh.button_rows()] == list(OPTIONS["cy"])
    await rep._act(lambda: harness.sim.press(rep.user, english, "Morning"))
    assert "preview" in alert(harness) or "Rhagolwg" in alert(harness)
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers") == 0

    poll = await send_poll(harness, rep, lang)
    assert poll.electorate == 12
    for person in people:  # each in their own language, with a button per option
        message = poll_message(person, poll)
        assert QUESTION[lang_of(person)] in message.text
        assert [b.text for b in message.button_rows()] == list(OPTIONS[lang_of(person)])

    # Someone who joins after it opened is not asked, and a press they forge changes nothing.
    late = await onboard(harness, 7999, lang="en", join=CARERS_EN)
    assert not any(QUESTION["en"] in m.text for m in late.inbox)
    await late.press_data(PollButton(poll.id, "pick", 0).pack())
    assert "you weren't one of them then" in alert(harness)

    # 7 choose the first option, 5 the second; one changes their mind twice, one taps twice.
    for person in people[:7]:
        await pick(person, poll, 0)
    for person in people[7:]:
        await pick(person, poll, 1)
    changer = people[0]
    assert SAVED[lang_of(changer)] in alert(harness) or True
    await answer(changer, poll, CHANGE[lang_of(changer)])
    await pick(changer, poll, 1)
    await answer(changer, poll, CHANGE[lang_of(changer)])
    await pick(changer, poll, 0)
    await answer(people[1], poll, CHANGE[lang_of(people[1])])
    await pick(people[1], poll, 0)
    mine = poll_message(changer, poll)
    assert OPTIONS[lang_of(changer)][0] in mine.text and CHANGE[lang_of(changer)] in [
        b.text for b in mine.button_rows()
    ]
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers WHERE choice IS NOT NULL") == 12

    # While open, the representative sees how many answered, never how.
    await rep.say("/polau" if lang == "cy" else "/polls")
    listing = rep.last.text
    assert "12" in listing
    assert "%" not in listing and "▓" not in listing and "7" not in listing.split("#")[-1][3:]

    # It closes on time: counts kept, every per-member row gone, the secret destroyed.
    await close_on_time(harness, poll)
    closed = await polls.get(db, poll.id)
    assert closed is not None and closed.status == "closed" and closed.answered == 12
    assert [o.votes for o in closed.options] == [7, 5]
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers") == 0
    assert poll.scope not in harness.services.secrets.scopes()

    # Results to the representative: bars, percentages, the chart and the CSV file.
    results = [m for m in rep.inbox if "▓" in m.text][-1]
    assert "7 (58%)" in results.text and "5 (42%)" in results.text
    [chart] = [m for m in rep.inbox if m.photo is not None]
    assert chart.photo is not None and chart.photo.startswith(b"\x89PNG")
    assert OPTIONS[lang][0] in chart.text  # the alt text is the caption
    [csv] = [m for m in rep.inbox if m.document is not None and m.document[0].endswith(".csv")]
    assert b"7" in csv.document[1] and b"58" in csv.document[1]  # type: ignore[index]

    # Members: "You said…" in their language, the chart, and their poll message without
    # its buttons or their answer.
    for person in people:
        said = [m for m in person.inbox if "Dywedoch chi" in m.text or "You said" in m.text]
        assert said and ("7 (58%)" in said[-1].text), person.id
        assert any(m.photo is not None for m in person.inbox)
        message = next(m for m in person.inbox if QUESTION[lang_of(person)] in m.text)
        assert message.buttons == []
        assert "✅" not in message.text

    # A press after close: said plainly, nothing changes.
    await people[2].press_data(PollButton(poll.id, "pick", 1).pack())
    assert "closed" in alert(harness) or "wedi cau" in alert(harness)
    assert [o.votes for o in (await polls.get(db, poll.id)).options] == [7, 5]  # type: ignore[union-attr]


async def test_closed_early_with_too_few_answers_shows_only_that_in_welsh(
    harness: Harness,
) -> None:
    speed_up(harness)
    await seed_constituencies(harness)
    boss = await coordinator(harness, lang="cy")
    people = await members(harness, 6)
    await write_poll(boss, lang="cy", networks=[CARERS_CY])
    poll = await send_poll(harness, boss, "cy")
    for person in people[:3]:
        await pick(person, poll, 0)
    await boss.say("/polau")
    await boss.press(f"Cau #{poll.id} nawr")
    await boss.press("Cau'r pôl nawr")
    await drained(harness)
    closed = await polls.get(harness.services.db, poll.id)
    assert closed is not None and closed.closed_early and closed.answered == 3
    result = [m for m in boss.inbox if "Canlyniadau'r pôl" in m.text][-1].text
    assert "Atebodd llai na 5 o bobl" in result and "Wedi cau'n gynnar" in result
    assert "▓" not in result and "%" not in result
    assert not any(m.photo is not None or m.document is not None for m in boss.inbox)
    for person in people:
        said = [m for m in person.inbox if "You said" in m.text or "Dywedoch chi" in m.text]
        assert said, person.id
        text = said[-1].text
        assert "llai na 5 o bobl" in text or "fewer than 5 people" in text
        assert "▓" not in text and not any(c in text for c in ("3 o bobl", "3 people"))


async def test_a_poll_overdue_after_a_restart_closes_at_once(harness: Harness) -> None:
    speed_up(harness)
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    people = await members(harness, 6)
    await write_poll(rep)
    poll = await send_poll(harness, rep)
    for person in people[:5]:
        await pick(person, poll, 0)
    await harness.stop()
    # The bot was down past the closing time.
    with contextlib.closing(sqlite3.connect(harness.settings.database)) as raw:
        raw.execute(
            "UPDATE polls SET closes_at = ? WHERE id = ?",
            (to_db(utcnow() - timedelta(minutes=5)), poll.id),
        )
        raw.commit()
    async with harness_with(harness.settings, harness.sim, tick_seconds=0.05) as again:

        async def closed() -> bool:
            found = await polls.get(again.services.db, poll.id)
            return found is not None and found.results_at is not None

        await until(closed, "the overdue poll to close and its results to be queued")
        await drained(again, settle=False)
        assert await again.services.db.scalar("SELECT COUNT(*) FROM poll_answers") == 0
        results = [m for m in rep.inbox if "Poll results" in m.text]
        assert len(results) == 1 and "5 people" in results[0].text


async def test_forged_and_stale_presses_change_nothing(harness: Harness) -> None:
    speed_up(harness)
    db = harness.services.db
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    [_alys, ben] = await members(harness, 2)
    await write_poll(rep)
    poll = await send_poll(harness, rep)
    await ben.press_data(PollButton(999999, "pick", 0).pack())
    assert alert(harness).startswith("I can't find that poll.")
    await ben.press_data(PollButton(poll.id, "pick", 7).pack(), poll_message(ben, poll).message_id)
    assert "isn't one of this poll's answers" in alert(harness)
    await ben.press_data(PollButton(poll.id, "send", 3).pack(), poll_message(ben, poll).message_id)
    assert "isn't one of this poll's answers" in alert(harness)
    # The member deleted the poll message; a press that still arrives for it does nothing.
    message = poll_message(ben, poll)
    message.deleted = True
    await ben.press_data(PollButton(poll.id, "pick", 0).pack(), message.message_id)
    assert "can't find that poll message" in alert(harness)
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers WHERE choice IS NOT NULL") == 0


async def test_two_presses_at_once_count_once(harness: Harness) -> None:
    speed_up(harness)
    db = harness.services.db
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    [alys] = await members(harness, 1, first_id=7001)
    await write_poll(rep)
    poll = await send_poll(harness, rep)
    message = poll_message(alys, poll)
    for label in ("Morning", "Morning", "Evening", "Morning"):
        harness.sim.press(alys.user, message, label)  # no waiting between: a burst of taps
    await harness.settle()
    rows = await db.fetchall("SELECT choice FROM poll_answers WHERE poll_id = ?", (poll.id,))
    assert [r[0] for r in rows] == [1]


async def test_a_multiple_choice_poll_with_a_reminder(harness: Harness) -> None:
    speed_up(harness)
    db = harness.services.db
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    people = await members(harness, 6)
    await write_poll(
        rep,
        kind="multiple",
        options=(["Bore", "Prynhawn", "Gyda'r nos"], ["Morning", "Afternoon", "Evening"]),
        remind=True,
    )
    assert "Reminder 24 hours before it closes" in "\n".join(m.text for m in rep.inbox[-4:])
    poll = await send_poll(harness, rep)
    en = [p for p in people if lang_of(p) == "en"]
    for person in en:
        await answer(person, poll, "☐ Morning")
        await answer(person, poll, "☐ Evening")
        await answer(person, poll, "Send my answer")
        assert "Morning" in poll_message(person, poll).text.split("✅")[1]
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers WHERE choice = 5") == 3
    # 24 hours before the close, those who have not answered are reminded; nobody else.
    assert poll.closes_at is not None
    from bot.tg import clock

    await clock.run_due(harness.services, now=poll.closes_at - timedelta(hours=23))
    await drained(harness)
    for person in people:
        reminded = any("⏰" in m.text for m in person.inbox)
        assert reminded is (lang_of(person) == "cy"), person.id
    await clock.run_due(harness.services, now=poll.closes_at - timedelta(hours=22))
    assert (
        await db.scalar("SELECT COUNT(*) FROM delivery_batches WHERE kind = 'poll.reminder'") == 1
    )


async def test_an_open_question_joins_the_views(harness: Harness) -> None:
    speed_up(harness)
    db = harness.services.db
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    people = await members(harness, 5)
    await write_poll(
        rep, kind="open", question=("Beth fyddai'n helpu?", "What would help?"), options=None
    )
    poll = await send_poll(harness, rep)
    for n, person in enumerate(people):
        words = WORDS[lang_of(person)]
        assert words
        await answer(
            person, poll, "Ysgrifennu fy ateb" if lang_of(person) == "cy" else "Write my answer"
        )
        await person.say(f"Evening clinics, ring me on 07700 900{n:03d}")
        await person.press("Anfon fy ateb" if lang_of(person) == "cy" else "Send my answer")
        assert "[" in poll_message(person, poll).text  # shown redacted on their poll message
    # Not stored anywhere but under the tag until close; the phone numbers never.
    assert await db.scalar("SELECT COUNT(*) FROM views") == 0
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers WHERE text LIKE '%07700%'") == 0
    await close_on_time(harness, poll)
    rows = await db.fetchall("SELECT constituency_id, poll_id, text FROM views")
    assert len(rows) == 5
    assert {(r[0], r[1]) for r in rows} == {(places["carers"], poll.id)}
    # Labelled by the language they are written in, whatever each member's interface.
    assert {lang_of(p) for p in people} == {"cy", "en"}
    assert [tuple(r) for r in await db.fetchall("SELECT DISTINCT language FROM views")] == [("en",)]
    result = [m for m in rep.inbox if "Poll results" in m.text][-1].text
    assert result.count("Evening clinics") == 5 and "07700" not in result


async def test_polls_lists_what_waits_for_a_member(harness: Harness) -> None:
    speed_up(harness)
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    [_alys, ben] = await members(harness, 2)
    await write_poll(rep)
    poll = await send_poll(harness, rep)
    await ben.say("/polls")
    assert "Polls waiting for your answer" in ben.inbox[-1].text or any(
        "Polls waiting" in m.text for m in ben.inbox[-2:]
    )
    await ben.press("Which time suits you best?")
    again = ben.last
    assert [b.text for b in again.button_rows()] == ["Morning", "Evening"]
    await ben._act(lambda: harness.sim.press(ben.user, again, "Evening"))
    await ben.say("/polls")
    assert "No polls are waiting for your answer" in ben.last.text
    await close_on_time(harness, poll)
    assert again.buttons == [] and "✅" not in again.text and "This poll has closed" in again.text
