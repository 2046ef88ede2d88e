"""The one slot per person: what their next typed text answers, if anything.

Every question the bot asks puts one `Kind` in the asker's slot and so replaces whatever
was waiting before: a broadcast left half-written never swallows the view typed after
`/feedback`. A kind declares the role it needs (checked again when the text arrives, so a
role removed mid-flow is refused), and either takes typed text (`@takes_text(KIND)`) or
waits for a button press, in which case text gets "Please use the buttons above: …" with
the kind's own labels, in the person's language, and the flow keeps its state.

Two homes, one slot: kinds that must survive a restart are rows (`storage.pending`, one per
member); `memory=True` kinds live only in `bot.tg.memory` (before consent nothing may be
stored; an anonymous view's words never touch the disk). Asking one kind clears the other
home, so there is never more than one answer to "who takes this text?".

    NAME = steps.kind("constituency.name", Role.COORDINATOR)
    @steps.takes_text(NAME)
    async def name_typed(update, context, waiting): ...
    await steps.ask(context, NAME, {"id": 3})
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from babel.lists import format_list
from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import Context, Services
from bot.domain.access import Role
from bot.i18n import LANGS, N_, SEPARATOR, Tr
from bot.storage import pending
from bot.tg import clock, support
from bot.tg.auth import deny, requires
from bot.tg.memory import Forgettable
from bot.tg.ui import reply

USE_BUTTONS = N_("Please use the buttons above: {buttons}.")


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of question the bot can be waiting on."""

    name: str
    role: Role
    buttons: tuple[str, ...] = ()  # N_() labels, named when text comes instead of a press
    hint: str | None = None  # or an N_() sentence saying what to press
    memory: bool = False  # held in memory only (see the module docstring)


@dataclass(slots=True)
class Waiting:
    kind: Kind
    data: dict[str, Any] = field(default_factory=dict)
    payload: Forgettable | None = None  # memory kinds only: e.g. a view draft


Step = Callable[[Update, Context, Waiting], Awaitable[None]]
_KINDS: dict[str, Kind] = {}
_TEXT: dict[str, Step] = {}


@clock.due_work("memory.sweep")
async def _sweep(services: Services, now: datetime) -> bool:
    """Let go of memory-held questions and drafts left for 15 minutes."""
    services.memory.sweep()
    return False


def kind(
    name: str,
    role: Role,
    *,
    buttons: tuple[str, ...] = (),
    hint: str | None = None,
    memory: bool = False,
) -> Kind:
    """Declare a kind of question (module level, once per name)."""
    if name in _KINDS:
        raise ValueError(f"step kind {name!r} is declared twice")
    declared = Kind(name, role, buttons, hint, memory)
    _KINDS[name] = declared
    return declared


def takes_text(waiting_for: Kind) -> Callable[[Step], Step]:
    """Register the handler for text typed while `waiting_for` is in the slot."""

    def register(fn: Step) -> Step:
        _TEXT[waiting_for.name] = fn
        return fn

    return register


def kinds() -> dict[str, Kind]:
    """Every declared kind (the authorization matrix walks these)."""
    return dict(_KINDS)


def text_step(waiting_for: Kind) -> Step | None:
    return _TEXT.get(waiting_for.name)


async def ask(
    context: Context,
    asked: Kind,
    data: dict[str, Any] | None = None,
    *,
    payload: Forgettable | None = None,
) -> None:
    """Put `asked` in the person's slot, replacing whatever was waiting."""
    visit = context.visit
    memory = context.services.memory
    if asked.memory:
        if visit.member is not None:
            await pending.clear(context.db, visit.member.id)
        memory.put(visit.telegram_id, asked.name, data, payload)
        return
    if visit.member is None:
        raise RuntimeError(f"{asked.name}: only members' questions are stored")
    memory.discard(visit.telegram_id)
    await pending.put(context.db, visit.member.id, asked.name, data)


async def current(context: Context) -> Waiting | None:
    """What the person's next text answers, or None."""
    visit = context.visit
    held = context.services.memory.get(visit.telegram_id)
    if held is not None and held.kind in _KINDS:
        return Waiting(_KINDS[held.kind], held.data, held.payload)
    if visit.member is None:
        return None
    row = await pending.get(context.db, visit.member.id)
    if row is None or row.kind not in _KINDS:
        return None
    return Waiting(_KINDS[row.kind], row.data)


async def expecting(context: Context, *wanted: Kind) -> Waiting | None:
    """The slot, if it holds one of `wanted` (so a press on an old flow's button can be told)."""
    waiting = await current(context)
    return waiting if waiting is not None and waiting.kind in wanted else None


def touch(context: Context) -> None:
    """The person is still working on a memory-held step: give it another 15 minutes."""
    memory = context.services.memory
    held = memory.get(context.visit.telegram_id)
    if held is not None:
        memory.touch(held)


async def done(context: Context) -> None:
    """Empty the slot: nothing is waiting for text any more."""
    visit = context.visit
    context.services.memory.discard(visit.telegram_id)
    if visit.member is not None:
        await pending.clear(context.db, visit.member.id)


def use_buttons(tr: Tr, waiting_for: Kind) -> str:
    """'Please use the buttons above: “Send”, “Edit” or “Cancel”.' in the reader's language."""
    if waiting_for.hint is not None:
        return tr.gettext(waiting_for.hint)
    # Quoted, as names of buttons: so Welsh "neu" needs no mutation of the label after it.
    labels = [tr.gettext("“{label}”").format(label=tr.gettext(b)) for b in waiting_for.buttons]
    return tr.gettext(USE_BUTTONS).format(buttons=format_list(labels, style="or", locale=tr.locale))


Otherwise = Callable[[Update, Context], Awaitable[None]]


async def route(update: Update, context: Context, otherwise: Otherwise) -> None:
    """Text goes to what the person's slot is waiting for; else to `otherwise`."""
    waiting = await current(context)
    if waiting is None:
        await otherwise(update, context)
        return
    if not context.visit.access.has(waiting.kind.role):
        await done(context)
        await deny(update, context, waiting.kind.role)
        return
    step = _TEXT.get(waiting.kind.name)
    if step is not None:
        await step(update, context, waiting)
        return
    await support.offer_if_needed(update, context)
    if context.visit.lang is None:
        text = SEPARATOR.join(use_buttons(context.tr_for(lang), waiting.kind) for lang in LANGS)
    else:
        text = use_buttons(context.tr, waiting.kind)
    await reply(update, context, text)


def text_handler(otherwise: Otherwise) -> BaseHandler[Update, Context, None]:
    """Every private text that is not a command; registered after every journey."""

    @requires(Role.ANYONE)
    async def on_text(update: Update, context: Context) -> None:
        """Route typed text to the question it answers, else to `otherwise`."""
        await route(update, context, otherwise)

    return MessageHandler(
        filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
        on_text,
    )


__all__ = [
    "Kind",
    "Waiting",
    "ask",
    "current",
    "done",
    "expecting",
    "kind",
    "kinds",
    "route",
    "takes_text",
    "text_handler",
    "touch",
    "use_buttons",
]
