"""Closing a poll: counts kept, every per-member record destroyed; then its results.

`close` runs in one transaction: the poll is marked closed with the number who answered,
each option's count is written, an open question's answers join the network's views (in
random order, with random ids, dated the day it closed), every `poll_answers` row of the
poll is deleted, and edits are queued that take the buttons and the reader's answer off
every poll message the bot sent. Then the poll's secret is destroyed and the write-ahead
log emptied (it would otherwise still hold the deleted rows' pages). `queue_results`
renders the results (charts off the event loop) and queues them, marking them queued in
the same transaction, so a restart between the two sends them once, late, not never.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from bot import delivery
from bot.broadcasts import place_names
from bot.context import Services
from bot.delivery import Outgoing
from bot.i18n import LANGS, Lang, translator
from bot.polls import messages, results, voters
from bot.polls.opening import label
from bot.storage import Database, audit, poll_messages, poll_readers
from bot.storage import poll_answers as answers
from bot.storage import polls as store
from bot.storage import views as view_store
from bot.storage.poll_readers import Reader
from bot.storage.polls import Poll
from bot.storage.views import NewView
from bot.tg.text import esc

if TYPE_CHECKING:
    from bot.domain.charts import Chart

log = logging.getLogger("cydlais.polls")


async def close(
    services: Services, poll_id: int, now: datetime, *, early: bool, closed_by: int | None = None
) -> bool:
    """Close an open poll; False if it was not open (closed already, or never opened)."""
    db = services.db
    poll = await store.get(db, poll_id)
    if poll is None or poll.status != "open":
        return False
    day = now.astimezone(services.settings.timezone).date()
    texts = await _closed_texts(db, poll, services)
    async with db.transaction() as tx:
        tally = await answers.tally(tx, poll.id, len(poll.options))
        if not await store.mark_closed(tx, poll.id, now, early=early, answered=tally.answered):
            return False
        await store.set_votes(tx, poll.id, tally.votes)
        written = results.shuffled(tally.open_answers)
        await view_store.insert_in(
            tx,
            [NewView(a.constituency_id, None, a.language, a.text, day, poll.id) for a in written],
        )
        await answers.delete_all(tx, poll.id)
        edits = [
            Outgoing(chat, texts[lang], member, edit_of=message)
            for chat, member, message, lang in await poll_messages.messages_to_close(
                tx, poll.id, label(poll)
            )
        ]
        if edits:
            # Urgent: an edit makes no sound, and should not wait out quiet hours.
            await delivery.enqueue_in(
                tx, kind="poll.closed", messages=edits, urgent=True, label=label(poll)
            )
        await poll_messages.forget_messages(tx, poll.id, label(poll))
        if early:
            await audit.record(tx, closed_by, "poll.closed", poll=poll.id)
    await voters.forget(services, poll)
    await view_store.forget_write_order(db)
    log.info("poll %d closed", poll.id)
    return True


async def _closed_texts(db: Database, poll: Poll, services: Services) -> dict[Lang, str]:
    found: dict[Lang, str] = {}
    for lang in LANGS:
        tr = translator(lang, services.settings.timezone)
        found[lang] = messages.closed_text(tr, poll, await place_names(db, poll.networks, lang))
    return found


async def queue_results(services: Services, poll_id: int, now: datetime) -> bool:
    """Queue a closed poll's results to its readers, once; True if anything was queued."""
    db = services.db
    poll = await store.get(db, poll_id)
    if poll is None or poll.status != "closed" or poll.results_at is not None:
        return False
    settings = services.settings
    readers = await _readers(db, poll)
    wanted = {lang for reader, _ in readers for lang in [reader.language]}
    rendered: dict[tuple[Lang, bool], list[Outgoing]] = {}
    open_answers = []
    if poll.kind == "open":
        open_answers = [v.text for v in await view_store.of_poll(db, poll.id)]
    for lang in LANGS:
        if lang not in wanted:
            continue
        tr = translator(lang, settings.timezone)
        places = await place_names(db, poll.networks, lang)
        chart: Chart | None = await asyncio.to_thread(results.chart, tr, poll, settings.min_group)
        document = results.csv_document(tr, poll, settings.min_group)
        for for_members in (False, True):
            body = results.text(
                tr,
                poll,
                places,
                settings.min_group,
                for_members=for_members,
                answers=None if for_members else results.shuffled(open_answers),
            )
            parts = [Outgoing(0, body)]
            if chart is not None:
                parts.append(Outgoing(0, "", photo=("results.png", chart.png), caption=_alt(chart)))
            if document is not None and not for_members:
                parts.append(Outgoing(0, "", document=document))
            rendered[(lang, for_members)] = parts
    outgoing = [
        Outgoing(
            reader.chat_id,
            part.text,
            reader.member_id,
            document=part.document,
            photo=part.photo,
            caption=part.caption,
        )
        for reader, for_members in readers
        for part in rendered[(reader.language, for_members)]
    ]
    async with db.transaction() as tx:
        if not await store.mark_results(tx, poll.id, now):
            return False
        if outgoing:
            await delivery.enqueue_in(tx, kind="poll.results", messages=outgoing, label=label(poll))
    return bool(outgoing)


def _alt(chart: Chart) -> str:
    return esc(chart.alt)


async def _readers(db: Database, poll: Poll) -> list[tuple[Reader, bool]]:
    """The author and the networks' representatives (results), then, if the author chose,
    the networks' members ("You said…"); each person once."""
    found: dict[int, tuple[Reader, bool]] = {}
    author = await poll_readers.reader(db, poll.author_id)
    if author is not None:
        found[author.member_id] = (author, False)
    for rep in await poll_readers.representatives_of(db, poll.networks):
        found.setdefault(rep.member_id, (rep, False))
    if poll.share:
        for member in await poll_readers.members_of(db, poll.networks):
            found.setdefault(member.member_id, (member, True))
    return list(found.values())
