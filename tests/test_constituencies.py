"""Coordinators set up networks in chat: add, rename, open or close, archive, load the seven
health board areas, in Welsh and English; every change audited."""

from __future__ import annotations

from bot.handlers import admin
from bot.handlers.constituencies import NetworkButton
from bot.health_boards import load_constituencies
from bot.sim.harness import Harness
from bot.storage import audit, constituencies, invites, pending
from tests.helpers.roles import make_cast

CARERS_EN = "Cardiff and Vale Carers' Network"


async def test_add_a_network_in_two_steps_with_length_checks(harness: Harness) -> None:
    cast = await make_cast(harness)
    coordinator = cast["coordinator"]
    await coordinator.say("/constituencies")
    assert coordinator.last.text.startswith("Networks and forums")
    await coordinator.press("Add a network or forum")
    assert "name in Welsh? (2 to 80 characters)" in coordinator.last.text
    [too_short] = await coordinator.say("X")
    assert too_short.text == "Please send a name of 2 to 80 characters."
    [too_long] = await coordinator.say("F" * 81)
    assert too_long.text == "Please send a name of 2 to 80 characters."
    await coordinator.say("  Fforwm   Ieuenctid Powys ")
    assert "name in English?" in coordinator.last.text
    await coordinator.say("Powys <Youth> Forum")
    assert coordinator.last.text.startswith("Created.")
    assert "Fforwm Ieuenctid Powys\nPowys <Youth> Forum" in coordinator.last.text  # escaped
    db = harness.services.db
    place = await constituencies.by_slug(db, "powys-youth-forum")
    assert place is not None and (place.name_cy, place.name_en) == (
        "Fforwm Ieuenctid Powys",
        "Powys <Youth> Forum",
    )
    assert place.self_join
    waiting = await pending.get(db, cast.member_ids["coordinator"])
    assert waiting is not None and waiting.kind == "constituency.menu"  # no longer a name
    assert (await audit.latest(db, 1))[0].action == "constituency.created"


async def test_cancel_adds_nothing(harness: Harness) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    before = len(await constituencies.list_all(db))
    await cast["coordinator"].say("/rhwydweithiau")
    await cast["coordinator"].press("Add a network or forum")
    await cast["coordinator"].say("Fforwm")
    await cast["coordinator"].press("Cancel")
    assert cast["coordinator"].last.text == "Cancelled: nothing has changed."
    [reply] = await cast["coordinator"].say("Forum")
    assert "I'm not sure what you mean" in reply.text
    assert len(await constituencies.list_all(db)) == before


async def test_rename_open_close_and_archive(harness: Harness) -> None:
    cast = await make_cast(harness)
    coordinator = cast["coordinator"]
    db = harness.services.db
    _, token = await invites.create(db, role="member", constituency_id=cast.a, created_by=None)
    await coordinator.say("/constituencies")
    await coordinator.press(CARERS_EN)
    assert "Anyone can join it with /join." in coordinator.last.text
    await coordinator.press("Change its names")
    assert "It is now: Rhwydwaith Gofalwyr Caerdydd a'r Fro" in coordinator.last.text
    await coordinator.say("Rhwydwaith Gofalwyr y Fro")
    await coordinator.say("Vale Carers' Network")
    assert coordinator.last.text.startswith("Renamed.")
    await coordinator.press("Make it invitation-only")
    assert "People join it only with an invitation link." in coordinator.last.text
    place = await constituencies.get(db, cast.a)
    assert place is not None and place.name_en == "Vale Carers' Network" and not place.self_join
    await coordinator.press("Let people join it themselves")
    await coordinator.press("Archive this network")
    assert "Archive Vale Carers' Network?" in coordinator.last.text
    await coordinator.press("Yes, archive this network")
    assert coordinator.last.text.startswith("Archived: Vale Carers' Network.")
    place = await constituencies.get(db, cast.a)
    assert place is not None and place.archived and not place.self_join
    invite = await invites.find(db, token)
    assert invite is not None and invite.revoked  # its links stopped working
    actions = [e.action for e in await audit.latest(db)]
    assert actions[:4] == [
        "constituency.archived",
        "constituency.opened",
        "constituency.closed",
        "constituency.renamed",
    ]
    # an old button naming the archived network does nothing
    await coordinator.press_data(NetworkButton("rename", cast.a).pack())
    assert harness.sim.callback_answers[-1]["text"] == "That network no longer exists."
    waiting = await pending.get(db, cast.member_ids["coordinator"])
    assert waiting is None or waiting.kind != "constituency.name"


