"""Broadcasts end to end: composing in Welsh and English, delivery at Telegram's limits, reports."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import UTC, datetime, timedelta

from bot import delivery
from bot.config import Settings, parse_quiet_hours
from bot.handlers.broadcasts.common import BroadcastButton
from bot.i18n import translator
from bot.sim.harness import Harness, Person
from bot.sim.telegram import FloodRules, SimulatedTelegram
from bot.storage import audit, broadcasts, delivery_batches, members, pending, roles
from bot.storage.delivery_batches import Counts
from tests.helpers.db import all_values
from tests.helpers.delivery import (
    coordinator,
    harness_with,
    last_batch,
    received,
    representative,
    settled,
    speed_up,
    until,
)
from tests.helpers.people import onboard, seed_constituencies

CARERS_CY = "Rhwydwaith Gofalwyr Caerdydd a'r Fro"
CARERS_EN = "Cardiff and Vale Carers' Network"
USERS_EN = "Hywel Dda Service Users' Forum"
CY_TEXT = "Mae'r grŵp yn cwrdd <ddydd Llun> & bydd yn trafod yr adroddiad."
EN_TEXT = "The group meets <on Monday> & will discuss the report."


async def compose(
    author: Person,
    *,
    audience: str = "Everyone who has joined",
    kind: str = "Progress update",
    cy: str = CY_TEXT,
    en: str = EN_TEXT,
    command: str = "/broadcast",
) -> str:
    """Write a broadcast up to its preview; returns the preview's text."""
    await author.say(command)
    await author.press(audience)
    await author.press(kind)
    await author.say(cy)
    out = await author.say(en)
    return "\n---\n".join(m.text for m in out)


async def mixed_members(h: Harness) -> dict[str, Person]:
    await seed_constituencies(h)
    return {
        "cy1": await onboard(h, 4001, lang="cy", join=CARERS_CY),
        "cy2": await onboard(h, 4002, lang="cy"),
        "en1": await onboard(h, 4003, lang="en", join=CARERS_EN),
    }


async def test_each_member_gets_their_own_language_and_the_author_a_report(
    harness: Harness,
) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    preview = await compose(boss)
    welsh = f"Diweddariad ar y cynnydd\n\n{CY_TEXT}"
    english = f"Progress update\n\n{EN_TEXT}"
    # Four people: under the minimum group (5), so no exact count (and never a split by
    # language: with /members' languages and statuses it would give away who stopped).
    assert "Recipients: fewer than 5 people\n" in preview
    assert "in Welsh:" not in preview
    assert f"Welsh readers will receive this (1 message):\n\n{welsh}\n\n" in preview
    assert f"English readers will receive this (1 message):\n\n{english}\n\n" in preview
    assert "Send this to fewer than 5 people?" in preview
    assert "It will go out straight away." in preview
    assert "Plain language check" not in preview
    await boss.press("Send the message")
    assert received(boss, "Sending to fewer than 5 people now")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=4)
    kept = await harness.services.db.fetchall("SELECT text FROM deliveries WHERE status = 'sent'")
    assert [r["text"] for r in kept] == [""] * 4  # only the outcome stays once sent
    assert people["cy1"].last.text == welsh
    assert people["cy2"].last.text == welsh
    assert people["en1"].last.text == english
    assert people["en1"].last.source.endswith("&lt;on Monday&gt; &amp; will discuss the report.")
    [report] = received(boss, "Your message has been sent.")
    assert "Delivered to: fewer than 5 people" in report
    assert "Unreachable (blocked the bot or left): fewer than 5 people" in report
    assert "Failed: fewer than 5 people" in report
    [entry] = [e for e in await audit.latest(harness.services.db) if e.action == "broadcast.sent"]
    assert "recipients" not in entry.detail  # /audit shows no count outside the counting rule
    assert "Monday" not in entry.detail and "Llun" not in entry.detail


async def test_in_welsh_from_start_to_report(settings: Settings) -> None:
    async with harness_with(settings, min_group=2) as harness:
        await welsh_journey(harness)


