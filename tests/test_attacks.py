"""The eight attacks of issue 9, each acted out end to end: each failed on the main branch
the issue was filed against, and each must stay stopped.

1. The operator links views to members with the database and every file.
2. Reach counts give away when a view was given, and by whom.
3. A network too small for anonymity shows its views as if it were not.
4. Differencing two previews (A, then A and B) gives a small network's size away.
5. A view's language label is the writer's menu language.
6. A forgotten member's id is given to someone new, with their daily count.
7. A removed coordinator opens their own pre-made link and is one again.
8. A 3,000-character view heavy in "&" and emoji crashes its preview.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot import audit as audit_words
from bot.config import load_settings
from bot.handlers.feedback.common import ViewButton
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.storage import audit, invites, members, roles
from bot.storage import digests as digest_store
from bot.storage import views as view_store
from bot.tg import clock
from bot.views import today
from tests.conftest import COORDINATOR_ID
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import (
    CARERS_EN,
    SEND,
    SEND_ANYWAY,
    USERS_EN,
    fill,
    give_view,
    make_rep,
)

ERROR = "something went wrong"


# ------------------------------------------------------------------ 1


async def test_1_the_operator_cannot_link_a_view_once_its_week_is_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as an operator would, with every default: then take the whole disk."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    settings = load_settings({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "CYDLAIS_QUIET_HOURS": ""})
    async with Harness(settings) as h:
        db = h.services.db
        await seed_constituencies(h)
        authors = [await onboard(h, 6100 + i, join=CARERS_EN) for i in range(6)]
        for i, person in enumerate(authors):
            await give_view(person, f"View number {i} about the carers' service")
        await clock.run_due(h.services, datetime.now(UTC) + timedelta(days=8))  # a week on
        tags = {r[0] for r in await db.fetchall("SELECT tag FROM view_quota")}
        tags |= {r[0] for r in await db.fetchall("SELECT tag FROM view_reach")}
        people = await db.fetchall("SELECT id, telegram_id FROM members")
        day = today(h.settings).isoformat()
        cid = await db.scalar("SELECT id FROM constituencies WHERE slug = 'carers-cv'")
        period = await db.scalar("SELECT DISTINCT period FROM view_reach")
    keys = _every_key_on_disk(tmp_path)
    guesses = set()
    for key in keys:
        for member_id, telegram_id in people:
            for who in (member_id, telegram_id):
                for message in (
                    f"quota\x1f{who}\x1f{day}",  # the shapes the long-lived key made
                    f"reach\x1f{who}\x1f{cid}\x1f{period}",
                    f"quota:{day}\x1f{who}",  # and the shapes the expiring secrets make
                    f"reach:{cid}:{period}\x1f{who}",
                ):
                    guesses.add(hmac.new(key, message.encode(), hashlib.sha256).hexdigest())
    assert tags  # the reach marks of the week are there to try
    assert not guesses & tags


def _every_key_on_disk(root: Path) -> list[bytes]:
    """Every file's bytes, and every key written inside a file, under `root`."""
    keys: list[bytes] = []
    for path in root.rglob("*"):
        if not path.is_file() or path.suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm"):
            continue
        raw = path.read_bytes()
        keys.append(raw)
        try:
            found = json.loads(raw)
        except ValueError:
            continue
        if isinstance(found, dict) and "key" in found:
            keys.append(bytes.fromhex(found["key"]))
    return keys


# ------------------------------------------------------------------ 2


async def test_2_asking_twice_shows_nothing_of_a_view_given_in_between(harness: Harness) -> None:
    db = harness.services.db
    places = await seed_constituencies(harness)
    cid = places["carers"]
    yesterday = today(harness.settings) - timedelta(days=1)
    await digest_store.set_schedule(db, cid, yesterday.weekday(), time(9, 0))  # week began
    for i in range(5):
        person = await onboard(harness, 6200 + i, join=CARERS_EN)
        await give_view(person, f"An earlier view, number {i}")
    carer = await onboard(harness, 6210, join=CARERS_EN, describe="I care for someone")
    rep = await make_rep(harness, 6220, cid)

    async def took_part() -> str:
        await rep.say("/digest")
        await rep.press("This week so far")
        summary = next(m.text for m in reversed(rep.inbox) if "Who took part" in m.text)
        return summary[summary.index("Who took part") :]

    before = await took_part()
    await give_view(carer, "The carers' group moved rooms and nobody told us")
    after = await took_part()
    assert after == before  # nothing moved: not the count, not how people describe themselves
    assert "counted when the week is over" in after


