"""The questions of planning a meeting: each puts its kind in the slot and asks.

The date is typed in either language (`bot.domain.when`) or picked with buttons, a day then
a time, for anyone the reader fails; either way it is read back in full, with its weekday,
for a yes before it is kept.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Update

from bot.context import Context
from bot.domain import reminders as rules
from bot.domain.when import Note
from bot.handlers.meetings.common import (
    AGENDA_CY,
    AGENDA_EN,
    CHOOSING,
    CONFIRM_WHEN,
    PLACE,
    TIME,
    TITLE_CY,
    TITLE_EN,
    WHEN,
    button,
    cancel_draft,
    step_data,
)
from bot.i18n import Lang, Tr
from bot.meetings import texts
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, keyboard

DAYS_A_PAGE = 14
PAGES = 52  # about two years ahead, as far as a typed date may go
TIMES = [time(h, m) for h in range(8, 21) for m in (0, 30)]
DURATIONS = (60, 90, 120, 180)


def _heading(tr: Tr, meeting: Meeting) -> str:
    title = meeting.title(tr.lang)
    return f"<b>{esc(title)}</b>\n" if title else tr.gettext("<b>A new meeting</b>") + "\n"


def _extra(tr: Tr, meeting: Meeting, data: dict[str, Any]) -> list[list[ButtonSpec]]:
    """Below a typed question: cancelling a draft (a change is cancelled by not sending it)."""
    return [] if data.get("mode") == "change" else [[cancel_draft(tr, meeting)]]


async def ask_title(
    update: Update,
    context: Context,
    meeting: Meeting,
    lang: Lang,
    data: dict[str, Any] | None = None,
) -> None:
    tr = context.tr
    data = step_data(meeting, **(data or {}))
    await steps.ask(context, TITLE_CY if lang == "cy" else TITLE_EN, data)
    question = (
        tr.gettext("What is the meeting called? Write its name <b>in Welsh</b>.")
        if lang == "cy"
        else tr.gettext("And its name <b>in English</b>?")
    )
    await answer_with(
        update, context, _heading(tr, meeting) + question, keyboard(*_extra(tr, meeting, data))
    )


def example(tr: Tr, now: datetime) -> str:
    """A date in the reader's language, as they might type it: next Tuesday at 2pm."""
    local = now.astimezone(tr.tz).date()
    tuesday = local + timedelta(days=(1 - local.weekday()) % 7 or 7)
    return tr.gettext("{day} 2pm").format(day=tr.date(tuesday, "EEEE d MMMM"))


async def ask_when(
    update: Update,
    context: Context,
    meeting: Meeting,
    data: dict[str, Any] | None = None,
    problem: str | None = None,
) -> None:
    tr = context.tr
    data = step_data(meeting, **(data or {}))
    await steps.ask(context, WHEN, data)
    lines = [problem] if problem else [_heading(tr, meeting) + tr.gettext("When is it?")]
    lines.append(
        tr.gettext(
            "Type the day and the time, for example “{example}”, or choose them with the buttons."
        ).format(example=esc(example(tr, utcnow())))
    )
    rows = [
        [(tr.gettext("Choose with buttons"), button(meeting, "cal", 0))],
        *_extra(tr, meeting, data),
    ]
    await answer_with(update, context, "\n\n".join(lines), keyboard(*rows))