async def welsh_journey(harness: Harness) -> None:
    people = await mixed_members(harness)
    boss = await coordinator(harness, lang="cy")
    preview = await compose(
        boss,
        command="/darlledu",
        audience="Pawb sydd wedi ymuno",
        kind="Newyddion",
    )
    # Everyone is every network together: never exact, only what the largest network says.
    assert "Derbynwyr: 2 berson neu fwy" in preview
    assert "Bydd yn mynd ar unwaith." in preview
    assert "Anfon y neges hon? Derbynwyr: 2 berson neu fwy." in preview
    await boss.press("Anfon y neges")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts.sent == 4
    assert people["cy2"].last.text == f"Newyddion\n\n{CY_TEXT}"
    assert people["en1"].last.text == f"News\n\n{EN_TEXT}"
    [report] = received(boss, "Mae eich neges wedi'i hanfon.")
    assert "Wedi cyrraedd: 2 berson neu fwy" in report
    assert "Wedi methu: llai na 2 berson" in report
    listing = (await boss.say("/negeseuon"))[0].text
    assert "#1 Newyddion" in listing and "Anfonwyd gennych chi" in listing
    assert "Derbynwyr: 2 berson neu fwy" in listing


async def test_a_blocked_member_is_counted_unreachable_until_they_start_again(
    harness: Harness,
) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    harness.sim.block(people["cy2"].id)
    await compose(boss)
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=3, unreachable=1)
    assert received(boss, "Unreachable (blocked the bot or left): fewer than 5 people")
    db = harness.services.db
    member = await members.by_telegram_id(db, people["cy2"].id)
    assert member is not None
    assert member.status == "unreachable"
    # Not even tried while unreachable: the next broadcast leaves them out.
    assert len(await broadcasts.recipients(db, "everyone", [])) == 3
    harness.sim.unblock(people["cy2"].id)
    await people["cy2"].say("/start")
    member = await members.by_telegram_id(db, people["cy2"].id)
    assert member is not None
    assert member.status == "active"
    await compose(boss, kind="Change to a meeting")
    await boss.press("Send the message")
    await settled(harness, await last_batch(harness))
    assert people["cy2"].last.text == f"Newid i drefniadau cyfarfod\n\n{CY_TEXT}"


async def test_a_deleted_account_chat_not_found_is_unreachable_not_retried(
    harness: Harness,
) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    gone = people["en1"].id
    harness.sim.inject(400, "Bad Request: chat not found", chat_id=gone, times=1)
    await compose(boss)
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=3, unreachable=1)
    member = await members.by_telegram_id(harness.services.db, gone)
    assert member is not None
    assert member.status == "unreachable"


async def test_a_storm_of_429s_is_waited_out_and_nobody_gets_two(harness: Harness) -> None:
    worker = speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    await compose(boss)
    harness.sim.inject(429, retry_after=1, times=12)
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=4)
    assert sum(1 for _, status, _ in harness.sim.rejected if status == 429) == 12
    assert worker.stats.retried >= 12
    for person in people.values():
        assert len(received(person, "Progress update") or received(person, "cynnydd")) == 1
    rows = await delivery_batches.rows_of(harness.services.db, batch.id)
    assert all(attempts == 1 for _, _, _, attempts, _ in rows)  # 429s are not failures


async def test_a_429_holds_the_row_in_the_database_and_does_not_hold_replies(
    harness: Harness,
) -> None:
    worker = speed_up(harness)
    worker.tuning.retry_after_scale = 1.0
    people = await mixed_members(harness)
    harness.sim.inject(429, retry_after=30, chat_id=people["en1"].id)
    await delivery.enqueue(
        harness.services.db,
        kind="broadcast",
        messages=[delivery.Outgoing(people["en1"].id, "Hello")],
    )
    harness.services.delivery.wake()

    async def refused() -> bool:
        return any(status == 429 for _, status, _ in harness.sim.rejected)

    await until(refused, "a 429")
    await asyncio.sleep(0.05)
    at = await harness.services.db.scalar("SELECT next_attempt_at FROM deliveries")
    assert at > time.time() + 25  # in the database, not only in the worker's memory
    # The worker's pause is its own: someone using the bot meanwhile is answered at once.
    started = time.monotonic()
    [answer] = await people["cy1"].say("/cymorth")
    assert answer.text and time.monotonic() - started < 1.0


