"""Confirming who came to a meeting: its organiser (or a coordinator), after it started.

The list is every representative of the meeting's networks, by the name members see: never
who replied "I'll be there" (organisers see replies only as counts, through the counting
rule). Each press ticks or unticks one; the record counts the meetings ticked.
"""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.handlers.involvement.common import (
    ATTENDING,
    CHOOSING,
    AttendanceButton,
    may_confirm,
    rep_id,
    show,
)
from bot.i18n import N_
from bot.representatives import shown_name
from bot.storage import audit, constituencies
from bot.storage import involvement as store
from bot.storage import meetings as meeting_store
from bot.storage import representatives as rep_store
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column


async def _meeting(context: Context, meeting_id: int | None) -> Meeting | None:
    if meeting_id is None or meeting_id not in await may_confirm(context):
        return None
    return await meeting_store.get(context.db, meeting_id)


async def choose_meeting(update: Update, context: Context) -> None:
    tr = context.tr
    rows: list[ButtonSpec] = []
    for meeting_id in await may_confirm(context):
        meeting = await meeting_store.get(context.db, meeting_id)
        if meeting is not None and meeting.starts_at is not None:
            label = tr.gettext("{title}, {date}").format(
                title=meeting.title(tr.lang), date=tr.date(meeting.starts_at)
            )
            rows.append((label, AttendanceButton("meeting", meeting.id).pack()))
    await steps.ask(context, CHOOSING)
    if not rows:
        await answer_with(
            update,
            context,
            tr.gettext("There is no meeting of yours from the last 90 days to confirm."),
        )
        return
    await answer_with(update, context, tr.gettext("Who came to which meeting?"), column(rows))


async def _candidates(context: Context, meeting: Meeting) -> list[tuple[int, str]]:
    """(member id, label) for every representative of the meeting's networks, once each."""
    tr = context.tr
    found: dict[int, str] = {}
    for network_id in meeting.network_ids:
        place = await constituencies.get(context.db, network_id)
        for rep in await rep_store.of_constituency(context.db, network_id):
            if rep.member_id not in found:
                where = place.name(tr.lang) if place else ""
                found[rep.member_id] = f"{shown_name(tr, rep)} ({where})"
    return list(found.items())


async def show_meeting(update: Update, context: Context, meeting: Meeting) -> None:
    tr = context.tr
    assert meeting.starts_at is not None
    came = await store.attended(context.db, meeting.id)
    rows: list[ButtonSpec] = [
        (("✓ " if member_id in came else "") + label,
         AttendanceButton("toggle", meeting.id, member_id).pack())
        for member_id, label in await _candidates(context, meeting)
    ]  # fmt: skip
    rows.append(
        (tr.gettext("That's everyone who came"), AttendanceButton("done", meeting.id).pack())
    )
    await steps.ask(context, ATTENDING, {"meeting": meeting.id})
    await answer_with(
        update,
        context,
        tr.gettext(
            "Who came to “{title}” on {date}? Press each representative who was there (press "
            "again to take it back). It counts towards their involvement on record."
        ).format(title=esc(meeting.title(tr.lang)), date=tr.date(meeting.starts_at)),
        column(rows),
    )


@requires(Role.REPRESENTATIVE, private=True)
async def attendance_pressed(update: Update, context: Context, data: AttendanceButton) -> None:
    """Choose a meeting you organised (or any, as a coordinator), then tick who came."""
    if data.action == "list":
        await choose_meeting(update, context)
        return
    meeting = await _meeting(context, data.meeting)
    waiting = await steps.current(context)
    if meeting is None:
        await finished(update, context, N_("To see your record, send /involvement."))
        return
    if data.action == "meeting":
        await show_meeting(update, context, meeting)
        return
    if (
        waiting is None
        or waiting.kind is not ATTENDING
        or waiting.data.get("meeting") != meeting.id
    ):
        await finished(update, context, N_("To see your record, send /involvement."))
        return
    if data.action == "toggle" and data.member is not None:
        candidates = {member_id for member_id, _ in await _candidates(context, meeting)}
        came = await store.attended(context.db, meeting.id)
        if data.member in candidates or data.member in came:
            await store.set_attended(
                context.db, meeting.id, data.member, rep_id(context), data.member not in came
            )
        await show_meeting(update, context, meeting)
    elif data.action == "done":
        await audit.record(context.db, rep_id(context), "meeting.attendance", meeting=meeting.id)
        await steps.done(context)
        await show(update, context, context.tr.gettext("Thank you: attendance is recorded."))
    else:
        await finished(update, context)
