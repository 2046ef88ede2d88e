"""Reading a poll's options as a person types them: one per line, or between semicolons."""

from __future__ import annotations

import pytest

from bot.domain.plain import visible
from bot.domain.polls import BadOptions, Options, read_options


def test_numbering_and_bullets_go_and_each_option_is_one_clean_line() -> None:
    found = read_options("1. Bore\n  b) Gyda'r   nos \n• Penwythnos")
    assert found == Options(["Bore", "Gyda'r nos", "Penwythnos"])
    assert read_options("Morning; Evening") == Options(["Morning", "Evening"])


def test_invisible_characters_pasted_with_an_option_are_taken_out() -> None:
    """A zero-width space, a byte-order mark or a direction override can't be seen, so a
    person can't take it out; in a button it could make one option look like another."""
    found = read_options("\ufeffBore\u200b\nGyda'r\u202e nos")
    assert found == Options(["Bore", "Gyda'r nos"])
    assert read_options("Bore\nBore\u200b") == BadOptions("repeated")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("", "empty"), ("\u200b\n\u200b", "empty"), ("Dim ond un", "too_few")],
)
def test_what_cannot_be_a_poll_is_refused(typed: str, problem: str) -> None:
    found = read_options(typed)
    assert isinstance(found, BadOptions) and found.problem == problem


def test_a_question_keeps_its_lines_but_nothing_invisible() -> None:
    assert visible("\ufeffBeth fyddai'n helpu?\u200b\nMeddyliwch am y gaeaf.") == (
        "Beth fyddai'n helpu?\nMeddyliwch am y gaeaf."
    )
