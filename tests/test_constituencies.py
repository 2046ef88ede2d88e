"""Coordinators set up networks in chat: add, rename, open or close, archive, load the seven
health board areas, in Welsh and English; every change audited."""

from __future__ import annotations

import pytest

from bot import constituencies as constituency_admin
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


async def test_a_name_with_invisible_characters_is_taken_without_them(harness: Harness) -> None:
    """A name pasted from a document (a byte-order mark, a zero-width space) or carrying a
    direction override was refused with "Please send a name of 2 to 80 characters", which
    it was: the characters nobody can see are taken out instead, and the name kept."""
    cast = await make_cast(harness)
    coordinator = cast["coordinator"]
    await coordinator.say("/constituencies")
    await coordinator.press("Add a network or forum")
    await coordinator.say("\ufeffFforwm\u200b Ieuenctid\u202e Môn")
    assert "name in English?" in coordinator.last.text
    await coordinator.say("Anglesey\u200d Youth\nForum\u2066")
    assert coordinator.last.text.startswith("Created.")
    place = await constituencies.by_slug(harness.services.db, "anglesey-youth-forum")
    assert place is not None
    assert (place.name_cy, place.name_en) == ("Fforwm Ieuenctid Môn", "Anglesey Youth Forum")


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


def test_names_are_the_same_whatever_the_case_spacing_accents_or_punctuation() -> None:
    key = constituency_admin.name_key
    assert key("Fforwm  Môn") == key("fforwm mon") == key(" FFORWM-MÔN ") == key("Fforwm Mon.")
    assert key("Cardiff and Vale Carers' Network") == key("cardiff and vale carers network")
    assert key("Fforwm Môn") != key("Fforwm Mynwy")
    assert key("Cardiff & Vale") != key("Cardiff and Vale")  # a different word, not spacing


async def test_a_name_another_network_has_is_refused_in_either_language(
    harness: Harness,
) -> None:
    cast = await make_cast(harness)
    coordinator = cast["coordinator"]
    db = harness.services.db
    before = await constituencies.list_all(db, include_archived=True)
    await coordinator.say("/constituencies")
    await coordinator.press("Add a network or forum")
    # the Welsh name typed is another network's English name, with other spacing and case
    [refused] = await coordinator.say("  cardiff AND vale   carers' network")
    assert refused.text == (
        "Another network already has that name: Rhwydwaith Gofalwyr Caerdydd a'r Fro / "
        "Cardiff and Vale Carers' Network. Please send a different name."
    )
    assert [b.text for b in refused.button_rows()] == ["Cancel"]
    await coordinator.say("Fforwm Newydd")
    assert "name in English?" in coordinator.last.text
    [refused] = await coordinator.say("fforwm defnyddwyr hywel dda")  # B's Welsh name
    assert refused.text.startswith("Another network already has that name: Fforwm Defnyddwyr")
    await coordinator.say("New Forum")  # still waiting for the English name
    assert coordinator.last.text.startswith("Created.")
    assert len(await constituencies.list_all(db, include_archived=True)) == len(before) + 1

    # renaming: to another network's name, no; keeping its own Welsh name, yes
    await coordinator.say("/constituencies")
    await coordinator.press("New Forum")
    await coordinator.press("Change its names")
    [refused] = await coordinator.say("Rhwydwaith gofalwyr Caerdydd a’r Fro")  # curly apostrophe
    assert refused.text.startswith("Another network already has that name")
    await coordinator.say("Fforwm Newydd")
    await coordinator.say("The New Forum")
    assert coordinator.last.text.startswith("Renamed.")
    assert sorted(e.action for e in await audit.latest(db, 2)) == [
        "constituency.created",
        "constituency.renamed",
    ]


async def test_a_taken_name_is_refused_in_welsh_and_an_archived_one_is_named(
    harness: Harness,
) -> None:
    cast = await make_cast(harness, lang="cy")
    coordinator = cast["coordinator"]
    await coordinator.press_data(NetworkButton("sure", cast.b).pack())  # archive B
    await coordinator.say("/rhwydweithiau")
    await coordinator.press("Ychwanegu rhwydwaith neu fforwm")
    [refused] = await coordinator.say("Fforwm Defnyddwyr Hywel Dda")
    assert refused.text.startswith(
        "Mae gan rwydwaith sydd wedi'i archifo yr enw hwnnw yn barod: Fforwm Defnyddwyr Hywel "
        "Dda / Hywel Dda Service Users' Forum."
    )
    await coordinator.say("Fforwm Gofalwyr Ifanc")
    [refused] = await coordinator.say("CARDIFF and Vale Carers' Network")
    assert refused.text.startswith("Mae gan rwydwaith arall yr enw hwnnw yn barod:")
    await coordinator.say("Young Carers' Forum")
    assert coordinator.last.text.startswith("Wedi'i greu.")


