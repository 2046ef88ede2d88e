"""Fuzzing every way in: each button kind, each question in the slot, each command, as five
people, in Welsh and in English.

The kinds are discovered when the tests run (`CallbackData.kinds()`, `steps.kinds()`,
`COMMANDS`), so every journey that lands later is fuzzed too. One hypothesis example is a
sweep: every kind, as every persona, with contents drawn afresh (well-formed presses with
random fields, malformed strings, random arguments and texts: HTML-like, emoji, right-to-left,
zero-width, Welsh diacritics, up to Telegram's 4,096). For every input:

- no "something went wrong" reply, and no ERROR logged;
- nothing Telegram would refuse (the simulator records every refusal; "message is not
  modified" is allowed, the bot expects and ignores it);
- every reply within Telegram's limits (text, buttons, callback data, alerts);
- a refused press or text (not for this person, a broken or finished button, "please use the
  buttons") changes no row (the menu a person was last given aside) and no secret;
- no INFO-or-above log line carries the person's Telegram id or what they typed.

Each test runs `CYDLAIS_FUZZ` examples (2 in CI: hypothesis's simplest, then one drawn at
random; `CYDLAIS_FUZZ=20` for a long run); the figures go to the terminal with `-s`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import typing
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.app import JOURNEYS  # noqa: F401  # every journey's buttons and questions declared
from bot.commands import COMMANDS
from bot.config import load_settings
from bot.i18n import LANGS, Lang, translator
from bot.sim.harness import FAKE_TOKEN, Harness, Person
from bot.sim.html_check import utf16_len
from bot.sim.methods import NOT_MODIFIED
from bot.sim.model import SentMessage
from bot.storage import constituencies, members, pending, roles
from bot.tg import auth, buttons, clock, steps
from bot.tg.callbacks import CallbackData
from bot.tg.errors import SORRY
from tests.conftest import COORDINATOR_ID
from tests.helpers.roles import PERSONAS, Cast, make_cast

SWEEPS = int(os.environ.get("CYDLAIS_FUZZ", "2"))


FUZZ = settings(
    max_examples=SWEEPS,
    deadline=None,
    derandomize=True,
    database=None,
    # The bot's state carries over from one input to the next, so a failing example can't be
    # replayed to shrink it: it is reported as found (derandomize: every run is the same).
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
pytestmark = pytest.mark.asyncio(loop_scope="module")  # the module's one bot runs in it


GROUP = -1009990001  # a group chat the personas share
MAX_BUTTONS = 100  # Telegram refuses a bigger inline keyboard
FIGURES: Counter[str] = Counter()

# ------------------------------------------------------------------ what people type

WELSH = "âêîôûŵŷÂÊÎÔÛŴŶáéíóúẃýàèìòùẁỳäëïöüẅÿ"
TRICKY = (
    "<>&\"'"
    "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200f\u200e"  # bidi controls
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width
    "שלוםمرحبا"  # right-to-left letters
    "🌈👍🏽🏴󠁧󠁢󠁷󠁬󠁳󠁿"
)
SNIPPETS = [
    "<b>",
    "</b>",
    "<b>bold</b>",
    "&amp;",
    "&",
    "&#x1F600;",
    "<script>alert(1)</script>",
    "<a href='https://example.com'>x</a>",
    "<blockquote>",
    "</i>",
    "Fy enw i yw Siân",
    "My name is Sam Jones",
    "07700 900123",
    "CF10 1AA",
    "@someone",
    "https://t.me/CydlaisBot?start=abc",
    "1",
    "-1",
    "0",
    "ok",
    "Llun 09:00",
    "👨‍👩‍👧",
    "\u202egnol\u202c",
    "zero\u200bwidth",
    "Cymraeg",
    "English",
]
CHARS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),  # no lone surrogates; no controls but the newline below
) | st.sampled_from([*WELSH, *TRICKY, "\n", " "])
PIECES = st.one_of(st.text(CHARS, min_size=1, max_size=30), st.sampled_from(SNIPPETS))


@st.composite
def typed(draw: st.DrawFn, *, long: bool = True) -> str:
    """One message as a person could send it: non-blank, at most 4,096 UTF-16 units."""
    pieces = draw(st.lists(PIECES, min_size=1, max_size=12))
    text = " ".join(pieces)
    if long and draw(st.integers(0, 9)) == 0:  # now and then, as long as Telegram allows
        text = (text + " ") * (4096 // max(1, utf16_len(text) + 1) + 1)
    while utf16_len(text) > 4096:
        text = text[:-1]
    text = text.strip()
    return text or "x"


# ------------------------------------------------------------------ the world


@dataclass
class World:
    h: Harness
    cast: Cast
    lang: str
    people: dict[str, Person]
    refusals: tuple[str, ...]
    sorry: tuple[str, ...]
    secrets: Path
    log_records: list[logging.LogRecord]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _refusals(tz: tzinfo) -> tuple[str, ...]:
    """What a refusal reads like, in both languages: 'not for you', 'broken', 'finished',
    'please use the buttons'."""
    found: set[str] = set()
    for lang in LANGS:
        tr = translator(lang, tz)
        texts = [*auth._DENIED.values(), auth.PRIVATE_ONLY, buttons.BROKEN, buttons.FINISHED]
        found.update(tr.gettext(t) for t in texts)
        for kind in steps.kinds().values():
            if kind.hint is not None or kind.buttons:
                found.add(steps.use_buttons(tr, kind))
    return tuple(sorted(found))


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=LANGS)
async def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[World]:
    """One bot and five people for every test in the module, in Welsh, then in English."""
    lang: Lang = request.param
    tmp = tmp_path_factory.mktemp(f"fuzz-{lang}")
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": str(tmp / "data" / "fuzz.sqlite3"),
            "CYDLAIS_COORDINATORS": str(COORDINATOR_ID),
            "CYDLAIS_SECRETS_DIR": str(tmp / "secrets"),
            "CYDLAIS_QUIET_HOURS": "",
        }
    )
    records = _Records()
    logging.getLogger().addHandler(records)
    try:
        async with Harness(settings, rate_limit=False) as harness:  # pacing is not tested here
            yield await _world(harness, lang, records.records)
    finally:
        logging.getLogger().removeHandler(records)


async def _world(harness: Harness, lang: Lang, records: list[logging.LogRecord]) -> World:
    # The clock's tick would change the database in the middle of an input: run what is due
    # once now, then keep it still.
    assert harness.app.job_queue is not None
    for job in harness.app.job_queue.get_jobs_by_name(clock.JOB):
        job.schedule_removal()
    await clock.run_due(harness.services)
    cast = await make_cast(harness, lang)
    people = {
        who: harness.person(cast[who].id, who.title(), language_code=lang) for who in PERSONAS
    }
    for person in people.values():
        await person.say("/help")  # a message of the bot's to press old buttons on
    tz = harness.settings.timezone
    return World(
        harness,
        cast,
        lang,
        people,
        _refusals(tz),
        tuple(translator(lg, tz).gettext(SORRY)[:40] for lg in LANGS),
        harness.settings.secrets_dir,
        records,
    )


async def _restore(w: World) -> None:
    """Undo what earlier inputs did to the cast (a role removed, someone forgotten, network A
    archived, the stranger signed up), so every sweep meets all five people as they were."""
    h, db, cast = w.h, w.h.services.db, w.cast
    stranger = await members.by_telegram_id(db, cast["stranger"].id)
    if stranger is not None:
        await members.delete(db, stranger.id)
    for who in PERSONAS[1:]:
        found = await members.by_telegram_id(db, cast[who].id)
        if found is None:
            found = await members.create(db, cast[who].id, cast[who].id, w.lang)  # type: ignore[arg-type]
            cast.member_ids[who] = found.id
        await constituencies.join(db, found.id, cast.b if who == "rep_other" else cast.a)
        await pending.clear(db, found.id)
        h.services.memory.discard(cast[who].id)
    h.services.memory.discard(cast["stranger"].id)
    for network in (cast.a, cast.b):
        await constituencies.restore(db, network)
    await roles.grant(db, cast.member_ids["rep"], "representative", cast.a)
    await roles.grant(db, cast.member_ids["rep_other"], "representative", cast.b)


WRITE = re.compile(r"^\s*(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM|REPLACE INTO)\s+\"?(\w+)")
MENU = re.compile(r"^\s*UPDATE members SET menu_key = ")  # the menu a person was last given


def _written(statements: list[str]) -> set[str]:
    """The tables the statements wrote to (the menu each person was last given aside)."""
    return {
        m.group(1)
        for sql in statements
        if not MENU.match(sql) and (m := WRITE.match(sql)) is not None
    }


def _secret_files(w: World) -> list[str]:
    return sorted(os.listdir(w.secrets)) if w.secrets.exists() else []


def _within_limits(message: SentMessage) -> list[str]:
    wrong = []
    if utf16_len(message.text) > 4096:
        wrong.append("text over 4,096")
    rows = message.button_rows()
    if len(rows) > MAX_BUTTONS:
        wrong.append(f"{len(rows)} buttons")
    for button in rows:
        if button.data is not None and not 1 <= len(button.data.encode()) <= 64:
            wrong.append(f"callback data {button.data!r}")
        if not button.text.strip():
            wrong.append("a button without a label")
    return wrong


async def attempt(
    w: World,
    who: str,
    what: str,
    act: Callable[[], Awaitable[list[SentMessage]]],
    *,
    typed_text: str = "",
    may_change_when_refused: frozenset[str] = frozenset(),
) -> None:
    """One input: send it, then check every promise the module docstring lists."""
    h = w.h
    conn = h.services.db.conn
    statements: list[str] = []
    await conn.set_trace_callback(statements.append)
    changes, files = conn.total_changes, _secret_files(w)
    rejected, answers, logged = len(h.sim.rejected), len(h.sim.callback_answers), len(w.log_records)
    try:
        replies = await act()
    finally:
        await conn.set_trace_callback(None)
    FIGURES[what] += 1
    where = (who, what, typed_text[:120])
    alerts = [str(a.get("text") or "") for a in h.sim.callback_answers[answers:]]
    texts = [m.text for m in replies] + alerts
    assert not any(s in t for t in texts for s in w.sorry), where
    records = w.log_records[logged:]
    assert [r.getMessage() for r in records if r.levelno >= logging.ERROR] == [], where
    refused_by_telegram = [r for r in h.sim.rejected[rejected:] if r[2] != NOT_MODIFIED]
    assert refused_by_telegram == [], (where, refused_by_telegram)
    for message in replies:
        assert _within_limits(message) == [], (where, _within_limits(message))
    for alert in alerts:  # Telegram's 200 characters: a longer notice must not arrive cut short
        assert len(alert) < 200 or alert.endswith((".", "?", "!")), (where, alert)
    if any(r in t for t in texts for r in w.refusals):
        FIGURES["(of which refused)"] += 1
        if conn.total_changes != changes:  # rows changed: only where a refusal may change them
            changed = _written(statements) - may_change_when_refused
            assert changed == set(), (where, changed, texts)
        assert _secret_files(w) == files, (where, "the secrets folder changed")
    telegram_id = str(w.people[who].id)
    words = typed_text.strip() if len(typed_text.strip()) >= 12 else None
    for record in records:
        if record.levelno >= logging.INFO:
            line = record.getMessage()
            assert telegram_id not in line, (where, line)
            assert words is None or words not in line, (where, line)


# ------------------------------------------------------------------ buttons


def _ids(w: World) -> list[int]:
    """Ids worth naming: the real networks, roles and members, and a few that are nobody's."""
    cast = w.cast
    return sorted(
        {cast.a, cast.b, *cast.role_ids.values(), *cast.member_ids.values(), 0, 1, 2, 3, -1}
    )