async def test_transient_502s_are_retried_with_backoff(harness: Harness) -> None:
    speed_up(harness)
    await mixed_members(harness)
    boss = await coordinator(harness)
    await compose(boss)
    harness.sim.inject(502, times=3)
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=4)
    rows = await delivery_batches.rows_of(harness.services.db, batch.id)
    assert sum(attempts for _, _, _, attempts, _ in rows) == 4 + 3


async def test_a_400_is_recorded_with_telegrams_words_and_not_retried(harness: Harness) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    await compose(boss)
    harness.sim.inject(400, "Bad Request: message is too long", chat_id=people["en1"].id, times=5)
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=3, failed=1)
    [failed] = [
        r for r in await delivery_batches.rows_of(harness.services.db, batch.id) if r[2] == "failed"
    ]
    assert failed[3] == 1
    assert failed[4] is not None
    assert "message is too long" in failed[4].lower()
    assert received(boss, "Failed: fewer than 5 people")


async def test_a_5000_character_text_is_split_cleanly_and_each_part_counted(
    harness: Harness,
) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    first = " ".join(f"gair{i:04d}" for i in range(450))  # 4,049 characters
    rest = " ".join(f"diwedd{i:03d}" for i in range(95))  # 949 characters
    await boss.say("/broadcast")
    await boss.press("Everyone who has joined")
    await boss.press("News")
    kept = (await boss.say(first))[-1]
    assert "I've kept that (4,049 characters so far)" in kept.text
    await boss.say(rest)  # Telegram's app sent a long paste as two messages
    preview = "\n---\n".join(m.text for m in await boss.say(EN_TEXT))
    assert "Welsh readers will receive this (2 messages)" in preview
    assert "English readers will receive this (1 message)" in preview
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=2 * 2 + 1 * 2)  # two Welsh readers, two English
    parts = [m.text for m in people["cy1"].inbox[-2:]]
    assert all(len(p) <= 4096 for p in parts)
    assert parts[0].startswith("Newyddion\n\ngair0000 ")
    assert " ".join(" ".join(parts).split()) == f"Newyddion {first} {rest}"
    assert received(boss, "Delivered to: fewer than 5 people")  # people, not message parts


async def test_a_long_text_with_emoji_waits_for_the_rest_and_every_part_fits(
    harness: Harness,
) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    first = "🎉 gair " * 512  # 3,584 characters but 4,096 UTF-16 units: a full Telegram message
    rest = "diwedd " * 80
    await boss.say("/broadcast")
    await boss.press("Everyone who has joined")
    await boss.press("News")
    kept = (await boss.say(first.strip()))[-1]
    assert "I've kept that" in kept.text
    await boss.say(rest.strip())
    preview = "\n---\n".join(m.text for m in await boss.say(EN_TEXT))
    assert "Welsh readers will receive this (2 messages)" in preview
    await boss.press("Send the message")
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts == Counts(sent=2 * 2 + 1 * 2)
    got = [m.text for m in people["cy1"].inbox[-2:]]
    assert " ".join(" ".join(got).split()) == f"Newyddion {first.strip()} {rest.strip()}"


async def test_too_long_a_text_is_refused_and_the_step_stays(harness: Harness) -> None:
    await mixed_members(harness)
    boss = await coordinator(harness)
    await boss.say("/broadcast")
    await boss.press("Everyone who has joined")
    await boss.press("News")
    await boss.say("a" * 4090)
    [refused] = await boss.say("b" * 4090)
    assert "That is too long: 8,181 characters, and the most is 8,000." in refused.text
    [ask] = await boss.press("That's all of the Welsh")
    assert "in English" in ask.text


