"""A member answers: a press on their poll message records it and edits the message.

Every press is untrusted: the poll must exist and be open, the presser must have been
asked when it opened (their keyed tag is in its electorate), and the choice must be one
the poll has. The message is edited first: a press on a message that no longer exists
changes nothing. Presses of one member are handled one at a time, and the answer is one
row set by one statement, so a double tap (or two presses racing) leaves one answer.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.broadcasts import place_names
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_
from bot.polls import answering, messages
from bot.polls.buttons import PollButton
from bot.storage import poll_messages, polls
from bot.storage.db import utcnow
from bot.storage.poll_answers import Answer
from bot.storage.polls import Poll
from bot.tg.auth import requires
from bot.tg.ui import clear_buttons, reply, tell

NO_POLL = N_("I can't find that poll. Nothing was changed.")
PREVIEW_ONLY = N_("This is only a preview of the poll: pressing here counts for nothing.")
CLOSED = N_("This poll has closed, so answers can no longer be given or changed.")
NOT_ASKED = N_(
    "This poll was sent to the members of its networks when it opened, and you weren't one "
    "of them then, so it isn't yours to answer. Nothing was changed."
)
NOT_AN_OPTION = N_("That isn't one of this poll's answers. Nothing was changed.")
GONE = N_(
    "I can't find that poll message any more, so nothing was changed. Send /polls to see the "
    "polls waiting for your answer."
)
SAVED = N_("Thank you: your answer is saved. You can change it until the poll closes.")


async def checked(update: Update, context: Context, poll_id: int) -> tuple[Poll, Answer] | None:
    """The open poll and the presser's answer so far, or None after saying why not."""
    poll = await polls.get(context.db, poll_id)
    if poll is None or poll.status == "cancelled":
        await tell(update, context, context.tr.gettext(NO_POLL))
        return None
    if poll.status == "draft":
        await tell(update, context, context.tr.gettext(PREVIEW_ONLY))
        return None
    if not answering.is_open(poll, utcnow()):
        await tell(update, context, context.tr.gettext(CLOSED))
        await clear_buttons(update)
        return None
    current = await answering.current(context.services, poll, context.visit.telegram_id)
    if current is None:
        await tell(update, context, context.tr.gettext(NOT_ASKED))
        return None
    return poll, current


async def _places(context: Context, poll: Poll) -> list[str]:
    return await place_names(context.db, poll.networks, context.tr.lang)


async def edit(update: Update, context: Context, text: str, markup: InlineKeyboardMarkup) -> bool:
    """Show the new state on the pressed message; False (nothing changed) if it is gone."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    if not isinstance(query.message, Message):
        await tell(update, context, tr.gettext(GONE))
        return False
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            await tell(update, context, tr.gettext(GONE))
            return False
    return True


async def record(update: Update, context: Context, poll: Poll, choice: int) -> None:
    """Show the answer on the message, then record it (or say why it could not be)."""
    tr = context.tr
    places = await _places(context, poll)
    shown = messages.answered_text(
        tr, poll, places, context.settings.min_group, Answer(choice, None, None)
    )
    if not await edit(update, context, shown, messages.answered_keyboard(tr, poll)):
        return
    outcome = await answering.answer(
        context.services, poll, context.visit.telegram_id, choice, utcnow()
    )
    if outcome == "recorded":
        assert update.callback_query is not None
        await update.callback_query.answer(tr.gettext(SAVED))
        return
    if outcome == "closed":
        await tell(update, context, tr.gettext(CLOSED))
    else:
        await tell(update, context, tr.gettext(NOT_ASKED))
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(messages.closed_text(tr, poll, places))


@requires(Role.MEMBER)
async def poll_pressed(update: Update, context: Context, data: PollButton) -> None:
    """A member's press on a poll: an option, a tick, "Send my answer", "Change my answer"."""
    from bot.handlers.polls.writing import start_writing

    found = await checked(update, context, data.poll)
    if found is None:
        return
    poll, current = found
    tr = context.tr
    value = data.value if data.value is not None else -1
    options = len(poll.options)
    if data.action == "pick" and poll.kind == "single":
        if not 0 <= value < options:
            await tell(update, context, tr.gettext(NOT_AN_OPTION))
            return
        await record(update, context, poll, 1 << value)
    elif data.action == "toggle" and poll.kind == "multiple":
        if not 0 <= value < 1 << options:
            await tell(update, context, tr.gettext(NOT_AN_OPTION))
            return
        assert update.callback_query is not None
        await update.callback_query.answer()
        try:
            await update.callback_query.edit_message_reply_markup(
                messages.asking_keyboard(tr, poll, value)
            )
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                await reply(update, context, tr.gettext(GONE))
    elif data.action == "send" and poll.kind == "multiple":
        if not messages.valid(poll, value):
            await tell(update, context, tr.gettext(NOT_AN_OPTION))
            return
        await record(update, context, poll, value)
    elif data.action == "change":
        places = await _places(context, poll)
        text = messages.asking_text(tr, poll, places, context.settings.min_group)
        markup = messages.asking_keyboard(tr, poll, current.choice or 0)
        assert update.callback_query is not None
        if await edit(update, context, text, markup):
            await update.callback_query.answer()
    elif data.action == "write" and poll.kind == "open":
        await start_writing(update, context, poll)
    elif data.action == "show":
        await show(update, context, poll, current)
    else:
        await tell(update, context, tr.gettext(NOT_AN_OPTION))


async def show(update: Update, context: Context, poll: Poll, current: Answer) -> None:
    """Send the poll again (from /polls); it is edited like the others when the poll closes."""
    tr = context.tr
    member = context.visit.member
    assert member is not None
    places = await _places(context, poll)
    if current.choice is None:
        text = messages.asking_text(tr, poll, places, context.settings.min_group)
        markup = messages.asking_keyboard(tr, poll)
    else:
        text = messages.answered_text(tr, poll, places, context.settings.min_group, current)
        markup = messages.answered_keyboard(tr, poll)
    if update.callback_query is not None:
        await update.callback_query.answer()
    sent = await reply(update, context, text, markup)
    await poll_messages.add_message(context.db, poll.id, member.id, sent.chat_id, sent.message_id)
