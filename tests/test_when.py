"""What `read_when` reads, typed in Welsh and in English, and what it refuses.

Typed on Monday 30 November 2026 at 10:00 in London (GMT). Each expected value is the local
wall time, "+" if the time was typed; or the Problem.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.when import Note, Problem, Unread, When, read_when
from bot.i18n import Lang, translator

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=LONDON)
MISMATCH, ASSUMED = Note.WEEKDAY_MISMATCH, Note.AFTERNOON_ASSUMED

READS: list[tuple[str, str, set[Note]]] = [
    # Welsh: dates, times, mutations, "nesaf"
    ("3 Rhagfyr 2026 14:00", "Thu 2026-12-03 14:00+", set()),
    ("dydd Mawrth 14:00", "Tue 2026-12-01 14:00+", set()),
    ("14:00 dydd Gwener", "Fri 2026-12-04 14:00+", set()),
    ("yfory am 10", "Tue 2026-12-01 10:00+", set()),
    ("fory am 10yb", "Tue 2026-12-01 10:00+", set()),
    ("10 Ionawr 9.30", "Sun 2027-01-10 09:30+", set()),
    ("heddiw am 3pm", "Mon 2026-11-30 15:00+", set()),
    ("heddiw", "Mon 2026-11-30 00:00", set()),
    ("dydd Mawrth nesaf am 2", "Tue 2026-12-01 14:00+", {ASSUMED}),
    ("dydd Mawrth nesa' am 2", "Tue 2026-12-01 14:00+", {ASSUMED}),
    ("ddydd Iau nesaf", "Thu 2026-12-03 00:00", set()),
    ("ar ddydd Gwener am hanner awr wedi dau", "Fri 2026-12-04 14:30+", {ASSUMED}),
    ("nos Fawrth am 7", "Tue 2026-12-01 19:00+", set()),
    ("nos Lun am 7.30", "Mon 2026-12-07 19:30+", set()),
    ("dydd Llun", "Mon 2026-12-07 00:00", set()),  # on a Monday: a week today
    ("dydd Llun yr wythnos nesaf am 10", "Mon 2026-12-07 10:00+", set()),
    ("y 3ydd o Ragfyr am 2.30yp", "Thu 2026-12-03 14:30+", set()),
    ("3ydd Rhagfyr am 10 y.b.", "Thu 2026-12-03 10:00+", set()),
    ("5ed o Ragfyr am 7yh", "Sat 2026-12-05 19:00+", set()),
    ("3 Mawrth", "Wed 2027-03-03 00:00", set()),  # March after a day number
    ("3 o Fawrth am 10", "Wed 2027-03-03 10:00+", set()),
    ("ym mis Mawrth ar y 4ydd", "Thu 2027-03-04 00:00", set()),
    ("Mawrth am 2", "Tue 2026-12-01 14:00+", {ASSUMED}),  # Tuesday, alone
    ("dydd Mawrth 1 Rhagfyr 2026 am 2", "Tue 2026-12-01 14:00+", {ASSUMED}),
    ("Dydd Sadwrn 5ed Rhagfyr am 11", "Sat 2026-12-05 11:00+", set()),
    ("30 Tachwedd am 3", "Mon 2026-11-30 15:00+", {ASSUMED}),  # today, not next year
    ("1 Tachwedd", "Mon 2027-11-01 00:00", set()),  # passed this year: next year
    ("ymhen 3 diwrnod am 11", "Thu 2026-12-03 11:00+", set()),
    ("drennydd am ddau o'r gloch y prynhawn", "Wed 2026-12-02 14:00+", set()),
    ("bore fory am 7", "Tue 2026-12-01 07:00+", set()),
    ("heno am 8", "Mon 2026-11-30 20:00+", set()),
    ("wythnos i heddiw am 2", "Mon 2026-12-07 14:00+", {ASSUMED}),
    ("ymhen pythefnos am 10", "Mon 2026-12-14 10:00+", set()),
    ("ymhen 3 wythnos", "Mon 2026-12-21 00:00", set()),
    ("am ddeg bore dydd Iau", "Thu 2026-12-03 10:00+", set()),
    ("dydd Gwener am hanner dydd", "Fri 2026-12-04 12:00+", set()),
    ("Dydd Iau, 3 Rhagfyr, am chwarter i dri.", "Thu 2026-12-03 14:45+", {ASSUMED}),
    ("DYDD ŴENER 4 RHAGFYR 14:00", "Fri 2026-12-04 14:00+", set()),  # stray accent, capitals
    # The weekday contradicts the date: keep the date, say so
    ("dydd Mawrth 3 Rhagfyr 2pm", "Thu 2026-12-03 14:00+", {MISMATCH}),
    ("dydd Mawrth 3 Rhagfyr 2026", "Thu 2026-12-03 00:00", {MISMATCH}),
    ("Mawrth 3 Rhagfyr 14:00", "Thu 2026-12-03 14:00+", {MISMATCH}),  # Tuesday: a month follows
    ("Tuesday 3rd December 2026 at 2", "Thu 2026-12-03 14:00+", {MISMATCH, ASSUMED}),
    # English
    ("next Tuesday 14:00", "Tue 2026-12-01 14:00+", set()),
    ("tomorrow at 10am", "Tue 2026-12-01 10:00+", set()),
    ("3 Dec 2pm", "Thu 2026-12-03 14:00+", set()),
    ("3/12/2026 14:00", "Thu 2026-12-03 14:00+", set()),  # day first
    ("3.12.26 at 6pm", "Thu 2026-12-03 18:00+", set()),
    ("2026-12-03 09:15", "Thu 2026-12-03 09:15+", set()),
    ("December 3rd at 2:30 p.m.", "Thu 2026-12-03 14:30+", set()),
    ("Tuesday next week 2pm", "Tue 2026-12-08 14:00+", set()),
    ("Friday 4th December at quarter to 3", "Fri 2026-12-04 14:45+", {ASSUMED}),
    ("in 3 days at noon", "Thu 2026-12-03 12:00+", set()),
    ("in 2 weeks at 2pm", "Mon 2026-12-14 14:00+", set()),
    ("weds 2pm", "Wed 2026-12-02 14:00+", set()),
    ("tonight at 7", "Mon 2026-11-30 19:00+", set()),
    ("Wed at 7 in the evening", "Wed 2026-12-02 19:00+", set()),
    ("3 Dec 2026 02:00", "Thu 2026-12-03 02:00+", set()),  # zero-padded: the 24-hour clock
    ("3 Dec 2026 at 8", "Thu 2026-12-03 08:00+", set()),  # 8 stays morning
]

REFUSES: list[tuple[str, Problem]] = [
    ("", Problem.EMPTY),
    ("   ", Problem.EMPTY),
    ("x" * 5_000, Problem.TOO_LONG),
    ("sometime", Problem.UNREADABLE),
    ("rywbryd", Problem.UNREADABLE),
    ("dydd Mawrth 2", Problem.UNREADABLE),  # day 2 or 2 o'clock?
    ("12", Problem.UNREADABLE),
    ("32 Rhagfyr", Problem.BAD_DATE),
    ("30 Chwefror", Problem.BAD_DATE),
    ("3/13/2026", Problem.BAD_DATE),  # no month 13: not read month first
    ("25:00", Problem.BAD_TIME),
    ("yfory am 14:75", Problem.BAD_TIME),
    ("yfory 14am", Problem.BAD_TIME),
    ("am 2", Problem.NO_DAY),
    ("14:00", Problem.NO_DAY),
    ("Rhagfyr", Problem.NO_DAY),
    ("wythnos nesaf", Problem.NO_DAY),
    ("next week", Problem.NO_DAY),
    ("yfory 14:00-16:00", Problem.TWO_TIMES),
    ("dydd Llun dydd Mawrth", Problem.TWO_DAYS),
    ("30 Tachwedd am 9", Problem.PAST),  # 09:00 today, at 10:00
    ("3 Rhagfyr 2025", Problem.PAST),
    ("3/12/2062", Problem.TOO_FAR),
]


def show(reading: When) -> str:
    local = reading.at.astimezone(LONDON)
    return f"{local:%a %Y-%m-%d %H:%M}" + ("+" if reading.time_given else "")


@pytest.mark.parametrize(("text", "expected", "notes"), READS)
def test_reads(text: str, expected: str, notes: set[Note]) -> None:
    reading = read_when(text, now=NOW, tz=LONDON)
    assert isinstance(reading, When), reading
    assert (show(reading), set(reading.notes)) == (expected, notes)
    assert reading.at.tzinfo is UTC


@pytest.mark.parametrize(("text", "problem"), REFUSES)
def test_refuses(text: str, problem: Problem) -> None:
    assert read_when(text, now=NOW, tz=LONDON) == Unread(problem)


def test_weekday_typed_is_kept_for_the_confirmation() -> None:
    reading = read_when("dydd Mawrth 3 Rhagfyr 2026 am 2", now=NOW, tz=LONDON)
    assert isinstance(reading, When)
    assert reading.weekday == 1 and reading.at.weekday() == 3


@pytest.mark.parametrize("hour", range(1, 13))
def test_an_hour_alone_from_1_to_7_is_the_afternoon(hour: int) -> None:
    reading = read_when(f"yfory am {hour}", now=NOW, tz=LONDON)
    assert isinstance(reading, When)
    wanted = hour + 12 if hour <= 7 else hour
    assert reading.at.astimezone(LONDON).hour == wanted
    assert (Note.AFTERNOON_ASSUMED in reading.notes) == (hour <= 7)


# The clocks go forward at 01:00 GMT on Sunday 28 March 2027 and back at 02:00 BST on
# Sunday 31 October 2027.
def test_a_time_the_clocks_skip_is_refused() -> None:
    assert read_when("28 Mawrth 2027 01:30", now=NOW, tz=LONDON) == Unread(Problem.NO_SUCH_TIME)


def test_a_meeting_just_after_the_clocks_go_forward_is_in_summer_time() -> None:
    reading = read_when("dydd Sul 28 Mawrth 2027 am 10", now=NOW, tz=LONDON)
    assert isinstance(reading, When) and not reading.notes
    assert reading.at == datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
    reading = read_when("28/3/2027 02:30", now=NOW, tz=LONDON)
    assert isinstance(reading, When) and reading.at == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_an_hour_that_happens_twice_is_the_first_and_noted() -> None:
    reading = read_when("31 Hydref 2027 1.30yb", now=NOW, tz=LONDON)
    assert isinstance(reading, When)
    assert reading.notes == {Note.REPEATED_HOUR}
    assert reading.at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 01:30 BST
    after = read_when("dydd Sul 31 Hydref 2027 am 10", now=NOW, tz=LONDON)
    assert isinstance(after, When) and after.at == datetime(2027, 10, 31, 10, 0, tzinfo=UTC)


def test_typed_on_the_day_the_clocks_change() -> None:
    now = datetime(2027, 3, 28, 0, 30, tzinfo=LONDON)  # half an hour before they go forward
    reading = read_when("heddiw am 3", now=now, tz=LONDON)
    assert isinstance(reading, When)
    assert reading.at == datetime(2027, 3, 28, 14, 0, tzinfo=UTC)


def test_now_in_another_zone_is_the_same_instant() -> None:
    reading = read_when("yfory am 10", now=NOW.astimezone(UTC), tz=LONDON)
    assert isinstance(reading, When) and show(reading) == "Tue 2026-12-01 10:00+"


def test_just_before_midnight_tomorrow_is_the_local_tomorrow() -> None:
    # 23:30 on 31 May in London is 22:30 UTC: "tomorrow" is 1 June either way.
    now = datetime(2027, 5, 31, 22, 30, tzinfo=UTC)
    reading = read_when("yfory am 10", now=now, tz=LONDON)
    assert isinstance(reading, When)
    assert reading.at.astimezone(LONDON).date().isoformat() == "2027-06-01"


def test_past_is_to_the_minute() -> None:
    assert read_when("heddiw am 10:00", now=NOW, tz=LONDON) == Unread(Problem.PAST)
    soon = read_when("heddiw am 10:01", now=NOW, tz=LONDON)
    assert isinstance(soon, When) and soon.at - NOW == timedelta(minutes=1)


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        read_when("yfory", now=datetime(2026, 11, 30, 10, 0), tz=LONDON)  # noqa: DTZ001


@pytest.mark.parametrize("lang", ["cy", "en"])
@pytest.mark.parametrize("fmt", ["full", "long", "medium", "short"])
def test_what_the_bot_shows_can_be_typed_back(lang: Lang, fmt: str) -> None:
    # A confirmation or an example the bot shows (Babel, with "am"/"at" and a 24-hour time)
    # reads back to the same instant, over two years of dates and times.
    tr = translator(lang, LONDON)
    for days in range(1, 731, 17):
        at = (NOW + timedelta(days=days)).replace(hour=days * 5 % 24, minute=days * 7 % 60)
        reading = read_when(tr.datetime(at, fmt), now=NOW, tz=LONDON)
        assert isinstance(reading, When), (tr.datetime(at, fmt), reading)
        assert reading.at == at and reading.notes <= {Note.REPEATED_HOUR}
