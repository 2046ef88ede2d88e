"""The meeting's .ics file, read back field by field: both languages, a change, a
cancellation, a meeting just after the clocks change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from bot.domain.calendar import CalendarEntry, calendar_file, meeting_uid

LONDON = ZoneInfo("Europe/London")
STAMP = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
START = datetime(2026, 12, 3, 14, 0, tzinfo=LONDON)
TEXTS = {
    "cy": (
        "Fforwm Iechyd Meddwl Powys: cyfarfod chwarterol gyda'r bwrdd iechyd a'r gwŷr a'r gwragedd",
        "Agenda:\n1. Croeso\n2. Adborth; camau nesaf, a'r hyn a wnaethom",
        "Neuadd y Dref, Y Drenewydd",
    ),
    "en": (
        "Powys Mental Health Forum: quarterly meeting with the health board",
        "Agenda:\n1. Welcome\n2. Feedback; next steps, and what we did",
        "Town Hall, Newtown",
    ),
}


def entry(lang: str = "cy", **changes: object) -> CalendarEntry:
    summary, description, location = TEXTS[lang]
    base = CalendarEntry(
        uid=meeting_uid(12, "Cydlais_Bot"),
        sequence=0,
        start=START,
        end=START + timedelta(hours=2),
        summary=summary,
        lang=lang,  # type: ignore[arg-type]
        description=description,
        location=location,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def read(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    (event,) = calendar.events
    return calendar, event


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_every_field_reads_back(lang: str) -> None:
    calendar, event = read(calendar_file(entry(lang), stamp=STAMP))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"].startswith("-//Cydlais")
    assert calendar["METHOD"] == "PUBLISH"
    assert "UID" not in calendar and not calendar.walk("VTIMEZONE") and not event.walk("VALARM")
    assert event["UID"] == "meeting-12.cydlais_bot@cydlais"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event.start == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)  # GMT in December
    assert event.end == datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    assert event["DTSTAMP"].dt == STAMP
    assert (event["SUMMARY"], event["DESCRIPTION"], event["LOCATION"]) == TEXTS[lang]
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert event[name].params["LANGUAGE"] == lang
    assert "URL" not in event


def test_the_file_is_rfc_5545_text() -> None:
    data = calendar_file(entry("cy"), stamp=STAMP)
    text = data.decode("utf-8")  # UTF-8, Welsh letters whole
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)  # CRLF only
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets
    assert "DTSTART:20261203T140000Z" in text and "TZID" not in text
    assert "gwŷr" in text.replace("\r\n ", "")


def test_a_change_updates_the_same_entry() -> None:
    first = read(calendar_file(entry(), stamp=STAMP))[1]
    moved = entry(
        sequence=1, start=START + timedelta(days=1), end=START + timedelta(days=1, hours=2)
    )
    second = read(calendar_file(moved, stamp=STAMP + timedelta(hours=1)))[1]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second.start == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_cancelled_meeting(lang: str) -> None:
    calendar, event = read(calendar_file(entry(lang, sequence=2, cancelled=True), stamp=STAMP))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2 and event["UID"] == "meeting-12.cydlais_bot@cydlais"


def test_a_meeting_just_after_the_clocks_go_forward() -> None:
    # Sunday 28 March 2027: 01:00 GMT becomes 02:00 BST. 10:00 that morning is 09:00 UTC.
    start = datetime(2027, 3, 28, 10, 0, tzinfo=LONDON)
    _, event = read(calendar_file(entry(start=start, end=start + timedelta(hours=1)), stamp=STAMP))
    assert event.start == datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
    assert event.end == datetime(2027, 3, 28, 10, 0, tzinfo=UTC)
    assert event.start.astimezone(LONDON).hour == 10


def test_a_meeting_across_the_night_the_clocks_go_back() -> None:
    # 31 October 2027: 00:30 BST to 02:30 GMT is three hours, as the file says.
    start = datetime(2027, 10, 31, 0, 30, tzinfo=LONDON)
    end = datetime(2027, 10, 31, 2, 30, tzinfo=LONDON)
    _, event = read(calendar_file(entry(start=start, end=end), stamp=STAMP))
    assert (event.start, event.end) == (
        datetime(2027, 10, 30, 23, 30, tzinfo=UTC),
        datetime(2027, 10, 31, 2, 30, tzinfo=UTC),
    )


def test_an_online_meeting_carries_its_link() -> None:
    link = "https://meet.example.org/fforwm-powys?pwd=a1,b2"
    _, event = read(calendar_file(entry(location=link, url=link), stamp=STAMP))
    assert event["URL"] == link and event["LOCATION"] == link


def test_empty_texts_are_left_out() -> None:
    _, event = read(calendar_file(entry(description="", location=""), stamp=STAMP))
    assert "DESCRIPTION" not in event and "LOCATION" not in event


def test_same_meeting_same_bytes() -> None:
    assert calendar_file(entry(), stamp=STAMP) == calendar_file(entry(), stamp=STAMP)


def test_uids_differ_between_meetings_and_bots() -> None:
    assert len({meeting_uid(1, "a_bot"), meeting_uid(2, "a_bot"), meeting_uid(1, "b_bot")}) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": datetime(2026, 12, 3, 14, 0)}, "aware"),  # noqa: DTZ001
        ({"end": START}, "end after"),
        ({"sequence": -1}, "sequence"),
    ],
)
def test_mistakes_in_the_entry_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        calendar_file(entry(**changes), stamp=STAMP)