async def test_the_same_name_typed_by_two_coordinators_at_once_makes_one_network(
    harness: Harness,
) -> None:
    """The service checks again in the transaction that inserts: the second is refused."""
    cast = await make_cast(harness)
    db = harness.services.db
    actor = cast.member_ids["coordinator"]
    await constituency_admin.create(db, actor, "Fforwm Môn", "Anglesey Forum")
    with pytest.raises(constituency_admin.NameTaken) as taken:
        await constituency_admin.create(db, actor, "Fforwm Ynys Môn", "anglesey  forum")
    assert taken.value.holder.name_en == "Anglesey Forum"
    with pytest.raises(constituency_admin.NameTaken):
        await constituency_admin.rename(db, actor, cast.a, "Fforwm Mon", "Carers")
    place = await constituencies.get(db, cast.a)
    assert place is not None and place.name_en == CARERS_EN


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_loading_the_health_boards_after_one_was_made_by_hand(
    harness: Harness, lang: str
) -> None:
    cast = await make_cast(harness, lang=lang)
    coordinator = cast["coordinator"]
    db = harness.services.db
    actor = cast.member_ids["coordinator"]
    await constituency_admin.create(db, actor, "Bwrdd Powys", "powys teaching health board area")
    await coordinator.say("/constituencies")
    await coordinator.press(
        "Load the seven health board areas"
        if lang == "en"
        else "Llwytho ardaloedd y saith bwrdd iechyd"
    )
    expected = {
        "en": "Added 6 health board areas. Left out 1 area, because a network already has its "
        "name: powys teaching health board area.",
        "cy": "Ychwanegwyd 6 ardal bwrdd iechyd. Gadawyd 1 ardal allan, am fod gan "
        "rwydwaith ei henw yn barod: Bwrdd Powys.",
    }
    assert coordinator.last.text.startswith(expected[lang])
    names = [constituency_admin.name_key(c.name_en) for c in await constituencies.list_all(db)]
    assert len(names) == len(set(names)) == 9  # the cast's two, the hand-made one, six areas
    assert await constituencies.by_slug(db, "powys") is None


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_archived_networks_are_listed_and_restored(harness: Harness, lang: str) -> None:
    en = lang == "en"
    cast = await make_cast(harness, lang=lang)
    coordinator = cast["coordinator"]
    db = harness.services.db
    rep_chat = {"type": "chat", "chat_id": cast["rep"].id}
    members_command = "members" if en else "aelodau"
    assert members_command in [c["command"] for c in harness.sim.commands_for(rep_chat)]
    await coordinator.say("/constituencies" if en else "/rhwydweithiau")
    assert not any("rchiv" in b.text for b in coordinator.last.button_rows())  # none yet
    await coordinator.press_data(NetworkButton("sure", cast.a).pack())
    assert members_command not in [c["command"] for c in harness.sim.commands_for(rep_chat)]
    await coordinator.say("/constituencies" if en else "/rhwydweithiau")
    await coordinator.press("Archived network (1)" if en else "Rhwydwaith wedi'i archifo (1)")
    assert coordinator.last.text.startswith(
        "Archived networks" if en else "Rhwydweithiau wedi'u harchifo"
    )
    old_list = {b.text: b.data for b in coordinator.last.button_rows() if b.data}
    await coordinator.press(CARERS_EN if en else "Rhwydwaith Gofalwyr Caerdydd a'r Fro")
    assert (
        "It comes back invitation-only" if en else "drwy wahoddiad yn unig"
    ) in coordinator.last.text
    await coordinator.press("Restore this network" if en else "Adfer y rhwydwaith hwn")
    assert coordinator.last.text.startswith("Restored:" if en else "Wedi'i adfer:")
    assert (
        "People join it only with an invitation link." if en else "Dim ond gyda dolen wahoddiad"
    ) in coordinator.last.text
    place = await constituencies.get(db, cast.a)
    assert place is not None and not place.archived and not place.self_join
    assert (await audit.latest(db, 1))[0].action == "constituency.restored"
    # its representative acts for it again, and their menu says so at once
    assert members_command in [c["command"] for c in harness.sim.commands_for(rep_chat)]
    # the old list's button, pressed again: nothing changes, and it says why
    before = len(await audit.latest(db, 50))
    await coordinator.press_data(NetworkButton("restore", cast.a).pack())
    assert harness.sim.callback_answers[-1]["text"] == (
        "That network is not archived: it has been restored already."
        if en
        else "Dydy'r rhwydwaith hwnnw ddim wedi'i archifo: mae wedi'i adfer yn barod."
    )
    assert len(await audit.latest(db, 50)) == before
    assert old_list
    # and with nothing archived, the list has no archived button
    await coordinator.say("/constituencies" if en else "/rhwydweithiau")
    assert not any("rchif" in b.text or "rchiv" in b.text for b in coordinator.last.button_rows())
