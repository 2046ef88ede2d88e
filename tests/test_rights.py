"""A member's rights: see their data, forget, stop, change language — in Welsh and English."""

from __future__ import annotations

import json

from bot.sim.harness import Harness
from bot.storage import broadcasts, invites, members, roles
from bot.storage.personal import member_columns
from tests.helpers.db import all_values
from tests.helpers.people import onboard, seed_constituencies


async def test_mydata_shows_exactly_what_is_stored(harness: Harness) -> None:
    await seed_constituencies(harness)
    db = harness.services.db
    person = await onboard(
        harness, 3001, lang="en", join="Cardiff and Vale Carers' Network", describe="Both of these"
    )
    text, document = (await person.say("/mydata"))[-2:]
    assert "Telegram account number: 3001" in text.text
    assert "Cardiff and Vale Carers' Network" in text.text
    assert "uses services and cares for someone" in text.text
    assert document.document is not None
    name, content = document.document
    assert name == "cydlais-my-data.json"
    exported = json.loads(content)
    member = await members.by_telegram_id(db, 3001)
    assert member is not None
    stored = dict(await db.fetchone("SELECT * FROM members WHERE id = ?", (member.id,)) or {})
    details = "your details (language, status, self-description)"
    assert set(exported) == {details, "networks you belong to"}
    [me] = exported[details]
    # every stored field, named in words; codes in words; numbers and times as stored
    assert len(me) == len(stored)
    assert me["Telegram account number"] == stored["telegram_id"] == 3001
    assert me["agreed to the privacy notice"] == stored["consented_at"]
    assert (me["language"], me["status"], me["how you describe yourself"]) == (
        "English",
        "receiving messages",
        "uses services and cares for someone",
    )
    [joined] = exported["networks you belong to"]
    assert joined["network"] == "Cardiff and Vale Carers' Network"
    assert joined["member number"] == member.id
    assert set(joined) == {"member number", "network", "joined"}


async def test_mydata_in_welsh_with_alias(harness: Harness) -> None:
    person = await onboard(harness, 3002, lang="cy")
    text = (await person.say("/fy_nata"))[0]
    assert (
        "Popeth sydd gen i amdanoch chi" in text.text and "Rhif cyfrif Telegram: 3002" in text.text
    )


