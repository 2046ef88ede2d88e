"""Invitation links end to end, in Welsh and English: made with buttons, used, expired,
withdrawn, used twice, forged; and other people's buttons replayed by a member."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from bot.handlers import admin
from bot.handlers.admin import RoleButton
from bot.handlers.constituencies import NetworkButton
from bot.handlers.invites import InviteButton
from bot.sim.harness import Harness, Person
from bot.storage import audit, constituencies, invites, members, roles
from tests.conftest import COORDINATOR_ID
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.roles import LINK, changed_tables, link_in, make_cast, snapshot

CARERS_EN = "Cardiff and Vale Carers' Network"
CARERS_CY = "Rhwydwaith Gofalwyr Caerdydd a'r Fro"


async def newcomer_uses(h: Harness, user_id: int, token: str, lang: str) -> Person:
    """A new person opens the link, chooses their language and agrees."""
    person = h.person(user_id, "Newydd", language_code=None)
    await person.say(f"/start {token}")
    await person.press("Cymraeg" if lang == "cy" else "English")
    await person.press("Rwy'n cytuno, awn ati" if lang == "cy" else "I agree, let's start")
    return person


async def member_of(h: Harness, telegram_id: int) -> list[int]:
    member = await members.by_telegram_id(h.services.db, telegram_id)
    assert member is not None
    return [c.id for c in await constituencies.of_member(h.services.db, member.id)]


async def test_representative_invitation_in_english(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    coordinator = await onboard(harness, COORDINATOR_ID, lang="en")
    await coordinator.say("/invite")
    await coordinator.press("A representative of a network")
    await coordinator.press(CARERS_EN)
    # a representative's link is always for one person: no question about uses
    assert [b.text for b in coordinator.last.button_rows()] == [
        "It works for 7 days",
        "It works for 1 day",
        "It works for 30 days",
        "Start again",
    ]
    await coordinator.press("It works for 7 days")
    text = coordinator.last.text
    assert f"For a representative of {CARERS_EN}." in text
    assert "the first person to open it uses it up" in text
    match = LINK.search(text)
    assert match is not None and match.group(1) == "CydlaisBot"
    token = match.group(2)
    assert len(token) >= 16 and len(token) <= 64  # 128 random bits, within Telegram's limit

    rhys = await newcomer_uses(harness, 3001, token, "en")
    assert any(f"You are now a representative for {CARERS_EN}." in t for t in rhys.texts())
    db = harness.services.db
    member = await members.by_telegram_id(db, 3001)
    assert member is not None
    [grant] = await roles.of_member(db, member.id)
    assert (grant.role, grant.constituency_id) == ("representative", places["carers"])
    assert await member_of(harness, 3001) == [places["carers"]]
    actions = [e.action for e in await audit.latest(db)]
    assert {"invite.created", "invite.used", "role.granted"} <= set(actions)
    menu = [c["command"] for c in harness.sim.commands_for({"type": "chat", "chat_id": 3001})]
    assert {"members", "invite", "invites"} <= set(menu) and "roles" not in menu


async def test_multi_use_member_invitation_in_welsh(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    coordinator = await onboard(harness, COORDINATOR_ID, lang="cy")
    await coordinator.say("/gwahodd")
    assert "Ar gyfer pwy mae'r gwahoddiad?" in coordinator.last.text
    await coordinator.press("Aelod o rwydwaith")
    await coordinator.press(CARERS_CY)
    await coordinator.press("Sawl person, nes iddi ddod i ben")
    await coordinator.press("Bydd yn gweithio am 1 diwrnod")
    text = coordinator.last.text
    assert "Eich dolen wahoddiad" in text
    assert f"Ar gyfer rhywun i ymuno â {CARERS_CY}." in text
    assert "Gall unrhyw un sydd â'r ddolen hon ei defnyddio" in text
    assert "Mae'n gweithio tan " in text and " am " in text  # a Welsh date and time
    token = link_in(text)
    for user_id in (3101, 3102):
        person = await newcomer_uses(harness, user_id, token, "cy")
        assert any(f"Rydych chi wedi ymuno â {CARERS_CY}." in t for t in person.texts())
        assert await member_of(harness, user_id) == [places["carers"]]
    invite = await invites.find(harness.services.db, token)
    assert invite is not None and invite.uses == 2 and invite.max_uses is None


async def test_a_single_use_link_used_twice(harness: Harness) -> None:
    cast = await make_cast(harness)
    await cast["rep"].say("/invite")  # a representative goes straight to their networks
    assert [b.text for b in cast["rep"].last.button_rows()] == [CARERS_EN, "Start again"]
    await cast["rep"].press(CARERS_EN)
    await cast["rep"].press("One person only")
    await cast["rep"].press("It works for 7 days")
    token = link_in(cast["rep"].last.text)
    await newcomer_uses(harness, 3201, token, "en")
    assert await member_of(harness, 3201) == [cast.a]
    second = await newcomer_uses(harness, 3202, token, "cy")
    assert any("Mae'r ddolen wahoddiad hon wedi'i defnyddio'n barod." in t for t in second.texts())
    assert await member_of(harness, 3202) == []
    third = await newcomer_uses(harness, 3203, token, "en")
    assert any("This invitation link has already been used." in t for t in third.texts())
    assert await member_of(harness, 3203) == []


async def test_an_expired_link_changes_nothing(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    _, token = await invites.create(
        db,
        role="representative",
        constituency_id=places["carers"],
        created_by=None,
        valid_for=timedelta(seconds=-1),
    )
    english = await newcomer_uses(harness, 3301, token, "en")
    assert any("This invitation link has expired." in t for t in english.texts())
    welsh = await newcomer_uses(harness, 3302, token, "cy")
    assert any("Mae'r ddolen wahoddiad hon wedi dod i ben." in t for t in welsh.texts())
    for user_id in (3301, 3302):
        assert await member_of(harness, user_id) == []
        member = await members.by_telegram_id(db, user_id)
        assert member is not None and await roles.of_member(db, member.id) == []


async def test_a_withdrawn_link_changes_nothing(harness: Harness) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    invite, token = await invites.create(
        db, role="member", constituency_id=cast.a, created_by=None, max_uses=None
    )
    await cast["coordinator"].say("/invites")
    assert f"For a member of {CARERS_EN}; several people, used 0 times so far" in (
        cast["coordinator"].last.text
    )
    await cast["coordinator"].press(f"Withdraw link {invite.id}")
    assert f"Link {invite.id} is withdrawn" in cast["coordinator"].last.text
    assert "There are no invitation links in use." in cast["coordinator"].last.text
    person = await newcomer_uses(harness, 3401, token, "cy")
    assert any("wedi'i thynnu'n ôl" in t for t in person.texts())
    assert await member_of(harness, 3401) == []
    assert "invite.revoked" in [e.action for e in await audit.latest(db)]


async def test_a_forged_payload_changes_nothing(harness: Harness) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    await invites.create(db, role="coordinator", constituency_id=None, created_by=None)
    before = await snapshot(db)
    for forged in ("AAAAAAAAAAAAAAAAAAAAAA", "x", "../../etc", "' OR 1=1 --", "é" * 70):
        [reply] = await cast["member"].say(f"/start {forged}")
        assert "This invitation link isn't valid." in reply.text
    assert changed_tables(before, await snapshot(db)) == set()


async def test_member_replaying_coordinator_and_representative_buttons(harness: Harness) -> None:
    """Every button a coordinator and a representative were shown, pressed by a member."""
    cast = await make_cast(harness)
    db = harness.services.db
    coordinator, rep = cast["coordinator"], cast["rep"]
    await invites.create(db, role="member", constituency_id=cast.a, created_by=None)
    await coordinator.say("/invite")
    await coordinator.press("A member of a network")
    await coordinator.press(CARERS_EN)
    await coordinator.press("Several people, until it expires")
    await coordinator.say("/constituencies")
    await coordinator.press(CARERS_EN)
    await coordinator.press("Archive this network")
    await coordinator.say("/roles")
    await coordinator.press(f"Remove role {cast.role_ids['rep']}")
    await coordinator.say("/invites")
    await rep.say("/invite")
    await rep.press(CARERS_EN)
    await rep.press("One person only")
    await rep.say("/invites")
    seen = {
        b.data
        for person in (coordinator, rep)
        for message in person.inbox
        for b in message.button_rows()
        if b.data
    }
    assert any(d.startswith("cons:sure:") for d in seen)
    assert any(d.startswith("rolex:") and d.endswith(":1") for d in seen)
    assert any(d.startswith("inv:m:") and d.count(":") == 4 for d in seen)  # the link itself
    assert any(d.startswith("invx:") for d in seen)
    before = await snapshot(db)
    for data in sorted(seen):
        await cast["member"].press_data(data)
    assert changed_tables(before, await snapshot(db)) == set()
    # the representative of the other network gets nothing from these either
    for data in sorted(d for d in seen if d.startswith(("inv", "cons", "rolex"))):
        await cast["rep_other"].press_data(data)
    assert changed_tables(before, await snapshot(db)) == set()


async def test_removing_a_role_updates_the_menu_and_tells_the_person(harness: Harness) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    rep_chat = cast["rep"].id
    await cast["coordinator"].say("/roles")
    assert f"Member no. {cast.member_ids['rep']}: representative of {CARERS_EN}" in (
        cast["coordinator"].last.text
    )
    await admin.on_startup(harness.app)  # as at every start: each role holder's own menu
    menu = harness.sim.commands_for({"type": "chat", "chat_id": rep_chat})
    assert "members" in [c["command"] for c in menu]
    await cast["coordinator"].press(f"Remove role {cast.role_ids['rep']}")
    await cast["coordinator"].press("Yes, remove this role")
    assert f"Removed: Member no. {cast.member_ids['rep']}" in cast["coordinator"].last.text
    assert await roles.of_member(db, cast.member_ids["rep"]) == []
    assert f"You are no longer a representative of {CARERS_EN}." in cast["rep"].last.text
    menu = [c["command"] for c in harness.sim.commands_for({"type": "chat", "chat_id": rep_chat})]
    assert "members" not in menu  # now a member's menu, in their language
    assert "feedback" in menu
    [reply] = await cast["rep"].say("/members")
    assert reply.text == "This is for representatives and coordinators."
    assert "role.removed" in [e.action for e in await audit.latest(db)]


async def test_a_coordinator_cannot_remove_their_own_coordinator_role(harness: Harness) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    await roles.grant(db, cast.member_ids["coordinator"], "coordinator", None)
    [grant] = await roles.of_member(db, cast.member_ids["coordinator"])
    before = await snapshot(db)
    await cast["coordinator"].press_data(RoleButton(grant.id, sure=True).pack())
    assert "You can't remove your own coordinator role" in str(
        harness.sim.callback_answers[-1].get("text")
    )
    assert changed_tables(before, await snapshot(db)) == set()


async def test_refusals_say_whom_it_is_for_in_welsh(harness: Harness) -> None:
    cast = await make_cast(harness, lang="cy")
    [reply] = await cast["member"].say("/rolau")
    assert reply.text == "Mae hyn ar gyfer cydlynwyr."
    [reply] = await cast["member"].say("/gwahodd")
    assert reply.text == "Mae hyn ar gyfer cynrychiolwyr a chydlynwyr."
    await cast["member"].press_data(f"inv:m:{cast.a}:1:7")
    assert harness.sim.callback_answers[-1]["text"] == (
        "Mae hyn ar gyfer cynrychiolwyr a chydlynwyr."
    )


async def test_audit_shows_coordinators_the_latest_entries(harness: Harness) -> None:
    cast = await make_cast(harness)
    await cast["coordinator"].press_data(NetworkButton("close", cast.a).pack())
    await cast["coordinator"].say("/invite")
    await cast["coordinator"].press_data(InviteButton("c", None, "1", 30).pack())
    [log] = await cast["coordinator"].say("/audit")
    lines = log.text.splitlines()
    assert lines[0] == "Latest actions"
    member = cast.member_ids["coordinator"]
    assert lines[1].endswith(
        f"Member no. {member} created invitation link 1 for a coordinator of the whole service"
        " (one person, 30 days)."
    )
    assert lines[2].endswith(
        f"Member no. {member} made a network invitation-only: Cardiff and Vale Carers' Network."
    )
    assert " at " in lines[1]  # a date and time, via tr.datetime
    [refused] = await cast["rep"].say("/audit")
    assert refused.text == "This is for coordinators."


async def test_two_people_racing_for_a_single_use_link(harness: Harness) -> None:
    """Both open the link at the same moment: one joins, the other is told it was used."""
    cast = await make_cast(harness)
    db = harness.services.db
    invite, token = await invites.create(
        db, role="representative", constituency_id=cast.b, created_by=None
    )
    racers = {"member": cast["member"], "rep": cast["rep"]}
    for person in racers.values():
        harness.sim.send_text(person.user, f"/start {token}")
    await harness.settle()
    winners = [w for w, p in racers.items() if "You are now a representative" in p.last.text]
    losers = [w for w, p in racers.items() if "already been used" in p.last.text]
    assert len(winners) == 1 and len(losers) == 1, [p.last.text for p in racers.values()]
    found = await invites.get(db, invite.id)
    assert found is not None and found.uses == 1
    holders = await roles.representatives_of(db, cast.b)
    assert cast.member_ids[losers[0]] not in holders
    assert cast.member_ids[winners[0]] in holders
    used = [e for e in await audit.latest(db) if e.action == "invite.used"]
    assert len(used) == 1


async def test_redemptions_at_once_never_exceed_a_links_uses(harness: Harness) -> None:
    """Straight at the storage layer: twenty redemptions of one single-use link at once."""
    cast = await make_cast(harness)
    db = harness.services.db
    invite, token = await invites.create(db, role="member", constituency_id=cast.b, created_by=None)
    people = [await members.create(db, 9100 + i, 9100 + i, "en") for i in range(20)]
    results = await asyncio.gather(*(invites.redeem(db, token, p.id) for p in people))
    assert sorted(str(why) for _, why in results) == ["None"] + ["used_up"] * 19
    found = await invites.get(db, invite.id)
    assert found is not None and found.uses == 1


async def test_payloads_are_random_short_and_in_telegrams_alphabet(harness: Harness) -> None:
    """At least 96 random bits, at most 64 characters of A-Z a-z 0-9 _ -, only a hash kept."""
    assert invites.TOKEN_BYTES * 8 >= 96
    db = harness.services.db
    tokens = set()
    for _ in range(50):
        _, token = await invites.create(db, role="member", constituency_id=None, created_by=None)
        assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", token), token
        tokens.add(token)
    assert len(tokens) == 50
    rows = await db.fetchall("SELECT * FROM invites")
    stored = " ".join(str(v) for r in rows for v in tuple(r))
    assert not any(t in stored for t in tokens)  # only hashes: a copy of the file opens nothing


async def test_many_links_and_roles_come_a_page_at_a_time(harness: Harness) -> None:
    """75 links made one person at a time: /invites sent them all as one keyboard, which
    Telegram refuses past 100 buttons, and the coordinator saw only "something went wrong".
    Now a page of 30, with buttons to the pages either side; withdrawing a link on the third
    page shows the third page again. /roles the same."""
    cast = await make_cast(harness)
    db = harness.services.db
    boss = cast["coordinator"]
    made = [
        (await invites.create(db, role="member", constituency_id=cast.a, created_by=None))[0].id
        for _ in range(75)
    ]
    for n in range(45):
        holder = await members.create(db, 6600 + n, 6600 + n, "en")
        await roles.grant(db, holder.id, "representative", cast.a)
    rejected = len(harness.sim.rejected)
    [first] = await boss.say("/invites")
    assert "Showing 1–30; 75 in all." in first.text
    assert [b.text for b in first.button_rows()][-1] == "More links"
    await boss.press("More links")
    await boss.press("More links")
    third = boss.last
    assert "Showing 61–75; 75 in all." in third.text
    assert [b.text for b in third.button_rows()][-1] == "Earlier links"
    oldest = min(made)  # newest first: the oldest link is on the last page
    await boss.press(f"Withdraw link {oldest}")
    assert f"Link {oldest} is withdrawn" in boss.last.text
    assert "Showing 61–74; 74 in all." in boss.last.text
    [listing] = await boss.say("/roles")
    assert "Showing 1–30; 47 in all." in listing.text  # 45, and the two of the cast
    await boss.press("More roles")
    assert "Showing 31–47; 47 in all." in boss.last.text
    assert harness.sim.rejected[rejected:] == []