# ------------------------------------------------------------------ 3


async def test_3_a_small_network_warns_first_and_its_views_are_sent_knowingly(
    harness: Harness,
) -> None:
    await seed_constituencies(harness)
    member = await onboard(harness, 6300, join=CARERS_EN)
    await onboard(harness, 6301, join=CARERS_EN)  # a network of 2
    await member.say("/feedback")
    [preview] = await member.say("The evening group is too far from the bus stop")
    assert "too few for a view to stay anonymous" in preview.text
    labels = [b.text for b in preview.button_rows()]
    assert SEND["en"] not in labels and SEND_ANYWAY["en"] in labels
    await member.press(SEND_ANYWAY["en"])
    assert "Your view has gone" in member.last.text
    db = harness.services.db
    assert await db.scalar("SELECT COUNT(*) FROM views") == 1


async def test_3_a_plain_send_is_not_taken_where_the_network_is_small(harness: Harness) -> None:
    await seed_constituencies(harness)
    member = await onboard(harness, 6310, join=CARERS_EN)
    await member.say("/feedback")
    await member.say("The evening group is too far from the bus stop")
    await member.press_data(ViewButton("send").pack())  # as a tampered client could
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM views") == 0
    assert "too few for a view to stay anonymous" in member.last.text


# ------------------------------------------------------------------ 4


async def test_4_two_previews_give_no_small_network_away(harness: Harness) -> None:
    db = harness.services.db
    places = await seed_constituencies(harness)
    a, b = places["carers"], places["users"]
    await fill(harness, a, n=15, start=640000)
    await fill(harness, b, n=2, start=641000)
    rep = await make_rep(harness, 6400, a)
    member = await members.by_telegram_id(db, 6400)
    assert member is not None
    await roles.grant(db, member.id, "representative", b)

    async def preview(*networks: str) -> str:
        await rep.say("/broadcast")
        await rep.press("Members of networks I choose")
        for name in networks:
            await rep.press(name)
        await rep.press("I've finished choosing networks")
        await rep.press("News")
        await rep.say("Newyddion i'r rhwydwaith")
        return "\n".join(m.text for m in await rep.say("News for the network"))

    only_a = await preview(CARERS_EN)
    assert "Recipients: 15 people" in only_a
    both = await preview(CARERS_EN, USERS_EN)
    assert "17" not in both
    assert "Recipients: 15 or more people" in both
    await rep.press("Send the message")
    coordinator = await onboard(harness, COORDINATOR_ID)
    [log] = await coordinator.say("/audit")
    assert "recipients" not in log.text
    # No 17 in what each entry says (its time, "03:17", and who did it are not counts).
    said = [
        re.sub(r"Member no\. \d+", "", line.split(" · ", 1)[-1]) for line in log.text.splitlines()
    ]
    assert not any(re.search(r"\b17\b", line) for line in said), said


# ------------------------------------------------------------------ 5


