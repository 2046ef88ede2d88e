"""Members setting the agenda: topics suggested anonymously, supported once each, ranked for
the organiser and representatives, put on the agenda with the network told; everything that
could tell who supported what gone when the meeting starts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.config import Settings
from bot.sim.harness import Harness, Person
from bot.storage import suggestions
from bot.storage.db import utcnow
from tests.helpers.db import all_values
from tests.helpers.delivery import harness_with, representative
from tests.helpers.meetings import plan, run_at, texts
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN

WORDS = {
    "suggest": {"en": "Suggest a topic", "cy": "Awgrymu pwnc"},
    "send": {"en": "Send anonymously", "cy": "Anfon yn ddienw"},
    "support 1": {"en": "I support topic 1", "cy": "Rwy'n cefnogi pwnc 1"},
    "ranked": {
        "en": "Most supported first (for representatives)",
        "cy": "Y mwyaf o gefnogaeth yn gyntaf (i gynrychiolwyr)",
    },
    "agenda 1": {"en": "Put topic 1 on the agenda", "cy": "Rhoi pwnc 1 ar yr agenda"},
    "on agenda": {"en": "On the agenda", "cy": "Ar yr agenda"},
    "thanks": {
        "en": "Thank you: you support this topic.",
        "cy": "Diolch: rydych chi'n cefnogi'r pwnc hwn.",
    },
    "already": {
        "en": "You already support this topic: one support each.",
        "cy": "Rydych chi'n cefnogi'r pwnc hwn yn barod: un gefnogaeth yr un.",
    },
}
TOPIC_CY = "Mae angen trafod apwyntiadau gyda'r nos i ofalwyr. Ffoniwch fi ar 07700 900123."


def ahead(h: Harness) -> datetime:
    local = (utcnow() + timedelta(days=10)).astimezone(h.settings.timezone)
    return local.replace(hour=14, minute=0, second=0, microsecond=0)


async def suggest(person: Person, lang: str, text: str) -> None:
    await person.say("/awgrymu" if lang == "cy" else "/suggest")
    await person.press(WORDS["suggest"][lang])
    await person.say(text)
    await person.press(WORDS["send"][lang])


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_suggested_supported_ranked_and_put_on_the_agenda(
    settings: Settings, lang: str
) -> None:
    async with harness_with(settings, min_group=2) as h:
        places = await seed_constituencies(h)
        rep = await representative(h, 7500, places["carers"], lang=lang)
        alys = await onboard(h, 7501, lang="cy", join=CARERS_CY)
        ben = await onboard(h, 7502, lang="en", join=CARERS_EN)
        cai = await onboard(h, 7503, lang="en", join=CARERS_EN)
        meeting = await plan(h, rep, lang, ahead(h))

        # Alys suggests a topic: she sees it as others will, her phone number taken out.
        [listing] = await alys.say("/awgrymu")
        assert "Does neb wedi awgrymu pwnc ar gyfer y cyfarfod hwn eto." in listing.text
        [asked] = await alys.press(WORDS["suggest"]["cy"])
        assert "Fydd neb yn gweld pwy a'i hawgrymodd" in asked.text
        [preview] = await alys.say(TOPIC_CY)
        assert preview.text.startswith(
            "Dyma'n union beth fydd eraill yn eich rhwydwaith yn ei weld."
        )
        assert "[rhif ffôn wedi'i dynnu]" in preview.text and "07700" not in preview.text
        assert "Iaith: Cymraeg" in preview.text
        await alys.press(WORDS["send"]["cy"])
        assert "Diolch: mae eich pwnc ar y rhestr, yn ddienw." in alys.last.text

        # Nothing stored says who suggested it.
        db = h.services.db
        [topic] = await suggestions.of_meeting(db, meeting.id)
        assert topic.text.startswith("Mae angen trafod") and "07700" not in topic.text
        for table in ("agenda_suggestions", "agenda_supports", "agenda_quota"):
            for row in await db.fetchall(f"SELECT * FROM {table}"):  # fixed names
                assert alys.id not in tuple(row) and str(alys.id) not in map(str, row)

        # Ben and Cai support it; a second press counts once.
        await ben.say("/suggest")
        assert "(written in Welsh)" in ben.last.text
        [thanks] = await ben.press(WORDS["support 1"]["en"])
        assert thanks.text.startswith(WORDS["thanks"]["en"])
        assert "✓ You support topic 1" in [b.text for b in ben.last.button_rows()]
        await ben.press("✓ You support topic 1")
        assert h.sim.callback_answers[-1]["text"] == WORDS["already"]["en"]
        await cai.say("/suggest")
        await cai.press(WORDS["support 1"]["en"])
        [found] = await suggestions.of_meeting(db, meeting.id)
        assert found.supports == 2

        # The organiser sees them ranked, with the count, and puts it on the agenda.
        await rep.say("/awgrymu" if lang == "cy" else "/suggest")
        [ranked] = await rep.press(WORDS["ranked"][lang])
        assert ("wedi'i gefnogi gan: 2" if lang == "cy" else "supported by: 2") in ranked.text
        await rep.press(WORDS["agenda 1"][lang])
        await run_at(h, utcnow())
        for person, reader in ((alys, "cy"), (ben, "en"), (cai, "en")):
            [notice] = texts(person, WORDS["on agenda"][reader])
            assert "Mae angen trafod apwyntiadau" in notice
        await ben.say("/meetings")
        assert "Mae angen trafod apwyntiadau" in ben.inbox[-2].text  # in the meeting's agenda
        assert "(suggested by members, written in Welsh)" in ben.inbox[-2].text
        assert (
            await db.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'suggestion.on_agenda'")
            == 1
        )

        # The meeting starts: who supported what, and the secret it was kept under, are gone.
        assert meeting.starts_at is not None
        assert "agenda:1" in h.services.secrets.scopes()
        await run_at(h, meeting.starts_at)
        assert "agenda:1" not in h.services.secrets.scopes()
        assert await db.scalar("SELECT COUNT(*) FROM agenda_supports") == 0
        assert await db.scalar("SELECT COUNT(*) FROM agenda_quota") == 0
        [kept] = await suggestions.of_meeting(db, meeting.id)
        assert kept.supports == 2 and kept.on_agenda


async def test_one_support_each_even_after_forget_and_joining_again(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7510, places["carers"], lang="en")
    ben = await onboard(harness, 7511, lang="en", join=CARERS_EN)
    await plan(harness, rep, "en", ahead(harness))
    await suggest(ben, "en", "Evening appointments for carers who work.")
    await ben.say("/suggest")
    await ben.press(WORDS["support 1"]["en"])
    await ben.say("/forget")
    await ben.press("Yes, delete everything about me")
    ben = await onboard(harness, 7511, lang="en", join=CARERS_EN)
    await ben.say("/suggest")
    await ben.press("✓ You support topic 1")  # still the same person under the meeting's secret
    assert harness.sim.callback_answers[-1]["text"] == WORDS["already"]["en"]
    [found] = await suggestions.of_meeting(harness.services.db, 1)
    assert found.supports == 1


async def test_three_topics_each_and_crisis_words_get_support(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7520, places["carers"], lang="en")
    ben = await onboard(harness, 7521, lang="en", join=CARERS_EN)
    await plan(harness, rep, "en", ahead(harness))
    for n in range(3):
        await suggest(ben, "en", f"Topic number {n} for the carers' forum.")
    await ben.say("/suggest")
    assert WORDS["suggest"]["en"] not in [b.text for b in ben.last.button_rows()]
    await ben.say("/suggest")
    replies = await ben.press_data("sugg:new:1")
    assert "the most one person can" in str(harness.sim.callback_answers[-1]["text"])
    assert not replies or "Write the topic" not in replies[-1].text
    assert len(await suggestions.of_meeting(harness.services.db, 1)) == 3

    other = await onboard(harness, 7522, lang="en", join=CARERS_EN)
    await other.say("/suggest")
    await other.press(WORDS["suggest"]["en"])
    replies = await other.say("I want to end my life, nobody at the clinic listens.")
    assert any("not read in real time" in r.text for r in replies)
    assert replies[-1].text.startswith("This is exactly what others in your network will see.")


async def test_a_cancelled_meeting_closes_its_agenda(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7530, places["carers"], lang="en")
    ben = await onboard(harness, 7531, lang="en", join=CARERS_EN)
    await plan(harness, rep, "en", ahead(harness))
    await suggest(ben, "en", "Evening appointments for carers who work.")
    await ben.say("/suggest")
    listing = {b.text: b.data for b in ben.last.button_rows()}
    await rep.say("/meeting")
    await rep.press(rep.last.button_rows()[1].text)
    await rep.press("Cancel the meeting")
    await rep.press("Yes, cancel the meeting")
    assert "agenda:1" not in harness.services.secrets.scopes()
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM agenda_supports") == 0
    await ben.press_data(str(listing["I support topic 1"]))
    assert harness.sim.callback_answers[-1]["text"] == (
        "That meeting has started or been cancelled, so its agenda is closed."
    )
    [reply] = await ben.say("/suggest")
    assert reply.text.startswith("There are no meetings coming up for your networks")


async def test_nothing_about_who_suggested_or_supported_is_left_after_the_meeting(
    harness: Harness,
) -> None:
    places = await seed_constituencies(harness)
    rep = await representative(harness, 7540, places["carers"], lang="en")
    people = [await onboard(harness, 7541 + i, lang="en", join=CARERS_EN) for i in range(3)]
    meeting = await plan(harness, rep, "en", ahead(harness))
    await suggest(people[0], "en", "Evening appointments for carers who work.")
    for person in people[1:]:
        await person.say("/suggest")
        await person.press(WORDS["support 1"]["en"])
    assert meeting.starts_at is not None
    await run_at(harness, meeting.starts_at + timedelta(minutes=1))
    values = await all_values(harness.services.db)
    rows = await harness.services.db.fetchall("SELECT tag FROM agenda_supports")
    assert rows == []
    # No table holds a hash that anyone, with the database, could match to a member.
    assert not any(isinstance(v, str) and len(v) == 64 for v in values)


async def test_the_agendas_secret_is_made_when_the_meeting_is_planned(harness: Harness) -> None:
    """Its file's times then say when the meeting was saved, never when someone first
    suggested or supported a topic."""
    places = await seed_constituencies(harness)
    organiser = await representative(harness, 9300, places["carers"], lang="en")
    folder = harness.settings.secrets_dir
    before = set(folder.iterdir()) if folder.exists() else set()
    meeting = await plan(harness, organiser, "en", ahead(harness))
    made = {p for p in folder.iterdir()} - before
    assert len(made) == 1, made  # the agenda's, and nothing else
    stamp = next(iter(made)).stat().st_mtime
    member = await onboard(harness, 9301, lang="en", join=CARERS_EN)
    await suggest(member, "en", "Evening appointments for carers who work, please.")
    assert {p for p in folder.iterdir()} - before == made
    assert next(iter(made)).stat().st_mtime == stamp
    assert meeting.status == "scheduled"
