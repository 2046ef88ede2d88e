"""Plain language: /glossary in Welsh and English, and finding jargon in outgoing text."""

from __future__ import annotations

import pytest

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


def test_every_entry_is_found_by_its_welsh_and_by_its_english() -> None:
    from bot.domain.glossary import load_glossary

    missing = []
    for entry in load_glossary():
        for lang in ("cy", "en"):
            word = entry.term(lang).split(" (")[0]
            if entry not in jargon.lookup(word):
                missing.append(f"{lang}: {word}")
    assert missing == []


@pytest.mark.parametrize(
    ("welsh", "english", "term_en"),
    [
        ("rhwydwaith", "network", "network (or forum)"),
        ("etholaeth", "constituency", "constituency (the people a representative speaks for)"),
        ("canlyniad", "outcome", "outcome"),
        ("aelod", "member", "member"),
        ("fforwm", "forum", "network (or forum)"),
    ],
)
def test_words_people_asked_for_in_both_languages(welsh: str, english: str, term_en: str) -> None:
    assert [e.term_en for e in jargon.lookup(welsh)][:1] == [term_en]
    assert [e.term_en for e in jargon.lookup(english)][:1] == [term_en]


@pytest.mark.parametrize(
    ("typed", "term_en"),
    [
        ("rwydwaith", "network (or forum)"),  # soft: ei rwydwaith
        ("nghynllun gofal a thriniaeth", "CTP (Care and Treatment Plan)"),  # nasal: fy
        ("thîm iechyd meddwl cymunedol", "CMHT (Community Mental Health Team)"),  # aspirate: ei
        ("gynrychiolydd", "representative"),  # soft: eich cynrychiolydd -> i gynrychiolydd
        ("feddyg teulu", "GP"),  # soft: ei feddyg teulu
    ],
)
def test_a_mutated_welsh_word_finds_its_entry(typed: str, term_en: str) -> None:
    assert [e.term_en for e in jargon.lookup(typed)][:1] == [term_en]


def test_unmutating_never_finds_what_was_not_asked() -> None:
    assert jargon.radicals("rwydwaith") == ["rhwydwaith"]
    assert jargon.radicals("fam") == ["bam", "mam"]
    assert jargon.radicals("eirfa") == ["geirfa"]
    assert (
        jargon.lookup("bwrdd iechyd prifysgol")[0].term_en == "HB / UHB (University Health Board)"
    )


async def test_geirfa_rhwydwaith_in_welsh_and_glossary_network_in_english(
    harness: Harness,
) -> None:
    welsh = await onboard(harness, 5011, lang="cy")
    [answer] = await welsh.say("/geirfa rhwydwaith")
    assert answer.text.startswith("rhwydwaith (neu fforwm)\ngrŵp o bobl sy'n rhannu barn")
    assert answer.text.endswith("Yn Saesneg: network (or forum)")
    [answer] = await welsh.say("/geirfa etholaeth")
    assert "nid sedd etholiadol" in answer.text
    english = await onboard(harness, 5012, lang="en")
    [answer] = await english.say("/glossary network")
    assert answer.text.endswith("In Welsh: rhwydwaith (neu fforwm)")
