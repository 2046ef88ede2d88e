"""Scheduled digests: the database decides what is due; the delivery queue sends it.

A repeating job (`bot.handlers.digests`) calls `run_due` every minute. For each live
constituency, the latest scheduled moment (weekday and time in `settings.timezone`,
default Monday 09:00) is compared with the day of the last digest sent; if one is owed,
the digest of the digest week before it goes to the constituency's representatives (each
in their language) and to its linked group chats, through `bot.delivery`. The batch and
the "sent" mark are written in one transaction, so a crash never sends a digest twice and a
restart after a missed Monday sends it late rather than never. A week with no views sends
nothing (there is nothing to act on) but is still marked done.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import delivery
from bot.config import Settings
from bot.digests import DigestData, csv_caption, csv_document, due, gather, render
from bot.i18n import Lang, translator
from bot.storage import Database, constituencies, members, roles
from bot.storage import digests as digest_store
from bot.storage import views as view_store

log = logging.getLogger("cydlais.digests")
KEEP_REACH_DAYS = 21  # the current and the last digest week are all /digest can show


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
        period = due(local, schedule.weekday, schedule.at, schedule.last_sent_on)
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
            await digest_store.mark_sent(tx, place.id, sent_on)
        if messages:
            log.info("digest queued for constituency %d: %d messages", place.id, len(messages))
    today = local.date()
    await view_store.purge_reach(db, (today - timedelta(days=KEEP_REACH_DAYS)).isoformat())
    await view_store.purge_quota(db, today)
    return queued
