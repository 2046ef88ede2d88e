"""Who may do what, discovered from the Application itself and tried as five people.

Every registered handler must declare its role; every command, every kind of button (the
`CallbackData` classes) and every kind of question in the one slot is tried as a stranger,
a member, a representative of another network, a representative and a coordinator. Then
each privileged button is pressed with real callback_data naming a real object, and the
database shows who changed what.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, get_args, get_origin

import pytest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import contact, contact_blocks
from bot import roles as roles_service
from bot.app import build_application
from bot.commands import COMMANDS
from bot.config import load_settings
from bot.domain.access import Role
from bot.handlers.admin import RoleButton
from bot.handlers.constituencies import NetworkButton
from bot.handlers.contact.reports import ReportButton
from bot.handlers.invites import InviteButton, WithdrawButton
from bot.handlers.meetings.common import MeetingButton
from bot.handlers.outcomes.common import OutcomeButton
from bot.meetings.buttons import MuteButton, RsvpButton, SuggestButton
from bot.outcomes_review import ProgressButton
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.sim.telegram import SimulatedTelegram
from bot.storage import constituencies, invites, meetings, members, outcomes, pending, suggestions
from bot.storage.db import utcnow
from bot.tg import steps
from bot.tg.auth import required_role
from bot.tg.callbacks import CallbackData
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


def _handlers() -> list[tuple[int, BaseHandler]]:  # type: ignore[type-arg]
    """The handlers a freshly built Application registers, by group (read at collection)."""
    app = build_application(
        load_settings({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN}), request=SimulatedTelegram().request()
    )
    return [(group, h) for group, hs in app.handlers.items() for h in hs]


def _kind(handler: CallbackQueryHandler) -> type[CallbackData]:  # type: ignore[type-arg]
    kind = getattr(handler.callback, "button_kind", None)
    assert kind is not None, f"{handler.callback} is not registered with button_handler()"
    return kind  # type: ignore[no-any-return]


def _forged(kind: type[CallbackData]) -> str:
    """Well-formed data naming nothing real: 999999 for ids, the first of each choice."""

    def value(hint: Any) -> Any:
        if get_origin(hint) is Literal:
            return get_args(hint)[0]
        options = [a for a in get_args(hint) if a is not type(None)]
        if options:
            return value(options[0])
        return {int: 999999, str: "zz", bool: True}[hint]

    hints = typing.get_type_hints(kind)
    fields = {f.name: value(hints[f.name]) for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    return kind(**fields).pack()


HANDLERS = _handlers()
COMMAND_CASES = [  # every name, English and Welsh
    pytest.param(name, required_role(h.callback), id=name)
    for _, h in HANDLERS
    if isinstance(h, CommandHandler)
    for name in sorted(h.commands)
]
BUTTON_CASES = [
    pytest.param(_kind(h), required_role(h.callback), id=_kind(h).prefix)
    for _, h in HANDLERS
    if isinstance(h, CallbackQueryHandler)
]
STEP_CASES = [pytest.param(kind, id=name) for name, kind in steps.kinds().items()]


def test_every_button_kind_has_a_handler() -> None:
    handled = {_kind(h) for _, h in HANDLERS if isinstance(h, CallbackQueryHandler)}
    journeys = {k for k in CallbackData.kinds().values() if k.__module__.startswith("bot.")}
    assert journeys == handled


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
    assert undeclared == []
    # Text steps are guarded by their kind's role (`steps.route`); each answers a declared kind.
    assert set(steps._TEXT) <= set(steps.kinds())


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


@pytest.mark.parametrize(("kind", "role"), BUTTON_CASES)
async def test_button_matrix_with_forged_data(
    harness: Harness, kind: type[CallbackData], role: Role
) -> None:
    """A bare, nonsense or well-formed-but-forged press: refused below the role, handled
    without an error above it, and a refused press changes nothing."""
    cast = await make_cast(harness)
    db = harness.services.db
    prefix = kind.prefix
    for data in (prefix, f"{prefix}:999999:zz:0", f"{prefix}:-1", _forged(kind)):
        for who in PERSONAS:
            before, answers = await snapshot(db), len(harness.sim.callback_answers)
            replies = await cast[who].press_data(data)
            assert not any(ERROR in t for t in texts_of(replies)), (data, who)
            refused = denied(harness, replies, answers)
            assert refused is not (LEVEL[who] >= role), (data, who, texts_of(replies))
            if refused:
                assert await snapshot(db) == before, (data, who)


@pytest.mark.parametrize("kind", STEP_CASES)
async def test_step_matrix(harness: Harness, kind: steps.Kind) -> None:
    """Text for a question that needs a higher role is refused, and the question forgotten;
    above it, the text is answered without an error."""
    cast = await make_cast(harness)
    db = harness.services.db
    for who in PERSONAS[1:]:
        telegram_id = cast[who].id
        if kind.memory:
            harness.services.memory.put(telegram_id, kind.name)
        else:
            await pending.put(db, cast.member_ids[who], kind.name, {})
        replies = await cast[who].say("Fforwm Newydd")
        assert not any(ERROR in t for t in texts_of(replies)), (kind.name, who)
        allowed = LEVEL[who] >= kind.role
        assert denied(harness, replies, len(harness.sim.callback_answers)) is not allowed, who
        if not allowed:
            assert await pending.get(db, cast.member_ids[who]) is None
            assert harness.services.memory.get(telegram_id) is None
        await steps_done(harness, cast.member_ids[who], telegram_id)


async def steps_done(harness: Harness, member_id: int, telegram_id: int) -> None:
    await pending.clear(harness.services.db, member_id)
    harness.services.memory.discard(telegram_id)


# ---------------------------------------------------------------- real objects, real effects


@dataclass(frozen=True)
class Case:
    """A button with data naming a real object, who may press it and what it changes."""

    make: Callable[[Cast], object]  # returns the data, or a coroutine giving it
    allowed: frozenset[str]
    changes: frozenset[str]  # tables changed by an allowed press
    first: str | None = None  # a command sent first, as the flow would have been started


def _case(
    make: Callable[[Cast], object],
    allowed: set[str],
    changes: set[str],
    first: str | None = None,
) -> Case:
    return Case(make, frozenset(allowed), frozenset(changes), first)


async def _invite_for_a(cast: Cast, role: str) -> str:
    invite, _ = await invites.create(
        cast.h.services.db,
        role=role,
        constituency_id=cast.a,
        created_by=None,  # type: ignore[arg-type]
    )
    return WithdrawButton(invite.id).pack()


async def _archived_a(cast: Cast, action: str) -> str:
    """Network A archived as the coordinator's button leaves it: its representative's menu too."""
    h = cast.h
    await constituencies.archive(h.services.db, cast.a)
    await roles_service.refresh_menus_of_representatives(
        h.app.bot, h.services.db, h.settings, cast.a
    )
    return NetworkButton(action, cast.a).pack()  # type: ignore[arg-type]


async def _meeting_of_a(cast: Cast) -> int:
    """A meeting of network A, planned by its representative, ten days ahead."""
    db = cast.h.services.db
    meeting_id = await meetings.create_draft(db, cast.member_ids["rep"], "representative", [86400])
    await meetings.set_networks(db, meeting_id, [cast.a])
    await meetings.set_field(db, meeting_id, "title_cy", "Fforwm")
    await meetings.set_field(db, meeting_id, "title_en", "Forum")
    await meetings.set_start(db, meeting_id, utcnow() + timedelta(days=10))
    await meetings.schedule(db, meeting_id)
    return meeting_id


async def _meeting_button(cast: Cast, action: str) -> str:
    return MeetingButton(await _meeting_of_a(cast), action).pack()  # type: ignore[arg-type]


async def _rsvp(cast: Cast) -> str:
    return RsvpButton(await _meeting_of_a(cast), "yes").pack()


async def _mute(cast: Cast) -> str:
    return MuteButton(await _meeting_of_a(cast), True).pack()


async def _topic_of_a(cast: Cast, action: str) -> str:
    meeting_id = await _meeting_of_a(cast)
    db = cast.h.services.db
    topic = await suggestions.add(db, meeting_id, "en", "Evening clinics", quota_tag="t", limit=3)
    return SuggestButton(action, topic).pack()  # type: ignore[arg-type]


async def _outcome_in_a(cast: Cast) -> str:
    db = cast.h.services.db
    draft = await outcomes.create_draft(db, cast.member_ids["rep"], cast.a)
    for field in outcomes.FIELDS:
        await outcomes.set_text(db, draft, field, "Testun / Text")
    await outcomes.mark_recorded(db, draft, None)
    return ProgressButton(draft).pack()


async def _report_in_a(cast: Cast) -> str:
    services = cast.h.services
    db = services.db
    member = await members.by_id(db, cast.member_ids["member"])
    assert member is not None
    thread = await contact.open_thread(
        db,
        services.secrets,
        member=member,
        rep_id=cast.member_ids["rep"],
        constituency_id=cast.a,
        named=False,
        today=date.today(),  # noqa: DTZ011  # a test's day: any will do
        days=30,
        tz=cast.h.settings.timezone,
    )
    report_id = await contact_blocks.report(
        db,
        services.secrets,
        thread=thread,
        sender=member,
        reporter_id=cast.member_ids["rep"],
        note="",
        today=thread.opened_on,
    )
    return ReportButton(report_id, "block", 3).pack()


COORD = {"coordinator"}
SPEAKS_FOR_A = {"rep", "coordinator"}
MADE = {"invites", "audit_log", "pending_input"}  # the link, its record, the finished question
INVITED_TO_A = {"member", "rep", "coordinator"}  # members of network A
CASES = {
    "cancel a meeting of A (its organiser, or a coordinator)": _case(
        lambda c: _meeting_button(c, "sure"), SPEAKS_FOR_A, {"meetings", "audit_log"}
    ),
    "a meeting of A's page": _case(
        lambda c: _meeting_button(c, "manage"), SPEAKS_FOR_A, {"pending_input"}
    ),
    "reply to a meeting of A": _case(_rsvp, INVITED_TO_A, {"rsvps"}),
    "no more reminders about a meeting of A": _case(_mute, INVITED_TO_A, {"reminder_mutes"}),
    "support a topic for a meeting of A": _case(
        lambda c: _topic_of_a(c, "support"),
        INVITED_TO_A,
        {"agenda_suggestions", "agenda_supports", "pending_input"},
    ),
    "put a topic for a meeting of A on its agenda": _case(
        lambda c: _topic_of_a(c, "agenda"),
        SPEAKS_FOR_A,
        {
            "agenda_suggestions",
            "audit_log",
            "delivery_batches",
            "deliveries",
            "meeting_batches",
            "pending_input",
        },
    ),
    # pending_input: the list now waits for a press
    "show network A": _case(lambda c: NetworkButton("show", c.a).pack(), COORD, {"pending_input"}),
    "close network A": _case(
        lambda c: NetworkButton("close", c.a).pack(), COORD, {"constituencies", "audit_log"}
    ),
    "archive network A": _case(
        # members: its representative's menu is replaced at once (a member's now)
        lambda c: NetworkButton("sure", c.a).pack(),
        COORD,
        {"constituencies", "audit_log", "members"},
    ),
    "rename network A": _case(
        lambda c: NetworkButton("rename", c.a).pack(), COORD, {"pending_input"}
    ),
    "add a network": _case(lambda c: NetworkButton("new").pack(), COORD, {"pending_input"}),
    "show archived network A": _case(
        lambda c: _archived_a(c, "archived"), COORD, {"pending_input"}
    ),
    "restore network A": _case(
        # members: its representative's menu is a representative's again, at once
        lambda c: _archived_a(c, "restore"),
        COORD,
        {"constituencies", "audit_log", "pending_input", "members"},
    ),
    "load health boards": _case(
        lambda c: NetworkButton("seed").pack(),
        COORD,
        {"constituencies", "audit_log", "pending_input"},
    ),
    "member invite to A": _case(
        lambda c: InviteButton("m", c.a, "n", 7).pack(), SPEAKS_FOR_A, MADE, first="/invite"
    ),
    "member invite to B": _case(
        lambda c: InviteButton("m", c.b, "1", 1).pack(),
        {"rep_other", "coordinator"},
        MADE,
        first="/invite",
    ),
    "representative invite to A": _case(
        lambda c: InviteButton("r", c.a, "1", 7).pack(), COORD, MADE, first="/invite"
    ),
    "coordinator invite": _case(
        lambda c: InviteButton("c", None, "1", 30).pack(), COORD, MADE, first="/invite"
    ),
    "withdraw member invite to A": _case(
        lambda c: _invite_for_a(c, "member"), SPEAKS_FOR_A, {"invites", "audit_log"}
    ),
    "withdraw representative invite to A": _case(
        lambda c: _invite_for_a(c, "representative"), COORD, {"invites", "audit_log"}
    ),
    "record an outcome for A": _case(
        lambda c: OutcomeButton(None, "net", str(c.a)).pack(),
        SPEAKS_FOR_A,
        {"outcomes", "pending_input"},  # the draft, and its first question
    ),
    "add progress to an outcome of A": _case(
        _outcome_in_a, SPEAKS_FOR_A, {"outcome_updates", "pending_input"}
    ),
    "stop the sender of a report": _case(_report_in_a, COORD, {"contact_reports", "audit_log"}),
    "remove the other representative's role": _case(
        # members: the person's menu is replaced at once, and which menu they have is recorded
        lambda c: RoleButton(c.role_ids["rep_other"], sure=True).pack(),
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
    if spec.first is not None:
        await cast[who].say(spec.first)
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
