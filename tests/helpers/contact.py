"""Acting out direct contact: a member writes to a representative, who replies."""

from __future__ import annotations

from bot.sim.harness import Harness, Person
from bot.storage import Database

WORDS = {
    "en": {
        "anon": "Stay anonymous",
        "named": "Give my name",
        "send": "Send the message",
        "reply": "Reply",
        "end": "End the conversation",
        "sure": "Yes, end the conversation",
        "report": "Report abuse",
        "cancel": "Cancel",
        "edit": "Edit",
    },
    "cy": {
        "anon": "Aros yn ddienw",
        "named": "Rhoi fy enw",
        "send": "Anfon y neges",
        "reply": "Ateb",
        "end": "Gorffen y sgwrs",
        "sure": "Gorffen y sgwrs",
        "report": "Rhoi gwybod am gamdriniaeth",
        "cancel": "Canslo",
        "edit": "Golygu",
    },
}


def words(person_lang: str) -> dict[str, str]:
    return WORDS[person_lang]


async def write_to_rep(
    member: Person, text: str, *, lang: str = "en", rep: str | None = None, named: bool = False
) -> None:
    """/contact, the representative (the first, or the one named), named or not, text, send."""
    w = WORDS[lang]
    await member.say("/cysylltu" if lang == "cy" else "/contact")
    labels = [b.text for b in member.last.button_rows()]
    await member.press(rep or labels[0])
    await member.press(w["named"] if named else w["anon"])
    await member.say(text)
    await member.press(w["send"])


async def reply_in_thread(person: Person, text: str, *, lang: str = "en") -> None:
    """Press Reply on the newest message that has it, write, send."""
    w = WORDS[lang]
    await person.press(w["reply"])
    await person.say(text)
    await person.press(w["send"])


async def open_threads(db: Database) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM contact_threads WHERE ended_at IS NULL"))


async def only_thread_id(h: Harness) -> int:
    return int(await h.services.db.scalar("SELECT id FROM contact_threads"))
