"""Agenda suggestions: members suggest topics for a coming meeting and support each other's.

Anonymous as views are: a suggestion is stored redacted, with its meeting and language and
nothing about who made it (`bot.storage.suggestions`). One support per person per topic, and
at most `PER_MEETING` topics per person per meeting, are counted under keyed hashes of the
Telegram identity under the meeting's own secret (`bot.domain.anonymity.agenda`), which is
destroyed when the meeting starts or is cancelled; the rows that held those hashes go then
too, and only the counts stay. Until then the service can tell that the same person came
again (so nobody supports a topic twice), never who it was from the database alone.

The organiser and the representatives of the meeting's networks see the topics most
supported first and can put one on the agenda: the network is told, through the delivery
queue, in each member's language (the topic itself in the language it was written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot import delivery
from bot.context import Services
from bot.delivery import Outgoing
from bot.domain import anonymity
from bot.domain.access import Access
from bot.domain.redaction import redact
from bot.i18n import LANGS, N_, Lang, translator
from bot.meetings.outgoing import details
from bot.meetings.texts import when
from bot.secrets import SecretGone
from bot.storage import audit, meetings
from bot.storage import reminders as recipients
from bot.storage import suggestions as store
from bot.storage.meetings import Meeting
from bot.storage.members import Member
from bot.storage.suggestions import Suggestion
from bot.tg.text import esc

PER_MEETING = 3  # topics one person may suggest for one meeting
MIN_LENGTH = 5
MAX_LENGTH = 500
delivery.REPORT_TITLES["meeting_agenda"] = N_(
    "<b>The network has been told the topic is on the agenda.</b>"
)


@dataclass(slots=True)
class Draft:
    """A topic being written: held only in the member's memory slot, like a view's draft."""

    meeting_id: int
    lang: Lang
    text: str | None = field(default=None, repr=False)  # the member's words: never printed

    def forget(self) -> None:
        self.text = None


class Closed(Exception):  # reads as what happened: the meeting's agenda closed
    """The meeting has started or was cancelled: its secret is gone, nothing more counts."""


def open_for(meeting: Meeting | None, now: datetime) -> bool:
    """A meeting still taking suggestions: scheduled, not yet started."""
    return (
        meeting is not None
        and meeting.status == "scheduled"
        and meeting.wrapped_up_at is None
        and meeting.starts_at is not None
        and meeting.starts_at > now
    )


def may_rank(access: Access, meeting: Meeting) -> bool:
    """Organisers, coordinators and the representatives of its networks see the ranking."""
    return any(access.speaks_for(n) for n in meeting.network_ids)


async def _tag(services: Services, meeting: Meeting, *parts: str | int) -> str:
    assert meeting.starts_at is not None
    try:
        return await services.secrets.tag(*anonymity.agenda(meeting.id, meeting.starts_at), *parts)
    except SecretGone:
        raise Closed(meeting.id) from None


async def left(services: Services, member: Member, meeting: Meeting) -> int:
    """How many more topics this person may suggest for the meeting."""
    tag = await _tag(services, meeting, "suggest", member.telegram_id)
    return max(0, PER_MEETING - await store.used(services.db, meeting.id, tag))


async def suggest(services: Services, member: Member, meeting: Meeting, draft: Draft) -> int | None:
    """Store the topic, redacted, within the person's limit; None if over it."""
    assert draft.text is not None
    tag = await _tag(services, meeting, "suggest", member.telegram_id)
    text = redact(draft.text, draft.lang).text
    found = await store.add(
        services.db, meeting.id, draft.lang, text, quota_tag=tag, limit=PER_MEETING
    )
    if found is not None:
        await store.forget_write_order(services.db)
    return found


async def support(
    services: Services, member: Member, meeting: Meeting, suggestion: Suggestion
) -> bool:
    """One support per person; False if they already support it."""
    tag = await _tag(services, meeting, "support", suggestion.id, member.telegram_id)
    added = await store.support(services.db, suggestion.id, tag)
    if added:
        await store.forget_write_order(services.db)
    return added


async def supported(
    services: Services, member: Member, meeting: Meeting, found: list[Suggestion]
) -> set[int]:
    """Which of these topics the person already supports (to tick their buttons)."""
    tags = {s.id: await _tag(services, meeting, "support", s.id, member.telegram_id) for s in found}
    return await store.supported(services.db, [s.id for s in found], tags)


async def close(services: Services, meeting_id: int) -> None:
    """The meeting started or was cancelled: its secret and the hashes under it go."""
    await services.secrets.destroy(anonymity.agenda_name(meeting_id))
    await store.close(services.db, meeting_id)


AGENDA_NOTICE = N_(
    "<b>On the agenda</b>\nA topic members suggested is now on the agenda of “{title}” ({when}):"
)


async def put_on_agenda(
    services: Services, meeting: Meeting, suggestion: Suggestion, actor: Member, report_lang: Lang
) -> int | None:
    """Mark it on the agenda and tell the meeting's networks; None if it already was."""
    db = services.db
    d = await details(db, meeting)
    async with db.transaction() as tx:
        if not await store.put_on_agenda(tx, suggestion.id):
            return None
        texts = {}
        for lang in LANGS:
            tr = translator(lang, services.settings.timezone)
            title = esc(meeting.title(lang))
            texts[lang] = (
                tr.gettext(AGENDA_NOTICE).format(title=title, when=when(tr, d.start))
                + f"\n<blockquote>{esc(suggestion.text)}</blockquote>"
            )
        audience = await recipients.audience(tx, meeting.id)  # as its reminders: off means off
        out = [Outgoing(r.chat_id, texts[r.language], r.member_id) for r in audience]
        if out:
            batch = await delivery.enqueue_in(
                tx,
                kind="meeting_agenda",
                messages=out,
                created_by=actor.id,
                report_chat_id=actor.chat_id,
                report_lang=report_lang,
                label=meeting.title(report_lang),
            )
            await recipients.record_batch(tx, batch, meeting.id, "agenda")
        await audit.record(tx, actor.id, "suggestion.on_agenda", meeting=meeting.id)
    return len(out)


async def coming(
    services: Services, member: Member, access: Access, now: datetime
) -> list[Meeting]:
    """Meetings still taking suggestions: of the member's networks, or those they speak for."""
    mine = {m.id for m in await meetings.of_member(services.db, member.id, now)}
    return [
        m
        for m in await meetings.upcoming(services.db, now)
        if open_for(m, now) and (m.id in mine or may_rank(access, m))
    ]
