"""Adding the hours a representative gave (how long, which day, what for), and taking back
the latest entry: its owner's only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import Update

from bot import involvement
from bot.context import Context
from bot.domain.access import Role
from bot.domain.dates import read_past_day
from bot.domain.hours import read_minutes
from bot.handlers.involvement.common import (
    CHOOSING,
    DAY,
    DAY_TYPED,
    HOURS,
    NOTE,
    REMOVING,
    InvolvementButton,
    entry_line,
    rep_id,
    show,
)
from bot.i18n import N_
from bot.storage import involvement as store
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.ui import answer_with, column, reply
from bot.views import today


@steps.takes_text(HOURS)
async def hours_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """How long: then which day."""
    tr = context.tr
    message = update.effective_message
    minutes = read_minutes(message.text or "") if message else None
    if minutes is None:
        await reply(
            update,
            context,
            tr.gettext(
                "I couldn't read that as a length of time. Please send the hours as a number, for "
                "example 2, 1.5 or 1:30 (at most 24 at a time)."
            ),
        )
        return
    await ask_day(update, context, minutes)


async def ask_day(update: Update, context: Context, minutes: int) -> None:
    tr = context.tr
    await steps.ask(context, DAY, {"minutes": minutes})
    await answer_with(
        update,
        context,
        tr.gettext("{hours}: on which day?").format(hours=involvement.hours_text(tr, minutes)),
        column(
            [
                (tr.gettext("Today"), InvolvementButton("today").pack()),
                (tr.gettext("Yesterday"), InvolvementButton("yesterday").pack()),
                (tr.gettext("Another day"), InvolvementButton("day").pack()),
            ]
        ),
    )


@steps.takes_text(DAY_TYPED)
async def day_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """Another day, typed: today or before."""
    message = update.effective_message
    day = read_past_day(message.text or "", today(context.settings)) if message else None
    if day is None:
        await reply(
            update,
            context,
            context.tr.gettext(
                "I couldn't read that as a day that has already come. Please send a date such as "
                "28/11/2026 or 28 November."
            ),
        )
        return
    await ask_note(update, context, waiting.data, day)


async def ask_note(update: Update, context: Context, data: dict[str, Any], day: date) -> None:
    minutes = data.get("minutes")
    if not isinstance(minutes, int):
        await steps.done(context)
        await show(update, context)
        return
    tr = context.tr
    await steps.ask(context, NOTE, {"minutes": minutes, "day": day.isoformat()})
    await answer_with(
        update,
        context,
        tr.gettext(
            "What was it for? A few words, for example “forum meeting and preparation” (up to "
            "{max} characters), or press the button."
        ).format(max=involvement.NOTE_MAX),
        column([(tr.gettext("No note"), InvolvementButton("nonote").pack())]),
    )


@steps.takes_text(NOTE)
async def note_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """What the time was for; then the entry is saved."""
    message = update.effective_message
    note = " ".join((message.text or "").split()) if message else ""
    if len(note) > involvement.NOTE_MAX:
        await reply(
            update,
            context,
            context.tr.gettext("Please write at most {max} characters.").format(
                max=involvement.NOTE_MAX
            ),
        )
        return
    await save(update, context, waiting.data, note)


async def save(update: Update, context: Context, data: dict[str, Any], note: str) -> None:
    tr = context.tr
    minutes, day = data.get("minutes"), data.get("day")
    if not isinstance(minutes, int) or not isinstance(day, str):
        await steps.done(context)
        await show(update, context)
        return
    on_day = date.fromisoformat(day)
    await store.add_hours(context.db, rep_id(context), on_day, minutes, note)
    await show(
        update,
        context,
        tr.gettext("Recorded: {hours} on {date}.").format(
            hours=involvement.hours_text(tr, minutes), date=tr.date(on_day)
        ),
    )


@requires(Role.REPRESENTATIVE, private=True)
async def involvement_pressed(update: Update, context: Context, data: InvolvementButton) -> None:
    """Add hours (and say which day, and whether with a note); remove the latest entry."""
    tr = context.tr
    waiting = await steps.expecting(context, CHOOSING, HOURS, DAY, DAY_TYPED, NOTE, REMOVING)
    if waiting is None:
        await finished(update, context, N_("To see your record, send /involvement."))
        return
    now = today(context.settings)
    if data.action == "add":
        await steps.ask(context, HOURS)
        await answer_with(
            update,
            context,
            tr.gettext(
                "How long did you give? For example 2, 1.5 or 1:30 hours (at most 24 at a time)."
            ),
        )
    elif data.action in ("today", "yesterday") and waiting.kind is DAY:
        day = now if data.action == "today" else now - timedelta(days=1)
        await ask_note(update, context, waiting.data, day)
    elif data.action == "day" and waiting.kind is DAY:
        await steps.ask(context, DAY_TYPED, waiting.data)
        await answer_with(
            update, context, tr.gettext("Send the day, for example 28/11/2026 or 28 November.")
        )
    elif data.action == "nonote" and waiting.kind is NOTE:
        await save(update, context, waiting.data, "")
    elif data.action in ("remove", "sure", "keep"):
        await _removing(update, context, data, waiting)
    else:
        await finished(update, context)


async def _removing(
    update: Update, context: Context, data: InvolvementButton, waiting: steps.Waiting
) -> None:
    tr = context.tr
    latest = await store.hours_of(context.db, rep_id(context), 1)
    entry = latest[0] if latest and latest[0].id == data.entry else None
    if data.action == "keep" and waiting.kind is REMOVING:
        await show(update, context)
    elif entry is None:  # another's, or no longer the latest: nothing changes
        await finished(update, context)
    elif data.action == "remove":
        await steps.ask(context, REMOVING)
        await answer_with(
            update,
            context,
            tr.gettext("Remove this entry?") + "\n" + entry_line(tr, entry),
            column(
                [
                    (
                        tr.gettext("Yes, remove this entry"),
                        InvolvementButton("sure", entry.id).pack(),
                    ),
                    (tr.gettext("No, keep this entry"), InvolvementButton("keep", entry.id).pack()),
                ]
            ),
        )
    elif data.action == "sure" and waiting.kind is REMOVING:
        await store.remove_hours(context.db, rep_id(context), entry.id)
        await show(update, context, tr.gettext("Removed."))
    else:
        await finished(update, context)
