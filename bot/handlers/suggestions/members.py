"""/suggest (/awgrymu): a member sees the topics suggested for a coming meeting, supports the
ones they want discussed, and suggests one of their own, anonymously."""

from __future__ import annotations

from telegram import Update

from bot import suggestions
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.domain.redaction import redact
from bot.handlers.suggestions.common import (
    CHOOSING,
    CLOSED,
    NO_DRAFT,
    PREVIEW,
    WRITING,
    heading,
    open_meeting,
)
from bot.i18n import Tr
from bot.meetings.buttons import SuggestButton
from bot.storage import meetings
from bot.storage import suggestions as store
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, keyboard, reply, tell
from bot.views import language_of

SHOWN = 10


@requires(Role.MEMBER, private=True)
async def suggest_command(update: Update, context: Context) -> None:
    """/suggest (/awgrymu): topics for a coming meeting of my networks."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    coming = await suggestions.coming(context.services, member, context.visit.access, utcnow())
    if not coming:
        await reply(
            update,
            context,
            tr.gettext(
                "There are no meetings coming up for your networks, so there is nothing to "
                "suggest a topic for yet. You'll hear when one is planned."
            ),
        )
        return
    if len(coming) == 1:
        await show_topics(update, context, coming[0])
        return
    await steps.ask(context, CHOOSING)
    rows = [(m.title(tr.lang), SuggestButton("meeting", m.id).pack()) for m in coming[:8]]
    await reply(
        update,
        context,
        tr.gettext("Which meeting would you like to suggest a topic for?"),
        column(rows),
    )


def _topic_line(tr: Tr, number: int, text: str, lang: str, on_agenda: bool) -> str:
    line = f"{number}. {esc(text)}"
    notes = []
    if lang != tr.lang:
        notes.append(
            tr.gettext("written in Welsh") if lang == "cy" else tr.gettext("written in English")
        )
    if on_agenda:
        notes.append(tr.gettext("on the agenda"))
    return line + (f" <i>({', '.join(notes)})</i>" if notes else "")


async def show_topics(update: Update, context: Context, meeting: Meeting, first: str = "") -> None:
    """The topics so far, in an order that says nothing about who came first, with a button
    to support each, and one to suggest another."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    services = context.services
    found = (await store.of_meeting(context.db, meeting.id))[:SHOWN]
    mine = await suggestions.supported(services, member, meeting, found)
    lines = [first, ""] if first else []
    lines.append(heading(context, meeting))
    lines.append("")
    if found:
        lines.append(
            tr.gettext(
                "Members suggested these topics. Support the ones you'd like discussed: one "
                "support each, and nobody can see who supports what."
            )
        )
        lines += [
            _topic_line(tr, n, s.text, s.language, s.on_agenda) for n, s in enumerate(found, 1)
        ]
    else:
        lines.append(tr.gettext("Nobody has suggested a topic for this meeting yet."))
    rows: list[ButtonSpec] = []
    for n, s in enumerate(found, 1):
        if s.on_agenda:
            continue
        label = (
            tr.gettext("✓ You support topic {n}")
            if s.id in mine
            else tr.gettext("I support topic {n}")
        )
        rows.append((label.format(n=n), SuggestButton("support", s.id).pack()))
    if await suggestions.left(services, member, meeting) > 0:
        rows.append((tr.gettext("Suggest a topic"), SuggestButton("new", meeting.id).pack()))
    if suggestions.may_rank(context.visit.access, meeting):
        rows.append(
            (
                tr.gettext("Most supported first (for representatives)"),
                SuggestButton("ranked", meeting.id).pack(),
            )
        )
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    await answer_with(update, context, "\n".join(lines), column(rows))


async def support_pressed(update: Update, context: Context, data: SuggestButton) -> None:
    member = context.visit.member
    query = update.callback_query
    assert member is not None
    assert query is not None
    suggestion = await store.get(context.db, data.id or 0)
    meeting = await open_meeting(update, context, suggestion.meeting_id if suggestion else None)
    if meeting is None or suggestion is None:
        return
    tr = context.tr
    try:
        added = await suggestions.support(context.services, member, meeting, suggestion)
    except suggestions.Closed:
        await tell(update, context, tr.gettext(CLOSED))
        return
    if not added:
        await tell(update, context, tr.gettext("You already support this topic: one support each."))
        return
    await show_topics(update, context, meeting, tr.gettext("Thank you: you support this topic."))


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