def _value(hint: Any, ids: list[int]) -> st.SearchStrategy[Any]:
    if get_origin(hint) is Literal:
        return st.sampled_from(get_args(hint))
    options = [a for a in get_args(hint) if a is not type(None)]
    if options:  # X | None
        return st.none() | _value(options[0], ids)
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.sampled_from(ids) | st.integers(-(10**15) + 1, 10**15 - 1)
    return st.from_regex(r"\A[A-Za-z0-9_.-]{1,12}\Z")


def well_formed(kind: type[CallbackData], ids: list[int]) -> st.SearchStrategy[str]:
    hints = typing.get_type_hints(kind)
    fields = {f.name: _value(hints[f.name], ids) for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    return st.fixed_dictionaries(fields).map(lambda values: _pack(kind(**values)))


def _pack(button: CallbackData) -> str:
    try:
        return button.pack()
    except ValueError:  # over 64 bytes with long random fields: sent cut, as a forger might
        return (button.prefix + ":" + "9" * 80)[:64]


def malformed(prefix: str) -> st.SearchStrategy[str]:
    junk = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=70)
    shaped = st.lists(
        st.sampled_from(["", "x", "-1", "1", "0", "99999999999999999", "a:b", "é", "1.5"]),
        max_size=6,
    ).map(lambda parts: ":".join([prefix, *parts]))
    return st.one_of(shaped, junk.map(lambda s: prefix + s), junk).filter(
        lambda s: 1 <= len(s.encode()) <= 64 and not _parses(s)
    )


