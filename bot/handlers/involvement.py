"""/involvement (/cyfranogiad): a representative's own record for reward and recognition, the
hours they give (typed by them), and for coordinators everyone's record as a spreadsheet.

Hours: how long (2, 1.5, 1:30, "1 awr 30 munud"), which day (today, yesterday, or typed),
and a few words on what for (optional). An entry can be removed by its owner only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from typing import Any, Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import involvement
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.domain.dates import read_past_day
from bot.domain.hours import read_minutes
from bot.i18n import N_, Tr
from bot.involvement import Period
from bot.storage import involvement as store
from bot.storage.involvement import Hours
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler, finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply
from bot.views import today

SHOWN = 5  # latest entries shown with the record


@dataclass(frozen=True, slots=True)
class InvolvementButton(CallbackData, prefix="involve"):
    """Adding hours (the day, no note), and removing the latest entry (`entry` names it)."""

    action: Literal["add", "today", "yesterday", "day", "nonote", "remove", "sure", "keep"]
    entry: int | None = None


@dataclass(frozen=True, slots=True)
class ExportButton(CallbackData, prefix="involvex"):
    """Everyone's record as a spreadsheet, for a period (None: ask which)."""

    period: Period | None = None


AGAIN = N_("Please choose with the buttons above, or send /involvement to start again.")
CHOOSING = steps.kind("involvement.choose", Role.REPRESENTATIVE, hint=AGAIN)
HOURS = steps.kind("involvement.hours", Role.REPRESENTATIVE)
DAY = steps.kind("involvement.day", Role.REPRESENTATIVE, hint=AGAIN)  # data: {"minutes"}
DAY_TYPED = steps.kind("involvement.day_typed", Role.REPRESENTATIVE)  # data: {"minutes"}
NOTE = steps.kind("involvement.note", Role.REPRESENTATIVE)  # data: {"minutes", "day"}
REMOVING = steps.kind(
    "involvement.remove",
    Role.REPRESENTATIVE,
    buttons=(N_("Yes, remove this entry"), N_("No, keep this entry")),
)
PERIOD_NAMES: dict[Period, str] = {
    "year": N_("This financial year (from 1 April)"),
    "12m": N_("The last 12 months"),
    "all": N_("All time"),
}


def _me(context: Context) -> int:
    return context.visit.member_id


def entry_line(tr: Tr, entry: Hours) -> str:
    text = tr.gettext("• {date}: {hours}").format(
        date=tr.date(entry.on_day), hours=involvement.hours_text(tr, entry.minutes)
    )
    return text + (f" ({esc(entry.what)})" if entry.what else "")


async def record_view(context: Context) -> tuple[str, InlineKeyboardMarkup]:
    """The representative's own record: this financial year and all time, the latest hours."""
    tr = context.tr
    me = _me(context)
    now = today(context.settings)
    start = involvement.period_start("year", now)
    assert start is not None
    year = await involvement.record_of(context.db, me, start)
    ever = await involvement.record_of(context.db, me, None)
    since = tr.date(start)
    lines = [
        tr.gettext("<b>Your involvement on record</b>"),
        tr.gettext(
            "For reward and recognition: what you have done as a representative, counted from the "
            "records. Only you and the coordinators see it."
        ),
        "",
        tr.gettext("Polls you ran: {year} since {date} · {all} in all").format(
            year=year.polls, all=ever.polls, date=since
        ),
        tr.gettext("Outcomes you reported: {year} since {date} · {all} in all").format(
            year=year.outcomes, all=ever.outcomes, date=since
        ),
        tr.gettext("Progress you added to outcomes: {year} since {date} · {all} in all").format(
            year=year.progress, all=ever.progress, date=since
        ),
        tr.gettext("Hours you gave: {year} since {date} · {all} in all").format(
            year=involvement.hours_text(tr, year.minutes),
            all=involvement.hours_text(tr, ever.minutes),
            date=since,
        ),
    ]
    latest = await store.hours_of(context.db, me, SHOWN)
    if latest:
        lines += ["", tr.gettext("<b>Hours you recorded lately</b>")]
        lines += [entry_line(tr, e) for e in latest]
    buttons: list[ButtonSpec] = [
        (tr.gettext("Add hours you gave"), InvolvementButton("add").pack())
    ]
    if latest:
        buttons.append(
            (
                tr.gettext("Remove the latest entry"),
                InvolvementButton("remove", latest[0].id).pack(),
            )
        )
    if context.visit.access.coordinator:
        buttons.append((tr.gettext("Everyone's record, as a spreadsheet"), ExportButton().pack()))
    return "\n".join(lines), column(buttons)


async def show(update: Update, context: Context, note: str | None = None) -> None:
    text, markup = await record_view(context)
    await answer_with(update, context, f"{note}\n\n{text}" if note else text, markup)
    await steps.ask(context, CHOOSING)


@requires(Role.REPRESENTATIVE, private=True)
async def involvement_command(update: Update, context: Context) -> None:
    """/involvement (/cyfranogiad): your record for reward and recognition, and your hours."""
    text, markup = await record_view(context)
    await reply(update, context, text, markup)
    await steps.ask(context, CHOOSING)


# ------------------------------------------------------------------ adding hours


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
    await store.add_hours(context.db, _me(context), on_day, minutes, note)
    await show(
        update,
        context,
        tr.gettext("Recorded: {hours} on {date}.").format(
            hours=involvement.hours_text(tr, minutes), date=tr.date(on_day)
        ),
    )


# ------------------------------------------------------------------ buttons


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
    latest = await store.hours_of(context.db, _me(context), 1)
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
        await store.remove_hours(context.db, _me(context), entry.id)
        await show(update, context, tr.gettext("Removed."))
    else:
        await finished(update, context)


@requires(Role.COORDINATOR, private=True)
async def export_pressed(update: Update, context: Context, data: ExportButton) -> None:
    """Which period; then everyone's record as a CSV file, in the coordinator's language."""
    tr = context.tr
    if data.period is None:
        rows = [(tr.gettext(PERIOD_NAMES[p]), ExportButton(p).pack()) for p in involvement.PERIODS]
        await answer_with(
            update, context, tr.gettext("Everyone's record for which period?"), column(rows)
        )
        return
    name, content = await involvement.export(
        context.db, tr, context.settings, data.period, today(context.settings)
    )
    query = update.callback_query
    if query is not None:
        await query.answer()
    await context.bot.send_document(
        context.visit.chat_id,
        BytesIO(content),
        filename=name,
        caption=tr.gettext(
            "Everyone's involvement on record ({period}): one row each, with their role, "
            "networks, polls run, outcomes reported, progress added and hours given."
        ).format(period=tr.gettext(PERIOD_NAMES[data.period])),
    )


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("involvement").names, involvement_command),
        button_handler(InvolvementButton, involvement_pressed),
        button_handler(ExportButton, export_pressed),
    ]


__all__ = ["ExportButton", "InvolvementButton", "handlers"]
