"""A member's side: /meetings, their reply to a meeting, its papers, and reminders off or on.

Every press names a meeting in its callback_data: it is re-read, and the presser must be in
one of its networks. A reply is the member's own record (not anonymous); organisers see only
counts.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_
from bot.meetings import texts
from bot.meetings.buttons import (
    MuteButton,
    PapersButton,
    Reminders,
    RsvpButton,
    answer_label,
    member_keyboard,
)
from bot.meetings.outgoing import details
from bot.storage import meetings, rsvps
from bot.storage import reminders as store
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting
from bot.storage.rsvps import Answer
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply, tell

SHOWN = 5
GONE = N_("That meeting has been cancelled.")
STARTED = N_("That meeting has already started, so replies are closed.")
NOT_INVITED = N_("That meeting is for the members of other networks.")
THANKS: dict[Answer, str] = {
    "yes": N_("Thank you: you'll be there."),
    "no": N_("Thank you: you can't come this time."),
    "maybe": N_("Thank you: you're not sure yet. You can change your answer until it starts."),
}


@requires(Role.MEMBER, private=True)
async def meetings_command(update: Update, context: Context) -> None:
    """/meetings (/cyfarfodydd): coming meetings of my networks, my replies, their papers."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    db = context.db
    coming = (await meetings.of_member(db, member.id, utcnow()))[:SHOWN]
    muted = await store.muted(db, member.id)
    answers = await rsvps.answers_of(db, member.id, [m.id for m in coming])
    if not coming:
        await reply(
            update, context, tr.gettext("There are no meetings coming up for your networks.")
        )
    for meeting in coming:
        d = await details(db, meeting)
        answer = answers.get(meeting.id)
        lines = [texts.details_text(tr, d), ""]
        lines.append(
            tr.gettext("Your answer: {answer}").format(answer=answer_label(tr, answer))
            if answer
            else tr.gettext("You haven't said yet whether you can come.")
        )
        markup = member_keyboard(
            tr,
            meeting.id,
            answer,
            papers=len(d.papers),
            reminders=_reminders(muted, meeting.id),
            suggest=True,
        )
        await reply(update, context, "\n".join(lines), markup)
    if muted.everything:
        text = tr.gettext("Meeting reminders are off for every meeting.")
        toggle = (tr.gettext("Turn meeting reminders back on"), MuteButton(None, False).pack())
    else:
        text = tr.gettext("Meeting reminders are on.")
        toggle = (tr.gettext("Turn off reminders for every meeting"), MuteButton(None, True).pack())
    await reply(update, context, text, column([toggle]))


async def _invited(update: Update, context: Context, meeting_id: int) -> Meeting | None:
    """The meeting, if it is still on and the presser is in one of its networks."""
    member = context.visit.member
    assert member is not None
    meeting = await meetings.get(context.db, meeting_id)
    if meeting is None or meeting.status == "draft":
        await finished(update, context)
        return None
    if meeting.status == "cancelled":
        await tell(update, context, context.tr.gettext(GONE))
        return None
    if not await store.invited(context.db, meeting.id, member.id):
        await tell(update, context, context.tr.gettext(NOT_INVITED))
        return None
    return meeting


def _reminders(muted: store.Muted, meeting_id: int) -> Reminders:
    """What the per-meeting reminder button offers: off, on again, or nothing (all are off)."""
    if muted.everything:
        return None
    return "off" if meeting_id in muted.meetings else "on"


@requires(Role.MEMBER)
async def rsvp_pressed(update: Update, context: Context, data: RsvpButton) -> None:
    """I'll be there / I can't come / Not sure yet: recorded, and ticked on the buttons."""
    query = update.callback_query
    member = context.visit.member
    assert query is not None
    assert member is not None
    meeting = await _invited(update, context, data.meeting)
    if meeting is None:
        return
    tr = context.tr
    assert meeting.starts_at is not None
    if meeting.starts_at <= utcnow():
        await tell(update, context, tr.gettext(STARTED))
        return
    await rsvps.answer(context.db, meeting.id, member.id, data.answer)
    await query.answer(tr.gettext(THANKS[data.answer]))
    message = query.message if isinstance(query.message, Message) else None
    if message is None:
        return
    await _refresh(context, message, meeting, data.answer)


async def _refresh(
    context: Context, message: Message, meeting: Meeting, answer: Answer | None
) -> None:
    """The pressed message's buttons as they now are (its answer ticked, reminders on or off)."""
    member = context.visit.member
    assert member is not None
    papers = len(await meetings.papers(context.db, meeting.id))
    muted = await store.muted(context.db, member.id)
    markup = member_keyboard(
        context.tr, meeting.id, answer, papers=papers, reminders=_reminders(muted, meeting.id)
    )
    try:
        await message.edit_reply_markup(markup)
    except BadRequest:  # the same as before (a second tap), or too old to edit
        return


@requires(Role.MEMBER)
async def mute_pressed(update: Update, context: Context, data: MuteButton) -> None:
    """Reminders off or on again: for one meeting, or for every meeting."""
    query = update.callback_query
    member = context.visit.member
    assert query is not None
    assert member is not None
    tr = context.tr
    if data.meeting is not None and await _invited(update, context, data.meeting) is None:
        return
    if data.off:
        await store.mute(context.db, member.id, data.meeting)
    else:
        await store.unmute(context.db, member.id, data.meeting)
    if data.meeting is None:
        text = (
            tr.gettext("Done: no more meeting reminders. To have them again, send /meetings.")
            if data.off
            else tr.gettext("Done: meeting reminders are on again.")
        )
        toggle = (
            (tr.gettext("Turn meeting reminders back on"), MuteButton(None, False).pack())
            if data.off
            else (tr.gettext("Turn off reminders for every meeting"), MuteButton(None, True).pack())
        )
        # A second press (a double tap, an older copy) leaves the message as it is: Telegram
        # refuses an edit that changes nothing, and `answer_with` expects that.
        await answer_with(update, context, text, column([toggle]))
        return
    await query.answer(
        tr.gettext("Done: no more reminders about this meeting.")
        if data.off
        else tr.gettext("Done: you'll be reminded about this meeting again.")
    )
    message = query.message if isinstance(query.message, Message) else None
    if message is not None:
        answer = await rsvps.answer_of(context.db, data.meeting, member.id)
        meeting = await meetings.get(context.db, data.meeting)
        assert meeting is not None
        await _refresh(context, message, meeting, answer)


@requires(Role.MEMBER)
async def papers_pressed(update: Update, context: Context, data: PapersButton) -> None:
    """Send the meeting's papers here, now."""
    query = update.callback_query
    assert query is not None
    meeting = await _invited(update, context, data.meeting)
    if meeting is None:
        return
    await query.answer()
    tr = context.tr
    d = await details(context.db, meeting)
    for paper in d.papers:
        await context.bot.send_document(
            context.visit.chat_id,
            paper.file_id,
            caption=texts.paper_caption(tr, d, paper.file_name, late=False),
        )
    if not d.papers:
        await reply(
            update,
            context,
            tr.gettext("There are no papers for “{title}” yet.").format(
                title=esc(meeting.title(tr.lang))
            ),
        )
