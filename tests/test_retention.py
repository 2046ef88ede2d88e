"""Keep no more than needed: once a day the clock's tick clears out views a year after their
week, delivery rows a month after they went, links a month after they expired, audit entries
after two years; and links whose maker no longer holds the role stop working."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot import audit as audit_words
from bot import delivery
from bot.retention import months_before
from bot.sim.harness import Harness
from bot.storage import audit, constituencies, invites, members
from bot.storage import views as view_store
from bot.storage.db import to_db
from bot.tg import clock

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def test_months_before() -> None:
    assert months_before(date(2026, 12, 7), 12) == date(2025, 12, 7)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 24) == date(2024, 1, 15)


async def test_each_kind_goes_when_its_time_is_up_and_only_once_a_day(harness: Harness) -> None:
    db = harness.services.db
    place = await constituencies.create(db, "a", "A", "A")
    old_day, recent_day = date(2025, 11, 20), date(2025, 12, 20)
    await view_store.add_many(
        db,
        [
            view_store.NewView(place, None, "en", "an old view", old_day),
            view_store.NewView(place, None, "cy", "barn ddiweddar", recent_day),
        ],
    )
    member = await members.create(db, 4242, 4242, "en")
    batch = await delivery.enqueue(
        db, kind="digest", messages=[delivery.Outgoing(member.chat_id, "hello", member.id)]
    )
    await db.execute(
        "UPDATE deliveries SET status = 'sent', updated_at = ? WHERE batch_id = ?",
        (to_db(NOW - timedelta(days=31)), batch),
    )
    old_link, _ = await invites.create(db, role="member", constituency_id=place, created_by=None)
    await db.execute(
        "UPDATE invites SET expires_at = ? WHERE id = ?",
        (to_db(NOW - timedelta(days=31)), old_link.id),
    )
    fresh_link, _ = await invites.create(db, role="member", constituency_id=place, created_by=None)
    await audit.record(db, None, "constituency.created", network=place)
    await db.execute("UPDATE audit_log SET at = ?", (to_db(NOW - timedelta(days=800)),))
    await audit.record(db, None, "constituency.renamed", network=place)

    await clock.run_due(harness.services, NOW)  # the tick runs it

    texts = [v.text for v in await view_store.between(db, place, date(2020, 1, 1), NOW.date())]
    assert texts == ["barn ddiweddar"]
    assert await db.scalar("SELECT COUNT(*) FROM deliveries WHERE batch_id = ?", (batch,)) == 0
    assert await invites.get(db, old_link.id) is None
    assert await invites.get(db, fresh_link.id) is not None
    assert [e.action for e in await audit.latest(db)] == ["constituency.renamed"]
    assert await db.scalar("SELECT last_day FROM housekeeping WHERE task = 'retention'") == (
        "2026-12-07"
    )
    # Later the same day nothing runs again; the next day it does.
    await view_store.add_many(db, [view_store.NewView(place, None, "en", "x", old_day)])
    await clock.run_due(harness.services, NOW + timedelta(hours=5))
    assert await db.scalar("SELECT COUNT(*) FROM views") == 2
    await clock.run_due(harness.services, NOW + timedelta(days=1))
    assert await db.scalar("SELECT COUNT(*) FROM views") == 1


async def test_a_link_whose_maker_lost_the_role_stops_working(harness: Harness) -> None:
    """A coordinator named only in CYDLAIS_COORDINATORS, and then taken out of it."""
    db = harness.services.db
    maker = await members.create(db, 31337, 31337, "en")
    link, token = await invites.create(
        db, role="coordinator", constituency_id=None, created_by=maker.id
    )
    await clock.run_due(harness.services, datetime.now(UTC))
    assert (await invites.find(db, token)) is not None
    found = await invites.get(db, link.id)
    assert found is not None and found.revoked
    [entry] = [e for e in await audit.latest(db) if e.action == "invite.revoked"]
    assert audit_words.details(entry) == {
        "invite": link.id,
        "maker": maker.id,
        "reason": "maker_lost_role",
    }