async def test_load_the_seven_health_board_areas_once(harness: Harness) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    await cast["coordinator"].say("/constituencies")
    await cast["coordinator"].press("Load the seven health board areas")
    assert cast["coordinator"].last.text.startswith("Added 7 health board areas.")
    slugs = {c.slug for c in await constituencies.list_all(db)}
    assert {s.slug for s in load_constituencies()} <= slugs
    buttons = [b.text for b in cast["coordinator"].last.button_rows()]
    assert "Powys Teaching health board area" in buttons
    await cast["coordinator"].press("Load the seven health board areas")
    assert cast["coordinator"].last.text.startswith("The health board areas were already there.")
    assert len(await constituencies.list_all(db)) == 9


async def test_networks_in_welsh(harness: Harness) -> None:
    cast = await make_cast(harness, lang="cy")
    coordinator = cast["coordinator"]
    await coordinator.say("/rhwydweithiau")
    assert coordinator.last.text.startswith("Rhwydweithiau a fforymau")
    await coordinator.press("Llwytho ardaloedd y saith bwrdd iechyd")
    assert coordinator.last.text.startswith("Ychwanegwyd 7 o ardaloedd bwrdd iechyd.")
    await coordinator.press("Ardal Bwrdd Iechyd Addysgu Powys")
    assert "Gall unrhyw un ymuno ag e drwy anfon /ymuno." in coordinator.last.text
    await coordinator.press("Caniatáu ymuno drwy wahoddiad yn unig")
    assert "Dim ond gyda dolen wahoddiad" in coordinator.last.text
    await coordinator.press("Yn ôl i'r holl rwydweithiau")
    await coordinator.press("Ychwanegu rhwydwaith neu fforwm")
    assert "Beth yw enw Cymraeg y rhwydwaith newydd? (rhwng 2 a 80 nod)" in coordinator.last.text
    [again] = await coordinator.say("F")
    assert again.text == "Anfonwch enw rhwng 2 a 80 nod, os gwelwch yn dda."
    await coordinator.say("Fforwm Ŵyr")
    await coordinator.say("Grandchildren's Forum")
    assert coordinator.last.text.startswith("Wedi'i greu.")
    [refused] = await cast["rep"].say("/rhwydweithiau")
    assert refused.text == "Mae hyn ar gyfer cydlynwyr."


async def test_archiving_changes_its_representatives_menus_at_once(harness: Harness) -> None:
    """Representatives of an archived network only have a member's rights, and menu."""
    cast = await make_cast(harness)
    rep_chat = {"type": "chat", "chat_id": cast["rep"].id}
    assert "members" in [c["command"] for c in harness.sim.commands_for(rep_chat)]
    await cast["coordinator"].press_data(NetworkButton("sure", cast.a).pack())
    menu = [c["command"] for c in harness.sim.commands_for(rep_chat)]
    assert "members" not in menu and "feedback" in menu
    await admin.on_startup(harness.app)  # a restart gives them the member's menu too
    menu = [c["command"] for c in harness.sim.commands_for(rep_chat)]
    assert "members" not in menu and "feedback" in menu
    [refused] = await cast["rep"].say("/members")
    assert refused.text == "This is for representatives and coordinators."
