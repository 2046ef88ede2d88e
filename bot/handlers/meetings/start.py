"""/meeting (/cyfarfod): plan a new meeting, or choose one to manage; then its networks."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.handlers.meetings.asks import ask_title
from bot.handlers.meetings.common import (
    CHOOSING,
    MeetingButton,
    button,
    cancel_draft,
    open_meeting,
)
from bot.meetings.plan import may_manage
from bot.storage import meetings
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting, OrganiserRole
from bot.tg import steps
from bot.tg.acting_for import places_for
from bot.tg.auth import deny, requires
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply

LISTED = 8


@requires(Role.REPRESENTATIVE, private=True)
async def meeting_command(update: Update, context: Context) -> None:
    """/meeting (/cyfarfod): plan a meeting, or add papers to, change or cancel one of yours."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    access = context.visit.access
    mine = [
        m for m in await meetings.upcoming(context.db, utcnow()) if may_manage(access, member.id, m)
    ][:LISTED]
    if not mine:
        await new_draft(update, context)
        return
    rows: list[ButtonSpec] = [(tr.gettext("Plan a new meeting"), button(0, "new"))]
    for m in mine:
        assert m.starts_at is not None
        label = f"{m.title(tr.lang)} · {tr.date(m.starts_at, 'EEE d MMM')}"
        rows.append((label[:60], button(m, "manage")))
    await steps.ask(context, CHOOSING)
    await reply(
        update,
        context,
        tr.gettext(
            "<b>Meetings</b>\nPlan a new meeting, or choose one to add papers, change or cancel it."
        ),
        column(rows),
    )


async def new_draft(update: Update, context: Context) -> None:
    """A new draft row; its networks first (the only one is chosen for you)."""
    member = context.visit.member
    assert member is not None
    access = context.visit.access
    role: OrganiserRole = "coordinator" if access.coordinator else "representative"
    meeting_id = await meetings.create_draft(
        context.db, member.id, role, context.settings.reminder_offsets
    )
    places = await places_for(context)
    if len(places) == 1:
        await meetings.set_networks(context.db, meeting_id, [places[0].id])
    meeting = await meetings.get(context.db, meeting_id)
    assert meeting is not None
    if len(places) == 1:
        await ask_title(update, context, meeting, "cy")
        return
    await show_networks(update, context, meeting)


async def show_networks(update: Update, context: Context, meeting: Meeting) -> None:
    tr = context.tr
    rows: list[ButtonSpec] = [
        (
            ("✓ " if p.id in meeting.network_ids else "") + p.name(tr.lang),
            button(meeting, "net", p.id),
        )
        for p in await places_for(context)
    ]
    if meeting.network_ids:
        rows.append((tr.gettext("I've finished choosing networks"), button(meeting, "nets")))
    rows.append(cancel_draft(tr, meeting))
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    await answer_with(
        update,
        context,
        tr.gettext(
            "<b>A new meeting</b>\nWhich networks is it for? Their members will get the "
            "reminders. Press each one, then the last button."
        ),
        column(rows),
    )


async def network_pressed(
    update: Update, context: Context, meeting: Meeting, data: MeetingButton
) -> None:
    if meeting.status != "draft":
        await finished(update, context)  # a meeting's networks are fixed once it is saved
        return
    if data.action == "nets":
        if meeting.network_ids:
            await ask_title(update, context, meeting, "cy")
        return
    network_id = int(data.value) if data.value and data.value.isdigit() else 0
    if not context.visit.access.speaks_for(network_id):
        await deny(update, context, Role.COORDINATOR)
        return
    await meetings.set_networks(context.db, meeting.id, set(meeting.network_ids) ^ {network_id})
    fresh = await open_meeting(update, context, meeting.id)
    if fresh is not None:
        await show_networks(update, context, fresh)


def heading(context: Context, meeting: Meeting) -> str:
    """The meeting's name in a question, once it has one."""
    title = meeting.title(context.tr.lang)
    return f"<b>{esc(title)}</b>\n" if title else ""
