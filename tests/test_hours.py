"""Reading hours given, as representatives type them (bot.domain.hours), and days gone by."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.dates import read_past_day
from bot.domain.hours import read_minutes


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2", 120),
        ("2.5", 150),
        ("2,5", 150),
        ("2½", 150),
        ("½", 30),
        ("1:30", 90),
        ("1h30", 90),
        ("1h 30m", 90),
        ("1 hour 30 minutes", 90),
        ("1 awr 30 munud", 90),
        ("2 awr", 120),
        ("3 hours", 180),
        ("90 min", 90),
        ("90 munud", 90),
        ("45m", 45),
        ("24", 1440),
    ],
)
def test_time_as_typed(typed: str, minutes: int) -> None:
    assert read_minutes(typed) == minutes


@pytest.mark.parametrize(
    "typed", ["", "lots", "0", "25", "-2", "2 days", "1:75", "x" * 50, "0 munud"]
)
def test_not_a_time_or_out_of_range(typed: str) -> None:
    assert read_minutes(typed) is None


TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("28/11", date(2026, 11, 28)),
        ("30 Tachwedd", date(2026, 11, 30)),
        ("3/12", date(2025, 12, 3)),  # no year: the latest 3 December, last year's
        ("3/12/2025", date(2025, 12, 3)),
    ],
)
def test_a_day_gone_by(typed: str, expected: date) -> None:
    assert read_past_day(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["1/12/2026", "Rhagfyr 2025", "yesterday", "31/11"])
def test_not_a_day_gone_by(typed: str) -> None:
    assert read_past_day(typed, TODAY) is None
