"""A meeting as a calendar file (.ics) in the reader's language (`bot.domain.calendar`)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.calendar import CalendarEntry, calendar_file, meeting_uid
from bot.i18n import Tr
from bot.meetings.texts import Details, agenda_items, is_link
from bot.storage.db import utcnow


def calendar_document(
    d: Details, tr: Tr, bot_username: str, *, cancelled: bool = False
) -> tuple[str, bytes]:
    """(file name, bytes): the same UID for every version, SEQUENCE one more per change."""
    m = d.meeting
    title = m.title(tr.lang)
    if cancelled:
        title = tr.gettext("Cancelled: {title}").format(title=title)
    items = agenda_items(m.agenda(tr.lang))
    description = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    entry = CalendarEntry(
        uid=meeting_uid(m.id, bot_username),
        sequence=m.sequence,
        start=d.start,
        end=d.start + timedelta(minutes=m.minutes),
        summary=title,
        lang=tr.lang,
        description=description,
        location=m.place,
        url=m.place.strip() if is_link(m.place) and m.place.strip().startswith("http") else None,
        cancelled=cancelled,
    )
    name = tr.gettext("meeting-{id}.ics").format(id=m.id)
    return name, calendar_file(entry, stamp=utcnow())
