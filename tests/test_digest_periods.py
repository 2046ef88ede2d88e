"""A period is delivered once: changing /digesttime around a digest never repeats a view to a
representative or a linked group, nor leaves one out (issue 13). End to end: the real
/digesttime journey, the scheduled run and the delivery worker, in Welsh and English."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest

from bot import views as service
from bot.digests_schedule import run_due
from bot.handlers import digests as digest_handlers
from bot.handlers.digests import DigestButton
from bot.sim.harness import Harness, Person
from bot.storage import constituencies, members
from bot.storage import digests as digest_store
from bot.storage import views as view_store
from tests.helpers.people import seed_constituencies
from tests.helpers.views import make_rep, wait_for

M = date(2030, 1, 7)  # a Monday
GROUP = -100901
VIEW = re.compile(r"view of (\d{4}-\d\d-\d\d)")


def day(n: int) -> date:
    return M + timedelta(days=n)


def moment(h: Harness, n: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day(n), time(hour, minute), tzinfo=h.settings.timezone)


async def setting_up(h: Harness, lang: str, views: range) -> tuple[int, Person]:
    """A network whose last digest went the Monday before M, a representative, a linked group,
    and one view on each day of `views` (relative to M)."""
    places = await seed_constituencies(h)
    cid = places["carers"]
    db = h.services.db
    await digest_store.mark_sent(db, cid, day(-7), day(-14))
    await view_store.add_many(
        db, [view_store.NewView(cid, None, "en", f"view of {day(n)}", day(n)) for n in views]
    )
    rep = await make_rep(h, 9500 if lang == "en" else 9501, cid, lang=lang)
    await digest_store.link_group(db, GROUP, cid, "en")
    return cid, rep


async def scheduled(h: Harness, n: int) -> int:
    """The clock ticks at 09:01 on day n; returns how many digests were queued."""
    queued = await run_due(h.services.db, h.settings, moment(h, n, 9, 1))
    h.services.delivery.wake()
    return queued


def texts(h: Harness, chat_id: int) -> list[str]:
    return [m.text for m in h.sim.inbox(chat_id)]


def days_received(texts: list[str]) -> Counter[str]:
    return Counter(d for t in texts for d in VIEW.findall(t))


async def delivered_to(h: Harness, chat_id: int, days: range) -> None:
    """Every view of `days` reached the chat exactly once, and no other view did."""
    wanted = {str(day(n)) for n in days}
    await wait_for(lambda: set(days_received(texts(h, chat_id))) >= wanted)
    received = days_received(texts(h, chat_id))
    assert set(received) == wanted and set(received.values()) == {1}, (chat_id, received)


async def delivered(h: Harness, rep: Person, days: range) -> None:
    """Every view of `days` reached the representative and the group exactly once."""
    for chat_id in (rep.id, GROUP):
        await delivered_to(h, chat_id, days)


async def change_day(
    h: Harness, rep: Person, monkeypatch: pytest.MonkeyPatch, when: datetime, press: str
) -> str:
    monkeypatch.setattr(digest_handlers, "now", lambda _: when)
    await rep.say("/digesttime" if rep.id == 9500 else "/amser_crynodeb")
    await rep.press(press)
    [saved] = await rep.press("09:00")
    return saved.text


async def test_a_later_day_chosen_after_a_digest_went_in_welsh(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reported case: Monday's digest went; on Tuesday the day became Wednesday. That
    Wednesday sends nothing (it used to send last Wednesday to Tuesday again); the Wednesday
    after sends Monday to Tuesday, nine days, and then it is weekly on Wednesdays."""
    cid, rep = await setting_up(harness, "cy", range(-7, 16))
    assert await scheduled(harness, 0) == 1  # Monday: the 7 days before
    await delivered(harness, rep, range(-7, 0))
    saved = await change_day(harness, rep, monkeypatch, moment(harness, 1, 10), "Dydd Mercher")
    assert "Wedi'i gadw" in saved and "Dydd Mercher, 09:00" in saved
    assert (
        "Yr un nesaf: Dydd Mercher, 16 Ionawr 2030. Bydd yn cynnwys y barnau a roddwyd o "
        "7 Ionawr 2030 tan 15 Ionawr 2030."
    ) in saved
    # /crynodeb on the Thursday: this period so far, and the last one as it was sent
    monkeypatch.setattr(digest_handlers, "today", lambda _: day(3))
    await rep.say("/crynodeb")
    shown = await rep.press("Yr wythnos hon hyd yma")
    assert days_received([m.text for m in shown]) == Counter({str(day(n)): 1 for n in range(3)})
    await rep.say("/crynodeb")
    shown = await rep.press_data(DigestButton(cid, "last").pack())  # (its label is being edited)
    assert set(days_received([m.text for m in shown])) == {str(day(n)) for n in range(-7, 0)}
    assert await scheduled(harness, 2) == 0  # this Wednesday: nothing
    assert await scheduled(harness, 3) == 0
    assert await scheduled(harness, 9) == 1  # next Wednesday: Monday to Tuesday, 9 days
    schedule = await digest_store.schedule(harness.services.db, cid)
    assert (schedule.last_from, schedule.last_sent_on) == (day(0), day(9))
    assert await scheduled(harness, 16) == 1  # then weekly
    await delivered_to(harness, GROUP, range(-7, 16))
    # the representative: each view once by schedule, and again only where they asked
    on_demand = set(range(-7, 3))
    await wait_for(lambda: str(day(15)) in days_received(texts(harness, rep.id)))
    assert days_received(texts(harness, rep.id)) == Counter(
        {str(day(n)): 2 if n in on_demand else 1 for n in range(-7, 16)}
    )