async def test_quiet_hours_hold_news_and_urgent_goes_now(settings: Settings) -> None:
    local = datetime.now(settings.timezone)
    window = f"{(local - timedelta(hours=1)):%H:%M}-{(local + timedelta(hours=1)):%H:%M}"
    async with harness_with(settings, quiet_hours=parse_quiet_hours(window)) as h:
        people = await mixed_members(h)
        boss = await coordinator(h)
        preview = await compose(boss)
        ends = delivery.going_out_at(h.settings, urgent=False)
        assert ends is not None
        when = translator("en", settings.timezone).datetime(ends)
        assert f"It is quiet hours, so it will go out on {when}." in preview
        await boss.press("Send the message")
        assert f"It will go to fewer than 5 people on {when}, after quiet hours." in boss.last.text
        held = await last_batch(h)
        await compose(boss, kind="Change to a meeting")
        [controls] = await boss.press("Mark it urgent: send even in quiet hours")
        assert "Marked urgent: it goes out straight away" in controls.text
        await boss.press("Send the message")
        urgent = await settled(h, await last_batch(h))
        assert urgent.counts == Counts(sent=4)
        assert people["en1"].last.text.startswith("Change to a meeting")
        assert not received(people["en1"], "Progress update")
        waiting = await delivery_batches.batch(h.services.db, held)
        assert waiting is not None
        assert waiting.counts == Counts(pending=4)


def test_quiet_hours_end_across_the_clock_changes() -> None:
    london = Settings(token="")  # 21:00-08:00, Europe/London

    def ends(now: datetime, settings: Settings = london) -> datetime | None:
        found = delivery.going_out_at(settings, urgent=False, now=now)
        return None if found is None else found.astimezone(UTC)

    # Clocks go forward on 29 March 2026, back on 25 October 2026: 08:00 local either way.
    assert ends(datetime(2026, 3, 28, 22, 0, tzinfo=UTC)) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert ends(datetime(2026, 10, 24, 21, 0, tzinfo=UTC)) == datetime(2026, 10, 25, 8, tzinfo=UTC)
    assert ends(datetime(2026, 6, 1, 12, 0, tzinfo=UTC)) is None
    assert ends(datetime(2026, 6, 1, 20, 30, tzinfo=UTC)) == datetime(2026, 6, 2, 7, 0, tzinfo=UTC)
    assert (
        delivery.going_out_at(london, urgent=True, now=datetime(2026, 6, 1, 23, tzinfo=UTC)) is None
    )
    # Quiet hours ending in the hour that happens twice: never an end that has already passed.
    night = dataclasses.replace(london, quiet_hours=parse_quiet_hours("00:30-01:30"))
    second_time_round = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 01:10 GMT, after 01:10 BST
    assert ends(second_time_round, night) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    # Empty for none: nothing waits.
    assert (
        delivery.going_out_at(
            dataclasses.replace(london, quiet_hours=parse_quiet_hours("")), urgent=False
        )
        is None
    )