def _parses(data: str) -> bool:
    return any(k.parse(data) is not None for k in CallbackData.kinds().values())


BUTTON_KINDS = [
    pytest.param(kind, id=prefix)
    for prefix, kind in sorted(CallbackData.kinds().items())
    if kind.__module__.startswith("bot.")
]


@pytest.mark.parametrize("kind", BUTTON_KINDS)
@FUZZ
@given(data=st.data())
async def test_every_button_kind_as_everyone(
    world: World, kind: type[CallbackData], data: st.DataObject
) -> None:
    """Well-formed presses with random fields and malformed ones, on old messages too."""
    await _restore(world)
    for who in PERSONAS:
        person = world.people[who]
        for label, strategy in (
            ("press, well-formed", well_formed(kind, _ids(world))),
            ("press, malformed", malformed(kind.prefix)),
        ):
            raw = data.draw(strategy, label=f"{label}, {who}")
            pick = data.draw(st.integers(0, 2**16), label="which of their messages")
            inbox = [m for m in person.inbox if m.chat_id == person.id]
            target = inbox[-1 - pick % len(inbox)].message_id if inbox else None
            await attempt(
                world,
                who,
                label,
                lambda p=person, r=raw, t=target: p.press_data(r, t),  # type: ignore[misc]
                typed_text=raw,
            )


