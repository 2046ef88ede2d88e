"""A member gives an anonymous view: in Welsh and English, safely, within limits."""

from __future__ import annotations

import pytest

from bot import views as service
from bot.handlers.feedback import ViewButton
from bot.sim.harness import Harness
from bot.storage import members, roles, topics
from tests.helpers.db import row_counts
from tests.helpers.people import onboard
from tests.helpers.views import CARERS_CY, CARERS_EN, SEND, USERS_EN, give_view, seed_big_networks


async def stored(h: Harness) -> list[tuple[object, ...]]:
    rows = await h.services.db.fetchall("SELECT * FROM views")
    return [tuple(r) for r in rows]


async def test_a_view_in_english_from_start_to_thanks(harness: Harness) -> None:
    places = await seed_big_networks(harness)
    person = await onboard(harness, 6001, lang="en", join=CARERS_EN)
    await person.say("/feedback")
    assert "Write your view in one message" in person.last.text
    [preview] = await person.say("Respite care is hard to find. Call me on 07700 900123.")
    assert "This is exactly what your representatives will see" in preview.text
    assert "It does not show who you are" in preview.text
    assert "Call me on [phone number removed]." in preview.text
    assert "07700" not in preview.text
    assert [b.text for b in preview.button_rows()] == [
        "Send anonymously",
        "Edit",
        "Cancel",
        "It's written in Welsh",
    ]
    assert await stored(harness) == []  # nothing stored before Send
    await person.press("Send anonymously")
    assert "Your view has gone, anonymously, to the representatives of" in person.last.text
    [row] = await stored(harness)
    _id, cid, topic_id, language, text, day, poll_id = row
    assert poll_id is None
    assert (cid, topic_id, language) == (places["carers"], None, "en")
    assert text == "Respite care is hard to find. Call me on [phone number removed]."
    assert len(str(day)) == 10  # a date, no time of day


async def test_a_view_in_welsh_is_stored_in_welsh(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6002, lang="cy", join=CARERS_CY)
    await person.say("/adborth")
    assert "Ysgrifennwch eich barn mewn un neges" in person.last.text
    [preview] = await person.say("Mae angen mwy o wasanaethau yn Gymraeg. Ffoniwch 029 2034 5678")
    assert "Dyma'n union beth fydd eich cynrychiolwyr yn ei weld" in preview.text
    assert "[rhif ffôn wedi'i dynnu]" in preview.text
    assert "Anfon yn ddienw" in [b.text for b in preview.button_rows()]
    await person.press("Anfon yn ddienw")
    assert "Mae eich barn wedi mynd, yn ddienw" in person.last.text
    [row] = await stored(harness)
    assert row[3] == "cy" and row[4].endswith("[rhif ffôn wedi'i dynnu]")


async def test_the_member_can_say_which_language_they_wrote_in(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6003, lang="en", join=CARERS_EN)
    await person.say("/feedback")
    # The label is the language of the words, not of the member's menus, and they can correct it.
    [preview] = await person.say("Rwy'n hapus gyda'r gwasanaeth. E-bost: a@b.cymru")
    assert "Language: Welsh (as far as I can tell from the words)" in preview.text
    assert "[cyfeiriad e-bost wedi'i dynnu]" in preview.text
    [preview] = await person.press("It's written in English")
    assert "Language: English" in preview.text
    [preview] = await person.press("It's written in Welsh")
    assert "Language: Welsh" in preview.text
    await person.press("Send anonymously")
    [row] = await stored(harness)
    assert row[3] == "cy"


async def test_choose_network_and_topic_edit_then_send(harness: Harness) -> None:
    places = await seed_big_networks(harness)
    topic_id = await topics.open_topic(
        harness.services.db, places["users"], "Amseroedd aros", "Waiting times"
    )
    person = await onboard(harness, 6004, lang="en", join=CARERS_EN)
    await person.say("/join")
    await person.press(USERS_EN)  # a second network
    await person.say("/feedback")
    assert "Which network is your view for?" in person.last.text
    await person.press(USERS_EN)
    assert [b.text for b in person.last.button_rows()] == [
        "Waiting times",
        "Something else",
        "Cancel",
    ]
    await person.press("Waiting times")
    await person.say("First try, too hasty")
    await person.press("Edit")
    assert "Send your view again" in person.last.text
    [preview] = await person.say("Eight months on the list for therapy.")
    assert "Topic: Waiting times" in preview.text
    await person.press("Send anonymously")
    [row] = await stored(harness)
    assert row[1:5] == (places["users"], topic_id, "en", "Eight months on the list for therapy.")


async def test_cancel_discards_the_draft(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6005, lang="en", join=CARERS_EN)
    await person.say("/feedback")
    await person.say("I changed my mind about this")
    [done] = await person.press("Cancel")
    assert "nothing was sent" in done.text
    assert harness.services.memory.get(6005) is None
    assert await stored(harness) == []
    # the buttons of the old preview no longer send anything
    [notice] = await person.press_data(SEND_DATA)  # longer than an alert: a message
    assert "no longer open" in notice.text
    assert await stored(harness) == []