async def test_a_representative_speaks_only_for_their_own_network(harness: Harness) -> None:
    speed_up(harness)
    places = await seed_constituencies(harness)
    carer = await onboard(harness, 4101, lang="cy", join=CARERS_CY)
    user = await onboard(harness, 4102, lang="en", join=USERS_EN)
    plain = await onboard(harness, 4103, lang="en")
    rep = await representative(harness, 4110, places["carers"])
    [refused] = await plain.say("/broadcast")
    assert refused.text == "This is for representatives and coordinators."
    [ask] = await rep.say("/broadcast")
    labels = [b.text for b in ask.button_rows()]
    assert "Everyone who has joined" not in labels
    [choose] = await rep.press("Members of networks I choose")
    assert [b.text for b in choose.button_rows()][:1] == [CARERS_EN]
    assert USERS_EN not in [b.text for b in choose.button_rows()]
    draft = (await broadcasts.recent_sent(harness.services.db)) or None
    assert draft is None
    draft_id = int(await harness.services.db.scalar("SELECT MAX(id) FROM broadcasts"))
    # Forged presses: another network, the whole service, someone else's draft.
    await rep.press_data(BroadcastButton(draft_id, "network", str(places["users"])).pack())
    await rep.press_data(BroadcastButton(draft_id, "everyone").pack())
    await plain.press_data(BroadcastButton(draft_id, "send").pack())
    stored = await broadcasts.get(harness.services.db, draft_id)
    assert stored is not None
    assert stored.constituency_ids == ()
    assert stored.audience == "constituencies"
    assert stored.status == "draft"
    await rep.press(CARERS_EN)
    await rep.press("I've finished choosing networks")
    await rep.press("Progress update")
    await rep.say(CY_TEXT)
    preview = "\n".join(m.text for m in await rep.say(EN_TEXT))
    assert "To: Cardiff and Vale Carers' Network" in preview
    assert "Recipients: fewer than 5 people" in preview
    await rep.press("Send the message")
    await settled(harness, await last_batch(harness))
    assert carer.last.text == f"Diweddariad ar y cynnydd\n{CARERS_CY}\n\n{CY_TEXT}"
    assert not received(user, "Progress update")
    assert not received(plain, "Progress update")
    listing = (await rep.say("/broadcasts"))[0].text
    assert "Sent by you" in listing and "Delivered to: fewer than 5 people" in listing


async def test_a_network_taken_from_a_representative_mid_draft_stops_every_press(
    harness: Harness,
) -> None:
    speed_up(harness)
    places = await seed_constituencies(harness)
    await onboard(harness, 4101, lang="cy", join=CARERS_CY)
    user = await onboard(harness, 4102, lang="en", join=USERS_EN)
    rep = await representative(harness, 4110, places["carers"])
    db = harness.services.db
    member = await members.by_telegram_id(db, rep.id)
    assert member is not None
    await roles.grant(db, member.id, "representative", places["users"])
    await rep.say("/broadcast")
    await rep.press("Members of networks I choose")
    await rep.press(CARERS_EN)
    await rep.press(USERS_EN)
    await rep.press("I've finished choosing networks")
    await rep.press("Progress update")
    await rep.say(CY_TEXT)
    await rep.say(EN_TEXT)
    await rep.press("Edit the English")  # waiting for the new English text ...
    [users_role] = [
        g for g in await roles.of_member(db, member.id) if g.constituency_id == places["users"]
    ]
    await roles.revoke(db, users_role.id)  # ... when a coordinator takes a network away
    refused = await rep.say("New English.")
    assert [m.text for m in refused] == ["This is for coordinators."]
    assert not await pending.get(db, member.id)
    draft = int(await db.scalar("SELECT MAX(id) FROM broadcasts"))
    before = len(rep.inbox)
    await rep.press_data(BroadcastButton(draft, "edit", "cy").pack())
    await rep.press_data(BroadcastButton(draft, "send").pack())
    assert len(rep.inbox) == before  # only alerts: no question, no preview, nothing sent
    assert harness.sim.callback_answers[-1].get("show_alert")
    assert await db.scalar("SELECT COUNT(*) FROM deliveries") == 0
    assert not received(user, "Progress update")
    await rep.press_data(BroadcastButton(draft, "cancel").pack())  # cancelling is still allowed
    assert rep.last.text == "Cancelled: nothing was sent."


async def test_jargon_is_flagged_with_plain_words_but_can_still_go(harness: Harness) -> None:
    speed_up(harness)
    await mixed_members(harness)
    boss = await coordinator(harness)
    preview = await compose(
        boss,
        cy="Bydd eich meddyg teulu a'r CMHT yn y cyfarfod.",
        en="Your GP and the CMHT will be at the meeting; we edited the notes.",
    )
    assert "Plain language check." in preview
    assert (
        "In the Welsh text:\n• meddyg teulu: eich meddyg teulu\n• CMHT: eich tîm iechyd meddwl lleol"
        in preview
    )
    assert (
        "In the English text:\n• GP: your family doctor\n• CMHT: your local mental health team (outside hospital)"
        in preview
    )
    assert "edited" not in preview.split("Plain language check.")[1].split("⬇️")[0]
    await boss.press("Send the message")
    assert (await settled(harness, await last_batch(harness))).counts.sent == 4


