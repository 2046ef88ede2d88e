"""Plain language: /glossary in Welsh and English, and finding jargon in outgoing text."""

from __future__ import annotations

from bot.domain import jargon
from bot.sim.harness import Harness
from tests.helpers.people import onboard


async def test_glossary_in_english_with_the_term(harness: Harness) -> None:
    person = await onboard(harness, 5001, lang="en")
    [answer] = await person.say("/glossary cmht")
    assert answer.text == (
        "CMHT (Community Mental Health Team)\n"
        "your local mental health team (outside hospital)\n"
        "In Welsh: Tîm Iechyd Meddwl Cymunedol"
    )


async def test_geirfa_in_welsh_asks_then_explains(harness: Harness) -> None:
    person = await onboard(harness, 5002, lang="cy")
    [ask] = await person.say("/geirfa")
    assert ask.text.startswith("Pa air neu dalfyriad hoffech chi gael esboniad arno?")
    [answer] = await person.say("meddyg teulu")
    assert answer.text == "meddyg teulu\neich meddyg teulu\nYn Saesneg: GP"
    [again] = await person.say("helo")  # the step is over: ordinary text again
    assert "Yn Saesneg" not in again.text


async def test_an_unknown_term_and_a_stranger(harness: Harness) -> None:
    person = await onboard(harness, 5003, lang="en")
    [answer] = await person.say("/glossary flibbertigibbet")
    assert "I don't have “flibbertigibbet” in my glossary" in answer.text
    stranger = harness.person(5004, language_code="cy")
    [answer] = await stranger.say("/geirfa CTP")
    assert answer.text.startswith("Cynllun Gofal a Thriniaeth\neich cynllun gofal ysgrifenedig")
    [ask] = await stranger.say("/glossary")
    assert ask.text.startswith("Pa air neu dalfyriad")
    # The word typed next is looked up: not the welcome screen (nothing is stored for it).
    [answer] = await stranger.say("CTP")
    assert answer.text.startswith("Cynllun Gofal a Thriniaeth")
    unknown = harness.person(5005)  # no language known: both, Welsh first
    [ask] = await unknown.say("/glossary")
    assert ask.text.startswith("Pa air neu dalfyriad") and "Which word" in ask.text
    [answer] = await unknown.say("GP")
    assert answer.text.startswith("meddyg teulu") and "family doctor" in answer.text


def test_acronyms_match_case_and_whole_words_only() -> None:
    text = "We edited the plan. Ed and su came; the GP, the RC and BILl; HB staff. Gp rc."
    found = [h.found for h in jargon.find(text)]
    assert found == ["GP", "RC", "BILl", "HB"]


def test_longer_terms_ignore_case_and_curly_apostrophes() -> None:
    hits = jargon.find(
        "a COMMUNITY mental health team and Gwasanaethau Iechyd Meddwl Plant a’r Glasoed"
    )
    assert [h.entry.term_en for h in hits] == [
        "CMHT (Community Mental Health Team)",
        "CAMHS (Child and Adolescent Mental Health Services)",
    ]


def test_each_term_once_and_everyday_words_not_flagged() -> None:
    hits = jargon.find("CTP, CTPs and a Care and Treatment Plan; feedback for your representative")
    assert [h.found for h in hits] == ["CTP"]


def test_lookup() -> None:
    assert [e.term_en for e in jargon.lookup("Section 136")] == ["Section 136"]
    assert [e.term_en for e in jargon.lookup("nyrs")] == ["CPN (Community Psychiatric Nurse)"]
    assert jargon.lookup("xy") == []


async def test_someone_not_yet_known_gets_both_languages(harness: Harness) -> None:
    [answer] = await harness.person(8801).say("/glossary CMHT")
    assert answer.text.index("Yn Saesneg:") < answer.text.index("In Welsh:")
