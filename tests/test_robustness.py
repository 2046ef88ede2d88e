"""Unexpected input gets a helpful answer, never a traceback or a message Telegram refuses."""

from __future__ import annotations

import logging

import pytest

from bot.sim.harness import Harness
from bot.storage import members
from tests.helpers.db import row_counts
from tests.helpers.people import onboard, seed_constituencies


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document", "location"])
async def test_media_gets_a_kind_reply(harness: Harness, kind: str) -> None:
    person = await onboard(harness, 4001, lang="en")
    [reply] = await person.send_media(kind)
    assert "I can only read typed text" in reply.text


async def test_edited_message_is_acknowledged_in_welsh(harness: Harness) -> None:
    person = await onboard(harness, 4002, lang="cy")
    [reply] = await person.edit(1, "newid")
    assert "wedi golygu neges" in reply.text


async def test_very_long_text_out_of_context(harness: Harness) -> None:
    person = await onboard(harness, 4003, lang="en")
    [reply] = await person.say("word " * 2000)
    assert "That's a long message" in reply.text


async def test_text_from_a_stranger_gets_the_welcome(harness: Harness) -> None:
    person = harness.person(4004)
    [reply] = await person.say("helo")
    assert "Croeso i Gydlais" in reply.text and reply.buttons


async def test_unknown_command_for_a_stranger_is_bilingual(harness: Harness) -> None:
    [reply] = await harness.person(4005).say("/frobnicate")
    assert reply.text.index("Dydw i ddim yn adnabod") < reply.text.index(
        "I don't know that command"
    )


@pytest.mark.parametrize(
    "data",
    [
        "lang:xx",
        "consent:maybe",
        "join:99999:d",
        "join:abc:m",
        "self:robot",
        "forget:",
        "nothing",
        "a" * 64,
        "lang",
    ],
)
async def test_forged_callback_data_changes_nothing(harness: Harness, data: str) -> None:
    person = await onboard(harness, 4006, lang="en")
    db = harness.services.db
    before = await row_counts(db)
    await person.press_data(data)
    assert await row_counts(db) == before
    member = await members.by_telegram_id(db, 4006)
    assert member is not None and member.language == "en" and member.self_description is None
    assert harness.sim.rejected == []


async def test_start_in_a_group_asks_for_a_private_chat(harness: Harness) -> None:
    person = harness.person(4007)
    await person.say("/start", chat_id=-100123)
    [reply] = harness.sim.inbox(-100123)
    assert "sgwrs breifat" in reply.text and "private chat" in reply.text


async def test_a_failure_is_explained_and_logged_without_personal_data(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    person = await onboard(harness, 4008, lang="en", first_name="Gwenllian")
    harness.sim.inject(502, method="sendMessage", times=1)
    caplog.clear()
    [apology] = await person.say("/help")
    assert "something went wrong on my side" in apology.text
    errors = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any("unhandled" in r.getMessage() for r in errors)
    for record in errors:
        text = record.getMessage()
        assert "4008" not in text and "Gwenllian" not in text and "/help" not in text


async def test_a_failure_after_a_press_was_answered_is_still_explained(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """A press answered (the spinner stopped), then Telegram fails the edit: the error
    handler answered the press a second time, Telegram refused that, and the apology was
    never sent."""
    await seed_constituencies(harness)
    person = await onboard(harness, 4010, lang="cy")
    await person.say("/ymuno")
    harness.sim.inject(502, method="editMessageText", times=1)
    caplog.clear()
    replies = await person.press("Fforwm Defnyddwyr Hywel Dda")
    assert any("aeth rhywbeth o'i le" in m.text for m in replies)
    assert not any("could not tell" in r.getMessage() for r in caplog.records)


async def test_person_supplied_text_is_escaped(harness: Harness) -> None:
    """A network named with HTML characters reaches people intact, never as markup."""
    from bot.storage import constituencies

    await constituencies.create(harness.services.db, "odd", "<b>A & B</b>", "<i>C & D</i> <script>")
    person = await onboard(harness, 4009, lang="en", join="<i>C & D</i> <script>")
    [data] = (await person.say("/mydata"))[:1]
    assert "<i>C & D</i> <script>" in data.text
    assert harness.sim.rejected == []