async def test_edit_and_cancel(harness: Harness) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    await compose(boss)
    [ask] = await boss.press("Edit the English")
    assert "in English" in ask.text
    preview = "\n".join(m.text for m in await boss.say("Corrected English."))
    assert "Progress update\n\nCorrected English." in preview
    [done] = await boss.press("Cancel, don't send anything")
    assert done.text == "Cancelled: nothing was sent."
    await asyncio.sleep(0.05)
    assert not received(people["en1"], "Corrected")
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM deliveries") == 0


async def test_the_draft_survives_a_restart(settings: Settings) -> None:
    async with harness_with(settings) as h:
        await mixed_members(h)
        boss = await coordinator(h)
        await boss.say("/broadcast")
        await boss.press("Everyone who has joined")
        await boss.press("News")
        await boss.say(CY_TEXT)
    async with harness_with(settings) as again:
        boss = again.person(boss.id, "Ceri")
        preview = "\n".join(m.text for m in await boss.say(EN_TEXT))
        assert "Recipients: fewer than 5 people" in preview
        draft = int(await again.services.db.scalar("SELECT MAX(id) FROM broadcasts"))
        await boss.press_data(BroadcastButton(draft, "send").pack())
        assert (await settled(again, await last_batch(again))).counts.sent == 4


async def test_forget_leaves_no_delivery_row_for_recipient_or_author(harness: Harness) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    await compose(boss)
    await boss.press("Send the message")
    await settled(harness, await last_batch(harness))
    for person, yes in (
        (people["en1"], "Yes, delete everything about me"),
        (boss, "Yes, delete everything about me"),
    ):
        await person.say("/forget")
        await person.press(yes)
    values = await all_values(harness.services.db)
    assert not {people["en1"].id, str(people["en1"].id), boss.id, str(boss.id)} & values
    [sent] = await broadcasts.recent_sent(harness.services.db)
    assert sent.author_id is None
    batch = await delivery_batches.batch(harness.services.db, await last_batch(harness))
    assert batch is not None
    assert batch.counts == Counts(sent=4)  # the record of what went out stays whole


async def test_a_group_gets_at_most_20_a_minute(settings: Settings) -> None:
    sim = SimulatedTelegram(flood=FloodRules(per_second=30, group_per_minute=20))
    async with harness_with(settings, sim=sim) as h:
        group = -100123
        batch = await delivery.enqueue(
            h.services.db,
            kind="digest",
            messages=[delivery.Outgoing(group, f"Crynodeb {i}") for i in range(25)],
        )
        h.services.delivery.wake()

        async def twenty() -> bool:
            return len(sim.inbox(group)) >= 20

        await until(twenty, "20 messages in the group")
        await asyncio.sleep(0.3)
        assert len(sim.inbox(group)) == 20
        assert not [r for r in sim.rejected if r[1] == 429]
        found = await delivery_batches.batch(h.services.db, batch)
        assert found is not None
        assert found.counts == Counts(sent=20, pending=5)


async def test_a_group_that_became_a_supergroup_gets_the_rest_there(harness: Harness) -> None:
    speed_up(harness)
    old, new = -4001, -1004001
    harness.sim.inject(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        chat_id=old,
        migrate_to=new,
    )
    batch = await delivery.enqueue(
        harness.services.db,
        kind="digest",
        messages=[delivery.Outgoing(old, f"Crynodeb {i}") for i in range(3)],
    )
    harness.services.delivery.wake()
    assert (await settled(harness, batch)).counts == Counts(sent=3)
    assert [m.text for m in harness.sim.inbox(new)] == [f"Crynodeb {i}" for i in range(3)]
    assert not harness.sim.inbox(old)


