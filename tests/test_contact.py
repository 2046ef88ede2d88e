"""Direct contact between a member and a representative, end to end in Welsh and English:
named and anonymous, replies both ways, ending, expiry, abuse reports and stopping a sender
without learning who they are."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.handlers.contact.common import ContactButton, ThreadButton
from bot.handlers.contact.reports import ReportButton
from bot.sim.harness import Harness
from bot.storage import contact as store
from bot.storage import members
from bot.tg import clock
from tests.helpers.contact import WORDS, only_thread_id, open_threads, reply_in_thread, write_to_rep
from tests.helpers.db import row_counts
from tests.helpers.delivery import coordinator, until
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, make_rep

FINISHED = {
    "en": "This has already finished, so that button does nothing now.",
    "cy": "Mae hyn wedi gorffen yn barod",
}


def alert(h: Harness) -> str:
    return str(h.sim.callback_answers[-1].get("text", ""))


@pytest.mark.parametrize(("member_lang", "rep_lang"), [("cy", "en"), ("en", "cy")])
async def test_a_named_conversation_both_ways(
    harness: Harness, member_lang: str, rep_lang: str
) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7301, places["carers"], lang=rep_lang)
    member = harness.person(7302, "Gwen", username="gwen_w")
    member = await onboard(
        harness, 7302, lang=member_lang, first_name="Gwen",
        join=CARERS_CY if member_lang == "cy" else CARERS_EN,
    )  # fmt: skip
    mw, rw = WORDS[member_lang], WORDS[rep_lang]

    await write_to_rep(member, "Can we talk about respite care?", lang=member_lang, named=True)
    confirmation = member.last
    assert ("Wedi'i hanfon at eich cynrychiolydd" if member_lang == "cy" else "Sent to your") in (
        confirmation.text
    )
    [arrived] = [m for m in rep.inbox if "respite care" in m.text]
    assert (
        "They chose to give their name: Gwen"
        if rep_lang == "en"
        else "Maen nhw wedi dewis rhoi eu henw: Gwen"
    ) in arrived.text
    assert '<a href="tg://user?id=7302">Gwen</a>' in arrived.source  # they can write directly
    assert [b.text for b in arrived.button_rows()] == [rw["reply"], rw["end"], rw["report"]]
    db = harness.services.db
    [thread] = await db.fetchall("SELECT * FROM contact_threads")
    me = await members.by_telegram_id(db, 7302)
    assert me is not None and thread["named"] == 1 and thread["member_id"] == me.id

    await reply_in_thread(rep, "Yes: Thursday evenings suit me.", lang=rep_lang)
    [answer] = [m for m in member.inbox if "Thursday evenings" in m.text]
    assert (
        "Ateb gan eich cynrychiolydd: Cynrychiolydd 1"
        if member_lang == "cy"
        else "A reply from your representative: Representative 1"
    ) in answer.text
    await reply_in_thread(member, "Thank you, see you then.", lang=member_lang)
    assert any("see you then" in m.text for m in rep.inbox)

    await member.press(mw["end"])
    await member.press(mw["sure"])
    assert any(
        ("The member has ended" if rep_lang == "en" else "Mae'r aelod wedi gorffen") in m.text
        for m in rep.inbox
    )
    [ended] = await db.fetchall("SELECT * FROM contact_threads")
    assert ended["member_id"] is None and ended["ended_by"] == "member"
    answers = len(harness.sim.callback_answers)
    shown = await rep.press(rw["reply"])  # the old button: the conversation is over
    said = [alert(harness)] if len(harness.sim.callback_answers) > answers else []
    said += [m.text for m in shown]  # longer than an alert's 200 characters: a message
    assert any(("has ended" if rep_lang == "en" else "wedi gorffen") in t for t in said), said


async def test_a_conversation_expires_after_its_days(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7311, places["carers"])
    member = await onboard(harness, 7312, lang="en", join=CARERS_EN)
    await write_to_rep(member, "Is there a carers' group in Barry?")
    db = harness.services.db
    thread = await store.get_thread(db, await only_thread_id(harness))
    assert thread is not None
    days = (thread.expires_at.date() - thread.opened_on).days
    assert days == harness.settings.contact_days + 1  # to midnight after the 30th day
    scope = f"contact.thread:{thread.id}"
    assert scope in harness.services.secrets.scopes()
    assert not await clock.run_due(harness.services, now=thread.expires_at - timedelta(seconds=1))
    assert await open_threads(db) == 1
    await clock.run_due(harness.services, now=thread.expires_at)
    assert await open_threads(db) == 0
    assert scope not in harness.services.secrets.scopes()
    [row] = await db.fetchall("SELECT * FROM contact_threads")
    assert row["sealed"] is None and row["ended_by"] == "expired"
    await rep.press("Reply")
    assert "This conversation has ended" in alert(harness)
    await member.press("Reply")
    assert "This conversation has ended" in alert(harness)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_abuse_report_and_a_block_without_identity(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7321, places["carers"], lang="en")
    boss = await coordinator(harness, lang=lang)
    sender = await onboard(
        harness, 7322, lang=lang, first_name="Sion", join=CARERS_CY if lang == "cy" else CARERS_EN
    )
    other = await onboard(harness, 7323, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
    w = WORDS[lang]
    await write_to_rep(sender, "You are useless and I will find you.", lang=lang)
    await rep.press("Report abuse")
    await rep.say("A threat: 'I will find you'.")
    assert "Reported, and the conversation has ended." in rep.last.text
    assert any(
        ("The representative has ended" if lang == "en" else "Mae'r cynrychiolydd wedi gorffen")
        in m.text
        for m in sender.inbox
    )

    async def told() -> bool:
        return any("A threat" in m.text for m in boss.inbox)

    await until(told, "the coordinators to hear of the report")
    report_message = [m for m in boss.inbox if "A threat" in m.text][-1]
    for secret in ("7322", "Sion"):  # (the scan in test_contact_anonymity looks everywhere)
        assert secret not in report_message.text and secret not in report_message.source
    stop = "Stopio'u negeseuon am 3 mis" if lang == "cy" else "Stop them writing for 3 months"
    await boss.press(stop)
    assert ("tan " if lang == "cy" else "until ") in boss.last.text

    [refused] = await sender.say("/cysylltu" if lang == "cy" else "/contact")
    assert (
        "mae cydlynydd wedi stopio'ch negeseuon" if lang == "cy" else "a coordinator has stopped"
    ) in refused.text
    await write_to_rep(other, "A question about the Thursday group.", lang=lang)  # not stopped
    assert await open_threads(harness.services.db) == 1

    # The stop follows the Telegram account, not the member number: /forget and back, still stopped.
    await sender.say("/anghofio" if lang == "cy" else "/forget")
    await sender.press(
        "Ydw, dilëwch bopeth amdana i" if lang == "cy" else "Yes, delete everything about me"
    )
    sender = await onboard(harness, 7322, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
    [still] = await sender.say("/contact")
    assert ("wedi stopio" if lang == "cy" else "has stopped") in still.text

    await boss.say("/adroddiadau" if lang == "cy" else "/reports")
    await boss.press(
        "Gadael iddyn nhw ysgrifennu eto nawr" if lang == "cy" else "Let them write again now"
    )
    await write_to_rep(sender, "Sorry about before.", lang=lang)
    assert await open_threads(harness.services.db) == 2
    actions = [
        r["action"] for r in await harness.services.db.fetchall("SELECT action FROM audit_log")
    ]
    assert [a for a in actions if a.startswith("contact.")] == [
        "contact.reported",
        "contact.blocked",
        "contact.lifted",
    ]
    assert w["send"]


async def test_a_dismissed_report_forgets_the_sender(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7331, places["carers"])
    boss = await coordinator(harness)
    sender = await onboard(harness, 7332, lang="en", join=CARERS_EN)
    await write_to_rep(sender, "I disagree with the minutes.")
    await rep.press("Report abuse")
    await rep.press("Report it without a note")
    await boss.say("/reports")
    assert "No note was given." in boss.last.text
    await boss.press("Close it without stopping anyone")
    assert "This report is closed." in boss.last.text
    [row] = await harness.services.db.fetchall("SELECT * FROM contact_reports")
    assert row["status"] == "dismissed" and row["sender_tag"] is None
    assert f"contact.report:{row['id']}" not in harness.services.secrets.scopes()
    await write_to_rep(sender, "Thanks for listening.")
    assert await open_threads(harness.services.db) == 1


async def test_only_the_two_ends_of_a_conversation_can_act_on_it(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7341, places["carers"])
    other_rep = await make_rep(harness, 7342, places["users"])
    sender = await onboard(harness, 7343, lang="en", join=CARERS_EN)
    bystander = await onboard(harness, 7344, lang="en", join=CARERS_EN)
    boss = await coordinator(harness)
    await write_to_rep(sender, "A question for you.")
    thread_id = await only_thread_id(harness)
    before = await row_counts(harness.services.db)
    for person in (other_rep, bystander, boss):
        for action in ("reply", "send", "end", "sure", "report", "nonote"):
            await person.press_data(ThreadButton(thread_id, action).pack())  # type: ignore[arg-type]
            assert "This conversation has ended" in alert(harness), (person.id, action)
    await sender.press_data(ThreadButton(thread_id, "report").pack())  # only its representative
    await sender.press_data(ThreadButton(thread_id, "nonote").pack())
    await sender.press_data(ReportButton(1, "block", 3).pack())  # not a coordinator
    await rep.press_data(ContactButton("send").pack())  # no draft of theirs
    assert await row_counts(harness.services.db) == before
    assert not any("A question for you" in m.text for m in other_rep.inbox + bystander.inbox)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_message_that_suggests_crisis_gets_support_and_is_flagged(
    harness: Harness, lang: str
) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7351, places["carers"], lang="en")
    member = await onboard(harness, 7352, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
    w = WORDS[lang]
    await member.say("/cysylltu" if lang == "cy" else "/contact")
    await member.press(member.last.button_rows()[0].text)
    await member.press(w["anon"])
    shown = await member.say("I want to die, nobody helps carers.")
    support = "\n".join(m.text for m in shown)
    assert (
        "dydy cynrychiolwyr ddim yn wasanaeth argyfwng"
        if lang == "cy"
        else "representatives are not a crisis service"
    ) in support
    await member.press(w["send"])
    [arrived] = [m for m in rep.inbox if "nobody helps carers" in m.text]
    assert "Their words suggest they may be in crisis" in arrived.text


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_bad_input_gets_a_clear_answer(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    await make_rep(harness, 7361, places["carers"])
    member = await onboard(harness, 7362, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
    nobody = await onboard(harness, 7363, lang=lang)
    [none] = await nobody.say("/contact")
    assert (
        "Dydych chi ddim wedi ymuno" if lang == "cy" else "You haven't joined a network"
    ) in none.text
    w = WORDS[lang]
    await member.say("/contact")
    await member.press(member.last.button_rows()[0].text)
    await member.press(w["anon"])
    [short] = await member.say("x")
    assert ("rhwng 2 a 3,000 nod" if lang == "cy" else "2 to 3,000 characters") in short.text
    [long] = await member.say("y" * 3001)
    assert "3,001" in long.text
    before = await row_counts(harness.services.db)
    await member.say("<b>bold</b> & so on")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; so on" in member.last.source
    await member.press(w["cancel"])
    assert await row_counts(harness.services.db) == before  # nothing stored before Send


async def test_an_anonymous_senders_threads_end_when_they_use_forget(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7371, places["carers"])
    sender = await onboard(harness, 7372, lang="en", join=CARERS_EN)
    stays = await onboard(harness, 7373, lang="en", join=CARERS_EN)
    await write_to_rep(sender, "One question before I go.")
    await write_to_rep(stays, "A question from someone staying.")
    await sender.say("/forget")
    await sender.press("Yes, delete everything about me")
    sender = await onboard(harness, 7372, lang="en", join=CARERS_EN)  # back, as someone new
    await clock.run_due(harness.services)
    db = harness.services.db
    rows = await db.fetchall("SELECT ended_by, sealed FROM contact_threads ORDER BY ended_by")
    assert [(r["ended_by"], r["sealed"] is None) for r in rows] == [(None, False), ("gone", True)]
    await rep.press_data(
        ThreadButton(
            int(await db.scalar("SELECT id FROM contact_threads WHERE ended_by = 'gone'")), "reply"
        ).pack()
    )
    assert "This conversation has ended" in alert(harness)
