"""Declared interests and /reps: a representative declares, changes and withdraws interests
and chooses the name members see; members see who speaks for them, in Welsh and English."""

from __future__ import annotations

import pytest

from bot.handlers.interests import InterestButton
from bot.sim.harness import Harness, Person
from bot.storage import audit, members
from tests.helpers.db import row_counts
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, make_rep

DECLARE = {"en": "Declare an interest", "cy": "Datgan buddiant"}


async def declare(rep: Person, lang: str, cy: str, en: str, since: str) -> None:
    await rep.say("/buddiannau" if lang == "cy" else "/interests")
    await rep.press(DECLARE[lang])
    await rep.say(cy)
    await rep.say(en)
    await rep.say(since)


async def actions(h: Harness) -> list[str]:
    return [e.action for e in reversed(await audit.latest(h.services.db))]


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_interests_declared_changed_and_withdrawn_as_members_see_them(
    harness: Harness, lang: str
) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7101, places["carers"], lang=lang)
    welsh = await onboard(harness, 7102, lang="cy", join=CARERS_CY)
    english = await onboard(harness, 7103, lang="en", join=CARERS_EN)

    [none] = await english.say("/reps")
    assert "Cardiff and Vale Carers' Network" in none.text
    assert "Representative 1" in none.text and "Has declared no interests." in none.text

    await declare(
        rep,
        lang,
        "Gweithio rhan-amser i'r bwrdd iechyd",
        "Part-time work for the health board",
        "ers Mawrth 2021" if lang == "cy" else "since March 2021",
    )
    assert (
        "Wedi'i ddatgan" if lang == "cy" else "Declared. Members of the networks"
    ) in rep.last.text
    [seen_cy] = await welsh.say("/cynrychiolwyr")
    assert seen_cy.text.startswith("Pwy sy'n siarad ar eich rhan")
    assert "• Gweithio rhan-amser i'r bwrdd iechyd, ers Mawrth 2021 (datganwyd " in seen_cy.text
    [seen_en] = await english.say("/reps")
    assert "• Part-time work for the health board, since March 2021 (declared " in seen_en.text
    assert "Gweithio" not in seen_en.text

    # Change it: keep the Welsh, new English, keep the date
    await rep.press("Newid buddiant 1" if lang == "cy" else "Change interest 1")
    await rep.press("Cadw'r Gymraeg fel y mae" if lang == "cy" else "Keep the Welsh as it is")
    assert ("Ar hyn o bryd: Part-time work" if lang == "cy" else "Now: Part-time work") in (
        rep.last.text
    )
    await rep.say("Part-time work for Cardiff and Vale University Health Board")
    await rep.press("Cadw “ers Mawrth 2021”" if lang == "cy" else "Keep “since March 2021”")
    [changed] = await english.say("/reps")
    assert "Cardiff and Vale University Health Board, since March 2021 (updated " in changed.text
    [changed_cy] = await welsh.say("/cynrychiolwyr")
    assert "Gweithio rhan-amser i'r bwrdd iechyd, ers Mawrth 2021 (diweddarwyd " in changed_cy.text

    # Withdraw it
    await rep.press("Tynnu buddiant 1 yn ôl" if lang == "cy" else "Withdraw interest 1")
    await rep.press("Tynnu'r buddiant hwn yn ôl" if lang == "cy" else "Yes, withdraw this interest")
    [after] = await english.say("/reps")
    assert "Part-time" not in after.text and "Has declared no interests." in after.text
    assert await actions(harness) == [
        "interest.declared",
        "interest.updated",
        "interest.withdrawn",
    ]


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_the_name_members_see_is_chosen_and_removed(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7111, places["carers"], lang=lang)
    await make_rep(harness, 7112, places["carers"], lang="en")
    member = await onboard(harness, 7113, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
    [both] = await member.say("/reps")
    first, second = (
        ("Cynrychiolydd 1", "Cynrychiolydd 2")
        if lang == "cy"
        else (
            "Representative 1",
            "Representative 2",
        )
    )
    assert first in both.text and second in both.text

    await rep.say("/interests")
    await rep.press(
        "Dewis yr enw mae aelodau'n ei weld" if lang == "cy" else "Choose the name members see"
    )
    [refused] = await rep.say("R")
    assert ("rhwng 2 a 40 nod" if lang == "cy" else "2 to 40 characters") in refused.text
    await rep.say("Rhys <b>gofalwr</b>")
    [named] = await member.say("/reps")
    assert "<b>Rhys &lt;b&gt;gofalwr&lt;/b&gt;</b>" in named.source  # escaped: read as typed
    assert "Rhys <b>gofalwr</b>" in named.text
    assert first not in named.text and second in named.text
    await rep.press("Tynnu fy enw" if lang == "cy" else "Remove my name")
    [unnamed] = await member.say("/reps")
    assert first in unnamed.text
    assert (await actions(harness))[-2:] == ["representative.named", "representative.unnamed"]


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_bad_input_gets_a_clear_answer_and_changes_nothing(
    harness: Harness, lang: str
) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7121, places["carers"], lang=lang)
    await rep.say("/interests")
    await rep.press(DECLARE[lang])
    [short] = await rep.say("x")
    assert ("rhwng 3 a 300 nod" if lang == "cy" else "3 to 300 characters") in short.text
    await rep.say("Ymddiriedolwr elusen gofalwyr")
    await rep.say("Trustee of a carers' charity")
    before = await row_counts(harness.services.db)
    for typed in ("next year", "2099", "32/13/2020", "1850", "Blorch 2020"):
        [answer] = await rep.say(typed)
        assert (
            "Allwn i ddim darllen hynny" if lang == "cy" else "I couldn't read that as a date"
        ) in answer.text, typed
    assert await row_counts(harness.services.db) == before
    await rep.say("2019")
    assert "Trustee of a carers' charity" in (await onboard_and_look(harness)).text


