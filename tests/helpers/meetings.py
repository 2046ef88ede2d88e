"""Acting out meetings: an organiser plans one as typed, the clock moves, members answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain import reminders as rules
from bot.i18n import translator
from bot.sim.harness import Harness, Person
from bot.storage import deliveries, meetings
from bot.storage.meetings import Meeting
from bot.tg import clock
from tests.helpers.delivery import until

WORDS: dict[str, dict[str, str]] = {
    "new": {"en": "Plan a new meeting", "cy": "Trefnu cyfarfod newydd"},
    "finished": {"en": "I've finished choosing networks", "cy": "Rydw i wedi gorffen dewis rhwydweithiau"},
    "right": {"en": "Yes, that's right", "cy": "Ydy, mae hynny'n iawn"},
    "retype": {"en": "No, I'll type it again", "cy": "Nac ydy, fe wna i ei deipio eto"},
    "buttons": {"en": "Choose with buttons", "cy": "Dewis gyda botymau"},
    "2h": {"en": "2 hours", "cy": "2 awr"},
    "no agenda": {"en": "No agenda yet", "cy": "Dim agenda eto"},
    "save": {"en": "Save the meeting", "cy": "Cadw'r cyfarfod"},
    "cancel draft": {"en": "Cancel, don't save it", "cy": "Canslo, heb ei gadw"},
    "detail": {"en": "Change a detail", "cy": "Newid manylyn"},
    "papers": {"en": "Add papers", "cy": "Ychwanegu papurau"},
    "papers done": {"en": "That's all the papers", "cy": "Dyna'r papurau i gyd"},
    "when": {"en": "The date and time", "cy": "Y dyddiad a'r amser"},
    "send change": {"en": "Send the change to members", "cy": "Anfon y newid at aelodau"},
    "cancel": {"en": "Cancel the meeting", "cy": "Canslo'r cyfarfod"},
    "sure": {"en": "Yes, cancel the meeting", "cy": "Canslo'r cyfarfod hwn"},
    "yes": {"en": "I'll be there", "cy": "Bydda i yno"},
    "no": {"en": "I can't come", "cy": "Alla i ddim dod"},
    "maybe": {"en": "Not sure yet", "cy": "Ddim yn siŵr eto"},
    "mute": {"en": "No more reminders about this meeting", "cy": "Dim rhagor o negeseuon atgoffa am y cyfarfod hwn"},
    "unmute": {"en": "Remind me about this meeting again", "cy": "Atgoffa fi am y cyfarfod hwn eto"},
    "first": {"en": "A meeting for you", "cy": "Cyfarfod i chi"},
    "reminder": {"en": "Meeting reminder", "cy": "Nodyn atgoffa am gyfarfod"},
    "change": {"en": "Change to a meeting", "cy": "Newid i drefniadau cyfarfod"},
    "cancelled": {"en": "Meeting cancelled", "cy": "Cyfarfod wedi'i ganslo"},
    "late": {"en": "A late paper", "cy": "Papur hwyr"},
    "warning": {"en": "No papers yet", "cy": "Dim papurau eto"},
    "past": {
        "en": "That time has already passed: a meeting must be in the future.",
        "cy": "Mae'r amser hwnnw wedi mynd heibio'n barod: rhaid i gyfarfod fod yn y dyfodol.",
    },
}  # fmt: skip
TITLES = ("Fforwm Gofalwyr", "Carers' Forum")
AGENDA = ("Croeso\nCynllun gofalwyr", "Welcome\nCarers' plan")


def w(key: str, lang: str) -> str:
    return WORDS[key][lang]


def typed(at: datetime, lang: str, h: Harness) -> str:
    """A date and time as someone would type it: "Dydd Iau 10 Rhagfyr am 2yp"."""
    tr = translator("cy" if lang == "cy" else "en", h.settings.timezone)
    local = at.astimezone(h.settings.timezone)
    day = tr.date(local, "EEEE d MMMM y")
    return f"{day} am {local:%H:%M}" if lang == "cy" else f"{day} {local:%H:%M}"


async def plan(
    h: Harness,
    organiser: Person,
    lang: str,
    start: datetime,
    *,
    place: str = "Neuadd y Dref, Caerdydd",
    agenda: tuple[str, str] | None = AGENDA,
    network: str | None = None,
) -> Meeting:
    """/meeting, typed through to "Save the meeting"; returns the scheduled meeting."""
    await organiser.say("/cyfarfod" if lang == "cy" else "/meeting")
    labels = [b.text for b in organiser.last.button_rows()]
    if w("new", lang) in labels:
        await organiser.press(w("new", lang))
        labels = [b.text for b in organiser.last.button_rows()]
    if network is not None:
        await organiser.press(network)
        await organiser.press(w("finished", lang))
    await organiser.say(TITLES[0])
    await organiser.say(TITLES[1])
    await organiser.say(typed(start, lang, h))
    await organiser.press(w("right", lang))
    await organiser.press(w("2h", lang))
    await organiser.say(place)
    if agenda is None:
        await organiser.press(w("no agenda", lang))
    else:
        await organiser.say(agenda[0])
        await organiser.say(agenda[1])
    await organiser.press(w("save", lang))
    found = await h.services.db.scalar("SELECT MAX(id) FROM meetings")
    meeting = await meetings.get(h.services.db, int(found))
    assert meeting is not None and meeting.status == "scheduled", organiser.last.text
    return meeting


def due(h: Harness, meeting: Meeting, offset: int) -> datetime:
    assert meeting.starts_at is not None
    return rules.due_at(meeting.starts_at, offset, h.settings.timezone)


async def run_at(h: Harness, now: datetime) -> bool:
    """The clock's due work at `now`, then every message it queued sent."""
    queued = await clock.run_due(h.services, now=now)
    await drained(h)
    return queued


async def drained(h: Harness) -> None:
    async def empty() -> bool:
        return await deliveries.next_due_at(h.services.db, urgent_only=False) is None

    await until(empty, "the delivery queue to empty")
    await h.settle()


def texts(person: Person, start: str) -> list[str]:
    return [m.text for m in person.inbox if m.text.startswith(start)]


def documents(person: Person) -> list[str]:
    return [m.document[0] for m in person.inbox if m.document is not None]


A_DAY = timedelta(days=1)
