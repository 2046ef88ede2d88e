"""What the demo starts with: three networks, a representative and a coordinator who have
already joined, last week's views, so a representative's /digest shows something at once,
and a meeting of the carers' network in eight days, so `/later 1d` brings its first reminder;
the representative's name and a declared interest (/reps), and an outcome (/outcomes) whose
review day is tomorrow."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.digests_schedule import this_and_last
from bot.domain.dates import Since
from bot.i18n import Lang
from bot.sim.harness import Harness
from bot.storage import constituencies, meetings, members, roles
from bot.storage import interests as interest_store
from bot.storage import outcomes as outcome_store
from bot.storage import representatives as rep_store
from bot.storage import topics as topic_store
from bot.storage import views as view_store
from bot.storage.db import utcnow
from bot.storage.meetings import Field
from bot.storage.outcomes import Field as OutcomeField
from bot.storage.views import NewView
from bot.views import today

CARERS = ("Rhwydwaith Gofalwyr Caerdydd a'r Fro", "Cardiff and Vale Carers' Network")
QUIET_MEMBERS = 8_800_001  # Telegram ids of the network's members nobody plays


async def seed(h: Harness, people: dict[str, tuple[int, Lang]]) -> None:
    """Networks and sample views; `people` ("rep", "coordinator") by Telegram id and language."""
    db = h.services.db
    carers = await constituencies.create(db, "carers-cv", *CARERS)
    await constituencies.create(
        db, "users-hd", "Fforwm Defnyddwyr Gwasanaeth Hywel Dda", "Hywel Dda Service Users' Forum"
    )
    await constituencies.create(
        db, "youth-bc", "Llais Ifanc Betsi Cadwaladr", "Betsi Cadwaladr Young People's Voice"
    )
    rep_id = 0
    for key, (user_id, lang) in people.items():
        member = await members.create(db, user_id, user_id, lang)
        await constituencies.join(db, member.id, carers)
        if key == "rep":
            rep_id = member.id
            await roles.grant(db, member.id, "representative", carers)
            # As members see them in /reps: a name they chose and an interest they declared.
            await rep_store.set_display_name(db, member.id, "Rhys")
            await interest_store.declare(
                db,
                member.id,
                "Ymddiriedolwr elusen gofalwyr leol",
                "Trustee of a local carers' charity",
                Since(2019),
            )
    assert rep_id
    # Other members of the carers' network, who never speak in the demo: with them it is
    # big enough for a view to stay anonymous, as a real network would be.
    quiet: tuple[Lang, ...] = ("cy", "en", "cy", "en")
    for n, quiet_lang in enumerate(quiet):
        other = await members.create(db, QUIET_MEMBERS + n, QUIET_MEMBERS + n, quiet_lang)
        await constituencies.join(db, other.id, carers)
    await seed_meeting(h, rep_id, carers)
    # Last week's views, so a representative's /digest has something in it straight away.
    topic = await topic_store.open_topic(
        db, carers, "Apwyntiadau gyda'r nos", "Evening appointments"
    )
    if rep_id:  # an outcome already recorded, so /outcomes has something in it too
        outcome = await outcome_store.create_draft(db, rep_id, carers)
        await outcome_store.set_link(db, outcome, topic_id=topic)
        texts: dict[OutcomeField, str] = {
            "said_cy": "Roedd apwyntiadau yn ystod y dydd yn anodd i ofalwyr sy'n gweithio.",
            "said_en": "Daytime appointments were hard for carers who work.",
            "did_cy": "Bydd clinig gyda'r nos bob nos Iau o'r mis nesaf.",
            "did_en": "There will be an evening clinic every Thursday from next month.",
        }
        for field, text in texts.items():
            await outcome_store.set_text(db, outcome, field, text)
        await outcome_store.set_review(db, outcome, today(h.settings) + timedelta(days=1))
        await outcome_store.mark_recorded(db, outcome, None)
    _, week = await this_and_last(db, carers, today(h.settings))
    samples: list[tuple[int | None, Lang, str]] = [
        (
            topic,
            "cy",
            "Mae'n anodd cyrraedd apwyntiadau yn ystod y dydd gan fy mod i'n gofalu am fy mam.",
        ),
        (topic, "en", "Evening appointments would mean I don't have to take unpaid leave."),
        (
            None,
            "en",
            "The carers' assessment letter was full of jargon; I had to ask what a CTP was.",
        ),
        (None, "cy", "Diolch am y grŵp cymorth ar nos Fawrth, mae wedi bod yn help mawr."),
        (topic, "cy", "Byddai apwyntiadau ar-lein gyda'r nos yn help i ofalwyr sy'n gweithio."),
    ]
    days = [week.first + timedelta(days=n) for n in range(len(samples))]
    await view_store.add_many(
        db,
        [
            NewView(carers, t, lang, text, day)
            for (t, lang, text), day in zip(samples, days, strict=True)
        ],
    )


async def seed_meeting(h: Harness, organiser_id: int, network_id: int) -> None:
    """The carers' forum in eight days at 14:00, its agenda and one paper (Telegram holds it)."""
    db = h.services.db
    tz = h.settings.timezone
    day = utcnow().astimezone(tz).date() + timedelta(days=8)
    meeting_id = await meetings.create_draft(
        db, organiser_id, "representative", h.settings.reminder_offsets
    )
    await meetings.set_networks(db, meeting_id, [network_id])
    details: dict[Field, str] = {
        "title_cy": "Fforwm Gofalwyr Caerdydd a'r Fro",
        "title_en": "Cardiff and Vale Carers' Forum",
        "place": "Canolfan Gymunedol Sblot, Caerdydd (mynediad heb risiau / step-free access)",
        "agenda_cy": "Croeso\nApwyntiadau gyda'r nos\nCynllun gofalwyr y bwrdd iechyd",
        "agenda_en": "Welcome\nEvening appointments\nThe health board's carers' plan",
    }
    for field, value in details.items():
        await meetings.set_field(db, meeting_id, field, value)
    await meetings.set_start(db, meeting_id, datetime.combine(day, time(14, 0), tzinfo=tz))
    await meetings.schedule(db, meeting_id)
    file_id = "BQACdemo0001"
    h.sim.files[file_id] = ("papurau-fforwm-gofalwyr.pdf", b"%PDF-1.4 papurau / papers")
    await meetings.add_paper(db, meeting_id, file_id, "papurau-fforwm-gofalwyr.pdf", late=False)
