"""Reading "since when" and review days typed in Welsh or English (bot.domain.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.dates import Since, read_day, read_since, since_text

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2021", Since(2021)),
        ("ers 2021", Since(2021)),
        ("since 2021", Since(2021)),
        ("Mawrth 2021", Since(2021, 3)),
        ("ers Mawrth 2021", Since(2021, 3)),
        ("o Fawrth 2021", Since(2021, 3)),
        ("yn Nhachwedd 2019", Since(2019, 11)),
        ("ym Medi 2020", Since(2020, 9)),
        ("mis Rhagfyr 2018", Since(2018, 12)),
        ("March 2021", Since(2021, 3)),
        ("Sept 2020", Since(2020, 9)),
        ("3/2021", Since(2021, 3)),
        ("2021-03", Since(2021, 3)),
        ("5/3/2021", Since(2021, 3, 5)),
        ("5.3.21", Since(2021, 3, 5)),
        ("5 March 2021", Since(2021, 3, 5)),
        ("5ed Mawrth 2021", Since(2021, 3, 5)),
        ("March 5th, 2021", Since(2021, 3, 5)),
        ("2021-03-05", Since(2021, 3, 5)),
        ("Tachwedd 2026", Since(2026, 11)),
        ("30/11/2026", Since(2026, 11, 30)),
    ],
)
def test_since_reads_a_year_a_month_or_a_day(typed: str, expected: Since) -> None:
    assert read_since(typed, TODAY) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "next year", "2027", "Rhagfyr 2026", "1/12/2026", "31/2/2021", "13/2021", "1850",
     "Blorch 2020", "ers talwm", "5 Blorch 2020", "x" * 200],
)  # fmt: skip
def test_since_refuses_what_it_cannot_read_or_has_not_come(typed: str) -> None:
    assert read_since(typed, TODAY) is None


def test_since_round_trips_through_storage_text() -> None:
    for since in (Since(2021), Since(2021, 3), Since(2021, 3, 5)):
        assert Since.from_text(since.as_text()) == since
    assert Since(2021).as_text() < Since(2021, 3).as_text() < Since(2021, 3, 5).as_text()


def test_since_in_each_language() -> None:
    assert since_text(Since(2021, 3), "cy") == "Mawrth 2021"
    assert since_text(Since(2021, 3), "en_GB") == "March 2021"
    assert since_text(Since(2021, 3, 5), "cy") == "5 Mawrth 2021"
    assert since_text(Since(2021, 3, 5), "en_GB") == "5 March 2021"
    assert since_text(Since(2021), "cy") == "2021"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3/6/2027", date(2027, 6, 3)),
        ("3 Mehefin 2027", date(2027, 6, 3)),
        ("3 June", date(2027, 6, 3)),  # no year: the next 3 June
        ("30 Tachwedd", date(2026, 11, 30)),  # today counts
        ("1 Rhagfyr", date(2026, 12, 1)),
        ("2027-01-15", date(2027, 1, 15)),
    ],
)
def test_a_review_day(typed: str, expected: date) -> None:
    assert read_day(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["June 2027", "2027", "31/6/2027", "soon", "29/2", "32 Mai"])
def test_a_review_day_needs_a_real_day(typed: str) -> None:
    assert read_day(typed, TODAY) is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 30), 1, date(2026, 12, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 1, 31), 6, date(2026, 7, 31)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
    ],
)
def test_months_later(day: date, months: int, expected: date) -> None:
    from bot.domain.dates import add_months

    assert add_months(day, months) == expected
