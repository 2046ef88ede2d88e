"""What the demo starts with: three networks, a representative and a coordinator who have
already joined, and last week's views, so a representative's /digest shows something at once."""

from __future__ import annotations

from datetime import timedelta

from bot.digests_schedule import this_and_last
from bot.i18n import Lang
from bot.sim.harness import Harness
from bot.storage import constituencies, members, roles
from bot.storage import topics as topic_store
from bot.storage import views as view_store
from bot.storage.views import NewView
from bot.views import today

CARERS = ("Rhwydwaith Gofalwyr Caerdydd a'r Fro", "Cardiff and Vale Carers' Network")


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
    for key, (user_id, lang) in people.items():
        member = await members.create(db, user_id, user_id, lang)
        await constituencies.join(db, member.id, carers)
        if key == "rep":
            await roles.grant(db, member.id, "representative", carers)
    # Last week's views, so a representative's /digest has something in it straight away.
    topic = await topic_store.open_topic(
        db, carers, "Apwyntiadau gyda'r nos", "Evening appointments"
    )
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
