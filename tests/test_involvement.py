"""Involvement on record: a representative's own record and hours, in Welsh and English, and
the coordinators' CSV export, its columns and counts."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from bot.handlers.involvement import AttendanceButton, ExportButton, InvolvementButton
from bot.sim.harness import Harness, Person
from bot.storage import involvement as store
from bot.storage import meetings, members, rsvps
from bot.storage import representatives as rep_store
from bot.storage.db import utcnow
from bot.views import today
from tests.helpers.db import row_counts
from tests.helpers.delivery import coordinator
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.polls import send_poll, write_poll
from tests.helpers.views import CARERS_CY, CARERS_EN, make_rep
from tests.test_outcomes import record

ADD = {"en": "Add hours you gave", "cy": "Ychwanegu oriau rydych chi wedi'u rhoi"}
TODAY = {"en": "Today", "cy": "Heddiw"}
ANOTHER = {"en": "Another day", "cy": "Diwrnod arall"}
NO_NOTE = {"en": "No note", "cy": "Dim nodyn"}


async def add_hours(
    rep: Person, lang: str, typed: str, *, day: str | None = None, note: str | None = None
) -> None:
    await rep.say("/cyfranogiad" if lang == "cy" else "/involvement")
    await rep.press(ADD[lang])
    await rep.say(typed)
    if day is None:
        await rep.press(TODAY[lang])
    else:
        await rep.press(ANOTHER[lang])
        await rep.say(day)
    if note is None:
        await rep.press(NO_NOTE[lang])
    else:
        await rep.say(note)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_a_representatives_own_record(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7401, places["carers"], lang=lang)
    await onboard(harness, 7402, lang="en", join=CARERS_EN)
    await write_poll(rep, lang=lang)
    await send_poll(harness, rep, lang)
    await record(rep, lang, topic=None, send="quietly")
    yesterday = today(harness.settings) - timedelta(days=1)
    await add_hours(rep, lang, "2,5")
    await add_hours(rep, lang, "1:30", day=yesterday.strftime("%d/%m/%Y"), note="Forum =SUM(A1)")
    [shown] = await rep.say("/cyfranogiad" if lang == "cy" else "/involvement")
    if lang == "cy":
        assert "Polau a gynhalioch chi: 1 ers 1 Ebrill " in shown.text
        assert "Canlyniadau a adroddoch chi: 1 ers " in shown.text
        assert "Oriau a roesoch chi: 4 awr ers 1 Ebrill" in shown.text
        assert ": 1 awr 30 munud (Forum =SUM(A1))" in shown.text
    else:
        assert "Polls you ran: 1 since 1 April " in shown.text and " · 1 in all" in shown.text
        assert "Outcomes you reported: 1 since " in shown.text
        assert (
            "Hours you gave: 4 hours since 1 April" in shown.text and "4 hours in all" in shown.text
        )
        assert (
            ": 2 hours 30 minutes" in shown.text
            and ": 1 hour 30 minutes (Forum =SUM(A1))" in shown.text
        )

    # The latest entry can be taken back by its owner.
    await rep.press("Tynnu'r cofnod diweddaraf" if lang == "cy" else "Remove the latest entry")
    await rep.press("Ydw, tynnu'r cofnod hwn" if lang == "cy" else "Yes, remove this entry")
    assert (
        "Oriau a roesoch chi: 2 awr 30 munud"
        if lang == "cy"
        else "Hours you gave: 2 hours 30 minutes"
    ) in rep.last.text


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_bad_input_gets_a_clear_answer(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7411, places["carers"], lang=lang)
    await rep.say("/involvement")
    await rep.press(ADD[lang])
    before = await row_counts(harness.services.db)
    for typed in ("lots", "25", "-1", "0"):
        [answer] = await rep.say(typed)
        assert (
            "Allwn i ddim darllen hynny fel hyd o amser"
            if lang == "cy"
            else "I couldn't read that as a length of time"
        ) in answer.text, typed
    await rep.say("2")
    await rep.press(ANOTHER[lang])
    for typed in (f"1/1/{today(harness.settings).year + 1}", "soon", "31/2/2026"):
        [answer] = await rep.say(typed)
        assert (
            "Allwn i ddim darllen hynny fel diwrnod"
            if lang == "cy"
            else "I couldn't read that as a day"
        ) in answer.text
    await rep.say("1/1/2026")
    [long] = await rep.say("x" * 101)
    assert "100" in long.text
    counts = await row_counts(harness.services.db)
    assert counts["involvement_hours"] == before["involvement_hours"] == 0


async def test_nobody_removes_anothers_entry(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7421, places["carers"])
    other = await make_rep(harness, 7422, places["users"])
    await add_hours(rep, "en", "3")
    entry = int(await harness.services.db.scalar("SELECT id FROM involvement_hours"))
    await other.say("/involvement")
    for action in ("remove", "sure"):
        await other.press_data(InvolvementButton(action, entry).pack())  # type: ignore[arg-type]
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM involvement_hours") == 1
    await other.press_data(ExportButton("all").pack())  # a representative, not a coordinator
    assert "This is for coordinators." in str(harness.sim.callback_answers[-1].get("text"))
    assert not any(m.document for m in other.inbox)


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_the_csv_export_columns_and_counts(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    boss = await coordinator(harness, lang=lang)
    rep = await make_rep(harness, 7431, places["carers"], lang="en")
    quiet = await make_rep(harness, 7432, places["users"], lang="cy")
    await onboard(harness, 7433, lang="en", join=CARERS_EN)
    await onboard(harness, 7434, lang="cy", join=CARERS_CY)
    db = harness.services.db
    rep_member = await members.by_telegram_id(db, 7431)
    quiet_member = await members.by_telegram_id(db, 7432)
    assert rep_member is not None and quiet_member is not None
    await rep_store.set_display_name(db, rep_member.id, '=HYPERLINK("http://x","Rhys")')
    await write_poll(rep, lang="en")
    await send_poll(harness, rep, "en")
    await record(rep, "en", topic=None, send="quietly")
    await record(rep, "en", topic=None, send="quietly")
    await add_hours(rep, "en", "2")
    await add_hours(quiet, "cy", "1.5")
    await held_meeting(harness, rep, places["carers"], came=[rep_member.id])
    # Time given more than a year ago counts for all time, not the last 12 months.
    old = today(harness.settings) - timedelta(days=400)
    await store.add_hours(db, quiet_member.id, old, 60, "")

    async def export(period: str) -> list[list[str]]:
        await boss.say("/cyfranogiad" if lang == "cy" else "/involvement")
        await boss.press(
            "Cofnod pawb, fel taenlen" if lang == "cy" else "Everyone's record, as a spreadsheet"
        )
        labels = {"all": ("Erioed", "All time"), "12m": ("Y 12 mis diwethaf", "The last 12 months")}
        await boss.press(labels[period][lang == "en"])
        document = boss.last.document
        assert document is not None and document[0].startswith("cydlais-involvement-")
        return list(csv.reader(io.StringIO(document[1].decode("utf-8-sig"))))

    rows = await export("all")
    header = (
        ["Rhif aelod", "Yr enw a ddangosir i aelodau", "Rôl", "Rhwydweithiau", "Polau a gynhaliwyd",
         "Canlyniadau a adroddwyd", "Diweddariadau ar y cynnydd", "Cyfarfodydd a fynychwyd",
         "Oriau a roddwyd"]
        if lang == "cy"
        else ["Member number", "Name shown to members", "Role", "Networks", "Polls run",
              "Outcomes reported", "Progress updates", "Meetings attended", "Hours given"]
    )  # fmt: skip
    assert rows[0] == header
    by_member = {int(r[0]): r for r in rows[1:]}
    representative = "cynrychiolydd" if lang == "cy" else "representative"
    assert by_member[rep_member.id] == [
        str(rep_member.id),
        '\'=HYPERLINK("http://x","Rhys")',  # a formula never runs in a spreadsheet
        representative,
        "Rhwydwaith Gofalwyr Caerdydd a'r Fro" if lang == "cy" else CARERS_EN,
        "1",
        "2",
        "0",
        "1",
        "2.00",
    ]
    assert by_member[quiet_member.id][4:] == ["0", "0", "0", "0", "2.50"]
    # One row each for those who hold a role or did something: not members, nor a coordinator
    # (named in the settings) who has done nothing yet.
    assert set(by_member) == {rep_member.id, quiet_member.id}
    recent = await export("12m")
    assert {int(r[0]): r for r in recent[1:]}[quiet_member.id][8] == "1.50"


async def held_meeting(h: Harness, organiser: Person, network: int, came: list[int]) -> int:
    """A meeting planned as an organiser would, which then took place (its start moved into
    the past, as time passing would), and the organiser's confirmation of who came."""
    from tests.helpers.meetings import plan

    start = (utcnow() + timedelta(days=10)).astimezone(h.settings.timezone)
    meeting = await plan(h, organiser, "en", start.replace(hour=14, minute=0, second=0))
    await meetings.set_start(h.services.db, meeting.id, utcnow() - timedelta(days=2))
    await organiser.say("/involvement")
    await organiser.press("Confirm who came to a meeting")
    await organiser.press(organiser.last.button_rows()[0].text)
    labels = [b.text for b in organiser.last.button_rows()]
    db = h.services.db
    for member_id in came:
        name = await rep_store.display_name(db, member_id)
        position = next(
            r.position
            for r in await rep_store.of_constituency(db, network)
            if r.member_id == member_id
        )
        label = next(t for t in labels if t.startswith(name or f"Representative {position}"))
        await organiser.press(label)
    await organiser.press("That's everyone who came")
    return meeting.id


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_meetings_attended_as_the_organiser_confirms(harness: Harness, lang: str) -> None:
    places = await seed_constituencies(harness)
    organiser = await make_rep(harness, 7441, places["carers"])
    came = await make_rep(harness, 7442, places["carers"], lang=lang)
    stayed = await make_rep(harness, 7443, places["carers"])
    outsider = await make_rep(harness, 7444, places["users"])
    db = harness.services.db
    came_id = (await members.by_telegram_id(db, 7442)).id  # type: ignore[union-attr]
    stayed_id = (await members.by_telegram_id(db, 7443)).id  # type: ignore[union-attr]
    meeting_id = await held_meeting(harness, organiser, places["carers"], came=[])
    await rsvps.answer(db, meeting_id, came_id, "yes")
    await rsvps.answer(db, meeting_id, stayed_id, "yes")

    # The list is every representative of the network, never who replied how.
    await organiser.say("/involvement")
    await organiser.press("Confirm who came to a meeting")
    [listed] = await organiser.press(organiser.last.button_rows()[0].text)
    labels = [b.text for b in listed.button_rows()]
    assert labels == [
        "Representative 1 (Cardiff and Vale Carers' Network)",
        "Representative 2 (Cardiff and Vale Carers' Network)",
        "Representative 3 (Cardiff and Vale Carers' Network)",
        "That's everyone who came",
    ]
    assert "I'll be there" not in listed.text
    await organiser.press("Representative 2 (Cardiff and Vale Carers' Network)")
    ticked = [b.text for b in organiser.last.button_rows()]
    assert "✓ Representative 2 (Cardiff and Vale Carers' Network)" in ticked
    finish = {b.text: b.data for b in organiser.last.button_rows()}
    await organiser.press("That's everyone who came")

    [record] = await came.say("/cyfranogiad" if lang == "cy" else "/involvement")
    if lang == "cy":
        assert (
            "Cyfarfodydd y daethoch chi iddyn nhw, fel y cadarnhaodd eu trefnwyr: 1 ers"
            in record.text
        )
        assert "Cyfarfodydd y dywedoch chi y byddech chi'n dod iddyn nhw: 1 ers" in record.text
    else:
        assert "Meetings you came to, as their organisers confirmed: 1 since" in record.text
        assert "Meetings you said you would come to: 1 since" in record.text
    [other] = await stayed.say("/involvement")
    assert "as their organisers confirmed: 0 since" in other.text
    assert "you said you would come to: 1 since" in other.text

    # Nobody else confirms: not another network's representative, nor with an old button.
    before = await row_counts(db)
    for action in ("meeting", "toggle", "done"):
        await outsider.press_data(AttendanceButton(action, meeting_id, stayed_id).pack())  # type: ignore[arg-type]
    await organiser.press_data(finish["That's everyone who came"])
    await organiser.press_data(AttendanceButton("toggle", meeting_id, stayed_id).pack())
    assert await row_counts(db) == before
    actions = [r[0] for r in await db.fetchall("SELECT action FROM audit_log")]
    assert actions.count("meeting.attendance") == 2
