"""Crisis phrases from data/, matched kindly: word boundaries, any case, Welsh accents folded."""

from __future__ import annotations

import pytest

from bot.domain.safety import normalise, shown_lines, suggests_crisis, support_message
from bot.i18n import translator


@pytest.mark.parametrize(
    "text",
    [
        "Some days I just want to die",
        "I've been SELF-HARMING again",
        "I can’t go on like this",  # curly apostrophe
        "Rwy'n methu â mynd ymlaen",
        "Rwy'n methu a mynd ymlaen",  # without the to bach
        "Weithiau rwy eisiau marw",
        "meddwl am hunanladdiad",
        "Rwy wedi meddwl am ladd fy hun",  # soft mutation: lladd → ladd
        "Rwy'n mynd i frifo fy hun",  # brifo → frifo
        "Dw i eisiau brifo fy hunan",
        "Rwy'n meddwl am roi diwedd ar fy mywyd",  # rhoi → roi
    ],
)
def test_phrases_match(text: str) -> None:
    assert suggests_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "The overdosed budget",  # not a word-boundary match for "overdose"
        "Waiting lists are too long",
        "Mae'r gwasanaeth yn dda",
        "suicidalness",  # not the whole word
    ],
)
def test_ordinary_text_does_not_match(text: str) -> None:
    assert not suggests_crisis(text)


def test_normalise_folds_welsh_accents() -> None:
    assert normalise("Ŵyr  Â’R") == "wyr a'r"


def test_only_verified_lines_are_shown() -> None:
    shown = shown_lines()
    assert shown and all(line.is_verified for line in shown)
    assert "call-helpline" not in {line.id for line in shown}  # its number is unconfirmed


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_support_message_in_each_language(lang: str) -> None:
    from zoneinfo import ZoneInfo

    text = support_message(translator(lang, ZoneInfo("Europe/London")))  # type: ignore[arg-type]
    assert "0808 164 0123" in text and "116 123" in text and "111" in text
    if lang == "cy":
        assert "Llinell Gymraeg y Samariaid" in text and "19:00–23:00" in text
        assert "ddim yn cael eu darllen" in text
    else:
        assert "Samaritans Welsh Language Line" in text and "not read in real" in text
