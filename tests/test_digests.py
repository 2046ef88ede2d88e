"""Representatives receive their constituency's views: on demand, on schedule, in groups."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta

import pytest

from bot import views as service
from bot.delivery import worker as delivery_worker
from bot.digests import gather, render
from bot.digests_schedule import current_period, run_due
from bot.domain.periods import Period
from bot.handlers import digests as digest_handlers
from bot.handlers.digests import DigestButton, DigestTimeButton
from bot.handlers.topics import TopicButton
from bot.i18n import translator
from bot.sim.harness import Harness
from bot.storage import constituencies, members, roles
from bot.storage import digests as digest_store
from bot.storage import topics as topic_store
from bot.storage import views as view_store
from bot.storage.members import SelfDescription
from tests.conftest import COORDINATOR_ID
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, give_view, make_rep, wait_for


@pytest.fixture
async def worker(harness: Harness) -> AsyncIterator[delivery_worker.Worker]:
    """The delivery worker: the one the broadcast journey starts, or one of our own."""
    running = harness.services.delivery
    if running is not None:
        yield running
        return
    own = delivery_worker.Worker(harness.app.bot, harness.services.db, harness.settings)
    harness.services.extras["delivery"] = own
    own.start()
    yield own
    await own.stop()


async def people(
    h: Harness, cid: int, groups: dict[SelfDescription | None, int], start: int
) -> list[members.Member]:
    """Members put straight into the database, as onboarding would leave them."""
    made = []
    n = start
    for category, count in groups.items():
        for _ in range(count):
            member = await members.create(h.services.db, n, n, "en")
            await members.set_self_description(h.services.db, member.id, category)
            await constituencies.join(h.services.db, member.id, cid)
            made.append(member)
            n += 1
    return made


async def views_from(h: Harness, who: list[members.Member], cid: int) -> None:
    anonymity = h.services.secrets
    for i, member in enumerate(who):
        fresh = await members.by_id(h.services.db, member.id)
        assert fresh is not None
        given = await service.give(
            h.services.db,
            anonymity,
            h.settings,
            fresh,
            constituency_id=cid,
            topic_id=None,
            lang="en",
            text=f"View {i} from a member",
        )
        assert given.stored


async def ask_tomorrow(h: Harness, cid: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """/digest asked tomorrow, in a digest week that starts today: today's views show."""
    real = service.today(h.settings)
    await digest_store.set_schedule(h.services.db, cid, real.weekday(), time(9, 0))
    monkeypatch.setattr(digest_handlers, "today", lambda _: real + timedelta(days=1))


