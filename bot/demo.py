"""`python -m bot demo`: talk to the real bot in this terminal, no token, no network.

The real Application runs against the in-process simulated Telegram with a throw-away
database. You are a member to begin with; `/as rep` and `/as coordinator` switch persona.
Buttons are shown as numbered choices: type the number to press one. The demo's own lines
(its introduction, "you pressed", the prompt) are in the persona's language, like the bot's:
Alys's app says Welsh, so her first screens are Welsh first.
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
from bot.demo_data import CARERS, seed
from bot.i18n import N_, Tr, as_lang, both, translator
from bot.sim.harness import FAKE_TOKEN, Harness, Person
from bot.sim.telegram import SentMessage
from bot.storage import deliveries, members
from bot.storage.db import clock_shift, shift_clock, utcnow
from bot.tg import clock

INTRO = N_(
    "Cydlais demo: the real bot, a simulated Telegram, a throw-away database.\n"
    "You are {name}, a new community member. Say hello with /start.\n"
    "  /as member | /as rep | /as coordinator   switch persona (each is a different person)\n"
    "  a number                                 press that button\n"
    "  an invitation link (https://t.me/...)    open it, as tapping it in Telegram would\n"
    "  /later 2d | /later 3h                    move the clock on: reminders and digests fall due\n"
    "  /quit                                    leave (Ctrl-D works too)"
)
INVITE_LINK = re.compile(r"^https://t\.me/\w+\?start=([A-Za-z0-9_-]{1,64})$")
QUIT = ("/quit", "/exit", "/gorffen")
LATER = ("/later", "/wedyn")  # "/wedyn 2d": later, by two days
_AMOUNT = re.compile(r"^(\d{1,3})\s*([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
SWITCH = ("/as", "/fel")  # "/fel aelod": "as a member"
SHOWN_LINES = {"csv": 6, "json": 60}  # a file's first lines, so a newcomer sees what it holds


@dataclass(frozen=True, slots=True)
class Persona:
    key: str
    user_id: int
    name: str
    language_code: str  # what their Telegram app says: the first screens follow it
    role: str  # msgid: what they are, in a word
    who: str  # msgid: what they are, in a phrase ({network} for a representative's)


PERSONAS = {
    "member": Persona("member", 1001, "Alys", "cy", N_("member"), N_("a new member")),
    "rep": Persona(
        "rep", 1002, "Rhys", "en", N_("representative"), N_("a representative of {name}")
    ),
    "coordinator": Persona(
        "coordinator",
        1003,
        "Ceri",
        "cy",
        N_("coordinator"),
        N_("a coordinator of the whole service"),
    ),
}
# The persona keys in Welsh, as "/fel aelod" and the demo's Welsh lines use them.
WELSH_KEYS = {"member": "aelod", "rep": "cynrychiolydd", "coordinator": "cydlynydd"}
ALIASES = {
    "representative": "rep",
    "coord": "coordinator",
    **{welsh: key for key, welsh in WELSH_KEYS.items()},
}


def _look(message: SentMessage) -> tuple[str, str]:
    return message.text, repr(message.buttons)


def file_lines(name: str, content: bytes) -> list[str]:
    """The first lines of a CSV or JSON file the bot sent, as text; nothing for other files."""
    kind = name.rsplit(".", 1)[-1].lower()
    if kind not in SHOWN_LINES:
        return []
    try:
        lines = content.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return []
    shown = lines[: SHOWN_LINES[kind]]
    return shown + (["…"] if len(lines) > len(shown) else [])


class Terminal:
    def __init__(self, h: Harness, out: TextIO) -> None:
        self.h = h
        self.out = out
        self.persona = PERSONAS["member"]
        self.people: dict[str, Person] = {
            key: h.person(p.user_id, p.name, language_code=p.language_code)
            for key, p in PERSONAS.items()
        }
        # What each persona has already been shown: message id -> (text, buttons).
        self.seen: dict[int, dict[int, tuple[str, str]]] = {
            p.user_id: {} for p in PERSONAS.values()
        }
        self.announced: dict[int, int] = {}  # persona -> unread count last mentioned

    @property
    def person(self) -> Person:
        return self.people[self.persona.key]

    async def tr(self, persona: Persona | None = None) -> Tr:
        """The demo's own lines in the persona's language: chosen, or their app's until then."""
        persona = persona or self.persona
        member = await members.by_telegram_id(self.h.services.db, persona.user_id)
        lang = member.language if member else as_lang(persona.language_code) or "cy"
        return translator(lang, self.h.settings.timezone)

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def show(self, tr: Tr, message: SentMessage, numbers: dict[int, str]) -> None:
        self.say()
        for line in message.text.splitlines() or [""]:
            self.say(f"  {line}")
        if message.document:  # a file's name and size, then what a newcomer would find in it
            name, content = message.document
            size = len(content)
            self.say(
                "  📎 "
                + tr.ngettext("{name} ({n} byte)", "{name} ({n} bytes)", size).format(
                    name=name, n=f"{size:,}"
                )
            )
            for line in file_lines(name, content):
                self.say(f"    │ {line}")
        for index, button in enumerate(message.button_rows(), start=1):
            if button.data is not None:
                numbers[index] = button.text
                self.say(f"    [{index}] {button.text}")

    async def flush(self) -> None:
        """Print what changed in this persona's chat; mention news in the others."""
        tr = await self.tr()
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
                        self.show(tr, message, numbers)
                    seen[message.message_id] = _look(message)
            elif changed and self.announced.get(persona.user_id) != len(changed):
                self.announced[persona.user_id] = len(changed)  # say it once, not at every prompt
                n = len(changed)
                self.say()
                self.say(
                    "  "
                    + tr.ngettext(
                        "({n} new for {name}: /as {key} to read)",
                        "({n} new for {name}: /as {key} to read)",
                        n,
                    ).format(n=n, name=persona.name, key=self.key(tr, persona))
                )

    def key(self, tr: Tr, persona: Persona) -> str:
        return WELSH_KEYS[persona.key] if tr.lang == "cy" else persona.key

    def buttons(self) -> list[tuple[int, str]]:
        """The buttons of the newest message that has any, numbered from 1."""
        for message in reversed(self.person.inbox):
            labels = [b.text for b in message.button_rows() if b.data is not None]
            if labels:
                return list(enumerate(labels, start=1))
        return []

    async def switch(self, key: str) -> None:
        key = ALIASES.get(key, key)
        if key not in PERSONAS:
            tr = await self.tr()
            self.say(
                "  "
                + tr.gettext("Try: /as {member}, /as {rep} or /as {coordinator}").format(
                    **{k: self.key(tr, p) for k, p in PERSONAS.items()}
                )
            )
            return
        self.persona = PERSONAS[key]
        tr = await self.tr()
        who = tr.gettext(self.persona.who).format(name=CARERS[0] if tr.lang == "cy" else CARERS[1])
        self.say()
        self.say(
            tr.gettext("— You are now {name}, {who}. —").format(name=self.persona.name, who=who)
        )
        await self.flush()

    async def later(self, amount: str) -> None:
        """Move the clock on, then run whatever has fallen due, as the bot would at its tick."""
        tr = await self.tr()
        match = _AMOUNT.match(amount)
        if match is None:
            self.say(
                "  "
                + tr.gettext("Try: /later 2d (days), /later 3h (hours) or /later 30m (minutes)")
            )
            return
        shift_clock(timedelta(**{_UNITS[match[2]]: int(match[1])}))
        self.say()
        self.say(
            "  "
            + tr.gettext("(The clock moves on: it is now {when}.)").format(
                when=tr.datetime(utcnow(), "full")
            )
        )
        await clock.run_due(self.h.services)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while await deliveries.next_due_at(self.h.services.db, urgent_only=False) is not None:
            if loop.time() > deadline:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.1)  # the last send recorded
        await self.h.settle()
        await self.flush()

    async def prompt(self) -> str:
        tr = await self.tr()
        return f"{self.persona.name} ({tr.gettext(self.persona.role)}) > "

    async def handle(self, line: str) -> bool:
        """Act on one line; False to leave."""
        line = line.strip()
        if line in QUIT:
            return False
        if not line:
            return True
        word, _, rest = line.partition(" ")
        if word in SWITCH:
            await self.switch(rest.strip().lower())
            return True
        if word in LATER:
            await self.later(rest.strip().lower())
            return True
        link = INVITE_LINK.match(line)
        if link:  # tapping a deep link makes Telegram send /start <payload>
            line = f"/start {link.group(1)}"
        if line.isdigit():
            tr = await self.tr()
            label = dict(self.buttons()).get(int(line))
            if label is None:
                self.say("  " + tr.gettext("There is no button with that number here."))
                return True
            self.say("  " + tr.gettext("(you pressed: {label})").format(label=label))
            await self.person.press(label)
        else:
            await self.person.say(line)
        await asyncio.sleep(0.05)  # let scheduled work (deliveries) show up too
        await self.h.settle()
        await self.flush()
        return True