async def test_an_earlier_day_chosen_before_a_digest_went(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Monday at 08:00, an hour before its digest, the day became Sunday (yesterday): the
    Monday digest does not go, nor one at once; the next Sunday's covers the thirteen days
    since the last one, and each view arrives once."""
    _, rep = await setting_up(harness, "en", range(-7, 13))
    saved = await change_day(harness, rep, monkeypatch, moment(harness, 0, 8), "Sunday")
    assert "Saved. Weekly digest for Cardiff and Vale Carers' Network: Sunday, 09:00." in saved
    assert (
        "The next one goes on Sunday, 13 January 2030 and covers the views given from "
        "31 December 2029 to 12 January 2030."
    ) in saved
    assert await scheduled(harness, 0) == 0  # Monday: not any more
    assert await scheduled(harness, 6) == 1  # Sunday: Monday before last to Saturday
    assert await scheduled(harness, 13) == 1  # then weekly on Sundays
    await delivered(harness, rep, range(-7, 13))


async def test_the_old_day_back_again_sends_nothing_twice(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changed to Wednesday after Monday's digest, then back to Monday the same day: the next
    Monday's digest covers the week, as if nothing had changed."""
    _, rep = await setting_up(harness, "en", range(-7, 14))
    assert await scheduled(harness, 0) == 1
    await change_day(harness, rep, monkeypatch, moment(harness, 1, 10), "Wednesday")
    await change_day(harness, rep, monkeypatch, moment(harness, 1, 11), "Monday")
    assert await scheduled(harness, 2) == 0
    assert await scheduled(harness, 7) == 1  # a week after the last: as if nothing changed
    assert await scheduled(harness, 14) == 1
    await delivered(harness, rep, range(-7, 14))


async def test_who_gave_a_view_is_counted_for_the_period_that_delivers_it(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Views given before and after the day changed are counted together: six members of
    twelve gave a view, three before and three after (one of them both times): six."""
    cid, rep = await setting_up(harness, "en", range(0))
    await digest_store.mark_sent(harness.services.db, cid, day(0), day(-7))
    crowd = []
    for n in range(12):
        member = await members.create(harness.services.db, 9600 + n, 9600 + n, "en")
        await constituencies.join(harness.services.db, member.id, cid)
        crowd.append(member)

    async def give(who: list[members.Member], on: int) -> None:
        monkeypatch.setattr(service, "today", lambda _: day(on))
        for member in who:
            given = await service.give(
                harness.services.db,
                harness.services.secrets,
                harness.settings,
                member,
                constituency_id=cid,
                topic_id=None,
                lang="en",
                text=f"view of {day(on)} from a member",
            )
            assert given.stored

    await give(crowd[:3], 1)  # Tuesday, before the change
    await change_day(harness, rep, monkeypatch, moment(harness, 1, 10), "Wednesday")
    await give(crowd[3:6] + crowd[:1], 5)  # Saturday, after it
    assert await scheduled(harness, 9) == 1
    await wait_for(lambda: any("Members who gave" in t for t in texts(harness, rep.id)))
    digest = next(t for t in texts(harness, rep.id) if "Members who gave" in t)
    assert "7 January 2030 to 15 January 2030" in digest
    assert "Members who gave a view in this period: 6 members" in digest
    assert "Views given: 7" in digest
