"""When the meeting is: typed in Welsh or English, or picked with buttons; always read back.

A time in the past is refused; a text that can't be read is answered with what was wrong and
an example in the person's language, and the buttons stay offered.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from telegram import Update

import bot.handlers.meetings.asks as asks
from bot.context import Context
from bot.domain.when import Problem, Unread, When, read_when
from bot.handlers.meetings.common import (
    CHOOSING,
    CONFIRM_WHEN,
    TIME,
    WHEN,
    MeetingButton,
    changing,
    from_slot,
    step_data,
)
from bot.handlers.meetings.flow import next_after
from bot.i18n import N_, Tr
from bot.storage import meetings
from bot.storage.db import to_db, utcnow
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.buttons import finished

PROBLEMS = {
    Problem.EMPTY: N_("Please type the day and the time."),
    Problem.TOO_LONG: N_("That's longer than a date: please type just the day and the time."),
    Problem.UNREADABLE: N_("Sorry, I couldn't read a date in that."),
    Problem.NO_DAY: N_("I need the day as well as the time."),
    Problem.BAD_DATE: N_("That day doesn't exist in the calendar."),
    Problem.BAD_TIME: N_(
        "That time doesn't exist: please use the 24-hour clock (14:30) or 2.30pm."
    ),
    Problem.TWO_TIMES: N_("Please give just the time it starts."),
    Problem.TWO_DAYS: N_("Please give just one day."),
    Problem.NO_SUCH_TIME: N_("The clocks go forward that night, so that time doesn't happen."),
    Problem.PAST: N_("That time has already passed: a meeting must be in the future."),
    Problem.TOO_FAR: N_("That's more than two years away: please check the year."),
}


def problem_text(tr: Tr, problem: Problem) -> str:
    return tr.gettext(PROBLEMS[problem])


async def _read(
    update: Update, context: Context, meeting: Meeting, data: dict[str, Any], typed: str
) -> None:
    tr = context.tr
    reading = read_when(typed, now=utcnow(), tz=context.settings.timezone)
    if isinstance(reading, Unread):
        if "day" in data:  # a time for a day chosen with the buttons
            day = date.fromisoformat(data["day"])
            problem = problem_text(tr, reading.problem)
            await asks.show_times(update, context, meeting, day, _without_day(data), problem)
            return
        await asks.ask_when(update, context, meeting, data, problem_text(tr, reading.problem))
        return
    assert isinstance(reading, When)
    if not reading.time_given:
        day = reading.at.astimezone(tr.tz).date()
        await asks.show_times(update, context, meeting, day, _without_day(data))
        return
    await asks.confirm_when(
        update, context, meeting, reading.at, data, reading.notes, reading.weekday
    )


@steps.takes_text(WHEN)
async def when_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """A date and time typed in either language."""
    meeting = await from_slot(update, context, waiting)
    message = update.effective_message
    if meeting is None or message is None:
        return
    await _read(update, context, meeting, _without_day(waiting.data), message.text or "")


@steps.takes_text(TIME)
async def time_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """A time for the day chosen with the buttons ("14:30", "2pm")."""
    meeting = await from_slot(update, context, waiting)
    message = update.effective_message
    if meeting is None or message is None:
        return
    day = waiting.data.get("day", "")
    await _read(update, context, meeting, waiting.data, f"{day} {message.text or ''}")


async def when_pressed(
    update: Update, context: Context, meeting: Meeting, data: MeetingButton
) -> None:
    """The picker (`cal`, `day`, `time`) and the read-back (`yes`, `retype`)."""
    waiting = await steps.expecting(context, WHEN, TIME, CONFIRM_WHEN)
    if waiting is None:
        await finished(update, context)
        return
    slot = _without_day(waiting.data)
    value = data.value or ""
    if data.action == "cal":
        await steps.ask(context, WHEN, slot)
        await asks.show_days(update, context, meeting, int(value) if value.isdigit() else 0)
    elif data.action == "day" and _day(value) is not None:
        day = _day(value)
        assert day is not None
        await asks.show_times(update, context, meeting, day, slot)
    elif data.action == "time" and _moment(context, value) is not None:
        at = _moment(context, value)
        assert at is not None
        if at <= utcnow():
            await asks.ask_when(
                update, context, meeting, slot, problem_text(context.tr, Problem.PAST)
            )
            return
        await asks.confirm_when(update, context, meeting, at, slot)
    elif data.action == "retype":
        await asks.ask_when(update, context, meeting, slot)
    elif data.action == "yes" and waiting.kind is CONFIRM_WHEN:
        await _confirmed(update, context, meeting, waiting.data)
    else:
        await finished(update, context)


async def _confirmed(
    update: Update, context: Context, meeting: Meeting, data: dict[str, Any]
) -> None:
    at = datetime.fromisoformat(str(data.get("at")))
    slot = _without_day(data)
    if at <= utcnow():  # they took their time to say yes
        await asks.ask_when(update, context, meeting, slot, problem_text(context.tr, Problem.PAST))
        return
    if changing(slot):
        slot["updates"] = {**slot.get("updates", {}), "starts_at": to_db(at)}
    else:
        await meetings.set_start(context.db, meeting.id, at)
    await next_after(update, context, meeting, slot, "when")


async def duration_pressed(
    update: Update, context: Context, meeting: Meeting, data: MeetingButton
) -> None:
    minutes = int(data.value) if data.value and data.value.isdigit() else 0
    waiting = await steps.expecting(context, CHOOSING)
    if minutes not in asks.DURATIONS or waiting is None:
        await finished(update, context)
        return
    slot = step_data(meeting, waiting.data)
    if changing(slot):
        slot["updates"] = {**slot.get("updates", {}), "minutes": minutes}
    else:
        await meetings.set_field(context.db, meeting.id, "minutes", minutes)
    await next_after(update, context, meeting, slot, "dur")


def _without_day(data: dict[str, Any]) -> dict[str, Any]:
    """The flow's data without the day or moment being picked (a new reading starts)."""
    return {k: v for k, v in data.items() if k not in ("day", "at")}


def _day(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y%m%d").date()  # noqa: DTZ007  # a calendar day, no time
    except ValueError:
        return None


def _moment(context: Context, value: str) -> datetime | None:
    try:
        wall = datetime.strptime(value, "%Y%m%d%H%M")  # noqa: DTZ007  # local wall time, made aware below
    except ValueError:
        return None
    return wall.replace(tzinfo=context.settings.timezone).astimezone(UTC)
