"""What the organiser's side of meetings shares: its button, its questions, its checks.

A draft is a row (`meetings.status = 'draft'`), so a half-planned meeting survives a
restart; the slot (`bot.tg.steps`) says which detail the next text is. Its data is
`{"meeting": id, "mode": "draft" | "change", "then": "preview" | None, "updates": {...}}`:
in a draft each answer is saved at once; for a scheduled meeting the answers wait in
`updates` until the organiser sends the change to members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.meetings.plan import may_manage
from bot.storage import meetings
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import deny
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import ButtonSpec

Action = Literal[
    "new",  # plan a new meeting
    "net",  # choose or unchoose the network `value`
    "nets",  # finished choosing networks
    "cal",  # the day picker, page `value`
    "day",  # the day `value` (YYYYMMDD): now the time
    "time",  # the moment `value` (YYYYMMDDHHMM)
    "yes",  # the date read back is right
    "retype",  # type the date again
    "dur",  # how long: `value` minutes
    "noagenda",  # no agenda yet
    "off",  # turn the reminder `value` (seconds before) on or off
    "offs",  # finished choosing reminders
    "detail",  # change the detail `value` (title, when, dur, place, agenda)
    "save",
    "drop",  # forget the draft
    "manage",  # a scheduled meeting's page
    "papers",  # add papers
    "pdone",  # finished adding papers
    "apply",  # send the change to members
    "undo",  # don't send the change
    "cancel",  # cancel the meeting? (asks)
    "sure",  # yes, cancel it
    "replies",  # replies and suggestions so far
]


@dataclass(frozen=True, slots=True)
class MeetingButton(CallbackData, prefix="mtg"):
    meeting: int
    action: Action
    value: str | None = None


def button(meeting: Meeting | int, action: Action, value: str | int | None = None) -> str:
    meeting_id = meeting if isinstance(meeting, int) else meeting.id
    return MeetingButton(meeting_id, action, None if value is None else str(value)).pack()


CHOOSE_HINT = N_("Please use the buttons above, or send /meeting to start again.")
CHOOSING = steps.kind("meeting.choose", Role.REPRESENTATIVE, hint=CHOOSE_HINT)
TITLE_CY = steps.kind("meeting.title_cy", Role.REPRESENTATIVE)
TITLE_EN = steps.kind("meeting.title_en", Role.REPRESENTATIVE)
WHEN = steps.kind("meeting.when", Role.REPRESENTATIVE)
TIME = steps.kind("meeting.time", Role.REPRESENTATIVE)  # data also has "day" (ISO date)
PLACE = steps.kind("meeting.place", Role.REPRESENTATIVE)
AGENDA_CY = steps.kind("meeting.agenda_cy", Role.REPRESENTATIVE)
AGENDA_EN = steps.kind("meeting.agenda_en", Role.REPRESENTATIVE)
CONFIRM_WHEN = steps.kind(
    "meeting.confirm_when",
    Role.REPRESENTATIVE,
    buttons=(N_("Yes, that's right"), N_("No, I'll type it again"), N_("Choose with buttons")),
)
PREVIEWING = steps.kind(
    "meeting.preview",
    Role.REPRESENTATIVE,
    buttons=(N_("Save the meeting"), N_("Change a detail"), N_("Cancel, don't save it")),
)
CONFIRM_CHANGE = steps.kind(
    "meeting.confirm_change",
    Role.REPRESENTATIVE,
    buttons=(N_("Send the change to members"), N_("Don't change anything")),
)
PAPERS = steps.kind(
    "meeting.papers",
    Role.REPRESENTATIVE,
    hint=N_(
        "Please send the papers as files (in Telegram: the paper clip, then “File”), or press "
        "“That's all the papers”."
    ),
)
TEXT_STEPS = (TITLE_CY, TITLE_EN, WHEN, TIME, PLACE, AGENDA_CY, AGENDA_EN)

NO_LONGER = N_("This meeting is no longer being planned. To plan one, send /meeting.")
TITLE_MAX = 120
PLACE_MAX = 300
AGENDA_MAX = 2000


def cancel_draft(tr: Tr, meeting: Meeting) -> ButtonSpec:
    return (tr.gettext("Cancel, don't save it"), button(meeting, "drop"))


def step_data(
    meeting: Meeting, base: dict[str, Any] | None = None, /, **more: Any
) -> dict[str, Any]:
    """The slot's data for the next question, keeping what the flow carried so far."""
    data = {**(base or {}), **more}
    data["meeting"] = meeting.id
    data.setdefault("mode", "draft" if meeting.status == "draft" else "change")
    return data


def changing(data: dict[str, Any]) -> bool:
    return data.get("mode") == "change"


async def open_meeting(update: Update, context: Context, meeting_id: int) -> Meeting | None:
    """The meeting named in a button or the slot, if this person may still work on it;
    otherwise a kind word and None."""
    member = context.visit.member
    meeting = await meetings.get(context.db, meeting_id)
    if meeting is None or member is None:
        await finished(update, context)
        return None
    if meeting.status == "cancelled" or (
        meeting.status == "draft" and meeting.organiser_id != member.id
    ):
        await finished(update, context, NO_LONGER)  # an old button: whatever is waiting stays
        return None
    if not may_manage(context.visit.access, member.id, meeting):
        await deny(update, context, Role.COORDINATOR)
        return None
    if meeting.status == "draft" and not all(
        context.visit.access.speaks_for(n) for n in meeting.network_ids
    ):
        await deny(update, context, Role.COORDINATOR)  # lost a network since choosing it
        return None
    return meeting


async def from_slot(update: Update, context: Context, waiting: steps.Waiting) -> Meeting | None:
    return await open_meeting(update, context, int(waiting.data.get("meeting", 0)))
