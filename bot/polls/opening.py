"""Opening a poll: who may ask whom, and fixing the electorate as the messages are queued."""

from __future__ import annotations

from datetime import datetime, tzinfo

from telegram import InlineKeyboardMarkup

from bot import delivery
from bot.broadcasts import place_names
from bot.context import Services
from bot.domain import polls as rules
from bot.domain.access import Access
from bot.i18n import LANGS, Lang, translator
from bot.polls import messages, voters
from bot.storage import Database, audit, poll_readers
from bot.storage import poll_answers as answers
from bot.storage import polls as store
from bot.storage.polls import Poll


class NotOpened(Exception):
    """The draft was opened (or cancelled) by an earlier press: the transaction rolls back."""


def may_ask(access: Access, poll: Poll) -> bool:
    """Representatives ask their own networks; coordinators any (checked on every press)."""
    return all(access.speaks_for(c) for c in poll.networks)


def ready(poll: Poll, now: datetime) -> bool:
    """Everything a member will read is written, in both languages, and the time is ahead."""
    if not poll.networks or poll.kind is None or poll.closes_at is None:
        return False
    if not poll.question_cy or not poll.question_en:
        return False
    if rules.check_closing(poll.closes_at, now) == "past":
        return False
    if poll.kind == "open":
        return True
    return len(poll.options) >= rules.MIN_OPTIONS and all(
        o.label_cy and o.label_en for o in poll.options
    )


async def rendered(
    db: Database, poll: Poll, min_group: int, tz: tzinfo
) -> dict[Lang, tuple[str, InlineKeyboardMarkup]]:
    """The message each language's members receive, with its buttons."""
    found: dict[Lang, tuple[str, InlineKeyboardMarkup]] = {}
    for lang in LANGS:
        tr = translator(lang, tz)
        places = await place_names(db, poll.networks, lang)
        found[lang] = (
            messages.asking_text(tr, poll, places, min_group),
            messages.asking_keyboard(tr, poll),
        )
    return found


async def open_poll(
    services: Services, poll: Poll, *, author_id: int, report_chat_id: int, report_lang: Lang
) -> int | None:
    """Fix the electorate (the networks' active members now), queue each one's message in
    their language and mark the poll open, in one transaction. Returns how many were
    asked, or None if nobody would be."""
    db = services.db
    people = await poll_readers.members_of(db, poll.networks)
    if not people:
        return None
    # Tags first: making the poll's secret writes a file, which is no work for a transaction.
    tags = await voters.tags(services, poll, [p.telegram_id for p in people])
    texts = await rendered(db, poll, services.settings.min_group, services.settings.timezone)
    outgoing = [
        delivery.Outgoing(p.chat_id, texts[p.language][0], p.member_id, markup=texts[p.language][1])
        for p in people
    ]
    async with db.transaction() as tx:
        if not await store.mark_open(tx, poll.id, len(people)):
            raise NotOpened(poll.id)
        await answers.add_electorate(tx, poll.id, list(tags))
        await delivery.enqueue_in(
            tx,
            kind="poll",
            messages=outgoing,
            created_by=author_id,
            report_chat_id=report_chat_id,
            report_lang=report_lang,
            label=label(poll),
        )
        await audit.record(
            tx, author_id, "poll.opened", poll=poll.id, kind=poll.kind, networks=list(poll.networks)
        )
    return len(people)


def label(poll: Poll) -> str:
    """The label of the poll's delivery batches (its message, its reminder)."""
    return f"poll {poll.id}"
