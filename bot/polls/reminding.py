"""The reminder 24 hours before a poll closes, to those asked who have not answered."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot import delivery
from bot.broadcasts import place_names
from bot.context import Services
from bot.i18n import LANGS, Lang, Tr, translator
from bot.polls import messages, voters
from bot.polls.opening import label
from bot.storage import poll_answers as answers
from bot.storage import poll_readers
from bot.storage import polls as store
from bot.storage.polls import Poll


def reminder_text(tr: Tr, poll: Poll, places: list[str], min_group: int) -> str:
    assert poll.closes_at is not None
    head = tr.gettext(
        "⏰ A reminder: this poll closes on {when}, and you haven't answered it yet. Your "
        "answer counts as much as anyone's."
    ).format(when=tr.datetime(poll.closes_at))
    return head + "\n\n" + messages.asking_text(tr, poll, places, min_group)


async def remind(services: Services, poll_id: int, now: datetime) -> bool:
    """Queue the reminder once; True if anyone was reminded."""
    db = services.db
    poll = await store.get(db, poll_id)
    if poll is None or poll.status != "open" or not poll.remind or poll.reminded_at is not None:
        return False
    # Members now who were asked and have not answered: a late joiner has no tag row.
    people = await poll_readers.members_of(db, poll.networks)
    tags = await voters.tags(services, poll, [p.telegram_id for p in people])
    waiting = await answers.unanswered_among(db, poll.id, list(tags))
    reminded = {tags[t] for t in waiting}
    outgoing = []
    rendered: dict[Lang, tuple[str, InlineKeyboardMarkup]] = {}
    for lang in LANGS:
        tr = translator(lang, services.settings.timezone)
        places = await place_names(db, poll.networks, lang)
        rendered[lang] = (
            reminder_text(tr, poll, places, services.settings.min_group),
            messages.asking_keyboard(tr, poll),
        )
    for person in people:
        if person.telegram_id in reminded:
            text, markup = rendered[person.language]
            outgoing.append(
                delivery.Outgoing(person.chat_id, text, person.member_id, markup=markup)
            )
    async with db.transaction() as tx:
        if not await store.mark_reminded(tx, poll.id, now):
            return False
        if outgoing:
            await delivery.enqueue_in(
                tx, kind="poll.reminder", messages=outgoing, label=label(poll)
            )
    return bool(outgoing)