async def test_a_view_from_start_to_digest_in_both_languages(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    await ask_tomorrow(harness, cid, monkeypatch)
    topic = await topic_store.open_topic(harness.services.db, cid, "Gofal seibiant", "Respite care")
    welsh = await onboard(harness, 7001, lang="cy", join=CARERS_CY)
    english = await onboard(harness, 7002, lang="en", join=CARERS_EN)
    await give_view(
        welsh,
        "Does dim gofal seibiant yn Gymraeg yn ein hardal ni.",
        lang="cy",
        topic="Gofal seibiant",
    )
    await give_view(english, "My GP was brilliant. Email me at me@example.com", lang="en")
    rep = await make_rep(harness, 7003, cid, lang="cy")
    await rep.say("/crynodeb")
    await rep.press("Yr wythnos hon hyd yma")
    texts = [m.text for m in rep.inbox[-3:] if m.document is None]
    digest = "\n".join(texts)
    assert "Barnau Rhwydwaith Gofalwyr Caerdydd a'r Fro" in digest
    assert "Nifer y barnau a roddwyd: 2" in digest
    # views by language go through the counting rule too (and the label is the text's own)
    assert "Yn ôl iaith: Cymraeg llai na 5, Saesneg llai na 5" in digest
    assert "Gofal seibiant: 1" in digest and "Rhywbeth arall: 1" in digest
    # each view in the language it was written; the English one's placeholder in English
    assert "Does dim gofal seibiant yn Gymraeg yn ein hardal ni." in digest
    assert "Email me at [email address removed]" in digest
    assert "Aelodau'r rhwydwaith hwn nawr: llai na 5 o aelodau" in digest
    [document] = [m for m in rep.inbox if m.document is not None]
    assert document.document is not None
    name, content = document.document
    assert name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Pwnc", "Iaith", "Barn"]
    assert sorted(r[1] for r in rows[1:]) == ["Cymraeg", "Saesneg"]  # words, not codes
    assert topic > 0

    english_rep = await make_rep(harness, 7004, cid, lang="en")
    await english_rep.say("/digest")
    await english_rep.press("This week so far")
    digest_en = "\n".join(m.text for m in english_rep.inbox if m.document is None)
    assert "Views from Cardiff and Vale Carers' Network" in digest_en
    assert "Respite care: 1" in digest_en and "Something else: 1" in digest_en
    assert "Does dim gofal seibiant yn Gymraeg" in digest_en  # not translated: as written


async def test_minimum_group_rule_on_reach_and_self_description(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    crowd = await people(
        harness, cid, {"carer": 8, "service_user": 6, "both": 2, None: 4}, start=7100
    )
    carers, both = crowd[:8], crowd[14:16]
    await views_from(harness, carers[:6] + both[:1], cid)
    place = await constituencies.get(harness.services.db, cid)
    assert place is not None
    period = await current_period(harness.services.db, cid, service.today(harness.settings))
    data = await gather(harness.services.db, place, period)  # the period, once it is over
    text = render(data, translator("en", harness.settings.timezone), 5)[0]
    assert "Members of this network now: 20 members" in text
    assert "Members who gave a view in this period: 7 members" in text
    # 6 carers gave a view and one other: with the total of 7, the carers' 6 would give
    # the other away, so it is not shown; the small ones are "fewer than 5"
    assert "• Care for someone: not shown" in text
    assert "• Use or have used services: fewer than 5" in text
    assert "• Both: fewer than 5" in text
    assert "• Not said, or in a small group: fewer than 5" in text
    # how many members there are of each kind is not in the digest: beside who gave a view,
    # it would give away how many of each kind did not
    took_part = text[text.index("Who took part") :]
    assert "8" not in took_part and "6" not in took_part
    # while the week is going on, nobody is counted at all
    today = service.today(harness.settings)
    partial = render(
        await gather(harness.services.db, place, Period(period.first, today), so_far=True),
        translator("en", harness.settings.timezone),
        5,
    )[0]
    assert "counted when the week is over" in partial
    assert "gave a view in this period" not in partial
    # "both" has only 2 members: the contributor from it was stored as "not said"
    assert data.reach == {"carer": 6, None: 1}
    # the same view counted once per member, however many views they give
    await views_from(harness, carers[:1], cid)
    again = await gather(harness.services.db, place, period)
    assert sum(again.reach.values()) == 7 and again.counts.total == 8


async def test_small_numbers_are_never_shown(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    cid = places["users"]
    crowd = await people(harness, cid, {"carer": 3}, start=7200)
    await views_from(harness, crowd[:2], cid)
    place = await constituencies.get(harness.services.db, cid)
    assert place is not None
    period = await current_period(harness.services.db, cid, service.today(harness.settings))
    cy = render(
        await gather(harness.services.db, place, period),
        translator("cy", harness.settings.timezone),
        5,
    )[0]
    assert "Aelodau'r rhwydwaith hwn nawr: llai na 5 o aelodau" in cy
    took_part = cy[cy.index("Pwy gymerodd ran") :]
    assert "3" not in took_part and "2" not in took_part


async def test_views_come_in_random_order(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    day = service.today(harness.settings)
    await view_store.add_many(
        harness.services.db,
        [view_store.NewView(cid, None, "en", f"view number {i:02d}", day) for i in range(40)],
    )
    place = await constituencies.get(harness.services.db, cid)
    assert place is not None
    period = Period(day, day)
    orders = {
        tuple(v.text for v in (await gather(harness.services.db, place, period)).views)
        for _ in range(3)
    }
    assert (
        len(orders) == 3
    )  # a new order every time (40! orders: a repeat is impossible in practice)
    by_insertion = tuple(f"view number {i:02d}" for i in range(40))
    assert by_insertion not in orders
    # the storage order isn't insertion order either: ids are random
    ids = [r[0] for r in await harness.services.db.fetchall("SELECT id FROM views")]
    assert max(ids) > 2**32
    # the digest shows the views in the order gathered
    data = await gather(harness.services.db, place, period)
    shown = "\n".join(render(data, translator("en", harness.settings.timezone), 5)[1:])
    positions = [shown.index(v.text) for v in data.views]
    assert positions == sorted(positions)


async def test_a_long_digest_is_split_cleanly_and_all_views_are_in_the_csv(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    await ask_tomorrow(harness, cid, monkeypatch)
    day = service.today(harness.settings)
    await view_store.add_many(
        harness.services.db,
        [
            view_store.NewView(cid, None, "en", f"<{i:03d}> " + "word & " * 70, day)
            for i in range(200)
        ],
    )
    rep = await make_rep(harness, 7300, cid)
    await rep.say("/digest")
    await rep.press("This week so far")
    messages = [
        m for m in rep.inbox if "Views from" in m.text or "<" in m.text or "more views" in m.text
    ]
    assert harness.sim.rejected == []
    texts = [m.text for m in rep.inbox if m.document is None]
    assert all(len(t) <= 4096 for t in texts)
    shown = [i for i in range(200) if any(f"<{i:03d}>" in t for t in texts)]
    for i in shown:  # no view is cut between two messages
        assert sum(f"<{i:03d}> " + "word & " * 69 in t for t in texts) == 1
    assert 0 < len(shown) < 200
    assert (
        f"…and {200 - len(shown)} more views. All the views are in the attached file." in texts[-1]
    )
    [document] = [m for m in rep.inbox if m.document is not None]
    assert document.document is not None
    rows = list(csv.reader(io.StringIO(document.document[1].decode("utf-8-sig"))))
    assert len(rows) == 201 and messages


def next_monday_morning(h: Harness) -> datetime:
    today = service.today(h.settings)
    ahead = (0 - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=ahead), time(9, 1), tzinfo=h.settings.timezone)


async def test_scheduled_digest_goes_to_representatives_and_linked_group(
    harness: Harness, worker: delivery_worker.Worker
) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    member = await onboard(harness, 7400, lang="en", join=CARERS_EN)
    await give_view(member, "The crisis team answered within an hour. Thank you.")
    rep_cy = await make_rep(harness, 7401, cid, lang="cy")
    rep_en = await make_rep(harness, 7402, cid, lang="en")
    await digest_store.link_group(harness.services.db, -100900, cid, "en")
    db = harness.services.db
    monday = next_monday_morning(harness)
    # just before: the week before last is owed (no views then, so nothing is queued)
    assert await run_due(db, harness.settings, monday - timedelta(minutes=2)) == 0
    assert await run_due(db, harness.settings, monday) == 1
    harness.services.delivery.wake()
    await wait_for(
        lambda: any(m.document for m in rep_cy.inbox) and any(m.document for m in rep_en.inbox)
    )
    await wait_for(lambda: any(m.document for m in harness.sim.inbox(-100900)))
    assert any("Barnau Rhwydwaith Gofalwyr" in m.text for m in rep_cy.inbox)
    assert any("The crisis team answered within an hour" in m.text for m in rep_cy.inbox)
    assert any("Views from Cardiff and Vale" in m.text for m in rep_en.inbox)
    assert any("The crisis team answered" in m.text for m in harness.sim.inbox(-100900))
    # the file says what it is, as the one asked for with /digest does, in each language
    captions = {
        "cy": [m.text for m in rep_cy.inbox if m.document],
        "en": [m.text for m in rep_en.inbox if m.document],
        "group": [m.text for m in harness.sim.inbox(-100900) if m.document],
    }
    assert captions == {
        "cy": ["Yr holl farnau, fel ffeil taenlen (CSV)."],
        "en": ["All the views, as a spreadsheet file (CSV)."],
        "group": ["All the views, as a spreadsheet file (CSV)."],
    }
    # sent once: the same moment again, or a restart a minute later, queues nothing
    assert await run_due(db, harness.settings, monday) == 0
    assert await run_due(db, harness.settings, monday + timedelta(minutes=1)) == 0
    schedule = await digest_store.schedule(db, cid)
    assert schedule.last_sent_on == monday.date()
    # the other network had no views: nothing sent, but its week is done too
    other = await digest_store.schedule(db, places["users"])
    assert other.last_sent_on == monday.date()


async def test_missed_digest_is_sent_late_not_never(
    harness: Harness, worker: delivery_worker.Worker
) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    member = await onboard(harness, 7500, lang="en", join=CARERS_EN)
    await give_view(member, "Sent while the bot was about to go down")
    rep = await make_rep(harness, 7501, cid, lang="en")
    tuesday = next_monday_morning(harness) + timedelta(days=1, hours=5)
    assert await run_due(harness.services.db, harness.settings, tuesday) == 1
    harness.services.delivery.wake()
    await wait_for(lambda: any("Sent while the bot" in m.text for m in rep.inbox))


async def test_representative_chooses_day_and_time(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7600, places["carers"], lang="cy")
    await rep.say("/amsercrynodeb")
    assert "Dydd Llun, 09:00" in rep.last.text
    await rep.press("Dydd Mercher")
    await rep.press("17:00")
    assert "Wedi'i gadw" in rep.last.text and "Dydd Mercher, 17:00" in rep.last.text
    schedule = await digest_store.schedule(harness.services.db, places["carers"])
    assert (schedule.weekday, schedule.at) == (2, time(17, 0))
    # a forged press for a network they don't speak for changes nothing
    await rep.press_data(DigestTimeButton(places["users"], 4, "0800").pack())
    other = await digest_store.schedule(harness.services.db, places["users"])
    assert (other.weekday, other.at) == (0, time(9, 0))
    assert (
        "rhwydweithiau rydych chi'n siarad ar eu rhan" in harness.sim.callback_answers[-1]["text"]
    )


async def test_views_given_today_show_from_tomorrow(harness: Harness) -> None:
    """Asking again and again never shows a view arrive: the digest knows days, not times."""
    places = await seed_constituencies(harness)
    cid = places["carers"]
    db = harness.services.db
    real = service.today(harness.settings)
    await digest_store.set_schedule(db, cid, (real.weekday() - 1) % 7, time(9, 0))
    member = await onboard(harness, 7600, lang="en", join=CARERS_EN)
    rep = await make_rep(harness, 7601, cid, lang="en")
    await rep.say("/digest")
    assert "Views given today show from tomorrow" in rep.last.text
    await give_view(member, "Given just now, while the rep was watching")
    await rep.press("This week so far")
    digest = "\n".join(m.text for m in rep.inbox)
    assert "Views given: 0" in digest and "while the rep was watching" not in digest
    # on the first day of a digest week there is no whole day yet: nothing, and no time
    await digest_store.set_schedule(db, cid, real.weekday(), time(9, 0))
    await rep.say("/digest")
    [answer] = await rep.press("This week so far")
    assert "This week has only just begun" in answer.text
    assert "while the rep was watching" not in "\n".join(m.text for m in rep.inbox)


async def test_digest_of_another_network_is_refused(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    member = await onboard(harness, 7700, lang="en", join="Hywel Dda Service Users' Forum")
    await give_view(member, "A private matter for Hywel Dda")
    rep = await make_rep(harness, 7701, places["carers"], lang="en")
    before = len(rep.inbox)
    await rep.press_data(DigestButton(places["users"], "this").pack())
    assert len(rep.inbox) == before
    assert "networks you speak for" in harness.sim.callback_answers[-1]["text"]
    assert not any("Hywel Dda" in m.text for m in rep.inbox)


async def test_topics_opened_and_closed_by_a_representative(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    cid = places["carers"]
    rep = await make_rep(harness, 7800, cid, lang="en")
    await rep.say("/topics")
    assert "None yet" in rep.last.text
    await rep.press("Open a new topic")
    await rep.say("Amseroedd\u200b aros\u202e")  # nothing invisible stays in a title
    assert "same title in English" in rep.last.text
    await rep.say("Waiting\ntimes")  # nor a line break: it is a button's label
    assert "• Amseroedd aros / Waiting times" in rep.last.text
    member = await onboard(harness, 7801, lang="cy", join=CARERS_CY)
    await member.say("/adborth")
    assert "Amseroedd aros" in [b.text for b in member.last.button_rows()]
    await member.press("Canslo")
    await rep.press("Close: Waiting times")
    assert "None yet" in rep.last.text
    await member.say("/adborth")
    assert "Ysgrifennwch eich barn" in member.last.text  # no open topics: straight to writing
    # another network's representative cannot close or open topics here
    other_topic = await topic_store.open_topic(harness.services.db, places["users"], "A", "B")
    await rep.press_data(TopicButton("close", other_topic).pack())
    topic = await topic_store.get(harness.services.db, other_topic)
    assert topic is not None and topic.open
    await rep.press_data(TopicButton("new", places["users"]).pack())
    assert "networks you speak for" in harness.sim.callback_answers[-1]["text"]


async def test_coordinator_links_a_group(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    coordinator = await onboard(harness, COORDINATOR_ID, lang="en")
    group = -100777
    await coordinator.say("/linkgroup", chat_id=group)
    [question] = harness.sim.inbox(group)
    assert "Which networks' digests should come to this group too?" in question.text
    harness.sim.press(coordinator.user, question, CARERS_EN)
    await harness.settle()
    assert await digest_store.links_of_chat(harness.services.db, group) == {places["carers"]}
    assert "✓ " + CARERS_EN in [b.text for b in harness.sim.inbox(group)[-1].button_rows()]
    # a representative in the same group may not
    rep = await make_rep(harness, 7900, places["carers"])
    await rep.say("/linkgroup", chat_id=group)
    assert harness.sim.inbox(group)[-1].text == "This is for coordinators."
    # in a private chat, it explains where to send it
    [answer] = await coordinator.say("/linkgroup")
    assert "inside the representatives' group chat" in answer.text


async def test_digest_for_an_empty_week(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 8000, places["carers"], lang="en")
    await rep.say("/digest")
    [digest] = await rep.press("Last week")
    assert "Views given: 0" in digest.text
    assert not any(m.document for m in rep.inbox)


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_week_without_views_says_nobody_gave_one_and_its_note_is_true(
    harness: Harness, lang: str
) -> None:
    """No "Views given: 0" beside "fewer than 5 gave a view", and no note saying small numbers
    are not shown above a "fewer than 5" that is."""
    places = await seed_constituencies(harness)
    crowd = await people(harness, places["carers"], {"carer": 6}, start=8100)
    assert crowd
    rep = await make_rep(harness, 8110, places["carers"], lang=lang)
    await rep.say("/digest" if lang == "en" else "/crynodeb")
    [digest] = await rep.press_data(DigestButton(places["carers"], "last").pack())
    expected = {
        "en": (
            "Views given: 0",
            "Members of this network now: 6 members",
            "Nobody gave a view in this period.",
            "Numbers of people below 5 are shown as “fewer than 5” (which includes none)",
        ),
        "cy": (
            "Nifer y barnau a roddwyd: 0",
            "Aelodau'r rhwydwaith hwn nawr: 6 aelod",
            "Does neb wedi rhoi barn yn y cyfnod hwn.",
            "Mae niferoedd o bobl o dan 5 yn cael eu dangos fel “llai na 5” (sy'n cynnwys dim un)",
        ),
    }
    for words in expected[lang]:
        assert words in digest.text, (lang, digest.text)
    assert "gave a view in this period:" not in digest.text
    assert "roddodd farn yn y cyfnod hwn:" not in digest.text
    assert "are not shown" not in digest.text and "ddim yn cael eu dangos" not in digest.text


async def test_a_small_network_is_called_small_without_contradicting_its_member_count(
    harness: Harness,
) -> None:
    """Six members, but five of them read its views (representatives): the note says who is
    left out of the count, so "6 members" and "fewer than 5" don't stand side by side unexplained."""
    places = await seed_constituencies(harness)
    cid = places["carers"]
    crowd = await people(harness, cid, {"carer": 6}, start=8200)
    for member in crowd[:5]:
        await roles.grant(harness.services.db, member.id, "representative", cid)
    await view_store.add_many(
        harness.services.db,
        [view_store.NewView(cid, None, "en", "One view", service.today(harness.settings))],
    )
    place = await constituencies.get(harness.services.db, cid)
    assert place is not None
    today = service.today(harness.settings)
    data = await gather(
        harness.services.db, place, Period(today, today), minimum=5, coordinators=frozenset()
    )
    text = render(data, translator("en", harness.settings.timezone), 5)[0]
    assert "Members of this network now: 6 members" in text
    assert (
        "Apart from its representatives and coordinators, who read its views, this network has "
        "fewer than 5 members"
    ) in text