SEND_DATA = ViewButton("send").pack()


@pytest.mark.parametrize(("text", "reply"), [("hi", "very short"), ("x" * 3001, "longer than")])
async def test_length_is_checked(harness: Harness, text: str, reply: str) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6006, lang="en", join=CARERS_EN)
    await person.say("/feedback")
    [answer] = await person.say(text)
    assert reply in answer.text
    assert await stored(harness) == []


async def test_in_a_group_the_bot_never_takes_a_view(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6007, lang="en", join=CARERS_EN)
    db = harness.services.db
    before = await row_counts(db)
    await person.say("/feedback", chat_id=-100500)
    [refusal] = harness.sim.inbox(-100500)
    assert "A group is not anonymous" in refusal.text and "private chat" in refusal.text
    await person.say("My view, said in the group", chat_id=-100500)
    assert len(harness.sim.inbox(-100500)) == 1  # nothing taken, nothing answered
    assert harness.services.memory.get(6007) is None
    assert await row_counts(db) == before


async def test_group_refusal_in_welsh(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6008, lang="cy", join=CARERS_CY)
    await person.say("/adborth", chat_id=-100501)
    [refusal] = harness.sim.inbox(-100501)
    assert "Dydy grŵp ddim yn ddienw" in refusal.text and "/adborth" in refusal.text


@pytest.mark.parametrize("kind", ["voice", "photo", "sticker"])
async def test_media_while_writing_gets_a_kind_reply(harness: Harness, kind: str) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6009, lang="en", join=CARERS_EN)
    await person.say("/feedback")
    [answer] = await person.send_media(kind)
    assert "only take typed text for a view" in answer.text
    assert "draft is still open" in answer.text
    [preview] = await person.say("Typed after all, thank you")
    assert "This is exactly what" in preview.text


async def test_daily_limit(harness: Harness) -> None:
    await seed_big_networks(harness)
    limit = harness.settings.max_views_per_day
    person = await onboard(harness, 6010, lang="en", join=CARERS_EN)
    for n in range(limit):
        await give_view(person, f"View number {n} about services")
    assert len(await stored(harness)) == limit
    [answer] = await person.say("/feedback")
    assert f"You have given {limit} views today" in answer.text
    assert len(await stored(harness)) == limit
    # the count is kept under a keyed hash, one row for this member and day
    [quota] = await harness.services.db.fetchall("SELECT * FROM view_quota")
    assert quota["used"] == limit and "6010" not in quota["tag"]


async def test_daily_limit_in_welsh_and_at_send(harness: Harness) -> None:
    """Two drafts can't beat the limit: it is checked again, in the transaction, at Send."""
    places = await seed_big_networks(harness)
    limit = harness.settings.max_views_per_day
    person = await onboard(harness, 6011, lang="cy", join=CARERS_CY)
    for n in range(limit - 1):
        await give_view(person, f"Barn rhif {n} am wasanaethau", lang="cy")
    await person.say("/adborth")
    await person.say("Yr olaf sy'n cael mynd")
    db = harness.services.db
    # meanwhile the last view of the day is given (as from a second device)
    me = await members.by_telegram_id(db, 6011)
    assert me is not None
    await service.give(
        db,
        harness.services.secrets,
        harness.settings,
        me,
        constituency_id=places["carers"],
        topic_id=None,
        lang="cy",
        text="Barn o ddyfais arall",
    )
    await person.press("Anfon yn ddienw")
    assert "terfyn heddiw" in person.last.text
    assert len(await stored(harness)) == limit


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Honestly some days I want to die, and nobody calls back.", "not read in real time"),
        (
            "cy",
            "Rwy'n methu mynd ymlaen fel hyn, does neb yn ateb y ffôn.",
            "dydy barnau ddim yn cael eu darllen mewn amser real",
        ),
    ],
)
async def test_crisis_words_get_support_lines_and_the_view_is_still_taken(
    harness: Harness, lang: str, text: str, expected: str
) -> None:
    await seed_big_networks(harness)
    join = CARERS_CY if lang == "cy" else CARERS_EN
    person = await onboard(harness, 6012, lang=lang, join=join)
    await person.say("/adborth" if lang == "cy" else "/feedback")
    support, preview = await person.say(text)
    assert expected in support.text
    assert "116 123" in support.text and "0808 164 0123" in support.text
    assert "19:00–23:00" in support.text
    welsh_line = "Llinell Gymraeg y Samariaid" if lang == "cy" else "Samaritans Welsh Language Line"
    assert welsh_line in support.text
    assert "0800 132 737" not in support.text  # unverified number: never shown
    assert SEND[lang] in [b.text for b in preview.button_rows()]  # never blocked
    await person.press(SEND[lang])
    assert len(await stored(harness)) == 1


