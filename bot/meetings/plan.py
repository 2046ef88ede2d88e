"""Scheduling, changing and cancelling a meeting, and attaching its papers.

Each is one transaction: the meeting row and the messages it causes are written together,
so a crash never leaves a change that nobody was told about, nor a notice of a change that
did not happen. A change or a cancellation first withdraws the meeting's reminders still
in the queue (they carry the old details: whoever was waiting for one is sent the new
details at the next tick), then goes, through the delivery queue, to everyone already told.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import delivery, suggestions
from bot.context import Services
from bot.delivery import Outgoing
from bot.domain import anonymity
from bot.domain.access import Access
from bot.i18n import N_, Lang
from bot.meetings.outgoing import Messages, details
from bot.storage import audit, meetings, rsvps
from bot.storage import reminders as store
from bot.storage.db import Tx, utcnow
from bot.storage.meetings import Field, Meeting

delivery.REPORT_TITLES.update(
    {
        "meeting_change": N_("<b>Members have been told about the change to the meeting.</b>"),
        "meeting_cancel": N_("<b>Members have been told the meeting is cancelled.</b>"),
    }
)
SOON = timedelta(hours=24)  # a change this close to the meeting goes even in quiet hours
WHAT = {  # which fields make which line of the change notice
    "starts_at": "when",
    "place": "place",
    "agenda_cy": "agenda",
    "agenda_en": "agenda",
    "title_cy": "title",
    "title_en": "title",
    "minutes": "duration",
}


def may_manage(access: Access, member_id: int, meeting: Meeting) -> bool:
    """A draft: its organiser. A meeting: any coordinator, or its organiser while they still
    speak for every network it is for (a representative who lost a network loses it)."""
    own = meeting.organiser_id == member_id
    if meeting.status == "draft":
        return own
    if access.coordinator:
        return True
    return (
        own and bool(meeting.network_ids) and all(access.speaks_for(n) for n in meeting.network_ids)
    )


def may_invite(access: Access, network_ids: tuple[int, ...]) -> bool:
    return all(access.speaks_for(n) for n in network_ids)


@dataclass(frozen=True, slots=True)
class Report:
    """Where the delivery report goes: the person who made the change, in their language."""

    actor_id: int
    chat_id: int
    lang: Lang


def _bot_username(services: Services) -> str:
    return services.delivery.bot.username or "cydlais"


async def schedule(services: Services, meeting_id: int, actor_id: int) -> bool:
    """The draft becomes a meeting; its reminders are due from now on. False if it already was."""
    async with services.db.transaction() as tx:
        if not await meetings.schedule(tx, meeting_id):
            return False
        meeting = await meetings.get(tx, meeting_id)
        assert meeting is not None
        assert meeting.starts_at is not None
        await audit.record(
            tx,
            actor_id,
            "meeting.scheduled",
            meeting=meeting_id,
            networks=list(meeting.network_ids),
        )
    # The agenda's secret is made now, so its file's times say when the meeting was planned,
    # not when a member first suggested or supported a topic.
    await services.secrets.prepare(*anonymity.agenda(meeting_id, meeting.starts_at))
    return True


def _soon(now: datetime, *starts: datetime | None) -> bool:
    return any(s is not None and s - now < SOON for s in starts)


async def change(
    services: Services,
    meeting_id: int,
    updates: dict[Field, str | int],
    report: Report,
) -> int | None:
    """Apply the organiser's change and tell everyone already told; returns how many were
    told, or None if the meeting is no longer scheduled."""
    db = services.db
    now = utcnow()
    async with db.transaction() as tx:
        before = await meetings.get(tx, meeting_id)
        if before is None or before.status != "scheduled":
            return None
        for field, value in updates.items():
            await meetings.set_field(tx, meeting_id, field, value)
        await meetings.changed(tx, meeting_id)
        after = await meetings.get(tx, meeting_id)
        assert after is not None
        what = {WHAT[f] for f in updates if WHAT.get(f)}
        await store.withdraw(tx, meeting_id, "the meeting changed")
        told = await store.told(tx, meeting_id)
        if told:
            messages = Messages(
                await details(tx, after), services.settings, _bot_username(services)
            )
            answers = await rsvps.of_meeting(tx, meeting_id)
            out: list[Outgoing] = []
            for who in told:
                out += messages.change(who, what, before.starts_at, answers.get(who.member_id))
            await _queue(
                tx,
                "meeting_change",
                out,
                after,
                report,
                _soon(now, before.starts_at, after.starts_at),
            )
        await audit.record(tx, report.actor_id, "meeting.changed", meeting=meeting_id)
    return len(told)


async def set_offsets(services: Services, meeting_id: int, offsets: list[int]) -> None:
    """Which reminders go: no notice to members (they see only the reminders themselves)."""
    await meetings.set_field(
        services.db, meeting_id, "offsets", json.dumps(sorted(offsets, reverse=True))
    )


async def cancel(services: Services, meeting_id: int, report: Report) -> int | None:
    """Cancel the meeting and tell everyone already told; None if it was not scheduled."""
    db = services.db
    now = utcnow()
    async with db.transaction() as tx:
        meeting = await meetings.get(tx, meeting_id)
        if meeting is None or meeting.status != "scheduled":
            return None
        await store.withdraw(tx, meeting_id, "the meeting was cancelled")
        await meetings.cancel(tx, meeting_id)
        told = await store.told(tx, meeting_id)
        cancelled = await meetings.get(tx, meeting_id)
        assert cancelled is not None
        if told:
            messages = Messages(
                await details(tx, cancelled), services.settings, _bot_username(services)
            )
            out = [message for who in told for message in messages.cancelled(who)]
            await _queue(
                tx, "meeting_cancel", out, cancelled, report, _soon(now, meeting.starts_at)
            )
        await audit.record(tx, report.actor_id, "meeting.cancelled", meeting=meeting_id)
    await suggestions.close(services, meeting_id)  # no agenda any more: its secret goes
    return len(told)


async def _queue(
    tx: Tx, kind: str, out: list[Outgoing], meeting: Meeting, report: Report, urgent: bool
) -> None:
    batch = await delivery.enqueue_in(
        tx,
        kind=kind,
        messages=out,
        urgent=urgent,
        created_by=report.actor_id,
        report_chat_id=report.chat_id,
        report_lang=report.lang,
        label=meeting.title(report.lang),
    )
    await store.record_batch(
        tx, batch, meeting.id, "cancel" if kind == "meeting_cancel" else "change"
    )


async def add_paper(
    services: Services, meeting_id: int, file_id: str, file_name: str
) -> tuple[bool, int]:
    """Attach a paper. Before the papers reminder it waits for it; after, it goes at once to
    everyone already told, marked late. Returns (late, how many it went to)."""
    async with services.db.transaction() as tx:
        meeting = await meetings.get(tx, meeting_id)
        assert meeting is not None
        late = meeting.papers_due_at is not None and meeting.status == "scheduled"
        await meetings.add_paper(tx, meeting_id, file_id, file_name, late=late)
        if not late:
            return False, 0
        told = await store.told(tx, meeting_id)
        if told:
            messages = Messages(
                await details(tx, meeting), services.settings, _bot_username(services)
            )
            batch = await delivery.enqueue_in(
                tx,
                kind="meeting_papers",
                messages=[messages.late_paper(who, file_id) for who in told],
                label=f"meeting {meeting_id}",
            )
            await store.record_batch(tx, batch, meeting_id, "papers")
    return True, len(told)