def test_report_counts_follow_the_counting_rule() -> None:
    tr = translator("cy", Settings(token="").timezone)
    lines = delivery.count_lines(tr, Counts(sent=12, unreachable=2, failed=0), 5)
    # two of them small: the one large part is no number (the whole less "fewer than 5"
    # twice would otherwise box the small ones in), but the author still reads that it went
    assert lines == [
        "Wedi cyrraedd: pob un ohonyn nhw heblaw unrhyw rai sy'n cael eu cyfrif isod",
        "Methu eu cyrraedd (wedi rhwystro'r bot neu wedi gadael): llai na 5 o bobl",
        "Wedi methu: llai na 5 o bobl",
    ]
    # a message to several networks: never exact, whatever the numbers
    lines = delivery.count_lines(tr, Counts(sent=17, unreachable=6), 5, "combined")
    assert lines[0] == "Wedi cyrraedd: 5 o bobl neu fwy"
    assert lines[1].endswith(": 5 o bobl neu fwy")


async def test_stop_or_forget_mid_broadcast_gets_nothing_more(settings: Settings) -> None:
    # Two a second: the worker has read every row before the second is sent.
    async with harness_with(settings, send_rate=2.0) as h:
        await seed_constituencies(h)
        first = await onboard(h, 4001, lang="cy")
        stopper = await onboard(h, 4002, lang="en")
        leaver = await onboard(h, 4003, lang="en")
        boss = await coordinator(h)
        await compose(boss)
        await boss.press("Send the message")

        async def first_has_it() -> bool:
            return bool(received(first, "cynnydd"))

        await until(first_has_it, "the first member to receive it")
        await stopper.say("/stop")
        await leaver.say("/forget")
        await leaver.press("Yes, delete everything about me")
        stopped_at, left_at = len(stopper.inbox), len(leaver.inbox)
        batch = await settled(h, await last_batch(h))
        assert not received(stopper, "Progress update")
        assert not received(leaver, "Progress update")
        assert len(stopper.inbox) == stopped_at and len(leaver.inbox) == left_at
        assert batch.counts.unreachable == 1  # the stopped member; the leaver's row is gone
        values = await all_values(h.services.db)
        assert not {leaver.id, str(leaver.id)} & values


async def test_the_report_survives_a_502_and_a_stopped_author_gets_none(harness: Harness) -> None:
    speed_up(harness)
    people = await mixed_members(harness)
    boss = await coordinator(harness)
    db = harness.services.db
    harness.sim.inject(502, chat_id=boss.id, times=2)
    first = await delivery.enqueue(
        db,
        kind="broadcast",
        messages=[delivery.Outgoing(people["en1"].id, "Hello")],
        report_chat_id=boss.id,
        report_lang="en",
        label="#1",
    )
    harness.services.delivery.wake()
    await settled(harness, first)
    assert len(received(boss, "Your message has been sent. (#1)")) == 1
    await boss.say("/stop")
    before = len(boss.inbox)
    second = await delivery.enqueue(
        db,
        kind="broadcast",
        messages=[delivery.Outgoing(people["en1"].id, "Hello again")],
        report_chat_id=boss.id,
        report_lang="en",
        label="#2",
    )
    harness.services.delivery.wake()
    assert (await settled(harness, second)).counts == Counts(sent=1)
    assert len(boss.inbox) == before


async def test_text_typed_while_the_draft_waits_for_a_button_gets_a_pointer(
    harness: Harness,
) -> None:
    await mixed_members(harness)
    boss = await coordinator(harness)
    await boss.say("/broadcast")
    [pointer] = await boss.say("Hello everyone")
    assert "You have a message to members in progress" in pointer.text
    await boss.press("Cancel, don't send anything")
    [plain] = await boss.say("Hello everyone")
    assert "I'm not sure what you mean" in plain.text