async def test_no_network_no_view(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6013, lang="en")
    [answer] = await person.say("/feedback")
    assert "haven't joined a network" in answer.text


async def test_forged_network_or_topic_is_refused(harness: Harness) -> None:
    places = await seed_big_networks(harness)
    other_topic = await topics.open_topic(harness.services.db, places["users"], "Arall", "Other")
    person = await onboard(harness, 6014, lang="en", join=CARERS_EN)
    await person.say("/feedback")  # one network: straight to writing
    await person.press_data(ViewButton("network", places["users"]).pack())
    assert harness.sim.callback_answers[-1]["text"] == "You are not a member of that network."
    await person.press_data(ViewButton("topic", other_topic).pack())
    assert harness.sim.callback_answers[-1]["text"] == "That topic is closed now."
    await person.say("A view for my own network")
    await person.press("Send anonymously")
    [row] = await stored(harness)
    assert row[1] == places["carers"] and row[2] is None


async def test_views_are_not_in_mydata_and_stay_after_forget(harness: Harness) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6015, lang="en", join=CARERS_EN)
    await give_view(person, "Something worth saying")
    [text, document] = await person.say("/mydata")
    assert "Something worth saying" not in text.text
    assert document.document is not None
    assert b"Something worth saying" not in document.document[1]
    await person.say("/forget")
    await person.press("Yes, delete everything about me")
    assert len(await stored(harness)) == 1  # never linked to them, so nothing to erase


@pytest.mark.parametrize("leave", ["/stop", "/forget"])
async def test_stop_and_forget_discard_an_open_draft(harness: Harness, leave: str) -> None:
    await seed_big_networks(harness)
    person = await onboard(harness, 6016, lang="en", join=CARERS_EN)
    await person.say("/feedback")
    await person.say("Words I no longer want anyone to read")
    assert harness.services.memory.get(6016) is not None
    await person.say(leave)
    if leave == "/forget":
        await person.press("Yes, delete everything about me")
    assert harness.services.memory.get(6016) is None
    await person.press_data(SEND_DATA)  # the preview's button sends nothing now
    assert await stored(harness) == []


async def test_an_earlier_question_never_takes_the_words_of_a_view(harness: Harness) -> None:
    """A representative left "send the topic's title" unanswered, then gave a view: neither
    the view nor text typed at its preview is ever taken as the title."""
    places = await seed_big_networks(harness)
    person = await onboard(harness, 6017, lang="en", join=CARERS_EN)
    db = harness.services.db
    me = await members.by_telegram_id(db, 6017)
    assert me is not None
    await roles.grant(db, me.id, "representative", places["carers"])
    await person.say("/topics")
    await person.press("Open a new topic")
    assert "title in Welsh" in person.last.text
    await person.say("/feedback")
    [preview] = await person.say("First go at my private view")
    assert "This is exactly what your representatives will see" in preview.text
    [pointer] = await person.say("Second go at my private view")
    assert pointer.text == "Please use the buttons above: “Send anonymously”, “Edit” or “Cancel”."
    assert await db.fetchall("SELECT * FROM pending_input") == []
    assert await db.fetchall("SELECT * FROM topics") == []


async def test_crisis_words_outside_a_view_get_support_lines_too(harness: Harness) -> None:
    """Not only in a view: words nobody was waiting for get support lines, not "not sure"."""
    await seed_big_networks(harness)
    member = await onboard(harness, 6018, lang="cy", join=CARERS_CY)
    [support] = await member.say("Dw i eisiau marw")
    assert "Dydy negeseuon ata i ddim yn cael eu darllen gan berson" in support.text
    assert "Llinell Gymraeg y Samariaid" in support.text and "0808 164 0123" in support.text
    assert "19:00–23:00" in support.text
    stranger = harness.person(6019, "Alex")  # not a member yet: both languages, Welsh first
    cy, en, *welcome = await stranger.say("I just want to end it all")
    assert "Llinell Gymraeg y Samariaid" in cy.text
    assert "Messages to me are not read by a person" in en.text and "116 123" in en.text
    assert welcome  # and then the usual first screen


async def test_words_written_before_choosing_a_topic_are_kept(harness: Harness) -> None:
    """Typing the view straight after /feedback, before pressing a topic, loses nothing."""
    places = await seed_big_networks(harness)
    await topics.open_topic(harness.services.db, places["carers"], "Gofal seibiant", "Respite care")
    person = await onboard(harness, 7301, lang="en", join="Cardiff and Vale Carers' Network")
    await person.say("/feedback")
    [kept] = await person.say("We need more respite care in the holidays.")
    assert "I've kept what you wrote" in kept.text
    [preview] = await person.press("Respite care")
    assert "This is exactly what your representatives will see" in preview.text
    assert "We need more respite care in the holidays." in preview.text
    assert "Topic: Respite care" in preview.text
