"""Saving a meeting, sending a change, and cancelling: the organiser's decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update

import bot.handlers.meetings.screens as screens
from bot.context import Context
from bot.domain import reminders as rules
from bot.handlers.meetings.common import CHOOSING, button
from bot.meetings import counts, plan, texts
from bot.meetings.plan import Report
from bot.storage import meetings
from bot.storage import reminders as store
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting
from bot.tg import clock, steps
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import answer_with, column


def wake(context: Context) -> None:
    """Run the due work in a moment (real time: the job queue's clock), not at the next tick."""
    clock.wake_at(context.application, datetime.now(UTC) + timedelta(seconds=1))  # type: ignore[arg-type]  # our Application, typed by PTB's generics


def _report(context: Context) -> Report:
    member = context.visit.member
    assert member is not None
    return Report(member.id, context.visit.chat_id, context.tr.lang)


async def saved(update: Update, context: Context, meeting: Meeting) -> None:
    """Schedule the draft; say when members hear, and ask for the papers."""
    tr = context.tr
    member = context.visit.member
    assert member is not None
    assert meeting.starts_at is not None
    if meeting.starts_at <= utcnow():
        await screens.preview(update, context, meeting)  # it started while they checked
        return
    if not await plan.schedule(context.services, meeting.id, member.id):
        await finished(update, context)
        return
    await steps.done(context)
    first = rules.due_at(
        meeting.starts_at, rules.papers_offset(meeting.offsets), context.settings.timezone
    )
    if first <= utcnow():
        when_told = tr.gettext(
            "Members are being told now, because the first reminder's time has passed."
        )
    else:
        when_told = tr.gettext(
            "Members will get the first reminder on {when}, with the papers: please send me the "
            "papers before then."
        ).format(when=texts.when(tr, first))
    text = "\n".join(
        [
            tr.gettext("<b>Saved: “{title}”.</b>").format(title=esc(meeting.title(tr.lang))),
            when_told,
            tr.gettext("To add papers, change or cancel it later, send /meeting."),
        ]
    )
    await answer_with(
        update, context, text, column([(tr.gettext("Add papers now"), button(meeting, "papers"))])
    )
    wake(context)


async def apply_change(
    update: Update, context: Context, meeting: Meeting, updates: dict[str, Any]
) -> None:
    tr = context.tr
    if not updates:
        await steps.done(context)
        await screens.manage(update, context, meeting, tr.gettext("Nothing was changed."))
        return
    starts = updates.get("starts_at")
    if starts is not None and datetime.fromisoformat(starts) <= utcnow():
        await screens.manage(
            update, context, meeting, tr.gettext("That time has passed: nothing was changed.")
        )
        return
    told = await plan.change(context.services, meeting.id, updates, _report(context))  # type: ignore[arg-type]  # fields from our own steps
    await steps.done(context)
    fresh = await meetings.get(context.db, meeting.id)
    if told is None or fresh is None:
        await finished(update, context)
        return
    if told:
        first = tr.gettext(
            "Changed. Everyone already told about the meeting is being told about the change: {people}."
        ).format(people=counts.people(tr, told, context.settings.min_group, meeting))
        context.services.delivery.wake()
    else:
        first = tr.gettext(
            "Changed. Nobody had been told yet: the reminders will carry the new details."
        )
    await screens.manage(update, context, fresh, first)
    wake(context)


async def ask_cancel(update: Update, context: Context, meeting: Meeting) -> None:
    tr = context.tr
    if meeting.status != "scheduled":
        await finished(update, context)
        return
    told = await store.told_count(context.db, meeting.id)
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    text = tr.gettext("Cancel “{title}”? This can't be undone.").format(
        title=esc(meeting.title(tr.lang))
    )
    if told:
        text += "\n" + tr.gettext(
            "Everyone already told about the meeting will be told it is cancelled: {people}."
        ).format(people=counts.people(tr, told, context.settings.min_group, meeting))
    await answer_with(
        update,
        context,
        text,
        column(
            [
                (tr.gettext("Yes, cancel the meeting"), button(meeting, "sure")),
                (tr.gettext("No, keep the meeting"), button(meeting, "manage")),
            ]
        ),
    )


async def cancelled(update: Update, context: Context, meeting: Meeting) -> None:
    tr = context.tr
    told = await plan.cancel(context.services, meeting.id, _report(context))
    await steps.done(context)
    if told is None:
        await finished(update, context)
        return
    if told:
        context.services.delivery.wake()
    await answer_with(
        update,
        context,
        tr.gettext("Cancelled: “{title}”.").format(title=esc(meeting.title(tr.lang)))
        + (
            "\n"
            + tr.gettext(
                "Everyone who had been told is being told it is cancelled: {people}."
            ).format(people=counts.people(tr, told, context.settings.min_group, meeting))
            if told
            else ""
        ),
    )