async def _run(stdin: TextIO, out: TextIO) -> int:
    with tempfile.TemporaryDirectory(prefix="cydlais-demo-") as tmp:
        env = {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            # Secrets apart from the database's folder, as the bot asks of a real one.
            "CYDLAIS_DATABASE": str(Path(tmp) / "data" / "demo.sqlite3"),
            "CYDLAIS_COORDINATORS": str(PERSONAS["coordinator"].user_id),
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_MIN_GROUP": "2",
            "CYDLAIS_SECRETS_DIR": str(Path(tmp) / "secrets"),
            "CYDLAIS_OPERATOR": "Cydlais",  # named in the privacy notice, in either language
        }
        async with Harness(load_settings(env)) as h:
            await seed(
                h,
                {
                    k: (p.user_id, as_lang(p.language_code) or "cy")
                    for k, p in PERSONAS.items()
                    if k != "member"
                },
            )
            term = Terminal(h, out)
            # Nobody has chosen a language yet: Welsh first, then English.
            name = PERSONAS["member"].name
            print(both(INTRO, h.settings.timezone).format(name=name), file=out)
            loop = asyncio.get_running_loop()
            while True:
                print(f"\n{await term.prompt()}", end="", file=out, flush=True)
                line = await loop.run_in_executor(None, stdin.readline)
                if not line:
                    print(file=out)
                    break
                if stdin is not sys.stdin or not stdin.isatty():
                    print(line.rstrip(), file=out)  # echo piped input so a transcript reads well
                if not await term.handle(line):
                    break
            print((await term.tr()).gettext("Goodbye."), file=out)
    shift_clock(-clock_shift())  # the next demo in this process starts at the real time
    return 0


def run_demo(stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    return asyncio.run(_run(stdin or sys.stdin, out or sys.stdout))
