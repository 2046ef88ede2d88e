"""What the agenda-suggestion journey's parts share: its button, its questions, its checks."""

from __future__ import annotations

from telegram import Update

from bot import suggestions
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_
from bot.meetings import texts
from bot.storage import meetings
from bot.storage import reminders as invited
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.text import esc
from bot.tg.ui import tell

CHOOSING = steps.kind(
    "suggest.choose",
    Role.MEMBER,
    hint=N_("Please choose with the buttons above, or send /suggest to start again."),
)
# The topic's words are held in memory only, like a view's, until they are sent.
WRITING = steps.kind("suggest.writing", Role.MEMBER, memory=True)
PREVIEW = steps.kind(
    "suggest.preview",
    Role.MEMBER,
    buttons=(N_("Send anonymously"), N_("Edit"), N_("Cancel")),
    memory=True,
)
CLOSED = N_("That meeting has started or been cancelled, so its agenda is closed.")
NOT_YOURS = N_("That meeting is for the members of other networks.")
NO_DRAFT = N_(
    "This topic is no longer being written: drafts are deleted after 15 minutes, or when they "
    "are sent or cancelled. Send /suggest to start again."
)


def heading(context: Context, meeting: Meeting) -> str:
    tr = context.tr
    assert meeting.starts_at is not None
    return f"<b>{esc(meeting.title(tr.lang))}</b>\n{texts.when(tr, meeting.starts_at)}"


async def open_meeting(update: Update, context: Context, meeting_id: int | None) -> Meeting | None:
    """A meeting still taking suggestions that the presser is invited to, or a word and None."""
    member = context.visit.member
    assert member is not None
    meeting = await meetings.get(context.db, meeting_id) if meeting_id else None
    if meeting is None or meeting.status == "draft":
        await tell(update, context, context.tr.gettext(CLOSED))
        return None
    if not suggestions.open_for(meeting, utcnow()):
        await tell(update, context, context.tr.gettext(CLOSED))
        return None
    speaks = suggestions.may_rank(context.visit.access, meeting)
    if not speaks and not await invited.invited(context.db, meeting.id, member.id):
        await tell(update, context, context.tr.gettext(NOT_YOURS))
        return None
    return meeting
