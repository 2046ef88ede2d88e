"""Acting out common steps, so each test reads as what the person does."""

from __future__ import annotations

from bot.sim.harness import Harness, Person
from bot.storage import constituencies


async def onboard(
    h: Harness,
    user_id: int,
    *,
    lang: str = "en",
    first_name: str = "Sam",
    join: str | None = None,
    describe: str = "I'd rather not say",
    language_code: str | None = None,
) -> Person:
    """Start, choose a language, agree, optionally join a network, answer the optional question."""
    person = h.person(user_id, first_name, language_code=language_code)
    await person.say("/start")
    await person.press("Cymraeg" if lang == "cy" else "English")
    await person.press("Rwy'n cytuno, awn ati" if lang == "cy" else "I agree, let's start")
    if join:
        await person.press(join)
    finish = "Rydw i wedi gorffen dewis" if lang == "cy" else "I've finished choosing"
    if any(b.text == finish for b in person.last.button_rows()):
        await person.press(finish)
    labels = {
        "I'd rather not say": "Mae'n well gen i beidio â dweud",
        "I care for someone": "Rwy'n gofalu am rywun",
        "I use or have used services": "Rwy'n defnyddio neu wedi defnyddio gwasanaethau",
        "Both of these": "Y ddau",
    }
    await person.press(labels[describe] if lang == "cy" else describe)
    return person


async def seed_constituencies(h: Harness) -> dict[str, int]:
    db = h.services.db
    return {
        "carers": await constituencies.create(
            db,
            "carers-cv",
            "Rhwydwaith Gofalwyr Caerdydd a'r Fro",
            "Cardiff and Vale Carers' Network",
        ),
        "users": await constituencies.create(
            db, "users-hd", "Fforwm Defnyddwyr Hywel Dda", "Hywel Dda Service Users' Forum"
        ),
    }
