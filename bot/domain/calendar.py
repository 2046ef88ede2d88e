"""A calendar file (.ics) for one meeting, in the reader's language.

    entry = CalendarEntry(
        uid=meeting_uid(12, "cydlais_bot"), sequence=0, start=start, end=end, lang="cy",
        summary="Fforwm Iechyd Meddwl Powys", description="Agenda: …", location="Neuadd y Dref",
    )
    data = calendar_file(entry, stamp=now)  # bytes; send as "cyfarfod.ics", text/calendar

What it writes, and why:
- **Times in UTC** (`DTSTART:20270328T090000Z`), no `TZID` and no `VTIMEZONE`. Every
  calendar app reads UTC and shows it in the phone's own zone, and the instant was worked
  out here with the IANA database, so a meeting just after the clocks change lands right.
  A `TZID` needs the importer to read the file's `VTIMEZONE`, and importers disagree:
  Outlook approximates or ignores VTIMEZONEs it can't fit (Microsoft's MS-STANOICAL
  §2.2.47) and has been seen treating such times as the computer's local time. Recurrence,
  the one thing TZID is needed for, a single meeting doesn't have.
- **One `UID` per meeting, for ever** (`meeting_uid`), and `SEQUENCE` one higher with every
  change, so an app that already has the meeting updates that entry rather than adding a
  second one.
- `METHOD:PUBLISH` for a meeting, `METHOD:CANCEL` with `STATUS:CANCELLED` for a cancelled
  one. Not every app acts on a cancellation in an imported file (some only on e-mailed
  invitations), so callers should say so in the summary too ("Wedi'i ganslo: …").
- The texts are the reader's (the caller translates), marked `LANGUAGE=cy` or `en`.
- No alarm (`VALARM`): the bot sends the reminders, and an imported alarm would be a second
  one on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import STATUS, Calendar, Event

from bot.i18n import Lang

PRODUCT = "-//Cydlais//Cydlais meetings//EN"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One meeting as a calendar shows it. Datetimes are aware; texts in `lang`."""

    uid: str  # meeting_uid(...): the same for every version of the meeting
    sequence: int  # 0 when first sent; one more after every change, cancellation included
    start: datetime
    end: datetime
    summary: str
    lang: Lang
    description: str = ""
    location: str = ""  # a place, or the online link
    url: str | None = None  # the online link, where there is one
    cancelled: bool = False


def meeting_uid(meeting_id: int, bot_username: str) -> str:
    """A meeting's calendar UID: stable, and distinct between two bots' meetings."""
    return f"meeting-{meeting_id}.{bot_username.lower()}@cydlais"


def calendar_file(entry: CalendarEntry, *, stamp: datetime) -> bytes:
    """The .ics file for `entry`; `stamp` (aware) is when it was made (DTSTAMP)."""
    for name, value in (("start", entry.start), ("end", entry.end), ("stamp", stamp)):
        if value.tzinfo is None:
            raise ValueError(f"{name} must be an aware datetime")
    if entry.end <= entry.start:
        raise ValueError("a meeting must end after it starts")
    if entry.sequence < 0:
        raise ValueError("sequence starts at 0")
    event = Event.new(
        uid=entry.uid,
        sequence=entry.sequence,
        stamp=stamp.astimezone(UTC),
        start=entry.start.astimezone(UTC),
        end=entry.end.astimezone(UTC),
        summary=entry.summary,
        description=entry.description or None,
        location=entry.location or None,
        url=entry.url,
        status=STATUS.CANCELLED if entry.cancelled else STATUS.CONFIRMED,
    )
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        if name in event:
            event[name].params["LANGUAGE"] = entry.lang
    calendar = Calendar.new(
        prodid=PRODUCT,
        method="CANCEL" if entry.cancelled else "PUBLISH",
        subcomponents=[event],
    )
    del calendar["UID"]  # Calendar.new gives the file a random one: same meeting, same bytes
    return bytes(calendar.to_ical())
