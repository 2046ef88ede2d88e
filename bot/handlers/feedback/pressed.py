"""Every button of the view journey: the draft and the member's networks are re-checked."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.handlers.feedback.common import (
    GROUP_REFUSAL,
    NO_DRAFT,
    PLACE,
    PREVIEW,
    STAGES,
    TOPIC,
    WRITING,
    ViewButton,
    cancel_button,
    draft_of,
)
from bot.handlers.feedback.preview import send_view, show_preview
from bot.handlers.feedback.writing import ask_for_text, choose_topic
from bot.storage import constituencies
from bot.storage import topics as topic_store
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.ui import answer_with, clear_buttons, keyboard, reply, tell


@requires(Role.MEMBER)
async def view_pressed(update: Update, context: Context, data: ViewButton) -> None:
    """Every button of the view journey; the draft and the member's networks are re-checked."""
    query = update.callback_query
    assert query is not None
    member = context.visit.member
    assert member is not None
    tr = context.tr
    if not context.visit.private:
        await tell(update, context, tr.gettext(GROUP_REFUSAL))
        return
    waiting = await steps.expecting(context, *STAGES)
    draft = draft_of(waiting) if waiting is not None else None
    if waiting is None or draft is None:
        await finished(update, context, NO_DRAFT)
        return
    steps.touch(context)
    if data.action == "cancel":
        await steps.done(context)
        await answer_with(
            update, context, tr.gettext("Cancelled. Your draft is deleted and nothing was sent.")
        )
    elif data.action == "network":
        mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
        if data.id not in mine:
            await query.answer(tr.gettext("You are not a member of that network."), show_alert=True)
        elif waiting.kind is not PLACE:
            await finished(update, context)  # a button from an earlier step of this draft
        else:
            await choose_topic(update, context, draft, data.id)
    elif data.action == "topic" and data.id is not None:
        topic = await topic_store.get(context.db, data.id) if data.id else None
        if data.id and (
            topic is None or not topic.open or topic.constituency_id != draft.constituency_id
        ):
            await query.answer(tr.gettext("That topic is closed now."), show_alert=True)
        elif waiting.kind is not TOPIC:
            await finished(update, context)
        else:
            draft.topic_id = topic.id if topic else None
            await ask_for_text(update, context, draft)
    elif data.action == "edit" and waiting.kind is PREVIEW:
        await query.answer()
        await clear_buttons(update)
        draft.text = None
        await steps.ask(context, WRITING, payload=draft)
        await reply(
            update,
            context,
            tr.gettext(
                "Send your view again, as you would like it to read. You can copy your words "
                "from the preview above."
            ),
            keyboard([cancel_button(tr)]),
        )
    elif data.action == "lang" and waiting.kind is PREVIEW:
        draft.lang = "en" if draft.lang == "cy" else "cy"
        await show_preview(update, context, draft)
    elif data.action == "send" and waiting.kind is PREVIEW:
        await send_view(update, context, draft)
    elif data.action == "anyway" and waiting.kind is PREVIEW:
        await send_view(update, context, draft, knowingly=True)
    else:  # a button from an earlier step of this draft
        await finished(update, context)
