"""Acting out polls: an author writes one through the buttons; members answer on its message."""

from __future__ import annotations

from datetime import timedelta

from bot.sim.harness import Harness, Person
from bot.sim.telegram import SentMessage
from bot.storage import polls
from bot.storage.db import utcnow
from bot.storage.polls import Poll
from bot.tg import clock
from tests.helpers.delivery import settled

WORDS = {
    "en": {
        "single": "Members choose one answer",
        "multiple": "Members choose one or more answers",
        "open": "Members write their own answer",
        "1d": "In 1 day",
        "3d": "In 3 days",
        "7d": "In a week",
        "remind": "Yes, remind those who haven't answered",
        "no remind": "No reminder",
        "share": "Send the results to the members too",
        "no share": "Only to me and the representatives",
        "send": "Send the poll",
        "finished": "I've finished choosing networks",
    },
    "cy": {
        "single": "Mae aelodau'n dewis un ateb",
        "multiple": "Mae aelodau'n dewis un ateb neu fwy",
        "open": "Mae aelodau'n ysgrifennu eu hateb eu hunain",
        "1d": "Ymhen diwrnod",
        "3d": "Ymhen 3 diwrnod",
        "7d": "Ymhen wythnos",
        "remind": "Hoffwn, atgoffwch y rhai sydd heb ateb",
        "no remind": "Dim nodyn atgoffa",
        "share": "Anfon y canlyniadau at yr aelodau hefyd",
        "no share": "Dim ond ata i a'r cynrychiolwyr",
        "send": "Anfon y pôl",
        "finished": "Rydw i wedi gorffen dewis rhwydweithiau",
    },
}


async def write_poll(
    author: Person,
    *,
    lang: str = "en",
    question: tuple[str, str] = ("Pa amser sy'n well i gyfarfod?", "Which time suits you best?"),
    kind: str = "single",
    options: tuple[list[str], list[str]] | None = (["Bore", "Gyda'r nos"], ["Morning", "Evening"]),
    closing: str = "3d",
    remind: bool = False,
    share: bool = True,
    networks: list[str] | None = None,
) -> SentMessage:
    """/poll through to the preview; returns the controls message (Send the poll ...)."""
    words = WORDS[lang]
    await author.say("/pleidlais" if lang == "cy" else "/poll")
    for name in networks or []:
        await author.press(name)
    if networks:
        await author.press(words["finished"])
    await author.say(question[0])
    await author.say(question[1])
    await author.press(words[kind])
    if kind != "open":
        assert options is not None
        await author.say("\n".join(options[0]))
        await author.say("\n".join(options[1]))
    await author.press(words[closing])
    labels = [b.text for b in author.last.button_rows()]
    if words["remind"] in labels:
        await author.press(words["remind"] if remind else words["no remind"])
    await author.press(words["share"] if share else words["no share"])
    return author.last


async def send_poll(h: Harness, author: Person, lang: str = "en") -> Poll:
    """Press "Send the poll" and wait until every member has it."""
    await author.press(WORDS[lang]["send"])
    poll_id = int(await h.services.db.scalar("SELECT MAX(id) FROM polls"))
    batch = int(
        await h.services.db.scalar(
            "SELECT id FROM delivery_batches WHERE kind = 'poll' AND label = ?",
            (f"poll {poll_id}",),
        )
    )
    await settled(h, batch)
    poll = await polls.get(h.services.db, poll_id)
    assert poll is not None and poll.status == "open"
    return poll


def poll_message(person: Person, poll: Poll) -> SentMessage:
    """The newest message in the person's chat with this poll's buttons."""
    for message in reversed(person.inbox):
        if any((b.data or "").startswith(f"poll:{poll.id}:") for b in message.button_rows()):
            return message
    raise LookupError(f"no message of poll {poll.id} for {person.id}")


async def answer(person: Person, poll: Poll, label: str) -> list[SentMessage]:
    message = poll_message(person, poll)
    return await person._act(lambda: person.h.sim.press(person.user, message, label))


async def close_on_time(h: Harness, poll: Poll) -> None:
    """Run the clock as at one minute after the closing time; wait for what it queued."""
    assert poll.closes_at is not None
    await clock.run_due(h.services, now=poll.closes_at + timedelta(minutes=1))
    await drained(h)


async def drained(h: Harness, *, settle: bool = True) -> None:
    """Every batch queued so far has been sent (and reported, where it is)."""
    rows = await h.services.db.fetchall("SELECT id FROM delivery_batches")
    for row in rows:
        await settled(h, row[0])
    if settle:  # (a harness started again counts updates from nought)
        await h.settle()


def now_plus(**kwargs: float) -> object:
    return utcnow() + timedelta(**kwargs)