# ------------------------------------------------------------------ the one slot

STEP_KINDS = [pytest.param(kind, id=name) for name, kind in steps.kinds().items()]


@pytest.mark.parametrize("kind", STEP_KINDS)
@FUZZ
@given(data=st.data())
async def test_every_question_in_the_slot_as_everyone(
    world: World, kind: steps.Kind, data: st.DataObject
) -> None:
    """Whatever is typed while the question waits, by each person, allowed or not."""
    await _restore(world)
    db, memory = world.h.services.db, world.h.services.memory
    for who in PERSONAS:
        person = world.people[who]
        text = data.draw(typed(), label=who)
        if text.startswith("/"):
            text = "x" + text  # a command is not an answer: the command test has those
        member = await members.by_telegram_id(db, person.id)
        if kind.memory:
            memory.put(person.id, kind.name)
        elif member is None:
            continue  # only members' questions are stored: a stranger can't be asked this
        else:
            await pending.put(db, member.id, kind.name, {})
        await attempt(
            world,
            who,
            "text in the slot",
            lambda p=person, t=text: p.say(t),  # type: ignore[misc]
            typed_text=text,
            # A question the person may no longer answer is forgotten as they are told.
            may_change_when_refused=frozenset({"pending_input"}),
        )


# ------------------------------------------------------------------ commands

COMMAND_NAMES = sorted({name for command in COMMANDS for name in command.names})


@pytest.mark.parametrize("name", COMMAND_NAMES)
@FUZZ
@given(data=st.data())
async def test_every_command_with_any_arguments_as_everyone(
    world: World, name: str, data: st.DataObject
) -> None:
    """English and Welsh names (and former ones), with random arguments, now and then in
    a group as /name@bot."""
    await _restore(world)
    for who in PERSONAS:
        person = world.people[who]
        args = data.draw(st.none() | typed(long=False), label=who)
        in_group = data.draw(st.integers(0, 4), label="in a group") == 3
        head = f"/{name}@{world.h.sim.bot_username}" if in_group else f"/{name}"
        text = head if args is None else f"{head} {args}"
        await attempt(
            world,
            who,
            "command in a group" if in_group else "command",
            lambda p=person, t=text, g=in_group: p.say(t, chat_id=GROUP if g else None),  # type: ignore[misc]
            typed_text=args or "",
        )


@pytest.fixture(scope="module", autouse=True)
def _figures() -> typing.Iterator[None]:
    """How many inputs this run covered, by what they were (shown with -s)."""
    yield
    print(f"\nfuzz: {sum(FIGURES.values())} inputs: {dict(sorted(FIGURES.items()))}")
