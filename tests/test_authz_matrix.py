"""Who may do what, discovered from the Application itself and tried as five people.

Every registered handler must declare its role; every command, every button verb and every
free-text step is tried as a stranger, a member, a representative of another network, a
representative and a coordinator. Then each privileged button is pressed with real
callback_data naming a real object, and the database shows who changed what.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.app import build_application
from bot.commands import COMMANDS
from bot.config import load_settings
from bot.domain.access import Role
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.sim.telegram import SimulatedTelegram
from bot.storage import invites, pending
from bot.tg import steps
from bot.tg.auth import required_role
from tests.helpers.roles import (
    ERROR,
    LEVEL,
    PERSONAS,
    Cast,
    changed_tables,
    denied,
    make_cast,
    snapshot,
    texts_of,
)

VERB = re.compile(r"^\^(?P<verb>[A-Za-z0-9_.\\-]+)\(:\|\$\)$")


def _handlers() -> list[tuple[int, BaseHandler]]:  # type: ignore[type-arg]
    """The handlers a freshly built Application registers, by group (read at collection)."""
    app = build_application(
        load_settings({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN}), request=SimulatedTelegram().request()
    )
    return [(group, h) for group, hs in app.handlers.items() for h in hs]


def _verb(handler: CallbackQueryHandler) -> str:  # type: ignore[type-arg]
    pattern = handler.pattern
    assert isinstance(pattern, re.Pattern), "use callbacks.pattern(verb)"
    match = VERB.match(pattern.pattern)
    assert match is not None, f"pattern {pattern.pattern!r} is not callbacks.pattern(verb)"
    return match.group("verb").replace("\\", "")


HANDLERS = _handlers()
COMMAND_CASES = [  # every name, English and Welsh
    pytest.param(name, required_role(h.callback), id=name)
    for _, h in HANDLERS
    if isinstance(h, CommandHandler)
    for name in sorted(h.commands)
]
VERB_CASES = [
    pytest.param(_verb(h), required_role(h.callback), id=_verb(h))
    for _, h in HANDLERS
    if isinstance(h, CallbackQueryHandler)
]
STEP_CASES = [pytest.param(kind, role, id=kind) for kind, (role, _) in steps._STEPS.items()]


async def test_every_handler_declares_a_role(harness: Harness) -> None:
    """A new handler without @requires fails here, before it can serve the wrong person."""
    undeclared = []
    for group, handlers in harness.app.handlers.items():
        for handler in handlers:
            if group < 0:
                # Only the visit loader runs before the guards: it decides who is speaking.
                assert handler.callback.__name__ == "load_visit", handler.callback
                continue
            if required_role(handler.callback) is None:
                undeclared.append(f"{type(handler).__name__} {handler.callback.__qualname__}")
    for kind, (role, fn) in steps._STEPS.items():
        if required_role(fn) is not role:
            undeclared.append(f"step {kind}")
    assert undeclared == []


async def test_commands_match_their_menu_entries(harness: Harness) -> None:
    """The menu shows a command only to those its handler lets in, in both languages."""
    registered = {
        frozenset(h.commands): required_role(h.callback)
        for hs in harness.app.handlers.values()
        for h in hs
        if isinstance(h, CommandHandler)
    }
    for cmd in COMMANDS:
        assert registered.get(frozenset(cmd.names)) is cmd.role, cmd.en
        assert cmd.cy, f"/{cmd.en} has no Welsh name"


@pytest.mark.parametrize(("name", "role"), COMMAND_CASES)
async def test_command_matrix(harness: Harness, name: str, role: Role) -> None:
    cast = await make_cast(harness)
    for who in PERSONAS:
        before = len(harness.sim.callback_answers)
        replies = await cast[who].say(f"/{name}")
        texts = texts_of(replies)
        assert not any(ERROR in t for t in texts), (name, who, texts)
        assert denied(harness, replies, before) is not (LEVEL[who] >= role), (name, who, texts)


@pytest.mark.parametrize(("verb", "role"), VERB_CASES)
async def test_button_matrix_with_malformed_data(harness: Harness, verb: str, role: Role) -> None:
    """A bare or nonsense press: refused below the role, handled without an error above it."""
    cast = await make_cast(harness)
    db = harness.services.db
    for data in (verb, f"{verb}:999999:zz:0", f"{verb}:-1"):
        for who in PERSONAS:
            before, answers = await snapshot(db), len(harness.sim.callback_answers)
            replies = await cast[who].press_data(data)
            assert not any(ERROR in t for t in texts_of(replies)), (data, who)
            refused = denied(harness, replies, answers)
            assert refused is not (LEVEL[who] >= role), (data, who, texts_of(replies))
            if refused:
                assert await snapshot(db) == before, (data, who)


@pytest.mark.parametrize(("kind", "role"), STEP_CASES)
async def test_step_matrix(harness: Harness, kind: str, role: Role) -> None:
    """A member whose step needs a higher role is refused, and the step is forgotten."""
    cast = await make_cast(harness)
    db = harness.services.db
    for who in PERSONAS[1:]:
        await pending.put(db, cast.member_ids[who], kind, {})
        replies = await cast[who].say("Fforwm Newydd")
        allowed = LEVEL[who] >= role
        assert denied(harness, replies, len(harness.sim.callback_answers)) is not allowed, who
        if not allowed:
            assert await pending.get(db, cast.member_ids[who]) is None


# ---------------------------------------------------------------- real objects, real effects


@dataclass(frozen=True)
class Case:
    """A button with data naming a real object, who may press it and what it changes."""

    make: Callable[[Cast], object]  # returns the data, or a coroutine giving it
    allowed: frozenset[str]
    changes: frozenset[str]  # tables changed by an allowed press


def _case(make: Callable[[Cast], object], allowed: set[str], changes: set[str]) -> Case:
    return Case(make, frozenset(allowed), frozenset(changes))


async def _invite_for_a(cast: Cast, role: str) -> str:
    invite, _ = await invites.create(
        cast.h.services.db,
        role=role,
        constituency_id=cast.a,
        created_by=None,  # type: ignore[arg-type]
    )
    return f"invx:{invite.id}"


COORD = {"coordinator"}
SPEAKS_FOR_A = {"rep", "coordinator"}
CASES = {
    "show network A": _case(lambda c: f"cons:{c.a}", COORD, set()),
    "close network A": _case(lambda c: f"cjoin:{c.a}:0", COORD, {"constituencies", "audit_log"}),
    "archive network A": _case(
        # members: its representative's menu is replaced at once (a member's now)
        lambda c: f"carch:{c.a}:yes",
        COORD,
        {"constituencies", "audit_log", "members"},
    ),
    "rename network A": _case(lambda c: f"cren:{c.a}", COORD, {"pending_input"}),
    "add a network": _case(lambda c: "cnew", COORD, {"pending_input"}),
    "load health boards": _case(lambda c: "cseed", COORD, {"constituencies", "audit_log"}),
    "member invite to A": _case(
        lambda c: f"inv:m:{c.a}:n:7", SPEAKS_FOR_A, {"invites", "audit_log"}
    ),
    "member invite to B": _case(
        lambda c: f"inv:m:{c.b}:1:1", {"rep_other", "coordinator"}, {"invites", "audit_log"}
    ),
    "representative invite to A": _case(
        lambda c: f"inv:r:{c.a}:1:7", COORD, {"invites", "audit_log"}
    ),
    "coordinator invite": _case(lambda c: "inv:c:0:1:30", COORD, {"invites", "audit_log"}),
    "withdraw member invite to A": _case(
        lambda c: _invite_for_a(c, "member"), SPEAKS_FOR_A, {"invites", "audit_log"}
    ),
    "withdraw representative invite to A": _case(
        lambda c: _invite_for_a(c, "representative"), COORD, {"invites", "audit_log"}
    ),
    "remove the other representative's role": _case(
        # members: the person's menu is replaced at once, and which menu they have is recorded
        lambda c: f"rolex:{c.role_ids['rep_other']}:yes",
        COORD,
        {"roles", "audit_log", "members"},
    ),
}


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("case", list(CASES))
async def test_real_buttons(harness: Harness, case: str, who: str) -> None:
    cast = await make_cast(harness)
    db = harness.services.db
    spec = CASES[case]
    made = spec.make(cast)
    data = await made if hasattr(made, "__await__") else made  # type: ignore[misc]
    assert isinstance(data, str)
    before = await snapshot(db)
    replies = await cast[who].press_data(data)
    assert not any(ERROR in t for t in texts_of(replies)), texts_of(replies)
    changed = changed_tables(before, await snapshot(db))
    if who in spec.allowed:
        assert changed == spec.changes, (case, who, changed)
        if not spec.changes:
            assert replies, "an allowed press shows something"
    else:
        assert changed == set(), (case, who, changed)