async def test_5_the_label_is_the_language_of_the_words(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    await fill(harness, places["carers"])
    welsh_menus = await onboard(
        harness, 6500, lang="cy", join="Rhwydwaith Gofalwyr Caerdydd a'r Fro"
    )
    await welsh_menus.say("/adborth")
    [preview] = await welsh_menus.say("The waiting list for talking therapy is far too long")
    assert "Iaith: Saesneg" in preview.text
    await welsh_menus.press("Anfon yn ddienw")
    language = await harness.services.db.scalar("SELECT language FROM views")
    assert language == "en"


async def test_5_views_by_language_follow_the_counting_rule(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    yesterday = today(harness.settings) - timedelta(days=1)
    await digest_store.set_schedule(harness.services.db, cid, yesterday.weekday(), time(9, 0))
    await view_store.add_many(
        harness.services.db,
        [view_store.NewView(cid, None, "cy", "Un farn yn Gymraeg", yesterday)]
        + [view_store.NewView(cid, None, "en", f"English view {i}", yesterday) for i in range(6)],
    )
    rep = await make_rep(harness, 6510, cid)
    await rep.say("/digest")
    await rep.press("This week so far")
    summary = next(m.text for m in reversed(rep.inbox) if "By language" in m.text)
    assert "Welsh 1" not in summary
    assert "By language: Welsh fewer than 5, English not shown" in summary


# ------------------------------------------------------------------ 6


async def test_6_a_forgotten_id_is_never_given_again_and_the_limit_is_kept(
    harness: Harness,
) -> None:
    import dataclasses

    harness.settings = dataclasses.replace(harness.settings, max_views_per_day=3)
    harness.services.settings = harness.settings
    places = await seed_constituencies(harness)
    await fill(harness, places["carers"])
    first = await onboard(harness, 6600, join=CARERS_EN)
    first_id = (await members.by_telegram_id(harness.services.db, 6600)).id  # type: ignore[union-attr]
    for i in range(3):
        await give_view(first, f"A view from the first person, number {i}")
    await first.say("/forget")
    await first.press("Yes, delete everything about me")
    newcomer = await onboard(harness, 6601, join=CARERS_EN)
    me = await members.by_telegram_id(harness.services.db, 6601)
    assert me is not None and me.id != first_id
    [reply] = await newcomer.say("/feedback")
    assert "Write your view" in reply.text  # not "you have given 3 views today"
    back = await onboard(harness, 6600, join=CARERS_EN)
    [again] = await back.say("/feedback")
    assert "You have given 3 views today" in again.text


# ------------------------------------------------------------------ 7


async def test_7_a_removed_coordinator_cannot_use_their_own_link(harness: Harness) -> None:
    db = harness.services.db
    await seed_constituencies(harness)
    boss = await onboard(harness, COORDINATOR_ID)
    other = await onboard(harness, 6700)
    other_member = await members.by_telegram_id(db, 6700)
    assert other_member is not None
    await roles.grant(db, other_member.id, "coordinator", None)
    link, token = await invites.create(
        db, role="coordinator", constituency_id=None, created_by=other_member.id
    )
    [grant] = await roles.of_member(db, other_member.id)
    await boss.say("/roles")
    await boss.press(f"Remove role {grant.id}")
    await boss.press("Yes, remove this role")
    [answer] = await other.say(f"/start {token}")
    assert "withdrawn" in answer.text
    assert await roles.of_member(db, other_member.id) == []
    [entry] = [e for e in await audit.latest(db) if e.action == "invite.revoked"]
    assert audit_words.details(entry)["invite"] == link.id
    assert audit_words.details(entry)["reason"] == "role_removed"
    [log] = await boss.say("/audit")
    assert f"so invitation link {link.id}, which they had made, was withdrawn" in log.text


# ------------------------------------------------------------------ 8


async def test_8_a_long_view_heavy_in_escapes_and_emoji_reaches_its_preview(
    harness: Harness,
) -> None:
    places = await seed_constituencies(harness)
    await fill(harness, places["carers"])
    member = await onboard(harness, 6800, join=CARERS_EN)
    view = "Fish & chips <3 " * 100 + "😀&😀 " * 230 + "&" * 20  # 3,000 as Telegram counts
    await member.say("/feedback")
    replies = await member.say(view)
    assert not any(ERROR in m.text for m in replies)
    assert SEND["en"] in [b.text for m in replies for b in m.button_rows()]
    await member.press(SEND["en"])
    assert "Your view has gone" in member.last.text
    stored = await harness.services.db.scalar("SELECT text FROM views")
    assert stored.count("&") == view.count("&")
