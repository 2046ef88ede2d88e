"""/leave (/gadael): a member leaves a network after a question saying what it means; leaving
the last one says plainly that no view can be given and only messages to everyone still come."""

from __future__ import annotations

from bot.handlers.onboarding import LeaveButton
from bot.sim.harness import Harness
from bot.storage import constituencies, members, roles
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, USERS_EN

USERS_CY = "Fforwm Defnyddwyr Hywel Dda"


async def networks_of(h: Harness, telegram_id: int) -> list[int]:
    member = await members.by_telegram_id(h.services.db, telegram_id)
    assert member is not None
    return [c.id for c in await constituencies.of_member(h.services.db, member.id)]


async def test_leaving_one_network_then_the_last_in_english(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    person = await onboard(harness, 9001, lang="en", join=CARERS_EN)
    await person.say("/join")
    await person.press(USERS_EN)
    await person.press("I've finished choosing")
    [which] = await person.say("/leave")
    assert which.text == "Which network would you like to leave?"
    assert [b.text for b in which.button_rows()] == [CARERS_EN, USERS_EN, "Cancel"]
    [asked] = await person.press(CARERS_EN)
    assert asked.text.startswith(f"Leave {CARERS_EN}? You won't receive messages sent to its")
    assert "only network" not in asked.text
    assert "You can join it again at any time with /join." in asked.text
    assert "Views you have already given stay in its digests" in asked.text
    [done] = await person.press("Yes, leave this network")
    assert done.text == f"Done: you have left {CARERS_EN}."
    assert await networks_of(harness, 9001) == [places["users"]]

    # the last one: what that means, before anything changes
    [asked] = await person.say("/leave")  # one network: straight to the question
    assert asked.text.startswith(f"Leave {USERS_EN}? It is the only network you belong to")
    assert "you can't give views" in asked.text
    assert "Messages for everyone who uses Cydlais still come" in asked.text
    assert "/stop" in asked.text and "/forget" in asked.text
    [done] = await person.press("Yes, leave this network")
    assert "you now belong to no network" in done.text
    assert await networks_of(harness, 9001) == []
    [nothing] = await person.say("/leave")
    assert nothing.text == "You don't belong to any network. To join one, send /join."
    [feedback] = await person.say("/feedback")
    assert "You haven't joined a network yet" in feedback.text


async def test_staying_in_an_invitation_only_network_in_welsh(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    person = await onboard(harness, 9002, lang="cy", join=CARERS_CY)
    await constituencies.set_self_join(db, places["carers"], False)  # invitation-only now
    [asked] = await person.say("/gadael")
    assert asked.text.startswith(
        f"Ydych chi am adael y rhwydwaith hwn: {CARERS_CY}? Dyma'r unig rwydwaith"
    )
    assert "fyddwch chi ddim yn gallu rhoi barn" in asked.text
    assert "byddai angen dolen wahoddiad newydd arnoch chi" in asked.text
    assert "/stopio" in asked.text and "/anghofio" in asked.text
    assert [b.text for b in asked.button_rows()] == [
        "Ydw, gadael y rhwydwaith hwn",
        "Nac ydw, aros ynddo",
    ]
    [kept] = await person.press("Nac ydw, aros ynddo")
    assert kept.text == "Does dim byd wedi newid."
    assert await networks_of(harness, 9002) == [places["carers"]]


async def test_a_representative_who_leaves_is_told_the_role_stays(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    person = await onboard(harness, 9003, lang="en", join=CARERS_EN)
    member = await members.by_telegram_id(db, 9003)
    assert member is not None
    await roles.grant(db, member.id, "representative", places["carers"])
    [asked] = await person.say("/leave")
    assert "You stay its representative" in asked.text
    await person.press("Yes, leave this network")
    assert [g.constituency_id for g in await roles.of_member(db, member.id)] == [places["carers"]]


async def test_leave_is_refused_in_a_group_and_forged_presses_change_nothing(
    harness: Harness,
) -> None:
    places = await seed_constituencies(harness)
    person = await onboard(harness, 9004, lang="en", join=CARERS_EN)
    await person.say("/leave", chat_id=-100555)
    assert "private chat" in harness.sim.inbox(-100555)[-1].text
    assert await networks_of(harness, 9004) == [places["carers"]]
    # "Yes, leave" for a network other than the one asked about, or with no question waiting
    await person.say("/leave")
    await person.press_data(LeaveButton(places["users"], sure=True).pack())
    assert "already finished" in str(harness.sim.callback_answers[-1].get("text"))
    # choosing a network they are not in
    await person.press_data(LeaveButton(places["users"]).pack())
    assert harness.sim.callback_answers[-1].get("text") == "You are not a member of that network."
    assert await networks_of(harness, 9004) == [places["carers"]]
