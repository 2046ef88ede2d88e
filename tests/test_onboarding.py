"""A newcomer meets the bot: language, consent, networks, invites — in Welsh and in English."""

from __future__ import annotations

from bot.sim.harness import Harness
from bot.storage import constituencies, invites, members
from tests.helpers.db import all_values, row_counts
from tests.helpers.people import onboard, seed_constituencies


async def test_first_screen_is_bilingual_with_welsh_first(harness: Harness) -> None:
    person = harness.person(2001, language_code=None)
    [welcome] = await person.say("/start")
    cy = welcome.text.index("Croeso i Gydlais")
    en = welcome.text.index("Welcome to Cydlais")
    assert cy < en
    assert [b.text for b in welcome.button_rows()] == ["Cymraeg", "English"]


async def test_full_onboarding_in_welsh(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    person = await onboard(
        harness,
        2002,
        lang="cy",
        join="Rhwydwaith Gofalwyr Caerdydd a'r Fro",
        describe="I care for someone",
    )
    assert "Rydych chi'n barod" in person.last.text
    assert "/iaith" in person.last.text and "/fy_nata" in person.last.text
    assert "/language" not in person.last.text
    privacy = next(m for m in person.inbox if "Eich preifatrwydd" in m.text)
    assert "/anghofio" in privacy.text and "Rhwydwaith Prawf / Test Network" in privacy.text
    member = await members.by_telegram_id(harness.services.db, 2002)
    assert member is not None
    assert (member.language, member.self_description) == ("cy", "carer")
    joined = await constituencies.of_member(harness.services.db, member.id)
    assert [c.id for c in joined] == [places["carers"]]


async def test_full_onboarding_in_english(harness: Harness) -> None:
    await seed_constituencies(harness)
    person = await onboard(
        harness,
        2003,
        lang="en",
        join="Hywel Dda Service Users' Forum",
        describe="I'd rather not say",
    )
    assert "You're all set" in person.last.text and "/mydata" in person.last.text
    member = await members.by_telegram_id(harness.services.db, 2003)
    assert member is not None and member.language == "en" and member.self_description is None


async def test_telegram_language_code_is_only_a_hint(harness: Harness) -> None:
    """A Welsh Telegram app still sees the bilingual choice: nothing is assumed."""
    person = harness.person(2004, language_code="cy")
    [welcome] = await person.say("/start")
    assert "Croeso" in welcome.text and "Welcome" in welcome.text


async def test_refusing_consent_stores_nothing(harness: Harness) -> None:
    await seed_constituencies(harness)
    before = await row_counts(harness.services.db)
    person = harness.person(2005, "Refuser", username="refuser_2005")
    await person.say("/start")
    await person.press("English")
    goodbye = (await person.press("No thanks"))[-1]
    assert "haven't kept anything" in goodbye.text and "/start" in goodbye.text
    assert await row_counts(harness.services.db) == before
    values = await all_values(harness.services.db)
    assert not {2005, "2005", "Refuser", "refuser_2005"} & values


async def test_invite_deep_link_joins_the_right_constituency(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    invite, token = await invites.create(
        db, role="member", constituency_id=places["users"], created_by=None
    )
    person = harness.person(2006)
    await person.say(f"/start {token}")
    await person.press("English")
    await person.press("I agree, let's start")
    assert any("You have joined Hywel Dda Service Users' Forum" in m.text for m in person.inbox)
    await person.press("I'd rather not say")
    member = await members.by_telegram_id(db, 2006)
    assert member is not None
    assert [c.id for c in await constituencies.of_member(db, member.id)] == [places["users"]]
    used = await invites.get(db, invite.id)
    assert used is not None and used.uses == 1


async def test_invite_for_an_existing_member_and_a_forged_one(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    person = await onboard(harness, 2007, lang="cy")
    _, token = await invites.create(
        db, role="member", constituency_id=places["carers"], created_by=None
    )
    [joined] = await person.say(f"/start {token}")
    assert "Rydych chi wedi ymuno â Rhwydwaith Gofalwyr Caerdydd a'r Fro" in joined.text
    before = await row_counts(db)
    [refused] = await person.say("/start AAAAAAAAAAAAAAAAAAAAAA")
    assert "ddim yn ddilys" in refused.text
    assert await row_counts(db) == before


async def test_no_networks_open_skips_to_the_optional_question(harness: Harness) -> None:
    person = harness.person(2008)
    await person.say("/start")
    await person.press("English")
    changed = await person.press("I agree, let's start")
    assert "how are you involved" in changed[-1].text
    assert "at least 5 people" in changed[-1].text


async def test_join_later_with_the_welsh_alias(harness: Harness) -> None:
    await seed_constituencies(harness)
    person = await onboard(harness, 2009, lang="cy")
    await person.say("/ymuno")
    await person.press("Fforwm Defnyddwyr Hywel Dda")
    [saved] = await person.press("Rydw i wedi gorffen dewis")
    assert saved.text == "Wedi'i gadw: rydych chi'n perthyn i 1 rhwydwaith."


async def test_a_coordinator_by_setting_gets_their_menu_on_joining(harness: Harness) -> None:
    from tests.conftest import COORDINATOR_ID

    await onboard(harness, COORDINATOR_ID, lang="cy")
    scope = {"type": "chat", "chat_id": COORDINATOR_ID}
    menu = [c["command"] for c in harness.sim.commands_for(scope)]
    assert "gwahodd" in menu and "archwilio" in menu


async def test_networks_are_listed_in_the_order_of_the_readers_names(harness: Harness) -> None:
    await seed_constituencies(harness)
    welsh = harness.person(2101)
    await welsh.say("/start")
    await welsh.press("Cymraeg")
    await welsh.press("Rwy'n cytuno, awn ati")
    labels = [b.text for b in welsh.last.button_rows()][:2]
    assert labels == ["Fforwm Defnyddwyr Hywel Dda", "Rhwydwaith Gofalwyr Caerdydd a'r Fro"]
    english = harness.person(2102)
    await english.say("/start")
    await english.press("English")
    await english.press("I agree, let's start")
    labels = [b.text for b in english.last.button_rows()][:2]
    assert labels == ["Cardiff and Vale Carers' Network", "Hywel Dda Service Users' Forum"]
