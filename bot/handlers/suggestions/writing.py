"""Writing a topic for the agenda: the words, what others will see, and sending it.

The draft (`bot.suggestions.Draft`) is held in the member's memory slot only, like a view's:
never in the database or a log until "Send anonymously"; then only its redacted text is kept.
"""

from __future__ import annotations

from telegram import Update

from bot import suggestions
from bot.context import Context
from bot.domain import safety
from bot.domain.redaction import redact
from bot.handlers.suggestions.common import (
    CLOSED,
    NO_DRAFT,
    PREVIEW,
    WRITING,
    heading,
    open_meeting,
)
from bot.handlers.suggestions.members import show_topics
from bot.meetings.buttons import SuggestButton
from bot.storage import meetings
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import answer_with, keyboard, reply, tell
from bot.views import language_of


async def start_writing(update: Update, context: Context, meeting: Meeting) -> None:
    member = context.visit.member
    assert member is not None
    tr = context.tr
    if await suggestions.left(context.services, member, meeting) <= 0:
        await tell(
            update,
            context,
            tr.ngettext(
                "You have suggested {n} topic for this meeting, the most one person can.",
                "You have suggested {n} topics for this meeting, the most one person can.",
                suggestions.PER_MEETING,
            ).format(n=suggestions.PER_MEETING),
        )
        return
    draft = suggestions.Draft(meeting.id, tr.lang)
    await steps.ask(context, WRITING, payload=draft)
    await answer_with(
        update,
        context,
        heading(context, meeting)
        + "\n\n"
        + tr.gettext(
            "Write the topic you'd like discussed, in Welsh or English, in one message. Please "
            "leave out names and contact details: I take out phone numbers, e-mail addresses and "
            "the like anyway. Nobody will see who suggested it, and nothing is sent until you "
            "have seen it and pressed “Send anonymously”."
        ),
        keyboard([(tr.gettext("Cancel"), SuggestButton("cancel").pack())]),
    )


def _draft(waiting: steps.Waiting | None) -> suggestions.Draft | None:
    if waiting is None or not isinstance(waiting.payload, suggestions.Draft):
        return None
    return waiting.payload


@steps.takes_text(WRITING)
async def topic_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The topic's words: checked, then shown as others will see them. Never stored yet."""
    draft = _draft(waiting)
    message = update.effective_message
    if draft is None or message is None:
        return
    tr = context.tr
    steps.touch(context)
    text = (message.text or "").strip()
    if not suggestions.MIN_LENGTH <= len(text) <= suggestions.MAX_LENGTH:
        await reply(
            update,
            context,
            tr.gettext(
                "Please write the topic in {min} to {max} characters, or press Cancel."
            ).format(min=suggestions.MIN_LENGTH, max=suggestions.MAX_LENGTH),
        )
        return
    draft.text = text
    draft.lang = await language_of(text)
    if safety.suggests_crisis(text):
        opening = tr.gettext(
            "It sounds as if things may be very hard for you right now. Thank you for telling "
            "us. Topics for a meeting are <b>not read in real time</b>, so nobody will see "
            "this straight away. If you need support now, you can contact any of these:"
        )
        await reply(update, context, safety.support_message(tr, opening=opening))
    await show_preview(update, context, draft)


async def show_preview(update: Update, context: Context, draft: suggestions.Draft) -> None:
    tr = context.tr
    assert draft.text is not None
    meeting = await meetings.get(context.db, draft.meeting_id)
    if meeting is None:
        await steps.done(context)
        await reply(update, context, tr.gettext(CLOSED))
        return
    redacted = redact(draft.text, draft.lang)
    language = tr.language(draft.lang)
    lines = [
        tr.gettext(
            "<b>This is exactly what others in your network will see.</b> It does not show who "
            "you are."
        ),
        "",
        heading(context, meeting),
        tr.gettext("Language: {language}").format(language=language),
        "",
        f"<blockquote>{esc(redacted.text)}</blockquote>",
    ]
    if redacted.removed:
        lines += ["", tr.gettext("I took out some personal details: they show in [brackets].")]
    other = (
        tr.gettext("It's written in English")
        if draft.lang == "cy"
        else tr.gettext("It's written in Welsh")
    )
    await steps.ask(context, PREVIEW, payload=draft)
    await answer_with(
        update,
        context,
        "\n".join(lines),
        keyboard(
            [(tr.gettext("Send anonymously"), SuggestButton("send").pack())],
            [(tr.gettext("Edit"), SuggestButton("edit").pack())],
            [(tr.gettext("Cancel"), SuggestButton("cancel").pack())],
            [(other, SuggestButton("lang").pack())],
        ),
    )


async def draft_pressed(update: Update, context: Context, data: SuggestButton) -> None:
    """Send, edit, cancel or change the language of the topic being written."""
    waiting = await steps.expecting(context, WRITING, PREVIEW)
    draft = _draft(waiting)
    tr = context.tr
    if waiting is None or draft is None:
        await finished(update, context, NO_DRAFT)
        return
    steps.touch(context)
    if data.action == "cancel":
        await steps.done(context)
        await answer_with(
            update, context, tr.gettext("Cancelled. Your topic is deleted and nothing was sent.")
        )
    elif data.action == "edit" and waiting.kind is PREVIEW:
        draft.text = None
        await steps.ask(context, WRITING, payload=draft)
        await answer_with(
            update,
            context,
            tr.gettext("Send the topic again, as you would like it to read."),
            keyboard([(tr.gettext("Cancel"), SuggestButton("cancel").pack())]),
        )
    elif data.action == "lang" and waiting.kind is PREVIEW:
        draft.lang = "en" if draft.lang == "cy" else "cy"
        await show_preview(update, context, draft)
    elif data.action == "send" and waiting.kind is PREVIEW:
        await _send(update, context, draft)
    else:
        await finished(update, context)


async def _send(update: Update, context: Context, draft: suggestions.Draft) -> None:
    member = context.visit.member
    assert member is not None
    tr = context.tr
    meeting = await open_meeting(update, context, draft.meeting_id)
    if meeting is None:
        await steps.done(context)
        return
    try:
        stored = await suggestions.suggest(context.services, member, meeting, draft)
    except suggestions.Closed:
        stored = None
    await steps.done(context)
    if stored is None:
        await answer_with(
            update,
            context,
            tr.gettext(
                "That topic was not sent: the meeting's agenda has closed, or you have suggested as many as one person can."
            ),
        )
        return
    await show_topics(
        update,
        context,
        meeting,
        tr.gettext(
            "Thank you: your topic is on the list, anonymously. Others in your network can now "
            "support it; the organiser and the representatives see the most supported first."
        ),
    )
