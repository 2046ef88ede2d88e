"""Every command has a Welsh name people can read, old Welsh names keep working, and the menu
a newcomer sees before choosing a language is Welsh first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.commands import COMMANDS, command
from bot.i18n import SEPARATOR
from bot.sim.harness import Harness
from tests.helpers.delivery import coordinator
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import make_rep

TELEGRAM_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
COMMAND_IN_TEXT = re.compile(r"(?:^|(?<=[\s(“]))/([a-z][a-z0-9_]*)")

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def test_every_command_has_its_own_welsh_name() -> None:
    welsh = [c.cy for c in COMMANDS]
    assert all(c.cy != c.en for c in COMMANDS), [c.en for c in COMMANDS if c.cy == c.en]
    every = [name for c in COMMANDS for name in c.names]
    assert len(every) == len(set(every)), "a name used twice"
    assert all(TELEGRAM_COMMAND.match(name) for name in every)
    # Long Welsh names are two words joined as Telegram allows, so they read as words.
    assert {"amser_crynodeb", "cysylltu_grwp", "anfon_neges", "dechrau"} <= set(welsh)


def test_old_welsh_names_still_work_but_are_never_shown() -> None:
    assert command("broadcast").names == ["broadcast", "anfon_neges", "darlledu"]
    assert command("digesttime").names == ["digesttime", "amser_crynodeb", "amsercrynodeb"]
    assert command("linkgroup").names == ["linkgroup", "cysylltu_grwp", "cysylltugrwp"]


def _catalog_commands() -> list[tuple[str, str]]:
    with (LOCALES / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        catalog = read_po(fp, locale="cy")
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(i, s) for i in ids for s in strings]
    return pairs


def test_text_names_commands_in_its_own_language() -> None:
    """English text says /start and /broadcast; its Welsh says /dechrau and /anfon_neges."""
    english = {c.en for c in COMMANDS} | {
        "as",
        "quit",
        "later",
    }  # and the terminal demo's own words
    welsh = {c.cy for c in COMMANDS} | {"fel", "gorffen", "wedyn"}
    problems = []
    for msgid, msgstr in _catalog_commands():
        problems += [f"{msgid!r}: /{n}" for n in COMMAND_IN_TEXT.findall(msgid) if n not in english]
        problems += [f"{msgstr!r}: /{n}" for n in COMMAND_IN_TEXT.findall(msgstr) if n not in welsh]
    assert problems == []


async def test_dechrau_welcomes_a_newcomer_welsh_first(harness: Harness) -> None:
    [welcome] = await harness.person(4101, language_code="en").say("/dechrau")
    assert welcome.text.index("Croeso i Gydlais") < welcome.text.index("Welcome to Cydlais")
    assert [b.text for b in welcome.button_rows()] == ["Cymraeg", "English"]


async def test_refusals_and_goodbyes_name_dechrau_in_welsh(harness: Harness) -> None:
    [refused] = await harness.person(4102).say("/fy_nata")
    welsh, english = refused.text.split(SEPARATOR)
    assert welsh.endswith("anfonwch /dechrau.") and english.endswith("send /start.")
    person = await onboard(harness, 4103, lang="cy")
    [stopped] = await person.say("/stopio")
    assert "anfonwch /dechrau" in stopped.text and "/start" not in stopped.text
    back, menu = await person.say("/dechrau")
    assert back.text == "Croeso'n ôl. Bydda i'n anfon negeseuon atoch chi eto."
    assert "/adborth" in menu.text


@pytest.mark.parametrize("typed", ["/anfon_neges", "/darlledu"])
async def test_the_plain_welsh_name_and_the_old_one_both_start_a_message(
    harness: Harness, typed: str
) -> None:
    boss = await coordinator(harness, lang="cy")
    [ask] = await boss.say(typed)
    assert "Pwy ddylai gael y neges hon?" in ask.text
    assert "/anfon_neges" in (await boss.say("/cymorth"))[0].text
    assert "/darlledu" not in (await boss.say("/cymorth"))[0].text


@pytest.mark.parametrize("typed", ["/amser_crynodeb", "/amsercrynodeb"])
async def test_digest_time_by_either_welsh_name(harness: Harness, typed: str) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 4104, places["carers"], lang="cy")
    await rep.say(typed)
    assert "Crynodeb wythnosol Rhwydwaith Gofalwyr Caerdydd a'r Fro" in rep.last.text
    menu = [c["command"] for c in harness.sim.commands_for({"type": "chat", "chat_id": 4104})]
    assert "amser_crynodeb" in menu and "amsercrynodeb" not in menu


@pytest.mark.parametrize("typed", ["/cysylltu_grwp", "/cysylltugrwp"])
async def test_link_group_by_either_welsh_name(harness: Harness, typed: str) -> None:
    await seed_constituencies(harness)
    boss = await coordinator(harness, lang="cy")
    [answer] = await boss.say(typed)
    assert answer.text == "Anfonwch /cysylltu_grwp yn sgwrs grŵp y cynrychiolwyr, nid yma."


async def test_the_menu_before_choosing_is_bilingual_welsh_first(harness: Harness) -> None:
    """Telegram's apps have no Welsh: most Welsh speakers' apps say `en`, so the default menu,
    which they see before choosing, is in both languages, each name in its own language."""
    default = [(c["command"], c["description"]) for c in harness.sim.commands_for()]
    names = [name for name, _ in default]
    assert names[:4] == ["adborth", "feedback", "ymuno", "join"]
    assert default[0][1] == "Rhannu barn â'ch cynrychiolwyr, yn ddienw"
    assert default[1][1] == "Share a view with your representatives, anonymously"
    assert names.index("iaith") < names.index("language")
    welsh_app = [c["command"] for c in harness.sim.commands_for(language_code="cy")]
    assert "adborth" in welsh_app and "feedback" not in welsh_app


async def test_after_choosing_english_the_menu_is_english(harness: Harness) -> None:
    await onboard(harness, 4105, lang="en", language_code="en")
    menu = [c["command"] for c in harness.sim.commands_for({"type": "chat", "chat_id": 4105})]
    assert "feedback" in menu and "adborth" not in menu
