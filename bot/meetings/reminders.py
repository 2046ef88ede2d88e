"""Meeting reminders, exactly once: the database decides what is due (`bot.tg.clock`).

At every tick, for each scheduled meeting not yet started:

1. The latest reminder whose moment has come (`bot.domain.reminders.latest_due`) goes to
   every active member of its networks who has reminders on and has not been sent that
   reminder: in one transaction the batch is queued and `meeting_told` records, per member
   and offset, that it was (with every earlier offset due, so a member first reached late
   is not sent the older reminders after it). A restart or a second tick finds them told:
   never twice for the same member, meeting and offset. After downtime the reminder still
   goes, if the meeting has not started.
2. A member's first message about a meeting carries the calendar file and every paper
   attached so far. The first reminder of all (7 days before unless the organiser chose
   otherwise) is the papers reminder: if no papers are attached by then, the organiser is
   warned, in the same transaction; papers attached after it go out at once, marked late.
3. The 2-hour reminder (any within `URGENT_WITHIN`), or one that quiet hours would hold
   past the start, is urgent: it goes through quiet hours.

When a meeting's start is less than a tick away, whatever of its reminders is still in the
queue is withdrawn (no reminder arrives after the start) and the secret its agenda
supports were counted under is destroyed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import delivery, suggestions
from bot.context import Services
from bot.delivery import Outgoing
from bot.domain import reminders as rules
from bot.i18n import translator
from bot.meetings import texts
from bot.meetings.outgoing import Messages, details
from bot.storage import meetings, members, rsvps
from bot.storage import reminders as store
from bot.storage.db import Tx
from bot.storage.meetings import Meeting
from bot.tg import clock

log = logging.getLogger("cydlais.meetings")
KEEP = timedelta(days=7)  # drafts nobody finished; who was told, after the meeting


@clock.due_work("meetings.reminders")
async def reminders_due(services: Services, now: datetime) -> bool:
    """Queue every reminder that has fallen due; wrap up meetings that are starting."""
    queued = False
    margin = timedelta(seconds=services.settings.tick_seconds)
    for meeting in await meetings.live(services.db):
        assert meeting.starts_at is not None
        if meeting.starts_at <= now + margin:
            await wrap_up(services, meeting, now)
        elif await remind(services, meeting, now):
            queued = True
    await meetings.purge_drafts(services.db, now - KEEP)
    await store.purge_told(services.db, now - KEEP)
    return queued


def _bot_username(services: Services) -> str:
    return services.delivery.bot.username or "cydlais"


async def remind(services: Services, meeting: Meeting, now: datetime) -> bool:
    """Queue this meeting's reminder if one is due; True if anything was queued."""
    settings = services.settings
    assert meeting.starts_at is not None
    offset = rules.latest_due(meeting.starts_at, meeting.offsets, now, settings.timezone)
    if offset is None:
        return False
    due = rules.due_offsets(meeting.starts_at, meeting.offsets, now, settings.timezone)
    urgent = rules.urgent(offset) or _held_past_start(services, meeting, now)
    d = await details(services.db, meeting)
    sent_at = delivery.going_out_at(settings, urgent=urgent, now=now) or now
    messages = Messages(d, settings, _bot_username(services))
    warned = False
    db = services.db
    async with db.transaction() as tx:
        # Read inside the transaction: two runs at once (a tick and a wake-up) queue once.
        recipients = await store.due_for(tx, meeting.id, offset)
        papers_reminder = await meetings.mark_papers_due(tx, meeting.id, now)
        if not recipients and not papers_reminder:
            return False
        if recipients:
            answers = await rsvps.of_meeting(tx, meeting.id)
            out: list[Outgoing] = []
            for who in recipients:
                out += messages.reminder(who, sent_at, answers.get(who.member_id))
            batch = await delivery.enqueue_in(
                tx, kind="meeting_reminder", messages=out, urgent=urgent,
                label=f"meeting {meeting.id}",
            )  # fmt: skip
            await store.record_batch(tx, batch, meeting.id, "reminder")
            await store.tell(tx, meeting.id, [r.member_id for r in recipients], due, now)
        if papers_reminder and not d.papers:
            warned = await _warn(services, tx, d)
    # No count of people in a log line: counts are shown only through the counting rule.
    log.info("meeting %d: reminder queued%s", meeting.id, ", organiser warned" if warned else "")
    return bool(recipients) or warned


def _held_past_start(services: Services, meeting: Meeting, now: datetime) -> bool:
    """Would quiet hours hold a non-urgent reminder until after the meeting has started?"""
    ends = delivery.going_out_at(services.settings, urgent=False, now=now)
    return ends is not None and meeting.starts_at is not None and ends >= meeting.starts_at


async def _warn(services: Services, tx: Tx, d: texts.Details) -> bool:
    """Tell the organiser that members have no papers to prepare with."""
    organiser_id = d.meeting.organiser_id
    organiser = await members.by_id(tx, organiser_id) if organiser_id is not None else None
    if organiser is None or organiser.status != "active":
        return False
    tr = translator(organiser.language, services.settings.timezone)
    batch = await delivery.enqueue_in(
        tx,
        kind="meeting_warning",
        messages=[Outgoing(organiser.chat_id, texts.warning_text(tr, d), organiser.id)],
        label=f"meeting {d.meeting.id}",
    )
    await store.record_batch(tx, batch, d.meeting.id, "warning")
    return True


async def wrap_up(services: Services, meeting: Meeting, now: datetime) -> None:
    """The meeting is starting: nothing more goes out about it, and the agenda closes."""
    async with services.db.transaction() as tx:
        withdrawn = await store.withdraw(tx, meeting.id, "the meeting had started")
        await meetings.mark_wrapped_up(tx, meeting.id, now)
    await suggestions.close(services, meeting.id)  # the agenda closes: its secret goes
    log.info(
        "meeting %d started%s", meeting.id, ": unsent reminders withdrawn" if withdrawn else ""
    )
