"""`python -m bot demo`: talk to the real bot in this terminal, no token, no network.

The real Application runs against the in-process simulated Telegram with a throw-away
database. You are a member to begin with; `/as rep` and `/as coordinator` switch persona.
Buttons are shown as numbered choices: type the number to press one.
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from bot.config import load_settings
from bot.digests import last_week
from bot.i18n import Lang
from bot.sim.harness import FAKE_TOKEN, Harness, Person
from bot.sim.telegram import SentMessage
from bot.storage import constituencies, members, roles
from bot.storage import topics as topic_store
from bot.storage import views as view_store
from bot.storage.views import NewView
from bot.views import today

INTRO = """\
Cydlais demo: the real bot, a simulated Telegram, a throw-away database.
You are a new community member. Say hello with /start.
  /as member | /as rep | /as coordinator   switch persona (each is a different person)
  a number                                 press that button
  an invitation link (https://t.me/...)    open it, as tapping it in Telegram would
  /quit                                    leave (Ctrl-D works too)
"""


INVITE_LINK = re.compile(r"^https://t\.me/\w+\?start=([A-Za-z0-9_-]{1,64})$")


@dataclass(frozen=True, slots=True)
class Persona:
    key: str
    user_id: int
    name: str
    label: str


PERSONAS = {
    "member": Persona("member", 1001, "Alys", "member"),
    "rep": Persona("rep", 1002, "Rhys", "representative of the Cardiff and Vale Carers' Network"),
    "coordinator": Persona("coordinator", 1003, "Ceri", "coordinator"),
}
ALIASES = {
    "representative": "rep",
    "cynrychiolydd": "rep",
    "coord": "coordinator",
    "cydlynydd": "coordinator",
    "aelod": "member",
}


async def seed(h: Harness) -> None:
    """A few networks, and a representative and a coordinator who have already joined."""
    db = h.services.db
    carers = await constituencies.create(
        db, "carers-cv", "Rhwydwaith Gofalwyr Caerdydd a'r Fro", "Cardiff and Vale Carers' Network"
    )
    await constituencies.create(
        db, "users-hd", "Fforwm Defnyddwyr Gwasanaeth Hywel Dda", "Hywel Dda Service Users' Forum"
    )
    await constituencies.create(
        db, "youth-bc", "Llais Ifanc Betsi Cadwaladr", "Betsi Cadwaladr Young People's Voice"
    )
    for persona in (PERSONAS["rep"], PERSONAS["coordinator"]):
        member = await members.create(db, persona.user_id, persona.user_id, "en")
        await constituencies.join(db, member.id, carers)
        if persona.key == "rep":
            await roles.grant(db, member.id, "representative", carers)
    # Last week's views, so a representative's /digest has something in it straight away.
    topic = await topic_store.open_topic(
        db, carers, "Apwyntiadau gyda'r nos", "Evening appointments"
    )
    week = last_week(today(h.settings), 0)
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


def _look(message: SentMessage) -> tuple[str, str]:
    return message.text, repr(message.buttons)


class Terminal:
    def __init__(self, h: Harness, out: TextIO) -> None:
        self.h = h
        self.out = out
        self.persona = PERSONAS["member"]
        self.people: dict[str, Person] = {
            key: h.person(p.user_id, p.name, language_code="en") for key, p in PERSONAS.items()
        }
        # What each persona has already been shown: message id -> (text, buttons).
        self.seen: dict[int, dict[int, tuple[str, str]]] = {
            p.user_id: {} for p in PERSONAS.values()
        }
        self.announced: dict[int, int] = {}  # persona -> unread count last mentioned

    @property
    def person(self) -> Person:
        return self.people[self.persona.key]

    def show(self, message: SentMessage, numbers: dict[int, str]) -> None:
        print(file=self.out)
        if message.document:
            name, content = message.document
            print(f"  📎 {name} ({len(content):,} bytes)", file=self.out)
        for line in message.text.splitlines() or [""]:
            print(f"  {line}", file=self.out)
        for index, button in enumerate(message.button_rows(), start=1):
            if button.data is not None:
                numbers[index] = button.text
                print(f"    [{index}] {button.text}", file=self.out)

    def flush(self) -> None:
        """Print what changed in this persona's chat; mention news in the others."""
        for persona in PERSONAS.values():
            chat = self.h.sim.inbox(persona.user_id)
            seen = self.seen[persona.user_id]
            changed = [m for m in chat if seen.get(m.message_id) != _look(m)]
            if persona is self.persona:
                numbers: dict[int, str] = {}
                for message in changed:
                    old = seen.get(message.message_id)
                    # Buttons taken off a message already read: no need to print it again.
                    if old is None or old[0] != message.text or message.buttons:
                        self.show(message, numbers)
                    seen[message.message_id] = _look(message)
            elif changed and self.announced.get(persona.user_id) != len(changed):
                self.announced[persona.user_id] = len(changed)  # say it once, not at every prompt
                print(
                    f"\n  ({len(changed)} new for {persona.key}: /as {persona.key} to read)",
                    file=self.out,
                )

    def buttons(self) -> list[tuple[int, str]]:
        """The buttons of the newest message that has any, numbered from 1."""
        for message in reversed(self.person.inbox):
            labels = [b.text for b in message.button_rows() if b.data is not None]
            if labels:
                return list(enumerate(labels, start=1))
        return []

    async def handle(self, line: str) -> bool:
        """Act on one line; False to leave."""
        line = line.strip()
        if line in ("/quit", "/exit"):
            return False
        if not line:
            return True
        if line.startswith("/as"):
            key = line[3:].strip().lower()
            key = ALIASES.get(key, key)
            if key not in PERSONAS:
                print("  Try: /as member, /as rep or /as coordinator", file=self.out)
                return True
            self.persona = PERSONAS[key]
            print(f"\n— You are now {self.persona.name}, {self.persona.label}. —", file=self.out)
            self.flush()
            return True
        link = INVITE_LINK.match(line)
        if link:  # tapping a deep link makes Telegram send /start <payload>
            line = f"/start {link.group(1)}"
        if line.isdigit():
            choices = dict(self.buttons())
            label = choices.get(int(line))
            if label is None:
                print("  There is no button with that number here.", file=self.out)
                return True
            print(f"  (you pressed: {label})", file=self.out)
            await self.person.press(label)
        else:
            await self.person.say(line)
        await asyncio.sleep(0.05)  # let scheduled work (deliveries) show up too
        await self.h.settle()
        self.flush()
        return True


async def _run(stdin: TextIO, out: TextIO) -> int:
    with tempfile.TemporaryDirectory(prefix="cydlais-demo-") as tmp:
        env = {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": str(Path(tmp) / "demo.sqlite3"),
            "CYDLAIS_COORDINATORS": str(PERSONAS["coordinator"].user_id),
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_MIN_GROUP": "2",
            "CYDLAIS_SECRETS_DIR": str(Path(tmp) / "secrets"),
            "CYDLAIS_OPERATOR": "Cydlais (demo)",
        }
        async with Harness(load_settings(env)) as h:
            await seed(h)
            term = Terminal(h, out)
            print(INTRO, file=out)
            loop = asyncio.get_running_loop()
            while True:
                print(
                    f"\n{term.persona.name} ({term.persona.key}) > ", end="", file=out, flush=True
                )
                line = await loop.run_in_executor(None, stdin.readline)
                if not line:
                    print(file=out)
                    break
                if stdin is not sys.stdin or not stdin.isatty():
                    print(line.rstrip(), file=out)  # echo piped input so a transcript reads well
                if not await term.handle(line):
                    break
    print("Hwyl fawr! Goodbye.", file=out)
    return 0


def run_demo(stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    return asyncio.run(_run(stdin or sys.stdin, out or sys.stdout))