async def test_forget_leaves_no_row_with_the_member(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    person = await onboard(harness, 3003, lang="en", join="Cardiff and Vale Carers' Network")
    member = await members.by_telegram_id(db, 3003)
    assert member is not None
    await roles.grant(db, member.id, "representative", places["carers"])
    await invites.create(db, role="member", constituency_id=places["carers"], created_by=member.id)
    [ask] = await person.say("/forget")
    assert "Are you sure?" in ask.text
    done = (await person.press("Yes, delete everything about me"))[-1]
    assert "I have deleted" in done.text and "networks you belong to: 1" in done.text
    assert "Anonymous views you gave stay" in done.text
    assert await members.by_telegram_id(db, 3003) is None
    assert not {3003, "3003"} & await all_values(db)
    for table, column, _ in await member_columns(db):
        rows = await db.fetchall(f"SELECT 1 FROM {table} WHERE {column} = ?", (member.id,))
        assert rows == [], f"{table}.{column} still holds the member"


async def test_forget_can_be_cancelled_in_welsh(harness: Harness) -> None:
    person = await onboard(harness, 3004, lang="cy")
    await person.say("/anghofio")
    [kept] = await person.press("Nac ydw, cadwch fy manylion")
    assert kept.text == "Does dim byd wedi'i ddileu."
    assert await members.by_telegram_id(harness.services.db, 3004) is not None


async def test_language_changes_every_later_message(harness: Harness) -> None:
    person = await onboard(harness, 3005, lang="en")
    await person.say("/language")
    [switched] = await person.press("Cymraeg")
    assert switched.text == "Dyna ni: bydda i'n siarad Cymraeg o hyn ymlaen."
    [help_text] = await person.say("/help")
    assert "Beth alla i ei wneud" in help_text.text and "/iaith" in help_text.text
    [unknown] = await person.say("/nonsense")
    assert "Dydw i ddim yn adnabod" in unknown.text
    await person.say("/iaith")
    [back] = await person.press("English")
    assert back.text == "Done: I'll speak English from now on."
    member = await members.by_telegram_id(harness.services.db, 3005)
    assert member is not None and member.language == "en"


async def test_stop_then_start_again(harness: Harness) -> None:
    db = harness.services.db
    person = await onboard(harness, 3006, lang="cy")
    [stopped] = await person.say("/stopio")
    assert "fydda i ddim yn anfon rhagor" in stopped.text
    member = await members.by_telegram_id(db, 3006)
    assert member is not None and member.status == "stopped"
    welcome_back = (await person.say("/start"))[0]
    assert "Croeso'n ôl" in welcome_back.text
    member = await members.by_telegram_id(db, 3006)
    assert member is not None and member.status == "active"


async def test_privacy_notice_any_time(harness: Harness) -> None:
    person = await onboard(harness, 3007, lang="en")
    [notice] = await person.say("/privacy")
    assert "Your views are anonymous" in notice.text and not notice.buttons
    # exactly what is true, with the settings that make it so
    assert "until midnight the service can tell that you gave a view today" in notice.text
    assert "• views: 12 months after their digest week" in notice.text
    assert "• records of messages sent to you: 30 days" in notice.text
    assert "fewer than 5" in notice.text


async def test_member_commands_refused_for_strangers(harness: Harness) -> None:
    stranger = harness.person(3008)
    [refused] = await stranger.say("/mydata")
    assert (
        refused.text
        == "Mae hyn ar gyfer aelodau. I ymuno, anfonwch /dechrau.\n\n— — —\n\nThis is for members. To join, send /start."
    )


async def test_command_menus_registered_in_both_languages(harness: Harness) -> None:
    default = [c["command"] for c in harness.sim.commands_for()]
    welsh = {c["command"]: c["description"] for c in harness.sim.commands_for(language_code="cy")}
    assert {"help", "language", "privacy", "mydata", "forget", "stop"} <= set(default)
    assert {"cymorth", "iaith", "preifatrwydd", "fy_nata", "anghofio", "stopio"} <= set(welsh)
    assert welsh["iaith"] == "Cymraeg neu Saesneg"


async def test_every_table_with_personal_data_has_a_label(harness: Harness) -> None:
    from bot.rights import TABLE_LABELS

    tables = {table for table, _, _ in await member_columns(harness.services.db)} | {"members"}
    assert tables <= set(TABLE_LABELS), tables - set(TABLE_LABELS)


async def test_a_welsh_member_gets_welsh_menus_whatever_their_app_language(
    harness: Harness,
) -> None:
    await onboard(harness, 3101, lang="cy", language_code="en")
    menu = {c["command"] for c in harness.sim.commands_for({"type": "chat", "chat_id": 3101})}
    assert {"adborth", "iaith", "fy_nata"} <= menu
    assert "feedback" not in menu


async def test_a_stale_menu_is_replaced_on_the_next_visit(harness: Harness) -> None:
    person = await onboard(harness, 3102, lang="en")
    db = harness.services.db
    member = await members.by_telegram_id(db, 3102)
    assert member is not None
    await members.set_menu_key(db, member.id, "from-an-older-version")
    harness.sim.commands.clear()
    await person.say("/help")
    assert "mydata" in {
        c["command"] for c in harness.sim.commands_for({"type": "chat", "chat_id": 3102})
    }
    refreshed = await members.by_telegram_id(db, 3102)
    assert refreshed is not None and refreshed.menu_key.startswith("en:1:")


async def test_forget_removes_the_personal_menu(harness: Harness) -> None:
    person = await onboard(harness, 3103, lang="cy")
    await person.say("/anghofio")
    await person.press("Ydw, dilëwch bopeth amdana i")
    assert harness.sim.commands_for({"type": "chat", "chat_id": 3103}) == []


async def test_privacy_notice_for_someone_not_yet_known_is_bilingual(harness: Harness) -> None:
    [welsh, english] = await harness.person(3201).say("/privacy")
    assert welsh.text.startswith("Eich preifatrwydd") and english.text.startswith("Your privacy")
    assert "Polau a chyfarfodydd" in welsh.text and "Polls and meetings" in english.text


async def test_mydata_explains_the_log_of_changes_and_mentions_no_votes(
    harness: Harness,
) -> None:
    """A member who joined by an invitation link has one entry in the log of changes: /mydata
    says what that log is and why it is kept, in their language, and speaks only of views."""
    places = await seed_constituencies(harness)
    db = harness.services.db
    expected = {
        "en": (
            "• your entries in the log of changes: 1",
            "Coordinators keep this log so that every change",
            "Views you gave anonymously are not here",
        ),
        "cy": (
            "• eich cofnodion yn y log newidiadau: 1",
            "Mae cydlynwyr yn cadw'r log hwn fel bod modd gwirio",
            "Dydy'r barnau a roesoch yn ddienw ddim yma",
        ),
    }
    for user_id, lang in ((3301, "en"), (3302, "cy")):
        _, token = await invites.create(
            db, role="member", constituency_id=places["carers"], created_by=None
        )
        person = harness.person(user_id, language_code=None)
        await person.say(f"/start {token}")
        await person.press("Cymraeg" if lang == "cy" else "English")
        await person.press("Rwy'n cytuno, awn ati" if lang == "cy" else "I agree, let's start")
        text = (await person.say("/fy_nata" if lang == "cy" else "/mydata"))[0].text
        for words in expected[lang]:
            assert words in text, (lang, text)
        assert "votes" not in text and "pleidlais" not in text and "pleidleisiau" not in text
        assert "records of actions you took" not in text


async def test_forget_says_what_was_kept_without_the_member(harness: Harness) -> None:
    """Invitation links a member made stay (unlinked), so the report doesn't call them deleted."""
    places = await seed_constituencies(harness)
    db = harness.services.db
    person = await onboard(harness, 3303, lang="cy", join="Rhwydwaith Gofalwyr Caerdydd a'r Fro")
    member = await members.by_telegram_id(db, 3303)
    assert member is not None
    await invites.create(db, role="member", constituency_id=places["carers"], created_by=member.id)
    await person.say("/anghofio")
    done = (await person.press("Ydw, dilëwch bopeth amdana i"))[-1].text
    deleted, kept = done.split("Wedi'u cadw, ond heb gysylltiad â chi mwyach:")
    assert "rhwydweithiau rydych chi'n perthyn iddyn nhw: 1" in deleted
    assert "dolenni gwahoddiad a wnaethoch chi: 1" in kept
    assert "dolenni gwahoddiad" not in deleted
    assert await db.scalar("SELECT COUNT(*) FROM invites WHERE created_by IS NULL") == 1


async def test_forget_deletes_what_was_written_for_others_but_never_sent(
    harness: Harness,
) -> None:
    """A draft message to members (or one cancelled) was 'kept, but no longer linked to you',
    its words and all, for good: it records nothing the service did, so it goes. What was
    sent stays, without the author."""
    places = await seed_constituencies(harness)
    db = harness.services.db
    rep = await onboard(harness, 3304, join="Cardiff and Vale Carers' Network")
    member = await members.by_telegram_id(db, 3304)
    assert member is not None
    await roles.grant(db, member.id, "representative", places["carers"])
    sent = await broadcasts.create_draft(db, member.id, "representative")
    await broadcasts.set_text(db, sent, "cy", "Neges a aeth")
    await db.execute("UPDATE broadcasts SET status = 'sent' WHERE id = ?", (sent,))
    cancelled = await broadcasts.create_draft(db, member.id, "representative")
    await broadcasts.set_text(db, cancelled, "en", "About Mrs Jones, never sent")
    await broadcasts.cancel(db, cancelled)
    await rep.say("/broadcast")  # and one being written now
    await rep.press("Members of networks I choose")
    await rep.press("Cardiff and Vale Carers' Network")
    await rep.press("I've finished choosing networks")
    await rep.press("News")
    await rep.say("Drafted about Ward 3, never sent")
    await rep.say("/forget")
    done = (await rep.press("Yes, delete everything about me"))[-1].text
    deleted, kept = done.split("Kept, but no longer linked to you:")
    assert "messages you wrote to send to others: 2" in deleted
    assert "messages you wrote to send to others: 1" in kept
    rows = await db.fetchall("SELECT author_id, status, text_cy FROM broadcasts")
    assert [tuple(r) for r in rows] == [(None, "sent", "Neges a aeth")]
    assert not {"About Mrs Jones, never sent", "Drafted about Ward 3, never sent"} & (
        await all_values(db)
    )