async def onboard_and_look(h: Harness) -> object:
    member = await onboard(h, 7129, lang="en", join=CARERS_EN)
    [seen] = await member.say("/reps")
    return seen


async def test_nobody_changes_anothers_interest_with_a_forged_button(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7131, places["carers"])
    other = await make_rep(harness, 7132, places["users"])
    await declare(rep, "en", "Gwaith", "Work", "2020")
    interest_id = int(await harness.services.db.scalar("SELECT id FROM interests"))
    before = await row_counts(harness.services.db)
    await other.say("/interests")
    for action in ("change", "withdraw", "sure", "keep"):
        await other.press_data(InterestButton(action, interest_id).pack())  # type: ignore[arg-type]
    await other.say("Not mine to change")
    assert await row_counts(harness.services.db) == {**before, "pending_input": 2}  # two lists open
    row = await harness.services.db.fetchone("SELECT * FROM interests")
    assert row is not None and row["what_en"] == "Work" and row["withdrawn_at"] is None


async def test_forget_erases_a_representatives_interests_and_name(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7141, places["carers"])
    await declare(rep, "en", "Gwaith", "Work", "2020")
    await rep.press("Choose the name members see")
    await rep.say("Rhys")
    [mydata] = [m for m in await rep.say("/mydata") if "Everything I hold" in m.text]
    assert "interests you declared as a representative: 1" in mydata.text
    assert "the name members see for you as a representative: 1" in mydata.text
    await rep.say("/forget")
    await rep.press("Yes, delete everything about me")
    db = harness.services.db
    assert await db.scalar("SELECT COUNT(*) FROM interests") == 0
    assert await db.scalar("SELECT COUNT(*) FROM rep_profiles") == 0
    assert await members.by_telegram_id(db, 7141) is None


async def test_reps_for_someone_in_no_network(harness: Harness) -> None:
    await seed_constituencies(harness)
    member = await onboard(harness, 7151, lang="cy")
    [answer] = await member.say("/cynrychiolwyr")
    assert "Dydych chi ddim wedi ymuno â rhwydwaith eto" in answer.text