async def show_days(update: Update, context: Context, meeting: Meeting, page: int) -> None:
    """Fourteen days from today (or a later page), two to a row."""
    tr = context.tr
    page = max(0, min(page, PAGES))
    today = utcnow().astimezone(tr.tz).date()
    first = today + timedelta(days=page * DAYS_A_PAGE)
    days = [first + timedelta(days=n) for n in range(DAYS_A_PAGE)]
    buttons = [
        (tr.date(d, "EEE d MMM"), button(meeting, "day", d.strftime("%Y%m%d"))) for d in days
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    paging: list[ButtonSpec] = []
    if page > 0:
        paging.append((tr.gettext("Earlier days"), button(meeting, "cal", page - 1)))
    if page < PAGES:
        paging.append((tr.gettext("Later days"), button(meeting, "cal", page + 1)))
    rows.append(paging)
    await answer_with(
        update,
        context,
        _heading(tr, meeting) + tr.gettext("Which day? (You can still type the date instead.)"),
        keyboard(*rows),
    )


async def show_times(
    update: Update,
    context: Context,
    meeting: Meeting,
    day: date,
    data: dict[str, Any],
    problem: str | None = None,
) -> None:
    """The times of one day, every half hour from 08:00 to 20:30 (the past ones left out)."""
    tr = context.tr
    now = utcnow()
    moments = [datetime.combine(day, t, tzinfo=tr.tz) for t in TIMES]
    buttons = [
        (m.strftime("%H:%M"), button(meeting, "time", m.strftime("%Y%m%d%H%M")))
        for m in moments
        if m > now
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([(tr.gettext("Another day"), button(meeting, "cal", 0))])
    await steps.ask(context, TIME, step_data(meeting, **data, day=day.isoformat()))
    text = tr.gettext("{day}: what time does it start? Choose, or type it (“14:30”).").format(
        day=tr.date(day, "full")
    )
    text = (problem + "\n\n" if problem else _heading(tr, meeting)) + text
    await answer_with(update, context, text, keyboard(*rows))


async def confirm_when(
    update: Update,
    context: Context,
    meeting: Meeting,
    at: datetime,
    data: dict[str, Any],
    notes: frozenset[Note] = frozenset(),
    typed_weekday: int | None = None,
) -> None:
    tr = context.tr
    lines = [f"<b>{texts.when(tr, at)}</b>"]
    if Note.WEEKDAY_MISMATCH in notes and typed_weekday is not None:
        monday = date(2024, 1, 1)  # a Monday: its weekday names the one typed
        lines.append(
            tr.gettext(
                "You wrote {typed}, but that date is a {actual}: I've kept the date."
            ).format(
                typed=tr.date(monday + timedelta(days=typed_weekday), "EEEE"),
                actual=tr.date(at, "EEEE"),
            )
        )
    if Note.AFTERNOON_ASSUMED in notes:
        lines.append(tr.gettext("I took the hour to be in the afternoon."))
    if Note.REPEATED_HOUR in notes:
        lines.append(
            tr.gettext(
                "The clocks go back that night, so that time comes twice: I've taken the first."
            )
        )
    lines.append(tr.gettext("Is that right?"))
    await steps.ask(context, CONFIRM_WHEN, {**data, "at": at.isoformat()})
    await answer_with(
        update,
        context,
        "\n".join(lines),
        column(
            [
                (tr.gettext("Yes, that's right"), button(meeting, "yes")),
                (tr.gettext("No, I'll type it again"), button(meeting, "retype")),
                (tr.gettext("Choose with buttons"), button(meeting, "cal", 0)),
            ]
        ),
    )


async def ask_duration(
    update: Update, context: Context, meeting: Meeting, data: dict[str, Any]
) -> None:
    tr = context.tr
    await steps.ask(context, CHOOSING, data)
    rows = [
        [(texts.duration(tr, minutes), button(meeting, "dur", minutes))] for minutes in DURATIONS
    ]
    await answer_with(
        update,
        context,
        _heading(tr, meeting) + tr.gettext("How long will it last?"),
        keyboard(*rows),
    )


async def ask_place(
    update: Update, context: Context, meeting: Meeting, data: dict[str, Any]
) -> None:
    tr = context.tr
    await steps.ask(context, PLACE, data)
    await answer_with(
        update,
        context,
        _heading(tr, meeting)
        + tr.gettext(
            "Where is it? Type the address, or the link for an online meeting. Please say how to "
            "find the room, and whether there is step-free access."
        ),
        keyboard(*_extra(tr, meeting, data)),
    )


async def ask_agenda(
    update: Update,
    context: Context,
    meeting: Meeting,
    lang: Lang,
    data: dict[str, Any],
    problem: str = "",
) -> None:
    tr = context.tr
    await steps.ask(context, AGENDA_CY if lang == "cy" else AGENDA_EN, data)
    if lang == "cy":
        question = tr.gettext(
            "What is on the agenda? Write it <b>in Welsh</b>, one item a line. Members can "
            "suggest topics too, once the meeting is saved."
        )
        rows = [
            [(tr.gettext("No agenda yet"), button(meeting, "noagenda"))],
            *_extra(tr, meeting, data),
        ]
    else:
        question = tr.gettext("And the agenda <b>in English</b>: the same items, one a line.")
        rows = _extra(tr, meeting, data)
    text = (problem + "\n\n" if problem else _heading(tr, meeting)) + question
    await answer_with(update, context, text, keyboard(*rows))


async def ask_offsets(update: Update, context: Context, meeting: Meeting) -> None:
    """Which reminders go: tick or untick each, then finish."""
    tr = context.tr
    chosen = set(meeting.offsets)
    rows: list[ButtonSpec] = []
    for offset in rules.choices(context.settings.reminder_offsets):
        label = ("✓ " if offset in chosen else "") + before(tr, offset)
        rows.append((label, button(meeting, "off", offset)))
    rows.append((tr.gettext("Those are the reminders I want"), button(meeting, "offs")))
    await steps.ask(context, CHOOSING, step_data(meeting))
    await answer_with(
        update,
        context,
        _heading(tr, meeting)
        + tr.gettext(
            "When should members be reminded? The first reminder carries the papers, so it "
            "should leave them time to read."
        ),
        column(rows),
    )


def before(tr: Tr, offset: int) -> str:
    """ "7 days before", "2 hours before"."""
    n, unit = rules.amount(offset)
    if unit == "days" and n % 7 == 0:
        weeks = n // 7
        return tr.ngettext("{n} week before", "{n} weeks before", weeks).format(n=weeks)
    if unit == "days":
        return tr.ngettext("{n} day before", "{n} days before", n).format(n=n)
    if unit == "hours":
        return tr.ngettext("{n} hour before", "{n} hours before", n).format(n=n)
    return tr.ngettext("{n} minute before", "{n} minutes before", n).format(n=n)
