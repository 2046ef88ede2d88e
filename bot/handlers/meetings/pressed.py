"""Every button of the organiser's side: each press re-checks the meeting and the presser."""

from __future__ import annotations

from telegram import Update

import bot.handlers.meetings.asks as asks
import bot.handlers.meetings.screens as screens
from bot.context import Context
from bot.domain import reminders as rules
from bot.domain.access import Role
from bot.handlers.meetings.common import (
    AGENDA_CY,
    CONFIRM_CHANGE,
    PREVIEWING,
    MeetingButton,
    open_meeting,
)
from bot.handlers.meetings.details import no_agenda
from bot.handlers.meetings.flow import ask_detail
from bot.handlers.meetings.manage import apply_change, ask_cancel, cancelled, saved
from bot.handlers.meetings.papers import ask_papers, papers_done
from bot.handlers.meetings.start import network_pressed, new_draft
from bot.handlers.meetings.when import duration_pressed, when_pressed
from bot.handlers.suggestions.ranked import show_ranked
from bot.storage import meetings
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.ui import answer_with


@requires(Role.REPRESENTATIVE, private=True)
async def meeting_pressed(update: Update, context: Context, data: MeetingButton) -> None:
    """Planning, managing, changing or cancelling a meeting."""
    if data.action == "new":
        await new_draft(update, context)
        return
    meeting = await open_meeting(update, context, data.meeting)
    if meeting is None:
        return
    action = data.action
    if action in ("net", "nets"):
        await network_pressed(update, context, meeting, data)
    elif action in ("cal", "day", "time", "yes", "retype"):
        await when_pressed(update, context, meeting, data)
    elif action == "dur":
        await duration_pressed(update, context, meeting, data)
    elif action == "noagenda":
        if await steps.expecting(context, AGENDA_CY) is None:
            await finished(update, context)
        else:
            await no_agenda(update, context, meeting)
    elif action in ("off", "offs"):
        await _offsets(update, context, meeting, data)
    elif action == "detail":
        if data.value is None:
            await screens.detail_menu(update, context, meeting)
        else:
            await ask_detail(update, context, meeting, data.value)
    elif action == "save":
        await _save(update, context, meeting)
    elif action == "drop":
        await _drop(update, context, meeting)
    elif action == "manage":
        await screens.manage(update, context, meeting)
    elif action == "papers":
        await ask_papers(update, context, meeting)
    elif action == "pdone":
        await papers_done(update, context, meeting)
    elif action in ("apply", "undo"):
        await _change(update, context, meeting, action == "apply")
    elif action == "cancel":
        await ask_cancel(update, context, meeting)
    elif action == "sure":
        await cancelled(update, context, meeting)
    elif action == "replies":
        await show_ranked(update, context, meeting)


async def _offsets(update: Update, context: Context, meeting: Meeting, data: MeetingButton) -> None:
    """Tick or untick a reminder (at least one stays); "done" goes back where it came from."""
    if data.action == "offs":
        if meeting.status == "draft":
            await screens.preview(update, context, meeting)
        else:
            await screens.manage(update, context, meeting)
        return
    if data.value is not None and data.value.isdigit():
        offset = int(data.value)
        if offset not in rules.choices(context.settings.reminder_offsets):
            await finished(update, context)
            return
        chosen = set(meeting.offsets) ^ {offset}
        if not chosen:
            assert update.callback_query is not None
            await update.callback_query.answer(
                context.tr.gettext("Members need at least one reminder."), show_alert=True
            )
            return
        await meetings.set_offsets(context.db, meeting.id, chosen)
        fresh = await meetings.get(context.db, meeting.id)
        assert fresh is not None
        meeting = fresh
    await asks.ask_offsets(update, context, meeting)


async def _save(update: Update, context: Context, meeting: Meeting) -> None:
    if meeting.status != "draft" or await steps.expecting(context, PREVIEWING) is None:
        await finished(update, context)
        return
    await saved(update, context, meeting)


async def _drop(update: Update, context: Context, meeting: Meeting) -> None:
    if meeting.status != "draft":
        await finished(update, context)
        return
    await meetings.cancel(context.db, meeting.id)
    await steps.done(context)
    await answer_with(update, context, context.tr.gettext("Cancelled: the meeting was not saved."))


async def _change(update: Update, context: Context, meeting: Meeting, send: bool) -> None:
    waiting = await steps.expecting(context, CONFIRM_CHANGE)
    if waiting is None or waiting.data.get("meeting") != meeting.id:
        await finished(update, context)
        return
    if not send:
        await steps.done(context)
        await screens.manage(update, context, meeting, context.tr.gettext("Nothing was changed."))
        return
    await apply_change(update, context, meeting, waiting.data.get("updates", {}))
