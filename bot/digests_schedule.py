"""Scheduled digests: the database decides what is due; the delivery queue sends it.

The clock (`bot.tg.clock`) calls `run_due` at every tick. For each live constituency, the
latest scheduled moment (weekday and time in `settings.timezone`, default Monday 09:00) and
the first day not yet delivered decide whether a digest is owed and which days it covers
(`bot.domain.periods`: periods follow one another, each at least a week, so no day is
delivered twice, even when the day is changed). It goes to the constituency's
representatives (each in their language) and to its linked group chats, through
`bot.delivery`. The batch and the "sent" mark are written in one transaction, so a crash
never sends a digest twice and a restart after a missed Monday sends it late rather than
never. A period with no views sends nothing (there is nothing to act on) but is still
marked done.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from bot import delivery
from bot.config import Settings
from bot.digests import DigestData, csv_caption, csv_document, gather, render
from bot.domain.periods import Period, closing_day, due, period_of, previous, week_start
from bot.i18n import Lang, translator
from bot.storage import Database, constituencies, members, roles
from bot.storage import digests as digest_store
from bot.storage import views as view_store

log = logging.getLogger("cydlais.digests")
KEEP_REACH_DAYS = 28  # the current and the last period are all /digest can show: two of up
# to 13 days each (after a change of day), and a day to spare


class Rendered:
    """A digest's messages and file in each language, made once however many receive it."""

    def __init__(self, data: DigestData, settings: Settings) -> None:
        self.data = data
        self.settings = settings
        self._done: dict[Lang, tuple[list[str], tuple[str, bytes], str]] = {}

    def messages_for(
        self, chat_id: int, lang: Lang, member_id: int | None
    ) -> list[delivery.Outgoing]:
        if lang not in self._done:
            tr = translator(lang, self.settings.timezone)
            parts = render(self.data, tr, self.settings.min_group)
            self._done[lang] = (parts, csv_document(self.data, tr), csv_caption(tr))
        parts, document, caption = self._done[lang]
        out = [delivery.Outgoing(chat_id, part, member_id) for part in parts[:-1]]
        out.append(delivery.Outgoing(chat_id, parts[-1], member_id, document, caption=caption))
        return out


async def run_due(db: Database, settings: Settings, now: datetime) -> int:
    """Queue every digest that is owed at `now`; returns how many batches were queued."""
    local = now.astimezone(settings.timezone)
    queued = 0
    for schedule in await digest_store.schedules(db):
        period = due(local, schedule.weekday, schedule.at, schedule.open_from)
        if period is None:
            continue
        sent_on = period.last + timedelta(days=1)
        place = await constituencies.get(db, schedule.constituency_id)
        if place is None:
            continue
        data = await gather(
            db, place, period, minimum=settings.min_group, coordinators=settings.coordinators
        )
        messages: list[delivery.Outgoing] = []
        if data.views:
            rendered = Rendered(data, settings)
            for member_id in await roles.representatives_of(db, place.id):
                rep = await members.by_id(db, member_id)
                if rep is not None and rep.status == "active":
                    messages += rendered.messages_for(rep.chat_id, rep.language, rep.id)
            for group in await digest_store.groups_of(db, place.id):
                messages += rendered.messages_for(group.chat_id, group.language, None)
        async with db.transaction() as tx:
            if messages:
                await delivery.enqueue_in(
                    tx, kind="digest", messages=messages, label=f"{place.slug} {period.key}"
                )
                queued += 1
            await digest_store.mark_sent(tx, place.id, sent_on, period.first)
        if messages:
            log.info("digest queued for constituency %d: %d messages", place.id, len(messages))
    today = local.date()
    await view_store.purge_reach(db, (today - timedelta(days=KEEP_REACH_DAYS)).isoformat())
    await view_store.purge_quota(db, today)
    return queued


async def current_period(db: Database, constituency_id: int, today: date) -> Period:
    """The scheduled period that will deliver what is given today."""
    schedule = await digest_store.schedule(db, constituency_id)
    return period_of(today, schedule.weekday, schedule.open_from)


async def this_and_last(db: Database, constituency_id: int, today: date) -> tuple[Period, Period]:
    """The current period, and the one delivered before it: what /digest offers."""
    schedule = await digest_store.schedule(db, constituency_id)
    current = period_of(today, schedule.weekday, schedule.open_from)
    return current, previous(current, schedule.weekday, schedule.open_from, schedule.last_from)


async def change(
    db: Database, constituency_id: int, weekday: int, at: time, now: datetime
) -> tuple[date, Period]:
    """Save a new day and time (`now` local and aware); returns the day the next digest goes
    and the days it covers.

    The period under way keeps its first day (and its reach counts): before the network's
    first digest that day is pinned here, from the schedule as it was.
    """
    async with db.transaction() as tx:
        before = await digest_store.schedule(tx, constituency_id)
        if before.open_from is None:
            first = week_start(now.date(), before.weekday)
            await digest_store.pin_open_period(tx, constituency_id, first)
        await digest_store.set_schedule(tx, constituency_id, weekday, at)
        after = await digest_store.schedule(tx, constituency_id)
    assert after.open_from is not None  # pinned above, or set by a digest
    owed = due(now, weekday, at, after.open_from)
    if owed is not None:  # its moment has passed: it goes at the next tick
        return now.date(), owed
    goes = closing_day(after.open_from, weekday)
    return goes, Period(after.open_from, goes - timedelta(days=1))
